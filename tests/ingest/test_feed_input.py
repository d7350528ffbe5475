"""Feeds are read from what was given, never from where it points: content that looks like a
URL or names a file is not fetched or opened; a feed already decoded is not decoded twice."""

from __future__ import annotations

import http.server
import threading

from marsad.ingest.feeds import read_feed
from marsad.ingest.items import RawArticle, Rejected

ARABIC = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بطاقة مئتي سرير."
RSS = ('<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>قناة الأخبار</title>'
       f"<item><title>مستشفى جديد</title><description>{ARABIC}</description></item></channel></rss>")


def test_decoded_feed_declaring_a_legacy_encoding_is_not_decoded_twice():
    got = list(read_feed(RSS, "t.xml"))
    assert [type(x) for x in got] == [RawArticle] and got[0].text == ARABIC
    assert got[0].source == "قناة الأخبار"
    raw = list(read_feed(RSS.encode("cp1256"), "b.xml"))  # bytes: decoded by the declaration
    assert raw[0].text == ARABIC


def test_content_naming_a_file_is_not_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(RSS, encoding="utf-8")
    got = list(read_feed(str(secret), "f"))
    assert [type(x) for x in got] == [Rejected]


def test_content_that_looks_like_a_url_is_not_fetched():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            body = RSS.encode("cp1256")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        got = list(read_feed(f"http://127.0.0.1:{server.server_port}/feed.xml", "u"))
    finally:
        server.shutdown()
    assert hits == [] and [type(x) for x in got] == [Rejected]
