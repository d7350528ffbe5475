"""Measures states and armed groups take against each other in conflict news (expelling
diplomats, closing airspace, suspending a treaty, freezing assets, lifting a siege), the unnamed
member who acts for an organisation, and kidnappings told with أقدم ... على. The sentences are
written for these tests in the style of Arabic wire copy."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def analysis(text: str, res: Resources):
    return analyse(prepare(Document(id="t", text=text, published="2025-05-05"), res), res)


def code(text: str, res: Resources):
    return analysis(text, res).actions


def test_expelling_diplomats_is_a_sanction(res):
    (a,) = code("طردت فرنسا 12 دبلوماسيا جزائريا.", res)
    assert (a.type, a.cameo, a.mode, a.source, a.target) == ("SANCTION", "161", "expulsion", "kb:FR", "kb:DZ")
    (b,) = code("طردت مصر القائم بالأعمال الإيراني.", res)
    assert (b.type, b.source) == ("SANCTION", "kb:EG")
    # demanding or threatening an expulsion is no expulsion by the expelled side
    for text in ("تظاهر المئات في عمان للمطالبة بطرد السفير الإسرائيلي.", "هدد ترامب بطرد السفير الروسي."):
        assert all(x.type != "SANCTION" for x in code(text, res)), text
    assert all(x.type != "SANCTION" for x in code("طردت الشرطة المحتجين من الساحة.", res))


def test_closing_airspace_to_a_country_but_not_for_safety(res):
    (a,) = code("وأغلقت باكستان مجالها الجوي أمام الطائرات الهندية.", res)
    assert (a.type, a.mode, a.source, a.target) == ("SANCTION", "closure", "kb:PK", "kb:IN")
    (b,) = code("أغلقت تركيا المجال الجوي أمام الطائرات الإسرائيلية.", res)
    assert (b.type, b.source, b.target) == ("SANCTION", "kb:TR", "kb:IL")
    assert all(x.type != "SANCTION" for x in code("أغلقت فرنسا سفارتها في السودان وأجلت موظفيها بسبب القتال.", res))
    # closed for 48 hours with no one it is closed to: a safety measure, not a sanction
    assert code("وفي رد فعل سريع، قررت باكستان إغلاق أجوائها لمدة 48 ساعة.", res) == []


def test_suspending_a_treaty_and_freezing_assets(res):
    (a,) = code("أعلنت الهند تعليق العمل بمعاهدة مياه نهر السند.", res)
    assert (a.type, a.mode, a.source) == ("SANCTION", "suspension", "kb:IN")
    # علق على: commented on
    assert code("وعلق لافروف على الاتفاق بين أرمينيا وأذربيجان.", res) == []
    (b,) = code("جمدت الولايات المتحدة أصول البنك المركزي الروسي.", res)
    assert (b.type, b.mode, b.source) == ("SANCTION", "asset freeze", "kb:US")
    # a company suspending work at a field, a comment on an agreement: no sanction
    assert code("أعلنت الشركة تعليق العمل في الحقل.", res) == []
    assert all(x.type != "SANCTION" for x in code("وفي تعليق على الاتفاق، قال الوزير إنه جيد.", res))


def test_lifting_a_siege_or_curfew_is_no_blockade(res):
    for text in ("متوعدا باستمرار الهجمات \"حتى رفع الحصار عن غزة\".", "قررت السلطات فك الحصار عن المدينة.",
                 "قررت الحكومة رفع حظر التجول في المدينة."):
        assert all(a.type != "COERCE" for a in code(text, res)), text
    (a,) = code("فرضت القوات حصارا على المدينة.", res)
    assert (a.type, a.mode) == ("COERCE", "blockade")


def test_an_unnamed_member_acts_for_the_organisation(res):
    (a,) = code("اتهم مسؤول في حماس إسرائيل بالمماطلة.", res)
    assert (a.type, a.source, a.target) == ("ACCUSE", "kb:hamas", "kb:IL")
    (b,) = code("في المقابل، اتهم مسؤول في حماس، طلب عدم الكشف عن اسمه، إسرائيل بالمماطلة.", res)
    assert (b.type, b.source) == ("ACCUSE", "kb:hamas")
    (c,) = code("انتقد عضو في الكونغرس الأمريكي قرار ترامب.", res)
    assert (c.type, c.source) == ("DISAPPROVE", "kb:us-congress")
    # a named member acts himself; a verb's ب-complement is no membership
    (d,) = code("اتهم القيادي في حماس أسامة حمدان إسرائيل بالمماطلة.", res)
    assert (d.type, d.target) == ("ACCUSE", "kb:IL") and d.source != "kb:hamas"
    assert all(x.source != "kb:hamas" for x in code("وأشاد مسؤولون بحماس لالتزامها بالاتفاق.", res))


def test_kidnapping_told_with_aqdama_ala(res):
    for text in ("أقدم مسلحون مجهولون على خطف ثلاثة مهندسين أجانب قرب مدينة أوباري.",
                 "أقدمت مجموعة مسلحة على خطف ثلاثة مهندسين."):
        (a,) = code(text, res)
        assert (a.type, a.mode, a.source, a.source_sector) == ("ASSAULT", "abduction", "grp:gunmen", "UAF"), text


def test_the_weapon_of_an_attack_is_not_its_agent(res):
    text = ("أعلنت جماعة أنصار الله الحوثية، مساء الأحد، أنها استهدفت سفينة شحن في البحر الأحمر "
            "بصاروخين بالستيين وطائرة مسيرة.")
    acts = code(text, res)
    assert [(a.type, a.source) for a in acts] == [("ASSAULT", "kb:houthis")]


def test_words_on_a_banner_have_no_speaker_named_by_a_pronoun(res):
    an = analysis("ورفع المعتصمون لافتات كتب عليها \"كرامة المعلم خط أحمر\"، وهتفوا ضد الحكومة.", res)
    assert an.quotes and all(q.speaker_text != "عليها" for q in an.quotes)


def test_a_member_after_an_attack_noun_is_its_target(res):
    # the headline's subject before its claim verb claims the killing, as after it (أعلن الجيش ...)
    (a,) = code("الجيش الإسرائيلي يعلن اغتيال قيادي في حزب الله", res)
    assert (a.type, a.source, a.target) == ("ASSAULT", "kb:idf", "kb:hezbollah")


def test_a_body_affiliated_to_an_organisation_acts_for_it(res):
    (a,) = code("احتجزت البحرية التابعة للحرس الثوري الإيراني ناقلة نفط أجنبية في مضيق هرمز.", res)
    assert (a.type, a.source) == ("COERCE", "kb:irgc")


def test_a_participle_agent_is_its_speaker_never_the_name_after_it(res):
    assert code("وقال مصدر إن الوضع هادئ، داعيا إيران إلى احترام حرية الملاحة.", res) == []
    (a,) = code("وقال ماكرون إن الوضع خطير، داعيا إيران إلى احترام حرية الملاحة.", res)
    assert (a.type, a.source, a.target) == ("REQUEST", "kb:emmanuel-macron", "kb:IR")


def test_a_truce_in_force_is_background_but_troops_entering_despite_it_are_news(res):
    acts = code("أعلن الجيش الإسرائيلي أنه اغتال قياديا في حزب الله بغارة في بلدة النبطية، رغم سريان وقف إطلاق النار.", res)
    assert [(a.type, a.source, a.target) for a in acts] == [("ASSAULT", "kb:idf", "kb:hezbollah")]
    acts = code("تجددت الاشتباكات في المدينة رغم دخول وحدات من الجيش السوري إلى المدينة.", res)
    assert "MOBILIZE" in {a.type for a in acts}


def test_cutting_ties_and_handing_over_hostages(res):
    acts = code("واتهمت كينشاسا رواندا بإرسال قوات لدعم المتمردين، وقطعت علاقاتها الدبلوماسية مع كيغالي.", res)
    assert ("SANCTION", "kb:kinshasa") in {(a.type, a.source) for a in acts}
    (b,) = code("سلمت حماس أربعة رهائن إلى الصليب الأحمر.", res)
    assert (b.type, b.source, b.target) == ("RETREAT", "kb:hamas", "kb:icrc")
    assert code("سلم الرئيس رسالة إلى نظيره.", res) == []
    assert code("وسلم أردوغان رسالة إلى بوتين تتعلق بالأسرى.", res) == []
    assert all(x.type != "RETREAT" or x.source != "kb:icrc" for x in code("وتسلم الصليب الأحمر الأسرى من حماس.", res))
    (c,) = code("أعلنت إيران قطع العلاقات مع إسرائيل.", res)
    assert (c.type, c.source, c.target) == ("SANCTION", "kb:IR", "kb:IL")


def test_a_word_with_a_glued_preposition_is_no_speaker(res):
    an = analysis("وأدانت الحركة في بيان ما وصفته بالتأخير المتعمد في الإفراج عن الأسرى، واعتبرته \"خرقا واضحا للاتفاق\".", res)
    assert an.quotes and all(q.speaker_text != "بالتأخير المتعمد" for q in an.quotes)
