"""Speakers in war and diplomacy news, through the whole pipeline (entities, then quotes), on
sentences written for the test in the style of wire reports the coder had not read before.

- ``وأضاف البيان`` continues the last speaker when that sentence told of a statement
  (``وقال الجيش الإسرائيلي في بيان``); with no statement told, it stays unattributed.
- ``وأضافت الحركة`` after ``حماس``: the head noun of another name the knowledge base knows for
  the body (``حركة حماس``) points back to it.
- An unnamed source asking not to be named (``، طالبا عدم كشف هويته،``) is an aside; ``كشف`` after
  ``عدم`` is a verbal noun, no reporting verb, and ``هويته`` no speaker.
- The outlet a speaker talked to (``للصحيفة``) is never the speaker.
- A surname that is also a given name (``قاسم`` after ``حازم قاسم``) is the one named in full; a
  military or media spokesman (``المتحدث العسكري باسم``) speaks for his body as a spokesman does.
"""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def speakers():
    res = Resources()

    def run(text: str, said_by: bool = False) -> list[tuple]:
        an = analyse(prepare(Document(id="t", text=text, published="2025-05-20"), res), res)
        return [(q.speaker, q.text) + ((q.speaker_text,) if said_by else ()) for q in an.quotes]
    return run


def test_the_statement_continues_its_issuer(speakers):
    got = speakers("وقال الجيش الإسرائيلي في بيان إن طائراته أغارت على مستودعات أسلحة. "
                   "وأضاف البيان أن الغارات استهدفت بنى تحتية لحزب الله.")
    assert [s for s, _ in got] == ["kb:idf", "kb:idf"]


def test_the_statement_with_no_statement_told_stays_unattributed(speakers):
    got = speakers("وقال ترامب للصحفيين إن المحادثات جيدة. وأكد البيان أن الاجتماع سيعقد الأسبوع المقبل.")
    assert got[0][0] == "kb:donald-trump"
    assert got[1][0] is None


@pytest.mark.parametrize(("first", "body"), [
    ("وقالت حماس في بيان إنها تعاملت بإيجابية مع المقترح.", "kb:hamas"),
    ("وقالت حركة حماس في بيان إنها تعاملت بإيجابية مع المقترح.", "kb:hamas"),
])
def test_the_movement_after_its_short_name(speakers, first, body):
    got = speakers(first + " وأضافت الحركة أنها تنتظر رد الاحتلال.")
    assert [s for s, _ in got] == [body, body]


def test_a_source_asking_not_to_be_named_is_an_aside(speakers):
    got = speakers("وقال مسؤول عسكري أوكراني لوكالة فرانس برس، طالبا عدم كشف هويته، "
                   "إن القوات الروسية تتقدم نحو بوكروفسك.", said_by=True)
    assert len(got) == 1
    assert got[0][1].startswith("القوات الروسية تتقدم")
    assert got[0][2] == "مسؤول عسكري أوكراني"


def test_the_newspaper_spoken_to_is_no_speaker(speakers):
    got = speakers("ذكرت صحيفة الشرق الأوسط أن القمة ستصدر إعلانا موحدا. "
                   "وقال مسؤول في وزارة الخارجية البحرينية للصحيفة، إن المنامة ستكشف عن مبادرات جديدة.")
    assert got and all(s != "kb:asharq-al-awsat" for s, t in got if t.startswith("المنامة"))


def test_a_surname_that_is_also_a_given_name_is_the_one_named_in_full(speakers):
    # قاسم is also a given name; after حازم قاسم (a name of two words) it stands for him
    got = speakers("في المقابل، نفى الناطق باسم حركة حماس حازم قاسم وجود أي تقدم. وقال قاسم إن الاحتلال يماطل.")
    assert [s for s, _ in got] == ["unk:PERSON:هزم-كسم"]


def test_a_military_spokesman_speaks_for_his_body(speakers):
    got = speakers("وأعلن المتحدث العسكري باسم جماعة الحوثي أن القوات البحرية استهدفت سفينة أمريكية.")
    assert [s for s, _ in got] == ["role:spokesperson:houthis"]


def test_an_appeal_addressed_in_quotation_marks_is_a_quote_of_the_one_addressing_it(speakers):
    """``ووجّه "نداء ..."``: addressing words in quotation marks is saying them, by the subject
    carried from the sentences before; ``وجه رسالة`` with no quotation frames nothing (``وجه``
    frames a quote only when its content is a quotation), nor does ``توجه`` (headed), even before
    a quotation."""
    got = speakers('وأطل البابا لاوون الرابع عشر من على الشرفة وخاطب الحشود قائلا "السلام عليكم جميعا!". '
                   'وشكر البابا الراحل وزملاءه الكرادلة. ووجّه، على وقع تصفيق الجموع، "نداء سلام الى جميع الشعوب".')
    assert [s for s, _ in got] == ["kb:pope-leo-xiv", "kb:pope-leo-xiv"], got
    assert got[1][1].startswith("نداء سلام"), got
    assert speakers("وتوجه الناخبون إلى مراكز الاقتراع صباح اليوم. ووجه الرئيس رسالة إلى البرلمان.") == []
    assert speakers('وتوجه الرئيس الفرنسي إلى "قصر الإليزيه" بعد الاجتماع.') == []  # headed to: no saying


def test_a_subject_after_a_clause_opening_particle_speaks_on_after_and(speakers):
    """``غير أن حركة حماس اتهمت إسرائيل ...، وقالت في بيان إن``: a particle before the subject (أن,
    لكن) is no construct head governing it, so the coordinated speech verb keeps that subject
    rather than the object of the clause before."""
    for opening in ("غير أن حركة حماس", "لكن حركة حماس"):
        got = speakers(f'{opening} اتهمت إسرائيل بخرق الاتفاق، وقالت في بيان إن "قوات الاحتلال واصلت '
                       'إطلاق النار على المدنيين".')
        assert [s for s, _ in got] == ["kb:hamas"], opening
    # a subordinate أن (رغم أن, يعتقد أن) opens no clause of its own: the speaker goes on
    for aside in ("ورغم أن روسيا رفضت الهدنة، فقد قال", "ويعتقد أن إيران تقترب من القنبلة، وقال"):
        got = speakers(f'قال الرئيس الفرنسي إيمانويل ماكرون إن الوضع خطير. {aside} إن "الباب ما زال مفتوحا".')
        assert [s for s, _ in got] == ["kb:emmanuel-macron"] * 2, aside


def test_a_verb_before_its_subject_is_no_construct_head(speakers):
    """``ورفض الجيش السوداني الاتهامات، وقال``: the verb opening the sentence (a clause verb of the
    language data) is no construct head over the army (as مكتب is in مكتب الرئيس), so the army
    speaks on after و."""
    got = speakers('ورفض الجيش السوداني الاتهامات، وقال في بيان إن "قواتنا تلتزم بالقانون".')
    assert [s for s, _ in got] == ["kb:army-SD"]
    got = speakers('وقال مكتب الرئيس الفرنسي إن "الاتصال كان مثمرا".')
    assert [s for s, _ in got] == [None]  # an office no one holds by name: not the country after its head


def test_a_statement_described_after_its_channel_keeps_the_speaker(speakers):
    """``وقال في بيان مقتضب``: the adjective after the channel (مقتضب, رسمي: ``channel_adjectives``)
    is no subject, so the elided subject is the last speaker's; any other word there still is."""
    got = speakers('وقال البيت الأبيض إن "المحادثات إيجابية". وقال في بيان مقتضب: "ما زال أمامنا طريق طويل".')
    assert [s for s, _ in got] == ["kb:white-house"] * 2
    # only an adjective of the channel is skipped: a body or a title after it is the speaker
    got = speakers('وقال روبيو إن "الوضع صعب". وقال في بيان مكتب رئيس الوزراء الإسرائيلي إن "الحكومة لن توافق".')
    assert [s for s, _ in got][1] is None


def test_a_postposed_frame_reads_a_title_and_its_body_and_an_unnamed_source_stays_unnamed(speakers):
    """``"..."، قالت رئيسة بعثة اللجنة الدولية في اليمن``: after the verb, a title and the body it
    is of are read as for a verb before its content, so the body speaks; ``مصدر مقرب من الرئيس``
    is an unnamed source in either order, never the president."""
    got = speakers('«فرقنا تحققت من هوية كل محتجز»، قالت رئيسة بعثة اللجنة الدولية للصليب الأحمر في اليمن، '
                   'مشيرة إلى أن 13 رحلة ستنفذ.')
    assert [s for s, _ in got] == ["kb:icrc", "kb:icrc"]
    got = speakers('وقال مصدر مقرب من الرئيس زيلينسكي إن "لن نقبل بأي اتفاق".')
    assert [s for s, _ in got] == [None]
    # a person after other words than a title is not the speaker of a postposed frame
    got = speakers('"لن نقبل بهذا الاتفاق أبدا"، قال أحد المقربين من الرئيس الروسي فلاديمير بوتين.')
    assert [s for s, _ in got] == [None]
    # مسؤول before a definite genitive is a title, and the name after it speaks
    got = speakers('وقال مسؤول العلاقات الدولية في حزب الله عمار الموسوي إن "المقاومة جاهزة".')
    assert [t for _, t in got] == ["المقاومة جاهزة"] and got[0][0] is not None


def test_a_long_title_with_a_joined_portfolio_before_the_name(speakers):
    """وزير التربية الوطنية والتعليم الأولي والرياضة: a portfolio joined by و runs on within the
    title, before the right or after a postposed quotation, up to the holder's name."""
    got = speakers('قال وزير التربية الوطنية والتعليم الأولي والرياضة شكيب بنموسى، في جلسة بمجلس النواب، '
                   'إن "باب الحوار لم يغلق يوما".', said_by=True)
    assert [(s or "")[:11] for s, _, _ in got] == ["unk:PERSON:"] and "شكيب بنموسى" in got[0][2]
    got = speakers("«إنه قرار مؤسف، لكن الجزائر تتحمل وحدها مسؤولية التصعيد»، قال وزير أوروبا والشؤون "
                   "الخارجية الفرنسي جان نويل بارو في تصريح مقتضب للصحفيين.")
    assert [s for s, _ in got] == ["kb:jean-noel-barrot"]


def test_a_statement_of_a_part_of_a_body_is_the_body_s(speakers):
    """بيان صادر عن قيادة أركان القوات المسلحة البوركينية: the staff issues for the army (the
    army is named by القوات المسلحة and the country's adjective as by الجيش)."""
    got = speakers('وأكد بيان صادر عن قيادة أركان القوات المسلحة البوركينية، مساء أمس، أن الوحدات '
                   '"صدت الهجوم ببسالة". وأضاف البيان أن تعزيزات أرسلت إلى المنطقة "لملاحقة فلول المجموعات".')
    assert [s for s, _ in got] == ["kb:army-BF", "kb:army-BF"]
    got = speakers('وأكد بيان صادر عن المكتب الإعلامي لحركة حماس أن "الاحتلال يماطل في تنفيذ الاتفاق".')
    assert [s for s, _ in got] == ["kb:hamas"]


def test_a_verb_with_no_subject_after_a_sentence_about_a_person(speakers):
    """وعقد الوزير فلان مؤتمرا صحفيا. وقال إن ...: the sentence just before, told after the last
    quote, opens with the person (a title and its scope may stand before the name), so he speaks;
    not whoever was quoted two sentences back."""
    got = speakers('وقالت رئيسة بعثة الصندوق إيفانا هولار إن "السلطات حققت تقدما ملموسا في الإصلاح". '
                   'وعقد وزير المالية أحمد كجوك مؤتمرا صحفيا بمقر الوزارة. '
                   'وقال إن الاتفاق "شهادة ثقة جديدة في الاقتصاد المصري".', said_by=True)
    assert got[1][0] == "kb:ahmed-kouchouk"
    got = speakers('وعقد وزير الصحة في حكومة تصريف الأعمال فراس الأبيض مؤتمرا صحفيا في مقر الوزارة. '
                   'وقال إن "الوضع لا يزال تحت السيطرة لكنه مقلق".', said_by=True)
    assert [(s or "")[:11] for s, _, _ in got] == ["unk:PERSON:"] and "الأبيض" in got[0][2]


def test_an_outlet_relaying_a_source_and_a_claim_quoted_before_it(speakers):
    """بحسب ما نقلت وكالة تسنيم عن بيان صادر عن الحرس الثوري: the outlet relays, the statement's
    issuer speaks; a quotation opening the sentence before بحسب ما نقلت ... عن فلان is his."""
    got = speakers('وبحسب ما نقلت وكالة تسنيم للأنباء عن بيان صادر عن الحرس الثوري، فإن الناقلة '
                   '"تم توقيفها بعد رصد دقيق من قبل المخابرات".')
    assert [s for s, _ in got] == ["kb:irgc"]
    got = speakers('"تمكنت الوحدات من إنقاذ شخصين فقط، وعمليات البحث متواصلة"، بحسب ما نقلت وكالة تونس '
                   'إفريقيا للأنباء عن وزير الداخلية خالد النوري، الذي أضاف أن القوارب "تتفكك عند أول موجة".')
    assert got[0][0].startswith("unk:PERSON:") and got[0][1] == "تمكنت الوحدات من إنقاذ شخصين فقط، وعمليات البحث متواصلة"
    assert got[1][0] == got[0][0]  # الذي أضاف: the same man


def test_a_channel_set_off_by_commas_is_an_aside(speakers):
    got = speakers('وقالت رئيسة بعثة الصندوق إلى مصر إيفانا فلادكوفا هولار، في بيان صدر في ختام زيارة '
                   'استمرت أسبوعين للقاهرة، إن "السلطات المصرية حققت تقدما ملموسا".', said_by=True)
    assert len(got) == 1 and "هولار" in got[0][2]


def test_a_title_alone_stands_for_the_one_person_named_with_it(speakers):
    """وأوضح المبعوث الأممي: the one person named before with that title (المبعوث الشخصي للأمين
    العام ستافان دي ميستورا) speaks; a surname after بن (بن جامع) is the person named in full."""
    got = speakers("وعقب الإحاطة التي قدمها المبعوث الشخصي للأمين العام ستافان دي ميستورا، تحدث المندوبون. "
                   "وأوضح المبعوث الأممي: «لقد حان الوقت كي تنتقل الأطراف إلى مناقشة التفاصيل».")
    assert [s for s, _ in got] == ["unk:PERSON:ستفن-د-مستر"]
    got = speakers("وتحدث المندوب الجزائري عمار بن جامع أمام المجلس. وفي كلمته، رفض بن جامع محاولات فرض "
                   "الأمر الواقع، قائلاً إن «الجزائر ليست طرفاً في هذا النزاع».")
    assert [s for s, _ in got] == ["unk:PERSON:امر-بن-كم"]


def test_an_outlet_before_its_relay_verb_is_no_speaker_of_an_unnamed_source(speakers):
    """وكالة إرنا نقلت عن مصدر مطلع قوله: the agency relays; the unnamed source it quotes stays
    unnamed, as in نقلت الوكالة عن مصدر, and a named one speaks (text written for the test)."""
    got = speakers('وكانت وكالة الأنباء الإيرانية (إرنا) نقلت عن مصدر مطلع قوله إن "المحادثات ستستأنف قريبا".')
    assert [s for s, _ in got] == [None], got
    got = speakers('وكالة تاس نقلت عن بوتين قوله إن "روسيا مستعدة للحوار".')
    assert [s for s, _ in got] == ["kb:vladimir-putin"], got


def test_a_titled_subject_continues_through_a_joined_verb_and_a_going_on(speakers):
    """``ورفض رئيس المجلس الاتهامات، ووصفها بأنها «...»``: the verb joined by و after the comma
    is the council head's, the one named earlier with that title, not the last speaker's; and
    ``وتابع رئيس حكومة الوحدة`` right after الدبيبة's quote goes on with him, where ``وأضاف
    المتحدث باسم الوزارة`` after a minister is another voice (texts written for the test)."""
    got = speakers("وترأس الجلسة رئيس المجلس محمود المشهداني، الذي قال إن «الجلسة قانونية». "
                   "وقالت النائبة هيفاء الموسوي إن «الجلسة باطلة». "
                   "ورفض رئيس المجلس اتهامات التزوير، ووصفها بأنها «مزايدات انتخابية لا تستند إلى أي دليل».")
    assert got[0][0] == got[2][0] != got[1][0] and got[0][0].startswith("unk:PERSON:")
    got = speakers("رفض الدبيبة اتهامات حماد، وقال إن «من يغلق الحقول يعاقب الشعب». "
                   "وتابع رئيس حكومة الوحدة: «المصرف ليس ملكا لشخص».")
    assert [s for s, _ in got] == ["kb:abdul-hamid-dbeibah", "kb:abdul-hamid-dbeibah"]
    got = speakers("وقال وزير الخارجية المصري بدر عبد العاطي إن «الوضع خطير». "
                   "وأضاف المتحدث باسم الوزارة: «نتابع عن كثب».")
    assert [s for s, _ in got] == ["kb:badr-abdelatty", None]


def test_basim_after_a_title_other_than_a_spokesmans_is_a_given_name():
    """باسم is both the link of المتحدث باسم and a given name: after النائب المستقل it opens the
    name, who is the speaker (texts written for the test)."""
    res = Resources()
    for text, name in (("وقال النائب المستقل باسم الخفاجي إن «هيئة الرئاسة خرقت الدستور».", "باسم الخفاجي"),
                       ("وقال المتحدث باسم الحكومة العراقية باسم العوادي إن «القرار نهائي».", "باسم العوادي")):
        an = analyse(prepare(Document(id="t", text=text, published="2025-05-20"), res), res)
        person = next(m.entity for m in an.mentions if m.type == "PERSON" and m.text == name)
        assert [q.speaker for q in an.quotes] == [person]


def test_a_spokesman_governor_and_secretary_general_named_by_title_alone(speakers):
    """``وتابع المتحدث باسم الجيش`` is the one spokesman named before (المتحدث باسم القوات المسلحة
    السودانية العميد نبيل عبد الله); ``وقال المحافظ`` the governor named before; ``وتابع الأمين
    العام`` right after one secretary-general's quote goes on with him though another is named;
    and in news of Lebanon ``المقاومة الإسلامية`` is Hezbollah (texts written for the test)."""
    got = speakers("وقال المتحدث باسم القوات المسلحة السودانية العميد نبيل عبد الله إن «قواتنا طهرت المدينة». "
                   "وتابع المتحدث باسم الجيش: «نطمئن المواطنين».")
    assert got[0][0] and got[0][0].startswith("unk:PERSON:") and got[1][0] == got[0][0]
    got = speakers("ودعا محافظ ذي قار حسين الغزي المحتجين إلى فتح الطريق. "
                   "وقال المحافظ في مؤتمر صحفي: «نحن مع مطالب الفلاحين المشروعة».")
    assert got[0][0] and got[0][0].startswith("unk:PERSON:")
    got = speakers("ودعا الأمين العام لمجلس التعاون جاسم البديوي إلى التهدئة. "
                   "وقال الأمين العام لجامعة الدول العربية أحمد أبو الغيط إن «الهجوم جريمة». "
                   "وتابع الأمين العام: «على مجلس الأمن أن يتحمل مسؤولياته».")
    assert [s for s, _ in got] == ["kb:ahmed-aboul-gheit", "kb:ahmed-aboul-gheit"]
    got = speakers("أعلن حزب الله استهداف موقع للجيش الإسرائيلي في جنوب لبنان. "
                   "وقالت المقاومة الإسلامية في بيان إن «العملية رد على الخروقات».")
    assert [s for s, _ in got] == ["kb:hezbollah"]
    # a minister is not the president quoted before; a police spokesman is not the ministry's
    got = speakers("وقال الرئيس الأمريكي دونالد ترامب إن «المفاوضات مستمرة». وأضاف وزير الخارجية: «لا بديل عن الحوار».")
    assert [s for s, _ in got] == ["kb:donald-trump", None]
    got = speakers("وقال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي إن «المفاوضات مستمرة». "
                   "وفي طهران، قال المتحدث باسم الشرطة إن «الأمن مستتب».")
    assert [s for s, _ in got] == ["kb:esmaeil-baghaei", None]
    # the council head named with a longer scope (رئيس مجلس النواب) is رئيس المجلس
    got = speakers("وقال رئيس مجلس النواب محمد الحلبوسي إن «الجلسة ستعقد». "
                   "ورفض رئيس المجلس الاتهامات، ووصفها بأنها «كاذبة».")
    assert [s for s, _ in got] == ["kb:mohammed-al-halbousi", "kb:mohammed-al-halbousi"]


def test_a_spokesman_titled_after_his_name_is_the_bare_title_that_goes_on(speakers):
    """كريستوف لوماري، المتحدث باسم ...: titled after his name, he is ``وأضاف المتحدث``; a spokesman
    for ``ها`` (the presidency named before) is ``وتابع الناطق باسم الرئاسة`` right after his quote."""
    got = speakers("وقال كريستوف لوماري، المتحدث باسم وزارة أوروبا والشؤون الخارجية، للصحافيين في باريس إن"
                   " «هذا القرار غير مبرر ولا يستند إلى أي وقائع». وأضاف المتحدث أن فرنسا «سترد بإجراءات"
                   " متناسبة وفورية».")
    assert len(got) == 2 and got[0][0] and got[0][0] == got[1][0]
    got = speakers("وأدانت الرئاسة الفلسطينية الهجوم، وقال الناطق الرسمي باسمها ماهر العبوشي إن \"إرهاب"
                   " المستوطنين يجري بغطاء كامل من الحكومة الإسرائيلية\". وتابع الناطق باسم الرئاسة أن \"الصمت"
                   " الدولي على هذه الجرائم يشجع المستوطنين\".")
    assert len(got) == 2 and got[0][0] and got[0][0] == got[1][0]


def test_an_honorific_with_a_pronoun_is_the_person_quoted_before(speakers):
    got = speakers("وأكد معالي نائب وزير الخارجية سعود الدوسري، في كلمة المملكة خلال الاجتماع، أن \"المملكة"
                   " ماضية في تنفيذ الاتفاق بكل بنوده\". وأضاف معاليه أن \"حسن الجوار واحترام سيادة الدول هي"
                   " الأسس\".")
    assert len(got) == 2 and got[0][0] and got[0][0] == got[1][0]


def test_long_asides_and_connectives_around_a_quote(speakers):
    """A press conference and where it was held set off by commas before إن, or before a colon; a
    connective before a quotation framed after it (وفي المقابل، «...»، هكذا صرح فلان)."""
    got = speakers("وقال وزير الري الدكتور حسام عبد الحافظ، في مؤتمر صحفي عقده بمقر وزارة الموارد المائية"
                   " والري بالعاصمة الإدارية، إن \"مصر لن تقبل بفرض سياسة الأمر الواقع على النهر\".")
    assert [(s or "").startswith("unk:PERSON") for s, _ in got] == [True]
    got = speakers("من جانبه، قال المتحدث باسم حزب الشعب الجمهوري دنيز أرسلان، في المؤتمر الصحفي الذي تم عقده"
                   " في مقر الحزب بأنقرة: \"إن هذه العملية هي عملية سياسية بالكامل وهي تستهدف إرادة الناخبين\".")
    assert [(s or "").startswith("unk:PERSON") for s, _ in got] == [True]
    got = speakers("وفي المقابل، «القضاء في تركيا مستقل ولا أحد فوق القانون مهما كان منصبه أو حزبه»، هكذا صرح"
                   " محمد أوزجان، نائب رئيس حزب العدالة والتنمية الحاكم.")
    assert [(s or "").startswith("unk:PERSON") for s, _ in got] == [True]


def test_what_came_in_a_statement_is_its_issuers(speakers):
    """``وجاء في بيان صادر عن X أن "..."``: the statement's issuer speaks; ``في بيان لأمانته العامة``
    is the subject's own office; ``وجاء القرار بعد أن`` frames nothing; ``وقال في بيان صادر عن
    دائرته الإعلامية`` keeps the clause's subject."""
    got = speakers("وجاء في بيان صادر عن القوات المسلحة الموريتانية أن \"وحدات إضافية من المنطقة العسكرية"
                   " الثانية تحركت لتأمين الشريط الحدودي\".")
    assert [s for s, _ in got] == ["kb:army-MR"]
    got = speakers("من جهته، انتقد حزب العدالة والتنمية طريقة تدبير النقاش، وجاء في بيان لأمانته العامة أن"
                   " \"الأغلبية العددية لا تعفي الحكومة من واجب الإنصات\".")
    assert len(got) == 1 and (got[0][0] or "").startswith("unk:ORG")
    assert speakers("وجاء القرار بعد أن \"رفضت الحكومة كل المقترحات المقدمة من المعارضة\".") == []
    got = speakers("ورفض حزب الكتائب الدعوة، وقال في بيان صادر عن دائرته الإعلامية إن \"الدستور واضح في وجوب"
                   " عقد جلسات مفتوحة\".")
    assert [s for s, _ in got] == ["kb:kataeb"]


def test_a_bare_title_stands_for_the_man_named_after_a_long_scope(speakers):
    """وزير الصحة العامة والسكان في الحكومة المعترف بها دوليا ياسر باعباد: ten words from the title
    to the name, in one clause, still title him for ``وأضاف الوزير``."""
    got = speakers("واتهم وزير الصحة العامة والسكان في الحكومة المعترف بها دوليا ياسر باعباد جماعة الحوثي"
                   " بعرقلة حملات التطعيم. وقال باعباد لرويترز «أوقفوا فرق التطعيم عند نقاط التفتيش وصادروا"
                   " جزءا من اللقاحات». وأضاف الوزير «لا يمكن احتواء الوباء في جزء من البلاد دون الآخر».")
    assert len(got) == 2 and got[0][0] and got[0][0] == got[1][0]


def test_reported_content_stops_at_a_reporting_verb_joined_after_a_comma(speakers):
    got = speakers("وقال الرئيس الفرنسي إيمانويل ماكرون إن «الوضع خطير»، ودعا إلى وقف إطلاق النار.")
    assert [t for _, t in got] == ["الوضع خطير"]


def test_review_finds_in_speakers_stay_mended(speakers):
    """سموه is the emir named with his titles, not the foreign minister quoted since; a statement of
    a body glued to ل names it, and لقيادة (a ta marbuta) is no pronoun; nothing came "in the frame
    of a visit"; a present verb after a comma goes on with the speaker's words."""
    got = speakers("استقبل أمير قطر الشيخ تميم بن حمد آل ثاني وزير الخارجية الإيطالي أنطونيو تاياني. وقال"
                   " تاياني إن \"العلاقات ممتازة\". وأكد سموه أن \"قطر تدعم الحلول السلمية\".")
    assert [s for s, _ in got] == ["kb:antonio-tajani", "kb:tamim-bin-hamad"]
    assert [s for s, _ in speakers("وجاء في بيان لحركة حماس أن \"الاحتلال يتحمل المسؤولية الكاملة\".")] == ["kb:hamas"]
    got = speakers("وقالت في بيان لقيادة الجيش الوطني الليبي إن \"القوات جاهزة لكل الاحتمالات\".", said_by=True)
    assert got and got[0][2] == "لقيادة الجيش الوطني الليبي"
    assert speakers("وجاء في إطار زيارة يقوم بها الوزير للمنطقة أن \"الطرفين سيوقعان اتفاقا\".") == []
    got = speakers("وقال رئيس الوزراء إن الحكومة ستعقد اجتماعا طارئا، وتدعو المواطنين إلى التزام الهدوء.")
    assert len(got) == 1 and "وتدعو المواطنين" in got[0][1]


def test_second_review_finds_in_speakers_stay_mended(speakers):
    """وجاء في بيانها (a possessive) frames a quote; كلمة للبرلمان names an audience, not the issuer;
    معاليه is the minister just quoted when so titled, and the one quoted just before otherwise."""
    got = speakers("أصدرت وزارة الخارجية السعودية بيانا وجاء في بيانها أن \"المملكة ترفض التصعيد في المنطقة\".")
    assert [s for s, _ in got] == ["kb:foreign-ministry-SA"]
    got = speakers("استقبل الرئيس التركي رجب طيب أردوغان وفدا من حماس. وقال في كلمة للبرلمان التركي إن"
                   " \"أنقرة ستواصل دعم غزة\".")
    assert [s for s, _ in got] == ["kb:recep-tayyip-erdogan"]
    got = speakers("استقبل وزير الخارجية الأردني أيمن الصفدي نظيره وزير الخارجية المصري بدر عبد العاطي. وقال"
                   " الصفدي إن \"العلاقات متينة\". وأضاف معاليه أن \"التنسيق مستمر\".")
    assert [s for s, _ in got] == ["kb:ayman-safadi", "kb:ayman-safadi"]
    got = speakers("وقال الدكتور خالد العنزي إن \"الوضع مستقر\". وأضاف معاليه أن \"الخطة جاهزة\".")
    assert len(got) == 2 and got[0][0] and got[0][0] == got[1][0]
