"""The ``marsad`` command: a thin layer over the Python API; each command module lives in
``marsad.commands`` and is registered here."""

from __future__ import annotations

import click

from marsad.alerts import commands as alerts_cmd
from marsad.commands import actions as actions_cmd
from marsad.commands import core
from marsad.commands import entities as entities_cmd
from marsad.commands import evaluate as evaluate_cmd
from marsad.commands import events as events_cmd
from marsad.commands import quotes as quotes_cmd
from marsad.commands import search as search_cmd
from marsad.commands import serve as serve_cmd
from marsad.messages import message
from marsad.store import StoreError
from marsad.store.db import BUSY_SECONDS, redact
from marsad.store.errors import classify
from marsad.watch import commands as watch_cmd

COMMANDS: list[click.Command] = [
    core.ingest, core.export, core.status, core.report, core.demo,
    search_cmd.search, serve_cmd.serve,
    actions_cmd.actions,
    events_cmd.events, events_cmd.show, events_cmd.stories_cmd,
    quotes_cmd.quotes,
    entities_cmd.entities,
    evaluate_cmd.evaluate,
    watch_cmd.watch,
    watch_cmd.sources,
    alerts_cmd.watchlist, alerts_cmd.alerts, alerts_cmd.breaking,
]


class Main(click.Group):
    """The command group; a database failure a user can act on (disk full, read-only, locked,
    newer schema) ends any command with its message and exit code 2 instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(2)
        except Exception as e:
            code = classify(e)
            if code is None:
                raise
            where = redact(ctx.meta.get("marsad.db", "database"))
            click.echo(f"error: {message(code, path=where, seconds=int(BUSY_SECONDS))}", err=True)
            ctx.exit(2)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def main() -> None:
    """marsad (مرصد): Arabic news to a traceable record of events, quotes, actors and dates.

    Example: marsad ingest articles/ --db marsad.db && marsad report --db marsad.db
    """


for _cmd in COMMANDS:
    main.add_command(_cmd)
