"""Saved HTML pages: body and metadata by trafilatura (boilerplate-aware), dates by htmldate."""

from __future__ import annotations

import trafilatura

from marsad.ingest.items import RawArticle, Rejected


def read_html(html: str, origin: str) -> RawArticle | Rejected:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return Rejected(origin, "HTML page with no article body found")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        return Rejected(origin, "HTML page with no article body found")
    return RawArticle(
        text=text,
        origin=origin,
        url=data.get("url") or None,
        title=data.get("title") or None,
        published=data.get("date") or None,
        source=data.get("sitename") or data.get("hostname") or None,
    )
