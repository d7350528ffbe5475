"""The cross-source fact table of an event: the same quantity as each outlet states it.

Facts are aligned by what they count and the dimension of their unit, so "three years"
and "more than 18 months" of the war's age meet in one row. Hedged values are ranges
("more than X" reads as X to X times (1 + slack)), and a row agrees when every source's
range overlaps every other's: "1000" and "about 1000" agree, "three years" and "more than
18 months" do not. A value is also read as rounded ("56 per cent" for 56.12).

Values that do not agree are a clash only when they can be told to be one quantity: not for a
quantity too generic to compare (a duration, a percentage: facts_what.json
``too_generic_to_clash``), and not when one source also states the other's figure elsewhere (its
first figure counts something else: a candidate's share beside the turnout, one province's toll
beside the total). Such rows "differ": shown side by side, flagged as no contradiction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import combinations
from typing import Any

from marsad.extract.facts import unit_days, unit_dimension, unit_label
from marsad.lang.ar import load_json


def what_ar(what: str) -> str:
    """Arabic label of what a fact counts (``labels_ar`` of facts_what.json); the key itself if none.

    A counted noun with an action ('prisoners released') reads as the action's label and the noun's
    ('المفرج عنهم (الأسرى)'); plain 'people' adds nothing."""
    labels = load_json("facts_what.json").get("labels_ar", {})
    if what in labels:
        return labels[what]
    noun, _, act = what.partition(" ")
    if act in labels and noun in labels:
        return labels[act] if noun == "people" else f"{labels[act]} ({labels[noun]})"
    return what


@lru_cache(maxsize=1)
def generic_whats() -> frozenset[str]:
    """Quantities that count too many different things to compare across reports (a duration, a
    percentage, an amount): facts_what.json ``too_generic_to_clash``."""
    return frozenset(load_json("facts_what.json").get("too_generic_to_clash", []))


@lru_cache(maxsize=1)
def _slacks() -> dict[str, float]:
    return {k: float(v) for k, v in load_json("facts_what.json").get("level_slack", {}).items()}


@lru_cache(maxsize=1)
def measure_slacks() -> dict[str, float]:
    """facts_what.json ``measure_slack``: a measure of the happening itself (a quake's magnitude),
    which one value on each side tells apart, within a slack for the agencies' readings."""
    return {k: float(v) for k, v in load_json("facts_what.json").get("measure_slack", {}).items()}


def _range(value: float, unit: str, qualifier: str, cfg: dict, what: str = "") -> tuple[float, float]:
    """The interval a stated value stands for: its hedge (نحو, أكثر من) widened, and for a level
    that moves within a day (a price) or a measure read differently (a magnitude) by its slack."""
    scale = unit_days(unit) or 1.0
    v = value * scale
    slack = _slacks().get(what) or measure_slacks().get(what)
    if slack and qualifier not in ("more_than", "less_than"):
        s = max(slack, cfg["fact_about_slack"] if qualifier == "about" else 0.0)
        return v * (1 - s), v * (1 + s)
    if unit == "percent" and qualifier in ("more_than", "less_than"):
        step = _round_step(value)  # "more than 76 per cent" is 76 and a bit, not 90
        return (v, min(v + step, 100.0)) if qualifier == "more_than" else (max(v - step, 0.0), v)
    if qualifier == "more_than":
        return v, v * (1 + cfg["fact_more_than_slack"])
    if qualifier == "less_than":
        return v * (1 - cfg["fact_less_than_slack"]), v
    if qualifier == "about":
        s = cfg["fact_about_slack"]
        return v * (1 - s), v * (1 + s)
    return v, v


def _round_step(value: float) -> float:
    """How far a hedged share may lie from the round figure a writer gives: to the next multiple
    of ten for 70, of five for 75, a point for 76, a tenth for 76.5."""
    if not float(value).is_integer():
        return 0.1
    return 10.0 if value % 10 == 0 else 5.0 if value % 5 == 0 else 1.0


def rounded_range(value: float, unit: str, q: str, cfg: dict) -> tuple[float, float]:
    """The range of a stated value, widened by the rounding its writing allows (72.7 for 72.71)."""
    tol = 0.5 if float(value).is_integer() else 0.05
    if unit == "percent" and q in ("more_than", "less_than"):  # its hedge is read off the figure as written
        lo, hi = _range(value, unit, q, cfg)
        return lo - tol, hi + tol
    return _range(value - tol, unit, q, cfg)[0], _range(value + tol, unit, q, cfg)[1]


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] * (1 + 1e-9) and b[0] <= a[1] * (1 + 1e-9)


def _agree(firsts: list[Any], cfg: dict, what: str) -> bool:
    """Every source's value overlaps every other's: as a range (its hedge, or a day's level
    slack) or, failing that, once each is widened by the rounding its writing allows, strictly,
    so 56 and 56.12 per cent agree but 19 and 20 people do not."""
    ranges = [_range(f["value"], f["unit"], f["qualifier"], cfg, what) for f in firsts]
    if all(_overlap(a, b) for a in ranges for b in ranges):
        return True
    if what in _slacks() or what in measure_slacks():
        return False
    wide = [rounded_range(f["value"], f["unit"], f["qualifier"], cfg) for f in firsts]
    return all(a[0] < b[1] and b[0] < a[1] for a in wide for b in wide)


def _bounds_hold(fa: Any, fb: Any, cfg: dict) -> bool:
    """Read as bare bounds, can both figures be true? ``ما لا يقل عن 14`` and 32 can (a toll
    that grew): they differ, but neither contradicts the other."""
    def bounds(f: Any) -> tuple[float, float]:
        lo, hi = rounded_range(f["value"], f["unit"], f["qualifier"], cfg)
        q = f["qualifier"]
        return (lo, float("inf")) if q == "more_than" else (0.0, hi) if q == "less_than" else (lo, hi)
    if "more_than" not in (fa["qualifier"], fb["qualifier"]) and "less_than" not in (fa["qualifier"], fb["qualifier"]):
        return False
    return _overlap(bounds(fa), bounds(fb))


def _clash(what: str, firsts: Mapping[str, Any], every: Mapping[str, list[Any]], cfg: dict) -> bool:
    """Two sources' figures contradict each other: a quantity specific enough to compare, and
    neither source states the other's figure anywhere (else the first figures count two things)."""
    if what in generic_whats():
        return False
    for a, b in combinations(firsts, 2):
        fa, fb = firsts[a], firsts[b]
        if _agree([fa, fb], cfg, what) or _bounds_hold(fa, fb, cfg):
            continue
        if not any(_agree([fa, x], cfg, what) for x in every[b]) and not any(_agree([fb, x], cfg, what) for x in every[a]):
            return True
    return False


def fact_status(row: Mapping[str, Any]) -> str:
    """How a fact table row reads: 'single' (one source), 'agree', 'conflict' (two sources'
    figures contradict), or 'differ' (figures differ but may count different things). A row
    stored before 'clash' was written reads its disagreement as a conflict, as it was shown."""
    if row.get("sources", len(row.get("values", {}))) < 2:
        return "single"
    if row.get("agree"):
        return "agree"
    return "conflict" if row.get("clash", True) else "differ"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def describe(value: float, unit: str, qualifier: str) -> str:
    """Readable value: 'more than 2 hours', 'about 1000', '30 days'."""
    q = {"more_than": "more than ", "less_than": "less than ", "about": "about "}.get(qualifier, "")
    lab = unit_label(unit, value)
    return f"{q}{_num(value)}{' ' + lab if lab else ''}"


def fact_table(facts: Iterable[Any], doc_order: Sequence[str], cfg: dict,
               copies: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows {what, what_ar, unit, values{doc: text}, agree, clash, sources, refs{doc: [start, end]},
    texts{doc: arabic}} (see ``fact_status`` for how a row reads).

    ``facts`` rows need doc_id, what, unit, value, qualifier, start, end, text; each source
    is represented by its first statement of the quantity (the lead usually states it best).
    A wire copy (``copies``: doc -> the report it copies) is listed but is no source of its own:
    ten sites running one agency figure are one source for it, not ten that agree.
    """
    copies = copies or {}
    rank = {d: i for i, d in enumerate(doc_order)}
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    every: dict[tuple[str, str], dict[str, list[Any]]] = {}  # every statement of it, by document
    for f in sorted(facts, key=lambda f: (rank.get(f["doc_id"], 1 << 30), f["start"])):
        if f["doc_id"] not in rank:
            continue
        key = (f["what"], unit_dimension(f["unit"]))
        g = groups.setdefault(key, {})
        g.setdefault(f["doc_id"], f)
        every.setdefault(key, {}).setdefault(f["doc_id"], []).append(f)
    rows = []
    for (what, dim), per_doc in groups.items():
        firsts = list(per_doc.values())
        agree = _agree(firsts, cfg, what)
        rows.append({
            "what": what,
            "what_ar": what_ar(what),
            "unit": firsts[0]["unit"],
            "values": {d: describe(f["value"], f["unit"], f["qualifier"]) for d, f in per_doc.items()},
            "agree": agree,
            "clash": not agree and _clash(what, per_doc, every[(what, dim)], cfg),
            "sources": len({copies.get(d, d) for d in per_doc}),
            "texts": {d: f["text"] for d, f in per_doc.items()},
            "refs": {d: [f["start"], f["end"]] for d, f in per_doc.items()},
        })
    rows.sort(key=lambda r: (-r["sources"], r["agree"], r["what"]))
    return rows
