"""Names that are not in the knowledge base, found from their context.

Precision first: a word run counts as a person's name only after a title (وزير الدفاع رستم
عمروف, نائب رئيس الوزراء أنجيلا راينر) with at least two name words, or when it opens with a
known given name (جيمس ووترهاوس). Organisations need a cue and quotes or Latin script
(صحيفة "التليجراف"); places need a place cue (مدينة, منطقة). A surname met alone after its
full name is the same person (``repeat``). Word lists are in ``lang/ar/data/name_cues.json``
and ``first_names.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.translit import word_key
from marsad.lang.ar import load_json, load_lines
from marsad.text.normalize import is_arabic_letter, normalize

_WORD = re.compile(r"\w+")
_PROCLITIC_ON_NAME = ("و", "ف", "ل", "ب")  # و/ف conjunction, ل/ب preposition before a name
_ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Found:
    start: int  # normalised offsets
    end: int
    type: str
    words: int
    how: str = "context"
    country: str | None = None


@lru_cache(maxsize=1)
def cues() -> dict:
    data = load_json("name_cues.json")
    n = {k: frozenset(normalize(x) for x in data[k]) for k in
         ("stop_words", "not_names", "speech_verbs", "org_cues", "loc_cues", "cued_org_words")}
    n["person_titles"] = tuple(normalize(x) for x in data["person_titles"])
    n["first_names"] = frozenset(normalize(x) for x in load_lines("first_names.txt"))
    n["max_title_words"] = int(data["max_title_words"])
    n["title_links"] = frozenset(normalize(x) for x in data["title_links"])
    return n


def words_of(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def first_name_stem(w: str) -> int | None:
    """Length of the proclitic before a given name (``وجيمس`` -> 1), None if not a given name."""
    fn = cues()["first_names"]
    if w in fn:
        return 0
    if len(w) > 3 and w[0] in "وف" and w[1:] in fn:
        return 1
    return None


class Discoverer:
    """Finds unknown names in one normalised text, given what is already covered."""

    def __init__(self, text: str, covered: list[tuple[int, int]], adjectives: dict[str, str]):
        self.text = text
        self.words = words_of(text)
        self.index = {w.start: i for i, w in enumerate(self.words)}
        self.cov = sorted(covered)
        self.adjectives = adjectives
        self.c = cues()

    def covered(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.cov)

    def _gap(self, i: int) -> str:
        """Text between word i-1 and word i (spaces and punctuation)."""
        return self.text[self.words[i - 1].end:self.words[i].start] if i > 0 else ""

    def name_word(self, w: str, first: bool) -> bool:
        c = self.c
        if len(w) < 2 or not all(is_arabic_letter(ch) for ch in w):
            return False
        if w in c["stop_words"] or w in c["not_names"] or w in self.adjectives or w in c["speech_verbs"]:
            return False
        if len(w) > 2 and w[0] in "وفلب" and (w[1:] in c["speech_verbs"] or w[1:] in c["stop_words"]):
            return False
        if w.startswith(_ARTICLE_PREFIXES) and (first or not w.startswith("ال")):
            return False
        if len(w) > 3 and w[0] in _PROCLITIC_ON_NAME and (w[1:] in c["org_cues"] or w[1:] in c["loc_cues"]):
            return False  # لقناة, بمدينة: a prepositional phrase starts after the name
        return True

    def read_name(self, i: int, skip: int = 0) -> list[int]:
        """Word indexes of a name starting at word i (max 3 words, no punctuation inside)."""
        out: list[int] = []
        k = i
        while k < len(self.words) and len(out) < 3:
            w = self.words[k]
            if out and self._gap(k).strip():
                break
            word = w.text[skip:] if not out else w.text
            if not (self.name_word(word, not out) or (not out and first_name_stem(w.text) is not None)):
                break
            # an article-word continues only an Arab name opened by a given name (أحمد المسماري),
            # never a run after a title (ماهية الاتفاقيات)
            if out and word.startswith("ال") and first_name_stem(self.words[out[0]].text) is None:
                break
            if self.covered(w.start + (skip if not out else 0), w.end):
                break
            out.append(k)
            k += 1
        return out

    def after_title(self, pos: int, country: str | None) -> Found | None:
        """A person's name after a title phrase ending at ``pos``."""
        i = next((k for k, w in enumerate(self.words) if w.start >= pos), None)
        if i is None:
            return None
        gap = self.text[pos:self.words[i].start]
        if gap.strip() not in ("", "،", ","):
            return None
        skipped = 0
        while i < len(self.words) and skipped < self.c["max_title_words"]:
            w = self.words[i].text
            entity_word = self.covered(self.words[i].start, self.words[i].end) and i + 1 < len(self.words) \
                and not self.covered(self.words[i + 1].start, self.words[i + 1].end)
            if (w.startswith("ال") and w not in self.c["first_names"]) or w in self.adjectives \
                    or entity_word or (w in self.c["title_links"] and i + 1 < len(self.words)
                                       and self.covered(self.words[i + 1].start, self.words[i + 1].end)):
                i += 1
                skipped += 1
                if i < len(self.words) and self._gap(i).strip() not in ("", "،", ","):
                    return None
                continue
            break
        if i >= len(self.words):
            return None
        first = self.words[i].text
        ks = self.read_name(i)
        if len(ks) < 2 or (first.startswith("ي") and first_name_stem(first) is None):
            return None
        return Found(self.words[ks[0]].start, self.words[ks[-1]].end, "PERSON", len(ks), "context", country)

    def by_first_name(self) -> list[Found]:
        out = []
        for i, w in enumerate(self.words):
            skip = first_name_stem(w.text)
            if skip is None or self.covered(w.start + skip, w.end):
                continue
            ks = self.read_name(i, skip)
            if len(ks) >= 2:
                out.append(Found(w.start + skip, self.words[ks[-1]].end, "PERSON", len(ks)))
        return out

    def orgs_and_places(self) -> list[Found]:
        out = []
        c = self.c
        for i, w in enumerate(self.words[:-1]):
            stem = w.text[1:] if w.text[:1] in _PROCLITIC_ON_NAME and w.text[1:] in c["org_cues"] else w.text
            nxt = self.words[i + 1]
            gap = self.text[w.end:nxt.start]
            if stem in c["org_cues"]:
                if gap.strip() == '"':
                    close = self.text.find('"', nxt.start, nxt.start + 60)
                    if close > nxt.start and len(self.text[nxt.start:close].split()) <= 4:
                        end = nxt.start + len(self.text[nxt.start:close].rstrip())
                        if not self.covered(nxt.start, end):
                            out.append(Found(nxt.start, end, "ORG", 1))
                elif not gap.strip() and nxt.text.isascii() and nxt.text.isalpha():
                    k = i + 1
                    while k + 1 < len(self.words) and self.words[k + 1].text.isascii() and \
                            self.words[k + 1].text.isalpha() and not self._gap(k + 1).strip() and k - i < 4:
                        k += 1
                    if not self.covered(nxt.start, self.words[k].end):
                        out.append(Found(nxt.start, self.words[k].end, "ORG", k - i))
            elif stem in c["loc_cues"] and not gap.strip():
                if self.name_word(nxt.text, True) and not self.covered(nxt.start, nxt.end):
                    out.append(Found(nxt.start, nxt.end, "LOC", 1))
        return out

    def repeats(self, surnames: dict[str, str]) -> list[tuple[int, int, str]]:
        """Surname-only mentions of people named in full elsewhere in the text; ``surnames``
        maps the transliteration key of a surname to the person's entity key."""
        out = []
        for w in self.words:
            for skip in (0, 1):
                stem = w.text[skip:]
                if skip and w.text[0] not in _PROCLITIC_ON_NAME:
                    continue
                if not self.name_word(stem, True):
                    continue
                key = surnames.get(word_key(stem))
                if key and not self.covered(w.start + skip, w.end):
                    out.append((w.start + skip, w.end, key))
                    break
        return out
