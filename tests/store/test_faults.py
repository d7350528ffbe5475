"""Faults under load: a real ``marsad ingest`` process on 40 real Arabic articles (the bundled
samples and the articles written for the tests, 26 events once linked) is killed with SIGKILL at
a known point, runs out of space, or races a second ingest on the same file. Each case ends
with an integrity check (SQLite's page, foreign-key and full-text checks; on both backends no
half-written article) and a comparison with a clean, uninterrupted run: the whole export
identical and every table holding the same number of rows (search index, linker state).

Where a run is killed is not left to timing: ``tests/faults.py`` runs the command line with a
pause point planted (inside an article's transaction, inside the event linker's transaction,
between two linkers) and the test kills the process once it sits there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from marsad.ingest.run import ingest_paths
from marsad.store import Store
from marsad.store.schema import MIGRATIONS
from tests.backends import pg_schema_url, run_at_once
from tests.faults import (
    ROOT,
    articles,
    differences,
    faulty_cmd,
    integrity_problems,
    kill9,
    marsad_cmd,
    run,
    snapshot,
    start_until_paused,
    unlinked,
    write_articles,
)

ARTICLES = articles()
N = len(ARTICLES)
FULL_WORDS = ("full", "ممتلئ", "امتلأ", "امتلاء")  # "database or disk is full" / its Arabic wording


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("corpus") / "articles.jsonl", ARTICLES)


def clean_run(corpus: Path, db: str | Path) -> dict:
    r = run(marsad_cmd("ingest", str(corpus), "--db", str(db)))
    assert r.returncode == 0, r.stdout + r.stderr
    snap = snapshot(db)
    assert snap["sizes"]["documents"] == N and snap["sizes"]["events"] >= 20, snap["sizes"]
    return snap


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict:
    """The reference: one uninterrupted ingest of the 40 articles into a new SQLite file."""
    return clean_run(corpus, tmp_path_factory.mktemp("clean") / "clean.db")


def counts(target: str | Path) -> dict[str, int]:
    st = Store.open(target)
    try:
        return {"documents": st.conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                "placed": st.conn.execute("SELECT count(*) FROM event_docs").fetchone()[0],
                "unlinked": unlinked(st), "problems": integrity_problems(st)}
    finally:
        st.close()


def finish_and_compare(corpus: Path, target: str | Path, want: dict) -> None:
    """Rerun the same command to completion; the store must then equal the clean run's."""
    r = run(marsad_cmd("ingest", str(corpus), "--db", str(target)), timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    after = counts(target)
    assert after["problems"] == [] and after["unlinked"] == 0 and after["documents"] == N, after
    assert differences(snapshot(target), want) == []


@pytest.mark.parametrize("point", ["link-event", "linked"])
def test_kill_during_event_linking_sqlite(point, corpus, clean, tmp_path):
    """SIGKILL while the cross-document linkers run over the 40 stored articles, on SQLite:
    ``link-event``: inside the event linker's transaction after 15 documents were placed;
    ``linked``: after the statement and event linkers committed, before the search index, the
    merged actions and the batch's ``linked`` marks. Proves: the file passes every integrity
    check, no article is lost (40 stored, whole), the half-done pass is either rolled back or
    picked up, and the rerun's export and table sizes equal an uninterrupted run's.
    Measured when written (2 cores): 0 articles lost, exports identical, 3.6 s per case
    (and 2.9 s once for the clean run)."""
    db = tmp_path / "k.db"
    proc = start_until_paused(faulty_cmd(point, 15, "ingest", str(corpus), "--db", str(db)), tmp_path / "ready")
    kill9(proc)
    left = counts(db)
    assert left["problems"] == [] and left["documents"] == N and left["unlinked"] == N, left
    assert left["placed"] == (0 if point == "link-event" else N), left  # rolled back / committed
    finish_and_compare(corpus, db, clean)


@pytest.mark.parametrize("point", ["article", "link-event"])
def test_kill_during_postgresql_batch(point, corpus, tmp_path):
    """SIGKILL of an ingest writing to PostgreSQL: ``article``: inside the transaction of the
    12th article, its document, sentences and analysis written but not committed;
    ``link-event``: inside the event linker's transaction while it holds the cross-process
    linking lock (an advisory lock). Proves: the server rolls the dead client's transaction
    back (11 whole articles, no trace of the 12th; or 40 articles and no event rows), no lock
    outlives the process (the rerun does not hang), and the rerun's export and table sizes
    equal an uninterrupted PostgreSQL run's. Measured when written (2 cores): 0 articles lost,
    exports identical, 9-11 s per case (a clean run included)."""
    with pg_schema_url() as want_url, pg_schema_url() as url:
        want = clean_run(corpus, want_url)
        proc = start_until_paused(faulty_cmd(point, 12 if point == "article" else 15, "ingest", str(corpus),
                                             "--db", url), tmp_path / "ready")
        kill9(proc)
        left = counts(url)
        assert left["problems"] == [], left
        if point == "article":
            assert left["documents"] == 11 and left["placed"] == 0, left
        else:
            assert left["documents"] == N and left["placed"] == 0 and left["unlinked"] == N, left
        finish_and_compare(corpus, url, want)


def _mount(where: Path, *opts: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *opts, str(where)], capture_output=True, text=True)


def _small_disk_with_new_store(where: Path, free_kb: int) -> Path:
    """A tmpfs at ``where`` holding a new, empty store and ``free_kb`` KiB of free space."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a size-limited file system needs root (mount -t tmpfs); the max_page_count case still runs")
    where.mkdir()
    r = _mount(where, "-t", "tmpfs", "-o", "size=64m", "tmpfs")
    if r.returncode != 0:
        # a container without mount rights: not a service CI can install; max_page_count still runs
        pytest.skip(f"cannot mount a size-limited file system here ({r.stderr.strip()})")
    db = where / "f.db"
    Store.open(db).close()
    used_kb = shutil.disk_usage(where).used // 1024
    r = _mount(where, "-o", f"remount,size={used_kb + free_kb}k")
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize("how", ["tmpfs", "max_page_count"])
def test_disk_full(how, corpus, clean, tmp_path):
    """No space left mid-batch. ``tmpfs``: the database on a tmpfs with 1 MB free (a real
    ENOSPC; root only), freed by remounting it larger; ``max_page_count``: SQLite may grow the
    file by 60 pages and no more (SQLITE_FULL, what a full disk gives; runs anywhere), freed by
    running without the limit. Proves: ingest stops with exit code 2 and says the disk or
    database is full; the articles committed before that are whole and equal to the clean run's
    (integrity ok); after space is freed the same command finishes and the export and table
    sizes equal an uninterrupted run's. Measured when written: 6 (tmpfs) and 14
    (max_page_count) articles stored before the fault, 0 lost, exports identical, 4 s per case."""
    disk = tmp_path / "disk"
    try:
        if how == "tmpfs":
            db = _small_disk_with_new_store(disk, 1000)
            cmd = marsad_cmd("ingest", str(corpus), "--db", str(db))
        else:
            disk.mkdir()
            db = disk / "f.db"
            cmd = faulty_cmd("full", 60, "ingest", str(corpus), "--db", str(db))
        r = run(cmd)
        if how == "tmpfs":
            assert _mount(disk, "-o", "remount,size=64m").returncode == 0
        assert r.returncode == 2, r.stdout + r.stderr
        assert any(w in r.stderr for w in FULL_WORDS), r.stderr
        left = counts(db)
        assert left["problems"] == [] and 0 < left["documents"] < N, left
        kept = json.loads(snapshot(db)["export"]["documents"])
        want = {d["id"]: d for d in json.loads(clean["export"]["documents"])}
        assert all(d == want[d["id"]] for d in kept), "an article stored before the fault changed"
        finish_and_compare(corpus, db, clean)
    finally:
        if how == "tmpfs" and os.path.ismount(disk):
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_database_is_the_error_raised(corpus, tmp_path, res):
    """In process, the error a full database raises out of the store: SQLite ends the
    transaction itself when a write fails with SQLITE_FULL mid-article, and a ROLLBACK after
    that used to fail and replace the error by 'cannot rollback - no transaction is active'.
    Proves: ingest raises sqlite3's 'database or disk is full' (what the CLI's message is
    chosen by), the 14 articles stored before it are whole, and the connection is usable."""
    st = Store.open(tmp_path / "f.db")
    try:
        pages = st.conn.execute("PRAGMA page_count").fetchone()[0]
        st.conn.execute(f"PRAGMA max_page_count = {pages + 60}")
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            ingest_paths(st, [str(corpus)], res)
        assert not st.conn.in_transaction
        assert integrity_problems(st) == [] and 0 < st.conn.execute("SELECT count(*) FROM documents").fetchone()[0] < N
    finally:
        st.close()


def test_two_ingests_at_once_on_one_sqlite_file(corpus, tmp_path):
    """Two ``marsad ingest`` processes started together on one new SQLite file, with overlapping
    article sets (1-28 and 13-40: 16 in both), their articles stored interleaved. Proves: both
    exit 0, the file passes every integrity check, each article is stored once (40, none twice
    or as its own duplicate) and linked, the documents equal a clean run's, and the whole export
    and every table's size equal one clean ingest of the union fed in the order the two
    processes stored it (event grouping follows arrival order, as in any single ingest; with
    the file's order the 26 events held the same documents when measured). Measured when
    written: both exit 0, 0 lost, 0 stored twice, exports identical, 6.5 s."""
    a = write_articles(tmp_path / "a.jsonl", ARTICLES[:28])
    b = write_articles(tmp_path / "b.jsonl", ARTICLES[12:])
    db = tmp_path / "both.db"
    procs = [subprocess.Popen(marsad_cmd("ingest", str(f), "--db", str(db)), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for f in (a, b)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    left = counts(db)
    assert left["problems"] == [] and left["documents"] == N and left["unlinked"] == 0, left
    st = Store.open(db, readonly=True)
    order = [r[0] for r in st.conn.execute("SELECT id FROM documents ORDER BY seq")]
    st.close()
    assert sorted(order) == sorted(x["id"] for x in ARTICLES)
    by_id = {x["id"]: x for x in ARTICLES}
    union = write_articles(tmp_path / "union.jsonl", [by_id[i] for i in order])
    want = clean_run(union, tmp_path / "union.db")
    assert differences(snapshot(db), want) == []


def test_new_sqlite_file_opened_by_several_writers_at_once(tmp_path):
    """The first moment of two ingests on one new file, made likely: 4 threads, each with its
    own connection, open (create and migrate) one new file at the same instant, 10 times.
    Proves: every open succeeds and the file has each migration once. Before migrations were
    re-checked under the write lock, 7 of 10 rounds failed ('table documents already exists',
    'duplicate column name: seq'; the two-process test above met it about 1 run in 6), and
    until switching to WAL waited for the other writers, about 1 round in 5 ('database is
    locked' at once, not after the busy timeout)."""
    for i in range(10):
        db = tmp_path / f"new{i}.db"
        failed = run_at_once([lambda db=db: Store.open(db).close() for _ in range(4)])
        assert failed == [], failed
        st = Store.open(db, readonly=True)
        names = [r[0] for r in st.conn.execute("SELECT name FROM migrations")]
        st.close()
        assert sorted(names) == sorted(m.__name__ for m in MIGRATIONS)
