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


@dataclass
class Rejected:
    origin: str
    reason: str
