"""Coded actions on sentences written for the test in the style of Arab wire reports.

- Unnamed groups news names by who they are act as groups: the victims' families (``ذوو الضحايا``,
  ``أهالي المعتقلين``), depositors, rights and aid groups, lawyers.
- A person the tagger finds right after a clause's verb (``اتهم نبيل هادي الساعدي``) is its
  subject, but not after a verb news writes passive as often (``واستقبل فلان لدى وصوله``).
- A title whose portfolio is two nouns joined by و (``وزير الشباب والرياضة``) titles the name
  after it, set off by commas or not.
- A place after ``وفي`` sets the scene (``وفي رام الله، اتهم ...``) and is no subject.
"""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def coded():
    res = Resources()

    def run(text: str) -> list[tuple[str, str | None]]:
        an = analyse(prepare(Document(id="t", text=text, published="2025-05-20"), res), res)
        return [(a.type, a.source) for a in an.actions]
    return run


@pytest.mark.parametrize(("text", "want"), [
    ("واتهم ذوو الضحايا عناصر من الجيش المالي بتنفيذ الهجوم.", ("ACCUSE", "grp:victims_families")),
    ("وطالب أهالي المعتقلين بالإفراج عنهم.", ("DEMAND", "grp:victims_families")),
    ("وطالب المودعون الدولة بإنشاء صندوق خاص لتعويضهم.", ("DEMAND", "grp:depositors")),
    ("في غضون ذلك، انتقدت منظمات إغاثة محلية بطء وصول المساعدات الأممية.", ("DISAPPROVE", "grp:rights_groups")),
    ("ونظم المحامون وقفة احتجاجية أمام المحكمة.", ("PROTEST", "grp:lawyers")),
])
def test_groups_named_by_who_they_are(coded, text, want):
    assert want in coded(text)


@pytest.mark.parametrize("text", [
    "اتهم نبيل هادي الساعدي إسرائيل بالتستر على المخالفات.",
    "وطالب نبيل هادي الساعدي الحكومة بالاستقالة.",
])
def test_a_tagged_person_right_after_the_verb_is_its_subject(coded, text):
    got = coded(text)
    assert got and got[0][1] is not None and got[0][1].startswith("unk:PERSON:")


def test_a_verb_as_often_passive_has_no_subject_told(coded):
    got = coded("واستقبل أسامه نجيم لدى وصوله إلى مطار معيتيقة بهتافات من أنصاره.")
    assert not any(t == "CONSULT" and (s or "").startswith("unk:PERSON:") for t, s in got)


@pytest.mark.parametrize("text", [
    "اتهم وزير الشباب والرياضة، نبيل هادي الساعدي، إدارة الاتحاد بالتستر على المخالفات.",
    "اتهم وزير الشباب والرياضة العراقي نبيل هادي الساعدي الحكومة بالتستر على المخالفات.",
])
def test_a_portfolio_of_two_nouns_titles_the_name(coded, text):
    got = coded(text)
    assert [t for t, _ in got] == ["ACCUSE"] and got[0][1].startswith("unk:PERSON:")


def test_a_place_after_wa_fi_sets_the_scene(coded):
    got = coded("وفي رام الله، اتهم عضو اللجنة المركزية لحركة فتح اسامة أبو شعيب حكومة الاحتلال "
                "بالسعي إلى تفجير الأوضاع.")
    assert got and got[0][0] == "ACCUSE"
    assert got[0][1] != "kb:ramallah" and got[0][1].startswith("unk:PERSON:")


@pytest.mark.parametrize("text", [
    "وأذنت النيابة العمومية بالمحكمة الابتدائية بجندوبة بفتح بحث تحقيقي لتحديد أسباب الحريق.",
    "فتحت النيابة تحقيقا في الحادث.",
    "وأعلنت الشرطة فتح تحقيق جنائي.",
    "وقالت النيابة العامة إن المتهمين استغلوا المواطنين، مشيرة إلى أنها أمرت بفتح تحقيق جديد في تحويلات مالية.",
])
def test_an_investigation_opened(coded, text):
    assert ("INVESTIGATE", None) in coded(text)


@pytest.mark.parametrize("text", [
    "ويفتح هذا الباب أمام تحقيق مكاسب.",  # achieving gains
    "وتسعى الحكومة إلى تحقيق أهدافها.",
    "ودعت الأمم المتحدة إلى فتح تحقيق مستقل.",  # a call for one: the call is coded, no investigation
    "وأفادت منظمة العفو الدولية بأن خمسة متظاهرين قتلوا، مطالبة السلطات بفتح تحقيق مستقل.",
    "وأطلقت الحكومة حملة لتحقيق الاستقرار في البلاد.",  # achieving, glued to ل
    "فتح الاتفاق الباب أمام تحقيق تقدم في المفاوضات.",  # the opening governs another noun
    "وناشدت الأسر السلطات فتح تحقيق في الحادث.",
    "ووعدت الحكومة بفتح تحقيق في الحادث.",  # a promise
    "ويطالب الأهالي منذ أشهر بفتح تحقيق في الحادث.",
])
def test_no_investigation_where_none_was_opened(coded, text):
    assert "INVESTIGATE" not in [t for t, _ in coded(text)]


def test_a_participle_after_a_rejected_thing_is_no_rejected_noun(coded):
    got = coded("وقال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي ترتيب، متهما إسرائيل بإخفاء ملاحق الاتفاق.")
    assert ("ACCUSE", "kb:ayman-safadi") in got


def test_a_participle_after_a_comma_is_not_the_last_names(coded):
    got = coded("وحذر الاتحاد الدولي لكرة القدم من أي تدخل حكومي في شؤون اتحاد الكرة، ملوحا بتعليق عضوية العراق.")
    assert ("THREATEN", "kb:fifa") in got
    # but the subject right after a speech verb before the comma is its agent
    got = coded("وقال وزير النفط الكويتي طارق بدر العازمي إن الأسواق مستقرة. «إن التمديد قرار حكيم»، "
                "قال العازمي، مشيداً بالدور الذي تقوم به منظمة أوبك.")
    assert [t for t, s in got if s and s.startswith("unk:PERSON:")] == ["SUPPORT"]


@pytest.mark.parametrize(("text", "want"), [
    # a body's head before its named scope titles the name after it
    ("واتهم رئيس اتحاد الإمارات عبدالله سالم الكتبي نادي الشباب بالتفاوض سراً مع لاعب.", "ACCUSE"),
    # a ministry or body whose name ends on a country adjective is that country's body
    ("وفي دمشق، أشادت وزارة الموارد المائية السورية بالدور الذي أدته الأمم المتحدة.", "SUPPORT"),
    # an association named with one word after its head, its object no part of its name
    ("في المقابل، دانت جمعية المصارف في لبنان الاعتداءات المتكررة على الفروع.", "DISAPPROVE"),
    ("وطالب اتحاد الشغل الحكومة بزيادة الأجور.", "DEMAND"),
    # a tribal family name after a title and a given name no list holds
    ("وانتقدت النائبة هديل الصرايرة طريقة إدارة الملف.", "DISAPPROVE"),
])
def test_named_bodies_and_titled_names_act(coded, text, want):
    got = coded(text)
    assert any(t == want and s and s.startswith("unk:") for t, s in got), got


def test_a_preposition_and_a_noun_after_a_title_are_no_name(coded):
    res = Resources()
    an = analyse(prepare(Document(id="t", text="اتفقت الادارة مع اللاعب علي العودة للدوحة السبت المقبل.",
                                  published="2025-05-20"), res), res)
    assert not [m for m in an.mentions if m.type == "PERSON"]
    # nor a verb and a feminine noun after a role (ملك البحرين، انعقدت القمة)
    an = analyse(prepare(Document(id="t", text="برئاسة الملك حمد بن عيسى آل خليفة، ملك البحرين، انعقدت القمة "
                                  "العربية في قصر الصخير.", published="2024-05-16"), res), res)
    assert "انعقدت" not in [m.text for m in an.mentions]


def test_a_deputys_title_before_the_body_titles_the_name(coded):
    got = coded("من جانبه، رحب الأمين العام المساعد لجامعة الدول العربية حسام الدين الزبيدى، الذي حضر "
                "الجلسة الافتتاحية، بالجهود التي تبذلها الجزائر.")
    assert [t for t, s in got if s and s.startswith("unk:PERSON:")] == ["SUPPORT"]


@pytest.mark.parametrize(("text", "threat"), [
    ("وحذرت وزارة الصحة المغربية في بلاغ من أنها ستلجأ إلى الاقتطاع من أجور المتغيبين.", True),
    ("وحذرت إيران من أنها لن تقف مكتوفة الأيدي.", True),
    ("وحذر وزير المالية المصري من أن الأسعار سترتفع.", False),  # a warning of prices, no threat
    ("وحذر الأمين العام للأمم المتحدة من أنه لن يكون هناك حل عسكري.", False),  # no act of his
    ("وحذر البنك الدولي من أنه سيكون من الصعب تحقيق النمو.", False),
])
def test_a_warning_of_the_warners_own_act_is_a_threat(coded, text, threat):
    assert ("THREATEN" in [t for t, _ in coded(text)]) == threat


def test_a_threat_keeps_whom_it_warns():
    res = Resources()
    an = analyse(prepare(Document(id="t", text="وحذرت إيران الولايات المتحدة من أنها سترد بقوة.",
                                  published="2025-05-20"), res), res)
    assert ("THREATEN", "kb:IR", "kb:US") in [(a.type, a.source, a.target) for a in an.actions]


def test_a_verb_joined_after_a_comma_keeps_the_clauses_subject(coded):
    got = coded("وانتقد ترامب القاضي بشدة، واتهم جيمس إدوارد بواسبرغ بالتحيز.")
    assert ("ACCUSE", "kb:donald-trump") in got and not any(s and s.startswith("unk:PERSON:") for _, s in got)


def test_a_body_named_with_a_word_in_construct_keeps_its_object_noun(coded):
    assert any(t == "DISAPPROVE" and s and s.startswith("unk:ORG:") for t, s in coded("وانتقد حزب بناء الدولة القرار الحكومي."))


def test_a_title_joined_by_wa_is_another_person_not_a_portfolio(coded):
    assert "kb:marco-rubio" not in [s for _, s in coded("وحضر الاجتماع وزير الخارجية والسفير الأمريكي لدى لبنان.")]


def test_lakinnahu_in_reported_speech_is_the_speakers(coded):
    got = coded("وقال الرئيس الفرنسي إيمانويل ماكرون إن الوضع في المنطقة خطير لكنه دعا إيران إلى ضبط النفس.")
    assert ("REQUEST", "kb:emmanuel-macron") in got


def test_a_causal_pronoun_in_reported_speech_is_its_unnamed_subjects(coded):
    """لأنها after إن "الحكومة ...": the government refused, not the speaker."""
    got = coded('وقال الأمين العام المساعد للاتحاد سامي الطاهري إن "الحكومة تتحمل مسؤولية هذا الإضراب '
                'لأنها رفضت الجلوس إلى طاولة الحوار".')
    assert not [t for t, s in got if t == "REJECT" and s]


@pytest.mark.parametrize("text", [
    "فتحت الشرطة الفرنسية في باريس تحقيقا في الهجوم.",  # a subject of several words
    "وباشرت النيابة العامة بالتحقيق في الحادث.",  # the definite noun with ب
    "وتعهد الرئيس بمحاسبة المسؤولين، وفتحت النيابة العامة تحقيقا في الحادث.",  # a promise in another clause
    "وفي خطوة تعد الأولى من نوعها، فتحت النيابة العامة تحقيقا في الحادث.",
])
def test_investigations_opened_second_review(coded, text):
    assert "INVESTIGATE" in [t for t, _ in coded(text)]


@pytest.mark.parametrize(("text", "typ", "person_source"), [
    # a joined verb past a comma with its own object after the name: the name is its subject
    ("انسحب نواب المعارضة من الجلسة، واتهم نبيل هادي الساعدي الحكومة بالفساد.", "ACCUSE", True),
    ("وحذرت الأمم المتحدة من أنها لن تتمكن من إيصال المساعدات.", "THREATEN", None),  # no threat
])
def test_second_review_subjects_and_threats(coded, text, typ, person_source):
    got = [(t, s) for t, s in coded(text) if t == typ]
    if person_source is None:
        assert not got
    else:
        assert got and got[0][1].startswith("unk:PERSON:")


def test_a_representative_joined_by_wa_is_another_person(coded):
    assert "kb:marco-rubio" not in [s for _, s in coded("وبحث وزير الخارجية والمندوب الأمريكي سبل التعاون.")]
