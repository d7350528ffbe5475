"""Watchlists: the commands (add, list, show, remove and their refusals), names resolved in any
script, what matches (entities, the search's query, places; all or any) on real Arabic news,
and the cursor: each matching document alerted once, a killed collection leaving nothing
behind, two collectors never making one alert twice. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from marsad.alerts import store as S
from marsad.alerts.deliver import Alerts
from marsad.alerts.watchlists import Watchlist, load, matches, matching_events, resolve
from marsad.ingest.items import RawArticle
from marsad.ingest.run import Ingestor, ingest_items
from marsad.resources import Resources
from marsad.search.query import Filters, search
from marsad.store import Store
from tests.alerts.conftest import cli, quick
from tests.backends import target

PUTIN = "kb:vladimir-putin"
TRUMP = "kb:donald-trump"

# An article written for this test: a new report naming Putin, stored after the watchlist was made.
NEW_CALL = """بوتين وأردوغان يبحثان هاتفيا استئناف مفاوضات إسطنبول

بحث الرئيس الروسي فلاديمير بوتين مع الرئيس التركي رجب طيب أردوغان في اتصال هاتفي مساء الأربعاء استئناف المفاوضات المباشرة بين روسيا وأوكرانيا في إسطنبول. وقال الكرملين في بيان إن بوتين شكر أردوغان على استعداد تركيا لاستضافة جولة جديدة من المحادثات. من جهتها، قالت الرئاسة التركية إن أردوغان شدد على ضرورة التوصل إلى وقف دائم لإطلاق النار في أقرب وقت."""


def event_of(conn, doc_id: str) -> str:
    return conn.execute("SELECT event_id FROM event_docs WHERE doc_id = ?", (doc_id,)).fetchone()[0]


def open_(where: str, readonly: bool = False) -> Store:
    return Store.open(where, readonly=readonly)


# -- the commands -----------------------------------------------------------------------------------

def test_add_list_show_remove(own_db):
    r = cli("watchlist", "add", "calls", "--entity", "بوتين", "--entity", "Trump", "--db", own_db)
    assert r.exit_code == 0, r.output
    assert f"بوتين -> {PUTIN}" in r.output and f"Trump -> {TRUMP}" in r.output  # resolved, both scripts
    assert "feed: /api/watchlists/calls.atom" in r.output
    again = cli("watchlist", "add", "calls", "--query", "x", "--db", own_db)
    assert again.exit_code == 2 and "a watchlist named calls already exists" in again.output

    r = cli("watchlist", "add", "ukraine", "--place", "أوكرانيا", "--webhook", "http://127.0.0.1:9/hook",
            "--secret", "s3cret", "--db", own_db)
    assert r.exit_code == 0, r.output
    listed = cli("watchlist", "list", "--db", own_db)
    assert listed.exit_code == 0 and "calls  (no alerts)" in listed.output and "ukraine" in listed.output
    as_json = json.loads(cli("watchlist", "list", "--json", "--db", own_db).stdout)
    by_name = {w["name"]: w for w in as_json}
    assert by_name["ukraine"]["place"] == {"given": "أوكرانيا", "id": "kb:UA"} and by_name["ukraine"]["signed"]
    assert "s3cret" not in json.dumps(as_json)  # the secret is never printed
    assert [e["id"] for e in by_name["calls"]["entities"]] == [PUTIN, TRUMP]

    shown = cli("watchlist", "show", "calls", "--json", "--db", own_db)
    st = open_(own_db, readonly=True)
    try:
        expected = {event_of(st.conn, d) for d in ("000_33b7f8984ed71b72", "001_d1a393b1c47605d2",
                                                      "003_da240b10efe9935a", "004_3e5401b0e91f3fad", "kremlin")}
    finally:
        st.close()
    assert {e["id"] for e in json.loads(shown.stdout)["items"]} == expected

    assert cli("watchlist", "remove", "calls", "--db", own_db).exit_code == 0
    gone = cli("watchlist", "remove", "calls", "--db", own_db)
    assert gone.exit_code == 2 and "no watchlist named calls" in gone.output
    assert [w["name"] for w in json.loads(cli("watchlist", "list", "--json", "--db", own_db).stdout)] == ["ukraine"]


@pytest.mark.parametrize("args, says", [
    ([], "needs at least one of --entity, --query and --place"),
    (["--entity", "  "], "needs at least one of"),
    (["--entity", "Putin", "--webhook", "ftp://example.org/x"], "--webhook must be an http:// or https:// URL"),
    (["--entity", "Putin", "--webhook", "file:///etc/passwd"], "--webhook must be an http:// or https:// URL"),
    (["--entity", "Putin", "--secret", "s"], "--secret signs webhook deliveries: give --webhook too"),
    (["--query", "كلمة " * 200], "--query: query longer than 500 characters"),
])
def test_add_refuses_what_cannot_work(tmp_path, args, says):
    r = cli("watchlist", "add", "w", *args, "--db", str(tmp_path / "x.db"))
    assert r.exit_code == 2 and says in r.output, r.output


@pytest.mark.parametrize("name", ["", "   ", "a/b", "x" * 101])
def test_names_a_feed_url_can_carry(tmp_path, name):
    r = cli("watchlist", "add", name, "--entity", "Putin", "--db", str(tmp_path / "x.db"))
    assert r.exit_code == 2 and "a watchlist name is 1 to 100 characters" in r.output


def test_messages_in_arabic(tmp_path):
    from click.testing import CliRunner

    from marsad.cli import main

    r = CliRunner().invoke(main, ["watchlist", "add", "w", "--db", str(tmp_path / "x.db")], env={"MARSAD_LANG": "ar"})
    assert r.exit_code == 2 and "تحتاج قائمة المتابعة" in r.output


def test_an_unknown_name_is_kept_and_warned(own_db):
    r = cli("watchlist", "add", "later", "--entity", "زيد عبيدات", "--db", own_db)
    assert r.exit_code == 0 and "names no entity known yet" in r.output
    st = open_(own_db)
    try:
        wl = load(st.conn, "later")
        assert wl.entities == [{"given": "زيد عبيدات", "id": None}] and matches(st.conn, wl) == {}
    finally:
        st.close()


# -- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("بوتين", PUTIN), ("بوتن", PUTIN), ("فلاديمير بوتين", PUTIN), ("Putin", PUTIN), ("Vladimir Putin", PUTIN),
    (PUTIN, PUTIN), ("ترمب", TRUMP), ("ترامب", TRUMP), ("دونالد ترامب", TRUMP), ("Trump", TRUMP),
    ("Donald Trump", TRUMP), ("إسطنبول", "kb:istanbul"), ("اسطنبول", "kb:istanbul"), ("Istanbul", "kb:istanbul"),
    ("أوكرانيا", "kb:UA"), ("اوكرانيا", "kb:UA"), ("Ukraine", "kb:UA"), ("القاهرة", "kb:cairo"), ("Cairo", "kb:cairo"),
])
def test_names_resolve_in_arabic_and_latin(news_db, name, key):
    st = open_(news_db, readonly=True)
    try:
        assert resolve(st.conn, name) == key
    finally:
        st.close()


def test_names_resolve_before_any_article(backend, tmp_path):
    """A watchlist made on an empty store: the knowledge base knows the names."""
    with target(backend, tmp_path, "empty.db") as t:
        st = Store.open(t)
        try:
            assert resolve(st.conn, "Putin") == resolve(st.conn, "بوتين") == PUTIN
            assert resolve(st.conn, "no such person at all") is None
        finally:
            st.close()


# -- what matches -----------------------------------------------------------------------------------

def events(conn, wl: Watchlist, **kw) -> set[str]:
    return {e["id"] for e in matching_events(conn, wl, limit=1000, **kw)[1]}


def test_entity_query_and_place_each_match(news_db):
    st = open_(news_db, readonly=True)
    try:
        c = st.conn
        samples = {event_of(c, d) for d in ("000_33b7f8984ed71b72", "003_da240b10efe9935a", "004_3e5401b0e91f3fad")}
        kremlin, talks, quake = event_of(c, "kremlin"), event_of(c, "talks-0"), event_of(c, "quake-0")
        # entities: Putin (written بوتين, بوتن, فلاديمير بوتين in the articles)
        wl = Watchlist("p", entities=[{"given": "Putin", "id": resolve(c, "Putin")}])
        assert events(c, wl) == samples | {kremlin}
        # a query: the search's own matching (no hamza typed, إطلاق in the texts), event by event
        wl = Watchlist("q", query="وقف اطلاق النار")
        hits = search(c, "وقف اطلاق النار", "document", Filters(), limit=100)["hits"]
        assert hits and events(c, wl) == {event_of(c, h["id"]) for h in hits}
        assert talks in events(c, wl) and quake not in events(c, wl)
        # a place by its mentions: Cairo; a country by mentions or actions placed there
        assert events(c, Watchlist("c", place={"given": "القاهرة", "id": None})) == {talks}
        ukraine = events(c, Watchlist("u", place={"given": "Ukraine", "id": None}))
        assert samples | {kremlin} <= ukraine and talks not in ukraine
        assert events(c, Watchlist("t", place={"given": "تركيا", "id": None})) >= {quake}
    finally:
        st.close()


def test_all_and_any(news_db):
    st = open_(news_db, readonly=True)
    try:
        c = st.conn
        putin = [{"given": "بوتين", "id": None}]
        both = Watchlist("b", entities=putin, place={"given": "إسطنبول", "id": None})
        either = Watchlist("e", entities=putin, place={"given": "القاهرة", "id": None}, match="any")
        only_putin = events(c, Watchlist("p", entities=putin))
        assert event_of(c, "kremlin") in events(c, both) and events(c, both) <= only_putin
        assert events(c, both) < only_putin  # not every call was about Istanbul
        assert events(c, either) == only_putin | {event_of(c, "talks-0")}
        # why each matched is kept
        hits = matches(c, either)
        assert hits["kremlin"].entities == {PUTIN} and not hits["kremlin"].place
        assert hits["talks-0"].place and not hits["talks-0"].entities
    finally:
        st.close()


def test_copies_are_reports_not_new_matches(news_db):
    """A copy of a stored article (another outlet's) counts as an outlet of the event, and is not
    a match of its own: the original is."""
    st = open_(news_db, readonly=True)
    try:
        c = st.conn
        wl = Watchlist("q", query="زلزال ملاطية")
        assert set(matches(c, wl)) == {"quake-0"}
        (ev,) = matching_events(c, wl)[1]
        assert len(ev["sources"]) == 6 and [d["id"] for d in ev["documents"]] == ["quake-0"]
    finally:
        st.close()


# -- the cursor ---------------------------------------------------------------------------------------

def alerts_of(conn, name: str) -> list:
    return S.alert_log(conn, name, limit=1000)


def test_each_matching_document_alerted_once(own_db):
    assert cli("watchlist", "add", "now", "--entity", "Putin", "--db", own_db).exit_code == 0
    assert cli("watchlist", "add", "all", "--entity", "Putin", "--backfill", "--db", own_db).exit_code == 0
    st = open_(own_db)
    try:
        runner = Alerts(st, quick())
        made = runner.collect()
        assert {a["watchlist"] for a in made} == {"all"} and len(made) == 4  # "now" starts after what is stored
        assert all(a["status"] == "logged" for a in made)  # no webhook: kept in the log only
        assert runner.collect() == []
        ingest_items(st, [RawArticle(text=NEW_CALL, origin="test:new", id="new-call", published="2025-06-11")],
                     Resources())
        made = runner.collect()
        assert sorted(a["watchlist"] for a in made) == ["all", "now"]
        assert {a["event"] for a in made} == {event_of(st.conn, "new-call")}
        assert runner.collect() == []
        body = json.loads(S.alert_body(st.conn, alerts_of(st.conn, "now")[0]["id"]))
        assert body["documents"][0]["id"] == "new-call" and body["matched"]["entities"][0]["id"] == PUTIN
        assert body["event"]["url"] == f"http://marsad.test/#/event/{body['event']['id']}"
        top = S.frontier(st.conn)
        assert {w.name: w.last_seq for w in map(lambda n: load(st.conn, n), ("now", "all"))} == {"now": top, "all": top}
    finally:
        st.close()


def test_a_document_waiting_for_the_linkers_holds_the_cursor(own_db):
    """Matching waits for the event: an article stored but not yet linked (an ingest still
    running) is taken once it is linked, not skipped."""
    assert cli("watchlist", "add", "now", "--entity", "Putin", "--db", own_db).exit_code == 0
    st = open_(own_db)
    try:
        runner = Alerts(st, quick())
        ing = Ingestor(st, Resources())
        ing.add(RawArticle(text=NEW_CALL, origin="test:new", id="new-call", published="2025-06-11"))
        before = load(st.conn, "now").last_seq
        assert runner.collect() == [] and load(st.conn, "now").last_seq == before
        ing.link()
        assert [a["event"] for a in runner.collect()] == [event_of(st.conn, "new-call")]
    finally:
        st.close()


def test_a_killed_collection_leaves_nothing_and_the_next_one_makes_every_alert(own_db, monkeypatch):
    assert cli("watchlist", "add", "all", "--entity", "Putin", "--backfill", "--db", own_db).exit_code == 0

    class Killed(BaseException):
        pass

    st = open_(own_db)
    try:
        real = st.conn.executemany

        def dies(sql, rows):
            if sql.startswith("INSERT INTO alerts"):
                real(sql, rows)  # the alerts are written...
                raise Killed  # ...and the process dies before COMMIT
            return real(sql, rows)

        st.conn.executemany = dies
        with pytest.raises(Killed):
            Alerts(st, quick()).collect()
        st.conn.executemany = real
        assert alerts_of(st.conn, "all") == [] and load(st.conn, "all").last_seq == 0
        made = Alerts(st, quick()).collect()
        assert len(made) == 4 and len(alerts_of(st.conn, "all")) == 4
    finally:
        st.close()


def test_two_collectors_never_make_one_alert_twice(own_db):
    assert cli("watchlist", "add", "all", "--entity", "Putin", "--backfill", "--db", own_db).exit_code == 0
    one, two = open_(own_db), open_(own_db)
    try:
        stale = load(two.conn, "all")  # read before the other run moved the cursor
        assert len(Alerts(one, quick()).collect()) == 4
        assert Alerts(two, quick()).collect_one(stale, S.frontier(two.conn)) == []
        keys = [a["delivery_key"] for a in alerts_of(one.conn, "all")]
        assert len(keys) == len(set(keys)) == 4
        assert len({a["event_id"] for a in alerts_of(one.conn, "all")}) == 4
    finally:
        one.close()
        two.close()


def test_removing_a_watchlist_removes_its_alerts(own_db):
    assert cli("watchlist", "add", "all", "--entity", "Putin", "--backfill", "--db", own_db).exit_code == 0
    st = open_(own_db)
    try:
        Alerts(st, quick()).collect()
        assert st.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 4
    finally:
        st.close()
    assert cli("watchlist", "remove", "all", "--db", own_db).exit_code == 0
    st = open_(own_db, readonly=True)
    try:
        assert st.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0
    finally:
        st.close()


def test_on_postgresql_only_settled_documents_are_taken(backend, own_db):
    """Writers on PostgreSQL commit side by side (a later arrival number may commit first), so
    the cursor moves only over documents stored alerts.settle_seconds ago; SQLite's writers take
    turns and need no wait."""
    st = open_(own_db)
    try:
        runner = Alerts(st, quick(settle_seconds=30))
        if backend == "sqlite":
            assert runner._settled_before() is None
        else:
            assert runner._settled_before() is not None
        assert S.frontier(st.conn, "2000-01-01T00:00:00Z") == 0  # nothing stored that long ago
        assert S.frontier(st.conn, "9999-01-01T00:00:00Z") == S.frontier(st.conn) > 0
    finally:
        st.close()
