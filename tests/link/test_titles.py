"""Event titles are news, not page layout: datelines, site names, ticker clocks and navigation
bars are taken off or passed over. (Examples written for the test.)"""

from __future__ import annotations

import pytest

from marsad.link.summary import newsy, title_text

CASES = [
    ("القاهرة - محمد علي - أعلنت وزارة الصحة افتتاح ثلاثة مستشفيات جديدة في الصعيد",
     "أعلنت وزارة الصحة افتتاح ثلاثة مستشفيات جديدة في الصعيد"),
    ("بيروت (الوكالة الوطنية)- عقد مجلس الوزراء جلسة استثنائية لبحث الموازنة العامة",
     "عقد مجلس الوزراء جلسة استثنائية لبحث الموازنة العامة"),
    ("موقع الخبر| وافق البرلمان على قانون الانتخابات الجديد بأغلبية كبيرة",
     "وافق البرلمان على قانون الانتخابات الجديد بأغلبية كبيرة"),
    ("آخر الأخبار / ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
     "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية"),
    ("- 18:05الفريق الأول يفوز على منافسه ويتأهل إلى نصف النهائي",
     "الفريق الأول يفوز على منافسه ويتأهل إلى نصف النهائي"),
    ("--> --> يترقب الناخبون إعلان النتائج الرسمية للانتخابات البلدية", "يترقب الناخبون إعلان النتائج الرسمية للانتخابات البلدية"),
    ("نواكشوط - وام توجه الناخبون، السبت، إلى مراكز الاقتراع لاختيار مجالس البلديات",
     "توجه الناخبون، السبت، إلى مراكز الاقتراع لاختيار مجالس البلديات"),
    ("< الهيئة العامة للإحصاء تنشر أرقام الموسم الجديد", "الهيئة العامة للإحصاء تنشر أرقام الموسم الجديد"),
    # a page's button printed with no space before the news
    ("تسجيلعكست الزيارة التي قام بها الأمير عمق العلاقات بين البلدين", "عكست الزيارة التي قام بها الأمير عمق العلاقات بين البلدين"),
    ("Closeبالصور.. جنازة مهيبة في ساحة القديس بطرس", "بالصور.. جنازة مهيبة في ساحة القديس بطرس"),
    ("طباعةأعلنت وزارة الداخلية فتح باب التسجيل للانتخابات البلدية", "أعلنت وزارة الداخلية فتح باب التسجيل للانتخابات البلدية"),
    # ... but a word that merely opens with such a word is the news itself
    ("تسجيلات مسربة تكشف تفاصيل صفقة السلاح الجديدة", None),
    ("مشاركته في القمة العربية تثير جدلا واسعا في البرلمان", None),
    ("تسجيلها في السجل التجاري يتأخر بسبب الإجراءات", None),
    ("بحثت الحكومة ملف الكهرباء في جلستها الأسبوعية", None),
    ("شاركوا، أمس، في تظاهرة حاشدة أمام مقر البرلمان", None),  # punctuation is no letter of the rest
    ("تسجيلـعكست الزيارة التي قام بها الأمير عمق العلاقات", "عكست الزيارة التي قام بها الأمير عمق العلاقات"),
    ("iPhoneالجديد يصل إلى الأسواق العربية الأسبوع المقبل", None),  # no button word
    # an agency named as the headline's subject, with no dateline before it, stays
    ("وكالة الأنباء السعودية تنشر صور الاستقبال في قصر اليمامة", None),
    # headlines that merely contain a dash, a slash in a number or a colon are left alone
    ("الحكومة تعلن خطة 2025/2026 لدعم المزارعين في المناطق الريفية", None),
    ("تجاوزت 60%.. هيئة الانتخابات تعلن نسبة المشاركة في الاقتراع", None),
    ("هجوم على قافلة إغاثة في الشمال: مقتل خمسة أشخاص وإصابة عشرة", None),
]


@pytest.mark.parametrize("raw,clean", CASES, ids=[c[0][:20] for c in CASES])
def test_title_text(raw, clean):
    assert title_text(raw) == (clean or raw)


def test_a_navigation_bar_is_no_headline():
    assert not newsy("أخبار محليات اقتصاد رياضة فن ثقافة منوعات مقالات وظائف وفيات فيديو")
    assert newsy("وزارة الاقتصاد تعلن أرقام التجارة الخارجية للربع الأول من العام")


def test_a_dateline_running_on_into_the_next_line_is_no_headline():
    assert not newsy("بغداد : الشبكة العراقية /")
    assert not newsy("القاهرة - وكالات الأنباء العربية -")
    assert newsy("الشبكة العراقية تنقل وقائع القمة العربية في بغداد")


def test_a_byline_or_a_page_stamp_is_no_headline():
    assert title_text("كتب - محرر الشؤون المحلية") == ""
    assert title_text("كتب - أحمد علي - أعلنت الوزارة إغلاق المعبر حتى إشعار آخر") == "أعلنت الوزارة إغلاق المعبر حتى إشعار آخر"
    assert not newsy("آخر تحديث: 10:15 (بتوقيت غرينتش)")
    assert not newsy("تاريخ النشر: الخميس 4 ديسمبر")


def _member(doc_id: str, text: str, headline: bool = False):
    from marsad.link.summary import Member
    from marsad.text.sentences import split_sentences

    spans = [(s.start, s.end) for s in split_sentences(text)]
    head = spans[0] if headline else None
    return Member(doc_id, None, text, spans, head, spans[1:3] if headline else spans[:2])


def test_a_date_line_read_as_a_headline_does_not_keep_the_leads_out():
    """One report's "headline" is its page's date line: it cannot title the event, so the other
    reports' lead sentences still compete (once, none did and a sentence that goes on from another,
    ``وقالت إدارة ...``, titled a seven-report event)."""
    from marsad.link.similarity import terms
    from marsad.link.summary import make_title
    from marsad.resources import Resources

    cfg = Resources().config["events"]
    members = [
        _member("a", "الثلاثاء 02 سبتمبر 2025 الساعة 05 مساء / موقع الأخبار\nأعلن المتحدث باسم الحكومة ارتفاع "
                     "حصيلة ضحايا الزلزال إلى 1400 قتيل في الولاية الشرقية.", headline=True),
        _member("b", "وقالت إدارة مكافحة الكوارث بحسبما نقلت وسائل إعلام محلية إن الزلزال دمر قرى كاملة."),
        _member("c", "لقي أكثر من 800 شخص مصرعهم وأصيب 2700 آخرون جراء زلزال ضرب شرق البلاد أمس الأحد."),
    ]
    # the centroid is closest to the sentence that goes on from another: only the rule keeps it out
    centroid = {t: 1.0 for t in terms("إدارة مكافحة الكوارث نقلت وسائل إعلام الزلزال دمر قرى")}
    title = make_title(members, centroid, lambda t: 1.0, cfg)
    assert title.startswith("لقي أكثر من 800 شخص"), title
    # when every sentence goes on from another, the closest still titles the event
    title = make_title([members[1]], centroid, lambda t: 1.0, cfg)
    assert title.startswith("وقالت إدارة مكافحة الكوارث"), title
