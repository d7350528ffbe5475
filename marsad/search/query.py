"""Turning a user's query into an FTS5 expression over marsad's keys, and running it.

A query is words and "quoted phrases", all required. Each word expands (see ``keys``) to the
index keys of its proclitic forms and spelling variants that the index has seen; a word or
phrase that is a known entity alias also expands to that entity's other aliases
(``ترمب`` -> ``ترامب``, ``دونالد ترامب``). The FTS5 expression is built only from keys
(``\\w`` characters) wrapped in FTS string quotes, so no user text ever reaches SQL or FTS
syntax. Results are ranked by bm25 and carry highlighted snippets in original offsets.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.search.index import FTS_TABLES
from marsad.search.keys import (
    candidate_surfaces,
    is_vowel_variant,
    keyed_tokens,
    range_keys,
    readings,
    skeleton,
    word_key,
)
from marsad.search.snippets import best_snippet, marks_in
from marsad.text.normalize import normalize

MAX_QUERY_CHARS = 500
MAX_PARTS = 16
MAX_PHRASE_FORMS = 64  # cartesian product cap for one phrase
MAX_KEYS_PER_WORD = 24
KINDS = ("document", "quote", "entity")

_PART = re.compile(r'"([^"]*)"|(\S+)')


class QueryError(ValueError):
    """A query or filter that cannot be run (too long, bad date, unknown kind)."""


@dataclass
class Filters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    source: str | None = None
    entity: str | None = None
    event: str | None = None
    # documents by arrival (documents.seq): after_seq < seq <= through_seq (watchlists read new ones)
    after_seq: int | None = None
    through_seq: int | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None:
                try:
                    date.fromisoformat(v)
                except (TypeError, ValueError) as e:
                    raise QueryError(f"{name}: not an ISO date (YYYY-MM-DD): {v!r}") from e


@dataclass
class Plan:
    """Each group is one required query part: alternatives, each a phrase of key sets."""

    groups: list[list[list[list[str]]]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # every key worth highlighting
    empty: bool = False  # some part matches nothing the index holds

    def _render(self, phrase: Callable[[tuple[str, ...]], str], alt: str, conj: str) -> str:
        """The groups as one query text: each phrase's spelling combinations joined by ``alt``,
        the parts by ``conj``."""
        parts = []
        for alts in self.groups:
            forms: list[str] = []
            for words in alts:
                forms.extend(phrase(c) for c in itertools.islice(itertools.product(*words), MAX_PHRASE_FORMS))
            parts.append("(" + alt.join(dict.fromkeys(forms)) + ")")
        return conj.join(parts)

    def expression(self) -> str:
        """The FTS5 MATCH text: quoted phrases, OR within a part, AND across."""
        return self._render(lambda c: '"' + " ".join(c) + '"', " OR ", " AND ")

    def tsquery(self) -> str:
        """The same query as PostgreSQL ``to_tsquery`` text: phrases as ``<->``, ``|`` within a part, ``&`` across."""
        return self._render(lambda c: "(" + " <-> ".join(f"'{k}'" for k in c) + ")", " | ", " & ")


def parse(query: str) -> list[list[str]]:
    """Query parts as lists of normalised words: a bare word is a one-word part."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query longer than {MAX_QUERY_CHARS} characters")
    parts = []
    for m in _PART.finditer(query.replace("\u201c", '"').replace("\u201d", '"').replace("«", '"').replace("»", '"')):
        text = m.group(1) if m.group(1) is not None else m.group(2)
        words = [t.surface for t in keyed_tokens(text)]
        if not words:
            continue
        if m.group(1) is not None:
            parts.append(words)
        else:
            parts.extend([w] for w in words)
    if len(parts) > MAX_PARTS:
        raise QueryError(f"more than {MAX_PARTS} words or phrases")
    return parts


def _known_keys(conn: sqlite3.Connection, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    keys_l = sorted(keys)
    marks = ",".join("?" * len(keys_l))
    return {r[0] for r in conn.execute(f"SELECT DISTINCT key FROM search_terms WHERE key IN ({marks})", keys_l)}  # noqa: S608


def _variants(conn: sqlite3.Connection, word: str) -> list[str]:
    """Indexed words that are a one-long-vowel spelling variant of ``word`` (ترمب -> ترامب)."""
    rows = conn.execute("SELECT surface FROM search_terms WHERE skel = ? LIMIT 200", (skeleton(word),))
    return [r[0] for r in rows if is_vowel_variant(word, r[0])]


def word_keys(conn: sqlite3.Connection, word: str) -> list[str]:
    """Index keys a normalised query word stands for, most direct first."""
    bases = readings(word)
    for b in list(bases):
        bases.extend(v for v in _variants(conn, b) if v not in bases)
    wanted: dict[str, None] = {}
    for b in bases:
        for s in candidate_surfaces(b):
            wanted.setdefault(word_key(s))
    known = _known_keys(conn, set(wanted))
    return [k for k in wanted if k in known][:MAX_KEYS_PER_WORD]


def _is_alias(conn: sqlite3.Connection, norm: str) -> bool:
    return conn.execute("SELECT 1 FROM entity_aliases WHERE norm = ? LIMIT 1", (norm,)).fetchone() is not None


def _alias_phrases(conn: sqlite3.Connection, words: list[str]) -> list[list[str]]:
    """Other aliases of the entities this part names, as word lists."""
    norms = {" ".join(words)}
    if len(words) == 1:
        norms.update(readings(words[0]))
    marks = ",".join("?" * len(norms))
    ids = [r[0] for r in conn.execute(
        f"SELECT DISTINCT entity_id FROM entity_aliases WHERE norm IN ({marks}) LIMIT 5", sorted(norms))]  # noqa: S608
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    out = []
    for r in conn.execute(f"SELECT DISTINCT norm FROM entity_aliases WHERE entity_id IN ({marks})"  # noqa: S608
                          f" UNION SELECT name_ar FROM entities WHERE id IN ({marks}) AND name_ar IS NOT NULL",
                          ids + ids):
        ws = [t.surface for t in keyed_tokens(normalize(r[0]))]
        if ws and ws != words and ws not in out:
            out.append(ws)
    return out[:12]


def plan(conn: sqlite3.Connection, query: str) -> Plan:
    """Expand a query against the index vocabulary and entity aliases."""
    p = Plan()
    parts = parse(query)
    if not parts:
        p.empty = True
        return p
    words_all = [w for part in parts for w in part]
    if len(parts) > 1 and _is_alias(conn, " ".join(words_all)):
        parts = [words_all]  # an unquoted multi-word name (ابو مازن) is read as that name
    cache: dict[str, list[str]] = {}

    def keys_of(w: str) -> list[str]:
        if w not in cache:
            cache[w] = word_keys(conn, w)
        return cache[w]

    for words in parts:
        alts = []
        for phrase in [words, *_alias_phrases(conn, words)]:
            sets = [keys_of(w) for w in phrase]
            if all(sets):
                alts.append(sets)
                for s in sets:
                    p.keys.update(s)
        if not alts:
            p.empty = True
        p.groups.append(alts)
    return p


def _doc_filters(f: Filters, alias: str = "d", dates: bool = True) -> tuple[str, list[Any]]:
    """SQL conditions on the document; ``dates`` False leaves the date range out (the full-text
    expression holds it as ``days`` keys)."""
    sql, args = [], []
    if f.since and dates:
        sql.append(f"substr({alias}.published, 1, 10) >= ?")
        args.append(f.since)
    if f.until and dates:
        sql.append(f"substr({alias}.published, 1, 10) <= ?")
        args.append(f.until)
    if f.source:
        from marsad.ingest.outlets import source_condition

        cond, more = source_condition(f"{alias}.source", f"{alias}.outlet", f.source)
        sql.append(cond)
        args.extend(more)
    if f.event:
        sql.append(f"EXISTS (SELECT 1 FROM event_docs ed WHERE ed.doc_id = {alias}.id AND ed.event_id = ?)")
        args.append(f.event)
    if f.after_seq is not None:
        sql.append(f"{alias}.seq > ?")
        args.append(f.after_seq)
    if f.through_seq is not None:
        sql.append(f"{alias}.seq <= ?")
        args.append(f.through_seq)
    return " AND ".join(sql), args


def _where(kind: str, f: Filters, dates: bool = True) -> tuple[str, list[Any]]:
    doc_sql, args = _doc_filters(f, dates=dates)
    clauses = [doc_sql] if doc_sql else []
    if f.entity:
        if kind == "document":
            clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id AND m.entity_id = ?)")
            args.append(f.entity)
        elif kind == "quote":
            clauses.append("(q.speaker = ? OR q.on_behalf_of = ? OR EXISTS (SELECT 1 FROM mentions m"
                           ' WHERE m.doc_id = q.doc_id AND m.entity_id = ? AND m.start >= q.start AND m."end" <= q."end"))')
            args += [f.entity] * 3
    if kind == "entity" and (doc_sql or f.entity):
        inner = ["m.entity_id = e.id"] + ([doc_sql] if doc_sql else [])
        if f.entity:
            inner.append("EXISTS (SELECT 1 FROM mentions m2 WHERE m2.doc_id = d.id AND m2.entity_id = ?)")
            args.append(f.entity)
        clauses = ["EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE "
                   + " AND ".join(inner) + ")"]
    return (" AND " + " AND ".join(clauses)) if clauses else "", args


# What each kind joins to its full-text table's rows, and the columns a hit shows (``{score}``:
# the bm25 call of the kind, see ``_BM25``, or 0.0 when the rows come newest first).
_JOINS = {
    "document": " JOIN search_rows r ON r.id = search_documents.rowid JOIN documents d ON d.id = r.ref",
    "quote": (" JOIN search_rows r ON r.id = search_quotes.rowid"
              " JOIN quotes q ON q.id = r.ref JOIN documents d ON d.id = q.doc_id"),
    "entity": " JOIN search_rows r ON r.id = search_entities.rowid JOIN entities e ON e.id = r.ref",
}
_COLUMNS = {
    "document": "d.id, d.title, d.source, d.published, d.text, {score} AS score",
    "quote": 'q.id, q.doc_id, q.text, q.start, q."end", q.speaker, q.speaker_text, q.direct,'
             " d.published, d.source, {score} AS score",
    "entity": "e.id, e.name, e.name_ar, e.type, e.country, {score} AS score",
}
_SQL = {k: f"SELECT {_COLUMNS[k]} FROM {fts}{_JOINS[k]} WHERE {fts} MATCH ?" for k, fts in FTS_TABLES.items()}
# PostgreSQL: the same rows from the tsvector tables (marsad's keys under the ``simple``
# configuration), ranked by ts_rank with length normalisation (1: rank / (1 + log length), as bm25
# discounts long documents), negated so "ORDER BY score" is best first as with bm25.
_PG_SQL = {
    "document": ("SELECT d.id, d.title, d.source, d.published, d.text,"
                 " -ts_rank('{0.25, 0.25, 0.25, 1.0}', s.tsv, tq, 1) AS score"
                 " FROM search_documents s JOIN search_rows r ON r.id = s.rowid"
                 " JOIN documents d ON d.id = r.ref, to_tsquery('simple', ?) tq WHERE s.tsv @@ tq"),
    "quote": ("SELECT q.id, q.doc_id, q.text, q.start, q.\"end\", q.speaker, q.speaker_text, q.direct,"
              " d.published, d.source, -ts_rank(s.tsv, tq, 1) AS score"
              " FROM search_quotes s JOIN search_rows r ON r.id = s.rowid"
              " JOIN quotes q ON q.id = r.ref JOIN documents d ON d.id = q.doc_id, to_tsquery('simple', ?) tq"
              " WHERE s.tsv @@ tq"),
    "entity": ("SELECT e.id, e.name, e.name_ar, e.type, e.country, -ts_rank(s.tsv, tq, 1) AS score"
               " FROM search_entities s JOIN search_rows r ON r.id = s.rowid"
               " JOIN entities e ON e.id = r.ref, to_tsquery('simple', ?) tq WHERE s.tsv @@ tq"),
}

# Equal scores (copies of one text) ordered by id: pages must not overlap, and a top-N sort
# (PostgreSQL's for a small LIMIT) may otherwise order ties differently from page to page.
_TIE = {"document": "d.id", "quote": "q.id", "entity": "e.id"}


def _count_sql(select: str, where: str) -> str:
    # Concatenated, not str.format: the PostgreSQL ranking weights are a literal in braces.
    return "SELECT count(*) FROM (" + select + where + ") AS hits"


def _doc_hit(conn: sqlite3.Connection, r: sqlite3.Row, keys: set[str]) -> dict[str, Any]:
    sents = [(s[0], s[1]) for s in conn.execute(
        'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY n', (r["id"],))]
    return {"kind": "document", "id": r["id"], "doc": r["id"], "title": r["title"], "source": r["source"],
            "published": r["published"], "score": round(-r["score"], 4) or 0.0,
            "title_marks": marks_in(r["title"] or "", keys),
            "snippet": best_snippet(r["text"], keys, sents)}


def _quote_hit(r: sqlite3.Row, keys: set[str]) -> dict[str, Any]:
    marks = marks_in(r["text"], keys)
    return {"kind": "quote", "id": r["id"], "doc": r["doc_id"], "text": r["text"], "start": r["start"],
            "end": r["end"], "speaker": r["speaker"], "speaker_text": r["speaker_text"],
            "direct": bool(r["direct"]), "published": r["published"], "source": r["source"],
            "score": round(-r["score"], 4) or 0.0,
            "snippet": {"text": r["text"], "start": r["start"], "end": r["end"], "marks": marks}}


def _entity_hit(conn: sqlite3.Connection, r: sqlite3.Row, keys: set[str]) -> dict[str, Any]:
    aliases = [a[0] for a in conn.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (r["id"],))]
    return {"kind": "entity", "id": r["id"], "name": r["name"], "name_ar": r["name_ar"], "type": r["type"],
            "country": r["country"], "aliases": aliases, "score": round(-r["score"], 4) or 0.0,
            "matched": [a for a in aliases if marks_in(a, keys)]}


# Work per query is bounded whatever the archive size (SQLite). bm25 must read the whole list of
# documents of every query word to weigh it, which costs more the more common the word: a query
# with more than RANK_WINDOW matches (a very common word) lists them newest first (by indexing
# order) instead, and one with fewer (names, phrases, most precise queries) is ranked by bm25.
# The total is counted in the full-text index up to COUNT_CAP ("at_least" beyond); under a filter
# the index cannot hold (outlet, entity, event) the newest FILTER_SCAN matches are looked up and
# the total beyond them is estimated from the share that passed ("about").
RANK_WINDOW = 2000
COUNT_CAP = 10_000
FILTER_SCAN = 5_000
DAY_YEARS = (1900, 2100)  # what an open date range reaches in the index's ``days`` keys
_BM25 = {"document": "bm25(search_documents, 4.0, 1.0, 0.0)", "quote": "bm25(search_quotes)",
         "entity": "bm25(search_entities)"}


def _matches(conn: sqlite3.Connection, kind: str, expr: str, cap: int) -> int:
    """Matches of ``expr`` in the full-text index alone, counted up to ``cap`` + 1."""
    fts = FTS_TABLES[kind]
    return conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",  # noqa: S608
                        (expr, cap + 1)).fetchone()[0]


def _filtered_total(conn: sqlite3.Connection, kind: str, where: str, expr: str, args: list[Any],
                    n: int) -> tuple[int, str]:
    """Matches passing SQL filters, ``n`` being the index's count: exact within FILTER_SCAN
    matches, else estimated from the newest FILTER_SCAN."""
    fts = FTS_TABLES[kind]
    newest = f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?) AS {fts}"
    passed = conn.execute(f"SELECT count(*) FROM {newest}{_JOINS[kind]} WHERE 1{where}",  # noqa: S608
                          (expr, FILTER_SCAN, *args)).fetchone()[0]
    if n <= FILTER_SCAN:
        return passed, "exact"
    return round(passed * min(n, COUNT_CAP) / FILTER_SCAN), "about"


def search(conn: sqlite3.Connection, query: str, kind: str = "document", filters: Filters | None = None,
           limit: int = 20, offset: int = 0, count: bool = True) -> dict[str, Any]:
    """One page of hits of one kind: ``{"total", "total_is", "order", "hits", "query"}``.

    ``order`` is "relevance" (bm25) or "newest" (a very common word: see RANK_WINDOW);
    ``total`` counts the matches, "exact" or, past COUNT_CAP or under filters, "at_least" /
    "about"."""
    if kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)}")
    f = filters or Filters()
    p = plan(conn, query)
    out: dict[str, Any] = {"query": query, "kind": kind, "total": 0, "total_is": "exact", "order": "relevance",
                           "hits": [], "limit": limit, "offset": offset}
    if p.empty:
        return out
    if getattr(conn, "dialect", "sqlite") != "sqlite":
        return _search_pg(conn, p, kind, f, limit, offset, count, out)
    expr = p.expression()
    in_index = kind == "document" and bool(f.since or f.until)
    if in_index:  # the date range as ``days`` keys: exact, so no date condition in SQL
        days = range_keys(f.since, f.until, *DAY_YEARS)
        if not days:
            return out  # since after until
        expr = f"({expr}) AND days : ({' OR '.join(days)})"
    where, args = _where(kind, f, dates=not in_index)
    n = _matches(conn, kind, expr, COUNT_CAP)
    if n == 0:
        return out
    newest = n > RANK_WINDOW
    order = f"{FTS_TABLES[kind]}.rowid DESC" if newest else f"score, {_TIE[kind]}"
    sql = _SQL[kind].format(score="0.0" if newest else _BM25[kind]) + where + f" ORDER BY {order} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, (expr, *args, limit, offset)).fetchall()
    out["order"] = "newest" if newest else "relevance"
    out["hits"] = _hits(conn, kind, rows, p.keys)
    if count:
        if where:
            out["total"], out["total_is"] = _filtered_total(conn, kind, where, expr, args, n)
        else:
            out["total"], out["total_is"] = (COUNT_CAP, "at_least") if n > COUNT_CAP else (n, "exact")
    return out


def _hits(conn: sqlite3.Connection, kind: str, rows: list, keys: set[str]) -> list[dict[str, Any]]:
    if kind == "document":
        return [_doc_hit(conn, r, keys) for r in rows]
    if kind == "quote":
        return [_quote_hit(r, keys) for r in rows]
    return [_entity_hit(conn, r, keys) for r in rows]


def _search_pg(conn: Any, p: Plan, kind: str, f: Filters, limit: int, offset: int, count: bool,
               out: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL: every match ranked by ts_rank (its planner and GIN index bound the work)."""
    expr = p.tsquery()
    where, args = _where(kind, f)
    sql = _PG_SQL[kind] + where + f" ORDER BY score, {_TIE[kind]} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, (expr, *args, limit, offset)).fetchall()
    out["hits"] = _hits(conn, kind, rows, p.keys)
    if count:
        if offset == 0 and len(rows) < limit:
            out["total"] = len(rows)
        else:
            out["total"] = conn.execute(_count_sql(_PG_SQL[kind], where), (expr, *args)).fetchone()[0]
    return out


_IDS_SQL = ("SELECT d.id FROM search_documents JOIN search_rows r ON r.id = search_documents.rowid"
            " JOIN documents d ON d.id = r.ref WHERE search_documents MATCH ?")
_PG_IDS_SQL = ("SELECT d.id FROM search_documents s JOIN search_rows r ON r.id = s.rowid"
               " JOIN documents d ON d.id = r.ref, to_tsquery('simple', ?) tq WHERE s.tsv @@ tq")


def document_ids(conn: sqlite3.Connection, query: str, filters: Filters | None = None) -> set[str]:
    """Ids of every document the query finds under the filters (the same expansion and matching
    as ``search``; no ranking, no snippets): for watchlists, which test many documents at once."""
    p = plan(conn, query)
    if p.empty:
        return set()
    pg = getattr(conn, "dialect", "sqlite") != "sqlite"
    where, args = _where("document", filters or Filters())
    return {r[0] for r in conn.execute((_PG_IDS_SQL if pg else _IDS_SQL) + where,
                                       (p.tsquery() if pg else p.expression(), *args))}
