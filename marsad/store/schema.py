"""Versioned schema: named migrations applied in order, each in its own transaction.

A migration is a function of a connection; its name is recorded in ``migrations`` so it
runs once per database. Add new ones at the end of ``MIGRATIONS``; never edit a released one. Use ``run_script``
(not ``executescript``, which commits) for multi-statement migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would COMMIT first and break the one-transaction-per-migration rule,
    so statements are split with ``sqlite3.complete_statement`` (safe for trigger bodies).
    """
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)


def m001_documents(conn: sqlite3.Connection) -> None:
    run_script(conn,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            source TEXT,
            published TEXT,
            language TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            duplicate_of TEXT REFERENCES documents(id),
            similarity REAL,
            body_end INTEGER,
            origin TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            ingested_at TEXT NOT NULL,
            analysed INTEGER NOT NULL DEFAULT 0,  -- per-document stages stored
            linked INTEGER NOT NULL DEFAULT 0     -- cross-document linkers have seen it
        );
        CREATE UNIQUE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
        CREATE INDEX documents_hash ON documents(content_hash);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE document_history (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, version)
        );
        CREATE TABLE sentences (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (doc_id, n)
        );
        CREATE TABLE removed_spans (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            bucket TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, doc_id)
        );
        CREATE TABLE minhashes (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            sig BLOB NOT NULL
        );
        CREATE TABLE rejects (
            at TEXT NOT NULL,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """
    )


def m002_analysis(conn: sqlite3.Connection) -> None:
    """Per-document findings, replaced whole when a document is re-analysed."""
    run_script(conn,
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,            -- the entity key (kb:..., unk:TYPE:...)
            name TEXT NOT NULL,
            name_ar TEXT,
            type TEXT NOT NULL,
            country TEXT
        );
        CREATE TABLE entity_aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            norm TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias)
        );
        CREATE INDEX entity_aliases_norm ON entity_aliases(norm);
        CREATE TABLE mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT REFERENCES entities(id),
            role TEXT,
            how TEXT
        );
        CREATE INDEX mentions_doc ON mentions(doc_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            direct INTEGER NOT NULL,
            speaker TEXT REFERENCES entities(id),
            speaker_text TEXT,
            on_behalf_of TEXT REFERENCES entities(id),
            channel TEXT,
            via TEXT,
            verb TEXT,
            sentence INTEGER,
            statement_id TEXT
        );
        CREATE INDEX quotes_doc ON quotes(doc_id);
        CREATE INDEX quotes_speaker ON quotes(speaker);
        CREATE TABLE times (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            grain TEXT,
            kind TEXT NOT NULL
        );
        CREATE INDEX times_doc ON times(doc_id);
        CREATE TABLE facts (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            what TEXT NOT NULL,
            unit TEXT NOT NULL,
            value REAL NOT NULL,
            qualifier TEXT NOT NULL,
            sentence INTEGER
        );
        CREATE INDEX facts_doc ON facts(doc_id);
        CREATE TABLE action_mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            type TEXT NOT NULL,
            cameo TEXT,
            source TEXT NOT NULL REFERENCES entities(id),
            target TEXT NOT NULL REFERENCES entities(id),
            source_country TEXT,
            target_country TEXT,
            date TEXT,
            place TEXT,
            mode TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            modality TEXT,
            trigger TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence INTEGER,
            action_id TEXT,
            PRIMARY KEY (doc_id, n)
        );
        CREATE INDEX action_mentions_action ON action_mentions(action_id);
        """
    )


def m003_events(conn: sqlite3.Connection) -> None:
    """Cross-document results: events, stories and their members."""
    run_script(conn,
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            data TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            title TEXT,
            date TEXT,
            story_id TEXT REFERENCES stories(id),
            data TEXT NOT NULL DEFAULT '{}'   -- summary, facts, centroid: JSON
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_docs (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            score REAL,
            PRIMARY KEY (doc_id)
        );
        CREATE INDEX event_docs_event ON event_docs(event_id);
        """
    )


def m004_search(conn: sqlite3.Connection) -> None:
    """Full-text search (marsad/search): FTS5 tables over marsad's own word keys.

    FTS5's tokenizer would split words at Arabic diacritics and knows no proclitics, so the
    FTS columns hold space-separated keys made by ``marsad.search.keys`` and the original
    text stays in its own table. ``search_rows`` maps an FTS rowid to what it indexes (stable
    across VACUUM, unlike the implicit rowid of ``documents``); ``search_terms`` is the
    vocabulary a query word expands against (proclitic forms, spelling variants).
    """
    run_script(conn,
        """
        CREATE TABLE search_rows (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,             -- document | quote | entity
            ref TEXT NOT NULL,              -- documents.id, quotes.id or entities.id
            doc_id TEXT,
            UNIQUE (kind, ref)
        );
        CREATE INDEX search_rows_doc ON search_rows(doc_id);
        CREATE VIRTUAL TABLE search_documents USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE search_quotes USING fts5(body, tokenize = 'unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE search_entities USING fts5(names, tokenize = 'unicode61 remove_diacritics 0');
        CREATE TABLE search_terms (
            surface TEXT PRIMARY KEY,       -- a normalised word as it occurs
            key TEXT NOT NULL,              -- its index key
            skel TEXT NOT NULL              -- its consonant skeleton
        ) WITHOUT ROWID;
        CREATE INDEX search_terms_key ON search_terms(key);
        CREATE INDEX search_terms_skel ON search_terms(skel);
        """
    )


def m005_event_index(conn: sqlite3.Connection) -> None:
    """Incremental event linking: an inverted index of events by key and date (candidate
    retrieval without comparing every pair) and document frequencies for TF-IDF.

    ``event_keys.key`` is ``e:<entity>`` or ``w:<stem>``; ``date`` repeats the event's date so
    one index range scan gives the events sharing a key within the date window.
    ``link_df`` counts the linked documents containing each key; the row ``''`` holds the total.
    """
    run_script(conn,
        """
        CREATE TABLE event_keys (
            key TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            date TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (key, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_keys_key_date ON event_keys(key, date);
        CREATE INDEX event_keys_event ON event_keys(event_id);
        CREATE TABLE link_df (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX events_story ON events(story_id);
        """
    )


def m006_inferred_published(conn: sqlite3.Connection) -> None:
    """For undated articles: the publication range inferred from their content, with confidence."""
    run_script(conn, """
        ALTER TABLE documents ADD COLUMN published_from TEXT;
        ALTER TABLE documents ADD COLUMN published_to TEXT;
        ALTER TABLE documents ADD COLUMN published_confidence REAL;
        """)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [m001_documents, m002_analysis, m003_events,
                                                          m004_search, m005_event_index, m006_inferred_published]
