"""The daily digest: HTML and Markdown files listing the day's matching events with their
outlets and first sentence; no markup from article text reaches either (a <script> in a title
is escaped, a javascript: URL is not linked), and the HTML page runs no script at all."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.alerts.conftest import cli

ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ol", "ul", "li", "a", "blockquote"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def digest(db: str, out: Path, name: str, day: str, *more: str) -> tuple[str, str]:
    r = cli("alerts", "digest", name, "--day", day, "--out", str(out), "--db", db, *more)
    assert r.exit_code == 0, r.output
    html_path, md_path = r.output.split(": ", 1)[1].split()
    return Path(html_path).read_text("utf-8"), Path(md_path).read_text("utf-8")


@pytest.fixture(scope="module")
def db(news_db) -> str:
    for args in (["kremlin", "--entity", "بوتين"], ["ceasefire", "--query", "وقف إطلاق النار"]):
        assert cli("watchlist", "add", *args, "--db", news_db).exit_code == 0
    return news_db


def test_digest_lists_the_days_events_with_outlets_and_first_sentence(db, tmp_path):
    html, md = digest(db, tmp_path, "ceasefire", "2025-06-07")
    assert (tmp_path / "ceasefire-2025-06-07.html").exists() and (tmp_path / "ceasefire-2025-06-07.md").exists()
    for text in (html, md):
        assert "وفود تصل القاهرة لاستئناف محادثات وقف إطلاق النار في غزة" in text
        assert "وصلت وفود من حركة حماس وإسرائيل إلى القاهرة" in text  # the first sentence after the headline
        for outlet in ("بي بي سي عربي", "فرانس 24", "سكاي نيوز عربية", "العربية", "وكالة الأناضول"):
            assert outlet in text
        assert "الأحداث المطابقة: 1" in text and "البحث: وقف إطلاق النار" in text
    assert '<html lang="ar" dir="rtl">' in html
    assert '<a href="http://127.0.0.1:8000/#/event/' in html and "](http://127.0.0.1:8000/#/event/" in md  # alerts.app_url
    assert '<a href="https://www.bbc.com/arabic/articles/talks-0">' in html


def test_no_markup_from_articles_reaches_the_files(db, tmp_path):
    html, md = digest(db, tmp_path, "kremlin", "2025-06-09")
    assert "بوتين يستقبل وفدا تركيا في الكرملين" in html
    low = html.lower()
    assert "<script" not in low and "<b>" not in low and "javascript:" not in low
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html  # the event title, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html  # the article's title field
    tags = Tags()
    tags.feed(html)
    assert set(tags.tags) <= ALLOWED and "script" not in tags.tags
    hrefs = [v for k, v in tags.attrs if k == "href"]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)  # javascript:alert(1) not linked
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # Markdown: < and > as entities, markup characters escaped, the javascript: URL not a link
    assert "<script" not in md and "<b>" not in md
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in md
    assert "](javascript" not in md


def test_a_day_without_matches_and_english_labels(db, tmp_path):
    html, md = digest(db, tmp_path, "kremlin", "2025-01-01", "--lang", "en")
    assert "No matching events on this day." in html and "No matching events on this day." in md
    assert '<html lang="en" dir="ltr">' in html and md.startswith("# Watchlist kremlin: 2025-01-01\n")


def test_sample_day(db, tmp_path):
    html, md = digest(db, tmp_path, "kremlin", "2025-05-19")
    assert "ترامب يجري اتصالا هاتفيا مع بوتين لوقف إطلاق النار في أوكرانيا" in html
    assert md.count("\n## ") == 1


def test_digest_refuses_a_bad_day_and_an_unknown_watchlist(db, tmp_path):
    r = cli("alerts", "digest", "kremlin", "--day", "19/05/2025", "--out", str(tmp_path), "--db", db)
    assert r.exit_code == 2 and "not an ISO date" in r.output
    r = cli("alerts", "digest", "nope", "--day", "2025-05-19", "--out", str(tmp_path), "--db", db)
    assert r.exit_code == 2 and "no watchlist named nope" in r.output
