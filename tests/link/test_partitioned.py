"""Event linking partitioned by time windows (``marsad ingest --workers/--dask``) on both backends.

Windows read their articles and the stored events and stories in reach from the store, run in
in-memory SQLite copies, and are written back into the store. On PostgreSQL as on SQLite the
result must be the sequential linker's on SQLite, ids included. The windows run here (the local
map, no cluster: what is tested is reading from and writing to each backend).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ingest.distributed import DaskIngestor
from marsad.ingest.readers import read_path
from marsad.ingest.run import ingest_items
from marsad.link import partitioned
from marsad.resources import Resources
from marsad.store import Store, export
from tests.backends import BACKENDS, open_store, run_at_once, target

ROOT = Path(__file__).resolve().parents[2]
# the samples (three calls in Feb-May 2025) and held-out news (Mar-Jul 2025), out of date order
CORPUS = [ROOT / "marsad" / "samples" / "seeds.jsonl", ROOT / "tests" / "fixtures" / "unseen_events" / "articles.jsonl"]
LINK_EVERY = 6  # several link rounds: later windows read events stored by earlier rounds


def articles() -> list:
    return [it for p in CORPUS for it in read_path(str(p), 10_000_000)]


def linked(store: Store) -> dict:
    """Events and stories as exported, with the index keys and document frequencies behind them."""
    conn = store.conn
    return {"events": json.dumps(export.events(conn), ensure_ascii=False, sort_keys=True),
            "stories": json.dumps(export.stories(conn), ensure_ascii=False, sort_keys=True),
            "keys": sorted(tuple(r) for r in conn.execute("SELECT key, event_id, date FROM event_keys")),
            "df": sorted(tuple(r) for r in conn.execute("SELECT term, df FROM link_df"))}


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> dict:
    store = Store.open(tmp_path_factory.mktemp("seq") / "seq.db")
    try:
        ingest_items(store, articles(), Resources())
        return linked(store)
    finally:
        store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_partitioned_ingest_equals_sequential(backend, tmp_path, sequential, monkeypatch):
    calls: list[dict] = []
    assign = partitioned.assign

    def with_stats(*args, **kw):
        stats: dict = {}
        assign(*args, **kw, stats=stats)
        calls.append(stats)

    monkeypatch.setattr(partitioned, "assign", with_stats)
    arts = articles()
    with open_store(backend, tmp_path) as store:
        ing = DaskIngestor(store, Resources(), client=None, link_every=LINK_EVERY)
        for a in arts:
            ing.offer(a, None)  # no cluster result: analysed here, as a worker would
        ing.link()
        got = linked(store)
        assert store.conn.execute("SELECT count(*) FROM documents WHERE linked = 0").fetchone()[0] == 0
    assert len(calls) == -(-len(arts) // LINK_EVERY)
    assert any(c["rounds"] for c in calls)  # windows reconciled at their edges, run again
    assert any(c["reconciled_windows"] >= 2 for c in calls)  # windows apart, written back side by side
    assert json.loads(sequential["events"]) and json.loads(sequential["stories"])
    for part in ("events", "stories", "keys", "df"):
        assert got[part] == sequential[part], part


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_partitioned_workers_linking_at_once_take_turns(backend, tmp_path, sequential):
    """Two ingest workers link the same backlog at once: one links it all, the other finds it done."""
    with target(backend, tmp_path) as where:
        ings = [DaskIngestor(Store.open(where), Resources(), client=None, link_every=1_000_000) for _ in range(2)]
        try:
            for a in articles():
                ings[0].offer(a, None)
            failed = run_at_once([ing.link for ing in ings])
            assert not failed, failed
            got = linked(ings[1].store)
        finally:
            for ing in ings:
                ing.store.close()
    for part in ("events", "stories", "keys", "df"):
        assert got[part] == sequential[part], part


@pytest.mark.parametrize("backend", BACKENDS[:1])
def test_partitioned_rounds_read_the_undated_events_stored_before(backend, tmp_path):
    """Mostly undated conflict reports linked in rounds: a later round's window holds the undated
    events earlier rounds stored (candidates and threads of its articles), so the partitioned
    result is the sequential linker's in the same rounds."""
    arts = list(read_path(str(ROOT / "tests" / "fixtures" / "unseen_events4" / "articles.jsonl"), 10_000_000))
    arts = sorted(arts, key=lambda a: a.published is not None)  # the undated first, the dated in a later round
    every = sum(1 for a in arts if a.published is None)
    seq = Store.open(tmp_path / "seq.db")
    try:
        for i in range(0, len(arts), every):
            ingest_items(seq, arts[i:i + every], Resources())
        want = linked(seq)
    finally:
        seq.close()
    with open_store(backend, tmp_path) as store:
        ing = DaskIngestor(store, Resources(), client=None, link_every=every)
        for a in arts:
            ing.offer(a, None)
        ing.link()
        got = linked(store)
    for part in ("events", "stories", "keys", "df"):
        assert got[part] == want[part], part
