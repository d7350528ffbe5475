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

from bisect import bisect_left
from dataclasses import dataclass, field

from marsad.extract.discover import Discoverer, Found, cues, first_name_stem
from marsad.extract.kb import KB, get_kb
from marsad.extract.names import Hit, NameAutomaton
from marsad.extract.roles import RoleReading, current, read_role, resolve, titles_data
from marsad.extract.translit import name_key, word_key
from marsad.resources import Resources
from marsad.text.normalize import NormText, normalize, normalize_map
from marsad.types import Analysis, Document, EntityRecord, Mention

_CUED = "cued:"
_TITLE = "title:"
_CUE = "cue"


@dataclass
class Matchers:
    kb: KB
    names: NameAutomaton
    titles: NameAutomaton
    translit: dict[str, set[str]] = field(default_factory=dict)  # full-name key -> KB person ids


def _build(res: Resources) -> Matchers:
    kb = get_kb(res)
    forms: list[tuple[str, str]] = []
    translit: dict[str, set[str]] = {}
    for a in kb.actors.values():
        forms += [(f, a.id) for f in a.aliases]
        forms += [(f, _CUED + a.id) for f in a.cued]
        if a.type == "PERSON":
            for f in a.aliases:
                if len(normalize(f).split()) >= 2:
                    translit.setdefault(name_key(f), set()).add(a.id)
    title_forms, _, _ = titles_data()
    tforms = [(f, _TITLE + t) for f, t in title_forms.items()]
    tforms += [(f, _CUE) for f in cues()["person_titles"]]
    return Matchers(kb, NameAutomaton(forms), NameAutomaton(tforms), translit)


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


def _kb_hits(text: str, m: Matchers) -> list[tuple[Hit, str]]:
    """KB hits with the one actor each names; ambiguous forms and uncued common words dropped."""
    cued_words = cues()["cued_org_words"]
    out = []
    for h in m.names.find(text):
        ids = set()
        for v in h.values:
            if v.startswith(_CUED):
                prev = _prev_word(text, h.start)
                if prev in cued_words or (prev[:1] in "وفلب" and prev[1:] in cued_words):
                    ids.add(v[len(_CUED):])
            else:
                ids.add(v)
        if len(ids) != 1:
            continue
        aid = ids.pop()
        actor = m.kb.actors[aid]
        if actor.type == "PERSON" and " " not in h.key:
            # a surname after someone else's given name is someone else (فلاديمير أوشاكوف vs يوري)
            prev = _prev_word(text, h.start)
            if prev and text[h.start - 1] == " " and first_name_stem(prev) is not None:
                full = normalize(prev[first_name_stem(prev):] + " " + h.key)
                if not any(normalize(a) == full for a in actor.aliases):
                    continue
        out.append((h, aid))
    return out


def _next_person(text: str, pos: int, starts: dict[int, str]) -> bool:
    k = pos
    while k < len(text) and text[k] in " ،,":
        k += 1
    return starts.get(k) == "PERSON"


def _contained_aliases(known: tuple[str, ...], seen: list[str]) -> list[str]:
    """KB forms written inside a form seen in the text (فرانس برس in وكالة فرانس برس): they
    were seen too, as words of the longer name."""
    seen_n = [f" {normalize(x)} " for x in seen]
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


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    m = matchers(res)
    kb = m.kb
    norm: NormText = normalize_map(doc.text)
    text = norm.text.replace("\n", " ").replace("\t", " ")

    def orig(s: int, e: int) -> tuple[int, int]:
        return norm.span(s, e)

    def ok(s: int, e: int) -> bool:
        return _in_body(doc, *orig(s, e))

    kb_hits = [(h, a) for h, a in _kb_hits(text, m) if ok(h.start, h.end)]
    ent_at = {h.start: h for h, _ in kb_hits}
    kb_spans = [(h.start, h.end) for h, _ in kb_hits]
    titles: list[tuple[Hit, str | None]] = []
    for h in m.titles.find(text):
        if not ok(h.start, h.end) or any(a <= h.start < b for a, b in kb_spans):
            continue
        tid = next((v[len(_TITLE):] for v in h.values if v.startswith(_TITLE)), None)
        titles.append((h, tid))
    readings: list[tuple[RoleReading | None, Hit]] = []
    for h, tid in titles:
        readings.append((read_role(text, h, tid, ent_at, kb) if tid else None, h))

    disc = Discoverer(text, kb_spans + [(h.start, h.end) for h, _ in titles], kb.adjectives)
    found: list[Found] = []
    for reading, h in readings:
        end = reading.end if reading else h.end
        country = reading.scope if reading and reading.scope_is_country else None
        f = disc.after_title(end, country)
        if f:
            found.append(f)
    found += disc.by_first_name()
    found += disc.orgs_and_places()
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if ok(f.start, f.end) and all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)

    mentions: list[tuple[int, int, str, str | None, str | None, str]] = []  # s, e, type, key, role, how
    records: dict[str, EntityRecord] = {}
    person_at: dict[int, str] = {}

    def record_kb(aid: str) -> str:
        a = kb.actors[aid]
        if a.key not in records:
            records[a.key] = EntityRecord(a.key, a.name, a.type, a.name_ar, a.country, [])
        return a.key

    surnames: dict[str, set[str]] = {}
    c = cues()

    def add_surname(surface: str, key: str) -> None:
        ws = surface.split()
        if len(ws) < 2:
            return
        last = ws[-1]
        if len(last) >= 3 and last not in c["first_names"] and last not in c["stop_words"] \
                and last not in c["not_names"]:
            surnames.setdefault(word_key(last), set()).add(key)

    for h, aid in kb_hits:
        key = record_kb(aid)
        mentions.append((h.start, h.end, kb.actors[aid].type, key, None, "kb"))
        if kb.actors[aid].type == "PERSON":
            person_at[h.start] = "PERSON"
            add_surname(text[h.start:h.end], key)
    for f in kept:
        surface = text[f.start:f.end]
        tkey = name_key(surface)
        kb_ids = m.translit.get(tkey, set()) if f.type == "PERSON" else set()
        if len(kb_ids) == 1:
            key = record_kb(next(iter(kb_ids)))
        else:
            key = f"unk:{f.type}:{tkey}"
            if key not in records:
                a, b = orig(f.start, f.end)
                records[key] = EntityRecord(key, doc.text[a:b], f.type, doc.text[a:b], f.country, [])
        mentions.append((f.start, f.end, f.type, key, None, f.how))
        if f.type == "PERSON":
            person_at[f.start] = "PERSON"
            add_surname(surface, key)

    disc.cov = sorted(disc.cov + [(f.start, f.end) for f in kept])
    for s, e, key in disc.repeats({w: next(iter(ks)) for w, ks in surnames.items() if len(ks) == 1}):
        if ok(s, e):
            mentions.append((s, e, "PERSON", key, None, "repeat"))
            person_at[s] = "PERSON"

    for reading, _h in readings:
        if reading is None or reading.role is None or _next_person(text, reading.end, person_at):
            continue
        if not ok(reading.start, reading.end):
            continue
        holder = resolve(reading, kb, doc.published) if current(
            text, reading, _sentence_of(norm, doc, reading.start), doc.published) else None
        if holder:
            key = record_kb(holder)
            mentions.append((reading.start, reading.end, kb.actors[holder].type, key, reading.role, "role"))
        else:
            mentions.append((reading.start, reading.end, "ROLE", None, reading.role, "role"))

    for s, e, typ, key, role, how in sorted(mentions):
        a, b = orig(s, e)
        surface = doc.text[a:b]
        analysis.mentions.append(Mention(a, b, surface, typ, entity=key, role=role, how=how))
        if key and how != "role" and surface not in records[key].aliases:
            records[key].aliases.append(surface)
    for key, rec in records.items():
        if key.startswith("kb:"):
            rec.aliases += _contained_aliases(kb.actors[key[3:]].aliases, rec.aliases)
        if key in analysis.entities:
            for al in rec.aliases:
                if al not in analysis.entities[key].aliases:
                    analysis.entities[key].aliases.append(al)
        else:
            analysis.entities[key] = rec
