"""Breaking news on constructed data (tests/alerts/articles.py, around NOW): an earthquake six
outlets ran within two hours ranks first; floods three outlets ran over five hours are usual
(the median event gathered three outlets in its first six hours); a week-old story one more
outlet ran today is not breaking. The ranking is a pure function of the store and the time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from marsad.alerts.breaking import breaking, seen_at
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.store import Store
from tests.alerts.articles import NOW, QUAKE, at
from tests.alerts.conftest import cli


def rank(db: str, now: datetime, **kw) -> dict:
    st = Store.open(db, readonly=True)
    try:
        return breaking(st.conn, now, **kw)
    finally:
        st.close()


def event_of(db: str, doc_id: str) -> str:
    st = Store.open(db, readonly=True)
    try:
        return st.conn.execute("SELECT event_id FROM event_docs WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    finally:
        st.close()


def test_a_fast_growing_event_ranks_first(news_db):
    quake, flood, talks = (event_of(news_db, d) for d in ("quake-0", "flood-0", "talks-0"))
    res = rank(news_db, NOW)  # the defaults: 6 h window, 7 days, at least 3 outlets and twice the usual
    assert res["usual_growth"] == 3 and res["measured"] == 5  # quake 6, talks 4, flood 3, dam 1, expo 1
    assert [x["id"] for x in res["items"]] == [quake]
    top = res["items"][0]
    assert top["recent"] == top["outlets"] == 6 and top["score"] == 2.0
    assert top["recent_outlets"][0] == "الجزيرة نت" and top["first_seen"] == at(2) and top["updated"] == at(0.5)
    assert top["title"].startswith("زلزال بقوة 5.8 درجات")
    every = rank(news_db, NOW, min_outlets=1, min_score=0)["items"]
    assert [(x["id"], x["recent"], x["outlets"]) for x in every] == [(quake, 6, 6), (flood, 3, 3), (talks, 1, 5)]
    assert [x["score"] for x in every] == [2.0, 1.0, round(1 / 3, 3)]


def test_it_is_a_function_of_the_store_and_the_time(news_db):
    assert rank(news_db, NOW) == rank(news_db, NOW)
    assert rank(news_db, NOW + timedelta(days=1))["items"] == []  # nothing joined in the last 6 hours
    earlier = rank(news_db, NOW - timedelta(hours=1), min_outlets=1, min_score=0)["items"]
    quake = next(x for x in earlier if x["id"] == event_of(news_db, "quake-0"))
    assert quake["recent"] == 4  # 10:00, 10:12, 10:30, 10:48: the later ones had not come yet
    two_days_ago = rank(news_db, NOW - timedelta(days=2), min_outlets=1, min_score=0)["items"]
    assert [x["id"] for x in two_days_ago] == [event_of(news_db, "expo-0")]  # run exactly then
    assert rank(news_db, NOW - timedelta(hours=49), min_outlets=1, min_score=0)["items"] == []
    three_days = rank(news_db, NOW - timedelta(days=3) + timedelta(hours=4), min_outlets=1, min_score=0)["items"]
    assert [(x["id"], x["recent"]) for x in three_days] == [(event_of(news_db, "talks-0"), 4)]


def test_an_outlet_counts_once(own_db):
    """A second article by an outlet already reporting the event adds no outlet."""
    st = Store.open(own_db)
    try:
        ingest_items(st, [RawArticle(text=QUAKE, origin="test:again", id="quake-again",
                                     url="https://www.aljazeera.net/news/quake-again", published=at(0.2))], Resources())
    finally:
        st.close()
    top = rank(own_db, NOW)["items"][0]
    assert top["id"] == event_of(own_db, "quake-0") and top["recent"] == top["outlets"] == 6


def test_when_a_report_is_seen():
    # stored later than published (an archive, a slow feed): when it was published
    assert seen_at("2026-01-01T00:00:00Z", "2025-06-10T10:00:00Z") == datetime(2025, 6, 10, 10, tzinfo=UTC)
    # published "later" than stored (a wrong clock): when it was stored
    assert seen_at("2025-06-10T10:00:00Z", "2025-06-11T09:00:00+03:00") == datetime(2025, 6, 10, 10, tzinfo=UTC)
    # a date without a time: the end of that day, or when it was stored if that was earlier
    assert seen_at("2026-01-01T00:00:00Z", "2025-06-10") == datetime(2025, 6, 10, 23, 59, 59, tzinfo=UTC)
    assert seen_at("2025-06-10T08:00:00Z", "2025-06-10") == datetime(2025, 6, 10, 8, tzinfo=UTC)
    assert seen_at("2025-06-10T08:00:00Z", "not a date") == datetime(2025, 6, 10, 8, tzinfo=UTC)


def test_breaking_command(news_db):
    r = cli("breaking", "--db", news_db, "--at", "2025-06-10T12:00:00Z")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("at 2025-06-10T12:00:00Z: usual growth 3 outlet(s) in 6 h")
    assert "+6 of 6 outlets" in lines[1] and "زلزال بقوة 5.8 درجات" in lines[1]
    assert len(lines) == 3
    r = cli("breaking", "--db", news_db, "--at", "2025-06-10T12:00:00Z", "--min-score", "0", "--min-outlets", "1",
            "--json")
    import json

    assert [x["recent"] for x in json.loads(r.stdout)["items"]] == [6, 3, 1]
    assert cli("breaking", "--db", news_db, "--at", "noon").exit_code == 2


def test_an_archive_imported_today_is_not_read_back(news_db):
    """The articles were stored today but published in June 2025: a week later than the last of
    them nothing can be breaking, and none of their events is even read (the breaking box of the
    events page at 10,000 imported articles read every report on each load, bench/bench_pages.py).
    Asked earlier, every event with a report seen since is a candidate, and none published only
    days before (the samples, of February to May)."""
    from marsad.alerts import store as S

    st = Store.open(news_db, readonly=True)
    try:
        later = NOW + timedelta(days=30)
        assert S.recent_events(st.conn, (later - timedelta(days=7, hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ")) == set()
        assert breaking(st.conn, later)["items"] == [] and breaking(st.conn, later)["measured"] == 0
        for since in (NOW - timedelta(days=30), NOW - timedelta(hours=30), NOW - timedelta(hours=3)):
            seen = {r[0] for r in st.conn.execute(
                "SELECT ed.event_id, d.ingested_at, d.published FROM event_docs ed JOIN documents d ON d.id = ed.doc_id")
                if seen_at(r[1], r[2]) >= since}
            got = S.recent_events(st.conn, since.strftime("%Y-%m-%dT%H:%M:%SZ"))
            assert seen and seen <= got, since  # every event with a report seen since is a candidate
            old = {r[0] for r in st.conn.execute(
                "SELECT ed.event_id FROM event_docs ed JOIN documents d ON d.id = ed.doc_id GROUP BY ed.event_id"
                " HAVING max(d.published) < ?", ((since - timedelta(days=2)).strftime("%Y-%m-%d"),))}
            assert not got & old, since  # and none published only days before
    finally:
        st.close()
