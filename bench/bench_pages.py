"""Page load benchmark: how long each page type of the web app takes with many stored articles.

Builds a store of N articles recombined from the two dev sets (``../shared/data/events_dev_a``
and ``events_dev_b``, read in place: their texts stay out of the repository). Each generated
article keeps most sentences of one dev article (in order) and adds a few from others, under a
URL of one of the dev sets' outlets and a date in bursts around that article's own day, so the
store has events of several reports, stories, outlets and quotes as a real archive would.

Then serves the web app and, for every page type (events list with and without filters, event,
story, entity, outlet, quotes, actions, search, documents, document, and the lists), loads the
page afresh in headless Chromium ``--loads`` times and records:
- the page's draw time (the app's ``data-ms``: its API calls and rendering, from navigation);
- every API call the page made, each then asked ``--loads`` times more straight from Python
  (gzip, no cache, no ETag): the server's response time, of which the slowest call is reported
  (the calls of a page run side by side; all of them are listed at the end).
Medians are printed; the machine is shared, so single loads vary.

usage: python bench/bench_pages.py [--n 10000] [--db PATH] [--loads 5]
  (--db keeps the store: an existing file is reused as it is, without building)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad import pipeline  # noqa: E402
from marsad.ingest.items import RawArticle  # noqa: E402
from marsad.ingest.run import Ingestor  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.types import Document  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.background import serving  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEV = [DATA / "events_dev_a" / "corpus.jsonl", DATA / "events_dev_b" / "corpus.jsonl"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def dev_articles(res: Resources) -> list[dict]:
    """The dev sets' articles with their sentences and outlet host."""
    out = []
    for path in DEV:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            doc = pipeline.prepare(Document(d["id"], d["text"]), res)
            sents = [d["text"][s.start:s.end] for s in doc.sentences]
            if len(sents) >= 2:
                out.append({"sents": sents, "host": urlsplit(d.get("url") or "").netloc or "example.org"})
    return out


def corpus(n: int, res: Resources, seed: int = 1) -> list[RawArticle]:
    """``n`` articles, each most of one dev article plus a few sentences of others (see the module doc)."""
    rng = random.Random(seed)
    arts = dev_articles(res)
    hosts = sorted({a["host"] for a in arts})
    start = date(2023, 1, 1)
    anchors = {i: start + timedelta(days=rng.randrange(3 * 365)) for i in range(len(arts))}
    out = []
    for i in range(n):
        b = i % len(arts)
        base = arts[b]["sents"]
        keep = sorted(rng.sample(range(len(base)), max(1, round(len(base) * rng.uniform(0.5, 0.9)))))
        extra = [rng.choice(rng.choice(arts)["sents"]) for _ in range(rng.randint(2, 6))]
        text = "\n".join([base[k] for k in keep] + extra)
        burst = (i // len(arts)) % 8  # eight bursts per dev article, a few reports in each
        day = anchors[b] + timedelta(days=burst * 45 + rng.randint(0, 2))
        host = arts[b]["host"] if rng.random() < 0.3 else rng.choice(hosts)
        out.append(RawArticle(text=text, origin=f"gen:{i}", id=f"gen-{i}", url=f"https://{host}/gen/{i}",
                              published=day.isoformat()))
    return out


def build(db: str, n: int) -> dict:
    res = Resources()
    arts = corpus(n, res)
    store = Store.open(db)
    try:
        t0 = time.perf_counter()
        ing = Ingestor(store, res)
        for a in arts:
            ing.add(a)
        ing.link()
        secs = time.perf_counter() - t0
    finally:
        store.close()
    return {"seconds": secs, "new": len(ing.summary.new), "duplicates": len(ing.summary.duplicates)}


def counts(db: str) -> dict:
    store = Store.open(db, readonly=True)
    try:
        c = store.conn
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "stories", "entities", "quotes", "action_mentions", "facts")}
    finally:
        store.close()


def routes(url: str) -> dict[str, str]:
    """Page name -> hash route, one of each page type, found through the API (never by id)."""
    def get(path: str):
        with urlopen(url + path) as r:
            return json.load(r)

    ev = get("/api/events?sort=largest&limit=1")["items"][0]
    event = get(f"/api/events/{quote(ev['id'])}")
    ent = get("/api/entities?limit=1")["items"][0]["id"]
    outlet = get("/api/sources?limit=1")["items"][0]["source"]
    doc = event["documents"][0]["id"]
    kind = next((k["kind"] for k in get("/api/event-kinds")["items"]), "")
    atype = next((t["type"] for t in get("/api/action-types")["items"]), "")
    return {
        "events": "events",
        "events, largest": "events?sort=largest",
        "events, growing": "events?sort=growing",
        "events, dates+kind": f"events?since=2024-01-01&until=2024-06-30&kind={quote(kind)}",
        "events, country": "events?country=" + quote("سوريا"),
        "events, entity": f"events?entity={quote(ent)}",
        "events, outlet+2 sources": f"events?source={quote(outlet)}&min_sources=2",
        "event": f"event/{quote(ev['id'])}",
        "stories": "stories",
        "story": f"story/{quote(event['story'])}" if event.get("story") else "stories",
        "entities": "entities",
        "entity": f"entity/{quote(ent)}",
        "outlets": "outlets",
        "outlet": f"outlet/{quote(outlet)}",
        "quotes": "quotes",
        "quotes, speaker": f"quotes?speaker={quote(ent)}",
        "actions": "actions",
        "actions, type": f"actions?type={quote(atype)}",
        "search": "search?q=" + quote("وقف إطلاق النار"),
        "documents": "documents",
        "document": f"doc/{quote(doc)}",
    }


def server_ms(url: str, path: str, loads: int) -> float:
    """Median time to the last byte of ``path`` asked straight, gzipped as a browser asks (no cache)."""
    times = []
    for _ in range(loads):
        t0 = time.perf_counter()
        with urlopen(Request(url + path, headers={"Accept": "application/json", "Accept-Encoding": "gzip"})) as r:
            r.read()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(db: str, loads: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serving(create_app(db)) as url, sync_playwright() as pw:
        urlopen(url + "/api/world").read()  # the first call warms the app's caches
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ar")
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for name, route in routes(url).items():
            draws, calls = [], set()
            for _ in range(loads):
                page.goto("about:blank")
                page.goto(f"{url}/#/{route}")
                page.wait_for_selector("body[data-page]", timeout=120_000)
                draws.append(int(page.get_attribute("body", "data-ms")))
                for e in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"):
                    parts = urlsplit(e)
                    if parts.path.startswith("/api/") and parts.path != "/api/world":
                        calls.add(parts.path + ("?" + parts.query if parts.query else ""))
            api = {c: server_ms(url, c, loads) for c in sorted(calls)}
            slow = max(api, key=api.get) if api else ""
            rows.append({"page": name, "route": route, "draw_ms": statistics.median(draws),
                         "draws": draws, "calls": len(api), "server_ms": api.get(slow, 0.0), "slowest": slow,
                         "api": api, "page_kind": page.get_attribute("body", "data-page")})
            print(f"  {name:<26} drawn {rows[-1]['draw_ms']:7.0f} ms  slowest API {api.get(slow, 0):7.1f} ms  "
                  f"{slow}", flush=True)
        browser.close()
        if errors:
            print(f"page errors: {errors}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="Articles to generate.")
    ap.add_argument("--db", default="", help="Keep the store here (reused as it is when it exists).")
    ap.add_argument("--loads", type=int, default=5, help="Loads per page (median reported).")
    args = ap.parse_args(argv)
    if not all(p.exists() for p in DEV):
        print(f"error: the dev sets are not at {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="marsad-pages-") as tmp:
        db = args.db or str(Path(tmp) / "pages.db")
        if not Path(db).exists():
            b = build(db, args.n)
            print(f"built {db}: {args.n} articles in {b['seconds']:.0f} s ({b['new']} new, "
                  f"{b['duplicates']} near-duplicates)", flush=True)
        c = counts(db)
        print(f"page load benchmark, {platform.node()} ({len(os.sched_getaffinity(0))} cores), "
              f"store: " + ", ".join(f"{v} {k}" for k, v in c.items()), flush=True)
        print(f"medians of {args.loads} loads (Chromium 1366 px; draw = API calls + rendering, from navigation)")
        rows = measure(db, args.loads)
        print("\n| page | drawn (ms) | API calls | slowest API call (ms, server) |")
        print("|---|---:|---:|---:|")
        for r in rows:
            print(f"| {r['page']} | {r['draw_ms']:.0f} | {r['calls']} | {r['server_ms']:.0f} |")
    print("\nevery API call (median ms, server):")
    seen: dict[str, float] = {}
    for r in rows:
        seen.update(r["api"])
    for path, ms in sorted(seen.items(), key=lambda kv: -kv[1]):
        print(f"  {ms:7.1f}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
