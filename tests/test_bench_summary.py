"""The table `make bench` ends with: each goal read from the saved figures, met or not."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from record import load, save  # noqa: E402
from summary import rows, table  # noqa: E402


def test_saved_figures_come_back_as_goals_met_or_not(tmp_path):
    path = tmp_path / "latest.json"
    save("ingest", {"sizes": {"1000": {"rate": 23.0}, "10000": {"rate": 11.5}}, "ceiling_rate": 294.5,
                    "share_of_ceiling": 0.078, "processes": 1}, path)
    save("search", {"sizes": {"100000": {"p95_ms": 15.9}, "1000000": {"p95_ms": 17.1}}}, path)
    save("memory_full", {"n": 2500, "peak_rss_mb": 264.0, "growth_mb_per_10k": 139.1}, path)
    save("startup", {"help_seconds": 0.09}, path)
    data = load(path)
    assert data["ingest"]["machine"] and data["ingest"]["day"]  # where and when each figure came from
    got = {r[0]: (r[1], r[3]) for r in rows(data)}
    assert got["full ingest, typical articles, 1 process"] == ("23.0 articles/s at 1,000 stored", "no")
    assert got["ingest rate at 10,000 vs 1,000 stored"][0] == "0.50"
    assert got["search p95 at 1,000,000 articles"] == ("17.1 ms", "yes")
    # 264 MB now, but 139 MB more per 10,000 articles would pass 1 GB long before a million
    assert got["memory streaming 2,500 articles (full ingest)"][1] == "no"
    assert got["`marsad --help`"] == ("0.09 s", "yes")
    assert table(data).count("\n|") == len(got) + 1  # a header rule and one line per goal
