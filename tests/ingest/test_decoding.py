"""A few invalid bytes do not lose an Arabic article: they are replaced, counted, stored with it
and reported as a warning; heavy damage is rejected with its share; legacy Arabic encodings
(Windows-1256, ISO-8859-6) are still decoded as such, with no byte counted as bad."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.config import load_config
from marsad.ingest.decode import decode_bytes
from marsad.ingest.items import RawArticle, Rejected
from marsad.ingest.readers import read_path
from marsad.ingest.run import ingest_paths
from marsad.resources import Resources
from marsad.store import export as ex
from marsad.text.normalize import clean_stored
from tests.backends import BACKENDS, migrated_from_before
from tests.conftest import sample_text

STEM = "001_d1a393b1c47605d2"
ARABIC = "قال وزير الخارجية المصري إن بلاده تواصل اتصالاتها مع جميع الأطراف من أجل التهدئة في المنطقة."


def corrupt_spaces(data: bytes, n: int) -> bytes:
    """``data`` with ``n`` of its spaces (spread over the text) made 0xFF: exactly ``n`` invalid bytes."""
    spaces = [i for i, b in enumerate(data) if b == 0x20]
    out = bytearray(data)
    for i in spaces[len(spaces) // (n + 1):: len(spaces) // (n + 1)][:n]:
        out[i] = 0xFF
    return bytes(out)


def corrupt_every(data: bytes, step: int) -> bytes:
    """Every ``step``-th byte made 0xFF (inside Arabic letters too: more bytes end up invalid)."""
    out = bytearray(data)
    for i in range(step // 2, len(out), step):
        out[i] = 0xFF
    return bytes(out)


def test_six_bad_bytes_keep_the_article_with_a_warning_and_a_stored_count(store, tmp_path, res):
    text = sample_text(STEM)
    data = corrupt_spaces(text.encode("utf-8"), 6)
    f = tmp_path / "damaged.txt"
    f.write_bytes(data)
    s = ingest_paths(store, [str(f)], res)
    assert s.rejected == [] and len(s.new) == 1
    assert s.replaced == [(str(f), 6, pytest.approx(6 / len(data)))]
    assert s.warnings == [(str(f), f"6 invalid UTF-8 bytes replaced by U+FFFD ({100 * 6 / len(data):.2f}% of "
                                   f"{len(data)} bytes); article kept")]
    assert s.as_dict()["replaced"] == [{"origin": str(f), "bad_bytes": 6, "share": round(6 / len(data), 5)}]
    doc = store.get_document(s.new[0])
    assert doc["bad_bytes"] == 6
    assert doc["text"].count("\ufffd") == 6
    assert doc["text"].replace("\ufffd", " ") == clean_stored(text)  # nothing else touched
    assert doc["analysed"] == 1 and doc["language"] == "ar"
    (rec,) = ex.documents(store.conn)
    assert rec["bad_bytes"] == 6


def test_bytes_corrupted_inside_letters_are_counted_too(tmp_path):
    data = bytearray(sample_text(STEM).encode("utf-8"))
    for i in (500, 1100, 1700, 2300, 2900, 3500):  # six bytes, some the first byte of a letter
        data[i] = 0xFF
    (art,) = read_path(str(_write(tmp_path / "d.txt", bytes(data))), 10_000_000)
    assert isinstance(art, RawArticle)
    assert 6 <= art.bad_bytes <= 12 and art.text.count("\ufffd") == art.bad_bytes  # a letter's orphaned byte too


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_five_percent_damage_is_rejected_with_its_share(store, tmp_path, res):
    data = corrupt_every(sample_text(STEM).encode("utf-8"), 20)
    f = _write(tmp_path / "ruined.txt", data)
    s = ingest_paths(store, [str(f)], res)
    assert s.new == [] and s.replaced == []
    ((origin, reason),) = s.rejected
    bad = decode_bytes(data, max_bad_ratio=1.0).bad_bytes
    assert bad >= len(data) // 20
    assert reason.startswith(f"{bad} of {len(data)} bytes are not valid UTF-8 ({100 * bad / len(data):.2f}%), "
                             "more than the 1.00% allowed (ingest.max_bad_byte_ratio)")
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert store.conn.execute("SELECT reason FROM rejects").fetchone()[0] == reason


def test_windows_1256_article_is_decoded_with_no_bad_bytes(store, tmp_path, res):
    text = sample_text(STEM)
    data = text.encode("cp1256")
    assert decode_bytes(data).encoding == "cp1256"
    s = ingest_paths(store, [str(_write(tmp_path / "legacy.txt", data))], res)
    assert len(s.new) == 1 and s.warnings == [] and s.replaced == []
    doc = store.get_document(s.new[0])
    assert doc["text"] == clean_stored(text) and doc["bad_bytes"] == 0 and "\ufffd" not in doc["text"]


def test_iso_8859_6_article_is_decoded_with_no_bad_bytes(tmp_path):
    text = (ARABIC + "\n") * 10
    (art,) = read_path(str(_write(tmp_path / "iso.txt", text.encode("iso8859_6"))), 10_000_000)
    assert art.text == text and art.bad_bytes == 0


def test_every_sample_in_windows_1256_and_damaged_utf8_is_told_apart():
    """The same bytes twice: a whole legacy file (every Arabic byte invalid UTF-8) is decoded by its
    code page; the UTF-8 file with a few bad bytes is UTF-8 with those bytes replaced."""
    for path in sorted((Path(__file__).resolve().parents[2] / "marsad" / "samples").glob("*.txt")):
        text = path.read_text("utf-8")
        legacy = decode_bytes(text.encode("cp1256", errors="replace"))
        assert legacy.encoding == "cp1256" and legacy.bad_bytes == 0, path.name
        damaged = decode_bytes(corrupt_spaces(text.encode("utf-8"), 6))
        assert damaged.encoding == "utf-8" and damaged.bad_bytes == 6, path.name


def test_the_threshold_is_configurable(store, tmp_path):
    data = corrupt_spaces(sample_text(STEM).encode("utf-8"), 6)  # 0.15% of its bytes
    f = _write(tmp_path / "d.txt", data)
    assert load_config()["ingest"]["max_bad_byte_ratio"] == 0.01
    cfg = load_config()
    cfg["ingest"]["max_bad_byte_ratio"] = 0.001
    s = ingest_paths(store, [str(f)], Resources(config=cfg))
    assert s.new == [] and "more than the 0.10% allowed" in s.rejected[0][1]


def test_jsonl_lines_are_judged_one_by_one(store, tmp_path, res):
    good = json.dumps({"id": "good", "text": sample_text("000_33b7f8984ed71b72")}, ensure_ascii=False).encode()
    some = corrupt_spaces(json.dumps({"id": "some", "text": sample_text(STEM)}, ensure_ascii=False).encode(), 6)
    ruined = corrupt_every(json.dumps({"id": "ruined", "text": sample_text("003_da240b10efe9935a")},
                                      ensure_ascii=False).encode(), 20)
    f = _write(tmp_path / "batch.jsonl", b"\n".join([good, some, ruined]) + b"\n")
    s = ingest_paths(store, [str(f)], res)
    assert sorted(s.new) == ["good", "some"]
    assert s.replaced == [(f"{f}:2", 6, pytest.approx(6 / len(some)))]
    assert [o for o, _ in s.rejected] == [f"{f}:3"] and "not valid UTF-8" in s.rejected[0][1]
    assert store.get_document("some")["bad_bytes"] == 6 and store.get_document("good")["bad_bytes"] == 0


def test_a_streamed_jsonl_file_follows_the_same_policy(tmp_path):
    """A JSONL file over ``max_bytes`` is read line by line: no sentinel, the same decisions."""
    some = corrupt_spaces(json.dumps({"id": "some", "text": sample_text(STEM)}, ensure_ascii=False).encode(), 6)
    ruined = corrupt_every(json.dumps({"id": "ruined", "text": sample_text("003_da240b10efe9935a")},
                                      ensure_ascii=False).encode(), 20)
    legacy = json.dumps({"id": "legacy", "text": ARABIC}, ensure_ascii=False).encode("cp1256")
    f = _write(tmp_path / "big.jsonl", b"\xef\xbb\xbf" + b"\n".join([some, ruined, legacy]) + b"\n")
    items = list(read_path(str(f), max_bytes=max(map(len, (some, ruined))) + 10))
    assert [type(i) for i in items] == [RawArticle, Rejected, RawArticle]
    assert items[0].id == "some" and items[0].bad_bytes == 6
    assert items[1].origin == f"{f}:2" and "not valid UTF-8" in items[1].reason
    assert items[2].text == ARABIC and items[2].bad_bytes == 0


def test_a_json_array_counts_bad_bytes_per_article(tmp_path):
    arts = [{"id": "a", "text": sample_text(STEM)}, {"id": "b", "text": sample_text("000_33b7f8984ed71b72")}]
    data = json.dumps(arts, ensure_ascii=False).encode()
    cut = data.index(b'"id": "b"')
    data = corrupt_spaces(data[:cut], 6) + data[cut:]  # all the damage in the first article
    items = list(read_path(str(_write(tmp_path / "arr.json", data)), 10_000_000))
    assert [(i.id, i.bad_bytes) for i in items] == [("a", 6), ("b", 0)]
    assert items[0].text.count("\ufffd") == 6


def test_cli_keeps_the_damaged_article_and_prints_the_warning(tmp_path):
    f = _write(tmp_path / "damaged.txt", corrupt_spaces(sample_text(STEM).encode("utf-8"), 6))
    r = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(f), "--db", str(tmp_path / "c.db")],
                       capture_output=True, text=True, env={**os.environ, "MARSAD_LANG": "en"})
    assert r.returncode == 0, r.stderr
    assert "new: 1" in r.stdout and f"warning    {f}: 6 invalid UTF-8 bytes replaced" in r.stdout


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_from_before_gets_the_column_with_zero(backend, tmp_path, monkeypatch):
    """m009 on a database made by the previous schema: old documents read 0 bad bytes."""
    insert = ("INSERT INTO documents (id, text, content_hash, ingested_at) VALUES (?,?,?,?)",
              ("old", ARABIC, "h", "2025-01-01T00:00:00Z"))
    with migrated_from_before(backend, tmp_path, monkeypatch, "m009_bad_bytes", insert) as new:
        assert new.get_document("old")["bad_bytes"] == 0
        assert ex.documents(new.conn)[0]["bad_bytes"] == 0
