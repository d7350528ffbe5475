"""What readers yield: an article as read, or a rejection with its reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawArticle:
    text: str
    origin: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    bad_bytes: int = 0  # invalid bytes replaced by U+FFFD when decoding (see marsad.ingest.decode)
    size: int = 0  # bytes it was decoded from (0: not read from bytes), for the share of bad bytes


@dataclass
class Rejected:
    origin: str
    reason: str
