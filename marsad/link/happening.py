"""The date of the happening an article reports, which is not its publication date.

A report published on Tuesday about "Monday's call" and a preview published on Monday
("will call today") both belong to Monday. The times stage resolves each date expression;
here we pick the one the article is about: day-precise dates near the start of the article,
close to (and not long after) the publication date. A bare weekday (a preview's headline
"Rome hosts on Saturday" published on Friday) can be read a week early; when the same
weekday a week later is also named ("tomorrow, Saturday"), both mentions mean that day, unless
the earlier day is written out (الأربعاء 2 أبريل).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _years_named(times: Sequence[Any]) -> list[int]:
    out = []
    for t in times:
        v = t["value"] or ""
        if t["kind"] == "date" and len(v) >= 4 and v[:4].isdigit():
            out.append(int(v[:4]))
    return out


def _year_span(value: str | None) -> tuple[int, int] | None:
    """First and last Gregorian year of a time value: ``2024-06-15`` -> (2024, 2024); a Hijri year
    ``2022-07-30/2023-07-17`` -> (2022, 2023)."""
    v = value or ""
    if len(v) < 4 or not v[:4].isdigit():
        return None
    _, sep, end = v.partition("/")
    return int(v[:4]), int(end[:4]) if sep and end[:4].isdigit() else int(v[:4])


def report_years(times: Sequence[Any], day: str | None) -> frozenset[int]:
    """The years a report may be written in, as far as its text tells: the year of its happening
    date, else those of the latest full date it names, else of the latest year it names at all (a
    Hijri year, 1444 AH, spans two Gregorian years). Empty when the text names no year."""
    if day:
        return frozenset({int(day[:4])})
    spans = [(t["kind"], t["grain"], s) for t in times if (s := _year_span(t["value"])) is not None]
    dated = [s for kind, grain, s in spans if kind == "date" and grain in ("day", "month")]
    pool = dated or [s for kind, _, s in spans if kind == "date"]
    if not pool:
        return frozenset()
    first, last = max(pool, key=lambda s: (s[1], s[0]))
    return frozenset(range(first, last + 1))


def _partial_day(value: str, weekday: int | None, years: list[int]) -> date | None:
    """A day-month without a year (``XXXX-05-17``) placed by the weekday the lead names: the one
    year, from the latest year the text names to the next, in which that day falls on it."""
    if weekday is None or not years or not value.startswith("XXXX-") or len(value) != 10:
        return None
    try:
        m, d = int(value[5:7]), int(value[8:10])
        fits = [y for y in (max(years), max(years) + 1) if date(y, m, d).weekday() == weekday]
    except ValueError:
        return None
    return date(fits[0], m, d) if len(fits) == 1 else None


def happening_date(times: Sequence[Any], sentence_starts: Sequence[int], published: str | None,
                   cfg: dict, weekday: int | None = None,
                   ahead: Sequence[Any] = ()) -> tuple[str | None, str, list[str]]:
    """(ISO day, how, other plausible days) for one document.

    ``times`` rows need start, value, grain, kind. how: 'times' (from a date in the text),
    'published' (fallback) or 'none'. The other plausible days (dated sentences further down,
    the publication day) let a reordered or partial copy still meet its event. ``weekday`` is
    the weekday the lead names (``اليوم الاثنين``): without a publication date, a full date
    counts only when it falls on that weekday (background dates such as a leader's election
    years ago do not, even in a lead whose sentences run together), and a day-month without a
    year gets one from it when the text names years. ``ahead`` are dates the report puts things
    off to (إلى جلسة 11 فيفري 2025): never the day, their years place a day-month all the same.
    No day is guessed from nothing.
    """
    pub = _day(published)
    lead = cfg["date_lead_sentences"]
    before, after = cfg["date_max_days_before"], cfg["date_max_days_after"]
    years = _years_named([*times, *ahead]) if pub is None else []
    scores: dict[date, float] = {}
    written: set[date] = set()  # days some mention writes out (2 أبريل), not only a weekday
    for t in times:
        if t["kind"] not in ("date", "time") or t["grain"] not in ("day", "hour", "minute"):
            continue
        n = sum(1 for s in sentence_starts if s <= t["start"]) - 1  # sentence index
        d = _day(t["value"])
        if d is None and pub is None:
            d = _partial_day(t["value"] or "", weekday, years)
        if d is None:
            continue
        if pub is not None and not (pub - timedelta(days=before) <= d <= pub + timedelta(days=after)):
            continue
        if pub is None and weekday is not None and d.weekday() != weekday:
            continue  # not the day the lead reports: background (a birth date, an earlier election)
        score = 2.0 if n < lead else 1.0 / (n - lead + 2)
        if pub is not None:
            score -= 0.05 * abs((pub - d).days)
        scores[d] = scores.get(d, 0.0) + score
        if any(ch.isdigit() for ch in t["text"] or ""):
            written.add(d)
    for d in sorted(scores):  # a bare weekday read a week early: the same day named again later
        later = d + timedelta(days=7)
        if later in scores and d not in written:
            scores[later] += scores.pop(d)
    ranked = [d.isoformat() for d, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]
    if pub is not None and pub.isoformat() not in ranked:
        ranked.append(pub.isoformat())
    if scores:
        return ranked[0], "times", ranked[1:]
    if pub is not None:
        return pub.isoformat(), "published", []
    return None, "none", []


def days_between(a: str | None, b: str | None) -> int | None:
    da, db = _day(a), _day(b)
    return None if da is None or db is None else abs((da - db).days)


def shift(day: str, days: int) -> str:
    return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
