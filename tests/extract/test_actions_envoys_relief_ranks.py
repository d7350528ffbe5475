"""Envoys recalled or summoned told by their nouns, diplomats expelled by count, relief sent, a
statement of a body as subject, a rank before a name, a number that reads as a verb. (Sentences
written for the test.)"""

from __future__ import annotations


def test_an_envoy_recalled_or_summoned_told_by_its_noun(coded_actions):
    # a time adjunct between the announcing verb and the noun leaves the announcer its owner
    assert coded_actions("أعلنت فرنسا أمس الثلاثاء استدعاء سفيرها لدى الجزائر للتشاور.") == [
        ("SANCTION", "kb:FR", "kb:DZ")]
    assert ("DISAPPROVE", "kb:EG", "kb:IL") in coded_actions("قررت مصر استدعاء السفير الإسرائيلي لديها.")
    # the envoy annexed to the noun is who is summoned, never who summons
    assert coded_actions("قررت الخارجية استدعاء السفير الإيراني لديها احتجاجا على التصريحات.") == []
    assert coded_actions("طرد متبادل لموظفين واستدعاء السفير الفرنسي للتشاور") == []


def test_diplomats_expelled_by_count_and_a_number_is_no_praise(coded_actions):
    # اثني عشر: a number, not أثنى (praised)
    assert coded_actions("طردت الجزائر اثني عشر موظفا في السفارة الفرنسية.") == [("SANCTION", "kb:DZ", None)]
    assert coded_actions("طرد المدرب ثلاثة لاعبين من الفريق.") == []


def test_relief_sent_is_aid(coded_actions):
    assert coded_actions("أرسلت منظمة الصحة العالمية أدوية ومستلزمات جراحية إلى مستشفيات المحويت.") == [
        ("AID", "kb:who", None)]
    assert coded_actions("أرسلت الإمارات طائرة تحمل أدوية إلى السودان.") == [("AID", "kb:AE", "kb:SD")]
    # what is carried decides: explosives, or the wounded taken to hospital, are no relief
    assert coded_actions("نقل الجيش الإسرائيلي مواد متفجرة إلى الحدود.") == []
    assert coded_actions("دعا الوزير إلى إرسال أدوية إلى غزة.") == []


def test_a_statement_of_a_body_acts_for_it(coded_actions):
    assert coded_actions("وحمل بيان الخارجية الجزائرية وزير الداخلية الفرنسي المسؤولية عن التصعيد.") == [
        ("ACCUSE", "kb:foreign-ministry-DZ", "kb:FR")]
    assert ("DISAPPROVE", "kb:foreign-ministry-EG", None) in coded_actions("وأدان بيان الخارجية المصرية الهجوم.")


def test_a_military_rank_before_a_name(coded_actions):
    assert coded_actions("وتوعد الكابتن إبراهيم تراوري المسلحين برد قاس.")[:1] == [
        ("THREATEN", "kb:ibrahim-traore", None)]
