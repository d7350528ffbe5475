"""Names that come from a page (outlet, title) are stored as plain text: no markup (a script's
content never), entities decoded, one line, capped, and in the letter case the page gives."""

from __future__ import annotations

import json

import pytest

from marsad.ingest.clean_names import MAX_NAME_CHARS, MAX_TITLE_CHARS, clean_name, clean_title
from marsad.ingest.run import ingest_paths
from tests.conftest import sample_text

BODY = sample_text("001_d1a393b1c47605d2")


def page(site: str, title: str = "عنوان الخبر", extra_head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n") if p.strip())
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='{site}'>"
            f"<meta property='og:title' content='{title}'>{extra_head}</head>"
            f"<body><article>{paragraphs}</article></body></html>")


def ingest_page(store, res, tmp_path, html: str, name: str = "page.html"):
    (tmp_path / name).write_text(html, "utf-8")
    s = ingest_paths(store, [str(tmp_path / name)], res)
    assert len(s.new) == 1, s.rejected
    return store.get_document(s.new[0])


def test_site_name_with_a_script_is_stored_clean_and_case_kept(store, res, tmp_path):
    doc = ingest_page(store, res, tmp_path, page("&lt;script&gt;alert(1)&lt;/script&gt;bbc News"))
    assert doc["source"] == "bbc News"  # not "<Script>Alert(1)</Script>Bbc News"


def test_site_name_raw_script_in_the_attribute(store, res, tmp_path):
    doc = ingest_page(store, res, tmp_path, page('<script>alert(1)</script>Site'.replace("'", "&#39;")))
    assert doc["source"] == "Site"


# names that are no outlet of lang/ar/data/outlets.json (a known one is stored under its own name:
# tests/ingest/test_outlets.py)
@pytest.mark.parametrize("site", ["bbc News", "الوادي نت", "NileTV بالعربية", "sky news عربية", "cairo2day"])
def test_site_names_keep_their_case(store, res, tmp_path, site):
    assert ingest_page(store, res, tmp_path, page(site))["source"] == site


def test_site_name_from_json_ld_keeps_its_case(store, res, tmp_path):
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "publisher": {"@type": "Organization", "name": "wadi al-nil daily"}})
    html = page("x", extra_head=f'<script type="application/ld+json">{ld}</script>').replace(
        "<meta property='og:site_name' content='x'>", "")
    assert ingest_page(store, res, tmp_path, html)["source"] == "wadi al-nil daily"


def test_title_markup_is_dropped(store, res, tmp_path):
    doc = ingest_page(store, res, tmp_path, page("الجزيرة", title="خبر &lt;b&gt;عاجل&lt;/b&gt; &amp; مهم"))
    assert doc["title"] == "خبر عاجل & مهم"


def test_feed_names_are_cleaned(store, res, tmp_path):
    feed = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
    <title>&lt;b&gt;وكالة   الأنباء&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>
    <item><title>&lt;i&gt;خبر أول&lt;/i&gt;</title><link>https://example.org/1</link>
    <description>{BODY}</description></item></channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed, "utf-8")
    s = ingest_paths(store, [str(tmp_path / "feed.xml")], res)
    doc = store.get_document(s.new[0])
    assert doc["source"] == "وكالة الأنباء" and doc["title"] == "خبر أول"


def test_json_source_and_title_are_cleaned_and_capped(store, res, tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "j1", "text": BODY, "source": "<img src=x onerror=alert(1)>Nile Wire\u202e\x07 ",
                             "title": "عنوان " * 200}, ensure_ascii=False) + "\n", "utf-8")
    ingest_paths(store, [str(f)], res)
    doc = store.get_document("j1")
    assert doc["source"] == "Nile Wire"
    assert len(doc["title"]) <= MAX_TITLE_CHARS and doc["title"].endswith("…") and "  " not in doc["title"]


@pytest.mark.parametrize(("raw", "clean"), [
    ("<script>alert(1)</script>Site", "Site"),
    ("x &lt;script&gt;y&lt;/script&gt; z", "x z"),  # an escaped tag is dropped too
    ("&amp;lt;script&amp;gt;y&amp;lt;/script&amp;gt;z", "z"),
    ("<style>b{color:red}</style><b>BBC</b> عربي", "BBC عربي"),
    ("<p>one</p><p>two</p>", "one two"),
    ("  الجزيرة\n\t نت ", "الجزيرة نت"),
    ("AT&amp;T", "AT&T"),
    ("A < B", "A < B"),
    ("\u202eevil\x00name", "evil name"),
    ("bbc News", "bbc News"),
    ("", None),
    ("<b> </b>", None),
])
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_length_caps():
    assert len(clean_name("x" * 1000)) == MAX_NAME_CHARS
    assert len(clean_title("كلمة " * 1000)) <= MAX_TITLE_CHARS
    assert clean_name("اسم " * 10) == ("اسم " * 10).strip()
