"""What a report's headline and lead say about *which* happening it is, beyond its words.

Two reports of the same actors days apart share names and most words; what tells them apart
is often small: one is a phone call and the other a meeting, one the second round and the
other the third, one says "today, Monday" and the other "on Wednesday". These cues are read
from the headline and lead (cue words in ``events_cues.json``; weekdays from the times layer's
own reader) and serve the join decision as evidence for or against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from marsad.extract import times as tx
from marsad.extract.quote_lexicon import bare
from marsad.extract.tense import FUTURE, tense_at
from marsad.lang.ar import load_json
from marsad.link.similarity import stem
from marsad.text.normalize import normalize
from marsad.text.tokenize import norms, strip_proclitics, tokenize


@dataclass(frozen=True)
class Cues:
    kinds: frozenset[str]  # kinds of happening the lead tells (call, meeting, vote, ...)
    ordinals: frozenset[tuple[str, int]]  # (noun stem, number): the second round -> (جول, 2)
    weekday: int | None  # the weekday the lead names for what it reports (0 = Monday)
    appointees: frozenset[str] = frozenset()  # entity ids of the people the lead appoints (تعيين X)
    month_day: str | None = None  # 'MM-DD' of a day the lead names with its weekday but no year (الجمعة 11 أبريل)
    month_day_weekday: int | None = None  # that day's weekday (0 = Monday)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], frozenset[str], dict[str, int], dict[str, int]]:
    data = load_json("events_cues.json")
    kinds: dict[str, set[str]] = {}
    for kind, words in data["kinds"].items():
        for w in words:
            kinds.setdefault(stem(normalize(w)), set()).add(kind)
    nouns = frozenset(stem(normalize(w)) for w in data["ordinal_nouns"])
    ordinals = {normalize(w): n for w, n in data["ordinals"].items()}
    before = {normalize(w): n for w, n in data["ordinals_before"].items()}
    return {k: frozenset(v) for k, v in kinds.items()}, nouns, ordinals, before


@lru_cache(maxsize=1)
def _cause_openers() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.norm for t in tokenize(w)) for w in load_json("events_cues.json")["cause_openers"])


def _main_clause_end(toks: Sequence[str]) -> int:
    """Index of the first token of a cause or background clause (بعد, بفعل, على خلفية ...), or
    len(toks): what comes before is what the sentence tells."""
    for i in range(len(toks)):
        if _opens(toks[i:i + 4], _cause_openers()):
            return i
    return len(toks)


def _opens(toks: Sequence[str], openers: tuple[tuple[str, ...], ...]) -> bool:
    """Do ``toks`` begin with one of the ``openers``, a leading و/ف allowed on the first word?"""
    seqs = (tuple(toks), (bare(toks[0]), *toks[1:])) if toks else ()
    return any(seq[:len(o)] == o for o in openers for seq in seqs)


def read_cues(text: str, spans: Sequence[tuple[int, int]], times: Iterable[Any]) -> Cues:
    """Cues of the headline and lead ``spans`` of ``text``; ``times`` are the stored time rows
    (start, text, value) of the document, the first one in the spans that names a weekday wins."""
    kinds_of, nouns, ordinals, before = _lexicon()
    kinds: set[str] = set()
    ords: set[tuple[str, int]] = set()
    for a, b in spans:
        toks = norms(text[a:b])
        cut = _main_clause_end(toks)
        stems = [stem(w) for w in toks]
        told = [kinds_of.get(s, frozenset()) for s in stems]
        main = set().union(*told[:cut])
        kinds |= main or set().union(*told)
        for i, s in enumerate(stems):
            if s in nouns and i + 1 < len(toks) and toks[i + 1] in ordinals:
                ords.add((s, ordinals[toks[i + 1]]))
            elif s in nouns and i > 0 and toks[i - 1] in before:  # ثاني خفض للفائدة
                ords.add((s, before[toks[i - 1]]))
    for read in (_decision, _outcome):
        if (cue := read(text, spans)) is not None:
            ords.add(cue)
    times = list(times)
    period = _period(text, spans, times)
    if period is not None:
        ords.add(period)
    return Cues(frozenset(kinds), frozenset(ords), _weekday(spans, times))


@lru_cache(maxsize=1)
def _decisions() -> tuple[frozenset[str], int, str, dict[str, int], frozenset[str]]:
    data = load_json("events_cues.json")["decisions"]
    directions = {stem(normalize(w)): int(k) for k, ws in data["directions"].items() for w in ws}
    return (frozenset(stem(normalize(w)) for w in data["subjects"]), int(data["window"]), data["noun"], directions,
            frozenset(stem(normalize(w)) for w in data["direction_nouns"]))


def _decision(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, int] | None:
    """The direction of a rate or output decision (events_cues.json ``decisions``) the first span
    that tells one gives (the headline, else the lead): held, cut or raised, as an ordinal, so that
    a hold and a cut of the same bank's rate are two decisions. A later span's direction is a
    background's (أول تخفيض منذ رفعها)."""
    subjects, window, noun, directions, nouns = _decisions()
    for a, b in spans:
        stems = [stem(w) for w in norms(text[a:b])]
        for i, s in enumerate(stems):
            if s in subjects:
                found = [x for x in stems[max(0, i - window):i] if x in directions]
                if found:  # the nearest verb: يخفض توقعاته ويثبت الفائدة holds, and so does تبقي على
                    # خطة زيادة الإنتاج, where the nearest is a noun the verb governs
                    verbs = [x for x in found if x not in nouns]
                    return noun, directions[(verbs or found)[-1]]
    return None


@lru_cache(maxsize=1)
def _outcomes() -> tuple[frozenset[str], frozenset[str], frozenset[str], int, str]:
    data = load_json("events_cues.json")["outcomes"]
    stems = lambda k: frozenset(stem(normalize(w)) for w in data[k])  # noqa: E731
    return stems("subjects"), stems("done"), stems("failed"), int(data["window"]), data["noun"]


def _outcome(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, int] | None:
    """Whether the election the headline and lead tell failed (0: يخفق في انتخاب رئيس, لم يتمكن من
    انتخاب) or was done (1: انتخب مجلس النواب فلانا), as an ordinal (events_cues.json ``outcomes``):
    the session that failed to elect a speaker is not the one that elected him. A failure in the
    main clause counts over an election (ينتخب نائبي الرئيس ويخفق في انتخاب رئيس); one in a cause or
    background clause does not (انتخب ... بعد عامين من الفشل في انتخاب). None when neither is told."""
    subjects, done, failed, window, noun = _outcomes()
    told = None
    for a, b in spans:
        toks = norms(text[a:b])
        stems = [stem(w) for w in toks]
        main = _main_clause_end(toks)  # انتخب ... بعد عامين من الفشل في انتخاب: a background failure
        for i, s in enumerate(stems[:main]):
            if s in subjects and any(x in failed for x in stems[max(0, i - window):i]):
                return noun, 0  # ينتخب نائبي الرئيس ويخفق في انتخاب رئيس: the post voted on failed
        if told is None and any(s in done for s in stems):
            told = 1
    return (noun, told) if told is not None else None


@lru_cache(maxsize=1)
def _periodic() -> tuple[frozenset[str], str, frozenset[str]]:
    data = load_json("events_cues.json")["periodic"]
    return (frozenset(normalize(w) for w in data["nouns"]), data["noun"],
            frozenset(normalize(w) for w in data["not_after"]))


def _period(text: str, spans: Sequence[tuple[int, int]], times: Sequence[Any]) -> tuple[str, int] | None:
    """The month a periodic release is of (events_cues.json ``periodic``: a month's inflation,
    ``التضخم ... خلال شهر جانفي``), as an ordinal of the month: the first month the headline names,
    else the lead's first (the month before it, named for comparison, comes later; one after
    منذ is a background's). None when the headline and lead name none of the release nouns:
    elsewhere a month in the lead dates nothing of the kind (a toll since September)."""
    nouns, noun, not_after = _periodic()
    if not any(strip_proclitics(w, nouns.__contains__) for a, b in spans for w in norms(text[a:b])):
        return None
    for a, b in spans:
        months = sorted((t for t in times if a <= t["start"] < b and t["grain"] == "month" and t["kind"] == "date"
                         and t["value"] and len(t["value"]) == 7
                         and not any(w in not_after for w in norms(text[max(a, t["start"] - 12):t["start"]])[-1:])),
                        key=lambda t: t["start"])
        if months:
            return noun, int(months[0]["value"][5:7])
    return None


@lru_cache(maxsize=1)
def ongoing_kinds() -> frozenset[str]:
    """Kinds of happening reported over several days (``ongoing_kinds`` in events_cues.json)."""
    return frozenset(load_json("events_cues.json")["ongoing_kinds"])


@lru_cache(maxsize=1)
def _appointment() -> tuple[frozenset[str], int]:
    data = load_json("events_cues.json")["appointment"]
    return frozenset(normalize(w) for w in data["triggers"]), int(data["window"])


def appointees(text: str, spans: Sequence[tuple[int, int]], persons: Sequence[tuple[int, str]]) -> frozenset[str]:
    """The people the headline and lead ``spans`` appoint: for each appointment word, the first of
    the resolved ``persons`` mentions (start, entity id) that starts within the window after it, in
    the same span (``قرارا بتعيين وزير الخارجية أحمد عوض بن مبارك رئيسا للحكومة``)."""
    triggers, window = _appointment()
    out: set[str] = set()
    for a, b in spans:
        toks = tokenize(text[a:b])
        for i, t in enumerate(toks):
            if strip_proclitics(t.norm, triggers.__contains__) is None:  # تعيين, بتعيين, وبتعيين
                continue
            stop = a + (toks[i + window].start if i + window < len(toks) else b - a)
            after = [(s, e) for s, e in persons if a + t.end <= s < stop]
            if after:
                out.add(min(after)[1])
    return frozenset(out)


def _name_parts(entity: str) -> frozenset[str]:
    """The name skeletons of a tagger-found person's id (``unk:PERSON:مهسن-الزندن``); empty for a
    knowledge-base id, whose spellings are already one."""
    return frozenset(entity.rsplit(":", 1)[-1].split("-")) if entity.startswith("unk:") else frozenset()


def _same_person(a: str, b: str) -> bool:
    """One id, or two tagger-found names sharing a part (``محسن الزنداني`` and ``محسن محمد الزنداني``)."""
    return a == b or bool(_name_parts(a) & _name_parts(b))


def appointment_clash(mine: Iterable[str], my_entities: Iterable[str], theirs: Iterable[str],
                      their_entities: Iterable[str]) -> bool:
    """Two appointments of different people: no appointee of the article is one of the event's,
    and one side never names the other's appointees at all (the reports of a predecessor's
    appointment know nothing of his successor). Two tagger-found names that share a part may be
    one person spelt two ways and never clash."""
    a, b = list(mine), list(theirs)
    if not a or not b or any(_same_person(x, y) for x in a for y in b):
        return False
    def unnamed(people: list[str], entities: Iterable[str]) -> bool:
        named = list(entities)
        return not any(_same_person(p, e) for p in people for e in named)
    return unnamed(a, their_entities) or unnamed(b, my_entities)


def _weekday(spans: Sequence[tuple[int, int]], times: Iterable[Any]) -> int | None:
    inside = sorted((t for t in times if any(a <= t["start"] < b for a, b in spans)), key=lambda t: t["start"])
    for t in inside:
        for e in tx.read(t["text"]):
            if e.weekday is not None:
                return e.weekday
    return None


_YEARLESS = re.compile(r"XXXX-(\d\d-\d\d)")


def month_day(text: str, spans: Sequence[tuple[int, int]], told: Iterable[Any]) -> tuple[str, int] | None:
    """('MM-DD', weekday) of the day an undated report's headline or first lead sentence
    (``spans``) writes out with its weekday and no year (``الجمعة 11 أبريل``), as wires date what
    they tell. Only the first date of a span counts (durations aside), and not in a future clause
    (``ستجرى الأحد 15 يونيو``); ``told`` are the time rows left once recalled dates are dropped
    (``منذ الجمعة 11 أبريل``). A day-month alone is not taken: leads name other days too (the day
    a tariff takes effect)."""
    told = sorted(told, key=lambda t: t["start"])
    for a, b in spans:
        first = next((t for t in told if a <= t["start"] < b and t["kind"] == "date"), None)
        if first is None:
            continue
        m = _YEARLESS.fullmatch(first["value"] or "")
        if not m or not _valid(m.group(1)) or tense_at(text, a, b, first["start"], first["start"] + len(first["text"] or "")) == FUTURE:
            continue
        wd = next((e.weekday for e in tx.read(first["text"]) if e.weekday is not None), None)
        if wd is not None:
            return m.group(1), wd
    return _dateline_day(text, spans, told)


# a wire's dateline with the day and month as numbers before its name (بغداد - 8 - 9 (كونا) --)
_DATELINE_DM = re.compile(r"[^\W\d][^\n\d()]{0,30}?\s[-–]\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*\(\s*[^\W\d][^()\n]{0,20}\)")


def _dateline_day(text: str, spans: Sequence[tuple[int, int]], told: Iterable[Any]) -> tuple[str, int] | None:
    """('MM-DD', weekday) of a wire's dateline that writes the day and month as numbers (``بغداد -
    8 - 9 (كونا) --``) at the start of a lead span, when the lead names the weekday of what it tells
    (``اليوم الأحد``): the agency's own date of the day it reports, as a weekday and day-month are."""
    for a, b in spans:
        m = _DATELINE_DM.match(text, a + len(text[a:b]) - len(text[a:b].lstrip()), b)
        if m is None:
            continue
        day = f"{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        wd = _weekday(spans, told)
        return (day, wd) if _valid(day) and wd is not None else None
    return None


def _valid(month_day: str) -> bool:
    try:
        date(2000, int(month_day[:2]), int(month_day[3:]))
    except ValueError:
        return False
    return True


def month_days_apart(a: str, b: str) -> int:
    """Days between two 'MM-DD' days in whichever year holds both (28 Dec and 2 Jan are 5 apart)."""
    da, db_ = date(2000, int(a[:2]), int(a[3:])), date(2000, int(b[:2]), int(b[3:]))
    d = abs((da - db_).days)
    return min(d, 366 - d)


def ordinal_clash(a: Iterable[tuple[str, int]], b: Iterable[tuple[str, int]]) -> bool:
    """Both name an ordinal of the same thing (round, stage) and no number agrees."""
    mine: dict[str, set[int]] = {}
    for noun, n in a:
        mine.setdefault(noun, set()).add(n)
    theirs: dict[str, set[int]] = {}
    for noun, n in b:
        theirs.setdefault(noun, set()).add(n)
    return any(noun in theirs and not (ns & theirs[noun]) for noun, ns in mine.items())


def weekday_distance(a: int, b: int) -> int:
    d = abs(a - b) % 7
    return min(d, 7 - d)


@lru_cache(maxsize=1)
def _background_openers() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.norm for t in tokenize(w)) for w in load_json("events_cues.json")["background_openers"])


_COMMA = re.compile("[,\u060c;\u061b]")


@lru_cache(maxsize=1)
def _before_date() -> tuple[frozenset[str], int, tuple[tuple[str, str], ...], int, frozenset[str]]:
    d = load_json("events_cues.json")["background_before_date"]
    norm = [t.norm for w in d["just_before"] for t in tokenize(w)]
    clause = tuple((tokenize(a)[0].norm, tokenize(b)[0].norm) for a, b in d["clause"])
    ends = frozenset(t.norm for w in d["clause_ends"] for t in tokenize(w))
    return frozenset(norm), int(d["gap"]), clause, int(d["clause_gap"]), ends


@lru_cache(maxsize=1)
def _target_words() -> tuple[frozenset[str], frozenset[str]]:
    d = load_json("events_cues.json")["background_before_date"]
    return (frozenset(bare(t.norm) for w in d["target_before"] for t in tokenize(w)),
            frozenset(bare(t.norm) for w in d["target_nouns"] for t in tokenize(w)))


def _ahead(words: list[str]) -> bool:
    """Do the words before a date put it off to or run until it (إلى جلسة, حتى)?"""
    to, nouns = _target_words()
    return bool(words) and (words[-1] in to or len(words) > 1 and words[-1] in nouns and words[-2] in to)


def date_ahead(text: str, sentence_start: int, time: Any) -> bool:
    """Is this written date the day a thing is put off to or lasts until (إلى جلسة 11 فيفري 2025)?
    Not the day told, but its year dates the report as well as any (the hearing sat weeks before)."""
    if not any(ch.isdigit() for ch in time["text"] or ""):
        return False
    return _ahead([bare(t.norm) for t in tokenize(text[sentence_start:time["start"]])])


def recalled_date(text: str, sentence_start: int, time: Any) -> bool:
    """Is this date, in the sentence starting at ``sentence_start``, one the report recalls or
    looks ahead to rather than tells: written right after منذ (since), inside a pluperfect clause
    (وكان X قد ...), or the day a thing is put off to or lasts until (إلى جلسة 11 فيفري, حتى 30
    يونيو)? Relative dates (منذ صباح اليوم) are what the report tells and stay."""
    just, gap, clause, clause_gap, ends = _before_date()
    head = text[sentence_start:time["start"]]
    toks = tokenize(head)
    words = [bare(t.norm) for t in toks]
    if any(ch.isdigit() for ch in time["text"] or ""):
        if any(w in just for w in words[-1 - gap:]) or _ahead(words):
            return True
    for i, w in enumerate(words):
        for first, second in clause:
            if w == first and second in words[i + 1:i + 2 + clause_gap] and not _COMMA.search(head, toks[i].end) \
                    and not any(x in ends for x in words[i + 2:]):
                return True  # up to a comma or a new clause (وكان الوزير قد أعلن أن القمة ستعقد في 5 مايو)
    return False


def background_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` (sentences) that open by recalling an earlier happening (يذكر أن ...): a
    date there is background, not the day the report tells. A leading و is allowed."""
    out = []
    for a, b in spans:
        if _opens(norms(text[a:min(b, a + 80)])[:6], _background_openers()):
            out.append((a, b))
    return out
