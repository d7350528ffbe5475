"""The ``marsad watch`` and ``marsad sources`` commands. Kept light at import: httpx, feedparser,
trafilatura and the ingest pipeline are imported when a command runs, not when ``marsad`` starts."""

from __future__ import annotations

import json
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from marsad.commands.common import db_option, open_store
from marsad.commands.core import _resources, config_option, kb_option

state_option = click.option("--state", "state_path", default=None, envvar="MARSAD_WATCH_STATE", metavar="FILE",
                            help="The watcher's state file (default: beside the database, marsad.db ->"
                                 " marsad.watch.db).")


class Reporter:
    """JSON lines on stderr (one object per event) when stderr is not a terminal; on a terminal a
    progress line rewritten in place, with errors printed as lines of their own."""

    def __init__(self, progress: bool, out: TextIO | None = None):
        self.progress, self.out = progress, out or sys.stderr
        self.polled = self.stored = self.errors = self.cycles = 0
        self.current = ""

    def __call__(self, event: str, **fields: Any) -> None:
        if not self.progress:
            rec = {"ts": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z", "event": event}
            rec.update({k: v for k, v in fields.items() if v is not None})
            self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            self.out.flush()
            return
        if event == "poll":
            self.polled += 1
            self.current = fields.get("source") or ""
        elif event == "item" and fields.get("outcome") == "stored" and not fields.get("already"):
            self.stored += 1
        elif event == "error":
            self.errors += 1
            retry = f" (retry in {fields['retry_in']:.0f} s)" if fields.get("retry_in") is not None else ""
            self.out.write(f"\r\x1b[K{fields.get('source') or 'watch'}: {fields.get('error')}{retry}\n")
        tail = ""
        if event == "sleep":
            tail = f"; sleeping {fields['seconds']:.0f} s"
        self.out.write(f"\r\x1b[Kwatch: cycle {self.cycles + 1}, {self.polled} polls, {self.stored} stored,"
                       f" {self.errors} errors{f'; last {self.current}' if self.current else ''}{tail}")
        self.out.flush()

    def cycle_done(self, _result) -> None:
        self.cycles += 1

    def close(self) -> None:
        if self.progress:
            self.out.write("\n")
            self.out.flush()


def _loader(files: tuple[str, ...], opml: tuple[str, ...], default_interval: float):
    """A function giving the current sources; files are read again only when one changed."""
    from marsad.watch.sources import load_opml, load_sources, unique

    memo: dict[str, Any] = {"stamp": None, "sources": None}

    def load():
        stamp = tuple(Path(p).stat().st_mtime_ns if Path(p).exists() else None for p in files + opml)
        if stamp != memo["stamp"]:
            found = [s for f in files for s in load_sources(f, default_interval)]
            found += [s for f in opml for s in load_opml(f, default_interval)]
            memo["sources"], memo["stamp"] = unique(found), stamp
        return memo["sources"]

    return load


def _lock(path: str):
    """An exclusive lock on ``<state>.lock`` for this process, or None when another watcher holds it."""
    import fcntl

    fh = open(f"{path}.lock", "a")  # noqa: SIM115 - held for the life of the process
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        return None
    return fh


@click.command()
@click.argument("sources_file", required=False, type=click.Path(dir_okay=False))
@click.option("--opml", multiple=True, type=click.Path(dir_okay=False),
              help="Also watch the feeds of this OPML file (a feed reader's export); repeatable.")
@db_option
@state_option
@config_option
@kb_option
@click.option("--once", is_flag=True, help="Poll every due source once and exit (for cron and tests).")
@click.option("--max-cycles", type=click.IntRange(min=1), default=None,
              help="Stop after N cycles that polled something.")
@click.option("--progress/--no-progress", default=None,
              help="A progress line (default: when stderr is a terminal); JSON log lines otherwise.")
@click.option("--print-sources", is_flag=True, help="Print the sources (OPML included) as a sources file and exit.")
def watch(sources_file: str | None, opml: tuple[str, ...], db: str, state_path: str | None, config: str | None,
          kb: tuple[str, ...], once: bool, max_cycles: int | None, progress: bool | None,
          print_sources: bool) -> None:
    """Watch outlets: poll the feeds, news sitemaps and section pages of a sources file and
    ingest every new article once.

    SOURCES_FILE is TOML, one [[source]] table per source: name, url, kind (feed | sitemap |
    page), interval ("15m"), links (page sources: a regex for article links), full_text.
    Conditional GET, robots.txt, per-host politeness, backoff with jitter on errors; state is
    kept in --state so a restarted watcher neither loses nor repeats an article. Exit code with
    --once or --max-cycles: 0, or 1 when a source failed; 2 on a fatal error.

    Example: marsad watch sources.toml --db marsad.db --once
    """
    from marsad.watch.sources import SourcesError, parse_interval, to_toml
    from marsad.watch.state import State, default_state_path

    if not sources_file and not opml:
        raise click.UsageError("give a sources file, an --opml file, or both")
    res = _resources(config, kb)
    try:
        interval = parse_interval(res.config["watch"]["interval"], "watch.interval")
        load = _loader((sources_file,) if sources_file else (), opml, interval)
        sources = load()
    except (SourcesError, OSError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if print_sources:
        click.echo(to_toml(sources), nl=False)
        return
    if not sources:
        click.echo("error: no sources to watch (no [[source]] table)", err=True)
        sys.exit(2)
    state_path = state_path or default_state_path(db)
    lock = _lock(state_path)
    if lock is None:
        click.echo(f"error: another marsad watch is using {state_path}", err=True)
        sys.exit(2)
    store = open_store(db)
    state = State(state_path)
    show = sys.stderr.isatty() if progress is None else progress
    report = Reporter(show)

    from marsad.alerts.deliver import watch_hook
    from marsad.watch.run import Watcher

    watcher = Watcher(store, res, state, load, log=report)
    previous = signal.signal(signal.SIGTERM, lambda *_: watcher.stop.set())  # finish the item, then stop
    failed = False
    try:
        report("start", sources=len(sources), state=state_path, once=once or None)
        for result in watcher.run(once=once, max_cycles=max_cycles,
                                  on_cycle=watch_hook(report.cycle_done, store, res, report)):
            failed = failed or bool(result.failed)
    except KeyboardInterrupt:
        report.close()
        click.echo("interrupted: every article stored so far is kept and recorded; run it again to go on.",
                   err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
        watcher.close()
        state.close()
        store.close()
        lock.close()
    report.close()
    if not show:
        report("stop", failed=failed)
    sys.exit(1 if failed and (once or max_cycles) else 0)


@click.command()
@db_option
@state_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sources(db: str, state_path: str | None, as_json: bool) -> None:
    """Health of the watched sources: last success, last error and when, failures in a row and
    the next retry (backoff), items stored per day, median latency, requests per hour.

    Example: marsad sources --db marsad.db
    """
    from marsad.watch.health import health, table
    from marsad.watch.state import State, default_state_path

    state_path = state_path or default_state_path(db)
    try:
        state = State(state_path, readonly=True)
    except (FileNotFoundError, OSError):
        click.echo(f"error: no watcher state at {state_path} (run marsad watch first, or give --state)", err=True)
        sys.exit(2)
    try:
        now = time.time()
        rows = health(state, now)
    finally:
        state.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        click.echo(table(rows, now), nl=False)

