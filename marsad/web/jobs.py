"""Ingest jobs started from the web page: the server's only write path.

Jobs run one at a time in a background thread with their own read-write connection, so
page reads (one read-only connection per request, WAL) never wait for them. Progress is
the number of articles handled so far; a finished job keeps its ingest summary.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items, ingest_paths
from marsad.resources import Resources
from marsad.store import Store

MAX_JOBS_KEPT = 50


@dataclass
class Job:
    id: str
    files: int
    state: str = "queued"  # queued | running | done | error
    done: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None
    summary: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "done": self.done, "files": self.files,
                "summary": self.summary, "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 2)}


class Jobs:
    def __init__(self, db_path: str, res: Resources):
        self.db_path, self.res = db_path, res
        self._jobs: dict[str, Job] = {}
        self._write_lock = threading.Lock()  # one writer at a time
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _new(self, files: int) -> Job:
        job = Job(uuid.uuid4().hex[:12], files)
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-MAX_JOBS_KEPT]:
                del self._jobs[old]
        return job

    def start_paths(self, folder: str, files: int) -> Job:
        """Ingest every file under ``folder`` (a temporary copy of the uploads, removed after)."""
        job = self._new(files)

        def work(store: Store, tick) -> Any:
            try:
                return ingest_paths(store, [folder], self.res, on_item=tick)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        threading.Thread(target=self._run, args=(job, work), daemon=True).start()
        return job

    def start_items(self, items: Iterable[RawArticle]) -> Job:
        items = list(items)
        job = self._new(len(items))
        threading.Thread(target=self._run, args=(job, lambda store, tick: ingest_items(store, items, self.res, tick)),
                         daemon=True).start()
        return job

    def _run(self, job: Job, work) -> None:
        with self._write_lock:
            job.state = "running"
            store = None

            def tick() -> None:
                job.done += 1

            try:
                store = Store.open(self.db_path)
                job.summary = work(store, tick).as_dict()
                job.state = "done"
            except Exception as e:  # noqa: BLE001 - reported to the page, the server keeps running
                job.state, job.error = "error", f"{type(e).__name__}: {e}"
            finally:
                job.finished = time.time()
                if store is not None:
                    store.close()


def upload_folder() -> str:
    return tempfile.mkdtemp(prefix="marsad-upload-")
