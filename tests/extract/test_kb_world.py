"""The world part of the shipped KB (media, companies, parties, clubs, world places, 2025 office
holders): its names are found, and its forms that are also common Arabic words stay silent
without their cue word or the article's context."""

from __future__ import annotations

import pytest

from marsad.extract.kb import load_kb
from marsad.resources import Resources
from tests.extract.entities_eval import analyse


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _ents(res, text: str, date: str = "2025-06-01") -> dict[str, str]:
    return {m.text: m.entity for m in analyse(res, "w", text, date).mentions if m.entity}


@pytest.mark.parametrize("text,surface,key", [
    ("وقالت صحيفة القبس إن الحكومة الكويتية تدرس القرار.", "القبس", "kb:al-qabas"),
    ("وأعلنت أرامكو السعودية ارتفاع أرباحها في الربع الثاني.", "أرامكو السعودية", "kb:saudi-aramco"),
    ("وقرر تحالف أوبك+ زيادة الإنتاج اعتبارا من الشهر المقبل.", "تحالف أوبك+", "kb:opec-plus"),
    ("وهاجمت حركة طالبان باكستان موقعا للجيش في خيبر بختونخوا.", "حركة طالبان باكستان", "kb:ttp"),
    ("وانتقد حزب الشعب الجمهوري قرار المحكمة في إسطنبول.", "حزب الشعب الجمهوري", "kb:chp"),
    ("وتعادل الوداد مع الرجاء في ديربي الدار البيضاء.", "الرجاء", "kb:raja"),
    ("وسقطت صواريخ على مدينة صور في جنوب لبنان.", "صور", "kb:tyre"),  # مدينة tells the city, NewsFANE marks the name
])
def test_world_names_are_found(res, text, surface, key):
    assert _ents(res, text).get(surface) == key


@pytest.mark.parametrize("text,key", [
    ("ونشرت الوزارة صور الأضرار على موقعها.", "kb:tyre"),
    ("وعمل المسعفون طوال النهار لإنقاذ المصابين.", "kb:annahar"),
    ("وبلغ الحد الأقصى للأسعار مستوى جديدا.", "kb:al-aqsa"),
    ("وحقق الفريق النصر في المباراة الأخيرة.", "kb:al-nassr"),
    ("وكان مشهد الدمار في المدينة مروعا.", "kb:mashhad"),
    ("وقال إن العيون كلها على المفاوضات.", "kb:laayoune"),
])
def test_common_words_stay_silent_without_context(res, text, key):
    assert key not in _ents(res, text).values()


def test_roles_of_2025_resolve_by_date(res):
    kb = load_kb()
    assert kb.holder("prime-minister:DZ", "2024-05-01") == "nadir-larbaoui"
    assert kb.holder("prime-minister:DZ", "2022-05-01") == "aymen-benabderrahmane"
    assert kb.holder("president:PL", "2025-09-01") == "karol-nawrocki"
    assert kb.holder("president:MX", "2025-01-10") == "claudia-sheinbaum"
