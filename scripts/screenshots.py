"""Screenshot the event page of the 19 May 2025 call (``make screenshots``).

Ingests the bundled samples into a temporary database, serves the web app on a free
localhost port, and saves the event page as rendered by headless Chromium. The event is
found by its date, never by id. Needs the Debian ``chromium`` package and Arabic fonts
(``fonts-noto-core``) to render Arabic glyphs.

Example: python scripts/screenshots.py --out docs/event_2025-05-19.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from importlib import resources
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--date", default="2025-05-19", help="Date of the event to show (YYYY-MM-DD).")
    ap.add_argument("--out", default="docs/event_2025-05-19.png", help="PNG file to write.")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900, help="Viewport height (the page is captured in full).")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium fonts-noto-core)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="marsad-shots-") as tmp:
        db = str(Path(tmp) / "samples.db")
        store = Store.open(db)
        seeds = resources.files("marsad").joinpath("samples", "seeds.jsonl")
        with resources.as_file(seeds) as path:
            ingest_paths(store, [str(path)], Resources())
        store.close()
        event_id = event_on(db, args.date)
        if event_id is None:
            print("error: the samples produced no dated event", file=sys.stderr)
            return 1
        with serving(create_app(db)) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height}, locale="ar")
            page.goto(f"{url}/#/event/{event_id}")
            page.wait_for_selector("#sources .source")
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out, full_page=True)
            browser.close()
    print(f"saved {args.out} (event {event_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
