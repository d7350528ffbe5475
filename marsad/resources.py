"""Shared, read-only resources of a run: config, user knowledge-base files, and a memo of
heavy objects (name automata, lexicons) built once per process, never per document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from marsad.config import load_config

T = TypeVar("T")


@dataclass
class Resources:
    config: dict[str, Any] = field(default_factory=load_config)
    kb_files: list[Path] = field(default_factory=list)  # user additions/corrections (--kb)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def get(self, name: str, build: Callable[[Resources], T]) -> T:
        """Return the object called ``name``, building it on first use."""
        if name not in self._memo:
            self._memo[name] = build(self)
        return self._memo[name]
