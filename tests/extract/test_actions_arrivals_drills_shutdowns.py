"""Sentences of war communiqués, diplomacy and state measures, written for the test in the style
of news the coder had not read before.

- An army announcing the death of its enemies (`أعلن الجيش المالي مقتل 20 إرهابيا`, `تحييد 15
  إرهابيا`) killed them; an army announcing its own dead, or a ministry counting civilians, did not.
- A weapon hit is not the target: whoever launched it is (`زورق مسير أطلقه الحوثيون`).
- An arrival for talks or on a visit (`وصل ... إلى الدوحة للقاء`) is a visit; a convoy arriving
  or a toll reaching a number is not.
- Military drills (`أجرت إيران مناورات عسكرية`) are a show of force; cutting the internet and
  closing a crossing are coercion, the city where it was done is no target.
- Tariffs suspended or cut by a verb (`علقت الولايات المتحدة الرسوم الجمركية`) are a concession, as
  the noun already was; a warning of a response (`حذر ... من رد قاس`) is a threat, a warning of
  rising prices is not.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    # an army communiqué names who it hit
    ("أعلن الجيش المالي مقتل 20 إرهابيا في غارات جوية شمال البلاد.", ("ASSAULT", "kb:army-ML", "grp:militants")),
    ("أعلن الجيش المصري تحييد 15 إرهابيا في شمال سيناء.", ("ASSAULT", "kb:army-EG", "grp:militants")),
    ("أعلن الجيش الأمريكي تدمير زورق مسير أطلقه الحوثيون في البحر الأحمر.",
     ("ASSAULT", "kb:army-US", "kb:houthis")),
    # an arrival on a visit
    ("وصل المبعوث الأمريكي ستيف ويتكوف إلى الدوحة للقاء مسؤولين قطريين.",
     ("CONSULT", "kb:steve-witkoff", "kb:doha")),
    ("وصل وزير الخارجية الإيراني عباس عراقجي إلى مسقط في زيارة رسمية.",
     ("CONSULT", "kb:abbas-araghchi", "kb:muscat")),
    # drills, shutdowns, closures, tariffs and warnings
    ("أجرت إيران مناورات عسكرية في الخليج.", ("MOBILIZE", "kb:IR", None)),
    ("قطعت السلطات السودانية خدمة الإنترنت في الخرطوم.", ("COERCE", "kb:SD", None)),
    ("حجبت السلطات التركية منصة إكس.", ("COERCE", "kb:TR", None)),
    ("أغلقت إسرائيل معبر رفح أمام المساعدات.", ("COERCE", "kb:IL", None)),
    ("أعلنت إسرائيل إغلاق معبر رفح حتى إشعار آخر.", ("COERCE", "kb:IL", None)),
    ("علقت الولايات المتحدة الرسوم الجمركية على الواردات الصينية لمدة 90 يوما.", ("CONCEDE", "kb:US", "kb:CN")),
    ("خفضت الصين الرسوم الجمركية على السلع الأمريكية.", ("CONCEDE", "kb:CN", "kb:US")),
    ("حذر نتنياهو إيران من عواقب وخيمة.", ("THREATEN", "kb:benjamin-netanyahu", "kb:IR")),
])
def test_communiques_arrivals_drills_shutdowns_closures_tariffs_and_warnings(coded_actions, text, expected):
    assert expected in coded_actions(text)


@pytest.mark.parametrize("text", [
    "أعلن الجيش الإسرائيلي مقتل 3 من جنوده في معارك شمال غزة.",
    "أعلنت وزارة الصحة مقتل 30 مدنيا في القصف.",
])
def test_own_dead_or_a_count_of_civilians_has_no_announcer_as_killer(coded_actions, text):
    assert [s for t, s, _ in coded_actions(text) if t == "ASSAULT"] == [None]


@pytest.mark.parametrize("text", [
    "دعا الرئيس إلى تحييد لبنان عن الصراعات.",
    "أكد الوزير ضرورة القضاء على الفقر.",
])
def test_neutrality_and_ending_poverty_are_no_killing(coded_actions, text):
    assert [t for t, _, _ in coded_actions(text) if t == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "وصلت 200 شاحنة مساعدات إلى قطاع غزة.",
    "وصل عدد القتلى إلى 50 شخصا.",
])
def test_a_convoy_or_a_toll_arriving_is_no_visit(coded_actions, text):
    assert "CONSULT" not in [t for t, _, _ in coded_actions(text)]


@pytest.mark.parametrize("text", [
    "قطع الرئيس كلمته.",
    "حذرت الأمم المتحدة من تصعيد خطير في السودان.",
    "حذر الخبراء من ارتفاع الأسعار.",
    "الصحة الفلسطينية: إغلاق الاحتلال معبر رفح يتسبب في كارثة صحية.",
])
def test_what_is_not_coerced_nor_threatened(coded_actions, text):
    assert not {"COERCE", "THREATEN"} & {t for t, _, _ in coded_actions(text)}


@pytest.fixture(scope="module")
def actions_of():
    from marsad.pipeline import analyse, prepare
    from marsad.resources import Resources
    from marsad.types import Document
    res = Resources()
    return lambda text: analyse(prepare(Document(id="t", text=text, published="2025-05-20"), res), res).actions


@pytest.mark.parametrize(("text", "cameo", "mode"), [
    ("قطعت السلطات السودانية خدمة الإنترنت في الخرطوم.", "1721", "internet shutdown"),
    ("أجرت إيران مناورات عسكرية في مدينة بندر عباس.", "150", "military exercise"),
])
def test_a_state_measure_at_home_has_its_code_and_the_city_as_place(actions_of, text, cameo, mode):
    (act,) = actions_of(text)
    assert (act.cameo, act.mode, act.target, act.target_country) == (cameo, mode, None, None)
    assert act.place is not None and act.place_country == act.source[3:]


def test_two_measures_at_home_in_one_sentence(actions_of):
    got = actions_of("اعتقلت الشرطة السودانية ناشطا وقطعت السلطات السودانية الإنترنت في الخرطوم.")
    assert {a.type for a in got} == {"COERCE"}
    got = actions_of("حجبت السلطات التركية منصة إكس في أنقرة وحجبت السلطات التركية موقع يوتيوب في إسطنبول.")
    assert [(a.type, a.source, a.cameo) for a in got][:1] == [("COERCE", "kb:TR", "1721")]
