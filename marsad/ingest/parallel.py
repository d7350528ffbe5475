"""Ingest with the per-article analysis on a pool of local worker processes, one writer.

On one machine the analysis stages (names, times, quotes, facts, actions) are most of an
article's cost and are pure functions of it, while storing and cross-document linking must
stay in one process and in input order. A stdlib process pool analyses chunks of articles
ahead of the writer, which stores and links them exactly as the sequential ``Ingestor`` does
(``offload.PrecomputedIngestor``): the stored record is the same, only sooner. It needs no Dask;
on two cores Dask's scheduler and nanny processes ate the gain (``bench/bench_parallel.py``).

At most ``4 × jobs`` chunks are in flight, so memory does not grow with the input. The writer
runs the linkers every ``ingest.jobs_link_every`` new articles (events come out the same for
any batch size), so the workers analyse while it links. A chunk whose task fails (a worker
killed) is analysed by the writer itself.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from marsad.ingest import code_version
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.offload import Analysed, PrecomputedIngestor, analyse_items, articles, chunks
from marsad.ingest.run import Summary, read_items
from marsad.resources import Resources
from marsad.store import Store


def _context() -> mp.context.BaseContext:
    """fork where the platform has it: workers start at once, with the modules already imported."""
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _results(batch: list[RawArticle | Rejected], future: Future) -> list[Analysed | None]:
    """One result per item of ``batch`` (None for rejections and for every item of a failed task)."""
    n = len(articles(batch))
    try:
        got = future.result()
    except Exception:  # a broken worker: the writer analyses the chunk itself
        got = [None] * n
    out = iter(got)
    return [next(out) if isinstance(it, RawArticle) else None for it in batch]


def ingest_items_parallel(store: Store, items: Iterable[RawArticle | Rejected], res: Resources, jobs: int,
                          on_item: Callable[[], None] | None = None) -> Summary:
    """Like ``ingest_items``, with prepare/analyse on ``jobs`` worker processes."""
    cfg = res.config["ingest"]
    ing = PrecomputedIngestor(store, res, link_every=cfg["jobs_link_every"])
    config, kb = res.config, [str(p) for p in res.kb_files]
    size = cfg["jobs_task_size"]
    window: deque[tuple[list, Future]] = deque()

    def store_next() -> None:
        batch, future = window.popleft()
        for item, result in zip(batch, _results(batch, future), strict=True):
            ing.offer(item, result)
            if on_item:
                on_item()

    with ProcessPoolExecutor(jobs, mp_context=_context()) as pool:
        try:
            for batch in chunks(items, size):
                window.append((batch, pool.submit(analyse_items, articles(batch), config, kb, code_version.CODE)))
                if len(window) > 4 * jobs:
                    store_next()
            while window:
                store_next()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # interrupted: stored articles stay, the rest is dropped
            raise
    ing.link()
    return ing.summary


def ingest_paths_parallel(store: Store, paths: Iterable[str], res: Resources, jobs: int,
                          on_item: Callable[[], None] | None = None) -> Summary:
    return ingest_items_parallel(store, read_items(paths, res), res, jobs, on_item)
