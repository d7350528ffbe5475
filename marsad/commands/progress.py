"""The ingest progress bar: a total and time left when the input can be counted, the rate always.

Drawn on stderr with click's progress bar (no extra dependency) only when stderr is a terminal
(or ``--progress`` forces it); silent otherwise, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

import click


class Progress:
    def __init__(self, total: int | None, enabled: bool, out: TextIO | None = None):
        self.out = out or sys.stderr
        self.enabled, self.total, self.done = enabled, total, 0
        self.start = time.monotonic()
        self._bar = None
        if enabled and total:
            self._bar = click.progressbar(length=total, label="ingesting", file=self.out, show_pos=True,
                                          show_eta=True, width=30,
                                          item_show_func=lambda rate: f"{rate:.1f}/s" if rate else None)
            self._bar.__enter__()

    def tick(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(1, self.done / max(time.monotonic() - self.start, 1e-9))
            return
        if self.done % 10 == 0:
            rate = self.done / max(time.monotonic() - self.start, 1e-9)
            self.out.write(f"\ringesting: {self.done} items, {rate:.1f}/s")
            self.out.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
        else:
            self.out.write("\n")
        rate = self.done / max(time.monotonic() - self.start, 1e-9)
        self.out.write(f"{self.done} items in {time.monotonic() - self.start:.1f} s ({rate:.1f}/s)\n")
        self.out.flush()
