"""Ingest with a local worker pool: articles/s sequentially, with 1 and with 2 worker processes.

The same articles are ingested into a fresh SQLite store each time, the modes alternating over
``--rounds`` rounds (this machine's 2 cores are shared and noisy: compare the ratios of one run),
and the median is printed. Two corpora: articles generated from the bundled samples' sentences
(``bench_ingest.corpus``) and the real reports of ``../shared/data/events_dev_*`` (read in place,
when present). Every mode must leave the same events: the benchmark says so or fails.

usage: python bench/bench_parallel.py [--n 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_ingest import corpus  # noqa: E402
from record import save  # noqa: E402

from marsad.ingest.items import RawArticle  # noqa: E402
from marsad.ingest.parallel import ingest_items_parallel  # noqa: E402
from marsad.ingest.run import ingest_items, read_items  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402

DEV = ROOT.parent / "shared" / "data"
MODES = ("sequential", "1 worker", "2 workers")


def real_reports() -> list[RawArticle]:
    paths = [str(p) for p in sorted(DEV.glob("events_dev_*/corpus.jsonl"))]
    return [it for it in read_items(paths, Resources()) if isinstance(it, RawArticle)]


def run(mode: str, arts: list[RawArticle]) -> tuple[float, list]:
    """(seconds, the events' member lists) of one ingest in a fresh store."""
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d) / "b.db")
        res = Resources()
        t = time.perf_counter()
        if mode == "sequential":
            ingest_items(store, arts, res)
        else:
            ingest_items_parallel(store, arts, res, jobs=int(mode[0]))
        dt = time.perf_counter() - t
        members = sorted(json.dumps(sorted(r[0].split(","))) for r in store.conn.execute(
            "SELECT group_concat(doc_id) FROM event_docs GROUP BY event_id"))
        store.close()
    return dt, members


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=400, help="generated articles")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    sets = {f"generated ({a.n})": corpus(a.n)}
    real = real_reports()
    if real:
        sets[f"real dev reports ({len(real)})"] = real
    print("ingest with a local worker pool (marsad ingest --jobs N): articles/s, median of "
          f"{a.rounds} alternating rounds")
    for name, arts in sets.items():
        times: dict[str, list[float]] = {m: [] for m in MODES}
        events: dict[str, list] = {}
        for r in range(a.rounds):
            for mode in (MODES if r % 2 == 0 else MODES[::-1]):
                dt, members = run(mode, arts)
                times[mode].append(dt)
                events[mode] = members
        same = all(events[m] == events["sequential"] for m in MODES)
        base = len(arts) / statistics.median(times["sequential"])
        cells = []
        for m in MODES:
            rate = len(arts) / statistics.median(times[m])
            cells.append(f"{m} {rate:5.1f} (x{rate / base:.2f})")
        print(f"  {name:26s} " + ", ".join(cells) + f"; same events: {'yes' if same else 'NO'}")
        if name.startswith("generated"):
            save("parallel", {"articles": len(arts), "sequential_rate": round(base, 1), "same_events": same,
                              **{m: round(len(arts) / statistics.median(times[m]) / base, 2) for m in MODES[1:]}})
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
