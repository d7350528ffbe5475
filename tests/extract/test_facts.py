"""Facts: numbers with units and what they count, on the samples and on sentences written for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.facts import build_lexicon, extract_facts, run
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.types import Analysis, Document

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "fixtures" / "facts_cases.json").read_text("utf-8"))["cases"]


@pytest.fixture(scope="module")
def lex():
    return build_lexicon()


@pytest.fixture(scope="module")
def sample_facts() -> dict[str, list]:
    res = Resources()
    out = {}
    for line in (ROOT / "marsad" / "samples" / "seeds.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        doc = prepare(Document(id=r["id"], text=r["text"], published=r.get("published")), res)
        a = Analysis(doc.id)
        run(doc, a, res)
        for f in a.facts:
            assert doc.text[f.start : f.end] == f.text
            assert f.sentence is not None
            s = doc.sentences[f.sentence]
            assert s.start <= f.start and f.end <= s.end
        out[r["id"][:3]] = [(f.what, f.unit, f.value, f.qualifier) for f in a.facts]
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_facts_written_sentences(lex, case):
    text = case["text"]
    got = [[f.what, f.unit, f.value, f.qualifier, f.text] for f in extract_facts(text, [(0, len(text))], lex)]
    assert got == [[w, u, float(v), q, t] for w, u, v, q, t in case["facts"]]


def test_facts_call_durations(sample_facts):
    assert ("call duration", "hour", 2.0, "more_than") in sample_facts["000"]
    assert ("call duration", "hour", 2.0, "exact") in sample_facts["000"]  # ساعتين: a dual is a count
    assert ("call duration", "hour", 2.0, "more_than") in sample_facts["002"]
    assert ("call duration", "hour", 1.5, "about") in sample_facts["003"]  # ساعة ونصف


def test_facts_prisoner_counts(sample_facts):
    assert ("prisoners exchanged", "person", 1000.0, "exact") in sample_facts["000"]
    assert ("prisoners exchanged", "person", 1000.0, "exact") in sample_facts["001"]
    assert ("prisoners exchanged", "person", 1000.0, "about") in sample_facts["002"]
    assert ("prisoners exchanged", "person", 175.0, "exact") in sample_facts["004"]


def test_facts_war_age_in_different_units(sample_facts):
    assert ("war age", "year", 3.0, "exact") in sample_facts["000"]
    assert ("war age", "month", 18.0, "more_than") in sample_facts["002"]


def test_facts_truce_in_digits_and_words(sample_facts):
    truce = [f for f in sample_facts["004"] if f[0] == "truce duration"]
    assert truce and all(f[1:3] == ("day", 30.0) for f in truce)
    assert len(truce) == 3  # لـ30 twice, لثلاثين once


def test_facts_no_dates_or_clock_times(sample_facts):
    # "15 مايو", "عام 2014", "14:00" carry no unit and must not become facts
    values = {f[2] for fs in sample_facts.values() for f in fs}
    assert not values & {15.0, 2014.0, 14.0, 2024.0}


def test_facts_decimal_written_with_a_letter(lex):
    # agency style: the fraction first, then ر, then the whole part (reads 90.69 on screen)
    text = "وأظهرت النتائج فوز المرشح بنسبة 69ر90 % من الأصوات، فيما بلغت نسبة المشاركة 8ر28%."
    facts = extract_facts(text, [(0, len(text))], lex)
    assert [(f.text, f.value) for f in facts] == [("69ر90 %", 90.69), ("8ر28%", 28.8)]
    # a year glued to a word is not a decimal
    text = "وقال في 2019رئيس الحكومة إن 12 شخصا قتلوا في الهجوم."
    assert [f.value for f in extract_facts(text, [(0, len(text))], lex)] == [12.0]
