"""Stores on both backends for the storage tests: SQLite in a temp file, PostgreSQL in a fresh schema.

PostgreSQL runs when ``MARSAD_TEST_PG`` names a server (``postgresql://user:pw@host/db``;
CI starts one); each test gets its own schema, dropped afterwards, so runs never see each
other's rows. Without the variable the PostgreSQL cases skip as for a missing service (a failure
under ``MARSAD_REQUIRE_SERVICES=1``, see tests/conftest.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from marsad.store import Store
from tests.conftest import missing_service

PG_URL = os.environ.get("MARSAD_TEST_PG", "")
BACKENDS = ["sqlite", "postgresql"]
NO_PG = missing_service("MARSAD_TEST_PG is not set (no PostgreSQL server to test against;"
                        " .ci/run starts one and sets it)")


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema (dropped on exit)."""
    if not PG_URL:
        pytest.skip(NO_PG)
    import psycopg

    from marsad.store import pg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as c:
        c.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options=-csearch_path%3D{name}"
    try:
        yield url
    finally:
        pg.close_pool(url)
        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f"DROP SCHEMA {name} CASCADE")


@contextmanager
def target(backend: str, tmp_path: Path, name: str = "test.db") -> Iterator[str]:
    """Where a store of ``backend`` lives: a file path or a PostgreSQL URL."""
    if backend == "sqlite":
        yield str(tmp_path / name)
    else:
        with pg_schema_url() as url:
            yield url


@contextmanager
def open_store(backend: str, tmp_path: Path, name: str = "test.db") -> Iterator[Store]:
    with target(backend, tmp_path, name) as t:
        s = Store.open(t)
        try:
            yield s
        finally:
            s.close()


def run_at_once(fns: list) -> list[BaseException]:
    """Call every function in its own thread, all released together; the exceptions they raised."""
    import threading

    failed: list[BaseException] = []
    start = threading.Barrier(len(fns))

    def call(fn) -> None:
        start.wait()
        try:
            fn()
        except BaseException as e:  # noqa: BLE001 (returned to the test, which asserts on it)
            failed.append(e)

    threads = [threading.Thread(target=call, args=(fn,)) for fn in fns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failed


@contextmanager
def migrated_from_before(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migration: str,
                         *rows: tuple[str, tuple]) -> Iterator[Store]:
    """A store of ``backend`` made by the schema before ``migration`` (``rows``: INSERT statements
    and their values, written then), opened again by the current code, which runs the migration."""
    import marsad.store.db as db
    from marsad.store.schema import MIGRATIONS

    with target(backend, tmp_path) as where:
        monkeypatch.setattr(db, "MIGRATIONS", [m for m in MIGRATIONS if m.__name__ != migration])
        old = Store.open(where)
        with old.transaction():
            for sql, values in rows:
                old.conn.execute(sql, values)
        old.close()
        monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS)
        new = Store.open(where)
        try:
            assert migration in {r[0] for r in new.conn.execute("SELECT name FROM migrations")}
            yield new
        finally:
            new.close()
