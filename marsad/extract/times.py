"""The "times" stage: find Arabic time expressions and resolve them against the publication date.

Reading (``time_patterns``) and resolving are separate: ``read`` turns the text into
``Expr`` records that hold only what the words say (day 15, month 5, weekday Friday, "last");
``resolve`` turns one into a ``TimeRef`` value given the publication date and the tense of
its sentence. A value is never more precise than the text: ``مايو`` is ``2025-05``, ``الأسبوع
الماضي`` ``2025-W20``; what cannot be resolved (a weekday in an undated article) gets value
``None`` and a day-month without any year ``XXXX-05-15`` (TIMEX3 style). A clock time takes
its day from a day-level date in its own or the previous two sentences, else it stays a
bare ``T14:00:00Z``.

Choices for the harder forms (tests/fixtures/times_more.jsonl):
- A day range (``من 15 إلى 17 مايو``, ``بين 15 و17 مايو``) is ONE expression whose value is
  the ISO interval ``2025-05-15/2025-05-17``, grain day, kind date (as a Hijri month is an
  interval of days); ``event_date`` takes its first day.
- Ordinal days (``الأول من يونيو``, ``العاشر من رمضان``) are day-month dates.
- An hour word without الساعة counts only after a preposition and with its part of day
  (``في الخامسة مساء``, ``الخامسة من مساء السبت``). A bare hour takes the part of day of the
  date it is anchored on (``مساء الجمعة ... الساعة التاسعة`` = 21:00 that Friday).
  ``منتصف الليل`` / ``منتصف ليل الأحد`` is the midnight ENDING that day (next day T00:00).
- Relative times inside a quotation (``وقال أمس: "سنلتقي غدا"``) count from the day it was
  said, only when the frame puts a day next to the quotation with a reporting verb.
- A person's age (``عن عمر ناهز 85 عاما``, ``محمد (25 عاما)``) is not a time expression and is
  skipped (it is no duration of an event).
- A reporting verb (أعلن, قال) sets the tense of a weekday but not of a day-month: the
  announced day takes the occurrence nearest the publication date.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from copy import copy
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from marsad.extract import calendar as cal
from marsad.extract.quote_lexicon import reporting_forms
from marsad.extract.tense import FUTURE, tense_at
from marsad.extract.time_patterns import Lexicon, lexicon, patterns
from marsad.resources import Resources
from marsad.text.normalize import NormText, normalize, normalize_map
from marsad.types import STAMP, Analysis, Document, Sentence, TimeRef

GRAIN_RANK = {"minute": 0, "hour": 1, "day": 2, "week": 3, "month": 4, "year": 5}
# how a part of day reads a clock hour given without am/pm (مساء الجمعة ... الساعة التاسعة = 21:00)
DAY_PART_CLOCK = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "night"}


@dataclass
class Expr:
    """What a time expression says, before it is placed on the calendar."""

    start: int  # original offsets
    end: int
    type: str  # dm | hdm | numeric | month | hmonth | year | hyear | weekday | relday | period | clock
    #            | duration | shift | set
    y: int | None = None
    m: int | None = None
    d: int | None = None
    weekday: int | None = None
    offset: int | None = None  # relative days, period offset, explicit weekday direction
    unit: str | None = None
    amount: float | None = None
    mod: str | None = None
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None
    value: str | None = None  # already known (durations, sets)
    digits: bool = False  # a clock written 14:00 (minute precision) rather than الساعة الثانية
    d0: int | None = None  # first day of a range (its month/year default to the last day's)
    m0: int | None = None
    y0: int | None = None
    part: str | None = None  # part of day: morning | afternoon | evening | night | midnight
    has_part: bool = False  # a clock whose own words say am/pm (الخامسة مساء)
    midnight: bool = False  # منتصف الليل: the midnight that ends its day


def _word_before(norm: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", norm[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _number(s: str | None, lx: Lexicon) -> float | None:
    if s is None:
        return None
    s = s.strip()
    if s[0].isdigit():
        return float(s.replace(",", "."))
    total = 0
    for part in re.split(r"\s+و\s*", s):
        v = lx.numbers.get(" ".join(part.split()))
        if v is None:
            return None
        total += v
    return float(total)


def _duration_iso(amount: float, unit: str, lx: Lexicon) -> str:
    """ISO 8601 duration; a fraction goes to the next smaller unit (1.5 h -> PT1H30M)."""
    smaller = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
               "hour": ("minute", 60), "minute": ("second", 60)}
    parts: dict[str, int] = {}
    whole = int(amount)
    if whole:
        parts[unit] = whole
    frac = amount - whole
    if frac > 1e-6:
        sub, k = smaller[unit]
        parts[sub] = round(frac * k)
    if "week" in parts and len(parts) > 1:
        parts["day"] = parts.get("day", 0) + 7 * parts.pop("week")
    date_part = "".join(f"{parts[u]}{c}" for u, c in (("year", "Y"), ("month", "M"), ("week", "W"), ("day", "D"))
                        if u in parts)
    time_part = "".join(f"{parts[u]}{c}" for u, c in (("hour", "H"), ("minute", "M"), ("second", "S")) if u in parts)
    return "P" + date_part + ("T" + time_part if time_part else "") if (date_part or time_part) else "PT0S"


def _is_age(norm: str, cs: int, ce: int, lx: Lexicon) -> bool:
    """A number of years that is someone's age: after an age cue (عن عمر ناهز 85 عاما) or alone
    between brackets or commas (محمد (25 عاما), فاطمة، 60 عاما،)."""
    before = norm[max(0, cs - 30):cs].rstrip()
    if any(before == c or before.endswith(" " + c) or before.endswith("و" + c) for c in lx.age_cues):
        return True
    after = norm[ce:ce + 3].lstrip()
    return (before.endswith("(") and after.startswith(")")) or (before[-1:] in ",،" and after[:1] in ",،")


def _hour_part(g: dict, lx: Lexicon) -> str | None:
    """am | pm | night from the words after an hour: مساء, or من مساء السبت."""
    if g.get("cp"):
        return lx.clock_parts.get(" ".join(g["cp"].split()))
    if g.get("dp"):
        return DAY_PART_CLOCK.get(lx.day_parts.get(" ".join(g["dp"].split()), ""))
    return None


def _read_match(kind: str, m: re.Match, norm: str, lx: Lexicon) -> Expr | None:
    """One regex match -> Expr, or None when the words are not a time here."""
    g = m.groupdict()
    cs, ce = m.start("core"), m.end("core")
    before = _word_before(norm, cs)
    e = Expr(cs, ce, kind)
    if g.get("y"):
        e.y = int(g["y"])
    mark = g.get("mark")
    hijri_mark = mark is not None and mark in lx.hijri_marks
    if kind in ("dm", "hdm"):
        e.d = int(g["d"])
        if g.get("wd"):
            e.weekday = lx.weekdays[" ".join(g["wd"].split())]
        if kind == "dm":
            e.m = lx.months[" ".join(g["m"].split())]
        else:
            e.m = lx.hijri_months[" ".join(g["hm"].split())]
            if e.y is not None and not hijri_mark and e.y > 1600:
                return None  # "15 رجب 2025": a name, not a Hijri date
        return e if 1 <= e.d <= 31 else None
    if kind == "range":
        e.type = "range"
        e.d, e.m, e.d0 = int(g["d"]), lx.months[" ".join(g["m"].split())], int(g["d1"])
        e.m0 = lx.months[" ".join(g["m1"].split())] if g.get("m1") else None
        e.y0 = int(g["y1"]) if g.get("y1") else None
        to, frm = " ".join(g["to"].split()), " ".join(g["from"].split())
        if to in lx.range_and and frm not in lx.range_between:
            return None  # "من 15 و17 مايو" is no range
        if not (1 <= e.d <= 31 and 1 <= e.d0 <= 31) or (e.m0 is None and e.d0 >= e.d):
            return None
        return e
    if kind in ("odm", "ohdm"):
        if before.startswith("ال") and before not in lx.weekdays and before not in lx.relative_days:
            return None  # "الأسبوع الأول من يونيو": the ordinal belongs to the noun before it
        e.type = "dm" if kind == "odm" else "hdm"
        e.d = lx.day_ordinals[" ".join(g["od"].split())]
        if kind == "odm":
            e.m = lx.months[" ".join(g["m"].split())]
        else:
            e.m = lx.hijri_months[" ".join(g["hm"].split())]
            if e.y is not None and not hijri_mark and e.y > 1600:
                return None
        return e
    if kind == "namedhour":
        e.type, e.hour, e.minute = "clock", lx.named_hours[" ".join(g["nh"].split())], 0
        e.midnight = e.hour == 0
        return e
    if kind == "numeric":
        d, mo, y = (g["d"], g["m"], g["y"]) if g.get("d") else (g["d2"], g["m2"], g["y2"])
        e.d, e.m, e.y = int(d), int(mo), int(y)
        e.type = "dm"
        return e if 1 <= e.m <= 12 and 1 <= e.d <= 31 and 1900 <= e.y <= 2100 else None
    if kind in ("month", "hmonth"):
        name = " ".join((g.get("m") or g.get("hm")).split())
        e.m = (lx.months if kind == "month" else lx.hijri_months)[name]
        e.mod = lx.parts.get(" ".join(g["part"].split())) if g.get("part") else None
        context = bool(g.get("mw") or e.y or g.get("part"))
        if kind == "hmonth" or name in lx.needs_context:
            if not context:
                return None
        elif name in lx.verb_like and not (context or before in lx.bare_cues):
            return None
        if kind == "hmonth" and e.y is not None and e.y > 1600:
            return None
        return e
    if kind == "year":
        e.mod = lx.parts.get(" ".join(g["part"].split())) if g.get("part") else None
        if hijri_mark or (g.get("yw") and 1300 <= e.y <= 1500 and mark):
            e.type = "hyear"
            return e if 1300 <= e.y <= 1600 else None
        if not (1900 <= e.y <= 2100):
            return None
        if g.get("yw") or mark or g.get("part") or before in lx.year_cues:
            return e
        return None
    if kind == "weekday":
        wd = " ".join(g["wd"].split())
        e.weekday = lx.weekdays[wd]
        if not wd.startswith("ال") and not g.get("yw"):
            return None
        if not (g.get("rel") or g.get("yw") or g.get("dp")) and before in lx.not_weekday_before:
            return None
        if g.get("dp"):
            e.part = lx.day_parts.get(" ".join(g["dp"].split()))
        if g.get("rel"):
            e.type, e.offset = "relday", lx.relative_days[" ".join(g["rel"].split())]
        elif g.get("mod"):
            e.offset = lx.weekday_modifiers[" ".join(g["mod"].split())]
        return e
    if kind == "relday":
        rel = " ".join(g["rel"].split())
        if rel == lx.today and ((g.get("next") or "") in lx.not_today_after or before in lx.not_today_before):
            return None
        e.offset = lx.relative_days[rel]
        if g.get("dp"):
            e.part = lx.day_parts.get(" ".join(g["dp"].split()))
        return e
    if kind == "period":
        per = lx.periods[" ".join((g.get("per") or g.get("per2")).split())]
        e.unit = per
        e.offset = 0 if g.get("this") else lx.modifiers[" ".join(g["mod"].split())]
        e.mod = lx.parts.get(" ".join(g["part"].split())) if g.get("part") else None
        return e
    if kind in ("clock", "clockw", "clockh"):
        e.type = "clock"
        if kind == "clock":
            if g["sep"] == "." and not (g.get("cw") or g.get("z")):
                return None
            e.hour, e.minute, e.digits = int(g["h"]), int(g["mi"]), True
        else:
            hw = " ".join(g["hw"].split())
            e.hour = int(hw) if hw.isdigit() else lx.hours[hw]
            e.minute = lx.minutes_after_hour.get(" ".join(g["mf"].split()), 0) if g.get("mf") else 0
            if e.minute < 0:
                e.hour, e.minute = e.hour - 1, 60 + e.minute
        part = _hour_part(g, lx)
        e.has_part = part is not None
        if part in ("pm",) and e.hour < 12:
            e.hour += 12
        elif part == "night" and 6 <= e.hour < 12:
            e.hour += 12
        elif part == "am" and e.hour == 12:
            e.hour = 0
        if g.get("z"):
            e.zone = lx.zones.get(" ".join(g["z"].split()))  # None for local time
        if not (0 <= e.hour <= 23 and 0 <= e.minute <= 59):
            return None
        return e
    if kind == "duration":
        unit, cls = lx.units[" ".join(g["u"].split())]
        amount = _number(g.get("num"), lx)
        if cls == "dual" and amount is None:
            amount = 2.0
        elif amount is None:
            cue = norm[max(0, cs - 20):cs]
            if cls == "singular" and (g.get("one") or g.get("frac") or g.get("approx")
                                      or any(cue.rstrip().endswith(c) for c in lx.duration_cues)):
                amount = 1.0
            else:
                return None
        elif cls == "dual":
            return None
        if g.get("frac"):
            amount += lx.fractions[g["frac"]]
        if amount <= 0 or (unit == "year" and g.get("num") and _is_age(norm, cs, ce, lx)):
            return None
        e.unit, e.amount = unit, amount
        e.value = _duration_iso(amount, unit, lx)
        after = re.match(r"\s*(\w+)", norm[m.end("core"):])
        nxt = after.group(1) if after else ""
        head = before
        # "قبل ثلاث سنوات" is a date; "بعد" is one only for days/weeks ("بعد 14 عاما في دمشق" is a span)
        shiftable = head in lx.ago or (head in lx.after and unit in ("day", "week"))
        if shiftable and nxt not in lx.relative_block_after and not lx.unit_iso[unit][1]:
            e.type = "shift"
            e.amount = -amount if head in lx.ago else amount
            e.start = norm.rfind(head, 0, cs)
        return e
    if kind == "set":
        e.value = lx.sets.get(" ".join(norm[cs:ce].split()), "P1W")
        e.unit = {"P1D": "day", "P1W": "week", "P1M": "month", "P1Y": "year", "PT1H": "hour"}.get(e.value)
        return e
    return None


def read(text: str, nt: NormText | None = None) -> list[Expr]:
    """Every time expression in ``text``, longest first where they overlap (original offsets).

    The times stage and, for an undated article, the publication-date guess read the same body:
    the last results are kept, and each caller gets copies it may change."""
    if nt is None:
        return [copy(e) for e in _read_kept(text)]
    return _read(text, nt)


@lru_cache(maxsize=2)
def _read_kept(text: str) -> tuple[Expr, ...]:
    return tuple(_read(text, None))


def _read(text: str, nt: NormText | None) -> list[Expr]:
    nt = nt or normalize_map(text)
    norm, lx = nt.text, lexicon()
    found: list[Expr] = []
    for kind, pat in patterns().items():
        for m in pat.finditer(norm):
            e = _read_match(kind, m, norm, lx)
            if e is not None:
                found.append(e)
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    kept: list[Expr] = []
    for e in found:
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    kept.sort(key=lambda e: e.start)
    for e in kept:
        e.start, e.end = nt.span(e.start, e.end)
        while e.end > e.start and text[e.end - 1].isspace():
            e.end -= 1  # "كانون الثاني/ يناير " : the alternative month name may swallow a space
        while e.end < len(text) and _is_mark(text[e.end]):
            e.end += 1  # keep a final tanween (شهراً) inside the span
    return kept


def _is_mark(c: str) -> bool:
    return c == "\u0640" or unicodedata.category(c) == "Mn"


def _grain_of_type(e: Expr) -> tuple[str, str]:
    """(kind, grain) of an expression."""
    if e.type == "clock":
        return "time", "minute"
    if e.type == "duration":
        return "duration", "duration"
    if e.type == "set":
        return "set", e.unit or "day"
    if e.type in ("month", "hmonth"):
        return "date", "month"
    if e.type in ("year", "hyear"):
        return "date", "year"
    if e.type == "period":
        return "date", e.unit or "day"
    if e.type == "shift":
        return "date", e.unit or "day"
    return "date", "day"


def resolve(e: Expr, base: date | None, tense: int | None) -> tuple[str | None, str, str]:
    """(value, grain, kind) of ``e`` for a text published on ``base`` whose sentence has ``tense``."""
    kind, grain = _grain_of_type(e)
    if e.type in ("duration", "set"):
        return e.value, grain, kind
    if e.type == "dm":
        if e.y is None:
            if base is None:
                return f"XXXX-{e.m:02d}-{e.d:02d}", grain, kind
            e_y = cal.year_for(base, e.m, e.d, tense)
        else:
            e_y = e.y
        try:
            return date(e_y, e.m, e.d).isoformat(), grain, kind
        except ValueError:
            return None, grain, kind
    if e.type == "range":
        return _range_value(e, base, tense), grain, kind
    if e.type == "hdm":
        y = e.y if e.y is not None else (cal.hijri_year_for(base, e.m) if base else None)
        g = cal.hijri_to_gregorian(y, e.m, e.d) if y else None
        return (g.isoformat() if g else None), grain, kind
    if e.type == "month":
        if e.y is None:
            if base is None:
                return f"XXXX-{e.m:02d}", grain, kind
            return f"{cal.year_for(base, e.m, None, tense):04d}-{e.m:02d}", grain, kind
        return f"{e.y:04d}-{e.m:02d}", grain, kind
    if e.type == "hmonth":
        y = e.y if e.y is not None else (cal.hijri_year_for(base, e.m) if base else None)
        return (cal.hijri_month_interval(y, e.m) if y else None), grain, kind
    if e.type == "year":
        return f"{e.y:04d}", grain, kind
    if e.type == "hyear":
        a, b = cal.hijri_to_gregorian(e.y, 1, 1), cal.hijri_to_gregorian(e.y, 12, 29)
        return (f"{a.isoformat()}/{b.isoformat()}" if a and b else None), grain, kind
    if base is None:
        return None, grain, kind
    if e.type == "relday":
        day = base + timedelta(days=e.offset or 0)
        if e.weekday is not None and day.weekday() != e.weekday:
            day = cal.nearest_weekday(day, e.weekday)  # trust the named weekday
        return day.isoformat(), grain, kind
    if e.type == "weekday":
        if e.offset is not None:
            direction = e.offset
        else:
            direction = 0 if tense == FUTURE else None
        return cal.weekday_date(base, e.weekday, direction).isoformat(), grain, kind
    if e.type == "period":
        return cal.period_value(base, e.unit, e.offset or 0), grain, kind
    if e.type == "shift":
        value, grain = cal.shift(base, e.amount, e.unit)
        return value, grain, kind
    return None, grain, kind


def _range_value(e: Expr, base: date | None, tense: int | None) -> str | None:
    """``first/last`` ISO days of a day range; the first day takes the last day's month and
    year when it has none (من 15 إلى 17 مايو), the year before when its month comes later."""
    y = e.y if e.y is not None else (cal.year_for(base, e.m, e.d, tense) if base else None)
    m0 = e.m0 or e.m
    y0 = e.y0 if e.y0 is not None else (None if y is None else (y - 1 if m0 > e.m else y))
    if y is None or y0 is None:
        return f"XXXX-{m0:02d}-{e.d0:02d}/XXXX-{e.m:02d}-{e.d:02d}"
    try:
        a, b = date(y0, m0, e.d0), date(y, e.m, e.d)
    except ValueError:
        return None
    return f"{a.isoformat()}/{b.isoformat()}" if a < b else None


def _sentence_index(sentences: list[Sentence], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < sentences[i].end else None


def find_times(text: str, published: str | None, sentences: list[Sentence] | None = None) -> list[TimeRef]:
    """Time expressions of ``text`` resolved against ``published`` (ISO date or datetime)."""
    base = cal.parse_iso(published)
    sents = sentences or [Sentence(0, len(text))]
    exprs = read(text)
    refs: list[TimeRef] = []
    sent_of: list[int | None] = []
    tenses: list[int | None] = []
    starts = [s.start for s in sents]
    for e in exprs:
        si = _sentence_index(sents, starts, e.start)
        sent_of.append(si)
        tense = None
        needs_tense = (e.type == "weekday" and e.offset is None) or (e.type in ("dm", "month", "range") and e.y is None)
        if needs_tense and si is not None:
            # a reporting verb says when words were said, not when the dated thing happens
            tense = tense_at(text, sents[si].start, sents[si].end, e.start, e.end, reporting=e.type == "weekday")
        tenses.append(tense)
        value, grain, kind = resolve(e, base, tense)
        refs.append(TimeRef(e.start, e.end, text[e.start:e.end], value, grain, kind, mod=e.mod))
    _rebase_quoted(text, exprs, refs, sent_of, tenses, sents)
    for i, e in enumerate(exprs):
        if e.part == "midnight" and refs[i].value and e.type in ("weekday", "relday"):
            day = cal.parse_iso(refs[i].value) + timedelta(days=1)  # منتصف ليل الأحد: the midnight ending Sunday
            refs[i].value, refs[i].grain, refs[i].kind = cal.clock_value(day, 0, 0, None), "hour", "time"
    days_in: dict[int, list[int]] = {}  # sentence -> its day-level dates, in order
    for j, r in enumerate(refs):
        if sent_of[j] is not None and _day(r):
            days_in.setdefault(sent_of[j], []).append(j)
    for i, e in enumerate(exprs):
        if e.type == "clock":
            j = _anchor_day(refs, sent_of, i, days_in)
            day = _day(refs[j]) if j is not None else None
            hour = e.hour
            if j is not None and not e.has_part and not e.digits:
                hour = _with_day_part(hour, exprs[j].part)
            if e.midnight and day is not None:
                day += timedelta(days=1)  # منتصف الليل: the midnight that ends its day
            refs[i].value = cal.clock_value(day, hour, e.minute, e.zone)
            refs[i].grain = "minute" if e.minute or e.digits else "hour"
    return refs


QUOTE_SPAN = re.compile(r'“[^”]*”|«[^»]*»|"[^"]*"')
RELATIVE = ("relday", "weekday", "period", "shift")
FRAME_DAY = ("relday", "weekday", "dm")


def _says(words: list[str]) -> bool:
    """Does one of ``words`` report speech (a date next to one says when words were said)?"""
    said = reporting_forms()
    return any(w in said or (w[:1] in "وف" and w[1:] in said) for w in words)


# A frame day stands at most two words before a quotation or six after it: no gap of that many
# words is longer than these many characters, so farther days are never looked at (linear time).
_FRAME_GAP_BEFORE, _FRAME_GAP_AFTER = 300, 600


def _rebase_quoted(text: str, exprs: list[Expr], refs: list[TimeRef], sent_of: list[int | None],
                   tenses: list[int | None], sents: list[Sentence]) -> None:
    """Relative times inside a quotation count from the day it was said when the frame says so:
    in ``وقال أمس: "سنلتقي غدا"`` tomorrow is the publication day. The frame's day must stand
    next to the quotation (at most two words between) with a reporting verb in the frame."""
    quotes = [(m.start(), m.end()) for m in QUOTE_SPAN.finditer(text) if m.end() - m.start() > 2]
    if not quotes:
        return
    starts = [a for a, _ in quotes]  # quotations do not overlap: sorted by start and by end

    def inside(r: TimeRef) -> bool:
        k = bisect.bisect_left(starts, r.start) - 1
        return k >= 0 and r.end < quotes[k][1]

    # Frame days, by position; only those within a few words of a quotation can frame it.
    frames = sorted(j for j, r in enumerate(refs)
                    if exprs[j].type in FRAME_DAY and _day(r) is not None and not inside(r))
    by_end = sorted(frames, key=lambda j: refs[j].end)
    ends = [refs[j].end for j in by_end]
    by_start = sorted(frames, key=lambda j: refs[j].start)
    begins = [refs[j].start for j in by_start]
    relative = sorted((refs[i].start, i) for i, e in enumerate(exprs) if e.type in RELATIVE)
    for qs, qe in quotes:
        before = range(bisect.bisect_left(ends, qs - _FRAME_GAP_BEFORE), bisect.bisect_right(ends, qs))
        after = range(bisect.bisect_left(begins, qe), bisect.bisect_right(begins, qe + _FRAME_GAP_AFTER))
        near = {by_end[k] for k in before} | {by_start[k] for k in after}
        said = None
        for j in sorted(near):
            r = refs[j]
            if r.end <= qs and len(normalize(text[r.end:qs]).split()) <= 2:
                sent = sent_of[j]
                frame = text[sents[sent].start if sent is not None else 0:r.start]
                if _says(normalize(frame).split()):
                    said = _day(r)
            elif r.start >= qe and len(normalize(text[qe:r.start]).split()) <= 6 and _says(normalize(text[qe:r.start]).split()):
                said = _day(r)
                break
        if said is None:
            continue
        for _, i in relative[bisect.bisect_right(relative, (qs, len(refs))):bisect.bisect_left(relative, (qe, -1))]:
            if refs[i].end < qe:
                refs[i].value, refs[i].grain, refs[i].kind = resolve(exprs[i], said, tenses[i])


def _with_day_part(hour: int, part: str | None) -> int:
    """A bare hour read in the part of day of its date: مساء الجمعة ... الساعة التاسعة = 21:00."""
    clock = DAY_PART_CLOCK.get(part or "")
    if clock == "pm" and hour < 12:
        return hour + 12
    if clock == "night" and 6 <= hour < 12:
        return hour + 12
    return hour


def _day(r: TimeRef) -> date | None:
    return cal.parse_iso(r.value) if r.kind == "date" and r.grain == "day" and r.value and "/" not in r.value else None


def _anchor_day(refs: list[TimeRef], sent_of: list[int | None], i: int, days_in: dict[int, list[int]]) -> int | None:
    """Index of the date a clock time is on: a day-level date in its sentence (nearest first),
    else the nearest one before it in the two sentences before."""
    si = sent_of[i]
    if si is None:
        return None
    same = [j for j in days_in.get(si, ()) if j != i]
    if same:
        return min(same, key=lambda j: abs(refs[j].start - refs[i].start))
    prev = [j for k in (si - 2, si - 1) for j in days_in.get(k, ()) if j < i]
    return max(prev) if prev else None


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    """Pipeline stage: add the document's time expressions to ``analysis.times``."""
    text = doc.body
    # a page's date line dates no news (يوم الاثنين under a Sunday stamp is the Monday before)
    stamps = [(r.start, r.end) for r in doc.removed if r.reason == STAMP]
    analysis.times.extend(t for t in find_times(text, doc.published, doc.sentences or None)
                          if not any(a <= t.start < b for a, b in stamps))


def event_date(analysis_times: list[TimeRef], sentence_span: tuple[int, int]) -> str | None:
    """The date of what happens in a sentence: the finest-grained resolved date or time
    inside ``sentence_span`` (start, end), first one on a tie; its date part for a
    datetime. ``None`` when the sentence names no resolvable date: callers then fall back
    to the publication date or a neighbouring sentence, as their layer sees fit.
    A day range gives its first day. Durations and recurring times are not dates and are skipped.
    """
    a, b = sentence_span
    inside = [t for t in analysis_times if a <= t.start and t.end <= b and t.kind in ("date", "time")
              and t.value and not t.value.startswith(("X", "T")) and ("/" not in t.value or t.grain == "day")]
    if not inside:
        return None
    best = min(inside, key=lambda t: (GRAIN_RANK.get(t.grain, 9), t.start))
    return best.value[:10] if best.kind == "time" or "/" in best.value else best.value
