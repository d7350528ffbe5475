"""The web app in a real headless Chromium (Debian ``chromium``) against a real uvicorn server:
events page, an event from the samples with its sources and quotes, an Arabic search, a
document with its sentence highlighted, an uploaded article, and a <script> rendered as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items, ingest_paths
from marsad.resources import Resources
from marsad.store import Store
from tests.backends import BACKENDS, target
from tests.conftest import missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SEEDS = Path(__file__).resolve().parents[2] / "marsad" / "samples" / "seeds.jsonl"
XSS = ("مقال تجريبي عن أمن المواقع يتضمن الوسم <script>window.__xss = 1; alert('x')</script> "
       "و<img src=x onerror=\"window.__xss=2\"> داخل النص، ويجب أن يظهر نصاً فقط.")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=missing_service(f"{CHROMIUM} not installed (apt-get install chromium; .ci/run installs it)"))


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory):
    """The app served over the samples, on a SQLite file or a PostgreSQL schema."""
    from marsad.web.app import create_app
    from marsad.web.background import serving

    with target(request.param, tmp_path_factory.mktemp("browser"), "b.db") as path:
        store = Store.open(path)
        ingest_paths(store, [str(SEEDS)], Resources())
        ingest_items(store, [RawArticle(text=XSS, origin="t", id="xss", title="<i>عنوان</i>",
                                        published="2025-06-02")], Resources())
        store.close()
        with serving(create_app(path)) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    p = browser.new_page(locale="ar")
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    yield p
    p.close()


def test_events_page_then_event_sources_and_quotes(site, page):
    page.goto(site + "/")
    page.wait_for_selector("#events .event-item")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator(".timeline svg circle.event").count() >= 3
    items = page.locator("#events .event-item")
    assert items.count() >= 3
    # Open the 19 May 2025 call: chosen by its date as shown on the page.
    may = items.filter(has_text="2025-05-19").first
    may.locator("h3 a").click()
    page.wait_for_selector("#sources .source")
    assert page.locator("#sources .source").count() >= 2
    published = page.locator("#sources .source .meta").all_inner_texts()
    assert any("2025-05-19" in t for t in published)
    # hovering a date gives it for Arabic readers, Gregorian and Hijri (19 May 2025 = 21 Dhu al-Qadah 1446)
    hover = page.locator("#sources .source .meta span[title]").first.get_attribute("title")
    assert "مايو" in hover and "١٤٤٦" in hover and "ذو القعدة" in hover, hover
    assert page.locator("#quotes .speaker").count() >= 1
    assert page.locator("#quotes blockquote").count() >= 1
    # A quote links to its sentence highlighted in the original article.
    page.locator("#quotes blockquote a").first.click()
    page.wait_for_selector("#hl-span")
    span = page.inner_text("#hl-span")
    assert span and span in page.inner_text("#doc-text")
    assert page.locator("#hl.hl-sent").count() == 1


def test_arabic_search(site, page):
    page.goto(site + "/#/search")
    page.wait_for_selector("#search-form")
    page.fill("#q", "ترمب")
    page.press("#q", "Enter")
    page.wait_for_selector("#hits .hit")
    assert page.locator("#hits .hit").count() == 5
    marks = page.locator("#hits mark").all_inner_texts()
    assert "ترامب" in marks or "لترامب" in marks  # a spelling the query did not use
    page.goto(site + "/#/search?q=" + "%D8%A7%D8%B3%D8%B7%D9%86%D8%A8%D9%88%D9%84")  # اسطنبول
    page.wait_for_selector("#hits .hit")
    assert "إسطنبول" in page.locator("#hits mark").all_inner_texts()
    page.locator("#hits .hit a").first.click()
    page.wait_for_selector("#hl-span")
    assert page.inner_text("#hl-span") == "إسطنبول"


def test_script_in_article_renders_as_text(site, page):
    page.goto(site + "/#/doc/xss")
    page.wait_for_selector("#doc-text")
    assert "<script>window.__xss = 1; alert('x')</script>" in page.inner_text("#doc-text")
    assert page.locator("#app script, #app img").count() == 0
    assert page.evaluate("window.__xss") is None and page.dialogs == []
    assert "<i>عنوان</i>" in page.inner_text("h1")


def test_upload_from_the_page_with_progress(site, page):
    page.goto(site + "/#/upload")
    page.wait_for_selector("#upload-form")
    page.fill("#paste", "افتتحت البلدية حديقة عامة جديدة في وسط المدينة بحضور عدد كبير من السكان والزوار.")
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job-status strong", timeout=30000)  # the CSP forbids wait_for_function's eval
    assert page.inner_text("#job-status .n-new").split(":")[-1].strip() == "1"  # one new article
    page.goto(site + "/#/search?q=" + "%D8%AD%D8%AF%D9%8A%D9%82%D8%A9")  # حديقة
    page.wait_for_selector("#hits .hit")
    assert page.locator("#hits .hit").count() == 1


EVIL = """<!doctype html><html><body>
<form id="f" method="post" enctype="multipart/form-data" action="{target}/api/ingest">
<textarea name="text">مقال مزروع من موقع آخر عن موضوع لا يريده المستخدم في قاعدة بياناته أبداً.</textarea></form>
<script>
fetch("{target}/api/ingest", {{method: "POST", mode: "no-cors", body: new URLSearchParams({{text: "مقال مزروع"}})}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""


def test_another_site_cannot_post_articles(site, page):
    """CSRF in a real browser: a page on another origin posts a form and a no-cors fetch to the
    app; both are refused (no token, foreign Origin) and nothing is stored."""
    import json
    import urllib.request

    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from marsad.web.background import serving

    def count() -> int:
        with urllib.request.urlopen(site + "/api/stats") as r:
            return json.load(r)["documents"]

    before = count()
    evil = Starlette(routes=[Route("/", lambda request: HTMLResponse(EVIL.format(target=site)))])
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith("/api/ingest") else None)
    with serving(evil) as evil_url:
        page.goto(evil_url + "/")
        page.wait_for_url(site + "/api/ingest", timeout=15000)
    assert len(statuses) == 2 and all(s in (401, 403) for s in statuses), statuses
    assert count() == before


@pytest.mark.parametrize("path,ready", [("/docs", ".opblock"), ("/redoc", "[data-section-id]")])
def test_api_docs_render_offline(site, browser, path, ready):
    """/docs (Swagger UI) and /redoc from bundled files, with every request that leaves
    127.0.0.1 aborted as on an air-gapped machine: the operations are listed, nothing asked
    for the network, and the console is clean. ReDoc always asks for its maker's logo from
    cdn.redoc.ly; the docs pages' CSP stops that before it leaves, which the console reports."""
    from urllib.parse import urlsplit

    page = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(site + path)
        page.wait_for_selector(ready, timeout=20000)
        page.wait_for_load_state("networkidle")
        text = page.inner_text("body")
        for endpoint in ("/api/events", "/api/search", "/api/events.atom", "/api/sources"):
            assert endpoint in text, endpoint
        if path == "/docs":
            assert page.locator(".opblock").count() >= 15
    finally:
        page.close()
    if path == "/redoc":
        errors = [e for e in errors if "https://cdn.redoc.ly/redoc/logo-mini.svg" not in e or "img-src" not in e]
    assert outside == [] and errors == [], (outside, errors)


def test_events_page_links_its_csv_and_feed(site, page):
    page.goto(site + "/")
    page.wait_for_selector("#events-data a")
    links = page.locator("#events-data a")
    assert links.count() == 2
    types = []
    for i in range(2):
        r = page.request.get(site + links.nth(i).get_attribute("href"))
        assert r.ok
        types.append(r.headers["content-type"].split(";")[0])
    assert types == ["text/csv", "application/atom+xml"]
    assert page.get_attribute('link[rel="alternate"]', "href") == "/api/events.atom"
