"""Over HTTP: a watchlist's Atom feed, read back by feedparser (entries link to the app's event
pages, newest matching article first), the watchlists list (no webhook address, no secret),
and breaking news as a list (JSON, CSV) and as a feed. On SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import quote

import feedparser
import pytest
from fastapi.testclient import TestClient

from marsad.store import Store
from marsad.web.app import create_app
from tests.alerts.articles import NOW
from tests.alerts.conftest import cli

BASE = "http://127.0.0.1"
AT = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def client(news_db) -> TestClient:
    for args in (["calls", "--entity", "بوتين", "--entity", "Trump"], ["غزة", "--place", "القاهرة"],
                 ["secret", "--entity", "Putin", "--webhook", "https://hooks.example.org/abc?token=t0ps3cret",
                  "--secret", "hmac-key-value"]):
        r = cli("watchlist", "add", *args, "--backfill", "--db", news_db)
        assert r.exit_code == 0, r.output
    return TestClient(create_app(news_db), base_url=BASE)


def event_of(db: str, doc_id: str) -> str:
    st = Store.open(db, readonly=True)
    try:
        return st.conn.execute("SELECT event_id FROM event_docs WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    finally:
        st.close()


def test_watchlist_feed_is_atom_a_reader_parses(client, news_db):
    r = client.get("/api/watchlists/calls.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "marsad (مرصد): calls" and feed.feed.language == "ar"
    docs = ["kremlin", "000_33b7f8984ed71b72", "004_3e5401b0e91f3fad", "003_da240b10efe9935a"]
    expected = [f"{BASE}/#/event/{quote(event_of(news_db, d), safe='')}" for d in docs]
    assert [e.link for e in feed.entries] == expected  # newest matching article first
    assert [e.id for e in feed.entries] == expected
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True) and stamps[0] == "2025-06-09T10:00:00Z"
    kremlin = feed.entries[0]
    assert "<script>" in kremlin.title  # the title as text: escaped in the XML, read back as written
    assert b"<script>" not in r.content  # ...never markup in the document


def test_arabic_name_feed_and_unknown_one(client, news_db):
    r = client.get("/api/watchlists/" + quote("غزة") + ".atom")
    feed = feedparser.parse(r.content)
    assert r.status_code == 200 and not feed.bozo
    (entry,) = feed.entries
    assert entry.link == f"{BASE}/#/event/{event_of(news_db, 'talks-0')}" and entry.title.startswith("وفود تصل القاهرة")
    assert {t.term for t in entry.tags} == {"بي بي سي عربي", "فرانس 24", "سكاي نيوز عربية", "العربية", "وكالة الأناضول"}
    assert client.get("/api/watchlists/nope.atom").status_code == 404


def test_watchlists_list_hides_webhook_and_secret(client):
    r = client.get("/api/watchlists")
    assert r.status_code == 200
    body = r.json()
    assert {w["name"] for w in body["items"]} >= {"calls", "غزة", "secret"} and body["next"] is None
    assert "hooks.example.org" not in r.text and "t0ps3cret" not in r.text and "hmac-key-value" not in r.text
    secret = next(w for w in body["items"] if w["name"] == "secret")
    assert secret["webhook"] is True and secret["signed"] is True
    assert secret["feed"] == "/api/watchlists/secret.atom"
    assert client.get("/api/watchlists", params={"format": "csv"}).text.startswith("\ufeffname,")


def test_breaking_list_csv_and_feed(client, news_db):
    quake = event_of(news_db, "quake-0")
    r = client.get("/api/breaking", params={"at": AT})
    assert r.status_code == 200
    body = r.json()
    assert [x["id"] for x in body["items"]] == [quake] and body["usual_growth"] == 3
    assert body["items"][0]["recent"] == 6 and body["at"] == AT
    every = client.get("/api/breaking", params={"at": AT, "min_outlets": 1, "min_score": 0}).json()["items"]
    assert [x["id"] for x in every] == [quake, event_of(news_db, "flood-0"), event_of(news_db, "talks-0")]
    csv = client.get("/api/breaking", params={"at": AT, "format": "csv"}).text
    assert csv.startswith("\ufeff") and quake in csv
    feed = feedparser.parse(client.get("/api/breaking.atom", params={"at": AT}).content)
    assert not feed.bozo and feed.entries[0].link == f"{BASE}/#/event/{quake}"
    assert feed.entries[0].updated == "2025-06-10T11:30:00Z"  # the last outlet that joined
    assert client.get("/api/breaking", params={"at": "yesterday"}).status_code == 422
    assert client.get("/api/breaking", params={"hours": 0}).status_code == 422
    assert client.get("/api/breaking").json()["items"] == []  # today (the test clock): nothing new


def test_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/watchlists", "/api/watchlists/{name}.atom", "/api/breaking", "/api/breaking.atom"} <= set(paths)
