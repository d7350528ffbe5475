"""The progress bar knows its total when the input can be counted, and stays quiet off a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from marsad.cli import main
from marsad.commands.progress import Progress
from marsad.ingest.estimate import count_items

SAMPLES = Path(__file__).resolve().parents[2] / "marsad" / "samples"


def test_count_items(tmp_path):
    lines = [json.loads(x) for x in (SAMPLES / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    for f in sorted(SAMPLES.glob("*.txt"))[:2]:
        (tmp_path / "sub" / f.name).write_bytes(f.read_bytes())
    assert count_items([str(tmp_path)]) == len(lines) + 2
    assert count_items([str(tmp_path / "missing.txt")]) == 1  # reported as rejected: still one item
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    assert count_items([str(tmp_path)]) is None
    assert count_items(["-"]) is None


def test_bar_with_total_and_rate():
    out = io.StringIO()
    p = Progress(3, True, out)
    for _ in range(3):
        p.tick()
    p.close()
    assert "3 items in" in out.getvalue() and "/s)" in out.getvalue()


def test_counter_without_total_shows_rate():
    out = io.StringIO()
    p = Progress(None, True, out)
    for _ in range(20):
        p.tick()
    p.close()
    assert "ingesting: 20 items" in out.getvalue()


def test_quiet_when_not_a_terminal(tmp_path):
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES / "seeds.jsonl"), "--db", str(tmp_path / "q.db")])
    assert r.exit_code == 0, r.output
    assert "ingesting" not in r.output and "items in" not in r.output
    assert "new: 5" in r.output
