"""Long-article benchmark: seconds per 100 KB at 25, 100, 400 KB and 6 MB (the cost must be
linear in length), per stage, with peak memory.

Articles are built by repeating the bundled samples: with line breaks (a long report) and as one
line (a scraped page with no breaks). 6 MB is past ``pipeline.max_analysed_chars``, so it shows
the cost of storing a huge page whole and analysing its first part.

usage: python bench/bench_long.py [SIZE_KB ...]   (default: 25 100 400 6000)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def article(kb: int, one_line: bool) -> str:
    seeds = resources.files("marsad").joinpath("samples", "seeds.jsonl").read_text("utf-8")
    parts = [json.loads(x)["text"].strip() for x in seeds.splitlines() if x.strip()]
    blob = ("\n\n" if not one_line else " ").join(parts)
    n = kb * 1000
    text = (blob + ("\n\n" if not one_line else " ")) * (1 + n // len(blob))
    return text[:n]


def one(kb: int, one_line: bool) -> dict:
    """Ingest one article into a fresh store (in this process: the caller runs one per process)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_ingest import StageTimer

    from marsad.ingest.items import RawArticle
    from marsad.ingest.run import ingest_items
    from marsad.resources import Resources
    from marsad.store import Store

    res = Resources()
    text = article(kb, one_line)
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d) / "long.db")
        ingest_items(store, [RawArticle(text="تمهيد قصير لتحميل الموارد قبل القياس.", origin="warm", id="warm")], res)
        with StageTimer() as timer:
            t0 = time.perf_counter()
            summary = ingest_items(store, [RawArticle(text=text, origin="long", id="long")], res)
            total = time.perf_counter() - t0
        store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kb": kb, "one_line": one_line, "seconds": total, "per_100kb": total / kb * 100,
            "stages": dict(timer.spent), "rss_mb": rss, "capped": any("analysed only" in w for _, w in summary.warnings)}


def main(argv: list[str]) -> None:
    if argv[1:2] == ["--one"]:
        print(json.dumps(one(int(argv[2]), argv[3] == "1")))
        return
    sizes = [int(x) for x in argv[1:]] or [25, 100, 400, 6000]
    print("long articles (built from the samples; one process each, so peak memory is the article's own)")
    print(f"  {'size':>8} {'layout':>9} {'seconds':>8} {'s/100KB':>8} {'peak MB':>8}  stages (s)")
    rows = []
    for one_line in (False, True):
        for kb in sizes:
            out = subprocess.run([sys.executable, __file__, "--one", str(kb), "1" if one_line else "0"],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            rows.append({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items() if k != "stages"})
            stages = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r["stages"].items(), key=lambda x: -x[1]))
            note = "  (analysed up to pipeline.max_analysed_chars)" if r["capped"] else ""
            print(f"  {kb:>6}KB {'one line' if one_line else 'lines':>9} {r['seconds']:8.2f} {r['per_100kb']:8.2f}"
                  f" {r['rss_mb']:8.0f}  {stages}{note}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from record import save

    save("long", {"rows": rows})


if __name__ == "__main__":
    main(sys.argv)
