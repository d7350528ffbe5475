"""Incremental event linking: each new article joins an existing event or opens a new one.

Articles are taken in arrival order and never re-clustered. Candidate events come from an
inverted index (``event_keys``: distinctive words and entities) restricted to a window
around the article's *happening* date, so the cost per article depends on how much news
falls in that window, not on the size of the archive. Each candidate is scored by TF-IDF
similarity of stemmed words (leads weigh more), shared entities, agreeing or clashing facts,
dates, weekdays, years and kinds of happening; the fitted join model (``join_model``) decides.
A report that joins is checked for being a wire copy of an earlier member
(``marsad.link.copies``). The SQL lives in ``marsad.store.linking``; this module decides. The event's
date and the profile that scoring reads (centroid, entities, lead words, fact values) change
as each article joins; its title, summary and cross-source fact table, which no decision
reads, are computed once per batch (``Deferred``) exactly as they would have been after the
event's last join. Events are then threaded into stories (``marsad.link.stories``). One
decision waits for the batch end too: an undated event is dated by its thread
(``thread_date``), so reports linked later in the same batch still see it undated.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from marsad.extract.facts import unit_dimension
from marsad.lang.ar import load_json
from marsad.link import stories
from marsad.link.copies import Fingerprint, fingerprint, original_of
from marsad.link.cues import (
    Cues,
    appointees,
    appointment_clash,
    background_spans,
    date_ahead,
    month_day,
    month_days_apart,
    ongoing_kinds,
    ordinal_clash,
    read_cues,
    recalled_date,
    weekday_distance,
)
from marsad.link.factable import _range, _slacks, fact_table, generic_whats, measure_slacks, rounded_range
from marsad.link.happening import days_between, happening_date, report_years, shift
from marsad.link.join_model import JoinModel
from marsad.link.join_model import load as load_model
from marsad.link.lead import lead_of
from marsad.link.profile import EventProfile, MemberNote
from marsad.link.similarity import cosine, cosine_to, doc_terms, is_fresh, profile_lengths, top, weigh
from marsad.link.summary import Member, make_title, summarise
from marsad.resources import Resources
from marsad.store import linking as db


class Frequencies:
    """Document frequencies of words (``w:``) and entities (``e:``), cached for one batch.

    Every change to the cache is stamped with a ``tick`` so that ``idf_at`` can give the
    weights exactly as they were at an earlier moment of the batch (deferred titles and
    summaries must weigh words as they would have been weighed when the event last changed;
    a term not yet loaded then counts as unseen, as ``idf`` had it)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.cache: dict[str, int] = {}
        self.n = db.linked_count(conn)
        self.tick = 0
        self.seen_at: dict[str, int] = {}  # tick at which a term entered the cache
        self.bumps: dict[str, list[int]] = {}  # ticks at which its count grew
        self.adds: list[int] = []  # ticks at which n grew
        self.memo: dict[str, dict[str, float]] = {}  # prefix -> idf of its terms at the current counts
        self.loaded: dict[str, set[str]] = {}  # prefix ("w:", "e:") -> its terms in the cache
        self.unsaved: Counter = Counter()  # counts added since ``save``: the store gets them at once

    def load(self, keys: set[str]) -> None:
        missing = [k for k in keys if k not in self.cache]
        if missing:
            self.tick += 1
            for k in missing:
                for prefix, memo in self.memo.items():
                    if k.startswith(prefix):
                        memo.pop(k[len(prefix):], None)
        found = db.term_counts(self.conn, missing)
        for k in missing:
            self.cache[k] = found.get(k, 0)
            self.seen_at[k] = self.tick
            self.loaded.setdefault(k[:2], set()).add(k[2:])

    def load_terms(self, groups: Iterable[tuple[str, Iterable[str]]]) -> None:
        """``load`` of the keys ``prefix + term`` of each (prefix, terms) group, in one step. A profile
        is loaded again for every article it is scored against: its terms are checked against
        ``loaded`` (in C for a group all loaded) and only missing ones are made into keys."""
        keys: set[str] = set()
        for prefix, terms in groups:
            have = self.loaded.get(prefix, set())
            if not have.issuperset(terms):
                keys.update(prefix + t for t in terms if t not in have)
        if keys:  # nothing missing: ``load`` would neither tick nor ask the store
            self.load(keys)

    def add_document(self, keys: set[str]) -> None:
        self.load(keys)
        self.unsaved.update(keys)
        self.unsaved[""] += 1
        self.tick += 1
        for k in keys:
            self.cache[k] += 1
            self.bumps.setdefault(k, []).append(self.tick)
        self.n += 1
        self.adds.append(self.tick)
        self.memo = {}  # a new dict: an idf function made before keeps its own

    def save(self) -> None:
        """Write the counts added since the last save. Until then only this cache holds them, and
        it holds every term it counted, so no read of the store can miss them."""
        db.add_counts(self.conn, self.unsaved)
        self.unsaved = Counter()

    def idf(self, prefix: str):
        """IDF at the current counts; each term's value is computed once until the counts change.

        The function carries its memo (``f.memo``, term -> value) so that the similarity loops
        read known terms without a call per term."""
        n, cache = self.n, self.cache
        memo = self.memo.get(prefix)
        if memo is None:
            memo = self.memo[prefix] = {}

        def f(term: str) -> float:
            v = memo.get(term)
            if v is None:
                v = memo[term] = math.log((n + 1) / (cache.get(prefix + term, 0) + 1)) + 1.0
            return v
        f.memo = memo  # type: ignore[attr-defined]
        return f

    def idf_at(self, prefix: str, tick: int):
        """``idf(prefix)`` as it was when ``self.tick`` was ``tick``."""
        if tick >= self.tick:
            return self.idf(prefix)
        n = self.n - (len(self.adds) - bisect.bisect_right(self.adds, tick))
        memo: dict[str, float] = {}

        def f(term: str) -> float:
            v = memo.get(term)
            if v is None:
                k = prefix + term
                seen = self.seen_at.get(k)
                df = 0
                if seen is not None and seen <= tick:
                    b = self.bumps.get(k)
                    df = self.cache[k] - (len(b) - bisect.bisect_right(b, tick) if b else 0)
                v = memo[term] = math.log((n + 1) / (df + 1)) + 1.0
            return v
        return f


class Deferred:
    """Title, summary and fact table of the events a batch changed, and titles of its stories.

    No join or merge decision reads them, so they are computed once, at the end of the batch,
    from the event's state at its last change (``events``: event id -> frequency tick then).
    The batch end also dates the undated events of the stories it placed events in
    (``threads``, ``thread_date``), which later batches read.
    A story whose title falls back to its first event's title waits for that title
    (``stories``: story id -> that event's id, or the title itself once the event is merged away).
    It also keeps the batch's parsed candidate profiles (``profile``) and the features of the
    reports consolidation scores again (``features``)."""

    PARSED_MAX = 1024

    def __init__(self) -> None:
        self.events: dict[str, int] = {}
        self.stories: dict[str, str | tuple[str]] = {}
        self.parsed: dict[str | None, EventProfile] = {}  # stored JSON -> its profile, while unchanged
        self.features: dict[str, DocFeatures] = {}  # a stray report's features, while consolidation re-reads it
        self.threads: set[str] = set()  # stories an event of the batch was placed in (thread_date reads them)

    def profile(self, text: str | None) -> EventProfile:
        """``EventProfile.from_json(text)``, kept: the same candidates come up for article after
        article, and parsing one (summary and fact table included) cost more than scoring it.
        ``link_one`` drops the profiles it is about to change."""
        data = self.parsed.get(text)
        if data is None:
            if len(self.parsed) >= self.PARSED_MAX:
                del self.parsed[next(iter(self.parsed))]  # the oldest
            data = self.parsed[text] = EventProfile.from_json(text)
        return data

    def merged_away(self, conn: sqlite3.Connection, other: str, odata: EventProfile, freq: Frequencies,
                    cfg: dict) -> None:
        """``other`` is about to be folded into another event: stories waiting on its title get it now."""
        tick = self.events.pop(other, None)
        waiting = [s for s, ref in self.stories.items() if ref == other]
        if tick is None or not waiting:
            return
        title, _ = _refresh(conn, other, replace(odata), freq, cfg, tick)
        for s in waiting:
            self.stories[s] = (title,)

    def finish(self, conn: sqlite3.Connection, freq: Frequencies, cfg: dict) -> None:
        window = cfg["story_window_days"]
        for eid, tick in self.events.items():
            row = db.event(conn, eid)
            if row is None:
                continue
            data = EventProfile.from_json(row["data"])
            dated = None if row["date"] else thread_date(conn, row["story_id"], data, window)
            title, _ = _refresh(conn, eid, data, freq, cfg, tick)
            if dated is None:
                db.save_title(conn, eid, title, data.to_json())
            else:
                db.save_event(conn, eid, dated, data.kind, data.to_json(), title)
                db.redate_keys(conn, eid, dated)
        # an undated event of an earlier batch whose thread this batch dated (the kidnapping, once
        # the release is in): dated now, as had both come in one batch
        for sid in sorted(self.threads):
            for eid in db.undated_events_in_story(conn, sid):
                row = db.event(conn, eid)
                if eid in self.events or row is None:
                    continue
                data = EventProfile.from_json(row["data"])
                if (dated := thread_date(conn, sid, data, window)) is not None:
                    db.save_event(conn, eid, dated, data.kind, data.to_json())
                    db.redate_keys(conn, eid, dated)
        for sid, ref in self.stories.items():
            if isinstance(ref, tuple):
                title = ref[0]
            else:
                title = db.event_title(conn, ref)
            db.set_story_title(conn, sid, title)
        self.events.clear()
        self.stories.clear()
        self.threads.clear()


@dataclass
class DocFeatures:
    id: str
    published: str | None
    date: str | None
    date_how: str
    other_dates: list[str]
    words: Counter
    entities: Counter
    facts: list[dict[str, Any]]
    wvec: dict[str, float] = field(default_factory=dict)
    evec: dict[str, float] = field(default_factory=dict)
    lead: Counter = field(default_factory=Counter)  # stemmed words of the headline and lead
    lvec: dict[str, float] = field(default_factory=dict)
    cues: Cues = field(default_factory=lambda: Cues(frozenset(), frozenset(), None))
    years: frozenset[int] = frozenset()  # the years the report may be written in, as its text tells (report_years)
    level_lead: bool = False  # its headline or first two sentences state a day's level (an ounce's price)
    # its measures of the happening (a quake's magnitude): those of its headline and first
    # sentence when they state one, else all (a later sentence may recall another quake's)
    measures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def month_day(self) -> str | None:
        """'MM-DD' of the happening: that of its date from the text, else the day its lead writes
        out with a weekday but no year (an undated wire's ``الجمعة 11 أبريل``)."""
        return self.date[5:10] if self.date and self.date_how == "times" else self.cues.month_day


def _sentence_start(starts: list[int], at: int) -> int:
    """Start of the sentence holding offset ``at``, given the sentences' starts in text order."""
    i = bisect.bisect_right(starts, at) - 1
    return starts[i] if i >= 0 else 0


def features(conn: sqlite3.Connection, doc: sqlite3.Row, cfg: dict) -> DocFeatures:
    spans = db.sentence_spans(conn, doc["id"])
    text = doc["text"]
    if not spans:
        spans = [(0, len(text) if doc["body_end"] is None else doc["body_end"])]
    lead = lead_of(text, doc["title"], spans, cfg["lead_sentences"], cfg["lead_min_words"], cfg["headline_max_words"])
    head = [lead.headline] if lead.headline else []
    words = doc_terms(text, spans, 0, 1.0)
    lead_words = doc_terms(text, head + lead.sentences, 0, 1.0)
    if doc["title"]:
        lead_words.update(doc_terms(doc["title"], [(0, len(doc["title"]))], 0, 1.0))
    words.update({t: c * (cfg["lead_weight"] - 1.0) for t, c in lead_words.items()})
    ents = Counter(db.entity_mentions(conn, doc["id"]))
    times = db.times(conn, doc["id"])
    cue_spans = head + lead.sentences[:1]
    cues = read_cues(text, cue_spans, times)
    if doc["title"]:
        t = read_cues(doc["title"], [(0, len(doc["title"]))], [])
        cues = Cues(cues.kinds | t.kinds, cues.ordinals | t.ordinals, cues.weekday)
    appointed = appointees(text, head + lead.sentences[:2], db.person_mentions(conn, doc["id"]))
    if appointed:
        cues = replace(cues, appointees=appointed)
    starts = [0] + [a for a, _ in lead.body] if head else [a for a, _ in lead.body] or [0]
    recalled = background_spans(text, spans)  # sentences recalling an earlier happening: not its date
    span_starts = [a for a, _ in spans]
    told = [t for t in times if not any(a <= t["start"] < b for a, b in recalled)
            and not recalled_date(text, _sentence_start(span_starts, t["start"]), t)]
    ahead = [t for t in times if date_ahead(text, _sentence_start(span_starts, t["start"]), t)]
    date, how, others = happening_date(told, starts, doc["published"], cfg, cues.weekday, ahead)
    if date is None and (day := month_day(text, cue_spans, told)) is not None:
        cues = replace(cues, month_day=day[0], month_day_weekday=day[1])
    facts = db.doc_facts(conn, doc["id"])
    levels = _slacks()
    level_lead = any(f["what"] in levels and any(a <= f["start"] < b for a, b in head + lead.sentences[:2])
                     for f in facts)
    kinds = measure_slacks()
    measures = [f for f in facts if f["what"] in kinds]
    measures = [f for f in measures if any(a <= f["start"] < b for a, b in cue_spans)] or measures
    return DocFeatures(doc["id"], doc["published"], date, how, others, words, ents, facts, lead=lead_words, cues=cues,
                       years=report_years(times, date), level_lead=level_lead, measures=measures)


def _fact_key(what: str, unit: str) -> tuple[str, str] | None:
    """What a fact counts, as reports of one happening compare it ('people killed' is 'killed');
    None for a quantity too generic to compare (an amount, a percentage), and for a measure of
    the happening (a quake's magnitude), which only ``measure_apart`` reads."""
    what = what.removeprefix("people ")
    return None if what in generic_whats() or what in measure_slacks() else (what, unit_dimension(unit))


def unique_facts(values: Iterable[list]) -> list[list]:
    """Each [what, unit, value, qualifier] once, in first-seen order: the event's scores ask only
    whether a value is stated, and a big event's reports repeat the same figures hundreds of
    times (every comparison walked them all)."""
    return [list(v) for v in dict.fromkeys(tuple(v) for v in values)]


def _fact_score(doc_facts: list[dict], event_facts: list[list], cfg: dict) -> tuple[float, float]:
    """Shares of the article's quantities that an event's articles state compatibly, and that they
    only state incompatibly (a count that cannot change between reports of one happening)."""
    if not doc_facts or not event_facts:
        return 0.0, 0.0
    by_what: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for what, unit, value, q in event_facts:
        if (key := _fact_key(what, unit)) is not None:
            by_what.setdefault(key, []).append(_range(value, unit, q, cfg, what))
    shared = agree = 0
    grows = _growing_whats()
    for f in doc_facts:
        rs = by_what.get(_fact_key(f["what"], f["unit"]) or ("", ""))
        if not rs:
            continue
        a = _range(f["value"], f["unit"], f["qualifier"], cfg, f["what"])
        met = any(a[0] <= b[1] and b[0] <= a[1] for b in rs)
        if not met and f["what"].rsplit(" ", 1)[-1] in grows:
            continue  # a toll that rises from report to report: another figure is no sign of another happening
        shared += 1
        agree += met
    return (agree / shared, (shared - agree) / shared) if shared else (0.0, 0.0)


@lru_cache(maxsize=1)
def _growing_whats() -> frozenset[str]:
    return frozenset(load_json("facts_what.json").get("grows_within_happening", []))


@lru_cache(maxsize=1)
def _fixed_whats() -> frozenset[str]:
    return frozenset(load_json("facts_what.json").get("fixed_within_happening", []))


def fixed_clash(doc_facts: list[dict], event_facts: list[list], cfg: dict, least: int = 2) -> bool:
    """True when the article and the event both state a quantity that cannot differ between
    reports of one happening and no value of the article is one of the event's: a fixed count
    (facts_what.json ``fixed_within_happening``: the vote shares of one count), which each side must
    state at least twice (one figure alone may be a partial count: the turnout at noon), or a
    day's level (``level_slack``: the price of an ounce), within its slack, stated once is enough.
    ``least`` raises the number of distinct values of a fixed count each side must state."""
    fixed, levels = _fixed_whats(), _slacks()

    def ranges(what: str, unit: str, value: float, q: str) -> tuple[float, float]:
        return _range(value, unit, q, cfg, what) if what in levels else rounded_range(value, unit, q, cfg)

    theirs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for what, unit, value, q in event_facts:
        if what in fixed or what in levels:
            theirs.setdefault((what, unit_dimension(unit)), []).append(ranges(what, unit, value, q))
    if not theirs:
        return False
    mine: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for f in doc_facts:
        if (key := (f["what"], unit_dimension(f["unit"]))) in theirs:
            mine.setdefault(key, []).append(ranges(f["what"], f["unit"], f["value"], f["qualifier"]))
    need = {k: 1 if k[0] in levels else least for k in theirs}
    return any(len(set(rs)) >= need[k] and len(set(theirs[k])) >= need[k]
               and not any(a[0] <= b[1] and b[0] <= a[1] for a in rs for b in theirs[k]) for k, rs in mine.items())


def _keys(f: DocFeatures, cfg: dict) -> list[str]:
    ws = sorted(f.wvec.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg["key_terms"]]
    es = sorted(f.evec.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg["key_entities"]]
    return ["w:" + t for t, _ in ws] + ["e:" + e for e, _ in es]


def _candidates(conn: sqlite3.Connection, keys: list[str], dates: list[str], cfg: dict) -> list[str]:
    """Events sharing most index keys with the article, within the blocking window of its dates."""
    gap = cfg["max_day_gap"]
    window = (shift(min(dates), -gap), shift(max(dates), gap)) if dates else None
    return db.candidates(conn, keys, window, cfg["max_candidates"])


def _date_gap(f: DocFeatures, ev_date: str | None, data: EventProfile, cfg: dict) -> tuple[int | None, bool]:
    """(days between the article's happening and the event's (``ev_date``), or None when either is
    unknown; False when an explicit date puts them apart: another happening, whatever the words say)."""
    gap = days_between(f.date, ev_date)
    if gap is None and day_apart(f.month_day, data, cfg["max_day_gap"]):
        return None, False
    if gap is not None and gap > cfg["max_day_gap"]:
        # a copy whose lead moved, or a later report: any of its dates may meet the event's days
        ev_days = {m.date for m in data.members.values() if m.date} | {ev_date}
        near = [g for d in [f.date, *f.other_dates] for e in ev_days if (g := days_between(d, e)) is not None]
        if not near or min(near) > cfg["max_day_gap"]:
            return None, False
        gap = min(near)
    return gap, True


def thread_date(conn: sqlite3.Connection, story_id: str | None, data: EventProfile, window: int) -> str | None:
    """The date of an undated event one of whose reports writes its day with the weekday but no
    year (``الخميس 6 شباط``), placed by its thread: the one day within ``window`` days of the
    story's dated events that falls on that weekday (a day and weekday recur only years apart).
    The report's note takes it ('thread'); None when the story has no date or the day fits no
    year, or several. Nothing is guessed from the weekday alone."""
    story = json.loads(db.story_data(conn, story_id) or "{}") if story_id else {}
    first, last = story.get("first"), story.get("last")
    if not first or not last:
        return None
    lo, hi = date.fromisoformat(first[:10]) - timedelta(days=window), date.fromisoformat(last[:10]) + timedelta(days=window)
    placed = False
    for m in data.members.values():
        if m.date or not m.day or m.day_weekday is None:
            continue
        month, day = int(m.day[:2]), int(m.day[3:])
        fits = []
        for y in range(lo.year, hi.year + 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            if lo <= d <= hi and d.weekday() == m.day_weekday:
                fits.append(d)
        if len(fits) == 1:
            m.date, m.how = fits[0].isoformat(), "thread"
            placed = True
    return _event_date(data.members) if placed else None


def day_apart(month_day: str | None, data: EventProfile, gap: int) -> bool:
    """The report's day and every day the event's reports tell, months and days without a year
    (an undated wire's ``الجمعة 11 أبريل``, another's ``10 مارس``), are more than ``gap`` days
    apart: an explicit date puts them apart though neither side knows the year."""
    if month_day is None:
        return False
    theirs = data.month_days()
    return bool(theirs) and all(month_days_apart(month_day, d) > gap for d in theirs)


def _signals(f: DocFeatures, ev_date: str | None, data: EventProfile, sims: tuple[float, float, float | None],
             gap: int | None, cfg: dict) -> list[float]:
    """The join model's ``SIGNALS`` for the article ``f`` and one candidate event (dated ``ev_date``)."""
    text, ents, lead = sims
    nearest = max((cosine(f.wvec, m.v) for m in data.members.values() if m.v), default=text)
    agree, clash = _fact_score(f.facts, data.fact_values, cfg)
    ev_days = ({date.fromisoformat(ev_date[:10]).weekday()} if ev_date else {int(w) for w in data.weekdays})
    # the weekday the lead names, else that of a date the text gives (``يوم 18 أيلول``)
    wd = f.cues.weekday if f.cues.weekday is not None else (
        date.fromisoformat(f.date[:10]).weekday() if f.date and f.date_how == "times" else None)
    same = wd is not None and wd in ev_days
    far = wd is not None and bool(ev_days) and min(weekday_distance(wd, d) for d in ev_days) > 1
    kinds = set(data.kinds)
    union = kinds | f.cues.kinds
    years = {int(y) for y in data.years} | ({int(ev_date[:4])} if ev_date else set())
    spread = (gap or 0) / (cfg["max_day_gap"] + 1)
    ongoing = bool(kinds & f.cues.kinds & ongoing_kinds())
    return [
        text, nearest, lead or 0.0, float(lead is None), ents, float(not f.evec or not data.entities),
        agree, clash,
        float(gap is not None), 0.0 if ongoing else spread, spread if ongoing else 0.0, float(f.date_how == "times"),
        float(bool(f.years & years)), float(bool(f.years) and bool(years) and not f.years & years),
        float(same), float(far and not ongoing),
        len(kinds & f.cues.kinds) / len(union) if union else 0.0,
        float(bool(kinds) and bool(f.cues.kinds) and not kinds & f.cues.kinds),
        math.log1p(len(data.members)),
    ]


def _score(f: DocFeatures, ev_date: str | None, data: EventProfile, freq: Frequencies, model: JoinModel,
           cfg: dict) -> tuple[float, list[float]] | None:
    """(join probability, signals) of the article with one candidate event (its profile and date);
    None when a date rules it out."""
    gap, possible = _date_gap(f, ev_date, data, cfg)
    if not possible:
        return None
    st = data.lengths
    if st and not is_fresh(st, freq, cfg["length_staleness"]):
        # stale lengths: a candidate that stays below joining even were its vectors
        # ``length_drift`` times shorter now is settled without re-weighing its profile
        x = _signals(f, ev_date, data, _similarities(f, data, freq, st), gap, cfg)
        if model.upper_bound(x, cfg["length_drift"]) < model.threshold:
            return model.probability(x), x
        st = None
    sims = _similarities(f, data, freq, st or profile_lengths(data.centroid, data.lead, data.entities, freq))
    text, _, lead = sims
    if lead is not None and lead < cfg["min_lead_similarity"] and text < cfg["copy_text_similarity"]:
        return None  # the leads report different things (and it is no reordered copy): another happening
    copy = text >= cfg["copy_text_similarity"]
    if fixed_clash(f.facts, data.fact_values, cfg, cfg["template_clash_values"] if copy else 2):
        return None  # another count of the same kind of happening (another election, another call), even
        # in the same wording when three or more of its figures differ (a ministry's yearly statistics)
        # or its day's price differs
    if appointment_clash(f.cues.appointees, f.entities, data.appointees, data.entities):
        return None  # another person appointed to the office: another appointment
    if ordinal_clash(f.cues.ordinals, data.ordinals):
        return None  # the third round, not the second; final results, not preliminary ones
    x = _signals(f, ev_date, data, sims, gap, cfg)
    return model.probability(x), x


def _short_vector(v: dict[str, float], k: int) -> dict[str, float]:
    """The ``k`` heaviest terms of a unit vector, normalised again (a report's stored fingerprint)."""
    t = top(v, k)
    n = math.sqrt(sum(x * x for x in t.values())) or 1.0
    return {w: round(x / n, 4) for w, x in t.items()}


def _similarities(f: DocFeatures, data: EventProfile, freq: Frequencies, lens: dict
                  ) -> tuple[float, float, float | None]:
    """TF-IDF cosines of the article with the event's words, entities and lead words."""
    idf_w = freq.idf("w:")
    text = cosine_to(f.wvec, data.centroid, idf_w, lens["w"])
    ents = cosine_to(f.evec, data.entities, freq.idf("e:"), lens["e"]) if f.evec and data.entities else 0.0
    lead = cosine_to(f.lvec, data.lead, idf_w, lens["l"]) if f.lvec and data.lead else None
    return text, ents, lead


def _new_id(prefix: str, seed: str) -> str:
    return prefix + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


def _event_date(members: dict[str, MemberNote]) -> str | None:
    """The most common happening date of the members (text-derived dates outvote publication dates)."""
    votes: Counter = Counter()
    for m in members.values():
        if m.date:
            votes[m.date] += 2 if m.how == "times" else 1
    if not votes:
        return None
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _refresh(conn: sqlite3.Connection, event_id: str, data: EventProfile, freq: Frequencies, cfg: dict,
             tick: int | None = None) -> tuple[str, str | None]:
    """Recompute title, date, summary and fact table of an event from its articles.

    With ``tick`` (a deferred refresh) words weigh as they did then and nothing is loaded."""
    order = list(data.members)
    rows = {r["id"]: r for r in db.documents(conn, order, "id, title, text, body_end, published")}
    arrival = {d: i for i, d in enumerate(order)}
    order.sort(key=lambda d: ((rows[d]["published"] or ""), arrival[d]))
    members = []
    for d in order[: cfg["summary_docs"]]:
        spans = db.sentence_spans(conn, d)
        lead = lead_of(rows[d]["text"], rows[d]["title"], spans, cfg["lead_sentences"], cfg["lead_min_words"],
                       cfg["headline_max_words"])
        members.append(Member(d, rows[d]["title"], rows[d]["text"], spans, lead.headline, lead.sentences))
    if tick is None:
        freq.load_terms([("w:", data.centroid)])
        idf = freq.idf("w:")
    else:
        idf = freq.idf_at("w:", tick)
    centroid = weigh(data.centroid, idf)
    facts = db.facts_of(conn, order)
    copies = db.copies_in(conn, event_id)
    data.summary = summarise(members, centroid, idf, cfg)
    data.facts = fact_table(facts, order, cfg, copies)
    data.fact_values = unique_facts([f["what"], f["unit"], f["value"], f["qualifier"]] for f in facts)
    data.sources = len(order) - sum(1 for d in order if d in copies)  # a wire copy is no source of its own
    return make_title(members, centroid, idf, cfg), _event_date(data.members)


def _counted(a: dict, b: Counter | dict) -> dict:
    c = Counter(a)
    c.update(b)
    return dict(sorted(c.items()))


def _add_profile(data: EventProfile, words: Counter | dict, entities: Counter | dict, lead: Counter | dict,
                 kinds: Counter | dict, ordinals: list, weekdays: Counter | dict, years: Counter | dict,
                 cfg: dict, appointed: Counter | dict | None = None) -> None:
    """Add an article's (or a folded event's) words, entities, lead words and cues to an event profile."""
    cent = Counter(data.centroid)
    cent.update(words)
    data.centroid = {t: round(v, 3) for t, v in top(cent, cfg["centroid_terms"]).items()}
    ents = Counter(data.entities)
    ents.update(entities)
    data.entities = dict(ents)
    lw = Counter(data.lead)
    lw.update(lead)
    data.lead = {t: round(v, 3) for t, v in top(lw, cfg["centroid_terms"]).items()}
    data.kinds, data.weekdays, data.years = _counted(data.kinds, kinds), _counted(data.weekdays, weekdays), \
        _counted(data.years, years)
    if appointed:
        data.appointees = _counted(data.appointees, appointed)
    data.ordinals = sorted({tuple(o) for o in data.ordinals} | {tuple(o) for o in ordinals})


def _merge(conn: sqlite3.Connection, into: str, data: EventProfile, other: str, odata: EventProfile,
           cfg: dict) -> None:
    """Fold event ``other`` into ``into`` (its articles, keys and profile)."""
    _add_profile(data, odata.centroid, odata.entities, odata.lead, odata.kinds, odata.ordinals, odata.weekdays,
                 odata.years, cfg, odata.appointees)
    data.members.update(odata.members)
    db.fold_event(conn, into, other)


@dataclass
class Candidate:
    """A scored candidate event for one article."""

    p: float  # join probability
    id: str
    row: sqlite3.Row
    data: EventProfile
    signals: list[float]


# Chooses, from the candidates (most likely first), the event to join (an index, or None to open
# one) and those the article bridges into it. The model decides at ingest; training decides by label.
Decide = Callable[[DocFeatures, list[Candidate]], tuple[int | None, list[int]]]


def market_apart(f: DocFeatures, data: EventProfile) -> bool:
    """A day's market report (its lead gives a price level: an ounce, a barrel) is not the news it
    moved on: it stays out of an event of two or more reports none of which gives a level. A
    decision, not a signal: the training pairs keep such candidates."""
    return f.level_lead and len(data.members) >= 2 and not states_level(data)


def states_level(data: EventProfile) -> bool:
    """Some report of the event gives a day's level (a price, a rate)."""
    return any(v[0] in _slacks() for v in data.fact_values)


def measure_apart(f: DocFeatures, data: EventProfile, cfg: dict) -> bool:
    """The report and the event each give a measure of the happening itself (facts_what.json
    ``measure_slack``: a quake's magnitude) and no value of one is within the agencies' readings
    of the other's: two happenings (quakes of 5.4 and 5.9 in one province a year apart). A
    decision, not a signal, as ``market_apart``: the training pairs keep such candidates."""
    mine: dict[str, list[tuple[float, float]]] = {}
    for x in f.measures:
        mine.setdefault(x["what"], []).append(_range(x["value"], x["unit"], x["qualifier"], cfg, x["what"]))
    if not mine:
        return False
    theirs: dict[str, list[tuple[float, float]]] = {}
    for what, unit, value, q in data.fact_values:
        if what in mine:
            theirs.setdefault(what, []).append(_range(value, unit, q, cfg, what))
    return any(not any(a[0] <= b[1] and b[0] <= a[1] for a in rs for b in theirs[w])
               for w, rs in mine.items() if w in theirs)


def model_decision(model: JoinModel, cfg: dict) -> Decide:
    """Join the most likely candidate when it reaches the model's threshold; fold in others that reach
    its merge threshold, unless both carry explicit dates apart (an undated report bridges nothing).
    A market report passes over the events it is kept apart from (``market_apart``), and so does a
    report whose measure of the happening is not the event's (``measure_apart``)."""

    def decide(f: DocFeatures, cands: list[Candidate]) -> tuple[int | None, list[int]]:
        ok = [i for i, c in enumerate(cands) if not market_apart(f, c.data) and not measure_apart(f, c.data, cfg)]
        if not ok or cands[ok[0]].p < model.threshold:
            return None, []
        first = ok[0]
        best = cands[first].row["date"]
        merge = []
        for i in ok[1:]:
            c = cands[i]
            if c.p < model.merge_threshold:
                break
            if f.date is None or (best and c.row["date"] and (days_between(best, c.row["date"]) or 0) > 1):
                continue
            merge.append(i)
        return first, merge
    return decide


def _weigh(f: DocFeatures, freq: Frequencies) -> None:
    """The article's TF-IDF vectors (words, entities, lead words) at the archive's current counts."""
    f.wvec = weigh(f.words, freq.idf("w:"))
    f.evec = weigh(f.entities, freq.idf("e:")) if f.entities else {}
    f.lvec = weigh(f.lead, freq.idf("w:")) if f.lead else {}


def _fold(conn: sqlite3.Connection, into: str, data: EventProfile, other: Candidate, freq: Frequencies,
          cfg: dict, deferred: Deferred | None) -> None:
    """Fold a candidate event into ``into`` (whose profile is ``data``), keeping a deferred batch current."""
    if deferred is not None:
        data.fact_values = unique_facts(data.fact_values + other.data.fact_values)
        deferred.merged_away(conn, other.id, other.data, freq, cfg)
    _merge(conn, into, data, other.id, other.data, cfg)


def _strays(conn: sqlite3.Connection, data: EventProfile, cands: list[Candidate], freq: Frequencies,
            model: JoinModel, cfg: dict, memo: dict[str, DocFeatures] | None = None) -> list[Candidate]:
    """Consolidation, when an event grows: the small events the new article also came near
    (``consolidate_min_p``, at most ``consolidate_members`` reports) are scored again, report by
    report, against the grown event. A report that came first opens an event of its own, and one
    whose lead is worded otherwise may stay alone before the event has the words to draw it; when
    every report of such an event would now join the grown one (the model's
    ``consolidate_threshold``, no explicit date apart), they are one happening and the caller folds
    them in. Bounded by the article's candidates: nothing else in the archive is read again.
    ``memo`` keeps the reports' features for the batch (a stray comes near article after article)."""
    if cfg["consolidate_members"] <= 0 or model.consolidate_threshold > 1.0:
        return []
    data.lengths = None  # the event just grew: its vector lengths are worked out afresh
    ev_date = _event_date(data.members)

    def joins_now(doc_id: str) -> bool:
        g = memo.get(doc_id) if memo is not None else None
        if g is None:
            row = db.document(conn, doc_id)
            if row is None:
                return False
            g = features(conn, row, cfg)
            if memo is not None:
                if len(memo) >= Deferred.PARSED_MAX:
                    del memo[next(iter(memo))]  # the oldest
                memo[doc_id] = g
        _weigh(g, freq)
        if market_apart(g, data) or (not g.level_lead and states_level(data)) or measure_apart(g, data, cfg):
            return False
        s = _score(g, ev_date, data, freq, model, cfg)
        return s is not None and s[0] >= model.consolidate_threshold

    return [c for c in cands if c.p >= cfg["consolidate_min_p"] and len(c.data.members) <= cfg["consolidate_members"]
            and all(joins_now(d) for d in c.data.members)]


def link_one(conn: sqlite3.Connection, doc: sqlite3.Row, freq: Frequencies, cfg: dict,
             deferred: Deferred | None = None, decide: Decide | None = None) -> tuple[str, DocFeatures, list[str]]:
    """Place one article; its event's title, summary and facts now, or at the batch end with ``deferred``.

    With the model deciding (no ``decide`` given), an event that grows is consolidated: small
    events the article came near whose every report now joins it are folded in (``_strays``).
    Returns the event, the article's features and its index keys (what the partitioned linker
    records as read)."""
    model = load_model(cfg.get("join_model") or None)
    consolidate = decide is None
    decide = decide or model_decision(model, cfg)
    f = features(conn, doc, cfg)
    freq.add_document({"w:" + t for t in f.words} | {"e:" + e for e in f.entities})
    _weigh(f, freq)
    cands: list[Candidate] = []
    keys = _keys(f, cfg)
    for eid in _candidates(conn, keys, [d for d in [f.date, *f.other_dates] if d], cfg):
        ev = db.event(conn, eid)
        data = deferred.profile(ev["data"]) if deferred is not None else EventProfile.from_json(ev["data"])
        s = _score(f, ev["date"], data, freq, model, cfg)
        if s is not None:
            cands.append(Candidate(s[0], eid, ev, data, s[1]))
    cands.sort(key=lambda c: (-c.p, c.id))
    chosen, bridged = decide(f, cands)
    if deferred is not None and chosen is not None:
        for i in [chosen, *bridged]:
            deferred.parsed.pop(cands[i].row["data"], None)  # its profile changes now: never hand it out again
    if chosen is not None:
        best = cands[chosen]
        score, ev, data = best.p, best.row, best.data
        for i in bridged:
            _fold(conn, ev["id"], data, cands[i], freq, cfg, deferred)  # the article bridges two events
        eid, story_id, old_date = ev["id"], ev["story_id"], ev["date"]
    else:
        score, eid, story_id, old_date = 1.0, _new_id("ev-", f.id), None, None
        data = EventProfile()
        db.new_event(conn, eid)
    copy = _copied(conn, doc, data, cfg) if data.members else None
    _add_profile(data, f.words, f.entities, f.lead, Counter(f.cues.kinds), sorted(f.cues.ordinals),
                 Counter([str(f.cues.weekday)] if f.cues.weekday is not None else []),
                 Counter(str(y) for y in sorted(f.years)), cfg, Counter(f.cues.appointees))
    note = data.members[f.id] = MemberNote(f.date, f.date_how, round(score, 3),
                                           day=None if f.date else f.cues.month_day,
                                           day_weekday=None if f.date else f.cues.month_day_weekday)
    if sum(1 for m in data.members.values() if m.v) < cfg["member_vectors"]:
        note.v = _short_vector(f.wvec, cfg["member_vector_terms"])
    db.place(conn, eid, f.id, round(score, 4), copy)
    if chosen is not None and consolidate:
        skip = {chosen, *bridged}
        memo = deferred.features if deferred is not None else None
        for c in _strays(conn, data, [c for i, c in enumerate(cands) if i not in skip], freq, model, cfg, memo):
            if deferred is not None:
                deferred.parsed.pop(c.row["data"], None)
            _fold(conn, eid, data, c, freq, cfg, deferred)
    if deferred is None:
        title, date = _refresh(conn, eid, data, freq, cfg)
    else:  # what scoring reads stays current; the rest waits for the batch end
        data.fact_values = unique_facts(data.fact_values + [[x["what"], x["unit"], x["value"], x["qualifier"]]
                                                            for x in f.facts])
        freq.load_terms([("w:", data.centroid)])  # as _refresh does: later weights depend on it
        deferred.events[eid] = freq.tick
        title, date = None, _event_date(data.members)
    data.lengths = profile_lengths(data.centroid, data.lead, data.entities, freq)
    db.add_keys(conn, eid, keys, date)
    if date != old_date:
        db.redate_keys(conn, eid, date)
    db.save_event(conn, eid, date, data.kind, data.to_json(), title)
    story_id = stories.place(conn, eid, date, f, story_id, freq, cfg, keys, deferred)
    db.set_story(conn, eid, story_id)
    if deferred is not None:
        deferred.threads.add(story_id)
    return eid, f, keys


def _copied(conn: sqlite3.Connection, doc: sqlite3.Row, data: EventProfile, cfg: dict) -> str | None:
    """The first report of a wire text that ``doc`` copies, among the event's latest
    ``copy_members`` reports (marsad.link.copies); None when it copies none."""
    ids = list(data.members)[-cfg["copy_members"]:]
    mine = fingerprint(doc["text"], cfg["copy_shingle_words"])  # new here: made from the text in hand, and kept
    db.save_copy_prints(conn, [(doc["id"], cfg["copy_shingle_words"], *mine.pack())])
    others = _copy_prints(conn, ids, cfg)
    found = original_of(mine, [(d, others[d]) for d in ids if d in others], cfg)
    if found is None:
        return None
    return db.copy_of(conn, found[0]) or found[0]


def _copy_prints(conn: sqlite3.Connection, ids: list[str], cfg: dict) -> dict[str, Fingerprint]:
    """The wire-copy fingerprints of documents ``ids``: stored ones read, the others (reports
    linked before the store kept them) made from their texts and stored."""
    k = cfg["copy_shingle_words"]
    out = {d: Fingerprint.unpack(*packed) for d, packed in db.copy_prints(conn, ids, k).items()}
    missing = [d for d in ids if d not in out]
    made = {r["id"]: fingerprint(r["text"], k) for r in db.documents(conn, missing, "id, text")}
    db.save_copy_prints(conn, [(d, k, *p.pack()) for d, p in made.items()])
    return out | made


def finish_copies(conn: sqlite3.Connection) -> None:
    """The batch's copies: wire copies the linker found become their documents' ``duplicate_of``
    (every reader counts them as one source with their original and still lists them), and
    near-duplicates found at ingest join their original's event."""
    db.mark_copies(conn)
    db.attach_duplicates(conn)


def assign(store, doc_ids: list[str], res: Resources, decide: Decide | None = None) -> None:
    """Linker: place each new (non-duplicate) document in an event, in the order given
    (``decide``: who chooses the event; the join model by default, the labels when training)."""
    cfg = res.config["events"]
    conn = store.conn
    with store.transaction():
        freq = Frequencies(conn)
        deferred = Deferred()
        for doc_id in doc_ids:
            doc = db.document(conn, doc_id)
            if doc is None or doc["duplicate_of"] is not None or (doc["language"] not in (None, "ar")):
                continue
            if db.placed(conn, doc_id):
                continue  # already placed (a re-run); events are never re-clustered
            link_one(conn, doc, freq, cfg, deferred, decide)
        freq.save()
        deferred.finish(conn, freq, cfg)
        finish_copies(conn)
