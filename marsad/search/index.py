"""Keeping the full-text index in step with the store.

``update`` is a pipeline LINKER: after each ingested batch it re-indexes the batch's
documents, their quotes and the entities they mention. ``sync`` indexes whatever is missing
(a database made before search existed, or filled by a tool that skipped the linkers).
All writes go through the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from marsad.search.keys import day_keys, keyed_words, skeleton, word_key

# The full-text table of each kind of row (``search_rows.kind``).
FTS_TABLES = {"document": "search_documents", "quote": "search_quotes", "entity": "search_entities"}
_INSERT = {
    "document": "INSERT INTO search_documents (rowid, title, body, days) VALUES (?, ?, ?, ?)",
    "quote": "INSERT INTO search_quotes (rowid, body) VALUES (?, ?)",
    "entity": "INSERT INTO search_entities (rowid, names) VALUES (?, ?)",
}


def _chunks(items: Sequence[str], n: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i: i + n]


def _remember_terms(conn: sqlite3.Connection, surfaces: set[str]) -> None:
    conn.executemany(
        "INSERT INTO search_terms (surface, key, skel) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(s, word_key(s), skeleton(s)) for s in surfaces],
    )


def _drop(conn: sqlite3.Connection, kind: str, refs: Sequence[str]) -> None:
    table = FTS_TABLES[kind]
    for chunk in _chunks(list(refs)):
        marks = ",".join("?" * len(chunk))
        ids = [r[0] for r in conn.execute(
            f"SELECT id FROM search_rows WHERE kind = ? AND ref IN ({marks})", (kind, *chunk))]  # noqa: S608
        conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])  # noqa: S608
        conn.executemany("DELETE FROM search_rows WHERE id = ?", [(i,) for i in ids])


def _add(conn: sqlite3.Connection, kind: str, ref: str, doc_id: str | None, columns: Sequence[str],
         keys: Sequence[str] = ()) -> set[str]:
    """Index one row (``columns`` are text to key, ``keys`` columns already keyed, such as a
    document's ``days``); returns the normalised words seen (for the vocabulary)."""
    row_id = conn.execute("INSERT INTO search_rows (kind, ref, doc_id) VALUES (?, ?, ?) RETURNING id",
                          (kind, ref, doc_id)).fetchone()[0]
    seen: set[str] = set()
    keyed = []
    for text in columns:
        found = []
        for surface, key in keyed_words(text or ""):
            seen.add(surface)
            found.append(key)
        keyed.append(" ".join(found))
    # A stale FTS row under a reused rowid (index tables cleared unevenly) must not block the insert.
    conn.execute(f"DELETE FROM {FTS_TABLES[kind]} WHERE rowid = ?", (row_id,))  # noqa: S608
    conn.execute(_INSERT[kind], (row_id, *keyed, *keys))
    return seen


def index_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> int:
    """(Re-)index documents, their quotes and the entities they mention; returns rows written."""
    doc_ids = list(dict.fromkeys(doc_ids))
    if not doc_ids:
        return 0
    _drop(conn, "document", doc_ids)
    old_quotes = []
    for chunk in _chunks(doc_ids):
        marks = ",".join("?" * len(chunk))
        old_quotes += [r[0] for r in conn.execute(
            f"SELECT ref FROM search_rows WHERE kind = 'quote' AND doc_id IN ({marks})", chunk)]  # noqa: S608
    _drop(conn, "quote", old_quotes)
    seen: set[str] = set()
    n = 0
    entity_ids: set[str] = set()
    for chunk in _chunks(doc_ids):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, title, text, published FROM documents WHERE id IN ({marks})",  # noqa: S608
                              chunk):
            seen |= _add(conn, "document", r[0], r[0], (r[1], r[2]), (day_keys(r[3]),))
            n += 1
        for r in conn.execute(f"SELECT id, doc_id, text FROM quotes WHERE doc_id IN ({marks})",  # noqa: S608
                              chunk):
            seen |= _add(conn, "quote", r[0], r[1], (r[2],))
            n += 1
        entity_ids.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT entity_id FROM mentions WHERE entity_id IS NOT NULL AND doc_id IN ({marks})",  # noqa: S608
            chunk))
        entity_ids.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL AND doc_id IN ({marks})", chunk))  # noqa: S608
    n += index_entities(conn, sorted(entity_ids), seen)
    _remember_terms(conn, seen)
    return n


def _entity_names(conn: sqlite3.Connection, entity_id: str) -> str | None:
    row = conn.execute("SELECT name, name_ar FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    names = [row[0], row[1]] + [r[0] for r in conn.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))]
    return " ، ".join(dict.fromkeys(n for n in names if n))


def index_entities(conn: sqlite3.Connection, entity_ids: Sequence[str], seen: set[str] | None = None) -> int:
    """(Re-)index entities by their names and aliases."""
    _drop(conn, "entity", entity_ids)
    own: set[str] = set()
    n = 0
    for eid in entity_ids:
        names = _entity_names(conn, eid)
        if names is None:
            continue
        own |= _add(conn, "entity", eid, None, (names,))
        n += 1
    if seen is None:
        _remember_terms(conn, own)
    else:
        seen |= own
    return n


def update(store: Any, doc_ids: list[str], res: Any = None) -> None:
    """Pipeline linker: re-index the documents of a stored batch (and their quotes, entities)."""
    with store.transaction():
        index_documents(store.conn, doc_ids)


def missing_documents(conn: sqlite3.Connection) -> list[str]:
    """Documents not yet in the index, or whose quotes/analysis changed since they were indexed."""
    rows = conn.execute(
        "SELECT d.id FROM documents d LEFT JOIN search_rows s ON s.kind = 'document' AND s.ref = d.id"
        " WHERE s.id IS NULL"
        " UNION SELECT q.doc_id FROM quotes q LEFT JOIN search_rows s ON s.kind = 'quote' AND s.ref = q.id"
        " WHERE s.id IS NULL"
    )
    return [r[0] for r in rows]


def sync(store: Any) -> int:
    """Index whatever the index lacks; cheap when nothing is missing."""
    todo = missing_documents(store.conn)
    if not todo:
        return 0
    with store.transaction():
        return index_documents(store.conn, todo)


def add_prebuilt(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str, str | None]], terms: set[str]) -> None:
    """Bulk path for generated corpora: ``(doc_id, title_keys, body_keys, published)``, keyed.

    Used by the benchmark, which builds keys once per distinct sentence; the keys must come
    from :func:`marsad.search.keys.index_text` so the index is the one ``update`` would make.
    """
    for doc_id, title_keys, body_keys, published in rows:
        row_id = conn.execute("INSERT INTO search_rows (kind, ref, doc_id) VALUES ('document', ?, ?) RETURNING id",
                              (doc_id, doc_id)).fetchone()[0]
        conn.execute(_INSERT["document"], (row_id, title_keys, body_keys, day_keys(published)))
    _remember_terms(conn, terms)


__all__ = ["index_documents", "index_entities", "update", "sync", "missing_documents", "add_prebuilt"]
