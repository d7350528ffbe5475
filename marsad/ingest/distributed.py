"""Ingest with the per-article analysis mapped over a Dask cluster.

``prepare`` and ``analyse`` are pure functions of (Document, Resources), so they run on
the workers; everything that decides what is stored (deduplication, ids, versions) and the
storing itself stay in this single writer process, in input order. Items go out in bounded
batches (one batch in flight while the previous one is stored), so memory does not grow
with the input, and the stored result is the one the sequential ``Ingestor`` gives.

Workers get the config and the user KB file paths only, and build their heavy objects
(name automata, lexicons) once per worker process, through ``Resources.get``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from marsad.ingest import code_version
from marsad.ingest.decode import MAX_BAD_RATIO
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.outlets import origin
from marsad.ingest.published import publication
from marsad.ingest.readers import read_path
from marsad.ingest.run import Ingestor, Summary, stable_id
from marsad.pipeline import analyse, linkers, prepare
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
        prepare(doc, res)
        out.append(Analysed(key, doc, analyse(doc, res)))
    return out


class DaskIngestor(Ingestor):
    """An ``Ingestor`` that takes prepare/analyse results computed on the cluster when they fit."""

    def __init__(self, store: Store, res: Resources, client: Any, link_every: int = 500,
                 partitioned_events: bool = True):
        super().__init__(store, res, link_every)
        self.client = client
        self.partitioned_events = partitioned_events
        self._ready: dict[tuple, Analysed] = {}
        self._current: Analysed | None = None
        self.remote = self.local = 0  # how many articles used cluster results / were computed here

    def offer(self, item: RawArticle | Rejected, result: Analysed | None) -> None:
        """Store ``item`` using the cluster's ``result`` for it."""
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

    def link(self) -> None:
        """The linkers, with event linking partitioned by time windows over the cluster."""
        from marsad.link import events, partitioned

        self._pending.clear()
        with self.store.linking():  # take turns with other ingest workers, as Ingestor.link does
            ids = [r[0] for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE linked = 0 AND duplicate_of IS NULL ORDER BY seq")]
            if not ids:
                return
            for step in linkers():
                if self.partitioned_events and step is events.assign:
                    partitioned.assign(self.store, ids, self.res, client=self.client)
                else:
                    step(self.store, ids, self.res)
            with self.store.transaction():
                self.store.conn.executemany("UPDATE documents SET linked = 1 WHERE id = ?", [(i,) for i in ids])


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def ingest_items_dask(store: Store, items: Iterable[RawArticle | Rejected], res: Resources, client: Any,
                      on_item: Callable[[], None] | None = None) -> Summary:
    """Like ``ingest_items``: analysis on the cluster, storage here, in input order."""
    cfg = res.config["dask"]
    config, kb = res.config, [str(p) for p in res.kb_files]
    ing = DaskIngestor(store, res, client, cfg["link_every"])

    def submit(batch: list) -> tuple[list, list]:
        arts = [it for it in batch if isinstance(it, RawArticle)]
        futures = client.map(analyse_items, list(_chunks(arts, cfg["task_size"])), config=config, kb_files=kb,
                             code=code_version.CODE, pure=False)
        return batch, futures

    pending = None
    for batch in _chunks(items, cfg["batch_size"]):
        nxt = submit(batch)  # the next batch is analysed while this process stores the previous one
        if pending is not None:
            _store_batch(ing, *pending, on_item)
        pending = nxt
    if pending is not None:
        _store_batch(ing, *pending, on_item)
    ing.link()
    return ing.summary


def _store_batch(ing: DaskIngestor, batch: list, futures: list, on_item: Callable[[], None] | None) -> None:
    results = iter([r for part in ing.client.gather(futures) for r in part])
    for item in batch:
        ing.offer(item, next(results) if isinstance(item, RawArticle) else None)
        if on_item:
            on_item()


def ingest_paths_dask(store: Store, paths: Iterable[str], res: Resources, client: Any,
                      on_item: Callable[[], None] | None = None) -> Summary:
    cfg = res.config["ingest"]
    max_bytes, max_bad = cfg["max_bytes"], cfg.get("max_bad_byte_ratio", MAX_BAD_RATIO)
    items = (it for p in paths for it in read_path(p, max_bytes, max_bad))
    return ingest_items_dask(store, items, res, client, on_item)


@contextmanager
def dask_client(address: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the cluster at ``address``, or of a local cluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise RuntimeError("Dask is not installed: pip install 'marsad[dask]'") from e
    if address:
        with Client(address) as client:
            yield client
        return
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
