"""Facts: numbers with their unit and what they count (2 hours of a call, 175 prisoners).

News states the same quantity in many shapes: digits (``175``, ``١٧٥``, ``لـ30``), number
words (``ألف``, ``ثلاثين``, ``مئات الآلاف``), dual nouns that are a count themselves
(``ساعتين`` = 2 hours), fractions (``ساعة ونصف``) and hedges (``أكثر من``, ``نحو``). The
stage reads them all on the normalised text, keeps only numbers with a recognised unit or
counted noun, and names what they count from nearby words (rules in ``facts_what.json``)
so that the event linker can align the same quantity across outlets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize, normalize_map
from marsad.text.tokenize import proclitic_splits
from marsad.types import Analysis, Document, Fact

# Tokens of the *normalised* text: numbers (with decimal/thousands parts), words, percent signs.
_TOK = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[%$€]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int  # offsets into the normalised text
    end: int
    norm: str


@dataclass
class _Lexicon:
    words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    fractions: dict[str, float]
    teen: frozenset[str]
    conj: str
    unit_forms: dict[str, str]  # word -> unit
    unit_dual: dict[str, str]
    unit_dim: dict[str, str]
    unit_phrases: dict[tuple[str, ...], str]
    unit_before: dict[str, str]
    counted: dict[str, str]  # word -> label
    single_triggers: frozenset[str]
    partitive: str  # مئات الآلاف من الناس
    qualifiers: list[tuple[tuple[str, ...], str]]  # longest first
    post_qualifiers: list[tuple[tuple[str, ...], str]]  # bounds after the unit (على الأقل), longest first
    rules: list[dict]
    people_verbs: list[tuple[tuple[str, ...], str]]
    fallback: dict[str, str]
    window: int
    letter_decimal: re.Pattern[str] | None = None  # 69ر90 = 90.69 (``decimal_letter``)


def _n(s: str) -> str:
    return normalize(s)


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(_n(s).split())


def build_lexicon(res: Resources | None = None) -> _Lexicon:
    """Load the facts data files once per process (normalising every key)."""
    num = load_json("facts_numbers.json")
    un = load_json("facts_units.json")
    qual = load_json("facts_qualifiers.json")
    what = load_json("facts_what.json")
    forms, dual, dims = {}, {}, {}
    for unit, d in un["units"].items():
        dims[unit] = d["dim"]
        for w in d["forms"]:
            forms[_n(w)] = unit
        for w in d["dual"]:
            dual[_n(w)] = unit
    dims["person"] = "people"
    counted = {_n(w): label for label, ws in un["counted"].items() for w in ws}
    quals = [(_phrase(p), q) for q in ("more_than", "less_than", "about") for p in qual[q]]
    post = sorted(((_phrase(p), q) for q, ps in qual.get("after_unit", {}).items() for p in ps), key=lambda x: -len(x[0]))
    quals.sort(key=lambda pq: -len(pq[0]))
    rules = []
    for r in what["rules"]:
        rules.append({
            "what": r["what"], "dims": set(r["dims"]),
            "subject": [_phrase(s) for s in r["subject"]],
            "cue": [_phrase(s) for s in r["cue"]],
            "cue_after": [_phrase(s) for s in r.get("cue_after", [])],
        })
    verbs = [(_phrase(w), act) for act, ws in what["people_verbs"].items() for w in ws]
    return _Lexicon(
        words={_n(k): float(v) for k, v in num["words"].items()},
        scales={_n(k): float(v) for k, v in num["scales"].items()},
        vague={_n(k): float(v) for k, v in num["vague"].items()},
        fractions={_n(k): float(v) for k, v in num["fractions"].items() if " " not in k},
        teen=frozenset(_n(w) for w in num["teen"]),
        conj=_n(num["and"]),
        unit_forms=forms, unit_dual=dual, unit_dim=dims,
        unit_phrases={_phrase(k): v for k, v in un["phrases"].items()},
        unit_before=dict(un["before"]),
        counted=counted,
        single_triggers=frozenset(_n(w) for w in un["single_triggers"]),
        partitive=_n(un["partitive"]),
        qualifiers=quals, post_qualifiers=post, rules=rules, people_verbs=verbs,
        fallback=dict(what["fallback"]), window=int(what["window"]),
        letter_decimal=(re.compile(rf"(?<![\d.,])(\d+){re.escape(_n(num['decimal_letter']))}(\d+)(?![\d.,])")
                        if num.get("decimal_letter") else None),
    )


def unit_dimension(unit: str) -> str:
    """The comparable dimension of a unit ('time', 'money', 'people', 'percent', ...)."""
    lex = _lex_cached()
    return lex.unit_dim.get(unit, unit)


def unit_days(unit: str) -> float | None:
    """Length of a time unit in days (to compare 3 years with 18 months); None otherwise."""
    d = load_json("facts_units.json")["units"].get(unit)
    return float(d["days"]) if d and "days" in d else None


def unit_label(unit: str, value: float) -> str:
    """English label of a unit for display ('hours', 'prisoners' comes from ``what``)."""
    d = load_json("facts_units.json")["units"].get(unit)
    if not d:
        return "" if unit == "person" else unit
    sing, plur = d["en"]
    return sing if value == 1 else plur


_LEX: _Lexicon | None = None


def _lex_cached() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = build_lexicon()
    return _LEX


@lru_cache(maxsize=WORDS)
def _readings(word: str) -> tuple[str, ...]:
    """A word and its stems without proclitics (و، ب، ل، ال...)."""
    return tuple(stem for _, stem in proclitic_splits(word))


def _lookup(word: str, table: dict) -> tuple[str, object] | None:
    for r in _readings(word):
        if r in table:
            return r, table[r]
    return None


def _suffixed(word: str, stem: str) -> bool:
    """``word`` is ``stem`` plus a short suffix; a final ه (ة) turns to ت before it (مكالمته)."""
    if stem.endswith("ه"):
        stem = stem[:-1] + "ت"
    return word.startswith(stem) and 0 < len(word) - len(stem) <= 2


@lru_cache(maxsize=1 << 12)
def _suffix_stem(stem: str) -> str:
    """The form ``_suffixed`` looks for before a suffix."""
    return stem[:-1] + "ت" if stem.endswith("ه") else stem


@lru_cache(maxsize=WORDS)
def _cuts(readings: tuple[str, ...]) -> frozenset[str]:
    """Each reading less its last one or two letters: ``_suffixed(r, p)`` holds for one of the
    ``readings`` exactly when ``_suffix_stem(p)`` (never empty) is among these."""
    return frozenset(r[:-k] for r in readings for k in (1, 2) if len(r) > k)


def _parse_digits(s: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


class _Reader:
    """Reads facts from one normalised text; ``toks`` are its tokens."""

    def __init__(self, norm: str, lex: _Lexicon):
        if lex.letter_decimal is not None:
            # same length, so offsets hold: 69ر90 -> 90.69
            norm = lex.letter_decimal.sub(lambda m: f"{m[2]}.{m[1]}", norm)
        self.s = norm
        self.lex = lex
        self.toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOK.finditer(norm)]
        self.reads = [_readings(t.norm) for t in self.toks]  # each token's readings, looked up once

    # -- numbers -------------------------------------------------------------------------
    def _number_at(self, i: int) -> tuple[float, int, bool] | None:
        """Value of the number starting at token ``i``: (value, next index, vague)."""
        lex, toks = self.lex, self.toks
        t = toks[i]
        if _DIGITS.fullmatch(t.norm):
            nxt = self.s[t.end : t.end + 1]
            if nxt == ":" or (i > 0 and self.s[t.start - 1 : t.start] in (":", "/")):
                return None  # a clock time or a date part
            v = _parse_digits(t.norm)
            if v is None:
                return None
            j = i + 1
            if j < len(toks) and (sc := _lookup(toks[j].norm, lex.scales)):
                v *= float(sc[1])
                j += 1
            return v, j, False
        total, cur, j, vague, seen = 0.0, 0.0, i, False, False
        while j < len(toks):
            w = toks[j].norm
            if seen and j > i and self.s[toks[j - 1].end : toks[j].start].strip():
                break  # punctuation between words ends the number
            joined = seen and w.startswith(lex.conj) and len(w) > 2
            word = w[1:] if joined else w
            if word in lex.words and not (seen and word in lex.teen):
                v = lex.words[word]
                if seen and not joined and v == 100 and 0 < cur < 10:
                    cur *= v  # ثلاث مئة
                elif seen and not joined:
                    break  # two numbers side by side are two numbers
                else:
                    cur += v
            elif seen and word in lex.teen and 0 < cur < 10:
                cur += 10
            elif word in lex.scales and not (not seen and word in lex.vague):
                total += max(cur, 1.0) * lex.scales[word]
                cur = 0.0
            elif word in lex.vague and (not seen or cur == 0):
                base = lex.vague[word]
                if seen:
                    total = max(total, 1.0) * base
                else:
                    total, vague = base, True
            elif not seen and (st := _lookup(w, lex.words)) and st[0] != w:
                cur += float(st[1])  # a proclitic on the first word: لثلاثين
            else:
                break
            seen = True
            j += 1
        if not seen:
            return None
        return total + cur, j, vague

    # -- units ---------------------------------------------------------------------------
    def _unit_at(self, j: int) -> tuple[str, str | None, int] | None:
        """(unit, counted label, next index) of the unit starting at token ``j``."""
        lex, toks = self.lex, self.toks
        if j >= len(toks):
            return None
        for phrase, unit in lex.unit_phrases.items():
            if tuple(t.norm for t in toks[j : j + len(phrase)]) == phrase:
                return unit, None, j + len(phrase)
        w = toks[j].norm
        if w == "%":
            return "percent", None, j + 1
        if (u := _lookup(w, lex.unit_forms)):
            return str(u[1]), None, j + 1
        if (c := _lookup(w, lex.counted)):
            return "person", str(c[1]), j + 1
        if w == lex.partitive and j + 1 < len(toks) and (c := _lookup(toks[j + 1].norm, lex.counted)):
            return "person", str(c[1]), j + 2  # مئات الآلاف من الناس
        if (sc := _lookup(w, lex.unit_forms)):
            return str(sc[1]), None, j + 1
        return None

    def _qualifier(self, i: int) -> tuple[str, int]:
        """Qualifier ending right before token ``i`` and the index where it starts."""
        for phrase, q in self.lex.qualifiers:
            k = i - len(phrase)
            if k < 0:
                continue
            got = [t.norm for t in self.toks[k:i]]
            if got[1:] == list(phrase[1:]) and phrase[0] in _readings(got[0]):
                return q, k
        return "exact", i

    # -- what ----------------------------------------------------------------------------
    def _match(self, k: int, phrase: tuple[str, ...], suffix: bool = False) -> bool:
        reads = self.reads
        if k + len(phrase) > len(reads):
            return False
        for m, p in enumerate(phrase):
            rs = reads[k + m]
            if p in rs:
                continue
            if suffix and m == len(phrase) - 1 and (_suffix_stem(p) in _cuts(rs) if p
                                                    else any(_suffixed(r, p) for r in rs)):
                continue
            return False
        return True

    def _find(self, lo: int, hi: int, phrases: list[tuple[str, ...]], suffix: bool = False) -> list[int]:
        """Starts of ``phrases`` in tokens [lo, hi), once per phrase found there. A phrase whose first
        word is no reading of the token is passed over without a call (``_match`` would fail it, the
        suffixed last word of a one-word phrase aside)."""
        reads, match, out = self.reads, self._match, []
        for k in range(max(lo, 0), min(hi, len(reads))):
            rs = reads[k]
            for p in phrases:
                if (not p or p[0] in rs or (suffix and len(p) == 1)) and match(k, p, suffix):
                    out.append(k)
        return out

    def _what(self, i: int, j: int, unit: str, label: str | None, lo: int, hi: int) -> str:
        lex = self.lex
        dim = lex.unit_dim.get(unit, unit)
        if label:
            verbs = [(abs(k - i), act) for p, act in lex.people_verbs
                     for k in self._find(max(lo, i - lex.window), min(hi, j + 3), [p], suffix=True)]
            act = min(verbs)[1] if verbs else None
            return f"{label} {act}" if act and act != label else label
        best: tuple[int, int, str] | None = None
        for order, r in enumerate(lex.rules):
            if dim not in r["dims"]:
                continue
            for s in self._find(max(lo, i - lex.window), i, r["subject"], suffix=True):
                if r["cue"] and not self._find(max(lo, s - 3), i, r["cue"], suffix=True):
                    continue
                cand = (i - s, order, r["what"])
                best = cand if best is None or cand < best else best
            for s in self._find(j, min(hi, j + lex.window // 2), r["subject"], suffix=True):
                if (r["cue"] or r["cue_after"]) and not self._find(j, s, r["cue_after"]):
                    continue
                cand = (s - j + 1, order, r["what"])
                best = cand if best is None or cand < best else best
        if best:
            return best[2]
        return lex.fallback.get(dim, dim)

    # -- driver --------------------------------------------------------------------------
    def read(self, bounds: list[tuple[int, int]]) -> list[tuple[int, int, str, str, float, str, int]]:
        """Facts as (norm start, norm end, what, unit, value, qualifier, sentence index)."""
        out = []
        starts = [t.start for t in self.toks]
        for sn, (a, b) in enumerate(bounds):
            lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            if hi <= lo:
                continue
            i = lo
            while i < hi:
                got = self._one(i, lo, hi)
                if got is None:
                    i += 1
                    continue
                fact, i = got
                out.append((*fact, sn))
        return out

    def _one(self, i: int, lo: int, hi: int):
        lex, toks = self.lex, self.toks
        w = toks[i].norm
        before = None
        if w in lex.unit_before and i + 1 < hi and _DIGITS.fullmatch(toks[i + 1].norm):
            before, i0 = lex.unit_before[w], i
            i += 1
        else:
            i0 = i
        # a dual noun is a count of two (ساعتين), maybe with a fraction (ساعتين ونصف)
        if (d := _lookup(w, lex.unit_dual)) and before is None:
            unit, j, value, vague = str(d[1]), i + 1, 2.0, False
            label = None
        elif (fr := _lookup(w, lex.fractions)) and i + 1 < hi and (u := self._unit_at(i + 1)) and u[1] is None:
            unit, label, j = u
            value, vague = float(fr[1]), False
        else:
            num = self._number_at(i)
            if num is None:
                return self._single(i, lo, hi)
            value, j, vague = num
            if j > hi:
                return None
            if before:
                unit, label = before, None
            else:
                u = self._unit_at(j) if j < hi else None
                if u is None:
                    return None
                unit, label, j = u
        if j < hi and (fr := _lookup(toks[j].norm, lex.fractions)) and fr[0] != toks[j].norm:
            value += float(fr[1])  # ساعة ونصف: the fraction carries the conjunction
            j += 1
        q, qstart = self._qualifier(i0)
        if q == "exact":
            for phrase, pq in lex.post_qualifiers:  # 20 شخصا على الأقل: a bound written after the count
                if j + len(phrase) <= hi and all(toks[j + m].norm == w for m, w in enumerate(phrase)):
                    q, j = pq, j + len(phrase)
                    break
        if q == "exact" and vague:
            q = "more_than"
        if value <= 0:
            return None
        what = self._what(qstart, j, unit, label, lo, hi)
        return (toks[qstart].start, toks[j - 1].end, what, unit, value, q), j

    def _single(self, i: int, lo: int, hi: int):
        """A bare singular time unit after a duration cue (لمدة ساعة) or with a fraction."""
        lex, toks = self.lex, self.toks
        u = _lookup(toks[i].norm, lex.unit_forms)
        if not u or lex.unit_dim.get(str(u[1])) != "time":
            return None
        unit, j, value = str(u[1]), i + 1, 1.0
        frac = j < hi and (fr := _lookup(toks[j].norm, lex.fractions)) and fr[0] != toks[j].norm
        if frac:
            value += float(fr[1])
            j += 1
        q, qstart = self._qualifier(i)
        trig = i > lo and any(r in lex.single_triggers for r in _readings(toks[i - 1].norm))
        if not (frac or trig or q != "exact"):
            return None
        what = self._what(qstart, j, unit, None, lo, hi)
        return (toks[qstart].start, toks[j - 1].end, what, unit, value, q), j


def extract_facts(text: str, bounds: list[tuple[int, int]], lex: _Lexicon) -> list[Fact]:
    """Facts of ``text`` within the given sentence bounds (original offsets)."""
    nt = normalize_map(text)
    # map sentence bounds to normalised offsets

    nb = [(bisect.bisect_left(nt.offsets, a), bisect.bisect_left(nt.offsets, b)) for a, b in bounds]
    out = []
    for ns, ne, what, unit, value, q, sn in _Reader(nt.text, lex).read(nb):
        s, e = nt.span(ns, ne)
        out.append(Fact(s, e, text[s:e], what, unit, value, q, sn))
    return out


def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    """Pipeline stage: append the facts of the document's sentences."""
    lex = res.get("facts.lexicon", build_lexicon)
    bounds = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.body))]
    analysis.facts.extend(extract_facts(doc.text, bounds, lex))
