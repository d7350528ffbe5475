"""Publication-date inference for articles that come without one."""

from __future__ import annotations

from datetime import date

from marsad.extract.pubdate import infer_published, page_stamp
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import STAMP, Document

TODAY = date(2026, 1, 1)


def _infer(text: str):
    return infer_published(prepare(Document(id="x", text=text), Resources()), today=TODAY)


def test_pubdate_relative_day_next_to_a_full_date_fixes_the_day():
    start, end, conf = _infer("أعلنت الحكومة أمس الأحد 18 مايو 2025 عن خطة جديدة للإصلاح الاقتصادي.")
    assert start == end == date(2025, 5, 19)
    assert conf >= 0.9


def test_pubdate_weekday_printed_with_a_day_month_picks_the_year():
    start, end, conf = _infer("وصل الرئيس إلى باريس يوم الخميس 14 نوفمبر لإجراء محادثات مع نظيره الفرنسي.")
    assert start == date(2024, 11, 14) and end > start and 0 < conf < 0.5


def test_pubdate_publication_weekday_narrows_a_past_date_to_one_day():
    start, end, conf = _infer("وكان الاتفاق قد وقع في 3 آذار 2024. والتقى الوزيران أمس الأحد في عمان لمتابعة تنفيذه.")
    assert start == end == date(2024, 3, 4)
    assert conf < 0.9  # weaker than an explicit "today is"


def test_pubdate_future_date_caps_the_range():
    start, end, _ = _infer("وقع الطرفان الاتفاق في 2 يناير 2025. ومن المقرر أن تبدأ المرحلة الثانية في 10 يناير 2025.")
    assert (start, end) == (date(2025, 1, 2), date(2025, 1, 10))


def test_pubdate_years_only_give_a_lower_bound():
    start, end, conf = _infer("ضمت روسيا شبه جزيرة القرم في عام 2014 بعد احتجاجات واسعة في أوكرانيا.")
    assert (start, end) == (date(2014, 1, 1), None) and conf <= 0.1


def test_pubdate_no_dates_no_guess():
    assert _infer("قال الرئيس إن المحادثات كانت مثمرة وإن الجانبين سيواصلان التشاور.") == (None, None, 0.0)


def test_pubdate_on_the_samples_never_contradicts_the_real_date(seeds):
    for d in seeds.values():
        start, end, _ = infer_published(prepare(Document(id=d["id"], text=d["text"]), Resources()), today=TODAY)
        real = date.fromisoformat(d["published"][:10])
        assert start is None or start <= real
        assert end is None or real <= end


# A page stamp (written for these tests): the update line above the headline of a news page.
STAMPED = ("آخر تحديث: الأحد 2 مارس 2025 - 11:40\n\nانطلاق الجولة الخامسة من المفاوضات في مسقط\n\n"
           "انطلقت، يوم الاثنين، في العاصمة العمانية مسقط الجولة الخامسة من المفاوضات بين الحكومة والحوثيين "
           "بشأن ملف الأسرى.\nوقال مصدر مطلع إن الجولة تهدف إلى اتفاق نهائي.")


def test_page_stamp_is_read_as_the_publication_day_and_is_no_sentence():
    doc = prepare(Document(id="x", text=STAMPED), Resources())
    assert (doc.published, doc.published_how) == ("2025-03-02", "page")
    assert not any(s.start < STAMPED.index("\n") for s in doc.sentences)  # the stamp is no sentence
    assert [r.reason for r in doc.removed] == [STAMP]


def test_a_relative_day_is_read_against_the_stamp_and_the_stamp_dates_nothing():
    res = Resources()
    doc = prepare(Document(id="x", text=STAMPED), res)
    days = [t.value for t in analyse(doc, res).times if t.kind == "date"]
    assert "2025-02-24" in days and "2025-03-02" not in days  # the Monday before the stamp


def test_a_stamp_a_lead_contradicts_is_no_publication_day():
    text = ("2025-05-02 09:31\n\nزلزال يضرب شمال شرق إيران\n\n"
            "لقي سبعة أشخاص مصرعهم فجر اليوم الثلاثاء جراء زلزال بلغت قوته 5.9 درجة ضرب شمال شرق إيران.")
    doc = prepare(Document(id="x", text=text), Resources())
    assert doc.published is None and [r.reason for r in doc.removed] == [STAMP]  # 2 May 2025 was a Friday


def test_only_a_line_of_date_clock_and_stamp_words_is_a_stamp():
    assert page_stamp("السبت 17 مايو 2025\nعنوان الخبر", 3).day == date(2025, 5, 17)
    assert page_stamp("عنوان الخبر هنا\nالخميس 8 فبراير 2024 الساعة 16:46\nنص", 3).day == date(2024, 2, 8)
    assert page_stamp("الأربعاء 12 مارس 2025 توقيع اتفاق بين البلدين\nنص", 3) is None  # a headline with a date
    assert page_stamp("وصل الوفد يوم 12 مارس\nنص", 3) is None  # no year: no stamp
    assert page_stamp("\n\n\nآخر تحديث: 2 مارس 2025\nنص", 3).day == date(2025, 3, 2)  # blank lines do not count
    assert page_stamp("آخـر  تحديث: الأحد 2 مارس 2025 - 11:40\nنص", 3).day == date(2025, 3, 2)  # tatweel, two spaces
    given = prepare(Document(id="x", text=STAMPED, published="2025-03-03"), Resources())
    assert (given.published, given.published_how) == ("2025-03-03", None)  # a given date stands
