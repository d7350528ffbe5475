"""Guess when an undated article was published, from the dates it mentions.

Evidence, strongest first: a relative day next to a full date (``اليوم الاثنين 19 مايو
2025`` fixes the day); full dates in past-tense sentences (the article is no older than the
latest of them) and in future-tense ones (it is no newer than the earliest); the weekday of
publication implied by ``اليوم الاثنين`` / ``أمس الأحد``; a weekday printed with a day-month
(``الاثنين 19 مايو``) picks the year; months and years give only a lower bound (``end`` None). The answer is a
range with a confidence in [0, 1], never a silently invented day.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from marsad.extract import calendar as cal
from marsad.extract.tense import FUTURE, tense_at
from marsad.extract.times import Expr, read
from marsad.lang.ar import load_json
from marsad.text.normalize import normalize, normalize_map
from marsad.types import Document, Sentence


class PublishedRange(NamedTuple):
    start: date | None
    end: date | None
    confidence: float


NOTHING = PublishedRange(None, None, 0.0)


def _full_date(e: Expr, today: date) -> date | None:
    """The calendar day of a day-month expression, when the text fixes its year."""
    if e.type == "hdm" and e.y is not None:
        return cal.hijri_to_gregorian(e.y, e.m, e.d)
    if e.type != "dm":
        return None
    if e.y is not None:
        try:
            return date(e.y, e.m, e.d)
        except ValueError:
            return None
    if e.weekday is None:
        return None
    for y in range(today.year + 1, today.year - 30, -1):  # the most recent year that agrees
        try:
            d = date(y, e.m, e.d)
        except ValueError:
            continue
        if d.weekday() == e.weekday and d <= today + timedelta(days=366):
            return d
    return None


def infer_published(doc: Document, today: date | None = None) -> PublishedRange:
    """(start, end, confidence) of the publication date of ``doc`` from its content.

    ``today`` bounds the search for a year that agrees with a printed weekday (default:
    the current date). Uses ``doc.sentences`` when prepared, else the whole text.
    """
    today = today or date.today()
    text = doc.body
    sents = doc.sentences or [Sentence(0, len(text))]
    exprs = read(text)
    lower: date | None = None
    upper: date | None = None
    weekdays: Counter[int] = Counter()
    relative_weekday_refs = 0
    coarse: list[date] = []  # first days of past months/years mentioned
    for i, e in enumerate(exprs):
        full = _full_date(e, today)
        if e.type == "relday" and i + 1 < len(exprs):
            nxt = exprs[i + 1]
            nfull = _full_date(nxt, today)
            if nfull and nxt.start - e.end <= 3 and nxt.type in ("dm", "hdm"):
                day = nfull - timedelta(days=e.offset or 0)
                return PublishedRange(day, day, 0.95)
        if e.type == "relday" and e.weekday is not None:
            weekdays[(e.weekday - (e.offset or 0)) % 7] += 1
        if e.type == "weekday":
            relative_weekday_refs += 1
        s = next((s for s in sents if s.start <= e.start < s.end), None)
        tense = tense_at(text, s.start, s.end, e.start, e.end) if s else None
        if e.type in ("year", "month") and e.y is not None and tense != FUTURE:
            coarse.append(date(e.y, e.m or 1, 1))
        if full is None:
            continue
        if tense == FUTURE:
            upper = full if upper is None or full < upper else upper
        else:
            lower = full if lower is None or full > lower else lower
    if lower is None:
        if coarse:  # only "no earlier than": an article may look back years
            return PublishedRange(max(coarse), None, 0.1)
        return NOTHING
    span = 7 if (relative_weekday_refs or weekdays) else 31
    end = lower + timedelta(days=span - 1)
    if upper is not None and lower <= upper < end:
        end = upper
    if weekdays:
        wd = weekdays.most_common(1)[0][0]
        days = [lower + timedelta(days=k) for k in range((end - lower).days + 1)
                if (lower + timedelta(days=k)).weekday() == wd]
        if len(days) == 1:
            return PublishedRange(days[0], days[0], 0.4)
    return PublishedRange(lower, end, 0.3 if span == 7 else 0.2)


class Stamp(NamedTuple):
    """A page's date line (``آخر تحديث: الأحد 2 مارس 2025 - 11:40``, ``2025-05-02 09:31``): the
    day it prints and the line's span. The day the page was put out or last touched, not what
    the news reports; a line of news never reads so."""
    day: date
    start: int
    end: int


_STAMP_MARKS = frozenset(" \t-–—:|/،,()[]")


@lru_cache(maxsize=1)
def stamp_openings() -> tuple[str, ...]:
    """Openings of a page's stamp line (``boilerplate.json`` ``not_title``: آخر تحديث, تاريخ النشر),
    normalised: such a line is never an event's title, and its date is the page's."""
    return tuple(normalize(w) for w in load_json("boilerplate.json")["not_title"])


@lru_cache(maxsize=1)
def _stamp_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r"\s+".join(map(re.escape, w.split())) + r"(?!\w)") for w in stamp_openings())


def page_stamp(text: str, lines: int, end: int | None = None) -> Stamp | None:
    """The date line among the first ``lines`` lines with text of ``text[:end]``: a full date with
    its year, maybe a weekday, a clock and a stamp word, nothing else."""
    end = len(text) if end is None else end
    pos, seen = 0, 0
    while seen < lines and pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        if line.strip():
            seen += 1
            s = _stamp_of(line, pos)
            if s is not None:
                return s
        if nl < 0:
            return None
        pos = nl + 1
    return None


def _stamp_of(line: str, at: int) -> Stamp | None:
    if len(line) > 80:
        return None
    lead = len(line) - len(line.lstrip())
    body = line.strip()
    norm = normalize_map(body)
    rest = body
    for p in _stamp_patterns():
        m = p.match(norm.text)
        if m is not None:  # past any tatweel or mark the stamp word is written with
            rest = body[norm.offsets[m.end()]:] if m.end() < len(norm.text) else ""
            break
    exprs = read(rest)
    days = [d for e in exprs if e.type == "dm" and e.y is not None and (d := _full_date(e, date.today()))]
    if len(days) != 1 or any(e.type not in ("dm", "clock") for e in exprs):
        return None
    left = list(rest)
    for e in exprs:
        left[e.start:e.end] = [" "] * (e.end - e.start)
    if any(ch not in _STAMP_MARKS for ch in left):
        return None
    return Stamp(days[0], at + lead, at + lead + len(body))


def stamp_agrees(stamp: Stamp, text: str, window: int) -> bool:
    """Can the stamp's day be the day of publication? Not when the ``window`` characters after it
    say ``اليوم الثلاثاء`` (or ``أمس الاثنين``) of a day that is no such weekday: then the page was
    stamped later (a crawl, an update) and relative days must not be read against it."""
    for e in read(text[stamp.end:stamp.end + window]):
        if e.type == "relday" and e.weekday is not None and (e.weekday - (e.offset or 0)) % 7 != stamp.day.weekday():
            return False
    return True
