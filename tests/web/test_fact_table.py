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
