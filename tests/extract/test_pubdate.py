"""Publication-date inference for articles that come without one."""

from __future__ import annotations

from datetime import date

from marsad.extract.pubdate import infer_published
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.types import Document

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
