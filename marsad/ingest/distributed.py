"""Ingest with the per-article analysis mapped over a Dask cluster (``offload`` says how results
come back to the one writer).

Items go out in bounded batches (one batch in flight while the previous one is stored), so
memory does not grow with the input, and the stored result is the one the sequential
``Ingestor`` gives. Event linking is partitioned by time windows over the cluster. On one
machine the stdlib pool of ``parallel`` does the same with less overhead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from marsad.ingest import code_version
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.offload import PrecomputedIngestor, analyse_items, articles, chunks
from marsad.ingest.run import Summary, read_items
from marsad.pipeline import linkers
from marsad.resources import Resources
from marsad.store import Store


class DaskIngestor(PrecomputedIngestor):
    """A ``PrecomputedIngestor`` whose event linking is partitioned by time windows over the cluster."""

    def __init__(self, store: Store, res: Resources, client: Any, link_every: int = 500,
                 partitioned_events: bool = True):
        super().__init__(store, res, link_every)
        self.client = client
        self.partitioned_events = partitioned_events

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


def ingest_items_dask(store: Store, items: Iterable[RawArticle | Rejected], res: Resources, client: Any,
                      on_item: Callable[[], None] | None = None) -> Summary:
    """Like ``ingest_items``: analysis on the cluster, storage here, in input order."""
    cfg = res.config["dask"]
    config, kb = res.config, [str(p) for p in res.kb_files]
    ing = DaskIngestor(store, res, client, cfg["link_every"])

    def submit(batch: list) -> tuple[list, list]:
        futures = client.map(analyse_items, list(chunks(articles(batch), cfg["task_size"])), config=config, kb_files=kb,
                             code=code_version.CODE, pure=False)
        return batch, futures

    pending = None
    for batch in chunks(items, cfg["batch_size"]):
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
    return ingest_items_dask(store, read_items(paths, res), res, client, on_item)


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
