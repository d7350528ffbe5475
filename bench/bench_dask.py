"""Dask benchmark: ingest articles/s with 1 vs 2 local Dask workers, partitioned vs sequential events.

1. Ingest the same generated corpus (``corpus()`` of bench_ingest.py) on a LocalCluster with
   1 worker process and with 2, and print articles/s and the ratio (one run each).
2. Event linking of N generated articles (bursts of news months apart, interleaved in
   arrival order) sequentially and partitioned by time windows on 2 workers: time, the
   windows before/after reconciliation, and whether the events are identical.
3. The event-clustering cost per new article with a large stored archive: --archive N
   articles are linked into a store (sequentially), then 50 more are linked and timed.

usage: python bench/bench_dask.py [--ingest 400] [--events 2000] [--archive 0]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ingest import corpus  # noqa: E402

from marsad import pipeline  # noqa: E402
from marsad.ingest.run import Ingestor  # noqa: E402
from marsad.link import events, partitioned  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402
from tests.ingest.test_dask import bursts, record  # noqa: E402


def ingest_rate(n: int, workers: int) -> float:
    from marsad.ingest.distributed import dask_client, ingest_items_dask

    arts = corpus(n)
    with tempfile.TemporaryDirectory() as d, dask_client(workers=workers) as client:
        client.run(lambda: __import__("marsad.extract.entities"))  # workers started and importing
        store = Store.open(Path(d) / "b.db")
        t = time.perf_counter()
        ingest_items_dask(store, arts, Resources(), client)
        dt = time.perf_counter() - t
        store.close()
    return n / dt


def unlinked_store(path: Path, arts) -> None:
    saved = list(pipeline.LINKERS)
    pipeline.LINKERS[:] = []
    try:
        store = Store.open(path)
        ing = Ingestor(store, Resources(), link_every=10**9)
        for a in arts:
            ing.add(a)
        store.close()
    finally:
        pipeline.LINKERS[:] = saved


def events_compare(n: int) -> None:
    from marsad.ingest.distributed import dask_client

    with tempfile.TemporaryDirectory() as d:
        a, b = Path(d) / "seq.db", Path(d) / "par.db"
        unlinked_store(a, bursts(n))
        shutil.copy(a, b)
        res = Resources()
        out = {}
        for name, path in (("sequential", a), ("partitioned", b)):
            store = Store.open(path)
            ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY seq")]
            stats: dict = {}
            t = time.perf_counter()
            if name == "sequential":
                events.assign(store, ids, res)
            else:
                with dask_client(workers=2) as client:
                    t = time.perf_counter()
                    partitioned.assign(store, ids, res, client=client, stats=stats)
            dt = time.perf_counter() - t
            out[name] = record(store)["events"]
            store.close()
            extra = (f", windows {stats['windows']} -> {stats['reconciled_windows']} after reconciliation"
                     if stats else "")
            print(f"  {name:>11}: {dt:6.1f} s for {n} articles ({dt / n * 1000:.1f} ms/article){extra}")
        same = out["sequential"] == out["partitioned"]
        print(f"  identical events (members, dates, titles, summaries, stories): {'yes' if same else 'NO'}"
              f" ({len(out['sequential'])} events)")
        if not same:
            sys.exit(1)


def archive_cost(n: int, new: int = 50) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "arch.db"
        arts = corpus(n + new)
        unlinked_store(path, arts)
        store = Store.open(path)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY seq")]
        res = Resources()
        events.assign(store, ids[:-new], res)
        t = time.perf_counter()
        events.assign(store, ids[-new:], res)
        dt = time.perf_counter() - t
        store.close()
    print(f"  event clustering with {n} stored articles: {dt / new * 1000:.1f} ms per new article")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ingest", type=int, default=400)
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--archive", type=int, default=0, help="stored articles for the per-article cost (0: skip)")
    a = ap.parse_args()
    print("Dask benchmark (LocalCluster, generated Arabic articles)")
    if a.ingest:
        r1, r2 = ingest_rate(a.ingest, 1), ingest_rate(a.ingest, 2)
        print(f"  ingest {a.ingest} articles: 1 worker {r1:.1f} articles/s, 2 workers {r2:.1f} articles/s"
              f" (ratio {r2 / r1:.2f})")
    if a.events:
        events_compare(a.events)
    if a.archive:
        archive_cost(a.archive)


if __name__ == "__main__":
    main()
