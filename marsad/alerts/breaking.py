"""Breaking news: events whose number of distinct outlets grows fast against the usual rate.

A pure function of the store and a time ``now``:

- An event's **reports** are its documents, the copies other outlets ran of them included (a
  copy is stored as a duplicate of the first and filed under its event). A report's **outlet** is
  ``documents.outlet`` (the outlets data file's id), else the stored source name; a report
  with neither is not counted. A report is **seen** at the earlier of when marsad stored it
  and when it was published (a publication date without a time stands for the end of that
  day), so a watcher's arrivals count when they came in and an archive ingested later counts
  when it was published. Reports seen after ``now`` are left out.
- An outlet **joins** an event when it is first seen reporting it. ``recent`` = the outlets
  that joined in the last ``hours`` hours (``now - hours < seen <= now``).
- The **usual growth** is the median, over the events first seen in the last ``days`` days,
  of how many outlets joined each within ``hours`` hours of its first report (at least 1).
- **score** = ``recent / usual growth``. An event is breaking when ``recent >= min_outlets``
  and ``score >= min_score``; breaking events are listed by score, then by ``recent``, then by
  the latest arrival.

So with a usual growth of 1 outlet (most events are reported by one outlet in their first
hours), an event that 5 outlets joined in the last 6 hours scores 5; a large event of last
week that one more outlet joined today scores 1.
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from marsad.alerts import store as S
from marsad.alerts.watchlists import summary_of

ISO = "%Y-%m-%dT%H:%M:%SZ"


def parse_when(value: str | None) -> datetime | None:
    """An ISO date-time as UTC (a naive one is read as UTC); a bare date is the end of its day."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(23, 59, 59), UTC)
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def seen_at(ingested_at: str | None, published: str | None) -> datetime | None:
    """When a report was seen: the earlier of its storing and its publication."""
    times = [t for t in (parse_when(ingested_at), parse_when(published)) if t is not None]
    return min(times) if times else None


def joins(reports: list[Any], now: datetime) -> dict[str, dict[str, tuple[datetime, str]]]:
    """Event -> outlet -> (when it joined, the name it was stored under), reports up to ``now``."""
    out: dict[str, dict[str, tuple[datetime, str]]] = {}
    for ev, outlet, source, ingested_at, published in reports:
        key = outlet or source
        seen = seen_at(ingested_at, published)
        if not key or seen is None or seen > now:
            continue
        have = out.setdefault(ev, {}).get(key)
        if have is None or seen < have[0]:
            out[ev][key] = (seen, source or outlet)
    return out


def breaking(conn: Any, now: datetime, *, hours: float = 6, days: float = 7, min_outlets: int = 3,
             min_score: float = 2.0) -> dict[str, Any]:
    """Breaking events at ``now`` (see the module's doc): ``{"items", "usual_growth", "measured"
    (events the usual growth was measured on), "hours", "days", "at"}``;
    each item: id, title, date, score, recent (outlets that joined in the window), outlets (all
    so far), recent_outlets and sources (names), first_seen, updated (latest join), summary."""
    now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    window, span = timedelta(hours=hours), timedelta(days=days)
    ids = S.recent_events(conn, (now - span - window).strftime(ISO))
    joined = joins(S.event_reports(conn, ids), now)
    growth = []
    for outlets in joined.values():
        first = min(t for t, _ in outlets.values())
        if first >= now - span:
            growth.append(sum(1 for t, _ in outlets.values() if t <= first + window))
    usual = max(1.0, float(statistics.median(growth))) if growth else 1.0
    items = []
    for ev, outlets in joined.items():
        recent = sorted((t, name) for t, name in outlets.values() if t > now - window)
        score = len(recent) / usual
        if not recent or len(recent) < min_outlets or score < min_score:
            continue
        times = [t for t, _ in outlets.values()]
        items.append({"id": ev, "score": round(score, 3), "recent": len(recent), "outlets": len(outlets),
                      "recent_outlets": [name for _, name in recent],
                      "sources": sorted({name for _, name in outlets.values()}),
                      "first_seen": min(times).strftime(ISO), "updated": max(times).strftime(ISO)})
    items.sort(key=lambda x: (-x["score"], -x["recent"], _neg(x["updated"]), x["id"]))
    rows = S.events(conn, [x["id"] for x in items])
    for x in items:
        row = rows.get(x["id"])
        x.update(title=row["title"] if row else None, date=row["date"] if row else None,
                 summary=summary_of(row) if row else [])
    return {"items": items, "usual_growth": usual, "measured": len(growth), "hours": hours, "days": days,
            "at": now.strftime(ISO)}


def _neg(stamp: str) -> tuple[int, ...]:
    """A sort key putting later ISO stamps first."""
    return tuple(-ord(c) for c in stamp)
