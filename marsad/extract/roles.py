"""Roles in text: a title plus its scope (الرئيس الروسي, المتحدث باسم الكرملين), read as a role id.

A title is followed by a country adjective (الروسي -> RU), by a known entity, directly or
after a connector (للكرملين, باسم بوتين), or by nothing (then only a title with a default
scope, البابا, makes a role). The role id is ``<title>:<scope>``; the KB says who held it when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.kb import KB
from marsad.extract.names import Hit
from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.text.tokenize import proclitic_splits


@dataclass(slots=True)
class RoleReading:
    start: int  # normalised offsets of the whole phrase (title + scope)
    end: int
    title: str
    scope: str | None  # ISO code or KB id
    scope_is_country: bool = False

    @property
    def role(self) -> str | None:
        return f"{self.title}:{self.scope}" if self.scope else None


@lru_cache(maxsize=1)
def not_current() -> frozenset[str]:
    return frozenset(normalize(w) for w in load_json("titles.json").get("not_current", []))


@lru_cache(maxsize=1)
def deputy_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """(deputy words as written, those that may also take a glued ل or ب)."""
    data = load_json("titles.json")
    return tuple(data.get("deputy_words", [])), frozenset(data.get("deputy_words_after_preposition", []))


def deputy_before(raw: str, start: int) -> bool:
    """Does a deputy word stand right before the title at ``start`` of the text as written (نائب
    وزير الخارجية, ومساعد وزير الخارجية)? Then the phrase names the deputy, never the title's holder.
    Read on the written text: normalised, نائبة and مساعدة would be نائبه and مساعده (his deputy,
    who is the title's holder). A glued و or ف may come before it; ل or ب only before the words
    ``deputy_words_after_preposition`` lists (لنائب وزير; بمساعدة وزير is "with the help of")."""
    before = raw[:start].rstrip()
    if len(before) == start:
        return False  # the title is glued to what comes before it
    words, after_preposition = deputy_words()
    for w in words:
        if not before.endswith(w):
            continue
        lead = before[: len(before) - len(w)]
        if not lead or lead[-1].isspace():
            return True
        clitics = "وفلب" if w in after_preposition else "وف"
        if lead[-1] in clitics and (len(lead) == 1 or lead[-2].isspace()):
            return True
    return False


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def current(text: str, reading: RoleReading, sentence: tuple[int, int], date: str | None) -> bool:
    """Is the role meant as held on the article's date? Not after السابق (former), nor in a
    sentence that names another year (برئيس أوكرانيا ... في عام 2014)."""
    s, e = _next_word(text, reading.end)
    if text[s:e] in not_current() or any(text[s:].startswith(w + " ") for w in not_current() if " " in w):
        return False
    if date:
        years = {m.group() for m in _YEAR.finditer(text, sentence[0], sentence[1])}
        if years - {date[:4]}:
            return False
    return True


@lru_cache(maxsize=1)
def titles_data() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """(normalised title form -> title id, connectors, default scopes)."""
    data = load_json("titles.json")
    forms: dict[str, str] = {}
    for tid, fs in data["titles"].items():
        for f in fs:
            forms.setdefault(normalize(f), tid)
    return forms, frozenset(normalize(c) for c in data["connectors"]), dict(data.get("default_scope", {}))


def _next_word(text: str, pos: int) -> tuple[int, int]:
    """Span of the word after ``pos`` (skipping spaces only); (pos, pos) if punctuation comes first."""
    n = len(text)
    s = pos
    while s < n and text[s] == " ":
        s += 1
    e = s
    while e < n and text[e].isalnum():
        e += 1
    return s, e


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Words that name a country's status or a place's kind before its name (ملك مملكة البحرين,
    حكومة إقليم كردستان): no break between a title and its scope."""
    cues = load_json("name_cues.json")
    return frozenset(normalize(w) for w in cues["place_descriptor_heads"] + cues["place_kind_heads"])


@lru_cache(maxsize=1)
def _joined() -> tuple[str, str]:
    c = load_json("clitics.json")
    return c["and"], c["article"]


@lru_cache(maxsize=1)
def _title_firsts() -> frozenset[str]:
    """First words of every title form and person title, with and without the article (السفير,
    المندوب, القنصل): a word joined by و that is one opens another person's title."""
    forms = set(titles_data()[0]) | {normalize(t) for t in load_json("name_cues.json")["person_titles"]}
    firsts = {f.split()[0] for f in forms if f}
    return frozenset(firsts | {f.removeprefix(_joined()[1]) for f in firsts})


def _past_joined_portfolio(text: str, s: int, e: int, kb: KB) -> tuple[int, int]:
    """The word after a second portfolio joined to the title's own by و (وزير الطاقة ``والموارد
    الطبيعية`` التركي), up to two words of it, when a country adjective follows it; else (s, e).
    A title joined so is another person (وزير الخارجية والسفير الأمريكي): no portfolio."""
    and_, article = _joined()
    heads = _title_firsts()
    w = text[s + 1:e]
    if not text.startswith(and_ + article, s) or text[s:e] in kb.adjectives or w in heads \
            or w.removeprefix(article) in heads:
        return s, e
    a, b = _next_word(text, e)
    for _ in range(2):
        if a >= b:
            return s, e
        if text[a:b] in kb.adjectives:
            return a, b
        if not text.startswith(article, a):
            return s, e
        a, b = _next_word(text, b)
    return (a, b) if a < b and text[a:b] in kb.adjectives else (s, e)


def read_role(text: str, title: Hit, title_id: str, entities: dict[int, Hit], kb: KB) -> RoleReading:
    """Read the scope after a title hit; ``entities`` maps a start offset to an entity hit."""
    _, connectors, defaults = titles_data()
    end = title.end
    ends_with_connector = title.key.split(" ")[-1] in connectors
    s, e = _next_word(text, end)
    s, e = _past_joined_portfolio(text, s, e, kb)
    if s < e:
        two_e = _next_word(text, e)[1]
        for span_end in (two_e, e):
            iso = kb.adjectives.get(text[s:span_end])
            if iso and not ends_with_connector:
                return RoleReading(title.start, span_end, title_id, iso, True)
        # an entity right after (iḍāfa), after a proclitic connector (للكرملين), or after a
        # connector word (باسم بوتين)
        starts = [s + k for k in range(0, 3)]
        if text[s:e] in connectors or text[s:e] in _place_heads():
            s2, _ = _next_word(text, e)
            starts.append(s2)
        for st in starts:
            h = entities.get(st)
            if h is None:
                continue
            prefix = text[s:st].strip()
            if prefix and prefix not in connectors and prefix not in _place_heads():
                continue
            actor = kb.actors.get(h.values[0])
            if actor is None:
                continue
            # a person right after the title is the title's holder, not its scope (الرئيس بوتين);
            # a place right after a title with the article is no scope either: a definite noun
            # takes no genitive (زار الرئيس جزيرة جربة: the place visited, not the president's)
            if not ends_with_connector and (actor.type == "PERSON" and not prefix or actor.type == "LOC"
                                            and title.key.startswith("ال") and prefix in _place_heads()):
                break
            return RoleReading(title.start, h.end, title_id, actor.id, actor.type == "LOC" and actor.id == actor.country)
    return RoleReading(title.start, end, title_id, defaults.get(title_id))


def _roles_meant(reading: RoleReading, kb: KB) -> list[str]:
    """The KB roles a reading may mean (a country's 'leader' is its king, emir or president)."""
    if not reading.scope:
        return []
    if reading.title == "leader" and reading.scope_is_country:
        lead = kb.leader_title.get(reading.scope)
        return [*([f"{lead}:{reading.scope}"] if lead else []), f"president:{reading.scope}"]
    return [reading.role]


def resolve(reading: RoleReading, kb: KB, date: str | None) -> str | None:
    """The KB id of who held the role on ``date``."""
    for role in _roles_meant(reading, kb):
        holder = kb.holder(role, date)
        if holder:
            return holder
    return None


def ever_held(reading: RoleReading, kb: KB, actor_id: str) -> bool:
    """Did the KB actor ``actor_id`` hold the role at any time? (A title written before a name,
    ملك الأردن عبدالله الثاني, is that person's whatever the date.)"""
    return any(i == actor_id for role in _roles_meant(reading, kb) for _, _, i in kb.roles.get(role, ()))


def title_of(words: list[str]) -> str | None:
    """The id of the longest title (titles.json) the normalised ``words`` open with: رئيس حكومة
    الوحدة -> prime-minister, الأمين العام -> secretary-general."""
    forms = titles_data()[0]
    for n in (3, 2, 1):
        if len(words) >= n:
            p = " ".join(words[:n])
            if p in forms:
                return forms[p]
            if "ال" + p in forms:
                return forms["ال" + p]
    return None


def same_title(said: str, named: str) -> bool:
    """Does a title said alone (``said``: الوزير) stand for one a person was named with (``named``:
    وزير التربية)? The same title, or a minister of any portfolio for الوزير, never a prime minister."""
    return named == said or said == "minister" and named.endswith("-minister") and "prime" not in named


def titled_with(text: str, at: int, title: str, verbs: frozenset[str]) -> bool:
    """Is the name at ``at`` written after a title that ``title`` (an id) stands for, in its own
    sentence, the title opening it or following its verb (``verbs``: وقال وزير التربية الوطنية
    شكيب بنموسى for الوزير, but رئيس الوزراء is no الرئيس, and نجل الرئيس, مستشار الوزير are
    someone else's titles)?"""
    before = text[max(0, at - 80):at]
    cut = max(before.rfind(x) for x in ".!؟?\n")
    ws = normalize(before[cut + 1:]).split()[-6:]
    for j in range(len(ws)):
        if j > 0 and not any(st in verbs for _, st in proclitic_splits(ws[j - 1])) and ws[j - 1] != "و":
            continue
        found = title_of(ws[j:])
        if found is not None:
            return same_title(title, found)
    return False
