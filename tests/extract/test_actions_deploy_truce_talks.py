"""Deployments told with a plain verb, and truces that are only talked of (sentences written for
the test in the style of war and shipping news).

- `أرسلت الولايات المتحدة حاملة طائرات` and `نشرت روسيا آلاف الجنود` are MOBILIZE: the verb
  with a military noun after it (the `deploy_verb` entry); a letter or a report sent or published
  is not.
- A ceasefire in `مفاوضات الهدنة`, `مقترح لوقف إطلاق النار` or `ضرورة وقف إطلاق النار` has not
  happened: no RETREAT is coded from it, while the talks themselves stay coded.
"""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _types(res: Resources, text: str) -> list[tuple[str, str | None]]:
    doc = prepare(Document(id="t", text=text, published="2024-06-01", language="ar"), res)
    return [(a.type, a.source) for a in analyse(doc, res).actions]


@pytest.mark.parametrize(("text", "source"), [
    ("أرسلت الولايات المتحدة حاملة طائرات إلى شرق البحر المتوسط.", "kb:US"),
    ("نشرت روسيا آلاف الجنود على الحدود مع أوكرانيا.", "kb:RU"),
    ("أرسلت بريطانيا مدمرة إلى الخليج لحماية السفن التجارية.", "kb:GB"),
    ("نشرت الصحيفة تقريرا مطولا عن الحرب.", None),
    ("أرسل الرئيس رسالة إلى نظيره الفرنسي.", None),
    ("أرسلت الحكومة شحنة مساعدات إنسانية إلى غزة.", None),
])
def test_what_is_sent_decides_if_a_force_is_mobilized(res, text, source):
    """A force sent or deployed is MOBILIZE by its sender (source); a letter, a report or aid
    (source None) is no mobilization at all."""
    types = _types(res, text)
    if source:
        assert ("MOBILIZE", source) in types
    else:
        assert "MOBILIZE" not in [t for t, _ in types]


@pytest.mark.parametrize("text", [
    "التقى وزير الخارجية الأمريكي نظيره القطري في الدوحة لبحث مفاوضات الهدنة.",
    "شدد البيان على ضرورة وقف إطلاق النار في السودان.",
    "وتناول الاجتماع مسودة وقف إطلاق النار التي قدمها الوسطاء.",
])
def test_a_truce_only_talked_of_is_no_retreat(res, text):
    assert "RETREAT" not in [t for t, _ in _types(res, text)]


def test_talks_stay_coded_and_a_truce_that_began_is_one(res):
    assert "CONSULT" in [t for t, _ in _types(res, "التقى وزير الخارجية الأمريكي نظيره القطري في الدوحة لبحث مفاوضات الهدنة.")]
    assert "RETREAT" in [t for t, _ in _types(res, "دخل وقف إطلاق النار بين إسرائيل وحزب الله حيز التنفيذ فجر الأربعاء.")]
