"""Statements: one id for the same words by the same speaker, however many outlets carry them.

Outlets repeat a quote with small differences (quote marks, a dropped clause, another spelling),
so quotes are compared on their normalised words with rapidfuzz: near-identical content, or one
quote contained in the other, by the same speaker (entity key; the written speaker when the
entity is unknown) shares the statement id of the first such quote.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from marsad.resources import Resources
from marsad.text.normalize import normalize

_NONWORD = re.compile(r"[^\w\s]+")


def content_key(text: str) -> str:
    """Quote content for comparison: normalised, punctuation and quote marks dropped."""
    return " ".join(_NONWORD.sub(" ", normalize(text)).split())


def speaker_key(speaker: str | None, speaker_text: str | None) -> str | None:
    if speaker:
        return speaker
    return "text:" + normalize(speaker_text) if speaker_text else None


def same_statement(a: str, b: str, cfg: dict) -> bool:
    """Near-identical, or the shorter (of enough words) contained in the other. The thresholds go
    to rapidfuzz as ``score_cutoff``: it stops early on a pair that cannot reach them."""
    if not a or not b:
        return False
    least = cfg["statement_similarity"]
    if fuzz.token_sort_ratio(a, b, score_cutoff=least) >= least:
        return True
    shorter = a if len(a) <= len(b) else b
    least = cfg["statement_partial"]
    return len(shorter.split()) >= cfg["statement_min_words"] and fuzz.partial_ratio(a, b, score_cutoff=least) >= least


def link(store, doc_ids: list[str], res: Resources) -> None:
    """Set ``quotes.statement_id`` for the quotes of ``doc_ids`` (a linker)."""
    cfg = res.config["quotes"]
    conn = store.conn
    marks = ",".join("?" * len(doc_ids))
    new = conn.execute(
        f"SELECT id, doc_id, text, speaker, speaker_text FROM quotes WHERE doc_id IN ({marks})"  # noqa: S608
        " ORDER BY doc_id, start", doc_ids).fetchall()
    if not new:
        return
    speakers = {speaker_key(r[3], r[4]) for r in new} - {None}
    # speaker -> {content: statement id of its first quote}, in the order first seen: a repeated
    # content would give the same answer again, so the first match is found comparing each once
    pool: dict[str, dict[str, str]] = defaultdict(dict)
    new_ids = {r[0] for r in new}
    for r in _earlier_quotes(conn, {r[3] for r in new if r[3]}, {r[4] for r in new if not r[3] and r[4]},
                             cfg["statement_pool"]):
        sk = speaker_key(r[2], r[3])
        if sk in speakers and r[0] not in new_ids:
            pool[sk].setdefault(content_key(r[1]), r[4])
    updates = []
    for qid, _doc, text, speaker, stext in new:
        key = content_key(text)
        sk = speaker_key(speaker, stext)
        sid = None
        if sk is not None:
            sid = next((s for c, s in pool[sk].items() if same_statement(key, c, cfg)), None)
        sid = sid or "st:" + qid
        if sk is not None:
            pool[sk].setdefault(key, sid)
        updates.append((sid, qid))
    with store.transaction():
        conn.executemany("UPDATE quotes SET statement_id = ? WHERE id = ?", updates)


def _earlier_quotes(conn, entities: set[str], written: set[str], pool: int) -> list:
    """Quotes already given a statement, by the speakers of the new ones only (by the speaker
    index; the written name for unresolved speakers), the latest ``pool`` of each speaker in the
    order articles arrived (the first quote of a statement names it): a speaker quoted every day
    would otherwise have each new quote compared with all of their archive."""
    rows: list = []
    for column, values in (("speaker", sorted(entities)), ("speaker_text", sorted(written))):
        extra = "" if column == "speaker" else " AND q.speaker IS NULL"
        for value in values:
            latest = conn.execute(
                "SELECT q.id, q.text, q.speaker, q.speaker_text, q.statement_id FROM quotes q"
                " JOIN documents d ON d.id = q.doc_id WHERE q.statement_id IS NOT NULL"
                f" AND q.{column} = ?{extra} ORDER BY d.seq DESC, q.start DESC LIMIT ?",  # noqa: S608
                (value, pool)).fetchall()
            rows += reversed(latest)
    return rows

