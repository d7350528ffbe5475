"""Find boilerplate (see-also teasers, share/subscribe lines, a news ticker) so analysis skips it.

Nothing is deleted from the stored text: the spans are returned and recorded as
``Removed`` so a reader can see what was left out and why.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.types import Removed

_LINE = re.compile(r"[^\n]*(?:\n|$)")
# a ticker item: a line opening with the clock time it was posted (``- 22:44 headline``)
_TERMINALS = frozenset(".!?\u061f\u2026")  # a line ending so is a sentence
_TICKER_ITEM = re.compile(r"\s*[-–—•*·>|]?\s*\d{1,2}:\d{2}(?!\d)")


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, ...], tuple[str, ...], int, float, int]:
    data = load_json("boilerplate.json")

    def keys(xs: list[str]) -> tuple[str, ...]:
        return tuple(sorted({normalize(x).rstrip(":") for x in xs}, key=len, reverse=True))

    return (keys(data["trailing"]), keys(data["line"]), data["line_max_chars"], data["trailing_min_position"],
            data["ticker_min_lines"])


@lru_cache(maxsize=1)
def _inline() -> tuple[tuple[str, ...], int]:
    data = load_json("boilerplate.json")
    return (tuple(normalize(x).rstrip(":") for x in data["inline_teaser_markers"]),
            int(data["inline_teaser_body_words"]))


_TEXT_LINE = re.compile(r"[^\n]*\S[^\n]*")
_ELLIPSIS = ("...", "\u2026")


def _news_follows(text: str, at: int, words: int) -> bool:
    """Does the first line with text after ``at`` read as the story going on: a paragraph of at
    least ``words`` words ending as a sentence ends? A list of related headlines does not, nor an
    excerpt cut with an ellipsis."""
    m = _TEXT_LINE.search(text, at)
    if m is None:
        return False
    line = m.group().strip()
    return len(line.split()) >= words and line[-1:] in _TERMINALS and not line.endswith(_ELLIPSIS)


def find_boilerplate(text: str) -> tuple[int | None, list[Removed]]:
    """Return ``(body_end, removed)``: where trailing boilerplate starts, and all removed spans."""
    trailing, line_markers, line_max, min_pos, ticker_min = _markers()
    inline, inline_words = _inline()
    removed: list[Removed] = []
    body_end: int | None = None
    n = max(len(text), 1)
    ticker: list[Removed] = []  # the current run of ticker items
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        if _TICKER_ITEM.match(line) and len(line.strip()) <= 2 * line_max and line.rstrip()[-1:] not in _TERMINALS:
            # a headline, not a sentence: a live blog's timed paragraphs end with a full stop
            ticker.append(Removed(m.start() + len(line) - len(line.lstrip()), m.start() + len(line.rstrip()),
                                  "news ticker"))
            continue
        if len(ticker) >= ticker_min:
            removed += ticker
        ticker = []
        key = normalize(line)
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.start() + len(line.rstrip())
        if any(key.startswith(t) for t in trailing) and start / n >= min_pos:
            if any(key.startswith(t) for t in inline) and _news_follows(text, m.end(), inline_words):
                # a teaser set inside the article (اقرأ أيضاً: headline, then the story goes on)
                removed.append(Removed(start, end, "see-also teaser: " + line.strip()[:40]))
                continue
            body_end = start
            removed.append(Removed(start, len(text), "trailing boilerplate: " + line.strip()[:40]))
            break
        if len(line.strip()) <= line_max and any(key.startswith(t) for t in line_markers):
            removed.append(Removed(start, end, "share/subscribe line"))
    if len(ticker) >= ticker_min:
        removed += ticker
    return body_end, removed
