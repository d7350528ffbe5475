"""Where the benchmarks leave their figures: one section each in ``bench/results/latest.json``.

Every benchmark prints its own report and saves the figures the issue's goals are stated in;
``bench/summary.py`` reads them back into the one table ``make bench`` ends with. A section
carries the commit, the day and the machine it was measured on, since figures from different
machines (or a loaded one) are not comparable.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
LATEST = RESULTS / "latest.json"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=RESULTS.parent, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=RESULTS.parent).stdout.strip()
        return out + ("+" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def save(section: str, figures: dict, path: Path = LATEST) -> None:
    """Replace ``section`` of the results file with ``figures`` (and when and where they came from)."""
    data = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    data[section] = {"commit": _commit(), "day": date.today().isoformat(), "machine": machine(), **figures}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def load(path: Path = LATEST) -> dict:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}
