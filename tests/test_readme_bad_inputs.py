"""The README's table of bad inputs names one test per row: each must exist, so the table and
the tests cannot drift apart."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _rows() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Bad input"):readme.index("## The export contract")]
    return re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", section)


def test_every_row_names_an_existing_test():
    rows = _rows()
    assert len(rows) >= 20
    for path, name in rows:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert name in names, f"README names {path}::{name}, which does not exist"


def test_one_test_per_row():
    rows = _rows()
    assert len(rows) == len(set(rows))
