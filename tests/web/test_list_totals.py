"""List pages count their totals with a query of their own (bench/bench_pages.py: counting over
the ordered list cost a tenth of a second per list at 10,000 articles): the totals, orders and
per-row counts must be what the lists themselves hold, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from marsad.store import Store
from marsad.web.app import create_app
from tests.backends import BACKENDS, migrated_from_before, target
from tests.web.test_api import fill, local


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory) -> Iterator[str]:
    with target(request.param, tmp_path_factory.mktemp("totals"), "totals.db") as t:
        fill(t)
        yield t


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return local(create_app(db))


def whole(client: TestClient, path: str, **params) -> tuple[int, list[dict]]:
    """The total a list reports and its items read page by page (two at a time)."""
    items, offset, total = [], 0, None
    while True:
        got = client.get(path, params={**params, "limit": 2, "offset": offset}).json()
        total = got["total"] if total is None else total
        assert got["total"] == total
        items += got["items"]
        if not got["next"]:
            return total, items
        offset += 2


def test_the_entities_list_counts_each_entitys_mentions_and_documents(db, client):
    total, items = whole(client, "/api/entities")
    store = Store.open(db, readonly=True)
    try:
        c = store.conn
        assert total == len(items) == c.execute("SELECT count(*) FROM entities").fetchone()[0]
        for e in items:
            assert e["mention_count"] == c.execute("SELECT count(*) FROM mentions WHERE entity_id = ?",
                                                   (e["id"],)).fetchone()[0]
            assert e["doc_count"] == c.execute("SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?",
                                               (e["id"],)).fetchone()[0]
    finally:
        store.close()
    keys = [(-e["mention_count"], e["id"]) for e in items]
    assert keys == sorted(keys) and len({e["id"] for e in items}) == total  # most mentioned first, no repeats


@pytest.mark.parametrize("params", [{}, {"sort": "largest"}, {"sort": "growing"}, {"sort": "oldest"},
                                    {"min_sources": 2}, {"sort": "largest", "min_sources": 2},
                                    {"country": "EG"}, {"country": "مصر", "sort": "largest"}])
def test_the_events_total_is_the_number_of_events_listed(client, params):
    total, items = whole(client, "/api/events", **params)
    assert total == len(items) == len({e["id"] for e in items}), params
    if params.get("min_sources"):
        assert all(e["source_count"] >= params["min_sources"] for e in items)


def test_a_country_filter_finds_the_events_naming_its_places(db, client):
    """The events listed under a country are those with a report naming one of its actors or
    places (asked of the store directly), for every country the store's entities have."""
    store = Store.open(db, readonly=True)
    try:
        c = store.conn
        countries = [r[0] for r in c.execute("SELECT DISTINCT country FROM entities WHERE country IS NOT NULL")]
        expected = {k: sorted({r[0] for r in c.execute(
            "SELECT ed.event_id FROM entities en JOIN mentions m ON m.entity_id = en.id"
            " JOIN event_docs ed ON ed.doc_id = m.doc_id WHERE en.country = ?", (k,))}) for k in countries}
    finally:
        store.close()
    assert countries
    for k, events in expected.items():
        total, items = whole(client, "/api/events", country=k)
        assert total == len(events) and sorted(e["id"] for e in items) == events, k


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_from_before_counts_documents_from_the_entity_and_document_index(backend, tmp_path, monkeypatch):
    rows = [("INSERT INTO documents (id, text, content_hash, ingested_at) VALUES (?,?,?,?)",
             ("d1", "نص", "h1", "2025-03-15T00:00:00Z")),
            ("INSERT INTO entities (id, name, type) VALUES (?,?,?)", ("kb:x", "X", "PER")),
            ("INSERT INTO mentions (doc_id, entity_id, start, \"end\", text, type) VALUES (?,?,?,?,?,?)",
             ("d1", "kb:x", 0, 2, "نص", "PER"))]
    with migrated_from_before(backend, tmp_path, monkeypatch, "m015_mentions_entity_doc", *rows) as new:
        c = new.conn
        assert c.execute("SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?", ("kb:x",)).fetchone()[0] == 1
        if "postgresql" not in str(getattr(c, "dialect", "sqlite")):
            plan = " ".join(r[3] for r in c.execute(
                "EXPLAIN QUERY PLAN SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?", ("kb:x",)))
            assert "COVERING INDEX mentions_entity_doc" in plan, plan
