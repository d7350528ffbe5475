"""marsad (مرصد): Arabic news to a traceable record of events, quotes, actors and dates.

Public API: ``Store`` (the database), ``ingest_paths`` (read and store articles),
``prepare``/``analyse`` (the per-document pipeline), ``Resources`` (config and shared data).
Imported on first use (PEP 562), so ``marsad --help`` and small commands start fast.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {"Store": "marsad.store", "ingest_paths": "marsad.ingest.run", "prepare": "marsad.pipeline",
            "analyse": "marsad.pipeline", "Resources": "marsad.resources"}

__all__ = ["Store", "ingest_paths", "prepare", "analyse", "Resources"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'marsad' has no attribute {name!r}")
