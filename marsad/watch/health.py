"""Each source's health, from the watcher's state file: what ``marsad sources`` prints."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from marsad.watch.state import State

WINDOW_DAYS = 7  # items per day and latency are taken over this many days


def iso(t: float | None) -> str | None:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def ago(seconds: float) -> str:
    s = abs(seconds)
    text = (f"{s:.0f}s" if s < 90 else f"{s / 60:.0f}m" if s < 5400 else f"{s / 3600:.1f}h" if s < 172800
            else f"{s / 86400:.1f}d")
    return f"in {text}" if seconds < 0 else f"{text} ago"


def health(state: State, now: float | None = None) -> list[dict]:
    now = time.time() if now is None else now
    since = now - WINDOW_DAYS * 86400
    out = []
    for r in state.sources():
        name = r["name"]
        per_day: dict[str, int] = {}
        for (at,) in state.query("SELECT at FROM items WHERE source = ? AND outcome = 'stored' AND at >= ?",
                                 (name, since)):
            day = iso(at)[:10]
            per_day[day] = per_day.get(day, 0) + 1
        days = max(1.0, min(WINDOW_DAYS, (now - r["added_at"]) / 86400))
        lat = [x[0] for x in state.query("SELECT ms FROM fetches WHERE source = ? AND at >= ? AND error IS NULL"
                                         " AND ms IS NOT NULL", (name, since))]
        # requests over the last day, or since the source was added, but never over less than an hour
        hours = max(1.0, min(24.0, (now - r["added_at"]) / 3600))
        requests = state.query("SELECT count(*) FROM fetches WHERE source = ? AND at >= ?",
                               (name, now - hours * 3600))[0]
        totals = state.query("SELECT outcome, count(*) FROM items WHERE source = ? GROUP BY outcome", (name,))
        items = {o: n for o, n in totals}
        status = "new" if not r["polls"] else "failing" if r["failures"] else "ok"
        out.append({
            "name": name, "url": r["url"], "kind": r["kind"], "interval_s": r["interval_s"], "status": status,
            "last_success": iso(r["last_success"]), "last_error": r["last_error"],
            "last_error_at": iso(r["last_error_at"]), "last_status": r["last_status"],
            "failures": r["failures"], "next_poll": iso(r["next_due"]) or iso(now),
            "next_poll_in_s": round(max(0.0, r["next_due"] - now), 1),
            # the wait set after the last failure (exponential backoff with jitter)
            "backoff_s": round(r["next_due"] - r["last_error_at"], 1) if r["failures"] else None,
            "polls": r["polls"], "not_modified": r["not_modified"], "errors": r["errors"],
            "items": {"stored": items.get("stored", 0), "rejected": items.get("rejected", 0),
                      "failed": items.get("failed", 0), "faulted": items.get("faulted", 0),
                      "waiting": items.get("retry", 0)},
            "items_per_day": round(sum(per_day.values()) / days, 1), "stored_by_day": dict(sorted(per_day.items())),
            "median_latency_ms": round(statistics.median(lat), 1) if lat else None,
            "requests_per_hour": round(requests[0] / hours, 1) if requests[0] else 0.0,
        })
    return out


def table(rows: list[dict], now: float | None = None) -> str:
    """A plain-text table, one source a line, then each failing source's last error."""
    now = time.time() if now is None else now
    head = ["source", "kind", "status", "last success", "failures", "next poll", "items/day", "latency", "req/h"]
    lines = []
    for r in rows:
        last_ok = ago(now - _ts(r["last_success"])) if r["last_success"] else "never"
        nxt = "now" if r["next_poll_in_s"] <= 0 else ago(-r["next_poll_in_s"])
        if r["failures"]:
            nxt = f"retry {nxt}"
        lat = f"{r['median_latency_ms']:.0f} ms" if r["median_latency_ms"] is not None else "-"
        lines.append([r["name"], r["kind"], r["status"], last_ok, str(r["failures"]), nxt,
                      f"{r['items_per_day']:g}", lat, f"{r['requests_per_hour']:g}"])
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=False)]
    text = ["  ".join(x.ljust(w) for x, w in zip(row, widths, strict=False)).rstrip() for row in [head, *lines]]
    for r in rows:
        if r["last_error"]:
            when = ago(now - _ts(r["last_error_at"])) if r["last_error_at"] else ""
            text.append(f"  {r['name']}: last error {when}: {r['last_error']}")
    return "\n".join(text) + "\n"


def _ts(s: str) -> float:
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
