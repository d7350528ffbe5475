"""Screenshots of every page type of the web app at desktop and phone widths (``make screenshots``).

Ingests the bundled samples into a temporary database, serves the web app on a free localhost
port, and saves what headless Chromium shows of each page type (events list, event, story,
entity, outlet, quotes, actions, search, document with a highlighted sentence, upload, not
found) at 1366 and 390 px wide into ``docs/screenshots/<page>-<width>.png`` (the top of each
page: one screen, or ``--height`` px of it), the maps of the event, story and entity pages into
``map-<page>-<width>.png``, and the event page of the 19 May 2025 call in full
into ``docs/event_2025-05-19.png`` (the README's picture). Things are found by date and rank,
never by id. Also prints how long each page took to draw (the app's ``data-ms``: its API calls
and rendering, from navigation start).

The samples name no outlet; so that the outlet page has something to show, each sample article
is given a made-up outlet name here (``صحيفة النموذج``...): these are not real attributions.

Needs the Debian ``chromium`` package and Arabic fonts (``fonts-noto-core``).

Example: python scripts/screenshots.py --out-dir docs/screenshots
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.ingest.run import ingest_paths  # noqa: E402
from marsad.resources import Resources  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.background import serving  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Made-up outlets for the sample articles (in file order), so outlet pages and names show.
OUTLETS = ["صحيفة النموذج", "وكالة المثال", "إذاعة العينة", "صحيفة النموذج", "وكالة المثال"]
WIDTHS = {1366: 900, 390: 844}  # width -> viewport height


def event_on(db: str, day: str) -> str | None:
    """Id of the event dated ``day``, else of the event with most sources among those nearest to it."""
    store = Store.open(db, readonly=True)
    try:
        rows = store.conn.execute(
            "SELECT e.id, e.date, (SELECT count(*) FROM event_docs ed WHERE ed.event_id = e.id) AS n"
            " FROM events e WHERE e.date IS NOT NULL"
            " ORDER BY abs(julianday(substr(e.date, 1, 10)) - julianday(?)), n DESC", (day,)).fetchall()
    finally:
        store.close()
    return rows[0]["id"] if rows else None


def build(db: str, tmp: Path) -> None:
    """The samples, each article under a made-up outlet name, ingested into ``db``."""
    seeds = resources.files("marsad").joinpath("samples", "seeds.jsonl")
    rows = [json.loads(x) for x in seeds.read_text("utf-8").splitlines() if x.strip()]
    for row, name in zip(rows, OUTLETS, strict=False):
        row["source"] = name
    src = tmp / "samples.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    store = Store.open(db)
    try:
        ingest_paths(store, [str(src)], Resources())
    finally:
        store.close()


def pages(url: str, event_id: str) -> dict[str, str]:
    """Page name -> hash route of one page of each type, around the event ``event_id``."""
    from urllib.request import urlopen

    def get(path: str):
        with urlopen(url + path) as r:
            return json.load(r)

    ev = get(f"/api/events/{quote(event_id)}")
    speaker = next((g["speaker"] for g in ev["quotes_by_speaker"] if g["speaker"]), None)
    q = next((q for g in ev["quotes_by_speaker"] for q in g["quotes"]), None)
    fact = next((x for f in ev["fact_table"] for xs in f["by_doc"].values() for x in xs), None)
    doc = ev["documents"][0]
    ent = speaker or get("/api/entities?limit=1")["items"][0]["id"]
    evidence = q or fact
    return {
        "events": "events",
        "event": f"event/{quote(event_id)}",
        "story": f"story/{quote(ev['story'])}" if ev["story"] else "stories",
        "entity": f"entity/{quote(ent)}",
        "outlet": f"outlet/{quote(doc['source'])}",
        "quotes": f"quotes?speaker={quote(ent)}",
        "actions": "actions",
        "search": "search?q=" + quote("وقف إطلاق النار"),
        "document": (f"doc/{quote(evidence['doc'])}?s={evidence['start']}&e={evidence['end']}" if evidence
                     else f"doc/{quote(doc['id'])}"),
        "upload": "upload",
        "not-found": "no-such-page",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--date", default="2025-05-19", help="Date of the event to show (YYYY-MM-DD).")
    ap.add_argument("--out-dir", default="docs/screenshots", help="Folder for <page>-<width>.png.")
    ap.add_argument("--out", default="docs/event_2025-05-19.png", help="The README's full event page (empty: skip).")
    ap.add_argument("--height", type=int, default=0, help="Capture this many px of each page (0: one screen).")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium fonts-noto-core)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="marsad-shots-") as tmp:
        db = str(Path(tmp) / "samples.db")
        build(db, Path(tmp))
        event_id = event_on(db, args.date)
        if event_id is None:
            print("error: the samples produced no dated event", file=sys.stderr)
            return 1
        with serving(create_app(db)) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            routes = pages(url, event_id)
            for width, height in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height}, locale="ar")
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                for name, route in routes.items():
                    page.goto("about:blank")  # each page loaded afresh: data-ms counts from navigation
                    page.goto(f"{url}/#/{route}")
                    page.wait_for_selector("body[data-page]")
                    ms = page.get_attribute("body", "data-ms")
                    path = out_dir / f"{name}-{width}.png"
                    if args.height:
                        full = page.evaluate("document.documentElement.scrollHeight")
                        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": width,
                                                              "height": min(full, args.height)}, full_page=True)
                    else:
                        page.screenshot(path=str(path))
                    print(f"saved {path} ({page.title()}; drawn in {ms} ms)")
                    if name in ("event", "story", "entity") and page.locator("#map svg").count():
                        # the map sits below the first screen: its own picture
                        shot = out_dir / f"map-{name}-{width}.png"
                        page.locator("#map").screenshot(path=str(shot))
                        print(f"saved {shot}")
                if errors:
                    print(f"error: page errors at {width} px: {errors}", file=sys.stderr)
                    return 1
                page.close()
            if args.out:
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
                page.goto(f"{url}/#/event/{event_id}")
                page.wait_for_selector("#sources .source")
                Path(args.out).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=args.out, full_page=True)
                print(f"saved {args.out} (event {event_id})")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
