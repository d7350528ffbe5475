"""Arabic words are language data: they live in files under marsad/lang/ar/data, never in code.

Every module of the package is parsed; each string constant that is not a docstring is split
into runs of Arabic letters. A run of one letter is orthography (a proclitic letter, a letter
class such as ة/ه); so is a run on ``ORTHOGRAPHY``. Anything else is a word, and a word in
code is one that a new text or dialect cannot reach without a code change.
"""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "marsad"

# Letter runs code may hold, because they are spelling, not vocabulary.
ORTHOGRAPHY = {
    # the definite article, and ل + ال written لل: stripped or added as spelling, not looked up
    "ال": "definite article",
    "لل": "ل + ال contracted",
    # sets of one-letter proclitics written as one string for a membership test (x in "وف",
    # [وف]? in a regex): each letter is a clitic on its own, the run is no word
    "وف": "و/ف conjunction clitics",
    "وفلب": "و/ف/ل/ب clitics",
    "وفبلك": "و/ف/ب/ل/ك clitics",
    "لبك": "ل/ب/ك clitics",
    "بلك": "ب/ل/ك clitics",
    "هة": "final ه/ة, one letter class",
}
# The product's own name, in the web app's title only: a proper name, not language the code reads.
PRODUCT_NAME = "مرصد"
PRODUCT_NAME_IN = "web"

# Arabic letters and marks; not the tatweel (U+0640), punctuation (، ؛ ؟) or digits.
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _is_arabic_letter(c: str) -> bool:
    return any(a <= ord(c) <= b for a, b in ARABIC_BLOCKS) and unicodedata.category(c) in ("Lo", "Mn")


def letter_runs(s: str) -> list[str]:
    runs, cur = [], []
    for c in s + " ":
        if _is_arabic_letter(c):
            cur.append(c)
        elif cur:
            runs.append("".join(cur))
            cur = []
    return runs


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def words_in_code(source: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, run) for every Arabic letter run in a non-docstring constant that is a word."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for run in letter_runs(node.value):
                bare = "".join(c for c in run if unicodedata.category(c) != "Mn")
                if len(bare) > 1 and bare not in ORTHOGRAPHY and bare not in allowed:
                    found.append((node.lineno, run))
    return sorted(found)


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_scan_sees_words_and_lets_orthography_pass():
    src = 'A = "قال"\nB = r"(?:في\\s)"\nC = "،"\nD = "وف"\nE = f"x{y}منذ"\n\n\ndef f():\n    """قال: a docstring"""\n'
    assert words_in_code(src) == [(1, "قال"), (2, "في"), (5, "منذ")]
    assert words_in_code('X = ("ال", "ـ", "و", "ة", "«»", "٢٠٢٥")') == []
    assert words_in_code('X = "\\u0641\\u064a"\nY = "غداً"') == [(1, "في"), (2, "غداً")]  # escapes, marks
    assert words_in_code('X = "مرصد"') == [(1, "مرصد")]
    assert words_in_code('X = "مرصد"', frozenset({PRODUCT_NAME})) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_arabic_words_in_code(path: Path):
    rel = path.relative_to(PACKAGE)
    allowed = frozenset({PRODUCT_NAME}) if rel.parts[0] == PRODUCT_NAME_IN else frozenset()
    found = words_in_code(path.read_text("utf-8"), allowed)
    assert not found, f"{rel}: Arabic words in code, move them to a data file: {found}"


def test_every_module_is_scanned():
    assert len(MODULES) > 50
