"""What a fetched listing offers: the items of a feed (RSS, Atom, JSON Feed), a news sitemap or
a section page, as ``Candidate``s the watcher may fetch and ingest.

RSS and Atom are read by feedparser with the entry text and date taken exactly as
``marsad ingest`` takes them from a feed file (``marsad.ingest.feeds``); names are cleaned by
``marsad.ingest.clean_names``. Sitemaps are parsed with entity declarations refused.
Section-page links are kept when they stay on the page's host and look like articles (or match
the source's ``links`` expression).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from marsad.ingest.clean_names import clean_name, clean_title
from marsad.watch.sources import SourcesError, local, parse_xml

# path segments of navigation, not article, pages (tags, sections, authors, search, accounts)
NAVIGATION = {"tag", "tags", "topic", "topics", "category", "categories", "author", "authors", "search", "login",
              "signin", "signup", "register", "account", "subscribe", "newsletter", "page", "feed", "rss", "about",
              "contact", "privacy", "terms", "cookies", "live", "video", "videos", "gallery", "podcasts", "programs",
              "wp-login.php", "cdn-cgi"}
MEDIA = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|mp[34]|m4a|pdf|zip|xml|json|rss|atom)$", re.IGNORECASE)


class ListingError(ValueError):
    """A listing that cannot be read (a malformed feed or sitemap)."""


@dataclass
class Candidate:
    key: str  # what the watcher remembers the item by, per source
    url: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None  # the outlet as the listing names it
    text: str = ""  # text the listing itself carries (a feed entry's content or summary)


@dataclass
class Listing:
    candidates: list[Candidate] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # a sitemap index: sitemaps to read
    warning: str | None = None  # read, but not cleanly (a feed feedparser had to repair)


def _key(*parts: str | None) -> str:
    return "sha1:" + hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()


def read_listing(kind: str, text: str, url: str, links: str | None = None) -> Listing:
    if kind == "feed":
        return read_json_feed(text) if text.lstrip()[:1] == "{" else read_xml_feed(text)
    if kind == "sitemap":
        return read_sitemap(text, url)
    return read_page(text, url, links)


def undeclared(text: str) -> str:
    """Decoded XML without the encoding its declaration names (the text is decoded already;
    a parser reading that declaration would decode it a second time)."""
    head = re.sub(r"(<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']", r"\1", text[:500], count=1)
    return head + text[500:]


def read_xml_feed(text: str) -> Listing:
    import feedparser

    from marsad.ingest.feeds import _date, _entry_text

    # a stream, never a str or bytes: feedparser fetches a string that looks like a URL and opens
    # one that names a file, and a response body must never make it do either
    feed = feedparser.parse(io.BytesIO(undeclared(text).encode("utf-8")))
    usable = [e for e in feed.entries if e.get("link") or e.get("summary") or e.get("content")]
    if not usable and (feed.bozo or not feed.get("version")):
        # nothing to take: a feed cut off or not a feed at all (an entry-less valid feed is fine)
        reason = feed.get("bozo_exception") or "no RSS, Atom or RDF feed found"
        raise ListingError(f"feed could not be parsed ({reason})")
    outlet = clean_name(feed.feed.get("title"))
    out = Listing(warning=f"feed repaired by the lenient parser ({feed.get('bozo_exception')})"
                  if feed.bozo and feed.entries else None)
    for e in feed.entries:
        link = e.get("link") or None
        ident = e.get("id") or None
        body = _entry_text(e)
        title = clean_title(e.get("title"))
        out.candidates.append(Candidate(key=ident or link or _key(title, body), url=link, id=ident, title=title,
                                        published=_date(e), source=outlet, text=body))
    return out


def _html_text(html: str) -> str:
    import trafilatura

    if "<" not in html:
        return html.strip()
    return (trafilatura.extract(f"<html><body><article>{html}</article></body></html>",
                                favor_recall=True) or "").strip()


def read_json_feed(text: str) -> Listing:
    """A JSON Feed (https://jsonfeed.org, versions 1 and 1.1)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ListingError(f"JSON Feed could not be parsed ({e.msg} at line {e.lineno})") from e
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/") \
            or not isinstance(data.get("items"), list):
        raise ListingError("not a JSON Feed (no jsonfeed.org version, or no items list)")
    outlet = clean_name(data.get("title") if isinstance(data.get("title"), str) else None)
    out = Listing()
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") if isinstance(item.get("url"), str) else None
        ident = str(item["id"]) if isinstance(item.get("id"), (str, int)) and str(item["id"]) else None
        if isinstance(item.get("content_text"), str) and item["content_text"].strip():
            body = item["content_text"].strip()
        elif isinstance(item.get("content_html"), str):
            body = _html_text(item["content_html"])
        else:
            body = _html_text(item["summary"]) if isinstance(item.get("summary"), str) else ""
        title = clean_title(item.get("title") if isinstance(item.get("title"), str) else None)
        date = item.get("date_published") or item.get("date_modified")
        out.candidates.append(Candidate(key=ident or link or _key(title, body), url=link, id=ident, title=title,
                                        published=date if isinstance(date, str) else None, source=outlet,
                                        text=body))
    return out


def _child(node, name: str):
    for c in node:
        if local(c.tag) == name:
            return c
    return None


def _child_text(node, *path: str) -> str | None:
    for name in path:
        if node is None:
            return None
        node = _child(node, name)
    if node is None:
        return None
    return (node.text or "").strip() or None


def read_sitemap(text: str, url: str) -> Listing:
    """A sitemap (``urlset``, Google News extensions read) or a sitemap index (``sitemapindex``:
    its sitemaps, newest first, become ``children``)."""
    try:
        root = parse_xml(undeclared(text).encode("utf-8"), f"sitemap {url}")
    except SourcesError as e:
        raise ListingError(str(e)) from e
    kind = local(root.tag)
    out = Listing()
    if kind == "sitemapindex":
        maps = [(_child_text(s, "lastmod") or "", _child_text(s, "loc")) for s in root if local(s.tag) == "sitemap"]
        out.children = [urljoin(url, loc) for _, loc in sorted(maps, key=lambda m: m[0], reverse=True) if loc]
        return out
    if kind != "urlset":
        raise ListingError(f"sitemap {url}: the root element is <{kind}>, not <urlset> or <sitemapindex>")
    rows = []
    for u in root:
        if local(u.tag) != "url":
            continue
        loc = _child_text(u, "loc")
        if not loc:
            continue
        news = _child(u, "news")
        date = _child_text(news, "publication_date") if news is not None else None
        rows.append((date or _child_text(u, "lastmod") or "", Candidate(
            key=urljoin(url, loc), url=urljoin(url, loc), published=date or _child_text(u, "lastmod"),
            title=clean_title(_child_text(news, "title")) if news is not None else None,
            source=clean_name(_child_text(news, "publication", "name")) if news is not None else None)))
    out.candidates = [c for _, c in sorted(rows, key=lambda r: r[0], reverse=True)]  # newest first
    return out


def _host(netloc: str) -> str:
    netloc = netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def looks_like_article(url: str) -> bool:
    """A link worth fetching from a section page: not media, not navigation, and deep or
    numbered enough to be one article (``/news/2025/5/20/slug``, ``/articles/c4g1``, ``/1234567``)."""
    path = urlsplit(url).path
    if MEDIA.search(path):
        return False
    parts = [p for p in path.split("/") if p]
    if not parts or any(p.lower() in NAVIGATION for p in parts):
        return False
    return len(parts) >= 2 or bool(re.search(r"\d{4,}", parts[-1])) or parts[-1].count("-") >= 3


def read_page(html: str, url: str, links: str | None = None) -> Listing:
    """Article links of a section page: same host as the page, fragments dropped, in page order."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise ListingError(f"page could not be parsed ({e})") from e
    base = (tree.xpath("//base/@href") or [url])[0]
    base = urljoin(url, base)
    home = _host(urlsplit(url).netloc)
    pattern = re.compile(links) if links else None
    seen: set[str] = set()
    out = Listing()
    for a in tree.xpath("//a[@href]"):
        try:
            href = urldefrag(urljoin(base, a.get("href").strip()))[0]
            p = urlsplit(href)
            p.port  # noqa: B018 - raises on a port that is no number
        except ValueError:  # "http://[broken" and the like: not a link anyone can follow
            continue
        if p.scheme not in ("http", "https") or _host(p.netloc) != home or href in seen or href == url:
            continue
        if not (pattern.search(href) if pattern else looks_like_article(href)):
            continue
        seen.add(href)
        out.candidates.append(Candidate(key=href, url=href, title=clean_title(a.text_content())))
    return out
