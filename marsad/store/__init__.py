"""Storage: SQLite (WAL, migrations, transactions, FTS5) behind one small API."""

from marsad.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
