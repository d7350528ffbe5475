"""Regular expressions for Arabic time expressions, compiled from the ``time_*.json`` data.

Patterns run on the *normalised* text (``normalize_map``: unified alef/hamza, ة→ه, ASCII
digits, no diacritics), so ``غداً`` and ``غدا``, ``٣٠`` and ``30`` match alike. Each
pattern has a ``core`` group: the expression without a leading proclitic (و, ب, ل...),
which is what the reported span covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize

PRE = r"(?<![\w])(?:[وف]?[بلك]?)"  # optional proclitics before an expression
END = r"(?![\w])"


def _alt(words) -> str:
    keys = sorted({normalize(w) for w in words if normalize(w)}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys) + ")"


def _index(table: dict) -> dict[str, int]:
    return {normalize(w): int(k) for k, ws in table.items() for w in ws}


@dataclass(frozen=True)
class Lexicon:
    """Normalised lookup tables (word -> meaning) used to read what a pattern matched."""

    months: dict[str, int]
    hijri_months: dict[str, int]
    needs_context: frozenset[str]
    verb_like: frozenset[str]
    bare_cues: frozenset[str]
    hijri_marks: frozenset[str]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    not_today_after: frozenset[str]
    not_today_before: frozenset[str]
    not_weekday_before: frozenset[str]
    periods: dict[str, str]
    modifiers: dict[str, int]
    weekday_modifiers: dict[str, int]
    parts: dict[str, str]
    sets: dict[str, str]
    ago: frozenset[str]
    after: frozenset[str]
    relative_block_after: frozenset[str]
    duration_cues: tuple[str, ...]
    units: dict[str, tuple[str, str]]  # form -> (unit, number class: singular|dual|plural)
    unit_iso: dict[str, tuple[str, bool]]
    fractions: dict[str, float]
    one_words: frozenset[str]
    numbers: dict[str, int]
    hours: dict[str, int]
    minutes_after_hour: dict[str, int]
    clock_parts: dict[str, str]
    zones: dict[str, str]
    local_zone: frozenset[str]
    day_parts: dict[str, str]  # صباح -> morning, مساء -> evening, منتصف ليل -> midnight
    day_ordinals: dict[str, int]
    named_hours: dict[str, int]
    age_cues: tuple[str, ...]
    range_and: frozenset[str]
    range_between: frozenset[str]
    year_cues: frozenset[str]  # normalised, as the text they are compared with
    today: str


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    mo, wo, un = load_json("time_months.json"), load_json("time_words.json"), load_json("time_units.json")
    n = normalize
    units: dict[str, tuple[str, str]] = {}
    for unit, spec in un["units"].items():
        for cls in ("plural", "dual", "singular"):  # singular wins where a form is shared
            for w in spec[cls]:
                units[n(w)] = (unit, cls)
    return Lexicon(
        months=_index(mo["gregorian"]),
        hijri_months=_index(mo["hijri"]),
        needs_context=frozenset(n(w) for w in mo["needs_context"]),
        verb_like=frozenset(n(w) for w in mo["verb_like"]),
        bare_cues=frozenset(n(w) for w in mo["bare_cues"]),
        hijri_marks=frozenset(n(w) for w in mo["hijri_marks"]),
        weekdays=_index(wo["weekdays"]),
        relative_days={n(k): v for k, v in wo["relative_days"].items()},
        not_today_after=frozenset(n(w) for w in wo["not_today_after"]),
        not_today_before=frozenset(n(w) for w in wo["not_today_before"]),
        not_weekday_before=frozenset(n(w) for w in wo["not_weekday_before"]),
        periods={n(k): v for k, v in wo["periods"].items()},
        modifiers={n(k): v for k, v in wo["modifiers"].items()},
        weekday_modifiers={n(k): v for k, v in wo["weekday_modifiers"].items()},
        parts={n(k): v for k, v in wo["parts"].items()},
        sets={n(k): v for k, v in wo["sets"].items()},
        ago=frozenset(n(w) for w in wo["ago"]),
        after=frozenset(n(w) for w in wo["after"]),
        relative_block_after=frozenset(n(w) for w in wo["relative_block_after"]),
        duration_cues=tuple(n(w) for w in wo["duration_cues"]),
        units=units,
        unit_iso={u: (s["iso"], s["time"]) for u, s in un["units"].items()},
        fractions={n(k): v for k, v in un["fractions"].items()},
        one_words=frozenset(n(w) for w in un["one_words"]),
        numbers={n(k): v for k, v in un["numbers"].items()},
        hours={n(k): v for k, v in un["hours"].items()},
        minutes_after_hour={n(k): v for k, v in un["minutes_after_hour"].items()},
        clock_parts={n(k): v for k, v in un["clock_parts"].items()},
        zones={n(k): v for k, v in un["zones"].items()},
        local_zone=frozenset(n(w) for w in un["local_zone"]),
        day_parts={n(k): v for k, v in wo["day_parts"].items()},
        day_ordinals={n(k): v for k, v in un["day_ordinals"].items()},
        named_hours={n(k): v for k, v in un["named_hours"].items()},
        age_cues=tuple(sorted((n(w) for w in wo["age_cues"]), key=len, reverse=True)),
        range_and=frozenset(n(w) for w in wo["range_and"]),
        range_between=frozenset(n(w) for w in wo["range_between"]),
        year_cues=frozenset(n(w) for w in wo["year_cues"]),
        today=n(wo["today"]),
    )


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """Named patterns; ``times.find`` reads their groups through ``lexicon()``."""
    mo, wo, un = load_json("time_months.json"), load_json("time_words.json"), load_json("time_units.json")
    lx = lexicon()
    MON = _alt(lx.months)
    HMON = _alt(lx.hijri_months)
    WD = _alt(lx.weekdays)
    REL = _alt(lx.relative_days)
    DP = _alt(wo["day_parts"])
    PART = _alt(lx.parts)
    PER = _alt(lx.periods)
    MOD = _alt(lx.modifiers)
    WDMOD = _alt(lx.weekday_modifiers)
    THIS = _alt(wo["this_words"])
    HMARK = _alt(mo["hijri_marks"])
    GMARK = _alt(mo["gregorian_marks"])
    MW = _alt(mo["month_word"])
    YW = _alt(wo["year_words"])
    DAYW = _alt(wo["day_word"])
    NUMW = _alt(lx.numbers)
    NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMW}(?:\s+و\s*{NUMW})?)"
    UNIT = _alt(lx.units)
    FRAC = _alt(lx.fractions)
    ONE = _alt(lx.one_words)
    APPROX = _alt(wo["approx"])
    HOURW = _alt(lx.hours)
    MINF = _alt(lx.minutes_after_hour)
    CP = _alt(lx.clock_parts)
    CW = _alt(un["clock_word"])
    ZW = _alt(un["zone_words"])
    ZONE = _alt(list(lx.zones) + list(lx.local_zone))
    SETS = _alt(lx.sets)
    EVERY = _alt(wo["every"])
    ORD = _alt(lx.day_ordinals)
    NAMEDH = _alt(lx.named_hours)
    HPREP = _alt(un["hour_preps"])
    RFROM = _alt(wo["range_from"])
    RTO = _alt(wo["range_to"])
    OF = _alt(wo["of"])  # 15 من مايو, الأول من يونيو
    YEAR_TAIL = rf"(?:\s*,?\s*(?:{OF}\s+)?(?:{YW}\s+)?(?P<y>\d{{4}})(?:\s*(?P<mark>{HMARK}|{GMARK}){END})?)"
    ALTMON = rf"(?:\s*[/(\-]\s*{MON}\s*\)?)"
    ZONE_TAIL = rf"(?:\s*,?\s*(?P<zw>{ZW})\s*(?P<z>{ZONE}){END})"
    # the part of day named after an hour: الخامسة مساء, or (not consumed) الخامسة من مساء السبت
    DAYNAME = rf"(?:{REL}|{WD}|{DAYW})"
    HOUR_PART = rf"(?:\s*(?P<cp>{CP}){END}(?!\s*{DAYNAME}{END})|(?=\s+(?:{OF}\s+)?(?P<dp>{DP})\s+{DAYNAME}{END}))"
    p = {
        "dm": rf"{PRE}(?P<core>(?:(?:{DAYW}\s+)?(?P<wd>{WD})\s*,?\s*)?(?P<d>\d{{1,2}})\s*(?:{OF}\s+)?(?:{MW}\s+)?"
              rf"(?P<m>{MON}){ALTMON}?{YEAR_TAIL}?){END}",
        "hdm": rf"{PRE}(?P<core>(?:(?:{DAYW}\s+)?(?P<wd>{WD})\s*,?\s*)?(?P<d>\d{{1,2}})\s*(?:{OF}\s+)?(?:{MW}\s+)?"
               rf"(?P<hm>{HMON}){YEAR_TAIL}?){END}",
        "numeric": r"(?<![\w/.\-])(?P<core>(?:(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})"
                   r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})))(?![\w/.\-]*\d)",
        "month": rf"{PRE}(?P<core>(?:(?P<part>{PART})\s+)?(?:(?P<mw>{MW})\s+)?(?P<m>{MON}){ALTMON}?{YEAR_TAIL}?){END}",
        "hmonth": rf"{PRE}(?P<core>(?:(?P<part>{PART})\s+)?(?:(?P<mw>{MW})\s+)?(?P<hm>{HMON}){YEAR_TAIL}?){END}",
        "year": rf"{PRE}(?P<core>(?:(?P<part>{PART})\s+)?(?:(?P<yw>{YW})\s+)?(?P<y>\d{{4}})"
                rf"(?:\s*(?P<mark>{HMARK}|{GMARK}){END})?){END}",
        "weekday": rf"{PRE}(?P<core>(?:(?P<dp>{DP})\s+)?(?:(?P<rel>{REL})\s+)?(?:(?P<yw>{DAYW})\s+)?(?P<wd>{WD})"
                   rf"(?:\s+(?P<mod>{WDMOD}))?){END}",
        "relday": rf"{PRE}(?P<core>(?:(?P<dp>{DP})\s+)?(?P<rel>{REL})){END}(?:\s*(?P<next>\w+))?",
        "period": rf"{PRE}(?P<core>(?:(?P<part>{PART})\s+)?(?:(?P<this>{THIS})\s+(?P<per>{PER})|(?P<per2>{PER})\s+(?P<mod>{MOD}))){END}",
        "clock": rf"{PRE}(?P<core>(?:(?P<cw>{CW})\s+)?(?P<h>\d{{1,2}})(?P<sep>[:.])(?P<mi>\d{{2}})(?!\d)"
                 rf"{HOUR_PART}?{ZONE_TAIL}?)",
        "clockw": rf"{PRE}(?P<core>(?P<cw>{CW})\s+(?P<hw>{HOURW}|\d{{1,2}}){END}(?:\s+(?P<mf>{MINF}){END})?"
                  rf"{HOUR_PART}?{ZONE_TAIL}?)",
        # an hour word without الساعة, after a preposition and only with its part of day
        "clockh": rf"(?<![\w])[وف]?{HPREP}\s+(?P<core>(?P<hw>{HOURW}){END}(?:\s+(?P<mf>{MINF}){END})?"
                  rf"{HOUR_PART}{ZONE_TAIL}?)",
        "namedhour": rf"{PRE}(?P<core>(?P<nh>{NAMEDH})){END}",
        "odm": rf"{PRE}(?P<core>(?P<od>{ORD})\s+{OF}\s+(?:{MW}\s+)?(?P<m>{MON}){ALTMON}?{YEAR_TAIL}?){END}",
        "ohdm": rf"{PRE}(?P<core>(?P<od>{ORD})\s+{OF}\s+(?:{MW}\s+)?(?P<hm>{HMON}){YEAR_TAIL}?){END}",
        # a day range: من 15 إلى 17 مايو, بين 15 و17 مايو, من 28 يونيو إلى 3 يوليو 2025
        "range": rf"(?<![\w])[وف]?(?P<core>(?P<from>{RFROM})\s+(?:{DAYW}\s+)?(?P<d1>\d{{1,2}})"
                 rf"(?:\s*(?:{OF}\s+)?(?P<m1>{MON})(?:\s*,?\s*(?P<y1>\d{{4}}))?)?\s*(?P<to>{RTO})\s*(?:{DAYW}\s+)?"
                 rf"(?P<d>\d{{1,2}})\s*(?:{OF}\s+)?(?:{MW}\s+)?(?P<m>{MON}){ALTMON}?{YEAR_TAIL}?){END}",
        "duration": rf"{PRE}(?P<core>(?:(?P<approx>{APPROX})\s+)?(?:(?P<num>{NUM})\s*)?(?P<u>{UNIT}){END}"
                    rf"(?:\s+(?P<one>{ONE}){END})?(?:\s+و\s*(?P<frac>{FRAC}){END})?)",
        "set": rf"{PRE}(?P<core>{SETS}|{EVERY}\s+(?:{DAYW}\s+)?(?P<wd>{WD})){END}",
    }
    return {k: re.compile(v) for k, v in p.items()}
