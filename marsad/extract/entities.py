"""Pipeline stage "entities": people, organisations, places and roles, resolved to keys.

Order of work on the normalised text (offsets map back to the original):
1. knowledge-base names, one automaton pass, through proclitics and glued words;
2. titles and their scope, read as roles (الرئيس الأمريكي -> president:US);
3. names outside the KB from context (titles, given names, cues), then surnames repeated;
4. role phrases with no name after them resolve to the holder on the article's date.
Keys are ``kb:<id>`` for KB actors and ``unk:<TYPE>:<translit key>`` for discovered names, so
one unknown name gets one key in every document. Role mentions that no holder resolves keep
``entity=None``; their ``role`` (``spokesperson:kremlin``) names the organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from marsad.extract.discover import Discoverer, Found, cues, first_name_stem, has_article, words_of
from marsad.extract.groups import group_lexicon, nationality
from marsad.extract.kb import KB, Actor, get_kb
from marsad.extract.names import Hit, NameAutomaton
from marsad.extract.quote_lexicon import bare
from marsad.extract.roles import (
    RoleReading,
    current,
    deputy_before,
    ever_held,
    read_role,
    resolve,
    titled_with,
    titles_data,
)
from marsad.extract.tagger import Odds, tagger
from marsad.extract.translit import name_key, one_spelling, word_key
from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.normalize import NormText, normalize, normalize_map
from marsad.text.spans import Disjoint, Overlaps
from marsad.text.tokenize import proclitic_splits
from marsad.types import Analysis, Document, EntityRecord, Mention

_UNITS = "|".join(u + " " for u in load_json("morphology.json")["lineage_units"])
_LINEAGE = re.compile(r" (\w+) ((?:" + _UNITS + r")?\w+)")
_BRACKETED = re.compile(r"\(((?:[a-z][a-z'.-]*|[\u0621-\u064a]+)(?:[ -][a-z'.-]+|[ ][\u0621-\u064a]+){0,2})\)")
_NICKNAME = re.compile(r" ?(?:\"([\u0621-\u064a]+(?: [\u0621-\u064a]+)?)\"|([\u0621-\u064a]+))")
_WORDS = re.compile(r"\w+")
# a short name in brackets right after an organisation's name: (سانا), (د.ب.ا), (UNHCR)
_SHORT_NAME = re.compile(r" ?\(([\u0621-\u064a][\u0621-\u064a.]{0,11}(?: [\u0621-\u064a.]{1,8})?|[a-z][a-z.&-]{1,11})\)")
_CUED = "cued:"
_CONTEXT = "ctx:"
_HEADLESS = "headless:"
_TITLE = "title:"
_NAME_ODDS = 0.5  # a word the tagger gives even odds or more of lying in a person's name
_CUE = "cue"


@dataclass
class Matchers:
    kb: KB
    names: NameAutomaton
    titles: NameAutomaton
    translit: dict[str, set[str]] = field(default_factory=dict)  # full-name key -> KB person ids
    # (first word key, last word key) -> (word keys of a KB person's full Arabic name, its id)
    ends: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    loose: dict[str, set[str]] = field(default_factory=dict)  # full-name key without articles -> KB person ids


def _declined(aliases: list[str], cases: dict[str, list[str]]) -> list[str]:
    """The other case forms of names that open with a declining particle: أبو محمد الجولاني ->
    أبي محمد الجولاني, أبا محمد الجولاني (normalised)."""
    out = []
    for f in aliases:
        first, _, rest = normalize(f).partition(" ")
        out += [f"{c} {rest}" for c in cases.get(first, ()) if rest]
    return out


def _build(res: Resources) -> Matchers:
    kb = get_kb(res)
    forms: list[tuple[str, str]] = []
    translit: dict[str, set[str]] = {}
    ends: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    loose: dict[str, set[str]] = {}
    cases = cues()["particle_cases"]
    for a in kb.actors.values():
        forms += [(f, a.id) for f in a.aliases]
        forms += [(f, a.id) for f in _declined(a.aliases, cases)]
        forms += [(f, _CUED + a.id) for f in a.cued]
        forms += [(f, _HEADLESS + a.id) for f in a.headless]
        forms += [(f, _CONTEXT + a.id) for f in a.contextual]
        if a.type == "PERSON":
            for f in a.aliases:
                if len(normalize(f).split()) >= 2:
                    # scripts kept apart: a Latin spelling's key is coarser (Bruce ~ باراك)
                    translit.setdefault(_script(f) + name_key(f), set()).add(a.id)
                keys = tuple(k for k in (word_key(w) for w in normalize(f).split()) if k)
                if len(keys) >= 3 and not _script(f):
                    ends.setdefault((keys[0], keys[-1]), []).append((keys, a.id))
                    loose.setdefault(_loose_key(f), set()).add(a.id)
    title_forms, _, _ = titles_data()
    tforms = [(f, _TITLE + t) for f, t in title_forms.items()]
    tforms += [(f, _CUE) for f in cues()["person_titles"]]
    return Matchers(kb, NameAutomaton(forms, not_after=cues()["nasab"]), NameAutomaton(tforms), translit, ends,
                    loose)


def _loose_key(name: str) -> str:
    """A name's key with the article off every word but the first (ولد الشيخ = ولد شيخ): the key
    the knowledge base's names of three words or more are looked up by, where an article dropped
    inside a lineage is a spelling, not another name."""
    return name_key(name, loose=True)


def _shortened(m: Matchers, surface: str) -> set[str]:
    """KB people whose full name holds this name with words left out (أحمد بن مبارك is أحمد عوض بن
    مبارك): same first and last word, the rest in order; three words at least, so a given name
    and a surname alone stay unknown."""
    keys = tuple(k for k in (word_key(w) for w in surface.split()) if k)
    if len(keys) < 3:
        return set()
    found = set()
    for full, aid in m.ends.get((keys[0], keys[-1]), ()):
        it = iter(full)
        if len(full) > len(keys) and all(k in it for k in keys):
            found.add(aid)
    return found


def _script(name: str) -> str:
    return "latin:" if name.isascii() else ""


def matchers(res: Resources) -> Matchers:
    return res.get("entities.matchers", _build)


def _in_body(doc: Document, s: int, e: int) -> bool:
    if doc.body_end is not None and e > doc.body_end:
        return False
    return not any(r.start <= s and e <= r.end for r in doc.removed)


def _prev_word(text: str, pos: int) -> str:
    """The word before ``pos``, skipping spaces and quote marks (منصة "إكس")."""
    k = pos
    while k > 0 and not text[k - 1].isalnum():
        if text[k - 1] not in ' "\'':
            return ""
        k -= 1
    s = k
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    return text[s:k]


_NOT_WORD = re.compile(r"[^\w\s]")


def _sports_report(text: str) -> bool:
    """Is this a match report? Enough of its words are sport's own (مباراة, الشوط, الدوري)."""
    words = _sport_words(text)
    return len(words) >= cues()["sports_report_words"] and len(set(words)) >= 2


def _sport_words(text: str) -> list[str]:
    """The words of sport in ``text``, read past punctuation and a glued و or ف (والمدرب)."""
    c = cues()
    sport, conj = c["sports_words"], c["conjunctions"]
    return [w for w in _WORD.findall(text) if w in sport or (w[:1] in conj and w[1:] in sport)]


_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile("[" + re.escape("".join(load_json("sentences.json")["terminals"])) + "]")


def _sport_in_sentence(text: str, pos: int) -> bool:
    """Does the sentence around ``pos`` hold a word of sport? A political line in a match report
    (تتراجع أمام واشنطن) keeps its places."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos)), default=max(0, pos - 400))
    m = _SENTENCE_END.search(text, pos, pos + 400)
    return bool(_sport_words(text[start:m.start() if m else pos + 400]))


def _playing(text: str, h: Hit, place: Actor, adjectives: dict[str, str], teams: list[Hit]) -> bool:
    """In a match report and a sentence with a word of sport, is the known place at ``h`` a team:
    a country before its own nisba (قطر القطري: a club named after its country); a city after a match word or a verb of play (أمام
    مانشستر, حاصر ليفربول), after a win or a draw (الفوز على, تعادل مع), or joined by و to a
    team just named."""
    c = cues()
    before = text[max(0, h.start - 40):h.start].split()
    after = text[h.end:h.end + 30].split()
    if not _sport_in_sentence(text, h.start):
        return False
    if after and after[0].startswith(c["article"]) and adjectives.get(after[0]) == place.id:
        return True
    if not place.country or place.id == place.country:
        return False  # a country after a match word is as often the country as its team (NewsFANE)
    prev = before[-1] if before else ""
    if prev in c["match_cues"] or prev in c["play_verbs"] \
            or (prev[:1] in c["conjunctions"] and prev[1:] in c["play_verbs"]):
        return True  # وحاصر ليفربول
    if len(before) >= 2 and f"{before[-2]} {before[-1]}" in c["match_pairs"]:
        return True
    return bool(teams) and text[teams[-1].end:h.start].strip() == c["and"]  # ليفربول وشيفلد


@lru_cache(maxsize=4096)
def _own_forms(actor: Actor) -> frozenset[str]:
    """The normalised names an actor goes by (``الأمم المتحدة`` for the UN): a kind word before
    one of them (``منظمة الأمم المتحدة``) only says what the actor is."""
    return frozenset(normalize(f) for f in actor.aliases + actor.cued)


def _descriptor_before(text: str, pos: int, descriptors: frozenset[str]) -> int | None:
    """Where one of ``descriptors`` (نادي, حارس, منتخب) starts when it stands right before ``pos``,
    alone or with a preposition glued on (لنادي: the word starts after the ل); else None."""
    before = text[max(0, pos - 12):pos]  # the longest such word, a proclitic and a space
    if not before.endswith(" ") or before.endswith("  "):
        return None
    prev = before[:-1].rpartition(" ")[2]
    start = pos - 1 - len(prev)
    if prev in descriptors:
        return start
    if prev[:1] in cues()["split_proclitics"] and prev[1:] in descriptors:
        return start + 1
    return None


def _kb_hits(text: str, m: Matchers) -> list[tuple[Hit, str]]:
    """KB hits with the one actor each names; ambiguous forms and uncued common words dropped."""
    cued_words = cues()["cued_org_words"]
    heads = cues()["headless_not_after"]
    padded = f" {_NOT_WORD.sub(' ', text)} "  # context words count before punctuation too (صنعاء.)
    out = []
    waiting: list[tuple[Hit, str]] = []  # cued forms without their cue
    hits = m.names.find(text)
    for h in hits:
        ids = set()
        for v in h.values:
            if v.startswith(_CONTEXT):
                aid = v[len(_CONTEXT):]
                if any(f" {w} " in padded for w in m.kb.actors[aid].context_words):
                    ids.add(aid)
            elif v.startswith(_HEADLESS):
                prev = _prev_word(text, h.start)
                prev = prev[1:] if prev[:1] in "وف" and prev[1:3] == "ال" else prev
                if not (prev.startswith("ال") or prev in heads):
                    ids.add(v[len(_HEADLESS):])  # ودانت الخارجية المصرية, not السياسة الخارجية المصرية
            elif v.startswith(_CUED):
                prev = _prev_word(text, h.start)
                if prev in cued_words or (prev[:1] in "وفلب" and prev[1:] in cued_words):
                    ids.add(v[len(_CUED):])
                else:
                    waiting.append((h, v[len(_CUED):]))
            else:
                ids.add(v)
        if len(ids) != 1:
            continue
        aid = ids.pop()
        actor = m.kb.actors[aid]
        if actor.type == "PERSON" and " " not in h.key:
            # a surname after someone else's given name is someone else (فلاديمير أوشاكوف vs يوري)
            prev = _prev_word(text, h.start)
            if prev and text[h.start - 1] == " ":
                given = _given_before(text, h.start, prev)
                if given is not None:
                    full = normalize(given + " " + h.key)
                    if not any(normalize(a) == full for a in actor.aliases):
                        if " " in given or not _same_given(given, actor):
                            continue
                        # ستيفن ويتكوف for ستيف ويتكوف: the given name is part of the mention
                        h = Hit(h.start - len(given) - 1, h.end, full, h.values)
        out.append((h, aid))
    # one sense per article: a common-word form (الجزيرة) counts without its cue once the
    # article names that actor unambiguously elsewhere (قناة الجزيرة, الجزيرة نت)
    named = {aid for _, aid in out}
    taken = {h.start for h, _ in out}
    for h, aid in waiting:
        if aid in named and h.start not in taken and len(h.values) == 1:
            out.append((h, aid))
            taken.add(h.start)
    return sorted(out, key=lambda x: x[0].start)


def _given_of_another(text: str, h: Hit, actor, odds: list[Odds], starts: list[int]) -> bool:
    """A KB person's given name alone (غيتاتشو of غيتاتشو رضا) right after a word the tagger
    reads as part of a person's name (نبيات غيتاتشو): the father's name in someone else's name."""
    if " " in h.key or not any(len(ws := normalize(a).split()) >= 2 and ws[0] == normalize(h.key)
                               for a in actor.aliases if not a.isascii()):
        return False
    i = bisect_left(starts, h.start) - 1
    return i >= 0 and not text[odds[i].end:h.start].strip() and odds[i].person >= _NAME_ODDS


def _same_given(given: str, actor) -> bool:
    """Is ``given`` a spelling of the actor's given name (ستيفن/ستيف: one key extends the other)?"""
    gk = word_key(normalize(given))
    for a in actor.aliases:
        ws = normalize(a).split()
        if len(ws) >= 2 and not a.isascii():
            ak = word_key(ws[0])
            if min(len(gk), len(ak)) >= 3 and (gk.startswith(ak) or ak.startswith(gk)):
                return True
    return False


def _given_before(text: str, pos: int, prev: str) -> str | None:
    """The given name right before a surname at ``pos`` (فلاديمير أوشاكوف, عبد الرحيم دقلو), or None."""
    stem = first_name_stem(prev)
    if stem is not None:
        return prev[stem:]
    before = _prev_word(text, pos - len(prev) - 1) if pos - len(prev) - 1 > 0 else ""
    if before and before.lstrip("وف") in cues()["particles"] and text[pos - len(prev) - 2] == " ":
        return before.lstrip("وف") + " " + prev  # عبد الرحيم, أبو بكر
    return None


def _person_span(text: str, h: Hit) -> tuple[int, int]:
    """The name part of a KB person hit: an honorific that the KB form starts with is a title,
    not the name (الأمير محمد بن سلمان), and a lineage written on after the KB form is part of
    the name (محمد بن سلمان بن عبد العزيز)."""
    c = cues()
    s, e = h.start, h.end
    first, _, rest = h.key.partition(" ")
    if first in c["honorifics"] and len(rest.split()) >= 1:
        s += len(first) + 1
    n = len(text)
    while True:
        m = _LINEAGE.match(text, e)
        if not m or (m.group(1) not in c["nasab"] and m.group(1) not in c["family_particles"]):
            break
        words = m.group(2).split()
        if words[0] in c["particles"] and len(words) == 1:
            break
        if any(w in c["stop_words"] or w in c["not_names"] for w in words):
            break
        e = m.end()
        if e >= n or m.group(1) in c["family_particles"]:
            break  # a family name (آل سعود) ends the name
    return s, e


def _designated(text: str, s: int, e: int, typ: str, adjectives: dict[str, str]) -> tuple[int, int] | None:
    """The name with the word that designates it, as the article writes it: an honorific before a
    person (الشيخ تميم بن حمد, البابا الراحل فرنسيس), a place cue before a place (ولاية كونار), a
    short name in brackets, a nationality or a descriptor after an organisation (وكالة الأنباء
    العراقية (واع), قناة الجزيرة القطرية, تنظيم داعش الإرهابي); None when nothing designates it."""
    c = cues()
    if typ == "ORG":
        if s >= 2 and text[s - 1] == " " and text[(j := text.rfind(" ", 0, s - 1) + 1):s - 1] in c["kind_heads"]:
            s = j  # قناة | الجزيرة القطرية: the kind word left out of the mention still designates it
        m = _SHORT_NAME.match(text, e)
        if m:
            return s, m.end()
        word = _WORDS.match(text, e + 1) if text[e:e + 1] == " " else None
        described = word is not None and (word.group() in adjectives or word.group() in c["org_descriptors"])
        return (s, word.end()) if described else None  # قناة الجزيرة القطرية, تنظيم داعش الإرهابي
    words = c["honorifics"] if typ == "PERSON" else c["loc_cues"] if typ == "LOC" else frozenset()
    if s < 2 or text[s - 1] != " ":
        return None
    j = _word_start(text, text.rfind(" ", 0, s - 1) + 1, s - 1)
    if typ == "PERSON" and text[j:s - 1] in c["honorific_adjectives"] and j >= 2 and text[j - 1] == " ":
        j = _word_start(text, text.rfind(" ", 0, j - 1) + 1, j - 1)  # البابا الراحل فرنسيس
    return (j, e) if text[j:text.find(" ", j)] in words else None


def _word_start(text: str, j: int, end: int) -> int:
    """Where the word at ``j`` begins past an opening quote or bracket glued to it (a quoted
    statement that begins with the title: "الملك عبد الله كلف ...")."""
    while j < end and not text[j].isalnum():
        j += 1
    return j


def _without_place_cue(name: str) -> str:
    """A place's name without the cue written before it (حي الدويلعة -> الدويلعة) or a saint's
    title a second mention may drop (القديس مار إلياس -> مار إلياس): one place, one key."""
    first, _, rest = name.partition(" ")
    if rest and normalize(first) in cues()["loc_cues"]:
        name = rest
    first, _, rest = name.partition(" ")
    return rest if rest and normalize(first) in cues()["saint_optional"] else name


def _rekey(mentions: list[tuple], records: dict[str, EntityRecord], same: dict[str, str]) -> None:
    """Give the mentions of each key in ``same`` the key it maps to; the old keys' records go."""
    if same:
        mentions[:] = [(s, e, t, same.get(k, k), r, h) for s, e, t, k, r, h in mentions]
        for k in same:
            records.pop(k, None)


_WORD = re.compile(r"\w+")


def _anaphors(text: str, mentions: list[tuple], adjectives: dict[str, str], kb: KB | None = None) -> list[tuple]:
    """``وقالت الوزارة``, ``ودعت المنظمة``, ``وأكدت الحركة``: a definite head noun alone stands for
    the organisation last named before it whose name holds that noun (``anaphoric_heads``), as
    written or in another of its names the knowledge base knows (حماس, then الحركة: حركة حماس), so
    that quotes and actions read who spoke or acted. An adjective or a genitive after it
    (الوزارة الروسية, الوكالة الدولية للطاقة) names another body; so does an unnamed antecedent."""
    c = cues()
    known: dict[str, frozenset[str]] = {}

    def bare_words(names: list[str]) -> frozenset[str]:
        return frozenset(x[2:] if x.startswith("ال") else x for n in names for x in n.split())

    def named_words(a: int, b: int, key: str) -> frozenset[str]:
        if key not in known:
            actor = kb.actors.get(key[3:]) if kb is not None and key.startswith("kb:") else None
            known[key] = bare_words([normalize(x) for x in actor.aliases]) if actor else frozenset()
        return known[key] | bare_words([text[a:b]])

    heads = c["anaphoric_heads"]
    orgs = sorted((s, e, k) for s, e, t, k, _, h in mentions if t == "ORG" and k)
    if not orgs:
        return []
    taken = Overlaps([(s, e) for s, e, *_ in mentions])
    words = list(_WORD.finditer(text))
    out = []
    for i, m in enumerate(words):
        w = m.group()
        # الوزارة, والوزارة, بالوزارة, للوزارة: the head with its clitics, the mention from its article
        found = next(((p, st) for p, st in proclitic_splits(w) if st in heads
                      or p.endswith(("ال", "لل")) and "ال" + st in heads), None)
        if found is None:
            continue
        p, st = found
        if st in heads:
            head, s = st, m.start() + len(p)
        else:  # the article, or لل, begins the mention
            head, s = "ال" + st, m.start() + len(p) - 2
        e = m.end()
        if taken.any(s, e):
            continue
        if i + 1 < len(words) and not text[m.end():words[i + 1].start()].strip():
            nxt = words[i + 1].group()
            if nxt in adjectives or nxt in c["institution_adjectives"] or nxt.startswith("لل") \
                    or nxt.startswith("ال") and nxt.endswith(c["nisba_endings"]):
                # الوزارة الروسية, الحكومة الانتقالية, الوكالة للطاقة: another body named, unless the
                # head and its adjective open the name of the body last named (اللجنة الدولية after
                # اللجنة الدولية للصليب الأحمر): its short name
                short = normalize(text[s:words[i + 1].end()])
                prior = [(a, k) for a, b, k in orgs if b <= s and normalize(text[a:b]).startswith(short + " ")]
                if prior and not (i + 2 < len(words) and not text[words[i + 1].end():words[i + 2].start()].strip()
                                  and _names_on(words[i + 2].group(), c)):
                    out.append((s, words[i + 1].end(), "ORG", max(prior)[1], None, "anaphor"))
                continue
        noun = head[2:]
        prior = [(a, k) for a, b, k in orgs if b <= s and noun in named_words(a, b, k)]
        if prior:
            key = max(prior)[1]
            out.append((s, e, "ORG", key, None, "anaphor"))
    return out


def _title_anaphors(text: str, mentions: list[tuple]) -> list[tuple]:
    """``ورفض الوزير اتهامات النقابة``: a definite one-word title alone (الوزير, المبعوث, السفير)
    right after a verb (name_cues.json speech_verbs and clause_verbs), with no name, adjective or
    genitive after it, stands for the one person named before it, in his own sentence, after a
    title of the same kind (``roles.titled_with``: وزير التربية الوطنية شكيب بنموسى for الوزير; a
    prime minister is no الرئيس), so that actions read who acted. Two such people named before, or
    none, leave it unread; a title that is someone else's (مستشار الوزير, نجل الرئيس) does not count."""
    forms = titles_data()[0]
    heads = {f for f in forms if f.startswith("ال") and " " not in f}
    c = cues()
    verbs = c["speech_verbs"]  # with the clause verbs (رفض, اتهم, التقى)
    people = sorted((s, e, k) for s, e, t, k, _, _ in mentions if t == "PERSON" and k)
    if not people:
        return []
    taken = Overlaps([(s, e) for s, e, *_ in mentions])
    words = list(_WORD.finditer(text))
    out = []
    for i, m in enumerate(words):
        found = next(((p, st) for p, st in proclitic_splits(m.group()) if st in heads), None)
        if found is None:
            continue
        s, e = m.start() + len(found[0]), m.end()
        if taken.any(s, e) or i + 1 < len(words) and not text[e:words[i + 1].start()].strip() and (
                words[i + 1].group().startswith("ال") or taken.any(*words[i + 1].span())):
            continue  # الوزير الروسي, الوزير بنموسى: a role or a name of its own
        before = words[i - 1].group() if i > 0 and not text[words[i - 1].end():s].strip() else ""
        if found[0] or not any(st in verbs for _, st in proclitic_splits(before)):
            continue  # only the subject right after its verb (ورفض الوزير), not أنصار الرئيس or للوزير
        held = {k for a, b, k in people if b <= s and titled_with(text, a, forms[found[1]], verbs)}
        if len(held) == 1:
            out.append((s, e, "PERSON", held.pop(), None, "anaphor"))
    return out


def _titled_here(reading: RoleReading, titled_at: dict[int, RoleReading], mentions: list[tuple]) -> str | None:
    """The one person this article named, before the role, right after the same role (وزير
    الطاقة التركي سليم دوغاناي ... وقال وزير الطاقة التركي): the role stands for him when the
    knowledge base knows no holder. Two such people, or none, leave it a role."""
    at = {s: k for s, _, t, k, _, _ in mentions if t == "PERSON" and k}
    held = {at[p] for p, r in titled_at.items() if p < reading.start and r.role == reading.role and p in at}
    return held.pop() if len(held) == 1 else None


def _names_on(word: str, c: dict) -> bool:
    """Does ``word``, right after a head and its adjective, carry the name on (a genitive with a
    glued ل or ب, للطاقة, بلبنان, or another adjective, الخاصة)? Then they name another body
    (اللجنة الدولية لتقصي الحقائق, المحكمة الجنائية الخاصة بلبنان), not a short name."""
    return word[:1] in _GLUED_PREPOSITIONS or word.startswith("ال") and (
        word.endswith(c["nisba_endings"]) or word.endswith(c["nisba_feminine"]))


_GLUED_PREPOSITIONS = tuple(load_json("clitics.json")["glued_prepositions"])


def _hamza_not_name(raw: str, skip: int | None, c: dict) -> bool:
    """A word that reads as a listed given name only once its hamza is dropped (بأول is 'in the
    first', باول is Paul): written with a hamza the list does not give it, it is that other word."""
    if skip is None:
        return False
    stem = raw[skip:]
    return stem not in c["first_names_raw"] and any(h in stem for h in c["hamza_letters"])


_DIGITS = re.compile(r"\d+")
_NUMBER_AFTER = re.compile(r" \d")


def _numbered_unit(text: str, h: Hit, c: dict) -> bool:
    """A title hit that ends in a unit's head before its number (اللواء 444, آمر اللواء 444):
    there the head names a unit, not a rank, and no one is titled."""
    return bool(_NUMBER_AFTER.match(text, h.end)) and text[h.start:h.end].rsplit(" ", 1)[-1] in c["unit_heads"]


_DOTTED = re.compile(r"\.([\u0621-\u064a]{1,5})(?![\u0621-\u064a])")


def _dotted_end(text: str, end: int, letters: frozenset[str]) -> int:
    """The end of a name whose last word spells a Latin letter, run on over more letters joined
    to it by dots (بنك يو.بي.اس): the text's words stop at the first dot, the name does not."""
    if text[text.rfind(" ", 0, end) + 1:end] not in letters:
        return end
    e = end
    while (m := _DOTTED.match(text, e)) and m.group(1) in letters:
        e = m.end()
    return e


_CHAIN = re.compile(r"(?<![\u0621-\u064a.])([\u0621-\u064a]{1,5}(?:\.[\u0621-\u064a]{1,5})+)(?![\u0621-\u064a])")


def _acronyms(text: str, letters: frozenset[str], org_cues: frozenset[str]) -> list[Found]:
    """Latin letters spelt in Arabic and joined by dots (يو.بي.اس, سي.ان.ان) are an organisation's
    name: three of them anywhere (المحلل لدى يو.بي.اس), two right after an organisation cue, which
    says what it is (بنك, شبكة); two elsewhere may be a person's initials (جيه.دي)."""
    out = []
    for m in _CHAIN.finditer(text):
        parts = m.group(1).split(".")
        if all(p in letters for p in parts) \
                and (len(parts) >= 3 or (text[max(0, m.start() - 40):m.start()].split() or [""])[-1] in org_cues):
            out.append(Found(m.start(), m.end(), "ORG", 1, how="context", rank=2))
    return out


def _bracketed_orgs(text: str, mentions: list[tuple]) -> dict[str, str]:
    """An organisation named in full with its short name in brackets (وكالة الأنباء السورية (سانا))
    is one organisation: a full name the knowledge base lacks takes the short name's entry, an
    unknown short name the full name's."""
    orgs = sorted((m for m in mentions if m[2] == "ORG" and m[3]), key=lambda m: m[0])
    starts = {m[0]: m for m in orgs}
    same: dict[str, str] = {}
    for _s, e, _typ, key, _role, _how in orgs:
        m = _SHORT_NAME.match(text, e)
        inner = starts.get(m.start(1)) if m else None
        if inner is None or inner[1] != m.end(1) or inner[3] == key:
            continue
        if key.startswith("unk:") and inner[3].startswith("kb:"):
            same[key] = inner[3]
        elif inner[3].startswith("unk:"):  # the short name is the full name's
            same[inner[3]] = key
    return same


def _latin_short_names(text: str, mentions: list[tuple], original: Callable[[int, int], str]) -> list[tuple]:
    """An organisation's Latin short name in brackets right after its Arabic name (هيئة عمليات
    التجارة البحرية البريطانية (UKMTO)) is a mention of it, though no finder reads Latin letters
    as a name of their own. Written in capitals: a lower-case word in brackets is a note (video)."""
    begun = {m[0] for m in mentions}
    out = []
    for _s, e, typ, key, _role, how in mentions:
        if typ == "ORG" and key and how != "role" and (m := _SHORT_NAME.match(text, e)) and m.group(1).isascii() \
                and m.start(1) not in begun and original(m.start(1), m.end(1)).isupper():
            out.append((m.start(1), m.end(1), "ORG", key, None, "short name"))
    return out


def _shorter_orgs(text: str, mentions: list[tuple], adjectives: dict[str, str]) -> dict[str, str]:
    """An organisation the text has named with its country (المجلس الدستوري الموريتاني, نقابة المعلمين
    الأردنيين) or a title
    adjective (السلطة الوطنية المستقلة للانتخابات) and names again without it (المجلس الدستوري,
    السلطة الوطنية للانتخابات) is one organisation: the shorter unknown name takes the longer
    one's entity. Three words at least must remain (المحكمة العليا is not المحكمة الدستورية العليا)."""
    groups = group_lexicon()

    def national(w: str) -> bool:  # الأردني, or its plural (نقابة المعلمين الأردنيين)
        return nationality(w, adjectives, groups) is not None
    full: dict[str, str] = {}  # normalised name -> key, for names that end in country adjectives
    for s, e, typ, key, _, _ in mentions:
        words = text[s:e].split()
        if typ == "ORG" and key and len(words) >= 3 and national(words[-1]):
            k = len(words) - 1
            while k > 2 and national(words[k - 1]):
                k -= 1
            full.setdefault(" ".join(words[:k]), key)
    same = {key: full[text[s:e]] for s, e, typ, key, _, _ in mentions
            if typ == "ORG" and key and key.startswith("unk:") and text[s:e] in full and full[text[s:e]] != key}
    # السلطة الوطنية المستقلة للانتخابات, then السلطة الوطنية للانتخابات: the same name less a title
    # adjective; the fullest name of each core (its words without title adjectives) is the one kept
    institution = cues()["institution_adjectives"]
    fullest: dict[str, tuple[int, str]] = {}
    cores = []
    for s, e, typ, key, _, _ in mentions:
        words = text[s:e].split()
        core = [w for i, w in enumerate(words) if i == 0 or normalize(w) not in institution]
        if typ == "ORG" and key and len(core) >= 2:
            c = " ".join(core)
            cores.append((c, key))
            if len(words) > fullest.get(c, (0, ""))[0]:
                fullest[c] = (len(words), key)
    for c, key in cores:
        if key.startswith("unk:") and fullest[c][1] != key and key not in same:
            same[key] = fullest[c][1]
    return same


def _father_name_alone(text: str, mentions: list[tuple], named: list[tuple[str, str, int]]) -> dict[str, str]:
    """``ابن سلمان`` after ``محمد بن سلمان``: a lineage word and the name after it, standing alone,
    are the person named before in full whose name ends with them, when only one person is."""
    nasab = cues()["nasab"]
    same: dict[str, str] = {}
    for s, e, typ, key, _, _ in mentions:
        words = text[s:e].split()
        if typ != "PERSON" or not key or not key.startswith("unk:") or len(words) != 2 or words[0] not in nasab:
            continue
        fuller = [(pos, k) for surface, k, pos in named if pos < s and k != key and len(ws := surface.split()) >= 3
                  and ws[-2] in nasab and ws[-1] == words[1]]
        if len({k for _, k in fuller}) == 1:  # محمد بن زايد and منصور بن زايد: بن زايد stays unknown
            same[key] = fuller[0][1]
    return same


def _name_begun(text: str, mentions: list[tuple]) -> dict[str, str]:
    """``عبد العالي حساني`` beside ``عبد العالي حساني شريف``: an unknown person's name of two words
    or more that opens the longer name of one other person in the text is that person (a last
    name dropped). Not when two people share the opening (جاسم بن حمد آل ثاني, جاسم بن حمد
    العطية), nor an opening that ends on a lineage word (محمد بن)."""
    nasab = cues()["nasab"]
    return _part_of_longer(text, mentions, lambda ws: ws[-1] not in nasab, lambda ws, n: ws[:n])


def _name_ended(text: str, mentions: list[tuple]) -> dict[str, str]:
    """``دي جاكومو`` after ``فلافيو دي جاكومو``, ``أبو بكر`` after ``عبد الناصر أبو بكر``, ``عبد الغني``
    after ``حيان عبد الغني``: an unknown person's surname of two words, a particle, lineage word or
    compound name's first word first, that ends the longer name of one other person in the text
    is that person (the given name dropped). Not any two last
    words (أحمد حسن ends محمد أحمد حسن as a father's and grandfather's names), nor an ending two
    people share (محمد بن زايد, منصور بن زايد)."""
    c = cues()
    particles = c["surname_particles"] | c["nasab"]
    return _part_of_longer(text, mentions, lambda ws: ws[0] in particles or len(ws) == 2 and ws[0] in c["given_prefixes"],
                           lambda ws, n: ws[-n:])


def _middle_dropped(text: str, mentions: list[tuple]) -> dict[str, str]:
    """``خالد السبيعي`` after ``خالد عبدالله السبيعي``, ``عبد العزيز الهاجري`` after ``عبد العزيز بن
    خالد الهاجري``: an unknown person's name whose last word ends, and whose other words open, the
    longer name of exactly one other person in the text is that person (a father's name dropped).
    The last word must look like a family name, with the article or a nisba ending: a given name
    there (محمد علي, أحمد حسن) may be a father's, another man; nor does a name opening with a
    particle that is no given name's first part (بن سلمان) count."""
    c = cues()
    return _part_of_longer(
        text, mentions,
        lambda ws: (has_article(ws[-1]) or ws[-1].endswith(c["nisba_endings"])) and len(ws[-1]) >= 4
        and ws[-1] not in c["first_names"] and ws[-1] not in c["given_names_like_words"]
        and (ws[0] not in c["particles"] or ws[0] in c["given_prefixes"]),
        lambda ws, n: ws[:n - 1] + ws[-1:])


def _part_of_longer(text: str, mentions: list[tuple], fits: Callable[[tuple[str, ...]], bool],
                    part: Callable[[tuple[str, ...], int], tuple[str, ...]]) -> dict[str, str]:
    """Unknown person keys whose name (two words or more, ``fits``) is ``part`` of the longer name
    of exactly one other person named in the text -> that person's key."""
    names = {(tuple(one_spelling(w) for w in text[s:e].split()), key)  # بن امبارك ends جوهر بن مبارك
             for s, e, typ, key, _, _ in mentions if typ == "PERSON" and key}
    same: dict[str, str] = {}
    for words, key in names:
        if not key.startswith("unk:") or len(words) < 2 or not fits(words):
            continue
        longer = {k for ws, k in names if len(ws) > len(words) and part(ws, len(words)) == words and k != key}
        if len(longer) == 1:
            same[key] = next(iter(longer))
    return same


def _nickname_after(text: str, pos: int) -> tuple[int, int] | None:
    """A nickname given right after a person's name: المعروف بـ"حميدتي", or a name in brackets
    (Lai Ching-te) / (حميدتي). Returns its normalised span."""
    k = pos
    while k < len(text) and text[k] in " ،,":
        k += 1
    if text.startswith("(", k):
        m = _BRACKETED.match(text, k)
        return (m.start(1), m.end(1)) if m else None
    for cue in cues()["nickname_cues"]:
        if text.startswith(cue, k):
            m = _NICKNAME.match(text, k + len(cue))
            if m:
                g = m.lastindex or 1
                return m.start(g), m.end(g)
    return None


def _next_person(text: str, pos: int, starts: dict[int, str]) -> bool:
    """Does a person's name follow ``pos``, maybe after a rank (الناطق باسم الجيش العميد فلان)?"""
    k = pos
    while k < len(text) and text[k] in " ،,":
        k += 1
    if starts.get(k) != "PERSON" and (m := _WORDS.match(text, k)) and m.group() in cues()["ranks"]:
        k = m.end() + 1 if text[m.end():m.end() + 1] == " " else k
    return starts.get(k) == "PERSON"


def _contained_aliases(known: tuple[str, ...], seen: list[str]) -> list[str]:
    """KB forms written inside a form seen in the text (فرانس برس in وكالة فرانس برس): they
    were seen too, as words of the longer name."""
    seen_n = [" " + " ".join(_WORDS.findall(normalize(x))) + " " for x in seen]
    have = {normalize(x) for x in seen}
    out = []
    for a in known:
        n = normalize(a)
        if n not in have and any(f" {n} " in x for x in seen_n):
            out.append(a)
            have.add(n)
    return out


def _sentence_of(norm: NormText, doc: Document, pos: int) -> tuple[int, int]:
    """Normalised span of the sentence holding normalised offset ``pos``."""
    o = norm.offsets[pos]
    for sent in doc.sentences:
        if sent.start <= o < sent.end:
            return bisect_left(norm.offsets, sent.start), bisect_left(norm.offsets, sent.end)
    return pos, pos


# A piece of text the tagger reads at once: up to a sentence end, a line break or 600 characters.
_SEGMENT = re.compile(r"[^\n.!?؟]{1,600}[.!?؟]?")


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    return frozenset(normalize(w) for w in cues()["not_names"])


@lru_cache(maxsize=1)
def _never_voted() -> frozenset[str]:
    """Words a document's repeats never make a person's name of: they stand for many people."""
    c = cues()
    return frozenset().union(*(c[k] for k in ("first_names", "stop_words", "not_names", "particles", "honorifics",
                                               "regnal_numbers", "split_suffixes")), c["person_titles"])


def _tagger_read(text: str, res: Resources) -> tuple[list[tuple[int, int, str]], list[Odds]]:
    """The trained tagger's names in ``text`` (read in sentence-sized pieces: a one-line page is no
    million-token sequence) and each token's odds."""
    tg = tagger(str(res.config.get("entities", {}).get("tagger", "")))
    spans: list[tuple[int, int, str]] = []
    odds: list[Odds] = []
    if tg is None:
        return spans, odds
    for m in _SEGMENT.finditer(text):
        found, read = tg.read(m.group())
        at = m.start()
        spans += [(at + sp.start, at + sp.end, sp.type) for sp in found]
        odds += [o._replace(start=at + o.start, end=at + o.end) for o in read]
    return spans, odds


def _tokens_in(odds: list[Odds], starts: list[int], s: int, e: int) -> list[Odds]:
    """The tagged tokens that overlap [s, e); ``starts`` are their starts."""
    i = max(0, bisect_left(starts, s) - 1)
    return [t for t in odds[i:bisect_left(starts, e)] if t.start < e and t.end > s]


def _no_place(text: str, f: Found, odds: list[Odds], starts: list[int], doubt: float) -> bool:
    """Is a place a cue rule read after its cue word (منطقة الجزاء, قرية عائمة, مسجد يعتبر) made
    only of words the tagger knows and holds, with P(outside) >= ``doubt``, to lie outside any
    name? A given name or a saint's word in it (كنيسة مار إلياس) keeps it, and so does a cue that
    names a settlement (``named_place_cues``: مدينة طويلة)."""
    toks = _tokens_in(odds, starts, f.start, f.end)
    if not toks or not all(t.known and t.outside >= doubt for t in toks):
        return False
    c = cues()
    j = f.start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    i = j
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    cue = normalize(text[i:j])  # the word before the find
    if any(stem in c["named_place_cues"] for _, stem in proclitic_splits(cue)):  # بمدينة طويلة
        return False
    words = [normalize(text[t.start:t.end]) for t in toks]
    return not any(w in c["saints"] or first_name_stem(w) is not None for w in words)


def _doubted(text: str, rules: list[Found], odds: list[Odds], doubt: float, end_doubt: float,
             place_doubt: float = 1.0, given_at: frozenset[int] = frozenset()) -> list[Found]:
    """The person names the cue rules read, checked against the tagger where it is sure a word is
    no name: a find after a title whose first word has P(outside) >= ``doubt`` is dropped
    (قرر الرئيس تعليق فرض, أجرى الأمير جلسة مباحثات رسمية), and words at the end of any person
    find with P(outside) >= ``end_doubt`` are taken off (the verb in الرئيس عبد العالي حساني حصل,
    or in a name read from its given name: عبد الرحمن القحطاني نجح), never down to a lineage
    word (بيرام ولد), nor a family name with the article after a lineage (سالم بن حمد الحارثي); a
    name after a title is cut down to one word only at ``doubt`` (رجل
    الأعمال كمال لطيف keeps لطيف, a word that is also an adjective). A find read from a given
    name, or opening with a known one, keeps it and one more word (the tagger is sure of too
    little on names it never saw: المرشح العياشي زمال), and so does one opening with a given name
    spelt like a word (``given_at``: الشيخ حكمت الهجري) or written with the article (المحافظ
    الصديق الكبير). The doubt counts only for a word the
    tagger's word classes hold: on a word it never met it is sure from the spelling alone (وزير
    التربية الوطنية شكيب بنموسى, P(outside) 1.0 for شكيب). A place read after its cue word goes
    when the tagger is sure of all its words (``place_doubt``, see ``_no_place``). Measured on
    held-out newswire: trimming organisations and places word by word as names are (منطقة
    الجنوب, but also كنيسة مار إلياس) lost more than it gained."""
    if not odds or min(doubt, end_doubt, place_doubt) >= 1:  # 1 = never
        return rules
    nasab, suffixes = cues()["nasab"], cues()["name_suffixes"]  # حسن فضل الله keeps الله
    starts = [t.start for t in odds]
    out = []
    for f in rules:
        if f.how == "context" and f.type == "LOC" and f.rank == 2 and place_doubt < 1 \
                and _no_place(text, f, odds, starts, place_doubt):
            continue
        if f.how != "context" or f.type != "PERSON" or f.rank > 1:
            out.append(f)
            continue
        toks = _tokens_in(odds, starts, f.start, f.end)
        if not toks:
            out.append(f)
            continue
        first = text[toks[0].start:toks[0].end]
        given = first_name_stem(first) is not None or toks[0].start in given_at or f.rank == 1 \
            or normalize(first) in cues()["article_given_names"]  # only read so after a title
        if doubt < 1 and toks[0].outside >= doubt and toks[0].known and not given:
            continue  # a name starts right after its title: this is no name
        k = len(toks)
        # a name after a title cut down to one word needs the surer doubt (رجل الأعمال كمال لطيف)
        while k > 1 + given and (need := end_doubt if k > 2 else doubt) < 1 \
                and toks[k - 1].outside >= need and toks[k - 1].known \
                and normalize(text[toks[k - 2].start:toks[k - 2].end]) not in nasab \
                and not (k >= 4 and normalize(text[toks[k - 3].start:toks[k - 3].end]) in nasab
                         and has_article(normalize(text[toks[k - 1].start:toks[k - 1].end]))) \
                and normalize(text[toks[k - 1].start:toks[k - 1].end]) not in suffixes:
            k -= 1
        out.append(f if k == len(toks) else replace(f, end=min(f.end, toks[k - 1].end), words=k))
    return out


def _voted(text: str, odds: list[Odds], floor: float, skip: frozenset[str]) -> dict[str, list[Odds]]:
    """Words the tagger, over the whole document, holds to be a person's name: a word written
    alone at least twice whose odds of being part of a person's name average ``floor`` or more,
    where each reading alone falls short (اينشتاين ten times in one article, at 0.3 to 0.5 each).
    A document names its people consistently; the tagger reads one sentence at a time. Words in
    ``skip`` (given names, titles, function words) are never voted: they stand for many people.
    Only the places where the word stands alone are returned: next to another word the tagger
    gives such odds, or after a particle (بن مبارك), it is part of a longer name (توفيق الحكيم)
    that is no business of a vote."""
    if floor >= 1:
        return {}
    particles = cues()["particles"]
    by_word: dict[str, list[int]] = {}
    for i, o in enumerate(odds):
        w = text[o.start:o.end]
        if len(w) >= 3 and w.isalpha() and w not in skip:
            by_word.setdefault(w, []).append(i)

    def joined(i: int, j: int) -> bool:  # tokens i < j with only spaces between
        return 0 <= i and j < len(odds) and not text[odds[i].end:odds[j].start].strip()

    out = {}
    for w, at in by_word.items():
        if len(at) < 2 or sum(odds[i].person for i in at) / len(at) < floor:
            continue
        alone = [odds[i] for i in at if not (joined(i - 1, i) and (odds[i - 1].person >= floor
                                                                   or text[odds[i - 1].start:odds[i - 1].end] in particles))
                 and not (joined(i, i + 1) and odds[i + 1].person >= floor)]
        if alone:
            out[w] = alone
    return out


def _vote_end(text: str, s: int, e: int, typ: str, voted: dict[str, list[Odds]], odds: list[Odds],
              starts: list[int]) -> int:
    """Where a name at [s, e) ends: a person's name that opens with a word the document votes a
    name and runs on into words the tagger holds to lie outside any name (سيمونوف روايته,
    اينشتاين مدرسا) ends after that word. ``starts`` are the tokens' starts."""
    first = text[s:e].split(" ", 1)[0]
    if typ == "PERSON" and len(first) < e - s and first in voted:
        rest = _tokens_in(odds, starts, s + len(first) + 1, e)
        if rest and all(o.outside >= 0.5 for o in rest):
            return s + len(first)
    return e


def _person_after_scope(text: str, s: int, e: int, typ: str) -> tuple[int, int, str]:
    """An organisation read on from the scope of a title into the name after it (الأمين العام
    المساعد ``للاتحاد سامي الطاهري``, الناطق باسم ``المنظمة سامي الطاهري``): the scope is written
    with ل and the article, or is one word with the article right after a title's connector
    (باسم), and a given name opens the rest, which is the person."""
    if typ != "ORG":
        return s, e, typ
    prev, lil = None, load_json("clitics.json")["genitive_article"]
    before = text[max(0, s - 12):s].split()
    after_connector = bool(before) and normalize(before[-1]) in titles_data()[1]
    for n, m in enumerate(_WORDS.finditer(text, s, e)):
        if prev is not None and (prev.startswith(lil) or n == 1 and after_connector and prev.startswith("ال")) \
                and first_name_stem(m.group()) is not None and m.end() < e:
            return m.start(), e, "PERSON"
        prev = m.group()
    return s, e, typ


def _without_particle_end(text: str, s: int, e: int, typ: str) -> tuple[int, int, str]:
    """The span less a last word that opens a name (عبد, أبو, بن: الوزارة عبد -> الوزارة) or is a
    proclitic written apart (اينشتاين ب ميلفا -> اينشتاين)."""
    words = text[s:e].split()
    c = cues()
    if len(words) > 1 and (normalize(words[-1]) in c["particles"] or normalize(words[-1]) in c["split_proclitics"]):
        e = s + len(text[s:e].rstrip()[:-len(words[-1])].rstrip())
    return s, e, typ


def _glued_given(w: str) -> bool:
    """A word that is و glued on a listed given name (ومحمد), not a given name itself (وليد); not
    ف, which opens many a foreign surname (رالف فينس)."""
    return w[:1] == cues()["and"] and first_name_stem(w) == 1


def _at_glued_given(text: str, s: int, e: int, typ: str, person_ends: frozenset[int] = frozenset()
                    ) -> tuple[int, int, str]:
    """A person's name ending before a given name glued on with و that opens a name of its own
    (خالد العلي ومحمد الأحمد are two people; مراد وهبه, a surname, stays), and less a و glued on
    its first word when the rest is a listed given name (وعبدالله بن محمد), or right after another
    person's name (عادل فتحي وحازم إمام), unless the word is a given name as written (وليد, واصف)."""
    if typ != "PERSON":
        return s, e, typ
    words = list(_WORDS.finditer(text, s, e))
    first = words[0].group() if words else ""
    glued_and = first[:1] == cues()["and"] and len(first) > 3 and first_name_stem(first) != 0
    after_name = text[s - 1:s] == " " and s - 1 in person_ends
    if len(words) > 1 and (_glued_given(first) or glued_and and after_name):
        s += 1
    for i in range(1, len(words) - 1):
        if _glued_given(words[i].group()):
            return s, words[i - 1].end(), typ
    return s, e, typ


def _without_function_start(text: str, s: int, e: int, typ: str, given_at: frozenset[int] = frozenset()
                            ) -> tuple[int, int, str]:
    """The span less first words that are function words, a و/ف glued on or not (فإن الغزواني ->
    الغزواني), or a proclitic written apart as a clitic-split text writes it (ل اينشتاين), but not a
    given name written as one (علي, at an offset in ``given_at``; not على): the tagger sometimes
    starts a name a word early."""
    c = cues()
    stop = c["stop_words"]
    while " " in text[s:e]:
        first = text[s:e].split(" ", 1)[0]
        w = normalize(first)
        if w in c["split_proclitics"]:
            s += len(first) + 1
            continue
        if (w not in stop and bare(w) not in stop) or (w in c["given_names_like_words"] and s in given_at):
            break  # علي is no على
        s += len(first) + 1
    return s, e, typ


def _without_verb_start(text: str, s: int, e: int, typ: str) -> tuple[int, int, str]:
    """A person's name less a first word that is و or ف glued on a past verb spelt like a given
    name (name_cues.json verbs_like_given_names) where a clause starts, at the text's start or
    after a full stop, a line break or a comma: وطالب العبوشي بتوفير is العبوشي's demand, not
    a man called طالب العبوشي. Written alone, or inside a sentence, the word stays a name."""
    if typ != "PERSON" or " " not in text[s:e]:
        return s, e, typ
    c = cues()
    first = text[s:e].split(" ", 1)[0]
    w = normalize(first)
    before = text[:s].rstrip(" ")
    if w[:1] in c["conjunctions"] and w[1:] in c["verbs_like_given_names"] \
            and (not before or before[-1] in ".!?\n\u060c\u061b\u061f,;:"):
        return s + len(first) + 1, e, typ
    return s, e, typ


def _cued_type(text: str, s: int, e: int, typ: str) -> tuple[int, int, str]:
    """A person's name opened by a place or organisation cue word is that place or organisation
    (the tagger's ``شاطئ ليدو``, ``حزب ...`` as a person)."""
    if typ == "PERSON" and " " in text[s:e]:
        c = cues()
        first = normalize(text[s:e].split(" ", 1)[0])
        if first in c["loc_cues"]:
            return s, e, "LOC"
        if first in c["org_cues"]:
            return s, e, "ORG"
    return s, e, typ


def _without_run_on(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Person names less a last word the name ran on into (``اينشتاين مدرسا``, ``الحكيم يرى``):
    the rest of the name stands elsewhere in the text with no such word after it, the word is
    no given name, particle or name suffix, and no other name read here holds it."""
    c = cues()
    person_words: dict[str, int] = {}
    for s, e, typ in spans:
        if typ == "PERSON":
            for w in text[s:e].split():
                person_words[w] = person_words.get(w, 0) + 1
    out = []
    for s, e, typ in spans:
        words = text[s:e].split()
        if typ == "PERSON" and len(words) >= 2:
            last, core = words[-1], text[s:e].rstrip()[:-len(words[-1])].rstrip()
            w = normalize(last)
            if " " not in core and normalize(core) not in c["first_names"] \
                    and person_words.get(last, 0) == 1 and w not in c["first_names"] and w not in c["particles"] \
                    and w not in c["name_suffixes"] and len(w) >= 3 \
                    and any(m.start() != s and not text.startswith(" " + last, m.end())
                            for m in re.finditer(r"(?<!\w)" + re.escape(core) + r"(?!\w)", text)):
                out.append((s, s + len(core), typ))
                continue
        out.append((s, e, typ))
    return out


def _without_common_end(text: str, s: int, e: int, never: frozenset[str]) -> tuple[int, int]:
    """[s, e) less the indefinite common nouns (``not_names``) at its end: a tagger's name never
    ends on one (أجرى الرئيس الروسي اتصالا هاتفيا: no name; وقفا فوريا: no place). Empty when every
    word is one. The start is kept, since some of these open a name (مجلس الأمة, ابن سلمان), and a
    definite one is kept unless alone, since many names end on one (محمد الأمين)."""
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
    while words and (w := normalize(text[slice(*words[-1])])) in never \
            and (len(words) == 1 or not has_article(w)):
        words.pop()
    return (words[0][0], words[-1][1]) if words else (e, e)


def _without_described_end(text: str, s: int, e: int, typ: str, adjectives: dict[str, str]) -> int:
    """The end of an organisation (the tagger's or a cue rule's) less a country adjective after a
    word written without the article (ميلان الإيطالي, جامعة ريكو اليابانية): it says where the named
    body is from, as NewsFANE marks it, and is no part of its name; after a definite word it is
    (الجيش اللبناني)."""
    if typ != "ORG":
        return e
    words = text[s:e].split()
    if len(words) < 2 or normalize(words[-1]) not in adjectives or has_article(normalize(words[-2])):
        return e
    return s + len(text[s:e].rstrip()[:-len(words[-1])].rstrip())


def _tagged(text: str, spans: list[tuple[int, int, str]], taken: list[tuple[int, int]],
            rules: list[Found], odds: list[Odds], org_doubt: float, given_at: frozenset[int] = frozenset(),
            adjectives: dict[str, str] | None = None) -> list[Found]:
    """The tagger's names (``spans``) on words the knowledge base has not taken. They rank before
    the cue rules' finds (measured better on held-out newswire), except where a rule reads a
    longer name of the same kind around them (روبرت فرنسيس بريفوست). A name never ends on a
    particle (المتحدث باسم الوزارة عبد المتين: not الوزارة عبد). An organisation with a word
    the tagger gives at least ``org_doubt`` odds of lying outside any name is left out: a third
    of its organisations are right, and those it doubts almost never are."""
    person_ends = frozenset(e for _, e, typ in spans if typ == "PERSON")
    spans = [_person_after_scope(text, *_cued_type(text, *_without_verb_start(text, *_without_particle_end(
        text, *_at_glued_given(text, *_without_function_start(text, s, e, typ, given_at), person_ends)))))
        for s, e, typ in spans]
    spans = [(s, _without_described_end(text, s, e, typ, adjectives or {}), typ) for s, e, typ in spans]
    # a lone word that is part of a longer name here (وقال كوفاتش after بيتر كوفاتش) is left to the
    # surname rules, which know when it is ambiguous
    multi = [(s, e) for s, e, _ in spans if " " in text[s:e]] + [(f.start, f.end) for f in rules] + taken
    in_names = {w for s, e in multi for w in text[s:e].split() if " " in text[s:e]}
    in_keys = {name_key(w) for w in in_names}  # شينكر after ديفيد شنكر: the same surname spelt otherwise
    person_words = {w for f in rules if f.type == "PERSON" and " " in text[f.start:f.end]
                    for w in text[f.start:f.end].split()[1:]}
    out = []
    by_start = sorted(rules, key=lambda f: f.start)
    starts = [f.start for f in by_start]
    widest = max((f.end - f.start for f in rules), default=0)
    busy = Overlaps(taken)
    never = _never_names()
    tok_starts = [t.start for t in odds]
    for s, e, typ in spans:
        s, e = _without_common_end(text, s, e, never)
        if s >= e:
            continue
        if typ == "ORG" and max((t.outside for t in _tokens_in(odds, tok_starts, s, e)), default=0.0) >= org_doubt:
            continue
        around = by_start[bisect_left(starts, s - widest):bisect_right(starts, s)]  # rules that may contain [s, e)
        longer = any(f.type == typ and e <= f.end and f.end - f.start > e - s for f in around)
        lone = " " not in text[s:e] and (text[s:e] in in_names or name_key(text[s:e]) in in_keys)
        # بوري التحالف after هارديب سينغ بوري: an organisation opening with a person's surname is
        # the surname and the word after it, left to the surname rules
        lone = lone or typ == "ORG" and text[s:e].split(" ", 1)[0] in person_words
        if not longer and not lone and not busy.any(s, e):
            out.append(Found(s, e, typ, len(text[s:e].split()), how="tagger", rank=-1))
    return out


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    m = matchers(res)
    kb = m.kb
    norm: NormText = normalize_map(doc.text)
    text = norm.text.replace("\n", " ").replace("\t", " ")
    lined = norm.text.replace("\t", " ")  # line breaks kept: discovery never reads a name across them

    def orig(s: int, e: int) -> tuple[int, int]:
        return norm.span(s, e)

    def ok(s: int, e: int) -> bool:
        return _in_body(doc, *orig(s, e))

    kb_hits = []
    descriptors = cues()["descriptor_heads"]
    heads_of = {"ORG": descriptors, "LOC": cues()["place_descriptor_heads"] | cues()["place_kind_heads"]}
    kind_heads = cues()["kind_heads"]
    club_words, team_heads = descriptors | cues()["club_cues"], cues()["team_heads"]
    tagged, odds = _tagger_read(lined, res)
    tok_starts = [o.start for o in odds]
    place_kinds = cues()["place_kind_heads"]
    # a place's mention left without its kind word (مدينة صور -> صور): where the full form starts,
    # for its alias (the name alone may be a common word: صور, الجزيرة, العين)
    kind_from: dict[int, int] = {}
    for h, a in _kb_hits(text, m):
        if kb.actors[a].type == "PERSON" and _given_of_another(text, h, kb.actors[a], odds, tok_starts):
            continue
        if kb.actors[a].type == "PERSON":
            ps, pe = _person_span(text, h)
            h = Hit(ps, pe, text[ps:pe], h.values)
        elif (head := text[h.start:h.end].split(" ", 1)[0]) != text[h.start:h.end] and (
                head in heads_of.get(kb.actors[a].type, ())  # نادي الهلال, دولة الكويت, مدينة صور: the name is what follows
                or (head in kind_heads and text[h.start + len(head) + 1:h.end] in _own_forms(kb.actors[a]))):
            if head in place_kinds:
                kind_from[h.start + len(head) + 1] = h.start
            h = Hit(h.start + len(head) + 1, h.end, text[h.start + len(head) + 1:h.end], h.values)
        if ok(h.start, h.end):
            kb_hits.append((h, a))
    ent_at = {h.start: h for h, _ in kb_hits}
    kb_spans = [(h.start, h.end) for h, _ in kb_hits]
    kb_busy = Overlaps(kb_spans)
    c = cues()
    titles: list[tuple[Hit, str | None]] = []
    for h in m.titles.find(text):
        if not ok(h.start, h.end) or kb_busy.any(h.start, h.start + 1) or _numbered_unit(text, h, c):
            continue
        tid = next((v[len(_TITLE):] for v in h.values if v.startswith(_TITLE)), None)
        titles.append((h, tid))
    readings: list[tuple[RoleReading | None, Hit]] = []
    for h, tid in titles:
        readings.append((read_role(text, h, tid, ent_at, kb) if tid else None, h))
    title_spans = [(h.start, h.end) for h, _ in titles]

    mentions: list[tuple[int, int, str, str | None, str | None, str]] = []  # s, e, type, key, role, how
    records: dict[str, EntityRecord] = {}
    person_at: dict[int, str] = {}
    people: list[tuple[int, int]] = []

    def record_kb(aid: str) -> str:
        a = kb.actors[aid]
        if a.key not in records:
            records[a.key] = EntityRecord(a.key, a.name, a.type, a.name_ar, a.country, [])
        return a.key

    def surnames_of(named: list[tuple[str, str, int]], alone: bool = False) -> dict[str, list[tuple[int, str]]]:
        """Normalised surname -> (where first named in full, person key) of each person with
        that surname here, first named first. The last word after a particle (آل ثاني, بن فرحان,
        عبد الله) is no surname of its own; a surname suffix makes a two-word surname (إمام أوغلو),
        and so does a surname particle before the last word (دي ميستورا, أبو الغيط).
        With ``alone``, a name of one word counts as a surname too. A last word that is also a given
        name is a surname only in a name of two words (حازم قاسم); in longer ones it may be a father's."""
        found: dict[str, dict[str, int]] = {}
        for surface, key, pos in named:
            ws = surface.split()
            if len(ws) >= 3 and ws[-1] in c["name_suffixes"]:
                found.setdefault(" ".join(ws[-2:]), {}).setdefault(key, pos)
                continue
            if len(ws) >= 3 and ws[-2] in c["surname_particles"] and len(ws[-1]) >= 3:
                found.setdefault(" ".join(ws[-2:]), {}).setdefault(key, pos)  # دي جاكومو, أبو بكر
                continue
            if len(ws) < (1 if alone else 2) or (len(ws) >= 2 and ws[-2] in c["particles"]):
                continue
            last = ws[-1]
            given_too = last in c["first_names"] and len(ws) != 2  # a given name, no surname, ends this name
            if len(last) >= 3 and not given_too and last not in c["stop_words"] \
                    and last not in c["not_names"] and last not in c["regnal_numbers"]:
                held = found.setdefault(last, {})
                held[key] = min(pos, held.get(key, pos))
        return {w: sorted((p, k) for k, p in ks.items()) for w, ks in found.items()}

    def given_of(named: list[tuple[str, str, int]]) -> dict[str, list[tuple[int, str]]]:
        """Normalised given name -> (where first named in full, person key), for people named with
        two words or more whose first word is no particle or honorific: that word, or the two
        words of a compound given name written as one (عبد الله الثاني -> عبدالله)."""
        found: dict[str, dict[str, int]] = {}
        for surface, key, pos in named:
            ws = surface.split()
            if len(ws) >= 3 and ws[0] in c["given_prefixes"]:
                ws = [ws[0] + ws[1], *ws[2:]]
            if len(ws) < 2 or ws[0] in c["particles"] or ws[0] in c["honorifics"] or len(ws[0]) < 3:
                continue
            held = found.setdefault(ws[0], {})
            held[key] = min(pos, held.get(key, pos))
        return {w: sorted((p, k) for k, p in ks.items()) for w, ks in found.items()}

    def add_person(s: int, e: int, key: str, how: str) -> None:
        mentions.append((s, e, "PERSON", key, None, how))
        person_at[s] = "PERSON"
        people.append((s, e))

    named: list[tuple[str, str, int]] = []
    sporty = _sports_report(text)
    clubs: list[Hit] = []  # a known place after a descriptor head or club cue (نادي فالنسيا): a team named after it
    for h, aid in kb_hits:
        if kb.actors[aid].type == "LOC":
            if _descriptor_before(text, h.start, club_words) is not None:
                clubs.append(h)
                continue
            if (team := _descriptor_before(text, h.start, team_heads)) is not None:
                clubs.append(Hit(team, h.end, text[team:h.end], h.values))  # منتخب فرنسا: the national team
                continue
            if sporty and _playing(text, h, kb.actors[aid], kb.adjectives, clubs):
                clubs.append(h)  # تعادل مع ضيفه ليفربول, الفوز على كوريا الجنوبية: the team
                continue
        key = record_kb(aid)
        if kb.actors[aid].type == "PERSON":
            add_person(h.start, h.end, key, "kb")
            named.append((text[h.start:h.end], key, h.start))
        else:
            mentions.append((h.start, h.end, kb.actors[aid].type, key, None, "kb"))

    # surnames of KB people first (الرئيس عون after جوزيف عون), so discovery never reads them
    # as the start of another name
    given_at = frozenset(w.start for w in words_of(text) if w.text in c["given_names_like_words"]
                         and doc.text[slice(*orig(w.start, w.end))] in c["given_names_like_words_raw"])
    not_given_at = frozenset(w.start for w in words_of(text) if (given_stem := first_name_stem(w.text)) is not None
                             and _hamza_not_name(doc.text[slice(*orig(w.start, w.end))], given_stem, c))
    pre = Discoverer(text, kb_spans + title_spans, kb.adjectives)
    kb_surnames = surnames_of(named)
    repeat_spans = []
    for s_, e_, key in pre.repeats(kb_surnames) + pre.given_repeats(given_of(named)):
        if ok(s_, e_):
            add_person(s_, e_, key, "repeat")
            repeat_spans.append((s_, e_))

    places = [(h.start, h.end) for h, a in kb_hits if kb.actors[a].type == "LOC" and h not in clubs]
    disc = Discoverer(lined, kb_spans + title_spans + repeat_spans, kb.adjectives, people, given_at, places,
                      not_given_at)
    found: list[Found] = []
    for reading, h in readings:
        end = reading.end if reading else h.end
        country = reading.scope if reading and reading.scope_is_country else None
        named_after = text[:h.start].split()[-1:]  # جسر الملك الحسين, مستشفى الملك فهد: a place's name
        if named_after and (named_after[0] in c["loc_cues"] or named_after[0] in c["thing_cues"]
                            or named_after[0] in c["institution_heads"]):
            continue
        f = disc.after_title(end, country)
        if f:
            found.append(f)
        if (before := disc.before_title(h.start, country)) is not None:
            found.append(before)
    found += disc.by_first_name()
    found += disc.orgs_and_places()
    found += disc.institutions()
    found += _acronyms(lined, c["letter_names"], c["org_cues"])
    ecfg = res.config.get("entities", {})
    titled = Overlaps(title_spans + kb_spans)
    voted = {w: places for w, places in _voted(text, odds, float(ecfg.get("person_vote", 1.0)), _never_voted()).items()
             if first_name_stem(w) is None and not any(titled.any(o.start, o.end) for o in places)}
    found = [f if (e_ := _vote_end(lined, f.start, f.end, f.type, voted, odds, tok_starts)) == f.end
             else replace(f, end=e_, words=1) for f in found]
    tagged = _without_run_on(lined, [(s_, _vote_end(lined, s_, e_, t_, voted, odds, tok_starts), t_)
                                     for s_, e_, t_ in tagged])
    found = _doubted(lined, found, odds, float(ecfg.get("rule_doubt", 1.0)), float(ecfg.get("rule_end_doubt", 1.0)),
                     float(ecfg.get("place_doubt", 1.0)), given_at)
    found = [f if (cut := _at_glued_given(lined, f.start, f.end, f.type))[:2] == (f.start, f.end)
             else replace(f, start=cut[0], end=cut[1], words=len(lined[cut[0]:cut[1]].split())) for f in found]
    found = [f if (e_ := _without_described_end(lined, f.start, f.end, f.type, kb.adjectives)) == f.end
             else replace(f, end=e_, words=len(lined[f.start:e_].split())) for f in found]
    found = _tagged(lined, tagged, kb_spans + title_spans + repeat_spans, found, odds,
                    float(ecfg.get("org_doubt", 1.0)), given_at, kb.adjectives) + found
    kept: list[Found] = []
    chosen, person_ends = Disjoint(), set()
    for f in sorted(found, key=lambda f: (f.rank, -(f.end - f.start), f.start)):
        if f.rank == 1 and text[f.start - 1:f.start] == " " and f.start - 1 in person_ends:
            continue  # a given name right after a name is part of it (علي يرلي كايا), no name of its own
        if (dotted := _dotted_end(text, f.end, c["letter_names"])) != f.end:
            cue, _, rest = text[f.start:f.end].partition(" ")
            f = replace(f, end=dotted)
            if cue in c["org_cues"] and " " not in rest:  # بنك يو.بي.اس: the cue says what UBS is
                f = replace(f, start=f.start + len(cue) + 1, words=1)
        if ok(f.start, f.end) and chosen.free(f.start, f.end):
            kept.append(f)
            chosen.add(f.start, f.end)
            if f.type == "PERSON":
                person_ends.add(f.end)

    def key_of(s: int, e: int, typ: str, country: str | None = None) -> str:
        """The entity a name found at [s, e) is: a knowledge-base actor its spelling leads to
        alone, else a new one keyed by its spelling."""
        surface = text[s:e]
        if typ == "ORG" and (numbers := _DIGITS.findall(surface)):  # اللواء 444 is not اللواء 93: keys drop digits
            tkey = name_key(surface.removeprefix("ال")) + "-" + "-".join(numbers)  # للواء 93 is اللواء 93
        else:
            tkey = name_key(_without_place_cue(surface) if typ == "LOC" else surface)
        kb_ids = m.translit.get(_script(surface) + tkey, set()) if typ == "PERSON" else set()
        if typ == "PERSON" and not kb_ids:  # an article dropped inside, or a middle name left out
            kb_ids = m.loose.get(_loose_key(surface), set()) or _shortened(m, surface)
        if len(kb_ids) == 1:
            return record_kb(next(iter(kb_ids)))
        # a person's key drops the article of a family name ending three words or more: Arabic news
        # writes it with or without (هشام عبد الرحمن الشناوي, هشام عبدالرحمن شناوي), one man either way
        key = f"unk:{typ}:{name_key(surface, family=True) if typ == 'PERSON' else tkey}"
        if key not in records:
            a, b = orig(s, e)
            records[key] = EntityRecord(key, doc.text[a:b], typ, doc.text[a:b], country, [])
        return key

    for h in clubs:
        mentions.append((h.start, h.end, "ORG", key_of(h.start, h.end, "ORG"), None, "context"))
    for f in kept:
        surface = text[f.start:f.end]
        key = key_of(f.start, f.end, f.type, f.country)
        if f.type == "PERSON":
            add_person(f.start, f.end, key, f.how)
            named.append((surface, key, f.start))
        else:
            mentions.append((f.start, f.end, f.type, key, None, f.how))

    for find in (lambda: _father_name_alone(text, mentions, named), lambda: _name_begun(text, mentions),
                 lambda: _name_ended(text, mentions), lambda: _middle_dropped(text, mentions)):
        same = find()
        _rekey(mentions, records, same)
        named[:] = [(w, same.get(k, k), at) for w, k, at in named]  # later repeats take the kept key
    disc.cov = Overlaps(disc.cov.spans + [(f.start, f.end) for f in kept])
    # a one-word name the tagger found (كانافارو) is that person wherever else the word stands alone
    later = {w: k for w, k in surnames_of(named, alone=True).items() if w not in kb_surnames}
    spelt = float(ecfg.get("respelt_doubt", 1.0))
    repeats = disc.repeats(later)
    respelt = {r for r in repeats if spelt < 1 and text[r[0]:r[1]] not in later
               and any(t.known and t.outside >= spelt for t in _tokens_in(odds, tok_starts, r[0], r[1]))}
    for s_, e_, key in repeats + disc.given_repeats(given_of(named)):
        if (s_, e_, key) in respelt:
            continue  # met by its consonants alone (عيان for عنان), and a word the tagger knows as no name
        if ok(s_, e_) and not disc.cov.any(s_, e_):
            add_person(s_, e_, key, "repeat")
            disc.cov.add((s_, e_))

    # a word the article repeats that the tagger, over all of its places, reads as a person's name
    full: dict[str, set[str]] = {}  # the rest of each longer name read here, by its first word (توفيق -> الحكيم)
    by_surname: dict[str, set[str]] = {}  # who each surname, however spelt, names here (الغوزاني, الغزواني)
    for surface, key, _ in named:
        first, _, rest = surface.partition(" ")
        if rest:
            full.setdefault(first, set()).add(" " + rest)
            by_surname.setdefault(name_key(surface.split()[-1]), set()).add(key)
    for w, places in voted.items():
        holders = by_surname.get(name_key(w), set())
        if len(holders) > 1:
            continue  # the surname of two people named here: it names neither alone
        for o in places:
            if any(text.startswith(rest, o.end) for rest in full.get(w, ())):
                continue  # the first word of a longer name read elsewhere, here unread
            if ok(o.start, o.end) and not disc.cov.any(o.start, o.end):
                key = next(iter(holders)) if len(holders) == 1 else key_of(o.start, o.end, "PERSON")
                add_person(o.start, o.end, key, "vote")
                disc.cov.add((o.start, o.end))

    # nicknames given right after a person's name are that person (المعروف بـ"حميدتي")
    taken = sorted((x[0], x[1]) for x in mentions)
    for _, e_, typ, key, _, _ in list(mentions):
        if typ != "PERSON" or not key:
            continue
        nick = _nickname_after(text, e_)
        if nick and ok(*nick) and not any(a < nick[1] and nick[0] < b and (a, b) != nick for a, b in taken):
            if not any((a, b) == nick for a, b in taken):
                add_person(nick[0], nick[1], key, "nickname")
            else:  # the tagger read the nickname as a name of its own: it is this person's
                mentions[:] = [(s_, t_, "PERSON", key, r_, "nickname") if (s_, t_) == nick and h_ == "tagger"
                               else (s_, t_, ty_, k_, r_, h_) for s_, t_, ty_, k_, r_, h_ in mentions]

    titled_at: dict[int, RoleReading] = {}  # where a name begins right after a title -> the title
    for reading, _h in readings:
        if reading is None or reading.role is None:
            continue
        if _next_person(text, reading.end, person_at):
            if person_at.get(reading.end + 1):
                titled_at[reading.end + 1] = reading
            continue
        if disc.name_start(reading.end) in person_at:
            continue  # the holder is named after what the title is of
        if deputy_before(doc.text, orig(reading.start, reading.end)[0]):
            continue  # نائب وزير الخارجية: the minister's deputy, whoever the minister is
        if not ok(reading.start, reading.end):
            continue
        now = current(text, reading, _sentence_of(norm, doc, reading.start), doc.published)
        holder = resolve(reading, kb, doc.published) if now else None
        if now and holder is None and not doc.published:
            # undated: the role stands for the one person named here who ever held it
            held = {k for _, k, _ in named if ever_held(reading, kb, k[3:])}
            holder = held.pop()[3:] if len(held) == 1 else None
        if holder:
            key = record_kb(holder)
            mentions.append((reading.start, reading.end, kb.actors[holder].type, key, reading.role, "role"))
        elif now and (here := _titled_here(reading, titled_at, mentions)) is not None:
            # a title standing for the man named with it, like a bare one (الوزير): no name of his
            mentions.append((reading.start, reading.end, "PERSON", here, reading.role, "anaphor"))
        else:
            mentions.append((reading.start, reading.end, "ROLE", None, reading.role, "role"))

    _rekey(mentions, records, _bracketed_orgs(text, mentions))
    mentions += _latin_short_names(text, mentions, lambda s_, e_: doc.text[slice(*orig(s_, e_))])
    _rekey(mentions, records, _shorter_orgs(text, mentions, kb.adjectives))
    mentions += _anaphors(text, mentions, kb.adjectives, kb)
    mentions += _title_anaphors(text, mentions)
    for s, e, typ, key, role, how in sorted(mentions):
        a, b = orig(s, e)
        surface = doc.text[a:b]
        analysis.mentions.append(Mention(a, b, surface, typ, entity=key, role=role, how=how))
        if not key or how == "role" or how == "anaphor" and typ == "PERSON":
            continue  # a title standing for its holder (الوزير) is no name of his
        forms = [doc.text[slice(*orig(kind_from[s], e))] if s in kind_from else surface]
        if (wide := _designated(text, s, e, typ, kb.adjectives)) is not None and ok(*wide):
            forms.append(doc.text[slice(*orig(*wide))])
        if s in titled_at and key.startswith("kb:") and ever_held(titled_at[s], kb, key[3:]):
            forms.append(doc.text[slice(*orig(titled_at[s].start, e))])  # ملك الأردن عبدالله الثاني, as written
        for form in forms:
            if form not in records[key].aliases:
                records[key].aliases.append(form)
    for key, rec in records.items():
        if key.startswith("kb:"):
            actor = kb.actors[key[3:]]
            rec.aliases += _contained_aliases(actor.aliases + actor.cued, rec.aliases)
        if key in analysis.entities:
            for al in rec.aliases:
                if al not in analysis.entities[key].aliases:
                    analysis.entities[key].aliases.append(al)
        else:
            analysis.entities[key] = rec
