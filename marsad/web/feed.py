"""Atom (RFC 4287) for lists of events, written with the standard library's ElementTree.

ElementTree escapes all text and attribute values; characters XML 1.0 cannot carry (control
characters, lone surrogates) are dropped first, so any stored title or summary gives a valid
document. Each entry links to the event's page in the web app (``/#/event/<id>``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
EPOCH = "1970-01-01T00:00:00Z"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: Any) -> str:
    return _NOT_XML.sub("", "" if text is None else str(text))


def rfc3339(value: str | None) -> str | None:
    """An ISO date or date-time as an RFC 3339 UTC timestamp (a bare date is its midnight);
    None when it is no date."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_url(base: str, event_id: str) -> str:
    """The event's page in the web app (the hash route app.js reads)."""
    return f"{base}/#/event/{quote(event_id, safe='')}"


def summary_text(summary: Any) -> str:
    """An event summary (a string, or sentences as strings or ``{"text": ...}``) as plain text."""
    items = summary if isinstance(summary, list) else [summary]
    parts = [it if isinstance(it, str) else (it.get("text") or it.get("sentence") or "")
             for it in items if isinstance(it, (str, dict))]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def events_feed(events: list[dict[str, Any]], *, title: str, base: str, self_url: str) -> bytes:
    """An Atom feed of ``events`` (records of the events list) for a site served at ``base``
    (absolute, no trailing slash); ``self_url`` is the feed's own absolute URL. An entry is dated
    by the record's ``updated`` when it has one (a watchlist's newest matching article, the last
    outlet of a breaking event), else by the event's date."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ar"})
    _add(feed, "id", self_url)
    _add(feed, "title", title)
    stamps = [rfc3339(e.get("updated") or e.get("date")) for e in events]
    _add(feed, "updated", max((s for s in stamps if s), default=EPOCH))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=base + "/")
    author = _add(feed, "author")
    _add(author, "name", "marsad")
    _add(feed, "generator", "marsad")
    for ev, stamp in zip(events, stamps, strict=True):
        entry = _add(feed, "entry")
        link = event_url(base, ev["id"])
        _add(entry, "id", link)
        _add(entry, "title", ev.get("title") or ev["id"])
        _add(entry, "updated", stamp or EPOCH)
        _add(entry, "link", rel="alternate", type="text/html", href=link)
        for outlet in ev.get("sources") or []:
            _add(entry, "category", term=outlet)
        text = summary_text(ev.get("summary"))
        if text:
            _add(entry, "summary", text)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
