"""The poll loop: for every due source, fetch its listing, take the items not seen before, fetch
an article page where the listing has no full text, and hand each article to
``marsad.ingest.run.Ingestor`` (the one ingest path: cleaning, dedup, analysis, linking).

Order of writes per item: the article is committed to the store, then the item is recorded in
the state file. A listing's validators (ETag, Last-Modified) are saved only once every item it
offered was handled, so a watcher killed half-way through a listing gets it again in full (not a
304) and takes the items it had not finished.

A failed poll (network, timeout, HTTP error, redirect loop, oversized or malformed listing,
robots.txt) counts a failure for the source and sets its next poll after an exponential backoff
with jitter (``marsad.watch.fetch.backoff``); other sources go on. A failed article fetch that
may pass (network, timeout, 5xx) is tried again on the next polls, ``watch.item_attempts`` times
in all; one that will not (4xx, too large, robots.txt, no article body) is recorded as a
rejection in the store, like a bad input file. A feed entry whose page cannot be had keeps its
summary when it is long enough to store. An article marsad's analysis fails on (or whose analysis
the store refuses) is rejected in the store too, but recorded as ``faulted`` with marsad's version: the fault is the program's, so a
later version takes the item again while its listing still offers it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marsad import __version__
from marsad.ingest.decode import DecodeError
from marsad.ingest.html import read_html
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.run import Ingestor
from marsad.messages import message
from marsad.resources import Resources
from marsad.store import Store
from marsad.watch.fetch import Fetcher, FetchError, backoff, decode_body
from marsad.watch.listing import Candidate, Listing, ListingError, read_listing
from marsad.watch.sources import Source, parse_interval
from marsad.watch.state import FAULTED, State

Log = Callable[..., None]
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, the newest ones read per poll


@dataclass
class PollResult:
    source: str
    status: int | None = None
    not_modified: bool = False
    listed: int = 0
    new: int = 0  # items taken this poll
    stored: int = 0  # articles stored (new or updated)
    rejected: int = 0
    retry: int = 0  # items left for a later poll (transient failure or over watch.max_items)
    error: str | None = None
    retry_in: float | None = None
    ms: float | None = None


@dataclass
class CycleResult:
    polls: list[PollResult] = field(default_factory=list)

    @property
    def failed(self) -> list[PollResult]:
        return [p for p in self.polls if p.error]

    @property
    def stored(self) -> int:
        return sum(p.stored for p in self.polls)


def _quiet(event: str, **fields: Any) -> None:
    pass


def _database_error(e: BaseException) -> bool:
    """A failure of the store or of the state file, as opposed to one of the source."""
    import sqlite3

    from marsad.store import StoreError
    from marsad.store.errors import classify

    if isinstance(e, (sqlite3.Error, StoreError)) or classify(e) is not None:
        return True
    return type(e).__module__.split(".")[0] == "psycopg"


class Watcher:
    def __init__(self, store: Store, res: Resources, state: State, load_sources: Callable[[], list[Source]],
                 log: Log = _quiet, clock: Callable[[], float] = time.time, version: str = __version__):
        self.store, self.res, self.state, self.log, self.clock = store, res, state, log, clock
        self.version = version  # an item marsad faulted on is taken again under another version
        self.cfg = res.config["watch"]
        self.default_interval = parse_interval(self.cfg["interval"], "watch.interval")
        self.load_sources = load_sources
        self.sources: list[Source] = []
        self.max_bad = res.config["ingest"].get("max_bad_byte_ratio", 0.01)
        self.stop = threading.Event()
        self._current = ""
        self._ingestor: Ingestor | None = None
        self._trimmed = float("-inf")
        self.fetcher = Fetcher(self.cfg, state, on_request=self._record)

    def close(self) -> None:
        self.fetcher.close()

    # -- bookkeeping -------------------------------------------------------------------------
    def _record(self, url: str, status: int | None, ms: float, size: int, error: str | None) -> None:
        self.state.fetch(self._current, url, status, round(ms, 1), size, error)

    def refresh(self) -> list[Source]:
        """Read the sources again (the file may have changed) and register them in the state."""
        try:
            sources = self.load_sources()
        except ValueError as e:
            if not self.sources:
                raise
            self.log("error", source=None, error=f"sources not reloaded, keeping the last ones: {e}")
            return self.sources
        for s in sources:
            self.state.register(s.name, s.url, s.kind, s.interval)
        self.sources = sources
        return sources

    def due(self) -> list[Source]:
        now = self.clock()
        rows = {r["name"]: r for r in self.state.sources()}
        return [s for s in self.sources if rows[s.name]["next_due"] <= now]

    def next_due(self) -> float | None:
        names = {s.name for s in self.sources}
        times = [r["next_due"] for r in self.state.sources() if r["name"] in names]
        return min(times) if times else None

    @property
    def ingestor(self) -> Ingestor:
        if self._ingestor is None:  # made when a cycle first has an article: a cycle of 304s needs none
            self._ingestor = Ingestor(self.store, self.res)
        return self._ingestor

    # -- the loop ----------------------------------------------------------------------------
    def cycle(self) -> CycleResult:
        """Poll every due source once; link what was stored."""
        self.refresh()
        out = CycleResult()
        for source in self.due():
            if self.stop.is_set():
                break
            try:
                out.polls.append(self.poll(source))
            except Exception as e:
                if _database_error(e):
                    raise  # the store or the state file failed (disk full, locked): nothing can go on
                # anything else (a page no parser expected) fails this source only, with backoff
                out.polls.append(self._failed(source, PollResult(source.name),
                                              RuntimeError(f"{type(e).__name__}: {e}")))
        if self._ingestor is not None:
            self._ingestor.link()
            self._ingestor = None
        if time.monotonic() - self._trimmed > 3600:
            self.state.trim(float(self.cfg["keep_days"]))
            self._trimmed = time.monotonic()
        return out

    def run(self, once: bool = False, max_cycles: int | None = None,
            on_cycle: Callable[[CycleResult], None] | None = None) -> list[CycleResult]:
        """Cycles until stopped: ``once`` polls the due sources one time; ``max_cycles`` stops after
        that many cycles that polled something; otherwise it sleeps until the next source is due."""
        results: list[CycleResult] = []
        while not self.stop.is_set():
            res = self.cycle()
            if res.polls or once:
                results.append(res)
                if on_cycle:
                    on_cycle(res)
            if once or (max_cycles and len(results) >= max_cycles) or self.stop.is_set():
                break
            nxt = self.next_due()
            wait = 60.0 if nxt is None else min(60.0, max(0.0, nxt - self.clock()))  # a minute at most: reload
            if wait > 0:
                self.log("sleep", seconds=round(wait, 1))
                self.stop.wait(wait)
        return results

    # -- one source --------------------------------------------------------------------------
    def poll(self, source: Source) -> PollResult:
        self._current = source.name
        row = self.state.source(source.name)
        out = PollResult(source.name)
        started = self.clock()
        try:
            resp = self.fetcher.get(source.url, row["etag"], row["last_modified"])
            out.status, out.ms = resp.status, round(resp.ms, 1)
            if resp.not_modified:
                out.not_modified = True
                self.state.succeeded(source.name, started, self.clock() + source.interval, 304,
                                     resp.etag, resp.last_modified, True)
                self.log("poll", source=source.name, status=304, ms=out.ms, not_modified=True)
                return out
            listing = self._listing(source, resp)
        except (FetchError, ListingError, DecodeError) as e:
            return self._failed(source, out, e)
        out.listed = len(listing.candidates)
        if listing.warning:
            self.log("warning", source=source.name, warning=listing.warning)
        complete = self._items(source, listing.candidates, out)
        # validators saved only when every listed item was handled (see the module docstring)
        etag, modified = (resp.etag, resp.last_modified) if complete else (row["etag"], row["last_modified"])
        self.state.succeeded(source.name, started, self.clock() + source.interval, resp.status, etag, modified, False)
        self.log("poll", source=source.name, status=resp.status, ms=out.ms, listed=out.listed, new=out.new,
                 stored=out.stored, rejected=out.rejected, retry=out.retry)
        return out

    def _listing(self, source: Source, resp) -> Listing:
        text = decode_body(resp.body, resp.charset, self.max_bad).text
        listing = read_listing(source.kind, text, resp.url, source.links)
        if source.kind == "sitemap" and listing.children:
            for child in listing.children[:MAX_CHILD_SITEMAPS]:
                r = self.fetcher.get(child)
                sub = read_listing("sitemap", decode_body(r.body, r.charset, self.max_bad).text, r.url)
                listing.candidates.extend(sub.candidates)
        return listing

    def _failed(self, source: Source, out: PollResult, e: Exception) -> PollResult:
        row = self.state.source(source.name)
        failures = row["failures"] + 1
        wait = backoff(failures, float(self.cfg["backoff_base"]), float(self.cfg["backoff_max"]))
        if isinstance(e, FetchError) and e.retry_after:
            wait = max(wait, min(e.retry_after, float(self.cfg["backoff_max"])))
        now = self.clock()
        status = getattr(e, "status", None)
        self.state.failed(source.name, now, now + wait, status, str(e))
        out.error, out.retry_in, out.status = str(e), round(wait, 1), status
        self.log("error", source=source.name, status=status, error=str(e), failures=failures,
                 retry_in=round(wait, 1))
        return out

    # -- items ---------------------------------------------------------------------------------
    def _items(self, source: Source, candidates: list[Candidate], out: PollResult) -> bool:
        """Handle the new candidates; True when none is left for a later poll."""
        unique: dict[str, Candidate] = {}
        for c in candidates:
            unique.setdefault(c.key, c)
        done = self.state.done_keys(source.name, list(unique), self.version)
        todo = [c for k, c in unique.items() if k not in done]
        limit = int(self.cfg["max_items"])
        left = max(0, len(todo) - limit)
        out.retry += left
        for cand in todo[:limit]:
            if self.stop.is_set():
                out.retry += 1
                continue
            out.new += 1
            outcome = self._item(source, cand)
            if outcome == "stored":
                out.stored += 1
            elif outcome in ("rejected", "failed", FAULTED):
                out.rejected += 1
            else:
                out.retry += 1
        return out.retry == 0

    def _already_stored(self, cand: Candidate) -> str | None:
        row = self.store.get_document(cand.id) if cand.id else None
        if row is None and cand.url:
            row = self.store.find_by_url(cand.url)
        return row["id"] if row is not None else None

    def _item(self, source: Source, cand: Candidate) -> str:
        origin = cand.url or f"{source.url}#{cand.key}"
        summary_only = len(cand.text) < int(self.cfg["summary_chars"])
        if not summary_only or not cand.url or (source.kind == "feed" and not source.full_text):
            return self._ingest(source, cand, self._from_listing(cand, origin))
        stored = self._already_stored(cand)  # stored before a kill, or by another path: no refetch
        if stored is not None:
            self.state.item(source.name, cand.key, "stored", stored)
            self.log("item", source=source.name, url=cand.url, outcome="stored", doc=stored, already=True)
            return "stored"
        try:
            resp = self.fetcher.get(cand.url)
            dec = decode_body(resp.body, resp.charset, self.max_bad)
        except (FetchError, DecodeError) as e:
            return self._page_failed(source, cand, origin, e)
        try:
            page = read_html(dec.text, origin)
        except Exception as e:  # noqa: BLE001 - a page the extractor chokes on is one rejected item
            page = Rejected(origin, message("watch_page_unreadable", error=f"{type(e).__name__}: {e}"))
        if isinstance(page, Rejected):
            item = self._from_listing(cand, origin) if self._usable(cand) else page
            return self._ingest(source, cand, item)
        if len(page.text) < len(cand.text):  # the extractor found less than the feed gave
            page.text = cand.text
        page.url = cand.url
        page.id = cand.id
        page.title = cand.title or page.title
        page.published = cand.published or page.published
        page.source = cand.source or page.source
        page.bad_bytes, page.size = dec.bad_bytes, len(resp.body)
        return self._ingest(source, cand, page)

    def _usable(self, cand: Candidate) -> bool:
        return len(cand.text.strip()) >= int(self.res.config["ingest"]["min_chars"])

    def _from_listing(self, cand: Candidate, origin: str) -> RawArticle | Rejected:
        return RawArticle(text=cand.text, origin=origin, id=cand.id, url=cand.url, title=cand.title,
                          published=cand.published, source=cand.source)

    def _page_failed(self, source: Source, cand: Candidate, origin: str, e: Exception) -> str:
        transient = isinstance(e, FetchError) and e.transient
        if transient and self.state.attempts(source.name, cand.key) + 1 < int(self.cfg["item_attempts"]):
            self.state.item(source.name, cand.key, "retry", error=str(e))
            self.log("item", source=source.name, url=cand.url, outcome="retry", error=str(e))
            return "retry"
        if self._usable(cand):  # the feed's own summary is the best there is
            return self._ingest(source, cand, self._from_listing(cand, origin), page_error=str(e))
        return self._ingest(source, cand, Rejected(origin, message("watch_page_not_fetched", error=e)),
                            outcome="failed" if transient else "rejected")

    def _ingest(self, source: Source, cand: Candidate, item: RawArticle | Rejected,
                outcome: str = "rejected", page_error: str | None = None) -> str:
        ing = self.ingestor
        s = ing.summary
        before = (len(s.new), len(s.updated), len(s.unchanged), len(s.duplicates), len(s.rejected), len(s.faulted))
        ing.add(item)  # committed here, before the item is recorded below
        after = (len(s.new), len(s.updated), len(s.unchanged), len(s.duplicates), len(s.rejected), len(s.faulted))
        if after[4] > before[4]:
            reason = s.rejected[-1][1]
            if after[5] > before[5]:  # marsad's fault: a later version takes the item again
                outcome = FAULTED
            self.state.item(source.name, cand.key, outcome, error=reason,
                            version=self.version if outcome == FAULTED else None)
            self.log("item", source=source.name, url=cand.url, outcome=outcome, error=reason)
            return outcome
        doc = None
        for i, lst in enumerate((s.new, s.updated, s.unchanged)):
            if after[i] > before[i]:
                doc = lst[-1]
        self.state.item(source.name, cand.key, "stored", doc, error=page_error)
        self.log("item", source=source.name, url=cand.url, outcome="stored", doc=doc,
                 duplicate=after[3] > before[3] or None, page_error=page_error)
        return "stored"
