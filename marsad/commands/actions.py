"""``marsad actions``: coded actions (who did what to whom, when, where) as a table, JSON or
a CSV with the columns GDELT/ICEWS users know, one row per merged action."""

from __future__ import annotations

import csv
import json
import sys

import click

from marsad.commands.common import db_option, entity_names, open_store
from marsad.store.export import ACLED_COLUMNS, acled_row
from marsad.store.export import actions as export_actions
from marsad.text.normalize import normalize

CSV_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source ID", "Source Country", "Event Type (PLOVER)",
               "CAMEO Code", "Target Name", "Target ID", "Target Country", "Mode", "Negated", "Modality", "Place",
               "Sources count", "Documents", "Sentence"]


def _names(conn) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT id, name FROM entities")}


def _matches(a: dict, actor: str | None, typ: str | None, since: str | None, names: dict[str, str],
             until: str | None = None, sector: str | None = None, country: list[str] | None = None,
             aliases: dict[str, set[str]] | None = None) -> bool:
    if typ and a["type"] != typ.upper():
        return False
    if since and not (a["date"] and a["date"] >= since):
        return False
    if until and not (a["date"] and a["date"][:10] <= until):
        return False
    if sector and sector.upper() not in (a["source_sector"], a["target_sector"]):
        return False
    if country and not {x.casefold() for x in country} & {(a[k] or "").casefold() for k in
                                                          ("place_country", "source_country", "target_country")}:
        return False
    if actor:
        want = actor.casefold()
        if aliases and any(normalize(actor) in aliases.get(k, set()) for k in (a["source"], a["target"]) if k):
            return True  # بوتين, Putin, بوتن: any name the entity goes by
        fields = [a["source"] or "", a["target"] or "", names.get(a["source"], ""), names.get(a["target"], ""),
                  a["source_country"] or "", a["target_country"] or ""]
        return any(want == f.casefold() or want in f.casefold() for f in fields if f)
    return True


@click.command()
@db_option
@click.option("--actor", help="Only actions with this actor as source or target: entity id, country, or any name"
                               " it goes by, in Arabic or Latin letters.")
@click.option("--type", "typ", help="Only this PLOVER type (CONSULT, AGREE, REJECT, ...).")
@click.option("--since", help="Only actions dated on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only actions dated on or before this date (YYYY-MM-DD).")
@click.option("--sector", help="Only actions with an actor of this sector (CVL, LAB, MIL, COP, REB, UAF, GOV...).")
@click.option("--country", help="Only actions in or by this country: ISO code, or a name of it or of a place in it,"
              " in Arabic or English.")
@click.option("--json", "as_json", is_flag=True, help="Print the export's action records as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print a CSV (GDELT/ICEWS-style columns).")
@click.option("--acled", type=click.Choice(["csv", "json"]),
              help="Print ACLED-style rows: date, type, sub-type, actors with sectors, place, fatalities, sentence.")
def actions(db: str, actor: str | None, typ: str | None, since: str | None, until: str | None, sector: str | None,
            country: str | None, as_json: bool, as_csv: bool, acled: str | None) -> None:
    """Coded actions, merged across sources, each with the sentences that report it.

    Example: marsad actions --db marsad.db --actor Putin --type CONSULT --csv > calls.csv
    """
    from marsad.web.queries import country_forms  # the read layer the API filters with

    store = open_store(db, readonly=True)
    try:
        conn = store.conn
        names = _names(conn)
        docs = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, text, source FROM documents")}
        sent = {k: v[0] for k, v in docs.items()}
        aliases = entity_names(conn) if actor else None
        forms = country_forms(conn, country) if country else None
        rows = [a for a in export_actions(conn)
                if _matches(a, actor, typ, since, names, until, sector, forms, aliases)]
    finally:
        store.close()
    rows.sort(key=lambda a: (a["date"] or "", a["id"]))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if acled:
        table = [acled_row(a, names, docs) for a in rows]
        if acled == "json":
            click.echo(json.dumps(table, ensure_ascii=False, indent=1))
        else:
            w = csv.DictWriter(sys.stdout, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            w.writerows(table)
        return

    def sentence(a: dict) -> str:
        m = a["mentions"][0]
        return sent.get(m["doc"], "")[m["start"]:m["end"]].replace("\n", " ")

    if as_csv:
        w = csv.writer(sys.stdout)
        w.writerow(CSV_COLUMNS)
        for a in rows:
            w.writerow([a["id"], a["date"] or "", names.get(a["source"], a["source"] or ""), a["source"] or "",
                        a["source_country"] or "", a["type"], a["cameo"] or "", names.get(a["target"], a["target"] or ""),
                        a["target"] or "", a["target_country"] or "", a["mode"] or "", int(a["negated"]),
                        a["modality"] or "", a["place"] or "", len({m["doc"] for m in a["mentions"]}),
                        ";".join(sorted({m["doc"] for m in a["mentions"]})), sentence(a)])
        return
    if not rows:
        click.echo("no actions")
        return
    def actor(key: str | None, country: str | None, missing: str = "?") -> str:
        if key is None:
            return missing
        name = names.get(key, key)
        return f"{name} ({country})" if country and country != name else name

    for a in rows:
        flags = (" NOT" if a["negated"] else "") + ("" if a["modality"] in (None, "asserted") else f" ({a['modality']})")
        where = f" in {a['place']}" if a["place"] else ""
        click.echo(f"{a['date'] or 'undated   '}  {actor(a['source'], a['source_country'])} -{a['type']}{flags}-> "
                   f"{actor(a['target'], a['target_country'], '—')}  [{a['mode'] or '-'}]{where}  "
                   f"{len({m['doc'] for m in a['mentions']})} source(s)")
        click.echo(f"    {sentence(a)[:160]}")
