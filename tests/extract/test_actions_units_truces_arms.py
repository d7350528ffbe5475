"""War, truce, arms and oil-meeting sentences written for the test in the style of news the
coder had not read before.

- A state's unit named by its nationality right after the attack verb (`اعترضت مدمرة أمريكية`,
  `أسقطت مقاتلة إسرائيلية`) or a unit named with its army (`قصفت مدفعية الجيش الإسرائيلي`) tells the
  attack by the structure: the sentence classifier, which learned one country's street violence,
  is not asked.
- `أعلن الجيش الروسي السيطرة على قرية`: control announced by an armed body is a capture; control
  told with no announcer (`يواصل الجيش ... فرض السيطرة على المناطق`) is a standing state.
- A truce reached (`توصلت الأطراف إلى هدنة`) is also an agreement (AGREE) between its parties.
- Arms exports or military aid suspended is a sanction (an arms embargo); a comment on arms
  exports (`علق الوزير على صادرات الأسلحة`) is not.
- `عقد وزراء النفط في أوبك اجتماعا`: the body whose ministers hold the meeting holds it.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "typ", "source"), [
    ("اعترضت مدمرة أمريكية صواريخ أطلقت من اليمن.", "ASSAULT", "grp:soldiers:US"),
    ("أسقطت مقاتلة إسرائيلية طائرة مسيرة فوق الجولان.", "ASSAULT", "grp:soldiers:IL"),
    ("قصفت مدفعية الجيش الإسرائيلي بلدات في جنوب لبنان.", "ASSAULT", "kb:idf"),
    ("قصفت دبابات الجيش الإسرائيلي منازل في رفح.", "ASSAULT", "kb:idf"),
    ("أعلن الجيش الروسي السيطرة على قرية في منطقة دونيتسك.", "ASSAULT", "kb:army-RU"),
    ("أعلنت القوات الروسية سيطرتها على بلدة بوكروفسك.", "ASSAULT", "kb:RU"),
    ("الجيش السوداني يستعيد السيطرة على مدينة ود مدني.", "ASSAULT", "kb:army-SD"),
    ("سيطرت قوات الدعم السريع على القصر الرئاسي في الخرطوم.", "ASSAULT", "kb:rsf"),
    ("عقد وزراء النفط في أوبك اجتماعا في فيينا.", "CONSULT", "kb:opec"),
    ("عقد مجلس الأمن الدولي اجتماعا طارئا لبحث الوضع في غزة.", "CONSULT", "kb:un-security-council"),
])
def test_the_doer_is_found_through_its_unit_or_officials(coded_actions, text, typ, source):
    assert (typ, source) in [(t, s) for t, s, _ in coded_actions(text)]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("توصل الجيش السوداني وقوات الدعم السريع إلى هدنة لمدة أسبوع.", "kb:army-SD", "kb:rsf"),
    ("أعلنت إسرائيل وحماس التوصل إلى هدنة في قطاع غزة.", "kb:IL", "kb:hamas"),
])
def test_a_truce_reached_is_an_agreement_too(coded_actions, text, source, target):
    coded = coded_actions(text)
    assert ("RETREAT", source, target) in coded
    assert ("AGREE", source, target) in coded


def test_a_truce_called_for_is_no_agreement(coded_actions):
    coded = coded_actions("دعا الأمين العام للأمم المتحدة إلى التوصل إلى هدنة في السودان.")
    assert not [c for c in coded if c[0] == "AGREE"]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("علقت ألمانيا صادرات الأسلحة إلى إسرائيل.", "kb:DE", "kb:IL"),
    ("أوقفت بريطانيا تصدير بعض الأسلحة إلى إسرائيل.", "kb:GB", "kb:IL"),
    ("قررت الولايات المتحدة تعليق المساعدات العسكرية لأوكرانيا.", "kb:US", "kb:UA"),
])
def test_arms_halted_are_a_sanction(coded_actions, text, source, target):
    assert ("SANCTION", source, target) in coded_actions(text)


@pytest.mark.parametrize("text", [
    "علق وزير الخارجية الألماني على صادرات الأسلحة إلى إسرائيل.",
    "يواصل الجيش عمليات التمشيط وفرض السيطرة على المناطق المتوترة.",
    "تخضع المدينة لسيطرة الحوثيين منذ سنوات.",
])
def test_a_comment_or_a_standing_state_is_not_coded(coded_actions, text):
    coded = coded_actions(text)
    assert not [c for c in coded if c[0] in ("SANCTION", "ASSAULT")]
