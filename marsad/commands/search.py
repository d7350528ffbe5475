"""``marsad search``: Arabic full-text search over articles, quotes and entities."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from marsad.commands.common import db_option, open_store
from marsad.search.index import sync
from marsad.search.query import KINDS, Filters, QueryError
from marsad.search.query import search as run_search


def _marked(text: str, marks: list[list[int]], on: bool) -> str:
    """Text with its marked spans bracketed (and bold on a terminal)."""
    out, last = [], 0
    for a, b in marks:
        out.append(text[last:a])
        out.append(click.style(text[a:b], bold=True, fg="yellow") if on else f"[{text[a:b]}]")
        last = b
    out.append(text[last:])
    return "".join(out).replace("\n", " ")


@click.command()
@click.argument("query")
@db_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="What to search (default: all).")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only articles published on or before this date (YYYY-MM-DD).")
@click.option("--source", help="Only articles from this source (outlet) name.")
@click.option("--entity", help="Only articles mentioning this entity id (quotes: by or about it).")
@click.option("--event", help="Only articles of this event id.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Hits per kind.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many hits per kind.")
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON (offsets into the original text).")
def search(query: str, db: str, kinds: tuple[str, ...], since: str | None, until: str | None, source: str | None,
           entity: str | None, event: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Search articles, quotes and entities; Arabic spelling, proclitics and variants are handled.

    Words are all required; "quoted words" must appear together. ترمب finds ترامب, اسطنبول
    finds إسطنبول, بوتين finds وبوتين and لبوتين. Hits are ranked (bm25) and their matching
    words marked in the original text.

    Example: marsad search '"وقف إطلاق النار" بوتين' --since 2025-05-01 --db marsad.db
    """
    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).is_file():
        click.echo(f"error: {db}: no such database (run marsad ingest first)", err=True)
        sys.exit(2)
    store = open_store(db)  # read-write: applies the search migration and indexes what is missing
    sync(store)
    try:
        filters = Filters(since=since, until=until, source=source, entity=entity, event=event)
        pages = {k: run_search(store.conn, query, k, filters, limit, offset) for k in (kinds or KINDS)}
    except QueryError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(pages, ensure_ascii=False, indent=1))
        return
    color = sys.stdout.isatty()
    for kind, page in pages.items():
        if not page["hits"]:
            continue
        how = {"at_least": "more than ", "about": "about "}.get(page["total_is"], "")
        newest = ", newest first" if page["order"] == "newest" else ""
        click.echo(f"== {kind}: {how}{page['total']} hit(s){newest}")
        for h in page["hits"]:
            if kind == "document":
                click.echo(f"{h['id']}  {h['published'] or '-'}  {h['source'] or ''}  {h['title'] or ''}".rstrip())
                sn = h["snippet"]
                click.echo(f"    [{sn['start']}:{sn['end']}] {_marked(sn['text'], sn['marks'], color)}")
            elif kind == "quote":
                who = h["speaker"] or h["speaker_text"] or "?"
                click.echo(f"{h['doc']} [{h['start']}:{h['end']}] {who}: {_marked(h['text'], h['snippet']['marks'], color)}")
            else:
                click.echo(f"{h['id']}  {h['name']}  {h['name_ar'] or ''}  ({h['type']})  {', '.join(h['aliases'])}")
    if not any(p["hits"] for p in pages.values()):
        click.echo("no hits")

