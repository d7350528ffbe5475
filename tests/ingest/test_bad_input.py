"""Every kind of bad input gets a clear reason; the rest of the batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.ingest.run import ingest_paths
from marsad.store import Store, StoreError
from tests.conftest import SEEDS, sample_text
from tests.faults import integrity_problems, kill9, marsad_cmd, run, unlinked, wait_for_documents

ARABIC = "قال وزير الخارجية المصري إن بلاده تواصل اتصالاتها مع جميع الأطراف من أجل التهدئة في المنطقة."


def reasons(summary) -> dict[str, str]:
    return {Path(o).name: r for o, r in summary.rejected}


def test_bad_files_are_rejected_with_reasons_and_good_ones_stored(tmp_path, store, res):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_text(ARABIC, "utf-8")
    (tmp_path / "cp1256.txt").write_bytes(sample_text("001_d1a393b1c47605d2").encode("cp1256"))
    s = ingest_paths(store, [str(tmp_path), str(tmp_path / "missing.txt")], res)
    r = reasons(s)
    assert r["empty.txt"] == "empty file"
    assert r["blank.txt"] == "empty file"
    assert r["binary.txt"] == "binary content, not text"
    assert r["missing.txt"] == "no such file or folder"
    assert len(s.new) == 2  # good.txt and the Windows-1256 article, decoded
    texts = [row[0] for row in store.conn.execute("SELECT text FROM documents")]
    assert sample_text("001_d1a393b1c47605d2").strip() in [t.strip() for t in texts]
    assert store.conn.execute("SELECT count(*) FROM rejects").fetchone()[0] == 4


def test_jsonl_bad_lines_do_not_stop_the_batch(tmp_path, store, res):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": ARABIC}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"id": "c", "text": ARABIC + " وأضاف أن الحوار مستمر.", "published": "yesterday"},
                   ensure_ascii=False),
    ]), "utf-8")
    s = ingest_paths(store, [str(f)], res)
    assert s.new == ["a", "c"]
    assert [r for _, r in s.rejected] == ["not JSON (Expecting property name enclosed in double quotes)",
                                          'JSON object has no "text" field',
                                          'JSON value is a list, not an object with a "text" field']
    assert s.rejected[0][0].endswith("batch.jsonl:2")
    assert s.warnings and "unreadable publication date" in s.warnings[0][1]
    assert store.get_document("c")["published"] is None


def test_huge_file_is_rejected_without_reading_it(tmp_path, store, res):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    big = tmp_path / "huge.txt"
    line = (ARABIC + "\n").encode("utf-8")
    with big.open("wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50_000_000
    (tmp_path / "ok.txt").write_text(ARABIC, "utf-8")
    s = ingest_paths(store, [str(tmp_path)], res)
    assert "file too large" in reasons(s)["huge.txt"]
    assert len(s.new) == 1


def test_non_arabic_article_is_stored_with_its_language_but_not_analysed(store, tmp_path, res):
    f = tmp_path / "en.txt"
    f.write_text("The ministers met in Geneva on Tuesday to discuss the ceasefire and the exchange of prisoners.")
    s = ingest_paths(store, [str(f)], res)
    assert s.not_arabic == [(s.new[0], "en")]
    assert store.get_document(s.new[0])["language"] == "en"
    assert store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_html_soup_is_reduced_to_the_article(store, tmp_path, res):
    body = " ".join([ARABIC] * 6)
    html = (f"<html><head><title>عنوان الخبر</title><meta property='og:site_name' content='موقع الأخبار'>"
            f"<meta name='date' content='2025-05-19'></head><body><nav>الرئيسية | سياسة | اقتصاد</nav>"
            f"<script>var x = '<p>not text</p>';</script><article><h1>عنوان الخبر</h1><p>{body}</p>"
            f"<p>{ARABIC}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>")
    (tmp_path / "page.html").write_text(html, "utf-8")
    s = ingest_paths(store, [str(tmp_path / "page.html")], res)
    doc = store.get_document(s.new[0])
    assert ARABIC in doc["text"]
    assert "var x" not in doc["text"] and "الرئيسية | سياسة" not in doc["text"]
    assert doc["title"] == "عنوان الخبر"
    assert doc["published"] == "2025-05-19"


def test_rss_feed_entries_become_articles(store, tmp_path, res):
    feed = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>وكالة الأنباء</title>
    <item><title>خبر أول</title><link>https://example.org/1</link><pubDate>Mon, 19 May 2025 10:00:00 GMT</pubDate>
    <description>{ARABIC}</description></item>
    <item><title>خبر فارغ</title><link>https://example.org/2</link><description></description></item>
    </channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed, "utf-8")
    s = ingest_paths(store, [str(tmp_path / "feed.xml")], res)
    assert len(s.new) == 1 and len(s.rejected) == 1
    doc = store.get_document(s.new[0])
    assert doc["url"] == "https://example.org/1" and doc["published"] == "2025-05-19T10:00:00Z"
    assert doc["source"] == "وكالة الأنباء"


def test_database_file_that_is_not_sqlite_is_refused(tmp_path):
    f = tmp_path / "notes.db"
    f.write_text("these are my notes, not a database " * 200)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store.open(f)
    assert f.read_text().startswith("these are my notes")  # untouched


def test_cli_exit_codes_tell_whether_something_was_rejected(tmp_path):
    db = tmp_path / "cli.db"
    (tmp_path / "empty.txt").write_bytes(b"")
    marsad = [sys.executable, "-m", "marsad"]
    ok = subprocess.run([*marsad, "ingest", str(SEEDS), "--db", str(db)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*marsad, "ingest", str(tmp_path / "empty.txt"), "--db", str(db)],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "empty file" in bad.stdout
    (tmp_path / "x.db").write_text("not sqlite " * 100)
    fatal = subprocess.run([*marsad, "ingest", str(SEEDS), "--db", str(tmp_path / "x.db")],
                           capture_output=True, text=True)
    assert fatal.returncode == 2 and "not a usable SQLite database" in fatal.stderr


def test_killed_process_leaves_whole_articles_and_rerun_finishes(tmp_path):
    """SIGKILL in the middle of a batch: integrity holds, no partial article, re-run completes."""
    texts = [sample_text(s) for s in ("000_33b7f8984ed71b72", "001_d1a393b1c47605d2", "003_da240b10efe9935a")]
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"n{i}", "text": texts[i % 3] + f"\nخبر رقم {i}"}, ensure_ascii=False) + "\n")
    db = tmp_path / "k.db"
    cmd = marsad_cmd("ingest", str(batch), "--db", str(db))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_documents(db, 5, proc)
    kill9(proc)
    st = Store.open(db)
    assert integrity_problems(st) == []  # SQLite's checks; every stored article whole: analysed, with its sentences
    n = st.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 5 <= n < 400
    st.close()
    done = run(cmd)
    assert done.returncode == 0, done.stdout + done.stderr
    st = Store.open(db)
    assert st.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 400
    assert unlinked(st) == 0


def _three_articles(tmp_path: Path, ingestor_class, store, res):
    """Ingest a good article, the sample 001 as ``b_bad.txt``, and another good one, with
    ``ingestor_class``; its summary and the names of the files stored, in order."""
    from marsad.ingest.run import read_items

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(ARABIC, "utf-8")
    (folder / "b_bad.txt").write_text(sample_text("001_d1a393b1c47605d2"), "utf-8")
    (folder / "c_good.txt").write_text(ARABIC.replace("المصري", "الأردني"), "utf-8")
    ing = ingestor_class(store, res)
    for item in read_items([str(folder)], res):
        ing.add(item)
    ing.link()
    return ing.summary, [Path(row[0]).name for row in store.conn.execute("SELECT origin FROM documents ORDER BY seq")]


def test_an_article_whose_analysis_fails_is_rejected_and_the_batch_goes_on(tmp_path, store, res):
    """A fault in one article's analysis (a bug in a stage, met on text nobody foresaw) must not
    stop the batch nor leave half of that article stored: it is rejected with the error, and the
    articles before and after it are stored and analysed as usual."""
    from marsad.ingest.run import Ingestor

    class FailsOnOne(Ingestor):
        def _analyse(self, doc):
            if "b_bad" in (doc.origin or ""):
                raise KeyError("unk:PERSON:x")  # as the entity stage once did on a real article
            return super()._analyse(doc)

    s, stored = _three_articles(tmp_path, FailsOnOne, store, res)
    r = reasons(s)
    assert r["b_bad.txt"].startswith("not stored: the analysis failed (KeyError: 'unk:PERSON:x' at test_bad_input.py:"), r
    assert len(s.new) == 2 and stored == ["a_good.txt", "c_good.txt"]
    assert store.conn.execute("SELECT count(DISTINCT doc_id) FROM mentions").fetchone()[0] == 2
    assert integrity_problems(store) == []


def test_an_analysis_the_database_refuses_is_rejected_and_the_batch_goes_on(tmp_path, store, res):
    """An analysis that breaks a constraint of the store (a mention of an entity it never made, as
    an office spoken for once was) is that article's fault: it is rejected, rolled back whole, and
    the next articles are stored. On both engines."""
    from marsad.ingest.run import Ingestor
    from marsad.types import Mention

    class Dangling(Ingestor):
        def _analyse(self, doc):
            a = super()._analyse(doc)
            if "b_bad" in (doc.origin or ""):
                a.mentions.append(Mention(0, 3, doc.text[:3], "PERSON", entity="unk:PERSON:nobody"))
            return a

    s, stored = _three_articles(tmp_path, Dangling, store, res)
    r = reasons(s)
    assert r["b_bad.txt"].startswith("not stored: the database refused its analysis ("), r
    assert len(s.new) == 2 and len(r) == 1 and stored == ["a_good.txt", "c_good.txt"]
    assert store.conn.execute("SELECT count(*) FROM minhashes").fetchone()[0] == 2  # its signature rolled back too
    assert integrity_problems(store) == []


def test_a_broken_resource_stops_the_run_before_any_article(tmp_path, store):
    """A knowledge-base file that cannot be read is the run's fault, not each article's: it stops
    the ingest at once with its message, rather than rejecting every article in turn."""
    from marsad.resources import Resources

    bad = tmp_path / "kb.json"
    bad.write_text('{"entities": [ {"id": "x"', "utf-8")
    (tmp_path / "a.txt").write_text(ARABIC, "utf-8")
    with pytest.raises(ValueError, match="cannot read knowledge-base file"):
        ingest_paths(store, [str(tmp_path / "a.txt")], Resources(kb_files=[bad]))
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_worker_hands_back_an_article_it_failed_on(monkeypatch, res):
    """With --jobs or --dask, an article whose analysis fails in the worker comes back unanalysed
    (the writer analyses it again and rejects it with the error); the others of the task come back
    analysed, instead of the whole task failing."""
    from marsad.ingest import offload
    from marsad.ingest.items import RawArticle

    real = offload.analyse

    def fails_on_b(doc, r):
        if doc.id == "b":
            raise KeyError("unk:PERSON:x")
        return real(doc, r)

    monkeypatch.setattr(offload, "analyse", fails_on_b)
    items = [RawArticle(ARABIC, "a", id="a"), RawArticle(ARABIC.replace("المصري", "الأردني"), "b", id="b"),
             RawArticle(ARABIC.replace("المصري", "التونسي"), "c", id="c")]
    got = offload.analyse_items(items, res.config, [])
    assert got[1] is None and got[0] is not None and got[2] is not None
    assert got[0].analysis.mentions and got[2].analysis.mentions
