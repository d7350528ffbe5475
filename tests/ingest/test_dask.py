"""Dask ingest on a real LocalCluster (2 worker processes): the stored record equals the sequential one.

Articles are generated from the bundled samples' sentences in four bursts of news a year
apart (arrival order interleaves them), so partitioned event linking has windows that stay
apart and windows that must be reconciled into one. The workers hash strings with another
seed than the test process, and a window is also run in a fresh interpreter under another
PYTHONHASHSEED: results must not depend on the iteration order of sets of strings.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import subprocess
import sys
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


N_ARTICLES = 400


def worker_hash_seed() -> str:
    """A PYTHONHASHSEED other than this process's, so workers order sets of strings differently."""
    return "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"


def unlinked_copy(src: Path, dst: Path) -> Store:
    """``src`` as stored before event linking: same documents and analyses, no events, no frequencies."""
    shutil.copy(src, dst)
    store = Store.open(dst)
    with store.transaction():
        for table in ("event_keys", "event_docs", "events", "stories", "link_df"):
            store.conn.execute(f"DELETE FROM {table}")
        store.conn.execute("UPDATE documents SET linked = 0")
    return store


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """Sequential ingest; Dask ingest; the whole corpus linked by windows in one call (bench_dask's case).

    The workers run under another hash seed than this process (Dask gives its workers a fixed
    PYTHONHASHSEED, this process has a random one): a result that depended on the iteration
    order of sets or dicts of strings would differ.
    """
    import dask

    from marsad.ingest.distributed import dask_client, ingest_items_dask
    from marsad.link import partitioned

    arts = bursts(N_ARTICLES)
    d: Path = tmp_path_factory.mktemp("dask")
    seq = Store.open(d / "seq.db")
    ingest_items(seq, arts, Resources())
    out: dict = {"seq": record(seq)}
    seq.close()
    res = Resources()
    res.config["dask"]["batch_size"] = 64  # several batches in flight order
    res.config["dask"]["link_every"] = 100  # several link rounds against stored events
    par = Store.open(d / "par.db")
    stats: dict = {}
    orig = partitioned.assign

    def spy(*a, **kw):
        s: dict = {}
        orig(*a, **kw, stats=s)
        stats.setdefault("calls", []).append(s)
    partitioned.assign = spy
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ.PYTHONHASHSEED": worker_hash_seed()}), \
                dask_client(workers=2) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            out["worker_hashes"] = set(client.run(hash, "marsad").values())
            out["summary"] = ingest_items_dask(par, arts, res, client)
            partitioned.assign = orig
            whole = unlinked_copy(d / "seq.db", d / "whole.db")
            ids = [r[0] for r in whole.conn.execute("SELECT id FROM documents ORDER BY seq")]
            out["whole_stats"] = {}
            partitioned.assign(whole, ids, Resources(), client=client, stats=out["whole_stats"])
    finally:
        partitioned.assign = orig
    out.update(par=record(par), stats=stats, whole=record(whole), dir=d)
    par.close()
    whole.close()
    return out


def test_workers_hash_strings_otherwise_than_this_process(runs):
    assert hash("marsad") not in runs["worker_hashes"]


def test_dask_ingest_stores_what_the_sequential_run_stores(runs):
    seq, par = runs["seq"], runs["par"]
    assert len(runs["summary"].new) == N_ARTICLES
    assert par["docs"] == seq["docs"]
    assert par["mentions"] == seq["mentions"] > 0


def test_partitioned_events_equal_sequential_events(runs):
    seq, par, stats = runs["seq"], runs["par"], runs["stats"]
    assert len(seq["events"]) >= 4  # four bursts a year apart cannot share an event
    assert par["events"] == seq["events"]
    assert par["df"] == seq["df"]
    # windows a year apart stayed apart; windows inside a burst were reconciled into one
    last = stats["calls"][-1]
    assert last["windows"] > last["reconciled_windows"] >= 4


def test_whole_corpus_linked_by_windows_on_workers_equals_sequential(runs):
    """bench_dask's comparison: every article linked in one call, windows on the workers."""
    seq, whole, stats = runs["seq"], runs["whole"], runs["whole_stats"]
    assert stats["articles"] == N_ARTICLES
    assert stats["windows"] > stats["reconciled_windows"] >= 4  # bursts reconciled inside, apart across
    assert whole["events"] == seq["events"]
    assert whole["df"] == seq["df"]


_RUN_WINDOWS = """
import pickle, sys
from marsad.link.partitioned import link_window
payloads = pickle.load(open(sys.argv[1], "rb"))
pickle.dump([link_window(p) for p in payloads], open(sys.argv[2], "wb"))
"""


def test_a_window_gives_the_same_result_under_another_hash_seed(runs, tmp_path):
    """The worker step alone, in a fresh interpreter with another PYTHONHASHSEED: exactly what it gives here."""
    from marsad.link import partitioned

    store = unlinked_copy(runs["dir"] / "seq.db", tmp_path / "u.db")
    res = Resources()
    cfg = res.config["events"]
    ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY seq")]
    plan = partitioned._plan(store, ids, cfg)
    index: dict[str, list[int]] = {}
    for pos, a in enumerate(plan):
        for t in a["terms"]:
            index.setdefault(t, []).append(pos)
    groups = partitioned._windows(plan, res.config["dask"]["window_days"])
    burst = sorted(p for g in groups if plan[g[0]]["date"] < "2022" for p in g)  # one burst as one window
    payloads = [partitioned._payload(store, plan, g, index, cfg) for g in (groups[0], burst)]
    store.close()
    here = [partitioned.link_window(p) for p in payloads]
    (tmp_path / "in.pkl").write_bytes(pickle.dumps(payloads))
    env = {**os.environ, "PYTHONHASHSEED": worker_hash_seed()}
    subprocess.run([sys.executable, "-c", _RUN_WINDOWS, str(tmp_path / "in.pkl"), str(tmp_path / "out.pkl")],
                   env=env, check=True, cwd=Path(__file__).resolve().parents[2])
    there = pickle.loads((tmp_path / "out.pkl").read_bytes())
    assert len(here[1]["positions"]) > len(here[0]["positions"]) > 0
    assert there == here
