"""Merge action mentions across documents into actions (``action_mentions.action_id``).

Two mentions are one action when they have the same type, the same two actors (in either
order for symmetric types such as CONSULT: a call between A and B is one call, whoever the
sentence names first), the same polarity and the same kind of modality (done vs planned),
and the same date. A mention with no date joins the dated action of the same actors reported
by its own document, else the one closest before its publication (within ``max_days``);
two calls on different dates stay two records.

A symmetric action has no direction (a call between A and B): which of the two a sentence
names first depends on the writer. Its mentions are stored as an undirected dyad in a fixed
order, by the participants' names (as dyadic datasets list a dyad), so every source of one
call gives the same record; directed modes (a visit: the visitor is the source) keep theirs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

from marsad.resources import Resources
from marsad.store.db import select_in


def _key(row, symmetric: set[str], event_of: dict[str, str]) -> tuple:
    """What two mentions must share to be one action. A mention missing an actor (an unknown
    bomber, a protest with no target) says too little to join other documents' mentions
    alone: it joins only within its document's event (or its own document)."""
    src, tgt = row["source"] or "", row["target"] or ""
    pair = tuple(sorted((src, tgt))) if row["type"] in symmetric else (src, tgt)
    done = (row["modality"] or "asserted") == "asserted"
    scope = "" if src and tgt else event_of.get(row["doc_id"]) or row["doc_id"]
    return row["type"], pair, bool(row["negated"]), done, scope


_COLUMNS = "doc_id, n, type, source, target, date, negated, modality, mode"


def _related(conn, doc_ids: list[str]) -> tuple[list, list[str], set[tuple[str, int]]]:
    """Every mention that can share a group with the batch's: those of its documents, every
    mention with one of their actors (an action is keyed by its actors), and those of the
    documents of their events (a mention missing an actor groups within its event); the
    documents they come from; and the batch's own (document, n). The rest of the archive keeps
    its grouping and is never read."""
    new = select_in(conn, f"SELECT {_COLUMNS} FROM action_mentions WHERE doc_id IN ({{}})", doc_ids)
    actors = sorted({a for r in new for a in (r["source"], r["target"]) if a})
    events = sorted({r[0] for r in select_in(conn, "SELECT event_id FROM event_docs WHERE doc_id IN ({})", doc_ids)})
    scoped = sorted({r[0] for r in select_in(conn, "SELECT doc_id FROM event_docs WHERE event_id IN ({})", events)}
                    | set(doc_ids))
    found = {(r["doc_id"], r["n"]): r for r in new}
    for sql, values in ((f"SELECT {_COLUMNS} FROM action_mentions WHERE source IN ({{}})", actors),
                        (f"SELECT {_COLUMNS} FROM action_mentions WHERE target IN ({{}})", actors),
                        (f"SELECT {_COLUMNS} FROM action_mentions WHERE doc_id IN ({{}})", scoped)):
        for r in select_in(conn, sql, values):
            found.setdefault((r["doc_id"], r["n"]), r)
    rows = [found[k] for k in sorted(found)]
    return rows, sorted({r["doc_id"] for r in rows}), {(r["doc_id"], r["n"]) for r in new}


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s and len(s) >= 10 else None
    except ValueError:
        return None


def _id(key: tuple, when: str | None, first: str) -> str:
    raw = repr((key, when or first))
    return "act:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def merge(store, doc_ids: list[str], res: Resources) -> None:
    """Linker: (re)assign ``action_id`` for every action mention sharing actors with ``doc_ids``."""
    cfg = res.config.get("actions", {})
    symmetric = set(cfg.get("symmetric_types", ["CONSULT", "COOPERATE", "AGREE"]))
    max_days = int(cfg.get("merge_max_days", 3))
    conn = store.conn
    directed = set(cfg.get("directed_modes", ["visit", "hosting"]))
    rows, docs, new = _related(conn, doc_ids)
    published = dict(select_in(conn, "SELECT id, published FROM documents WHERE id IN ({})", docs))
    event_of = dict(select_in(conn, "SELECT doc_id, event_id FROM event_docs WHERE doc_id IN ({})", docs))
    actors = sorted({a for r in rows for a in (r["source"], r["target"]) if a})
    names = dict(select_in(conn, "SELECT id, name FROM entities WHERE id IN ({})", actors))
    groups: dict[tuple, list] = defaultdict(list)
    for r in rows:
        groups[_key(r, symmetric, event_of)].append(r)
    updates: list[tuple[str, str, int]] = []
    swaps: list[tuple[str, int]] = []
    for key, members in groups.items():
        if not any((r["doc_id"], r["n"]) in new for r in members):
            continue  # a group the batch did not touch: all of it may not have been read, and it stands
        dated: dict[str, list] = defaultdict(list)
        undated = []
        for r in members:
            d = _day(r["date"])
            (dated[d.isoformat()] if d else undated).append(r)
        real = sorted(dated)
        days_of: dict[str, set[str]] = defaultdict(set)  # the days each report's dated actions fall on
        for day, rs in dated.items():
            for x in rs:
                days_of[x["doc_id"]].add(day)
        for r in undated:
            own = set(days_of[r["doc_id"]])
            when = None
            if len(own) == 1:
                when = own.pop()
            else:
                pub = _day(published.get(r["doc_id"]))
                near = [d for d in real if pub and 0 <= (pub - date.fromisoformat(d)).days <= max_days]
                if near:
                    when = max(near)
                elif len(real) == 1 and pub is None:
                    when = real[0]
            dated[when or f"undated:{r['doc_id']}"].append(r)
        for when, rs in dated.items():
            first = min(f"{x['doc_id']}:{x['n']}" for x in rs)
            aid = _id(key, None if when.startswith("undated:") else when, first)
            updates += [(aid, x["doc_id"], x["n"]) for x in rs]
            if key[0] in symmetric and all(key[1]):
                lead = min(key[1], key=lambda k: (names.get(k, k).casefold(), k))
                swaps += [(x["doc_id"], x["n"]) for x in rs if x["source"] != lead and x["mode"] not in directed]
    with store.transaction():
        conn.executemany("UPDATE action_mentions SET action_id = ? WHERE doc_id = ? AND n = ?", updates)
        conn.executemany(
            "UPDATE action_mentions SET source = target, target = source, source_country = target_country,"
            " target_country = source_country WHERE doc_id = ? AND n = ?", swaps)

