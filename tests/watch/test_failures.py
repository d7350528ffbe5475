"""Servers that fail: 500s and recovery with backoff, 429 with Retry-After, a timeout, a server
that drips, a malformed feed, a redirect loop, a 6 MB page, a gzip bomb, robots.txt rules. Each
failing source fails alone: the others of the cycle go on."""

from __future__ import annotations

import gzip
import json
import re
import time
import tracemalloc

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.config import load_config
from marsad.watch.fetch import Fetcher, FetchError
from marsad.watch.sources import Source
from tests.watch.site import Reply, news_sitemap, rss

RSS = {"Content-Type": "application/rss+xml"}


def health(b) -> dict[str, dict]:
    out = CliRunner().invoke(main, ["sources", "--db", str(b.db), "--state", str(b.state_path), "--json"])
    assert out.exit_code == 0, out.output
    return {r["name"]: r for r in json.loads(out.output)}


def test_server_error_then_recovery_with_backoff_visible(site, bench, news):
    site.add_articles(news[:2])
    site.routes["/rss.xml"] = Reply(500, b"oops", {"Content-Type": "text/plain"})
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[1:2]), headers=RSS)
    b = bench(Source("steady", site.url("/ok.xml"), interval=60), Source("flaky", site.url("/rss.xml"), interval=60),
              backoff_base=1.0)
    res = {p.source: p for p in b.cycle().polls}
    assert res["flaky"].error == "HTTP 500 Internal Server Error" and res["steady"].stored == 1
    h = health(b)["flaky"]
    assert (h["status"], h["failures"], h["last_status"]) == ("failing", 1, 500)
    assert h["last_error"] == "HTTP 500 Internal Server Error" and h["last_error_at"] and h["last_success"] is None
    assert 0.5 <= h["backoff_s"] <= 1.0 and h["next_poll_in_s"] > 0  # backoff_base 1 s, jitter: not at once
    table = CliRunner().invoke(main, ["sources", "--db", str(b.db), "--state", str(b.state_path)]).output
    assert "flaky" in table and "failing" in table and "retry in" in table and "last error" in table

    hits = site.hits["/rss.xml"]
    b.cycle()  # not due yet: the server is left alone
    assert site.hits["/rss.xml"] == hits
    time.sleep(1.05)
    res = b.cycle()  # second failure: the wait doubles
    assert res.polls[0].error and 1.0 <= res.polls[0].retry_in <= 2.0
    assert health(b)["flaky"]["failures"] == 2 and 1.0 <= health(b)["flaky"]["backoff_s"] <= 2.0

    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS)  # the server recovers
    time.sleep(2.05)
    res = b.cycle()
    assert [p.source for p in res.polls] == ["flaky"] and res.polls[0].stored == 1
    h = health(b)["flaky"]
    assert (h["status"], h["failures"], h["items"]["stored"], h["backoff_s"]) == ("ok", 0, 1, None)
    assert h["last_success"] and h["last_error"] == "HTTP 500 Internal Server Error"  # kept, with its time
    assert h["next_poll_in_s"] > 50 and h["median_latency_ms"] is not None and h["items_per_day"] >= 1
    assert h["requests_per_hour"] == 3  # three polls (a full-text feed; robots.txt was counted for "steady")


def test_too_many_requests_retry_after_wins(site, bench):
    site.routes["/busy.xml"] = Reply(429, b"slow down", {"Retry-After": "30"})
    b = bench(Source("busy", site.url("/busy.xml"), interval=60))
    res = b.cycle()
    assert res.polls[0].error.startswith("HTTP 429") and res.polls[0].retry_in >= 5  # backoff_max caps it
    assert health(b)["busy"]["next_poll_in_s"] >= 3  # the 5 s wait less the cycle's time on a loaded machine


def test_timeout_fails_that_source_only(site, bench, news):
    site.routes["/slow.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS, delay=2.0)
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[1:2]), headers=RSS)
    b = bench(Source("slow", site.url("/slow.xml"), interval=60), Source("ok", site.url("/ok.xml"), interval=60))
    t0 = time.monotonic()
    res = b.cycle()
    assert time.monotonic() - t0 < 1.9  # read_timeout 0.5 s, not the server's 2 s
    assert res.polls[0].error.startswith("timed out") and res.polls[1].stored == 1
    assert health(b)["slow"]["failures"] == 1


def test_a_server_that_drips_hits_the_total_timeout(site, news):
    def drip():
        for _ in range(100):
            yield b"<rss>      "
            time.sleep(0.1)

    site.routes["/drip.xml"] = Reply(body=drip, headers=RSS)
    cfg = load_config()["watch"] | {"host_delay": 0, "total_timeout": 1.0, "read_timeout": 0.5}
    with Fetcher(cfg) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="not complete after 1 s"):
            f.get(site.url("/drip.xml"), robots=False)
        assert time.monotonic() - t0 < 2.0


def test_malformed_feed_clear_error_others_go_on(site, bench, news):
    site.routes["/broken.xml"] = Reply(body=b"<rss><channel><item><title>cut off", headers=RSS)
    site.routes["/html.xml"] = Reply(body=b"<html><body>not a feed</body></html>", headers={"Content-Type": "text/html"})
    site.routes["/bad.json"] = Reply(body=b'{"version": "https://jsonfeed.org/version/1.1", "items": [', headers={})
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS)
    b = bench(Source("broken", site.url("/broken.xml"), interval=60), Source("html", site.url("/html.xml"), interval=60),
              Source("badjson", site.url("/bad.json"), interval=60), Source("ok", site.url("/ok.xml"), interval=60))
    res = {p.source: p for p in b.cycle().polls}
    assert res["broken"].error.startswith("feed could not be parsed (")
    assert res["html"].error.startswith("feed could not be parsed (")
    assert res["badjson"].error.startswith("JSON Feed could not be parsed (")
    assert res["ok"].stored == 1
    assert {n: r["failures"] for n, r in health(b).items()} == {"broken": 1, "html": 1, "badjson": 1, "ok": 0}


def test_redirect_loop_is_an_error_with_backoff(site, bench, news):
    site.routes["/a"] = Reply(302, headers={"Location": "/b", "Content-Length": "0"})
    site.routes["/b"] = Reply(302, headers={"Location": "/a", "Content-Length": "0"})
    site.routes["/ok.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS)
    chain = {f"/r{i}": Reply(302, headers={"Location": f"/r{i + 1}", "Content-Length": "0"}) for i in range(9)}
    site.routes.update(chain)
    b = bench(Source("loop", site.url("/a"), interval=60), Source("chain", site.url("/r0"), interval=60),
              Source("ok", site.url("/ok.xml"), interval=60))
    res = {p.source: p for p in b.cycle().polls}
    assert res["loop"].error.startswith("redirect loop:") and res["loop"].retry_in > 0
    assert site.hits["/a"] == 1 and site.hits["/b"] == 1  # stopped at the first repeat
    assert res["chain"].error == f"more than 5 redirects from {site.url('/r0')}" and site.hits["/r6"] == 0
    assert res["ok"].stored == 1
    assert health(b)["loop"]["failures"] == 1


def test_six_megabyte_page_is_capped_without_blowing_up(site, bench, news):
    """A 6 MB article page over the 5 MB default cap (watch.max_bytes) is not read past the cap:
    the article is rejected with the reason, the sitemap's other article is stored."""
    big = b"<html><body><article>" + b"<p>" + b"x" * 6_000_000 + b"</p></article></body></html>"
    site.add_articles(news[:1])
    site.routes["/articles/huge.html"] = Reply(body=big, headers={"Content-Type": "text/html"})
    huge = news[1].__class__("huge", news[1].title, news[1].text, news[1].published)
    site.routes["/sitemap.xml"] = Reply(body=news_sitemap(site.base, [huge, news[0]]), headers={})
    b = bench(Source("sitemap", site.url("/sitemap.xml"), "sitemap", 60))
    res = b.cycle()
    assert res.polls[0].stored == 1 and res.polls[0].rejected == 1
    (rej,) = b.rejects()
    assert rej["origin"] == site.url("/articles/huge.html")
    assert re.fullmatch(r"article page not fetched: response of 6,000,\d\d\d bytes is over the 5,000,000-byte"
                        r" limit \(watch.max_bytes\); not read", rej["reason"]), rej["reason"]
    b.make_due()
    assert b.cycle().polls[0].new == 0  # not tried again: it will not shrink


def test_streamed_and_compressed_giants_stop_at_the_cap(site):
    """No Content-Length (streamed) or gzip (a 6 MB body that compresses to a few KB): reading stops
    just past the cap, and memory stays near the cap, not the body's size."""
    def endless():
        for _ in range(600):  # 60 MB if read to the end
            yield b"a" * 100_000

    site.routes["/stream"] = Reply(body=endless, headers={"Content-Type": "text/html"})
    site.routes["/bomb"] = Reply(body=b"\0" * 60_000_000, headers={"Content-Type": "text/html"}, gzip=True)
    assert len(gzip.compress(b"\0" * 60_000_000)) < 100_000
    cfg = load_config()["watch"] | {"host_delay": 0, "max_bytes": 1_000_000}
    with Fetcher(cfg) as f:
        for path in ("/stream", "/bomb"):
            tracemalloc.start()
            with pytest.raises(FetchError, match="over the 1,000,000-byte limit") as e:
                f.get(site.url(path), robots=False)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert e.value.kind == "too_large" and not e.value.transient
            assert peak < 4_000_000, f"{path}: peak {peak:,} bytes"


def test_robots_disallow_respected(site, bench, news):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n\nUser-agent: marsad-watch\n"
                                            b"Disallow: /private/\nDisallow: /members/\n",
                                       headers={"Content-Type": "text/plain"})
    site.add_articles(news[:2])
    site.routes["/private/secret.html"] = Reply(body=b"<html><body>secret</body></html>")
    site.routes["/members/feed.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS)
    links = (f'<a href="/articles/{news[0].slug}.html">one</a><a href="/private/secret.html">x</a>'
             f'<a href="/private/2025/05/other-article.html">y</a>')
    site.routes["/section"] = Reply(body=f"<html><body>{links}</body></html>".encode(),
                                    headers={"Content-Type": "text/html"})
    b = bench(Source("page", site.url("/section"), "page", 60, links="/(articles|private)/"),
              Source("members", site.url("/members/feed.xml"), interval=60))
    res = {p.source: p for p in b.cycle().polls}
    assert site.hits["/private/secret.html"] == 0 and site.hits["/private/2025/05/other-article.html"] == 0
    assert site.hits["/members/feed.xml"] == 0 and site.hits["/robots.txt"] == 1  # read once, cached
    assert res["page"].stored == 1 and res["page"].rejected == 2
    assert all("robots.txt of" in r["reason"] and "disallows" in r["reason"] for r in b.rejects())
    assert res["members"].error == f"robots.txt of {site.base} disallows {site.url('/members/feed.xml')}"
    assert b.state.robots(site.base)["status"] == 200  # kept in the state file for robots_ttl


def test_robots_unreachable_means_wait(site, bench, news):
    """RFC 9309: robots.txt answering 5xx means the whole host is off limits until it answers."""
    site.routes["/robots.txt"] = Reply(503, b"busy")
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:1]), headers=RSS)
    b = bench(Source("host-down", site.url("/rss.xml"), interval=60))
    res = b.cycle()
    assert "disallows" in res.polls[0].error and site.hits["/rss.xml"] == 0


def test_transient_page_failures_are_retried_then_given_up(site, bench, news):
    """A summary-only entry whose page answers 503 is tried on watch.item_attempts polls; its
    summary is then stored (a feed entry keeps its lead). item_attempts is the default, 3."""
    site.routes["/articles/gone.html"] = Reply(503, b"busy")
    lead_only = news[0].__class__("gone", news[0].title, news[0].text, news[0].published)
    site.routes["/rss.xml"] = Reply(body=rss(site.base, [lead_only], full=False), headers=RSS, etag='"1"')
    b = bench(Source("s", site.url("/rss.xml"), interval=60))
    for n in (1, 2):
        res = b.cycle()
        assert res.polls[0].retry == 1 and res.polls[0].status == 200  # not 304: the item is not done
        assert b.state.attempts("s", f"{site.base}/?p=gone") == n
        b.make_due()
    res = b.cycle()
    assert res.polls[0].stored == 1 and site.hits["/articles/gone.html"] == 3
    (d,) = b.docs()
    assert d["text"].strip() == lead_only.lead.strip()


def test_odd_links_and_unexpected_errors_fail_one_source_only(site, bench, news, monkeypatch):
    site.add_articles(news[:2])
    links = (f'<a href="http://[broken/x">bad</a><a href="http://127.0.0.1:notaport/a/b">bad</a>'
             f'<a href="/articles/{news[0].slug}.html">good</a>')
    site.routes["/section"] = Reply(body=f"<html><body>{links}</body></html>".encode(),
                                    headers={"Content-Type": "text/html"})
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[1:2]), headers=RSS)
    site.routes["/other.xml"] = Reply(body=rss(site.base, news[1:2]), headers=RSS)
    b = bench(Source("page", site.url("/section"), "page", 60), Source("boom", site.url("/rss.xml"), interval=60),
              Source("ok", site.url("/other.xml"), interval=60))
    from marsad.watch import run

    real = run.read_listing

    def listing(kind, text, url, links=None):
        if url.endswith("/rss.xml"):
            raise KeyError("a parser bug")
        return real(kind, text, url, links)

    monkeypatch.setattr(run, "read_listing", listing)
    res = {p.source: p for p in b.cycle().polls}
    assert res["page"].stored == 1 and res["page"].error is None
    assert res["boom"].error == "KeyError: 'a parser bug'" and res["boom"].retry_in > 0
    assert res["ok"].stored == 1
    assert health(b)["boom"]["failures"] == 1


def test_an_article_marsad_faults_on_waits_for_a_later_version(site, bench, news, monkeypatch):
    """An article marsad's own analysis fails on (a bug met on text nobody foresaw) is rejected in
    the store with the error, like any bad article, but the fault is the program's: the item is
    recorded as ``faulted`` with marsad's version, not polled again under that version, and taken
    again and stored once a later version watches the same feed."""
    from marsad.ingest.run import Ingestor
    from marsad.watch.run import Watcher

    bad = news[1]
    analyse = Ingestor._analyse

    def fails_on_one(self, doc):
        if doc.text.startswith(bad.text[:60]):
            raise KeyError("unk:PERSON:x")
        return analyse(self, doc)

    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:3]), headers=RSS)
    b = bench(Source("local", site.url("/rss.xml"), interval=60))
    monkeypatch.setattr(Ingestor, "_analyse", fails_on_one)
    poll = b.cycle().polls[0]
    assert (poll.stored, poll.rejected) == (2, 1)
    assert [r["reason"][:39] for r in b.rejects()] == ["not stored: the analysis failed (KeyErr"]
    h = health(b)["local"]["items"]
    assert (h["stored"], h["faulted"], h["rejected"]) == (2, 1, 0)

    b.make_due()
    assert b.cycle().polls[0].new == 0  # the same version: the fault is not met again at every poll

    monkeypatch.setattr(Ingestor, "_analyse", analyse)  # the fix, in a later version
    b.watcher.close()
    b.watcher = Watcher(b.store, b.res, b.state, lambda: b.sources, version="99.0")
    b.make_due()
    poll = b.cycle().polls[0]
    assert (poll.new, poll.stored) == (1, 1)
    assert len(b.docs()) == 3 and health(b)["local"]["items"]["faulted"] == 0


def test_a_state_file_of_before_the_version_column_opens_and_keeps_its_items(tmp_path):
    """A state file written before items had a version is read as it was: its items stay done."""
    import sqlite3

    from marsad.watch.state import State

    path = tmp_path / "old.watch.db"
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE items (source TEXT NOT NULL, key TEXT NOT NULL, outcome TEXT NOT NULL, doc_id TEXT,"
              " attempts INTEGER NOT NULL DEFAULT 0, error TEXT, at REAL NOT NULL, PRIMARY KEY (source, key))")
    c.execute("INSERT INTO items VALUES ('local', 'k1', 'stored', 'd1', 1, NULL, 0), ('local', 'k2', 'rejected', NULL, 1, 'x', 0)")
    c.commit()
    c.close()
    st = State(path)
    assert st.done_keys("local", ["k1", "k2", "k3"], "0.1.0") == {"k1", "k2"}
    st.item("local", "k3", "faulted", error="not stored: the analysis failed", version="0.1.0")
    assert st.done_keys("local", ["k3"], "0.1.0") == {"k3"} and st.done_keys("local", ["k3"], "0.2.0") == set()
    st.close()
