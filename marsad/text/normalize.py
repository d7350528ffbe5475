"""Normalisation for *matching*, with a map back to the original offsets.

Stored text is never rewritten (beyond :func:`clean_stored`); every analysis stage
matches on a normalised view and maps spans back through ``NormText.span``. The character
map lives in ``lang/ar/data/charmap.json``. camel-tools' utilities do the same letter
unification but drop the offset map, which marsad needs for every span it shows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.caches import WORDS

_WS = re.compile(r"\s+")
_RUNS = re.compile("\x01+|[^\x01]")


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], dict[str, str]]:
    data = load_json("charmap.json")
    return frozenset(data["drop"]), dict(data["map"])


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text plus, for each of its characters, the original offset."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def _char(c: str, drop: frozenset[str], cmap: dict[str, str]) -> str:
    if c in drop:
        return ""
    m = cmap.get(c)
    if m is not None:
        return m
    if c.isascii():
        return c.lower()
    cat = unicodedata.category(c)
    if cat == "Mn":  # any other combining mark
        return ""
    if cat.startswith("Z"):
        return " "
    n = unicodedata.normalize("NFKC", c)
    if n != c:
        return "".join(_char(x, drop, cmap) for x in n)
    return c.lower()


_CHARS: dict[str, str] = {}  # character -> its normalised form, filled as characters are met
# The same as ``str.translate`` tables, grown with ``_CHARS``: code point -> normalised form, code
# point -> its length as a character (for the offsets), and the characters not mapped one for one.
_TABLE: dict[int, str] = {}
_LENGTHS: dict[int, str] = {}
_UNEVEN: set[str] = set()


# From this length a text is a whole document (or its body), which several steps normalise in
# turn (content hash, near-duplicate signature, entities, times, facts): the last ones are kept.
_DOCUMENT_CHARS = 1000


def normalize_map(text: str) -> NormText:
    """Normalise ``text`` for matching and keep the offset of every output character.

    Linear and in C for any length: each distinct character is mapped once (``_char``), the
    text by ``str.translate``, and the offsets by repeating each index by its output length."""
    if len(text) >= _DOCUMENT_CHARS:
        return _document_map(text)
    return _normalize_map(text)


@lru_cache(maxsize=2)
def _document_map(text: str) -> NormText:
    """``normalize_map`` of a document, kept for the next step (a NormText is immutable)."""
    return _normalize_map(text)


def _learn(text: str) -> set[str]:
    """The characters of ``text``, each one not met before now mapped in every table."""
    chars = set(text)
    new = chars.difference(_CHARS)
    if new:
        drop, cmap = _table()
        for c in new:
            m = _char(c, drop, cmap)
            _TABLE[ord(c)], _LENGTHS[ord(c)] = m, chr(len(m))
            if len(m) != 1:
                _UNEVEN.add(c)
            _CHARS[c] = m  # last: a character in _CHARS is in every table
    return chars


def normalize_text(text: str) -> str:
    """``normalize_map(text).text`` without the offsets: for a text only compared or hashed (a
    whole stored page of megabytes among them), whose offsets would cost several times its size."""
    _learn(text)
    return text.translate(_TABLE)


def _normalize_map(text: str) -> NormText:
    chars = _learn(text)
    out = text.translate(_TABLE)
    if _UNEVEN.isdisjoint(chars):
        return NormText(out, tuple(range(len(text) + 1)))
    lengths = text.translate(_LENGTHS)  # output length per character
    offs: list[int] = []
    for run in _RUNS.finditer(lengths):  # runs of one-for-one characters, or one dropped/expanded one
        if run.group()[0] == "\x01":
            offs.extend(range(run.start(), run.end()))
        else:
            offs.extend([run.start()] * ord(run.group()))
    offs.append(len(text))
    return NormText(out, tuple(offs))


def normalize(text: str) -> str:
    """Matching key of a string: unified letters, no diacritics, single spaces. Words and short
    phrases (the lexicons' and the tokens') repeat and are kept; longer texts (a sentence, a whole
    article) are not, since a cache of thousands of articles is gigabytes."""
    return _normalize_short(text) if len(text) <= _CACHED_CHARS else _normalize(text)


_CACHED_CHARS = 64


@lru_cache(maxsize=WORDS)
def _normalize_short(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    return _WS.sub(" ", normalize_text(text)).strip()


def clean_stored(text: str) -> str:
    """The only rewrite applied to stored text: line endings (one character fewer for each CRLF),
    NFC, BOMs and NUL bytes. A BOM opening the text and a NUL byte become a space, so that what
    follows keeps its offset in the text as submitted (a JSON text field opening with a BOM, as a
    file's first line pasted whole does); a BOM inside the text, a zero-width no-break space in
    old texts, is dropped so that it splits no word."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    return unicodedata.normalize("NFC", text)


def is_arabic_letter(c: str) -> bool:
    return "\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3" or "\u06fa" <= c <= "\u06ff"


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (used for language detection)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)
