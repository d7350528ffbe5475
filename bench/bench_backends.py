"""Storage backends benchmark: articles/s on SQLite vs PostgreSQL, in one run, on the same corpus.

Uses bench_ingest's generated corpus (sample sentences recombined, unique ids and dates) and
measures two things per backend:

* full ingest (read, analyse, store, link, index) -- what a user sees;
* the store alone: the same pre-analysed articles written again (document, sentences,
  MinHash bands, analysis rows, one transaction each) -- the part the backend decides.

and the bytes the store takes per article (tables, indexes and the search index) as ingested
and vacuumed (live rows only), scaled to one million articles. PostgreSQL runs when MARSAD_BENCH_PG (or MARSAD_TEST_PG) names a
server; the benchmark creates and drops its own schema there.

usage: python bench/bench_backends.py [N]   (default: 400)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import corpus  # noqa: E402

from marsad.ingest.dedup import content_hash  # noqa: E402
from marsad.ingest.run import Ingestor  # noqa: E402
from marsad.pipeline import analyse, prepare  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.types import Document  # noqa: E402

PG = os.environ.get("MARSAD_BENCH_PG") or os.environ.get("MARSAD_TEST_PG")


def full_ingest(where: str, arts: list, res: Resources) -> float:
    store = Store.open(where)
    t = time.perf_counter()
    ing = Ingestor(store, res)
    for a in arts:
        ing.add(a)
    ing.link()
    spent = time.perf_counter() - t
    store.close()
    return spent


def store_only(where: str, analysed: list, res: Resources) -> float:
    """Write pre-analysed articles (under new ids) the way the ingestor does; seconds spent."""
    store = Store.open(where)
    ing = Ingestor(store, res)
    t = time.perf_counter()
    for doc, analysis, h in analysed:
        with store.transaction():
            store.insert_document(doc, h, None, None)
            ing.near.add(doc.id, ing.near.find(doc.body)[0])
            store.save_analysis(analysis)
    spent = time.perf_counter() - t
    store.close()
    return spent


def sqlite_bytes(path: str, vacuum: bool = False) -> int:
    store = Store.open(path)
    if vacuum:
        store.conn.execute("VACUUM")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return sum(p.stat().st_size for p in Path(path).parent.glob(Path(path).name + "*"))


def pg_bytes(where: str, vacuum: bool = False) -> int:
    """Tables, TOAST and indexes of the schema; ``vacuum``: live rows only (VACUUM FULL drops the
    old row versions the linkers' updates leave until autovacuum reuses their space)."""
    store = Store.open(where)
    if vacuum:
        store.conn.execute("VACUUM FULL")
    n = store.conn.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                           " JOIN pg_namespace s ON s.oid = c.relnamespace"
                           " WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'm')").fetchone()[0]
    store.close()
    return int(n)


def pre_analysed(arts: list, res: Resources) -> list:
    out = []
    for a in arts:
        doc = Document(id="s-" + a.id, text=a.text, published=a.published, origin=a.origin)
        prepare(doc, res)
        out.append((doc, analyse(doc, res), content_hash(a.text)))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    res = Resources()
    arts = corpus(n)
    analysed = pre_analysed(arts, res)
    chars = sum(len(a.text) for a in arts) / n
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        full = full_ingest(path, arts, res)
        size = (sqlite_bytes(path) / n, sqlite_bytes(path, vacuum=True) / n)
        rows["sqlite"] = (full, store_only(path, analysed, res), size)
    if PG:
        import psycopg

        from marsad.store import pg

        schema = "bench_" + uuid.uuid4().hex[:10]
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        url = f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}"
        try:
            full = full_ingest(url, arts, res)
            size = (pg_bytes(url) / n, pg_bytes(url, vacuum=True) / n)
            rows["postgresql"] = (full, store_only(url, analysed, res), size)
        finally:
            pg.close_pool(url)
            with psycopg.connect(PG, autocommit=True) as c:
                c.execute(f"DROP SCHEMA {schema} CASCADE")
    print(f"backends: {n} generated articles ({chars:.0f} chars each on average), one process")
    print(f"{'backend':<12}{'ingest art/s':>14}{'store-only art/s':>18}{'bytes/article':>15}"
          f"{'vacuumed':>10}{'GB per 1M (vacuumed)':>22}")
    for name, (full, only, (per, live)) in rows.items():
        print(f"{name:<12}{n / full:>14.1f}{n / only:>18.1f}{per:>15.0f}{live:>10.0f}{live * 1e6 / 1e9:>22.1f}")
    if "postgresql" in rows:
        lite, pgr = rows["sqlite"], rows["postgresql"]
        print(f"ratio postgresql/sqlite: ingest {lite[0] / pgr[0]:.2f}x, store-only {lite[1] / pgr[1]:.2f}x,"
              f" storage {pgr[2][0] / lite[2][0]:.2f}x (vacuumed {pgr[2][1] / lite[2][1]:.2f}x)")
    else:
        print("postgresql: skipped (set MARSAD_BENCH_PG=postgresql://user:pw@host/db to compare)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from record import save

    save("backends", {name: {"ingest_rate": round(n / full, 1), "store_only_rate": round(n / only, 1),
                             "bytes_per_article": round(per)} for name, (full, only, (per, _)) in rows.items()})


if __name__ == "__main__":
    main()
