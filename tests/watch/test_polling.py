"""Polling real local servers: feeds that change, conditional GET, every listing kind, full text
fetched for summary-only feeds, redirects, gzip, politeness."""

from __future__ import annotations

import time

from marsad.watch.sources import Source
from tests.watch.site import Reply, atom, json_feed, news_sitemap, rss

RSS = {"Content-Type": "application/rss+xml"}


def stored_urls(b) -> list[str]:
    return [d["url"] for d in b.docs()]


def test_feed_changing_between_polls_stores_each_new_item_once(site, bench, news):
    site.add_articles(news[:6])
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:3]), headers=RSS)
    b = bench(Source("local", site.url("/rss.xml"), interval=60))
    first = b.cycle()
    assert [p.stored for p in first.polls] == [3]
    site.routes["/rss.xml"] = Reply(body=rss(site.base, news[:6]), headers=RSS)  # three more, newest last
    b.make_due()
    second = b.cycle()
    assert (second.polls[0].listed, second.polls[0].new, second.polls[0].stored) == (6, 3, 3)
    b.make_due()
    third = b.cycle()
    assert (third.polls[0].new, third.polls[0].stored) == (0, 0)
    urls = stored_urls(b)
    assert sorted(urls) == sorted(site.url(f"/articles/{a.slug}.html") for a in news[:6])
    texts = {d["url"]: d["text"] for d in b.docs()}
    for a in news[:6]:  # full-content feed: the entry's own text, no page fetched
        assert a.text.split("\n")[0] in texts[site.url(f"/articles/{a.slug}.html")]
        assert site.hits[f"/articles/{a.slug}.html"] == 0
    assert b.state.query("SELECT count(*) FROM items WHERE outcome = 'stored'")[0][0] == 6


def test_not_modified_is_honoured_etag_and_last_modified(site, bench, news):
    site.routes["/etag.xml"] = Reply(body=rss(site.base, news[:2]), headers=RSS, etag='"v1"')
    site.routes["/lm.xml"] = Reply(body=atom(site.base, news[2:4]), headers={"Content-Type": "application/atom+xml"},
                                   last_modified="Tue, 20 May 2025 08:00:00 GMT")
    b = bench(Source("etag", site.url("/etag.xml"), interval=60), Source("lm", site.url("/lm.xml"), interval=60))
    b.cycle()
    assert len(b.docs()) == 4
    for _ in range(2):
        b.make_due()
        res = b.cycle()
        assert all(p.not_modified and p.status == 304 for p in res.polls)
    assert site.not_modified["/etag.xml"] == 2 and site.not_modified["/lm.xml"] == 2  # the server counted them
    sent = [h for p, h in site.requests if p == "/etag.xml"]
    assert "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == '"v1"'
    row = b.state.source("etag")
    assert row["not_modified"] == 2 and row["polls"] == 3 and row["failures"] == 0
    # a new version of the feed (new ETag) is read again
    site.routes["/etag.xml"] = Reply(body=rss(site.base, [*news[:2], news[4]]), headers=RSS, etag='"v2"')
    b.make_due()
    res = b.cycle()
    assert res.polls[0].status == 200 and res.polls[0].stored == 1 and len(b.docs()) == 5


def test_every_listing_kind(site, bench, news):
    """JSON Feed, Atom, a Google news sitemap (behind a sitemap index) and a section page; gzip."""
    site.add_articles(news[:12])
    site.routes["/feed.json"] = Reply(body=json_feed(site.base, news[:2]), headers={"Content-Type": "application/feed+json"})
    site.routes["/atom.xml"] = Reply(body=atom(site.base, news[2:4]), headers={"Content-Type": "application/atom+xml"},
                                     gzip=True)
    site.routes["/sitemap-index.xml"] = Reply(body=(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/news-sitemap.xml</loc><lastmod>2025-05-20</lastmod></sitemap>"
        "</sitemapindex>").encode(), headers={"Content-Type": "application/xml"})
    site.routes["/news-sitemap.xml"] = Reply(body=news_sitemap(site.base, news[4:7], name="Sitemap News"),
                                             headers={"Content-Type": "application/xml"})
    links = "".join(f'<li><a href="/articles/{a.slug}.html">{a.title}</a></li>' for a in news[7:10])
    section = (f'<html><body><nav><a href="/">home</a><a href="/tag/politics">tag</a><a href="/about">about</a>'
               f'</nav><ul>{links}</ul><a href="https://elsewhere.example/articles/x.html">other site</a>'
               f'<a href="/articles/{news[7].slug}.html#comments">again</a><a href="/logo.png">logo</a></body></html>')
    site.routes["/section"] = Reply(body=section.encode(), headers={"Content-Type": "text/html"})
    b = bench(Source("json", site.url("/feed.json"), interval=60), Source("atom", site.url("/atom.xml"), interval=60),
              Source("sitemap", site.url("/sitemap-index.xml"), "sitemap", 60),
              Source("page", site.url("/section"), "page", 60))
    res = b.cycle()
    assert {p.source: p.stored for p in res.polls} == {"json": 2, "atom": 2, "sitemap": 3, "page": 3}
    docs = {d["url"]: d for d in b.docs()}
    assert len(docs) == 10
    for a in news[4:7]:  # sitemap items: page fetched, title and outlet from the news: tags
        d = docs[site.url(f"/articles/{a.slug}.html")]
        assert d["title"] == a.title and d["source"] == "Sitemap News" and a.text.split("\n")[-1] in d["text"]
    for a in news[7:10]:  # page links: only the same host's article links, each once
        assert site.hits[f"/articles/{a.slug}.html"] == 1
    assert site.hits["/tag/politics"] == 0 and site.hits["/about"] == 0 and site.hits["/logo.png"] == 0
    assert docs[site.url(f"/articles/{news[0].slug}.html")]["id"] == f"json-{news[0].slug}"


def test_summary_only_feed_gets_the_full_article(site, bench, news):
    site.add_articles(news[:3])
    site.routes["/short.xml"] = Reply(body=rss(site.base, news[:3], full=False, title="Short Feed"), headers=RSS)
    b = bench(Source("short", site.url("/short.xml"), interval=60))
    res = b.cycle()
    assert res.polls[0].stored == 3
    for a in news[:3]:
        assert site.hits[f"/articles/{a.slug}.html"] == 1
        d = b.store.find_by_url(site.url(f"/articles/{a.slug}.html"))
        assert len(d["text"]) > 3 * len(a.lead)  # more than the feed's lead
        assert a.text.split("\n")[-1] in d["text"]  # down to the last paragraph
        assert d["title"] == a.title and d["source"] == "Short Feed" and d["id"] == f"{site.base}/?p={a.slug}"
    # a source that asks for summaries only does not fetch pages (and stores the lead)
    site.routes["/short2.xml"] = Reply(body=rss(site.base, news[3:4], full=False), headers=RSS)
    b.sources.append(Source("leads", site.url("/short2.xml"), interval=60, full_text=False))
    b.cycle()
    assert site.hits[f"/articles/{news[3].slug}.html"] == 0
    assert b.store.find_by_url(site.url(f"/articles/{news[3].slug}.html"))["text"] == news[3].lead


def test_redirect_followed_and_politeness_kept(site, bench, news):
    site.add_articles(news[:3])
    site.routes["/old-feed"] = Reply(301, headers={"Location": "/feed.xml", "Content-Length": "0"})
    site.routes["/feed.xml"] = Reply(body=rss(site.base, news[:3], full=False), headers=RSS)
    b = bench(Source("moved", site.url("/old-feed"), interval=60), host_delay=0.25)
    res = b.cycle()
    assert res.polls[0].stored == 3
    times = []
    for row in b.state.query("SELECT at FROM fetches WHERE source = 'moved' ORDER BY at"):
        times.append(row[0])
    # robots.txt, the redirect, the feed and three pages: six requests to one host, 0.25 s apart
    assert len(times) == 6
    gaps = [b2 - a2 for a2, b2 in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.2, gaps


def test_a_poll_of_unchanged_items_is_cheap(site, bench, news):
    """Measured cost of a poll of a 40-item full-content feed whose items are all known."""
    site.routes["/big.xml"] = Reply(body=rss(site.base, news), headers=RSS)
    b = bench(Source("big", site.url("/big.xml"), interval=60))
    b.cycle()
    assert len(b.docs()) == len(news)
    b.make_due()
    t0 = time.process_time()
    res = b.cycle()
    cpu = time.process_time() - t0
    assert res.polls[0].new == 0 and res.polls[0].listed == len(news)
    print(f"CPU for one poll of a known {len(news)}-item feed: {cpu * 1000:.0f} ms")
    assert cpu < 5.0
