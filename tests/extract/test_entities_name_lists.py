"""Names in a list joined by a glued و are separate people, and the و is no part of a name:
``خالد العلي ومحمد الأحمد`` names two people, ``وحازم إمام`` after a name is ``حازم إمام``.
A ف or و that belongs to the name stays (رالف فينس, وليد المعلم)."""
from __future__ import annotations

import pytest

from marsad.resources import Resources
from tests.extract.entities_eval import analyse


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _people(res: Resources, text: str) -> set[str]:
    return {m.text for m in analyse(res, "l", text).mentions if m.type == "PERSON"}


def test_a_given_name_glued_to_and_starts_another_person(res):
    people = _people(res, "وحضر الاجتماع خالد العلي ومحمد الأحمد.")
    assert {"خالد العلي", "محمد الأحمد"} <= people, people
    assert not any("ومحمد" in p for p in people), people


def test_and_glued_to_a_name_right_after_another_name_is_left_out(res):
    people = _people(res, "وضمت القائمة عادل فتحي وحازم إمام، فيما غاب عنها المدافع الأول.")
    assert "حازم إمام" in people, people
    assert not any(p.startswith("وحازم") for p in people), people


def test_letters_of_the_name_itself_stay(res):
    """A و or ف that is the name's own first letter (وليد, واصف, a surname وهبه) is kept."""
    assert "رالف فينس" in _people(res, "وشارك الممثل رالف فينس في الفيلم الجديد.")
    assert "وليد المعلم" in _people(res, "واستقبل الوزير وليد المعلم الوفد الزائر.")
    assert "واصف عريقات" in _people(res, "وقال الخبير العسكري واصف عريقات إن الهجوم كان متوقعا.")
    assert "مراد وهبه" in _people(res, "وأكد المفكر المصري مراد وهبه أن الحوار ضروري.")
    assert "وليد سليمان" in _people(res, "وضمت القائمة عادل فتحي وليد سليمان وحسام غالي.")
