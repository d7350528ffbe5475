"""The time data files: complete month names (checked against Babel's CLDR) and sane tables."""

from __future__ import annotations

from babel import Locale
from babel.localedata import locale_identifiers

from marsad.extract.calendar import hijri_to_gregorian, weekday_date, year_for
from marsad.extract.time_patterns import lexicon
from marsad.text.normalize import normalize


def test_time_data_has_every_babel_arabic_month_name():
    months = lexicon().months
    missing = []
    for loc in (x for x in locale_identifiers() if x == "ar" or x.startswith("ar_")):
        names = Locale.parse(loc).months["format"]["wide"]
        missing += [(loc, n) for i, n in names.items() if months.get(normalize(n)) != i]
    assert not missing


def test_time_data_weekdays_match_babel():
    days = Locale.parse("ar").days["format"]["wide"]
    assert all(lexicon().weekdays[normalize(name)] == i for i, name in days.items())


def test_calendar_weekday_directions():
    from datetime import date
    tue = date(2025, 5, 20)
    assert weekday_date(tue, 0, None) == date(2025, 5, 19)  # most recent Monday
    assert weekday_date(tue, 1, None) == tue  # today
    assert weekday_date(tue, 1, -1) == date(2025, 5, 13)
    assert weekday_date(tue, 1, 1) == date(2025, 5, 27)
    assert weekday_date(tue, 4, 0) == date(2025, 5, 23)


def test_calendar_year_of_a_day_month_without_year():
    from datetime import date
    assert year_for(date(2025, 1, 10), 12, 28, None) == 2024
    assert year_for(date(2025, 1, 10), 12, 28, 1) == 2025
    assert year_for(date(2025, 11, 10), 1, 5, None) == 2026


def test_calendar_hijri_umm_al_qura():
    from datetime import date
    assert hijri_to_gregorian(1446, 9, 1) == date(2025, 3, 1)
    assert hijri_to_gregorian(1446, 13, 1) is None
