"""Highlighted snippets in ORIGINAL offsets.

FTS5's own ``snippet()`` would show the stored keys (normalised, suffix-stripped words), so
marsad re-tokenises the original text of a hit and marks the words whose key the query
expanded to. Spans are character offsets, start inclusive, end exclusive.
"""

from __future__ import annotations

from typing import Any

from marsad.search.keys import keyed_tokens

SNIPPET_CHARS = 280


def marks_in(text: str, keys: set[str], base: int = 0) -> list[list[int]]:
    """Spans of the words of ``text`` whose index key is in ``keys`` (shifted by ``base``)."""
    if not text or not keys:
        return []
    out: list[list[int]] = []
    for t in keyed_tokens(text):
        if t.key in keys and (not out or out[-1][0] != t.start + base):
            out.append([t.start + base, t.end + base])
    return out


def _window(text: str, start: int, end: int, marks: list[list[int]]) -> tuple[int, int]:
    """Cut a long span to about SNIPPET_CHARS around its first mark, at word boundaries."""
    if end - start <= SNIPPET_CHARS:
        return start, end
    first = marks[0][0] if marks else start
    a = max(start, first - SNIPPET_CHARS // 3)
    b = min(end, a + SNIPPET_CHARS)
    while a > start and not text[a - 1].isspace():
        a -= 1
    while b < end and not text[b].isspace():
        b += 1
    return a, b


def best_snippet(text: str, keys: set[str], sentences: list[tuple[int, int]]) -> dict[str, Any]:
    """The sentence with the most distinct query words (then most marks), highlighted.

    ``start``/``end`` are offsets of the snippet in ``text``; ``marks`` are relative to it.
    """
    spans = sentences or [(0, len(text))]
    best: tuple[int, int, int, int] | None = None
    all_marks = marks_in(text, keys)
    for s, e in spans:
        inside = [m for m in all_marks if m[0] >= s and m[1] <= e]
        distinct = len({text[m[0]:m[1]] for m in inside})
        score = (distinct, len(inside))
        if best is None or score > best[:2]:
            best = (*score, s, e)
    assert best is not None
    s, e = best[2], best[3]
    inside = [m for m in all_marks if m[0] >= s and m[1] <= e]
    a, b = _window(text, s, e, inside)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    marks = [[m[0] - a, m[1] - a] for m in inside if m[0] >= a and m[1] <= b]
    return {"text": text[a:b], "start": a, "end": b, "marks": marks}
