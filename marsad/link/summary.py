"""Extractive title and summary of an event, taken from its own articles.

Sentences are ranked by closeness to the event's centroid (what all its articles talk
about), with a bonus for leads, and picked greedily while skipping any sentence too close
to one already picked, so that five outlets saying the same thing yield one sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad.extract.pubdate import stamp_openings
from marsad.extract.quote_lexicon import bare, reporting_forms
from marsad.extract.times import read as read_times
from marsad.ingest.outlets import credit_words
from marsad.lang.ar import load_json
from marsad.link.similarity import cosine, terms, weigh
from marsad.text.normalize import arabic_ratio, normalize, normalize_map


@dataclass
class Member:
    id: str
    title: str | None
    text: str
    sentences: list[tuple[int, int]]
    headline: tuple[int, int] | None = None  # the headline line of the text, when it has one
    lead: list[tuple[int, int]] = field(default_factory=list)  # first body sentences (datelines skipped)


def _candidates(members: Sequence[Member], cfg: dict):
    for m in members:
        for n, (a, b) in enumerate(m.sentences[: cfg["summary_sentences_per_doc"]]):
            yield m, n, a, b


def summarise(members: Sequence[Member], centroid: dict[str, float], idf: Callable[[str], float],
              cfg: dict) -> list[dict[str, Any]]:
    """3-5 non-repeating sentence references {doc, sentence, start, end, text}."""
    scored = []
    lo_w, hi_w = cfg["summary_min_words"], cfg["summary_max_words"]
    for m, n, a, b in _candidates(members, cfg):
        ts = terms(m.text[a:b])
        if not lo_w <= len(ts) <= hi_w:
            continue
        v = weigh(Counter(ts), idf)
        rel = cosine(v, centroid) * (1 + (cfg["summary_lead_bonus"] if n < 2 else 0.0))
        scored.append((rel, m, n, a, b, v))
    scored.sort(key=lambda x: -x[0])
    want = min(cfg["summary_max"], max(cfg["summary_min"], len(members) + 2))
    picked: list[tuple] = []
    for s in scored:
        if len(picked) >= want:
            break
        if any(cosine(s[5], p[5]) > cfg["summary_redundancy"] for p in picked):
            continue
        picked.append(s)
    order = {m.id: i for i, m in enumerate(members)}
    picked.sort(key=lambda s: (order[s[1].id], s[2]))
    return [{"doc": m.id, "sentence": n, "start": a, "end": b, "text": m.text[a:b]} for _, m, n, a, b, _ in picked]


def _clip(text: str, max_words: int) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text.strip()
    cut = " ".join(words[:max_words])
    for mark in ("،", ",", "؛", ":"):
        k = cut.rfind(mark)
        if k > len(cut) // 2:
            return cut[:k].strip()
    return cut + "…"


@lru_cache(maxsize=1)
def _page_words() -> tuple[frozenset[str], int, float, int]:
    d = load_json("boilerplate.json")
    return (frozenset(normalize(w) for w in d["menu_words"]), int(d["menu_min_words"]), float(d["menu_min_share"]),
            int(d["title_prefix_max_words"]))


@lru_cache(maxsize=1)
def _page_lines() -> tuple[frozenset[str], tuple[str, ...]]:
    """(byline words, openings of a page's stamps): see ``boilerplate.json``."""
    return frozenset(normalize(w) for w in load_json("boilerplate.json")["byline_words"]), stamp_openings()


def continues(text: str) -> bool:
    """Does ``text`` open with و/ف and a reporting verb (وقالت الوزارة ...)? Such a sentence goes on
    from one before it, which an excerpt cut off: it tells who said, not what happened."""
    first = normalize(text.split(maxsplit=1)[0]) if text.strip() else ""
    return bare(first) != first and bare(first) in reporting_forms(with_quoted_only=False)


def newsy(text: str) -> bool:
    """A line that can title an event: mostly Arabic words, at least three content words, and not
    a date line (a page's ``الثلاثاء 02 سبتمبر 2025 الساعة 05 مساء``), a player notice or a
    site's navigation bar (``أخبار اقتصاد مجتمع وظائف مقالات ...``), nor a dateline or byline
    that runs on into the next line (``بغداد : الشبكة العراقية /``)."""
    if len(terms(text)) < 3 or arabic_ratio(text) < 0.5 or text.rstrip()[-1:] in _RUNS_ON:
        return False
    if normalize(text.strip()).startswith(_page_lines()[1]):
        return False
    menu, min_words, min_share, _ = _page_words()
    words = [normalize(w) for w in text.split()]
    in_menu = sum(w in menu or (w[:1] in "وف" and w[1:] in menu) for w in words)
    if in_menu >= min_words and in_menu >= min_share * len(words):
        return False
    dated = sum(e.end - e.start for e in read_times(text))
    return dated < 0.4 * len(text.strip())


@lru_cache(maxsize=1)
def _glued_buttons() -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """(button words, fewest letters after one, endings of the word itself): ``boilerplate.json``."""
    d = load_json("boilerplate.json")
    return (tuple(normalize(w) for w in d["glued_buttons"]), int(d["glued_button_min_rest"]),
            tuple(normalize(w) for w in d["glued_button_not_rest"]))


_LETTERS = re.compile(r"[^\W\d_]*")


def _unglued(text: str) -> str:
    """``text`` without a page's button word glued to its first word (``تسجيلعكست`` ->
    ``عكست``, ``Closeأعلن`` -> ``أعلن``): the page printed the button and the news with no space."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    word = normalize_map(first)
    buttons, min_rest, endings = _glued_buttons()
    for b in buttons:
        rest = word.text[len(b):]
        if word.text.startswith(b) and len(_LETTERS.match(rest).group()) >= min_rest and not rest.startswith(endings):
            return text[word.offsets[len(b)]:]  # past any mark or tatweel the button word ends with
    return text


_RUNS_ON = frozenset("/:|-–—,\u060c")  # a line ending so continues: it is no title
_LEADING_JUNK = re.compile(r"^(?:[\s\-–—<>|/•*·:]+|\d{1,2}:\d{2}(?!\d))+")
_PREFIX_MARK = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*[-–—|/]\s*")


def title_text(text: str) -> str:
    """A headline or lead without what page layout put before the news: marks and a ticker's
    clock (``- 22:44``, ``--> -->``), a button word glued to the first word, and a dateline or site name cut off by a dash, pipe or slash
    (``الدمام - شريف احمد - ``, ``أربيل (كوردستان24)- ``, ``الأمة| ``) of a few words, with the
    agency credit such a dateline may run into; a byline line (``كتب - محرر الموقع``) gives ""."""
    text = _unglued(_LEADING_JUNK.sub("", text.strip()))
    max_words = _page_words()[3]
    dated = False
    for _ in range(2):  # a dateline and an author: الدمام - شريف احمد -
        m = next((m for m in _PREFIX_MARK.finditer(text) if not text[m.start() - 1:m.start()].isdigit()), None)
        if m is None:
            break
        if normalize(text[:m.start()].strip()) in _page_lines()[0] and len(text[m.end():].split()) <= 2 * max_words:
            return ""  # كتب - محرر الموقع: the line is a byline
        if not 1 <= len(text[:m.start()].split()) <= max_words or len(text[m.end():].split()) < 4:
            break
        text, dated = text[m.end():], True
    return _drop_credit(text.strip()) if dated else text.strip()


def _drop_credit(text: str) -> str:
    """``text`` without the agency credit a dateline ran into (``نواكشوط - وام توجه الناخبون``);
    only after a dateline, as a headline may name an agency as its subject."""
    words = text.split(maxsplit=3)
    credits = credit_words()
    for k in (3, 2, 1):
        head = tuple(w for w in re.split(r"[\s.()]+", normalize(" ".join(words[:k]))) if w)
        if len(words) > k and head in credits and len(text.split()) - k >= 4:
            return text.split(maxsplit=k)[k]
    return text


def _heads(m: Member) -> bool:
    """Has ``m`` a title or headline line that can title an event (not a page's date line read
    as one)?"""
    lines = (m.title, m.text[m.headline[0]:m.headline[1]] if m.headline else None)
    return any(newsy(title_text(x)) for x in lines if x)


def make_title(members: Sequence[Member], centroid: dict[str, float], idf: Callable[[str], float],
               cfg: dict) -> str:
    """The headline or lead sentence closest to the event centroid, clipped to a title's length.

    Headlines win ties: they name the happening; a lead sentence may open with a dateline."""
    best: tuple[float, str] | None = None
    heads = [_heads(m) for m in members]
    headed = any(heads)  # then only headlines compete
    for m, head in zip(members, heads, strict=True):
        if headed and not head:
            continue
        cands = [(m.title, cfg["title_headline_bonus"])] if m.title else []
        if m.headline:  # a headline line is whole; the sentence splitter may cut it at '..'
            cands.append((m.text[m.headline[0]:m.headline[1]].strip(), cfg["title_headline_bonus"]))
        else:
            lead = m.lead or m.sentences
            cands += [(m.text[a:b], cfg["title_headline_bonus"] if n == 0 else 0.0) for n, (a, b) in enumerate(lead[:2])]
        for c, bonus in cands:
            c = title_text(c)
            if not newsy(c) or continues(c):
                continue
            ts = terms(c)
            short = 1.0 if len(c.split()) <= cfg["title_max_words"] else 0.8
            s = cosine(weigh(Counter(ts), idf), centroid) * short * (1 + bonus)
            if best is None or s > best[0]:
                best = (s, c)
    if best is None:  # no headline or lead can title it: the closest news sentence of the body
        for m in members:
            for a, b in m.sentences[: cfg["summary_sentences_per_doc"]]:
                c = title_text(m.text[a:b])
                if newsy(c):  # one that goes on from a sentence cut off titles only when no other can
                    s = cosine(weigh(Counter(terms(c)), idf), centroid) - (1.0 if continues(c) else 0.0)
                    if best is None or s > best[0]:
                        best = (s, c)
    if best is None:
        return ""
    return _clip(best[1], cfg["title_max_words"])
