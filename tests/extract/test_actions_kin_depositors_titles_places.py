"""Coded actions on sentences written for the test in the style of Arab wire reports.

- Unnamed groups news names by who they are act as groups: the victims' families (``ذوو الضحايا``,
  ``أهالي المعتقلين``), depositors, rights and aid groups, lawyers.
- A person the tagger finds right after a clause's verb (``اتهم نبيل هادي الساعدي``) is its
  subject, but not after a verb news writes passive as often (``واستقبل فلان لدى وصوله``).
- A title whose portfolio is two nouns joined by و (``وزير الشباب والرياضة``) titles the name
  after it, set off by commas or not.
- A place after ``وفي`` sets the scene (``وفي رام الله، اتهم ...``) and is no subject.
"""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def coded():
    res = Resources()

    def run(text: str) -> list[tuple[str, str | None]]:
        an = analyse(prepare(Document(id="t", text=text, published="2025-05-20"), res), res)
        return [(a.type, a.source) for a in an.actions]
    return run


@pytest.mark.parametrize(("text", "want"), [
    ("واتهم ذوو الضحايا عناصر من الجيش المالي بتنفيذ الهجوم.", ("ACCUSE", "grp:victims_families")),
    ("وطالب أهالي المعتقلين بالإفراج عنهم.", ("DEMAND", "grp:victims_families")),
    ("وطالب المودعون الدولة بإنشاء صندوق خاص لتعويضهم.", ("DEMAND", "grp:depositors")),
    ("في غضون ذلك، انتقدت منظمات إغاثة محلية بطء وصول المساعدات الأممية.", ("DISAPPROVE", "grp:rights_groups")),
    ("ونظم المحامون وقفة احتجاجية أمام المحكمة.", ("PROTEST", "grp:lawyers")),
])
def test_groups_named_by_who_they_are(coded, text, want):
    assert want in coded(text)


@pytest.mark.parametrize("text", [
    "اتهم نبيل هادي الساعدي إسرائيل بالتستر على المخالفات.",
    "وطالب نبيل هادي الساعدي الحكومة بالاستقالة.",
])
def test_a_tagged_person_right_after_the_verb_is_its_subject(coded, text):
    got = coded(text)
    assert got and got[0][1] is not None and got[0][1].startswith("unk:PERSON:")


def test_a_verb_as_often_passive_has_no_subject_told(coded):
    got = coded("واستقبل أسامه نجيم لدى وصوله إلى مطار معيتيقة بهتافات من أنصاره.")
    assert not any(t == "CONSULT" and (s or "").startswith("unk:PERSON:") for t, s in got)


@pytest.mark.parametrize("text", [
    "اتهم وزير الشباب والرياضة، نبيل هادي الساعدي، إدارة الاتحاد بالتستر على المخالفات.",
    "اتهم وزير الشباب والرياضة العراقي نبيل هادي الساعدي الحكومة بالتستر على المخالفات.",
])
def test_a_portfolio_of_two_nouns_titles_the_name(coded, text):
    got = coded(text)
    assert [t for t, _ in got] == ["ACCUSE"] and got[0][1].startswith("unk:PERSON:")


def test_a_place_after_wa_fi_sets_the_scene(coded):
    got = coded("وفي رام الله، اتهم عضو اللجنة المركزية لحركة فتح اسامة أبو شعيب حكومة الاحتلال "
                "بالسعي إلى تفجير الأوضاع.")
    assert got and got[0][0] == "ACCUSE"
    assert got[0][1] != "kb:ramallah" and got[0][1].startswith("unk:PERSON:")
