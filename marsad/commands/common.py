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
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta["marsad.db"] = path  # named in the message if the database fails later (disk full)
    try:
        return Store.open(path, readonly=readonly)
    except StoreError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)


def entity_names(conn) -> dict[str, set[str]]:
    """Entity id -> every normalised name it goes by (id, name, Arabic name, aliases), so a
    filter typed in Arabic, in Latin letters or in another spelling finds the same entity."""
    from marsad.text.normalize import normalize

    names: dict[str, set[str]] = {}
    for r in conn.execute("SELECT id, name, name_ar FROM entities"):
        names[r[0]] = {normalize(x) for x in (r[0], r[1], r[2]) if x}
    for r in conn.execute("SELECT entity_id, alias FROM entity_aliases"):
        names.setdefault(r[0], set()).add(normalize(r[1]))
    if any(k.startswith("kb:") for k in names):
        from marsad.extract.kb import load_kb

        for actor in load_kb().actors.values():  # every spelling the knowledge base knows (ترمب, ترامب)
            if actor.key in names:
                names[actor.key].update(normalize(x) for x in actor.aliases if x)
    return names
