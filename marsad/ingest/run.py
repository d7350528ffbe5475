"""The ingest job: read -> clean -> deduplicate -> prepare -> analyse -> store -> link.

Each article is stored in its own transaction together with its analysis, so a killed
process leaves whole articles or none; documents not yet seen by the cross-document
linkers are picked up again by the next run.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.extract.pubdate import infer_published
from marsad.ingest import heap
from marsad.ingest.decode import MAX_BAD_RATIO, share
from marsad.ingest.dedup import NearDuplicates, content_hash
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.outlets import origin
from marsad.ingest.published import publication
from marsad.ingest.readers import read_path
from marsad.messages import message
from marsad.pipeline import analyse, capped, linkers, prepare
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.errors import integrity_violation
from marsad.text.normalize import clean_stored
from marsad.types import Analysis, Document

if TYPE_CHECKING:
    from datasketch import MinHash


def failure(e: BaseException) -> str:
    """An error as a bug report needs it: its type, message and the line it was raised at."""
    where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"{type(e).__name__}: {e}{at}"


@dataclass
class Summary:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (origin, of doc, similarity)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    # origins of the rejected whose fault is marsad's (its analysis failed or the store refused
    # what it made), not the article's: a later version may store them
    faulted: list[str] = field(default_factory=list)
    not_arabic: list[tuple[str, str]] = field(default_factory=list)  # (doc id, language)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    # articles kept with invalid bytes replaced (each also has a warning): (origin, bad bytes, share)
    replaced: list[tuple[str, int, float]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.new) + len(self.updated) + len(self.unchanged) + len(self.duplicates) + len(self.rejected)

    def as_dict(self) -> dict:
        return {
            "new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged),
            "duplicates": [{"origin": o, "duplicate_of": d, "similarity": round(s, 3)} for o, d, s in self.duplicates],
            "rejected": [{"origin": o, "reason": r} for o, r in self.rejected],
            "not_arabic": [{"id": i, "language": lang} for i, lang in self.not_arabic],
            "warnings": [{"origin": o, "message": m} for o, m in self.warnings],
            "replaced": [{"origin": o, "bad_bytes": n, "share": round(r, 5)} for o, n, r in self.replaced],
        }


def warm_up(res: Resources) -> bool:
    """Analyse the shortest bundled sample once, so that every resource the stages read (knowledge
    base, lexicons, tagger, config values) is loaded before the first article: a broken one raises
    here and stops the run, instead of being taken for a fault of each article in turn."""
    folder = resources.files("marsad").joinpath("samples")
    text = min((f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith(".txt")), key=len)
    doc = Document(id="warm-up", text=clean_stored(text))
    prepare(doc, res)
    analyse(doc, res)
    return True


def stable_id(text: str) -> str:
    """Content-derived id for articles that come without one."""
    return "doc-" + content_hash(text)[:16]


class Ingestor:
    """Stores articles one transaction each and runs the linkers every ``link_every`` new ones."""

    def __init__(self, store: Store, res: Resources, link_every: int = 500):
        self.store, self.res, self.link_every = store, res, link_every
        cfg = res.config["ingest"]
        self.min_chars = cfg["min_chars"]
        self.near = NearDuplicates(store.conn, cfg["shingle_words"], cfg["minhash_perm"], cfg["duplicate_threshold"])
        self.summary = Summary()
        self._pending: list[str] = []
        res.get("warmed_up", warm_up)  # a broken resource stops the run here, not each article in turn

    def add(self, item: RawArticle | Rejected) -> None:
        s = self.summary
        if isinstance(item, Rejected):
            self._reject(item.origin, item.reason)
            return
        text = clean_stored(item.text)
        if len(text.strip()) < self.min_chars:
            self._reject(item.origin, message("empty_text") if not text.strip()
                         else message("text_too_short", chars=len(text.strip())))
            return
        if item.bad_bytes:
            total = item.size or len(item.text.encode("utf-8"))
            s.replaced.append((item.origin, item.bad_bytes, item.bad_bytes / max(total, 1)))
            s.warnings.append((item.origin, message("decode_replaced", bad=item.bad_bytes, total=total,
                                                    share=share(item.bad_bytes, total))))
        published, published_how = publication(item.published, item.url)
        if item.published and published_how != "given":
            s.warnings.append((item.origin, message("date_unreadable", given=repr(item.published))))
        h = content_hash(text)
        existing = None
        if item.id:
            existing = self.store.get_document(item.id)
        if existing is None and item.url:
            existing = self.store.find_by_url(item.url)
        if existing is not None and existing["content_hash"] == h:
            s.unchanged.append(existing["id"])
            return
        same = self.store.find_by_hash(h) if existing is None else None
        if same is not None and not (item.id or item.url):
            s.duplicates.append((item.origin, same["id"], 1.0))  # nothing new to record: not stored
            return
        came = origin(item.url, item.source, text)  # the outlet (by URL, else by name) and a credited wire
        doc = Document(id=existing["id"] if existing is not None else (item.id or stable_id(text)), text=text,
                       title=item.title, url=item.url, source=came.source, published=published, published_how=published_how,
                       language=item.language, origin=item.origin, bad_bytes=item.bad_bytes,
                       outlet=came.outlet, wire=came.wire)
        ok, _ = self._guarded(item, self._prepare, doc)
        if not ok:
            return
        if capped(doc):
            s.warnings.append((item.origin, message("analysis_capped", size=len(doc.text), cut=doc.body_end,
                                                    limit=self.res.config["pipeline"]["max_analysed_chars"])))
        mh, near_of, sim = self.near.find(doc.body)
        if same is not None:  # the same text under its own id/url: another outlet's copy
            near_of, sim = same["id"], 1.0
        if existing is not None:
            near_of, sim = None, 0.0  # a new version of a known article is never its own copy
        analysis = None
        if near_of is None:
            ok, analysis = self._guarded(item, self._analyse, doc)
            if not ok:
                return
        try:
            stored = self._store(item, doc, h, existing, near_of, sim, mh, analysis)
        except Exception as e:
            if not integrity_violation(e):
                raise  # disk full, locked, read-only: the CLI says so and stops
            self._reject(item.origin, message("analysis_refused", error=failure(e)), fault=True)
            return  # rolled back whole: nothing of it is stored
        if not stored:
            return
        if doc.language != "ar":
            s.not_arabic.append((doc.id, doc.language or "und"))
        if near_of is None:
            self._pending.append(doc.id)
            if len(self._pending) >= self.link_every:
                self.link()

    def _guarded(self, item: RawArticle, step: Callable[[Document], Any], doc: Document) -> tuple[bool, Any]:
        """``step(doc)``, or the article rejected with the error when the step fails on it: one
        article's fault must not stop the batch nor store half of it."""
        try:
            return True, step(doc)
        except MemoryError:
            raise
        except Exception as e:  # noqa: BLE001 - any fault of this article's text; the run goes on
            self._reject(item.origin, message("analysis_failed", error=failure(e)), fault=True)
            return False, None

    def _store(self, item: RawArticle, doc: Document, h: str, existing: Any, near_of: str | None, sim: float,
               mh: MinHash, analysis: Analysis | None) -> bool:
        """Write one article and its analysis in one transaction; the summary is told only once it
        is committed. False when another worker stored it first."""
        s = self.summary
        with self.store.transaction():
            if existing is not None:
                self.store.update_document(doc, h)
            elif not self.store.insert_document(doc, h, near_of, sim if near_of else None):
                s.unchanged.append(doc.id)  # another worker stored it first
                return False
            self.near.add(doc.id, mh)
            if analysis is not None:
                self.store.save_analysis(analysis)
            if doc.published is None and doc.language == "ar":
                guess = infer_published(doc)
                if guess.confidence > 0:
                    self.store.set_inferred_published(
                        doc.id, guess.start.isoformat() if guess.start else None,
                        guess.end.isoformat() if guess.end else None, guess.confidence)
        if existing is not None:
            s.updated.append(doc.id)
        elif near_of:
            s.duplicates.append((item.origin, near_of, sim))
        else:
            s.new.append(doc.id)
        return True

    def _prepare(self, doc: Document) -> None:
        prepare(doc, self.res)  # a hook: the Dask ingest hands in results computed on the cluster

    def _analyse(self, doc: Document):
        return analyse(doc, self.res)

    def _reject(self, origin: str, reason: str, fault: bool = False) -> None:
        self.summary.rejected.append((origin, reason))
        if fault:
            self.summary.faulted.append(origin)
        with self.store.transaction():
            self.store.record_reject(origin, reason)

    def link(self) -> None:
        """Run the cross-document linkers on every stored document they have not seen yet."""
        self._pending.clear()
        with self.store.linking():  # read the backlog inside the lock: another worker may just have linked it
            ids = [r[0] for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE linked = 0 AND duplicate_of IS NULL ORDER BY seq")]
            if not ids:
                return
            for step in linkers():
                step(self.store, ids, self.res)
            with self.store.transaction():
                self.store.conn.executemany("UPDATE documents SET linked = 1 WHERE id = ?", [(i,) for i in ids])
        heap.release()  # a batch's parses and linking state are garbage now: give the pages back


def ingest_items(store: Store, items: Iterable[RawArticle | Rejected], res: Resources,
                 on_item: Callable[[], None] | None = None) -> Summary:
    ing = Ingestor(store, res)
    for item in items:
        ing.add(item)
        if on_item:
            on_item()
    ing.link()
    return ing.summary


def read_items(paths: Iterable[str], res: Resources) -> Iterator[RawArticle | Rejected]:
    """Every article found under ``paths`` (files, folders, ``-``), read lazily, with the size limits of the config."""
    cfg = res.config["ingest"]
    max_bytes, max_bad = cfg["max_bytes"], cfg.get("max_bad_byte_ratio", MAX_BAD_RATIO)
    return (it for p in paths for it in read_path(p, max_bytes, max_bad))


def ingest_paths(store: Store, paths: Iterable[str], res: Resources,
                 on_item: Callable[[], None] | None = None) -> Summary:
    """Ingest every article found under ``paths`` (files, folders, ``-``)."""
    return ingest_items(store, read_items(paths, res), res, on_item)

