"""Every SQL statement of watchlists and alerts, on SQLite and PostgreSQL alike.

The rest of ``marsad.alerts`` (and the commands and routes over it) reads and writes through
these functions. Writes run inside ``Store.transaction``; the two that matter for delivery are
``add_alerts`` (new alerts and the watchlist's cursor in one transaction, as a compare-and-set on
the cursor, so two runs never make the same alert) and ``record_attempt`` (a try and its outcome
in one transaction). Document ranges are given as keywords: ``after_seq``/``through_seq`` (by
arrival, ``documents.seq``) and ``day`` (the publication day, else the day it was stored).
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from marsad.store import Store
from marsad.store.db import now as now_iso

CHUNK = 500  # ids per IN (...) list
PG_DELIVERY_LOCK = 7263  # advisory lock key (7261: migrations, 7262: linking)
DOC_DAY = "substr(coalesce({a}.published, {a}.ingested_at), 1, 10)"


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(items: Iterable[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    items = list(items)
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _range(alias: str = "d", after_seq: int | None = None, through_seq: int | None = None,
           day: str | None = None) -> tuple[str, list[Any]]:
    """SQL (`` AND ...``) keeping the documents in the range; never near-identical copies (their
    text is the original's, which is the one matched). A wire copy another site cut and framed
    (``copy_how`` 'contained') has words of its own and is kept."""
    sql, args = [f"({alias}.duplicate_of IS NULL OR {alias}.copy_how = 'contained')"], []
    if after_seq is not None:
        sql.append(f"{alias}.seq > ?")
        args.append(after_seq)
    if through_seq is not None:
        sql.append(f"{alias}.seq <= ?")
        args.append(through_seq)
    if day is not None:
        sql.append(DOC_DAY.format(a=alias) + " = ?")
        args.append(day)
    return "".join(" AND " + s for s in sql), args


# -- watchlists -----------------------------------------------------------------------------------

def insert_watchlist(store: Store, name: str, spec: dict[str, Any], webhook: str | None, secret: str | None,
                     last_seq: int) -> int | None:
    """A new watchlist's id; None when the name is taken."""
    with store.transaction():
        row = store.conn.execute(
            "INSERT INTO watchlists (name, spec, webhook, secret, last_seq, created_at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT (name) DO NOTHING RETURNING id",
            (name, json.dumps(spec, ensure_ascii=False, sort_keys=True), webhook, secret, last_seq,
             now_iso())).fetchone()
    return row[0] if row else None


def watchlist_row(conn: Any, name: str) -> Any:
    return conn.execute("SELECT * FROM watchlists WHERE name = ?", (name,)).fetchone()


def watchlist_rows(conn: Any) -> list[Any]:
    return conn.execute("SELECT * FROM watchlists ORDER BY name").fetchall()


def delete_watchlist(store: Store, name: str) -> bool:
    """Remove a watchlist with its alerts and their delivery log; False when there is none."""
    with store.transaction():
        row = store.conn.execute("SELECT id FROM watchlists WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        ids = [r[0] for r in store.conn.execute("SELECT id FROM alerts WHERE watchlist_id = ?", (row[0],))]
        for part in _chunks(ids):  # explicit, not only by ON DELETE CASCADE (a connection may have it off)
            store.conn.execute(f"DELETE FROM alert_attempts WHERE alert_id IN ({_marks(len(part))})", part)  # noqa: S608
        store.conn.execute("DELETE FROM alerts WHERE watchlist_id = ?", (row[0],))
        store.conn.execute("DELETE FROM watchlists WHERE id = ?", (row[0],))
    return True


def frontier(conn: Any, settled_before: str | None = None) -> int:
    """The highest ``documents.seq`` up to which every document is final for matching: stored
    and seen by the linkers (a document still waiting for them has no event yet, so nothing
    from it on is taken). With ``settled_before`` (an ISO time), only documents stored before it:
    on PostgreSQL a writer may commit a lower ``seq`` after a higher one."""
    if settled_before:
        top = conn.execute("SELECT max(seq) FROM documents WHERE ingested_at <= ?", (settled_before,)).fetchone()[0]
    else:
        top = conn.execute("SELECT max(seq) FROM documents").fetchone()[0]
    first = conn.execute("SELECT min(seq) FROM documents WHERE linked = 0 AND duplicate_of IS NULL").fetchone()[0]
    top = int(top or 0)
    return min(top, int(first) - 1) if first is not None else top


def waiting_documents(conn: Any) -> int:
    """Documents the linkers have not seen yet (matching waits for them)."""
    return conn.execute("SELECT count(*) FROM documents WHERE linked = 0 AND duplicate_of IS NULL").fetchone()[0]


# -- what matches ---------------------------------------------------------------------------------

def entity_hits(conn: Any, entity_ids: list[str], **rng: Any) -> dict[str, set[str]]:
    """Document id -> the watched entities it mentions (any of ``entity_ids``)."""
    out: dict[str, set[str]] = {}
    where, args = _range("d", **rng)
    for part in _chunks(sorted(set(entity_ids))):
        for r in conn.execute(
                "SELECT DISTINCT m.doc_id, m.entity_id FROM mentions m JOIN documents d ON d.id = m.doc_id"
                f" WHERE m.entity_id IN ({_marks(len(part))})" + where, [*part, *args]):  # noqa: S608
            out.setdefault(r[0], set()).add(r[1])
    return out


def place_hits(conn: Any, entity_id: str | None, names: list[str], country: str | None, **rng: Any) -> set[str]:
    """Documents that name the place: a mention resolved to it (or, for a place no entity
    stands for, a place mention written as given), or a coded action placed there (its place
    name, or its country when the place is a country)."""
    where, args = _range("d", **rng)
    parts, params = [], []
    if entity_id:
        parts.append("SELECT m.doc_id FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ?" + where)
        params += [entity_id, *args]
    elif names:
        parts.append("SELECT m.doc_id FROM mentions m JOIN documents d ON d.id = m.doc_id"
                     f" WHERE m.type IN ('LOC', 'GPE') AND m.text IN ({_marks(len(names))})" + where)
        params += [*names, *args]
    at = []
    if names:
        at.append(f"am.place IN ({_marks(len(names))})")
        params_at = list(names)
    else:
        params_at = []
    if country:
        at.append("am.place_country = ?")
        params_at.append(country)
    if at:
        parts.append("SELECT am.doc_id FROM action_mentions am JOIN documents d ON d.id = am.doc_id"
                     f" WHERE ({' OR '.join(at)})" + where)
        params += [*params_at, *args]
    if not parts:
        return set()
    return {r[0] for r in conn.execute(" UNION ".join(parts), params)}


def in_range(conn: Any, doc_ids: Iterable[str], **rng: Any) -> set[str]:
    """The documents of ``doc_ids`` inside the range."""
    where, args = _range("d", **rng)
    out: set[str] = set()
    for part in _chunks(sorted(set(doc_ids))):
        out.update(r[0] for r in conn.execute(
            f"SELECT d.id FROM documents d WHERE d.id IN ({_marks(len(part))})" + where, [*part, *args]))  # noqa: S608
    return out


def events_of(conn: Any, doc_ids: Iterable[str]) -> dict[str, str]:
    """Document id -> its event (documents in no event are left out)."""
    out: dict[str, str] = {}
    for part in _chunks(sorted(set(doc_ids))):
        out.update((r[0], r[1]) for r in conn.execute(
            f"SELECT doc_id, event_id FROM event_docs WHERE doc_id IN ({_marks(len(part))})", part))  # noqa: S608
    return out


def documents(conn: Any, doc_ids: Iterable[str]) -> dict[str, Any]:
    """Id -> the document's row (no text): id, title, url, source, outlet, published, ingested_at, seq."""
    out: dict[str, Any] = {}
    for part in _chunks(sorted(set(doc_ids))):
        out.update((r["id"], r) for r in conn.execute(
            "SELECT id, title, url, source, outlet, published, ingested_at, seq FROM documents"
            f" WHERE id IN ({_marks(len(part))})", part))  # noqa: S608
    return out


def events(conn: Any, event_ids: Iterable[str]) -> dict[str, Any]:
    """Id -> the event's row: id, title, date, story_id, data."""
    out: dict[str, Any] = {}
    for part in _chunks(sorted(set(event_ids))):
        out.update((r["id"], r) for r in conn.execute(
            f"SELECT id, title, date, story_id, data FROM events WHERE id IN ({_marks(len(part))})", part))  # noqa: S608
    return out


def event_outlets(conn: Any, event_ids: Iterable[str]) -> dict[str, list[str]]:
    """Event id -> the outlets reporting it (stored names, sorted), copies of its articles
    included (the linker files another outlet's copy of a story under the original's event)."""
    out: dict[str, set[str]] = {}
    for part in _chunks(sorted(set(event_ids))):
        for r in conn.execute(
                "SELECT DISTINCT ed.event_id, d.source FROM event_docs ed JOIN documents d ON d.id = ed.doc_id"
                f" WHERE ed.event_id IN ({_marks(len(part))}) AND d.source IS NOT NULL", part):  # noqa: S608
            out.setdefault(r[0], set()).add(r[1])
    return {k: sorted(v) for k, v in out.items()}


def first_sentence(conn: Any, doc_id: str, skip: Iterable[str | None] = ()) -> str:
    """The document's first sentence (its lead), white space folded; a sentence that is only
    one of ``skip`` (the headline, when the text starts with it) is passed over."""
    row = conn.execute("SELECT text, title FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return ""
    heads = {" ".join(x.split()) for x in (*skip, row[1]) if x}
    spans = conn.execute('SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY n LIMIT 3', (doc_id,)).fetchall()
    for start, end in spans:
        text = " ".join(row[0][start:end].split())
        if text and text not in heads:
            return text
    return " ".join(row[0][:300].split())


def entity_labels(conn: Any, ids: Iterable[str]) -> dict[str, Any]:
    """Id -> (name, Arabic name) of stored entities."""
    out: dict[str, Any] = {}
    for part in _chunks(sorted(set(ids))):
        out.update((r[0], (r[1], r[2])) for r in conn.execute(
            f"SELECT id, name, name_ar FROM entities WHERE id IN ({_marks(len(part))})", part))  # noqa: S608
    return out


def entity_exists(conn: Any, entity_id: str) -> bool:
    return conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None


# -- the outbox ----------------------------------------------------------------------------------

def add_alerts(store: Store, watchlist_id: int, seen_seq: int, new_seq: int, alerts: list[dict[str, Any]]) -> bool:
    """Store ``alerts`` and move the watchlist's cursor from ``seen_seq`` to ``new_seq``, in one
    transaction; False, and nothing written, when the cursor is no longer ``seen_seq`` (another
    run took these documents first). Each alert: key, event, docs, body, status, next_at."""
    with store.transaction():
        cur = store.conn.execute("UPDATE watchlists SET last_seq = ? WHERE id = ? AND last_seq = ?",
                                 (new_seq, watchlist_id, seen_seq))
        if cur.rowcount != 1:
            return False
        at = now_iso()
        store.conn.executemany(
            "INSERT INTO alerts (watchlist_id, delivery_key, event_id, docs, body, status, attempts, next_at,"
            " created_at, done_at) VALUES (?,?,?,?,?,?,0,?,?,?)",
            [(watchlist_id, a["key"], a["event"], json.dumps(a["docs"]), a["body"], a["status"], a["next_at"], at,
              at if a["status"] != "pending" else None) for a in alerts])
    return True


def due_alerts(conn: Any, now: float, skip: Iterable[str] = (), limit: int = 100) -> list[Any]:
    """Pending alerts whose next try is due, oldest due first, with their watchlist's webhook;
    none for the webhooks in ``skip``."""
    skip = sorted(set(skip))
    other = f" AND w.webhook NOT IN ({_marks(len(skip))})" if skip else ""
    return conn.execute(
        "SELECT a.id, a.delivery_key, a.body, a.attempts, a.event_id, a.watchlist_id, w.name AS watchlist,"
        " w.webhook, w.secret FROM alerts a JOIN watchlists w ON w.id = a.watchlist_id"
        " WHERE a.status = 'pending' AND a.next_at <= ?" + other + " ORDER BY a.next_at, a.id LIMIT ?",
        [now, *skip, limit]).fetchall()


def next_due(conn: Any) -> float | None:
    """When the earliest pending alert is due (Unix time), or None when none is pending."""
    return conn.execute("SELECT min(next_at) FROM alerts WHERE status = 'pending'").fetchone()[0]


def record_attempt(store: Store, alert_id: int, n: int, http_status: int | None, error: str | None, ms: float,
                   status: str, next_at: float | None) -> None:
    """One try of an alert and its outcome: ``status`` delivered, pending (``next_at`` set) or failed."""
    at = now_iso()
    with store.transaction():
        store.conn.execute(
            "INSERT INTO alert_attempts (alert_id, n, at, http_status, error, ms) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT DO NOTHING", (alert_id, n, at, http_status, error, round(ms, 1)))
        store.conn.execute(
            "UPDATE alerts SET attempts = ?, status = ?, next_at = ?, done_at = ?, last_error = ? WHERE id = ?",
            (n, status, next_at, at if status != "pending" else None, error, alert_id))


def retry_failed(store: Store, now: float, watchlist_id: int | None = None) -> int:
    """Given-up alerts made pending again, due now (their attempts start again from one)."""
    sql = "UPDATE alerts SET status = 'pending', next_at = ?, attempts = 0, done_at = NULL WHERE status = 'failed'"
    args: list[Any] = [now]
    if watchlist_id is not None:
        sql += " AND watchlist_id = ?"
        args.append(watchlist_id)
    with store.transaction():
        store.conn.execute("DELETE FROM alert_attempts WHERE alert_id IN (SELECT id FROM alerts WHERE status = 'failed'"
                           + (" AND watchlist_id = ?)" if watchlist_id is not None else ")"),
                           [watchlist_id] if watchlist_id is not None else [])
        return store.conn.execute(sql, args).rowcount


def alert_log(conn: Any, watchlist: str | None = None, status: str | None = None, limit: int = 100) -> list[Any]:
    """Alerts, newest first, with their watchlist's name."""
    where, args = [], []
    if watchlist:
        where.append("w.name = ?")
        args.append(watchlist)
    if status:
        where.append("a.status = ?")
        args.append(status)
    return conn.execute(
        "SELECT a.id, a.delivery_key, a.event_id, a.docs, a.status, a.attempts, a.next_at, a.created_at,"
        " a.done_at, a.last_error, w.name AS watchlist FROM alerts a JOIN watchlists w ON w.id = a.watchlist_id"
        + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id DESC LIMIT ?", [*args, limit]).fetchall()


def attempts(conn: Any, alert_id: int) -> list[Any]:
    return conn.execute("SELECT n, at, http_status, error, ms FROM alert_attempts WHERE alert_id = ? ORDER BY n",
                        (alert_id,)).fetchall()


def alert_body(conn: Any, alert_id: int) -> str | None:
    row = conn.execute("SELECT body FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return row[0] if row else None


def status_counts(conn: Any) -> dict[tuple[str, str], int]:
    """(watchlist, status) -> number of alerts."""
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT w.name, a.status, count(*) FROM alerts a JOIN watchlists w ON w.id = a.watchlist_id"
        " GROUP BY w.name, a.status")}


@contextmanager
def delivery_lock(store: Store) -> Iterator[bool]:
    """One deliverer at a time per database, across processes: yields False (and holds nothing)
    when another one has it. SQLite: an ``flock`` on ``<db>-alerts.lock`` beside the database;
    PostgreSQL: a session advisory lock. Both go with the process, so a killed run leaves none."""
    if store.dialect == "sqlite":
        if store.path == ":memory:":
            yield True
            return
        with open(f"{store.path}-alerts.lock", "a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    got = bool(store.conn.execute("SELECT pg_try_advisory_lock(?)", (PG_DELIVERY_LOCK,)).fetchone()[0])
    try:
        yield got
    finally:
        if got:
            store.conn.execute("SELECT pg_advisory_unlock(?)", (PG_DELIVERY_LOCK,))


# -- breaking news ----------------------------------------------------------------------------------

def recent_events(conn: Any, stored_since: str) -> set[str]:
    """Events with a report (an article or a copy of one) that may have been seen at or after
    ``stored_since`` (ISO time, UTC): stored then or later, and not published before it. A report
    is seen at the earlier of the two (``breaking.seen_at``), so an archive of last year's articles
    imported today brings none of its events back to read; a publication date is compared by its
    day, a day early, so that no time zone offset can drop a report that counts."""
    day_before = (date.fromisoformat(stored_since[:10]) - timedelta(days=1)).isoformat()
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT ed.event_id FROM documents d JOIN event_docs ed ON ed.doc_id = d.id"
        " WHERE d.ingested_at >= ? AND (d.published IS NULL OR d.published >= ?)", (stored_since, day_before))}


def event_reports(conn: Any, event_ids: Iterable[str]) -> list[Any]:
    """Every report of these events, copies included: (event_id, outlet, source, ingested_at, published)."""
    out: list[Any] = []
    for part in _chunks(sorted(set(event_ids))):
        out += conn.execute(
            "SELECT ed.event_id, d.outlet, d.source, d.ingested_at, d.published FROM event_docs ed"
            f" JOIN documents d ON d.id = ed.doc_id WHERE ed.event_id IN ({_marks(len(part))})", part).fetchall()  # noqa: S608
    return out
