"""Arabic pages and feeds that are not UTF-8, with the charset declared, missing or wrong."""

from __future__ import annotations

import pytest

from marsad.watch.fetch import decode_body
from marsad.watch.sources import Source
from tests.watch.site import Reply, news_sitemap, page_html, rss


def _encodable(news, codec):
    for a in news:
        try:
            page_html(a, charset=codec).encode(codec)
            return a
        except UnicodeEncodeError:
            continue
    pytest.skip(f"no test article is encodable in {codec}")


@pytest.mark.parametrize("header", ["text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
                                    "text/html; charset=windows-1256"],
                         ids=["missing", "wrong-utf8", "wrong-latin1", "right"])
def test_windows_1256_page_decoded_right(site, bench, news, header):
    a = news[2]
    body = page_html(a, charset="windows-1256" if header.endswith("1256") else "utf-8").encode("cp1256")
    assert body.decode("cp1256") and not body.isascii()
    site.routes[f"/articles/{a.slug}.html"] = Reply(body=body, headers={"Content-Type": header})
    site.routes["/sitemap.xml"] = Reply(body=news_sitemap(site.base, [a]))
    b = bench(Source("s", site.url("/sitemap.xml"), "sitemap", 60))
    assert b.cycle().polls[0].stored == 1
    (d,) = b.docs()
    for para in a.text.split("\n"):
        assert para.strip() in d["text"]
    assert "\ufffd" not in d["text"] and d["bad_bytes"] == 0


def test_iso_8859_6_page_decoded_by_its_declared_code_page(site, bench, news):
    """ISO-8859-6 puts Arabic letters where Windows-1256 has others: the declared code page decides
    when detection would guess the other one."""
    a = _encodable(news, "iso8859_6")
    body = page_html(a, charset="iso-8859-6").encode("iso8859_6")
    site.routes[f"/articles/{a.slug}.html"] = Reply(body=body, headers={"Content-Type": "text/html; charset=ISO-8859-6"})
    site.routes["/sitemap.xml"] = Reply(body=news_sitemap(site.base, [a]))
    b = bench(Source("s", site.url("/sitemap.xml"), "sitemap", 60))
    assert b.cycle().polls[0].stored == 1
    assert a.text.split("\n")[-1].strip() in b.docs()[0]["text"]



def test_declared_arabic_code_page_settles_a_wrong_guess(news):
    """Two Arabic words in an English sentence, ISO-8859-6, declared only in the HTTP header: the
    detector alone guesses Windows-1256 (other letters); the declared code page is taken."""
    words = " ".join(news[0].text.split()[:2])
    text = f"<html><body><p>Report from the region. {words} said the minister on Monday.</p></body></html>"
    body = text.encode("iso8859_6")
    from marsad.ingest.decode import decode_bytes

    assert decode_bytes(body).text != text  # the guess alone is wrong here
    dec = decode_body(body, "ISO-8859-6", 0.01)
    assert (dec.text, dec.encoding) == (text, "iso8859_6")
    assert decode_body(body, "iso-8859-1", 0.01).text != text  # a declared Latin code page is not trusted


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_windows_1256_feed(site, bench, news, declared):
    xml = rss(site.base, news[:2]).decode("utf-8")
    xml = xml.replace('encoding="utf-8"', 'encoding="windows-1256"' if declared else "")
    site.routes["/rss.xml"] = Reply(body=xml.encode("cp1256"), headers={"Content-Type": "application/rss+xml"})
    b = bench(Source("f", site.url("/rss.xml"), interval=60))
    assert b.cycle().polls[0].stored == 2
    by_url = {d["url"]: d for d in b.docs()}
    for a in news[:2]:
        d = by_url[site.url(f"/articles/{a.slug}.html")]
        assert d["title"] == a.title and a.text.split("\n")[-1].strip() in d["text"]


def test_utf8_page_with_a_few_bad_bytes_kept_and_counted(site, bench, news):
    """The ingest's bad-byte policy applies to fetched pages: a few invalid bytes are replaced and
    counted on the document."""
    a = news[3]
    body = page_html(a).encode("utf-8")
    cut = body.index(b"</h1>") + 40
    body = body[:cut] + b"\xff\xfe" + body[cut:]
    site.routes[f"/articles/{a.slug}.html"] = Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    site.routes["/sitemap.xml"] = Reply(body=news_sitemap(site.base, [a]))
    b = bench(Source("s", site.url("/sitemap.xml"), "sitemap", 60))
    assert b.cycle().polls[0].stored == 1
    assert b.docs()[0]["bad_bytes"] >= 2
