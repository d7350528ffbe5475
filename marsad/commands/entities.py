"""``marsad entities``: who and what the stored articles name, with mention and document counts."""

from __future__ import annotations

import json

import click

from marsad.commands.common import db_option, open_store

_TYPES = ("PERSON", "ORG", "LOC")


def entity_rows(conn, etype: str | None = None) -> list[dict]:
    """Entities with their aliases, mention count and document count, most mentioned first."""
    where, args = ("WHERE e.type = ?", (etype,)) if etype else ("", ())
    rows = conn.execute(
        f"""SELECT e.id, e.name, e.name_ar, e.type, e.country,
                   COUNT(m.doc_id) AS n_mentions, COUNT(DISTINCT m.doc_id) AS n_docs
            FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id
            {where}
            GROUP BY e.id ORDER BY n_mentions DESC, e.name""",
        args,
    ).fetchall()
    aliases: dict[str, list[str]] = {}
    for r in conn.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, alias"):
        aliases.setdefault(r[0], []).append(r[1])
    return [{"id": r[0], "name": r[1], "name_ar": r[2], "type": r[3], "country": r[4],
             "aliases": aliases.get(r[0], []), "mentions": r[5], "documents": r[6]} for r in rows]


@click.command()
@db_option
@click.option("--type", "etype", type=click.Choice(_TYPES, case_sensitive=False), help="Only this type.")
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON.")
def entities(db: str, etype: str | None, as_json: bool) -> None:
    """People, organisations and places found, with how often and in how many articles.

    Example: marsad entities --db marsad.db --type PERSON
    """
    store = open_store(db, readonly=True)
    try:
        rows = entity_rows(store.conn, etype.upper() if etype else None)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        names = " / ".join(x for x in dict.fromkeys([r["name"], r["name_ar"]]) if x)
        others = [a for a in r["aliases"] if a not in (r["name"], r["name_ar"])]
        click.echo(f"{r['mentions']:5d} mentions {r['documents']:4d} docs  {r['type']:6} {names}"
                   f"{'  [' + r['country'] + ']' if r['country'] else ''}  ({r['id']})"
                   f"{'  aka ' + ', '.join(others) if others else ''}")
    if not rows:
        click.echo("no entities (ingest some articles first)")
