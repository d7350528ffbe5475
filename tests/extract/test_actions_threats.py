"""A measure named as the content of a threat (هدد ترامب بفرض رسوم) is threatened, not done: the
threat is coded as THREATEN, and the measure keeps the modality ``threatened`` so that no user
counts a sanction that was never imposed. The sentences are written for these tests in the style
of Arabic wire copy."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def code(text: str, res: Resources):
    return analyse(prepare(Document(id="t", text=text, published="2025-05-05"), res), res).actions


def by_type(text: str, res: Resources) -> dict[str, list]:
    out: dict[str, list] = {}
    for a in code(text, res):
        out.setdefault(a.type, []).append(a)
    return out


def test_a_threatened_tariff_is_not_an_imposed_one(res):
    got = by_type("وتوعد ترامب بفرض رسوم جمركية إضافية على الصين.", res)
    assert [a.source for a in got["THREATEN"]] == ["kb:donald-trump"]
    (s,) = got["SANCTION"]
    assert (s.source, s.target, s.modality) == ("kb:donald-trump", "kb:CN", "threatened")


def test_a_threatened_freeze_with_no_target_is_not_coded_as_done(res):
    got = by_type("هدد الرئيس الأمريكي دونالد ترامب بتجميد أموال الجامعة.", res)
    assert [a.source for a in got["THREATEN"]] == ["kb:donald-trump"]
    assert all(a.modality != "asserted" for a in got.get("SANCTION", []))


def test_brandishing_a_measure_is_a_threat(res):
    got = by_type("ولوحت إيران بإغلاق مضيق هرمز.", res)
    assert [a.source for a in got["THREATEN"]] == ["kb:IR"]


def test_the_threat_ends_at_its_clause(res):
    # the strike after the comma was done, and a sanction imposed after a threat was imposed
    got = by_type("هددت حماس بالرد على الاغتيال، وقصفت إسرائيل مدينة غزة.", res)
    (a,) = got["ASSAULT"]
    assert (a.source, a.modality) == ("kb:IL", "asserted")
    got = by_type("وفرضت الولايات المتحدة عقوبات على إيران بعد أن هددت طهران بإغلاق مضيق هرمز.", res)
    (s,) = got["SANCTION"]
    assert (s.source, s.target, s.modality) == ("kb:US", "kb:IR", "asserted")


def test_imposing_is_still_asserted(res):
    (s,) = by_type("فرضت الولايات المتحدة رسوما جمركية على الصين.", res)["SANCTION"]
    assert s.modality == "asserted"


def test_what_endangers_lives_or_stability_threatens_no_one(res):
    """يهدد حياة / استقرار: a blockade or a drought endangers, no actor threatens (texts written
    for the test); a threat of an act still is one."""
    assert "THREATEN" not in by_type("منع شاحنات الوقود من دخول الفاشر يهدد حياة المرضى", res)  # no city threatens
    assert "THREATEN" not in by_type("وقالت وزارة الزراعة المصرية إن الجفاف يهدد استقرار المنطقة.", res)
    assert [a.source for a in by_type("وهدد الحوثيون باستهداف السفن في البحر الأحمر.", res)["THREATEN"]] \
        == ["kb:houthis"]


def test_warning_a_named_party_against_something_is_a_threat(res):
    """حذر X Y من ...: a warning addressed to a named party is a threat to it; a warning of a
    danger (حذرت الأمم المتحدة من مجاعة) or with no one warned is none (texts written for the test)."""
    got = by_type("وحذرت إيران الولايات المتحدة من أي عمل عسكري ضد أراضيها.", res)
    assert [(a.source, a.target) for a in got["THREATEN"]] == [("kb:IR", "kb:US")]
    assert "THREATEN" not in by_type("وحذرت الأمم المتحدة من مجاعة وشيكة في السودان.", res)
    assert "THREATEN" not in by_type("وحذر الرئيس الفرنسي من تداعيات التصعيد على لبنان.", res)


def test_a_threat_in_the_speakers_own_words_is_his(res):
    """«قطر تحتفظ بحق الرد», «إيران سترد بشكل حازم»: the conventional words of a threat inside a
    direct quote are its speaker's threat; a response told as done (الرد الإيراني كان محدودا) is
    none (texts written for the test)."""
    got = by_type('وقال رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني إن "قطر تحتفظ بحق الرد على هذا السلوك".', res)
    assert [a.source for a in got["THREATEN"]] == ["kb:mohammed-bin-abdulrahman"]
    got = by_type("وقال الرئيس الإيراني مسعود بزشكيان إن «إيران سترد بشكل حازم على أي اعتداء».", res)
    assert [a.source for a in got["THREATEN"]] == ["kb:masoud-pezeshkian"]
    assert "THREATEN" not in by_type("وقال عراقجي إن «الرد الإيراني كان محدودا».", res)
