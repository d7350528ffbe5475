"""Fixtures shared by the extraction tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document

Coded = list[tuple[str, str | None, str | None]]


@pytest.fixture(scope="module")
def coded_actions() -> Callable[[str], Coded]:
    """(type, source, target) of each action marsad codes in a one-sentence text."""
    res = Resources()

    def coded(text: str) -> Coded:
        doc = prepare(Document(id="t", text=text, published="2024-06-01", language="ar"), res)
        return [(a.type, a.source, a.target) for a in analyse(doc, res).actions]

    return coded
