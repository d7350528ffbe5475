"""The headline and the lead of an article, which say what the article is about.

Web news arrives as one text: a headline line, often a dateline (``أبوظبي - سكاي نيوز
عربية``), then the body. The sentence splitter cuts a headline at ``..`` and counts the
dateline as a sentence, so "the first two sentences" may hold no body text at all. Here the
headline is the first line when it is short and more text follows, and the lead is the
first body sentences long enough to report something (datelines and headline pieces skipped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_END = (".", "؟", "?", "!", ":")
_FIRST_TEXT = re.compile(r"\S")


@dataclass
class Lead:
    headline: tuple[int, int] | None  # span of the headline line in the text, if it has one
    sentences: list[tuple[int, int]]  # the first body sentences (lead), in order
    body: list[tuple[int, int]]  # every body sentence after the headline, datelines dropped


def headline_span(text: str, title: str | None, max_words: int, at: int = 0) -> tuple[int, int] | None:
    """The first line from ``at`` (the first sentence: a page's stamp is none), when it reads like
    a headline: short, no final full stop, more text after."""
    if title:
        return None  # the headline is the document's own title field
    m = _FIRST_TEXT.search(text, at)  # the first character with ink from ``at``, no copy of the text
    if m is None:
        return None
    a = m.start()
    nl = text.find("\n", a)
    if nl < 0 or not text[nl:].strip():
        return None
    line = text[a:nl].strip()
    words = line.split()
    if not 2 <= len(words) <= max_words or (line.endswith(_END) and not line.endswith("..")):
        return None
    return a, a + len(text[a:nl].rstrip())


def lead_of(text: str, title: str | None, spans: Sequence[tuple[int, int]], n: int, min_words: int,
            max_headline_words: int) -> Lead:
    """Headline, the first ``n`` body sentences of at least ``min_words`` words, and the body."""
    head = headline_span(text, title, max_headline_words, spans[0][0] if spans else 0)
    cut = head[1] if head else 0
    body = [(a, b) for a, b in spans if a >= cut and len(text[a:b].split()) >= min_words]
    return Lead(head, body[:n], body)
