"""Attacks on shipping name the ship's flag state, which is neither party to the attack, and
armies deny strikes they are said to have made: a denial is not an admission; and air
defences named by a nationality act for that country. The sentences are
written for these tests in the style of Arabic wire copy."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def assaults(text: str, res: Resources):
    got = analyse(prepare(Document(id="t", text=text, published="2025-05-05"), res), res).actions
    return [a for a in got if a.type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "وأعلنت جماعة الحوثي استهداف سفينة ترفع علم ليبيريا في خليج عدن.",
    "وهاجم الحوثيون ناقلة نفط ترفع العلم الليبيري قبالة سواحل الحديدة.",
])
def test_the_flag_state_is_not_the_target(text, res):
    (a,) = assaults(text, res)
    assert a.source == "kb:houthis"
    assert a.target is None and a.target_country is None


def test_a_named_country_still_is_a_target(res):
    (a,) = assaults("وأعلنت جماعة الحوثي استهداف إسرائيل بصاروخ باليستي.", res)
    assert (a.source, a.target) == ("kb:houthis", "kb:IL")


def test_a_denied_strike_is_negated(res):
    (a,) = assaults("ونفى الجيش الإسرائيلي استهداف المدنيين في رفح.", res)
    assert a.negated
    (b,) = assaults("واستهدف الجيش الإسرائيلي المدنيين في رفح.", res)
    assert not b.negated


def test_a_body_named_by_a_nationality_that_is_also_a_country_name(res):
    # السعودية is the adjective and the country: the air defences are Saudi Arabia's, and the
    # country is not also the target of its own interception
    a = next(x for x in assaults("واعترضت الدفاعات الجوية السعودية طائرة مسيرة أطلقها الحوثيون.", res)
             if x.mode == "shooting down")
    assert a.source == "kb:SA" and a.target != "kb:SA"
    (b,) = assaults("وقصفت القوات السعودية مواقع للحوثيين في صعدة.", res)
    assert (b.source, b.target) == ("kb:SA", "kb:houthis")
