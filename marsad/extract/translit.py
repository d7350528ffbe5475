"""A transliteration-aware key for names, so spellings of one foreign name meet.

Arabic media write a foreign name several ways (هيغسيث/هيجسيث, زيلينسكي/زيلنسكي, ترامب/ترمب):
vowels are written or not, and one foreign sound has several letters. The key keeps the
consonant skeleton of each word with letters of one sound class unified (classes in
``lang/ar/data/translit.json``), so such variants share a key while different names do not.
Latin-script names are mapped to the same skeleton, so ``Zelensky`` meets ``زيلينسكي``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, str], list[tuple[str, str]]]:
    data = load_json("translit.json")
    cls = {letter: head for head, letters in data["classes"].items() for letter in letters}
    latin = sorted(data["latin"].items(), key=lambda kv: -len(kv[0]))
    return frozenset(data["drop_inside"]), cls, latin


@lru_cache(maxsize=1)
def _same_sounds() -> tuple[tuple[str, str], ...]:
    return tuple(load_json("translit.json").get("same_sounds", {}).items())


@lru_cache(maxsize=1)
def _same_words() -> dict[str, str]:
    return {normalize(k): normalize(v) for k, v in load_json("translit.json").get("same_words", {}).items()
            if k != "about"}


def one_spelling(word: str) -> str:
    """The spelling a normalised word shares with its other spellings (``same_words``: امبارك is
    مبارك), or the word."""
    return _same_words().get(word, word)


def _latin_to_arabic(word: str) -> str:
    _, _, latin = _tables()
    out, i = [], 0
    while i < len(word):
        for src, dst in latin:
            if word.startswith(src, i):
                # a word-initial vowel is written (with alef) in Arabic; keep a marker
                out.append("ا" if (i == 0 and dst == "" and src in "aeiou") else dst)
                i += len(src)
                break
        else:
            i += 1  # digits, apostrophes: no sound
    return "".join(out)


@lru_cache(maxsize=WORDS)
def word_key(word: str) -> str:
    """Skeleton of one normalised word: first letter kept, long vowels dropped, classes unified.
    Cached: surname repeats look up every word of every article."""
    drop, cls, _ = _tables()
    if word.isascii():
        word = _latin_to_arabic(word.lower())
    word = one_spelling(word)  # امبارك is مبارك, as Maghreb spelling writes it
    for pair, one in _same_sounds():
        if word.startswith(pair):
            word = one + word[len(pair):]  # تشاد/Chad, شكيب/Chakib; inside a word (ميتشل, ميشال) it may tell names apart
    if not word:
        return ""
    if len(word) > 2 and word[-1] in "هة" and word[-2] in drop:
        word = word[:-1]  # جيه/جي, a final h after a long vowel is only a vowel sign
    out: list[str] = []
    for i, c in enumerate(word):
        if i > 0 and c in drop:
            continue
        c = cls.get(c, c)
        if c in drop:  # word-initial vowel seat: one marker for all of them
            c = "ا"
        if out and out[-1] == c:
            continue  # doubled letters (شدة written out)
        out.append(c)
    return "".join(out)


_SPLIT = re.compile(r"[\s\-‐]+")


@lru_cache(maxsize=1)
def _glued() -> tuple[str, ...]:
    return tuple(normalize(p) for p in load_json("translit.json").get("glued_particles", []))


def _unglued(word: str) -> list[str]:
    """``عبدالله`` -> ``عبد``, ``الله``: a particle glued to an article-word name, as two words."""
    for p in _glued():
        if word.startswith(p + "ال") and len(word) > len(p) + 3:
            return [p, word[len(p):]]
    return [word]


def name_key(name: str, loose: bool = False, family: bool = False) -> str:
    """Key of a whole name: word keys joined by '-' (``دونالد ترامب`` -> ``دنلد-ترمب``); a glued
    particle counts as its own word (``عبدالعالي`` keys as ``عبد العالي``). ``loose``: the article
    off every word but the first (``ولد الشيخ`` keys as ``ولد شيخ``). ``family``: in a name
    written in three words or more (a glued particle is no word of its own here), the article off
    the last, the family name news writes with it or without
    it (``هشام عبد الرحمن الشناوي``, ``هشام عبدالرحمن شناوي``); a name of two words keeps it, since
    there the last word may be a father's given name (أحمد حسن is not أحمد الحسن)."""
    written = [w for w in _SPLIT.split(normalize(name)) if w]
    words = [u for w in written for u in _unglued(w)]
    if loose:
        words = words[:1] + [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words[1:]]
    elif family and len(written) >= 3 and words[-1].startswith("ال") and len(words[-1]) > 4:
        words = words[:-1] + [words[-1][2:]]
    return "-".join(k for k in (word_key(w) for w in words) if k)
