"""A fingerprint of the marsad code and language data a process runs, so Dask workers can prove they match.

A Dask worker imports marsad from its own disk when it starts. A worker started from
another checkout or release, or after a file changed under a running client (a deploy, an
edit in the working tree), computes other analyses and other events without any error: the
partitioned event linker then silently differs from the sequential one. Tasks carry the
client's fingerprint and a worker refuses to run them under a different one.

The fingerprint is taken once, when this module is first imported (the client imports it
when it starts; a worker when it unpickles its first task), over the files that decide
results: Python modules, language data and the default config. Samples and the web app
are left out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_SUFFIXES = {".py", ".json", ".tsv", ".txt", ".toml"}
_SKIP = {"samples", "web", "__pycache__"}


def fingerprint(root: Path) -> str:
    """sha1 over the relative path and bytes of every result-deciding file under ``root``."""
    h = hashlib.sha1()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _SUFFIXES
                   and not _SKIP & set(p.relative_to(root).parts[:-1]))
    for p in files:
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


CODE = fingerprint(Path(__file__).resolve().parents[1])


def check(expected: str | None, task: str) -> None:
    """Refuse a task that was planned under other marsad code or data than this process runs."""
    if expected is not None and expected != CODE:
        raise RuntimeError(
            f"{task}: this Dask worker runs other marsad code or language data than the client"
            f" (fingerprint {CODE[:12]} here, {expected[:12]} at the client). Install the same marsad"
            " on the client and every worker and restart the workers (files changed after they started?).")
