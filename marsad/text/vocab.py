"""Known Arabic words for glued-word splitting: country and region names from CLDR (Babel)
plus any words other layers register (e.g. knowledge-base names)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from marsad.text.normalize import normalize

_extra: set[str] = set()


@lru_cache(maxsize=1)
def _cldr_words() -> frozenset[str]:
    words: set[str] = set()
    for name in Locale("ar").territories.values():
        for w in normalize(name).split():
            words.add(w)
            if w.startswith("ال") and len(w) > 4:
                words.add(w[2:])
    return frozenset(w for w in words if len(w) >= 3)


def register(words: set[str] | frozenset[str]) -> None:
    """Add normalised words (e.g. from the knowledge base) to the vocabulary."""
    _extra.update(words)


def known_word(norm: str) -> bool:
    """Is ``norm`` (a normalised word, possibly with a conjunction prefix) a known word?"""
    if norm in _extra or norm in _cldr_words():
        return True
    return norm[:1] in ("و", "ف") and (norm[1:] in _extra or norm[1:] in _cldr_words())
