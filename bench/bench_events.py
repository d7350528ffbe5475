"""Event linking: quality (B-cubed) on the samples and synthetic variants, and time per new article.

Quality: the five samples, plus variants of each (sentences shuffled; half the sentences
dropped and shuffled; lead only), published a day later under new ids. Variants are the
same happenings and must land in their original's event (gold labels from gold.json).
Then the same over the samples and the two held-out sets of tests/fixtures together (40
articles, 26 gold events, ingested in one shuffled stream), with and without variants.

Scaling: an archive of N stored articles is built by linking synthetic articles (words
and entities drawn per synthetic event) straight into a store, in date order as news
arrives, then the time to link 50 new articles of its last three days is measured. Two archives: one that grows over time at a fixed daily rate
(what a news archive does: blocking by date keeps the cost flat) and one where all N
articles fall in one year (denser windows: the key index and candidate cap keep it
sub-linear).

usage: python bench/bench_events.py [--sizes 1000,10000] [--dense-sizes 1000] [--skip-quality]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.ingest.items import RawArticle  # noqa: E402
from marsad.ingest.run import ingest_items  # noqa: E402
from marsad.link.events import assign  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store.export import events  # noqa: E402
from marsad.text.sentences import split_sentences  # noqa: E402


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    pc, gc = defaultdict(set), defaultdict(set)
    for d in gold:
        pc[pred.get(d, "missing:" + d)].add(d)
        gc[gold[d]].add(d)
    p = sum(len(pc[pred.get(d, 'missing:' + d)] & gc[gold[d]]) / len(pc[pred.get(d, 'missing:' + d)]) for d in gold)
    r = sum(len(pc[pred.get(d, 'missing:' + d)] & gc[gold[d]]) / len(gc[gold[d]]) for d in gold)
    return p / len(gold), r / len(gold)


def _variants(row: dict, rng: random.Random) -> list[dict]:
    text = row["text"]
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    pub = (date.fromisoformat(row["published"]) + timedelta(days=1)).isoformat()
    out = []
    shuffled = sents[:]
    rng.shuffle(shuffled)
    out.append(("shuf", "\n".join(shuffled)))
    half = [s for i, s in enumerate(sents) if i % 2 == 0]
    rng.shuffle(half)
    out.append(("half", "\n".join(half)))
    out.append(("lead", "\n".join(sents[:3])))
    return [{"id": f"{row['id']}~{k}", "text": t, "published": pub} for k, t in out]


def _labelled(path: Path, gold_path: Path, prefix: str) -> tuple[list[dict], dict[str, str]]:
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    gold = json.loads(gold_path.read_text("utf-8"))["documents"]
    return ([{**r, "id": prefix + r["id"]} for r in rows],
            {prefix + d: prefix + v["event"] for d, v in gold.items()})


def _errors(pred: dict[str, str], gold: dict[str, str]) -> list[str]:
    """Events that mix gold events, and gold events split over several events."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for d, e in pred.items():
        by_pred[e].add(d)
        by_gold[gold[d]].add(d)
    out = [f"mixed: {sorted(ds)}" for ds in by_pred.values() if len({gold[d] for d in ds}) > 1]
    out += [f"split {g}: {sorted(sorted(d for d in ds if pred[d] == e) for e in {pred[d] for d in ds})}"
            for g, ds in by_gold.items() if len({pred[d] for d in ds}) > 1]
    return out


def quality(res: Resources) -> None:
    fix = ROOT / "tests" / "fixtures"
    rows, label = _labelled(ROOT / "marsad" / "samples" / "seeds.jsonl", fix / "gold.json", "")
    more, more_label = rows[:], dict(label)
    for name in ("unseen_events", "unseen_news"):  # held-out sets with their own gold events
        r, g = _labelled(fix / name / "articles.jsonl", fix / name / "gold.json", name + "/")
        more += r
        more_label.update(g)
    rng = random.Random(7)
    sets = (("samples", rows), ("samples+variants", rows + [v for r in rows for v in _variants(r, rng)]),
            ("all held-out", more), ("all held-out+variants", more + [v for r in more for v in _variants(r, rng)]))
    for name, docs in sets:
        order = docs[:]
        rng.shuffle(order)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(Path(tmp) / "q.db")
            ingest_items(store, [RawArticle(text=d["text"], origin="bench", id=d["id"], published=d["published"])
                                 for d in order], res)
            pred = {d: e["id"] for e in events(store.conn) for d in e["docs"]}
            dups = store.conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0]
            store.close()
        g = {d["id"]: more_label[d["id"].split("~")[0]] for d in docs}
        p, r = bcubed(pred, g)
        print(f"quality {name:22} docs={len(docs):3} (near-duplicates {dups}) events={len(set(pred.values()))}"
              f" gold={len(set(g.values()))} bcubed_p={p:.3f} r={r:.3f}")
        for line in _errors(pred, g):
            print("   ", line)
        sys.stdout.flush()


def _store_synthetic(conn, doc_id: str, day: date, words: list[str], ents: list[str], vocab: list[str],
                     rng: random.Random) -> str:
    """One synthetic article: 120 words, 60% from its event's words; its sentences and entity mentions."""
    body = " ".join(rng.choice(words) if rng.random() < 0.6 else rng.choice(vocab) for _ in range(120))
    text = ". ".join(body[k:k + 200] for k in range(0, len(body), 200))
    conn.execute("INSERT INTO documents (id, published, language, text, content_hash, ingested_at)"
                 " VALUES (?,?,?,?,?,?)", (doc_id, day.isoformat(), "ar", text, doc_id, "now"))
    conn.executemany('INSERT INTO sentences (doc_id, n, start, "end") VALUES (?,?,?,?)',
                     [(doc_id, k, s.start, s.end) for k, s in enumerate(split_sentences(text))])
    for e in ents:
        conn.execute("INSERT OR IGNORE INTO entities (id, name, type) VALUES (?,?,?)", (e, e, "PERSON"))
        conn.execute('INSERT INTO mentions (doc_id, start, "end", text, type, entity_id) VALUES (?,?,?,?,?,?)',
                     (doc_id, 0, 1, "x", "PERSON", e))
    return doc_id


def _synthetic_archive(store: Store, n: int, per_day: float | None, rng: random.Random, vocab: list[str]) -> date:
    """Store and link ``n`` synthetic articles; returns the last date used."""
    start = date(2020, 1, 1)
    span = int(n / per_day) if per_day else 365
    conn = store.conn
    batch: list[str] = []
    res = Resources()
    n_events = max(1, n // 3)
    topics = [(rng.sample(vocab, 25), [f"kb:E{rng.randrange(2000)}" for _ in range(4)],
               start + timedelta(days=rng.randrange(span + 1))) for _ in range(n_events)]
    picks = sorted((topics[rng.randrange(n_events)] for _ in range(n)), key=lambda t: t[2])  # arrival by date
    with store.transaction():
        for i, (words, ents, day) in enumerate(picks):
            batch.append(_store_synthetic(conn, f"syn{i}", day, words, ents, vocab, rng))
    for k in range(0, len(batch), 500):
        assign(store, batch[k:k + 500], res)
    return start + timedelta(days=span)


def scaling(sizes: list[int], dense_sizes: list[int]) -> None:
    rows = [json.loads(x) for x in (ROOT / "marsad" / "samples" / "seeds.jsonl").read_text("utf-8").splitlines()]
    vocab = sorted({w for r in rows for w in r["text"].split() if len(w) > 3 and w.isalpha()})
    res = Resources()
    figures: dict[str, dict[str, float]] = {"growing": {}, "one_year": {}}
    for mode, per_day, ns in (("growing archive (30/day)", 30.0, sizes), ("one-year archive", None, dense_sizes)):
        for n in ns:
            rng = random.Random(n)
            with tempfile.TemporaryDirectory() as tmp:
                store = Store.open(Path(tmp) / "s.db")
                t0 = time.perf_counter()
                _synthetic_archive(store, n, per_day, rng, vocab)
                build = time.perf_counter() - t0
                new = _synthetic_archive_tail(store, rng, vocab, per_day, n)
                t1 = time.perf_counter()
                assign(store, new, res)
                per = (time.perf_counter() - t1) / len(new)
                store.close()
            print(f"scaling {mode:26} stored={n:7}  link time per new article {per * 1000:7.2f} ms"
                  f"  (archive built in {build:.0f} s)")
            sys.stdout.flush()
            figures["growing" if per_day else "one_year"][str(n)] = round(per * 1000, 2)
    sys.path.insert(0, str(ROOT / "bench"))
    from record import save

    save("events_scaling", figures)


def _synthetic_archive_tail(store: Store, rng: random.Random, vocab: list[str], per_day: float | None,
                            n: int) -> list[str]:
    """50 new articles of the archive's last three days (news arrives about what just happened)."""
    conn = store.conn
    span = int(n / per_day) if per_day else 365
    ids = []
    with store.transaction():
        for i in range(50):
            day = date(2020, 1, 1) + timedelta(days=span - rng.randrange(3))
            ids.append(_store_synthetic(conn, f"new{i}", day, rng.sample(vocab, 25), [], vocab, rng))
    return ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000", help="archive sizes, e.g. 1000,10000,100000")
    ap.add_argument("--dense-sizes", default=None, help="sizes of the one-year archive (default: --sizes)")
    ap.add_argument("--skip-quality", action="store_true")
    a = ap.parse_args()
    if not a.skip_quality:
        quality(Resources())
    sizes = [int(x) for x in a.sizes.split(",")]
    scaling(sizes, [int(x) for x in a.dense_sizes.split(",")] if a.dense_sizes else sizes)


if __name__ == "__main__":
    main()
