"""Long articles: every stage is linear in length, so a page of many articles is analysed to its
end with what each part would give alone; past `pipeline.max_analysed_chars` the article is
stored whole, analysed up to a line end before the limit, and the rest is marked and reported.
(Behaviour, not time: `make bench` prints seconds per 100 KB.)"""

from __future__ import annotations

import json
from pathlib import Path

from marsad import pipeline
from marsad.config import load_config
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import export_all
from marsad.types import Document

SEEDS = Path(__file__).resolve().parents[1] / "marsad" / "samples" / "seeds.jsonl"
ARTICLE = json.loads(SEEDS.read_text(encoding="utf-8").splitlines()[4])["text"].strip()


def _found(text: str, res: Resources):
    doc = pipeline.prepare(Document("long", text), res)
    return doc, pipeline.analyse(doc, res)


def _signature(items, start: int, end: int) -> list[tuple]:
    return sorted((x.start - start, x.end - start, x.text) for x in items if start <= x.start and x.end <= end)


def test_a_page_of_copies_finds_in_the_last_copy_what_it_finds_in_the_first():
    res = Resources()
    copies = 30  # ~150 KB, one line per copy
    text = "\n\n".join([ARTICLE] * copies)
    doc, a = _found(text, res)
    assert not pipeline.capped(doc)
    step = len(ARTICLE) + 2
    first, last = (0, len(ARTICLE)), ((copies - 1) * step, (copies - 1) * step + len(ARTICLE))
    for items in (a.mentions, a.times, a.quotes, a.facts):
        assert _signature(items, *first), "the sample article yields mentions, times, quotes and facts"
        assert _signature(items, *first) == _signature(items, *last)
    assert len([q for q in a.quotes]) >= copies  # quotes are found in every copy


def test_past_the_limit_the_text_is_stored_whole_and_the_rest_marked(tmp_path):
    cfg = load_config()
    cfg["pipeline"]["max_analysed_chars"] = 20_000
    res = Resources(config=cfg)
    text = "\n".join([ARTICLE] * 12)  # ~60 KB
    store = Store.open(tmp_path / "l.db")
    summary = ingest_items(store, [RawArticle(text=text, origin="long.txt", id="long")], res)
    assert summary.new == ["long"]
    assert any("analysed only up to character" in w for _, w in summary.warnings)
    data = export_all(store.conn)
    doc = data["documents"][0]
    assert len(doc["text"]) == len(text)  # nothing lost
    beyond = [r for r in doc["removed"] if r["reason"].startswith("not analysed")]
    assert len(beyond) == 1 and beyond[0]["end"] == len(text)
    cut = beyond[0]["start"]
    assert 10_000 <= cut <= 20_000 and text[cut - 1] == "\n"  # at a line end before the limit
    assert data["quotes"] and all(q["end"] <= cut for q in data["quotes"])
    assert all(s["end"] <= cut for s in doc["sentences"])
    store.close()
