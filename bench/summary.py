"""The one table ``make bench`` ends with: every speed goal of the project, the figure the
benchmarks last measured for it (``bench/results/latest.json``), and whether it is met.

It also times ``marsad --help`` itself (median of five cold starts in a child process) and
writes the table to ``bench/results/summary.md``.

usage: python bench/summary.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from record import RESULTS, load, save  # noqa: E402


def startup() -> float:
    """Seconds for ``marsad --help`` in a new process (median of five)."""
    marsad = Path(sys.executable).with_name("marsad")
    cmd = [str(marsad)] if marsad.exists() else [sys.executable, "-m", "marsad"]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "no")


def rows(r: dict) -> list[tuple[str, str, str, str, str]]:
    """(measure, figure, goal, met, where from) for each goal the results hold a figure for."""
    out = []

    def src(sec: str) -> str:
        s = r.get(sec, {})
        return f"{sec}: {s.get('commit', '?')}, {s.get('day', '?')}"

    if "ingest" in r:
        i = r["ingest"]
        sizes = sorted(i["sizes"].items(), key=lambda kv: int(kv[0]))
        n0, first = sizes[0]
        out.append(("full ingest, typical articles, 1 process", f"{first['rate']} articles/s at {int(n0):,} stored",
                    "≥ 100 articles/s per core", _met(first["rate"] >= 100), src("ingest")))
        out.append(("ceiling: clean, tokenise, dedup, store, index (no analysis)",
                    f"{i['ceiling_rate']} articles/s; full ingest at {i['share_of_ceiling']:.2f} of it",
                    "or the ratio to the ceiling", "—", src("ingest")))
        if len(sizes) > 1:
            nl, last = sizes[-1]
            out.append((f"ingest rate at {int(nl):,} vs {int(n0):,} stored", f"{last['rate'] / first['rate']:.2f}",
                        "1.00 = linear", "—", src("ingest")))
    if "long" in r:
        lg = r["long"]["rows"]
        small = min(lg, key=lambda x: x["kb"])["per_100kb"]
        big = max(lg, key=lambda x: x["kb"])
        # linear: no longer article costs more per 100 KB than the shortest one (half again for noise)
        out.append(("seconds per 100 KB, " + ", ".join(f"{x['kb']} KB" for x in lg if not x["one_line"]),
                    ", ".join(f"{x['per_100kb']:.2f}" for x in lg if not x["one_line"]),
                    "linear in length", _met(all(x["per_100kb"] <= 1.5 * small for x in lg)), src("long")))
        out.append((f"largest article ({big['kb']:,} KB)", f"{big['seconds']:.1f} s, {big['rss_mb']:.0f} MB peak",
                    "≤ 30 s, < 500 MB", _met(big["seconds"] <= 30 and big["rss_mb"] < 500), src("long")))
    if "events_scaling" in r:
        ev = r["events_scaling"]["growing"]
        sizes = sorted(ev.items(), key=lambda kv: int(kv[0]))
        (n0, a), (n1, b) = sizes[0], sizes[-1]
        out.append((f"event linking per new article, {int(n0):,} → {int(n1):,} stored",
                    f"{a:.1f} → {b:.1f} ms ({b / a:.2f}x)", "≤ 1.5x from 1k to 1M",
                    _met(b / a <= 1.5) if int(n1) >= 1_000_000 else f"{_met(b / a <= 1.5)} (to {int(n1):,} only)",
                    src("events_scaling")))
    if "search" in r:
        se = r["search"]["sizes"]
        n1 = max(se, key=int)
        out.append((f"search p95 at {int(n1):,} articles", f"{se[n1]['p95_ms']:.1f} ms", "< 50 ms at 1M",
                    _met(se[n1]["p95_ms"] < 50) if int(n1) >= 1_000_000 else "— (not at 1M)", src("search")))
    for sec, what in (("memory_full", "full ingest"), ("memory_full_fresh", "full ingest, new words in every article"),
                      ("memory_no_analysis", "ingest without analysis")):
        if sec in r:
            m = r[sec]
            out.append((f"memory streaming {m['n']:,} articles ({what})",
                        f"peak {m['peak_rss_mb']:.0f} MB, {m['growth_mb_per_10k']:+.1f} MB per 10k",
                        "< 1 GB streaming 1M",
                        _met(m["peak_rss_mb"] + max(m["growth_mb_per_10k"], 0) * (1_000_000 - m["n"]) / 10_000 < 1024),
                        src(sec)))
    if "parallel" in r:
        p = r["parallel"]
        out.append(("ingest with 1 and 2 workers (x sequential)", f"{p['1 worker']:.2f}x, {p['2 workers']:.2f}x",
                    "uses the cores", "—", src("parallel")))
    if "backends" in r:
        b = r["backends"]
        if "postgresql" in b:
            ratio = b["postgresql"]["ingest_rate"] / b["sqlite"]["ingest_rate"]
            out.append(("PostgreSQL vs SQLite ingest", f"{ratio:.2f}x", "≥ 1.00x", _met(ratio >= 1.0), src("backends")))
    if "startup" in r:
        s = r["startup"]["help_seconds"]
        out.append(("`marsad --help`", f"{s:.2f} s", "< 0.3 s", _met(s < 0.3), src("startup")))
    return out


def table(r: dict) -> str:
    lines = ["| measure | figure | goal | met | measured (section: commit, day) |", "|---|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows(r)]
    machines = sorted({s.get("machine", "?") for s in r.values() if isinstance(s, dict)})
    return "\n".join(lines) + "\n\nmachine(s): " + "; ".join(machines) + "\n"


def main() -> int:
    save("startup", {"help_seconds": round(startup(), 3)})
    text = table(load())
    print(text)
    (RESULTS / "summary.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
