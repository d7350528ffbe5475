"""Restart safety: a ``marsad watch`` process killed with SIGKILL in the middle of a cycle, then
run again, leaves every article stored exactly once; and the narrow window between an article's
commit and its record in the state file is covered by the store's own dedup."""

from __future__ import annotations

import json
import subprocess
import threading

from marsad.store import Store
from marsad.watch.sources import Source
from marsad.watch.state import State
from tests.faults import integrity_problems, kill9, marsad_cmd, unlinked, wait_for_documents
from tests.watch.conftest import env, quick_config
from tests.watch.site import ROOT, Reply, rss


def test_kill9_mid_cycle_then_rerun_stores_every_item_once(site, news, tmp_path):
    site.add_articles(news)
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news, full=False), headers={"Content-Type": "application/rss+xml"},
                                    etag='"one"')
    # the 25th article's page answers only when the test lets it: a kill while that request hangs
    blocked, release, reached = f"/articles/{news[24].slug}.html", threading.Event(), threading.Event()
    page = site.routes[blocked]

    def hang(_h):
        reached.set()
        release.wait(60)
        return page

    site.routes[blocked] = hang
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "local"\nurl = "{site.url("/rss.xml")}"\ninterval = "1h"\n', "utf-8")
    cfg = tmp_path / "watch.toml"
    cfg.write_text(quick_config(read_timeout=60, total_timeout=90), "utf-8")
    db = tmp_path / "marsad.db"
    cmd = marsad_cmd("watch", str(sources), "--db", str(db), "--config", str(cfg), "--once", "--no-progress")

    def start() -> subprocess.Popen:
        return subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    try:
        first = start()  # killed at an arbitrary point once a few articles are in
        assert wait_for_documents(db, 5, first) >= 5
        kill9(first)
        second = start()  # killed while it waits for the 25th page: 24 items were done
        assert reached.wait(120), "the second run never asked for the 25th page"
        kill9(second)
    finally:
        release.set()
    site.routes[blocked] = page
    third = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr[-2000:]

    st = Store.open(db)  # writable: the full-text index check writes
    try:
        urls = [r[0] for r in st.conn.execute("SELECT url FROM documents")]
        assert sorted(urls) == sorted(site.url(f"/articles/{a.slug}.html") for a in news)  # all, each once
        assert integrity_problems(st) == [] and unlinked(st) == 0
        assert st.conn.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
    finally:
        st.close()
    state = State(tmp_path / "marsad.watch.db", readonly=True)
    try:
        assert state.query("SELECT outcome, count(*) FROM items GROUP BY outcome")[0][:] == ("stored", len(news))
        assert state.source("local")["etag"] == '"one"'  # saved once the listing was done
    finally:
        state.close()
    # no page was fetched by more than the runs that were killed while they held it
    assert max(site.hits[f"/articles/{a.slug}.html"] for a in news) <= 3
    # the last run's log: JSON lines, one per event
    events = [json.loads(line) for line in third.stderr.splitlines() if line.startswith("{")]
    assert {"start", "poll", "item", "stop"} <= {e["event"] for e in events}
    poll = next(e for e in events if e["event"] == "poll")
    assert poll["source"] == "local" and poll["status"] == 200 and poll["listed"] == len(news)


def test_article_committed_but_not_recorded_is_not_stored_twice(site, bench, news, monkeypatch):
    """A kill after the store committed an article and before the state recorded it: the next run
    finds the article in the store by its id or URL, records it, and does not fetch it again."""
    site.add_articles(news[:5])
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:5], full=False), headers={"Content-Type": "application/rss+xml"})
    b = bench(Source("s", site.url("/rss.xml"), interval=60))
    real = State.item
    calls = [0]

    class Killed(BaseException):
        pass

    def item(self, *a, **kw):
        calls[0] += 1
        if calls[0] == 3:
            raise Killed  # dies between the 3rd article's commit and its record
        return real(self, *a, **kw)

    monkeypatch.setattr(State, "item", item)
    try:
        b.cycle()
    except Killed:
        pass
    monkeypatch.setattr(State, "item", real)
    assert len(b.docs()) == 3 and b.state.query("SELECT count(*) FROM items")[0][0] == 2
    again = bench(Source("s", site.url("/rss.xml"), interval=60))  # a new process on the same files
    again.store.close()
    again.state.close()
    again.store, again.state = Store.open(b.db), State(b.state_path)
    again.watcher.store, again.watcher.state = again.store, again.state
    again.watcher.fetcher.robots.state = again.state
    res = again.cycle()
    assert res.polls[0].new == 3 and res.polls[0].stored == 3
    assert len(again.docs()) == 5
    assert [site.hits[f"/articles/{a.slug}.html"] for a in news[:5]] == [1, 1, 1, 1, 1]
    assert again.state.query("SELECT count(*) FROM items WHERE outcome = 'stored'")[0][0] == 5
