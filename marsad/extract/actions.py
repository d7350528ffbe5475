"""Coded actions (PLOVER types, CAMEO codes): who did what to whom, when and where.

Per sentence: find triggers (verbs and event nouns from ``actions_lexicon.json``), take the
actors from the entity layer's mentions and pick source and target with shallow Arabic
syntax cues (subject after the verb or the nearest free actor before it, ``بين X و Y``,
the target's preposition, a bare object, a proposal the sentence rejects). Precision first:
a trigger without an identifiable source AND target gives no record. Cue words live in
``actions_cues.json``; thresholds in the ``[actions]`` config section.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from marsad.extract.action_classifier import sentence_gate
from marsad.extract.discover import cues as name_cue_words
from marsad.extract.groups import (
    GroupHit,
    GroupLexicon,
    find_groups,
    group_lexicon,
    group_record,
    nationality,
    proclitic_prep,
)
from marsad.extract.kb import get_kb, load_kb
from marsad.extract.roles import titles_data
from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token, proclitic_splits, tokenize
from marsad.types import Action, Analysis, Document, EntityRecord, Fact, Mention, Quote, TimeRef

Gate = Callable[[str, str], bool]  # (action type, sentence text) -> does the sentence tell one?

_RULES = ("object", "addressee", "proposal", "between", "from_pair")
_MORPH = load_json("morphology.json")
_AND = load_json("clitics.json")["and"]  # a pair's conjunction
_PAST_SUFFIXES = tuple(_MORPH["past_suffixes"])
_PRES_PREFIXES = tuple(_MORPH["present_prefixes"])
_PRES_SUFFIXES = tuple(_MORPH["present_suffixes"])
_NISBA_ENDINGS = tuple(_MORPH["nisba_endings"])
_NISBA_LETTER = tuple(e for e in _NISBA_ENDINGS if len(e) == 1)  # the masculine ending a plural suffix follows
_ADJECTIVE_ENDINGS = tuple(_MORPH["adjective_endings"])
_PRES_PREFIX_LETTERS = "".join(_PRES_PREFIXES)
_FIRST_PERSON = tuple(_MORPH["first_person_prefixes"])
_FIRST_PERSON_NOUN = tuple(_MORPH["first_person_noun_suffixes"])


@dataclass
class Entry:
    id: str
    type: str
    cameo: str | None
    mode: str | None
    targets: tuple[str, ...]
    symmetric: bool = False
    governs: str | None = None
    when_agreed: str | None = None
    needs_proposal: bool = False
    needs_noun_after: frozenset[str] = frozenset()
    nouns_need_event: bool = False
    speaker_source: bool = False  # a predicate (مستحيل): its source is the speaker of the clause
    not_forms: frozenset[str] = frozenset()  # conjugated forms that are other words (قبل = before)
    not_before: frozenset[str] = frozenset()  # a next word that makes it another verb (بحث عن = search)
    by_person: tuple[str, str] | None = None  # (type, cameo) when a person is the source (a verbal attack)
    noun_subject: int | None = None  # how far before its noun the owner may stand, when not the default
    open: bool = False  # an event type (protest, attack, arrest): coded with an unknown source or no target
    passive: bool = False  # the actor named is acted upon (مقتل 7 أشخاص, انفجرت سيارة مفخخة)
    open_needs_source: bool = False  # a meeting or talks: coded with one party only if it is the known source
    open_nouns_only: bool = False  # only its nouns are coded open (محادثات, not تحدثت مصادر)
    open_min_words: int = 1  # shortest trigger coded open (فرض عقوبات, not a bare عقوبات)
    not_after: frozenset[str] = frozenset()  # a word before a noun trigger that makes it another noun
    open_not_forms: frozenset[str] = frozenset()  # forms never coded open (هنا: 'here' and هنأ)
    launched_by: frozenset[str] = frozenset()  # verbs that make their subject the noun's source (أعلن هدنة)
    held_by: frozenset[str] = frozenset()  # verbs telling the noun took place, with no one party (انعقدت القمة)
    needs_after_window: int = 3  # how many words after the trigger needs_noun_after (and open_needs_noun_after) look at
    gated: bool = True  # open coding asks the sentence classifier; False: the word itself tells a happening (اشتباكات)
    # coded open (with no named target) only when one of these is what its preposition governs
    # (سيطرت القوات على بلدة, not سيطروا على كميات من السلاح)
    open_needs_noun_after: frozenset[str] = frozenset()
    # (type, cameo, mode) of another entry that a place as the target makes it (استولت القوات على
    # مدينة: a capture of territory, where استولت على أموال is a seizure)
    on_place: tuple[str, str | None, str | None] | None = None
    # its noun's genitive is what it is done to, armed or not (إسقاط طائرة حربية روسية: the warplane
    # is shot down, no agent); the agent is then whoever launches or claims it (أعلنت أوكرانيا)
    genitive_patient: bool = False
    # its nouns are coded only with a launch or claim verb before them (أعلن الجيش الروسي السيطرة
    # على قرية): alone they mostly tell a standing state (المناطق الخاضعة لسيطرة الحوثيين)
    nouns_need_launcher: bool = False
    # the launch word alone tells the happening, whoever launched it (فتحت النيابة تحقيقا: an
    # investigation opened by a body no list knows): no actor is needed as the launcher's subject
    launcher_optional: bool = False
    noun_firsts: frozenset[str] = frozenset()  # first words of its nouns as listed (a glued preposition is none)
    # its source must be an organisation of no one country (قررت أوبك+ خفض الإنتاج: a bloc's
    # decision is its members' agreement; قررت الحكومة رفع الأسعار is one state's policy)
    source_international: bool = False
    # coded only when a crowd (a group of PROTEST's agent sectors) is its subject, which then tells
    # the happening by itself (أغلق محتجون الطريق: a protest; أغلقت الشرطة الطريق is none)
    needs_crowd: bool = False
    # coded only inside a direct quote with a known speaker, who is its source: a condemnation in
    # the speaker's own words ("افتراء وكذب", "فعل مخز"); outside a quote the words are the writer's
    in_quote: bool = False
    # coded only when, within a few words after it, من opens a clause whose subject is a pronoun
    # and whose verb is future or negated future (حذرت الوزارة من أنها ستلجأ إلى الاقتطاع: the
    # warner's own act to come, a threat; حذر من أن الأسعار سترتفع is no threat)
    self_future: bool = False


@dataclass
class Lexicon:
    entries: list[Entry]
    words: dict[str, list[tuple[int, bool]]]  # form -> [(entry index, is_noun)]
    phrases: dict[str, list[tuple[tuple[str, ...], int]]]  # first word -> [(words, entry index)]
    cues: dict
    negation: frozenset[str]
    neg_exceptions: frozenset[str]
    modality: list[tuple[tuple[str, ...], str]]
    preps: frozenset[str]
    skip: frozenset[str]
    duals: dict[str, str]
    mode_cues: dict[str, str]
    possessive: tuple[str, ...]
    proposal_forms: frozenset[str]
    anaphors: frozenset[str]
    place_preps: frozenset[str]
    prep_skip: frozenset[str]
    clause_stops: frozenset[str]
    gentilics: dict[str, str]  # normalised nationality adjective -> ISO code
    country_names: dict[str, str]  # ISO code -> English name
    title_words: frozenset[str] = frozenset()
    media_words: frozenset[str] = frozenset()
    media_names: frozenset[str] = frozenset()  # normalised names of outlets and platforms
    media_keys: frozenset[str] = frozenset()  # KB keys of outlets and platforms
    media_target_types: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    forces: frozenset[str] = frozenset()
    proposal_nouns: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    pron_complementizers: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    groups: GroupLexicon | None = None
    country_ar: dict[str, str] = field(default_factory=dict)  # ISO code -> Arabic name
    first_person: frozenset[str] = frozenset()  # present verb forms of the first person (أدين, نرحب)
    # the first word of a title (رئيس, وزير), not its portfolio (النفط): a noun right after one is a
    # name's word (رئيس اللقاء الديمقراطي), where after a portfolio it is not (ناقلة نفط لهجوم)
    title_heads: frozenset[str] = frozenset()
    title_connectors: frozenset[str] = frozenset()  # words joining a title to its scope (الناطق باسم الحكومة)
    person_titles: frozenset[str] = frozenset()  # ranks and honorifics before a name (العميد, الدكتور)
    institution_heads: frozenset[str] = frozenset()  # الجمعية, المنظمة: heads of a national body's name
    named_org_cues: frozenset[str] = frozenset()  # منظمة, حركة: a discovered name right after one is an actor
    attribution_words: frozenset[str] = frozenset()  # بحسب, وفق: what follows is a source, not a party
    scope_connectors: frozenset[str] = frozenset()  # every title connector, glued ones too (ل, في, باسم)
    scope_links: frozenset[str] = frozenset()  # words that join a title to a named scope (إلى, لدى, عن)
    # event nouns written with a final taa marbuta (مصادرة): the same word written with a final ha
    # is another noun with a pronoun (مصادره: his sources), not the event noun
    taa_nouns: frozenset[str] = frozenset()
    # an adjective naming an armed body (حوثي) -> its id, English name and country, as gentilics name states
    body_adjectives: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # _match_word's, by word


_QUOTE_OR_CLAUSE = "\"«»“”:،,؛"  # a quotation or a new clause between a subject and a joined verb
_ARMED = frozenset({"MIL", "COP"})  # state forces: an army's act is not its country's own affairs
_SCOPE_REACH = 8  # words of a title's scope walked back over to find the title (منسقة ... في السودان)


def _strip_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _verb_forms(past: str, pres: str) -> set[str]:
    out = {past + s for s in _PAST_SUFFIXES}
    out |= {p + pres + s for p in _PRES_PREFIXES for s in _PRES_SUFFIXES}
    return out


def build_lexicon(res: Resources | None = None) -> Lexicon:
    """Index the lexicon and cue files by matching key (built once per process)."""
    data = load_json("actions_lexicon.json")
    cues = load_json("actions_cues.json")
    entries: list[Entry] = []
    words: dict[str, list[tuple[int, bool]]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    first: set[str] = set()
    taa: set[str] = set()
    for i, e in enumerate(data["entries"]):
        targets = tuple(t if t in _RULES else normalize(t) for t in e.get("targets", ()))
        entries.append(Entry(e["id"], e["type"], e.get("cameo"), e.get("mode"), targets,
                             bool(e.get("symmetric")), e.get("governs"), e.get("when_agreed"),
                             bool(e.get("needs_proposal")),
                             frozenset(_strip_article(normalize(w)) for w in e.get("needs_noun_after", ())),
                             bool(e.get("nouns_need_event")), e.get("source") == "speaker",
                             frozenset(normalize(w) for w in e.get("not_forms", ())),
                             frozenset(normalize(w) for w in e.get("not_before", ())),
                             tuple(e["by_person"]) if e.get("by_person") else None, e.get("noun_subject"),
                             bool(e.get("open")), bool(e.get("passive")),
                             e.get("open") in ("with_source", "nouns_with_source"), e.get("open") == "nouns_with_source",
                             int(e.get("open_min_words", 1)),
                             frozenset(_strip_article(normalize(w)) for w in e.get("not_after", ())),
                             frozenset(normalize(w) for w in e.get("open_not_forms", ())),
                             frozenset(normalize(w) for w in e.get("launched_by", ())),
                             frozenset(normalize(w) for w in cues["held_by"].get(e.get("held_by", ""), ())),
                             int(e.get("needs_after_window", 3)), bool(e.get("gate", True)),
                             open_needs_noun_after=frozenset(_strip_article(normalize(w))
                                                             for w in e.get("open_needs_noun_after", ())),
                             genitive_patient=bool(e.get("genitive_patient")),
                             nouns_need_launcher=bool(e.get("nouns_need_launcher")),
                             launcher_optional=bool(e.get("launcher_optional")),
                             noun_firsts=frozenset(normalize(n).split()[0] for n in e.get("nouns", ()) if n.strip()),
                             source_international=bool(e.get("source_international")),
                             needs_crowd=bool(e.get("needs_crowd")), in_quote=bool(e.get("in_quote")),
                             self_future=bool(e.get("self_future"))))
        forms: set[str] = set()
        for past, pres in e.get("verbs", ()):
            forms |= _verb_forms(normalize(past), normalize(pres))
            first |= {normalize(p) + normalize(pres) for p in _FIRST_PERSON}
        forms |= {normalize(f) for f in e.get("forms", ())}
        for f in forms:
            words.setdefault(f, []).append((i, False))
        for n in e.get("nouns", ()):
            ws = tuple(_strip_article(w) for w in normalize(n).split())
            if len(ws) == 1:
                words.setdefault(ws[0], []).append((i, True))
                if n.endswith("\u0629"):
                    taa.add(ws[0])
            else:
                phrases.setdefault(ws[0], []).append((ws, i))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    by_id = {e.id: e for e in entries}
    for e, d in zip(entries, data["entries"], strict=True):
        if d.get("on_place"):
            other = by_id[d["on_place"]]
            e.on_place = (other.type, other.cameo, other.mode)
    modality = [(tuple(normalize(p).split()), m) for p, m in cues["modality"]]
    numbers = load_json("facts_numbers.json")["words"]  # ثلاث, خمس: the feminine counts too
    counts = {normalize(w) for w in cues["count_words"]} | {normalize(w) for w, v in numbers.items() if v >= 3}
    cues = dict(cues, count_keys=frozenset(counts),
                agent_keys=_by_first_word(tuple(normalize(w).split()) for w in cues["agent_markers"]),
                fired_keys=_by_first_word(tuple(normalize(w).split()) for w in cues["fired_markers"]),
                partitive_keys=frozenset(_strip_article(normalize(w)) for w in cues["partitive_heads"]),
                shot_keys=_by_first_word(tuple(normalize(w).split()) for w in cues["shot_markers"]),
                launch_keys=frozenset(normalize(w) for w in cues["launch_verbs"]),
                crowd_launch_keys=frozenset(normalize(w) for w in cues["crowd_launch_verbs"]),
                officials_in_keys=frozenset(normalize(w) for w in cues["officials_in"]),
                imperfect_keys=frozenset(cues["imperfect_prefixes"]),
                future_prefix_key=normalize(cues["future_prefix"]),
                glued_noun_preps=frozenset(normalize(w) for w in cues["glued_noun_preps"]),
                article_key=normalize(load_json("clitics.json")["article"]),
                genitive_article_key=normalize(load_json("clitics.json")["genitive_article"]),
                causal_pronoun_keys=frozenset(normalize(w) for w in cues["causal_pronoun_complementizers"]),
                not_own_act_keys=frozenset(normalize(w) for w in cues["not_own_act_verbs"]),
                sought_launch_keys=frozenset(normalize(w) for w in cues["sought_launch_before"]),
                sought_launch_adjacent_keys=frozenset(normalize(w) for w in cues["sought_launch_adjacent"]),
                negated_future_keys=frozenset(normalize(w) for w in cues["negated_future"]),
                from_key=normalize(cues["warned_of"]),
                threat_keys=frozenset(normalize(w) for w in cues["threat_words"]),
                flag_keys=frozenset(normalize(w) for w in cues["flag_words"]),
                undergo_keys=frozenset(normalize(w) for w in cues["undergo_verbs"]),
                undergo_hit_keys=frozenset(normalize(w) for w in cues["undergo_hit_verbs"]),
                held_after_keys=frozenset(normalize(w) for w in cues["held_after"]),
                claim_keys=frozenset(normalize(w) for w in cues["claim_verbs"]),
                responsibility_keys=[tuple(normalize(w).split()) for w in cues["claimed_responsibility"]],
                sought_keys=frozenset(_strip_article(normalize(w)) for w in cues["sought_before"]),
                count_link_keys=frozenset(normalize(w) for w in cues["count_links"]),
                purpose_before_keys=frozenset(normalize(w) for w in cues["purpose_before"]),
                reach_keys=frozenset(normalize(w) for w in cues["reach_words"]),
                failed_keys=frozenset(normalize(w) for w in cues["failed_words"]),
                reach_object_keys=frozenset(normalize(w) for w in cues["reach_object_preps"]),
                reach_object_keys_failed=frozenset(normalize(w) for w in cues["failed_preps"]),
                noun_head_keys=frozenset(normalize(w) for w in cues["noun_heads"]),
                sports_keys=frozenset(_strip_article(normalize(w)) for w in cues["sports_words"]),
                banner_keys=frozenset(_strip_article(normalize(w)) for w in cues["banner_nouns"]),
                banner_not_after_keys=frozenset(normalize(w) for w in cues["banner_not_after"]),
                affiliation_keys=frozenset(normalize(w) for w in cues["affiliation_words"]),
                member_keys=frozenset(normalize(w) for w in cues["member_nouns"]),
                member_title_keys=frozenset(normalize(w) for w in cues["member_titles"]),
                member_prep_keys=frozenset(normalize(w) for w in cues["member_preps"]),
                not_violence_keys=frozenset(_strip_article(normalize(w)) for w in cues["not_violence"] if " " not in w),
                not_violence_phrases=[normalize(w) for w in cues["not_violence"] if " " in w],
                halt_keys=frozenset(normalize(w) for w in cues["halt_words"]),
                noun_in_adjunct_keys=frozenset(normalize(w) for w in cues["noun_in_adjunct"]),
                nonspecific_keys=frozenset(normalize(w) for w in cues["nonspecific"]),
                event_unit_keys=frozenset(normalize(w) for w in cues["event_units"]),
                purpose_holding_keys=frozenset(normalize(w) for w in cues["purpose_holding"]),
                background_keys=frozenset(normalize(w) for w in cues["background_before"]),
                feared_keys=frozenset(normalize(w) for w in cues["feared_before"]),
                onset_keys=frozenset(normalize(w) for w in cues["onset_before"]),
                adjective_agent_between=frozenset(normalize(w) for w in cues["adjective_agent_between"]),
                weapon_subject_keys=frozenset(normalize(w) for w in cues["weapon_subjects"]),
                weapon_owner_keys=_by_first_word(tuple(normalize(w).split())
                                                 for w in cues["fired_markers"] + cues["weapon_owners"]),
                stipulation_keys=frozenset(normalize(w) for w in cues["stipulation_words"]),
                celebration_keys=frozenset(_strip_article(normalize(w)) for w in cues["celebration_words"]),
                goods_keys=frozenset(_strip_article(normalize(w)) for w in cues["goods_nouns"]),
                goods_from_keys=frozenset(normalize(w) for w in cues["goods_from"]),
                between_keys=frozenset(normalize(w) for w in cues["between_words"]),
                complementizer_keys=frozenset(normalize(w) for w in cues["complementizers"]),
                from_pair_keys=frozenset(normalize(w) for w in cues["from_pair_words"]),
                not_owner_keys=frozenset(normalize(w) for w in cues["not_owner_preps"]))
    mode_cues = {normalize(w): mode for mode, ws in cues["mode_cues"].items() for w in ws}
    proposal: set[str] = set()
    for past, pres in cues["proposal_verbs"]:
        proposal |= _verb_forms(normalize(past), normalize(pres))
    kb = get_kb(res) if res is not None else load_kb()
    countries = [a for a in kb.actors.values() if a.type == "LOC" and len(a.id) == 2 and a.id.isupper()]
    names = {a.id: a.name for a in countries}
    title_forms, connectors, _ = titles_data()
    title_words = {w for f in title_forms for w in f.split()} | {normalize(w) for w in cues["prep_skip"]}
    title_words = {w for w in title_words | {_strip_article(w) for w in title_words} if w not in connectors}
    title_heads = {f.split()[0] for f in title_forms} | {normalize(w) for w in cues["prep_skip"]}
    title_heads = {w for w in title_heads | {_strip_article(w) for w in title_heads} if w not in connectors}
    media_words = frozenset(normalize(w) for w in cues["media_words"])
    quote_cues = load_json("quote_cues.json")
    media_names = {normalize(f) for group in ("outlets", "channels") for o in quote_cues[group]
                   for f in o["forms"] if o["name"] not in cues["channels_not_media"]}
    media_keys = frozenset(a.key for a in kb.actors.values() if a.type == "ORG" and a.media is not False and any(
        normalize(f) in media_names or normalize(f).split()[0] in media_words for f in a.aliases if f.strip()))
    return Lexicon(
        entries, words, phrases, cues,
        frozenset(normalize(w) for w in cues["negation"]),
        frozenset(normalize(w) for w in cues["negation_exceptions"]),
        modality,
        frozenset(normalize(w) for w in cues["preps"]),
        frozenset(normalize(w) for w in cues["subject_skip"]),
        {normalize(k): v for k, v in cues["duals"].items()},
        mode_cues,
        tuple(normalize(s) for s in cues["possessive"]),
        frozenset(proposal),
        frozenset(normalize(w) for w in cues["anaphors"]),
        frozenset(normalize(w) for w in cues["place_preps"]),
        frozenset(normalize(w) for w in cues["prep_skip"]),
        frozenset(normalize(w) for w in cues["clause_stops"]),
        dict(kb.adjectives),
        names,
        frozenset(title_words),
        media_words,
        frozenset(media_names),
        media_keys,
        frozenset(cues["media_target_types"]),
        frozenset(normalize(w) for w in cues["relatives"]),
        frozenset(_strip_article(normalize(w)) for w in cues["place_nouns"]),
        frozenset(_strip_article(normalize(w)) for w in cues["forces"]),
        frozenset(normalize(w) for w in cues["proposal_nouns"]),
        frozenset(normalize(w) for w in cues["auxiliaries"]),
        frozenset(normalize(w) for w in cues["pronoun_complementizers"]),
        frozenset(normalize(w) for w in cues["counterparts"]),
        group_lexicon(),
        {a.id: a.name_ar for a in countries if a.name_ar},
        frozenset(first),
        title_heads=frozenset(title_heads),
        title_connectors=frozenset(normalize(w) for w in connectors if " " not in w and len(w) > 2),
        scope_connectors=frozenset(connectors),
        scope_links=frozenset(normalize(w) for w in cues["scope_links"]),
        taa_nouns=frozenset(taa),
        body_adjectives={f: (i, kb.actors[i].name, kb.actors[i].country) for f, i in kb.body_adjectives.items()
                         if i in kb.actors},
        person_titles=name_cue_words()["ranks"],
        institution_heads=frozenset(name_cue_words()["definite_institution_heads"]),
        named_org_cues=frozenset(normalize(w) for w in cues["named_org_cues"]),
        attribution_words=frozenset(w for w in (normalize(p.split()[0].rstrip("ـ")) for p in quote_cues["according_to"])
                                    if w not in frozenset(normalize(x) for x in cues["preps"])),
    )


@lru_cache(maxsize=WORDS)
def _readings(word: str) -> tuple[tuple[str, str], ...]:
    """(prefix, stem) readings of a normalised word, clitics peeled up to twice (وسي..., وبال...)."""
    out = []
    for p, s in proclitic_splits(word):
        out.append((p, s))
        if p:
            out += [(p + p2, s2) for p2, s2 in proclitic_splits(s) if p2]
    return tuple(out)


@dataclass
class Actor:
    """Consecutive mentions of one entity (title + name) seen as one actor."""

    start: int
    end: int
    key: str
    type: str
    tok0: int  # first token index (the title before the name included)
    tok1: int  # last token index (inclusive)
    prep: str | None = None
    media: bool = False  # a news outlet or platform: a channel or relay, rarely an actor
    role: bool = False  # an unresolved role standing for its country (السفير البريطاني)
    sector: str | None = None  # CAMEO actor role of a group or a state body (CVL, MIL, COP...)
    group: bool = False  # named by a group noun (المتظاهرون, مسلحون), not by a name
    record: EntityRecord | None = field(default=None, repr=False)  # a group's entity, stored when coded
    implies: str | None = None  # a type the group tells by being a subject (protesters: PROTEST)
    named_at: tuple[int, int] | None = None  # where a possessed group's body is named (الجيش ... قواته)
    member: bool = False  # named by an unnamed member of it (مسؤول في حماس): a person, when one is meant


@dataclass
class Trigger:
    entry: int
    tok0: int
    tok1: int
    is_noun: bool
    future: bool = False
    possessive: bool = False
    sub: Trigger | None = field(default=None, repr=False)  # event noun governed by an agree verb


# A dateline (``لندن ـ «الشرق الأوسط»:``, ``أنقرة في 14 يناير / وام /``) names where the story
# was filed and by whom, not who acted.
_LEAD = re.compile(r"[\s«»\"]*")
_AFTER_PLACE = re.compile(r"[\s«»\"]*\S+(?:\s\S+)?\s*[ـ/\-–][^.،؟!:]{0,25}?[\s«\"]*")
_DATELINE_END = re.compile(r"[»\"]*\s*[:/]")


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern:
    """A dash, slash or one of the ``dateline_preps`` (في) after the place, as written in the raw text."""
    preps = "|".join(re.escape(w) + r"\s" for w in load_json("actions_cues.json")["dateline_preps"])
    return re.compile(r"[»\"]*\s*(?:[ـ/\-–]|" + preps + r")[^.،؟!:]{0,40}?[:/]")


def _role_key(m: Mention, lex: Lexicon, ents: dict[str, EntityRecord]) -> str | None:
    """An unresolved role scoped to a country (``السفير البريطاني``) acts for that country; one
    scoped to an organisation the sentence names (``الأمين العام للأمم المتحدة``) for it."""
    scope = (m.role or "").rpartition(":")[2]
    if scope in lex.country_names:
        return "kb:" + scope
    return "kb:" + scope if scope and "kb:" + scope in ents else None


def _title_word(norm: str, lex: Lexicon) -> bool:
    """A word of a title or a nationality adjective (الرئيس, وزير, الخارجية, الروسي), or a portfolio
    joined by و (وزير الخزانة والمالية)."""
    if norm[:1] == "و" and norm[1:3] == "ال" and len(norm) > 5:
        norm = norm[1:]
    return (norm in lex.title_words or _strip_article(norm) in lex.title_words or norm in lex.gentilics
            or _nisba(norm) and norm not in lex.words)


def _usable(m: Mention, ents: dict[str, EntityRecord], lex: Lexicon, text: str = "") -> bool:
    """Mentions that can be actors: KB actors and roles, names discovered from a person cue,
    and organisations named after or by a head saying what body they are (``_cued_org``,
    ``_headed_org``); not other
    discovered organisations or places, bare repeated words, or regions (a place in no country
    that is no country: الشرق الأوسط, البحر الأحمر)."""
    if m.entity is None:
        return _role_key(m, lex, ents) is not None
    if m.entity.startswith("unk:"):
        return m.type == "PERSON" and m.how == "context" or m.type == "ORG" and (
            _national_body(m.text, lex) or _cued_org(m, text, lex) or _headed_org(m, lex))
    rec = ents.get(m.entity)
    return not (rec is not None and rec.type == "LOC" and not rec.country and m.entity[3:] not in lex.country_names)


_OPENING_QUOTES = " \"'«“"


def _cued_org(m: Mention, text: str, lex: Lexicon) -> bool:
    """A discovered organisation right after a head naming the kind of body it is (``منظمة «سي
    ووتش»``, ``حركة "الشباب"``; actions_cues.json ``named_org_cues``): a named body, an actor
    though no list has it. A discovered name alone may be anything (a ship, a newspaper)."""
    before = text[max(0, m.start - 24):m.start].rstrip(_OPENING_QUOTES).split()
    if not before:
        return False
    w = normalize(before[-1])
    return w in lex.named_org_cues or w[:1] in ("و", "ل") and w[1:] in lex.named_org_cues


def _headed_org(m: Mention, lex: Lexicon) -> bool:
    """An organisation read from its name's own head (نقابة الصحفيين التونسيين, حزب العمال
    الكردستاني): the head says what body it is, as a cue before the name does (``_cued_org``)."""
    return m.how == "context" and normalize(m.text).split()[0] in lex.named_org_cues \
        and not any(ch.isdigit() for ch in m.text)  # a numbered unit (اللواء 444) is a unit, acting as before


def _national_body(surface: str, lex: Lexicon) -> bool:
    """An organisation named by a definite head and a country adjective (الجمعية المغربية لحقوق
    الإنسان, المنظمة المصرية لحقوق الإنسان), or by an institution's head with the country adjective
    ending its name (وزارة الموارد المائية السورية, هيئة الطاقة الذرية الإيرانية): a body of that
    country, an actor though no list has it."""
    words = normalize(surface).split()
    return len(words) >= 2 and (words[0] in lex.institution_heads and words[1] in lex.gentilics
                                or words[0] in name_cue_words()["institution_heads"] and words[-1] in lex.gentilics)


def _title_scope(x: Actor, a: Actor, toks: list[Token], text: str, lex: Lexicon) -> bool:
    """Is ``x``, an organisation or place written right before the person ``a``, what the title
    before it is of (الأمين العام للأمم المتحدة, وزير خارجية مصر, المتحدث باسم الخارجية الروسية)?"""
    return (x.type in ("ORG", "LOC") and x.tok1 == a.tok0 - 1 and x.tok0 > 0 and not text[x.end:a.start].strip()
            and _title_word(toks[x.tok0 - 1].norm, lex))


def _tagged_person(m: Mention) -> bool:
    return m.type == "PERSON" and m.how == "tagger" and (m.entity or "").startswith("unk:")


def _titled(m: Mention, toks: list[Token], starts: list[int], text: str, lex: Lexicon,
            scopes: list[tuple[int, int]] = ()) -> bool:
    """A person the tagger found right after a title (رئيس الوزراء الصومالي عمر ...), or after a
    title and its scope (الناطق باسم الجيش السوداني العميد فلان): an actor like one a title cue
    found, the title being his. ``starts`` are the tokens' start offsets; ``scopes`` the spans of
    the organisations and places a scope may name."""
    k = bisect_left(starts, m.start) - 1  # the word before the mention
    gap = text[toks[k].end:m.start].strip() if k >= 0 else ""
    if k < 0 or gap and not (gap in _APPOSITION and text[m.end:m.end + 2].strip()[:1] in _APPOSITION):
        return False  # but a name set off by commas after its title is his (الكاتب العام للنقابة، فلان،)
    return _name_title(toks[k].norm, lex) or _title_head(k, toks, starts, text, lex, scopes) >= 0


_APPOSITION = frozenset({",", "\u060c"})


def _verb_subject(m: Mention, toks: list[Token], starts: list[int], text: str) -> bool:
    """A person the tagger found right after a verb that opens a clause with its subject
    (name_cues.json speech_verbs and clause_verbs, and verbs_like_given_names with و or ف glued
    on: وطالب), whose name runs to two words or more, the first without the article (اتهم نبيل
    هادي الساعدي الحكومة): the verb-subject order and the tagger's reading tell a person, who
    acts as one with a title would. A lone word there may be anything (اتهم الشباب); a verb news as
    often writes passive (name_cues.json passive_prone_verbs: استقبل) has no subject told here, nor
    a verb joined by و after a comma, which goes on with the clause's subject (، واتهم فلان بـ)."""
    words = normalize(m.text).split()
    if len(words) < 2 or words[0].startswith("ال"):
        return False
    k = bisect_left(starts, m.start) - 1
    if k < 0 or text[toks[k].end:m.start].strip():
        return False
    c = name_cue_words()
    w = toks[k].norm
    joined = w[:1] in c["conjunctions"] and len(w) > 3
    if _one_of(w, c["passive_prone_verbs"]):
        return False  # واستقبل فلان لدى وصوله: he was received
    j = bisect_left(starts, m.end)
    if joined and k > 0 and any(ch in text[toks[k - 1].end:toks[k].start] for ch in "،,") \
            and j < len(toks) and toks[j].norm[:1] == "ب":
        # وانتقد ترامب القاضي، واتهم فلان بالتحيز: the joined verb goes on with the clause's subject and
        # the name, with only its ب complement after it, is the object (not ، واتهم فلان الحكومة بـ)
        return False
    return _one_of(w, c["speech_verbs"]) or joined and w[1:] in c["verbs_like_given_names"]


def _titled_after(m: Mention, toks: list[Token], starts: list[int], text: str, lex: Lexicon) -> bool:
    """A person the tagger found whose title follows, set off by a comma (هادي هيج، رئيس اللجنة
    الحكومية لشؤون الأسرى): an actor as one whose title comes first."""
    rest = text[m.end:m.end + 3]
    comma = len(rest) - len(rest.lstrip())
    if rest[comma:comma + 1] not in _APPOSITION:
        return False
    k = bisect_left(starts, m.end + comma + 1)
    return k < len(toks) and toks[k].norm in lex.title_heads


def _title_head(k: int, toks: list[Token], starts: list[int], text: str, lex: Lexicon,
                scopes: list[tuple[int, int]]) -> int:
    """The first word of the title whose scope ends at word ``k``, walking back over the scope
    (منسقة الأمم المتحدة للشؤون الإنسانية في السودان, الناطق باسم الجيش السوداني العميد,
    المبعوث الأممي إلى اليمن): the names in ``scopes`` (character spans), title words, nationality
    adjectives, connectors and title links;
    -1 when another word or a punctuation mark comes first."""
    named = False  # the word after word k lies in a named scope
    for _ in range(_SCOPE_REACH):
        span = next((s for s in scopes if s[0] <= toks[k].start < s[1]), None)
        if span is None:
            norm = toks[k].norm
            if norm in lex.title_heads or norm in lex.person_titles or norm in lex.cues["member_title_keys"]:
                return k
            # a link only before a named scope: in طلب الرئيس من نتنياهو or تحدث الرئيس إلى بوتين
            # the person is whom the title's holder addresses
            if not (_title_word(norm, lex) or _strip_article(norm) in lex.forces or norm in lex.scope_connectors
                    or named and norm in lex.scope_links
                    or norm.startswith("ال") and norm[2:] in lex.named_org_cues  # باسم المنظمة: the body named before
                    or named and norm in lex.named_org_cues  # رئيس اتحاد الإمارات: a body's head before its named scope
                    or _strip_article(norm) in name_cue_words()["deputy_words"]  # الأمين العام المساعد لجامعة ...
                    # وزير الشباب والرياضة: a definite word joined by و to the one before it
                    or norm[:1] == _AND and norm[1:3] == "ال" and k > 0 and toks[k - 1].norm.startswith("ال")
                    and not text[toks[k - 1].end:toks[k].start].strip()
                    or any(norm.startswith(c) and len(norm) > len(c) + 2 for c in lex.scope_connectors)):
                # نقيب المعلمين, رئيس حكومة الإقليم: a definite word, maybe after nouns in construct,
                # is what the title right before them is of
                if norm.startswith("ال") and len(norm) >= 5 and norm not in lex.scope_links:
                    for h in range(k - 1, max(-1, k - 4), -1):
                        if text[toks[h].end:toks[h + 1].start].strip():
                            break
                        if toks[h].norm in lex.title_heads:
                            return h
                        if toks[h].norm.startswith("ال") or toks[h].norm in lex.scope_links or len(toks[h].norm) < 3:
                            break
                return -1
        named = span is not None
        j = bisect_left(starts, span[0]) - 1 if span else k - 1
        if j < 0 or text[toks[j].end:toks[j + 1].start].strip():
            return -1
        k = j
    return -1


def _name_title(norm: str, lex: Lexicon) -> bool:
    """A title word, or a rank or honorific (العميد, الدكتور) that only ever comes before a name."""
    return _title_word(norm, lex) or norm in lex.person_titles


def _actors(mentions: list[Mention], toks: list[Token], text: str, lex: Lexicon,
            ents: dict[str, EntityRecord], known: frozenset[str] = frozenset()) -> list[Actor]:
    """The sentence's actors. ``known``: people the tagger found whom an earlier sentence of the
    article titled (النائبة مها عبد الناصر): named again without the title (واتهمت عبد الناصر),
    they still act."""
    starts = [t.start for t in toks]
    ms = sorted((m for m in mentions if _usable(m, ents, lex, text) or _tagged_person(m) or m.entity in known),
                key=lambda m: (m.start, -m.end))
    # the organisations and places a title's scope may name, those found by a cue alone too
    # (النائب عن كتلة الوفاء للمقاومة)
    named_spans = [(m.start, m.end) for m in mentions if m.type in ("ORG", "LOC")]
    out: list[Actor] = []
    for m in ms:
        if not (_usable(m, ents, lex, text) or m.entity in known
                or _titled(m, toks, starts, text, lex, named_spans)
                or _tagged_person(m) and (_titled_after(m, toks, starts, text, lex)
                                          or _verb_subject(m, toks, starts, text))):
            if out and out[-1].type == "PERSON" and out[-1].key.startswith("unk:") \
                    and not text[out[-1].end:m.start].strip():
                out[-1].end = max(out[-1].end, m.end)  # the rest of a long name read as two (عمر عبد الرشيد | علي شارماركي)
            continue
        key = m.entity or _role_key(m, lex, ents)
        if out and out[-1].end >= m.start:
            if out[-1].key == key or out[-1].key.startswith("kb:") and m.type == "LOC":
                out[-1].end = max(out[-1].end, m.end)  # وزير خارجية مصر: the country is part of the title
            continue
        if out and out[-1].key == key and not text[out[-1].end:m.start].strip(" ,،"):
            out[-1].end = m.end
            continue
        out.append(Actor(m.start, m.end, key, m.type, -1, -1, role=m.entity is None))
    taken = {a.start for a in out}
    forces = _forces(toks, lex, out)
    out = [a for a in out if not any(f.start <= a.start and a.end <= f.end and f.key == a.key for f in forces)]
    out += _counterparts(toks, lex, taken) + forces
    out.sort(key=lambda a: a.start)
    scopes: set[int] = set()  # organisations and places read as part of a person's title
    spans = [(x.start, x.end) for x in out if x.type in ("ORG", "LOC", "GROUP")] + named_spans
    for a in out:
        if a.tok0 >= 0:
            continue  # made from tokens, prepositions read already
        idx = [i for i, t in enumerate(toks) if t.end > a.start and t.start < a.end]
        if not idx:
            continue
        a.tok0, a.tok1 = idx[0], idx[-1]
        a.media = a.key in lex.media_keys or _media_cue(toks, a.tok0, lex)
        if a.type in ("PERSON", "ROLE"):
            while a.tok0 > 0:
                k = a.tok0 - 1
                x = next((x for x in out if x is not a and x.tok0 >= 0 and x.tok0 <= k <= x.tok1), None)
                if x is None and (_title_word(toks[k].norm, lex) or a.type == "PERSON" and toks[k].norm in lex.person_titles):
                    a.tok0 = k  # الرئيس الفرنسي إيمانويل ماكرون: the title belongs to the actor
                elif x is None and toks[k].norm in lex.title_connectors and k > 0 and _title_word(toks[k - 1].norm, lex) \
                        and not any(y.tok0 >= 0 and y.tok0 <= k - 1 <= y.tok1 for y in out):
                    a.tok0 = k - 1  # الناطق باسم الحكومة مصطفى بايتاس: so does a connector inside it
                elif x is not None and _title_scope(x, a, toks, text, lex):
                    a.tok0 = x.tok0  # الأمين العام للأمم المتحدة أنطونيو غوتيريش: so does its scope
                    scopes.add(id(x))
                else:
                    if a.type == "PERSON" and (h := _title_head(k, toks, starts, text, lex, spans)) >= 0:
                        # الناطق باسم الجيش السوداني العميد فلان: the title and its long scope are
                        # his too; the bodies named in the scope stay actors (whom he speaks for)
                        a.tok0 = h
                    break
        t = toks[a.tok0]
        head = a.start if a.tok0 == idx[0] else None
        if head is not None and t.start < head:  # a clitic glued to the name: لترامب, وبوتين
            pre = normalize(text[t.start:head])
            pre = pre[1:] if pre[:1] in "وف" and len(pre) > 1 else pre
            pre = "ل" if pre == "لل" else pre
            a.prep = pre if pre in lex.preps else None
        elif head is not None and t.norm.startswith("لل") and len(t.norm) > 3:
            a.prep = "ل"  # للعراق, للحرس الثوري: the name keeps the article's ل, the other is the preposition
        elif head is None and (glued := _glued_prep(t.norm, lex)):
            a.prep = glued  # لنظيره, بالرئيس
        elif a.tok0 > 0 and toks[a.tok0 - 1].norm in lex.preps:
            a.prep = toks[a.tok0 - 1].norm
        elif a.tok0 > 0 and toks[a.tok0 - 1].norm[:1] in "وف" and toks[a.tok0 - 1].norm[1:] in lex.preps \
                and len(toks[a.tok0 - 1].norm) > 2:
            a.prep = toks[a.tok0 - 1].norm[1:]  # وفي رام الله، اتهم: a place the clause is set in, no subject
        elif a.type in ("LOC", "ORG") and (j := _before_adjectives(toks, a.tok0, lex)) >= 0 and _head_noun(
                toks[j].norm, lex) and not any(x is not a and x.tok0 <= j <= x.tok1 for x in out):
            # مدينة الموصل, العاصمة العمانية مسقط: a place or a title's scope; a place noun is the
            # place itself and takes its preposition (على مدينة ود مدني, بمدينة غزة). A head noun
            # inside another actor's name is that actor's (اتهمت وزارة الخارجية الروسية الولايات
            # المتحدة: the object, not the ministry's scope)
            a.prep = _place_noun_prep(toks, j, lex) if a.type == "LOC" else "of"
        if a.type == "ORG" and a.prep is not None:
            _member_of(a, toks, lex, out)
    # a country after علم is a ship's flag state: استهداف سفينة ترفع علم ليبيريا hits no Liberia
    kept = [a for a in out if a.tok0 >= 0 and id(a) not in scopes and not _dateline(text, toks, a)
            and not (a.type == "LOC" and a.tok0 > 0 and toks[a.tok0 - 1].norm in lex.cues["flag_keys"])]
    for a in kept:
        if a.key not in ents and a.key.startswith("kb:") and a.key[3:] in lex.country_names:
            code = a.key[3:]
            ents[a.key] = EntityRecord(a.key, lex.country_names[code], "LOC", country=code)
    kept += _groups(toks, lex, kept, ents)
    kept.sort(key=lambda a: a.tok0)
    return [a for a in kept if a.key in ents or a.group]


def _member_of(a: Actor, toks: list[Token], lex: Lexicon, actors: list[Actor]) -> None:
    """``مسؤول في حماس``, ``قيادي من الحزب``, ``البحرية التابعة للحرس الثوري``: an unnamed member or
    body of an organisation acts for it, so the organisation takes the member's place in the
    clause (and the member's own preposition)."""
    after = toks[a.tok1 + 1] if a.tok1 + 1 < len(toks) else None
    if a.tok0 == 0 or after is not None and any(x.type == "PERSON" and after.start <= x.start < after.end
                                                 for x in actors):
        return  # القيادي في حماس أسامة حمدان: the member is named, and acts himself
    affiliated = a.prep == "ل" and toks[a.tok0 - 1].norm in lex.cues["affiliation_keys"]
    if a.prep not in lex.cues["member_prep_keys"] and not affiliated:
        return
    k = a.tok0 - 1 if affiliated or toks[a.tok0 - 1].norm == a.prep else a.tok0  # the member is before k
    if k < 1 or any(x is not a and x.tok0 >= 0 and x.tok0 <= k - 1 <= x.tok1 for x in actors):
        return
    head = toks[k - 1]
    pre = next((p for p, stem in _prep_readings(head.norm) if stem in lex.cues["member_keys"]
                or affiliated and (stem in lex.forces or "ال" + stem in lex.forces)), None)
    if pre is None:
        return
    a.tok0, a.start, a.member = k - 1, head.start, True
    a.prep = pre if pre in lex.preps else (toks[k - 2].norm if k >= 2 and toks[k - 2].norm in lex.preps else None)


def _affiliation(toks: list[Token], last: int, named: list[Actor], lex: Lexicon) -> Actor | None:
    """A named organisation right after a group, or after an affiliation word (من, التابعة)."""
    for a in named:
        if a.type in ("ORG", "PERSON") and not a.media and a.tok0 > last and (
                a.tok0 == last + 1 or a.tok0 == last + 2 and toks[last + 1].norm in lex.cues["affiliation_keys"]):
            return a if a.type == "ORG" else None
    return None


def _groups(toks: list[Token], lex: Lexicon, named: list[Actor], ents: dict[str, EntityRecord]) -> list[Actor]:
    """Group actors (المتظاهرون, مسلحون مجهولون, جنود مصريين) on the tokens no name covers."""
    if lex.groups is None:
        return []
    taken = {k for a in named for k in range(a.tok0, a.tok1 + 1)}
    out = []
    for h in find_groups(toks, lex.gentilics, taken, lex.groups):
        if any(k in taken for k in range(h.tok0, h.tok1 + 1)):
            continue
        org = _affiliation(toks, h.tok1, named, lex)
        if org is not None:  # مقاتلو حركة الشباب, مهاجم انتحاري من حركة طالبان: the body acts
            org.start, org.tok0, org.sector = toks[h.tok0].start, h.tok0, org.sector or h.group.sector
            org.prep = h.prefix or None
            continue
        prep = h.prefix or (toks[h.tok0 - 1].norm if h.tok0 > 0 and toks[h.tok0 - 1].norm in lex.preps else None)
        body = _possessor(toks, h, named, lex)
        if body is not None:  # قال الجيش الأمريكي إن قواته قتلت: the forces are the army's
            out.append(Actor(toks[h.tok0].start, toks[h.tok1].end, body.key, body.type, h.tok0, h.tok1, prep or None,
                             sector=h.group.sector, named_at=(body.start, body.end)))
            continue
        out.append(Actor(toks[h.tok0].start, toks[h.tok1].end, h.key, "GROUP", h.tok0, h.tok1,
                         prep or None, sector=h.group.sector, group=True,
                         record=group_record(h, lex.country_names, lex.country_ar), implies=h.group.implies))
    return out


def _possessor(toks: list[Token], h: GroupHit, named: list[Actor], lex: Lexicon) -> Actor | None:
    """The named body a group word with a possessive pronoun belongs to (``جنوده``, ``قواتها``):
    the nearest state or organisation named before it in the sentence."""
    if lex.groups is None or h.tok0 != h.tok1:
        return None
    norm = toks[h.tok0].norm
    stem = next((norm[:-len(x)] for x in lex.groups.possessive_suffixes if norm.endswith(x) and len(norm) - len(x) >= 3), None)
    if stem is None or toks[h.tok0].text.endswith("\u0629") \
            or not any(s in lex.groups.words for _, s in _readings(stem)):  # انتحارية: a ta marbuta, no pronoun
        return None
    return next((a for a in reversed(named) if a.tok1 < h.tok0 and a.type in ("ORG", "LOC") and not a.media
                 and not a.group and a.prep is None), None)


def _before_adjectives(toks: list[Token], k: int, lex: Lexicon) -> int:
    """Index of the word before ``k``, nationality adjectives skipped (-1 when none)."""
    j = k - 1
    while j >= 0 and toks[j].norm in lex.gentilics:
        j -= 1
    return j


def _head_noun(norm: str, lex: Lexicon) -> bool:
    """A place noun (مدينة, منطقة) or a title word governing the name after it."""
    return any(s in lex.place_nouns or _strip_article(s) in lex.place_nouns for _, s in _readings(norm)) or (
        norm in lex.title_words or _strip_article(norm) in lex.title_words)


def _forces(toks: list[Token], lex: Lexicon, named: list[Actor]) -> list[Actor]:
    """``القوات الروسية``, ``الجيش الإسرائيلي``, ``الدفاعات الجوية الأوكرانية``: a state body named
    by its nationality acts for that country (ICEWS codes it as the country's government or
    military). A body may be two words (سلاح الجو, الدفاعات الجوية)."""
    out = []
    k = 0
    while k < len(toks) - 1:
        found = None
        for n in (2, 1):
            if k + n >= len(toks):
                continue
            nat = toks[k + n]
            code = lex.gentilics.get(nat.norm)
            if not code or code not in lex.country_names or any(
                    a.start < nat.end and toks[k].start < a.end and not _same_country(a, nat, code) for a in named):
                continue
            rest = "".join(" " + toks[j].norm for j in range(k + 1, k + n))
            for p, stem in _readings(toks[k].norm):
                if stem + rest in lex.forces or _strip_article(stem) + rest in lex.forces:
                    found = (n, p, stem)
                    break
            if found:
                break
        if found is None:
            k += 1
            continue
        n, p, stem = found
        p = p[1:] if p[:1] in "وف" and len(p) > 1 else p
        p = p[:-2] if p.endswith("ال") else p
        prep = p if p in lex.preps else None
        if prep is None and k > 0 and toks[k - 1].norm in lex.preps:
            prep = toks[k - 1].norm
        grp = lex.groups.words.get(_strip_article(stem)) if lex.groups and n == 1 else None
        sector = grp.sector if grp else ("MIL" if n > 1 else "GOV")
        out.append(Actor(toks[k].start, toks[k + n].end, "kb:" + lex.gentilics[toks[k + n].norm], "LOC", k, k + n,
                         prep, sector=sector))
        k += n + 1
    return out


def _same_country(a: Actor, nat: Token, code: str) -> bool:
    """The country a nationality adjective names, read as the country itself: السعودية is both
    (الدفاعات الجوية السعودية); the body then acts for it, and the country is no second actor."""
    return a.type == "LOC" and a.key == "kb:" + code and nat.start <= a.start and a.end <= nat.end


def _prep_readings(norm: str) -> list[tuple[str, str]]:
    """(glued preposition, stem) readings of a word: its proclitic without a leading و/ف or a
    trailing article (وبالهجوم -> ب, هجوم); the preposition may be ''."""
    out = []
    for p, stem in _readings(norm):
        p = p[1:] if p[:1] in "وف" and len(p) > 1 else p
        out.append((p[:-2] if p.endswith("ال") else p, stem))
    return out


def _place_noun_prep(toks: list[Token], j: int, lex: Lexicon) -> str | None:
    """The preposition of the place noun at ``j``, glued or the word before; "of" when it has
    none (مدينة غزة names a place, never a subject) or the head is a title word (وزير خارجية مصر)."""
    norm = toks[j].norm
    readings = _readings(norm)
    place = [(p, s) for p, s in readings if s in lex.place_nouns or _strip_article(s) in lex.place_nouns]
    if not place:
        return "of"
    for p, _ in place:
        if (prep := proclitic_prep(p)) in lex.preps:
            return prep
    return toks[j - 1].norm if j > 0 and toks[j - 1].norm in lex.preps else "of"


def _glued_prep(norm: str, lex: Lexicon) -> str | None:
    for p, stem in _prep_readings(norm):
        if p and p in lex.preps and (stem in lex.title_words or _strip_article(stem) in lex.title_words):
            return p
    return None


def _after_glued_prep(norm: str, lex: Lexicon) -> bool:
    """Does the word open with a preposition (بالهجوم, للهجوم)? Then it is another word's object."""
    return any(p and p in lex.preps for p, _ in _prep_readings(norm))


def _media_cue(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """``موقع``/``صحيفة``/``وكالة`` (clitics allowed) right before a name makes it an outlet."""
    for j in (k - 1, k - 2):
        if j >= 0 and any(s in lex.media_words or _strip_article(s) in lex.media_words
                          for _, s in _readings(toks[j].norm)):
            return True
    return False


def _dateline(text: str, toks: list[Token], a: Actor) -> bool:
    """Is the actor the place or agency of a dateline (``لندن ـ «الشرق الأوسط»:``,
    ``أنقرة في 14 يناير / وام /``) at the start of a sentence or of a ``*`` segment?"""
    pre = text[toks[0].start:a.start].rsplit("*", 1)[-1]
    post = text[a.end:a.end + 60]
    if _LEAD.fullmatch(pre):
        return bool(_dateline_re().match(post))
    return bool(_AFTER_PLACE.fullmatch(pre) and _DATELINE_END.match(post))


def _counterparts(toks: list[Token], lex: Lexicon, taken: list[int]) -> list[Actor]:
    """``نظيره الفرنسي`` with no name after it: the counterpart's country stands for the actor."""
    out = []
    for k, t in enumerate(toks[:-1]):
        if t.norm not in lex.counterparts:
            continue
        code = lex.gentilics.get(toks[k + 1].norm) or lex.gentilics.get(_singular_nisba(toks[k + 1].norm))
        nxt = toks[k + 2].start if k + 2 < len(toks) else None
        if code and code in lex.country_names and nxt not in taken:
            out.append(Actor(toks[k + 1].start, toks[k + 1].end, "kb:" + code, "ROLE", -1, -1, role=True))
    return out


def _singular_nisba(w: str) -> str:
    """The singular of a nisba's sound plural (الأوكرانيين, الأوكرانيون -> الأوكراني): counterparts
    are often named in the plural (نظراءهم الأوكرانيين); else the word itself."""
    for suffix in _MORPH["nisba_plural_suffixes"]:
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and stem.endswith(_NISBA_LETTER):
            return stem
    return w


def _nisba(w: str) -> bool:
    """An adjective of nationality (الروسي, الأميركية) standing between a title and a name."""
    return w.startswith("ال") and len(w) > 4 and w.endswith(_NISBA_ENDINGS)


def _match_word(tok: Token, lex: Lexicon) -> list[tuple[int, bool, bool, bool]]:
    """(entry, is_noun, future, possessive) readings of one token: a function of the word and
    whether it is written with a final taa marbuta, kept per lexicon."""
    key = (tok.norm, tok.text.endswith("\u0629"))
    got = lex.memo.get(key)
    if got is None:
        if len(lex.memo) > WORDS:
            lex.memo.clear()
        got = lex.memo[key] = _match_word_uncached(tok, lex)
    return got


def _match_word_uncached(tok: Token, lex: Lexicon) -> list[tuple[int, bool, bool, bool]]:
    out = []
    fut = lex.cues["future_prefix"]
    for p, stem in _readings(tok.norm):
        for s, poss in [(stem, False)] + [(stem[: -len(x)], True) for x in lex.possessive
                                          if stem.endswith(x) and len(stem) - len(x) >= 3]:
            cands = {s, _strip_article(s)}
            if not poss and tok.text.endswith("\u0647"):
                cands -= lex.taa_nouns  # مصادره: his sources, not مصادرة (a seizure)
            # اتصالا: the accusative of an event noun; a noun in ة takes none (مصادرها: her sources)
            acc = _strip_article(s[:-1]) if s.endswith("ا") and len(s) > 4 and not s.endswith(lex.possessive) else None
            if acc:
                cands.add(acc)
            if poss and s.endswith("ت"):
                cands.add(s[:-1] + "ه")
            if poss and len(s) > 3 and s[-1] in ("ي", "و") and s[-2] == "ا":
                cands.add(s[:-1] + "ء")  # لقائه, لقاؤه: a final hamza takes a seat before the pronoun
            for c in cands:
                for ei, is_noun in lex.words.get(c, ()):
                    if not is_noun and (c != s or not _verb_prefix(p, c)):
                        continue  # النشيد, لبحث: no verb takes an article or a preposition
                    if c == acc and c not in (s, _strip_article(s)) and not is_noun:
                        continue
                    if poss and not is_noun and ("object" not in lex.entries[ei].targets or c != s
                                                 or tok.text.endswith("\u0629")
                                                 or s.endswith("ت") and (len(s) < 5 or s[:-1] + "ه" in lex.words)):
                        continue  # هاجمها الحوثيون, اتهمته إيران: a transitive verb may carry its object
                        # pronoun; not a noun in ة before a pronoun (ضربته, حملته, رحلته: a three-letter
                        # stem's ة noun is common; a longer one's only where the lexicon has it)
                    if c in lex.entries[ei].not_forms or s in lex.entries[ei].not_forms:
                        continue  # احتجاجا: "in protest" of another act, not a protest
                    out.append((ei, is_noun, p.endswith(fut) and not is_noun, poss and is_noun))
        if out:
            return out
    return out


def _verb_prefix(p: str, form: str) -> bool:
    """Proclitics a verb form can carry: و/ف, the future س, ل before a present (ليبحث)."""
    p = p[1:] if p[:1] in "وف" else p
    return p in ("", "س") or p == "ل" and form[:1] in _PRES_PREFIX_LETTERS


def _word_keys(tok: Token) -> frozenset[str]:
    return _keys_of(tok.norm)


@lru_cache(maxsize=WORDS)
def _keys_of(norm: str) -> frozenset[str]:
    """The forms a word may be looked up as in the lexicon (a function of the word alone: news
    repeats its words, so each is worked out once)."""
    keys = {_strip_article(s) for _, s in _readings(norm)} | {norm}
    return frozenset(keys | {k[:-1] for k in keys if k.endswith("ا") and len(k) > 4})  # اتصالا هاتفيا


def find_triggers(toks: list[Token], lex: Lexicon) -> list[Trigger]:
    """The triggers of a sentence, left to right. Where a word is the trigger of several entries
    (استدعى: summoning another state's envoy, recalling one's own), the first whose checks on the
    neighbouring words pass is taken."""
    out: list[Trigger] = []
    i = 0
    while i < len(toks):
        found: Trigger | None = None
        for cand in _candidates(toks, i, lex):
            if _fits(toks, cand, lex.entries[cand.entry], lex):
                found = cand
                break
        if found:
            out.append(found)
            i = found.tok1 + 1
        else:
            i += 1
    return out


def _candidates(toks: list[Token], i: int, lex: Lexicon) -> list[Trigger]:
    """The triggers that may start at word ``i``: a phrase first, else the word's entries (the
    noun's first after a head like عملية)."""
    for key in _word_keys(toks[i]):
        for words, ei in lex.phrases.get(key, ()):
            n = len(words)
            if i + n <= len(toks) and all(words[j] in _word_keys(toks[i + j]) for j in range(1, n)):
                return [Trigger(ei, i, i + n - 1, True)]
    m = _match_word(toks[i], lex)
    if m and i > 0 and _word_keys(toks[i - 1]) & lex.cues["noun_head_keys"]:
        m = sorted(m, key=lambda r: not r[1])  # عملية تبادل: the noun
    return [Trigger(ei, i, i, is_noun, fut, poss) for ei, is_noun, fut, poss in m or ()]


def _fits(toks: list[Token], t: Trigger, e: Entry, lex: Lexicon) -> bool:
    """Do the words around a trigger leave it the entry's word (not_before, not_after,
    needs_noun_after, a launch verb before a noun that needs one)?"""
    if e.not_before and t.tok1 + 1 < len(toks) and toks[t.tok1 + 1].norm in e.not_before:
        return False
    if t.is_noun and t.tok0 > 0 and e.not_after and _strip_article(toks[t.tok0 - 1].norm) in e.not_after:
        return False  # علم الاجتماع: sociology, not a meeting
    if e.nouns_need_launcher and t.is_noun and not any(
            _one_of(x.norm, e.launched_by) for x in toks[max(0, t.tok0 - _launch_reach(lex, e)):t.tok0]):
        return False  # خرجت مسيرات: marches, not drones; the launcher itself is checked with the actors
    if e.launcher_optional and t.is_noun:
        if _launch_sought(toks, t, e, lex):
            return False  # مطالبة السلطات بفتح تحقيق: an investigation asked for, none opened
        w = toks[t.tok0].norm
        definite = w[1:].startswith(lex.cues["article_key"]) or w.startswith(lex.cues["genitive_article_key"])
        if w not in e.noun_firsts and _strip_article(w) not in e.noun_firsts \
                and w[:1] in lex.cues["glued_noun_preps"] and not definite:
            return False  # لتحقيق الاستقرار, بتحقيق: achieving; but باشرت بالتحقيق is an investigation
    if e.self_future and not _own_act_ahead(toks, t, lex):
        return False
    return not e.needs_noun_after or _needed_noun_after(toks, t, e)


def _launch_sought(toks: list[Token], t: Trigger, e: Entry, lex: Lexicon) -> bool:
    """Is the launch word before the noun asked for or promised rather than done: one of
    actions_cues.json sought_launch_before within five words before it in its clause (no
    punctuation or clause stop between), with or without و or the article (طالب بفتح, ويطالب
    الأهالي منذ أشهر بفتح, المطالبة بفتح, ضرورة فتح, وعدت بفتح), or one of sought_launch_adjacent
    right before it (دعت إلى فتح)?"""
    lo = max(0, t.tok0 - _launch_reach(lex, e))
    k = next((i for i in range(t.tok0 - 1, lo - 1, -1) if _one_of(toks[i].norm, e.launched_by)), None)
    if k is None:
        return False
    if k > 0 and toks[k - 1].norm in lex.cues["sought_launch_adjacent_keys"]:
        return True  # دعت إلى فتح تحقيق; but مشيرة إلى أنها أمرت بفتح تحقيق is an order given
    for i in range(k - 1, max(-1, k - 6), -1):
        if toks[i + 1].start - toks[i].end > 1 or toks[i].norm in lex.clause_stops:
            return False  # ، وفتحت النيابة تحقيقا: what comes before the comma asks for nothing here
        if _one_of(_strip_article(toks[i].norm), lex.cues["sought_launch_keys"]) \
                or _one_of(toks[i].norm, lex.cues["sought_launch_keys"]):
            return True
    return False


def _own_act_ahead(toks: list[Token], t: Trigger, lex: Lexicon) -> bool:
    """من, a pronoun complementizer and a future verb within a few words after the trigger (حذرت
    الوزارة في بلاغ من أنها ستلجأ إلى ...), before any full stop of the clause."""
    fut, neg_future = lex.cues["future_prefix_key"], lex.cues["negated_future_keys"]
    for k in range(t.tok1 + 1, min(len(toks) - 2, t.tok1 + 8)):
        if toks[k].norm in lex.clause_stops:
            return False
        if toks[k].norm == lex.cues["from_key"] and toks[k + 1].norm in lex.pron_complementizers:
            v = toks[k + 2].norm
            if v in neg_future and k + 3 < len(toks):
                v = toks[k + 3].norm  # لن تقف: the verb after the particle
                return v not in lex.cues["not_own_act_keys"] and v[:1] in lex.cues["imperfect_keys"]
            return v.startswith(fut) and v[1:2] in lex.cues["imperfect_keys"] and len(v) > 3 \
                and v not in lex.cues["not_own_act_keys"]  # سيكون هناك, سيتم: no act of the warner's
    return False


def _launch_reach(lex: Lexicon, e: Entry) -> int:
    """How many words before its noun a launch verb may stand (أطلقت روسيا 150 مسيرة); a claim
    of an attack reaches further (أعلنت جماعة ... مسؤوليتها عن الهجوم)."""
    return 10 if e.type in lex.cues["named_agent_types"] else 6


def _needed_noun_after(toks: list[Token], t: Trigger, e: Entry) -> bool:
    """Does one of the entry's ``needs_noun_after`` follow within its window, before any of its
    ``not_before`` words (علقت ألمانيا صادرات الأسلحة, but علق الوزير على صادرات الأسلحة: a comment)?"""
    for x in toks[t.tok1 + 1: t.tok1 + 1 + e.needs_after_window]:
        if x.norm in e.not_before:
            return False
        if _word_keys(x) & e.needs_noun_after:
            return True
    return False


def _conj(text: str, a: Actor, b: Actor, lex: Lexicon | None = None) -> bool:
    """Is ``b`` coordinated with ``a`` (``X و Y``, ``X وY``, glued ``XوY``, ``X والرئيس الروسي Y``)?"""
    between = normalize(text[a.end:b.start]).strip()
    if between == "و":
        return True
    words = between.split()
    if lex is None or not words or not words[0].startswith("و"):
        return False
    words[0] = words[0][1:]
    return all(_title_word(w, lex) for w in words if w)


def _pair_after(text: str, toks: list[Token], actors: list[Actor], k: int,
                lex: Lexicon | None = None) -> tuple[Actor, Actor] | None:
    """``X و Y`` starting at token ``k`` (or right after a word for forces: بين قوات الجيش السوداني
    وقوات الدعم السريع, the army named after it)."""
    first = next((a for a in actors if a.tok0 == k and not a.group), None)
    if first is None and lex is not None and k < len(toks) and _strip_article(toks[k].norm) in lex.forces:
        first = next((a for a in actors if a.tok0 == k + 1 and not a.group), None)
    if first is None:
        first = next((a for a in actors if a.tok0 == k), None)
    if first is None:
        return None
    nxt = next((a for a in actors if a.start >= first.end), None)
    if nxt is not None and nxt.key != first.key and _conj(text, first, nxt, lex):
        return first, nxt
    return None


def _doc_pairs(text: str, actors: list[Actor], lex: Lexicon) -> list[tuple[Actor, Actor]]:
    return [(a, b) for a, b in zip(actors, actors[1:], strict=False) if a.key != b.key and _conj(text, a, b, lex)]


@dataclass
class _Ctx:
    doc: Document
    lex: Lexicon
    ents: dict[str, EntityRecord]
    toks: list[Token]
    actors: list[Actor]
    prev_pairs: list[tuple[Actor, Actor]]
    prev_toks: list[Token]
    prev_actors: list[Actor]
    window: int
    between_noun: int = 5
    between_verb: int = 3
    noun_subject: int = 12
    verb_gap: int = 2
    names: list[Mention] = field(default_factory=list)
    genre: frozenset[str] = frozenset()  # document-wide: "sports", "disaster"
    quotes: list[Quote] = field(default_factory=list)  # direct quotes with a known speaker
    spoken: list[Quote] = field(default_factory=list)  # every quote with a known speaker, direct or not
    mentions: list[Mention] = field(default_factory=list)  # the whole document's, by offset


def _resolve_dual(ctx: _Ctx, word: str) -> tuple[Actor, Actor] | None:
    need = ctx.lex.duals.get(_strip_article(word)) or ctx.lex.duals.get(word)
    if need is None:
        return None
    for a, b in reversed(ctx.prev_pairs):
        if need == "ANY" or (a.type == need and b.type == need):
            others = {x.key for x in ctx.actors if need in ("ANY", x.type)
                      and not (x.type == "LOC" and x.prep in ctx.lex.place_preps)} - {a.key, b.key}
            return None if others else (a, b)  # the sentence names other candidates: too unsure
    return None


def _between(ctx: _Ctx, t: Trigger) -> tuple[Actor, Actor] | None:
    """``بين X و Y`` (or ``بين`` + a dual noun) within the window after the trigger."""
    toks = ctx.toks
    reach = ctx.between_noun if t.is_noun else ctx.between_verb
    for k in range(t.tok1 + 1, min(len(toks), t.tok1 + 1 + reach)):
        if toks[k].norm in ctx.lex.clause_stops:
            return None
        if toks[k].norm in ctx.lex.cues["between_keys"] and k + 1 < len(toks):
            pair = _pair_after(ctx.doc.text, toks, ctx.actors, k + 1, ctx.lex)
            return pair or _resolve_dual(ctx, toks[k + 1].norm) or _nisba_pair(ctx, k + 2)
    return None


def _nisba_pair(ctx: _Ctx, k: int) -> tuple[Actor, Actor] | None:
    """Two countries told by the adjectives of a dual after ``بين`` (بين الوفدين الروسي
    والأوكراني, بين الجيشين السوداني والتشادي): the nisba at token ``k`` and one after ``و``."""
    if k + 1 >= len(ctx.toks) or any(a.tok0 <= k + 1 and k <= a.tok1 for a in ctx.actors):
        return None
    first = ctx.lex.gentilics.get(ctx.toks[k].norm)
    second = next((ctx.lex.gentilics.get(s) for p, s in _readings(ctx.toks[k + 1].norm)
                   if p == _AND and s in ctx.lex.gentilics), None)
    if not first or not second or first == second \
            or first not in ctx.lex.country_names or second not in ctx.lex.country_names:
        return None
    return _country_actor(ctx, first, k, k), _country_actor(ctx, second, k + 1, k + 1)


def _country_actor(ctx: _Ctx, code: str, tok0: int, tok1: int) -> Actor:
    """A country standing for tokens ``tok0``..``tok1`` (an adjective, a place where it was
    struck), its record added to the sentence's entities."""
    key = "kb:" + code
    ctx.ents.setdefault(key, EntityRecord(key, ctx.lex.country_names[code], "LOC", country=code))
    return Actor(ctx.toks[tok0].start, ctx.toks[tok1].end, key, "LOC", tok0, tok1)


def _from_pair(ctx: _Ctx, t: Trigger) -> tuple[Actor, Actor] | None:
    """``تبادل 175 أسيرا من X و Y``: the parties of an exchange."""
    toks = ctx.toks
    for k in range(t.tok1 + 1, min(len(toks), t.tok1 + 6)):
        if toks[k].norm in ctx.lex.cues["from_pair_keys"] and k + 1 < len(toks):
            return _pair_after(ctx.doc.text, toks, ctx.actors, k + 1, ctx.lex)
        a = next((x for x in ctx.actors if x.tok0 == k and x.prep in ctx.lex.cues["from_pair_keys"]), None)
        if a is not None:
            return _pair_after(ctx.doc.text, toks, ctx.actors, k, ctx.lex)
    return None


def _boundary(ctx: _Ctx, a: Actor, t: Trigger) -> bool:
    """A new coordinated clause (``، وضغطوا``) lies between actor ``a`` and the trigger."""
    text = ctx.doc.text
    for k in range(a.tok1 + 1, t.tok0):
        tok = ctx.toks[k]
        if tok.norm.startswith("و") and text[ctx.toks[k - 1].end:tok.start].strip() in ("،", ","):
            return True
    return False


def _subject_after(ctx: _Ctx, t: Trigger) -> Actor | None:
    """VSO: the actor right after the verb (adverbs like ``أيضا`` may intervene); none when a noun
    that names no actor stands right before an imperfect verb as its subject (``الحكم القضائي يتهم
    إمام أوغلو``: the one after is the object)."""
    if _noun_subject_before(ctx, t):
        return None
    k = t.tok1 + 1
    while k < len(ctx.toks) and k - t.tok1 <= 4:
        a = next((x for x in ctx.actors if x.tok0 == k), None)
        if a is not None:
            return a if _free(a) or _officials_of(ctx, a, t.tok1) else None
        if not _skippable(ctx, k, t.tok1 + 1):
            # وزراء الطاقة في تحالف أوبك+: the officials' body after في
            a = next((x for x in ctx.actors if x.tok0 == k + 1 and x.prep == ctx.toks[k].norm), None)
            return a if a is not None and _officials_of(ctx, a, t.tok1) else None
        k += 1
    return None


def _noun_subject_before(ctx: _Ctx, t: Trigger) -> bool:
    """Does a definite noun (no actor, no adverb of subject_skip) stand right before an imperfect
    verb trigger, in the same clause: ``التقرير يتهم``, ``الحكم القضائي يتهم``?"""
    if t.is_noun or t.tok0 == 0:
        return False
    verb = ctx.toks[t.tok0].norm
    verb = verb[1:] if verb[:1] in "وف" and len(verb) > 4 else verb
    prev = ctx.toks[t.tok0 - 1]
    w = prev.norm[1:] if prev.norm[:1] in "وف" and prev.norm[1:3] == "ال" else prev.norm
    if verb[:1] not in ctx.lex.cues["imperfect_keys"] or not w.startswith("ال") or len(w) < 4 or w in ctx.lex.skip:
        return False
    if ctx.doc.text[prev.end:ctx.toks[t.tok0].start].strip():
        return False  # a comma between: the noun ends the clause before
    return not any(x.tok0 <= t.tok0 - 1 <= x.tok1 for x in ctx.actors)


def _skippable(ctx: _Ctx, k: int, first: int) -> bool:
    """May word ``k`` stand between a verb and its subject? Adverbs and heads of officials
    (``أيضا``, ``وزراء``), and title words after such a head (``وزراء خارجية مجموعة السبع``)."""
    w = ctx.toks[k].norm
    return w in ctx.lex.skip or (k > first and _title_word(w, ctx.lex)
                                 and any(ctx.toks[j].norm in ctx.lex.skip for j in range(first, k)))


def _free(a: Actor) -> bool:
    return a.prep is None and not a.media


def _officials_of(ctx: _Ctx, a: Actor, verb: int) -> bool:
    """``اجتمع وزراء أوبك+``, ``اجتمع وزراء خارجية مجموعة السبع``, ``اجتمع وزراء الطاقة في تحالف
    أوبك+``, ``عقد وزراء النفط في أوبك اجتماعا``: the body whose officials (a subject_skip word after
    the verb at token ``verb``, then title words such as a portfolio, then the body or في and the
    body) are the subject acts through them."""
    inside = ctx.lex.cues["officials_in_keys"]
    if not (a.prep == "of" or a.prep in inside and a.type != "LOC") or a.media or a.tok0 <= verb + 1:
        return False
    end = a.tok0 - 1 if a.prep in inside and ctx.toks[a.tok0 - 1].norm == a.prep else a.tok0
    return end > verb + 1 and all(_skippable(ctx, k, verb + 1) for k in range(verb + 1, end))


def _speaker(ctx: _Ctx, k: int) -> Actor | None:
    """The subject of the clause that token ``k`` (a complementizer) completes: ``قال X إنه``."""
    for a in reversed([x for x in ctx.actors if x.tok1 < k]):
        if _free(a):
            return a
    return None


def _after_speech_verb(ctx: _Ctx, a: Actor) -> bool:
    """Is the actor the subject right after a speech or clause verb (name_cues.json; «...»، قال
    العازمي، مشيدا: he speaks and praises)?"""
    if a.tok0 == 0:
        return False
    return _one_of(ctx.toks[a.tok0 - 1].norm, name_cue_words()["speech_verbs"])


def _speaker_of_participle(ctx: _Ctx, k: int) -> Actor | None:
    """Who says or does what a predicate or participle at token ``k`` tells: the speaker before
    the first complementizer of the sentence (``قال X إن ...، متهما Y``: X, not an actor of the
    reported clause), else the first free actor before it (``استقبل X Y، داعيا إياه``: X)."""
    keys = ctx.lex.cues["complementizer_keys"] | ctx.lex.pron_complementizers
    stop = next((j for j in range(k) if ctx.toks[j].norm in keys), None)
    if stop is not None:
        return _speaker(ctx, stop)
    return next((a for a in ctx.actors if a.tok1 < k and _free(a)), None)


def _bound_subject(ctx: _Ctx, t: Trigger) -> tuple[bool, Actor | None]:
    """A verb whose subject is a pronoun: after a relative (``X الذي هاجم``) it is the noun before
    the relative, after ``أنه``/``إنها`` the speaker of the clause before (``قال X إنه التقى Y``);
    an actor after such a verb is its object. (False, None) when the verb has no such pronoun."""
    lex, toks = ctx.lex, ctx.toks
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 1 - ctx.verb_gap - 1), -1):
        w = toks[k].norm
        if w in lex.relatives:
            a = next((x for x in ctx.actors if x.tok1 == k - 1), None)
            return True, (a if a is not None and not a.media else None)
        if w in lex.pron_complementizers:
            if w in lex.cues["causal_pronoun_keys"] and _reported_subject_unnamed(ctx, k):
                return True, None  # قال X إن "الحكومة ... لأنها رفضت": the government's refusal, not X's
            return True, _speaker(ctx, k)
        if w in lex.clause_stops or any(x.tok1 == k for x in ctx.actors):
            break
    return False, None


def _reported_subject_unnamed(ctx: _Ctx, k: int) -> bool:
    """Is token ``k`` inside a reported clause (after إن/أن) whose subject, right after the
    complementizer, names no actor (إن "الحكومة تتحمل ...)? A causal pronoun (لأنها) there points
    back to that subject, not to the speaker."""
    keys = ctx.lex.cues["complementizer_keys"]
    j = next((i for i in range(k - 1, -1, -1) if ctx.toks[i].norm in keys), None)
    return j is not None and j + 1 < k and not any(a.tok0 == j + 1 for a in ctx.actors)


def _verb_subject_before(ctx: _Ctx, t: Trigger) -> Actor | None:
    """SVO: an actor standing just before the verb (``إسرائيل تغتال``, ``روسيا لا تزال ترفض``);
    only negation and auxiliaries may stand between."""
    if _conjoined(ctx, t):
        return None  # صواريخ روسية تضرب خاركيف وتقتل: the word before a joined verb ends the clause before
    aux = ctx.lex.negation | ctx.lex.neg_exceptions | ctx.lex.auxiliaries
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 1 - ctx.verb_gap - 1), -1):
        a = next((x for x in ctx.actors if x.tok1 == k), None)
        if a is not None:
            return a if _free(a) and not _listed(ctx, a) else None
        if ctx.toks[k].norm not in aux:
            return None
    return None


def _conjoined(ctx: _Ctx, t: Trigger) -> bool:
    """Is the trigger a verb read with و or ف glued to it (وتقتل, فهاجم), not a verb that opens
    with و itself (وافقت)? Its subject is then the clause's before, never the word just before."""
    if t.is_noun:
        return False
    for p, stem in _readings(ctx.toks[t.tok0].norm):
        bare = [stem] + [stem[:-len(x)] for x in ctx.lex.possessive if stem.endswith(x)]  # واعتقلته
        if any(ei == t.entry and not noun for b in bare for ei, noun in ctx.lex.words.get(b, ())):
            return p[:1] in ("و", "ف")
    return False


def _joined_addressing(ctx: _Ctx, t: Trigger, e: Entry) -> bool:
    """Is the trigger a call, demand, accusation or threat joined by و after another verb of its
    sentence, with no subject of its own after it? One actor after it (ودعت إيران إلى) is whom it
    addresses; two in a row (واتهمت أوكرانيا موسكو بـ) are its own subject and object."""
    if e.type not in ctx.lex.cues["shared_subject_types"] or not _conjoined(ctx, t) or not _verb_before(ctx, t):
        return False
    a = _subject_after(ctx, t)
    return a is None or not any(x.tok0 == a.tok1 + 1 and _free(x) for x in ctx.actors)


def _opening_actor(ctx: _Ctx, t: Trigger) -> Actor | None:
    """The first actor of the sentence, before the trigger and governed by no preposition: the
    subject of the clause a joined verb continues when that clause coded nothing (وصل وزير
    الخارجية الإيراني إلى بغداد ودعا العراق إلى)."""
    a = next((x for x in ctx.actors if x.tok1 < t.tok0 and _free(x)), None)
    if a is None or a.tok0 == 0:
        return None
    # right after a verb (وصل وزير الخارجية), not after another word (وهنأت حركة «النهضة» سعيد: the object)
    return a if any(not noun for _, noun, _, _ in _match_word(ctx.toks[a.tok0 - 1], ctx.lex)) else None


def _verb_before(ctx: _Ctx, t: Trigger) -> bool:
    """Does a verb of some entry stand before the trigger in its sentence (the clause a joined
    verb shares its subject with)?"""
    return any(not noun for k in range(t.tok0) for _, noun, _, _ in _match_word(ctx.toks[k], ctx.lex))


def _other_verb_before(ctx: _Ctx, a: Actor, e: Entry) -> bool:
    """Is the actor the subject of a verb of another type a few words before it (``ودان الرئيس
    اللبناني جوزاف عون الغارة``)? Then an event noun after the actor is that verb's object."""
    for k in range(a.tok0 - 1, max(-1, a.tok0 - 8), -1):
        if any(c in ctx.doc.text[ctx.toks[k].end:ctx.toks[k + 1].start] for c in "،,:.؛") \
                or ctx.toks[k].norm in ctx.lex.cues["complementizer_keys"]:
            return False
        if any(not noun and ctx.lex.entries[ei].type != e.type for ei, noun, _, _ in _match_word(ctx.toks[k], ctx.lex)):
            return True
    return False


def _topic_subject(ctx: _Ctx, t: Trigger) -> Actor | None:
    """SVO at the head of a clause (``إن ويتكوف التقى بوتين``, ``إسرائيل تغتال``, ``وكان X قد
    أدان``): an actor just before the verb that itself opens the sentence, a ``أن`` clause, a
    new segment or follows an auxiliary is the subject, and an actor after the verb is then its
    object."""
    a = _verb_subject_before(ctx, t)
    if a is None:
        return None
    prev = ctx.toks[a.tok0 - 1].norm if a.tok0 else ""
    if a.tok0 == 0 or prev in ctx.lex.clause_stops:
        return a
    if prev in ctx.lex.auxiliaries or (prev[:1] in "وف" and prev[1:] in ctx.lex.auxiliaries):
        return a  # وكان رئيس الوزراء قد أدان: the auxiliary opens the clause its subject follows
    gap = ctx.doc.text[ctx.toks[a.tok0 - 1].end:ctx.toks[a.tok0].start]
    return a if any(c in gap for c in "،,:.*") else None


def _listed(ctx: _Ctx, a: Actor) -> bool:
    """Is ``a`` the last of a coordinated list (``زعماء بريطانيا وفرنسا وإيطاليا``)? The list,
    not its last member, is then the subject."""
    prev = [x for x in ctx.actors if x.tok1 < a.tok0]
    return bool(prev) and _conj(ctx.doc.text, prev[-1], a, ctx.lex)


def _subject_before(ctx: _Ctx, t: Trigger, possessive: bool, e: Entry) -> Actor | None:
    """The owner of an event noun: the nearest actor before it not governed by a preposition.

    It must be near, and an actor governed by a preposition other than ``ل`` in between means
    the noun belongs to another clause (``الضغط على بوتين بشأن الغزو``). A possessive noun
    (``مكالمته``) points back to the nearest actor, whatever stands between. Across ``أنه``
    the owner is the speaker; across ``أن``, only a call or meeting the clause opens with
    (``قال X إن المكالمة مع Y``) is the speaker's.
    """
    before = [x for x in ctx.actors if x.tok1 < t.tok0 and not x.media]
    if possessive:
        # مدينة رام الله, في لندن: places
        before = [x for x in before if x.prep != "of" and x.prep not in ctx.lex.cues["not_owner_keys"]]
        if not before:
            return None
        a = before[-1]  # its owner is the nearest actor, unless that one is a verb's object (يلتق X Y)
        return None if _free(a) and any(x.tok1 == a.tok0 - 1 for x in before) else a
    for a in reversed(before):
        stop = next((k for k in range(a.tok1 + 1, t.tok0) if ctx.toks[k].norm in ctx.lex.clause_stops), None)
        if stop is not None and ctx.toks[stop].norm in ctx.lex.pron_complementizers:
            return _speaker(ctx, stop)  # كتب X أنه أجرى محادثة مع Y
        if stop is not None and not (e.symmetric and stop == t.tok0 - 1):
            return None  # قالت الوزارة إن قواتها صدت هجوما: the noun is another subject's
        if _boundary(ctx, a, t):
            return None
        if t.tok0 - a.tok1 > (e.noun_subject or ctx.noun_subject):
            return None
        if a.prep is None:
            return None if _listed(ctx, a) else a
        if a.prep != "ل":
            return None
    return None


def _proposer(ctx: _Ctx, t: Trigger) -> Actor | None:
    """The author of the offer a rejection points to (same sentence before it, or the one before)."""
    near = ctx.toks[max(0, t.tok0 - 2): t.tok1 + 3]
    if not any(tok.norm in ctx.lex.anaphors for tok in near):
        return None
    for toks, actors, limit in ((ctx.toks, ctx.actors, t.tok0), (ctx.prev_toks, ctx.prev_actors, None)):
        for k in range(len(toks) if limit is None else limit):
            if any(s in ctx.lex.proposal_forms for _, s in _readings(toks[k].norm)):
                a = next((x for x in actors if k < x.tok0 <= k + 4 and x.prep is None), None)
                if a is not None:
                    return a
    return None


def _target(ctx: _Ctx, t: Trigger, e: Entry, source: Actor, after: int) -> Actor | None:
    """The nearest later actor the entry accepts: behind one of its prepositions, or a bare
    object right after the verb (or its subject); never across a new clause."""
    preps = {r for r in e.targets if r not in _RULES}
    media_ok = e.type in ctx.lex.media_target_types
    stops = ctx.lex.clause_stops if t.is_noun else ctx.lex.clause_stops | ctx.lex.relatives
    stop = next((k for k in range(after + 1, min(len(ctx.toks), t.tok1 + ctx.window + 1))
                 if ctx.toks[k].norm in stops), t.tok1 + ctx.window + 1)
    later = [a for a in ctx.actors if after < a.tok0 < stop and a.key != source.key and (media_ok or not a.media)]
    for x in later:
        if _conj(ctx.doc.text, source, x, ctx.lex):
            continue  # X و Y: both are the subject, neither the object
        if x.prep in preps:
            return x
        if "object" in e.targets and (x.prep is None and (_adjacent(ctx, after, x) or _owner_of_needed(ctx, e, after, x))
                                      or _named_place(ctx, x) and _adjacent(ctx, after, x, head=True)):
            if x.role and after == source.tok1 and source.type == "PERSON" and not _counterpart(ctx, x):
                continue  # وأدان X مستشار الرئيس الفلسطيني: an apposition of the subject
            return x
    if "proposal" in e.targets and after + 2 < len(ctx.toks) and ctx.toks[after + 1].norm in ctx.lex.proposal_nouns:
        a = next((x for x in ctx.actors if x.tok0 == after + 2 and _free(x)), None)
        if a is not None and a.key != source.key:
            return a  # رفض نتنياهو طلب ترامب: the author of the request
    for rule in e.targets:
        a = None
        if rule == "addressee":
            a = next((x for x in ctx.actors if x.prep == "ل" and not x.media and x.key != source.key), None)
        elif rule == "proposal":
            a = _proposer(ctx, t)
        if a is not None and a.key != source.key:
            return a
    return _gentilic(ctx, t, source, after)


def _counterpart(ctx: _Ctx, a: Actor) -> bool:
    """``نظيره التركي``: the subject's counterpart is another party, never the subject itself."""
    return any(_strip_article(s) in ctx.lex.counterparts for _, s in _readings(ctx.toks[a.tok0].norm))


def _adjacent(ctx: _Ctx, after: int, a: Actor, head: bool = False) -> bool:
    """Only adverbs (``أمس``, ``أيضا``) stand between position ``after`` and actor ``a`` (and,
    with ``head``, the place noun naming it: قصفت القوات مدينة خاركيف)."""
    end = _before_adjectives(ctx.toks, a.tok0, ctx.lex) if head else a.tok0
    return all(ctx.toks[k].norm in ctx.lex.skip for k in range(after + 1, end))


def _owner_of_needed(ctx: _Ctx, e: Entry, after: int, a: Actor) -> bool:
    """``علق الاتحاد الأفريقي عضوية النيجر``, ``جمدت واشنطن أصول البنك``: the owner named right
    after the word the verb needs (``needs_noun_after``) is what is done to."""
    between = [k for k in range(after + 1, a.tok0) if ctx.toks[k].norm not in ctx.lex.skip]
    return len(between) == 1 and bool(_word_keys(ctx.toks[between[0]]) & e.needs_noun_after)


def _named_place(ctx: _Ctx, a: Actor) -> bool:
    """A place named after a bare place noun (``مدينة خاركيف``): the noun's object position is its."""
    if a.type != "LOC" or a.prep != "of":
        return False
    j = _before_adjectives(ctx.toks, a.tok0, ctx.lex)
    return j >= 0 and _place_noun_prep(ctx.toks, j, ctx.lex) == "of" and any(
        s in ctx.lex.place_nouns or _strip_article(s) in ctx.lex.place_nouns for _, s in _readings(ctx.toks[j].norm))


def _gentilic(ctx: _Ctx, t: Trigger, source: Actor, after: int) -> Actor | None:
    """A country named by an adjective in the object: an event noun's (وقف استهداف الطاقة
    الأوكرانية; right after the noun an adjective names its agent) or a verb's (رفضت كييف
    الشروط الروسية), a count before the noun let through (عقوبات على ثلاث شركات إيرانية)."""
    first = t.tok1 + 2 if t.is_noun else after + 2
    first += first < len(ctx.toks) and _is_count(ctx, first)  # على ثلاث شركات إيرانية
    for k in range(first, min(len(ctx.toks), first + 2)):
        if any(a.tok0 <= k <= a.tok1 or after < a.tok0 < k for a in ctx.actors):
            return None
        norm = ctx.toks[k].norm
        code = nationality(norm, ctx.lex.gentilics, ctx.lex.groups) if ctx.lex.groups else ctx.lex.gentilics.get(norm)
        if code is None or code not in ctx.lex.country_names:
            continue
        key = "kb:" + code
        if key == source.key:
            return None
        ctx.ents.setdefault(key, EntityRecord(key, ctx.lex.country_names[code], "LOC", country=code))
        tok = ctx.toks[k]
        return Actor(tok.start, tok.end, key, "LOC", k, k)
    return None


def _indefinite(norm: str, lex: Lexicon) -> bool:
    """No article (في اتصال مع, للقاء): the subject's own call, not one known from elsewhere."""
    if norm[:1] in "وفبلك" and (norm[1:] in lex.words or norm[1:] in lex.phrases):
        return True  # للقاء = ل + لقاء
    return not (norm.startswith(("ال", "لل")) or norm[1:3] in ("ال", "لل"))


def _construct(ctx: _Ctx, t: Trigger) -> bool:
    """Is an indefinite event noun annexed to a common noun (زيارة وفد, هجوم شنه)? Then that
    genitive, not the clause subject, tells whose act it is."""
    if t.tok1 + 1 >= len(ctx.toks) or not _indefinite(ctx.toks[t.tok0].norm, ctx.lex):
        return False
    k = t.tok1 + 1
    nxt = ctx.toks[k].norm
    if any(a.tok0 <= k <= a.tok1 for a in ctx.actors) or nxt in ctx.lex.preps or nxt in ctx.lex.skip:
        return False
    if nxt[:1].isdigit() or _glued_prep_word(nxt, ctx.lex) or nxt.endswith(_ADJECTIVE_ENDINGS):
        return False  # a number, a prepositional phrase, an adjective (هاتفيا, جديدة) or an accusative
    # وجوب التوقف: an object; مساعدات جديدة, محادثة رائعة: an adjective
    return not nxt.startswith("ال") and not nxt.endswith("ه") and nxt not in ctx.lex.mode_cues


def _glued_prep_word(norm: str, lex: Lexicon) -> bool:
    return norm[:1] in ("ب", "ل") and len(norm) > 3


def _in_adjunct(ctx: _Ctx, t: Trigger) -> bool:
    """Is the event noun inside a prepositional adjunct (``في هجوم``, ``لهجوم``, ``وبالهجوم``)?"""
    adj = ctx.lex.cues["noun_in_adjunct_keys"]
    if t.tok0 > 0 and ctx.toks[t.tok0 - 1].norm in adj:
        # حزمة جديدة من العقوبات, سلسلة من الغارات: a share of the things done, not an adjunct
        heads = ctx.lex.cues["partitive_keys"]
        return not (ctx.toks[t.tok0 - 1].norm in ctx.lex.cues["partitive_preps"]
                    and any(_strip_article(x.norm) in heads for x in ctx.toks[max(0, t.tok0 - 4):t.tok0 - 1]))
    return any(p and p in adj for p, _ in _prep_readings(ctx.toks[t.tok0].norm))


def _pair_before(ctx: _Ctx, t: Trigger) -> tuple[Actor, Actor] | None:
    """``الهند وباكستان اتفقتا``: two coordinated actors just before a symmetric verb."""
    aux = ctx.lex.negation | ctx.lex.neg_exceptions | ctx.lex.auxiliaries
    k = t.tok0 - 1
    while k >= 0 and ctx.toks[k].norm in aux:
        k -= 1
    b = next((x for x in ctx.actors if x.tok1 == k and _free(x)), None)
    prev = [x for x in ctx.actors if b is not None and x.tok1 < b.tok0]
    if b is not None and prev and prev[-1].key != b.key and _conj(ctx.doc.text, prev[-1], b, ctx.lex):
        return prev[-1], b
    return None


def _parties(ctx: _Ctx, t: Trigger, e: Entry, done: Sequence[Action] = ()) -> tuple[Actor, Actor] | None:
    if "between" in e.targets:
        pair = _between(ctx, t)
        if pair:
            return pair
    if "from_pair" in e.targets:
        pair = _from_pair(ctx, t)
        if pair:
            return pair
    if e.symmetric and not t.is_noun:
        pair = _pair_before(ctx, t)
        if pair:
            return pair
    if (e.symmetric or e.governs == "agree") and t.is_noun and not t.possessive:
        pair = _pair_after(ctx.doc.text, ctx.toks, ctx.actors, t.tok1 + 1, ctx.lex)
        if pair and pair[0].prep is None:
            return pair  # اتفاق (موافقة) الهند وباكستان على وقف إطلاق النار: the noun's two genitives
    after = t.tok1
    source = None
    bound, source = (False, None) if t.is_noun else _bound_subject(ctx, t)
    if e.speaker_source:
        source = _speaker_of_participle(ctx, t.tok0)
    elif bound:
        pass
    elif not t.is_noun:
        if _joined_addressing(ctx, t, e):
            # أدانت السعودية القصف ودعت إيران إلى ضبط النفس: the condemner calls on Iran, which
            # follows the joined verb as its object
            source = _shared_subject(ctx, t, done) or _opening_actor(ctx, t)
            if source is None:
                return None  # وأدانت الأمانة العامة ... وطالبت طهران: the unnamed condemner's demand, not Tehran's
        source = source or _topic_subject(ctx, t) or _subject_after(ctx, t) or _speaker_going_on(ctx, t, e)
        if source is not None and source.tok0 > t.tok1:
            after = source.tok1
            if e.symmetric:
                pair = _pair_after(ctx.doc.text, ctx.toks, ctx.actors, source.tok0, ctx.lex)
                if pair:
                    return pair
        elif e.symmetric and t.tok1 + 1 < len(ctx.toks):
            # اتفق الطرفان, or with an adverb between (اتفق خلالها الطرفان)
            pair = _resolve_dual(ctx, ctx.toks[t.tok1 + 1].norm) or (
                _resolve_dual(ctx, ctx.toks[t.tok1 + 2].norm) if t.tok1 + 2 < len(ctx.toks)
                and not any(a.tok0 == t.tok1 + 1 for a in ctx.actors) else None)
            if pair:
                return pair
        if source is None:
            source = _verb_subject_before(ctx, t)
    elif e.symmetric and not t.possessive:
        # مكالمة الرئيس ترامب مع بوتين: the actor the noun is annexed to makes the call
        a = next((x for x in ctx.actors if x.tok0 == t.tok1 + 1 and _free(x)), None)
        if a is not None and _target(ctx, t, e, a, a.tok1) is not None:
            source, after = a, a.tok1
    if source is None and e.symmetric and t.tok0 > 0:
        pair = _resolve_dual(ctx, ctx.toks[t.tok0 - 1].norm)
        if pair:
            return pair
    if source is None and (bound or e.speaker_source):
        return None
    if source is None and t.is_noun and not t.possessive and (e.symmetric or e.governs == "agree"):
        pair = _pair_owning(ctx, t, e)
        if pair:
            return pair
    if (source is None and t.is_noun and not t.possessive and _in_adjunct(ctx, t)
            and not (e.symmetric and _indefinite(ctx.toks[t.tok0].norm, ctx.lex))):
        return None  # قتل 15 شخصا في هجوم: the clause before names the victims, not the agent
    if source is None and t.is_noun and not t.possessive and _construct(ctx, t):
        return None  # زيارة وفد التحالف للقاهرة: the noun's own genitive is its agent
    if source is None and t.is_noun and e.open and ctx.lex.groups and e.type in ctx.lex.groups.group_types:
        return None  # اغتيال X, أدان الهجمات: an attack noun's owner is not whoever stands before it (open coding)
    if source is None and t.is_noun:
        source = _subject_before(ctx, t, t.possessive, e)
    if source is None:
        return None
    target = _target(ctx, t, e, source, after)
    return (source, target) if target is not None else None


def _crowd_subject(ctx: _Ctx, t: Trigger, e: Entry, every: list[Actor],
                   protested: frozenset[str] = frozenset()) -> list[Actor]:
    """``وطالب المحتجون بإقالة المدير``: a crowd that is a verb's own subject, right after it, makes
    its demand or rejection, though statements are otherwise coded between named actors; so does
    the crowd whose protest the sentence told (``protested``), before a participle (``تظاهر
    المشجعون ... مطالبين``)."""
    groups = ctx.lex.groups
    if groups is None or t.is_noun or e.type not in groups.subject_group_types:
        return []
    crowd = groups.agent_sectors.get("PROTEST", frozenset())
    if e.speaker_source and not t.is_noun:
        # تظاهر المشجعون أمام مقر الاتحاد مطالبين بـ: the crowd whose protest the sentence told demands
        first = next((a for a in every if a.group and a.key in protested and a.tok1 < t.tok0), None)
        if first is not None:
            return [first]
    return [a for a in every if a.group and a.tok0 == t.tok1 + 1 and a.sector in crowd]


def _banner_crowd(ctx: _Ctx, t: Trigger, e: Entry, every: list[Actor]) -> Actor | None:
    """``رفع المحتجون لافتات تطالب بإقالة المدير``, ``رافعين شعارات تطالب بـ``: a verb of a statement
    right after a banner or chant (actions_cues.json ``banner_nouns``) is the voice of the crowd the
    sentence names before it."""
    groups = ctx.lex.groups
    if groups is None or t.is_noun or t.tok0 == 0 or e.type not in groups.subject_group_types:
        return None
    at = next((k for k in range(max(0, t.tok0 - 2), t.tok0)
               if _strip_article(ctx.toks[k].norm) in ctx.lex.cues["banner_keys"]), None)
    if at is None or at > 0 and ctx.toks[at - 1].norm in ctx.lex.cues["banner_not_after_keys"]:
        return None  # حفل تخرج تحت شعار يدعو إلى: a motto, no crowd's voice
    crowd = groups.agent_sectors.get("PROTEST", frozenset())
    return next((a for a in every if a.group and a.sector in crowd and a.tok1 < t.tok0), None)


def _body_launched(ctx: _Ctx, t: Trigger, e: Entry, a: Actor | None) -> bool:
    """``نفذ الاتحاد العام التونسي للشغل إضرابا عاما``, ``نظمت نقابة الصحفيين وقفة احتجاجية``: a named
    organisation, the subject of a verb that starts a protest (crowd_launch_verbs) before the protest
    noun, tells the protest by the structure, as a crowd does."""
    if a is None or a.group or a.type != "ORG" or e.type != "PROTEST" or not t.is_noun or a.tok1 + 1 != t.tok0:
        return False  # the noun the verb governs right after its subject (not أعلن الاتحاد تأجيل الإضراب)
    k = a.tok0 - 1
    return k >= 0 and _one_of(ctx.toks[k].norm, ctx.lex.cues["crowd_launch_keys"])


def _crowd_launcher(ctx: _Ctx, t: Trigger, e: Entry, a: Actor) -> bool:
    """``نظم الطلاب مظاهرة``, ``نفذ المعلمون إضرابا``: a crowd that is the subject of a launch verb
    that starts it (crowd_launch_verbs, not واصلوا اعتصامهم) and governs a protest noun tells the
    protest by the structure, as a crowd subject of a protest verb does."""
    groups = ctx.lex.groups
    if groups is None or e.type != "PROTEST" or not t.is_noun or not a.group \
            or a.sector not in groups.agent_sectors.get("PROTEST", frozenset()):
        return False
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 7), -1):
        if _one_of(ctx.toks[k].norm, ctx.lex.cues["crowd_launch_keys"]):
            return k < a.tok0 < t.tok0 or a.tok1 == k - 1
        if ctx.toks[k].norm in ctx.lex.clause_stops:
            return False
    return False


def _pair_owning(ctx: _Ctx, t: Trigger, e: Entry) -> tuple[Actor, Actor] | None:
    """``أعلنت الولايات المتحدة والصين عن التوصل إلى اتفاق``: two coordinated actors heading the
    clause of an agreement or meeting noun are its two parties."""
    before = [x for x in ctx.actors if x.tok1 < t.tok0 and not x.media]
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    if not (_free(a) and _free(b)) or a.key == b.key or t.tok0 - b.tok1 > (e.noun_subject or ctx.noun_subject):
        return None
    if any(ctx.toks[k].norm in ctx.lex.clause_stops for k in range(b.tok1 + 1, t.tok0)) or _boundary(ctx, b, t):
        return None
    return (a, b) if _conj(ctx.doc.text, a, b, ctx.lex) else None


def _agreement_pair(ctx: _Ctx, coded: list[Action]) -> tuple[Actor, Actor] | None:
    """The two parties of an agreement already coded in the sentence, as its actors."""
    for act in coded:
        if act.type == "AGREE" and act.source and act.target and not act.negated:
            src = next((a for a in ctx.actors if a.key == act.source), None)
            tgt = next((a for a in ctx.actors if a.key == act.target), None)
            if src is not None and tgt is not None:
                return src, tgt
    return None


def _negated(ctx: _Ctx, t: Trigger) -> bool:
    """A negation word a few words before the trigger (``لم يلتق``), or a reach verb before it
    negated or failed (``فشلت ... في التوصل إلى اتفاق``)."""
    lex, toks = ctx.lex, ctx.toks
    if _reach_failed(ctx, t):
        return True
    n = lex.cues["negation_window"]
    first = max(0, t.tok0 - n)
    if lex.entries[t.entry].speaker_source:  # لن تتفاوض، رافضا الشروط: the negation is the clause's
        text = ctx.doc.text
        first = max([first] + [k + 1 for k in range(first, t.tok0) if "،" in text[toks[k].end:toks[k + 1].start]
                               or "," in text[toks[k].end:toks[k + 1].start]])
    for k in range(first, t.tok0):
        if toks[k].norm in lex.negation or toks[k].norm[:1] in "وف" and toks[k].norm[1:] in lex.negation:
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            if nxt not in lex.neg_exceptions:
                return True
    return False


@lru_cache(maxsize=4)
def _modality_index(modality: tuple[tuple[tuple[str, ...], str], ...]) -> tuple[dict[str, tuple[int, ...]],
                                                                              frozenset[int]]:
    """Modality phrases by their first word (positions in the list), and the empty ones: only
    the phrases a word can start are tried at it, not the whole list at every word."""
    first: dict[str, list[int]] = {}
    for k, (phrase, _) in enumerate(modality):
        if phrase:
            first.setdefault(phrase[0], []).append(k)
    return {w: tuple(ks) for w, ks in first.items()}, frozenset(k for k, (p, _) in enumerate(modality) if not p)


def _modality(ctx: _Ctx, t: Trigger) -> str:
    lex, toks = ctx.lex, ctx.toks
    lo = max(0, t.tok0 - lex.cues["modality_window"])
    words = [{tok.norm} | {s for p, s in _readings(tok.norm) if p in ("و", "ف")} for tok in toks[lo: t.tok0]]
    by_first, empty = _modality_index(tuple(lex.modality))
    found = None
    for i in range(len(words)):  # the last phrase found, in text then list order
        for k in sorted(empty.union(*(by_first.get(w, ()) for w in words[i]))):
            phrase, mod = lex.modality[k]
            if i + len(phrase) <= len(words) and all(w in words[i + j] for j, w in enumerate(phrase)):
                found = mod
    if _threatened(ctx, t):
        return "threatened"
    if found:
        return found
    return "future" if t.future else "asserted"


_CLAUSE_MARKS = frozenset("،,.؛;:!؟?")


def _threatened(ctx: _Ctx, t: Trigger) -> bool:
    """Is the trigger the measure a threat names (هدد ترامب بفرض رسوم, لوحت إيران بإغلاق المضيق)?
    The trigger, or the word before it, has ب glued or before it, and a threat word stands a few
    words back in the same clause: threatening a sanction is not imposing it."""
    toks, keys = ctx.toks, ctx.lex.cues["threat_keys"]

    def governed(k: int) -> bool:
        return k >= 0 and (toks[k].norm == "ب" or any(p == "ب" for p, _ in _prep_readings(toks[k].norm)))

    # بتجميد أموال; بفرض رسوم: the measure is often told by a light verbal noun before the trigger
    if not (governed(t.tok0) or governed(t.tok0 - 1)):
        return False
    text = ctx.doc.text
    for k in range(t.tok0 - 1, max(0, t.tok0 - ctx.lex.cues["threat_window"]) - 1, -1):
        if _CLAUSE_MARKS.intersection(text[toks[k].end: toks[k + 1].start]):
            return False
        w = toks[k].norm
        if w in keys or any(p in ("و", "ف") and s in keys for p, s in _readings(w)):
            return True
    return False


def _mode(ctx: _Ctx, t: Trigger, e: Entry, tgt: Actor | None) -> tuple[str | None, str | None]:
    """The entry's mode, or ``phone call`` when a ``هاتف`` word stands near the trigger or
    between it and the target (بحث X في اتصال هاتفي مع Y)."""
    mode, cameo = e.mode, e.cameo
    for tok in ctx.toks[max(0, t.tok0 - 3): max(t.tok1 + 4, tgt.tok0 if tgt is not None else 0)]:
        for _, s in _readings(tok.norm):
            cue = ctx.lex.mode_cues.get(s)
            if cue and e.type == "CONSULT":
                mode = cue
                if cue == "phone call":
                    cameo = "041"
    return mode, cameo


def _place_noun_after(ctx: _Ctx, t: Trigger) -> bool:
    """A place noun governed by one of the trigger's prepositions (استولى مسلحون على بلدة)."""
    preps = ctx.lex.entries[t.entry].targets
    for k in range(t.tok1 + 1, min(len(ctx.toks) - 1, t.tok1 + 7)):
        if ctx.toks[k].norm in preps:
            return any(s in ctx.lex.place_nouns or _strip_article(s) in ctx.lex.place_nouns
                       for _, s in _readings(ctx.toks[k + 1].norm))
    return False


def _a_place(rec: EntityRecord | None) -> bool:
    """A place inside a country (a city, a town, a region), not a country itself."""
    return rec is not None and rec.type == "LOC" and bool(rec.country) and rec.key[3:] != rec.country


def _country(rec: EntityRecord | None, names: dict[str, str]) -> str | None:
    """The actor's country by name (ICEWS style): its own country, or itself when a country."""
    if rec is None:
        return None
    if rec.country:
        return names.get(rec.country, rec.country)
    return rec.name if rec.type == "LOC" else None


_GRAIN = {"minute": 0, "hour": 0, "day": 0, "week": 1, "month": 2, "year": 3}


def _date(times: list[TimeRef], span: tuple[int, int], prev: tuple[int, int] | None, pos: int,
          latest: str | None) -> str | None:
    """The date the sentence's happening refers to: the finest, nearest dated time in the
    sentence (day-level in the previous one as a fallback); never after ``latest``."""
    def ok(x: TimeRef) -> bool:
        return bool(x.value) and x.value[:1].isdigit() and (latest is None or x.value[:10] <= latest)

    inside = [x for x in times if span[0] <= x.start < span[1] and ok(x) and x.grain in _GRAIN]
    if inside:
        best = min(inside, key=lambda x: (_GRAIN[x.grain], abs(x.start - pos)))
        return best.value[:10]
    if prev:
        near = [x for x in times if prev[0] <= x.start < prev[1] and ok(x) and _GRAIN.get(x.grain) == 0]
        if near:
            return near[-1].value[:10]
    return None


def _place(ctx: _Ctx, t: Trigger, src: Actor | None, tgt: Actor | None,
           reach: int = 4) -> tuple[str, str | None] | None:
    """A place right after the action (``في إسطنبول``), not one in a later purpose clause:
    its name and its country's ISO code."""
    last = max(t.tok1, tgt.tok1 if tgt is not None and tgt.tok0 > t.tok1 else t.tok1)
    keys = {a.key for a in (src, tgt) if a is not None}
    for a in ctx.actors:
        if (last < a.tok0 <= last + reach and a.type == "LOC" and a.prep in ctx.lex.place_preps
                and a.key not in keys):
            rec = ctx.ents.get(a.key)
            return (rec.name, rec.country or (a.key[3:] if a.key[3:] in ctx.lex.country_names else None)) if rec else None
    return None


def _any_place(ctx: _Ctx, src: Actor | None, tgt: Actor | None) -> tuple[str, str | None] | None:
    """For an event-type action: the first place the sentence names that is neither party
    (``قتل 20 شخصا في هجوم ... في العاصمة مقديشو``)."""
    keys = {a.key for a in (src, tgt) if a is not None}
    for a in ctx.actors:
        rec = ctx.ents.get(a.key)
        if a.type == "LOC" and a.key not in keys and rec is not None and a.prep in (*ctx.lex.place_preps, "of"):
            return rec.name, rec.country or (a.key[3:] if a.key[3:] in ctx.lex.country_names else None)
    return None


def _link_governed(triggers: list[Trigger], lex: Lexicon, named: frozenset[int] = frozenset()) -> list[Trigger]:
    """Attach an event noun to the agree or violate verb that governs it (with the nouns it
    governs in turn, for a violation); drop one a rejection governs. Words of the actors
    (``named``, token indices) do not count in the distance (اتفاق الهند وباكستان على وقف ...)."""
    out: list[Trigger] = []
    skip_to = 0
    for i, t in enumerate(triggers):
        if i < skip_to:
            continue
        e = lex.entries[t.entry]
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if e.governs and nxt is not None and sum(k not in named for k in range(t.tok1 + 1, nxt.tok0)) <= 2:
            ne = lex.entries[nxt.entry]
            if e.governs == "agree" and ne.when_agreed:
                t.sub = nxt
                skip_to = i + 2
            elif e.governs == "violate" and (ne.when_agreed or ne.governs == "agree"):
                t.sub = nxt  # انتهك اتفاق وقف إطلاق النار: the violation, not the truce or the agreement
                skip_to = i + 2
                while skip_to < len(triggers) and triggers[skip_to].tok0 - triggers[skip_to - 1].tok1 <= 1 \
                        and lex.entries[triggers[skip_to].entry].when_agreed:
                    skip_to += 1
            elif e.governs == "reject" and nxt.is_noun or ne.governs:
                skip_to = i + 2  # رفض الاتفاق; not a verb after it (ترفض أي ترتيب، متهما الحكومة)
        out.append(t)
    return out


def _in_name(ctx: _Ctx, t: Trigger) -> bool:
    """A trigger word inside a name (مجلس التعاون) or after a title (رئيس اللقاء الديمقراطي)."""
    a, b = ctx.toks[t.tok0].start, ctx.toks[t.tok1].end
    if any(m.start < b and a < m.end for m in ctx.names):
        return True
    if t.is_noun and t.tok0 > 0 and ctx.toks[t.tok0 - 1].norm in ctx.lex.cues["nonspecific_keys"]:
        return True  # أي مفاوضات: any talks, not one that took place
    if t.tok0 > 1 and ctx.toks[t.tok0 - 2].norm in ctx.lex.cues["nonspecific_keys"] \
            and ctx.toks[t.tok0 - 1].norm in ctx.lex.cues["event_unit_keys"]:
        return True  # أي جولة تفاوض: the word after the unit is a noun, whatever its spelling could be
    if not t.is_noun or t.tok0 == 0:
        return False
    if ctx.toks[t.tok0 - 1].norm in ctx.lex.title_heads:
        return True
    if ctx.toks[t.tok0].norm.startswith("و"):
        # وزير التخطيط والتعاون الدولي, وزير الدولة لشؤون الإعلام والاتصال: joined to a title's portfolio
        for k in range(t.tok0 - 1, max(-1, t.tok0 - 4), -1):
            w = ctx.toks[k].norm
            if w in ctx.lex.title_words:
                return True
            if not w.startswith(("ال", "ل")):
                return False
    return False


def _background(ctx: _Ctx, t: Trigger) -> bool:
    """An event noun that is no happening of the report: after 'since' (منذ فرض الحصار على قطر:
    the report's background; but بدء سريان الهدنة is the truce starting) or after a verb giving what a text says (ينص على انسحاب المتمردين,
    يقضي بتعليق الرسوم: an agreement's content, coded through the agreement if at all)."""
    if not t.is_noun or t.tok0 == 0:
        return False
    cues = ctx.lex.cues

    def among(k: int, keys: frozenset[str]) -> bool:
        return any(s in keys for _, s in _readings(ctx.toks[k].norm))  # ومنذ, وينص

    if among(t.tok0 - 1, cues["background_keys"]):
        return not (t.tok0 > 1 and among(t.tok0 - 2, cues["onset_keys"]))  # بدء سريان الهدنة: it starts
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 4), -1):
        if any(c in ctx.doc.text[ctx.toks[k].end:ctx.toks[k + 1].start] for c in "،,.:؛"):
            break  # another clause's word
        if among(k, cues["feared_keys"]):
            return True  # تحسبا لامتداد المعارك, خشية تجدد الاشتباكات: feared, not told
    if among(t.tok0 - 1, cues["stipulation_keys"]):
        return True
    # ينص على انسحاب, وينص الاتفاق على انسحاب: the verb two or three words back, a preposition between
    return ctx.toks[t.tok0 - 1].norm in ctx.lex.preps and any(
        among(k, cues["stipulation_keys"]) for k in range(max(0, t.tok0 - 3), t.tok0 - 1))


def _has_word(ctx: _Ctx, keys: frozenset[str]) -> bool:
    """Does the sentence hold one of ``keys``, clitics and article peeled (a quake, a cheering crowd)?"""
    return any(_strip_article(s) in keys for tok in ctx.toks for _, s in _readings(tok.norm))


def _number_after(ctx: _Ctx, t: Trigger) -> bool:
    """``قتل 13 عراقيا``: a count right after an unvocalised verb reads it as passive; a count
    word that opens a name (``اجتمعت مجموعة السبع``) is the subject's name, not a count."""
    k = t.tok1 + 1
    if any(a.tok0 == k and not a.group for a in ctx.actors):
        return False
    return k < len(ctx.toks) and _is_count(ctx, k)


def _is_count(ctx: _Ctx, k: int) -> bool:
    """Is token ``k`` a number or a count word (ثلاثة, عشرات, آلاف)?"""
    w = ctx.toks[k].norm
    return w[:1].isdigit() or w in ctx.lex.cues["count_keys"] or _one_of(w, ctx.lex.cues["count_keys"])


def _purpose(ctx: _Ctx, t: Trigger, e: Entry) -> bool:
    """A ceasefire or a meeting named with the purpose ``ل`` (لوقف إطلاق النار, للقاء) or after a
    proposal word is sought, not done."""
    if e.type not in ctx.lex.cues["purpose_blocked_types"] or _reached(ctx, t):
        return False
    word = ctx.toks[t.tok0].norm
    if any(p in ctx.lex.cues["purpose_prefixes"] and (_strip_article(s) in ctx.lex.words or _strip_article(s) in ctx.lex.phrases)
           for p, s in _readings(word)):
        return True
    before = {ctx.toks[k].norm for k in range(max(0, t.tok0 - 2), t.tok0)}
    if any(p in ctx.lex.cues["purpose_prefixes"] and s in ctx.lex.cues["purpose_holding_keys"]
           for w in before for p, s in _readings(w)):
        return True  # لعقد جلسة تفاوض, لاستئناف المحادثات: to hold talks, not talks held
    return bool(before & ctx.lex.proposal_nouns) or ctx.toks[t.tok0 - 1].norm in ctx.lex.cues["purpose_before_keys"] \
        if t.tok0 > 0 else False


def _open_noun_after(ctx: _Ctx, t: Trigger, e: Entry) -> bool:
    """Is one of ``open_needs_noun_after`` what the entry's preposition governs, within
    ``needs_after_window`` words of the trigger (سيطرت القوات الروسية على بلدة; not سيطرت
    القوات على الوضع في مدينة: the place is an adjunct)?"""
    for k in range(t.tok1 + 1, min(len(ctx.toks), t.tok1 + 1 + e.needs_after_window)):
        if ctx.toks[k].norm in e.targets:
            return any(_word_keys(x) & e.open_needs_noun_after for x in ctx.toks[k + 1:k + 3])
    return False


def _reach_word(ctx: _Ctx, t: Trigger) -> int | None:
    """Where the reach word before the trigger stands in its clause (``توصلت ... إلى اتفاق``)."""
    keys = ctx.lex.cues["reach_keys"]
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 11), -1):
        w = ctx.toks[k].norm
        if w in keys or _strip_article(w) in keys:
            return k
        if w in ctx.lex.clause_stops:
            return None
    return None


def _reached(ctx: _Ctx, t: Trigger) -> bool:
    """``توصلت إلى اتفاق``, ``تم التوصل لاتفاق``, ``توصلت الأطراف المتنازعة في طرابلس إلى اتفاق``:
    an agreement reached (a reach word before it in its clause, its subject between)."""
    k = _reach_word(ctx, t)
    # مساعي التوصل إلى اتفاق, بهدف التوصل: efforts to reach it, not reached
    return k is not None and not (k > 0 and _strip_article(ctx.toks[k - 1].norm) in ctx.lex.cues["sought_keys"])


def _reach_failed(ctx: _Ctx, t: Trigger) -> bool:
    """``ولم تتوصل الأطراف إلى اتفاق``, ``فشلت روسيا وأوكرانيا في التوصل إلى اتفاق``: what the
    trigger names (right after إلى, or with ل glued) is what a negated reach verb did not reach,
    or what a verb of failing (``failed_words``, a few words before) failed to reach. Only as
    the object: ``لم تتوصل الشرطة إلى منفذي الغارة`` does not undo the strike, and ``بعد تعثر
    المفاوضات توصلت X وY إلى اتفاق`` reached it."""
    k = _reach_word(ctx, t)
    if k is None:
        return False
    lex, toks = ctx.lex, ctx.toks
    before = toks[t.tok0 - 1].norm if t.tok0 > 0 else ""
    if not (before in lex.cues["reach_object_keys"] or toks[t.tok0].norm[:1] == "ل"):
        return False

    def one_of(w: str, words: frozenset[str]) -> bool:
        return w in words or w[:1] in "وف" and w[1:] in words
    if k > 0 and one_of(toks[k - 1].norm, lex.negation):
        return True
    if not (k > 0 and toks[k - 1].norm in lex.cues["reach_object_keys_failed"]):
        return False  # فشلت ... في التوصل: the failure governs the reaching
    return any(one_of(toks[j].norm, lex.cues["failed_keys"])
               for j in range(max(0, k - 1 - lex.cues["reach_failed_window"]), k - 1))


def _quoted_speaker(ctx: _Ctx, t: Trigger, e: Entry) -> Actor | None:
    """``كتب ترامب: "... أهنئ البلدين"``, ``"ندين هذا الهجوم"``: a statement in the first person
    inside a direct quote is made by the quote's speaker, whoever else the quote names."""
    if e.mode != "statement" or not ctx.quotes:
        return None
    tok = ctx.toks[t.tok0]
    q = next((q for q in ctx.quotes if q.start <= tok.start < q.end), None)
    if q is None or q.speaker not in ctx.ents:
        return None
    first = tok.norm.endswith(_FIRST_PERSON_NOUN) or not t.is_noun and any(
        s in ctx.lex.first_person and _verb_prefix(p, s) for p, s in _readings(tok.norm))
    if not first and not e.in_quote:  # رفضنا, تهانينا, أدين, ونرحب
        return None
    return _speaker_actor(ctx, q, t)


def _speaker_actor(ctx: _Ctx, q: Quote, t: Trigger) -> Actor:
    """The speaker of quote ``q`` as the actor of trigger ``t``, at his last mention before it."""
    tok = ctx.toks[t.tok0]
    said = [m for m in ctx.mentions if m.entity == q.speaker and m.end <= q.start]
    m = said[-1] if said else None
    return Actor(m.start if m else tok.start, m.end if m else tok.end, q.speaker, ctx.ents[q.speaker].type,
                 t.tok0, t.tok0)


def _speaker_going_on(ctx: _Ctx, t: Trigger, e: Entry) -> Actor | None:
    """``وقالت منظمة العفو الدولية في بيان إن «...»، وطالبت بـ«...»``: a call or demand joined by و,
    with no subject of its own, right after the quote of a known speaker in its sentence goes on
    with that speaker."""
    tok = ctx.toks[t.tok0]
    if t.is_noun or e.type not in ctx.lex.cues["shared_subject_types"] or not tok.norm.startswith("و") \
            or not ctx.spoken:
        return None
    q = next((q for q in reversed(ctx.spoken) if q.end <= tok.start and q.speaker in ctx.ents
              and not ctx.doc.text[q.end:tok.start].strip(" \t»\"”،,")), None)
    nxt = ctx.toks[t.tok1 + 1] if t.tok1 + 1 < len(ctx.toks) else None
    # ودعا إلى, وطالبت بـ«: what it calls for follows; not ودعا خبراء, a new subject
    governed = nxt is not None and (nxt.norm in ctx.lex.preps or any(p in ctx.lex.preps for p, _ in _readings(nxt.norm))
                                    or ctx.doc.text[tok.end:nxt.start].strip(" ـ") [:1] in "«\"")
    if q is None or not governed or any(q.end <= x.start < tok.start for x in ctx.actors):
        return None
    return _speaker_actor(ctx, q, t)


def _one_of(w: str, keys: frozenset[str] | tuple) -> bool:
    """A normalised word in ``keys``, bare or after the conjunction و/ف."""
    return w in keys or w[:1] in "وف" and w[1:] in keys


def _held(ctx: _Ctx, t: Trigger, e: Entry) -> bool:
    """``انطلقت في بغداد اليوم القمة العربية``, ``اختتمت أعمال القمة``: a verb of the entry's
    ``held_by`` before the noun, in its clause, tells that a meeting of many took place; so does
    one of ``held_after`` after it (``بعد مفاوضات استمرت يومين``, ``المحادثات التي جرت``)."""
    if not e.held_by:
        return False
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 9), -1):
        w = ctx.toks[k].norm
        if w in ctx.lex.clause_stops:
            break
        if _one_of(w, e.held_by):
            return True
    c = ctx.lex.cues
    for k in range(t.tok1 + 1, min(len(ctx.toks), t.tok1 + 1 + c["held_after_window"])):
        w = ctx.toks[k].norm
        if w in ctx.lex.clause_stops:
            return False
        if w in c["held_after_keys"]:
            return True
    return False


def _undergone(ctx: _Ctx, t: Trigger, e: Entry, typ: str) -> bool:
    """``تعرضت سفينة لهجوم``: an attack noun (``undergo_modes``), with ل glued, after a verb of
    undergoing in its clause tells that the attack happened (``undergo_verbs``), whoever did it;
    so does one with ب glued after a passive verb of being hit (``أصيبت سفينة بصاروخ``)."""
    c = ctx.lex.cues
    glued = ctx.toks[t.tok0].norm[:1]
    if typ not in c["named_agent_types"] or (e.mode or "") not in c["undergo_modes"] or glued not in ("ل", "ب"):
        return False
    verbs = c["undergo_keys"] if glued == "ل" else c["undergo_hit_keys"]
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 1 - c["undergo_window"]), -1):
        w = ctx.toks[k].norm
        if w in ctx.lex.clause_stops:
            return False
        if _one_of(w, verbs):
            return True
    return False


def _halted(ctx: _Ctx, t: Trigger, e: Entry) -> bool:
    """Is the trigger the object of a halt word (وقف, إنهاء, هدنة) a few words before it, in its
    clause (رغم الهدنة، قصفت إسرائيل غزة: an attack despite the truce)?"""
    if e.type not in ctx.lex.cues["halt_types"]:
        return False
    text = ctx.doc.text
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 1 - ctx.lex.cues["halt_window"]), -1):
        if any(ch in _CLAUSE_MARKS for ch in text[ctx.toks[k].end:ctx.toks[k + 1].start]):
            return False
        if any(_strip_article(s) in ctx.lex.cues["halt_keys"] for _, s in _readings(ctx.toks[k].norm)):
            return True
    return False


def _launcher(ctx: _Ctx, t: Trigger, own_only: bool = False) -> Actor | None:
    """``شن مقاتلو حركة الشباب هجوما``, ``الجيش نفذ غارات``: the subject of a launch verb governing
    the noun (or of one of its entry's own, ``أعلنت روسيا هدنة``; only those with ``own_only``)."""
    own = ctx.lex.entries[t.entry].launched_by
    keys = (own,) if own_only else (ctx.lex.cues["launch_keys"], own)
    claims = ctx.lex.cues["claim_keys"] if ctx.lex.entries[t.entry].type in ctx.lex.cues["named_agent_types"] else ()
    last = t.tok0 - 1 - _responsibility_before(ctx, t) if claims else t.tok0 - 1
    for k in range(t.tok0 - 1, max(-1, t.tok0 - 1 - _launch_reach(ctx.lex, ctx.lex.entries[t.entry])), -1):
        w = ctx.toks[k].norm
        if _one_of(w, claims):
            # أعلنت جماعة الحوثي استهداف سفينة: an announcer is the agent only of the noun it
            # takes as its object, right after it (not of أعلنت الوزارة مقتل 5 في الهجوم), or
            # of the attack it claims (أعلنت جماعة ... مسؤوليتها عن الهجوم)
            subj = [x for x in ctx.actors if k < x.tok0 and x.tok1 == last and x.prep is None and not x.media]
            if not subj and k == last:  # روسيا تعلن إسقاط 40 مسيرة: a headline's subject before the verb
                j = k - 1
                while j >= 0 and ctx.toks[j].norm in ctx.lex.auxiliaries:
                    j -= 1
                subj = [x for x in ctx.actors if x.tok1 == j and _free(x) and not x.media]
            armed = ctx.lex.groups.agent_sectors.get("ASSAULT", frozenset()) if ctx.lex.groups else frozenset()
            if subj and subj[0].type != "PERSON" and (not subj[0].group or subj[0].sector in armed):
                return subj[0]  # not a spokesman announcing the strike: the body he speaks for made it
            if subj and subj[0].type == "PERSON":
                body = next((x for x in ctx.actors if k < x.tok0 < subj[0].tok1 and x.type in ("ORG", "LOC")
                             and x.prep in ctx.lex.cues["spokesman_of"]), None)
                if body is not None:
                    return body  # أعلن المتحدث باسم جماعة الحوثي يحيى سريع استهداف سفينة: the group
        if t.tok0 - k <= 6 and any(_one_of(w, ks) for ks in keys):
            inside = [x for x in ctx.actors if k < x.tok0 < t.tok0 and x.prep is None and not x.media] \
                or [x for x in ctx.actors if k < x.tok0 < t.tok0 and _officials_of(ctx, x, k)]
            if inside:
                named = [x for x in inside if not x.group]
                return named[0] if named else inside[0]  # مقاتلو حركة الشباب: the named body
            j = k - 1
            while j >= 0 and ctx.toks[j].norm in ctx.lex.auxiliaries:
                j -= 1  # كتائب القسام قد أطلقت
            return next((x for x in ctx.actors if x.tok1 == j and _free(x)), None)
        if w in ctx.lex.clause_stops:
            return None
    return None


def _responsibility_before(ctx: _Ctx, t: Trigger) -> int:
    """Words of a claim of responsibility right before the attack noun (``مسؤوليتها عن``), or 0."""
    for words in ctx.lex.cues["responsibility_keys"]:
        n = len(words)
        if t.tok0 >= n and all(ctx.toks[t.tok0 - n + j].norm == w for j, w in enumerate(words)):
            return n
    return 0


def _told(parties: tuple[Actor | None, Actor | None], lex: Lexicon) -> bool:
    """Does the sentence itself say who did it to whom (both parties, or an armed agent)? Then
    the structure carries the action and the sentence classifier is not asked."""
    src, tgt = parties
    armed = lex.groups.agent_sectors.get("ASSAULT", frozenset()) if lex.groups else frozenset()
    return src is not None and tgt is not None and (src.sector in armed or not src.group)


def _named_agent(ctx: _Ctx, t: Trigger, typ: str, src: Actor | None) -> bool:
    """Is a state or named armed body the subject of the attack verb itself (right after it or
    heading its clause before it), of the launch verb
    before the attack noun (استهدف الحوثيون سفينة, أطلق حزب الله الصواريخ), named as who
    fired the weapon after the noun (صاروخين أطلقهما الحوثيون), or by its adjective after the
    noun (هجوم إسرائيلي على سفينة, هجوم حوثي جديد)? The structure then
    tells the happening, and the sentence classifier (which learned one country's protests and
    assaults, not wars between states) is not asked. A noun's genitive or a place is no such
    subject (تفجير السفارة الإسرائيلية, عمليات في العراق)."""
    if src is None or typ not in ctx.lex.cues["named_agent_types"]:
        return False
    if src is _shot_by(ctx, t):
        armed = ctx.lex.groups.agent_sectors.get(typ, frozenset()) if ctx.lex.groups else frozenset()
        return not src.group or src.sector in armed  # استشهد شاب برصاص قوات الاحتلال: the shooter named
    if src.group:
        # شن مسلحون هجوما, تبنت حركة ... الهجوم: an armed body launching or claiming the attack noun;
        # a state's forces named by their nationality right after the verb (اعترضت مدمرة أمريكية)
        armed = ctx.lex.groups.agent_sectors.get(typ, frozenset()) if ctx.lex.groups else frozenset()
        if not t.is_noun:
            return src.sector in armed and src.record is not None and bool(src.record.country) \
                and src.tok0 == t.tok1 + 1
        return src.sector in armed and src is _launcher(ctx, t)
    if src.type not in ("ORG", "LOC"):
        return False
    if src.tok0 == src.tok1 and src.tok0 == _weapon_adjective(ctx, t):
        return True  # استهدفت مسيرة حوثية سفينة: the weapon the verb's subject, its adjective the agent
    if t.is_noun:  # صاروخين أطلقهما الحوثيون; هجوم إسرائيلي, هجوم حوثي جديد: its adjective
        return src is _launcher(ctx, t) or src is _fired_by(ctx, t) or _adjective_agent(ctx, t, src)
    # VSO (a unit or adverb between: قصفت مدفعية الجيش الإسرائيلي) or SVO
    return src.tok0 == t.tok1 + 1 or src is _subject_after(ctx, t) \
        or src is (_topic_subject(ctx, t) or _verb_subject_before(ctx, t))


def _adjective_agent(ctx: _Ctx, t: Trigger, src: Actor) -> bool:
    """Is ``src`` an adjective naming the attack noun's agent (هجوم حوثي, غارات إسرائيلية, الضربات
    الجوية الأميركية), not the adjective of a noun after it (تفجير السفارتين الأميركية)?"""
    cues = ctx.lex.cues
    if (ctx.lex.entries[t.entry].mode or "") not in cues["adjective_agent_modes"] or src.tok0 != src.tok1:
        return False
    k = src.tok0
    if ctx.toks[k].norm not in ctx.lex.gentilics and ctx.toks[k].norm not in ctx.lex.body_adjectives:
        return False
    return k == t.tok1 + 1 or k == t.tok1 + 2 and _strip_article(ctx.toks[k - 1].norm) in cues["adjective_agent_between"]


def _clause_subject(ctx: _Ctx, t: Trigger, undergone: bool = False) -> Actor | None:
    """The nearest free actor before the trigger in its clause (not a place): who a visit, a
    meeting or praise told in an adjunct belongs to. Of a verb of undergoing, a place too
    (تعرضت خاركيف لقصف, تعرضت مدينة خاركيف لقصف: the city underwent it)."""
    for a in reversed([x for x in ctx.actors if x.tok1 < t.tok0]):
        if any(ctx.toks[k].norm in ctx.lex.clause_stops for k in range(a.tok1 + 1, t.tok0)):
            return None
        if _free(a) and a.type != "LOC" or undergone and (_named_place(ctx, a) or _free(a) and a.tok0 > 0 and _one_of(
                ctx.toks[a.tok0 - 1].norm, ctx.lex.cues["undergo_keys"])):
            return a
    return None


def _by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Phrases by their first word, each with its place in the list (tried in that order): a
    lookup per word instead of a scan of every phrase."""
    out: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for i, words in enumerate(phrases):
        out.setdefault(words[0], []).append((i, words))
    return out


def _claimed_by(ctx: _Ctx, t: Trigger) -> Actor | None:
    """``هجوم شنه متشددون``, ``تبنته حركة الشباب``, ``على يد مسلحين``: an agent named after a
    marker that points back to the act, within a few words of the trigger."""
    return _marked_agent(ctx, t.tok1, ctx.lex.cues["agent_keys"], ctx.lex.cues["agent_window"])


def _fired_by(ctx: _Ctx, t: Trigger) -> Actor | None:
    """``صاروخين أطلقهما الحوثيون``, ``صاروخا باليستيا أطلقه الحوثيون``: who fired the weapon,
    named by a firing marker right after it (one adjective may stand between; a marker further
    on points back to another noun: حملة التطعيم التي أطلقتها فرنسا)."""
    return _marked_agent(ctx, t.tok1, ctx.lex.cues["fired_keys"], 2)


def _shot_by(ctx: _Ctx, t: Trigger) -> Actor | None:
    """``قتل طفل برصاص قناص``, ``أصيب ثلاثة جنود بنيران مسلحين``: who fired the shot that killed or
    hurt, named right after a weapon glued to ب (``shot_markers``) a few words after the trigger;
    not one behind a preposition (بصواريخ مضادة للطائرات: what the missiles are against)."""
    a = _marked_agent(ctx, t.tok1, ctx.lex.cues["shot_keys"], ctx.lex.cues["shot_window"])
    return a if a is not None and a.prep is None else None


def _hit_by_shooter(ctx: _Ctx, t: Trigger, src: Actor, shot: Actor) -> bool:
    """``قتل جندي إسرائيلي برصاص مسلحين``, ``قتل شرطي برصاص مسلحين``: an unnamed group word with no
    article right after the verb, with another's weapon right after it (the shooter the weapon's
    own genitive), is who was hit, the unvocalised verb read as passive. A definite agent keeps
    the act (قتل الجيش برصاص حي شابا, استهدف الجيش بغارة قياديا), and so does one with its object
    between it and the weapon (قتل الجيش ثلاثة مسلحين برصاص قناصته)."""
    head = ctx.toks[src.tok0].norm
    return src.group and _strip_article(head) == head and t.tok1 < src.tok0 and src.tok1 < shot.tok0 \
        and not any(src.tok1 < x.tok0 < shot.tok0 for x in ctx.actors if x is not shot) \
        and _marked_agent(ctx, src.tok1, ctx.lex.cues["shot_keys"], 1, gap=0) is shot


def _marked_agent(ctx: _Ctx, end: int, keys: dict, window: int, gap: int = 1) -> Actor | None:
    """The actor named right after a marker of ``keys`` (``gap`` words, an adjective, may stand
    between) that starts within ``window`` words after token ``end`` (a trigger's or a weapon's last)."""
    for k in range(end + 1, min(len(ctx.toks), end + 1 + window)):
        w0 = ctx.toks[k].norm
        for _, words in sorted(keys.get(w0, []) + keys.get(w0[1:], [])):
            n = len(words)
            if k + n <= len(ctx.toks) and all(
                    ctx.toks[k + j].norm == w or ctx.toks[k + j].norm[1:] == w and j == 0
                    for j, w in enumerate(words)):
                a = next((x for x in ctx.actors if k + n <= x.tok0 <= k + n + gap and not x.media), None)
                if a is not None:
                    return a
    return None


def _not_violence(ctx: _Ctx, sent: str) -> bool:
    """Deaths told of a quake, a flood or a road accident: no attack, whatever the verb."""
    return _has_word(ctx, ctx.lex.cues["not_violence_keys"]) \
        or any(p in normalize(sent) for p in ctx.lex.cues["not_violence_phrases"])


def _counted_subject(ctx: _Ctx, t: Trigger, e: Entry | None = None) -> Actor | None:
    """VSO with a count before the subject: ``تظاهر آلاف الفلسطينيين``, ``اقتحم نحو 20 مسلحا``.
    For the types people do in crowds (``counted_people_types``), a counted noun the group
    lexicon lacks is still the subject: ``احتشد عدد من الشبان``, ``تجمع 300 عامل``."""
    if _noun_subject_before(ctx, t):
        return None
    k = t.tok1 + 1
    seen_count = False
    while k < len(ctx.toks) and k - t.tok1 <= 5:
        a = next((x for x in ctx.actors if x.tok0 == k), None)
        if a is not None:
            linked = seen_count and a.prep is not None and ctx.toks[k - 1].norm in ctx.lex.cues["count_link_keys"]
            return a if _free(a) or _officials_of(ctx, a, t.tok1) or linked and not a.media else None
        w = ctx.toks[k].norm
        counted = k > t.tok1 + 1 and ctx.toks[k - 1].norm in ctx.lex.cues["count_keys"]
        is_count = w[:1].isdigit() or w in ctx.lex.cues["count_keys"] or _one_of(w, ctx.lex.cues["count_keys"])
        seen_count = seen_count or is_count
        if not (is_count or _skippable(ctx, k, t.tok1 + 1)
                or counted and w in ctx.lex.cues["count_link_keys"]):  # عدد من الشبان
            if seen_count and e is not None and e.type in ctx.lex.cues["counted_people_types"]:
                return _counted_people(ctx, k)
            return None
        k += 1
    return None


def _counted_people(ctx: _Ctx, k: int) -> Actor | None:
    """The counted word at ``k`` as an unnamed crowd (the group lexicon's ``counted_group``)."""
    groups = ctx.lex.groups
    tok = ctx.toks[k]
    if groups is None or groups.counted is None or not tok.text[:1].isalpha() or len(tok.norm) < 3 \
            or tok.norm in ctx.lex.clause_stops or tok.norm in ctx.lex.preps or tok.norm in ctx.lex.place_preps \
            or ctx.lex.gentilics.get(tok.norm):
        return None
    hit = GroupHit(k, k, groups.counted, None, False, "")
    return Actor(tok.start, tok.end, hit.key, "GROUP", k, k, None, sector=groups.counted.sector, group=True,
                 record=group_record(hit, ctx.lex.country_names, ctx.lex.country_ar))


def _comma_between(ctx: _Ctx, k0: int, k1: int) -> bool:
    """Is there a comma or semicolon between tokens ``k0`` and ``k1``?"""
    return any(c in ctx.doc.text[ctx.toks[k0].end:ctx.toks[k1].start] for c in "،,;؛")


def _open_parties(ctx: _Ctx, t: Trigger, e: Entry) -> tuple[Actor | None, Actor | None]:
    """Source and target of an event-type action told without both (a protest has no target,
    ``انفجرت سيارة مفخخة`` no known source); either may be None."""
    bound, bound_src = (False, None) if t.is_noun else _bound_subject(ctx, t)
    svo = None if t.is_noun or bound else _topic_subject(ctx, t) or _verb_subject_before(ctx, t)
    if svo is not None and _comma_between(ctx, svo.tok1, t.tok0) and _subject_after(ctx, t) is not None:
        svo = None  # إجراءات فرضتها الشرطة، احتشد المتظاهرون: the verb opens a new clause with its own subject
    voweled = not t.is_noun and _voweled_passive(ctx.doc.text[ctx.toks[t.tok0].start:ctx.toks[t.tok0].end],
                                                 ctx.lex.cues["voweled_imperfect_prefixes"])
    if voweled and svo is not None:
        # الككلي قُتل داخل مقر: the one named before a verb voweled as passive underwent it
        return (_shot_by(ctx, t) if e.type in ctx.lex.cues["named_agent_types"] else None), svo
    passive = e.passive or voweled or (not t.is_noun and not bound and svo is None and "object" in e.targets
                                       and _number_after(ctx, t))  # قتل 13 عراقيا; but طالبان قد خطفت 23
    src: Actor | None = None
    after = t.tok1
    claimed = _claimed_by(ctx, t) or _fired_by(ctx, t)
    if claimed is not None:
        src, after = claimed, claimed.tok1
    elif bound:
        src = bound_src  # أكد الحلف أنه قتل نحو 150 متمردا: the pronoun's antecedent, whatever follows
    elif passive:
        src = _opening_subject(ctx, t)  # أحبطت قوات الأمن مخططا واعتقلت أربعة متشددين: a joined verb, its subject before
    elif t.is_noun:
        # هجوم المسلحين, هجوم مروع لحركة الشباب, مظاهرة للطلاب: an armed genitive or a protest's is
        # the agent; اعتقال المتظاهرين, اعتقال إمام أوغلو: the object (genitive_patient_types)
        # and so is an organisation's member (اغتيال قيادي في حزب الله)
        a = next((x for x in ctx.actors if t.tok1 < x.tok0 <= t.tok1 + 2 and not x.media), None)
        near = a is not None and (a.tok0 == t.tok1 + 1 and a.prep is None or a.prep == "ل")
        armed = ctx.lex.groups.agent_sectors.get("ASSAULT", frozenset()) if ctx.lex.groups else frozenset()
        patient = a is not None and (e.genitive_patient or e.type in ctx.lex.cues["genitive_patient_types"]
                                     and a.sector not in armed)
        launcher = _launcher(ctx, t) if near and a.prep == "ل" else None
        if launcher is not None:
            src = launcher  # أعلن الجيش استهداف مواقع لحزب الله: the announcer attacked what is Hezbollah's
        elif near and a.type != "LOC" and not patient and not a.member and (
                e.type == "PROTEST" or a.sector in armed or not a.group):
            src, after = a, a.tok1
        else:
            src = _launcher(ctx, t)  # ردت باكستان بقصف مدفعي: a launch verb's subject, preposition or not
            if src is None:
                # أدانت السعودية الغارات الإسرائيلية: the nationality after the noun is its agent,
                # not the actor standing before it (the condemner)
                src = _nationality_agent(ctx, t, e)
            if src is None:
                src = _verb_subject_before(ctx, t)  # الانتحاريين فجرا نفسيهما
                if src is not None and not (src.group and src.sector == "CVL") \
                        and _after_glued_prep(ctx.toks[t.tok0].norm, ctx.lex):
                    src = None  # ندد الاتحاد بالهجوم: a noun after a preposition is the object of what the actor did
                if src is not None and _other_verb_before(ctx, src, e):
                    src = None  # ودان الرئيس عون الغارة: the subject of the verb before, the noun its object
    else:
        src = svo or _counted_subject(ctx, t, e) or _opening_subject(ctx, t) or _speaker_going_on(ctx, t, e)
        if src is not None and src.tok0 > t.tok1:
            after = src.tok1
    shot = _shot_by(ctx, t) if e.type in ctx.lex.cues["named_agent_types"] else None
    if src is not None and src.group and src.sector == "CVL" and e.type != "PROTEST":
        # خمسة مدنيين قتلوا: civilians are the victims of an unvocalised verb, not its agent; قتل
        # طفل برصاص قناص: the shooter named after the weapon is
        return shot, src
    if shot is not None and src is not None and _hit_by_shooter(ctx, t, src, shot):
        return shot, src
    if src is None:
        src = shot
    tgt = _open_target(ctx, t, e, src, after)
    if tgt is None and src is not None:
        tgt = _gentilic(ctx, t, src, after)  # شن الحوثيون هجوما على سفينة إسرائيلية
    if tgt is None and e.type in ctx.lex.cues["goods_target_types"]:
        tgt = _goods_target(ctx, after)
    if tgt is not None and tgt.group:
        tgt = _weapon_owner(ctx, tgt) or tgt
    if src is None and not passive:
        src = _nationality_agent(ctx, t, e) or _sector_agent(ctx, t, e, tgt)
    if src is None and passive and tgt is not None and claimed is None:
        src = _announced_enemy_dead(ctx, t, tgt)
    return src, tgt


def _announced_enemy_dead(ctx: _Ctx, t: Trigger, dead: Actor) -> Actor | None:
    """``أعلن الجيش المالي مقتل 20 إرهابيا``: an armed force announcing the death of its enemies
    tells what it did (``announced_enemies`` in actions_cues.json), where ``أعلن الجيش مقتل خمسة
    من جنوده`` or ``أعلنت الوزارة مقتل 30 مدنيا`` tell what it suffered or counted."""
    if not dead.group:
        return None
    announcer = _launcher(ctx, t)
    if announcer is None or announcer.tok1 >= t.tok0:
        return None
    sector = announcer.sector
    if sector is None and _strip_article(ctx.toks[announcer.tok0].norm) in ctx.lex.forces:
        sector = "MIL"  # الجيش المالي, القوات الروسية: a state body of the 'forces' cue, as its forces
    return announcer if dead.sector in ctx.lex.cues["announced_enemies"].get(sector or "", ()) else None


_DAMMA = "\u064f"


def _voweled_passive(raw: str, imperfect: Iterable[str] = ()) -> bool:
    """Is this verb, as written, a past passive by its vowels (قُتل, وأُصيب, اعتُقل, استُهدف)? A damma
    on a perfect's first letter, or, in a word opening with ا (a derived form), on its third or
    fourth letter; not on an ``imperfect`` prefix (يُطلق is active)."""
    w = raw[1:] if raw[:1] in "وف" and len(raw) > 2 else raw
    if len(w) > 1 and w[1] == _DAMMA and w[0] not in imperfect:
        return True
    letters = w.replace(_DAMMA, "")
    return w[:1] == "ا" and any(w.startswith(letters[:k] + _DAMMA) for k in (3, 4)) and len(letters) > 4


def _opening_subject(ctx: _Ctx, t: Trigger) -> Actor | None:
    """``أحبطت قوات الأمن المغربية مخططا إرهابيا واعتقلت أربعة متشددين``: a verb joined by و with no
    subject of its own shares the subject of the verb that opens the sentence, the actor right
    after its first word (no preposition on it, and no comma and و between it and the verb)."""
    if not _conjoined(ctx, t) or ctx.toks[0].norm in ctx.lex.preps:
        return None
    a = next((x for x in ctx.actors if x.tok0 <= 1 <= x.tok1), None)
    if a is None or a.tok0 != 1 or not _free(a) or a.tok1 >= t.tok0 or _boundary(ctx, a, t):
        return None
    between = ctx.doc.text[a.end:ctx.toks[t.tok0].start]
    if any(c in between for c in _QUOTE_OR_CLAUSE) or _subject_after(ctx, t) is not None:
        return None  # وصرح المتحدث ... قائلا "قتل ... وأصيب": a quoted clause; ، واستولى الحوثيون: its own subject
    if any(x.norm in ctx.lex.cues["complementizer_keys"] for x in ctx.toks[a.tok1 + 1:t.tok0]):
        return None  # أعلن الجيش أن مسلحين هاجموا حاجزا واعتقلوا: the clause after أن has its own subject
    return None if a.group and a.sector == "CVL" else a


def _shared_subject(ctx: _Ctx, t: Trigger, done: Sequence[Action]) -> Actor | None:
    """``اجتمع وزراء أوبك+ عبر الفيديو واتفقوا على زيادة الإنتاج``: a verb joined by و that has no
    subject of its own shares the subject of the action coded before it in the sentence."""
    if not ctx.toks[t.tok0].norm.startswith("و"):
        return None
    prev = next((a for a in reversed(done) if a.source is not None), None)
    if prev is None:
        return None
    return next((x for x in ctx.actors if x.key == prev.source and x.tok1 < t.tok0 and x.prep in (None, "of")), None)


def _goods_target(ctx: _Ctx, after: int) -> Actor | None:
    """``رسوما جمركية على السلع الأميركية``, ``على كافة الواردات القادمة من الولايات المتحدة``: the
    country whose goods a tariff falls on, named by a nationality after them or behind من."""
    for k in range(after + 1, min(len(ctx.toks) - 1, after + 7)):
        if ctx.toks[k].norm in ctx.lex.clause_stops:
            return None
        if not any(_strip_article(s) in ctx.lex.cues["goods_keys"] for _, s in _readings(ctx.toks[k].norm)):
            continue
        code = ctx.lex.gentilics.get(ctx.toks[k + 1].norm)
        if code in ctx.lex.country_names:
            key = "kb:" + code
            ctx.ents.setdefault(key, EntityRecord(key, ctx.lex.country_names[code], "LOC", country=code))
            return Actor(ctx.toks[k + 1].start, ctx.toks[k + 1].end, key, "LOC", k + 1, k + 1, sector="GOV")
        return next((a for a in ctx.actors if k < a.tok0 <= k + 3 and a.type == "LOC" and a.prep in ctx.lex.cues["goods_from_keys"]
                     and _record(ctx, a) is not None and _record(ctx, a).country == a.key[3:]), None)
    return None


def _weapon_owner(ctx: _Ctx, tgt: Actor) -> Actor | None:
    """``تدمير زورق مسير أطلقه الحوثيون``, ``دبابة تابعة للجيش الروسي``: a weapon that is an open
    action's target is not the target; who fired it (``fired_markers``) or owns it (``weapon_owners``
    in actions_cues.json), named after a marker within three words of it, is."""
    if _strip_article(ctx.toks[tgt.tok0].norm) not in ctx.lex.cues["weapon_subject_keys"]:
        return None
    return _marked_agent(ctx, tgt.tok1, ctx.lex.cues["weapon_owner_keys"], 3)


def _weapon_adjective(ctx: _Ctx, t: Trigger) -> int | None:
    """Where an attack verb's subject is a weapon (``استهدفت مسيرة حوثية سفينة``, ``صواريخ روسية
    تضرب خاركيف``): the index of the word right after the weapon, which may name who fired it."""
    if t.is_noun or (ctx.lex.entries[t.entry].mode or "") not in ctx.lex.cues["adjective_agent_modes"]:
        return None
    weapons = ctx.lex.cues["weapon_subject_keys"]
    if t.tok1 + 2 < len(ctx.toks) and _strip_article(ctx.toks[t.tok1 + 1].norm) in weapons:
        return t.tok1 + 2
    if t.tok0 >= 2 and _strip_article(ctx.toks[t.tok0 - 2].norm) in weapons:
        return t.tok0 - 1
    return None


def _nationality_agent(ctx: _Ctx, t: Trigger, e: Entry) -> Actor | None:
    """``غارة إسرائيلية``, ``الضربات الجوية الأميركية``: a nationality right after an attack noun
    names its agent (one adjective may stand between). A word read as a verb with a nationality
    adjective right after it is the noun (``في قصف روسي``: no verb takes a bare adjective); after
    the weapon that is the verb's subject it is the weapon's (``استهدفت مسيرة حوثية``)."""
    if e.type == "PROTEST":
        return None
    weapon = _weapon_adjective(ctx, t)
    for k in ((t.tok1 + 1, t.tok1 + 2) if t.is_noun else (t.tok1 + 1,) if weapon is None else (weapon,)):
        if k >= len(ctx.toks):
            return None
        code = ctx.lex.gentilics.get(ctx.toks[k].norm)
        if any(a.tok0 <= k <= a.tok1 for a in ctx.actors):
            # قصف روسي: the adjective may itself be read as the country; any other actor ends it
            return next((a for a in ctx.actors if a.tok0 == a.tok1 == k and a.type == "LOC" and _free(a)
                         and code and a.key == "kb:" + code), None)
        if code in ctx.lex.country_names:
            key = "kb:" + code
            ctx.ents.setdefault(key, EntityRecord(key, ctx.lex.country_names[code], "LOC", country=code))
            return Actor(ctx.toks[k].start, ctx.toks[k].end, key, "LOC", k, k, sector="GOV")
        body = ctx.lex.body_adjectives.get(ctx.toks[k].norm)
        if body:  # هجوم حوثي: an armed body named by its adjective
            key = "kb:" + body[0]
            ctx.ents.setdefault(key, EntityRecord(key, body[1], "ORG", country=body[2]))
            return Actor(ctx.toks[k].start, ctx.toks[k].end, key, "ORG", k, k)
    return None


def _sector_agent(ctx: _Ctx, t: Trigger, e: Entry, tgt: Actor | None) -> Actor | None:
    """When no clause rule found the agent: the nearest group of a sector that does such things
    (protesters for a protest, gunmen or soldiers for an attack), free of prepositions and in the
    same clause as the trigger (``قالت الشرطة إن انتحاريا يقود سيارة مفخخة فجر نفسه``). A group
    that itself tells the type (protesters for a protest) may stand anywhere in the sentence:
    ``تجمع آلاف المتظاهرين قرب البرلمان مساء السبت، تعبيرا عن احتجاجهم``."""
    sectors = ctx.lex.groups.agent_sectors.get(e.type, frozenset()) if ctx.lex.groups else frozenset()
    # قتل ثلاثة جنود في هجوم (في انفجار عبوة ناسفة): a counted group before an event noun in an
    # adjunct, or annexed to one, is its victims (يفجر المهاجم نفسه بحزام ناسف: not its agent)
    adjunct = t.is_noun and (_in_adjunct(ctx, t) or t.tok0 > 0 and _in_adjunct(ctx, replace(t, tok0=t.tok0 - 1)))
    best: tuple[int, Actor] | None = None
    for a in ctx.actors:
        if not a.group or a.sector not in sectors or a.prep is not None or a.media or (tgt and a.key == tgt.key):
            continue
        if a.tok0 <= t.tok1 and t.tok0 <= a.tok1:
            continue  # بصاروخين وطائرة مسيرة: the drone is the weapon the trigger names, not its agent
        if adjunct and a.tok1 < t.tok0 and a.implies != e.type and a.tok0 > 0 and _is_count(ctx, a.tok0 - 1):
            continue
        lo, hi = (a.tok1, t.tok0) if a.tok1 < t.tok0 else (t.tok1, a.tok0)
        d = hi - lo
        if a.implies != e.type and (d > 10 or any(ctx.toks[k].norm in ctx.lex.clause_stops for k in range(lo + 1, hi))):
            continue
        if best is None or d < best[0]:
            best = (d, a)
    return best[1] if best else None


def _open_target(ctx: _Ctx, t: Trigger, e: Entry, src: Actor | None, after: int) -> Actor | None:
    """The first actor the action falls on: a bare object or one behind the entry's prepositions,
    within a few words (one noun may stand between: مركزا للشرطة) and before a new clause."""
    preps = {r for r in e.targets if r not in _RULES} | ({None, "ل"} if e.type != "PROTEST" else set())
    for k in range(after + 1, min(len(ctx.toks), after + 6)):
        if ctx.toks[k].norm in ctx.lex.clause_stops or ctx.toks[k].norm in ctx.lex.attribution_words:
            return None  # اعتقلت الشرطة العشرات، بحسب الجمعية: the source of the news, not the arrested
        a = next((x for x in ctx.actors if x.tok0 == k), None)
        if a is None:
            continue
        if a.type == "LOC" and a.prep in ctx.lex.place_preps:
            continue  # في رام الله: where, not whom
        if a.media or (src is not None and a.key == src.key):
            return None
        counted = a.prep in ctx.lex.cues["count_link_keys"] and k > 0 and (ctx.toks[k - 1].norm[:1].isdigit()
                                                or ctx.toks[k - 1].norm in ctx.lex.cues["count_keys"])
        named_place = not t.is_noun and None in preps and _named_place(ctx, a)  # قصفت القوات مدينة خاركيف
        return a if a.prep in preps or counted or named_place else None  # خطفت 23 من الكوريين
    return None


def _merge_open(out: list[Action], act: Action) -> bool:
    """One sentence, one action per open type and source: ``قتل 13 في انفجارين ... تفجير عبوة
    ناسفة`` is one attack; a later trigger fills the parties, place and a more specific mode the
    first lacked (the first target named stays). A later one with no target whose agent is the
    first one's target is the same happening too: ``قتلت قواته ثلاثة مسلحين في غارة``."""
    same = next((x for x in out if x.type == act.type and x.negated == act.negated
                 and (x.source is None or act.source is None or x.source == act.source
                      or act.target is None and act.source == x.target)), None)
    if same is None:
        return False
    for f in ("source", "target", "source_country", "target_country", "source_sector", "target_sector",
              "source_span", "place", "place_country"):
        if getattr(same, f) is None and getattr(act, f) is not None:
            setattr(same, f, getattr(act, f))
    if same.mode == "killing" and act.mode not in (None, "killing"):
        same.mode, same.cameo = act.mode, act.cameo
    return True


def _record(ctx: _Ctx, a: Actor | None) -> EntityRecord | None:
    if a is None:
        return None
    if a.record is not None:
        ctx.ents.setdefault(a.key, a.record)
    return ctx.ents.get(a.key)


def code_sentence(ctx: _Ctx, n: int, sent_span: tuple[int, int], prev_span: tuple[int, int] | None,
                  times: list[TimeRef], facts: list[Fact] = (), gate: Gate | None = None) -> list[Action]:
    """Coded actions of one sentence (``ctx`` holds its tokens and actors)."""
    lex = ctx.lex
    out: list[Action] = []
    opened: list[Action] = []
    said: list[Action] = []  # condemnations in a speaker's own quoted words (Entry.in_quote)
    every, named = ctx.actors, [a for a in ctx.actors if not a.group]
    named_toks = frozenset(k for a in ctx.actors for k in range(a.tok0, a.tok1 + 1))
    for t in _link_governed(find_triggers(ctx.toks, lex), lex, named_toks):
        e = lex.entries[t.entry]
        if _in_name(ctx, t) or _background(ctx, t):
            continue
        if e.nouns_need_launcher and t.is_noun and not e.launcher_optional \
                and _launcher(ctx, t, own_only=True) is None:
            continue
        if e.mode in lex.cues["celebration_modes"] and _has_word(ctx, lex.cues["celebration_keys"]):
            continue  # هتف حشد فرح, على وقع تصفيق الجموع والهتافات: a crowd cheering, not protesting
        # groups act in protests and attacks; statements are coded between named actors only
        group_ok = ctx.lex.groups is None or e.type in ctx.lex.groups.group_types
        protested = frozenset(a.source for a in out + opened if a.type == "PROTEST" and a.source)
        ctx.actors = every if group_ok else sorted(named + _crowd_subject(ctx, t, e, every, protested),
                                                   key=lambda a: a.tok0)
        if e.in_quote:
            if "sports" in ctx.genre or (speaker := _quoted_speaker(ctx, t, e)) is None:
                continue  # the writer's own word, a quote nobody is known to have said, a coach on a referee
            parties = (speaker, None)
        else:
            parties = _parties(ctx, t, e, out + opened)
            if (parties is None or parties[0] is None) and (crowd := _banner_crowd(ctx, t, e, every)) is not None:
                parties = (crowd, parties[1] if parties else None)  # رفع المحتجون لافتات تطالب بـ: the crowd
        typ, cameo, last = e.type, e.cameo, t
        if e.governs == "violate":
            if t.sub is None:
                continue  # انتهاكات حقوق الإنسان: a violation of no truce or agreement is no attack
        elif t.sub is not None:
            se = lex.entries[t.sub.entry]
            own = _between(ctx, t.sub) if "between" in se.targets else None
            own = own or (_from_pair(ctx, t.sub) if "from_pair" in se.targets else None)
            if own is None and parties is None:
                bound, src = _bound_subject(ctx, t)
                if not bound:
                    src = _subject_after(ctx, t) or _verb_subject_before(ctx, t)
                tgt = _target(ctx, t.sub, se, src, t.sub.tok1) if src else None
                parties = (src, tgt) if src and tgt else None
            elif own is not None:
                parties = own
            if se.when_agreed == "self":
                typ, cameo = se.type, se.cameo
            last = t.sub
        elif e.nouns_need_event and t.is_noun and not (parties is not None and _reached(ctx, t)):
            continue  # الاتفاق: which one? But توصلت أرمينيا وأذربيجان إلى اتفاق is one reached
        is_open = (parties is None and e.open and (t.is_noun or not e.open_nouns_only)
                   and (t.tok1 - t.tok0 + 1 >= e.open_min_words
                        or bool(e.launched_by) and _launcher(ctx, t) is not None)  # فرضت الخزانة عقوبات
                   and not any(s in e.open_not_forms for _, s in _readings(ctx.toks[t.tok0].norm))
                   and (not e.open_needs_noun_after or _open_noun_after(ctx, t, e)))
        if "sports" in ctx.genre and (is_open or typ == "CONSULT") and typ not in lex.cues["sports_statement_types"]:
            continue  # قمة بين الهلال وريال مدريد, احتجاجات اللاعبين: a match, not a summit or a protest
        if is_open and "disaster" in ctx.genre and e.mode in lex.cues["disaster_modes"]:
            continue  # the dead of a quake told elsewhere in the report
        if is_open and _purpose(ctx, t, e):
            continue  # مقترح لوقف إطلاق النار, سعيا للقاء: what is sought, not what happened
        if _halted(ctx, last, lex.entries[last.entry]):
            if t.sub is None or e.type != "AGREE":
                continue  # وقف فوري لإطلاق النار, لإنهاء القتال: the end of the fighting, not an attack
            typ, cameo = e.type, e.cameo  # اتفاق لخفض الرسوم الجمركية: the agreement, not the tariffs
        if is_open and e.mode in lex.cues["not_violence_modes"] and _not_violence(ctx, ctx.doc.text[sent_span[0]:sent_span[1]]):
            continue
        if is_open:
            parties = _open_parties(ctx, t, e)
            undergone = _undergone(ctx, t, e, typ)
            if undergone and (parties[1] is None or parties[1].tok0 > t.tok1):
                # تعرضت قوات الجيش لهجوم قرب حمص: who underwent it is the clause's subject, not a place after
                under = _clause_subject(ctx, t, undergone=True)
                parties = (parties[0], under if under is not None and under.tok1 < t.tok0 else None)
            crowds = _crowd_subject(ctx, t, e, every)
            if parties[0] is None and parties[1] is not None and parties[1] in crowds:
                parties = (parties[1], None)  # طالب المحتجون بـ: the crowd right after the verb is its subject
            crowd = parties[0] is not None and (parties[0] in crowds or _crowd_launcher(ctx, t, e, parties[0]))
            sectors = lex.groups.agent_sectors.get("PROTEST", frozenset()) if lex.groups else frozenset()
            crowd_subject = parties[0] is not None and parties[0].group and parties[0].sector in sectors
            if e.needs_crowd and not crowd_subject:
                continue  # أغلقت الشرطة الطريق: a closure, not a protest
            crowd = crowd or e.needs_crowd  # قطع المتظاهرون الطريق: the crowd subject tells the protest
            if crowd_subject and e.type == "PROTEST" and not t.is_noun and t.tok0 > 0 \
                    and ctx.toks[t.tok0 - 1].norm in lex.relatives and parties[0].tok1 == t.tok0 - 2:
                crowd = True  # فرقت الشرطة العمال الذين اعتصموا: the crowd a relative clause tells of protested
            if e.gated and not (_told(parties, lex) or _named_agent(ctx, t, typ, parties[0]) or undergone or crowd
                                or _body_launched(ctx, t, e, parties[0])) \
                    and gate is not None and not gate(typ, ctx.doc.text[sent_span[0]:sent_span[1]]):
                continue  # the sentence classifier finds no such happening (a general remark, a history)
            nxt = (parties[0].tok1 if parties[0] is not None and parties[0].tok0 > t.tok1 else t.tok1) + 1
            if e.not_before and nxt < len(ctx.toks) and ctx.toks[nxt].norm in e.not_before:
                continue  # رفض بوتين التعليق: declined to comment
            if e.open_needs_source:
                # a statement or a meeting told with one party: only its own subject, never a guess
                # from elsewhere in the sentence (the announcer, the condemner, the victim)
                joined = _joined_addressing(ctx, t, e)
                src = (_shared_subject(ctx, t, out + opened) or _opening_actor(ctx, t)) if joined \
                    else _quoted_speaker(ctx, t, e) or parties[0]
                if joined and src is None:
                    continue  # وأدانت الأمانة العامة ... وطالبت طهران: the unnamed condemner's demand, not Tehran's
                if src is not None and e.speaker_source and src.tok0 > t.tok1:
                    src = None  # قال مصدر إن ...، داعيا إيران إلى: a participle's agent is its speaker, never after it
                if src is not None and e.speaker_source and src.tok1 < t.tok0 and _comma_between(ctx, src.tok1, t.tok0) \
                        and src is not _speaker_of_participle(ctx, t.tok0) and not _after_speech_verb(ctx, src):
                    src = None  # في شؤون اتحاد الكرة، ملوحا: the clause's last word before its comma is no agent
                if src is None and not t.is_noun and t.tok0 > 0 and ctx.toks[t.tok0 - 1].norm in lex.relatives:
                    continue  # مدينة طويلة التي استقبلت آلاف النازحين: the relative's noun is its subject, no actor
                if src is None and e.speaker_source:
                    src = _speaker_of_participle(ctx, t.tok0)  # قال X ... متوعدا بإجراءات: the participle is the speaker's
                if src is None and not t.is_noun and (body := _subject_after(ctx, t)) is not None and body.prep:
                    src = body  # اجتمع وزراء الطاقة في تحالف أوبك+: the body whose officials are the subject
                if src is None and not t.is_noun:
                    # اجتمع وزراء أوبك+ ... واتفقوا على; اتهمت X قوات Y بتنفيذ الهجوم، ووصفته: X's, not Y's
                    src = _shared_subject(ctx, t, out + opened)
                if src is None and typ in lex.cues["clause_subject_types"]:
                    src = _clause_subject(ctx, t)  # وصل ترامب إلى الرياض في أول زيارة
                if src is None and typ == "CONSULT" and (pair := _agreement_pair(ctx, out + opened)):
                    parties = pair  # اتفقت X وY ... عقب مفاوضات في جنيف: the talks that made the deal
                else:
                    if src is None and not (_reached(ctx, t) or _held(ctx, t, e)):
                        continue
                    goods = _goods_target(ctx, t.tok1) if typ in lex.cues["goods_target_types"] else None
                    goods = goods if goods is not None and src is not None and goods.key != src.key else None
                    parties = (src, goods)  # فرضت الصين رسوما على السلع الأميركية: on the US
        if parties is None:
            continue
        src, tgt = parties
        if src is not None and tgt is not None and src.key == tgt.key:
            continue
        srec, trec = _record(ctx, src), _record(ctx, tgt)
        if e.source_international and (srec is None or srec.type != "ORG" or srec.country):
            continue  # قررت الحكومة رفع الأسعار: one state's policy, no agreement
        if e.by_person and typ == e.type and srec is not None and srec.type == "PERSON":
            typ, cameo = e.by_person  # شن جنبلاط هجوما على حزب الله: a politician's attack is verbal
        place_as = e.on_place if e.on_place and typ == e.type and (
            _a_place(trec) or trec is None and _place_noun_after(ctx, last)) else None
        if place_as:
            typ, cameo = place_as[:2]  # استولت قوات الدعم السريع على الفاشر: territory taken
        sc, tc = _country(srec, lex.country_names), _country(trec, lex.country_names)
        if (not is_open and sc and sc == tc
                and (srec.type == "LOC" or trec.type == "LOC" or typ in ("RETREAT", "AID"))
                and not (typ in lex.cues["civil_war_types"] and (srec.type != "LOC" or src.sector in _ARMED))
                and not (typ in lex.cues["domestic_types"] and trec.type != "LOC")):
            # an actor acting on its own country, or ordering its own army: not an action between
            # two; but an armed body taking a city of its own country is civil war (سيطرت قوات على
            # الفاشر, أعلن الجيش السوداني استعادة السيطرة على ود مدني), and a state arresting its
            # own citizen is repression (اعتقلت السلطات التركية إمام أوغلو)
            if not (e.open and typ in lex.cues["domestic_types"] and trec.type == "LOC" and tgt.prep in lex.place_preps):
                continue
            # قطعت السلطات السودانية الإنترنت في الخرطوم: an open action, the city where it was done
            tgt, trec, tc, is_open = None, None, None, True
        mode, cameo2 = _mode(ctx, t, e, tgt)
        if place_as:
            mode, cameo2 = place_as[2], place_as[1]
        modality = _modality(ctx, t)
        pub = ctx.doc.published[:10] if ctx.doc.published else None
        when = _date(times, sent_span, None, ctx.toks[t.tok0].start, None)
        if modality == "asserted" and pub and when and len(when) == 10 and when > pub:
            modality = "planned"  # dated after publication: announced, not yet done
        latest = pub if modality == "asserted" else None
        if t.sub is None or lex.entries[t.sub.entry].when_agreed != "self":
            cameo = cameo2 if typ == e.type else cameo
        trig_text = ctx.doc.text[ctx.toks[t.tok0].start: ctx.toks[last.tok1].end]
        keys = {src.key if src else None, tgt.key if tgt else None}
        if not is_open and any(x.type == typ and {x.source, x.target} == keys for x in out):
            continue  # بحث X في اتصال هاتفي مع Y: one action told by a verb and a noun
        place = _place(ctx, last, src, tgt, reach=8 if is_open else 4) or (_any_place(ctx, src, tgt) if is_open else None)
        if is_open and tgt is None and typ in lex.cues["abroad_target_types"] and mode != "killing" and sc and place and place[1] \
                and place[1] != sc and place[1] in lex.country_names and not src.group \
                and (src.type == "LOC" or src.sector in _ARMED):
            # استهدفت مسيرة أوكرانية مصفاة نفط في كراسنودار الروسية: a state's strike abroad falls on
            # the country where it struck, as ICEWS codes it
            tgt = _country_actor(ctx, place[1], last.tok0, last.tok1)
            trec = ctx.ents[tgt.key]
            tc = _country(trec, lex.country_names)
        act = Action(
            type=typ, source=src.key if src else None, target=tgt.key if tgt else None,
            start=sent_span[0], end=sent_span[1], cameo=cameo,
            source_country=sc, target_country=tc,
            date=_date(times, sent_span, prev_span, ctx.toks[t.tok0].start, latest),
            place=place[0] if place else None, mode=mode, negated=_negated(ctx, t),
            modality=modality, trigger=trig_text, sentence=n,
            source_sector=_sector(src, srec), target_sector=_sector(tgt, trec),
            source_span=(src.named_at or (src.start, src.end)) if src else None,
            place_country=place[1] if place else None,
        )
        if e.in_quote:
            if modality == "asserted":
                said.append(act)  # kept for after the sentence's verbs, which may tell it already
            continue
        if is_open:
            if modality not in ("asserted", "planned") or e.open_needs_source and modality != "asserted":
                continue  # دعا إلى مسيرات احتجاجية: a call or a possibility is no happening to code
            if any(x.type == typ and (act.source is None or act.source in (x.source, x.target)) for x in out) \
                    or _merge_open(opened, act):
                continue  # the sentence's dyadic coding already tells this happening
            opened.append(act)
        else:
            out.append(act)
            if src is not None and tgt is not None:  # a pair a dual later in the sentence may stand for
                ctx.prev_pairs = [*ctx.prev_pairs, (src, tgt)]
        if t.sub is not None and typ != e.type and e.type == "AGREE":
            # اتفقتا على وقف إطلاق النار: the ceasefire, and the agreement that made it
            (opened if is_open else out).append(replace(act, type=e.type, cameo=e.cameo, mode=None))
        elif t.sub is None and e.mode in lex.cues["reached_agreement_modes"] and _reached(ctx, t):
            # توصلت الأطراف إلى هدنة: the truce, and the agreement reached on it
            agree = lex.cues["reached_agreement"]
            (opened if is_open else out).append(replace(act, type=agree[0], cameo=agree[1], mode=None))
    ctx.actors = every
    told = {(x.type, x.source) for x in out + opened}
    for act in said:  # "أدين هذا العمل الهمجي": the verb told it; two such words in a quote are one
        if (act.type, act.source) not in told:
            told.add((act.type, act.source))
            opened.append(act)
    out += opened
    out += _implied(ctx, n, sent_span, prev_span, times, gate, out)
    for act in out:
        if act.type in lex.cues["casualty_types"]:
            act.killed, act.injured = _casualties(facts, sent_span, lex)
    return out


def _implied(ctx: _Ctx, n: int, sent_span: tuple[int, int], prev_span: tuple[int, int] | None,
             times: list[TimeRef], gate: Gate | None, coded: list[Action]) -> list[Action]:
    """``ورفع المتظاهرون لافتات``, ``وهتف المتظاهرون``: protesters acting are a protest even when
    no protest word is used. Coded once per sentence, only when nothing coded it already."""
    out: list[Action] = []
    sentence = ctx.doc.text[sent_span[0]:sent_span[1]]
    for a in ctx.actors:
        typ = a.implies
        if not typ or a.prep is not None or any(x.type == typ for x in coded + out):
            continue
        ei = next((i for i, e in enumerate(ctx.lex.entries) if e.type == typ and e.open), None)
        if ei is None or gate is not None and not gate(typ, sentence):
            continue
        e, t = ctx.lex.entries[ei], Trigger(ei, a.tok0, a.tok1, True)
        modality = _modality(ctx, t)
        if modality not in ("asserted", "planned") or _negated(ctx, t):
            continue
        rec = _record(ctx, a)
        place = _any_place(ctx, a, None)
        out.append(Action(
            type=typ, source=a.key, target=None, start=sent_span[0], end=sent_span[1], cameo=e.cameo,
            source_country=_country(rec, ctx.lex.country_names), mode=e.mode, modality=modality,
            date=_date(times, sent_span, prev_span, a.start, None), trigger=ctx.doc.text[a.start:a.end],
            sentence=n, source_sector=a.sector, source_span=(a.start, a.end),
            place=place[0] if place else None, place_country=place[1] if place else None))
    return out


def _sector(a: Actor | None, rec: EntityRecord | None) -> str | None:
    """A group's or state body's sector; a country or government actor is GOV, a person none."""
    if a is None:
        return None
    if a.sector:
        return a.sector
    return "GOV" if rec is not None and rec.type == "LOC" and a.key.startswith("kb:") else None


def _casualties(facts: list[Fact], span: tuple[int, int], lex: Lexicon) -> tuple[int | None, int | None]:
    """Killed and injured counts the facts stage found in the sentence (the largest of each)."""
    killed = [f.value for f in facts if span[0] <= f.start < span[1] and f.what.endswith(tuple(lex.cues["killed_what"]))]
    hurt = [f.value for f in facts if span[0] <= f.start < span[1] and f.what.endswith(tuple(lex.cues["injured_what"]))]
    return (int(max(killed)) if killed else None), (int(max(hurt)) if hurt else None)


def _genre(doc: Document, lex: Lexicon) -> frozenset[str]:
    """What kind of report this is, where it changes what words mean: a sports report (a
    'summit' is a match, 'protests' are players'), or a disaster told in its lead (its dead
    were not killed by anyone)."""
    out = set()
    words = {_strip_article(t.norm) for t in tokenize(doc.body)}
    if len(words & lex.cues["sports_keys"]) >= lex.cues["sports_min"]:
        out.add("sports")
    lead_end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else 0
    lead = {_strip_article(s) for t in tokenize((doc.title or "") + " " + doc.text[:lead_end]) for _, s in _readings(t.norm)}
    if lead & lex.cues["not_violence_keys"]:
        out.add("disaster")
    return frozenset(out)


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    """Pipeline stage: append the coded actions of ``doc`` to ``analysis.actions``."""
    lex = res.get("actions_lexicon", build_lexicon)
    cfg = res.config.get("actions", {})
    window = int(cfg.get("target_window", 12))
    times = [t for t in analysis.times if t.kind == "date" and t.value]
    gate = res.get("actions_gate", lambda r: sentence_gate(cfg.get("classifier", "")))
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    genre = _genre(doc, lex)
    quoted = [q for q in analysis.quotes if q.direct and q.speaker]
    spoken = [q for q in analysis.quotes if q.speaker]
    pairs: list[tuple[Actor, Actor]] = []
    prev_toks: list[Token] = []
    prev_actors: list[Actor] = []
    prev_span: tuple[int, int] | None = None
    known: frozenset[str] = frozenset()  # discovered people some sentence has titled
    for n, s in enumerate(doc.sentences):
        toks = [Token(t.start + s.start, t.end + s.start, t.text, t.norm) for t in tokenize(doc.text[s.start:s.end])]
        ms = [m for m in mentions[bisect_left(starts, s.start):bisect_left(starts, s.end + 1)] if m.end <= s.end]
        actors = _actors(ms, toks, doc.text, lex, analysis.entities, known)
        known = known | {a.key for a in actors if a.type == "PERSON" and a.key.startswith("unk:")}
        ctx = _Ctx(doc, lex, analysis.entities, toks, actors, pairs, prev_toks, prev_actors, window,
                   int(cfg.get("between_noun_window", 5)), int(cfg.get("between_verb_window", 3)),
                   int(cfg.get("noun_subject_window", 12)), int(cfg.get("verb_subject_gap", 2)))
        ctx.names = ms
        ctx.genre = genre
        ctx.quotes, ctx.mentions = quoted, mentions
        ctx.spoken = spoken
        analysis.actions.extend(code_sentence(ctx, n, (s.start, s.end), prev_span, times, analysis.facts, gate))
        pairs = pairs + _doc_pairs(doc.text, actors, lex)
        prev_toks, prev_actors, prev_span = toks, actors, (s.start, s.end)
