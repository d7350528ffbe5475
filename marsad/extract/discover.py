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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.translit import word_key
from marsad.lang.ar import load_json, load_lines
from marsad.text.normalize import is_arabic_letter, normalize
from marsad.text.spans import Overlaps
from marsad.text.tokenize import proclitic_splits

_WORD = re.compile(r"\w+")
_LINE_BREAK = re.compile("\n")
_PROCLITIC_ON_NAME = ("و", "ف", "ل", "ب")  # و/ف conjunction, ل/ب preposition before a name
_ARTICLE_PREFIXES = tuple(load_json("morphology.json")["article_prefixes"])


def has_article(w: str) -> bool:
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
         ("stop_words", "not_names", "speech_verbs", "org_cues", "loc_cues", "cued_org_words",
          "institution_heads", "definite_institution_heads", "name_suffixes", "given_names_like_words",
          "institution_heads_need_tail", "institution_heads_one_word", "institution_heads_of_place",
          "institution_adjectives",
          "given_names_open", "article_given_names", "institution_members", "compound_given_seconds", "object_nouns",
          "compound_given_not_before", "title_phrase_words", "descriptor_heads", "kind_heads", "place_descriptor_heads", "place_kind_heads",
          "sports_words", "match_cues", "play_verbs",
          "club_cues", "team_heads", "anaphoric_heads", "place_noun_adjectives", "province_cues",
          "named_place_cues", "headless_not_after", "scope_nouns_after_l")}
    n["speech_verbs"] = n["speech_verbs"] | frozenset(normalize(x) for x in data["clause_verbs"])  # what ends a name
    n["relay_words"] = frozenset(normalize(x) for x in data["relay_words"])
    n["verbs_like_given_names"] = frozenset(normalize(x) for x in data["verbs_like_given_names"])
    n["passive_prone_verbs"] = frozenset(normalize(x) for x in data["passive_prone_verbs"])
    n["match_pairs"] = frozenset(normalize(x) for x in data["match_pairs"])
    n["sports_report_words"] = int(data["sports_report_words"])
    n["scope_preposition"] = normalize(data["scope_preposition"])
    n["person_titles"] = tuple(normalize(x) for x in data["person_titles"])
    n["ranks"] = frozenset(x for x in n["person_titles"] if " " not in x)  # one word: العميد, الدكتور
    titles = load_json("titles.json")
    n["deputy_words"] = frozenset(normalize(x) for x in titles["deputy_words"] if " " not in x)
    n["title_heads"] = frozenset(normalize(f).split()[0] for fs in titles["titles"].values() for f in fs) \
        | frozenset(x.split()[0] for x in n["person_titles"])  # وزير of وزير الخارجية, رئيس, مدير
    n["given_names_like_words_raw"] = frozenset(data["given_names_like_words"])
    n["first_names"] = frozenset(normalize(x) for x in load_lines("first_names.txt"))
    n["first_names_raw"] = frozenset(load_lines("first_names.txt"))
    n["hamza_letters"] = frozenset(data["hamza_letters"])
    n["particle_cases"] = {normalize(k): [normalize(x) for x in v] for k, v in data["particle_cases"].items()
                           if k != "about"}
    # a pronoun suffix written as a word of its own (وزير خارجية ها, in clitic-split text) is no name
    clitics = load_json("clitics.json")
    n["split_suffixes"] = frozenset(normalize(x) for x in clitics["split_suffixes"])
    n["conjunctions"] = frozenset(clitics["conjunctions"])
    n["article"] = clitics["article"]
    n["and"] = clitics["and"]
    n["split_proclitics"] = frozenset(normalize(x) for x in clitics["split_proclitics"])
    n["max_title_words"] = int(data["max_title_words"])
    n["title_links"] = frozenset(normalize(x) for x in data["title_links"])
    n["link_given_names"] = {normalize(k): frozenset(normalize(x) for x in v)
                             for k, v in data["link_given_names"].items() if k != "about"}
    n["foreign_particles"] = frozenset(normalize(x) for x in data["foreign_name_particles"])
    n["particles"] = frozenset(normalize(x) for x in data["name_particles"]) | n["foreign_particles"]
    n["nasab"] = frozenset(normalize(x) for x in data["nasab_particles"])
    n["given_prefixes"] = frozenset(normalize(x) for x in data["given_name_prefixes"])
    n["directions"] = frozenset(normalize(x) for x in data["place_directions"])
    n["saints"] = frozenset(normalize(x) for x in data["saint_words"])
    n["saint_optional"] = frozenset(normalize(x) for x in data["saint_optional"])
    n["honorifics"] = frozenset(normalize(x) for x in data["honorifics"])
    n["family_particles"] = frozenset(normalize(x) for x in data["family_particles"])
    n["surname_particles"] = frozenset(normalize(x) for x in data["surname_particles"])
    n["honorific_adjectives"] = frozenset(normalize(x) for x in data["honorific_adjectives"])
    n["org_descriptors"] = frozenset(normalize(x) for x in data["org_descriptors"])
    n["regnal_numbers"] = frozenset(normalize(x) for x in data["regnal_numbers"])
    n["nickname_cues"] = tuple(normalize(x) for x in data["nickname_cues"])
    n["letter_names"] = frozenset(normalize(x) for x in data["latin_letter_names"])
    n["unit_heads"] = frozenset(normalize(x) for x in data["numbered_unit_heads"])
    n["count_openers"] = frozenset(normalize(x) for x in data["unit_count_openers"])
    n["thing_cues"] = frozenset(normalize(x) for x in data["thing_cues"])
    n["nisba_endings"] = tuple(normalize(x) for x in load_json("morphology.json")["nisba_endings"])
    # the article behind a preposition glued to it (بال, وبال, كال) and the article's ل behind ل (لل, ولل)
    art = n["article"]
    prefixes = [normalize(p) for p in load_json("morphology.json")["article_prefixes"]]
    n["article_after_preposition"] = tuple(p for p in prefixes if p.endswith(art)
                                           and p[:-len(art)].lstrip("".join(n["conjunctions"])))
    n["article_with_l"] = tuple(p for p in prefixes if not p.endswith(art))
    n["nisba_feminine"] = max(n["nisba_endings"], key=len)  # ية; the masculine ي ends many names (موبتي)
    n["accusative_ending"] = normalize(data["accusative_ending"])
    numbers = load_json("facts_numbers.json")
    n["number_words"] = frozenset(normalize(x) for k in ("words", "scales", "vague", "teen") for x in numbers[k])
    return n


def words_of(text: str) -> list[Word]:
    """The words of ``text``. Entities reads them from a text and from its copy with line breaks
    as spaces (no word character either way): they are worked out once for both."""
    return list(_words(text.replace("\n", " ")))


@lru_cache(maxsize=2)
def _words(text: str) -> tuple[Word, ...]:
    return tuple(Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text))


def first_name_stem(w: str) -> int | None:
    """Length of the proclitic before a given name (``وجيمس`` -> 1), None if not a given name."""
    fn = cues()["first_names"]
    if w in fn:
        return 0
    if len(w) > 3 and w[0] in "وف" and w[1:] in fn:
        return 1
    return None


def _tribal(word: str) -> bool:
    """A tribal family name in the broken plural (الصرايرة, الخوالدة, الطراونة: the article, two
    letters, alif, two letters and ta marbuta), not a word of that shape that opens with م (a
    verbal noun: المصالحة, المتابعة) or a hamza seat (الأساتذة), nor a feminine nisba (السياسية),
    nor a feminine noun of another shape (القمة, الحكومة). Occupations in that plural (السماسرة)
    still pass: only after a title and a given name is it asked."""
    stem = word[2:] if word.startswith("ال") else ""
    return len(stem) == 6 and stem[2] == "ا" and stem[-1] == "ه" and stem[0] != "م" and stem[0] != "ا" and stem[-2] != "ي"


class Discoverer:
    """Finds unknown names in one normalised text, given what is already covered."""

    def __init__(self, text: str, covered: list[tuple[int, int]], adjectives: dict[str, str],
                 people: list[tuple[int, int]] = (), given_at: frozenset[int] = frozenset(),
                 places: list[tuple[int, int]] = (), not_given_at: frozenset[int] = frozenset()):
        self.places = Overlaps(places)
        self.breaks = [m.start() for m in _LINE_BREAK.finditer(text)]  # line breaks end a name  # covered spans that are known places (جامعة إسطنبول)
        self.people = Overlaps(people)
        # starts of words spelt like a common word but written as a given name (علي, not على)
        self.given_at = given_at  # covered spans that are persons: never part of a title phrase
        # starts of words read as a given name only once their hamza is dropped (بأول, not باول)
        self.not_given_at = not_given_at
        self.text = text
        self.words = words_of(text)
        self.index = {w.start: i for i, w in enumerate(self.words)}
        self.cov = Overlaps(covered)
        self._word_starts = [w.start for w in self.words]
        self.adjectives = adjectives
        self.c = cues()

    def covered(self, s: int, e: int) -> bool:
        return self.cov.any(s, e)

    def is_person(self, s: int, e: int) -> bool:
        return self.people.any(s, e)

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
        if w in c["stop_words"] or w in c["not_names"] or w in self.adjectives or w in c["speech_verbs"] \
                or w in c["split_suffixes"]:
            return False
        if w in c["org_cues"] or w in c["loc_cues"]:
            return False  # مدير ديوان رئاسة الجمهورية: an institution, not a name
        if len(w) > 3 and w[0] in "وفلب" and (w[1:] in c["speech_verbs"] or w[1:] in c["stop_words"]
                                              or w[1:] in c["not_names"]):
            return False
        if has_article(w) and (first or not w.startswith("ال")):
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
        opener_given = first_name_stem(self.words[i].text) is not None \
            or (after_title and (self._article_given(i) or self.words[i].start in self.given_at
                                 and self.words[i].text not in c["stop_words"]))  # رائد, not علي (على)
        after_lineage = False  # the unit before was a lineage (بن حمد)
        while k < len(self.words):
            w = self.words[k]
            if out and ((self._gap(k).strip() and self._gap(k) != "-") or self._broken(k)):
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
            # a surname suffix binds to the word before it (إمام أوغلو), whatever that word means alone
            suffixed = not particle and lead + 1 < len(self.words) and not self._gap(lead + 1).strip() \
                and self.words[lead + 1].text in c["name_suffixes"]
            if not particle:
                if out and word in c["deputy_words"] and self._title_next(lead):
                    break  # محمد حجازي مساعد وزير الخارجية: the deputy's title begins
                if out and (word in c["place_descriptor_heads"] or word in c["place_kind_heads"]) \
                        and lead + 1 < len(self.words) and not self._gap(lead + 1).strip() \
                        and self.covered(self.words[lead + 1].start, self.words[lead + 1].end):
                    break  # صوفي ديكليرك سلطنة عمان: a known place's kind after the name opens the object
                if not (self.name_word(word, first) or self._compound_second(k, units, opener_given)
                        or (first and (first_name_stem(w.text) is not None
                                                                    or after_title and self._article_given(k)))
                        or (first and w.start in self.given_at and (after_title or word in self.c["given_names_open"]))
                        or (suffixed and not first)):
                    break
                # an article-word continues only an Arab name opened by a given name (أحمد المسماري),
                # never a run after a title (ماهية الاتفاقيات)
                # after a title a nisba or tribal family name may follow any first name (إحسان
                # الشمري, هديل الصرايرة)
                if out and word.startswith("ال") and not opener_given and not after_lineage \
                        and not (after_title and units == 1 and len(word) >= 5 and (
                            word.endswith("ي") or _tribal(word) and self.words[i].text not in c["stop_words"])):
                    break  # but a family name after a lineage ends it (سالم بن حمد الحارثي)
            elif not all(len(self.words[j].text) >= 2 and self.words[j].text not in c["stop_words"]
                         for j in unit):
                break
            if any(self.covered(self.words[j].start + (skip if first and j == k else 0), self.words[j].end)
                   for j in unit):
                break
            nasab = particle and self.words[unit[0]].text in c["nasab"]
            # a family name with the article ends a name of given, father's and grandfather's
            # names (فهد يوسف سعود الصباح)
            family = opener_given and word.startswith("ال") and self.boundary_after(unit[-1])
            limit = 4 if nasab or family else 3
            if units >= limit:
                break
            if units == 2 and not nasab and not (opener_given and word.startswith("ال")) \
                    and not self.boundary_after(unit[-1]) and not (opener_given and self._family_next(unit[-1])) \
                    and not (after_title and self._written_alone(unit[-1])):
                break
            if suffixed:
                unit.append(lead + 1)
            out.extend(unit)
            units += 1
            after_lineage = nasab
            k = unit[-1] + 1
            if particle and self.words[unit[0]].text in c["foreign_particles"]:
                break  # ألكسندر دي مورايس
            if suffixed:
                break  # a suffixed surname ends the name (أكرم إمام أوغلو)
        return out

    def _title_next(self, k: int) -> bool:
        """Does a title word (وزير, رئيس) follow word k with nothing but a space between?"""
        return k + 1 < len(self.words) and not self._gap(k + 1).strip() \
            and self.words[k + 1].text in self.c["title_heads"]

    def _broken(self, i: int) -> bool:
        """Is there a line break between word i-1 and word i (a headline or paragraph ends)?"""
        if i <= 0 or i >= len(self.words) or not self.breaks:
            return False
        k = bisect_left(self.breaks, self.words[i - 1].end)
        return k < len(self.breaks) and self.breaks[k] < self.words[i].start

    def _written_alone(self, k: int) -> bool:
        """Does the article write word k elsewhere alone as a verb's subject (هارديب سينغ بوري
        القرار ... واتهم بوري التحالف)? A third word it so repeats is the surname the name ends
        with, whatever follows it here."""
        w = self.words[k].text
        if len(w) < 3 or w.startswith("ال") or not self.name_word(w, False):
            return False
        prev = self.words[k - 1].text if k > 0 else ""

        def alone(j: int) -> bool:  # the subject of a verb (واتهم بوري), no name word after it (صلاد حسن)
            after = self.words[j + 1].text if j + 1 < len(self.words) and not self._gap(j + 1).strip() else ""
            verb = j > 0 and not self._gap(j).strip() and any(
                st in self.c["speech_verbs"] for _, st in proclitic_splits(self.words[j - 1].text))
            return verb and self.words[j - 1].text != prev and not (
                after and not after.startswith("ال") and self.name_word(after, False))
        return any(x.text == w and j != k and alone(j) for j, x in enumerate(self.words))

    def _family_next(self, k: int) -> bool:
        """Is word k followed by an article family name that ends the name (سعود الصباح)?"""
        if k + 1 >= len(self.words) or self._gap(k + 1).strip():
            return False
        w = self.words[k + 1]
        return w.text.startswith("ال") and len(w.text) >= 5 and w.text not in self.c["not_names"] \
            and w.text not in self.adjectives and w.text not in self.c["stop_words"] and self.boundary_after(k + 1)

    def institution(self, i: int) -> int | None:
        """Index after an institution's name whose head noun is word i (جامعة بيلكنت, معهد الدراسات
        الأمنية, مركز البحوث والدراسات الأمنية, بنك الرياض, الجامعة الأردنية), or None. Bounded: an
        indefinite head takes a known entity, or one plain word (then article words or a boundary),
        or two to four article words; a definite head only a country adjective phrase."""
        c = self.c
        words = self.words
        w = words[i].text
        stem = w[1:] if len(w) > 3 and w[0] in _PROCLITIC_ON_NAME and w[1:] in c["institution_heads"] else w
        if stem.startswith("ل") and stem[1:].startswith("ل") and "ال" + stem[2:] in c["definite_institution_heads"]:
            stem = "ال" + stem[2:]  # للجامعة
        elif len(stem) > 4 and stem[0] in _PROCLITIC_ON_NAME and stem[1:] in c["definite_institution_heads"]:
            stem = stem[1:]  # والجامعة, بالجامعة
        if i + 1 >= len(words) or self._gap(i + 1).strip():
            return None

        def tail(j: int, most: int) -> int:  # article words (ال, وال, لل) after index j-1
            n = 0
            while j < len(words) and n < most and not self._gap(j).strip() and has_article(words[j].text) \
                    and not self.covered(words[j].start, words[j].end) and (
                        words[j].text not in c["stop_words"] or j == i + 1 and words[j].text in c["institution_members"]) \
                    and not (j > i + 1 and words[j].text in c["object_nouns"]) and self._in_name_tail(j):
                j += 1
                n += 1
            return j

        if stem in c["definite_institution_heads"]:
            # adjectives (الدستوري, الموريتاني), then maybe one genitive with لل (للانتخابات)
            j, end, adjective = i + 1, tail(i + 1, 3), False
            while j < end:
                if words[j].text in self.adjectives or words[j].text in c["institution_adjectives"]:
                    adjective = True
                elif not words[j].text.startswith("لل"):
                    break
                j += 1
                if words[j - 1].text.startswith("لل"):
                    break
            if adjective and j == end and self._construct_genitive(j) and words[j].text[1:] not in c["institution_heads"]:
                j += 2  # الجمعية المغربية لحقوق الإنسان: a genitive with ل before a noun with the article
                # (not a body's name: المجلس التنفيذي لصندوق النقد is the board of the fund, named apart)
            return j if adjective else None
        if stem not in c["institution_heads"]:
            return None
        nxt = words[i + 1]
        if self.covered(nxt.start, nxt.end):
            if not self.places.any(nxt.start, nxt.end):
                return None  # a known organisation (منظمة هيومن رايتس ووتش) or person
            j = i + 1
            while j < len(words) and not self._gap(j).strip() and self.covered(words[j].start, words[j].end):
                j += 1
            numbered = False
            while j < len(words) and self._gap(j) == " " and words[j].text.isdigit():
                j += 1  # جامعة الجزائر 3
                numbered = True
            # a name ends here (جامعة طرابلس, بنك الرياض), else the place may open a longer name
            # (نادي باريس سان جيرمان)
            if numbered or stem in c["institution_heads_of_place"] or self.boundary_after(j - 1):
                return j
            return None
        if has_article(nxt.text):
            j = tail(i + 1, 4)
            return j if j - i - 1 >= (1 if stem in c["institution_heads_one_word"] else 2) else None
        if not self.name_word(nxt.text, True) or nxt.text in c["institution_heads"]:
            return None
        j = tail(i + 2, 3)
        if j > i + 2 or (self.boundary_after(i + 1) and stem not in c["institution_heads_need_tail"]):
            return j
        return None

    def _in_name_tail(self, j: int) -> bool:
        """May word j, with the article, go on an institution's name? Not behind another preposition
        (بالتصعيد, وبالعلاوة: what the body does), and with لل not before such a word (مركز الأهرام
        للدراسات السياسية, كتلة الوفاء للمقاومة, السلطة الوطنية للانتخابات بالجزائر; not نقابة
        المعلمين للمطالبة بالعلاوة: a purpose)."""
        w = self.words[j].text
        if w.startswith(self.c["article_after_preposition"]):
            return False
        if not w.startswith(self.c["article_with_l"]):
            return True
        if j + 1 >= len(self.words) or self._gap(j + 1).strip():
            return True
        nxt = self.words[j + 1]  # للمطالبة بالعلاوة: a purpose; للانتخابات بالجزائر: a known place
        return not nxt.text.startswith(self.c["article_after_preposition"]) or self.covered(nxt.start, nxt.end)

    def _construct_genitive(self, j: int) -> bool:
        """Do words j and j+1 read ل + a noun annexed to a word with the article (لحقوق الإنسان,
        لشؤون اللاجئين), right after the name before them?"""
        words = self.words
        if j + 1 >= len(words) or self._gap(j).strip() or self._gap(j + 1).strip():
            return False
        w, nxt = words[j].text, words[j + 1].text
        return (w.startswith("ل") and not w.startswith("لل") and len(w) > 3 and has_article(nxt)
                and not self.covered(words[j].start, words[j + 1].end) and nxt not in self.c["stop_words"])

    def institutions(self) -> list[Found]:
        out = []
        for i in range(len(self.words) - 1):
            j = self.institution(i)
            if j is None:
                continue
            w = self.words[i]
            if w.text.startswith("لل"):
                continue  # للجامعة: the article is elided; the name would not be as written
            heads = self.c["institution_heads"] | self.c["definite_institution_heads"]
            skip = 1 if w.text not in heads and w.text[1:] in heads else 0
            s = w.start + skip
            if self.covered(s, w.end):
                continue
            if w.text[skip:] in self.c["descriptor_heads"]:
                # نادي بوردو الفرنسي بالنظر: the club is بوردو; نادي الهلال السعودي: الهلال
                if not has_article(self.words[i + 1].text):
                    j = i + 2
                while j - 1 > i + 1 and self.words[j - 1].text in self.adjectives:
                    j -= 1
                out.append(Found(self.words[i + 1].start, self.words[j - 1].end, "ORG", j - i - 1, rank=2))
                continue
            out.append(Found(s, self.words[j - 1].end, "ORG", j - i, rank=2))
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
        if self._thing_before(i) or self.words[i].start in self.not_given_at:
            return None
        ks = self.read_name(i, after_title=True)
        if len(ks) < 2 or (first.startswith("ي") and first_name_stem(first) is None):
            return None
        return Found(self.words[ks[0]].start, self.words[ks[-1]].end, "PERSON", len(ks), "context", country, 0)

    def before_title(self, pos: int, country: str | None) -> Found | None:
        """A person's name set off by a comma before a title starting at ``pos``, right after a
        speech verb or the relay preposition (عن كمال شريفي، الرئيس المدير العام لسوناطراك; قال
        ماثيو كولينز، المتحدث باسم ...): the apposition titles him as a title before a name does."""
        k = bisect_left(self._word_starts, pos)
        if not 2 <= k < len(self.words) or self._gap(k).strip() not in ("،", ","):
            return None
        for i in range(k - 2, max(-1, k - 5), -1):  # the name's first word, two to four words back
            prev = self.words[i - 1].text if i > 0 and not self._gap(i).strip() else ""
            if not prev or not (prev in self.c["speech_verbs"] or prev in self.c["relay_words"]
                                or any(st in self.c["speech_verbs"] for _, st in proclitic_splits(prev))):
                continue
            ks = self.read_name(i, after_title=True)
            name = self.text[self.words[i].start:self.words[k - 1].end]
            if self.text.find(name) < self.words[i].start:
                return None  # named so before: the name found there and its surname stand for him here
            if len(ks) >= 2 and ks[-1] == k - 1 and not self.covered(self.words[i].start, self.words[k - 1].end):
                # rank 0, as after a title: dropped where the tagger is sure its first word is no
                # name (عن معتقلين سياسيين، المحامي ..., عن مقتل مدنيين اثنين، الرئيس ...)
                return Found(self.words[i].start, self.words[k - 1].end, "PERSON", len(ks), "context", country, 0)
        return None

    def _owned(self, w: str) -> bool:
        """Does ``w`` end with a possessive pronoun on a noun (خارجيتها, وزرائها, حكومتنا)? A
        third-person one, or another after the feminine ending ت; not a name's own ending (ديانا,
        سوزانا, جومانا)."""
        for x in self.c["split_suffixes"]:
            if len(x) > 1 and w.endswith(x):
                stem = w[:-len(x)]
                return x[:1] == "ه" or stem.endswith("ت")  # خارجيتها, وزرائهم; حكومتنا but not ديانا
        return False

    def _kind_head_before_known(self, i: int) -> bool:
        """Is word ``i`` a place's kind (إقليم, مدينة) right before a known name, which the mention
        leaves out (name_cues.json ``place_kind_heads``)?"""
        return i + 1 < len(self.words) and self.words[i].text in self.c["place_kind_heads"] \
            and self.covered(self.words[i + 1].start, self.words[i + 1].end)

    def _thing_before(self, i: int) -> bool:
        """Is word i named as a thing (حاملة الطائرات هاري ترومان, السفينة ماجيك سيز)?"""
        for n in (1, 2):
            if i - n >= 0 and " ".join(w.text for w in self.words[i - n:i]) in self.c["thing_cues"]:
                return True
        return False

    def _name_index(self, pos: int) -> int | None:
        i = bisect_left(self._word_starts, pos)  # the first word starting at or after pos
        if i == len(self.words):
            return None
        gap = self.text[pos:self.words[i].start]
        if gap.strip() not in ("", "،", ","):
            return None
        skipped = 0
        while i < len(self.words) and skipped < self.c["max_title_words"]:
            w = self.words[i].text
            # an affiliation: في مركز البحوث والدراسات الأمنية, لمركز ..., في جامعة بيلكنت
            at = i + 1 if w in self.c["title_links"] and i + 1 < len(self.words) else i
            if self._broken(i):
                return None
            j = self.institution(at) if at < len(self.words) and not self._gap(at).strip() else None
            if j is not None and j < len(self.words) and self._gap(j).strip() in ("", "،", ","):
                i = j
                skipped += 1
                continue
            entity_word = self.covered(self.words[i].start, self.words[i].end) and i + 1 < len(self.words) \
                and not self.is_person(self.words[i + 1].start, self.words[i + 1].end) \
                and not self.is_person(self.words[i].start, self.words[i].end)
            nxt_covered = i + 1 < len(self.words) and self.covered(self.words[i + 1].start, self.words[i + 1].end) \
                or self._kind_head_before_known(i + 1)  # حكومة إقليم كردستان: the kind of place, then its name
            nxt_article = i + 1 < len(self.words) and self.words[i + 1].text.startswith("ال")
            # a cue noun of what the title is of (حاكم إقليم دارفور, رئيس مفوضية الاتحاد الأفريقي)
            of_entity = nxt_covered and (w in self.c["not_names"] or w in self.c["org_cues"]
                                         or w in self.c["loc_cues"])
            # a title's scope in ل on one of its nouns before a definite word (رئيس اللجنة الحكومية
            # لشؤون الأسرى); not any word in ل, which may open a given name no list has (لحسن, لمياء)
            scope_in_l = w[:1] == self.c["scope_preposition"] and w[1:] in self.c["scope_nouns_after_l"] \
                and nxt_article
            # وزير التربية الوطنية والتعليم الأولي: a portfolio joined by و goes on
            # الوزير المنتدب المكلف بالميزانية: a definite word in a preposition goes on a title phrase
            in_prep = w.startswith(self.c["article_after_preposition"]) and i > 0 \
                and self.words[i - 1].text.startswith("ال")
            # وزير خارجيتها, رئيس حكومتها: a title's scope with a pronoun for the country named before
            owned_scope = i > 0 and self.words[i - 1].text in self.c["title_heads"] and len(w) > 4 \
                and w not in self.c["first_names"] and self._owned(w)
            if (w.removeprefix("و").startswith("ال") and w not in self.c["first_names"]
                    and not self._article_given(i)) or in_prep or w in self.adjectives \
                    or w in self.c["title_phrase_words"] or scope_in_l or owned_scope \
                    or entity_word or of_entity or (w in self.c["title_links"] and (nxt_covered or nxt_article
                                                                                      and not self._given_link(i))):
                i += 1
                skipped += 1
                if i < len(self.words) and self._gap(i).strip() not in ("", "،", ","):
                    return None
                continue
            break
        return i

    def _compound_second(self, k: int, units: int, opener_given: bool) -> bool:
        """Is word k the second half of a compound given name right after a listed given name
        (محمد الأمين, محمد الطاهر), though a title or common word elsewhere?"""
        c = self.c
        if units != 1 or not opener_given:
            return False
        w = self.words[k].text
        if w not in c["compound_given_seconds"] and w not in c["article_given_names"]:
            return False
        nxt = self.words[k + 1].text if k + 1 < len(self.words) and not self._gap(k + 1).strip() else ""
        return nxt not in c["compound_given_not_before"]

    def _article_given(self, i: int) -> bool:
        """Is word ``i`` a given name written with the article (الصادق, الطيب) with a surname right
        after it (الصديق الكبير, الحبيب المرزوقي), not a feminine nisba, a nationality, a known place
        or an indefinite adverb (حديثا)? Only after a title: alone such a word is a common one."""
        if self.words[i].text not in self.c["article_given_names"] or i + 1 >= len(self.words) \
                or self._gap(i + 1).strip():
            return False
        nxt = self.words[i + 1]
        # a surname, not an adjective of the place or thing the word names (جسر الملك الحسين
        # الحدودي, مدينة الحسين الطبية) nor an adverb (المختار حديثا)
        # a feminine nisba is an adjective (الطبية); a masculine one may be a surname (الحبيب المرزوقي)
        nisba = has_article(nxt.text) and nxt.text.endswith(self.c["nisba_feminine"])
        return self.name_word(nxt.text, False) and not nisba and not self.places.any(nxt.start, nxt.end) \
            and nxt.text not in self.adjectives \
            and not (not has_article(nxt.text) and len(nxt.text) > 3 and nxt.text.endswith(self.c["accusative_ending"]))

    def _given_link(self, i: int) -> bool:
        """Is word ``i`` a title link that is also a given name (باسم) after a word it does not
        link (النائب المستقل باسم الخفاجي, not المتحدث باسم الحكومة)?"""
        after = self.c["link_given_names"].get(self.words[i].text)
        return after is not None and (i == 0 or self.words[i - 1].text not in after)

    def by_first_name(self) -> list[Found]:
        out = []
        for i, w in enumerate(self.words):
            skip = first_name_stem(w.text)
            if skip is None and w.start in self.given_at and w.text in self.c["given_names_open"]:
                skip = 0  # آلان written so, not الآن
            if skip is None or w.start in self.not_given_at or self.covered(w.start + skip, w.end) \
                    or self._thing_before(i):
                continue
            ks = self.read_name(i, skip)
            if len(ks) >= 2:
                out.append(Found(w.start + skip, self.words[ks[-1]].end, "PERSON", len(ks), rank=1))
        return out

    def orgs_and_places(self) -> list[Found]:
        out = []
        c = self.c
        for i, w in enumerate(self.words[:-1]):
            stem = w.text[1:] if w.text[:1] in _PROCLITIC_ON_NAME and (
                w.text[1:] in c["org_cues"] or w.text[1:] in c["loc_cues"] or w.text[1:] in c["unit_heads"]) \
                else w.text  # بمنطقة موبتي
            nxt = self.words[i + 1]
            gap = self.text[w.end:nxt.start]
            if stem in c["unit_heads"] and gap == " " and nxt.text.isdigit() and self._unit_number(i + 1) \
                    and (stem.startswith("ال") or stem != w.text):  # اللواء 444, للواء 93, not فرقة 3 أشخاص
                if not self.covered(w.end - len(stem), nxt.end):
                    out.append(Found(w.end - len(stem), nxt.end, "ORG", 2, rank=2))
                continue
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
            elif stem in c["loc_cues"] and not gap.strip() and not self._counted(i):
                f = self._place_after(i + 1, stem)
                if f:
                    out.append(f)
        return out

    def _unit_number(self, i: int) -> bool:
        """Is the number at word i a unit's (اللواء 444 قتال), not a count of what follows it
        (خسر اللواء 20 مقاتلا, 3 من عناصرها)? A counted noun is indefinite; من opens what is counted."""
        if i + 1 >= len(self.words) or self._gap(i + 1).strip():
            return True
        after = self.words[i + 1].text
        return after not in self.c["count_openers"] and not after.endswith("ا") and after not in self.c["number_words"]

    def _counted(self, i: int) -> bool:
        """Is word i counted (40 قرية متضررة, عشرات القرى)? Then it is a common noun, naming no place."""
        if i == 0 or self._gap(i).strip():
            return False
        prev = self.words[i - 1].text
        return prev.isdigit() or prev in self.c["number_words"]

    def _place_after(self, i: int, cue: str = "") -> Found | None:
        """A place name after a place cue: one word (مدينة الدبة: an article is part of many
        place names), a direction and a word (ولاية شمال دارفور), or a saint's name (كنيسة مار إلياس)."""
        w = self.words[i]
        c = self.c
        if w.text in c["saints"]:  # كنيسة القديس مار إلياس: the saint's words and the name
            k = i
            while k + 1 < len(self.words) and self.words[k + 1].text in c["saints"] and not self._gap(k + 1).strip():
                k += 1
            if k + 1 < len(self.words) and not self._gap(k + 1).strip():
                nxt = self.words[k + 1]
                # not first: a saint's name may look like it has the article (إلياس)
                if self.name_word(nxt.text, False) and not self.covered(w.start, nxt.end):
                    return Found(w.start, nxt.end, "LOC", k + 2 - i, rank=2)
            return None
        if w.text in c["directions"] and i + 1 < len(self.words) and not self._gap(i + 1).strip():
            nxt = self.words[i + 1]
            if self.name_word(nxt.text.removeprefix("ال"), True) and not self.covered(w.start, w.start + 1):
                return Found(w.start, nxt.end, "LOC", 2, rank=2)
        if w.text in c["particles"] and w.text not in c["foreign_particles"] and i + 1 < len(self.words) \
                and not self._gap(i + 1).strip():
            nxt = self.words[i + 1]  # حي أبو سليم, مخيم أبو شوك, بلدة بني سهيلا: the particle binds its word
            if self.name_word(nxt.text.removeprefix("ال"), True) and not self.covered(w.start, nxt.end):
                return Found(w.start, nxt.end, "LOC", 2, rank=2)
        word = w.text
        if word.startswith("ال") and len(word) >= 5 and word not in c["not_names"] \
                and word not in self.adjectives and not cue.startswith("ال"):
            word = word[2:]
        if word in c["place_noun_adjectives"] or not has_article(w.text) and word.endswith(c["nisba_feminine"]):
            return None  # منطقة عازلة, منطقة حدودية: the place is described, not named
        if self.name_word(word, True) and not self.covered(w.start, w.end):
            k = i + 1
            if cue in c["province_cues"] and k < len(self.words) and not self._gap(k).strip():
                adj = self.words[k].text  # محافظة خراسان الرضوية
                if adj.startswith("ال") and adj.endswith(c["nisba_feminine"]) and adj not in self.adjectives \
                        and adj not in c["stop_words"] and not self.covered(self.words[k].start, self.words[k].end):
                    return Found(w.start, self.words[k].end, "LOC", 2, rank=2)
            return Found(w.start, w.end, "LOC", 1, rank=2)
        return None

    def repeats(self, surnames: dict[str, list[tuple[int, str]]]) -> list[tuple[int, int, str]]:
        """Surname-only mentions of people named in full elsewhere in the text; ``surnames`` maps
        a normalised surname to (offset first named in full, entity key) of each person bearing it.
        A surname borne by one person is that person anywhere; one borne by several is the one
        named before it while the others are not yet named (جايير بولسونارو ... بولسونارو ...
        إدواردو بولسونارو). A word meets a surname written the same
        way, or (foreign names, 4+ letters, no article) one with the same transliteration key
        (شنكر/شينكر), never a short common word that only shares consonants (قصر/قصير). A
        surname that is also a nisba adjective (السوداني) after a definite noun is the adjective
        (الجيش السوداني)."""
        by_key: dict[str, set[str]] = {}
        particled: dict[tuple[str, str], set[str]] = {}  # (particle, key of the word after it) -> surnames
        for name in surnames:
            if len(name) >= 4 and not name.startswith("ال") and " " not in name:
                by_key.setdefault(word_key(name), set()).add(name)
            first, _, last = name.partition(" ")
            if last and first in self.c["surname_particles"]:
                particled.setdefault((first, word_key(last)), set()).add(name)

        def holder(name: str | None, pos: int) -> str | None:
            held = surnames.get(name) if name else None
            if not held:
                return None
            if len(held) == 1:
                return held[0][1]
            before = [k for p, k in held if p < pos]
            return before[0] if len(before) == 1 else None

        out = []
        words, suffixes = self.words, self.c["name_suffixes"]
        for i, w in enumerate(words):
            # a surname suffix after the word (إمام أوغلو): the same for the word with or without its proclitic
            suffixed = i + 1 < len(words) and words[i + 1].text in suffixes and self._gap(i + 1) == " "
            for skip in (0, 1) if w.text[0] in _PROCLITIC_ON_NAME else (0,):
                stem = w.text[skip:]
                end = w.end
                if particled and stem in self.c["surname_particles"] and i + 1 < len(words) \
                        and self._gap(i + 1) == " " and not (not skip and self._given_before(i)):
                    # دي جياكومو after فلافيو دي جاكومو: the particle and the word after it, however spelt
                    names = particled.get((stem, word_key(words[i + 1].text)), set())
                    key = holder(next(iter(names)), w.start) if len(names) == 1 else None
                    if key is not None and not self.covered(w.start + skip, words[i + 1].end):
                        out.append((w.start + skip, words[i + 1].end, key))
                        break
                if suffixed:
                    key = holder(stem + " " + self.words[i + 1].text, w.start)  # إمام أوغلو
                    if key is not None and not self.covered(w.start + skip, self.words[i + 1].end):
                        out.append((w.start + skip, self.words[i + 1].end, key))
                        break
                if len(stem) < 3:
                    continue
                key = holder(stem, w.start) if stem in surnames else None  # most words are nobody's surname
                if key is None and by_key and len(stem) >= 4 and not stem.startswith("ال"):
                    names = by_key.get(word_key(stem), set())
                    key = holder(next(iter(names)), w.start) if len(names) == 1 else None
                if key is None or not self._surname_word(stem, stem in surnames) or self.covered(w.start + skip, end) \
                        or (not skip and self._given_before(i)):
                    continue
                if stem.startswith("ال") and not skip and self._in_given_chain(i):
                    continue  # the family name of another, unknown person (فهد يوسف سعود الصباح)
                if stem in self.adjectives and i > 0 and not self._gap(i).strip():
                    prev = self.words[i - 1].text
                    if has_article(prev) or prev in self.adjectives:
                        continue
                out.append((w.start + skip, w.end, key))
                break
        return out

    def given_repeats(self, given: dict[str, list[tuple[int, str]]]) -> list[tuple[int, int, str]]:
        """A person's given name alone after an honorific (الأمير مشعل, الملك عبدالله) once the
        person is named in full before it: that person, when only one person named so far bears
        it, and no lineage or other given name follows (الشيخ محمد بن راشد is someone else)."""
        out = []
        hon = self.c["honorifics"]
        for i, w in enumerate(self.words):
            last = i  # the given name's last word: عبد الله is one given name, as عبدالله
            if w.text in self.c["given_prefixes"] and i + 1 < len(self.words) and self._gap(i + 1) == " ":
                last = i + 1
            held = given.get("".join(x.text for x in self.words[i:last + 1]))
            end = self.words[last].end
            if not held or i == 0 or self._gap(i) != " " or self.covered(w.start, end):
                continue
            prev = self.words[i - 1].text
            if prev not in hon and not (prev[:1] in "وف" and prev[1:] in hon):
                continue
            keys = {k for p, k in held if p < w.start}
            if len(keys) != 1:
                continue
            if last + 1 < len(self.words) and self._gap(last + 1) == " ":
                nxt = self.words[last + 1].text
                if nxt in self.c["particles"] or first_name_stem(nxt) is not None:
                    continue
            out.append((w.start, end, keys.pop()))
        return out

    def _in_given_chain(self, i: int) -> bool:
        """Do up to three plain name words, one of them a given name, run right before word i?"""
        k = i
        while k > 0 and i - k < 3 and not self._gap(k).strip():
            prev = self.words[k - 1]
            if self.covered(prev.start, prev.end) or not self.name_word(prev.text, False):
                return False
            if first_name_stem(prev.text) == 0:
                return True
            k -= 1
        return False

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

    def _surname_word(self, w: str, given_ok: bool = False) -> bool:
        """Can ``w`` be a surname met alone? Like a name word, but an article is allowed (البرهان);
        with ``given_ok``, a given name too (قاسم after حازم قاسم: the surname of the one named)."""
        c = self.c
        if not all(is_arabic_letter(ch) for ch in w):
            return False
        if w in c["stop_words"] or w in c["not_names"] or w in c["speech_verbs"] or (w in c["first_names"] and not given_ok):
            return False
        return w.startswith("ال") or self.name_word(w, True)
