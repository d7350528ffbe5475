"""The HTTP API: every endpoint, the export's record shapes, bad requests, limits, escaping,
uploads, and serving while another connection writes; on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.config import load_config
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items, ingest_paths
from marsad.resources import Resources
from marsad.store import Store
from marsad.store import export as ex
from marsad.web.app import create_app
from marsad.web.background import serving
from tests.backends import BACKENDS, target

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "marsad" / "samples" / "seeds.jsonl"
STATIC = ROOT / "marsad" / "web" / "static"
SCRIPT_TEXT = ("نشر الموقع مقالاً عن الأمن الإلكتروني جاء فيه الوسم <script>alert('x')</script> "
               "ضمن نص المقال، وقال الخبراء إن هذا الوسم يجب أن يظهر نصاً لا أن يُنفَّذ.")


def fill(target: str) -> None:
    """The sample articles and one article carrying markup, ingested into the store at ``target``."""
    store = Store.open(target)
    try:
        ingest_paths(store, [str(SEEDS)], Resources())
        ingest_items(store, [RawArticle(text=SCRIPT_TEXT, origin="test", id="xss", title="<b>عنوان</b>",
                                        source="موقع تجريبي", published="2025-06-01")], Resources())
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def db(backend, tmp_path_factory) -> Iterator[str]:
    """The filled store every read-only test shares (a file, or a PostgreSQL schema)."""
    with target(backend, tmp_path_factory.mktemp("web"), "web.db") as t:
        fill(t)
        yield t


@pytest.fixture()
def own_db(backend, tmp_path) -> Iterator[str]:
    """A filled store of the same backend that one test may change."""
    with target(backend, tmp_path, "own.db") as t:
        fill(t)
        yield t


def local(app, token: bool = True) -> TestClient:
    """A client as the app's own page on this machine: Host 127.0.0.1, and the write token."""
    return TestClient(app, base_url="http://127.0.0.1",
                      headers={"X-Marsad-Token": app.state.policy.token} if token else None)


@pytest.fixture()
def empty_db(backend, tmp_path) -> Iterator[str]:
    with target(backend, tmp_path, "empty.db") as t:
        Store.open(t).close()
        yield t


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return local(create_app(db))


def first(client: TestClient, path: str) -> dict:
    r = client.get(path)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert items, path
    return items[0]


def test_stats_and_sources(client):
    s = client.get("/api/stats").json()
    assert s["documents"] == 6
    assert {x["source"] for x in client.get("/api/sources").json()["items"]} >= {"موقع تجريبي"}


def test_documents_list_paginates_and_filters(client):
    r = client.get("/api/documents", params={"limit": 2}).json()
    assert r["total"] == 6 and len(r["items"]) == 2 and "text" not in r["items"][0]
    r2 = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert not {d["id"] for d in r["items"]} & {d["id"] for d in r2["items"]}
    may = client.get("/api/documents", params={"since": "2025-05-01", "until": "2025-05-31"}).json()
    assert {d["published"][:10] for d in may["items"]} <= {"2025-05-19", "2025-05-20"} and may["total"] == 3
    assert client.get("/api/documents", params={"source": "موقع تجريبي"}).json()["total"] == 1


def test_records_have_the_export_shape(client, db):
    """API records carry every key of their export counterpart, with the same values."""
    store = Store.open(db, readonly=True)
    try:
        data = ex.export_all(store.conn)
    finally:
        store.close()
    doc = data["documents"][0]
    api_doc = client.get(f"/api/documents/{doc['id']}").json()
    assert {k: api_doc[k] for k in doc} == doc
    checks = {"quotes": "/api/quotes?limit=200", "times": "/api/times?limit=200", "events": "/api/events?limit=200",
              "stories": "/api/stories?limit=200", "actions": "/api/actions?limit=200"}
    for section, path in checks.items():
        api_items = client.get(path).json()["items"]
        assert len(api_items) == min(200, len(data[section])), section
        by_key = {(x.get("id"), x.get("doc"), x.get("start")): x for x in api_items}
        for rec in data[section][:200]:
            got = by_key[(rec.get("id"), rec.get("doc"), rec.get("start"))]
            assert {k: got[k] for k in rec} == rec, section
    for ent in data["entities"][:5]:
        got = client.get(f"/api/entities/{ent['id']}").json()
        assert {k: got[k] for k in ent if k != "mentions"} == {k: v for k, v in ent.items() if k != "mentions"}
        assert got["mentions"] == ent["mentions"][: len(got["mentions"])]


def test_document_detail_has_text_and_analysis(client):
    d = client.get("/api/documents/000_33b7f8984ed71b72").json()
    assert d["text"].startswith("بعد اتصال") and d["sentences"]
    for q in d["quotes"]:
        assert d["text"][q["start"]:q["end"]] == q["text"]
    for key in ("mentions", "times", "facts", "actions", "entity_names"):
        assert key in d


def test_event_page_data(client):
    evs = client.get("/api/events").json()
    assert evs["total"] >= 1
    may = [e for e in evs["items"] if (e["date"] or "").startswith("2025-05-19")]
    assert may, [e["date"] for e in evs["items"]]
    ev = client.get(f"/api/events/{may[0]['id']}").json()
    assert len(ev["documents"]) == len(ev["docs"]) >= 2
    assert all(d["published"] and d["lead"] for d in ev["documents"])
    statuses = {f["status"] for f in ev["fact_table"]}
    assert statuses <= {"agree", "conflict", "differ", "single"} and statuses
    for g in ev["quotes_by_speaker"]:
        assert g["quotes"] and all(q["speaker"] == g["speaker"] for q in g["quotes"] if g["speaker"])
    assert isinstance(ev["actions"], list)
    assert client.get("/api/events", params={"since": "2025-05-01"}).json()["total"] >= 1


def test_entities_quotes_times_actions_stories_timeline(client):
    client.get("/api/entities").raise_for_status()
    q = first(client, "/api/quotes")
    assert client.get("/api/quotes", params={"doc": q["doc"]}).json()["total"] >= 1
    t = first(client, "/api/times")
    assert client.get("/api/times", params={"doc": t["doc"]}).json()["items"][0]["doc"] == t["doc"]
    client.get("/api/actions").raise_for_status()
    st = client.get("/api/stories").json()
    if st["items"]:
        assert client.get(f"/api/stories/{st['items'][0]['id']}").json()["events"]
    tl = client.get("/api/timeline").json()
    assert {d["date"] for d in tl["documents"]} >= {"2025-05-19", "2025-02-13"}


def test_entity_page_aliases_roles_quotes_actions_network(own_db):
    """Entity page data on two actors placed by hand into a store of the samples."""
    path = own_db
    store = Store.open(path)
    doc = "000_33b7f8984ed71b72"
    text = store.get_document(doc)["text"]
    a, b = text.index("ترمب"), text.index("بوتين")
    with store.transaction():
        c = store.conn
        c.execute("DELETE FROM action_mentions")
        c.executemany("INSERT INTO entities (id, name, name_ar, type) VALUES (?, ?, ?, 'PERSON')",
                      [("t:a", "A", "ترمب"), ("t:b", "B", "بوتين")])
        c.executemany("INSERT INTO entity_aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
                      [("t:a", "ترمب", "ترمب"), ("t:a", "ترامب", "ترامب"), ("t:b", "بوتين", "بوتين")])
        c.executemany('INSERT INTO mentions (doc_id, start, "end", text, type, entity_id, role, how)'
                      " VALUES (?, ?, ?, ?, 'PERSON', ?, ?, 'kb')",
                      [(doc, a, a + 4, "ترمب", "t:a", "president:US"), (doc, b, b + 5, "بوتين", "t:b", None)])
        c.execute('INSERT INTO action_mentions (doc_id, n, type, source, target, start, "end")'
                  " VALUES (?, 0, 'CONSULT', 't:a', 't:b', ?, ?)", (doc, a, b + 5))
        c.execute("UPDATE quotes SET speaker = 't:b' WHERE doc_id = ?", (doc,))
    store.close()
    client = local(create_app(path))
    e = client.get("/api/entities/t:a").json()
    assert e["aliases"] == ["ترامب", "ترمب"] and e["roles"] == ["president:US"]
    published = client.get(f"/api/documents/{doc}").json()["published"][:10]
    assert e["roles_over_time"] == [{"role": "president:US", "role_ar": "الرئيس (الولايات المتحدة)",
                                     "first": published, "last": published, "mentions": 1}]
    assert e["mentions"] == [{"doc": doc, "start": a, "end": a + 4, "text": "ترمب"}]
    assert [x["target"] for x in e["actions"]] == ["t:b"] and e["actions"][0]["target_name"] == "بوتين"
    nodes = [n["id"] for n in e["network"]["nodes"]]
    assert nodes[:2] == ["t:a", "t:b"]  # the coded action ranks t:b above co-mentioned actors
    edge = next(x for x in e["network"]["edges"] if (x["source"], x["target"]) == ("t:a", "t:b"))
    assert edge["actions"] == 1 and edge["types"] == ["CONSULT"]
    eb = client.get("/api/entities/t:b").json()
    assert eb["quotes"] and all(q["speaker"] == "t:b" for q in eb["quotes"])
    listed = client.get("/api/entities", params={"type": "PERSON"}).json()
    assert {x["id"] for x in listed["items"]} >= {"t:a", "t:b"}
    assert client.get("/api/entities", params={"type": "bad type!"}).status_code == 422
    assert client.get("/api/actions", params={"entity": "t:b"}).json()["total"] == 1


def test_search_endpoint_arabic(client):
    r = client.get("/api/search", params={"q": "ترمب"}).json()
    assert r["total"] == 5 and r["total_is"] == "exact" and r["order"] == "relevance"
    hit = r["items"][0]
    sn = hit["snippet"]
    assert sn["marks"] and all(0 <= a < b <= len(sn["text"]) for a, b in sn["marks"])
    assert client.get("/api/search", params={"q": "اسطنبول"}).json()["total"] >= 1
    q = client.get("/api/search", params={"q": "روسيا", "kind": "quote"}).json()
    assert q["kind"] == "quote"
    assert client.get("/api/search", params={"q": "ترمب", "since": "2025-05-01"}).json()["total"] == 3
    paged = client.get("/api/search", params={"q": "ترمب", "limit": 2, "offset": 2}).json()
    assert paged["total"] == 5 and len(paged["items"]) == 2  # counted apart from the page
    assert not {h["id"] for h in paged["items"]} & {h["id"] for h in r["items"][:2]}


@pytest.mark.parametrize("path", [
    "/api/documents/no-such-doc", "/api/events/no-such-event", "/api/entities/kb:nobody",
    "/api/stories/none", "/api/jobs/none", "/api/documents/%27%20OR%201=1%20--",
])
def test_bad_ids_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path,params", [
    ("/api/documents", {"since": "2025-13-01"}),
    ("/api/documents", {"until": "yesterday"}),
    ("/api/events", {"since": "2025-02-30"}),
    ("/api/search", {"q": "ترمب", "until": "20250101x"}),
    ("/api/search", {"q": "ب" * 501}),
    ("/api/search", {"q": " ".join(["كلمة"] * 40)}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "ترمب", "kind": "everything"}),
    ("/api/documents", {"limit": 0}),
    ("/api/documents", {"limit": 100000}),
    ("/api/documents", {"offset": -1}),
    ("/api/quotes", {"doc": "x" * 1000}),
])
def test_bad_requests_422(client, path, params):
    assert client.get(path, params=params).status_code == 422


def test_script_is_data_not_markup(client):
    d = client.get("/api/documents/xss").json()
    assert "<script>alert('x')</script>" in d["text"]  # stored and returned verbatim, as JSON text
    r = client.get("/")
    assert r.status_code == 200 and 'dir="rtl"' in r.text and 'lang="ar"' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    js = (STATIC / "app.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js, sink


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/quotes", "/api/times",
            "/api/events", "/api/events/{event_id}", "/api/stories", "/api/actions", "/api/search",
            "/api/ingest", "/api/jobs/{job_id}", "/api/timeline"} <= paths
    for p, ops in spec["paths"].items():
        for op in ops.values():
            assert op.get("summary"), p


def _wait(client, job_id: str) -> dict:
    for _ in range(200):
        j = client.get(f"/api/jobs/{job_id}").json()
        if j["state"] in ("done", "error"):
            return j
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_ingest_paste_and_upload(empty_db):
    c = local(create_app(empty_db))
    text = "أعلنت وزارة الزراعة في بيان رسمي اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية."
    r = c.post("/api/ingest", data={"text": text, "source": "وزارة", "published": "2025-01-02"})
    assert r.status_code == 202, r.text
    job = _wait(c, r.json()["id"])
    assert job["state"] == "done" and job["summary"]["new"] == 1 and job["done"] == 1
    assert c.get("/api/search", params={"q": "المزارعين"}).json()["total"] == 1
    files = [("files", ("a.txt", "تقرير عن أسعار القمح في الأسواق المحلية وارتفاعها خلال الأسبوع الماضي.".encode(),
                        "text/plain")),
             ("files", ("../../evil.txt", "خبر آخر عن حالة الطقس المتوقعة في نهاية الأسبوع الحالي والأمطار.".encode(),
                        "text/plain"))]
    r = c.post("/api/ingest", files=files)
    assert r.status_code == 202, r.text
    job = _wait(c, r.json()["id"])
    assert job["summary"]["new"] == 2, job
    assert c.get("/api/search", params={"q": "القمح"}).json()["total"] == 1
    assert c.post("/api/ingest", data={}).status_code == 422
    assert c.post("/api/ingest", data={"text": text, "published": "not-a-date"}).status_code == 422


def test_oversize_request_413(empty_db):
    cfg = load_config()
    cfg["web"]["max_request_bytes"] = 2000
    c = local(create_app(empty_db, Resources(config=cfg)))
    r = c.post("/api/ingest", data={"text": "نص " * 2000})
    assert r.status_code == 413
    r = c.post("/api/ingest", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
    assert r.status_code == 413
    assert c.get("/api/stats").status_code == 200


def test_real_server_keeps_serving_while_another_process_writes(own_db):
    """A writer holding the write lock (as ``marsad ingest`` does) never blocks page reads."""
    path = own_db
    app = create_app(path)
    writer = Store.open(path)
    stop = threading.Event()
    written = []

    def write() -> None:
        i = 0
        while not stop.is_set():
            with writer.transaction():
                ingest_items(writer, [RawArticle(text=f"خبر رقم {i} عن الاقتصاد المحلي ونمو الصادرات الزراعية هذا العام.",
                                                 origin="w", id=f"w{i}")], Resources())
                time.sleep(0.02)  # hold the write transaction open
            written.append(i)
            i += 1

    t = threading.Thread(target=write, daemon=True)
    with serving(app) as url:
        t.start()
        try:
            with httpx.Client(base_url=url, timeout=10) as h:
                assert h.get("/").status_code == 200
                for _ in range(15):
                    for p in ("/api/events", "/api/documents?limit=5", "/api/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86"):
                        assert h.get(p).status_code == 200
        finally:
            stop.set()
            t.join(10)
            writer.close()
    assert written


def test_group_actions_filters_and_arabic_labels(own_db):
    """A protest by a nationality crowd and a bombing with no named perpetrator: coded with
    sectors and Arabic labels, and found by the sector, country and date filters."""
    store = Store.open(own_db)
    try:
        ingest_items(store, [
            RawArticle(text="تظاهر آلاف الفلسطينيين في رام الله ضد إسرائيل.", origin="test", id="grp1",
                       published="2012-06-01"),
            RawArticle(text="مقتل سبعة أشخاص بتفجير انتحاري في بغداد.", origin="test", id="grp2",
                       published="2012-06-02")], Resources())
    finally:
        store.close()
    client = local(create_app(own_db))
    cvl = client.get("/api/actions", params={"sector": "CVL", "since": "2012-01-01", "until": "2012-12-31"}).json()
    protest = next(a for a in cvl["items"] if a["type"] == "PROTEST")
    assert (protest["type_ar"], protest["source_sector_ar"], protest["place_country"]) == ("احتجاج", "مدنيون", "PS")
    iq = client.get("/api/actions", params={"country": "IQ", "type": "ASSAULT"}).json()["items"]
    assert [(a["source"], a["mode_ar"], a["killed"]) for a in iq] == [(None, "هجوم انتحاري", 7)]


def test_filters_take_names_in_any_script(client):
    """entity and speaker filters take an id or any name the entity goes by (#15: بوتين = kb id)."""
    for path, key in (("/api/actions", "entity"), ("/api/quotes", "speaker"), ("/api/events", "entity"),
                      ("/api/documents", "entity")):
        by_id = client.get(path, params={key: "kb:vladimir-putin"}).json()["total"]
        assert by_id > 0, path
        for name in ("بوتين", "فلاديمير بوتين", "Vladimir Putin", "Putin", "بوتن"):  # the last two: KB spellings
            assert client.get(path, params={key: name}).json()["total"] == by_id, (path, name)
    assert client.get("/api/actions", params={"entity": "لا أحد بهذا الاسم"}).json()["total"] == 0


def test_events_by_kind_and_country(client):
    """The samples are phone calls between the American and Russian presidents: the call kind and
    both countries (by code or by an Arabic or English name) find them; other kinds and
    countries find nothing."""
    kinds = client.get("/api/event-kinds").json()["items"]
    assert kinds and {"kind", "label_ar", "events"} <= set(kinds[0])
    call = next(k for k in kinds if k["kind"] == "call")
    assert call["label_ar"] == "اتصال هاتفي"
    calls = client.get("/api/events", params={"kind": "call"}).json()
    assert calls["total"] == call["events"] >= 2
    assert client.get("/api/events", params={"kind": "quake"}).json()["total"] == 0
    everything = client.get("/api/events").json()["total"]
    for country in ("RU", "ru", "روسيا", "Russia", "US"):
        assert 1 <= client.get("/api/events", params={"country": country}).json()["total"] <= everything, country
    assert client.get("/api/events", params={"country": "NZ"}).json()["total"] == 0
    assert client.get("/api/events", params={"country": "أرض لا وجود لها"}).json()["total"] == 0


def test_actions_by_country_in_any_form(client):
    """Actors' countries are stored by name and places' by code: a country given as a code, an
    Arabic or English name, or a city of it finds the same actions."""
    totals = {c: client.get("/api/actions", params={"country": c}).json()["total"]
              for c in ("RU", "ru", "روسيا", "Russia", "موسكو")}
    assert len(set(totals.values())) == 1 and totals["RU"] >= 1, totals
    assert client.get("/api/actions", params={"country": "NZ"}).json()["total"] == 0


def test_events_fastest_growing_first(own_db):
    """sort=growing puts first the event that gained the most outlets in the last day of arrivals:
    here every report but one is made three days old, so the event of the fresh one leads."""
    store = Store.open(own_db)
    try:
        fresh = store.conn.execute("SELECT doc_id, event_id FROM event_docs ORDER BY doc_id LIMIT 1").fetchone()
        with store.transaction():
            store.conn.execute("UPDATE documents SET ingested_at = '2020-01-01T00:00:00Z' WHERE id <> ?", (fresh[0],))
            store.conn.execute("UPDATE documents SET ingested_at = '2020-01-04T00:00:00Z' WHERE id = ?", (fresh[0],))
    finally:
        store.close()
    c = local(create_app(own_db))
    grown = c.get("/api/events", params={"sort": "growing"}).json()
    assert grown["items"][0]["id"] == fresh[1]
    assert grown["total"] == c.get("/api/events").json()["total"]
    assert c.get("/api/events", params={"sort": "fastest"}).status_code == 422
