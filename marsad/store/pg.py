"""PostgreSQL behind the same DB-API surface the rest of marsad writes against.

Every layer runs its SQL on ``store.conn`` with ``?`` placeholders and reads rows as
``row["col"]`` or ``row[0]`` (sqlite3's style). ``PgConnection`` keeps that one code path on
PostgreSQL: it rewrites placeholders to psycopg's ``%s`` (once per distinct statement), returns
``Row`` objects that index both ways, and runs in autocommit so ``Store.transaction`` issues its
own BEGIN/COMMIT exactly as on SQLite. Connections come from one psycopg_pool pool per URL
and process, so the web app's per-request stores cost a pool checkout, not a login.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Dumper
from psycopg_pool import ConnectionPool

DIALECT = "postgresql"
_POOLS: dict[str, ConnectionPool] = {}
_LOCK = threading.Lock()

DatabaseError = psycopg.DatabaseError


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """``?`` -> ``%s`` and ``%`` -> ``%%`` outside quoted literals and identifiers."""
    out, quote = [], ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class Row(tuple):
    """A result row readable as ``row[0]``, ``row["col"]``, ``dict(row)`` (like sqlite3.Row)."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: psycopg.Cursor) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(d.name for d in desc))
    return cls


class _BoolAsInt(Dumper):
    """SQLite stores Python bools as 0/1 in INTEGER columns; do the same here."""

    oid = psycopg.postgres.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class PgCursor:
    """The part of a sqlite3 cursor marsad uses: iteration, fetchone/fetchall, rowcount."""

    def __init__(self, cur: psycopg.Cursor):
        self._cur = cur

    def fetchone(self) -> Row | None:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Row]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        return self._cur.description


class PgConnection:
    """A pooled psycopg connection with sqlite3's calling conventions."""

    dialect = DIALECT

    def __init__(self, pool: ConnectionPool, raw: psycopg.Connection):
        self._pool, self.raw = pool, raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        cur = self.raw.cursor()
        cur.execute(translate(sql), tuple(params) if params is not None else ())
        return PgCursor(cur)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        rows = [tuple(p) for p in seq]
        cur = self.raw.cursor()
        if rows:
            cur.executemany(translate(sql), rows)
        return PgCursor(cur)

    def close(self) -> None:
        if self.raw is not None:
            if self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                self.raw.rollback()
            self._pool.putconn(self.raw)
            self.raw = None  # type: ignore[assignment]


def _configure(conn: psycopg.Connection) -> None:
    conn.autocommit = True
    conn.row_factory = _row_factory
    conn.adapters.register_dumper(bool, _BoolAsInt)


def _reset(conn: psycopg.Connection) -> None:
    conn.execute("RESET ALL")


def pool(url: str) -> ConnectionPool:
    """The process-wide pool for ``url`` (opened on first use)."""
    with _LOCK:
        p = _POOLS.get(url)
        if p is None:
            psycopg.connect(url, connect_timeout=10).close()  # fail fast and clearly (bad password, no server)
            p = ConnectionPool(url, min_size=1, max_size=8, configure=_configure, reset=_reset,
                               open=True, timeout=30, name="marsad")
            _POOLS[url] = p
        return p


def connect(url: str, readonly: bool = False) -> PgConnection:
    p = pool(url)
    raw = p.getconn()
    if readonly:
        raw.execute("SET default_transaction_read_only = on")
    return PgConnection(p, raw)


def close_pool(url: str) -> None:
    with _LOCK:
        p = _POOLS.pop(url, None)
    if p is not None:
        p.close()


def close_pools() -> None:
    with _LOCK:
        for p in _POOLS.values():
            p.close()
        _POOLS.clear()
