"""Coded actions (PLOVER types, CAMEO codes): who did what to whom, when and where.

Per sentence: find triggers (verbs and event nouns from ``actions_lexicon.json``), take the
actors from the entity layer's mentions and pick source and target with shallow Arabic
syntax cues (subject after the verb or the nearest free actor before it, ``بين X و Y``,
the target's preposition, a bare object, a proposal the sentence rejects). Precision first:
a trigger without an identifiable source AND target gives no record. Cue words live in
``actions_cues.json``; thresholds in the ``[actions]`` config section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token, proclitic_splits, tokenize
from marsad.types import Action, Analysis, Document, EntityRecord, Mention, TimeRef

_RULES = ("object", "addressee", "proposal", "between", "من_pair")
_PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "نا", "تم")
_PRES_PREFIXES = ("ي", "ت", "ن", "ا")
_PRES_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ا")


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
    gentilics: dict[str, str]
    country_names: dict[str, str]


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
    for i, e in enumerate(data["entries"]):
        targets = tuple(t if t in _RULES else normalize(t) for t in e.get("targets", ()))
        entries.append(Entry(e["id"], e["type"], e.get("cameo"), e.get("mode"), targets,
                             bool(e.get("symmetric")), e.get("governs"), e.get("when_agreed"),
                             bool(e.get("needs_proposal")),
                             frozenset(_strip_article(normalize(w)) for w in e.get("needs_noun_after", ())),
                             bool(e.get("nouns_need_event"))))
        forms: set[str] = set()
        for past, pres in e.get("verbs", ()):
            forms |= _verb_forms(normalize(past), normalize(pres))
        forms |= {normalize(f) for f in e.get("forms", ())}
        for f in forms:
            words.setdefault(f, []).append((i, False))
        for n in e.get("nouns", ()):
            ws = tuple(_strip_article(w) for w in normalize(n).split())
            if len(ws) == 1:
                words.setdefault(ws[0], []).append((i, True))
            else:
                phrases.setdefault(ws[0], []).append((ws, i))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    modality = [(tuple(normalize(p).split()), m) for p, m in cues["modality"]]
    cues = dict(cues, noun_in_adjunct_keys=frozenset(normalize(w) for w in cues["noun_in_adjunct"]))
    mode_cues = {normalize(w): mode for mode, ws in cues["mode_cues"].items() for w in ws}
    proposal: set[str] = set()
    for past, pres in cues["proposal_verbs"]:
        proposal |= _verb_forms(normalize(past), normalize(pres))
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
        {normalize(k): v for k, v in cues["gentilics"].items()},
        dict(cues["country_names"]),
    )


def _readings(word: str) -> list[tuple[str, str]]:
    """(prefix, stem) readings of a normalised word, clitics peeled up to twice (وسي..., وبال...)."""
    out = []
    for p, s in proclitic_splits(word):
        out.append((p, s))
        if p:
            out += [(p + p2, s2) for p2, s2 in proclitic_splits(s) if p2]
    return out


@dataclass
class Actor:
    """Consecutive mentions of one entity (title + name) seen as one actor."""

    start: int
    end: int
    key: str
    type: str
    tok0: int  # first token index
    tok1: int  # last token index (inclusive)
    prep: str | None = None


@dataclass
class Trigger:
    entry: int
    tok0: int
    tok1: int
    is_noun: bool
    future: bool = False
    possessive: bool = False
    sub: Trigger | None = field(default=None, repr=False)  # event noun governed by an agree verb


def _actors(mentions: list[Mention], toks: list[Token], text: str, lex: Lexicon) -> list[Actor]:
    ms = sorted((m for m in mentions if m.entity), key=lambda m: (m.start, -m.end))
    out: list[Actor] = []
    for m in ms:
        if out and out[-1].end >= m.start:
            if out[-1].key == m.entity:
                out[-1].end = max(out[-1].end, m.end)
            continue
        if out and out[-1].key == m.entity and not text[out[-1].end:m.start].strip(" ,،"):
            out[-1].end = m.end
            continue
        out.append(Actor(m.start, m.end, m.entity, m.type, -1, -1))
    for a in out:
        idx = [i for i, t in enumerate(toks) if t.end > a.start and t.start < a.end]
        if not idx:
            continue
        a.tok0, a.tok1 = idx[0], idx[-1]
        t = toks[a.tok0]
        if t.start < a.start:  # a clitic glued to the name: لترامب, وبوتين
            pre = normalize(text[t.start:a.start])
            pre = pre[1:] if pre[:1] in "وف" and len(pre) > 1 else pre
            a.prep = pre if pre in lex.preps else None
        else:
            k = a.tok0 - 1
            while k >= 0 and a.tok0 - k <= 3 and (toks[k].norm in lex.prep_skip or _nisba(toks[k].norm)):
                k -= 1
            if k >= 0:
                prev = toks[k].norm
                if prev in lex.preps:
                    a.prep = prev
                elif k < a.tok0 - 1 and prev[:1] in "لب" and prev[1:] in lex.prep_skip:
                    a.prep = prev[:1]  # لنظيره الروسي بوتين
    return [a for a in out if a.tok0 >= 0]


def _nisba(w: str) -> bool:
    """An adjective of nationality (الروسي, الأميركية) standing between a title and a name."""
    return w.startswith("ال") and len(w) > 4 and (w.endswith("ي") or w.endswith("يه"))


def _match_word(tok: Token, lex: Lexicon) -> list[tuple[int, bool, bool, bool]]:
    """(entry, is_noun, future, possessive) readings of one token."""
    out = []
    fut = lex.cues["future_prefix"]
    for p, stem in _readings(tok.norm):
        for s, poss in [(stem, False)] + [(stem[: -len(x)], True) for x in lex.possessive
                                          if stem.endswith(x) and len(stem) - len(x) >= 3]:
            cands = {s, _strip_article(s)}
            if poss and s.endswith("ت"):
                cands.add(s[:-1] + "ه")
            for c in cands:
                for ei, is_noun in lex.words.get(c, ()):
                    if poss and not is_noun:
                        continue
                    out.append((ei, is_noun, p.endswith(fut) and not is_noun, poss))
        if out:
            return out
    return out


def _word_keys(tok: Token) -> set[str]:
    return {_strip_article(s) for _, s in _readings(tok.norm)} | {tok.norm}


def find_triggers(toks: list[Token], lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    i = 0
    while i < len(toks):
        found: Trigger | None = None
        for key in _word_keys(toks[i]):
            for words, ei in lex.phrases.get(key, ()):
                n = len(words)
                if i + n <= len(toks) and all(words[j] in _word_keys(toks[i + j]) for j in range(1, n)):
                    found = Trigger(ei, i, i + n - 1, True)
                    break
            if found:
                break
        if not found:
            m = _match_word(toks[i], lex)
            if m:
                ei, is_noun, fut, poss = m[0]
                found = Trigger(ei, i, i, is_noun, fut, poss)
        if found:
            e = lex.entries[found.entry]
            if e.needs_noun_after and not any(
                    _word_keys(t) & e.needs_noun_after for t in toks[found.tok1 + 1: found.tok1 + 4]):
                found = None
        if found:
            out.append(found)
            i = found.tok1 + 1
        else:
            i += 1
    return out


def _conj(text: str, a: Actor, b: Actor) -> bool:
    """Is ``b`` coordinated with ``a`` (``X و Y``, ``X وY``, glued ``XوY``)?"""
    return normalize(text[a.end:b.start]) in ("و",)


def _pair_after(text: str, toks: list[Token], actors: list[Actor], k: int) -> tuple[Actor, Actor] | None:
    """``X و Y`` starting at token ``k``."""
    first = next((a for a in actors if a.tok0 == k), None)
    if first is None:
        return None
    nxt = next((a for a in actors if a.start >= first.end), None)
    if nxt is not None and nxt.key != first.key and _conj(text, first, nxt):
        return first, nxt
    return None


def _doc_pairs(text: str, actors: list[Actor]) -> list[tuple[Actor, Actor]]:
    return [(a, b) for a, b in zip(actors, actors[1:], strict=False) if a.key != b.key and _conj(text, a, b)]


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


def _resolve_dual(ctx: _Ctx, word: str) -> tuple[Actor, Actor] | None:
    need = ctx.lex.duals.get(_strip_article(word)) or ctx.lex.duals.get(word)
    if need is None:
        return None
    for a, b in reversed(ctx.prev_pairs):
        if need == "ANY" or (a.type == need and b.type == need):
            others = {x.key for x in ctx.actors if need in ("ANY", x.type)} - {a.key, b.key}
            return None if others else (a, b)  # the sentence names other candidates: too unsure
    return None


def _between(ctx: _Ctx, t: Trigger) -> tuple[Actor, Actor] | None:
    """``بين X و Y`` (or ``بين`` + a dual noun) within the window after the trigger."""
    toks = ctx.toks
    reach = ctx.between_noun if t.is_noun else ctx.between_verb
    for k in range(t.tok1 + 1, min(len(toks), t.tok1 + 1 + reach)):
        if toks[k].norm in ctx.lex.clause_stops:
            return None
        if toks[k].norm == "بين" and k + 1 < len(toks):
            pair = _pair_after(ctx.doc.text, toks, ctx.actors, k + 1)
            return pair or _resolve_dual(ctx, toks[k + 1].norm)
    return None


def _from_pair(ctx: _Ctx, t: Trigger) -> tuple[Actor, Actor] | None:
    """``تبادل 175 أسيرا من X و Y``: the parties of an exchange."""
    toks = ctx.toks
    for k in range(t.tok1 + 1, min(len(toks), t.tok1 + 6)):
        if toks[k].norm == "من" and k + 1 < len(toks):
            return _pair_after(ctx.doc.text, toks, ctx.actors, k + 1)
        a = next((x for x in ctx.actors if x.tok0 == k and x.prep == "من"), None)
        if a is not None:
            return _pair_after(ctx.doc.text, toks, ctx.actors, k)
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
    k = t.tok1 + 1
    while k < len(ctx.toks) and k - t.tok1 <= 4:
        a = next((x for x in ctx.actors if x.tok0 == k), None)
        if a is not None:
            return a if a.prep is None else None
        if ctx.toks[k].norm not in ctx.lex.skip:
            return None
        k += 1
    return None


def _subject_before(ctx: _Ctx, t: Trigger, any_prep: bool) -> Actor | None:
    """The clause subject before a trigger: the nearest actor not governed by a preposition.

    For an event noun the subject must be near, and an actor governed by a preposition other
    than ``ل`` in between means the noun belongs to another clause (``الضغط على بوتين بشأن الغزو``).
    """
    for a in reversed([x for x in ctx.actors if x.tok1 < t.tok0]):
        if any_prep:
            return a
        if _boundary(ctx, a, t):
            return None
        if t.is_noun and t.tok0 - a.tok1 > ctx.noun_subject:
            return None
        if a.prep is None:
            return a
        if t.is_noun and a.prep != "ل":
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
    later = [a for a in ctx.actors if a.tok0 > after and a.tok0 <= t.tok1 + ctx.window and a.key != source.key]
    preps = {r for r in e.targets if r not in ("object", "addressee", "proposal", "between", "من_pair")}
    obj = "object" in e.targets
    for x in later:  # the nearest actor the entry accepts
        if x.prep in preps or (obj and x.prep is None):
            return x
    for rule in e.targets:
        a = None
        if rule == "addressee":
            a = next((x for x in ctx.actors if x.prep == "ل" and x.key != source.key), None)
        elif rule == "proposal":
            a = _proposer(ctx, t)
        if a is not None and a.key != source.key:
            return a
    if t.is_noun:
        return _gentilic(ctx, t, source)
    return None


def _gentilic(ctx: _Ctx, t: Trigger, source: Actor) -> Actor | None:
    """A country named by an adjective in an event noun's object (وقف استهداف الطاقة الأوكرانية),
    when that country is an entity of the document."""
    for k in range(t.tok1 + 2, min(len(ctx.toks), t.tok1 + 4)):  # right after the noun it is the agent
        country = ctx.lex.gentilics.get(ctx.toks[k].norm)
        if country is None:
            continue
        for key, rec in ctx.ents.items():
            if rec.type == "LOC" and rec.name == country and key != source.key:
                tok = ctx.toks[k]
                return Actor(tok.start, tok.end, key, "LOC", k, k)
        return None
    return None


def _in_adjunct(ctx: _Ctx, t: Trigger) -> bool:
    """Is the event noun inside a prepositional adjunct (``في هجوم``, ``لهجوم``, ``وبالهجوم``)?"""
    adj = ctx.lex.cues["noun_in_adjunct_keys"]
    if t.tok0 > 0 and ctx.toks[t.tok0 - 1].norm in adj:
        return True
    for p, _ in _readings(ctx.toks[t.tok0].norm):
        p = p[1:] if p[:1] in ("و", "ف") else p
        p = p[:-2] if p.endswith("ال") else p
        if p and p in adj:
            return True
    return False


def _parties(ctx: _Ctx, t: Trigger, e: Entry) -> tuple[Actor, Actor] | None:
    if "between" in e.targets:
        pair = _between(ctx, t)
        if pair:
            return pair
    if "من_pair" in e.targets:
        pair = _from_pair(ctx, t)
        if pair:
            return pair
    after = t.tok1
    source = None
    if not t.is_noun:
        source = _subject_after(ctx, t)
        if source is not None:
            after = source.tok1
            if e.symmetric:
                pair = _pair_after(ctx.doc.text, ctx.toks, ctx.actors, source.tok0)
                if pair:
                    return pair
        elif e.symmetric and t.tok1 + 1 < len(ctx.toks):
            pair = _resolve_dual(ctx, ctx.toks[t.tok1 + 1].norm)
            if pair:
                return pair
    if source is None and e.symmetric and t.tok0 > 0:
        pair = _resolve_dual(ctx, ctx.toks[t.tok0 - 1].norm)
        if pair:
            return pair
    if source is None and t.is_noun and not t.possessive and _in_adjunct(ctx, t):
        return None  # قتل 15 شخصا في هجوم: the clause before names the victims, not the agent
    if source is None:
        source = _subject_before(ctx, t, t.possessive)
    if source is None:
        return None
    target = _target(ctx, t, e, source, after)
    return (source, target) if target is not None else None


def _negated(ctx: _Ctx, t: Trigger) -> bool:
    lex, toks = ctx.lex, ctx.toks
    n = lex.cues["negation_window"]
    for k in range(max(0, t.tok0 - n), t.tok0):
        if toks[k].norm in lex.negation:
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            if nxt not in lex.neg_exceptions:
                return True
    return False


def _modality(ctx: _Ctx, t: Trigger) -> str:
    lex, toks = ctx.lex, ctx.toks
    lo = max(0, t.tok0 - lex.cues["modality_window"])
    words = [{tok.norm} | {s for p, s in _readings(tok.norm) if p in ("و", "ف")} for tok in toks[lo: t.tok0]]
    found = None
    for i in range(len(words)):
        for phrase, mod in lex.modality:
            if i + len(phrase) <= len(words) and all(w in words[i + j] for j, w in enumerate(phrase)):
                found = mod
    if found:
        return found
    return "future" if t.future else "asserted"


def _mode(ctx: _Ctx, t: Trigger, e: Entry) -> tuple[str | None, str | None]:
    mode, cameo = e.mode, e.cameo
    for tok in ctx.toks[max(0, t.tok0 - 3): t.tok1 + 4]:
        for _, s in _readings(tok.norm):
            cue = ctx.lex.mode_cues.get(s)
            if cue and e.type == "CONSULT":
                mode = cue
                if cue == "phone call":
                    cameo = "041"
    return mode, cameo


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


def _place(ctx: _Ctx, t: Trigger, src: Actor, tgt: Actor) -> str | None:
    """A place right after the action (``في إسطنبول``), not one in a later purpose clause."""
    last = max(t.tok1, tgt.tok1 if tgt.tok0 > t.tok1 else t.tok1)
    for a in ctx.actors:
        if (last < a.tok0 <= last + 4 and a.type == "LOC" and a.prep in ctx.lex.place_preps
                and a.key not in (src.key, tgt.key)):
            rec = ctx.ents.get(a.key)
            return rec.name if rec else None
    return None


def _link_governed(triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """Attach an event noun to the agree verb that governs it; drop one a rejection governs."""
    out: list[Trigger] = []
    skip_next = False
    for i, t in enumerate(triggers):
        if skip_next:
            skip_next = False
            continue
        e = lex.entries[t.entry]
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if e.governs and nxt is not None and nxt.tok0 - t.tok1 <= 3:
            ne = lex.entries[nxt.entry]
            if e.governs == "agree" and ne.when_agreed:
                t.sub = nxt
                skip_next = True
            elif e.governs == "reject" or ne.governs:
                skip_next = True
        out.append(t)
    return out


def code_sentence(ctx: _Ctx, n: int, sent_span: tuple[int, int], prev_span: tuple[int, int] | None,
                  times: list[TimeRef]) -> list[Action]:
    """Coded actions of one sentence (``ctx`` holds its tokens and actors)."""
    lex = ctx.lex
    out: list[Action] = []
    for t in _link_governed(find_triggers(ctx.toks, lex), lex):
        e = lex.entries[t.entry]
        parties = _parties(ctx, t, e)
        typ, cameo, last = e.type, e.cameo, t
        if t.sub is not None:
            se = lex.entries[t.sub.entry]
            own = _between(ctx, t.sub) if "between" in se.targets else None
            own = own or (_from_pair(ctx, t.sub) if "من_pair" in se.targets else None)
            if own is None and parties is None:
                src = _subject_after(ctx, t) or _subject_before(ctx, t, False)
                tgt = _target(ctx, t.sub, se, src, t.sub.tok1) if src else None
                parties = (src, tgt) if src and tgt else None
            elif own is not None:
                parties = own
            if se.when_agreed == "self":
                typ, cameo = se.type, se.cameo
            last = t.sub
        elif e.nouns_need_event and t.is_noun:
            continue
        if parties is None:
            continue
        src, tgt = parties
        if src.key == tgt.key:
            continue
        srec, trec = ctx.ents.get(src.key), ctx.ents.get(tgt.key)
        sc, tc = _country(srec, lex.country_names), _country(trec, lex.country_names)
        if sc and sc == tc and (srec.type == "LOC" or trec.type == "LOC"):
            continue  # an actor acting on its own country: a misread clause, not an action
        mode, cameo2 = _mode(ctx, t, e)
        modality = _modality(ctx, t)
        pub = ctx.doc.published[:10] if ctx.doc.published else None
        when = _date(times, sent_span, None, ctx.toks[t.tok0].start, None)
        if modality == "asserted" and pub and when and len(when) == 10 and when > pub:
            modality = "planned"  # dated after publication: announced, not yet done
        latest = pub if modality == "asserted" else None
        if t.sub is None or lex.entries[t.sub.entry].when_agreed != "self":
            cameo = cameo2 if typ == e.type else cameo
        trig_text = ctx.doc.text[ctx.toks[t.tok0].start: ctx.toks[last.tok1].end]
        out.append(Action(
            type=typ, source=src.key, target=tgt.key, start=sent_span[0], end=sent_span[1], cameo=cameo,
            source_country=sc, target_country=tc,
            date=_date(times, sent_span, prev_span, ctx.toks[t.tok0].start, latest),
            place=_place(ctx, last, src, tgt), mode=mode, negated=_negated(ctx, t),
            modality=modality, trigger=trig_text, sentence=n,
        ))
    return out


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    """Pipeline stage: append the coded actions of ``doc`` to ``analysis.actions``."""
    lex = res.get("actions_lexicon", build_lexicon)
    cfg = res.config.get("actions", {})
    window = int(cfg.get("target_window", 12))
    times = [t for t in analysis.times if t.kind == "date" and t.value]
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    pairs: list[tuple[Actor, Actor]] = []
    prev_toks: list[Token] = []
    prev_actors: list[Actor] = []
    prev_span: tuple[int, int] | None = None
    for n, s in enumerate(doc.sentences):
        toks = [Token(t.start + s.start, t.end + s.start, t.text, t.norm) for t in tokenize(doc.text[s.start:s.end])]
        ms = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        actors = _actors(ms, toks, doc.text, lex)
        ctx = _Ctx(doc, lex, analysis.entities, toks, actors, pairs, prev_toks, prev_actors, window,
                   int(cfg.get("between_noun_window", 5)), int(cfg.get("between_verb_window", 3)),
                   int(cfg.get("noun_subject_window", 12)))
        analysis.actions.extend(code_sentence(ctx, n, (s.start, s.end), prev_span, times))
        pairs = pairs + _doc_pairs(doc.text, actors)
        prev_toks, prev_actors, prev_span = toks, actors, (s.start, s.end)
