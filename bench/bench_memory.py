"""Memory while streaming a large JSONL through ``marsad ingest``: peak RSS, and how it grows.

Writes N generated articles (bench_ingest's: recombined sample sentences, a unique id and a
date each) to a JSONL file line by line, dated as a news stream arrives: ``--per-day K``
articles a day from 2020-01-01 on, so that happenings close as days pass and each event holds
a few days' reports. (``--per-day 0`` keeps bench_ingest's dates, the 28 days of May 2025 over
and over: every article then joins one of a few events that grow without bound, as no real
stream does, and an event's profile lists its reports, so linking's memory grows with them.)
It runs ``marsad ingest FILE --db DB`` on it in a child
process, and reads the child's resident memory (``/proc/PID/status``) twice a second. It prints
the peak, the memory at each quarter of the run, and the growth per 10,000 articles over its
second half (the first holds the start: models and lexicons loading, caches filling): a
streaming ingest must hold its memory flat (the near-duplicate index
and the events live in the store, not in memory), so that a million articles fit where ten
thousand do. ``--no-analysis`` streams with no analysis stage (cleaning, tokenising, dedup,
storing, linking). Event linking then dominates, so it is only about 1.4 times faster
(18.6 against 13.4 articles/s on 2026-12-06); it shows what the linkers alone hold.

usage: python bench/bench_memory.py [--n 5000] [--no-analysis] [--fresh-words K] [--per-day K]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import corpus  # noqa: E402
from record import save  # noqa: E402


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


STREAM_START = date(2020, 1, 1)
PER_DAY = 100
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def fresh_words(rng: random.Random, k: int) -> str:
    """A line of ``k`` words of 4 to 8 random Arabic letters: words no article had before, as a
    stream of years of news keeps bringing (names, places, misspellings), so that every cache
    kept per word meets new words and fills to its bound."""
    return " ".join("".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 8))) for _ in range(k)) + "."


def write_corpus(path: Path, n: int, fresh: int = 0, per_day: int = 0) -> int:
    """N articles, one JSON object a line, made in chunks (the file is never held whole); with
    ``fresh``, each ends with a line of that many words never seen before; with ``per_day``,
    article i is published on day i // per_day of the stream."""
    size = 0
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as f:
        for k in range(0, n, 1000):
            for j, a in enumerate(corpus(min(1000, n - k), seed=1 + k // 1000)):
                text = a.text + ("\n" + fresh_words(rng, fresh) if fresh else "")
                day = STREAM_START + timedelta(days=(k + j) // per_day) if per_day else None
                published = day.isoformat() if day else a.published
                line = json.dumps({"id": f"{a.id}-{k}", "text": text, "published": published},
                                  ensure_ascii=False) + "\n"
                size += len(line.encode("utf-8"))
                f.write(line)
    return size


def run(n: int, analysis: bool, fresh: int = 0, per_day: int = 0) -> dict:
    with tempfile.TemporaryDirectory(prefix="marsad-bench-mem-") as tmp:
        src, db = Path(tmp) / "stream.jsonl", Path(tmp) / "m.db"
        size = write_corpus(src, n, fresh, per_day)
        env = dict(os.environ)
        if not analysis:
            cfg = Path(tmp) / "no_analysis.toml"
            cfg.write_text("[pipeline]\nstages = []\n", encoding="utf-8")
            env["MARSAD_CONFIG"] = str(cfg)
        marsad = Path(sys.executable).with_name("marsad")
        cmd = [str(marsad)] if marsad.exists() else [sys.executable, "-m", "marsad"]
        t0 = time.perf_counter()
        child = subprocess.Popen([*cmd, "ingest", str(src), "--db", str(db)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=env)
        samples: list[tuple[float, float]] = []
        while child.poll() is None:
            r = rss_mb(child.pid)
            if r is not None:
                samples.append((time.perf_counter() - t0, r))
            time.sleep(0.5)
        total = time.perf_counter() - t0
        if child.returncode != 0:
            raise SystemExit(f"marsad ingest failed with exit code {child.returncode}")
        if not samples:
            raise SystemExit("marsad ingest ended before its memory could be read: stream more articles")
        stored = db.stat().st_size
    def at(share: float) -> float:  # the most memory held up to that share of the run
        return max((r for t, r in samples if t <= share * total), default=samples[0][1])

    quarters = {f"{q}%": round(at(q / 100), 1) for q in (25, 50, 75, 100)}
    growth = (at(1.0) - at(0.5)) / (0.5 * n) * 10_000  # articles arrive at a steady rate
    return {"n": n, "analysis": analysis, "fresh_words": fresh, "per_day": per_day, "seconds": round(total, 1), "rate": round(n / total, 1),
            "jsonl_mb": round(size / 1e6, 1), "db_mb": round(stored / 1e6, 1),
            "peak_rss_mb": round(max(r for _, r in samples), 1), "rss_mb_at": quarters,
            "growth_mb_per_10k": round(growth, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="articles to stream")
    ap.add_argument("--no-analysis", action="store_true", help="no analysis stage (reaches larger N)")
    ap.add_argument("--fresh-words", type=int, default=0, metavar="K",
                    help="end each article with K words never seen before (fills the per-word caches)")
    ap.add_argument("--per-day", type=int, default=PER_DAY, metavar="K",
                    help=f"articles a day as the stream's dates advance (default {PER_DAY}); 0: the same 28 days over and over")
    a = ap.parse_args(argv)
    if a.per_day < 0:
        ap.error("--per-day must be 0 or more")
    r = run(a.n, not a.no_analysis, a.fresh_words, a.per_day)
    what = "full ingest" if r["analysis"] else "ingest with no analysis stage"
    if r["fresh_words"]:
        what += f", {r['fresh_words']} new words an article"
    what += f", {r['per_day']} articles a day" if r["per_day"] else ", 28 days over and over (events grow without bound)"
    print(f"memory streaming {r['n']} articles ({r['jsonl_mb']} MB of JSONL) through `marsad ingest`, {what}:")
    print(f"  {r['seconds']} s ({r['rate']} articles/s), store {r['db_mb']} MB")
    at = ", ".join(f"{k} {v:.0f}" for k, v in r["rss_mb_at"].items())
    print(f"  peak RSS {r['peak_rss_mb']:.0f} MB (MB at each quarter of the run: {at});"
          f" over the second half {r['growth_mb_per_10k']:+.1f} MB per 10,000 articles"
          f" ({r['peak_rss_mb'] + max(r['growth_mb_per_10k'], 0) * (1_000_000 - r['n']) / 10_000:.0f} MB at"
          " 1,000,000 if the growth went on linearly)")
    save(("memory_full" if r["analysis"] else "memory_no_analysis") + ("_fresh" if r["fresh_words"] else ""), r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
