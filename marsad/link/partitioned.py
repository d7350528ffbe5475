"""Event linking partitioned by time windows, equal to the sequential linker by construction.

The sequential linker (``marsad.link.events.assign``) takes articles in arrival order; an
article only reads events whose index keys it shares and whose date lies within its reach
(``max_day_gap`` around its happening dates; ``story_window_days`` for stories). So:

1. Articles are split into windows by happening date. Each window runs the unchanged
   sequential code (``events.link_one``) on its own articles, in arrival order, in an
   in-memory copy holding the stored events and stories within the window's reach (the
   overlap), with document frequencies that are exactly those of the sequential run at each
   article (``OracleFrequencies``: stored counts plus every earlier new article, all windows).
2. Reconciliation at the edges: each window records the index rows (key, date) it wrote and
   when. If an article of one window could have met, in the sequential run, an event or story
   another window wrote before it (a shared key within its reach), or two windows changed the
   same stored event, the two windows are merged and run again; until no such pair is left.
   Articles without any date read every window: their presence makes one window.
3. The windows' events, stories and keys are written back; they are the sequential result,
   because no article read anything its window did not hold in the sequential state.

Dense news on one topic merges into few windows (the result stays exact); archives whose
topics and dates separate run in parallel.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date as Date
from typing import Any

from marsad.ingest import code_version
from marsad.link import events as ev
from marsad.link.happening import shift
from marsad.link.profile import EventProfile
from marsad.resources import Resources
from marsad.store import linking as db

DOC_TABLES = ("sentences", "mentions", "times", "facts")


class OracleFrequencies(ev.Frequencies):
    """Document frequencies as the sequential run has them when it links the article at ``pos``."""

    def __init__(self, base_n: int, base_df: dict[str, int], positions: dict[str, list[int]]):
        self.base_n, self.base_df, self.positions = base_n, base_df, positions
        self.pos = -1
        self.next_pos = 0
        self.n = base_n
        self.cache = _DFView(self)
        self.memo: dict[str, dict[str, float]] = {}

    def load(self, keys: set[str]) -> None:  # everything is known up front
        return None

    def load_terms(self, groups) -> None:
        return None

    def add_document(self, keys: set[str]) -> None:
        self.pos = self.next_pos
        self.n = self.base_n + self.pos + 1
        self.memo = {}  # a new dict: an idf function made before keeps its own

    @property
    def tick(self) -> int:  # what a deferred title remembers: the position it was taken at
        return self.pos

    def idf_at(self, prefix: str, tick: int):
        """``idf(prefix)`` as it was when the article at position ``tick`` had been counted."""
        n, memo = self.base_n + tick + 1, {}

        def f(term: str) -> float:
            v = memo.get(term)
            if v is None:
                k = prefix + term
                p = self.positions.get(k)
                df = self.base_df.get(k, 0) + (bisect.bisect_right(p, tick) if p else 0)
                v = memo[term] = math.log((n + 1) / (df + 1)) + 1.0
            return v
        return f


class _DFView:
    def __init__(self, f: OracleFrequencies):
        self.f = f

    def get(self, term: str, default: int = 0) -> int:
        p = self.f.positions.get(term)
        return self.f.base_df.get(term, 0) + (bisect.bisect_right(p, self.f.pos) if p else 0)

    __getitem__ = get


def _rows(conn: Any, sql: str, ids: list[str]) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i: i + 500]
        out += [dict(r) for r in conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)]
    return out


def _plan(store, doc_ids: list[str], cfg: dict) -> list[dict]:
    """The articles the sequential linker would place, in order, with their terms and dates."""
    conn = store.conn
    placed = set()
    for r in _rows(conn, "SELECT doc_id FROM event_docs WHERE doc_id IN ({marks})", doc_ids):
        placed.add(r["doc_id"])
    out = []
    seen: set[str] = set()
    for doc_id in doc_ids:
        doc = db.document(conn, doc_id)
        if doc is None or doc["duplicate_of"] is not None or doc["language"] not in (None, "ar"):
            continue
        if doc_id in placed or doc_id in seen:
            continue
        seen.add(doc_id)
        f = ev.features(conn, doc, cfg)
        terms = {"w:" + t for t in f.words} | {"e:" + e for e in f.entities}
        out.append({"id": doc_id, "date": f.date, "dates": [d for d in [f.date, *f.other_dates] if d],
                    "terms": terms})
    return out


def _windows(plan: list[dict], days: int) -> list[list[int]]:
    """Positions grouped by happening-date window (all in one when an article has no date)."""
    if any(not a["dates"] for a in plan):
        return [list(range(len(plan)))] if plan else []
    groups: dict[int, list[int]] = defaultdict(list)
    for pos, a in enumerate(plan):
        groups[Date.fromisoformat(a["date"][:10]).toordinal() // days].append(pos)
    return [groups[k] for k in sorted(groups)]


def _payload(store, plan: list[dict], positions: list[int], index: dict[str, list[int]], cfg: dict) -> dict:
    """Everything one window needs: its articles' rows, the stored events and stories in reach, frequencies."""
    conn = store.conn
    reach = max(cfg["max_day_gap"], cfg["story_window_days"])
    dates = [d for p in positions for d in plan[p]["dates"]]
    ids = [plan[p]["id"] for p in positions]
    terms = sorted(set().union(*(plan[p]["terms"] for p in positions)))
    if dates:
        lo, hi = shift(min(dates), -2 * reach), shift(max(dates), 2 * reach)
        ev_ids = {r[0] for r in conn.execute(
            "SELECT DISTINCT event_id FROM event_keys WHERE date BETWEEN ? AND ?", (lo, hi))}
        # undated events are candidates of any article sharing a key, and threads of any story
        ev_ids |= {r["event_id"] for r in _rows(
            conn, "SELECT DISTINCT event_id FROM event_keys WHERE date = '' AND key IN ({marks})", terms)}
    else:  # a window of undated articles reads events of any date that share a key with them
        lo, hi = "0001-01-01", "9999-12-31"
        ev_ids = {r["event_id"] for r in _rows(
            conn, "SELECT DISTINCT event_id FROM event_keys WHERE key IN ({marks})", terms)}
    ev_ids = sorted(ev_ids)
    story_ids = sorted({r["story_id"] for r in _rows(
        conn, "SELECT story_id FROM events WHERE id IN ({marks}) AND story_id IS NOT NULL", ev_ids)})
    ev_ids = sorted(set(ev_ids) | {r["id"] for r in _rows(
        conn, "SELECT id FROM events WHERE story_id IN ({marks})", story_ids)})
    ev_docs = _rows(conn, "SELECT * FROM event_docs WHERE event_id IN ({marks})", ev_ids)
    member_ids = sorted({r["doc_id"] for r in ev_docs} - set(ids))
    all_docs = ids + member_ids
    tables = {"documents": _rows(conn, "SELECT * FROM documents WHERE id IN ({marks})", all_docs)}
    for t in DOC_TABLES:
        tables[t] = _rows(conn, f"SELECT * FROM {t} WHERE doc_id IN ({{marks}})", all_docs)
    stories = _rows(conn, "SELECT * FROM stories WHERE id IN ({marks})", story_ids)
    events = _rows(conn, "SELECT * FROM events WHERE id IN ({marks})", ev_ids)
    ent_ids = sorted({m["entity_id"] for m in tables["mentions"] if m["entity_id"]}
                     | {e for s in stories for e in _json(s["data"]).get("entities", {})})
    tables["entities"] = _rows(conn, "SELECT * FROM entities WHERE id IN ({marks})", ent_ids)
    tables.update(stories=stories, events=events, event_docs=ev_docs,
                  event_keys=_rows(conn, "SELECT * FROM event_keys WHERE event_id IN ({marks})", ev_ids))
    terms = set().union(*(plan[p]["terms"] for p in positions))
    for prof in [EventProfile.from_json(r["data"]) for r in events]:
        terms |= {"w:" + t for t in prof.centroid} | {"e:" + e for e in prof.entities}
    for row in stories:
        data = _json(row["data"])
        terms |= {"w:" + t for t in data.get("centroid", {})} | {"e:" + e for e in data.get("entities", {})}
    terms = sorted(terms)
    base = db.term_counts(conn, terms)
    n = db.linked_count(conn)
    return {"code": code_version.CODE, "cfg": cfg, "tables": tables, "order": [(p, plan[p]["id"]) for p in positions], "range": (lo, hi),
            "base_n": n, "base_df": base, "positions": {t: index[t] for t in terms if t in index}}


def _json(s: str | None) -> dict:
    import json
    return json.loads(s) if s else {}


_TRIGGERS = """
CREATE TABLE _now (pos INTEGER);
INSERT INTO _now VALUES (-1);
CREATE TABLE _hist (key TEXT, date TEXT, pos INTEGER);
CREATE TABLE _touched_events (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE _touched_stories (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER _k_ins AFTER INSERT ON event_keys BEGIN
  INSERT INTO _hist VALUES (NEW.key, NEW.date, (SELECT pos FROM _now)); END;
CREATE TRIGGER _k_upd AFTER UPDATE ON event_keys BEGIN
  INSERT INTO _hist VALUES (NEW.key, NEW.date, (SELECT pos FROM _now)); END;
CREATE TRIGGER _e_ins AFTER INSERT ON events BEGIN INSERT OR IGNORE INTO _touched_events VALUES (NEW.id); END;
CREATE TRIGGER _e_upd AFTER UPDATE ON events BEGIN INSERT OR IGNORE INTO _touched_events VALUES (OLD.id); END;
CREATE TRIGGER _e_del AFTER DELETE ON events BEGIN INSERT OR IGNORE INTO _touched_events VALUES (OLD.id); END;
CREATE TRIGGER _d_upd AFTER UPDATE ON event_docs BEGIN
  INSERT OR IGNORE INTO _touched_events VALUES (OLD.event_id); END;
CREATE TRIGGER _s_ins AFTER INSERT ON stories BEGIN INSERT OR IGNORE INTO _touched_stories VALUES (NEW.id); END;
CREATE TRIGGER _s_upd AFTER UPDATE ON stories BEGIN INSERT OR IGNORE INTO _touched_stories VALUES (OLD.id); END;
CREATE TRIGGER _s_del AFTER DELETE ON stories BEGIN INSERT OR IGNORE INTO _touched_stories VALUES (OLD.id); END;
"""


def link_window(payload: dict) -> dict:
    """Worker task: the sequential linker on one window's articles; what it wrote and what it read."""
    from marsad.store import Store

    code_version.check(payload.get("code"), "event linking window")
    store = Store.open(":memory:")
    conn = store.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    for table, rows in payload["tables"].items():
        for r in rows:
            cols = list(r)
            conn.execute(f"INSERT OR IGNORE INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                         [r[c] for c in cols])
    pre_events = {r["id"] for r in payload["tables"]["events"]}
    pre_stories = {r["id"] for r in payload["tables"]["stories"]}
    conn.executescript(_TRIGGERS)
    cfg = payload["cfg"]
    freq = OracleFrequencies(payload["base_n"], payload["base_df"], payload["positions"])
    lo, hi = payload["range"]
    gap, sw = cfg["max_day_gap"], cfg["story_window_days"]
    reads: list[tuple[int, list[str], str | None, str | None]] = []
    escaped = False
    seen_pre: set[str] = set()
    deferred = ev.Deferred()  # titles, summaries and fact tables once, at the window's end, as in a batch
    for pos, doc_id in payload["order"]:
        conn.execute("UPDATE _now SET pos = ?", (pos,))
        doc = db.document(conn, doc_id)
        freq.next_pos = pos
        eid, f, keys = ev.link_one(conn, doc, freq, cfg, deferred)
        row = conn.execute("SELECT date FROM events WHERE id = ?", (eid,)).fetchone()
        days = [d for d in [f.date, *f.other_dates, row["date"] if row else None] if d]
        r_lo = shift(min(days), -max(gap, sw)) if days else None
        r_hi = shift(max(days), max(gap, sw)) if days else None
        if r_lo is None or r_lo < lo or r_hi > hi:
            escaped = True  # it could read what this window does not hold
        reads.append((pos, keys, r_lo, r_hi))
        # a stored event or story changed here: all its rows count as written now
        touched_ev = {r[0] for r in conn.execute("SELECT id FROM _touched_events")} & pre_events - seen_pre
        touched_st = {r[0] for r in conn.execute("SELECT id FROM _touched_stories")} & pre_stories
        for sid in touched_st - seen_pre:
            touched_ev |= {r[0] for r in conn.execute("SELECT id FROM events WHERE story_id = ?", (sid,))}
        seen_pre |= touched_ev | touched_st
        for e in touched_ev:
            conn.execute("INSERT INTO _hist SELECT key, date, ? FROM event_keys WHERE event_id = ?", (pos, e))
    deferred.finish(conn, freq, cfg)
    hist: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for k, d, p in conn.execute("SELECT key, date, min(pos) FROM _hist GROUP BY key, date"):
        hist[k].append((d, p))
    t_ev = sorted(r[0] for r in conn.execute("SELECT id FROM _touched_events"))
    t_st = sorted(r[0] for r in conn.execute("SELECT id FROM _touched_stories"))
    out = {
        "positions": [p for p, _ in payload["order"]], "reads": reads, "hist": dict(hist), "escaped": escaped,
        "touched_events": t_ev, "touched_stories": t_st,
        "events": _rows(conn, "SELECT * FROM events WHERE id IN ({marks})", t_ev),
        "event_docs": _rows(conn, "SELECT * FROM event_docs WHERE event_id IN ({marks})", t_ev),
        "event_keys": _rows(conn, "SELECT * FROM event_keys WHERE event_id IN ({marks})", t_ev),
        "stories": _rows(conn, "SELECT * FROM stories WHERE id IN ({marks})", t_st),
    }
    store.close()
    return out


def _conflicts(results: list[dict]) -> list[tuple[int, int]]:
    """Pairs of windows where one could have read what the other wrote (or both changed one event)."""
    pairs = set()
    for i, a in enumerate(results):
        if a["escaped"]:
            pairs |= {(i, j) for j in range(len(results)) if j != i}
    owner: dict[tuple[str, str], int] = {}
    for i, r in enumerate(results):
        for kind in ("touched_events", "touched_stories"):
            for x in r[kind]:
                if (kind, x) in owner and owner[(kind, x)] != i:
                    pairs.add((owner[(kind, x)], i))
                owner.setdefault((kind, x), i)
    for j, reader in enumerate(results):
        for i, writer in enumerate(results):
            if i == j or (min(i, j), max(i, j)) in pairs or (i, j) in pairs or (j, i) in pairs:
                continue
            h = writer["hist"]
            if any(q < p and (d == "" or lo <= d <= hi) for p, keys, lo, hi in reader["reads"] for k in keys
                   for d, q in h.get(k, ())):  # an undated key is within every reader's reach
                pairs.add((i, j))
    return sorted(pairs)


def assign(store, doc_ids: list[str], res: Resources, client: Any = None,
           mapper: Callable[[Callable, list], list] | None = None, stats: dict | None = None) -> None:
    """Linker: the result of ``events.assign`` on ``doc_ids``, computed window by window.

    Windows run on ``client`` (a Dask client), through ``mapper`` (a map function), or here.
    ``stats`` (if given) gets the number of windows at the start and after reconciliation.
    """
    cfg = res.config["events"]
    plan = _plan(store, doc_ids, cfg)
    if not plan:
        with store.transaction():
            ev.finish_copies(store.conn)
        return
    index: dict[str, list[int]] = defaultdict(list)
    for pos, a in enumerate(plan):
        for t in a["terms"]:
            index[t].append(pos)
    if client is not None:
        def mapper(fn, xs):  # noqa: F811 - the cluster's map, results in input order
            # payloads go to the workers as data, not inside the task graph (tens of MB at 10k articles)
            return client.gather(client.map(fn, client.scatter(xs), pure=False))
    run = mapper or (lambda fn, xs: [fn(x) for x in xs])
    groups = _windows(plan, res.config["dask"]["window_days"])
    results = run(link_window, [_payload(store, plan, g, index, cfg) for g in groups])
    rounds = 0
    if stats is not None:
        stats.update(windows=len(groups), articles=len(plan))
    while True:
        pairs = _conflicts(results)
        if not pairs:
            break
        rounds += 1
        parent = list(range(len(groups)))
        for a, b in pairs:
            parent[_find(parent, a)] = _find(parent, b)
        merged: dict[int, list[int]] = defaultdict(list)
        for i in range(len(groups)):
            merged[_find(parent, i)].append(i)
        new_groups, new_results, todo = [], [], []
        for members in merged.values():
            if len(members) == 1:
                new_groups.append(groups[members[0]])
                new_results.append(results[members[0]])
            else:
                new_groups.append(sorted(p for m in members for p in groups[m]))
                new_results.append(None)
                todo.append(len(new_groups) - 1)
        for k, r in zip(todo, run(link_window, [_payload(store, plan, new_groups[k], index, cfg) for k in todo]),
                        strict=True):
            new_results[k] = r
        groups, results = new_groups, new_results
    if stats is not None:
        stats.update(reconciled_windows=len(groups), rounds=rounds)
    _write_back(store, plan, results)


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _write_back(store, plan: list[dict], results: list[dict]) -> None:
    conn = store.conn
    df: Counter = Counter()
    for a in plan:
        df.update(a["terms"])
    df[""] += len(plan)
    with store.transaction():
        for r in results:
            for table, col in (("event_keys", "event_id"), ("event_docs", "event_id"), ("events", "id")):
                conn.executemany(f"DELETE FROM {table} WHERE {col} = ?", [(e,) for e in r["touched_events"]])
        for r in results:  # stories first (events point at them), updated in place
            for row in r["stories"]:
                cols = list(row)
                sets = ",".join(f"{c} = excluded.{c}" for c in cols if c != "id")
                conn.execute(f"INSERT INTO stories ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"
                             f" ON CONFLICT(id) DO UPDATE SET {sets}", [row[c] for c in cols])
        for table in ("events", "event_docs", "event_keys"):
            for r in results:
                for row in r[table]:
                    cols = list(row)
                    conn.execute(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                                 [row[c] for c in cols])
        for r in results:  # stories merged away
            kept = {row["id"] for row in r["stories"]}
            conn.executemany("DELETE FROM stories WHERE id = ?", [(x,) for x in r["touched_stories"] if x not in kept])
        db.add_counts(conn, df)
        ev.finish_copies(conn)
