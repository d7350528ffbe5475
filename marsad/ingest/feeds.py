"""RSS/Atom feed files: one article per entry (feedparser), HTML content via trafilatura.
The feed's title (the outlet) and the entries' titles are cleaned by ``clean_names``."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator

import feedparser
import trafilatura

from marsad.ingest.clean_names import clean_name, clean_title
from marsad.ingest.items import RawArticle, Rejected
from marsad.messages import message


def _entry_text(entry) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if "<" in html:
        return (trafilatura.extract(f"<html><body><article>{html}</article></body></html>",
                                    favor_recall=True) or "").strip()
    return html.strip()


def _date(entry) -> str | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None


_XML_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def read_feed(data: bytes | str, origin: str) -> Iterator[RawArticle | Rejected]:
    """Entries of a feed given as bytes (feedparser decodes them by their declaration) or as text
    already decoded (then sent as UTF-8, its declaration said so, so it is not decoded twice).
    Always handed to feedparser as a stream: given a string it would fetch what looks like a URL
    and open what names a file."""
    if isinstance(data, str):
        data = _XML_ENCODING.sub(rb'\1"utf-8"', data.encode("utf-8"), count=1)
    feed = feedparser.parse(io.BytesIO(data))
    if feed.bozo and not feed.entries:
        yield Rejected(origin, message("feed_unparsable", error=feed.get("bozo_exception")))
        return
    source = clean_name(feed.feed.get("title"))
    for i, e in enumerate(feed.entries):
        where = f"{origin}#{i + 1}"
        text = _entry_text(e)
        if not text:
            yield Rejected(where, message("feed_entry_empty"))
            continue
        yield RawArticle(text=text, origin=where, id=e.get("id") or None, url=e.get("link") or None,
                         title=clean_title(e.get("title")), published=_date(e), source=source)
