"""Every article gets its outlet: by URL from lang/ar/data/outlets.json (host and, where outlets
share one, path prefix), else by the name the input or page gives, else that name, else the
URL's registrable domain; a wire agency credited in the opening or closing lines is recorded.
Stored in documents.source (display name), .outlet (id) and .wire, exported and served alike."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from babel import Locale

from marsad.ingest.items import RawArticle
from marsad.ingest.offload import _document
from marsad.ingest.outlets import Outlet, name_key, outlets, registrable_domain
from marsad.ingest.run import Ingestor, ingest_items, ingest_paths
from marsad.lang.ar import load_json
from marsad.store import Store
from marsad.store import export as ex
from marsad.text.normalize import normalize
from marsad.web import queries
from tests.backends import BACKENDS, migrated_from_before
from tests.conftest import SHARED, sample_text, skip_missing_service

BODY = sample_text("001_d1a393b1c47605d2")
OTHERS = [sample_text(stem) for stem in ("000_33b7f8984ed71b72", "003_da240b10efe9935a", "004_3e5401b0e91f3fad")]
DEV_SETS = ("events_dev_a", "events_dev_b")
TYPES = {"state", "private", "public", "wire", "party", "other"}
COUNTRIES = set(Locale("en").territories)


def resolve(url=None, name=None) -> Outlet:
    return outlets().resolve(url, name)


# -- the data file -----------------------------------------------------------------------------

def test_the_data_file_names_at_least_100_outlets_with_the_fields_each_needs():
    data = load_json("outlets.json")
    rows = data["outlets"]
    known = [o for o in rows if not o.get("name_from_domain")]
    assert len(known) >= 100
    assert sum(o["type"] == "wire" for o in known) >= 20
    ids = [o["id"] for o in rows]
    assert len(ids) == len(set(ids))
    domains = [d for o in rows for d in o["domains"]]
    assert len(domains) == len(set(domains)), "a domain (with its path) belongs to one outlet"
    names = [normalize(o["name_ar"]) for o in rows if o["name_ar"]]
    assert len(names) == len(set(names)), "display names tell outlets apart"
    for o in rows:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", o["id"]), o["id"]
        assert o["type"] in TYPES, o
        assert o["country"] is None or o["country"] in COUNTRIES, o
        assert o["name_latin"] and not re.search("[\u0600-\u06ff]", o["name_latin"]), o
        if o["name_ar"] is None:
            assert o.get("name_from_domain"), o
        else:  # Arabic letters, or a brand written alike in both scripts (963+)
            assert re.search("[\u0621-\u064a]", o["name_ar"]) or o["name_ar"] == o["name_latin"], o
        assert o["domains"], o
        for d in o["domains"]:
            assert d == d.lower() and "://" not in d and not d.startswith("www.") and not d.endswith("/"), d
            assert registrable_domain(d), d
        for form in o.get("credits", []):
            assert normalize(form).strip("() ") and o["type"] in {"wire", "state"}, (o["id"], form)


# -- by URL ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "oid"), [
    ("https://www.aljazeera.net/news/2025/5/14/x", "aljazeera"),
    ("https://aljazeera.net/news", "aljazeera"),
    ("https://www.aljazeeramubasher.net/news/politics/2025/5/14/x", "aljazeera-mubasher"),
    ("https://www.aljazeera.com/news/2025/5/14/x", "aljazeera-en"),
    ("https://www.bbc.com/arabic/articles/c0000", "bbc-arabic"),
    ("https://www.bbc.co.uk/arabic/middleeast-1", "bbc-arabic"),
    ("https://www.bbc.com/arabic", "bbc-arabic"),
    ("https://arabic.rt.com/middle_east/1-x/", "rt-arabic"),
    ("https://www.france24.com/ar/20250514-x", "france24-ar"),
    ("https://www.dw.com/ar/x/a-72577232", "dw-ar"),
    ("https://www.aa.com.tr/ar/x/1", "anadolu"),
    ("https://arabic.cnn.com/middle-east/article/2025/05/14/x", "cnn-arabic"),
    ("https://arabic.euronews.com/2025/08/03/x", "euronews-ar"),
    ("https://english.aawsat.com/x", "aawsat-en"),
    ("https://aawsat.com/node/1", "aawsat"),
    ("https://gate.ahram.org.eg/News/1.aspx", "ahram-gate"),
    ("https://www.ahram.org.eg/News/1.aspx", "ahram"),
    ("http://m.youm7.com/story/2025/5/14/x/1", "youm7"),
    ("HTTPS://WWW.SKYNEWSARABIA.COM:443/world/1", "skynewsarabia"),
    ("https://www.spa.gov.sa/N1", "spa"),
    ("https://trt.global/arabi/article/17c249e0e495", "trt-arabi"),
    ("rudaw.net/arabic/kurdistan/1", "rudaw-ar"),
    # a proxy or an archive in front of the page: the page's own outlet
    ("http://158.69.42.207:8011/https/www.dw.com/ar/x/a-1", "dw-ar"),
    ("https://web.archive.org/web/20250101000000/https://www.alarabiya.net/arab-and-world/1", "alarabiya"),
])
def test_a_known_outlet_is_found_by_its_url(url, oid):
    got = resolve(url, "ignored when the URL is known")
    assert (got.id, got.how) == (oid, "url")
    assert got.name == (outlets().by_id[oid]["name_ar"])


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.bbc.com/news/world-middle-east-1", "bbc.com"),  # BBC Arabic only under /arabic
    ("https://www.bbc.com/arabicfoo/1", "bbc.com"),  # a path prefix ends at a slash
    ("https://www.france24.com/fr/moyen-orient/1", "france24.com"),
    ("https://www.rt.com/news/1-x/", "rt.com"),  # RT Arabic is arabic.rt.com
    ("https://news.example-news.com/a/1", "example-news.com"),
    ("https://www.example.co.uk/x", "example.co.uk"),
    ("https://someone.blogspot.com/2025/05/x.html", "someone.blogspot.com"),
])
def test_an_unknown_site_gives_its_registrable_domain(url, domain):
    assert resolve(url) == Outlet(domain, None, "domain")


@pytest.mark.parametrize("url", [None, "", "file:///tmp/page.html", "http://localhost:8000/x", "not a url"])
def test_no_host_no_outlet(url):
    assert resolve(url) == Outlet(None)


# -- by name -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "oid"), [
    ("Al Jazeera", "aljazeera"),
    ("الجزيرة نت", "aljazeera"),
    ("CNN بالعربية", "cnn-arabic"),
    ("france24", "france24-ar"),
    ("FRANCE 24", "france24-ar"),
    ("Asharq Al-Awsat", "aawsat"),
    ("سكاي نيوز عربية | الرئيسية", "skynewsarabia"),  # a title-like name: its one known part
    ("www.hespress.com", "hespress"),  # trafilatura's hostname when a page names no site
    ("صحيفة الرياض", "alriyadh"),  # a generic word before the name
    ("إندبندنت عربية", "independent-arabia"),
    ("اندبندنت عربيه", "independent-arabia"),  # spelling variants normalise alike
])
def test_a_known_outlet_is_found_by_the_name_a_page_gives(name, oid):
    got = resolve(None, name)
    assert (got.id, got.how) == (oid, "name")


@pytest.mark.parametrize("name", [
    "وكالة الأنباء",  # a generic phrase is no outlet (not الأنباء, a Kuwaiti daily)
    "موقع الوادي",
    "bbc News",
    "مصر تايمز",  # a name the data file only read off a domain is never matched
])
def test_an_unknown_name_is_kept_as_given(name):
    assert resolve(None, name) == Outlet(name, None, "given")


def test_the_url_wins_over_the_name_and_the_name_over_the_domain():
    assert resolve("https://www.aljazeera.net/x", "Sky News Arabia").id == "aljazeera"
    assert resolve("https://unknown-site.example/x", "Sky News Arabia").id == "skynewsarabia"
    assert resolve("https://unknown-site.example/x", "موقع الوادي") == Outlet("موقع الوادي", None, "given")


def test_a_name_with_markup_is_cleaned_before_it_is_matched_or_kept():
    assert resolve(None, "<b>Al Jazeera</b><script>alert(1)</script>").id == "aljazeera"
    assert resolve(None, "&lt;i&gt;موقع الوادي&lt;/i&gt;\u202e").name == "موقع الوادي"


# -- wire credits ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wire"), [
    ("بيروت (أ ف ب) - أعلن الجيش اللبناني اليوم انتشار وحداته في الجنوب.", "afp"),
    ("باريس - أ.ف.ب: ارتفعت أسعار النفط في التعاملات الآسيوية.", "afp"),
    ("الرياض ـ واس\nأعلنت وزارة الداخلية اليوم نتائج التحقيق.", "spa"),
    ("أنقرة/ الأناضول\nقال وزير الخارجية التركي إن بلاده تدعم الحوار.", "anadolu"),
    ("ذكرت وكالة الأنباء السعودية (واس) أن ولي العهد استقبل الرئيس.", "spa"),
    ("برلين (د ب أ) - قالت الحكومة الألمانية إنها ستزيد المساعدات.", "dpa"),
    ("الكويت (كونا) - استقبل ولي العهد رئيس الوزراء.", "kuna"),
    ("الرباط (و م ع) - ترأس الملك مجلسا وزاريا.", "map"),
    ("قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل.\n(رويترز)", "reuters"),
    ("واشنطن\nقال مسؤولون إن المحادثات ستستأنف.\nوأضافوا أن الوفدين سيلتقيان.\n(رويترز)", "reuters"),
    ("قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل.\nالمصدر: وكالة الصحافة الفرنسية", "afp"),
    # no credit: a word that contains one, a word that reads like one, a citation by one word
    ("اتسعت رقعة الاحتجاجات الواسعة في المدينة.", None),
    ("ومع ذلك قال الوزير إن الاتفاق قائم.", None),
    ("في آب الماضي وقع الزلزال الأول.", None),
    ("وقالت رويترز إن المحادثات ستستأنف.", None),
])
def test_a_wire_credit_in_the_opening_or_closing_lines_is_found(text, wire):
    assert outlets().wire(text) == wire


def test_a_credit_in_the_middle_of_a_long_text_is_not_the_copys_origin():
    middle = BODY + "\nبيروت (أ ف ب) - أعلن الجيش.\n" + BODY
    assert outlets().wire(middle) is None
    assert outlets().wire("بيروت (أ ف ب) - " + BODY) == "afp"


# -- through ingest, into the store, the export and the API records -----------------------------

def test_ingest_stores_outlet_and_wire_and_export_and_api_carry_them(res, tmp_path):
    store = Store.open(tmp_path / "x.db")
    try:
        items = [
            RawArticle(text="بيروت (أ ف ب) - " + BODY, origin="a", id="a", url="https://www.aljazeera.net/news/1"),
            RawArticle(text=OTHERS[0], origin="b", id="b", url="https://news.example-news.com/a/1"),
            RawArticle(text=OTHERS[1], origin="c", id="c", source="<b>Reuters</b>"),
            RawArticle(text=OTHERS[2], origin="d", id="d"),
        ]
        s = ingest_items(store, items, res)
        assert sorted(s.new) == ["a", "b", "c", "d"]
        want = {"a": ("الجزيرة نت", "aljazeera", "afp"), "b": ("example-news.com", None, None),
                "c": ("رويترز", "reuters", None), "d": (None, None, None)}
        got = {d["id"]: (d["source"], d["outlet"], d["wire"]) for d in ex.documents(store.conn, with_text=False)}
        assert got == want
        _, api = queries.list_documents(store.conn, {}, 10, 0)
        assert {d["id"]: (d["source"], d["outlet"], d["wire"]) for d in api} == want
        one = queries.doc_record(store.conn, store.get_document("a"), with_text=False)
        assert (one["outlet"], one["wire"]) == ("aljazeera", "afp")
        # a new version of an article is resolved again
        Ingestor(store, res).add(RawArticle(text="الرياض - واس\n" + BODY, origin="a2", id="a",
                                            url="https://www.aljazeera.net/news/1"))
        row = store.get_document("a")
        assert (row["version"], row["outlet"], row["wire"]) == (2, "aljazeera", "spa")
    finally:
        store.close()


@pytest.mark.parametrize(("site", "url", "want"), [
    ("&lt;b&gt;سكاي نيوز عربية&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "", ("سكاي نيوز عربية", "skynewsarabia")),
    ("&lt;script&gt;alert(1)&lt;/script&gt;موقع &lt;i&gt;الوادي&lt;/i&gt;", "", ("موقع الوادي", None)),
    ("Whatever", "https://www.hespress.com/x-1.html", ("هسبريس", "hespress")),
])
def test_a_saved_page_gets_its_outlet_and_a_marked_up_site_name_is_stored_clean(res, tmp_path, site, url, want):
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n") if p.strip())
    canon = f"<link rel='canonical' href='{url}'><meta property='og:url' content='{url}'>" if url else ""
    html = (f"<html><head><title>خبر</title>{canon}<meta property='og:site_name' content='{site}'>"
            f"</head><body><article>{paragraphs}</article></body></html>")
    (tmp_path / "page.html").write_text(html, "utf-8")
    store = Store.open(tmp_path / "x.db")
    try:
        s = ingest_paths(store, [str(tmp_path / "page.html")], res)
        doc = store.get_document(s.new[0])
        assert (doc["source"], doc["outlet"]) == want
        assert doc["url"] == (url or None)
    finally:
        store.close()


def test_the_dask_workers_resolve_the_outlet_as_the_writer_does():
    item = RawArticle(text="بيروت (أ ف ب) - " + BODY, origin="x", url="https://arabic.rt.com/news/1")
    doc = _document(item)
    assert (doc.source, doc.outlet, doc.wire) == ("آر تي عربي", "rt-arabic", "afp")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_from_before_gets_empty_outlet_and_wire(backend, tmp_path, monkeypatch):
    """m010 on a database made by the previous schema: old documents keep their source, no outlet."""
    insert = ("INSERT INTO documents (id, source, text, content_hash, ingested_at) VALUES (?,?,?,?,?)",
              ("old", "الجزيرة", BODY, "h", "2025-01-01T00:00:00Z"))
    with migrated_from_before(backend, tmp_path, monkeypatch, "m010_outlets", insert) as new:
        rec = ex.documents(new.conn)[0]
        assert (rec["source"], rec["outlet"], rec["wire"]) == ("الجزيرة", None, None)


# -- offline, and the development sets ----------------------------------------------------------

def test_the_registrable_domain_needs_no_network():
    code = """
import socket, urllib.request
def refuse(*a, **k):
    raise AssertionError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
urllib.request.urlopen = refuse
from marsad.ingest.outlets import registrable_domain
print(registrable_domain("https://a.b.example.co.uk/x"), registrable_domain("https://x.gov.sa/y"))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["example.co.uk", "x.gov.sa"]


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_set_reports_all_get_a_named_outlet(name):
    corpus = SHARED / "data" / name / "corpus.jsonl"
    if not corpus.exists():
        skip_missing_service(f"{corpus} not present (../shared)")
    rows = [json.loads(line) for line in corpus.read_text("utf-8").splitlines() if line.strip()]
    got = [resolve(r.get("url"), r.get("source")) for r in rows]
    known = sum(o.id is not None for o in got) / len(rows)
    # The data file holds outlets known in general (names checked), none added for these sets:
    # 55% (dev_a) and 43% (dev_b) of their reports come from one of them; the rest are named by
    # their registrable domain.
    assert known >= 0.40, f"{name}: {known:.3f} of reports have an outlet from the data file"
    assert all(o.name for o in got), "every report with a URL has a named outlet"
    assert not any(re.search(r"[<>]", o.name) for o in got)


def test_name_keys_ignore_spacing_case_and_punctuation():
    assert name_key("France 24") == name_key("france24") == name_key("FRANCE-24")
    assert name_key("الجزيرة نت") == name_key("الجزيره  نت")
