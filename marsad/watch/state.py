"""The watcher's durable bookkeeping, in a small SQLite file of its own beside the database.

Per source: validators for conditional GET (ETag, Last-Modified), when it is next due, its
failures in a row (the backoff), last success and last error, counts. Per item: its outcome
(``stored``, ``rejected``, ``failed`` after its attempts, or ``retry`` while attempts remain), and
``faulted`` when marsad's own analysis failed on it, or the store refused what the analysis
made: that is the program's fault, not the article's, so it ends the item only for the marsad
version it failed under; after an upgrade the item is taken again while its listing still offers it.
Per request: status, latency and size, for ``marsad sources``. Per host: robots.txt.

Every change is one transaction (WAL, ``synchronous = FULL``), so a killed watcher loses at most
the step it was in. An item is recorded only after its article was committed to the store; a
kill between the two leaves an item that is fetched again and found in the store by its id or
URL (the store's own dedup), so nothing is lost and nothing is stored twice.

The file is kept apart from the article store (which may be PostgreSQL): it is the watcher's
working memory, not part of the export contract. Keep it with the database: restoring one
without the other either refetches articles (harmless: the store finds them) or skips some.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    interval_s REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_due REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_success REAL,
    last_error TEXT,
    last_error_at REAL,
    last_status INTEGER,
    polls INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    doc_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    at REAL NOT NULL,
    version TEXT,
    PRIMARY KEY (source, key)
);
CREATE INDEX IF NOT EXISTS items_source_at ON items (source, at);
CREATE TABLE IF NOT EXISTS fetches (
    source TEXT NOT NULL,
    at REAL NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    ms REAL,
    bytes INTEGER,
    error TEXT
);
CREATE INDEX IF NOT EXISTS fetches_source_at ON fetches (source, at);
CREATE INDEX IF NOT EXISTS fetches_at ON fetches (at);
CREATE TABLE IF NOT EXISTS robots (
    host TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
"""

DONE = ("stored", "rejected", "failed")  # outcomes that end an item; "retry" does not
FAULTED = "faulted"  # ends an item for the marsad version it was recorded under


def default_state_path(db: str) -> str:
    """``marsad.db`` -> ``marsad.watch.db`` beside it; a PostgreSQL URL -> ``marsad.watch.db`` here."""
    if "://" in db:
        return "marsad.watch.db"
    p = Path(db)
    return str(p.with_name((p.stem if p.suffix else p.name) + ".watch.db"))


class State:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        if readonly:
            if not Path(self.path).exists():
                raise FileNotFoundError(self.path)
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None, timeout=30)
        else:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.executescript(SCHEMA)
            if "version" not in {r[1] for r in self.conn.execute("PRAGMA table_info(items)")}:
                self.conn.execute("ALTER TABLE items ADD COLUMN version TEXT")  # a state file of before
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- sources ---------------------------------------------------------------------------
    def register(self, name: str, url: str, kind: str, interval: float) -> None:
        """Add a source, or update its settings; a changed URL forgets the old validators."""
        row = self.source(name)
        with self.tx() as c:
            if row is None:
                c.execute("INSERT INTO sources (name, url, kind, interval_s, added_at) VALUES (?, ?, ?, ?, ?)",
                          (name, url, kind, interval, time.time()))
            elif (row["url"], row["kind"], row["interval_s"]) != (url, kind, interval):
                reset = row["url"] != url
                c.execute("UPDATE sources SET url = ?, kind = ?, interval_s = ?,"
                          " etag = CASE WHEN ? THEN NULL ELSE etag END,"
                          " last_modified = CASE WHEN ? THEN NULL ELSE last_modified END,"
                          " next_due = CASE WHEN ? THEN 0 ELSE min(next_due, ?) END WHERE name = ?",
                          (url, kind, interval, reset, reset, reset, time.time() + interval, name))

    def source(self, name: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM sources WHERE name = ?", (name,)).fetchone()

    def sources(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM sources ORDER BY name").fetchall()

    def succeeded(self, name: str, at: float, next_due: float, status: int, etag: str | None,
                  last_modified: str | None, not_modified: bool) -> None:
        with self.tx() as c:
            c.execute("UPDATE sources SET failures = 0, last_success = ?, next_due = ?, last_status = ?,"
                      " etag = ?, last_modified = ?, polls = polls + 1, not_modified = not_modified + ?"
                      " WHERE name = ?", (at, next_due, status, etag, last_modified, int(not_modified), name))

    def failed(self, name: str, at: float, next_due: float, status: int | None, error: str) -> int:
        """Record a failed poll; returns the failures in a row now."""
        with self.tx() as c:
            c.execute("UPDATE sources SET failures = failures + 1, last_error = ?, last_error_at = ?,"
                      " next_due = ?, last_status = ?, polls = polls + 1, errors = errors + 1 WHERE name = ?",
                      (error, at, next_due, status, name))
            return c.execute("SELECT failures FROM sources WHERE name = ?", (name,)).fetchone()[0]

    def set_due(self, name: str, next_due: float) -> None:
        with self.tx() as c:
            c.execute("UPDATE sources SET next_due = ? WHERE name = ?", (next_due, name))

    # -- items -----------------------------------------------------------------------------
    def done_keys(self, name: str, keys: list[str], version: str) -> set[str]:
        """Which of ``keys`` are finished for source ``name`` (stored, rejected or given up, or
        faulted under marsad ``version``)."""
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            marks = ",".join("?" * len(part))
            out.update(r[0] for r in self.conn.execute(
                f"SELECT key FROM items WHERE source = ? AND key IN ({marks})"  # noqa: S608
                f" AND (outcome IN ({','.join('?' * len(DONE))}) OR (outcome = ? AND version = ?))",
                [name, *part, *DONE, FAULTED, version]))
        return out

    def attempts(self, name: str, key: str) -> int:
        row = self.conn.execute("SELECT attempts FROM items WHERE source = ? AND key = ?", (name, key)).fetchone()
        return row[0] if row else 0

    def item(self, name: str, key: str, outcome: str, doc_id: str | None = None, error: str | None = None,
             version: str | None = None) -> None:
        with self.tx() as c:
            c.execute("INSERT INTO items (source, key, outcome, doc_id, attempts, error, at, version)"
                      " VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET"
                      " outcome = excluded.outcome, doc_id = excluded.doc_id, attempts = items.attempts + 1,"
                      " error = excluded.error, at = excluded.at, version = excluded.version",
                      (name, key, outcome, doc_id, error, time.time(), version))

    # -- requests --------------------------------------------------------------------------
    def fetch(self, name: str, url: str, status: int | None, ms: float | None, size: int | None,
              error: str | None) -> None:
        with self.tx() as c:
            c.execute("INSERT INTO fetches VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (name, time.time(), url, status, ms, size, error))

    def trim(self, keep_days: float) -> None:
        """Forget request records older than ``keep_days`` (items are kept: they are the seen set)."""
        with self.tx() as c:
            c.execute("DELETE FROM fetches WHERE at < ?", (time.time() - keep_days * 86400,))

    # -- robots.txt ------------------------------------------------------------------------
    def robots(self, host: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM robots WHERE host = ?", (host,)).fetchone()

    def save_robots(self, host: str, status: int, body: str) -> None:
        with self.tx() as c:
            c.execute("INSERT INTO robots VALUES (?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET"
                      " status = excluded.status, body = excluded.body, fetched_at = excluded.fetched_at",
                      (host, status, body, time.time()))

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()
