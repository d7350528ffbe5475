"""Publication dates as given (ISO date/datetime, RFC 2822 from feeds) -> ISO strings."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


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
