"""Time expressions: the gold sample times, our own dated sentences, tense, spans, edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.times import event_date, find_times, run
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.text.normalize import normalize
from marsad.types import Analysis, Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OWN = [json.loads(line) for line in (FIXTURES / "times_expressions.jsonl").read_text("utf-8").splitlines() if line]
# Real news sentences (arabic_event_gsr, dated by their Gigaword ids); value null: no time there.
GSR = [json.loads(line) for line in (FIXTURES / "times_gsr.jsonl").read_text("utf-8").splitlines() if line]
# Harder forms written before the code for them (ranges, ordinal days, hours without الساعة, parts
# of day, quotes dated by their frame, ages, Maghrebi months, Hijri); value null: no time there.
# Measured: 10/38 before, 38/38 after.
MORE = [json.loads(line) for line in (FIXTURES / "times_more.jsonl").read_text("utf-8").splitlines() if line]


def _overlaps(a: str, b: str) -> bool:
    a, b = normalize(a), normalize(b)
    return bool(a and b) and (a in b or b in a)


@pytest.fixture(scope="module")
def sample_times(seeds) -> dict[str, list]:
    res = Resources()
    out = {}
    for doc_id, d in seeds.items():
        doc = prepare(Document(id=doc_id, text=d["text"], published=d.get("published")), res)
        analysis = Analysis(doc_id)
        run(doc, analysis, res)
        out[doc_id] = (doc, analysis.times)
    return out


def test_times_every_gold_time_found_with_its_value(gold, sample_times):
    missed = []
    for g in gold["times"]:
        _, refs = sample_times[g["doc"]]
        if not any(_overlaps(g["text"], r.text) and (r.value or "").startswith(g["value"]) for r in refs):
            missed.append(g)
    assert not missed


def test_times_spans_point_into_the_original_text(sample_times):
    for doc, refs in sample_times.values():
        assert refs
        for r in refs:
            assert doc.text[r.start:r.end] == r.text
            assert r.kind in {"date", "time", "duration", "set"}


def _check(case: dict) -> None:
    """The expression is found with the gold value (or, with value null, not taken as a time)."""
    refs = find_times(case["text"], case["published"])
    found = [(r.text, r.value) for r in refs if _overlaps(case["expr"], r.text)]
    if case["value"] is None:
        assert not found
    else:
        assert any(v == case["value"] for _, v in found), found


@pytest.mark.parametrize("case", OWN, ids=[f"{i}:{c['expr']}" for i, c in enumerate(OWN)])
def test_times_own_sentences(case):
    _check(case)


@pytest.mark.parametrize("case", GSR, ids=[f"{i}:{c['expr']}" for i, c in enumerate(GSR)])
def test_times_real_news_sentences(case):
    _check(case)


@pytest.mark.parametrize("case", MORE, ids=[f"{i}:{c['case']}:{c['expr']}" for i, c in enumerate(MORE)])
def test_times_harder_forms(case):
    _check(case)


def test_times_day_range_is_one_interval_and_dates_its_event_by_the_first_day():
    text = "وتعقد القمة من 15 إلى 17 مايو في الدوحة."
    (r,) = find_times(text, "2025-05-10")
    assert (r.text, r.value, r.grain, r.kind) == ("من 15 إلى 17 مايو", "2025-05-15/2025-05-17", "day", "date")
    assert event_date([r], (0, len(text))) == "2025-05-15"


def test_times_quote_is_dated_by_its_frame_only_with_a_reporting_verb():
    said = find_times('وقال الوزير أمس: "سنلتقي غدا".', "2025-05-20")
    assert [r.value for r in said if r.text == "غدا"] == ["2025-05-20"]
    not_said = find_times('وكان الاجتماع أمس "مثمرا وسنلتقي غدا".', "2025-05-20")
    assert [r.value for r in not_said if r.text == "غدا"] == ["2025-05-21"]


@pytest.mark.parametrize("text, published, value", [
    ("وقال زيلنسكي إنه سيلتقي نائب الرئيس في ميونيخ يوم الجمعة.", "2025-02-13", "2025-02-14"),
    ("وقال زيلنسكي إنه التقى نائب الرئيس في ميونيخ يوم الجمعة.", "2025-02-13", "2025-02-07"),
    ("وقال زيلنسكي إنه التقى نائب الرئيس في ميونيخ يوم الخميس.", "2025-02-13", "2025-02-13"),
    ("وسوف يعقد المؤتمر يوم الأحد في الدوحة.", "2025-02-13", "2025-02-16"),
])
def test_times_weekday_follows_the_tense_of_its_sentence(text, published, value):
    assert [r.value for r in find_times(text, published) if r.grain == "day"] == [value]


def test_times_since_a_month_is_a_past_month():
    """``منذ مارس`` in a sentence with no verb of its own: since last March, not next March."""
    from marsad.text.sentences import split_sentences

    text = "وأشار التقرير إلى ذلك أمس.\nوالمعارض، وهو خصم بارز للحكومة، مسجون منذ مارس على ذمة قضية أخرى."
    refs = find_times(text, "2025-10-27", split_sentences(text, None, []))
    assert [r.value for r in refs if r.text == "مارس"] == ["2025-03"]


@pytest.mark.parametrize("text", [
    "وتعهد ترمب بإنهاء الحرب في اليوم الأول من ولايته الثانية.",
    "ولا يوجد فرق كبير بين الاثنين في هذه المسألة.",
    "وقال إن موسكو مارس الضغوط على الجانب الآخر.",
    "واستقبل الرئيس رمضان قديروف في الكرملين.",
    "وأكد أن السياسة الخارجية لن تتغير بعد أعوام.",
    "وبلغ عدد المشاركين 2014 شخصا.",
])
def test_times_ordinary_words_are_not_times(text):
    assert find_times(text, "2025-05-20") == []


def test_times_undated_article_keeps_what_the_text_says():
    refs = {r.text: r.value for r in find_times("وقال الرئيس في 15 مايو إن الحرب ستنتهي، والتقى الوفد الجمعة، منذ عام 2014.", None)}
    assert refs == {"15 مايو": "XXXX-05-15", "الجمعة": None, "عام 2014": "2014"}


def test_times_clock_takes_its_day_from_the_sentence_before_or_stays_bare():
    text = "بدأ الاتصال الثلاثاء. وقال البيت الأبيض إنه انطلق في الساعة 14:00 بتوقيت غرينيتش."
    clock = [r for r in find_times(text, "2025-03-18") if r.kind == "time"]
    assert [(r.value, r.grain) for r in clock] == [("2025-03-18T14:00:00Z", "minute")]
    bare = [r.value for r in find_times("انطلق الاتصال في الساعة 14:00 بتوقيت غرينيتش.", "2025-03-18")]
    assert bare == ["T14:00:00Z"]


@pytest.mark.parametrize("text, value", [
    ("استمرت المكالمة ساعة ونصف", "PT1H30M"),
    ("استمر الاتصال أكثر من ساعتين", "PT2H"),
    ("وقف استهداف الطاقة لـ30 يوما", "P30D"),
    ("هدنة لثلاثين يوماً", "P30D"),
    ("بعد حرب دامت عامين ونصف", "P2Y6M"),
    ("استمر الحصار ١٨ شهراً", "P18M"),
    ("خلال يوم واحد", "P1D"),
    ("لمدة عشرين دقيقة", "PT20M"),
])
def test_times_durations_are_iso_8601(text, value):
    assert [r.value for r in find_times(text, "2025-03-18") if r.kind == "duration"] == [value]


def test_times_part_of_a_month_keeps_month_grain_and_says_which_part():
    (r,) = find_times("ومن المتوقع أن تبدأ المفاوضات في منتصف مايو.", "2025-03-01")
    assert (r.value, r.grain, r.mod) == ("2025-05", "month", "MID")


def test_times_hijri_month_is_an_interval_of_gregorian_days():
    (r,) = find_times("وتنخفض ساعات العمل خلال شهر رمضان 1446 هـ.", "2025-02-01")
    assert (r.value, r.grain) == ("2025-03-01/2025-03-29", "month")


def test_event_date_picks_the_finest_date_of_the_sentence():
    text = "وقال الرئيس الاثنين إن الحرب التي بدأت عام 2014 استمرت 11 عاما. وسيلتقي الوفدان الأسبوع المقبل."
    doc = prepare(Document(id="x", text=text, published="2025-05-20"), Resources())
    analysis = Analysis("x")
    run(doc, analysis, Resources())
    first, second = doc.sentences
    assert event_date(analysis.times, (first.start, first.end)) == "2025-05-19"
    assert event_date(analysis.times, (second.start, second.end)) == "2025-W22"
    assert event_date(analysis.times, (0, 5)) is None


def test_event_date_gives_the_day_of_a_clock_time():
    text = "وانطلق الاتصال في الساعة 14:00 بتوقيت غرينيتش يوم الثلاثاء."
    refs = find_times(text, "2025-03-18")
    assert event_date(refs, (0, len(text))) == "2025-03-18"
