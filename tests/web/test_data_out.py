"""Data out over HTTP (#19, item 6): one list shape with ``next`` on every list endpoint, CSV of
every list (Arabic intact in Excel's reading, nested values as JSON), the events list as an Atom
feed read back by feedparser, strong ETags with 304, gzip, and API docs with no CDN."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from fastapi.testclient import TestClient

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.store import Store
from marsad.web.app import create_app
from marsad.web.feed import events_feed
from marsad.web.listing import csv_bytes
from tests.backends import BACKENDS, target
from tests.web.test_api import fill, local

BOM = b"\xef\xbb\xbf"
TRUMP = "ترمب"
# Every list endpoint, with a query that finds at least one item in the samples.
LISTS = {
    "/api/documents": {}, "/api/entities": {}, "/api/quotes": {}, "/api/times": {}, "/api/actions": {},
    "/api/events": {}, "/api/stories": {}, "/api/sources": {}, "/api/search": {"q": TRUMP},
}


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def db(backend, tmp_path_factory) -> Iterator[str]:
    with target(backend, tmp_path_factory.mktemp("out"), "out.db") as t:
        fill(t)
        yield t


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return local(create_app(db))


def key(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


# -- one list shape --------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(LISTS))
def test_every_list_has_one_shape_and_next_walks_all_pages(client, path):
    """items/total/limit/offset/next everywhere; following ``next`` from a page of 2 visits
    every item exactly once and ends on a page whose ``next`` is null."""
    first = client.get(path, params={**LISTS[path], "limit": 2})
    assert first.status_code == 200, first.text
    body = first.json()
    assert {"items", "total", "limit", "offset", "next"} <= set(body), path
    assert body["total"] >= 1 and body["limit"] == 2 and body["offset"] == 0, path
    seen, page, pages = [], body, 0
    while True:
        seen += [key(x) for x in page["items"]]
        pages += 1
        if page["next"] is None:
            break
        nxt = urlsplit(page["next"])
        assert not nxt.scheme and not nxt.netloc and nxt.path == path, page["next"]  # relative, same list
        query = parse_qs(nxt.query)
        assert query["limit"] == ["2"] and query["offset"] == [str(page["offset"] + 2)]
        assert all(query[k] == [v] for k, v in LISTS[path].items())  # same query
        page = client.get(page["next"]).json()
    assert len(seen) == len(set(seen)) == body["total"], path
    assert pages == -(-body["total"] // 2)


def test_next_keeps_the_filters(client):
    may = {"since": "2025-05-01", "until": "2025-05-31"}
    page = client.get("/api/documents", params={**may, "limit": 1}).json()
    query = parse_qs(urlsplit(page["next"]).query)
    assert page["total"] == 3 and (query["since"], query["until"]) == (["2025-05-01"], ["2025-05-31"])
    last = client.get("/api/documents", params={**may, "limit": 1, "offset": 2}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_search_page_is_a_list_with_its_query(client):
    r = client.get("/api/search", params={"q": TRUMP, "kind": "quote"}).json()
    assert "hits" not in r and r["kind"] == "quote" and r["query"] == TRUMP and isinstance(r["items"], list)


def test_sources_is_a_list_not_a_bare_array(client):
    r = client.get("/api/sources").json()
    assert r["total"] == len(r["items"]) == 1 and r["items"][0] == {"source": "موقع تجريبي", "documents": 1}


# -- CSV ------------------------------------------------------------------------------------

def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(BOM)  # Excel takes UTF-8 only with the mark
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("path", sorted(LISTS))
def test_every_list_as_csv(client, path):
    params = {**LISTS[path], "limit": 200}
    items = client.get(path, params=params).json()["items"]
    r = client.get(path, params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="marsad-[\w-]+\.csv"', r.headers["content-disposition"])
    rows = read_csv(r.content)
    assert len(rows) == len(items) and list(rows[0]) == list(items[0])


def test_csv_keeps_arabic_and_nests_json(client):
    events = client.get("/api/events").json()["items"]
    r = client.get("/api/events", params={"format": "csv"})
    rows = read_csv(r.content)
    assert [x["title"] for x in rows] == [e["title"] for e in events]
    assert any(re.search("[\u0600-\u06ff]", x["title"]) for x in rows)
    for row, ev in zip(rows, events, strict=True):
        assert json.loads(row["docs"]) == ev["docs"] and json.loads(row["summary"]) == ev["summary"]
    docs = read_csv(client.get("/api/documents", params={"source": "موقع تجريبي", "format": "csv"}).content)
    assert [(d["id"], d["source"], d["title"]) for d in docs] == [("xss", "موقع تجريبي", "<b>عنوان</b>")]


def test_csv_by_accept_header_and_json_by_default(client):
    by_param = client.get("/api/quotes", params={"format": "csv"})
    by_accept = client.get("/api/quotes", headers={"Accept": "text/csv"})
    assert by_accept.headers["content-type"].startswith("text/csv") and by_accept.content == by_param.content
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for accept in (browser, "application/json", "text/csv;q=0.5, application/json", "*/*"):
        assert client.get("/api/quotes", headers={"Accept": accept}).headers["content-type"] == "application/json"
    assert client.get("/api/quotes", headers={"Accept": "text/csv"}, params={"format": "json"}).json()["items"]
    assert client.get("/api/quotes", params={"format": "xlsx"}).status_code == 422
    paged = client.get("/api/quotes", params={"format": "csv", "limit": 1})
    assert paged.headers["link"] == '</api/quotes?format=csv&limit=1&offset=1>; rel="next"'
    assert int(paged.headers["x-total-count"]) > 1


def test_csv_cells_that_spreadsheets_would_run_are_quoted_out():
    rows = read_csv(csv_bytes([{"a": "=HYPERLINK(\"http://x\")", "b": -3, "c": "+1", "d": ["=x"], "e": None}]))
    assert rows == [{"a": "'=HYPERLINK(\"http://x\")", "b": "-3", "c": "'+1", "d": '["=x"]', "e": ""}]


# -- Atom -----------------------------------------------------------------------------------

def test_events_atom_feed(client):
    r = client.get("/api/events.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title and feed.feed.updated
    events = client.get("/api/events").json()["items"]
    assert [e.title for e in feed.entries] == [ev["title"] for ev in events]
    for entry, ev in zip(feed.entries, events, strict=True):
        assert entry.link == f"http://127.0.0.1/#/event/{ev['id']}" and entry.id == entry.link
        assert entry.updated.startswith(ev["date"][:10]) and entry.summary
        # the link's route is the app's event page, and the event is there
        assert client.get(f"/api/events/{entry.link.rsplit('/', 1)[1]}").status_code == 200
    assert any(s.rel == "self" for s in feed.feed.links)


def test_events_atom_takes_the_list_filters(client):
    for params in ({"since": "2025-05-01"}, {"until": "2025-03-31"}, {"entity": "بوتين"}, {"limit": 1}):
        ids = [ev["id"] for ev in client.get("/api/events", params=params).json()["items"]]
        feed = feedparser.parse(client.get("/api/events.atom", params=params).content)
        assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == ids, params
    assert client.get("/api/events.atom", params={"since": "tomorrow"}).status_code == 422


def test_atom_escapes_markup_and_drops_what_xml_cannot_hold():
    body = events_feed([{"id": "e/1 ?&", "title": "<b>خبر</b> & \x01تفاصيل", "date": "2025-05-19T08:30:00+03:00",
                         "summary": [{"text": "جملة ]]> أولى"}, "ثانية"], "sources": ["وكالة <x>"]},
                        {"id": "e2", "title": None, "date": None, "summary": []}],
                       title="marsad", base="http://127.0.0.1:8000", self_url="http://127.0.0.1:8000/api/events.atom")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    one, two = feed.entries
    assert one.title == "<b>خبر</b> & تفاصيل" and one.summary == "جملة ]]> أولى ثانية"
    assert one.link == "http://127.0.0.1:8000/#/event/e%2F1%20%3F%26" and one.updated == "2025-05-19T05:30:00Z"
    assert [t.term for t in one.tags] == ["وكالة <x>"]
    assert two.title == "e2" and two.updated == "1970-01-01T00:00:00Z"


# -- ETag and gzip --------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/events", "/api/events/ev-none", "/api/stats", "/api/events.atom",
                                  "/api/events?format=csv", "/static/app.js", "/openapi.json"])
def test_strong_etag_and_304(client, path):
    r = client.get(path)
    if r.status_code == 404:
        assert "etag" not in r.headers  # only answers that are the thing itself
        return
    tag = r.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)  # strong: no W/
    assert client.get(path).headers["etag"] == tag  # a hash of the body: same body, same tag
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert again.headers["x-content-type-options"] == "nosniff"  # the security headers still there
    assert client.get(path, headers={"If-None-Match": f'"other", W/{tag}'}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etag_follows_the_data(backend, tmp_path):
    with target(backend, tmp_path, "etag.db") as path:
        fill(path)
        client = local(create_app(path))
        tag = client.get("/api/documents").headers["etag"]
        store = Store.open(path)
        try:
            ingest_items(store, [RawArticle(text="خبر جديد عن افتتاح مكتبة عامة في وسط المدينة أمس بحضور الوزير.",
                                            origin="t", id="new", published="2025-07-01")], Resources())
        finally:
            store.close()
        r = client.get("/api/documents", headers={"If-None-Match": tag})
        assert r.status_code == 200 and r.headers["etag"] != tag and r.json()["items"][0]["id"] == "new"


def test_gzip_when_accepted(client):
    plain = client.get("/api/events", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and len(plain.content) > 1024
    with client.stream("GET", "/api/events", headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip" and "Accept-Encoding" in r.headers["vary"]
        assert int(r.headers["content-length"]) == len(raw) < len(plain.content) / 2
        zipped_tag = r.headers["etag"]
    assert gzip.decompress(raw) == plain.content
    assert zipped_tag != plain.headers["etag"]  # two representations, two strong tags
    assert client.get("/api/events", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped_tag}).status_code == 304
    small = client.get("/api/stats", headers={"Accept-Encoding": "gzip"})
    assert len(small.content) < 1024 and "content-encoding" not in small.headers
    css = client.get("/static/app.js", headers={"Accept-Encoding": "gzip"})
    assert css.headers["content-encoding"] == "gzip"


def test_writes_and_limits_still_guarded(client):
    assert client.post("/api/ingest", data={}, headers={"X-Marsad-Token": "wrong"}).status_code == 403
    assert TestClient(client.app, base_url="http://evil.example").get("/api/events").status_code == 400


# -- API docs offline ---------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_use_only_bundled_assets(client, page):
    r = client.get(page)
    assert r.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert refs and all(u.startswith("/") and not u.startswith("//") for u in refs), refs
    for u in refs:
        assert client.get(u).status_code == 200, u
    assert "http" not in r.headers["content-security-policy"]  # this origin only
    assert "'unsafe-inline'" not in client.get("/").headers["content-security-policy"]  # the app's CSP unchanged


def test_openapi_describes_the_list_shape_csv_and_feed(client):
    spec = client.get("/openapi.json").json()
    for path in LISTS:
        op = spec["paths"][path]["get"]
        assert "text/csv" in op["responses"]["200"]["content"], path
        assert any(p["name"] == "format" for p in op["parameters"]), path
    assert "next" in spec["components"]["schemas"]["Page"]["properties"]
    assert "application/atom+xml" in spec["paths"]["/api/events.atom"]["get"]["responses"]["200"]["content"]
