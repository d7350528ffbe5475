"""Search whose work does not grow with the archive: date filters served by the full-text
index (publication year and month keys), ranking over the newest matches of a very common
word, and totals counted or estimated within a bound."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import marsad.search.query as Q
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.search.keys import day_keys, index_text, keyed_words, range_keys, skeleton
from marsad.search.query import Filters, search
from tests.backends import BACKENDS, migrated_from_before, open_store

TEXT = ("أعلنت وزارة الزراعة {} عن خطة لدعم {} مزارعي القمح في {} المناطق الريفية خلال {} الموسم المقبل،"
        " وقال المتحدث باسم الوزارة إن الخطة تشمل {} قروضا ميسرة.")


def _articles(days: list[str]) -> list[RawArticle]:
    # a number in every few words: no two articles share a shingle, so none is a duplicate
    return [RawArticle(text=TEXT.format(*(1000 * i + k for k in range(5))), origin=f"a:{i}", id=f"a{i:02d}",
                       published=day) for i, day in enumerate(days)]


def test_day_keys_and_the_keys_of_a_range():
    assert day_keys("2024-03-05T10:00:00Z") == day_keys("2024-03-05") == "y2024 m202403 d20240305"
    assert day_keys(None) == day_keys("") == day_keys("أمس") == day_keys("2024-03") == ""
    assert range_keys("2024-11-28", "2025-02-02", 1900, 2100) == [
        "d20241128", "d20241129", "d20241130", "m202412", "m202501", "d20250201", "d20250202"]
    assert range_keys("2023-01-01", "2025-12-31", 1900, 2100) == ["y2023", "y2024", "y2025"]
    assert range_keys("2024-12-30", None, 1900, 2026) == ["d20241230", "d20241231", "y2025", "y2026"]
    assert range_keys(None, "1901-02-01", 1900, 2100) == ["y1900", "m190101", "d19010201"]
    assert range_keys("2024-03-05", "2024-03-04", 1900, 2100) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_date_filters_find_exactly_the_articles_of_those_days(backend, tmp_path):
    start = date(2023, 11, 28)
    days = [(start + timedelta(days=17 * i)).isoformat() for i in range(30)] + [None, None]
    with open_store(backend, tmp_path, "d.db") as store:
        assert len(ingest_items(store, _articles(days), Resources()).new) == len(days)
        ranges = [("2024-01-01", "2024-12-31"), ("2024-02-14", "2024-03-02"), ("2024-12-31", None),
                  (None, "2024-01-15"), ("2025-01-01", "2025-03-31"), ("2026-01-01", None), (None, None)]
        for since, until in ranges:
            want = sorted(f"a{i:02d}" for i, d in enumerate(days)
                          if (since or until) is None or (d and (since or "") <= d <= (until or "9999")))
            res = search(store.conn, "القمح", filters=Filters(since=since, until=until), limit=100)
            assert sorted(h["id"] for h in res["hits"]) == want, (since, until)
            assert res["total"] == len(want) and res["total_is"] == "exact"


def test_a_very_common_word_comes_newest_first_with_a_bounded_total(tmp_path, monkeypatch):
    """SQLite: past RANK_WINDOW matches the hits come newest first (no bm25 over every match);
    the total is counted up to COUNT_CAP ("at_least" beyond), and under a filter the index does
    not hold, estimated past FILTER_SCAN ("about")."""
    with open_store("sqlite", tmp_path, "w.db") as store:
        days = [f"2024-05-{d:02d}" for d in range(1, 13)]
        ingest_items(store, _articles(days), Resources())
        whole = search(store.conn, "القمح", limit=50)
        assert (whole["total"], whole["total_is"], whole["order"]) == (12, "exact", "relevance")
        monkeypatch.setattr(Q, "RANK_WINDOW", 4)
        monkeypatch.setattr(Q, "COUNT_CAP", 8)
        monkeypatch.setattr(Q, "FILTER_SCAN", 5)
        res = search(store.conn, "القمح", limit=3)
        assert res["order"] == "newest" and [h["id"] for h in res["hits"]] == ["a11", "a10", "a09"]
        assert (res["total"], res["total_is"]) == (8, "at_least")
        page3 = search(store.conn, "القمح", limit=3, offset=6)
        assert [h["id"] for h in page3["hits"]] == ["a05", "a04", "a03"]
        # a date range is held by the index: counted there
        dated = search(store.conn, "القمح", filters=Filters(since="2024-05-03", until="2024-05-09"), limit=50)
        assert (dated["total"], dated["total_is"], dated["order"]) == (7, "exact", "newest")
        assert [h["id"] for h in dated["hits"]] == [f"a{i:02d}" for i in range(8, 1, -1)]
        # an outlet filter is not: five are looked up, the rest estimated from them
        outlet = search(store.conn, "القمح", filters=Filters(source="fixture"), limit=50)
        assert outlet["total_is"] == "about"
        rare = search(store.conn, "الريفية القمح قروضا", limit=50)
        assert rare["order"] == "newest"
        one = search(store.conn, str(1000 * 7 + 2), limit=50)  # a number only one article has
        assert (one["total"], one["total_is"], one["order"]) == (1, "exact", "relevance")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_from_before_gets_publication_days_in_its_index(backend, tmp_path, monkeypatch):
    body = index_text("الكرملين يعلن نتائج المحادثات")
    rows = [("INSERT INTO documents (id, text, content_hash, ingested_at, published) VALUES (?,?,?,?,?)",
             ("d1", "الكرملين يعلن نتائج المحادثات", "h1", "2024-03-15T00:00:00Z", "2024-03-05")),
            ("INSERT INTO search_rows (id, kind, ref, doc_id) VALUES (?,?,?,?)", (1, "document", "d1", "d1")),
            ("INSERT INTO search_documents (rowid, title, body) VALUES (?,?,?)", (1, "", body)),
            *(("INSERT INTO search_terms (surface, key, skel) VALUES (?,?,?)", (w, k, skeleton(w)))
              for w, k in keyed_words("الكرملين يعلن"))]
    with migrated_from_before(backend, tmp_path, monkeypatch, "m016_search_days", *rows) as new:
        def found(**kw):
            return [h["id"] for h in search(new.conn, "الكرملين", filters=Filters(**kw))["hits"]]
        assert found() == ["d1"]
        assert found(since="2024-03-01", until="2024-03-31") == ["d1"]
        assert found(since="2024-04-01") == [] and found(until="2024-02-29") == []


def test_an_empty_date_range_finds_nothing(tmp_path):
    with open_store("sqlite", tmp_path, "e.db") as store:
        ingest_items(store, _articles(["2024-05-01"]), Resources())
        res = search(store.conn, "القمح", filters=Filters(since="2024-05-02", until="2024-05-01"))
        assert res["hits"] == [] and res["total"] == 0
