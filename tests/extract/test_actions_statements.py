"""Statements told the way wire copy tells them: a participle after the main clause (متهما,
داعيا, مطالبا, رافضا), a call with no one called on, a speaker whose title and its scope stand
before the name (الأمين العام للأمم المتحدة أنطونيو غوتيريش), a role scoped to an organisation,
and a consequence clause (ما أسفر عن مقتل) that negates nothing. Sentences written for these
tests in the style of news on wars, truces and attacks on shipping."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def code(text: str, res: Resources) -> list[tuple]:
    acts = analyse(prepare(Document(id="t", text=text), res), res).actions
    return sorted((a.type, a.source, a.target, a.negated) for a in acts)


def test_a_participle_after_a_reported_clause_is_the_speakers(res):
    assert code("قال مكتب رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن بعض البنود لا تزال عالقة، متهما حماس"
                " بالتراجع عن تفاهمات سابقة.", res) == [("ACCUSE", "kb:benjamin-netanyahu", "kb:hamas", False)]
    # not روسيا, the subject of what was written
    assert code("وكتب الرئيس الأوكراني فولوديمير زيلينسكي أن روسيا تواصل إرهاب المدنيين، داعيا الحلفاء"
                " الغربيين إلى تزويد بلاده بمزيد من أنظمة الدفاع الجوي.", res) == [
        ("REQUEST", "kb:volodymyr-zelensky", None, False)]
    # the negation belongs to the reported clause, not to the participle after its comma
    assert code("وقال وزير الخارجية الإيراني عباس عراقجي إن بلاده لن تتفاوض، رافضا الشروط الأمريكية.",
                res) == [("REJECT", "kb:abbas-araghchi", "kb:US", False)]


def test_a_participle_without_a_reported_clause_is_the_subjects(res):
    assert code("وانتقد ماكرون القرار، مطالبا إسرائيل بوقف الاستيطان.", res) == [
        ("DEMAND", "kb:emmanuel-macron", "kb:IL", False), ("DISAPPROVE", "kb:emmanuel-macron", None, False)]
    # the host, not his guest, makes the call
    assert ("REQUEST", "kb:emmanuel-macron", None, False) in code(
        "واستقبل ماكرون نتنياهو في باريس، داعيا إياه إلى وقف الحرب.", res)


def test_a_call_with_no_one_called_on_is_a_request(res):
    assert code("ورحب الرئيس المصري عبد الفتاح السيسي بالاتفاق، ودعا في بيان إلى الإسراع في إدخال"
                " المساعدات الإنسانية إلى القطاع.", res) == [
        ("REQUEST", "kb:abdel-fattah-el-sisi", None, False), ("SUPPORT", "kb:abdel-fattah-el-sisi", None, False)]
    # nouns and adjectives written like a participle are not one
    assert code("وقال داعية إسلامي إن الصلاة واجبة.", res) == []
    assert [t for t, *_ in code("واعتقلت الشرطة خمسة متهمين بالسرقة.", res)] == ["COERCE"]


def test_a_title_with_its_scope_before_the_name_is_the_persons(res):
    assert code("وأدان الأمين العام للأمم المتحدة أنطونيو غوتيريش الهجوم، وطالب الطرفين بوقف القتال فورا.",
                res) == [("DEMAND", "kb:antonio-guterres", None, False), ("DISAPPROVE", "kb:antonio-guterres", None, False)]
    assert code("والتقى وزير خارجية مصر بدر عبد العاطي نظيره الأمريكي ماركو روبيو في واشنطن.", res) == [
        ("CONSULT", "kb:badr-abdelatty", "kb:marco-rubio", False)]
    # with no name, the role acts for the organisation its title names
    assert code("وأدان الأمين العام للأمم المتحدة الهجوم.", res) == [("DISAPPROVE", "kb:un", None, False)]


def test_a_consequence_clause_negates_nothing(res):
    acts = code("شنت روسيا خلال الليل هجوما واسعا بالطائرات المسيرة على العاصمة الأوكرانية كييف، ما أسفر"
                " عن مقتل ستة أشخاص على الأقل.", res)
    assert acts and not any(neg for *_, neg in acts)
    assert ("ASSAULT", "kb:RU", "kb:kyiv", False) in acts


def test_a_spokesman_named_after_his_role_is_the_actor(res):
    """A name the tagger finds after ``الناطق باسم الحكومة`` is the one who speaks, not the body
    he speaks for."""
    acts = code("وقال الناطق الرسمي باسم الحكومة مروان الصالحي إن الحكومة منفتحة على الحوار، داعيا إلى"
                " التعبير عن المطالب في إطار القانون.", res)
    assert [(t, s[:11]) for t, s, *_ in acts] == [("REQUEST", "unk:PERSON:")]


def test_a_national_body_acts_and_a_source_after_according_to_is_no_target(res):
    """``المنظمة المصرية لحقوق الإنسان``, named by a head and a country adjective, condemns; the
    body the news is credited to (بحسب ...) is not whom the police arrested."""
    acts = code("واعتقلت الشرطة العشرات، بحسب المنظمة المصرية لحقوق الإنسان التي نددت بالمقاربة الأمنية.", res)
    assert ("COERCE", "grp:security_forces", None, False) in acts
    assert [(t, s[:8]) for t, s, *_ in acts if t == "DISAPPROVE"] == [("DISAPPROVE", "unk:ORG:")]


def test_talks_between_two_delegations_named_by_adjectives_and_a_dual_after_them(res):
    acts = code("وجاء ذلك بعد جولة محادثات مباشرة بين الوفدين الروسي والأوكراني في إسطنبول، اتفق خلالها"
                " الطرفان على تبادل مزيد من الأسرى، دون تحقيق تقدم نحو وقف إطلاق النار.", res)
    # the ceasefire is what was not reached: no RETREAT
    assert acts == [("AGREE", "kb:RU", "kb:UA", False), ("CONSULT", "kb:RU", "kb:UA", False)]


def test_a_hospital_receiving_the_wounded_hosts_no_one(res):
    assert "CONSULT" not in [t for t, *_ in code("وأعلنت منظمة أطباء بلا حدود أنها استقبلت عشرات الجرحى.", res)]
    assert code("واستقبل الرئيس المصري عبد الفتاح السيسي رئيس الوزراء القطري في القاهرة.", res)[0][0] == "CONSULT"


def test_a_name_after_a_title_and_its_long_scope_speaks(res):
    """A name no list has, after a title and all of its scope (a body after باسم, a rank, a
    portfolio and a country after في), is the one who accuses or calls; a known leader after
    ``قائد`` and his army is too, and the body a spokesman speaks for still claims the attack."""
    acts = code("واتهم الناطق باسم الجيش نبيل عبد الله قوات الدعم السريع بتنفيذ الهجوم.", res)
    assert [(t, s[:11], o) for t, s, o, _ in acts] == [("ACCUSE", "unk:PERSON:", "kb:rsf")]
    acts = code("من جهتها، دعت منسقة الأمم المتحدة للشؤون الإنسانية في السودان كليمنتاين نكويتا سلامي طرفي"
                " النزاع إلى وقف الهجمات على المدنيين.", res)
    assert [(t, s[:11]) for t, s, *_ in acts] == [("REQUEST", "unk:PERSON:")]
    assert code("واتهم قائد الجيش السوداني عبد الفتاح البرهان الإمارات بدعم الميليشيا.", res) == [
        ("ACCUSE", "kb:abdel-fattah-al-burhan", "kb:AE", False)]
    (claim,) = code("أعلن المتحدث العسكري باسم جماعة الحوثي يحيى سريع استهداف سفينة تجارية في خليج عدن.", res)
    assert claim[:2] == ("ASSAULT", "kb:houthis")
    # words that are no title nor scope stand before it: the name is not made an actor
    acts = code("واتهم أحد سكان الحي نبيل عبد الله الشرطة بالإهمال.", res)
    assert not [s for _, s, *_ in acts if (s or "").startswith("unk:PERSON")]


def test_a_meeting_told_by_a_noun_with_the_speakers_pronoun(res):
    """``خلال لقائه`` (the hamza takes a seat before the pronoun) and ``خلال استقباله`` are the
    subject's meeting with the one named after them; receiving refugees is no meeting."""
    got = code("وقال ماكرون خلال لقائه جوزيف عون إن فرنسا تدعم لبنان.", res)
    assert ("CONSULT", "kb:emmanuel-macron", "kb:joseph-aoun", False) in got
    got = code("وقال ماكرون خلال استقباله الرئيس اللبناني جوزيف عون إن فرنسا تدعم لبنان.", res)
    assert ("CONSULT", "kb:emmanuel-macron", "kb:joseph-aoun", False) in got
    assert not code("وتواصل تركيا استقبال اللاجئين السوريين.", res)


def test_aid_sent_by_a_named_giver_and_aid_only_needed(res):
    """``أرسلت الإمارات مساعدات``: the sender gives aid, though the bare noun alone is coded with
    no one; a need for aid is no aid."""
    got = code("وأرسلت الإمارات مساعدات إلى المناطق المنكوبة في إيران.", res)
    assert got == [("AID", "kb:AE", None, False)]
    assert not code("وقالت الأمم المتحدة إن السكان بحاجة إلى مساعدات.", res)


def test_aid_pledged_is_an_intent_to_give(res):
    """``تعهدت اليابان بتقديم مساعدات للسودان``: who pledged aid is its giver, and the code says a
    pledge (CAMEO 033), not aid given (070)."""
    acts = analyse(prepare(Document(id="t", text="وتعهدت اليابان بتقديم مساعدات بقيمة 50 مليون دولار للسودان."),
                           res), res).actions
    assert [(a.type, a.source, a.target, a.cameo, a.mode) for a in acts] == [
        ("AID", "kb:JP", "kb:SD", "033", "pledge")]
    assert not code("وقالت الأمم المتحدة إن الدول المانحة لم تف بتعهداتها لتقديم مساعدات.", res)
    for text in ("ولم تتعهد الصين بتقديم مساعدات لروسيا.", "وتعهد ترامب بقطع المساعدات عن جنوب أفريقيا.",
                 "ويعد الاتحاد الأوروبي أكبر مانح للمساعدات للفلسطينيين."):
        assert all(a.mode != "pledge" for a in analyse(prepare(Document(id="t", text=text), res), res).actions)


def test_extradition_is_judicial_cooperation(res):
    """``سلمت تركيا إلى السعودية مطلوبا``: a state handing a wanted man to another cooperates with
    it (CAMEO 063); a letter handed over, or a wanted man giving himself up, is none."""
    acts = analyse(prepare(Document(id="t", text="وسلمت السلطات اللبنانية المطلوب أحمد العلي إلى السلطات المصرية."),
                           res), res).actions
    assert [(a.type, a.source, a.target, a.cameo, a.mode) for a in acts] == [
        ("COOPERATE", "kb:LB", "kb:EG", "063", "extradition")]
    assert ("COOPERATE", "kb:DE", "kb:US", False) in code("ووافقت ألمانيا على تسليم المتهم إلى الولايات المتحدة.", res)
    assert not code("وسلم الرئيس رسالة خطية إلى نظيره الجزائري.", res)
    assert not code("وسلم المطلوب نفسه للشرطة بعد مطاردة استمرت أياما.", res)


@pytest.mark.parametrize(("text", "expected"), [
    ("وقررت اللجنة الأولمبية الدولية تعليق عضوية روسيا.", ("SANCTION", "kb:ioc", "kb:RU", False)),
    ("وعلق الاتحاد الأفريقي عضوية النيجر بعد الانقلاب.", ("SANCTION", "kb:african-union", "kb:NE", False)),
    ("وجمدت الولايات المتحدة أصول البنك المركزي الروسي.", ("SANCTION", "kb:US", "kb:central-bank-RU", False)),
])
def test_a_suspended_membership_and_frozen_assets_name_whose(res, text, expected):
    """The owner after the word the verb needs (``عضوية النيجر``, ``أصول البنك``) is the target."""
    assert expected in code(text, res)


@pytest.mark.parametrize("text", [
    "وعلق الرئيس التركي على عضوية السويد في حلف الناتو.",
    "ودعت فرنسا إلى تعليق عضوية روسيا.",
    "وتدرس الجامعة العربية تعليق عضوية السودان.",
])
def test_a_comment_a_call_or_a_study_is_no_suspension(res, text):
    assert all(t != "SANCTION" for t, *_ in code(text, res))


def test_feminine_and_plural_participles_after_the_main_clause(res):
    """A body's participle after its clause is feminine (``متهمة``, ``داعية``): it accuses or
    calls as a man's ``متهما`` does; an accused company is no accusation."""
    got = code("وكانت الدول الأوروبية الثلاث قد أبلغت مجلس الأمن الدولي بتفعيل الآلية، متهمة إيران "
               "بانتهاك التزاماتها.", res)
    assert ("ACCUSE", "kb:e3", "kb:IR", False) in got
    got = code("أدانت وزارة الخارجية المصرية الهجوم، داعية إلى ضبط النفس.", res)
    assert ("REQUEST", "kb:foreign-ministry-EG") in [a[:2] for a in got]
    assert not code("وأغلقت السلطات شركة متهمة بالفساد.", res)


def test_condemned_with_dan_and_the_condemned_noun_is_no_attack_by_the_condemner(res):
    """``دان`` is written for ``أدان`` (condemned); the attack noun it takes as its object, after
    the condemner, is not an attack by the condemner on whoever is named next."""
    got = code("ودان الرئيس اللبناني جوزاف عون الغارة، وطالب الولايات المتحدة وفرنسا بالضغط على إسرائيل.", res)
    assert ("DISAPPROVE", "kb:joseph-aoun") in [a[:2] for a in got]
    assert not [a for a in got if a[0] == "ASSAULT"], got
    got = code("ودانت الخارجية المصرية الهجوم.", res)
    assert ("DISAPPROVE", "kb:foreign-ministry-EG") in [a[:2] for a in got]
    # an actor before an attack verb of its own is still its agent
    assert ("ASSAULT", "kb:RU") in [a[:2] for a in code("وأعلنت وزارة الدفاع أن روسيا قصفت المدينة.", res)]


def test_a_crowds_own_demand_and_rejection(res):
    """A crowd right after a demand or rejection verb is its subject (``وطالب المحتجون بإقالة``);
    a crowd the object of a named actor's demand makes no demand of its own."""
    assert ("DEMAND", "grp:protesters", None, False) in code("وطالب المتظاهرون بإقالة الحكومة.", res)
    assert ("REJECT", "grp:students") in [a[:2] for a in code("ورفض الطلاب القرار.", res)]
    got = code("وطالبت مصر المتظاهرين بالهدوء.", res)
    assert [a[:2] for a in got] == [("DEMAND", "kb:EG")]


def test_a_minister_by_nationality_and_standing_with_a_people(res):
    """``الوزير السعودي`` is Saudi Arabia's minister, an actor though no name is given;
    ``وقوف X إلى جانب`` and ``تضامن مع`` are support, a parked car is not."""
    got = code("ودعا الوزير السعودي المجتمع الدولي إلى رفع العقوبات المفروضة على دمشق.", res)
    assert ("REQUEST", "kb:SA") in [a[:2] for a in got]
    assert ("SUPPORT", "kb:EG", "kb:SD", False) in code("وأكدت مصر تضامنها مع السودان.", res)
    assert ("SUPPORT", "kb:SA") in [a[:2] for a in code(
        "وأكد بن فرحان \"وقوف السعودية إلى جانب الشعب السوري\".", res)]
    assert not code("وقوف السيارات في الشارع ممنوع.", res)
    got = code("وأطلقت قوات الأمن الغاز المسيل للدموع والرصاص المطاطي لتفريق المحتجين.", res)
    assert {a[0] for a in got} == {"COERCE"}, got


def test_a_title_scoped_with_a_link_word_and_a_name_set_off_by_commas(res):
    """The title before the name runs over إلى and عن to its scope (المبعوث الأممي إلى اليمن, النائب
    عن كتلة ...), and a name between commas after its title and scope is the title's holder."""
    assert code("وطالب المبعوث الأممي إلى اليمن هانس غروندبرغ جميع الأطراف بضبط النفس.", res) == [
        ("DEMAND", "kb:hans-grundberg", None, False)]
    got = code("من جهته، اتهم النائب عن كتلة الوفاء للمقاومة حسن فضل الله إسرائيل بالسعي إلى جر لبنان"
               " نحو حرب جديدة.", res)
    assert [(t, s.startswith("unk:PERSON"), g) for t, s, g, _ in got] == [("ACCUSE", True, "kb:IL")]
    got = code("وقال الأمين العام لنقابة المعلمين الأردنية، سامر خليل، إن الإضراب نجح، محملا الحكومة"
               " مسؤولية التصعيد.", res)
    assert [(t, s.startswith("unk:PERSON")) for t, s, _, _ in got] == [("ACCUSE", True)]


def test_blame_bans_aid_trucks_and_what_talks_are_about(res):
    assert code("وحملت وزارة الخارجية الفلسطينية إسرائيل المسؤولية الكاملة عن التصعيد.", res)[0][:2] == (
        "ACCUSE", "kb:foreign-ministry-PS")
    assert code("ووصل قارب محملا بالمساعدات إلى الميناء.", res) == []  # loaded with aid: no blame
    assert code("وحظرت السلطات المصرية التظاهرات في ميدان التحرير.", res) == [("COERCE", "kb:EG", None, False)]
    assert code("وقالت الشرطة إنها ستعمل لمنع وقوع أعمال عنف خلال المسيرة.", res) == []
    assert code("وعبرت 200 شاحنة مساعدات إلى قطاع غزة أمس.", res) == [("AID", None, "kb:gaza", False)]
    # a withdrawal or a truce that talks are about is not one that happened
    assert code("وقال الوسطاء إنهم يعملون على سد الفجوات بشأن انسحاب القوات الإسرائيلية من محور فيلادلفيا.",
                res) == []
    assert code("والتقى الوزير وفدا من حماس وبحث معه آليات تثبيت وقف إطلاق النار.", res) == []


def test_an_agency_that_is_no_outlet_and_a_verb_sharing_the_subject_before_it(res):
    """وكالة and شبكة head outlets' names, but not the atomic energy agency's or a doctors'
    network's: they act; a verb joined by و takes the subject of the verb before it, not its
    object; a place that took in the displaced hosts no meeting."""
    assert code("ودعت الوكالة الدولية للطاقة الذرية إيران إلى السماح للمفتشين بالوصول.", res) == [
        ("REQUEST", "kb:iaea", "kb:IR", False)]
    assert code("واتهمت شبكة أطباء السودان قوات الدعم السريع بتنفيذ الهجوم، ووصفته بأنه جريمة حرب.", res) == [
        ("ACCUSE", "kb:sudan-doctors-network", "kb:rsf", False),
        ("DISAPPROVE", "kb:sudan-doctors-network", None, False)]
    assert code("وأعلن برنامج الأغذية العالمي وصول المساعدات إلى مدينة طويلة التي استقبلت آلاف النازحين.",
                res) == []


def test_a_link_word_right_before_a_name_makes_an_addressee_not_a_title(res):
    """إلى, عن and لدى join a title to a body or country named after them; right before a person
    they make him whom the title's holder addresses or defends, and the title stays its holder's
    (review finds: the minister's defence was coded as Netanyahu's criticism). Blocked aid is no
    aid given."""
    assert code("ودافع وزير الخارجية الأمريكي عن بنيامين نتنياهو في مواجهة انتقادات.", res) == []
    assert code("واستمع الرئيس إلى محمد العبيدي يتهم الحكومة بالفساد.", res) == []
    assert code("ومنعت إسرائيل دخول شاحنات المساعدات إلى غزة.", res) == []


def test_a_condemnation_in_the_speakers_own_words_is_the_speakers(res):
    """"جائر ومخز", "عمل همجي" inside a direct quote: the speaker disapproves, with no verb of
    condemning; one quote with two such words is one action."""
    assert code('وكتب أردوغان على منصة إكس: "هذا القرار جائر ومخز ولا أساس له".', res) == [
        ("DISAPPROVE", "kb:recep-tayyip-erdogan", None, False)]
    assert code('وقال الرئيس الفرنسي إيمانويل ماكرون إن "قصف المستشفى عمل همجي".', res) == [
        ("DISAPPROVE", "kb:emmanuel-macron", None, False)]


def test_condemning_words_outside_a_quote_are_the_writers_and_code_nothing(res):
    """The same words in the writer's narration, or quoted from nobody the text names, are no
    one's disapproval."""
    assert code("وجاء القرار الجائر بعد أسابيع من التوتر بين أنقرة والمعارضة.", res) == []
    assert code('وانتشرت على مواقع التواصل عبارة "قرار جائر ومخز" بعد صدور الحكم.', res) == []


def test_a_quoted_condemnation_a_verb_already_tells_is_one_action_and_a_condition_none(res):
    """"أدين هذا العمل الهمجي": the verb and the word tell one disapproval; a condemnation only
    supposed ("إذا ... فسيكون قرارا ظالما") is none."""
    assert code('وقال ماكرون: "أدين هذا العمل الهمجي".', res) == [("DISAPPROVE", "kb:emmanuel-macron", None, False)]
    assert code('وقال أردوغان: "إذا صدر الحكم فسيكون قرارا ظالما".', res) == []


def test_a_joined_call_or_demand_shares_the_subject_before_it(coded_actions):
    """أدانت السعودية القصف ودعت إيران إلى ضبط النفس: the condemner calls on Iran; Iran, after the
    joined verb, is whom it addresses. When the clause before names no actor, the demand is its
    unnamed subject's, not the addressee's. A joined attack keeps its own subject (وردت حماس), and
    so does a joined verb with two actors after it (واتهمت أوكرانيا موسكو).
    (Sentences written for the test.)"""
    assert ("REQUEST", "kb:SA", "kb:IR") in coded_actions("أدانت السعودية القصف ودعت إيران إلى ضبط النفس.")
    assert ("DEMAND", "kb:EG", "kb:IL") in coded_actions("وأدانت مصر الهجوم، وطالبت إسرائيل بوقف العمليات فورا.")
    assert all(s != "kb:tehran" for _, s, _ in coded_actions(
        "وأدانت الأمانة العامة لمجلس التعاون عملية الاستيلاء، وطالبت طهران بالإفراج الفوري عن الناقلة."))
    assert ("ASSAULT", "kb:hamas", None) in coded_actions("قصفت إسرائيل غزة، وردت حماس بإطلاق صواريخ.")
    # a clause that coded nothing gives its first actor; a joined threat keeps its own subject
    assert ("REQUEST", "kb:abbas-araghchi", "kb:IQ") in coded_actions(
        "وصل وزير الخارجية الإيراني عباس عراقجي إلى بغداد ودعا العراق إلى تعزيز التعاون.")
    assert ("THREATEN", "kb:UA", None) in coded_actions("قصفت روسيا كييف وهددت أوكرانيا بالرد.")
    # the first actor stands for the clause's subject only right after its verb, not as its object
    # (the movement named after حركة calls on its own supporters)
    assert all(t != "REQUEST" or s.startswith("unk:ORG:") for t, s, _ in coded_actions(
        "وهنأت حركة «النهضة» سعيّد ودعت أنصارها للالتحاق والاحتفال."))
    # two actors after the joined verb are its own subject and object
    assert ("ACCUSE", "kb:UA", "kb:moscow") in coded_actions(
        "وتبادل الجانبان الإهانات، واتهمت أوكرانيا موسكو بإرسال وفد وهمي.")


def test_an_organisation_named_after_its_kind_word_acts(res):
    """A name the tagger finds right after منظمة, حركة, نقابة (no list has it) is an organisation
    that can accuse or condemn; a name found elsewhere is not taken as an actor (texts written for
    the test)."""
    got = code('واتهمت منظمة "نور الحياة" الإيطالية خفر السواحل الليبي بتعريض حياة المهاجرين للخطر.', res)
    assert [(t, s[:8]) for t, s, _, _ in got] == [("ACCUSE", "unk:ORG:")], got
    got = code('واتهمت "نور الحياة" الإيطالية خفر السواحل الليبي بتعريض حياة المهاجرين للخطر.', res)
    assert not any((s or "").startswith("unk:ORG:") for _, s, _, _ in got), got  # no kind word: no actor


def test_a_person_titled_once_acts_when_named_again_by_surname(res):
    """The tagger's person whom an earlier sentence titled (النائبة سلمى الزين) still acts when the
    article names her again without the title (واتهمت الزين)."""
    text = ("وقالت النائبة سلمى الزين إن المشروع يثقل كاهل المواطنين. واتهمت الزين الحكومة بإهدار المال"
            " العام في مشاريع غير مدروسة.")
    got = code(text, res)
    assert ("ACCUSE",) in {(t,) for t, s, _, _ in got if s.startswith("unk:PERSON:")}, got


def test_a_spokesman_of_a_body_named_before_is_titled(res):
    """الناطق باسم النقابة محمد الورتاني: the title's scope is the body named before (النقابة), so
    the tagger's person is titled, and acts when named again (وهدد الورتاني)."""
    got = code("وقال الناطق باسم النقابة محمد الورتاني إن الإضراب نجح. وهدد الورتاني بتصعيد نضالي في كل القطاعات.",
               res)
    assert any(t == "THREATEN" and s.startswith("unk:PERSON:") for t, s, _, _ in got), got


def test_talks_to_be_held_or_any_round_of_talks_are_no_talks_held(res):
    """لعقد جلسة تفاوض (to hold a session) and أي جولة تفاوض (any round) name talks sought or
    none in particular; جلسة تفاوض held is one (texts written for the test)."""
    assert not any(t == "CONSULT" for t, _, _, _ in code(
        "وأعلن وزير العمل محمد سالم توجيه دعوة إلى النقابة لعقد جلسة تفاوض الأسبوع المقبل.", res))
    assert not any(t == "CONSULT" for t, _, _, _ in code(
        "وحمّل الوزير الحوثيين مسؤولية مصير السياسي محمد قحطان قبل أي جولة تفاوض جديدة.", res))
    assert any(t == "CONSULT" for t, _, _, _ in code("وعقد الطرفان جلسة تفاوض في مسقط أمس.", res))


def test_a_place_after_a_title_with_the_article_is_not_its_scope(res):
    """الرئيس جزيرة جربة: a definite title takes no genitive, so the island is where the president
    went, not the title's scope, and no visit by the island is coded (text written for the test)."""
    assert not any(s == "kb:djerba" for _, s, _, _ in code("وزار الرئيس جزيرة جربة.", res))


def test_a_name_whose_title_follows_it_acts_when_named_again(res):
    """هادي هيج، رئيس اللجنة ...: a name the tagger found, titled by an apposition after it, is a
    person with a role, an actor as one titled before the name (text written for the test)."""
    got = code("وترأس الوفد الحكومي في مفاوضات التبادل هادي هيج، رئيس اللجنة الحكومية لشؤون الأسرى. "
               "واتهم هيج الحوثيين بالمماطلة في الكشف عن مصير المختطفين.", res)
    assert any(t == "ACCUSE" and s.startswith("unk:PERSON:") and o == "kb:houthis" for t, s, o, _ in got), got
    # right after its verb the name is the verb's subject, title or not; elsewhere, untitled, a
    # name the tagger alone found is no actor
    assert [(t, s[:11]) for t, s, _, _ in code("والتقى هادي هيج، الذي وصل أمس، بالحوثيين في مسقط.", res)] \
        == [("CONSULT", "unk:PERSON:")]
    assert not code("وبحضور هادي هيج، الذي وصل أمس، التقى الوفد بالحوثيين في مسقط.", res)


def test_blame_reaches_past_a_long_titled_target(res):
    """حمّل X وزير الداخلية الفرنسي برونو روتايو المسؤولية: the responsibility comes eight words
    after the verb when the target is a titled name (text written for the test)."""
    got = code("وحمّلت الخارجية الجزائرية وزير الداخلية الفرنسي برونو روتايو المسؤولية الكاملة عن التصعيد.", res)
    assert any(t == "ACCUSE" and s == "kb:foreign-ministry-DZ" for t, s, _, _ in got), got
    # carried pictures, then a clause of its own that bears the responsibility: no blame
    assert not code("وحمل المتظاهرون صور الضحايا وأكدوا أن الحكومة العراقية تتحمل المسؤولية.", res)


def test_a_bare_title_after_its_verb_is_the_person_named_with_it(res):
    """ورفض الوزير ...: the minister named before with that title (وزير التربية الوطنية شكيب
    بنموسى) rejects; a title that was someone else's (مستشار الوزير) names no one; and the
    Maghreb's الكاتب العام is a secretary-general's title (texts written for the test)."""
    got = code("وقال وزير التربية الوطنية شكيب بنموسى إن الإضراب غير مبرر. "
               "ورفض الوزير اتهامات النقابة بخرق الاتفاقات السابقة.", res)
    assert any(t == "REJECT" and s.startswith("unk:PERSON:") for t, s, _, _ in got), got
    assert not code("وقال مستشار الوزير أحمد علي إن الإضراب غير مبرر. ورفض الوزير اتهامات النقابة.", res)
    # a prime minister is no الرئيس, a son's title is his father's, and a title in another
    # sentence (a headline line) names no one after it
    for text in ("وقال رئيس الوزراء العراقي محمد شياع السوداني إن الحكومة ملتزمة. ورفض الرئيس اتهامات المعارضة.",
                 "وقال نجل الرئيس اليمني السابق أحمد علي عبد الله صالح إن الوضع صعب. ورفض الرئيس اتهامات الحوثيين.",
                 "المحتجون يطالبون بإقالة الوزير\nوقال فولكر تورك إن الاحتجاج حق. ورفض الوزير اتهامات المحتجين."):
        assert not any(t == "REJECT" for t, _, _, _ in code(text, res)), text
    got = code("وقال حميد بلعربي، الكاتب العام للنقابة الوطنية للتعليم، إن النظام مرفوض. "
               "واتهم بلعربي الحكومة بالاقتطاع من أجور المضربين.", res)
    assert any(t == "ACCUSE" and s.startswith("unk:PERSON:") for t, s, _, _ in got), got


def test_a_body_named_by_its_own_head_acts(res):
    """A union found from its head (نقابة + its members + a country) is a body, an actor though no
    list has it; an object after the subject is no part of a name (هيئة ... القرار)."""
    coded = code("ورفضت نقابة الصحفيين التونسيين القرار.", res)
    assert [(c[0], c[1].startswith("unk:ORG")) for c in coded] == [("REJECT", True)]
    # a numbered unit is still a unit, not a body acting by its head
    assert all(c[2] is None or "444" not in c[2] for c in code(
        "مصادر أمنية أكدت أن الككلي قُتل داخل مقر تابع للواء 444 قتال في منطقة طرابلس العسكرية.", res))


def test_a_verb_voweled_as_passive_has_no_agent_before_it(res):
    """قُتل: the one named before the verb underwent it; he did not kill."""
    coded = code("وقالت مصادر أمنية إن وزير الدفاع السوداني قُتل في هجوم على موكبه.", res)
    assert all(c[1] is None or "minister" not in c[1] for c in coded if c[0] == "ASSAULT")
    assert code("وقتل الجيش السوداني عشرة من عناصر الدعم السريع.", res) == [
        ("ASSAULT", "kb:army-SD", "kb:rsf", False)]


def test_statements_in_a_sports_report_are_coded_and_its_matches_are_not(res):
    """In a football story a rejection and a threat are what they are elsewhere; the fans' demand
    before the federation's headquarters is not the federation's."""
    text = ("فضيحة تزوير أعمار تهز الاتحاد العراقي لكرة القدم بعد المباراة. وخسر المنتخب المباراة أمام"
            " منتخب اليابان في البطولة بعد أن سجل اللاعبون هدفا في الشوط الأول. لكن رئيس الاتحاد العراقي لكرة"
            " القدم، حيدر كاظم الجبوري، رفض الدعوات المطالبة باستقالته. وحذر الاتحاد الدولي لكرة القدم من أي"
            " تدخل حكومي في شؤون اتحاد الكرة، ملوحا بتعليق عضوية العراق. وتظاهر عشرات المشجعين أمام مقر الاتحاد الدولي لكرة القدم"
            " مطالبين باستقالة مجلس الإدارة.")
    coded = code(text, res)
    types = {(c[0], c[1]) for c in coded}
    assert ("THREATEN", "kb:fifa") in types and ("DEMAND", "kb:fifa") not in types
    assert any(c[0] == "REJECT" and (c[1] or "").startswith("unk:PERSON") for c in coded)
    assert not [c for c in coded if c[0] in ("CONSULT", "ASSAULT")]


def test_a_title_of_one_plain_scope_word_makes_the_name_after_it_an_actor(res):
    """نقيب المعلمين أحمد الخوالدة: a title and the one definite word it is of, then a name the
    tagger found; named again by his surname he still acts."""
    coded = code("وقال نقيب المعلمين أحمد الخوالدة، خلال كلمة ألقاها أمام المعتصمين، إن المعلم صبر طويلا."
                 " واتهم الخوالدة الحكومة بالتنصل من تعهداتها، وطالبها بصرف العلاوة.", res)
    assert {c[0] for c in coded} == {"ACCUSE", "DEMAND"} and len({c[1] for c in coded}) == 1


def test_a_walkout_from_the_hall_and_praise_by_thammana(res):
    assert code("وانسحب نواب المعارضة من القاعة.", res) == [("PROTEST", "grp:opposition", None, False)]
    assert code("وانسحبت القوات الروسية من المدينة.", res) == [("RETREAT", "kb:RU", None, False)]
    assert [c[:2] for c in code("وثمنت وزارة الخارجية السعودية الدور البناء للصين.", res)] == [
        ("SUPPORT", "kb:foreign-ministry-SA")]


def test_a_title_with_its_scope_in_construct_and_an_embassy_act(res):
    """رئيس حكومة الإقليم مسرور بارزاني: the title, nouns in construct and the definite scope are
    his, so he is the verb's subject; a portfolio joined by و (وزير الخزانة والمالية) too; an
    embassy acts for its country."""
    assert [c[:2] for c in code("ورحب رئيس حكومة الإقليم مسرور بارزاني بالاتفاق.", res)] == [
        ("SUPPORT", "kb:masrour-barzani")]
    coded = code("ورحب وزير الخزانة والمالية محمد شيمشك بالقرار.", res)
    assert [c[0] for c in coded] == ["SUPPORT"] and coded[0][1].startswith("unk:PERSON")
    assert [c[:2] for c in code("كما رحبت السفارة الأمريكية في بغداد بالخطوة.", res)] == [("SUPPORT", "kb:US")]


def test_banners_speak_for_the_crowd_that_raised_them(res):
    """رفع المحتجون لافتات تطالب بـ, رافعين شعارات تطالب بـ: the crowd demands; with no crowd named,
    a banner is nobody's statement."""
    coded = code("ورفع المحتجون لافتات تطالب الحكومة الاتحادية بإطلاق الأموال فوراً.", res)
    assert ("DEMAND", "grp:protesters") in {c[:2] for c in coded}
    coded = code("وتجمّع مئات العمال أمام المقر المركزي للمنظمة النقابية، رافعين شعارات تطالب بحماية الحق"
                 " النقابي.", res)
    assert ("DEMAND", "grp:workers") in {c[:2] for c in coded}
    assert not [c for c in code("وعلق المنظمون لافتات تطالب بالسلام.", res) if c[0] == "DEMAND"]


def test_a_call_joined_after_a_speakers_quote_is_his(res):
    """قال X إن «...»، ودعا إلى: the reported content stops at the joined reporting verb, and the
    call with no subject of its own is X's; an unknown speaker's call is nobody's."""
    assert [c[:2] for c in code("وقال الرئيس الفرنسي إيمانويل ماكرون إن «الوضع خطير»، ودعا إلى وقف إطلاق النار.",
                                res)] == [("REQUEST", "kb:emmanuel-macron")]
    assert code("وقال مصدر إن «الوضع خطير»، ودعا إلى وقف إطلاق النار.", res) == []


def test_a_warning_of_a_response_told_after_its_subject(res):
    """حذر X من أن أي هجوم سيقابل برد حازم: the response (glued to ب) within ten words of the verb,
    a long subject between; cold weather (برد قارس) is no response."""
    assert [c[:2] for c in code("وحذر وزير الدفاع الإيراني من أن أي هجوم سيقابل برد حازم.", res)] == [
        ("THREATEN", "kb:IR")]
    assert code("وحذرت الأرصاد الجوية من برد قارس.", res) == []


def test_review_finds_stay_mended(res):
    """A call after another sentence's quote is not the speaker's; a motto (تحت شعار) is no crowd's
    voice; a striker threatening the goal is no threat; a battle front is no body; a union's strike
    is the union's."""
    assert code("وقال الرئيس الأمريكي دونالد ترامب إن الاتفاق مع الصين قريب. ودعا خبراء اقتصاديون إلى"
                " الحذر.", res) == []
    assert code("ونظم الطلاب حفل تخرج تحت شعار يدعو إلى نبذ العنف في المدارس.", res) == []
    sports = ("وخسر الفريق المباراة في الشوط الثاني من البطولة بعد أن سجل الهدف الأول. وهدد محمد صلاح مرمى"
              " مانشستر سيتي بتسديدة قوية.")
    assert not [c for c in code(sports, res) if c[0] == "THREATEN"]
    assert all(c[2] is None or "كبه-الكتل" not in c[2] for c in code(
        "واندلعت اشتباكات عنيفة على جبهة القتال شمال المدينة.", res))
    assert [c[0] for c in code("ونفذ الاتحاد العام التونسي للشغل إضرابا عاما أمس.", res)] == ["PROTEST"]


def test_a_body_postponing_a_strike_strikes_not(res):
    assert code("أعلن الاتحاد العام التونسي للشغل تأجيل الإضراب العام إلى موعد لاحق.", res) == []
