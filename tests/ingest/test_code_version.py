"""Workers refuse tasks planned under other marsad code or language data (no silently different events)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.ingest import code_version
from marsad.ingest.items import RawArticle
from marsad.ingest.offload import analyse_items
from marsad.link.partitioned import link_window
from marsad.resources import Resources

PKG = Path(code_version.__file__).resolve().parents[1]


def test_fingerprint_follows_code_and_language_data(tmp_path):
    root = tmp_path / "marsad"
    shutil.copytree(PKG, root, ignore=shutil.ignore_patterns("__pycache__", "web"))
    base = code_version.fingerprint(root)
    assert base == code_version.fingerprint(PKG)  # the copy holds what decides results
    data = next((root / "lang" / "ar" / "data").glob("*.json"))
    data.write_bytes(data.read_bytes() + b"\n")
    changed_data = code_version.fingerprint(root)
    assert changed_data != base
    mod = root / "link" / "events.py"
    mod.write_text(mod.read_text("utf-8") + "\n# retuned\n", "utf-8")
    assert code_version.fingerprint(root) not in (base, changed_data)


def test_samples_do_not_count(tmp_path):
    root = tmp_path / "marsad"
    shutil.copytree(PKG, root, ignore=shutil.ignore_patterns("__pycache__", "web"))
    base = code_version.fingerprint(root)
    sample = next(p for p in (root / "samples").rglob("*") if p.is_file())
    sample.write_bytes(sample.read_bytes() + b"\n")
    assert code_version.fingerprint(root) == base


def test_link_window_refuses_a_plan_made_under_other_code():
    with pytest.raises(RuntimeError, match="other marsad code"):
        link_window({"code": "0" * 40, "tables": {}, "order": []})


def test_article_analysis_refuses_other_code_and_runs_under_the_same():
    res = Resources()
    art = RawArticle(text="قال الرئيس الروسي فلاديمير بوتين إن المحادثات مع واشنطن كانت بناءة ومفيدة للطرفين.",
                     origin="t", id="t-1")
    with pytest.raises(RuntimeError, match="other marsad code"):
        analyse_items([art], res.config, [], code="f" * 40)
    (out,) = analyse_items([art], res.config, [], code=code_version.CODE)
    assert out is not None and out.doc.id == "t-1"
