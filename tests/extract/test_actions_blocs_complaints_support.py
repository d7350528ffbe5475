"""A bloc named in quotation marks after its head word, an official complaint and support voiced
for a decision. (Sentences written for the test.)"""

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
    # complaints a report mentions in passing, or a player's of an injury, are nobody's official complaint
    assert coded_actions("تقدمت القوات الروسية في دونيتسك وسط شكاوى أوكرانية من نقص الذخيرة.") == []
    assert coded_actions("رفعت إيران أسعار الوقود وسط شكوى واسعة من المواطنين.") == []
    assert all(t != "DISAPPROVE" for t, _, _ in coded_actions("تقدم ميسي بشكوى من إصابة في الركبة."))


def test_support_voiced_for_a_decision(coded_actions):
    assert coded_actions("وأعربت فرنسا عن تأييدها للمبادرة المصرية.") == [("SUPPORT", "kb:FR", "kb:EG")]
    assert ("SUPPORT", "kb:vladimir-putin", None) in coded_actions("أعرب بوتين عن تأييد بلاده للقرار.")
    # support lost, or another's support praised, is not support voiced
    assert coded_actions("خسر ترامب تأييدهم للخطة.") == []
    assert coded_actions("فقد نتنياهو تأييد بلاده للحرب.") == []


def test_a_verb_carrying_its_object_pronoun(coded_actions):
    """اتهمته, واتهمتهم, واعتقلته: a verb in ت may carry its object pronoun; its subject is never
    the actor just before it (that one is the pronoun's antecedent), and a three-letter stem's
    noun in ة before a pronoun (رحلته: his trip) is no verb."""
    assert coded_actions("اتهمته إيران بالتجسس.") == [("ACCUSE", "kb:IR", None)]
    assert ("ACCUSE", "kb:us-treasury", None) in coded_actions(
        "وأعلنت وزارة الخزانة الأمريكية فرض عقوبات على ستة أفراد، واتهمتهم بتحويل أموال لصالح الجماعة.")
    got = coded_actions("داهمت قوات الشرطة التركية منزل رئيس بلدية إسطنبول أكرم إمام أوغلو، واعتقلته ضمن حملة واسعة.")
    assert ("COERCE", None, None) in got and all(s != "kb:ekrem-imamoglu" for _, s, _ in got), got
    assert coded_actions("ووصل البابا فرنسيس في رحلته الأخيرة إلى بغداد.") == []


def test_a_parliament_named_by_its_council_acts(coded_actions):
    assert coded_actions("رفض مجلس النواب الليبي قرار حكومة الوحدة الوطنية.") == [("REJECT", "kb:parliament-LY", None)]


def test_weapons_delivered_are_military_aid(coded_actions):
    """``سلمت ألمانيا أوكرانيا دبابات``, ``زودت الولايات المتحدة أوكرانيا بمنظومات``: weapons handed
    to a named party are AID; fighters handing in their own weapons, or prisoners handed over, are not."""
    assert coded_actions("وسلمت ألمانيا أوكرانيا دبابات ليوبارد.") == [("AID", "kb:DE", "kb:UA")]
    assert coded_actions("وزودت الولايات المتحدة أوكرانيا بمنظومات دفاع جوي.") == [("AID", "kb:US", "kb:UA")]
    assert coded_actions("وسلم المسلحون أسلحتهم للجيش.") == []
    assert all(t != "AID" for t, _, _ in coded_actions("وسلمت الشرطة المتهمين إلى النيابة."))
