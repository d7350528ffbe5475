"""Helpers for the tests that kill, starve or race a real ``marsad ingest`` process.

Run as ``python -m tests.faults POINT N -- <marsad arguments>`` (from the checkout's root) it is
the marsad command line with one fault planted, so a test knows exactly where a run was when it
killed it instead of guessing from timing:

- ``article``: inside the transaction storing the N-th analysed article, after its analysis
  rows were written and before COMMIT;
- ``link-event``: inside the event linker's transaction, after N documents were placed in
  events (nothing of that pass committed yet);
- ``linked``: after the statement and event linkers committed, before the search index, the
  merged actions and the ``linked`` marks of the pass were written;
- ``full``: no pause; SQLite may grow the file by N pages and no more (``PRAGMA
  max_page_count``), after which every write fails with SQLITE_FULL, "database or disk is full",
  exactly as on a full disk.

At a pause point the process writes the file named by ``MARSAD_FAULT_READY`` and sleeps; the test
then sends SIGKILL. Nothing here is imported by marsad itself.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from marsad.store import Store, export

ROOT = Path(__file__).resolve().parents[1]
POINTS = ("article", "link-event", "linked", "full")

# Real Arabic news kept in the repository (the bundled samples and articles written for the
# tests): 40 articles, 26 events when linked. Read at test time, in this order.
ARTICLE_FILES = [ROOT / "marsad" / "samples" / "seeds.jsonl",
                 ROOT / "tests" / "fixtures" / "unseen_events" / "articles.jsonl",
                 ROOT / "tests" / "fixtures" / "unseen_news" / "articles.jsonl"]


def articles() -> list[dict[str, Any]]:
    return [json.loads(line) for f in ARTICLE_FILES for line in f.read_text("utf-8").splitlines() if line.strip()]


def write_articles(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), "utf-8")
    return path


# -- running marsad ------------------------------------------------------------------------------

def marsad_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad", *args]


def faulty_cmd(point: str, n: int, *args: str) -> list[str]:
    assert point in POINTS, point
    return [sys.executable, "-m", "tests.faults", point, str(n), "--", *args]


def run(cmd: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def start_until_paused(cmd: list[str], ready: Path, timeout: float = 120) -> subprocess.Popen:
    """Start ``cmd`` (a ``faulty_cmd``) and return once it sits at its pause point."""
    env = {**os.environ, "MARSAD_FAULT_READY": str(ready)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if proc.poll() is not None:
            raise AssertionError(f"exited ({proc.returncode}) before its pause point: {proc.stdout.read()}")
        if time.monotonic() > deadline:
            kill9(proc)
            raise AssertionError(f"did not reach its pause point in {timeout}s")
        time.sleep(0.05)
    return proc


def kill9(proc: subprocess.Popen) -> None:
    """SIGKILL: no handler, no finally, no rollback by the process itself."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stdout:
        proc.stdout.close()


def count_documents(db: Path) -> int:
    """Documents committed so far in the SQLite file ``db`` (0 while it is still being created)."""
    if not db.exists():
        return 0
    try:
        st = Store.open(db, readonly=True)
        try:
            return st.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            st.close()
    except Exception:  # noqa: BLE001 - being created or migrated by the other process
        return 0


def wait_for_documents(db: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> int:
    """Poll until ``db`` holds at least ``n`` documents (or ``proc`` ended); the count seen."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        seen = count_documents(db)
        if seen >= n:
            break
        time.sleep(0.2)
    return seen


# -- checking what a run left ------------------------------------------------------------------

_FTS_SHADOW = re.compile(r"_(data|idx|content|docsize|config)$")


def tables(store: Store) -> list[str]:
    if store.dialect == "sqlite":
        rows = store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'sqlite%'").fetchall()
        # FTS5 shadow tables hold index segments whose layout depends on the write history
        fts = {r[0] for r in rows if r[1].startswith("CREATE VIRTUAL TABLE")}
        return sorted(r[0] for r in rows if not (_FTS_SHADOW.search(r[0]) and _FTS_SHADOW.sub("", r[0]) in fts))
    return sorted(r[0] for r in store.conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE'"))


def row_counts(store: Store) -> dict[str, int]:
    """Rows in every table (FTS shadow tables aside): a rerun must leave no extra or missing rows
    where the export does not look (search index, linker word counts, event keys)."""
    return {t: store.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables(store)}  # noqa: S608


def integrity_problems(store: Store) -> list[str]:
    """What is wrong with a store a fault left behind: SQLite's own checks (pages, foreign keys,
    full-text indexes), and on both backends a half-written article: one without its sentences,
    an Arabic original whose analysis is missing, rows pointing at no document."""
    bad: list[str] = []
    q = store.conn.execute
    if store.dialect == "sqlite":
        res = [r[0] for r in q("PRAGMA integrity_check")]
        if res != ["ok"]:
            bad.append(f"integrity_check: {res[:5]}")
        fk = q("PRAGMA foreign_key_check").fetchall()
        if fk:
            bad.append(f"foreign_key_check: {[tuple(r) for r in fk[:5]]}")
        for (name,) in q("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'"):
            try:
                q(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")  # noqa: S608 (names from the schema)
            except Exception as e:  # noqa: BLE001 - reported
                bad.append(f"{name}: {e}")
    checks = {
        "documents without sentences": "SELECT id FROM documents d WHERE NOT EXISTS"
                                       " (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)",
        "Arabic originals not analysed": "SELECT id FROM documents WHERE analysed = 0 AND language = 'ar'"
                                         " AND duplicate_of IS NULL",
        "sentences of no document": "SELECT DISTINCT doc_id FROM sentences s WHERE NOT EXISTS"
                                    " (SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
        "mentions of no document": "SELECT DISTINCT doc_id FROM mentions m WHERE NOT EXISTS"
                                   " (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
        "events with no document": "SELECT id FROM events e WHERE NOT EXISTS"
                                   " (SELECT 1 FROM event_docs ed WHERE ed.event_id = e.id)",
    }
    for what, sql in checks.items():
        ids = [r[0] for r in q(sql)]
        if ids:
            bad.append(f"{what}: {ids[:5]}")
    return bad


def unlinked(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM documents WHERE linked = 0 AND duplicate_of IS NULL"
                              ).fetchone()[0]


def snapshot(target: str | Path) -> dict[str, Any]:
    """What a finished run is compared on: the whole export (the stable contract, which carries
    no timestamps) as canonical JSON per section, and the row count of every table."""
    st = Store.open(target, readonly=True)
    try:
        data = export.export_all(st.conn)
        return {"export": {k: json.dumps(v, ensure_ascii=False, sort_keys=True) for k, v in data.items()},
                "sizes": {k: len(v) for k, v in data.items()}, "rows": row_counts(st)}
    finally:
        st.close()


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Sections and tables where ``got`` differs from ``want`` (empty when identical)."""
    out = [f"export section {k}" for k in want["export"] if got["export"].get(k) != want["export"][k]]
    out += [f"table {t}: {got['rows'].get(t)} rows, clean run {n}" for t, n in want["rows"].items()
            if got["rows"].get(t) != n]
    return out


# -- the fault runner ----------------------------------------------------------------------------

def _pause(point: str) -> None:
    Path(os.environ["MARSAD_FAULT_READY"]).write_text(point)
    time.sleep(600)
    os._exit(3)  # never killed: end without committing anything


def _pause_linker(store, doc_ids, res) -> None:  # noqa: ARG001 - a linker's signature
    _pause("linked")


def _plant(point: str, n: int) -> None:
    if point == "article":
        real_save = Store.save_analysis
        saved = [0]

        def save_analysis(self, a) -> None:
            real_save(self, a)
            saved[0] += 1
            if saved[0] == n:
                _pause(point)

        Store.save_analysis = save_analysis
    elif point == "link-event":
        from marsad.link import events

        real_link = events.link_one
        placed = [0]

        def link_one(*args, **kw):
            out = real_link(*args, **kw)
            placed[0] += 1
            if placed[0] == n:
                _pause(point)
            return out

        events.link_one = link_one
    elif point == "linked":
        from marsad import pipeline

        pipeline.LINKERS.insert(pipeline.LINKERS.index("marsad.link.events:assign") + 1, "tests.faults:_pause_linker")
    elif point == "full":
        real_open = Store.open.__func__

        def open_small(cls, path, readonly: bool = False):
            st = real_open(cls, path, readonly)
            if st.dialect == "sqlite" and not readonly:
                pages = st.conn.execute("PRAGMA page_count").fetchone()[0]
                st.conn.execute(f"PRAGMA max_page_count = {pages + n}")
            return st

        Store.open = classmethod(open_small)


def main(argv: list[str]) -> None:
    point, n, sep, *args = argv
    assert point in POINTS and sep == "--", argv
    _plant(point, int(n))
    from marsad.cli import main as marsad

    marsad(args, prog_name="marsad")


if __name__ == "__main__":
    main(sys.argv[1:])
