"""Event commands: ``events`` (the list), ``show EVENT`` (one event, source by source), ``stories``."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

import click

from marsad.commands.common import db_option, open_store
from marsad.store import export as ex


def _event_rows(conn) -> list[dict]:
    pubs = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, published, source FROM documents")}
    out = []
    for e in ex.events(conn):
        dups = {r[0] for r in conn.execute(
            "SELECT d.id FROM documents d JOIN event_docs ed ON ed.doc_id = d.id"
            " WHERE ed.event_id = ? AND d.duplicate_of IS NOT NULL", (e["id"],))}
        e["sources"] = len([d for d in e["docs"] if d not in dups])
        e["published"] = {d: pubs.get(d, (None, None))[0] for d in e["docs"]}
        out.append(e)
    return out


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
def events(db: str, as_json: bool) -> None:
    """List events: happening date, number of sources, title.

    Example: marsad events --db marsad.db
    """
    store = open_store(db, readonly=True)
    rows = _event_rows(store.conn)
    if as_json:
        click.echo(json.dumps([{k: e[k] for k in ("id", "date", "title", "sources", "docs", "story")} for e in rows],
                              ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no events (ingest some articles first)")
    for e in rows:
        click.echo(f"{e['id']}  {e['date'] or '????-??-??'}  {e['sources']} source(s)  {e['title']}")


def _find(conn, ref: str) -> dict | None:
    rows = _event_rows(conn)
    for e in rows:
        if e["id"] == ref:
            return e
    hits = [e for e in rows if e["id"].startswith(ref)]
    return hits[0] if len(hits) == 1 else None


@click.command()
@click.argument("event")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the event record as JSON.")
def show(event: str, db: str, as_json: bool) -> None:
    """A readable report of one event: summary, timeline, sources, facts, quotes by speaker.

    EVENT is an event id (or an unambiguous prefix), as listed by ``marsad events``.

    Example: marsad show ev-5f1896fdbd11 --db marsad.db
    """
    from marsad.link.factable import fact_status

    store = open_store(db, readonly=True)
    conn = store.conn
    e = _find(conn, event)
    if e is None:
        click.echo(f"error: no event {event!r} (see marsad events)", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(e, ensure_ascii=False, indent=2))
        return
    story = conn.execute("SELECT title FROM stories WHERE id = ?", (e["story"],)).fetchone() if e["story"] else None
    click.echo(f"{e['title']}\n{'=' * 60}")
    click.echo(f"event {e['id']}   date {e['date']}   {e['sources']} source(s)")
    if story:
        click.echo(f"story {e['story']}: {story['title']}")
    click.echo("\nSummary")
    for s in e["summary"]:
        click.echo(f"  - {s['text']}  [{s['doc']} #{s['sentence']}]")
    click.echo("\nTimeline and sources")
    docs = {r["id"]: r for r in conn.execute(
        f"SELECT id, title, source, url, published, duplicate_of FROM documents WHERE id IN ({','.join('?' * len(e['docs']))})",
        e["docs"])}
    for d in sorted(e["docs"], key=lambda d: (docs[d]["published"] or "", d)):
        r = docs[d]
        m = e["reports"].get(d, {})
        extra = f" (copy of {r['duplicate_of']})" if r["duplicate_of"] else ""
        about = f", reports {m['date']} ({m['how']})" if m.get("date") else ""
        click.echo(f"  {r['published'] or 'undated'}  {d}  {r['source'] or ''}{about}{extra}")
        if r["title"] or r["url"]:
            click.echo(f"      {r['title'] or ''} {r['url'] or ''}".rstrip())
    click.echo("\nFacts (✓ sources agree, ✗ sources contradict, ≠ figures differ but may count different things,"
               " · one source)")
    for f in e["facts"]:
        mark = {"single": "·", "agree": "✓", "conflict": "✗", "differ": "≠"}[fact_status(f)]
        vals = "; ".join(f"{v} [{d}]" for d, v in f["values"].items())
        click.echo(f"  {mark} {f['what']}: {vals}")
    quotes = conn.execute(
        f"SELECT q.*, coalesce(en.name_ar, en.name, q.speaker_text, '(unknown)') AS who FROM quotes q"
        f" LEFT JOIN entities en ON en.id = q.speaker WHERE q.doc_id IN ({','.join('?' * len(e['docs']))})"
        " ORDER BY q.doc_id, q.start", e["docs"]).fetchall()
    by: dict[str, list] = defaultdict(list)
    for q in quotes:
        by[q["who"]].append(q)
    click.echo("\nQuotes by speaker")
    if not by:
        click.echo("  (none found)")
    for who, qs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        click.echo(f"  {who}")
        for q in qs:
            click.echo(f"    {'«' + q['text'] + '»' if q['direct'] else q['text']}  [{q['doc_id']}]")


@click.command(name="stories")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON.")
def stories_cmd(db: str, as_json: bool) -> None:
    """List stories (threads of events) with their events in date order.

    Example: marsad stories --db marsad.db
    """
    store = open_store(db, readonly=True)
    sts = ex.stories(store.conn)
    if as_json:
        click.echo(json.dumps(sts, ensure_ascii=False, indent=2))
        return
    evs = {e["id"]: e for e in ex.events(store.conn)}
    if not sts:
        click.echo("no stories (ingest some articles first)")
    for s in sts:
        click.echo(f"{s['id']}  {len(s['events'])} event(s), {len(s['docs'])} article(s)  {s['title']}")
        for eid in s["events"]:
            e = evs.get(eid, {})
            click.echo(f"    {e.get('date') or '????-??-??'}  {eid}  {e.get('title', '')}")
