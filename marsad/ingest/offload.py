"""Article analysis computed in other processes, and the writer that takes it.

``prepare`` and ``analyse`` are pure functions of (Document, Resources), so they can run in
worker processes (a local pool, ``parallel``; or a Dask cluster, ``distributed``), while
everything that decides what is stored (deduplication, ids, versions) and the storing itself
stay in one writer process, in input order: the stored result is the one the sequential
``Ingestor`` gives. Workers get the config and the user KB file paths only, and build their
heavy objects (name automata, lexicons) once per process, through ``Resources.get``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from marsad.ingest import code_version
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.outlets import origin
from marsad.ingest.published import publication
from marsad.ingest.run import Ingestor, stable_id
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.store import Store
from marsad.text.normalize import clean_stored
from marsad.types import Analysis, Document

_WORKER_RES: dict[str, Resources] = {}  # per worker process: resources by config fingerprint


def _key(doc: Document) -> tuple:
    """What prepare/analyse read of a document: a result computed for another input is never used."""
    return (doc.id, doc.text, doc.title, doc.url, doc.source, doc.published, doc.language, doc.origin)


def _document(item: RawArticle) -> Document:
    """The Document the writer builds for a new article (the id of a known article may differ)."""
    text = clean_stored(item.text)
    came = origin(item.url, item.source, text)  # as Ingestor.add resolves it, so the keys agree
    published, how = publication(item.published, item.url)
    return Document(id=item.id or stable_id(text), text=text, title=item.title, url=item.url,
                    source=came.source, published=published, published_how=how, language=item.language,
                    origin=item.origin, outlet=came.outlet, wire=came.wire)


@dataclass
class Analysed:
    key: tuple
    doc: Document
    analysis: Analysis


def _worker_resources(config: dict, kb_files: list[str]) -> Resources:
    token = hashlib.sha1(json.dumps([config, kb_files], sort_keys=True, default=str).encode()).hexdigest()
    if token not in _WORKER_RES:
        _WORKER_RES[token] = Resources(config=config, kb_files=[Path(p) for p in kb_files])
    return _WORKER_RES[token]


def analyse_items(items: list[RawArticle], config: dict, kb_files: list[str],
                  code: str | None = None) -> list[Analysed | None]:
    """Worker task: prepare + analyse each article (None for those too short to be stored).

    ``code``: the client's ``code_version.CODE``; a worker running other code refuses the task."""
    code_version.check(code, "article analysis")
    res = _worker_resources(config, kb_files)
    out: list[Analysed | None] = []
    for item in items:
        doc = _document(item)
        if len(doc.text.strip()) < res.config["ingest"]["min_chars"]:
            out.append(None)
            continue
        key = _key(doc)
        try:
            prepare(doc, res)
            out.append(Analysed(key, doc, analyse(doc, res)))
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - this article only: the writer analyses it again and rejects it with the error
            out.append(None)
    return out


def chunks(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def articles(batch: list[RawArticle | Rejected]) -> list[RawArticle]:
    """The items of a batch that workers analyse (rejections are only recorded, by the writer)."""
    return [it for it in batch if isinstance(it, RawArticle)]


class PrecomputedIngestor(Ingestor):
    """An ``Ingestor`` that takes prepare/analyse results computed elsewhere when they fit its input.

    A result for another input (the writer gave a known article its stored id) or a missing one
    (a failed task) is computed here instead, so the outcome never depends on the workers."""

    def __init__(self, store: Store, res: Resources, link_every: int = 500):
        super().__init__(store, res, link_every)
        self._ready: dict[tuple, Analysed] = {}
        self._current: Analysed | None = None
        self.remote = self.local = 0  # how many articles used worker results / were computed here

    def offer(self, item: RawArticle | Rejected, result: Analysed | None) -> None:
        """Store ``item`` using the worker's ``result`` for it."""
        if result is not None:
            self._ready[result.key] = result
        try:
            self.add(item)
        finally:
            self._ready.clear()
            self._current = None

    def _prepare(self, doc: Document) -> None:
        got = self._ready.get(_key(doc))
        if got is None:
            self.local += 1
            super()._prepare(doc)
            return
        self.remote += 1
        self._current = got
        doc.language, doc.body_end, doc.removed, doc.sentences = (
            got.doc.language, got.doc.body_end, got.doc.removed, got.doc.sentences)

    def _analyse(self, doc: Document) -> Analysis:
        if self._current is not None and self._current.doc.id == doc.id:
            return self._current.analysis
        return super()._analyse(doc)
