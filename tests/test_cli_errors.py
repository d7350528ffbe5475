"""Database failures a user can act on get their own message and exit code 2, in English or
Arabic, and leave what is stored untouched: a read-only database (real read-only mount), one
locked by another writer, one made by a newer marsad, a full disk (SQLite's own SQLITE_FULL)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import Store, StoreError
from marsad.store.errors import classify

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "marsad" / "samples"
ARTICLE = str(sorted(SAMPLES.glob("*.txt"))[0])


def marsad(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO, env={**os.environ, "MARSAD_LANG": "en", **env})


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    """A database holding the five samples."""
    db = tmp_path_factory.mktemp("err") / "s.db"
    r = marsad("ingest", str(SAMPLES / "seeds.jsonl"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    return db


def _documents(db: Path) -> int:
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        c.close()


@pytest.fixture()
def read_only_copy(stored, tmp_path):
    """The database on a really read-only file system (a read-only bind mount; root can't write
    it either), or, for a non-root user, a file and folder without write permission."""
    src, mnt = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    mnt.mkdir()
    shutil.copy(stored, src / "s.db")
    if os.geteuid() == 0:
        ok = subprocess.run(["mount", "--bind", str(src), str(mnt)], capture_output=True).returncode == 0 and \
            subprocess.run(["mount", "-o", "remount,ro,bind", str(mnt)], capture_output=True).returncode == 0
        if not ok:
            subprocess.run(["umount", str(mnt)], capture_output=True)
            pytest.skip("root without mount rights: cannot make a read-only file system here")
        yield mnt / "s.db"
        subprocess.run(["umount", str(mnt)], check=True)
    else:
        os.chmod(src / "s.db", 0o444)
        os.chmod(src, 0o555)
        yield src / "s.db"
        os.chmod(src, 0o755)


def test_read_only_database(read_only_copy):
    r = marsad("ingest", ARTICLE, "--db", str(read_only_copy))
    assert r.returncode == 2 and "read-only" in r.stderr and "Traceback" not in r.stderr, r.stderr
    ar = marsad("ingest", ARTICLE, "--db", str(read_only_copy), MARSAD_LANG="ar")
    assert ar.returncode == 2 and "للقراءة فقط" in ar.stderr
    status = marsad("status", "--db", str(read_only_copy))  # reading still works
    assert status.returncode == 0 and "documents        5" in status.stdout, status.stderr
    assert marsad("report", "--db", str(read_only_copy)).returncode == 0


def test_locked_database(stored, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(stored, db)
    new = tmp_path / "new.txt"
    new.write_text("افتتحت البلدية اليوم مكتبة عامة جديدة في وسط المدينة تضم عشرة آلاف كتاب.", encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        r = marsad("ingest", str(new), "--db", str(db), MARSAD_BUSY_TIMEOUT="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 2 and "write lock" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert _documents(db) == 5
    assert marsad("ingest", str(new), "--db", str(db)).returncode == 0  # free again: it goes on
    assert _documents(db) == 6


def test_database_from_a_newer_marsad(stored, tmp_path):
    db = tmp_path / "n.db"
    shutil.copy(stored, db)
    c = sqlite3.connect(db)
    c.execute("INSERT INTO migrations VALUES ('m999_from_the_future', '2030-01-01T00:00:00Z')")
    c.commit()
    c.close()
    for cmd in (["ingest", ARTICLE], ["status"], ["export", "--format", "json"]):
        r = marsad(*cmd, "--db", str(db))
        assert r.returncode == 2 and "newer marsad" in r.stderr and "m999_from_the_future" in r.stderr, (cmd, r.stderr)
    with pytest.raises(StoreError) as e:
        Store.open(db)
    assert e.value.code == "db_newer"
    assert _documents(db) == 5


def test_not_a_database_and_missing(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite at all " * 100)
    r = marsad("status", "--db", str(bad))
    assert r.returncode == 2 and "not a usable SQLite database" in r.stderr
    r = marsad("status", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 2 and "no such database" in r.stderr
    r = marsad("ingest", ARTICLE, "--db", str(tmp_path / "no" / "folder.db"))
    assert r.returncode == 2 and "folder does not exist" in r.stderr


def test_disk_full_is_told_apart(tmp_path):
    """SQLite's own 'database or disk is full' (a page limit stands in for the disk) maps to disk_full."""
    c = sqlite3.connect(tmp_path / "f.db")
    c.execute("CREATE TABLE t (x TEXT)")
    c.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.OperationalError) as e:
        for _ in range(200):
            c.execute("INSERT INTO t VALUES (?)", ("مقال " * 200,))
    assert classify(e.value) == "disk_full"
    assert classify(OSError(28, "No space left on device")) == "disk_full"
    assert classify(ValueError("other")) is None


def test_reading_a_database_from_an_older_marsad_upgrades_it_first(tmp_path, monkeypatch):
    """`export`, `status` and the web app open read-only; on a database an older marsad made they
    apply the missing schema steps first (when it is writable), so every column is there."""
    import marsad.store.db as db_module
    from marsad.store.export import export_all
    from marsad.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:-1])
    Store.open(db).close()
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    store = Store.open(db, readonly=True)
    try:
        assert store.pending_migrations() == []
        assert export_all(store.conn)["documents"] == []
    finally:
        store.close()
    r = marsad("export", "--db", str(db), "--format", "json")
    assert r.returncode == 0, r.stderr
