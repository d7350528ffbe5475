"""Events and stories on the samples: the same three calls and one story whatever the arrival order."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from marsad.ingest.items import RawArticle
from marsad.ingest.run import Ingestor
from marsad.link.events import assign
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import events, stories

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "gold.json").read_text("utf-8"))
ROWS = [json.loads(x) for x in (ROOT / "marsad" / "samples" / "seeds.jsonl").read_text("utf-8").splitlines()]
GOLD_EVENTS = {frozenset(e["docs"]): e["date"] for e in GOLD["events"].values()}


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, res) -> Path:
    """The five samples stored and analysed once, not yet linked."""
    path = tmp_path_factory.mktemp("ev") / "samples.db"
    store = Store.open(path)
    ing = Ingestor(store, res)
    for r in ROWS:
        ing.add(RawArticle(text=r["text"], origin="seeds", id=r["id"], published=r["published"]))
    store.close()
    return path


def _linked(path: Path, order: list[str], res: Resources) -> Store:
    src = sqlite3.connect(path)
    dst = sqlite3.connect(":memory:")
    src.backup(dst)
    src.close()
    dst.row_factory = sqlite3.Row
    dst.isolation_level = None
    store = Store(dst, ":memory:")
    assign(store, order, res)
    return store


def _orders() -> list[tuple[str, ...]]:
    return list(itertools.permutations([r["id"] for r in ROWS]))


def test_events_every_arrival_order(analysed, res):
    for order in _orders():
        store = _linked(analysed, list(order), res)
        evs = events(store.conn)
        got = {frozenset(e["docs"]): e["date"] for e in evs}
        assert got == GOLD_EVENTS, order
        sts = stories(store.conn)
        assert len(sts) == 1, order
        assert sts[0]["events"] == [e["id"] for e in sorted(evs, key=lambda e: e["date"])]
        store.close()


@pytest.fixture(scope="module")
def linked(analysed, res) -> dict:
    store = _linked(analysed, [r["id"] for r in ROWS], res)
    texts = {r["id"]: r["text"] for r in ROWS}
    evs = {e["date"]: e for e in events(store.conn)}
    store.close()
    return {"events": evs, "texts": texts}


def _row(ev: dict, what: str) -> dict:
    rows = [f for f in ev["facts"] if f["what"] == what]
    assert rows, (what, [f["what"] for f in ev["facts"]])
    return rows[0]


def test_events_call_durations_with_sources(linked):
    may = _row(linked["events"]["2025-05-19"], "call duration")
    assert may["values"] == {"000_33b7f8984ed71b72": "more than 2 hours", "002_785cad2e1a822a5b": "more than 2 hours"}
    assert may["agree"] and may["sources"] == 2
    feb = _row(linked["events"]["2025-02-12"], "call duration")
    assert feb["values"] == {"003_da240b10efe9935a": "about 1.5 hours"} and feb["sources"] == 1


def test_events_prisoner_counts(linked):
    may = _row(linked["events"]["2025-05-19"], "prisoners exchanged")
    assert may["values"] == {"000_33b7f8984ed71b72": "1000", "001_d1a393b1c47605d2": "1000",
                             "002_785cad2e1a822a5b": "about 1000"}
    assert may["agree"] is True
    march = _row(linked["events"]["2025-03-18"], "prisoners exchanged")
    assert march["values"] == {"004_3e5401b0e91f3fad": "175"}


def test_events_war_age_conflict(linked):
    row = _row(linked["events"]["2025-05-19"], "war age")
    assert row["values"] == {"000_33b7f8984ed71b72": "3 years", "002_785cad2e1a822a5b": "more than 18 months"}
    assert row["agree"] is False


def test_events_summary_and_title(linked):
    for ev in linked["events"].values():
        summ = ev["summary"]
        assert 3 <= len(summ) <= 5
        assert len({(s["doc"], s["sentence"]) for s in summ}) == len(summ)
        for s in summ:
            assert s["doc"] in ev["docs"]
            assert linked["texts"][s["doc"]][s["start"]:s["end"]] == s["text"]
        assert ev["title"] and len(ev["title"].split()) <= 17
    # the May event draws on more than one outlet
    assert len({s["doc"] for s in linked["events"]["2025-05-19"]["summary"]}) >= 2


def test_word_counts_written_once_a_batch_equal_those_of_one_article_a_batch(analysed, res):
    """The linker keeps a batch's document counts in memory and stores them at its end; a term
    it counted is never read back from the store before then, so one batch of five stores the
    counts, events and stories five batches of one do."""
    ids = [r["id"] for r in ROWS]
    whole = _linked(analysed, ids, res)
    single = _linked(analysed, ids[:1], res)
    for doc_id in ids[1:]:
        assign(single, [doc_id], res)
    got = []
    for store in (whole, single):
        df = sorted(tuple(r) for r in store.conn.execute("SELECT term, df FROM link_df"))
        got.append((df, events(store.conn), stories(store.conn)))
        store.close()
    assert got[0][0] and dict(got[0][0])[""] == len(ids)
    assert max(n for _, n in got[0][0]) == len(ids)  # a word in every report counts five
    assert got[0] == got[1]
