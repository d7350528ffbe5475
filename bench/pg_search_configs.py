"""Does PostgreSQL's own Arabic text search configuration help over marsad's keys?

PostgreSQL 15 ships a text search configuration ``arabic`` (Snowball Arabic stemmer) next to
``simple``. marsad's PostgreSQL index stores its own keys (normalised words, light suffix
off; query words expand to the proclitic forms and spelling variants the index has seen)
under ``simple``. This compares, on held-out articles with hand-listed name variants
(tests/fixtures/unseen_news + the bundled samples with their gold):

* marsad   -- marsad's search (keys under ``simple``), as ``marsad search`` runs it;
* arabic   -- ``to_tsvector('arabic', text) @@ phraseto_tsquery('arabic', name)``;
* arabic+k -- the ``arabic`` stemmer over marsad's keys (both sides keyed first);
* simple   -- ``simple`` over the raw text (no normalisation at all).

A document is relevant to an entity when one of the entity's listed variants occurs in its
text (names as written, so proclitic forms like وبوتين count). Each variant is one query;
recall and precision are micro-averaged over all (query, document) pairs, and "consistent"
is the share of entities whose variants all find the same documents.

usage: MARSAD_BENCH_PG=postgresql://... python bench/pg_search_configs.py
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.search.keys import keyed_tokens
from marsad.search.query import search
from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
SETS = [(ROOT / "tests/fixtures/unseen_news/articles.jsonl", ROOT / "tests/fixtures/unseen_news/gold.json"),
        (ROOT / "marsad/samples/seeds.jsonl", ROOT / "tests/fixtures/gold.json")]
PG = os.environ.get("MARSAD_BENCH_PG") or os.environ.get("MARSAD_TEST_PG")


def keys(text: str) -> str:
    return " ".join(t.key for t in keyed_tokens(text))


def main() -> None:
    if not PG:
        print("pg_search_configs: skipped (set MARSAD_BENCH_PG=postgresql://...)")
        return
    import psycopg

    from marsad.store import pg

    print("configurations shipped:", ", ".join(
        r[0] for r in psycopg.connect(PG).execute("SELECT cfgname FROM pg_ts_config ORDER BY cfgname")))
    stats = {m: [0, 0, 0, 0, 0] for m in ("marsad", "arabic", "arabic+k", "simple")}  # tp, fp, fn, consistent, n
    for articles, gold_path in SETS:
        docs = [json.loads(line) for line in articles.read_text("utf-8").splitlines() if line.strip()]
        gold = json.loads(gold_path.read_text("utf-8"))
        schema = "cfg_" + uuid.uuid4().hex[:10]
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        url = f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}"
        try:
            store = Store.open(url)
            ingest_items(store, [RawArticle(text=d["text"], origin=d["id"], id=d["id"], published=d.get("published"))
                                 for d in docs], Resources())
            conn = store.conn
            conn.execute("CREATE TABLE cfg (id TEXT, text TEXT, keyed TEXT)")
            conn.executemany("INSERT INTO cfg VALUES (?, ?, ?)", [(d["id"], d["text"], keys(d["text"])) for d in docs])
            for ent in gold["entities"]:
                variants = [v for v in ent.get("variants", []) if any("\u0600" <= ch <= "\u06ff" for ch in v)]
                truth = {d["id"] for d in docs if any(v in d["text"] for v in variants)}
                if not variants or not truth:
                    continue
                found = {m: [] for m in stats}
                for v in variants:
                    found["marsad"].append({h["id"] for h in search(conn, f'"{v}"', limit=500, count=False)["hits"]})
                    found["arabic"].append({r[0] for r in conn.execute(
                        "SELECT id FROM cfg WHERE to_tsvector('arabic', text) @@ phraseto_tsquery('arabic', ?)", (v,))})
                    found["arabic+k"].append({r[0] for r in conn.execute(
                        "SELECT id FROM cfg WHERE to_tsvector('arabic', keyed) @@ phraseto_tsquery('arabic', ?)",
                        (keys(v),))})
                    found["simple"].append({r[0] for r in conn.execute(
                        "SELECT id FROM cfg WHERE to_tsvector('simple', text) @@ phraseto_tsquery('simple', ?)", (v,))})
                for m, sets in found.items():
                    for got in sets:
                        stats[m][0] += len(got & truth)
                        stats[m][1] += len(got - truth)
                        stats[m][2] += len(truth - got)
                    stats[m][3] += all(s == sets[0] for s in sets)
                    stats[m][4] += 1
            store.close()
        finally:
            pg.close_pool(url)
            with psycopg.connect(PG, autocommit=True) as c:
                c.execute(f"DROP SCHEMA {schema} CASCADE")
    n = stats["marsad"][4]
    print(f"{n} entities with variants, 23 articles (unseen_news + samples)")
    print(f"{'method':<10}{'recall':>8}{'precision':>11}{'consistent':>12}")
    for m, (tp, fp, fn, cons, k) in stats.items():
        print(f"{m:<10}{tp / max(tp + fn, 1):>8.3f}{tp / max(tp + fp, 1):>11.3f}{cons / max(k, 1):>12.3f}")


if __name__ == "__main__":
    sys.exit(main())
