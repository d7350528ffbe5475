"""Saved HTML pages: body and metadata by trafilatura (boilerplate-aware), dates by htmldate.

The site name and the title are page text: each is cleaned by ``clean_names``. The site
name is taken as the page writes it: trafilatura title-cases a site name that does not start
with a capital (``bbc News`` -> ``Bbc News``), so its pick is matched, ignoring case, against
the page's own meta values, JSON-LD strings and title, and the page's spelling is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from marsad.ingest.clean_names import clean_name, clean_title
from marsad.ingest.items import RawArticle, Rejected
from marsad.messages import message


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)


def _page_strings(page: str) -> Iterator[str]:
    """Strings a site name can come from, ``og:site_name`` first, then other meta values,
    JSON-LD strings and the title."""
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return
    yield from tree.xpath('//meta[@property="og:site_name"]/@content')
    yield from tree.xpath("//meta/@content")
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            yield from _json_strings(json.loads(script))
        except ValueError:
            continue
    yield from tree.xpath("//title/text()")


def site_name_as_written(name: str | None, page: str) -> str | None:
    """``name`` (trafilatura's pick, cleaned) in the letter case the page gives it."""
    name = clean_name(name)
    if not name:
        return None
    folded = name.casefold()
    contained = None
    for raw in _page_strings(page):
        cand = clean_name(raw)
        if not cand:
            continue
        cand = cand.lstrip("@") or cand
        if cand.casefold() == folded:
            return cand
        if contained is None and folded in cand.casefold() and len(cand) == len(cand.casefold()):
            i = cand.casefold().index(folded)
            contained = cand[i:i + len(name)]  # a part of the title ("Home - bbc News")
    return contained if contained is not None and contained.casefold() == folded else name


def read_html(html: str, origin: str) -> RawArticle | Rejected:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return Rejected(origin, message("html_no_body"))
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        return Rejected(origin, message("html_no_body"))
    return RawArticle(
        text=text,
        origin=origin,
        url=data.get("url") or None,
        title=clean_title(data.get("title")),
        published=data.get("date") or None,
        source=site_name_as_written(data.get("sitename"), html) or clean_name(data.get("hostname")),
    )
