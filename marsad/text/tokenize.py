"""Tokens with offsets, proclitic stripping and the splitting of glued words.

Arabic writes conjunctions, prepositions and the article onto the next word (وبوتين,
لترامب, بالكرملين), and careless typing glues two words (روسياوأوكرانيا). Matching needs
the bare word; the offsets must still point into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize

# A word: letters (any script), digits, and Arabic combining marks/tatweel inside it.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # as in the original
    norm: str  # matching key


# Every stage tokenises every sentence, so a token is made without the frozen dataclass's
# ``__init__`` (four ``object.__setattr__`` calls): its slots are filled directly, the same object.
_new = object.__new__
_set_start, _set_end = Token.start.__set__, Token.end.__set__  # type: ignore[attr-defined]
_set_text, _set_norm = Token.text.__set__, Token.norm.__set__  # type: ignore[attr-defined]


def tokenize(text: str) -> list[Token]:
    """Word tokens (punctuation is skipped) with original offsets and matching keys."""
    out = []
    for m in _WORD.finditer(text):
        t, w = _new(Token), m.group()
        _set_start(t, m.start())
        _set_end(t, m.end())
        _set_text(t, w)
        _set_norm(t, normalize(w))
        out.append(t)
    return out


def norms(text: str) -> list[str]:
    """The matching keys of ``tokenize(text)``, for callers that read no offsets."""
    return [normalize(w) for w in _WORD.findall(text)]


@lru_cache(maxsize=1)
def _clitics() -> tuple[tuple[str, ...], int]:
    data = load_json("clitics.json")
    prefixes = tuple(sorted({normalize(p) for p in data["proclitics"]}, key=len, reverse=True))
    return prefixes, int(data["min_stem"])


@lru_cache(maxsize=WORDS)
def proclitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """Possible (prefix, stem) readings of a normalised word, the bare word first.

    ``وبالكرملين`` gives ``("", "وبالكرملين")``, ``("وبال", "كرملين")``, ``("و", "بالكرملين")``...
    Callers keep the reading whose stem they know. Cached: every stage asks for the same words.
    """
    prefixes, min_stem = _clitics()
    out = [("", word)]
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= min_stem:
            out.append((p, word[len(p):]))
    return tuple(out)


def peel(word: str, min_stem: int = 3) -> tuple[str, str]:
    """(proclitics, stem) of a normalised word: the longest peel that leaves ``min_stem`` letters
    (وبالرئيس -> وبال, رئيس); a word too short to peel is its own stem. For features and keys
    that must not depend on whether a writer glued a conjunction or preposition on."""
    best = ("", word)
    for p, s in proclitic_splits(word):
        if len(s) >= min_stem and len(p) > len(best[0]):
            best = (p, s)
    return best


def strip_proclitics(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """The longest-prefix reading whose stem is known (``None`` if none is)."""
    for prefix, stem in sorted(proclitic_splits(word), key=lambda ps: -len(ps[0])):
        if known(stem):
            return prefix, stem
    return None


def split_glued(word: str, known: Callable[[str], bool]) -> list[tuple[int, int]] | None:
    """Split a glued word at a conjunction when both halves are known words.

    Returns character spans (relative to ``word``, normalised or original alike when the
    word has no diacritics) of the two halves, the second keeping its conjunction:
    ``روسياوأوكرانيا`` -> ``روسيا`` + ``وأوكرانيا``. ``None`` when no split is safe.
    """
    conj = {normalize(c) for c in load_json("clitics.json")["conjunctions"]}
    w = normalize(word)
    if len(w) < 6 or known(w):
        return None
    for i in range(3, len(w) - 2):
        if w[i] in conj and known(w[:i]) and known(w[i + 1:]):
            return [(0, i), (i, len(w))]
    return None


def words(text: str) -> Iterable[str]:
    """Normalised word keys of ``text`` (convenience for indexing and similarity)."""
    return iter(norms(text))
