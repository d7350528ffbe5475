"""Sentences of casualty reports, treaties and executions, written for the test in the style of
news the coder had not read before.

- The shooter named after a weapon glued to ب (`قتل طفل برصاص قناص`, `أصيب ثلاثة جنود بنيران
  مسلحين`) did the killing or wounding; he is never its victim, and nor is an unnamed soldier or
  policeman named right before the weapon (`قتل جندي برصاص مسلحين`) its shooter, where a definite
  agent before the weapon keeps the act (`قتل الجيش برصاص حي شابا`); a shooter that is a state or an
  armed body tells the happening without asking the sentence classifier.
- A group's nationality is not read across a glued preposition or another group's word: `خمسة
  أشخاص بغارة إسرائيلية` are not Israelis, `الشرطة جنودا لبنانيين` is not Lebanon's police.
- Signing an agreement between two named states (`وقعت السودان وجنوب السودان اتفاقا`) is an
  agreement however long the pair; clashes after an agreement broke down are none.
- An execution (`أعدمت السلطات الإيرانية ثلاثة رجال`) is a killing by who executed.
- A state's delegation (`الوفد الإسرائيلي`) acts for its state, and its forces named with a
  pronoun (`جنودها`, `قواتها`) act for it; a movement's supporters so named (`دعت أنصارها`) are
  whom it called on, not a crowd acting.
- `بين قوات الجيش السوداني وقوات الدعم السريع` is a pair; `حزمة جديدة من العقوبات` is the
  sanctions imposed, not an adjunct; a missile test is a show of force, a car's test is not.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    # the shooter behind the weapon
    ("قتل طفل برصاص قناص في حي الشيخ مقصود بحلب.", ("ASSAULT", "grp:gunmen", "grp:residents")),
    ("قتل طفل بنيران الجيش الإسرائيلي في رفح.", ("ASSAULT", "kb:idf", "grp:residents")),
    ("استشهد شاب برصاص قوات الاحتلال في نابلس.", ("ASSAULT", "grp:soldiers", "grp:residents")),
    ("أصيب ثلاثة جنود بنيران مسلحين في دارفور.", ("ASSAULT", "grp:gunmen", "grp:soldiers")),
    ("قتل ثلاثة مسلحين برصاص الشرطة في سيناء.", ("ASSAULT", "grp:security_forces", "grp:gunmen")),
    ("قتل خمسة أشخاص بغارة إسرائيلية على بلدة في جنوب لبنان.", ("ASSAULT", "kb:IL", "grp:residents")),
    # a nationality belongs to the group it follows
    ("اعتقلت الشرطة جنودا لبنانيين.", ("COERCE", "grp:security_forces", "grp:soldiers:LB")),
    # treaties, executions, delegations
    ("وقعت السودان وجنوب السودان اتفاقا لاستئناف تصدير النفط.", ("AGREE", "kb:SD", "kb:SS")),
    ("أعدمت السلطات الإيرانية ثلاثة رجال أدينوا بقتل عناصر من الشرطة.", ("ASSAULT", "kb:IR", "grp:residents")),
    ("أعدم تنظيم داعش 20 مدنيا في دير الزور.", ("ASSAULT", "kb:isis", "grp:residents")),
    ("وصل الوفد الإسرائيلي إلى القاهرة لإجراء محادثات بشأن وقف إطلاق النار.", ("CONSULT", "kb:IL", "kb:cairo")),
    # clashes between forces, a state's own forces, a batch of sanctions, a missile test
    ("اندلعت اشتباكات بين قوات الجيش السوداني وقوات الدعم السريع في مدينة الفاشر.",
     ("ASSAULT", "kb:army-SD", "kb:rsf")),
    ("أعلنت روسيا أن جنودها سيطروا على قرية في منطقة دونيتسك.", ("ASSAULT", "kb:RU", "kb:UA")),
    ("فرض الاتحاد الأوروبي حزمة جديدة من العقوبات على روسيا.", ("SANCTION", "kb:eu", "kb:RU")),
    ("أجرت الهند اختبارا لصاروخ باليستي قادر على حمل رؤوس نووية.", ("MOBILIZE", "kb:IN", None)),
])
def test_shooters_nationalities_signings_executions_and_delegations(coded_actions, text, expected):
    assert expected in coded_actions(text)


@pytest.mark.parametrize(("text", "expected", "reversed_"), [
    ("قتل جندي إسرائيلي برصاص مسلحين فلسطينيين قرب نابلس.",
     ("ASSAULT", "grp:gunmen:PS", "grp:soldiers:IL"), ("ASSAULT", "grp:soldiers:IL", "grp:gunmen:PS")),
    ("قتل شرطي برصاص مسلحين في ولاية زمفارا.",
     ("ASSAULT", "grp:gunmen", "grp:security_forces"), ("ASSAULT", "grp:security_forces", "grp:gunmen")),
    # an agent with its object between it and the weapon keeps the killing, and so does a definite
    # agent with the weapon right after it
    ("قتل الجيش ثلاثة مسلحين برصاص قناصته.", ("ASSAULT", "grp:soldiers", "grp:gunmen"), None),
    ("استهدف الجيش الإسرائيلي بغارة جوية قياديا في حزب الله.", ("ASSAULT", "kb:idf", "kb:hezbollah"),
     ("ASSAULT", "kb:hezbollah", "kb:idf")),
    ("قتلت حماس بقذيفة هاون جنديين إسرائيليين.", ("ASSAULT", "kb:hamas", "grp:soldiers:IL"),
     ("ASSAULT", "grp:soldiers:IL", "kb:hamas")),
])
def test_an_armed_victim_right_before_the_weapon_was_hit(coded_actions, text, expected, reversed_):
    """`قتل جندي برصاص مسلحين`: an unnamed soldier or policeman right after the verb, with another's
    weapon right after him, was killed, as a civilian so named is."""
    coded = coded_actions(text)
    assert expected in coded
    assert reversed_ not in coded


def test_the_victim_of_a_shot_is_never_its_shooter(coded_actions):
    coded = coded_actions("قتل طفل برصاص قناص في حي الشيخ مقصود بحلب.")
    assert coded and all(s != t for _, s, t in coded)


@pytest.mark.parametrize("text", [
    "وقعت اشتباكات عنيفة بعد انهيار اتفاق وقف إطلاق النار.",
    "وقعت انفجارات قرب مقر توقيع اتفاقية السلام رغم الإجراءات الأمنية.",
])
def test_clashes_near_an_agreement_are_no_signing(coded_actions, text):
    assert [t for t, _, _ in coded_actions(text) if t == "AGREE"] == []


def test_a_movement_calling_on_its_supporters_is_the_one_acting(coded_actions):
    coded = coded_actions("وهنأت حركة النهضة سعيد ودعت أنصارها للالتحاق بالاحتفال في شارع الثورة.")
    assert coded and all(s != "grp:supporters" for _, s, _ in coded)


def test_a_test_of_a_car_is_no_show_of_force(coded_actions):
    assert [t for t, _, _ in coded_actions("أجرت الشركة اختبارا لسيارة كهربائية جديدة.") if t == "MOBILIZE"] == []
