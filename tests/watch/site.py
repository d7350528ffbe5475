"""A news site on 127.0.0.1 for the watcher's tests: a real HTTP server (http.server, one thread
per request) whose routes a test sets and changes between polls, counting every request.

Articles are real Arabic news kept in the repository (the bundled samples and the test sets),
served as HTML pages, RSS/Atom/JSON feeds and news sitemaps built here. Nothing here reaches
beyond 127.0.0.1.
"""

from __future__ import annotations

import gzip
import html
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "marsad" / "samples").glob("*.txt"))
ARTICLE_SETS = [ROOT / "tests" / "fixtures" / "unseen_events" / "articles.jsonl",
                ROOT / "tests" / "fixtures" / "unseen_news" / "articles.jsonl"]


@dataclass
class Article:
    slug: str
    title: str
    text: str  # the body (first line, the title, excluded)
    published: str = "2025-05-20T08:00:00Z"

    @property
    def lead(self) -> str:
        """The first paragraph, cut to 200 characters: what a summary-only feed carries."""
        return self.text.strip().split("\n")[0][:200]


def _article(slug: str, raw: str, published: str | None) -> Article:
    lines = [x.strip() for x in raw.strip().split("\n") if x.strip()]
    if len(lines) > 1 and len(lines[0]) < 160:
        title, body = lines[0], "\n".join(lines[1:])
    else:
        title, body = lines[0][:80], "\n".join(lines)
    return Article(slug, title, body, (published or "2025-05-20") + "T08:00:00Z")


def articles() -> list[Article]:
    """Real Arabic articles: the five bundled samples first, then the test sets (40 in all)."""
    out = [_article(p.stem, p.read_text("utf-8"), "2025-05-20") for p in SAMPLES]
    for f in ARTICLE_SETS:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append(_article(d["id"], d["text"], d.get("published")))
    return out


def page_html(a: Article, site: str = "Local News", charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n") if p.strip())
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}">'
            f"<title>{html.escape(a.title)}</title>"
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="article:published_time" content="{a.published}"></head>'
            f"<body><nav><a href=\"/\">home</a> <a href=\"/tag/politics\">politics</a></nav>"
            f"<article><h1>{html.escape(a.title)}</h1>\n{paras}\n</article>"
            f"<footer>copyright</footer></body></html>")


def rss(base: str, items: Iterable[Article], full: bool = True, title: str = "Local News") -> bytes:
    """RSS 2.0; ``full``: each entry carries its whole text (content:encoded), else a short lead."""
    parts = []
    for a in items:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n")) if full else html.escape(a.lead)
        tag = "content:encoded" if full else "description"
        parts.append(f"<item><title>{html.escape(a.title)}</title><link>{base}/articles/{a.slug}.html</link>"
                     f"<guid isPermaLink=\"false\">{base}/?p={a.slug}</guid>"
                     f"<pubDate>{formatdate(time.mktime(time.strptime(a.published, '%Y-%m-%dT%H:%M:%SZ')))}"
                     f"</pubDate><{tag}><![CDATA[{body if full else a.lead}]]></{tag}></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>'
            f"<link>{base}/</link>{''.join(parts)}</channel></rss>").encode()


def atom(base: str, items: Iterable[Article], title: str = "Local Atom") -> bytes:
    parts = [f"<entry><id>{base}/atom/{a.slug}</id><title>{html.escape(a.title)}</title>"
             f'<link href="{base}/articles/{a.slug}.html"/><updated>{a.published}</updated>'
             f'<content type="text">{html.escape(a.text)}</content></entry>' for a in items]
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>{base}/atom</id><updated>2025-05-20T08:00:00Z</updated>"
            f"{''.join(parts)}</feed>").encode()


def json_feed(base: str, items: Iterable[Article], title: str = "Local JSON") -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": title,
                       "items": [{"id": f"json-{a.slug}", "url": f"{base}/articles/{a.slug}.html", "title": a.title,
                                  "content_text": a.text, "date_published": a.published} for a in items]},
                      ensure_ascii=False).encode()


def news_sitemap(base: str, items: Iterable[Article], name: str = "Local News") -> bytes:
    urls = "".join(f"<url><loc>{base}/articles/{a.slug}.html</loc><news:news><news:publication>"
                   f"<news:name>{name}</news:name><news:language>ar</news:language></news:publication>"
                   f"<news:publication_date>{a.published}</news:publication_date>"
                   f"<news:title>{html.escape(a.title)}</news:title></news:news></url>" for a in items)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    gzip: bool = False
    etag: str | None = None  # answered 304 to a matching If-None-Match
    last_modified: str | None = None  # answered 304 to an equal If-Modified-Since


class Site:
    """Routes (path -> Reply or a function of the request handler giving one), hits per path,
    and how many conditional requests were answered 304."""

    def __init__(self):
        self.routes: dict[str, Reply | Callable[[BaseHTTPRequestHandler], Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's name
                site._serve(self)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                import sys

                if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                    super().handle_error(request, client_address)  # a client hanging up is no error here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def add_articles(self, items: Iterable[Article], charset: str = "utf-8") -> None:
        for a in items:
            body = page_html(a, charset=charset).encode(charset)
            self.routes[f"/articles/{a.slug}.html"] = Reply(body=body, headers={"Content-Type": "text/html"})

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        with self.lock:
            self.hits[path] += 1
            self.requests.append((path, dict(h.headers.items())))
        route = self.routes.get(path)
        if route is None:
            reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
        else:
            reply = route(h) if callable(route) else route
        if reply.delay:
            time.sleep(reply.delay)
        if (reply.etag and h.headers.get("If-None-Match") == reply.etag) or (
                reply.last_modified and h.headers.get("If-Modified-Since") == reply.last_modified):
            with self.lock:
                self.not_modified[path] += 1
            h.send_response(304)
            h.send_header("Content-Length", "0")
            if reply.etag:
                h.send_header("ETag", reply.etag)
            h.end_headers()
            return
        h.send_response(reply.status)
        for k, v in reply.headers.items():
            h.send_header(k, v)
        if reply.etag:
            h.send_header("ETag", reply.etag)
        if reply.last_modified:
            h.send_header("Last-Modified", reply.last_modified)
        try:
            if callable(reply.body):  # streamed: no length, the connection closes at the end
                h.send_header("Connection", "close")
                h.end_headers()
                for chunk in reply.body():
                    h.wfile.write(chunk)
                h.close_connection = True
                return
            body = gzip.compress(reply.body) if reply.gzip else reply.body
            if reply.gzip:
                h.send_header("Content-Encoding", "gzip")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            h.close_connection = True  # the client stopped reading (a size cap): expected
