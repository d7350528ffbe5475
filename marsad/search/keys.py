"""Search keys: what the full-text index stores for each word, and how a query word expands.

A word is indexed as its *surface key*: the marsad-normalised token (so spelling of hamza,
alef, ta marbuta and diacritics never matter) with one light suffix removed. Proclitics
(و، ب، ال، وبال...) are NOT stripped at index time, because no rule can tell the ب of بوتين
from the ب of بروسيا. Instead a query word expands to the keys of every proclitic form of
it that the index has actually seen (``بوتين`` -> بوتين, وبوتين, لبوتين...), which is exact
for the forms present and never strips a letter that belongs to the word.

Transliteration variants (ترمب/ترامب, بوتن/بوتين) are linked by a consonant *skeleton*
(long vowels dropped after the first letter): a query word also expands to indexed words with
the same skeleton that differ by exactly one long vowel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize
from marsad.text.tokenize import _WORD, proclitic_splits


@dataclass(frozen=True, slots=True)
class KeyedToken:
    start: int  # offsets into the original text
    end: int
    surface: str  # normalised token
    key: str  # what the index stores


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[str, ...], int, frozenset[str], int]:
    d = load_json("search.json")
    suffixes = tuple(sorted({normalize(s) for s in d["suffixes"]}, key=len, reverse=True))
    return suffixes, int(d["min_stem"]), frozenset(d["long_vowels"]), int(d["min_variant_len"])


@lru_cache(maxsize=WORDS)
def word_key(surface: str) -> str:
    """The index key of a normalised word: one light suffix off when enough stem remains."""
    suffixes, min_stem, _, _ = _data()
    for s in suffixes:
        if surface.endswith(s) and len(surface) - len(s) >= min_stem:
            return surface[: -len(s)]
    return surface


@lru_cache(maxsize=WORDS)
def skeleton(surface: str) -> str:
    """Consonant skeleton of a normalised word (long vowels dropped after the first letter)."""
    _, _, vowels, _ = _data()
    return surface[:1] + "".join(c for c in surface[1:] if c not in vowels)


def is_vowel_variant(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted long vowel and are long enough."""
    _, _, vowels, min_len = _data()
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < min_len:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i, c in enumerate(long_):
        if c in vowels and long_[:i] + long_[i + 1:] == short:
            return True
    return False


def keyed_tokens(text: str) -> Iterator[KeyedToken]:
    """Tokens of ``text`` with original offsets and index keys.

    A token whose normalised form contains a space or punctuation (rare NFKC expansions) is
    split so that one original token maps to whole index words.
    """
    for m in _WORD.finditer(text):
        surface = normalize(m.group())
        if not surface:
            continue
        if " " in surface:
            for part in surface.split():
                yield KeyedToken(m.start(), m.end(), part, word_key(part))
        else:
            yield KeyedToken(m.start(), m.end(), surface, word_key(surface))


def keyed_words(text: str) -> Iterator[tuple[str, str]]:
    """(surface, key) of each of ``keyed_tokens(text)``, in order: what indexing reads, without
    making a token with offsets for every word of every article, nor a list of a page's words."""
    for m in _WORD.finditer(text):
        surface = normalize(m.group())
        if not surface:
            continue
        if " " in surface:
            for part in surface.split():
                yield part, word_key(part)
        else:
            yield surface, word_key(surface)


def index_text(text: str | None) -> str:
    """The string stored in the FTS column: space-separated keys, one per word, in order."""
    if not text:
        return ""
    return " ".join(key for _, key in keyed_words(text))


@lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    """Every proclitic sequence a word may carry: single ones and conjunction + one more."""
    data = load_json("clitics.json")
    single = {normalize(p) for p in data["proclitics"]}
    conj = {normalize(c) for c in data["conjunctions"]}
    return tuple(sorted({""} | single | {c + p for c in conj for p in single}))


def readings(surface: str) -> list[str]:
    """The word as typed and without each proclitic it may carry.

    A one-letter proclitic is only taken off when four letters remain (so بيان is never read
    as ب + يان, which would then match كيان); longer ones (ال، وال، بال) when three remain.
    """
    _, min_stem, _, _ = _data()
    out = [surface]
    for prefix, stem in proclitic_splits(surface):
        need = min_stem + 1 if len(prefix) == 1 else min_stem
        if prefix and len(stem) >= need and stem not in out:
            out.append(stem)
    return out


def candidate_surfaces(reading: str) -> list[str]:
    """All proclitic forms of a bare word (the caller keeps those the index has seen)."""
    return [p + reading for p in _prefixes()]


# -- publication days -------------------------------------------------------------------------
# Each indexed document also carries its publication year, month and day as keys in a column of
# their own (``days``: ``y2024 m202403 d20240305``), so a date filter is matched inside the
# full-text index instead of by looking up every matching document's date.

def day_keys(published: str | None) -> str:
    """``y2024 m202403 d20240305`` for a publication date (ISO, maybe with a time); "" when unknown."""
    p = (published or "")[:10]
    if len(p) != 10 or not (p[:4].isdigit() and p[4] == "-" and p[5:7].isdigit() and p[7] == "-"
                            and p[8:10].isdigit()):
        return ""
    return f"y{p[:4]} m{p[:4]}{p[5:7]} d{p[:4]}{p[5:7]}{p[8:10]}"


def range_keys(since: str | None, until: str | None, first_year: int, last_year: int) -> list[str]:
    """The ``days`` keys that cover exactly the days from ``since`` to ``until`` (ISO dates; an
    open end reaches ``first_year`` or ``last_year``): whole years as year keys, whole months as
    month keys, the days of a part month as day keys."""
    lo = date.fromisoformat(since[:10]) if since else date(first_year, 1, 1)
    hi = date.fromisoformat(until[:10]) if until else date(last_year, 12, 31)
    out: list[str] = []
    d = lo
    while d <= hi:
        year_end, month_end = date(d.year, 12, 31), (date(d.year + (d.month == 12), d.month % 12 + 1, 1)
                                                    - timedelta(days=1))
        if d.month == 1 and d.day == 1 and year_end <= hi:
            out.append(f"y{d.year}")
            d = year_end + timedelta(days=1)
        elif d.day == 1 and month_end <= hi:
            out.append(f"m{d.year}{d.month:02d}")
            d = month_end + timedelta(days=1)
        else:
            out.append(f"d{d.year}{d.month:02d}{d.day:02d}")
            d += timedelta(days=1)
    return out
