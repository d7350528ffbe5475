"""The export contract: every section as plain dicts, read from the store.

This is the stable interface later stages, the API and users build on. Offsets are
character offsets into the stored original ``text`` of the document named by ``doc``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from marsad.link.profile import EventProfile

SECTIONS = ("documents", "entities", "quotes", "times", "events", "stories", "actions")


def documents(conn: sqlite3.Connection, with_text: bool = True) -> list[dict[str, Any]]:
    sents: dict[str, list[dict[str, int]]] = defaultdict(list)
    for r in conn.execute('SELECT doc_id, start, "end" FROM sentences ORDER BY doc_id, n'):
        sents[r[0]].append({"start": r[1], "end": r[2]})
    removed: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute('SELECT doc_id, start, "end", reason FROM removed_spans ORDER BY doc_id, start'):
        removed[r[0]].append({"start": r[1], "end": r[2], "reason": r[3]})
    out = []
    for r in conn.execute("SELECT * FROM documents ORDER BY seq"):
        d = {"id": r["id"], "url": r["url"], "title": r["title"], "source": r["source"],
             "published": r["published"], "language": r["language"]}
        if with_text:
            d["text"] = r["text"]
        if r["published"] is None and r["published_confidence"]:
            d["published_inferred"] = {"from": r["published_from"], "to": r["published_to"],
                                       "confidence": r["published_confidence"]}
        d.update({"duplicate_of": r["duplicate_of"], "copy_how": r["copy_how"], "sentences": sents.get(r["id"], []),
                  "removed": removed.get(r["id"], []), "version": r["version"], "bad_bytes": r["bad_bytes"],
                  "outlet": r["outlet"], "wire": r["wire"], "published_how": r["published_how"]})
        out.append(d)
    return out


def entities(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, alias"):
        aliases[r[0]].append(r[1])
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute('SELECT entity_id, doc_id, start, "end", text FROM mentions'
                          " WHERE entity_id IS NOT NULL AND (how IS NULL OR how <> 'anaphor') ORDER BY doc_id, start"):
        mentions[r[0]].append({"doc": r[1], "start": r[2], "end": r[3], "text": r[4]})
    return [{"id": r["id"], "name": r["name"], "name_ar": r["name_ar"], "type": r["type"], "country": r["country"],
             "aliases": aliases.get(r["id"], []), "mentions": mentions.get(r["id"], [])}
            for r in conn.execute("SELECT * FROM entities ORDER BY id")]


def quotes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [{"id": r["id"], "doc": r["doc_id"], "speaker": r["speaker"], "speaker_text": r["speaker_text"],
             "on_behalf_of": r["on_behalf_of"], "text": r["text"], "start": r["start"], "end": r["end"],
             "direct": bool(r["direct"]), "channel": r["channel"], "via": r["via"], "statement_id": r["statement_id"]}
            for r in conn.execute("SELECT * FROM quotes ORDER BY doc_id, start")]


def times(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [{"doc": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"], "value": r["value"],
             "grain": r["grain"], "kind": r["kind"]}
            for r in conn.execute("SELECT * FROM times ORDER BY doc_id, start")]


def events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    docs: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("SELECT ed.event_id, ed.doc_id FROM event_docs ed JOIN documents d ON d.id = ed.doc_id"
                          " ORDER BY d.published NULLS FIRST, d.seq"):
        docs[r[0]].append(r[1])
    return [event_record(r, docs.get(r["id"], []))
            for r in conn.execute("SELECT * FROM events ORDER BY date NULLS FIRST, id")]


def event_record(r: Any, docs: list[str]) -> dict[str, Any]:
    """One event as the export, the API and the CLI give it (``r`` a row of ``events``; ``docs`` its
    reports, oldest first), with the happening date each report gives and where it came from."""
    data = EventProfile.from_json(r["data"])
    return {"id": r["id"], "title": r["title"], "date": r["date"], "docs": docs, "story": r["story_id"],
            "summary": data.summary, "facts": data.facts,
            "reports": {d: {"date": m.date, "how": m.how} for d, m in data.members.items()}}


def stories(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    evs: dict[str, list[str]] = defaultdict(list)
    docs: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("SELECT e.story_id, e.id FROM events e WHERE e.story_id IS NOT NULL ORDER BY e.date NULLS FIRST, e.id"):
        evs[r[0]].append(r[1])
    for r in conn.execute("SELECT e.story_id, ed.doc_id FROM events e JOIN event_docs ed ON ed.event_id = e.id"
                          " JOIN documents d ON d.id = ed.doc_id WHERE e.story_id IS NOT NULL"
                          " ORDER BY e.date NULLS FIRST, d.published NULLS FIRST, d.seq"):
        docs[r[0]].append(r[1])
    return [{"id": r["id"], "title": r["title"], "events": evs.get(r["id"], []), "docs": docs.get(r["id"], [])}
            for r in conn.execute("SELECT * FROM stories ORDER BY id")]


def action_record(aid: str, rows: list[sqlite3.Row], event_of: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    """One merged action from its mentions: the direction most mentions give (a call between
    A and B may be told either way), the first date, place and counts any mention gives.
    ``event_of``: doc -> (event id, event date); an action whose sentences name no date takes
    its event's (the happening's) date, and ``date_from`` says which it is."""
    votes = Counter((r["source"], r["target"]) for r in rows)
    first = next(r for r in rows if votes[(r["source"], r["target"])] == max(votes.values()))

    def some(col: str) -> Any:
        return next((r[col] for r in rows if r[col] is not None and r[col] != ""), None)

    def most(col: str) -> Any:
        vals = [r[col] for r in rows if r[col] is not None]
        return max(vals) if vals else None

    event, event_date = event_of.get(first["doc_id"], (None, None))
    date = some("date")
    return {
        "id": aid, "type": first["type"], "cameo": first["cameo"], "source": first["source"],
        "target": first["target"], "source_country": first["source_country"],
        "target_country": first["target_country"],
        "source_sector": first["source_sector"], "target_sector": first["target_sector"],
        "date": date or event_date, "date_from": "text" if date else ("event" if event_date else None),
        "place": some("place"), "place_country": some("place_country"),
        "killed": most("killed"), "injured": most("injured"),
        "mode": first["mode"], "negated": bool(first["negated"]), "modality": first["modality"],
        "event": event,
        "sources": len({r["doc_id"] for r in rows}),
        "mentions": [{"doc": r["doc_id"], "start": r["start"], "end": r["end"], "sentence": r["sentence"],
                      "source_start": r["source_start"], "source_end": r["source_end"], "trigger": r["trigger"]}
                     for r in rows],
    }


def actions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Action records: mentions grouped by ``action_id`` (one record per merged action)."""
    event_of = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT ed.doc_id, ed.event_id, e.date FROM event_docs ed JOIN events e ON e.id = ed.event_id")}
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in conn.execute("SELECT * FROM action_mentions ORDER BY doc_id, n"):
        groups[r["action_id"] or f"{r['doc_id']}:a{r['n']}"].append(r)
    return [action_record(aid, rows, event_of) for aid, rows in groups.items()]


ACLED_COLUMNS = ["event_id", "event_date", "event_type", "sub_event_type", "cameo", "actor1", "actor1_id",
                 "sector1", "country1", "actor2", "actor2_id", "sector2", "country2", "location", "country",
                 "fatalities", "injured", "negated", "modality", "sources", "outlets", "doc", "start", "end",
                 "sentence"]


def acled_row(a: dict[str, Any], names: dict[str, str], docs: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    """An action as ACLED-style researchers tabulate it: date, type and sub-type, the two actors
    with their sectors and countries, place, fatalities, and the first reporting sentence with
    its offsets (``docs``: id -> (text, outlet))."""
    m = a["mentions"][0]
    text = docs.get(m["doc"], ("", None))[0]
    outlets = sorted({o for d in {x["doc"] for x in a["mentions"]} if (o := docs.get(d, ("", None))[1])})
    return {
        "event_id": a["id"], "event_date": a["date"] or "", "event_type": a["type"],
        "sub_event_type": a["mode"] or "", "cameo": a["cameo"] or "",
        "actor1": names.get(a["source"], a["source"]) if a["source"] else "", "actor1_id": a["source"] or "",
        "sector1": a["source_sector"] or "", "country1": a["source_country"] or "",
        "actor2": names.get(a["target"], a["target"]) if a["target"] else "", "actor2_id": a["target"] or "",
        "sector2": a["target_sector"] or "", "country2": a["target_country"] or "",
        "location": a["place"] or "", "country": a["place_country"] or "",
        "fatalities": a["killed"] if a["killed"] is not None else "",
        "injured": a["injured"] if a["injured"] is not None else "",
        "negated": int(a["negated"]), "modality": a["modality"] or "", "sources": a["sources"],
        "outlets": ";".join(outlets), "doc": m["doc"], "start": m["start"], "end": m["end"],
        "sentence": text[m["start"]:m["end"]].replace("\n", " "),
    }


BUILDERS: dict[str, Callable[[sqlite3.Connection], list[dict[str, Any]]]] = {
    "documents": documents, "entities": entities, "quotes": quotes, "times": times,
    "events": events, "stories": stories, "actions": actions,
}


def export_all(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    return {name: BUILDERS[name](conn) for name in SECTIONS}


def iter_jsonl(conn: sqlite3.Connection, sections: tuple[str, ...] = SECTIONS) -> Iterator[str]:
    """One JSON object per line, each tagged with its ``section``."""
    for name in sections:
        for rec in BUILDERS[name](conn):
            yield json.dumps({"section": name, **rec}, ensure_ascii=False)


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """A record with nested lists/dicts as JSON strings, for CSV."""
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in rec.items()}
