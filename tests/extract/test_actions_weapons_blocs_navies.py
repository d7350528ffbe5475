"""War-at-sea, air-defence and oil-producer sentences written for the test in the style of news the
coder had not read before.

- A weapon as the attack verb's subject (`استهدفت مسيرة حوثية سفينة`, `صواريخ روسية تضرب`) is
  named by its adjective as an attack noun is (`هجوم حوثي`); a shoot-down is not (a drone shot
  down is no drone that attacked).
- Air defences and a country's navy, air force or ground forces are forces (`الدفاعات الجوية
  أسقطت`, `القوات البحرية الإيرانية احتجزت`); a frigate or a submarine sent is a deployment.
- A bloc's decision (`قررت أوبك+ خفض الإنتاج`) is an agreement of its members; one state's or one
  person's decision is not.
- A verb joined by و has the clause's subject, not the object just before it
  (`صواريخ روسية تضرب خاركيف وتقتل`: Kharkiv kills no one).
- A truce collapsing (`انهارت الهدنة`) is no ceasefire; control retaken (`استعادت القوات ...
  السيطرة`) is a capture; a sniping's genitive is its victim, its claimant the agent.
- Strikes or operations suspended (`تعليق غاراتها`, `تعليق العمليات العسكرية`) are a ceasefire.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "source"), [
    # a weapon subject named by its adjective
    ("استهدفت مسيرة حوثية سفينة تجارية في خليج عدن.", "kb:houthis"),
    ("استهدفت مسيرة أوكرانية مصفاة نفط في منطقة كراسنودار.", "kb:UA"),
    ("صواريخ روسية تضرب مدينة خاركيف ليلا.", "kb:RU"),
    # control retaken or tightened: a capture
    ("استعادت القوات الأوكرانية السيطرة على قرية في منطقة خاركيف.", "kb:UA"),
    ("أحكمت القوات الروسية سيطرتها على بلدة في دونيتسك.", "kb:RU"),
])
def test_the_attacker_of_a_weapon_subject_or_a_capture(coded_actions, text, source):
    assert ("ASSAULT", source) in [(t, s) for t, s, _ in coded_actions(text)]


def test_a_drone_shot_down_is_not_its_own_attack(coded_actions):
    got = coded_actions("أسقطت مسيرة إسرائيلية في جنوب لبنان.")
    assert ("ASSAULT", "kb:IL") not in [(t, s) for t, s, _ in got]


def test_a_joined_verb_keeps_the_clause_subject(coded_actions):
    got = coded_actions("صواريخ روسية تضرب خاركيف وتقتل خمسة مدنيين.")
    assert ("ASSAULT", "kb:RU", "kb:kharkiv") in got
    assert "kb:kharkiv" not in [s for _, s, _ in got]


@pytest.mark.parametrize(("text", "expected"), [
    ("قالت وزارة الدفاع الروسية إن الدفاعات الجوية أسقطت 40 طائرة مسيرة أوكرانية فوق منطقة كورسك.",
     ("ASSAULT", "grp:soldiers", "grp:soldiers:UA")),
    ("احتجزت القوات البحرية الإيرانية ناقلة نفط أجنبية في مضيق هرمز.", ("COERCE", "kb:IR", None)),
    ("أرسلت البحرية الفرنسية فرقاطة إلى البحر الأحمر لحماية السفن التجارية.",
     ("MOBILIZE", "kb:FR", "grp:soldiers")),
])
def test_air_defences_and_navies_are_forces(coded_actions, text, expected):
    assert expected in coded_actions(text)


@pytest.mark.parametrize("text", [
    "قررت مجموعة أوبك+ خلال اجتماعها الافتراضي يوم الأحد خفض إنتاج النفط بمقدار مليوني برميل يوميا.",
    "قررت ثماني دول في أوبك+ زيادة الإنتاج بواقع 411 ألف برميل يوميا في يونيو.",
    "قرر تحالف أوبك+ الإبقاء على سياسة الإنتاج دون تغيير.",
])
def test_a_bloc_decision_is_its_members_agreement(coded_actions, text):
    assert ("AGREE", "kb:opec-plus", None) in coded_actions(text)


@pytest.mark.parametrize("text", [
    "قررت الحكومة المصرية رفع أسعار الوقود بنسبة 15 في المئة.",
    "قرر المدرب إبقاء اللاعب على مقاعد البدلاء.",
    "قررت السعودية خفض إنتاجها من النفط.",
])
def test_one_state_or_person_deciding_agrees_with_no_one(coded_actions, text):
    assert "AGREE" not in [t for t, _, _ in coded_actions(text)]


@pytest.mark.parametrize("text", [
    "انهارت الهدنة في السودان بعد ساعات من إعلانها.",
    "انهار وقف إطلاق النار في السودان بعد يومين.",
])
def test_a_truce_collapsing_is_no_ceasefire(coded_actions, text):
    assert "RETREAT" not in [t for t, _, _ in coded_actions(text)]


def test_a_claimed_sniping_has_the_claimant_as_agent(coded_actions):
    got = coded_actions("أعلنت كتائب القسام قنص جندي إسرائيلي في رفح.")
    assert ("ASSAULT", "kb:qassam-brigades", "grp:soldiers:IL") in got


@pytest.mark.parametrize(("text", "expected"), [
    ("أعلنت الولايات المتحدة تعليق غاراتها على الحوثيين بعد وساطة عمانية.", ("RETREAT", "kb:US", "kb:houthis")),
    ("أعلن الجيش الإسرائيلي تعليق العمليات العسكرية في منطقة رفح لساعات.", ("RETREAT", "kb:idf", None)),
])
def test_strikes_suspended_are_a_ceasefire(coded_actions, text, expected):
    assert expected in coded_actions(text)
