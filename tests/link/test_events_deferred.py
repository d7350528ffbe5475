"""Titles, summaries and fact tables computed once per batch equal those refreshed after every article.

They are deferred because no join or merge decision reads them; the batch result must not change,
including the word weights a title was chosen with (frequencies as of the event's last change)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from marsad.ingest.items import RawArticle
from marsad.ingest.run import Ingestor
from marsad.link import events as ev
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import events, stories

FIX = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> tuple[Path, list[str], Resources]:
    """Held-out articles of two corpora stored and analysed, not yet linked."""
    res = Resources()
    path = tmp_path_factory.mktemp("deferred") / "a.db"
    store = Store.open(path)
    ing = Ingestor(store, res)
    ids = []
    for name in ("unseen_events", "unseen_news"):
        for line in (FIX / name / "articles.jsonl").read_text("utf-8").splitlines():
            r = json.loads(line)
            ing.add(RawArticle(text=r["text"], origin="test", id=r["id"], published=r["published"],
                               source=r.get("source")))
            ids.append(r["id"])
    store.close()
    return path, ids, res


def _copy(path: Path) -> Store:
    src, dst = sqlite3.connect(path), sqlite3.connect(":memory:")
    src.backup(dst)
    src.close()
    dst.row_factory = sqlite3.Row
    dst.isolation_level = None
    return Store(dst, ":memory:")


def _state(conn) -> dict:
    return {"events": events(conn), "stories": stories(conn),
            "event_rows": [dict(r) for r in conn.execute("SELECT * FROM events ORDER BY id")],
            "story_rows": [dict(r) for r in conn.execute("SELECT * FROM stories ORDER BY id")]}


def test_batch_equals_refresh_after_every_article(analysed):
    path, ids, res = analysed
    batched = _copy(path)
    ev.assign(batched, ids, res)
    each = _copy(path)
    cfg = res.config["events"]
    with each.transaction():
        freq = ev.Frequencies(each.conn)
        for d in ids:
            doc = each.conn.execute("SELECT * FROM documents WHERE id = ?", (d,)).fetchone()
            if doc["duplicate_of"] is None and doc["language"] in (None, "ar"):
                ev.link_one(each.conn, doc, freq, cfg)  # no Deferred: refreshed at once
        ev.finish_copies(each.conn)
    got, want = _state(batched.conn), _state(each.conn)
    assert len(want["events"]) >= 10 and all(e["title"] and e["summary"] for e in want["events"])
    assert got == want


def test_idf_at_gives_the_weights_of_that_moment(analysed):
    path, _ids, _res = analysed
    store = _copy(path)
    freq = ev.Frequencies(store.conn)
    freq.add_document({"w:سفير", "w:طهران"})
    tick = freq.tick
    then = freq.idf("w:")
    before = {t: then(t) for t in ("سفير", "طهران", "ميناء", "هدنه")}
    freq.add_document({"w:سفير", "w:ميناء", "w:هدنه"})
    now = freq.idf("w:")
    assert now("ميناء") != before["ميناء"] and now("طهران") != before["طهران"]  # the counts moved on
    past = freq.idf_at("w:", tick)
    assert {t: past(t) for t in before} == before
