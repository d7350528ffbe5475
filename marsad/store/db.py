"""The store: SQLite (one file, WAL) or PostgreSQL (a URL), migrations on open, explicit transactions.

WAL lets readers (the web server, an export) go on while one ingest writes; on PostgreSQL
MVCC does the same for many writers. Every write path runs inside ``transaction()``
(BEGIN IMMEDIATE on SQLite, BEGIN on PostgreSQL), so a process killed mid-batch leaves whole
articles or none. ``Store.open`` picks the backend from its target: a path is SQLite, a
``postgresql://`` URL is PostgreSQL (see ``marsad.store.pg``); both expose ``conn`` with the
same calling conventions and ``dialect`` for the few statements that differ.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from marsad.messages import message
from marsad.store.errors import classify
from marsad.store.schema import MIGRATIONS
from marsad.text.normalize import normalize
from marsad.types import Analysis, Document


class StoreError(RuntimeError):
    """A database that cannot be opened or used (not SQLite, corrupt, locked, read-only, newer);
    ``code`` is its message code in the catalogue."""

    def __init__(self, text: str, code: str | None = None):
        super().__init__(text)
        self.code = code


# Seconds a writer waits for another one's lock before giving up (MARSAD_BUSY_TIMEOUT overrides).
BUSY_SECONDS = float(os.environ.get("MARSAD_BUSY_TIMEOUT", "30"))


def _writable(path: str) -> bool:
    """Can this process write the database file and its folder (WAL and journal files live there)?
    ``os.access`` also says no on a read-only file system, for root too."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not p.exists() or os.access(p, os.W_OK))


def _wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, waiting for other writers like any write does: while another
    connection creates or migrates a new file, SQLite answers this pragma 'database is locked' at
    once, without its busy handler (two ingests starting on one new file)."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect_ro(path: str) -> sqlite3.Connection:
    """A read-only connection; on read-only media (no -shm file can be made beside a WAL
    database) the file is opened as immutable, which is safe because nobody can write it."""
    uri = f"file:{quote(path)}?mode=ro"
    if not _writable(path):
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS,
                           factory=SqliteConnection)


def redact(url: str) -> str:
    """A URL safe to print: the password replaced."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def select_in(conn: Any, sql: str, values: list[Any], chunk: int = 500) -> list[Any]:
    """Rows of ``sql`` whose one ``IN ({})`` is filled for ``values``, asked in chunks a server
    accepts (SQLite and PostgreSQL both bound the parameters of one statement)."""
    rows: list[Any] = []
    for i in range(0, len(values), chunk):
        part = values[i:i + chunk]
        rows += conn.execute(sql.format(",".join("?" * len(part))), part).fetchall()
    return rows


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SqliteConnection(sqlite3.Connection):
    """sqlite3 connection that names its dialect, like ``marsad.store.pg.PgConnection``."""

    dialect = "sqlite"


class Store:
    def __init__(self, conn: Any, path: str):
        self.conn = conn
        self.path = path
        self.dialect: str = getattr(conn, "dialect", "sqlite")
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        """Open (creating and migrating if needed) the database at ``path`` (a file or a postgresql:// URL)."""
        path = str(path)
        if path.startswith(("postgresql://", "postgres://")):
            return cls._open_pg(path, readonly)
        try:
            if readonly:
                if not Path(path).exists():
                    raise StoreError(message("db_missing", path=path), "db_missing")
                conn = _connect_ro(path)
            else:
                if Path(path).parent and not Path(path).parent.exists():
                    raise StoreError(message("db_no_folder", path=path), "db_no_folder")
                if not _writable(path):
                    raise StoreError(message("db_read_only", path=path), "db_read_only")
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS,
                                       factory=SqliteConnection)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                _wal(conn)
                conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(conn, path)
            store.check_not_newer()
            if not readonly:
                store.migrate()
            elif store.pending_migrations():
                return cls._upgraded_then_read(store, _writable(path))
            else:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return store
        except sqlite3.DatabaseError as e:
            code = classify(e)
            if code:
                raise StoreError(message(code, path=path, seconds=int(BUSY_SECONDS)), code) from e
            raise StoreError(message("db_not_sqlite", path=path, reason=e), "db_not_sqlite") from e

    @classmethod
    def _open_pg(cls, url: str, readonly: bool) -> Store:
        try:
            from marsad.store import pg
        except ImportError as e:
            raise StoreError("PostgreSQL needs the 'pg' extra: pip install 'marsad[pg]'") from e
        try:
            store = cls(pg.connect(url, readonly=readonly), url)
            store.check_not_newer()
            if not readonly:
                store.migrate()
            elif store.pending_migrations():
                return cls._upgraded_then_read(store, True)
            else:
                store.conn.execute("SELECT 1").fetchone()
            return store
        except pg.DatabaseError as e:
            code = classify(e)
            if code:
                raise StoreError(message(code, path=redact(url), seconds=int(BUSY_SECONDS)), code) from e
            raise StoreError(f"{redact(url)}: not a usable PostgreSQL database ({e})") from e
        except Exception as e:  # the pool's own timeout when the server is unreachable
            if type(e).__name__ == "PoolTimeout":
                raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL ({e})") from e
            raise

    def close(self) -> None:
        self.conn.close()

    # -- transactions and schema -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; nests as a no-op."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            # SQLite itself ends the transaction on some errors (SQLITE_FULL: disk or database full);
            # a ROLLBACK then would fail and hide the error that matters
            if self.dialect != "sqlite" or self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def linking(self) -> Iterator[None]:
        """One cross-document linking pass at a time across processes.

        The linkers read events and then update them (a merge, a centroid); two ingest workers
        linking at once could lose one's update or link one backlog twice, so they take turns: on
        PostgreSQL on an advisory lock, on SQLite on an exclusive ``flock`` of ``<db>-link.lock``
        beside the database (SQLite's own write lock does not cover a linker that reads its
        backlog before it writes, as the partitioned one does).
        """
        if self.dialect == "sqlite":
            if self.path == ":memory:":
                yield
                return
            import fcntl  # POSIX; marsad's stores live on Linux/macOS machines

            with open(f"{self.path}-link.lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
            return
        self.conn.execute("SELECT pg_advisory_lock(7262)")
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(7262)")

    def migrate(self) -> list[str]:
        """Apply the migrations this database has not seen; return their names."""
        if self.dialect != "sqlite":
            # one migrator at a time across processes (two workers starting on an empty database)
            with self.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(7261)")
                return self._migrate()
        return self._migrate()

    def pending_migrations(self) -> list[str]:
        """Schema steps of this version the database has not had (all of them for a new one)."""
        try:
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        except Exception:  # noqa: BLE001 - no migrations table yet (PostgreSQL autocommits)
            done = set()
        return [m.__name__ for m in MIGRATIONS if m.__name__ not in done]

    @classmethod
    def _upgraded_then_read(cls, store: Store, can_write: bool) -> Store:
        """A reader met a database from an older marsad: bring its schema up to date first (one
        short write, as any writer would on open), so exports and pages see every column."""
        path, steps = store.path, store.pending_migrations()
        store.close()
        if not can_write:
            raise StoreError(message("db_older_read_only", path=redact(path), steps=", ".join(steps)),
                             "db_older_read_only")
        cls.open(path).close()
        return cls.open(path, readonly=True)

    def check_not_newer(self) -> None:
        """Refuse a database that has schema steps this version does not know (made by a newer marsad)."""
        try:
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        except Exception:  # noqa: BLE001 - no migrations table yet: a new database (PostgreSQL autocommits)
            return
        unknown = sorted(done - {m.__name__ for m in MIGRATIONS})
        if unknown:
            raise StoreError(message("db_newer", path=redact(self.path), steps=", ".join(unknown)), "db_newer")

    def _migrate(self) -> list[str]:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for m in MIGRATIONS:
            if m.__name__ in done:
                continue
            with self.transaction():
                # another process may have applied it since ``done`` was read (two ingests
                # opening one new SQLite file); the write lock held here makes this answer final
                if self.conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.__name__,)).fetchone():
                    continue
                m(self.conn)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (m.__name__, now()))
            applied.append(m.__name__)
        return applied

    def schema_version(self) -> int:
        return self.conn.execute("SELECT count(*) FROM migrations").fetchone()[0]

    # -- documents -----------------------------------------------------------------------
    def get_document(self, doc_id: str) -> Any:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def find_by_hash(self, content_hash: str) -> Any:
        return self.conn.execute(
            "SELECT * FROM documents WHERE content_hash = ? ORDER BY seq LIMIT 1", (content_hash,)
        ).fetchone()

    def find_by_url(self, url: str) -> Any:
        return self.conn.execute("SELECT * FROM documents WHERE url = ?", (url,)).fetchone()

    def insert_document(self, doc: Document, content_hash: str, duplicate_of: str | None,
                        similarity: float | None) -> bool:
        """Store a new document; False (and nothing written) when another writer stored its id or url first.

        The unique id and url constraints decide the race between two ingest workers, not a
        read beforehand, so concurrent writers never both store one article.
        """
        cur = self.conn.execute(
            "INSERT INTO documents (id, url, title, source, published, published_how, language, text, content_hash,"
            " duplicate_of, similarity, body_end, origin, ingested_at, bad_bytes, outlet, wire, copy_how)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (doc.id, doc.url, doc.title, doc.source, doc.published, doc.published_how, doc.language, doc.text,
             content_hash,
             duplicate_of, similarity, doc.body_end, doc.origin, now(), doc.bad_bytes, doc.outlet, doc.wire,
             "near" if duplicate_of else None),
        )
        if cur.rowcount == 0:
            return False
        self._write_text_core(doc)
        return True

    def update_document(self, doc: Document, content_hash: str) -> int:
        """Replace a document's text, keeping the previous version in ``document_history``."""
        # the row lock serialises two workers updating one article (SQLite's writer lock already does)
        lock = "" if self.dialect == "sqlite" else " FOR UPDATE"
        old = self.conn.execute("SELECT * FROM documents WHERE id = ?" + lock, (doc.id,)).fetchone()
        version = old["version"] + 1
        self.conn.execute(
            "INSERT INTO document_history (doc_id, version, title, text, content_hash, replaced_at)"
            " VALUES (?,?,?,?,?,?)",
            (doc.id, old["version"], old["title"], old["text"], old["content_hash"], now()),
        )
        self.conn.execute(
            "UPDATE documents SET url=?, title=?, source=?, published=?, published_how=?, language=?, text=?,"
            " content_hash=?, body_end=?, origin=?, version=?, bad_bytes=?, outlet=?, wire=?, analysed=0, linked=0"
            " WHERE id=?",
            (doc.url, doc.title, doc.source, doc.published, doc.published_how, doc.language, doc.text, content_hash,
             doc.body_end, doc.origin, version, doc.bad_bytes, doc.outlet, doc.wire, doc.id),
        )
        self.conn.execute("DELETE FROM sentences WHERE doc_id = ?", (doc.id,))
        self.conn.execute("DELETE FROM removed_spans WHERE doc_id = ?", (doc.id,))
        self._write_text_core(doc)
        return version

    def set_inferred_published(self, doc_id: str, start: str | None, end: str | None, confidence: float) -> None:
        self.conn.execute(
            "UPDATE documents SET published_from = ?, published_to = ?, published_confidence = ? WHERE id = ?",
            (start, end, confidence, doc_id))

    def _write_text_core(self, doc: Document) -> None:
        self.conn.executemany(
            'INSERT INTO sentences (doc_id, n, start, "end") VALUES (?,?,?,?)',
            [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences)],
        )
        self.conn.executemany(
            'INSERT INTO removed_spans (doc_id, start, "end", reason) VALUES (?,?,?,?)',
            [(doc.id, r.start, r.end, r.reason) for r in doc.removed],
        )

    def record_reject(self, origin: str, reason: str) -> None:
        self.conn.execute("INSERT INTO rejects VALUES (?,?,?)", (now(), origin, reason))

    # -- analysis ------------------------------------------------------------------------
    def clear_analysis(self, doc_id: str) -> None:
        for table in ("mentions", "quotes", "times", "facts", "action_mentions"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # noqa: S608 (fixed names)

    def save_analysis(self, a: Analysis) -> None:
        """Replace the per-document findings of ``a.doc_id`` (call inside a transaction)."""
        self.clear_analysis(a.doc_id)
        # batched (one round trip per table on a server database); upserts, so concurrent writers agree
        self.conn.executemany(
            "INSERT INTO entities (id, name, name_ar, type, country) VALUES (?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET name_ar = coalesce(entities.name_ar, excluded.name_ar),"
            " country = coalesce(entities.country, excluded.country)",
            [(rec.key, rec.name, rec.name_ar, rec.type, rec.country) for rec in a.entities.values()],
        )
        self.conn.executemany(
            "INSERT INTO entity_aliases (entity_id, alias, norm) VALUES (?,?,?) ON CONFLICT DO NOTHING",
            [(rec.key, al, normalize(al)) for rec in a.entities.values()
             for al in sorted({rec.name, *(x for x in (rec.name_ar,) if x), *rec.aliases}) if al],
        )
        self.conn.executemany(
            'INSERT INTO mentions (doc_id, start, "end", text, type, entity_id, role, how) VALUES (?,?,?,?,?,?,?,?)',
            [(a.doc_id, m.start, m.end, m.text, m.type, m.entity, m.role, m.how) for m in a.mentions],
        )
        self.conn.executemany(
            'INSERT INTO quotes (id, doc_id, start, "end", text, direct, speaker, speaker_text, on_behalf_of,'
            " channel, via, verb, sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(f"{a.doc_id}:q{i}", a.doc_id, q.start, q.end, q.text, int(q.direct), q.speaker, q.speaker_text,
              q.on_behalf_of, q.channel, q.via, q.verb, q.sentence) for i, q in enumerate(a.quotes)],
        )
        self.conn.executemany(
            'INSERT INTO times (doc_id, start, "end", text, value, grain, kind) VALUES (?,?,?,?,?,?,?)',
            [(a.doc_id, t.start, t.end, t.text, t.value, t.grain, t.kind) for t in a.times],
        )
        self.conn.executemany(
            'INSERT INTO facts (doc_id, start, "end", text, what, unit, value, qualifier, sentence)'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(a.doc_id, f.start, f.end, f.text, f.what, f.unit, f.value, f.qualifier, f.sentence) for f in a.facts],
        )
        self.conn.executemany(
            "INSERT INTO action_mentions (doc_id, n, type, cameo, source, target, source_country, target_country,"
            ' date, place, mode, negated, modality, trigger, start, "end", sentence, source_sector, target_sector,'
            " source_start, source_end, place_country, killed, injured)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a.doc_id, i, x.type, x.cameo, x.source, x.target, x.source_country, x.target_country, x.date,
              x.place, x.mode, int(x.negated), x.modality, x.trigger, x.start, x.end, x.sentence,
              x.source_sector, x.target_sector, *(x.source_span or (None, None)), x.place_country,
              x.killed, x.injured)
             for i, x in enumerate(a.actions)],
        )
        self.conn.execute("UPDATE documents SET analysed = 1 WHERE id = ?", (a.doc_id,))

    # -- counts ----------------------------------------------------------------------------
    def reset_events(self) -> None:
        """Forget every event and story (and the linker's word counts), keeping documents and
        their analysis: the next linking pass places every document anew (training, evaluation).
        Wire copies the linker found are forgotten with them; near-identical copies stay."""
        with self.transaction():
            self.conn.execute("UPDATE documents SET duplicate_of = NULL, similarity = NULL, copy_how = NULL"
                              " WHERE copy_how = 'contained'")
            for table in ("event_docs", "event_keys", "link_df", "events", "stories"):
                self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "entities", "mentions", "quotes", "times", "facts", "action_mentions",
                      "events", "stories", "rejects"):
            out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        out["duplicates"] = self.conn.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0]
        return out
