"""Arabic language data: loaders for the files under ``data/``.

Code never hard-codes Arabic words; it asks for a data file by name here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_PKG = "marsad.lang.ar"


def data_path(name: str):
    """A Traversable for ``data/<name>`` inside the installed package."""
    return resources.files(_PKG).joinpath("data", name)


@cache
def load_json(name: str) -> Any:
    """Load ``data/<name>`` (JSON), cached: the files are read-only at run time."""
    with data_path(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Load a one-item-per-line list, skipping blanks and ``#`` comments."""
    with data_path(name).open(encoding="utf-8") as fh:
        return tuple(
            line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )
