"""The quote layer's language data, compiled once per process into token-sequence lookups.

Everything Arabic comes from ``lang/ar/data/quote_verbs.json`` and ``quote_cues.json``; this
module only normalises the written forms so they compare equal to ``Token.norm``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.extract.discover import cues
from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    particles: frozenset[str]
    participle: bool
    relay: bool
    quoted_only: bool = False  # frames a quote only with a quotation or a complementiser (دعا, أشاد)
    needs_next: frozenset[str] = frozenset()  # frames only with one of these right after it (جاء في بيان)
    statement_after: frozenset[str] = frozenset()  # ... and then one of these nouns (بيان, تغريدة)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, Verb]
    impersonal: frozenset[str]
    complementizers: frozenset[str]
    not_comp_after: frozenset[str]
    skip: tuple[Phrase, ...]
    prepositions: frozenset[str]
    pronoun_preps: frozenset[str]  # a preposition carrying a pronoun (عليها): no subject
    openers: tuple[Phrase, ...]
    heads_ok: frozenset[str]
    spokesperson: tuple[Phrase, ...]
    according: tuple[tuple[Phrase, bool], ...]  # (phrase, glued to the next word)
    media_words: tuple[Phrase, ...]
    outlets: tuple[tuple[Phrase, str], ...]
    channels: tuple[tuple[Phrase, str], ...]
    channel_rank: dict[str, int]  # platforms are listed before generic channels (statement, reporters)
    breakers: tuple[Phrase, ...] = ()  # after a comma, the writer's own clause starts (، فيما)
    voiced_by: frozenset[Phrase] = frozenset()  # على لسان: the person after it speaks for the subject
    name_cues: tuple[str, ...] = ()  # normalised text before a quotation that is a name (المعروف بـ)
    unnamed: frozenset[str] = frozenset()  # anonymous source nouns (مصادر, مصدر)
    statement_words: frozenset[str] = frozenset()  # بيان, تصريح
    honorific_pronouns: dict[str, frozenset[str]] = field(default_factory=dict)  # معاليه -> معالي, وزير
    weak_final: tuple[str, ...] = ()  # دعا: its past forms drop the last letter (دعت)
    issued_by: tuple[Phrase, ...] = ()  # صادرة عن: between a statement noun and its source
    issuer_parts: frozenset[str] = frozenset()  # قيادة أركان: a body's part before its name, issuing for it
    third_pronouns: tuple[str, ...] = ()  # ه, ها, هم: a pronoun glued to a noun (لأمانته: its own)
    possessives: tuple[str, ...] = ()  # the same, normalised: بيانها, تغريدته
    aux_before_verb: frozenset[str] = frozenset()  # قد between an SVO subject and its verb
    channel_adjectives: frozenset[str] = frozenset()  # في بيان مقتضب: no subject after the channel
    relay_prep: str = ""  # نقلت وكالة تاس عن بوتين: the speaker follows it
    continuing_lemmas: frozenset[str] = frozenset()  # وأضاف: the same speaker's quote goes on
    trailing_conjunctions: tuple[str, ...] = ()  # as written: a cut content ending in و is trimmed
    place_cues: frozenset[str] = frozenset()  # كنيسة, مدينة (name_cues.json loc_cues): a place follows
    postposed_leads: tuple[Phrase, ...] = ()  # "..."، هكذا قال X: words between a quotation and its verb
    relative_subjects: frozenset[str] = frozenset()  # ما أشار: the relative is the verb's subject
    byline_verbs: frozenset[str] = frozenset()  # كتب: كتبت: فلان at a line's start signs the report
    pluperfect_openers: frozenset[str] = frozenset()  # وكانت X قد اتهمت: X is the subject
    relative_pronouns: frozenset[str] = frozenset()  # فلان الذي قال: the name before speaks
    copulas: frozenset[str] = frozenset()  # الذي هو الناطق: the pronoun before a relative's predicate
    masdar_after: frozenset[str] = frozenset()  # عدم كشف: a verb form after one is a verbal noun
    aside_openers: frozenset[str] = frozenset()  # ، التي ... / ، وهو ...: an aside about the speaker
    postposed_verbs: frozenset[str] = frozenset()  # "..."، هكذا وصف X: verbs framing only a fronted quotation
    according_index: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> phrases
    channel_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # first words of the attribution and channel phrases: a token that is none of them, with or
    # without its و/ف, starts no cue (empty: not worked out, every token is tried)
    cue_firsts: frozenset[str] = frozenset()


def first_word_index(phrases) -> dict[str, tuple[int, ...]]:
    """First word -> positions of the phrases starting with it, in list order: matching at a
    token then tries only the few phrases that can start there, not the whole lexicon."""
    index: dict[str, list[int]] = {}
    for n, p in enumerate(phrases):
        if p:
            index.setdefault(p[0], []).append(n)
    return {k: tuple(v) for k, v in index.items()}


def starting_with(index: dict[str, tuple[int, ...]], norm: str) -> tuple[int, ...]:
    """Positions of the phrases that may match at a token (itself or without its و/ف), in order."""
    own = index.get(norm, ())
    b = bare(norm)
    if b == norm or b not in index:
        return own
    return tuple(sorted(set(own) | set(index[b])))


def _phrase(s: str) -> Phrase:
    return tuple(normalize(s).split())


def _longest_first(xs):
    return tuple(sorted(set(xs), key=lambda p: -len(p[0] if isinstance(p[0], tuple) else p)))


def build(res: Resources | None = None) -> Lexicon:
    v = load_json("quote_verbs.json")
    c = load_json("quote_cues.json")
    verbs: dict[str, Verb] = {}
    for group, participle in (("verbs", False), ("participles", True)):
        for e in v[group]:
            verb = Verb(e["lemma"], frozenset(normalize(p) for p in e.get("particles", [])), participle,
                        bool(e.get("relay")), bool(e.get("quoted_only")),
                        frozenset(normalize(p) for p in e.get("needs_next", [])),
                        frozenset(normalize(p) for p in e.get("statement_after", [])))
            for f in e["forms"]:
                verbs.setdefault(normalize(f), verb)
    comps = frozenset(normalize(b + s) for b in v["complementizer_bases"] for s in v["pronoun_suffixes"])
    according = []
    for a in c["according_to"]:
        glued = a.endswith("ـ")
        according.append((_phrase(a.rstrip("ـ")), glued))
    return Lexicon(
        verbs=verbs,
        impersonal=frozenset(normalize(x) for x in v["impersonal"]),
        complementizers=comps,
        not_comp_after=frozenset(normalize(x) for x in v["not_complementizer_after"]),
        skip=_longest_first(_phrase(x) for x in v["skip_words"]),
        channel_adjectives=frozenset(normalize(x) for x in v.get("channel_adjectives", [])),
        prepositions=frozenset(normalize(x).rstrip("ـ") for x in v["prepositions"]),
        pronoun_preps=frozenset(normalize(b + s) for b in v["preposition_bases"] for s in v["preposition_pronouns"]),
        openers=_longest_first(_phrase(x) for x in v["clause_openers"]),
        heads_ok=frozenset(normalize(x) for x in v["construct_heads_ok"]),
        spokesperson=_longest_first(_phrase(x.rstrip("ـ")) for x in c["spokesperson"]),
        according=(according := tuple(sorted(according, key=lambda p: -len(p[0])))),
        voiced_by=frozenset(_phrase(x) for x in c["voiced_by"]),
        according_index=(according_index := first_word_index(p[:-1] if glued else p for p, glued in according)),
        media_words=_longest_first(_phrase(x) for x in c["media_words"]),
        outlets=tuple(sorted(((_phrase(f), o["name"]) for o in c["outlets"] for f in o["forms"]),
                             key=lambda p: -len(p[0]))),
        channels=(channels := tuple(sorted(((_phrase(f), ch["name"]) for ch in c["channels"] for f in ch["forms"]),
                                           key=lambda p: -len(p[0])))),
        channel_index=(channel_index := first_word_index(p for p, _ in channels)),
        cue_firsts=frozenset(according_index) | frozenset(channel_index),
        channel_rank={ch["name"]: i for i, ch in enumerate(c["channels"])},
        breakers=_longest_first(_phrase(x) for x in v.get("content_breakers", [])),
        name_cues=tuple(normalize(x) for x in v.get("name_quote_cues", [])),
        unnamed=frozenset(normalize(x) for x in c.get("unnamed_sources", [])),
        statement_words=frozenset(normalize(x) for x in c.get("statement_words", [])),
        honorific_pronouns={normalize(k): frozenset(normalize(x) for x in xs)
                            for k, xs in c.get("honorific_pronouns", {}).items()},
        weak_final=tuple(normalize(x) for x in v.get("weak_final_letters", [])),
        issued_by=tuple(_phrase(x) for x in c.get("issued_by", [])),
        issuer_parts=frozenset(normalize(x) for x in c.get("issuer_parts", [])),
        third_pronouns=tuple(v["third_person_pronouns"]),  # as written: matched on the raw text
        possessives=tuple(sorted({normalize(x) for x in v["third_person_pronouns"]}, key=len, reverse=True)),
        aux_before_verb=frozenset(normalize(x) for x in v.get("aux_before_verb", [])),
        relay_prep=normalize(v["relay_preposition"]),
        continuing_lemmas=frozenset(v["continuing_verbs"]),
        trailing_conjunctions=tuple(v["trailing_conjunctions"]),
        place_cues=cues()["loc_cues"],
        postposed_leads=_longest_first(_phrase(x) for x in v.get("postposed_leads", [])),
        postposed_verbs=frozenset(normalize(x) for x in v.get("postposed_verbs", [])),
        aside_openers=frozenset(normalize(x) for x in v.get("aside_openers", [])),
        relative_subjects=frozenset(normalize(x) for x in v.get("relative_subjects", [])),
        byline_verbs=frozenset(normalize(x) for x in v.get("byline_verbs", [])),
        pluperfect_openers=frozenset(normalize(x) for x in v.get("pluperfect_openers", [])),
        relative_pronouns=frozenset(normalize(x) for x in v.get("relative_pronouns", [])),
        copulas=frozenset(normalize(x) for x in v.get("copula_pronouns", [])),
        masdar_after=frozenset(normalize(x) for x in v.get("masdar_after", [])),
    )


def lexicon(res: Resources) -> Lexicon:
    return res.get("quotes.lexicon", build)


@lru_cache(maxsize=2)
def reporting_forms(with_quoted_only: bool = True) -> frozenset[str]:
    """The finite reporting verb forms of ``quote_verbs.json``, normalised; without the
    ``quoted_only`` ones (دعا, وجه), which report words only before a quotation or إن/أن."""
    return frozenset(normalize(f) for v in load_json("quote_verbs.json")["verbs"]
                     if with_quoted_only or not v.get("quoted_only") for f in v["forms"])


def bare(norm: str) -> str:
    """A word without a leading و/ف conjunction (``وفي`` -> ``في``)."""
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm


def match_named(tokens: list[Token], i: int, end: int, named) -> tuple[int, str | None]:
    """Like :func:`match_at` for (phrase, canonical name) pairs: (tokens matched, name)."""
    for p, name in named:
        n = match_at(tokens, i, end, [p])
        if n:
            return n, name
    return 0, None


def match_at(tokens: list[Token], i: int, end: int, phrases, glued: bool = False) -> int:
    """Number of tokens of the first phrase matching at ``tokens[i]`` (0 if none).

    The first word may carry a و/ف conjunction. With ``glued``, the phrase's last word is a
    one-letter prefix of the next token (``لـ`` in ``وفقا لوكالة``) and is not counted.
    """
    for p in phrases:
        n = len(p)
        if i + n > end:
            continue
        first = tokens[i].norm
        if first != p[0] and bare(first) != p[0]:
            continue
        if all(tokens[i + k].norm == p[k] for k in range(1, n)):
            return n
    return 0
