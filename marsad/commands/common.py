"""Options and helpers shared by commands."""

from __future__ import annotations

import sys

import click

from marsad.store import Store, StoreError

DEFAULT_DB = "marsad.db"

db_option = click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="MARSAD_DB",
                         help="SQLite database file (created if missing) or a postgresql://user@host/db URL"
                              " (needs the 'pg' extra).")


def open_store(path: str, readonly: bool = False) -> Store:
    """Open the store or exit with a clear message (exit code 2)."""
    try:
        return Store.open(path, readonly=readonly)
    except StoreError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
