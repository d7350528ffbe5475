"""Ingesting the sample articles: identity, idempotence, updates, duplicates, round trip."""

from __future__ import annotations

import json
import subprocess
import sys

from marsad.ingest.run import ingest_paths
from marsad.store import Store, export
from tests.conftest import SAMPLES, SEEDS, sample_text


def n_docs(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def snapshot(store: Store) -> str:
    return json.dumps(export.export_all(store.conn), ensure_ascii=False, sort_keys=True)


def test_seeds_then_txt_files_give_five_documents_and_rerun_changes_nothing(store, res):
    s1 = ingest_paths(store, [str(SEEDS)], res)
    assert sorted(s1.new) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    txts = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    s2 = ingest_paths(store, txts, res)
    assert s2.new == [] and len(s2.duplicates) == 5
    assert n_docs(store) == 5
    before = snapshot(store)
    s3 = ingest_paths(store, [str(SEEDS), *txts], res)
    assert s3.new == [] and s3.updated == [] and len(s3.unchanged) == 5
    assert snapshot(store) == before


def test_changed_text_at_the_same_id_updates_and_keeps_history(store, res, tmp_path):
    ingest_paths(store, [str(SEEDS)], res)
    doc = store.get_document("004_3e5401b0e91f3fad")
    edited = doc["text"].replace("175 أسيرا", "180 أسيرا")
    f = tmp_path / "edit.jsonl"
    f.write_text(json.dumps({"id": doc["id"], "text": edited, "published": "2025-03-18"}, ensure_ascii=False))
    s = ingest_paths(store, [str(f)], res)
    assert s.updated == [doc["id"]]
    new = store.get_document(doc["id"])
    assert "180 أسيرا" in new["text"] and new["version"] == 2
    hist = store.conn.execute("SELECT version, text FROM document_history WHERE doc_id = ?", (doc["id"],)).fetchall()
    assert [(h[0], "175 أسيرا" in h[1]) for h in hist] == [(1, True)]
    assert n_docs(store) == 5


def test_near_duplicate_copy_is_recorded_as_duplicate_and_not_analysed(store, res, tmp_path):
    ingest_paths(store, [str(SEEDS)], res)
    text = sample_text("002_785cad2e1a822a5b")
    copy = "موقع آخر | " + text.replace("قال الرئيس الروسي", "صرّح الرئيس الروسي", 1)
    f = tmp_path / "copy.jsonl"
    f.write_text(json.dumps({"id": "other-site-1", "url": "https://other.example/a", "text": copy},
                            ensure_ascii=False))
    s = ingest_paths(store, [str(f)], res)
    assert s.new == [] and s.duplicates[0][1] == "002_785cad2e1a822a5b" and s.duplicates[0][2] >= 0.8
    row = store.get_document("other-site-1")
    assert row["duplicate_of"] == "002_785cad2e1a822a5b" and row["analysed"] == 0
    # an unrelated article is not a duplicate
    assert store.get_document("003_da240b10efe9935a")["duplicate_of"] is None


def test_exact_copy_under_another_url_is_kept_as_a_duplicate_source(store, res, tmp_path):
    ingest_paths(store, [str(SEEDS)], res)
    f = tmp_path / "wire.jsonl"
    f.write_text(json.dumps({"url": "https://wire.example/x", "source": "وكالة",
                             "text": sample_text("003_da240b10efe9935a")}, ensure_ascii=False))
    s = ingest_paths(store, [str(f)], res)
    assert s.duplicates[0][1] == "003_da240b10efe9935a"
    assert store.find_by_url("https://wire.example/x")["duplicate_of"] == "003_da240b10efe9935a"


def test_export_round_trip_and_sentence_offsets(store, res, tmp_path):
    ingest_paths(store, [str(SEEDS)], res)
    out = tmp_path / "export.json"
    db = store.path
    r = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", db, "--format", "json", "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text("utf-8"))
    assert set(data) == {"documents", "entities", "quotes", "times", "events", "stories", "actions"}
    seeds = {d["id"]: d for d in map(json.loads, SEEDS.read_text("utf-8").splitlines())}
    for d in data["documents"]:
        assert d["text"] == seeds[d["id"]]["text"] and d["published"] == seeds[d["id"]]["published"]
        for s in d["sentences"]:
            assert d["text"][s["start"]:s["end"]].strip() == d["text"][s["start"]:s["end"]]
    # the export can be ingested again: same documents, nothing new
    other = Store.open(tmp_path / "again.db")
    s = ingest_paths(other, [str(out)], res)
    assert sorted(s.new) == sorted(seeds)
    assert [d["text"] for d in export.documents(other.conn)] == [d["text"] for d in data["documents"]]


def test_jsonl_and_csv_exports(store, res, tmp_path):
    ingest_paths(store, [str(SEEDS)], res)
    r = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", store.path, "--format", "jsonl"],
                       capture_output=True, text=True)
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert sum(1 for x in lines if x["section"] == "documents") == 5
    r = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", store.path, "--format", "csv"],
                       capture_output=True, text=True)
    assert r.stdout.splitlines()[0].startswith("id,url,title,source,published,language,text")


def test_stdin_is_read(store, tmp_path):
    db = tmp_path / "stdin.db"
    text = sample_text("001_d1a393b1c47605d2")
    r = subprocess.run([sys.executable, "-m", "marsad", "ingest", "-", "--db", str(db)], input=text,
                       capture_output=True, text=True)
    assert r.returncode == 0 and "new: 1" in r.stdout
    st = Store.open(db)
    row = st.conn.execute("SELECT title, origin FROM documents").fetchone()
    assert row["title"].startswith("ترامب يجري اتصالا هاتفيا") and row["origin"] == "stdin"


def test_undated_article_gets_an_inferred_publication_range(store, res, tmp_path):
    text = ("قال وزير الخارجية إن المحادثات التي جرت أمس الأحد 18 مايو 2025 في جنيف كانت مثمرة، "
            "وأضاف أن جولة جديدة ستعقد الشهر المقبل.")
    f = tmp_path / "undated.txt"
    f.write_text(text, "utf-8")
    s = ingest_paths(store, [str(f)], res)
    doc = next(d for d in export.documents(store.conn) if d["id"] == s.new[0])
    assert doc["published"] is None
    inferred = doc["published_inferred"]
    assert inferred["from"] == "2025-05-19" and inferred["confidence"] >= 0.9
