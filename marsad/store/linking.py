"""The SQL of event linking: what the linker reads of an article's analysis, and the events,
their members (``event_docs``), their index keys (``event_keys``) and the word counts
(``link_df``) it writes.

One home for these statements, so that the sequential linker, the PostgreSQL store and the
partitioned (Dask) windows run the very same SQL through the same functions; the linker
(``marsad.link.events``) keeps only the decisions. Every function takes the connection it
works on (a window links into its own in-memory copy). The statements are portable: the same
text runs on SQLite and, through the PostgreSQL adapter, on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Row = Any  # sqlite3.Row, or the PostgreSQL adapter's row: both index by name and position


def _marks(n: int) -> str:
    return ",".join("?" * n)


# -- an article's analysis -------------------------------------------------------------------
def document(conn: sqlite3.Connection, doc_id: str) -> Row | None:
    return conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()


def documents(conn: sqlite3.Connection, ids: Sequence[str], columns: str = "id, text") -> list[Row]:
    """``columns`` of the documents ``ids`` (a fixed column list written by the caller, not data)."""
    if not ids:
        return []
    return conn.execute(f"SELECT {columns} FROM documents WHERE id IN ({_marks(len(ids))})",  # noqa: S608
                        list(ids)).fetchall()


def sentence_spans(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, int]]:
    return [(r[0], r[1]) for r in conn.execute('SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY n',
                                               (doc_id,))]


def entity_mentions(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    """The entity of each resolved mention of the document (one item per mention)."""
    return [r[0] for r in conn.execute(
        "SELECT entity_id FROM mentions WHERE doc_id = ? AND entity_id IS NOT NULL", (doc_id,))]


def person_mentions(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, str]]:
    """(start, entity id) of the document's resolved person mentions, in text order."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT start, entity_id FROM mentions WHERE doc_id = ? AND type = 'PERSON' AND entity_id IS NOT NULL"
        " ORDER BY start", (doc_id,))]


def times(conn: sqlite3.Connection, doc_id: str) -> list[Row]:
    return conn.execute("SELECT start, text, value, grain, kind FROM times WHERE doc_id = ?", (doc_id,)).fetchall()


def doc_facts(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """The facts of one document, in text order."""
    return [dict(r) for r in conn.execute(
        'SELECT doc_id, start, "end", text, what, unit, value, qualifier, sentence FROM facts WHERE doc_id = ?'
        " ORDER BY start", (doc_id,))]


def facts_of(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The facts of an event's documents (the fact table orders them itself)."""
    if not doc_ids:
        return []
    return [dict(r) for r in conn.execute(
        'SELECT doc_id, start, "end", text, what, unit, value, qualifier FROM facts'
        f" WHERE doc_id IN ({_marks(len(doc_ids))})", list(doc_ids))]  # noqa: S608


# -- word and entity counts (link_df) ---------------------------------------------------------
def linked_count(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT df FROM link_df WHERE term = ''").fetchone()
    return row[0] if row else 0


def term_counts(conn: sqlite3.Connection, terms: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        chunk = list(terms[i:i + 500])
        out.update(conn.execute(f"SELECT term, df FROM link_df WHERE term IN ({_marks(len(chunk))})",  # noqa: S608
                                chunk).fetchall())
    return out


def add_counts(conn: sqlite3.Connection, counts: Mapping[str, int]) -> None:
    """Add ``counts`` (term -> linked documents holding it; ``''`` -> documents linked) to the
    stored ones: a batch's counts at once, one row per term, in term order (writers on a
    server lock rows in one order)."""
    conn.executemany(
        "INSERT INTO link_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = link_df.df + excluded.df",
        sorted(counts.items()))


# -- events and their members -----------------------------------------------------------------
def event(conn: sqlite3.Connection, event_id: str) -> Row | None:
    return conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()


def candidates(conn: sqlite3.Connection, keys: Sequence[str], window: tuple[str, str] | None, limit: int) -> list[str]:
    """Events sharing most of ``keys``, dated within ``window`` (first, last day) or undated (an
    undated report may join on content); any date when ``window`` is None."""
    if not keys:
        return []
    marks = _marks(len(keys))
    if window is not None:
        # two index range scans (a dated window, and the undated): with OR, the engine reads every
        # date of each key, a cost that grows with the archive
        rows = conn.execute(
            f"SELECT event_id, count(*) AS n FROM (SELECT event_id FROM event_keys WHERE key IN ({marks})"  # noqa: S608
            f" AND date BETWEEN ? AND ? UNION ALL SELECT event_id FROM event_keys WHERE key IN ({marks})"
            " AND date = '') AS hits GROUP BY event_id ORDER BY n DESC, event_id LIMIT ?",
            [*keys, window[0], window[1], *keys, limit])
    else:
        rows = conn.execute(
            f"SELECT event_id, count(*) AS n FROM event_keys WHERE key IN ({marks})"  # noqa: S608
            " GROUP BY event_id ORDER BY n DESC, event_id LIMIT ?", [*keys, limit])
    return [r[0] for r in rows]


def new_event(conn: sqlite3.Connection, event_id: str) -> None:
    conn.execute("INSERT INTO events (id, title, date, data) VALUES (?, '', NULL, '{}')", (event_id,))


def save_event(conn: sqlite3.Connection, event_id: str, date: str | None, kind: str | None, data: str,
               title: str | None = None) -> None:
    """Store an event's date, kind and profile (JSON), and its title unless ``title`` is None."""
    if title is None:
        conn.execute("UPDATE events SET date = ?, kind = ?, data = ? WHERE id = ?", (date, kind, data, event_id))
    else:
        conn.execute("UPDATE events SET title = ?, date = ?, kind = ?, data = ? WHERE id = ?",
                     (title, date, kind, data, event_id))


def undated_events_in_story(conn: sqlite3.Connection, story_id: str) -> list[str]:
    """Ids of the story's events that carry no date, in id order."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM events WHERE story_id = ? AND date IS NULL ORDER BY id", (story_id,))]


def save_title(conn: sqlite3.Connection, event_id: str, title: str, data: str) -> None:
    conn.execute("UPDATE events SET title = ?, data = ? WHERE id = ?", (title, data, event_id))


def set_story(conn: sqlite3.Connection, event_id: str, story_id: str | None) -> None:
    conn.execute("UPDATE events SET story_id = ? WHERE id = ?", (story_id, event_id))


def place(conn: sqlite3.Connection, event_id: str, doc_id: str, score: float, copy_of: str | None) -> None:
    """The document is a member of the event (moved there if it was in another)."""
    conn.execute("INSERT INTO event_docs (event_id, doc_id, score, copy_of) VALUES (?, ?, ?, ?)"
                 " ON CONFLICT(doc_id) DO UPDATE SET event_id = excluded.event_id, score = excluded.score,"
                 " copy_of = excluded.copy_of", (event_id, doc_id, score, copy_of))


def placed(conn: sqlite3.Connection, doc_id: str) -> bool:
    return conn.execute("SELECT 1 FROM event_docs WHERE doc_id = ?", (doc_id,)).fetchone() is not None


def copies_in(conn: sqlite3.Connection, event_id: str) -> dict[str, str]:
    """Member -> the earlier member it is a wire copy of."""
    return dict(conn.execute("SELECT doc_id, copy_of FROM event_docs WHERE event_id = ? AND copy_of IS NOT NULL",
                             (event_id,)).fetchall())


def copy_of(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT copy_of FROM event_docs WHERE doc_id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def add_keys(conn: sqlite3.Connection, event_id: str, keys: Iterable[str], date: str | None) -> None:
    conn.executemany("INSERT INTO event_keys (key, event_id, date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                     [(k, event_id, date or "") for k in keys])


def redate_keys(conn: sqlite3.Connection, event_id: str, date: str | None) -> None:
    conn.execute("UPDATE event_keys SET date = ? WHERE event_id = ?", (date or "", event_id))


def fold_event(conn: sqlite3.Connection, into: str, other: str) -> None:
    """Move the members and keys of event ``other`` into ``into`` and delete it, and its story
    when no event is left in it."""
    conn.execute("UPDATE event_docs SET event_id = ? WHERE event_id = ?", (into, other))
    conn.execute("INSERT INTO event_keys (key, event_id, date) SELECT key, ?, date FROM event_keys"
                 " WHERE event_id = ? ON CONFLICT DO NOTHING", (into, other))
    conn.execute("DELETE FROM event_keys WHERE event_id = ?", (other,))
    story = conn.execute("SELECT story_id FROM events WHERE id = ?", (other,)).fetchone()["story_id"]
    conn.execute("DELETE FROM events WHERE id = ?", (other,))
    if story and not conn.execute("SELECT 1 FROM events WHERE story_id = ?", (story,)).fetchone():
        conn.execute("DELETE FROM stories WHERE id = ?", (story,))


def event_title(conn: sqlite3.Connection, event_id: str) -> str:
    row = conn.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()
    return (row["title"] if row else "") or ""


def set_story_title(conn: sqlite3.Connection, story_id: str, title: str) -> None:
    conn.execute("UPDATE stories SET title = ? WHERE id = ?", (title, story_id))


# -- copies -----------------------------------------------------------------------------------
def copy_prints(conn: sqlite3.Connection, ids: Sequence[str], shingle_words: int) -> dict[str, tuple[bytes, str]]:
    """The stored wire-copy fingerprints (packed shingles, numbers) of documents ``ids``, made
    with ``shingle_words``-word shingles (``marsad.link.copies.Fingerprint.pack``)."""
    if not ids:
        return {}
    rows = conn.execute(f"SELECT doc_id, shingles, numbers FROM copy_prints WHERE shingle_words = ?"  # noqa: S608
                        f" AND doc_id IN ({_marks(len(ids))})", [shingle_words, *ids]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def save_copy_prints(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, bytes, str]]) -> None:
    """Keep (doc id, shingle words, packed shingles, numbers); a document's text never changes,
    so a print made with other shingles replaces the old one."""
    conn.executemany("INSERT INTO copy_prints (doc_id, shingle_words, shingles, numbers) VALUES (?, ?, ?, ?)"
                     " ON CONFLICT(doc_id) DO UPDATE SET shingle_words = excluded.shingle_words,"
                     " shingles = excluded.shingles, numbers = excluded.numbers", list(rows))


def mark_copies(conn: sqlite3.Connection) -> None:
    """Wire copies the linker found (``event_docs.copy_of``) become their documents' ``duplicate_of``."""
    conn.execute(
        "UPDATE documents SET duplicate_of = (SELECT copy_of FROM event_docs WHERE doc_id = documents.id),"
        " copy_how = 'contained' WHERE duplicate_of IS NULL"
        " AND id IN (SELECT doc_id FROM event_docs WHERE copy_of IS NOT NULL)")


def attach_duplicates(conn: sqlite3.Connection) -> None:
    """Near-duplicates found at ingest join their original's event."""
    conn.execute(
        "INSERT INTO event_docs (event_id, doc_id, score)"
        " SELECT ed.event_id, d.id, d.similarity FROM documents d JOIN event_docs ed ON ed.doc_id = d.duplicate_of"
        " WHERE d.duplicate_of IS NOT NULL AND d.id NOT IN (SELECT doc_id FROM event_docs) ON CONFLICT DO NOTHING")


# -- stories ----------------------------------------------------------------------------------
def entity_names(conn: sqlite3.Connection, entity_id: str) -> Row | None:
    return conn.execute("SELECT name, name_ar FROM entities WHERE id = ?", (entity_id,)).fetchone()


def first_event_of_story(conn: sqlite3.Connection, story_id: str) -> Row | None:
    """(id, title) of the story's earliest event (an undated one first, on every engine: PostgreSQL
    would put it last)."""
    return conn.execute("SELECT id, title FROM events WHERE story_id = ? ORDER BY date NULLS FIRST, id LIMIT 1",
                        (story_id,)).fetchone()


def story_data(conn: sqlite3.Connection, story_id: str) -> str | None:
    row = conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row["data"] if row else None


def save_story(conn: sqlite3.Connection, story_id: str, title: str, data: str) -> None:
    conn.execute("UPDATE stories SET title = ?, data = ? WHERE id = ?", (title, data, story_id))


def new_story(conn: sqlite3.Connection, story_id: str) -> None:
    conn.execute("INSERT INTO stories (id, title, data) VALUES (?, '', '{}')", (story_id,))


def fold_story(conn: sqlite3.Connection, into: str, other: str) -> None:
    """The events of story ``other`` move to ``into``; ``other`` is deleted."""
    conn.execute("UPDATE events SET story_id = ? WHERE story_id = ?", (into, other))
    conn.execute("DELETE FROM stories WHERE id = ?", (other,))


def story_candidates(conn: sqlite3.Connection, keys: Sequence[str], window: tuple[str, str] | None,
                     event_id: str, limit: int, per_key: int) -> list[tuple[str, int]]:
    """(story id, keys shared) of the stories of other events sharing ``keys``, dated within
    ``window`` (first, last day) or undated (an undated report's event may be of the thread: the
    kidnapping the release ends), any date when ``window`` is None; most shared first. Each key
    counts only its ``per_key`` latest dated events, and ``per_key`` undated ones (which ones,
    undated, is fixed by their ids, not by age: nothing dates them): a thread goes on from its
    recent events, and a common key's thousands of older ones would make the cost grow with
    the archive."""
    counts: dict[str, int] = {}
    base = ("SELECT e.story_id FROM event_keys k JOIN events e ON e.id = k.event_id"
            " WHERE k.key = ?{} AND e.story_id IS NOT NULL AND e.id != ? ORDER BY {} LIMIT ?")
    if window is None:
        queries = [(base.format("", "k.date DESC, k.event_id DESC"), ())]
    else:
        queries = [(base.format(" AND k.date BETWEEN ? AND ?", "k.date DESC, k.event_id DESC"), window),
                   (base.format(" AND k.date = ''", "k.event_id DESC"), ())]
    for key in keys:
        for sql, args in queries:
            for r in conn.execute(sql, (key, *args, event_id, per_key)):  # noqa: S608
                counts[r[0]] = counts.get(r[0], 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
