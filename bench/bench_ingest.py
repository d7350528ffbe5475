"""Ingest benchmark: articles/s for read + normalise + analyse + store, and how it scales.

Builds a corpus of N articles by recombining sentences of the bundled samples (each
article: 8-20 sentences drawn from all five, with a unique id and a date), ingests it
into a fresh SQLite file, and prints articles/s per size plus the time per stage, so the
cost of each layer (entity recognition among them) shows against the rest.

The same articles of the first size are then ingested with no analysis stage and no
linking: cleaning, tokenising, the near-duplicate check and storing (with the search index)
only. That is the ceiling of any analysis on this machine; the full rate is given as a
share of it, in one run, since the machine's speed varies from run to run.

usage: python bench/bench_ingest.py [N ...]   (default: 1000 10000)
"""

from __future__ import annotations

import copy
import json
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad import pipeline
from marsad.ingest.items import RawArticle
from marsad.ingest.run import Ingestor
from marsad.resources import Resources
from marsad.store import Store
from marsad.types import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from record import save  # noqa: E402


@lru_cache(maxsize=1)
def sample_sentences() -> tuple[str, ...]:
    res = Resources()
    out = []
    seeds = resources.files("marsad").joinpath("samples", "seeds.jsonl").read_text("utf-8")
    for line in seeds.splitlines():
        d = json.loads(line)
        doc = pipeline.prepare(Document(d["id"], d["text"]), res)
        out += [d["text"][s.start:s.end] for s in doc.sentences]
    return tuple(out)


def corpus(n: int, seed: int = 1) -> list[RawArticle]:
    rng = random.Random(seed)
    sents = sample_sentences()
    arts = []
    for i in range(n):
        k = rng.randint(8, 20)
        text = "\n".join(rng.sample(sents, k)) + f"\nرقم المقال {i}."
        day = 1 + i % 28
        arts.append(RawArticle(text=text, origin=f"gen:{i}", id=f"gen-{i}", published=f"2025-05-{day:02d}"))
    return arts


class StageTimer:
    """Wraps the pipeline stages to add up the time each one takes."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._orig = pipeline._load

    def __enter__(self) -> StageTimer:
        def timed_load(ref: str):
            fn = self._orig(ref)

            def run(*a, **kw):
                t = time.perf_counter()
                try:
                    return fn(*a, **kw)
                finally:
                    self.spent[ref.split(":")[0].rsplit(".", 1)[-1]] += time.perf_counter() - t
            return run
        pipeline._load = timed_load
        orig_prepare = pipeline.prepare

        def timed_prepare(*a, **kw):
            t = time.perf_counter()
            try:
                return orig_prepare(*a, **kw)
            finally:
                self.spent["text core"] += time.perf_counter() - t
        self._orig_prepare = orig_prepare
        import marsad.ingest.run as run_mod
        self._run_mod = run_mod
        run_mod.prepare = timed_prepare
        return self

    def __exit__(self, *exc) -> None:
        pipeline._load = self._orig
        self._run_mod.prepare = self._orig_prepare


def bench(n: int, ceiling: bool = False) -> dict:
    """Ingest ``n`` generated articles into a fresh store; with ``ceiling``, no analysis stage
    runs and nothing is linked (what is left: clean, tokenise, dedup, store, index)."""
    arts = corpus(n)
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d) / "bench.db")
        res = Resources()
        if ceiling:
            res = Resources(config=copy.deepcopy(res.config))
            res.config["pipeline"]["stages"] = []
        with StageTimer() as timer:
            t0 = time.perf_counter()
            ing = Ingestor(store, res, **({"link_every": n + 1} if ceiling else {}))
            for a in arts:
                ing.add(a)
            if not ceiling:
                ing.link()
            total = time.perf_counter() - t0
        size = (Path(d) / "bench.db").stat().st_size
        store.close()
    return {"n": n, "seconds": total, "rate": n / total, "stages": dict(timer.spent), "db_mb": size / 1e6,
            "new": len(ing.summary.new), "duplicates": len(ing.summary.duplicates),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _parts(r: dict) -> str:
    other = r["seconds"] - sum(r["stages"].values())
    return ", ".join([f"{k} {v / r['n'] * 1000:.2f}" for k, v in sorted(r["stages"].items())]
                     + [f"storage+dedup+linkers {other / r['n'] * 1000:.2f}"])


def main(argv: list[str]) -> None:
    sizes = [int(x) for x in argv[1:]] or [1000, 10000]
    rows = [bench(n) for n in sizes]
    print("ingest benchmark (read + text core + analysis + SQLite + linkers), generated Arabic articles")
    for r in rows:
        print(f"  N={r['n']:>6}: {r['rate']:7.1f} articles/s  ({r['seconds']:.1f} s, db {r['db_mb']:.1f} MB, "
              f"{r['new']} new, {r['duplicates']} near-duplicates)")
        print(f"           ms/article: {_parts(r)}")
    top = bench(sizes[0], ceiling=True)
    print(f"  ceiling, N={top['n']}: {top['rate']:7.1f} articles/s with no analysis and no linking (clean, tokenise,"
          f" dedup, store, index; ms/article: {_parts(top)});"
          f" the full ingest runs at {rows[0]['rate'] / top['rate']:.2f} of it")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"  scaling: {b['n'] / a['n']:.0f}x the articles took {b['seconds'] / a['seconds']:.1f}x the time "
              f"(rate ratio {b['rate'] / a['rate']:.2f}; 1.00 = linear)")
    save("ingest", {"sizes": {str(r["n"]): {"rate": round(r["rate"], 1), "ms_per_stage": {
        k: round(v / r["n"] * 1000, 2) for k, v in sorted(r["stages"].items())}} for r in rows},
        "ceiling_rate": round(top["rate"], 1), "share_of_ceiling": round(rows[0]["rate"] / top["rate"], 3),
        "processes": 1})


if __name__ == "__main__":
    main(sys.argv)
