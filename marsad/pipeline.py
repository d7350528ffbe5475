"""The per-document pipeline: plain stages ``(Document, Analysis, Resources) -> None``.

``prepare`` runs the text core (language, boilerplate, sentences); ``analyse`` runs the
configured stages in order on Arabic documents. Both are pure functions of their input,
so they can be mapped over processes or a cluster. Cross-document linking (entities across
documents, events, stories, statements, merged actions) runs after storage, in ``LINKERS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace

from marsad.extract.pubdate import page_stamp, stamp_agrees
from marsad.resources import Resources
from marsad.text.boilerplate import find_boilerplate
from marsad.text.normalize import arabic_ratio
from marsad.text.sentences import split_sentences
from marsad.types import STAMP, Analysis, Document, Removed

Stage = Callable[[Document, Analysis, Resources], None]

# name -> "module:function". A stage reads the document and what earlier stages put in
# the Analysis, and adds its own findings to it.
STAGES: dict[str, str] = {
    "entities": "marsad.extract.entities:run",
    "times": "marsad.extract.times:run",
    "quotes": "marsad.extract.quotes:run",
    "facts": "marsad.extract.facts:run",
    "actions": "marsad.extract.actions:run",
}

# Cross-document steps run after a batch is stored: "module:function(store, doc_ids, resources)".
LINKERS: list[str] = [
    "marsad.link.statements:link",
    "marsad.link.events:assign",
    "marsad.search.index:update",
    "marsad.link.actions:merge",
]


def _load(ref: str) -> Callable:
    mod, fn = ref.split(":")
    return getattr(importlib.import_module(mod), fn)


def detect_language(text: str, min_ratio: float) -> str:
    """'ar' when most letters are Arabic; otherwise 'en' for mostly-Latin text, else 'und'."""
    r = arabic_ratio(text)
    if r >= min_ratio:
        return "ar"
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) > 0.6:
        return "en"
    return "und"


# Reason given to the tail of a document too long to analyse whole (the text is stored whole).
BEYOND_LIMIT = "not analysed: beyond the first {limit} characters"


def prepare(doc: Document, res: Resources) -> Document:
    """Language, boilerplate and sentences: the text core every stage relies on.

    A document longer than ``pipeline.max_analysed_chars`` is stored whole but analysed up to a
    line or sentence end before that limit; the rest is a removed span that says so."""
    cfg = res.config["pipeline"]
    if not doc.language:
        doc.language = detect_language(doc.text[:_LANGUAGE_SAMPLE], cfg["min_arabic_ratio"])
    doc.body_end, doc.removed = find_boilerplate(doc.text)
    limit = int(cfg.get("max_analysed_chars", 0))
    if limit and (doc.body_end if doc.body_end is not None else len(doc.text)) > limit:
        cut = analysis_cut(doc.text, limit)
        doc.removed = [r for r in doc.removed if r.start < cut]
        doc.removed.append(Removed(cut, len(doc.text), BEYOND_LIMIT.format(limit=limit)))
        doc.body_end = cut
    stamp = page_stamp(doc.text, int(cfg["stamp_lines"]), doc.body_end)
    if stamp is not None:
        doc.removed.append(Removed(stamp.start, stamp.end, STAMP))
        if doc.published is None and doc.language == "ar" and stamp_agrees(stamp, doc.text, int(cfg["stamp_window"])):
            doc.published, doc.published_how = stamp.day.isoformat(), "page"
    doc.sentences = split_sentences(doc.text, doc.body_end, doc.removed)
    return doc


_LANGUAGE_SAMPLE = 200_000  # letters enough to tell the language of any page


def analysis_cut(text: str, limit: int) -> int:
    """Where to stop analysing: the last line end, else sentence end, before ``limit``."""
    for mark in ("\n", ".", "؟", "!", " "):
        k = text.rfind(mark, limit // 2, limit)
        if k > 0:
            return k + 1
    return limit


def capped(doc: Document) -> bool:
    """Was the document cut at the analysis limit (see ``prepare``)?"""
    return bool(doc.removed) and doc.removed[-1].reason.startswith(BEYOND_LIMIT.split("{")[0])


def analyse(doc: Document, res: Resources) -> Analysis:
    """Run the configured stages on a prepared document (non-Arabic ones are skipped)."""
    analysis = Analysis(doc.id)
    if doc.language != "ar":
        return analysis
    if capped(doc):  # stages see the analysed prefix only (offsets are the same in the whole text)
        doc = replace(doc, text=doc.text[:doc.body_end])
    for name in res.config["pipeline"]["stages"]:
        if name in STAGES:
            _load(STAGES[name])(doc, analysis, res)
    return analysis


def linkers() -> list[Callable]:
    return [_load(ref) for ref in LINKERS]
