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


def _has_article(w: str) -> bool:
    """Does ``w`` carry the article, maybe after a proclitic (والجيش)? Not a name that only
    starts with the same letters (كالن, لالو): a real stem is left after the prefix."""
    return any(w.startswith(p) and len(w) - len(p) >= 3 for p in _ARTICLE_PREFIXES)


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
    rank: int = 0  # which finder: 0 after a title, 1 from a given name, 2 organisation/place cue


@lru_cache(maxsize=1)
def cues() -> dict:
    data = load_json("name_cues.json")
    n = {k: frozenset(normalize(x) for x in data[k]) for k in
         ("stop_words", "not_names", "speech_verbs", "org_cues", "loc_cues", "cued_org_words")}
    n["person_titles"] = tuple(normalize(x) for x in data["person_titles"])
    n["first_names"] = frozenset(normalize(x) for x in load_lines("first_names.txt"))
    n["max_title_words"] = int(data["max_title_words"])
    n["title_links"] = frozenset(normalize(x) for x in data["title_links"])
    n["particles"] = frozenset(normalize(x) for x in data["name_particles"])
    n["nasab"] = frozenset(normalize(x) for x in data["nasab_particles"])
    n["directions"] = frozenset(normalize(x) for x in data["place_directions"])
    n["honorifics"] = frozenset(normalize(x) for x in data["honorifics"])
    n["nickname_cues"] = tuple(normalize(x) for x in data["nickname_cues"])
    n["thing_cues"] = frozenset(normalize(x) for x in data["thing_cues"])
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

    def __init__(self, text: str, covered: list[tuple[int, int]], adjectives: dict[str, str],
                 people: list[tuple[int, int]] = ()):
        self.people = list(people)  # covered spans that are persons: never part of a title phrase
        self.text = text
        self.words = words_of(text)
        self.index = {w.start: i for i, w in enumerate(self.words)}
        self.cov = sorted(covered)
        self.adjectives = adjectives
        self.c = cues()

    def covered(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.cov)

    def is_person(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.people)

    def boundary_after(self, k: int) -> bool:
        """Does a name plausibly end after word k? Punctuation, the end, a stop word, a speech
        verb, a title or a known entity follows: a third name word needs one of these, so a
        verb or noun after a two-word name (رون ديرمر سيواصل المحادثات) is not read as a name."""
        if k + 1 >= len(self.words) or self._gap(k + 1).strip():
            return True
        nxt = self.words[k + 1]
        w = nxt.text
        c = self.c
        bare = w[1:] if len(w) > 2 and w[0] in "وفلب" else w
        return (w in c["stop_words"] or bare in c["stop_words"] or w in c["speech_verbs"]
                or bare in c["speech_verbs"] or self.covered(nxt.start, nxt.end))

    def _gap(self, i: int) -> str:
        """Text between word i-1 and word i (spaces and punctuation)."""
        return self.text[self.words[i - 1].end:self.words[i].start] if i > 0 else ""

    def name_word(self, w: str, first: bool) -> bool:
        c = self.c
        if len(w) < 2 or not all(is_arabic_letter(ch) for ch in w):
            return False
        if w in c["stop_words"] or w in c["not_names"] or w in self.adjectives or w in c["speech_verbs"]:
            return False
        if len(w) > 3 and w[0] in "وفلب" and (w[1:] in c["speech_verbs"] or w[1:] in c["stop_words"]):
            return False
        if _has_article(w) and (first or not w.startswith("ال")):
            return False
        if len(w) > 3 and w[0] in _PROCLITIC_ON_NAME and (w[1:] in c["org_cues"] or w[1:] in c["loc_cues"]):
            return False  # لقناة, بمدينة: a prepositional phrase starts after the name
        return True

    def read_name(self, i: int, skip: int = 0, after_title: bool = False) -> list[int]:
        """Word indexes of a name starting at word i, no punctuation inside. A particle (عبد, بن,
        آل, أبو) is one unit with the word after it (عبد الرحيم, بن عبد العزيز); a name has at most
        three units, four when a lineage (بن, آل) runs on. The third unit is taken when it is a
        lineage, an Arab surname after a given name (أسعد حسن الشيباني) or ends the name."""
        out: list[int] = []
        units = 0
        k = i
        c = self.c
        opener_given = first_name_stem(self.words[i].text) is not None
        while k < len(self.words):
            w = self.words[k]
            if out and self._gap(k).strip() and self._gap(k) != "-":
                break
            word = w.text[skip:] if not out else w.text
            lead = k
            unit = [k]
            # particles bind the next word(s) into one unit: بن عبد العزيز
            while word in c["particles"] and lead + 1 < len(self.words) and not self._gap(lead + 1).strip():
                lead += 1
                unit.append(lead)
                word = self.words[lead].text
            particle = len(unit) > 1
            first = not out
            if not particle:
                if not (self.name_word(word, first) or (first and first_name_stem(w.text) is not None)):
                    break
                # an article-word continues only an Arab name opened by a given name (أحمد المسماري),
                # never a run after a title (ماهية الاتفاقيات)
                # after a title a nisba family name may follow any first name (إحسان الشمري)
                if out and word.startswith("ال") and not opener_given \
                        and not (after_title and units == 1 and word.endswith("ي") and len(word) >= 5):
                    break
            elif not all(len(self.words[j].text) >= 2 and self.words[j].text not in c["stop_words"]
                         for j in unit):
                break
            if any(self.covered(self.words[j].start + (skip if first and j == k else 0), self.words[j].end)
                   for j in unit):
                break
            nasab = particle and self.words[unit[0]].text in c["nasab"]
            limit = 4 if nasab else 3
            if units >= limit:
                break
            if units == 2 and not nasab and not (opener_given and word.startswith("ال")) \
                    and not self.boundary_after(unit[-1]):
                break
            out.extend(unit)
            units += 1
            k = unit[-1] + 1
        return out

    def name_start(self, pos: int) -> int | None:
        """Offset where a name would start after a title ending at ``pos`` (past what the title
        is of: المبعوث الأميركي إلى سوريا توم براك), or None when punctuation comes first."""
        i = self._name_index(pos)
        return self.words[i].start if i is not None and i < len(self.words) else None

    def after_title(self, pos: int, country: str | None) -> Found | None:
        """A person's name after a title phrase ending at ``pos``."""
        i = self._name_index(pos)
        if i is None or i >= len(self.words):
            return None
        first = self.words[i].text
        if self._thing_before(i):
            return None
        ks = self.read_name(i, after_title=True)
        if len(ks) < 2 or (first.startswith("ي") and first_name_stem(first) is None):
            return None
        return Found(self.words[ks[0]].start, self.words[ks[-1]].end, "PERSON", len(ks), "context", country, 0)

    def _thing_before(self, i: int) -> bool:
        """Is word i named as a thing (حاملة الطائرات هاري ترومان, السفينة ماجيك سيز)?"""
        for n in (1, 2):
            if i - n >= 0 and " ".join(w.text for w in self.words[i - n:i]) in self.c["thing_cues"]:
                return True
        return False

    def _name_index(self, pos: int) -> int | None:
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
                and not self.covered(self.words[i + 1].start, self.words[i + 1].end) \
                and not self.is_person(self.words[i].start, self.words[i].end)
            nxt_covered = i + 1 < len(self.words) and self.covered(self.words[i + 1].start, self.words[i + 1].end)
            nxt_article = i + 1 < len(self.words) and self.words[i + 1].text.startswith("ال")
            # a cue noun of what the title is of (حاكم إقليم دارفور, رئيس مفوضية الاتحاد الأفريقي)
            of_entity = nxt_covered and (w in self.c["not_names"] or w in self.c["org_cues"]
                                         or w in self.c["loc_cues"])
            if (w.startswith("ال") and w not in self.c["first_names"]) or w in self.adjectives \
                    or entity_word or of_entity or (w in self.c["title_links"] and (nxt_covered or nxt_article)):
                i += 1
                skipped += 1
                if i < len(self.words) and self._gap(i).strip() not in ("", "،", ","):
                    return None
                continue
            break
        return i

    def by_first_name(self) -> list[Found]:
        out = []
        for i, w in enumerate(self.words):
            skip = first_name_stem(w.text)
            if skip is None or self.covered(w.start + skip, w.end) or self._thing_before(i):
                continue
            ks = self.read_name(i, skip)
            if len(ks) >= 2:
                out.append(Found(w.start + skip, self.words[ks[-1]].end, "PERSON", len(ks), rank=1))
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
                            out.append(Found(nxt.start, end, "ORG", 1, rank=2))
                elif not gap.strip() and nxt.text.isascii() and nxt.text.isalpha():
                    k = i + 1
                    while k + 1 < len(self.words) and self.words[k + 1].text.isascii() and \
                            self.words[k + 1].text.isalpha() and not self._gap(k + 1).strip() and k - i < 4:
                        k += 1
                    if not self.covered(nxt.start, self.words[k].end):
                        out.append(Found(nxt.start, self.words[k].end, "ORG", k - i, rank=2))
            elif stem in c["loc_cues"] and not gap.strip():
                f = self._place_after(i + 1, stem)
                if f:
                    out.append(f)
        return out

    def _place_after(self, i: int, cue: str = "") -> Found | None:
        """A place name after a place cue: one word (مدينة الدبة: an article is part of many
        place names), or a direction and a word (ولاية شمال دارفور)."""
        w = self.words[i]
        c = self.c
        if w.text in c["directions"] and i + 1 < len(self.words) and not self._gap(i + 1).strip():
            nxt = self.words[i + 1]
            if self.name_word(nxt.text.removeprefix("ال"), True) and not self.covered(w.start, w.start + 1):
                return Found(w.start, nxt.end, "LOC", 2, rank=2)
        word = w.text
        if word.startswith("ال") and len(word) >= 5 and word not in c["not_names"] \
                and word not in self.adjectives and not cue.startswith("ال"):
            word = word[2:]
        if self.name_word(word, True) and not self.covered(w.start, w.end):
            return Found(w.start, w.end, "LOC", 1, rank=2)
        return None

    def repeats(self, surnames: dict[str, str]) -> list[tuple[int, int, str]]:
        """Surname-only mentions of people named in full elsewhere in the text; ``surnames`` maps
        a normalised surname to the person's entity key. A word meets a surname written the same
        way, or (foreign names, 4+ letters, no article) one with the same transliteration key
        (شنكر/شينكر), never a short common word that only shares consonants (قصر/قصير). A
        surname that is also a nisba adjective (السوداني) after a definite noun is the adjective
        (الجيش السوداني)."""
        by_key: dict[str, set[str]] = {}
        for name, key in surnames.items():
            if len(name) >= 4 and not name.startswith("ال"):
                by_key.setdefault(word_key(name), set()).add(key)
        out = []
        for i, w in enumerate(self.words):
            for skip in (0, 1):
                stem = w.text[skip:]
                if skip and w.text[0] not in _PROCLITIC_ON_NAME:
                    continue
                if len(stem) < 3 or not self._surname_word(stem):
                    continue
                key = surnames.get(stem)
                if key is None and len(stem) >= 4 and not stem.startswith("ال"):
                    keys = by_key.get(word_key(stem), set())
                    key = next(iter(keys)) if len(keys) == 1 else None
                if key is None or self.covered(w.start + skip, w.end) or (not skip and self._given_before(i)):
                    continue
                if stem in self.adjectives and i > 0 and not self._gap(i).strip():
                    prev = self.words[i - 1].text
                    if _has_article(prev) or prev in self.adjectives:
                        continue
                out.append((w.start + skip, w.end, key))
                break
        return out

    def _given_before(self, i: int) -> bool:
        """Is word i preceded by a given name of someone else (عبد الرحيم دقلو, يوري أوشاكوف)?"""
        if i == 0 or self._gap(i).strip():
            return False
        prev = self.words[i - 1]
        if self.covered(prev.start, prev.end):
            return False
        if first_name_stem(prev.text) is not None:
            return True
        return i > 1 and not self._gap(i - 1).strip() and self.words[i - 2].text.lstrip("وف") in self.c["particles"]

    def _surname_word(self, w: str) -> bool:
        """Can ``w`` be a surname met alone? Like a name word, but an article is allowed (البرهان)."""
        c = self.c
        if not all(is_arabic_letter(ch) for ch in w):
            return False
        if w in c["stop_words"] or w in c["not_names"] or w in c["speech_verbs"] or w in c["first_names"]:
            return False
        return w.startswith("ال") or self.name_word(w, True)
