"""The ``marsad`` command: a thin layer over the Python API; each command module lives in
``marsad.commands`` and is registered here."""

from __future__ import annotations

import click

from marsad.commands import actions as actions_cmd
from marsad.commands import core
from marsad.commands import entities as entities_cmd
from marsad.commands import evaluate as evaluate_cmd
from marsad.commands import events as events_cmd
from marsad.commands import quotes as quotes_cmd
from marsad.commands import search as search_cmd
from marsad.commands import serve as serve_cmd

COMMANDS: list[click.Command] = [
    core.ingest, core.export, core.status, core.report, core.demo,
    search_cmd.search, serve_cmd.serve,
    actions_cmd.actions,
    events_cmd.events, events_cmd.show, events_cmd.stories_cmd,
    quotes_cmd.quotes,
    entities_cmd.entities,
    evaluate_cmd.evaluate,
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def main() -> None:
    """marsad (مرصد): Arabic news to a traceable record of events, quotes, actors and dates.

    Example: marsad ingest articles/ --db marsad.db && marsad report --db marsad.db
    """


for _cmd in COMMANDS:
    main.add_command(_cmd)
