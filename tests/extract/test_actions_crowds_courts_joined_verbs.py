"""Sentences of protests, courts and security operations, written for the test in the style of
news the coder had not read before.

- A crowd blocking roads (`قطع عشرات المتظاهرين الطرق`) is a protest (CAMEO 144); the police closing
  a road is none.
- A court named by its nationality (`محكمة مصرية`) acts for its state; a sentence's duration
  (`عامين`, `ستة أشهر`) ends the name of the sentenced.
- A verb joined by و with no subject of its own (`أحبطت قوات الأمن المغربية مخططا واعتقلت أربعة
  متشددين`) shares the subject of the verb opening the sentence, never across a quotation.
- A state's strike in another country with no target named (`شنت القوات الأمريكية غارات على مواقع في
  اليمن`) falls on that country.
- A weapon's target behind a preposition (`بصواريخ مضادة للطائرات`) is not who fired it.
"""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.mark.parametrize(("text", "expected"), [
    ("قطع عشرات المتظاهرين الطرق في مدينة صفاقس احتجاجا على غلاء الأسعار.", ("PROTEST", "grp:protesters", None)),
    ("قطع المتظاهرون الطريق.", ("PROTEST", "grp:protesters", None)),
    ("أصدرت محكمة مصرية حكما بسجن الناشط علاء عبد الفتاح خمس سنوات.", ("COERCE", "kb:EG", None)),
    ("أحبطت قوات الأمن المغربية مخططا إرهابيا واعتقلت أربعة متشددين.",
     ("COERCE", "grp:security_forces:MA", "grp:militants")),
    ("داهمت قوات الأمن مقر حزب المعارضة في أنقرة واعتقلت عشرة من أعضائه.", ("COERCE", "grp:security_forces", None)),
    ("شنت القوات الأمريكية غارات على مواقع في اليمن.", ("ASSAULT", "kb:US", "kb:YE")),
])
def test_road_blocks_courts_joined_verbs_and_strikes_abroad(coded_actions, text, expected):
    typ, src, tgt = expected
    assert any(t == typ and s == src and (tgt is None or g == tgt) for t, s, g in coded_actions(text))


@pytest.mark.parametrize("text", [
    "أغلقت الشرطة الطريق المؤدي إلى المطار.",
    "أغلقت السلطات الطرق المؤدية إلى وسط العاصمة.",
    "قطعت قوات الأمن الطرق في مدينة صفاقس احتجاجا على غلاء الأسعار.",
])
def test_the_police_closing_a_road_is_no_protest(coded_actions, text):
    assert [t for t, _, _ in coded_actions(text) if t == "PROTEST"] == []


def test_a_quoted_toll_is_not_the_spokesman_s_deed(coded_actions):
    coded = coded_actions('وصرح المتحدث باسم الشرطة عبد الفتاح آدم قائلا "قتل أكثر من 32 مدنيا في هجوم المطعم وأصيب 63 آخرون".')
    assert all(not (s or "").startswith("unk:PERSON") for _, s, _ in coded)


def test_anti_aircraft_missiles_name_no_aircraft_as_shooter(coded_actions):
    coded = coded_actions("وأضافت أنها أسقطت الطائرة الهليكوبتر بصواريخ مضادة للطائرات.")
    assert all(s != "grp:soldiers" for _, s, _ in coded)


@pytest.mark.parametrize(("text", "name"), [
    ("قضت محكمة تونسية بسجن المعارض عبير موسي عامين.", "عبير موسي"),
    ("حكم على الصحفي محمد بوغلاب ستة أشهر.", "محمد بوغلاب"),
])
def test_a_sentence_s_duration_is_no_part_of_the_name(text, name):
    res = Resources()
    an = analyse(prepare(Document(id="t", text=text, published="2024-06-01", language="ar"), res), res)
    people = [text[m.start:m.end] for m in an.mentions if m.type == "PERSON"]
    assert people == [name]


@pytest.mark.parametrize(("text", "not_source"), [
    ("أعلن الجيش أن مسلحين هاجموا حاجزا واعتقلوا ثلاثة جنود.", "kb:army"),
    ("احتجزت زوارق بحرية إيرانية سفينة.", "grp:soldiers"),
])
def test_a_joined_verb_after_an_that_and_a_navy_s_nationality(coded_actions, text, not_source):
    coded = coded_actions(text)
    assert coded and all(not (s or "").startswith(not_source) for _, s, _ in coded)


def test_a_soldier_killed_abroad_makes_no_strike_on_that_country(coded_actions):
    assert all(g != "kb:IQ" for _, _, g in coded_actions("قتل جندي أمريكي في هجوم في العراق."))


@pytest.mark.parametrize("text,crowd", [
    ("وفرقت قوات الأمن مئات العمال الذين اعتصموا أمام مقر الشركة في السويس.", "grp:workers"),
    ("واعتقلت الشرطة عشرات المحتجين الذين تظاهروا أمام البرلمان في بغداد.", "grp:protesters"),
])
def test_a_crowd_a_relative_clause_tells_of_protested(coded_actions, text, crowd):
    """The crowd dispersed or arrested is the subject of the protest its relative clause tells
    (الذين اعتصموا), though the sentence is about the dispersal (texts written for the test)."""
    assert ("PROTEST", crowd, None) in coded_actions(text)


def test_a_walkout_or_boycott_in_protest_is_a_protest(coded_actions):
    """انسحب نواب المعارضة ... احتجاجا, قاطعت أحزاب المعارضة ... احتجاجا: the opposition's walkout
    and boycott are protests (PLOVER PROTEST), not a retreat; troops withdrawing still retreat
    (texts written for the test)."""
    assert ("PROTEST", "grp:opposition", None) in coded_actions(
        "وانسحب نواب المعارضة من الجلسة احتجاجا على رفض طلبهم تأجيل التصويت على الموازنة.")
    assert ("PROTEST", "grp:opposition", None) in coded_actions("وقاطعت أحزاب المعارضة الانتخابات احتجاجا على القانون.")
    assert [t for t, _, _ in coded_actions("وانسحبت القوات الروسية من مدينة خيرسون.")] == ["RETREAT"]


@pytest.mark.parametrize(("text", "expected"), [
    # a walkout told by its noun, by MPs no list names
    ("البرلمان يقر ثلاثة قوانين في جلسة صاخبة وانسحاب عشرات النواب احتجاجاً على آلية التصويت",
     ("PROTEST", "grp:legislators", None)),
    ("وطالب نواب عراقيون الحكومة بالتحقيق في الصفقة.", ("DEMAND", "grp:legislators:IQ", None)),
    # a crowd's threat, as its demand or refusal is
    ("وهدد المحتجون بالتصعيد إذا لم تستجب الحكومة.", ("THREATEN", "grp:protesters", None)),
    ("وهددت كتل نيابية عدة بمقاطعة الجلسات المقبلة.", ("THREATEN", "grp:legislators", None)),
])
def test_legislators_walk_out_demand_and_threaten(coded_actions, text, expected):
    """MPs (نواب, كتل نيابية) are a group that protests and speaks as a crowd does (texts written
    for the test); deputies of an officer (نواب الرئيس) are no such group."""
    typ, src, tgt = expected
    assert any(t == typ and s == src and (tgt is None or g == tgt) for t, s, g in coded_actions(text))


def test_a_presidents_deputies_are_no_legislators(coded_actions):
    for text in ("واستقبل الرئيس نواب الرئيس في القصر.", "وطالب نواب رئيس الجمهورية بإقالة الحكومة.",
                 "رفض نائبا رئيس الوزراء القرار."):
        assert not any(s == "grp:legislators" for _, s, _ in coded_actions(text)), text
    # a withdrawal of troops that stirs protest is no walkout
    assert not any(t == "PROTEST" for t, _, _ in coded_actions("وأعلن الجيش انسحاب قواته من المدينة، ما أثار احتجاج الأهالي."))
