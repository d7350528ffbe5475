"""Calendar arithmetic for resolving Arabic time expressions against a publication date.

Pure functions on ``datetime.date``: which weekday a report means, which year a day-month
without a year falls in, ISO weeks and months, and Hijri (Umm al-Qura) to Gregorian. A
value is only as precise as the text: a month stays ``2025-05``, a week ``2025-W20``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hijridate import Gregorian, Hijri


def parse_iso(value: str | None) -> date | None:
    """The date part of an ISO date/datetime string, ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def weekday_date(base: date, weekday: int, direction: int | None) -> date:
    """The day with ``weekday`` that a text published on ``base`` means.

    ``direction`` -1: strictly before (الماضي), +1: strictly after (المقبل), 0: the same
    day when it matches, else the coming one (future tense), ``None``: the same day when
    it matches, else the most recent one (the news default: reports tell what happened).
    """
    delta = (weekday - base.weekday()) % 7
    if direction == 1:
        return base + timedelta(days=delta or 7)
    if direction == -1:
        back = (base.weekday() - weekday) % 7
        return base - timedelta(days=back or 7)
    if direction == 0:
        return base + timedelta(days=delta)
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def nearest_weekday(around: date, weekday: int) -> date:
    """The day with ``weekday`` closest to ``around`` (±3 days): reconciles اليوم الاثنين
    with a publication date stamped in another time zone."""
    back = (around.weekday() - weekday) % 7
    return around - timedelta(days=back) if back <= 3 else around + timedelta(days=7 - back)


def year_for(base: date, month: int, day: int | None, direction: int | None) -> int:
    """Year of a day-month (or month) given without one: the occurrence nearest to ``base``,
    or the last one (past tense, -1) or the next one (future, +1) when the tense says so."""
    def key(y: int) -> date:
        return date(y, month, min(day or 1, 28))

    cands = [base.year - 1, base.year, base.year + 1]
    ref = date(base.year, base.month, 1) if day is None else base
    if direction == -1:
        past = [y for y in cands if key(y) <= ref]
        return max(past)
    if direction == 1:
        fut = [y for y in cands if key(y) >= ref]
        return min(fut)
    return min(cands, key=lambda y: abs((key(y) - ref).days))


def add_months(d: date, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after the month of ``d``."""
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift(base: date, n: float, unit: str) -> tuple[str, str]:
    """``base`` moved by ``n`` units, as (value, grain) at the unit's precision."""
    if unit == "day":
        return (base + timedelta(days=round(n))).isoformat(), "day"
    if unit == "week":
        return iso_week(base + timedelta(weeks=n)), "week"
    if unit == "month":
        y, m = add_months(base, round(n))
        return f"{y:04d}-{m:02d}", "month"
    if unit == "year":
        return f"{base.year + round(n):04d}", "year"
    raise ValueError(unit)


def period_value(base: date, unit: str, offset: int) -> str:
    """The week/month/year ``offset`` periods from the one containing ``base``."""
    if unit == "week":
        return iso_week(base + timedelta(weeks=offset))
    if unit == "month":
        y, m = add_months(base, offset)
        return f"{y:04d}-{m:02d}"
    return f"{base.year + offset:04d}"


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Umm al-Qura conversion; ``None`` outside the supported range or for a bad day."""
    try:
        return _g(Hijri(year, month, day))
    except (ValueError, OverflowError):
        return None


def _g(h: Hijri) -> date:
    g = h.to_gregorian()
    return date(g.year, g.month, g.day)


def hijri_month_interval(year: int, month: int) -> str | None:
    """A Hijri month as an ISO interval of Gregorian days (``2025-03-01/2025-03-29``)."""
    try:
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length())
    except (ValueError, OverflowError):
        return None
    return f"{_g(first).isoformat()}/{_g(last).isoformat()}"


def hijri_year_for(base: date, month: int) -> int:
    """Hijri year of a Hijri month given without one: the occurrence nearest ``base``."""
    try:
        hy = Gregorian(base.year, base.month, base.day).to_hijri().year
    except (ValueError, OverflowError):
        hy = round((base.year - 622) * 33 / 32)
    best, best_gap = hy, None
    for y in (hy - 1, hy, hy + 1):
        try:
            gap = abs((_g(Hijri(y, month, 15)) - base).days)
        except (ValueError, OverflowError):
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def clock_value(day: date | None, hour: int, minute: int, zone: str | None) -> str:
    """ISO datetime (or ``T..`` time when the day is unknown), with the zone's offset."""
    hhmm = f"T{hour:02d}:{minute:02d}:00"
    if zone is None:
        return (day.isoformat() if day else "") + hhmm
    if zone == "UTC":
        return (day.isoformat() if day else "") + hhmm + "Z"
    if day is None:
        return hhmm  # an offset needs a date (summer time); keep the local reading
    off = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone)).strftime("%z")
    return day.isoformat() + hhmm + off[:3] + ":" + off[3:]
