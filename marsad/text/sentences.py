"""Sentence splitting for news prose that has few full stops and long quotes.

Rules (data in ``lang/ar/data/sentences.json``): a terminal mark followed by space ends a
sentence unless it is inside a quotation; a line break always does; a run-on sentence longer
than ``long_sentence_chars`` is cut after a comma that precedes a reporting phrase
(``، وأضاف``). Spans are offsets into the original text, trimmed of spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.types import Removed, Sentence


@lru_cache(maxsize=1)
def _data() -> dict:
    d = dict(load_json("sentences.json"))
    d["open"] = {a: b for a, b in d["quote_pairs"]}
    d["starter_keys"] = tuple(normalize(s) for s in d["starters"])
    d["cont_keys"] = frozenset(normalize(w) for w in d["continuation_words"])
    return d


def _wrapped(text: str, i: int, end: int) -> bool:
    """Is the line break at ``i`` a hard wrap inside a sentence (not a real boundary)?"""
    d = _data()
    if i + 1 < end and text[i + 1] == "\n":
        return False  # a blank line is a paragraph break
    ls = text.rfind("\n", 0, i) + 1
    prev = text[ls:i].rstrip()
    if not prev or prev[-1] in d["terminals"] or prev[-1] in ":":
        return False
    last = normalize(prev.split()[-1])
    if last in d["cont_keys"]:
        return True
    ne = text.find("\n", i + 1, end)
    nxt = text[i + 1 : end if ne < 0 else ne].strip()
    return bool(nxt) and nxt[-1] in d["terminals"] and len(nxt.split()) <= d["wrapped_tail_words"]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _marks() -> tuple[frozenset[str], re.Pattern[str]]:
    """The characters ``_raw_spans`` acts on (line break, terminals, quote marks) and a pattern
    finding the next one: every other character only lets a quotation time out, which the next
    of these characters sees as well (``i - q_at > max_quote_chars`` holds there too)."""
    d = _data()
    chars = {"\n", *d["terminals"], *d["open"], *d["open"].values(), *d["toggle_quotes"]}
    chars = {c for c in chars if len(c) == 1}
    return frozenset(chars), re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _raw_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    d = _data()
    terminals = set(d["terminals"])
    opens, toggles, max_q = d["open"], set(d["toggle_quotes"]), d["max_quote_chars"]
    marks, next_mark = _marks()
    spans: list[tuple[int, int]] = []
    s = start
    close: str | None = None  # the quote mark we wait for
    q_at = 0
    i = start
    while i < end:
        c = text[i]
        if c not in marks:  # skip to the next character that matters, in C
            m = next_mark.search(text, i, end)
            i = m.start() if m else end
            continue
        # a quotation may go on over a hard-wrapped line, not over a line that ends a sentence
        if c == "\n" and (_wrapped(text, i, end) or (close is not None and 0 <= text.find(close, i, q_at + max_q)
                                                    and text[i + 1 : i + 2] != "\n"
                                                    and text[s:i].rstrip()[-1:] not in terminals)):
            i += 1
            continue
        if close is not None and (i - q_at > max_q or c == "\n"):
            close = None  # an unbalanced quote: stop protecting
        if close is None and c in opens:
            close, q_at = opens[c], i
        elif close is None and c in toggles:
            close, q_at = c, i
        elif close is not None and c == close:
            close = None
        elif c == "\n":
            spans.append((s, i))
            s = i + 1
        elif c in terminals and close is None:
            j = i + 1
            while j < end and text[j] in terminals:
                j += 1
            nxt = text[j] if j < end else " "
            prev = text[i - 1] if i > start else " "
            if nxt.isspace() and not (c == "." and prev.isdigit() and j < end and text[j].isdigit()):
                spans.append((s, j))
                s = j
            i = j
            continue
        i += 1
    spans.append((s, end))
    return spans


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    d = _data()
    if end - start <= d["long_sentence_chars"]:
        return [(start, end)]
    cuts = []
    pos = start
    while True:
        k = text.find("،", pos, end)
        if k < 0:
            break
        after = normalize(text[k + 1 : k + 40]).lstrip()
        if k - (cuts[-1] if cuts else start) > 60 and any(after.startswith(st + " ") for st in d["starter_keys"]):
            cuts.append(k + 1)
        pos = k + 1
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def split_sentences(text: str, end: int | None = None, removed: list[Removed] | None = None) -> list[Sentence]:
    """Sentences of ``text[:end]``, skipping removed spans."""
    end = len(text) if end is None else end
    skip = sorted((r.start, r.end) for r in (removed or []) if r.start < end)
    out: list[Sentence] = []
    for a, b in _raw_spans(text, 0, end):
        for c, e in _cut_long(text, a, b):
            c, e = _trim(text, c, e)
            if e <= c or any(rs <= c and e <= re_ for rs, re_ in skip):
                continue
            if not any(ch.isalnum() for ch in text[c:e]):
                continue
            out.append(Sentence(c, e))
    return out
