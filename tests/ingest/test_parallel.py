"""Ingest with a local worker pool (``marsad ingest --jobs N``): the same record as the sequential ingest.

Real reports of ``../shared/data/events_dev_a`` (read in place) with the bundled samples and
bad items mixed in are ingested sequentially and on 2 worker processes, with small tasks and
link rounds so that several chunks are in flight while the writer stores and links. Every
exported section must be the same, on both storage backends.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest

from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.offload import articles
from marsad.ingest.parallel import _results, ingest_items_parallel
from marsad.ingest.run import ingest_items, read_items
from marsad.resources import Resources
from marsad.store import export as ex
from tests.backends import BACKENDS, open_store
from tests.conftest import SEEDS, SHARED, skip_missing_service

DEV_A = SHARED / "data" / "events_dev_a" / "corpus.jsonl"
# A short Arabic article of our own, for the duplicate and the too-short item.
OWN = "قال وزير الخارجية المصري إن بلاده تواصل اتصالاتها مع جميع الأطراف من أجل التهدئة في المنطقة."


def batch() -> list[RawArticle | Rejected]:
    if not DEV_A.exists():
        skip_missing_service(f"real reports not found at {DEV_A}")
    res = Resources()
    items = list(read_items([str(DEV_A)], res))[:60] + list(read_items([str(SEEDS)], res))
    items[10:10] = [Rejected("bad.bin", "binary content, not text"),
                    RawArticle(text="قصير", origin="short.txt"),
                    RawArticle(text=OWN, origin="own.txt"),
                    RawArticle(text=OWN, origin="own-again.txt")]  # the same text twice: a duplicate
    return items


def record(store) -> dict:
    out = ex.export_all(store.conn)
    for d in out["documents"]:
        d.pop("text", None)
    return json.loads(json.dumps(out, ensure_ascii=False, sort_keys=True, default=str))


@pytest.mark.parametrize("backend", BACKENDS)
def test_worker_pool_stores_what_the_sequential_ingest_stores(backend, tmp_path):
    items = batch()
    res = Resources()
    res.config["ingest"]["jobs_task_size"] = 4  # many chunks in flight
    res.config["ingest"]["jobs_link_every"] = 16  # the writer links between chunks
    with open_store(backend, tmp_path, "seq.db") as seq, open_store(backend, tmp_path, "par.db") as par:
        s1 = ingest_items(seq, items, Resources())
        s2 = ingest_items_parallel(par, items, res, jobs=2)
        a, b = record(seq), record(par)
    assert s2.as_dict() == s1.as_dict()
    assert len(s2.new) == 60 + 5 + 1 and len(s2.duplicates) == 1
    assert [r for _, r in s2.rejected] == ["binary content, not text", "text too short (4 chars)"]
    for section in a:
        assert b[section] == a[section], section
    assert len(a["events"]) >= 15 and a["quotes"] and a["actions"]


def test_a_failed_task_leaves_its_chunk_to_the_writer():
    """A worker killed mid-task: every item of its chunk gets no result, so the writer analyses it."""
    items = [RawArticle(text=OWN, origin="a"), Rejected("b", "empty file"), RawArticle(text=OWN + " ", origin="c")]
    failed: Future = Future()
    failed.set_exception(RuntimeError("worker died"))
    assert _results(items, failed) == [None, None, None]
    done: Future = Future()
    done.set_result(["first", "second"])
    assert len(articles(items)) == 2
    assert _results(items, done) == ["first", None, "second"]


def test_cli_jobs(tmp_path):
    db = tmp_path / "m.db"
    marsad = [sys.executable, "-m", "marsad"]
    run = subprocess.run([*marsad, "ingest", str(SEEDS), "--db", str(db), "--jobs", "2", "--json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["new"] == 5
    bad = subprocess.run([*marsad, "ingest", str(SEEDS), "--db", str(Path(tmp_path) / "n.db"), "--jobs", "2",
                          "--workers", "2"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "not both" in bad.stderr
