"""Publication dates as given (ISO date/datetime, RFC 2822 from feeds) -> ISO strings, and the
date an outlet writes into an article's URL, for the many articles that come without one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

# /2025/05/13/, /2025-05-13-slug, slug-2025-05-13, /2025/0513/: a year, then month and day with
# separators (or a year/MMDD folder). Eight digits run together are left alone: article ids look so.
_URL_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([/_-])(0[1-9]|1[0-2])(?:\2|/)?([0-3][0-9])(?![0-9])")
_URL_DATE_SHORT = re.compile(r"/((?:19|20)[0-9]{2})/([1-9]|1[0-2])/([1-9]|[12][0-9]|3[01])(?=/)")  # /2025/5/13/
# /19/11/2024/: day first, as Arab and European outlets write a date (03/02/2017 is 3 February)
_URL_DATE_DAY_FIRST = re.compile(r"/(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/((?:19|20)[0-9]{2})(?=/)")
_EARLIEST_URL_YEAR = 1995  # before the web carried news sites' dated paths


def parse_published(value: str | None) -> str | None:
    """ISO date (``2025-05-19``) or UTC datetime (``2025-05-19T14:00:00Z``); None if unparseable."""
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            return datetime.strptime(v, "%Y-%m-%d").date().isoformat()
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(v)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def date_in_url(url: str | None, today: date | None = None) -> str | None:
    """The calendar day an article's URL path carries (``/2025/05/13/``, ``...-2025-05-13``,
    ``/2025/0513/``, ``/13/05/2025/``), or None: no such day, a day that does not exist, before the web or after
    tomorrow, or two different days in one URL (a link to an archive page, say)."""
    if not url:
        return None
    parts = urlsplit(url)
    latest = (today or date.today()) + timedelta(days=1)
    days = set()
    where = parts.path + "?" + parts.query
    found = [(m[1], m[3], m[4]) for m in _URL_DATE.finditer(where)] + _URL_DATE_SHORT.findall(where) \
        + [(y, mo, dd) for dd, mo, y in _URL_DATE_DAY_FIRST.findall(where)]
    for y, mo, dd in found:
        try:
            d = date(int(y), int(mo), int(dd))
        except ValueError:
            continue
        if _EARLIEST_URL_YEAR <= d.year and d <= latest:
            days.add(d)
    return days.pop().isoformat() if len(days) == 1 else None


def publication(given: str | None, url: str | None) -> tuple[str | None, str | None]:
    """(ISO publication date, how): as given ('given'), else the day in the URL ('url'), else
    (None, None). Relative dates ("اليوم الجمعة") and role holders are read against it."""
    value = parse_published(given)
    if value is not None:
        return value, "given"
    value = date_in_url(url)
    return (value, "url") if value is not None else (None, None)
