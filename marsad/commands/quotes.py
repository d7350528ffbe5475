"""``marsad quotes``: who said what, with the speaker, channel, relay and statement of each quote."""

from __future__ import annotations

import json

import click

from marsad.commands.common import db_option, entity_names, open_store
from marsad.store.export import quotes as export_quotes
from marsad.text.normalize import normalize


def matches_speaker(q: dict, want: str, names: dict[str, set[str]]) -> bool:
    """Does quote ``q`` belong to the speaker called ``want`` (any alias, normalised)?"""
    key = normalize(want)
    if q["speaker"] and key in names.get(q["speaker"], set()):
        return True
    return bool(q["speaker_text"]) and key == normalize(q["speaker_text"])


@click.command()
@db_option
@click.option("--speaker", help="Only quotes by this speaker (entity id, name or any alias; Arabic or Latin).")
@click.option("--json", "as_json", is_flag=True, help="Print the export's quote records as JSON.")
def quotes(db: str, speaker: str | None, as_json: bool) -> None:
    """Quotes and reported statements with their speakers, in document order.

    Example: marsad quotes --db marsad.db --speaker بوتين
    """
    store = open_store(db, readonly=True)
    try:
        conn = store.conn
        names = entity_names(conn)
        display = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM entities")}
        rows = [q for q in export_quotes(conn) if not speaker or matches_speaker(q, speaker, names)]
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for q in rows:
        who = display.get(q["speaker"] or "", None) or q["speaker_text"] or "(unknown speaker)"
        extra = [f"for {display.get(q['on_behalf_of'], q['on_behalf_of'])}" if q["on_behalf_of"] else "",
                 f"on {q['channel']}" if q["channel"] else "", f"via {q['via']}" if q["via"] else ""]
        extra_s = ", ".join(x for x in extra if x)
        mark = "«»" if q["direct"] else "~"
        click.echo(f"{q['doc']}:{q['start']}-{q['end']}  {who}{' (' + extra_s + ')' if extra_s else ''}  "
                   f"{mark} {q['text']}")
    if not rows:
        click.echo("no quotes" + (f" by {speaker}" if speaker else ""))
