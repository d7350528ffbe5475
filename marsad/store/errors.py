"""Database failures a user can act on, told apart by what the driver raised.

SQLite and PostgreSQL say "disk full", "read-only" or "locked" in their own ways; this maps
each to one message code of the catalogue (``marsad/lang/messages.json``), so the CLI and the
web say the same thing whichever engine is underneath.
"""

from __future__ import annotations

import errno
import sqlite3

# PostgreSQL SQLSTATEs: disk_full, read_only_sql_transaction, lock_not_available, insufficient resources.
_PG_STATES = {"53100": "disk_full", "25006": "db_read_only", "55P03": "db_locked"}
_SQLITE_TEXT = (("disk is full", "disk_full"), ("readonly database", "db_read_only"),
                ("read-only", "db_read_only"), ("database is locked", "db_locked"),
                ("database table is locked", "db_locked"))
_ERRNO = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EROFS: "db_read_only"}


def classify(exc: BaseException) -> str | None:
    """The message code for ``exc`` (disk_full, db_read_only, db_locked), or None."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _ERRNO:
            return _ERRNO[exc.errno]
        if isinstance(exc, sqlite3.DatabaseError):
            text = str(exc).lower()
            for needle, code in _SQLITE_TEXT:
                if needle in text:
                    return code
        state = getattr(exc, "sqlstate", None)
        if state in _PG_STATES:
            return _PG_STATES[state]
        exc = exc.__cause__ or exc.__context__
    return None


def integrity_violation(exc: BaseException) -> bool:
    """Did the database refuse a write as breaking a constraint (a foreign key, a unique key)?
    Such a write is one article's fault, not the database's: SQLite's IntegrityError, or a
    PostgreSQL SQLSTATE of class 23."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    state = getattr(exc, "sqlstate", None)
    return bool(state) and str(state).startswith("23")
