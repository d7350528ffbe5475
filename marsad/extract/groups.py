"""Group and unnamed actors: protesters, workers, gunmen, security forces, a country's people.

Conflict and protest news rarely names who acted: ``تظاهر آلاف الفلسطينيين``, ``هاجم مسلحون
مجهولون``, ``أطلقت قوات الأمن النار``. Coders (CAMEO, PLOVER, ACLED) still code them, as a
sector of a country (PSECVL: Palestinian civilians). The words, sectors and labels live in
``actions_groups.json``; the country comes from a nationality adjective after the group or
from a plural nationality standing alone. Each found group becomes an entity keyed
``grp:<group>`` or ``grp:<group>:<ISO>``, so every outlet's "protesters in Egypt" is one actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token, proclitic_splits
from marsad.types import EntityRecord


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    sector: str
    en: str
    ar: str
    implies: str | None = None  # a type its presence as a subject tells (protesters: PROTEST)
    not_before: frozenset[str] = frozenset()  # a next word that makes its word another (نواب الرئيس: deputies)


@dataclass(frozen=True, slots=True)
class GroupHit:
    """A group actor found at tokens ``tok0..tok1`` (inclusive)."""

    tok0: int
    tok1: int
    group: Group
    country: str | None
    unknown: bool  # marked unidentified (مجهولون)
    prefix: str  # the proclitics on its first word (ل, ب, و...)

    @property
    def key(self) -> str:
        return f"grp:{self.group.id}:{self.country}" if self.country else f"grp:{self.group.id}"


@dataclass(frozen=True)
class GroupLexicon:
    words: dict[str, Group]  # one-word form (no article) -> group
    phrases: dict[str, list[tuple[tuple[str, ...], Group]]]  # first word -> [(words, group)]
    unknown: frozenset[str]
    unknown_group: Group
    people: Group
    plural_endings: tuple[str, ...]
    sectors: dict[str, dict[str, str]]
    country_stops: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    agent_sectors: dict[str, frozenset[str]] = field(default_factory=dict)  # type -> sectors that may act
    group_types: frozenset[str] = frozenset()  # action types groups may be parties of
    counted: Group | None = None  # who a counted noun the lexicon lacks stands for (عدد من الشبان)
    possessive_suffixes: tuple[str, ...] = ()  # pronouns on a group word naming whose it is (قواته)
    subject_group_types: frozenset[str] = frozenset()  # verbal types a crowd may do as the verb's subject
    nisba_endings: tuple[str, ...] = ()  # endings of a nisba adjective (بحرية): no glued preposition


def _bare(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


@lru_cache(maxsize=1)
def group_lexicon() -> GroupLexicon:
    data = load_json("actions_groups.json")
    words: dict[str, Group] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    by_id: dict[str, Group] = {}
    for g in data["groups"]:
        grp = Group(g["id"], g["sector"], g["en"], g["ar"], g.get("implies"),
                    frozenset(normalize(w) for w in g.get("not_before", ())))
        by_id[grp.id] = grp
        for form in g["forms"]:
            ws = tuple(_bare(w) for w in normalize(form).split())
            if len(ws) == 1:
                words.setdefault(ws[0], grp)
            else:
                phrases.setdefault(ws[0], []).append((ws, grp))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    p = data["people"]
    return GroupLexicon(words, phrases, frozenset(_bare(normalize(w)) for w in data["unknown"]),
                        by_id["unidentified"], Group("people", p["sector"], p["en"], p["ar"]),
                        tuple(data["plural_endings"]), data["sectors"],
                        frozenset(normalize(w) for w in data["country_stops"]),
                        frozenset(_bare(normalize(w)) for w in data["modifiers"]),
                        {t: frozenset(v) for t, v in data["agent_sectors"].items()},
                        frozenset(data["group_types"]), by_id.get(data.get("counted_group", "")),
                        tuple(normalize(x) for x in data.get("possessive_suffixes", ())),
                        frozenset(data.get("subject_group_types", ())),
                        tuple(normalize(x) for x in data.get("nisba_endings", ())))


def _keys(tok: Token) -> list[tuple[str, str]]:
    """(prefix, article-less stem) readings of a token, the bare word first."""
    out = []
    for p, s in proclitic_splits(tok.norm):
        out.append((p, _bare(s)))
    return out


def proclitic_prep(prefix: str) -> str:
    """The preposition in a proclitic string: وللشرطة -> ل, بالمتظاهرين -> ب, والجنود -> ''."""
    p = prefix[1:] if prefix[:1] in "وف" else prefix
    p = p[:-2] if p.endswith("ال") else p
    return "ل" if p == "لل" else p


def nationality(norm: str, gentilics: dict[str, str], lex: GroupLexicon) -> str | None:
    """The country of a nationality word, singular or plural (الفلسطينيين, عراقيا, المصرية)."""
    if norm in gentilics:
        return gentilics[norm]
    for end in lex.plural_endings:
        if norm.endswith(end) and len(norm) - len(end) >= 3 and norm[: -len(end)] in gentilics:
            return gentilics[norm[: -len(end)]]
    for p, s in proclitic_splits(norm):
        if p and p not in ("ال",) and s != norm:
            c = gentilics.get(s) or next((gentilics[s[: -len(e)]] for e in lex.plural_endings
                                          if s.endswith(e) and s[: -len(e)] in gentilics), None)
            if c:
                return c
    return None




def _prep_glued(norm: str, lex: GroupLexicon) -> bool:
    """Does ``norm`` (not a nationality) open with a glued preposition (بغارة, للجيش)? A nisba
    adjective (بحرية, برية) opens with no preposition."""
    return norm[:1] in ("ب", "ل") and not norm.endswith(lex.nisba_endings) and any(proclitic_prep(p) in ("ب", "ل") for p, _ in proclitic_splits(norm)[1:])


def _country_after(toks: list[Token], k: int, gentilics: dict[str, str], lex: GroupLexicon) -> tuple[str | None, int]:
    """A nationality within the two words after ``k`` (قوات الأمن العراقية, جنود مصريين), not
    across a glued preposition or another group's word, whose nationality it is."""
    for j in (k + 1, k + 2):
        if j >= len(toks):
            break
        c = nationality(toks[j].norm, gentilics, lex)
        if c:
            return c, j
        if _bare(toks[j].norm) in lex.unknown:
            continue
        if j == k + 1 and (toks[j].norm in lex.country_stops or _prep_glued(toks[j].norm, lex)
                           or any(s in lex.words for _, s in _keys(toks[j]))):
            break  # أشخاص بغارة إسرائيلية, الشرطة جنودا لبنانيين: the next noun's nationality
    return None, k


def find_groups(toks: list[Token], gentilics: dict[str, str], taken: set[int] | None = None,
                lex: GroupLexicon | None = None) -> list[GroupHit]:
    """Group actors of one sentence; tokens in ``taken`` (named actors) are skipped."""
    lex = lex or group_lexicon()
    taken = taken or set()
    out: list[GroupHit] = []
    i = 0
    while i < len(toks):
        if i in taken:
            i += 1
            continue
        hit = None
        for p, s in _keys(toks[i]):
            for words, grp in lex.phrases.get(s, ()):
                n = len(words)
                if i + n <= len(toks) and all(words[j] in {k for _, k in _keys(toks[i + j])} for j in range(1, n)):
                    hit = (grp, i + n - 1, p)
                    break
            if hit:
                break
            if s in lex.words:
                hit = (lex.words[s], i, p)
                break
        if hit is None and not toks[i].text.endswith("\u0629"):
            hit = _possessed(toks[i].norm, i, lex)  # قواتها, جنودهم: whose is read by the caller
        if hit is None:
            c = nationality(toks[i].norm, gentilics, lex)
            if c and toks[i].norm not in gentilics and not toks[i].norm.endswith("ه"):
                out.append(GroupHit(i, i, lex.people, c, False, ""))  # آلاف الفلسطينيين, 13 عراقيا
            i += 1
            continue
        grp, end, prefix = hit
        if end + 1 < len(toks) and grp.not_before and any(s in grp.not_before for _, s in _keys(toks[end + 1])):
            i = end + 1  # نواب الرئيس, نائبا رئيس الوزراء: an officer's deputies, no group
            continue
        country, last = _country_after(toks, end, gentilics, lex)
        end = max(end, last)
        unknown = grp.id == "unidentified"
        while end + 1 < len(toks) and (_bare(toks[end + 1].norm) in lex.unknown
                                       or _bare(toks[end + 1].norm) in lex.modifiers):
            end += 1  # مسلحون مجهولون, وحدة إسرائيلية خاصة
            unknown = unknown or _bare(toks[end].norm) in lex.unknown
        out.append(GroupHit(i, end, grp, country, unknown, proclitic_prep(prefix)))
        i = end + 1
    return out


def _possessed(norm: str, i: int, lex: GroupLexicon) -> tuple[Group, int, str] | None:
    """An armed group's word with a possessive pronoun on it (قواتها, جنودهم, وقواته), as a hit at
    ``i``: a state's or a movement's forces. A word with a ta marbuta (انتحارية, مدنية) is no
    pronoun, and a crowd's (دعت أنصارها) is mostly the object of what its owner did: neither is read."""
    armed = lex.agent_sectors.get("ASSAULT", frozenset())
    for x in lex.possessive_suffixes:
        if norm.endswith(x) and len(norm) - len(x) >= 3:
            for p, s in proclitic_splits(norm[:-len(x)]):
                g = lex.words.get(_bare(s))
                if g is not None and g.sector in armed:
                    return g, i, p
    return None


def group_record(hit: GroupHit, country_names: dict[str, str], country_ar: dict[str, str]) -> EntityRecord:
    """The entity a group stands for: ``protesters (Egypt)`` / ``متظاهرون (مصر)``."""
    g = hit.group
    if hit.country:
        name = f"{g.en} ({country_names.get(hit.country, hit.country)})"
        name_ar = f"{g.ar} ({country_ar.get(hit.country, hit.country)})"
    else:
        name, name_ar = g.en, g.ar
    return EntityRecord(hit.key, name, "GROUP", name_ar=name_ar, country=hit.country)
