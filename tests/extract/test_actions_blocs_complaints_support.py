"""A bloc named in quotation marks after its head word, an official complaint, support voiced for
a decision and an accusation told by a participle with no party named. (Sentences written for
the test.)"""

from __future__ import annotations


def test_a_bloc_named_in_quotation_marks_after_its_head_word_is_the_subject(coded_actions):
    # تحالف "أوبك+": the quotation marks keep the head word out of the name, not out of the clause
    assert ("AGREE", "kb:opec-plus", None) in coded_actions('اتفق وزراء تحالف "أوبك+" يوم الأحد على تمديد التخفيضات.')
    assert ("AGREE", "kb:opec-plus", None) in coded_actions(
        'واتفق تحالف "أوبك+"، الذي يضم منظمة أوبك وحلفاءها، على خفض الإنتاج.')


def test_an_official_complaint_is_a_disapproval(coded_actions):
    assert coded_actions("وقدم لبنان شكوى إلى مجلس الأمن ضد إسرائيل.") == [("DISAPPROVE", "kb:LB", "kb:IL")]
    assert [(t, s) for t, s, _ in coded_actions("وتقدم لبنان بشكوى رسمية ضد إسرائيل أمام مجلس الأمن.")] == [
        ("DISAPPROVE", "kb:LB")]
    # a complaint received, or one a citizen files with the police, is nobody's disapproval of an actor
    assert coded_actions("تلقت الشرطة شكوى من أحد المواطنين.") == []


def test_support_voiced_for_a_decision(coded_actions):
    assert coded_actions("وأعربت فرنسا عن تأييدها للمبادرة المصرية.") == [("SUPPORT", "kb:FR", "kb:EG")]
    assert ("SUPPORT", "kb:vladimir-putin", None) in coded_actions("أعرب بوتين عن تأييد بلاده للقرار.")
    assert coded_actions("وحظي القرار بتأييد واسع من الأحزاب.") == []


def test_an_accusing_participle_with_no_party_named_is_the_announcers_accusation(coded_actions):
    got = coded_actions("أعلن الحرس الثوري الإيراني احتجاز ناقلة نفط أجنبية، متهماً إياها بتهريب الوقود.")
    assert ("ACCUSE", "kb:irgc", None) in got
    # متهما as a defendant is no one's accusation
    assert all(t != "ACCUSE" for t, _, _ in coded_actions("وأوضح المحامي أن موكله كان متهما في قضية فساد."))
