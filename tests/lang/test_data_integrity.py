"""Language data is checked like code: it loads, and it holds no characters that never
occur in real text (presentation forms, stray control characters)."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

DATA = resources.files("marsad.lang.ar").joinpath("data")
FILES = sorted(p for p in DATA.rglob("*") if p.is_file()) if hasattr(DATA, "rglob") else []
if not FILES:  # Traversable without rglob
    from pathlib import Path

    FILES = sorted(p for p in Path(str(DATA)).rglob("*") if p.is_file())

PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_data_file_loads_and_has_only_real_text_characters(path):
    text = path.read_text("utf-8")
    assert not PRESENTATION.search(text), f"{path.name}: Arabic presentation-form characters never match real text"
    assert not CONTROL.search(text), f"{path.name}: control characters"
    if path.suffix == ".json":
        json.loads(text)
    elif path.suffix == ".txt":
        items = [x.strip() for x in text.splitlines() if x.strip() and not x.lstrip().startswith("#")]
        dups = {x for x in items if items.count(x) > 1}
        assert not dups, f"{path.name}: duplicate lines {sorted(dups)[:5]}"


def test_there_is_language_data():
    assert len(FILES) >= 20
