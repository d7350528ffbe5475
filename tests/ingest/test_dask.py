"""Dask ingest on a real LocalCluster (2 worker processes): the stored record equals the sequential one.

Articles are generated from the bundled samples' sentences in four bursts of news a year
apart (arrival order interleaves them), so partitioned event linking has windows that stay
apart and windows that must be reconciled into one.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.store import Store
from marsad.types import Document

distributed = pytest.importorskip("dask.distributed", reason="Dask not installed (pip install 'marsad[dask]')")


def bursts(n: int, seed: int = 3) -> list[RawArticle]:
    res = Resources()
    sents = []
    for line in resources.files("marsad").joinpath("samples", "seeds.jsonl").read_text("utf-8").splitlines():
        d = json.loads(line)
        doc = pipeline.prepare(Document(d["id"], d["text"]), res)
        sents += [d["text"][s.start:s.end] for s in doc.sentences]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = date(2021, 1, 1) + timedelta(days=400 * (i % 4))
        day = start + timedelta(days=rng.randint(0, 20))
        text = "\n".join(rng.sample(sents, rng.randint(6, 14))) + f"\nرقم المقال {i}."
        out.append(RawArticle(text=text, origin=f"gen:{i}", id=f"gen-{i}", published=day.isoformat()))
    return out


def record(store: Store) -> dict:
    """Events (members, date, title, summary, story members) and stories, ids aside."""
    conn = store.conn
    members = {}
    for r in conn.execute("SELECT event_id, doc_id FROM event_docs ORDER BY doc_id"):
        members.setdefault(r[0], []).append(r[1])
    stories = {}
    for r in conn.execute("SELECT id, story_id FROM events ORDER BY id"):
        stories.setdefault(r[1], []).extend(members[r[0]])
    events = set()
    for r in conn.execute("SELECT * FROM events"):
        data = json.loads(r["data"])
        events.add((tuple(members[r["id"]]), r["date"], r["title"], json.dumps(data.get("summary"), ensure_ascii=False),
                    tuple(sorted(stories[r["story_id"]]))))
    docs = [tuple(r) for r in conn.execute(
        "SELECT id, language, body_end, content_hash, duplicate_of FROM documents ORDER BY seq")]
    mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    df = sorted(tuple(r) for r in conn.execute("SELECT term, df FROM link_df"))
    return {"events": events, "docs": docs, "mentions": mentions, "df": df}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[dict, dict, dict, object]:
    from marsad.ingest.distributed import dask_client, ingest_items_dask

    arts = bursts(240)
    d: Path = tmp_path_factory.mktemp("dask")
    seq = Store.open(d / "seq.db")
    ingest_items(seq, arts, Resources())
    res = Resources()
    res.config["dask"]["batch_size"] = 64  # several batches in flight order
    res.config["dask"]["link_every"] = 100  # several link rounds against stored events
    par = Store.open(d / "par.db")
    stats: dict = {}
    import marsad.link.partitioned as part
    orig = part.assign

    def spy(*a, **kw):
        s: dict = {}
        orig(*a, **kw, stats=s)
        stats.setdefault("calls", []).append(s)
    part.assign = spy
    try:
        with dask_client(workers=2) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            summary = ingest_items_dask(par, arts, res, client)
    finally:
        part.assign = orig
    out = record(seq), record(par), stats, summary
    seq.close()
    par.close()
    return out


def test_dask_ingest_stores_what_the_sequential_run_stores(runs):
    seq, par, _, summary = runs
    assert len(summary.new) == 240
    assert par["docs"] == seq["docs"]
    assert par["mentions"] == seq["mentions"] > 0


def test_partitioned_events_equal_sequential_events(runs):
    seq, par, stats, _ = runs
    assert len(seq["events"]) >= 4  # four bursts a year apart cannot share an event
    assert par["events"] == seq["events"]
    assert par["df"] == seq["df"]
    # windows a year apart stayed apart; windows inside a burst were reconciled into one
    last = stats["calls"][-1]
    assert last["windows"] > last["reconciled_windows"] >= 4
