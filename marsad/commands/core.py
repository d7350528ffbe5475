"""Core commands: ingest, export, status, report, demo."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from marsad.commands.common import db_option, open_store
from marsad.commands.progress import Progress
from marsad.config import ConfigError, load_config
from marsad.ingest.estimate import count_items
from marsad.resources import Resources
from marsad.store import export as ex

if TYPE_CHECKING:
    from marsad.ingest.run import Summary


def _resources(config: str | None, kb: tuple[str, ...]) -> Resources:
    try:
        cfg = load_config(config)
    except ConfigError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    missing = [k for k in kb if not Path(k).is_file()]
    if missing:
        click.echo(f"error: knowledge-base file not found: {', '.join(missing)}", err=True)
        sys.exit(2)
    return Resources(config=cfg, kb_files=[Path(k) for k in kb])


config_option = click.option("--config", type=click.Path(dir_okay=False), envvar="MARSAD_CONFIG",
                             help="TOML file overriding default thresholds (see README, Configuration).")
kb_option = click.option("--kb", multiple=True, type=click.Path(dir_okay=False),
                         help="Extra knowledge-base file(s) of actors, same format as the shipped one.")


def print_summary(s: Summary, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(s.as_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"new: {len(s.new)}  updated: {len(s.updated)}  unchanged: {len(s.unchanged)}  "
               f"duplicates: {len(s.duplicates)}  rejected: {len(s.rejected)}")
    for origin, of, sim in s.duplicates:
        click.echo(f"  duplicate  {origin}: copy of {of} (similarity {sim:.2f})")
    for doc_id, lang in s.not_arabic:
        click.echo(f"  stored, not analysed  {doc_id}: language {lang}")
    for origin, msg in s.warnings:
        click.echo(f"  warning    {origin}: {msg}")
    for origin, reason in s.rejected:
        click.echo(f"  rejected   {origin}: {reason}")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@config_option
@kb_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Analyse on N local worker processes while this one stores and links (same result, sooner).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Analyse on a local Dask cluster of N worker processes (needs the 'dask' extra).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Analyse on an existing Dask cluster, e.g. tcp://scheduler:8786.")
def ingest(paths: tuple[str, ...], db: str, config: str | None, kb: tuple[str, ...], as_json: bool,
           progress: bool | None, jobs: int | None, workers: int | None, dask_address: str | None) -> None:
    """Ingest articles from files, folders or - (stdin).

    Reads .txt, .json/.jsonl (one article per object: text, id, url, title, published,
    source, language), saved .html pages and RSS/Atom feeds. Exit code 0: all stored;
    1: some items were rejected (each listed with its reason); 2: fatal error.

    Example: marsad ingest news/ feed.xml --db marsad.db
    (on one machine: --jobs 2; on a cluster: --dask tcp://scheduler:8786)
    """
    if jobs and (workers or dask_address):
        click.echo("error: --jobs is a local pool; give it or --workers/--dask, not both", err=True)
        sys.exit(2)
    res = _resources(config, kb)
    store = open_store(db)
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(count_items(paths) if show else None, show)
    tick = bar.tick

    try:
        if workers or dask_address:
            from marsad.ingest.distributed import dask_client, ingest_paths_dask
            try:
                cluster = dask_client(dask_address, workers)
                client = cluster.__enter__()
            except (RuntimeError, OSError) as e:
                click.echo(f"error: {e}", err=True)
                sys.exit(2)
            try:
                summary = ingest_paths_dask(store, paths, res, client, on_item=tick)
            finally:
                cluster.__exit__(None, None, None)
        elif jobs:
            from marsad.ingest.parallel import ingest_paths_parallel

            summary = ingest_paths_parallel(store, paths, res, jobs, on_item=tick)
        else:
            from marsad.ingest.run import ingest_paths

            summary = ingest_paths(store, paths, res, on_item=tick)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: articles stored so far are kept; run the same command to finish.", err=True)
        sys.exit(130)
    finally:
        bar.close()
    print_summary(summary, as_json)
    sys.exit(1 if summary.rejected else 0)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option("--section", type=click.Choice(ex.SECTIONS), multiple=True,
              help="Only these sections (jsonl, csv). CSV default: documents.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def export(db: str, fmt: str, section: tuple[str, ...], out: str | None) -> None:
    """Export everything marsad knows, in the stable contract documented in the README.

    Example: marsad export --db marsad.db --format json --out export.json
    """
    store = open_store(db, readonly=True)
    fh = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "json":
            data = ex.export_all(store.conn)
            if section:
                data = {k: v for k, v in data.items() if k in section}
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        elif fmt == "jsonl":
            for line in ex.iter_jsonl(store.conn, section or ex.SECTIONS):
                fh.write(line + "\n")
        else:
            name = section[0] if section else "documents"
            rows = [ex.flat(r) for r in ex.BUILDERS[name](store.conn)]
            if rows:
                w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
    finally:
        if out:
            fh.close()


@click.command()
@db_option
def status(db: str) -> None:
    """Counts of what the database holds and its schema version.

    Example: marsad status --db marsad.db
    """
    store = open_store(db, readonly=True)
    click.echo(f"database: {db} (schema version {store.schema_version()})")
    for k, v in store.counts().items():
        click.echo(f"  {k:16} {v}")


def _sentence_of(doc: dict, start: int) -> str:
    for s in doc["sentences"]:
        if s["start"] <= start < s["end"]:
            return doc["text"][s["start"]:s["end"]]
    return ""


def print_report(conn) -> None:
    """A readable overview: documents, events with sources, main actors, quotes."""
    from marsad.link.factable import fact_status

    data = ex.export_all(conn)
    docs = {d["id"]: d for d in data["documents"]}
    ents = {e["id"]: e for e in data["entities"]}
    click.echo(f"\n{len(docs)} documents, {len(data['events'])} events, {len(data['stories'])} stories, "
               f"{len(ents)} entities, {len(data['quotes'])} quotes, {len(data['times'])} dates, "
               f"{len(data['actions'])} coded actions\n")
    for st in data["stories"]:
        click.echo(f"STORY {st['id']}: {st['title']} ({len(st['events'])} events)")
    for ev in data["events"]:
        click.echo(f"\nEVENT {ev['id']}  [{ev['date'] or 'date unknown'}]  {ev['title'] or '(untitled)'}")
        for d in ev["docs"]:
            click.echo(f"   source {d}  published {docs[d]['published'] or 'undated'}")
        for f in ev["facts"][:6]:
            flag = {"single": "single source", "conflict": "CONFLICT", "differ": "differ (may count different things)"
                    }.get(fact_status(f), fact_status(f))
            click.echo(f"   fact  {f['what']} ({f['unit']}): {f['values']}  [{flag}]")
    top = sorted(ents.values(), key=lambda e: -len(e["mentions"]))[:10]
    if top:
        click.echo("\nMost mentioned: " + ", ".join(f"{e['name']} ({len(e['mentions'])})" for e in top))
    for q in data["quotes"][:8]:
        who = ents.get(q["speaker"], {}).get("name") or q["speaker_text"] or "?"
        text = q["text"] if len(q["text"]) <= 140 else q["text"][:140] + "…"
        click.echo(f"\n  {who}: «{text}»  [{q['doc']} {q['start']}-{q['end']}]")
    for a in data["actions"][:8]:
        src, tgt = (ents.get(a[k], {}).get("name") or a[k] or a.get(f"{k}_sector") or "unnamed" for k in ("source", "target"))
        how = ", ".join(str(x) for x in (a["date"] or "undated", a["mode"]) if x)
        n = a["sources"]
        line = f"  action {a['type']}: {src}" + (f" -> {tgt}" if a["target"] or a.get("target_sector") else "")
        click.echo(f"{line} ({how}; {n} source{'s' if n != 1 else ''})")


@click.command()
@db_option
def report(db: str) -> None:
    """A readable report of the database: events, sources, facts, actors, quotes.

    Example: marsad report --db marsad.db
    """
    store = open_store(db, readonly=True)
    print_report(store.conn)


@click.command()
@click.option("--db", default=None, help="Database file (default: a new temporary one).")
def demo(db: str | None) -> None:
    """Ingest the bundled sample articles and print the report.

    Example: marsad demo --db marsad.db
    """
    db = db or str(Path(tempfile.mkdtemp(prefix="marsad-")) / "demo.db")
    store = open_store(db)
    seeds = resources.files("marsad").joinpath("samples", "seeds.jsonl")
    with resources.as_file(seeds) as path:
        from marsad.ingest.run import ingest_paths

        summary = ingest_paths(store, [str(path)], Resources())
    click.echo(f"ingested the bundled samples into {db}")
    print_summary(summary, False)
    print_report(store.conn)
