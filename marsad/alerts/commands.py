"""``marsad watchlist`` (add, list, show, remove), ``marsad alerts`` (run, digest, log, retry) and
``marsad breaking``. Light at import: the store, search, HTTP client and knowledge base are
imported when a command runs."""

from __future__ import annotations

import json
import signal
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import click

from marsad.commands.common import db_option, open_store
from marsad.commands.core import _resources, config_option
from marsad.messages import message


def _fail(text: str) -> None:
    click.echo(f"error: {text}", err=True)
    sys.exit(2)


def _config(config: str | None) -> dict[str, Any]:
    return _resources(config, ()).config


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


# -- marsad watchlist ---------------------------------------------------------------------------------

@click.group()
def watchlist() -> None:
    """Watchlists: entities, a query and a place to follow; each has an Atom feed
    (/api/watchlists/NAME.atom on marsad serve), an optional webhook (marsad alerts run) and a
    daily digest (marsad alerts digest).

    Example: marsad watchlist add ukraine --entity Putin --query "وقف إطلاق النار" --db marsad.db
    """


def _entity_text(e: dict[str, Any], labels: dict[str, Any]) -> str:
    if not e.get("id"):
        return f"{e['given']} -> ?"
    d = labels.get(e["id"], {})
    names = ", ".join(x for x in (d.get("name"), d.get("name_ar")) if x)
    return f"{e['given']} -> {e['id']}" + (f" ({names})" if names else "")


def _describe(conn: Any, wl: Any) -> str:
    from marsad.alerts.watchlists import describe

    ids = [e["id"] for e in wl.entities if e.get("id")] + ([wl.place["id"]] if wl.place and wl.place.get("id") else [])
    labels = {i: describe(conn, i) for i in ids}
    parts = []
    if wl.entities:
        parts.append("entities: " + "; ".join(_entity_text(e, labels) for e in wl.entities))
    if wl.query:
        parts.append(f"query: {wl.query}")
    if wl.place:
        parts.append("place: " + _entity_text(wl.place, labels))
    parts.append(f"match: {wl.match}")
    if wl.webhook:
        parts.append(f"webhook: {wl.webhook}" + (" (signed)" if wl.secret else ""))
    return "\n  ".join(parts)


@watchlist.command("add")
@click.argument("name")
@click.option("--entity", "entities", multiple=True, metavar="NAME",
              help="An entity to follow: its id or any name it goes by, Arabic or Latin (repeatable; any one matches).")
@click.option("--query", help="Search words or \"phrases\" (all required), as marsad search reads them.")
@click.option("--place", help="A place: its id or any name; matches articles that name it or actions placed there.")
@click.option("--match", "mode", type=click.Choice(["all", "any"]), default="all", show_default=True,
              help="all: an article must satisfy every criterion given; any: one is enough.")
@click.option("--webhook", metavar="URL", help="POST new matches here (JSON) when marsad alerts run runs.")
@click.option("--secret", help="Sign each POST with HMAC-SHA256 under this secret (X-Marsad-Signature).")
@click.option("--backfill", is_flag=True,
              help="Also alert the articles already stored (default: only those stored from now on).")
@db_option
def watchlist_add(name: str, entities: tuple[str, ...], query: str | None, place: str | None, mode: str,
                  webhook: str | None, secret: str | None, backfill: bool, db: str) -> None:
    """Add a watchlist. An event matches when one of its articles matches: it mentions one of
    the entities, the search finds it, and it names the place (with --match any: any of these).

    Example: marsad watchlist add kremlin --entity بوتين --entity Peskov --place Moscow --db marsad.db
    """
    from marsad.alerts import store as S
    from marsad.alerts.watchlists import Watchlist, resolve

    name = name.strip()
    if not name or len(name) > 100 or "/" in name:
        _fail(message("watchlist_bad_name"))
    entities = tuple(e.strip() for e in entities if e.strip())
    query = (query or "").strip() or None
    place = (place or "").strip() or None
    if not (entities or query or place):
        _fail(message("watchlist_empty"))
    if webhook is not None:
        parts = urlsplit(webhook.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            _fail(message("watchlist_bad_webhook", url=webhook))
        webhook = webhook.strip()
    if secret and not webhook:
        _fail(message("watchlist_secret_needs_webhook"))
    if query:
        from marsad.search.query import QueryError, parse

        try:
            parse(query)
        except QueryError as e:
            _fail(message("watchlist_bad_query", reason=e))
    store = open_store(db)
    try:
        conn = store.conn
        wl = Watchlist(name=name, entities=[{"given": e, "id": resolve(conn, e)} for e in entities], query=query,
                       place={"given": place, "id": resolve(conn, place)} if place else None, match=mode,
                       webhook=webhook, secret=secret or None)
        for e in wl.entities + ([wl.place] if wl.place else []):
            if not e["id"]:
                click.echo(message("watchlist_unresolved", name=e["given"]), err=True)
        start = 0 if backfill else int(conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0])
        wl.id = S.insert_watchlist(store, name, wl.spec(), webhook, wl.secret, start)
        if wl.id is None:
            _fail(message("watchlist_exists", name=name))
        click.echo(f"watchlist {name}\n  {_describe(conn, wl)}\n  feed: {wl.public()['feed']}")
    finally:
        store.close()


@watchlist.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the webhook's address, never its secret).")
def watchlist_list(db: str, as_json: bool) -> None:
    """The watchlists, what each follows, and its alerts by status.

    Example: marsad watchlist list --db marsad.db
    """
    from marsad.alerts import store as S
    from marsad.alerts.watchlists import load_all

    store = open_store(db, readonly=True)
    try:
        lists = load_all(store.conn)
        counts = S.status_counts(store.conn)
        if as_json:
            _json([{**wl.public(), "webhook": wl.webhook, "last_seq": wl.last_seq,
                    "alerts": {st: n for (w, st), n in counts.items() if w == wl.name}} for wl in lists])
            return
        if not lists:
            click.echo("no watchlists")
            return
        for wl in lists:
            tally = ", ".join(f"{n} {st}" for (w, st), n in sorted(counts.items()) if w == wl.name) or "no alerts"
            click.echo(f"{wl.name}  ({tally})\n  {_describe(store.conn, wl)}")
    finally:
        store.close()


@watchlist.command("show")
@click.argument("name")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Events to print.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def watchlist_show(name: str, db: str, limit: int, as_json: bool) -> None:
    """The events a watchlist matches, newest matching article first (what its feed shows).

    Example: marsad watchlist show ukraine --db marsad.db
    """
    from marsad.alerts.watchlists import load, matching_events

    store = open_store(db, readonly=True)
    try:
        wl = load(store.conn, name)
        if wl is None:
            _fail(message("watchlist_missing", name=name))
        total, items = matching_events(store.conn, wl, limit=limit)
    finally:
        store.close()
    if as_json:
        _json({"total": total, "items": items})
        return
    click.echo(f"{total} matching event(s)")
    for ev in items:
        click.echo(f"{ev['updated'][:16]}  {len(ev['sources'])} outlet(s)  {ev['id']}  {ev['title'] or ''}")


@watchlist.command("remove")
@click.argument("name")
@db_option
def watchlist_remove(name: str, db: str) -> None:
    """Remove a watchlist, with its alerts (pending ones are not sent) and their delivery log.

    Example: marsad watchlist remove ukraine --db marsad.db
    """
    from marsad.alerts import store as S

    store = open_store(db)
    try:
        if not S.delete_watchlist(store, name):
            _fail(message("watchlist_missing", name=name))
    finally:
        store.close()
    click.echo(f"removed {name}")


# -- marsad alerts --------------------------------------------------------------------------------------

@click.group()
def alerts() -> None:
    """Alerts of the watchlists: deliver new matches to webhooks (run), write a day's digest
    (digest), show the delivery log (log), try given-up deliveries again (retry).

    Example: marsad alerts run --db marsad.db --once
    """


class Logger:
    """Delivery events as JSON lines on stderr, or readable lines on a terminal."""

    def __init__(self, tty: bool):
        self.tty = tty

    def __call__(self, event: str, **fields: Any) -> None:
        if not self.tty:
            rec = {"ts": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", "event": event}
            rec.update({k: v for k, v in fields.items() if v is not None})
            click.echo(json.dumps(rec, ensure_ascii=False), err=True)
            return
        what = f"{fields.get('watchlist')} {fields.get('event_id')} (try {fields.get('attempt')})"
        if event == "delivered":
            click.echo(f"delivered {what}", err=True)
        elif event == "retry":
            click.echo(f"failed {what}: {fields.get('error')}; next try in {fields.get('retry_in'):.0f} s", err=True)
        elif event == "given_up":
            click.echo(f"given up {what}: {fields.get('error')}", err=True)


@alerts.command("run")
@db_option
@config_option
@click.option("--once", is_flag=True, help="One pass: make alerts of new matches, try each due one once, exit.")
@click.option("--until-done", is_flag=True,
              help="Repeat passes, waiting out retries, until no alert is pending (delivered or given up).")
def alerts_run(db: str, config: str | None, once: bool, until_done: bool) -> None:
    """Turn new matches of the watchlists into alerts and POST them to their webhooks:
    HMAC-signed JSON, retried with exponential backoff and jitter, each delivery logged in the
    store; a run killed at any point and started again loses and repeats no alert (a repeated
    POST carries the same X-Marsad-Delivery key). Without --once it keeps going, looking for new
    matches every alerts.interval seconds. New alerts are printed, one line each. Exit code: 0;
    1 when a delivery failed (with --once: in this pass; with --until-done: given up); 2 on an error.

    Example: marsad ingest new/ --db marsad.db && marsad alerts run --db marsad.db --once
    """
    from marsad.alerts import store as S
    from marsad.alerts.deliver import Alerts

    cfg = _config(config)["alerts"]
    store = open_store(db)
    runner = Alerts(store, cfg, log=Logger(sys.stderr.isatty()))
    previous = signal.signal(signal.SIGTERM, lambda *_: runner.stop.set())
    failed = False
    total = {"new": 0, "delivered": 0, "retrying": 0, "given_up": 0}
    try:
        with S.delivery_lock(store) as mine:
            if not mine:
                click.echo(message("alerts_busy", path=db), err=True)
                sys.exit(0 if once else 2)
            while not runner.stop.is_set():
                r = runner.run_pass()
                for a in r.created:
                    click.echo(f"{a['watchlist']}\t{a['event']}\t{a['status']}\t{a['title'] or ''}")
                total["new"] += len(r.created)
                total["delivered"] += r.delivered
                total["retrying"] += r.retrying
                total["given_up"] += r.given_up
                failed = failed or (r.failed if once else r.given_up > 0)
                if once:
                    break
                due = runner.next_due()
                if until_done and due is None:
                    break
                wait = float(cfg["interval"])
                if due is not None:
                    wait = max(0.0, due - time.time()) if until_done else min(wait, max(0.0, due - time.time()))
                runner.stop.wait(wait)
    except KeyboardInterrupt:
        click.echo("interrupted: every alert made so far is kept; run it again to go on.", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
        runner.close()
        store.close()
    if once or until_done:
        click.echo(f"alerts: {total['new']} new, {total['delivered']} delivered, {total['retrying']} failed tries"
                   f" (to retry), {total['given_up']} given up")
    sys.exit(1 if failed else 0)


def _yesterday() -> str:
    return (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


@alerts.command("digest")
@click.argument("name")
@click.option("--day", default=None, metavar="YYYY-MM-DD", help="The day (default: yesterday, UTC).")
@click.option("--out", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder for NAME-DAY.html and NAME-DAY.md (made if missing).")
@click.option("--lang", type=click.Choice(["ar", "en"]), default=None,
              help="Language of the labels (default: alerts.digest_language).")
@db_option
@config_option
def alerts_digest(name: str, day: str | None, out_dir: str, lang: str | None, db: str, config: str | None) -> None:
    """Write a watchlist's digest of one day, as HTML and Markdown: the events with a matching
    article published that day, each with its outlets and the first sentence of its first
    matching article. Article text is escaped: no markup from it reaches either file.

    Example: marsad alerts digest ukraine --day 2025-05-19 --out digests/ --db marsad.db
    """
    from marsad.alerts.digest import write_digest
    from marsad.alerts.watchlists import load

    day = day or _yesterday()
    try:
        date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {day!r}", param_hint="--day") from None
    cfg = _config(config)["alerts"]
    store = open_store(db, readonly=True)
    try:
        wl = load(store.conn, name)
        if wl is None:
            _fail(message("watchlist_missing", name=name))
        html_path, md_path, n = write_digest(store.conn, wl, day, out_dir, str(cfg["app_url"]),
                                             lang or str(cfg["digest_language"]))
    finally:
        store.close()
    click.echo(f"{n} event(s): {html_path} {md_path}")


@alerts.command("log")
@db_option
@click.option("--watchlist", "name", default=None, help="Only this watchlist's alerts.")
@click.option("--status", type=click.Choice(["pending", "delivered", "failed", "logged"]), default=None,
              help="Only alerts in this state (logged: a watchlist without a webhook).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON, each alert with its tries.")
def alerts_log(db: str, name: str | None, status: str | None, limit: int, as_json: bool) -> None:
    """The delivery log, newest alert first: state, tries, next try, last error.

    Example: marsad alerts log --db marsad.db --status pending
    """
    from marsad.alerts import store as S

    store = open_store(db, readonly=True)
    try:
        rows = S.alert_log(store.conn, name, status, limit)
        if as_json:
            _json([{**{k: r[k] for k in r.keys()}, "docs": json.loads(r["docs"]),
                    "tries": [dict(zip(t.keys(), tuple(t), strict=True)) for t in S.attempts(store.conn, r["id"])]}
                   for r in rows])
            return
    finally:
        store.close()
    if not rows:
        click.echo("no alerts")
        return
    now = time.time()
    for r in rows:
        nxt = f"; next try in {max(0, r['next_at'] - now):.0f} s" if r["status"] == "pending" and r["next_at"] else ""
        err = f"; last error: {r['last_error']}" if r["last_error"] else ""
        click.echo(f"{r['created_at']}  {r['watchlist']}  {r['event_id']}  {r['status']}, {r['attempts']} tries"
                   f"{nxt}{err}")


@alerts.command("retry")
@click.argument("name", required=False)
@db_option
def alerts_retry(name: str | None, db: str) -> None:
    """Make given-up deliveries (of one watchlist, or all) pending again; the next marsad alerts
    run sends them.

    Example: marsad alerts retry ukraine --db marsad.db
    """
    from marsad.alerts import store as S
    from marsad.alerts.watchlists import load

    store = open_store(db)
    try:
        wid = None
        if name:
            wl = load(store.conn, name)
            if wl is None:
                _fail(message("watchlist_missing", name=name))
            wid = wl.id
        n = S.retry_failed(store, time.time(), wid)
    finally:
        store.close()
    click.echo(f"{n} alert(s) to send again")


# -- marsad breaking ------------------------------------------------------------------------------------

def _at(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"not an ISO date-time: {value!r}", param_hint="--at") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@click.command()
@db_option
@config_option
@click.option("--at", default=None, metavar="TIME", help="Rank as at this ISO time (default: now).")
@click.option("--hours", type=click.FloatRange(min=0.1), default=None, help="Window (default: alerts.breaking_hours).")
@click.option("--days", type=click.FloatRange(min=0.1), default=None,
              help="Days the usual growth is measured over (default: alerts.breaking_days).")
@click.option("--min-outlets", type=click.IntRange(min=1), default=None,
              help="Least outlets joining in the window (default: alerts.breaking_min_outlets).")
@click.option("--min-score", type=click.FloatRange(min=0), default=None,
              help="Least score (default: alerts.breaking_min_score).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def breaking(db: str, config: str | None, at: str | None, hours: float | None, days: float | None,
             min_outlets: int | None, min_score: float | None, limit: int, as_json: bool) -> None:
    """Breaking events: those whose number of distinct outlets grows fast against the usual
    rate. score = outlets that joined an event in the last H hours / the median number of
    outlets events of the last N days gathered in their first H hours (at least 1).

    Example: marsad breaking --db marsad.db --hours 3
    """
    from marsad.alerts.breaking import breaking as rank

    when = _at(at)
    cfg = _config(config)["alerts"]
    store = open_store(db, readonly=True)
    try:
        res = rank(store.conn, when, hours=hours or float(cfg["breaking_hours"]),
                   days=days or float(cfg["breaking_days"]),
                   min_outlets=min_outlets or int(cfg["breaking_min_outlets"]),
                   min_score=float(cfg["breaking_min_score"]) if min_score is None else min_score)
    finally:
        store.close()
    res["items"] = res["items"][:limit]
    if as_json:
        _json(res)
        return
    click.echo(f"at {res['at']}: usual growth {res['usual_growth']:g} outlet(s) in {res['hours']:g} h"
               f" (median of {res['measured']} events first seen in the last {res['days']:g} days)")
    if not res["items"]:
        click.echo("nothing breaking")
    for x in res["items"]:
        click.echo(f"{x['score']:6.2f}  +{x['recent']} of {x['outlets']} outlets  {x['id']}  {x['title'] or ''}")
        click.echo(f"        {', '.join(x['recent_outlets'])}")
