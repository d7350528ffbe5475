"""The commands: exit codes, --max-cycles sleeping until the next due source, one watcher per
state file, the progress line, ``marsad sources`` without state, and a light start-up."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time

from click.testing import CliRunner

from marsad.cli import main
from marsad.watch.commands import Reporter, _lock
from tests.watch.conftest import quick_config
from tests.watch.site import Reply, rss


def _files(tmp_path, site, *routes: tuple[str, str]):
    src = tmp_path / "sources.toml"
    src.write_text("".join(f'[[source]]\nname = "{n}"\nurl = "{site.url(p)}"\ninterval = "1s"\n\n' for n, p in routes),
                   "utf-8")
    cfg = tmp_path / "watch.toml"
    cfg.write_text(quick_config(), "utf-8")
    return src, cfg


def test_once_exit_codes_and_json_logs(site, news, tmp_path):
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[:1]), headers={"Content-Type": "application/rss+xml"})
    site.routes["/down.xml"] = Reply(503, b"down")
    src, cfg = _files(tmp_path, site, ("ok", "/ok.xml"), ("down", "/down.xml"))
    db = tmp_path / "m.db"
    r = CliRunner().invoke(main, ["watch", str(src), "--db", str(db), "--config", str(cfg), "--once"])
    assert r.exit_code == 1, r.output  # a source failed: cron sees it
    events = [json.loads(x) for x in r.stderr.splitlines()]
    assert [e["event"] for e in events if e["event"] in ("poll", "error")] == ["poll", "error"]
    err = next(e for e in events if e["event"] == "error")
    assert err["source"] == "down" and err["status"] == 503 and err["failures"] == 1 and err["retry_in"] > 0
    site.routes["/down.xml"] = Reply(body=rss(site.base, []), headers={"Content-Type": "application/rss+xml"})
    time.sleep(1.1)
    r = CliRunner().invoke(main, ["watch", str(src), "--db", str(db), "--config", str(cfg), "--once"])
    assert r.exit_code == 0, r.stderr
    out = CliRunner().invoke(main, ["sources", "--db", str(db), "--json"])
    assert {h["name"]: h["status"] for h in json.loads(out.output)} == {"down": "ok", "ok": "ok"}


def test_max_cycles_sleeps_until_the_next_due_source(site, news, tmp_path):
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[:1]), headers={"Content-Type": "application/rss+xml"},
                                   etag='"x"')
    src, cfg = _files(tmp_path, site, ("ok", "/ok.xml"))
    t0 = time.monotonic()
    r = CliRunner().invoke(main, ["watch", str(src), "--db", str(tmp_path / "m.db"), "--config", str(cfg),
                                  "--max-cycles", "3"])
    took = time.monotonic() - t0
    assert r.exit_code == 0, r.stderr
    assert site.hits["/ok.xml"] == 3 and site.not_modified["/ok.xml"] == 2
    assert 1.9 <= took < 10  # two waits of the 1 s interval
    assert sum(1 for x in r.stderr.splitlines() if json.loads(x)["event"] == "sleep") >= 2


def test_one_watcher_per_state_file(site, tmp_path):
    held = _lock(str(tmp_path / "m.watch.db"))
    try:
        site.routes["/ok.xml"] = Reply(body=rss(site.base, []))
        src, cfg = _files(tmp_path, site, ("ok", "/ok.xml"))
        r = CliRunner().invoke(main, ["watch", str(src), "--db", str(tmp_path / "m.db"), "--once"])
        assert r.exit_code == 2 and "another marsad watch is using" in r.stderr
        assert site.hits["/ok.xml"] == 0
    finally:
        held.close()


def test_usage_errors(tmp_path):
    r = CliRunner().invoke(main, ["watch", "--db", str(tmp_path / "m.db")])
    assert r.exit_code == 2 and "give a sources file" in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nurl = "https://x.example/"\nkind = "radio"\n', "utf-8")
    r = CliRunner().invoke(main, ["watch", str(bad), "--db", str(tmp_path / "m.db")])
    assert r.exit_code == 2 and "kind must be one of feed, sitemap, page" in r.stderr
    r = CliRunner().invoke(main, ["sources", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "no watcher state at" in r.stderr


def test_progress_line_on_a_terminal():
    out = io.StringIO()
    rep = Reporter(progress=True, out=out)
    rep("poll", source="A", status=200)
    rep("item", source="A", outcome="stored")
    rep("error", source="B", error="HTTP 500 Internal Server Error", retry_in=61.2, failures=1)
    rep.cycle_done(None)
    rep("sleep", seconds=840)
    rep.close()
    text = out.getvalue()
    assert "B: HTTP 500 Internal Server Error (retry in 61 s)\n" in text
    assert text.rstrip().endswith("watch: cycle 2, 1 polls, 1 stored, 1 errors; last A; sleeping 840 s")
    assert "{" not in text  # no JSON on a terminal


def test_cli_start_does_not_import_the_watchers_libraries():
    code = ("import sys, marsad.cli; print(','.join(m for m in ('httpx', 'feedparser', 'trafilatura',"
            " 'marsad.watch.run', 'marsad.watch.fetch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
