"""The event page's fact table is the event's own (interval-compared) rows: hedged values that
fit together agree, one row per quantity whatever the unit, each source's Arabic wording shown."""

from __future__ import annotations

from marsad.config import load_config
from marsad.extract.facts import build_lexicon, extract_facts
from marsad.link.factable import fact_table as event_facts
from marsad.web.queries import fact_table

SOURCES = {  # one sentence per outlet, written for the test
    "a": "واستمر الاتصال الهاتفي بين الرئيسين أكثر من ساعتين.",
    "b": "وقال مسؤول إن المكالمة استغرقت نحو ساعتين ونصف.",
    "c": "ودامت المحادثة 150 دقيقة بحسب الكرملين.",
}


def _facts(sources: dict[str, str] = SOURCES) -> list[dict]:
    lex, rows = build_lexicon(), []
    for doc, text in sources.items():
        for f in extract_facts(text, [(0, len(text))], lex):
            rows.append({"doc_id": doc, "what": f.what, "unit": f.unit, "value": f.value, "qualifier": f.qualifier,
                         "start": f.start, "end": f.end, "text": f.text})
    return rows


def test_compatible_hedges_agree_in_one_row():
    rows = fact_table(event_facts(_facts(), list(SOURCES), load_config()["events"]))
    assert len(rows) == 1, rows  # hours and minutes: one quantity, one row
    row = rows[0]
    assert row["status"] == "agree"
    assert {d: [x["text"] for x in xs] for d, xs in row["by_doc"].items()} == {
        "a": ["أكثر من ساعتين"], "b": ["نحو ساعتين ونصف"], "c": ["150 دقيقة"]}
    assert row["what_ar"] and not row["what_ar"].isascii()


def test_values_that_cannot_both_hold_clash():
    facts = _facts()
    facts.append({"doc_id": "d", "what": facts[0]["what"], "unit": "hour", "value": 5.0, "qualifier": "exact",
                  "start": 0, "end": 8, "text": "خمس ساعات"})
    rows = fact_table(event_facts(facts, [*SOURCES, "d"], load_config()["events"]))
    assert [r["status"] for r in rows] == ["conflict"]


def _table(sources: dict[str, str]) -> list[dict]:
    return fact_table(event_facts(_facts(sources), list(sources), load_config()["events"]))


def test_a_rounded_figure_agrees_with_the_exact_one_and_a_different_count_does_not():
    """56 per cent is 56.12 per cent rounded (one outlet writes the decimals, another not); 19 and
    20 dead are two counts, however close (sentences written for the test)."""
    shares = _table({"a": "وحصل المرشح الفائز على 56,12% من أصوات الناخبين.",
                     "b": "وفاز المرشح بـ56 في المئة من الأصوات."})
    assert [r["status"] for r in shares] == ["agree"], shares
    dead = _table({"a": "وأسفر الهجوم عن مقتل 19 شخصا.", "b": "وأسفر الهجوم عن مقتل 20 شخصا."})
    assert [r["status"] for r in dead] == ["conflict"], dead


def test_a_generic_quantity_is_no_clash():
    """How long a quake lasted and how long since a stronger one: both 'a duration', two different
    things, so their figures differ without contradicting each other (sentences written for the test)."""
    rows = _table({"a": "وقالت هيئة المسح الجيولوجي إن الزلزال استمر نحو دقيقة وألحق أضرارا بمئات المباني.",
                   "b": "وهو أقوى زلزال يضرب المنطقة منذ 100 عام بحسب خبراء."})
    assert [(r["what"], r["status"]) for r in rows] == [("duration", "differ")], rows


def test_a_source_that_also_states_the_other_figure_does_not_contradict_it():
    """One outlet leads with the turnout, the other with the winner's share, and each gives both:
    the first figures count two things (sentences written for the test)."""
    rows = _table({"a": "وقالت الهيئة إن نسبة المشاركة بلغت 27.7% فقط. وحصل الرئيس المنتهية ولايته على 89.2% من الأصوات.",
                   "b": "وفاز الرئيس بنسبة 89.2% من الأصوات، فيما بلغت نسبة الإقبال 27.7 بالمئة."})
    assert [(r["what"], r["status"]) for r in rows] == [("vote share", "differ")], rows


def test_a_toll_neither_source_states_is_still_a_clash():
    """610 dead (and 12 in a neighbouring province) against more than 800: no figure of one is the
    other's, so the sources contradict each other whatever else they count."""
    rows = _table({"a": "وأعلن متحدث باسم الحكومة مقتل 610 أشخاص وإصابة 1300 آخرين، كما قتل 12 شخصا في ولاية مجاورة.",
                   "b": "ولقي أكثر من 800 شخص مصرعهم وأصيب أكثر من 2700 آخرين جراء الزلزال."})
    assert ("people killed", "conflict") in [(r["what"], r["status"]) for r in rows], rows


def test_a_row_stored_before_clash_was_written_reads_as_it_was_shown():
    from marsad.link.factable import fact_status

    assert fact_status({"sources": 2, "agree": False, "values": {"a": "1", "b": "2"}}) == "conflict"
    assert fact_status({"sources": 1, "agree": True, "values": {"a": "1"}}) == "single"


def test_a_lower_bound_written_after_the_count_holds_beside_a_larger_toll():
    """``20 شخصا على الأقل`` is a lower bound, like ``ما لا يقل عن``; a later, larger toll does not
    contradict it (the figures differ), while an exact smaller one does."""
    rows = _table({"a": "وقتل 14 شخصا على الأقل في التفجير.", "b": "وارتفعت حصيلة التفجير إلى مقتل 32 شخصا."})
    assert [r["status"] for r in rows] == ["differ"]
    assert [x["text"] for x in rows[0]["by_doc"]["a"]] == ["14 شخصا على الأقل"]
    rows = _table({"a": "وقتل 40 شخصا على الأقل في التفجير.", "b": "وأسفر التفجير عن مقتل 32 شخصا."})
    assert [r["status"] for r in rows] == ["conflict"]
