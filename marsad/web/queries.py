"""Filtered, paginated reads for the API, in the export's record shapes.

``marsad.store.export`` builds whole sections; a web page needs one page of one section,
or everything about one event or entity. Each record here carries the same keys as its
export counterpart (a test compares them) plus display helpers (names next to ids).
All SQL is parameterised; filter values never become SQL text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import timedelta
from functools import cache
from typing import Any

from marsad.alerts.breaking import ISO, parse_when
from marsad.ingest.outlets import outlets, source_condition
from marsad.lang.ar import load_json
from marsad.link.factable import fact_status, what_ar
from marsad.link.profile import EventProfile
from marsad.store.export import action_record
from marsad.store.export import event_record as exported_event
from marsad.text.normalize import normalize

Row = dict[str, Any]


def page(conn: sqlite3.Connection, sql: str, args: list[Any], limit: int, offset: int,
         count: tuple[str, list[Any]] | None = None) -> tuple[int, list[sqlite3.Row]]:
    """The total and one page of ``sql``'s rows. ``count`` is a cheaper query for the total (the
    same filters without what only orders the rows): counting over ``sql`` itself computes every
    row's sort key a second time, a tenth of a second at 10,000 articles."""
    if count is not None:
        total = conn.execute(count[0], count[1]).fetchone()[0]
    else:
        total = conn.execute(f"SELECT count(*) FROM ({sql}) AS rows", args).fetchone()[0]  # noqa: S608 (fixed text)
    rows = conn.execute(sql + " LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    return total, rows


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def resolve_entity(conn: sqlite3.Connection, value: str | None) -> str | None:
    """An entity id from a filter value: the id itself, or any name the entity goes by in the
    store, Arabic or Latin, normalised (بوتين, بوتن, Putin); the most mentioned one when several
    share it. A value that names nothing is returned as given (it then matches nothing)."""
    if not value or conn.execute("SELECT 1 FROM entities WHERE id = ?", (value,)).fetchone():
        return value
    row = conn.execute(
        "SELECT a.entity_id FROM entity_aliases a LEFT JOIN mentions m ON m.entity_id = a.entity_id"
        " WHERE a.norm = ? GROUP BY a.entity_id ORDER BY count(m.entity_id) DESC, a.entity_id LIMIT 1",
        (normalize(value),)).fetchone()
    if row:
        return row[0]
    known = _kb_names().get(normalize(value))  # a spelling the knowledge base knows (Trump, ترمب)
    return known if known and conn.execute("SELECT 1 FROM entities WHERE id = ?", (known,)).fetchone() else value


def resolve_country(conn: sqlite3.Connection, value: str | None) -> str | None:
    """An ISO country code from a filter value: the code itself (tn, TN), or any name of the
    country or of a place in it (تونس, Tunisia); a value that names no country is returned as
    given (it then matches nothing)."""
    if not value:
        return None
    if len(value) == 2 and value.isascii() and value.isalpha():
        return value.upper()
    row = conn.execute("SELECT country FROM entities WHERE id = ?", (resolve_entity(conn, value),)).fetchone()
    if row and row[0]:
        return row[0]
    return _kb_countries().get(normalize(value), value)  # a country the store has no mention of


def country_forms(conn: sqlite3.Connection, value: str | None) -> list[str]:
    """The ways a stored action may name the country a filter value means: its ISO code and its
    English name (actors' countries are stored by name, places' by code), from a code or any
    name of the country or of a place in it."""
    if not value:
        return []
    from babel import Locale

    code = resolve_country(conn, value) or value
    english = Locale("en").territories.get(code.upper()) if len(code) == 2 else None
    return sorted({code, value, *([english] if english else [])})


def event_kinds(conn: sqlite3.Connection) -> list[Row]:
    """Kinds of happening the stored events are, most frequent first, with Arabic labels."""
    labels = load_json("events_cues.json")["labels_ar"]
    rows = conn.execute("SELECT kind, count(*) FROM events WHERE kind IS NOT NULL GROUP BY kind"
                        " ORDER BY count(*) DESC, kind").fetchall()
    return [{"kind": k, "label_ar": labels.get(k, k), "events": n} for k, n in rows]


@cache
def _kb_countries() -> dict[str, str]:
    """Normalised name or alias -> country code of the knowledge base's places (unambiguous only)."""
    from marsad.extract.kb import load_kb

    seen: dict[str, set[str]] = {}
    for actor in load_kb().actors.values():
        if actor.type == "LOC" and actor.country:
            for name in (actor.name, actor.name_ar, *actor.aliases):
                if name:
                    seen.setdefault(normalize(name), set()).add(actor.country)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@cache
def _kb_names() -> dict[str, str]:
    """Normalised name or alias -> entity id of the shipped knowledge base's actors (unambiguous only)."""
    from marsad.extract.kb import load_kb

    seen: dict[str, set[str]] = {}
    for actor in load_kb().actors.values():
        for name in (actor.name, actor.name_ar, *actor.aliases):
            if name:
                seen.setdefault(normalize(name), set()).add("kb:" + actor.id)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def names(conn: sqlite3.Connection, ids: set[str | None]) -> dict[str, str]:
    """Display name of each entity id (Arabic name first)."""
    ids_l = sorted(i for i in ids if i)
    if not ids_l:
        return {}
    return {r[0]: r[1] or r[2] for r in conn.execute(
        f"SELECT id, name_ar, name FROM entities WHERE id IN ({_in(ids_l)})", ids_l)}  # noqa: S608


@cache
def _territories() -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse("ar").territories)


def country_ar(code: str | None) -> str | None:
    """Arabic name of an ISO country code (CLDR, via Babel); None when unknown."""
    return _territories().get(code.upper()) if code else None


def role_label(conn: sqlite3.Connection, role: str) -> str | None:
    """Arabic label of a role id ``<title>:<scope>`` (president:US -> الرئيس (الولايات المتحدة)):
    the title's first Arabic form (titles.json) and the scope's Arabic name (a country by CLDR,
    a KB entity by its stored name). None when the title is not in the data file."""
    title, _, scope = role.partition(":")
    forms = load_json("titles.json")["titles"].get(title)
    if not forms:
        return None
    where = country_ar(scope) if len(scope) == 2 and scope.isupper() else None
    if where is None and scope:
        row = conn.execute("SELECT name_ar FROM entities WHERE id = ?", ("kb:" + scope,)).fetchone()
        where = row[0] if row and row[0] else None
    return f"{forms[0]} ({where})" if where else forms[0]


def _doc_filters(f: dict[str, Any], alias: str = "d") -> tuple[list[str], list[Any]]:
    sql, args = [], []
    if f.get("since"):
        sql.append(f"substr({alias}.published, 1, 10) >= ?")
        args.append(str(f["since"]))
    if f.get("until"):
        sql.append(f"substr({alias}.published, 1, 10) <= ?")
        args.append(str(f["until"]))
    if f.get("source"):
        cond, more = source_condition(f"{alias}.source", f"{alias}.outlet", f["source"])
        sql.append(cond)
        args.extend(more)
    if f.get("event"):
        sql.append(f"EXISTS (SELECT 1 FROM event_docs ed WHERE ed.doc_id = {alias}.id AND ed.event_id = ?)")
        args.append(f["event"])
    if f.get("entity"):
        sql.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = {alias}.id AND m.entity_id = ?)")
        args.append(f["entity"])
    return sql, args


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


# -- documents ------------------------------------------------------------------------------

def doc_record(conn: sqlite3.Connection, r: sqlite3.Row, with_text: bool) -> Row:
    d = {"id": r["id"], "url": r["url"], "title": r["title"], "source": r["source"],
         "published": r["published"], "published_how": r["published_how"], "language": r["language"]}
    if with_text:
        d["text"] = r["text"]
        d["sentences"] = [{"start": s[0], "end": s[1]} for s in conn.execute(
            'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY n', (r["id"],))]
        d["removed"] = [{"start": s[0], "end": s[1], "reason": s[2]} for s in conn.execute(
            'SELECT start, "end", reason FROM removed_spans WHERE doc_id = ? ORDER BY start', (r["id"],))]
    d.update({"duplicate_of": r["duplicate_of"], "copy_how": r["copy_how"], "version": r["version"],
              "bad_bytes": r["bad_bytes"],
              "outlet": r["outlet"], "wire": r["wire"]})
    ev = conn.execute("SELECT event_id FROM event_docs WHERE doc_id = ?", (r["id"],)).fetchone()
    d["event"] = ev[0] if ev else None
    return d


def list_documents(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    clauses, args = _doc_filters(f)
    sql = ("SELECT d.id, d.url, d.title, d.source, d.published, d.published_how, d.language, d.duplicate_of,"
           " d.copy_how, d.version, d.bad_bytes, d.outlet, d.wire FROM documents d" + _where(clauses)
           + " ORDER BY d.published DESC, d.seq DESC")
    total, rows = page(conn, sql, args, limit, offset)
    return total, [doc_record(conn, r, with_text=False) for r in rows]


def document(conn: sqlite3.Connection, doc_id: str) -> Row | None:
    """One document with its text and everything extracted from it (for highlighting)."""
    r = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if r is None:
        return None
    d = doc_record(conn, r, with_text=True)
    d["mentions"] = [{"start": m["start"], "end": m["end"], "text": m["text"], "type": m["type"],
                      "entity": m["entity_id"], "role": m["role"]}
                     for m in conn.execute('SELECT * FROM mentions WHERE doc_id = ? ORDER BY start', (doc_id,))]
    d["quotes"] = quotes_where(conn, "q.doc_id = ?", [doc_id])
    d["times"] = [time_record(t) for t in conn.execute("SELECT * FROM times WHERE doc_id = ? ORDER BY start",
                                                        (doc_id,))]
    d["facts"] = [fact_record(x) for x in conn.execute("SELECT * FROM facts WHERE doc_id = ? ORDER BY start",
                                                        (doc_id,))]
    d["actions"] = actions_where(conn, "am.doc_id = ?", [doc_id])
    d["entity_names"] = names(conn, {m["entity"] for m in d["mentions"]})
    d["what_ar"] = {f["what"]: what_ar(f["what"]) for f in d["facts"] if f["what"]}
    return d


# -- entities -------------------------------------------------------------------------------

def list_entities(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    clauses, args = [], []
    if f.get("type"):
        clauses.append("e.type = ?")
        args.append(f["type"])
    doc_clauses, doc_args = _doc_filters({k: v for k, v in f.items() if k != "entity"})
    if doc_clauses:
        clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = e.id"
                       " AND " + " AND ".join(doc_clauses) + ")")
        args += doc_args
    # (the documents of only the page's entities are counted, from the (entity, doc) index)
    sql = ("SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n_mentions"
           " FROM entities e" + _where(clauses) + " ORDER BY n_mentions DESC, e.id")
    sql = ("SELECT x.*, (SELECT count(DISTINCT m.doc_id) FROM mentions m WHERE m.entity_id = x.id) AS n_docs"
           f" FROM ({sql} LIMIT ? OFFSET ?) AS x ORDER BY x.n_mentions DESC, x.id")
    total = conn.execute("SELECT count(*) FROM entities e" + _where(clauses), args).fetchone()[0]  # noqa: S608
    rows = conn.execute(sql, [*args, limit, offset]).fetchall()
    out = []
    for r in rows:
        out.append({"id": r["id"], "name": r["name"], "name_ar": r["name_ar"], "type": r["type"],
                    "country": r["country"], "country_ar": country_ar(r["country"]), "aliases": aliases(conn, r["id"]),
                    "mention_count": r["n_mentions"], "doc_count": r["n_docs"]})
    return total, out


def aliases(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    return [a[0] for a in conn.execute("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                       (entity_id,))]


def places_map(conn: sqlite3.Connection, docs: list[str], top: int = 40, max_docs: int = 500) -> Row:
    """The places ``docs`` name, for a map: each with where it is (``marsad.geo``), most mentioned
    first. Countries are drawn as outlines, other places as dots; a place the bundled gazetteer
    cannot locate is listed in ``unplaced`` rather than guessed. An unknown Arabic name resolves
    only inside a country these documents name (see ``marsad.geo.gazetteer``)."""
    from marsad.geo.gazetteer import locate

    docs = docs[:max_docs]
    if not docs:
        return {"places": [], "unplaced": []}
    rows = conn.execute(
        f"SELECT e.id, e.name, e.name_ar, e.country, count(*) AS n FROM mentions m"  # noqa: S608 (marks)
        f" JOIN entities e ON e.id = m.entity_id WHERE m.doc_id IN ({_in(docs)}) AND e.type = 'LOC'"
        f" GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?", [*docs, top]).fetchall()
    context = {r["country"] for r in rows if r["country"]}
    placed, unplaced = [], []
    for r in rows:
        names = aliases(conn, r["id"]) if not r["id"].startswith("kb:") else []
        spot = locate(r["id"], r["name"], r["name_ar"], r["country"], names, context)
        item = {"entity": r["id"], "name": r["name"], "name_ar": r["name_ar"] or r["name"], "mentions": r["n"]}
        if spot is None:
            unplaced.append(item)
        else:
            placed.append({**item, "lat": round(spot.lat, 3), "lon": round(spot.lon, 3), "country": spot.country,
                           "kind": spot.kind})
    return {"places": placed, "unplaced": unplaced}


def entity(conn: sqlite3.Connection, entity_id: str, max_items: int = 200) -> Row | None:
    """An entity with aliases, roles, mentions, quotes, actions and who it interacts with."""
    r = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if r is None:
        return None
    mentions = [{"doc": m[0], "start": m[1], "end": m[2], "text": m[3]} for m in conn.execute(
        'SELECT doc_id, start, "end", text FROM mentions WHERE entity_id = ? ORDER BY doc_id, start LIMIT ?',
        (entity_id, max_items))]
    roles = [x[0] for x in conn.execute(
        "SELECT role FROM mentions WHERE entity_id = ? AND role IS NOT NULL GROUP BY role ORDER BY count(*) DESC",
        (entity_id,))]
    # each role with the first and last publication date it is met in: who held what, when
    role_times = [{"role": x[0], "role_ar": role_label(conn, x[0]), "first": x[1], "last": x[2], "mentions": x[3]}
                  for x in conn.execute(
        "SELECT m.role, min(substr(d.published, 1, 10)), max(substr(d.published, 1, 10)), count(*) FROM mentions m"
        " JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? AND m.role IS NOT NULL"
        " GROUP BY m.role ORDER BY min(d.published), m.role", (entity_id,))]
    quotes = quotes_where(conn, "(q.speaker = ? OR q.on_behalf_of = ?)", [entity_id, entity_id], max_items)
    acts = actions_where(conn, "(am.source = ? OR am.target = ?)", [entity_id, entity_id], max_items)
    return {"id": r["id"], "name": r["name"], "name_ar": r["name_ar"], "type": r["type"], "country": r["country"],
            "aliases": aliases(conn, entity_id), "roles": roles, "mentions": mentions,
            "country_ar": country_ar(r["country"]), "roles_ar": {x: role_label(conn, x) for x in roles},
            "roles_over_time": role_times,
            "mention_count": conn.execute("SELECT count(*) FROM mentions WHERE entity_id = ?",
                                          (entity_id,)).fetchone()[0],
            "quotes": quotes, "actions": acts, "network": network(conn, entity_id),
            "map": places_map(conn, list(dict.fromkeys(m["doc"] for m in mentions)))}


def network(conn: sqlite3.Connection, entity_id: str, size: int = 12) -> Row:
    """Who interacts with whom around an entity: coded actions first, then shared sentences.

    Edges come from action mentions (source -> target) among the entity and its closest
    partners; partners are ranked by actions with the entity, then by sentences shared.
    """
    weight: dict[str, float] = defaultdict(float)
    for a in conn.execute("SELECT source, target FROM action_mentions WHERE source = ? OR target = ?",
                          (entity_id, entity_id)):
        other = a[1] if a[0] == entity_id else a[0]
        if other is not None and other != entity_id:  # an action with no known other side adds no partner
            weight[other] += 3
    for c in conn.execute(
        "SELECT m2.entity_id, count(*) FROM mentions m1 JOIN sentences s ON s.doc_id = m1.doc_id"
        " AND m1.start >= s.start AND m1.start < s.\"end\""
        " JOIN mentions m2 ON m2.doc_id = m1.doc_id AND m2.start >= s.start AND m2.start < s.\"end\""
        " WHERE m1.entity_id = ? AND m2.entity_id IS NOT NULL AND m2.entity_id != m1.entity_id"
        " GROUP BY m2.entity_id", (entity_id,)):
        weight[c[0]] += c[1]
    nodes = [entity_id] + [k for k, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:size]]
    edges: dict[tuple[str, str], Row] = {}
    marks = _in(nodes)
    for a in conn.execute(f"SELECT source, target, type FROM action_mentions WHERE source IN ({marks})"  # noqa: S608
                          f" AND target IN ({marks}) ORDER BY doc_id, n", nodes + nodes):
        e = edges.setdefault((a[0], a[1]), {"source": a[0], "target": a[1], "actions": 0, "types": []})
        e["actions"] += 1
        if a[2] not in e["types"]:
            e["types"].append(a[2])
    for other in nodes[1:]:
        if (entity_id, other) not in edges and (other, entity_id) not in edges:
            edges[(entity_id, other)] = {"source": entity_id, "target": other, "actions": 0, "types": [],
                                         "together": weight[other]}
    nm = names(conn, set(nodes))
    types = {r[0]: r[1] for r in conn.execute(f"SELECT id, type FROM entities WHERE id IN ({marks})", nodes)}  # noqa: S608
    return {"nodes": [{"id": n, "name": nm.get(n, n), "type": types.get(n), "weight": weight.get(n, 0)}
                      for n in nodes],
            "edges": list(edges.values())}


# -- quotes, times, facts, actions --------------------------------------------------------------

def quotes_where(conn: sqlite3.Connection, where: str, args: list[Any], limit: int = 1000,
                 offset: int = 0) -> list[Row]:
    rows = conn.execute(
        f"SELECT q.*, d.source AS doc_source, d.published AS doc_published, d.title AS doc_title"  # noqa: S608
        f" FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE {where}"
        " ORDER BY d.published, q.doc_id, q.start LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    nm = names(conn, {r["speaker"] for r in rows} | {r["on_behalf_of"] for r in rows})
    out = []
    for r in rows:  # display helpers: the article the quote is in
        q = quote_record(r, nm)
        q.update(doc_source=r["doc_source"], doc_published=r["doc_published"], doc_title=r["doc_title"])
        out.append(q)
    return out


def quote_record(r: sqlite3.Row, nm: dict[str, str]) -> Row:
    return {"id": r["id"], "doc": r["doc_id"], "speaker": r["speaker"], "speaker_text": r["speaker_text"],
            "on_behalf_of": r["on_behalf_of"], "text": r["text"], "start": r["start"], "end": r["end"],
            "direct": bool(r["direct"]), "channel": r["channel"], "via": r["via"], "statement_id": r["statement_id"],
            "speaker_name": nm.get(r["speaker"]) if r["speaker"] else None, "verb": r["verb"],
            "sentence": r["sentence"]}


def list_quotes(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    clauses, args = _doc_filters({k: v for k, v in f.items() if k not in ("entity", "speaker")})
    if f.get("speaker"):
        clauses.append("q.speaker = ?")
        args.append(f["speaker"])
    if f.get("doc"):
        clauses.append("q.doc_id = ?")
        args.append(f["doc"])
    where = " AND ".join(clauses) or "TRUE"
    total = conn.execute(f"SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE {where}",  # noqa: S608
                         args).fetchone()[0]
    return total, quotes_where(conn, where, args, limit, offset)


def time_record(r: sqlite3.Row) -> Row:
    return {"doc": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"], "value": r["value"],
            "grain": r["grain"], "kind": r["kind"]}


def list_times(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    clauses, args = _doc_filters(f)
    if f.get("doc"):
        clauses.append("t.doc_id = ?")
        args.append(f["doc"])
    sql = ("SELECT t.* FROM times t JOIN documents d ON d.id = t.doc_id" + _where(clauses)
           + " ORDER BY t.doc_id, t.start")
    total, rows = page(conn, sql, args, limit, offset)
    return total, [time_record(r) for r in rows]


def fact_record(r: sqlite3.Row) -> Row:
    return {"doc": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"], "what": r["what"],
            "unit": r["unit"], "value": r["value"], "qualifier": r["qualifier"], "sentence": r["sentence"]}


def actions_where(conn: sqlite3.Connection, where: str, args: list[Any], limit: int = 1000,
                  offset: int = 0) -> list[Row]:
    """Action records (mentions grouped by ``action_id``) having a mention that matches ``where``."""
    keys = conn.execute(
        f"SELECT DISTINCT coalesce(am.action_id, am.doc_id || ':a' || am.n) AS k FROM action_mentions am"  # noqa: S608
        f" WHERE {where} ORDER BY k LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    ids = [k[0] for k in keys]
    if not ids:
        return []
    rows = conn.execute(
        f"SELECT * FROM action_mentions WHERE coalesce(action_id, doc_id || ':a' || n) IN ({_in(ids)})"  # noqa: S608
        " ORDER BY doc_id, n", ids).fetchall()
    return group_actions(conn, rows)


def group_actions(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Row]:
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in rows:
        groups[r["action_id"] or f"{r['doc_id']}:a{r['n']}"].append(r)
    docs = sorted({r["doc_id"] for r in rows})
    event_of = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT ed.doc_id, ed.event_id, e.date FROM event_docs ed JOIN events e ON e.id = ed.event_id"
        f" WHERE ed.doc_id IN ({_in(docs)})", docs)} if docs else {}  # noqa: S608
    nm = names(conn, {r["source"] for r in rows} | {r["target"] for r in rows})
    places = sorted({r["place"] for r in rows if r["place"]})
    place_ar = {r[0]: r[1] for r in conn.execute(  # the place's Arabic name (places are stored by their KB name)
        f"SELECT name, max(name_ar) FROM entities WHERE name IN ({_in(places)}) AND name_ar IS NOT NULL"  # noqa: S608
        " GROUP BY name", places)} if places else {}
    out = []
    for aid, rs in groups.items():
        rec = action_record(aid, rs, event_of)
        rec.update(source_name=nm.get(rec["source"]), target_name=nm.get(rec["target"]), trigger=rs[0]["trigger"],
                   place_ar=place_ar.get(rec["place"]), **action_labels(rec))
        out.append(rec)
    return out


def action_labels(rec: Row) -> Row:
    """Arabic labels of an action's type, mode and actor sectors (data files), for display."""
    labels, sectors = load_json("actions_labels.json"), load_json("actions_groups.json")["sectors"]
    return {"type_ar": labels["types"].get(rec["type"]), "mode_ar": labels["modes"].get(rec["mode"] or ""),
            "source_sector_ar": sectors.get(rec["source_sector"] or "", {}).get("ar"),
            "target_sector_ar": sectors.get(rec["target_sector"] or "", {}).get("ar")}


def list_actions(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    clauses, args = ["TRUE"], []
    if f.get("type"):
        clauses.append("am.type = ?")
        args.append(f["type"])
    if f.get("entity"):
        clauses.append("(am.source = ? OR am.target = ?)")
        args += [f["entity"], f["entity"]]
    if f.get("event"):
        clauses.append("am.doc_id IN (SELECT doc_id FROM event_docs WHERE event_id = ?)")
        args.append(f["event"])
    if f.get("doc"):
        clauses.append("am.doc_id = ?")
        args.append(f["doc"])
    if f.get("sector"):
        clauses.append("(am.source_sector = ? OR am.target_sector = ?)")
        args += [f["sector"].upper()] * 2
    if f.get("country"):  # its forms (country_forms): code or English name
        forms = list(f["country"]) if isinstance(f["country"], list) else [f["country"]]
        marks = ",".join("?" * len(forms))
        clauses.append(f"(am.place_country IN ({marks}) OR am.source_country IN ({marks})"
                       f" OR am.target_country IN ({marks}))")
        args += forms * 3
    when = ("coalesce(am.date, (SELECT max(e.date) FROM event_docs ed JOIN events e ON e.id = ed.event_id"
            " WHERE ed.doc_id = am.doc_id))")  # the sentence's date, else the happening's
    if f.get("since"):
        clauses.append(f"{when} >= ?")
        args.append(f["since"])
    if f.get("until"):
        clauses.append(f"substr({when}, 1, 10) <= ?")
        args.append(f["until"])
    where = " AND ".join(clauses)
    total = conn.execute(f"SELECT count(DISTINCT coalesce(am.action_id, am.doc_id || ':a' || am.n))"  # noqa: S608
                         f" FROM action_mentions am WHERE {where}", args).fetchone()[0]
    return total, actions_where(conn, where, args, limit, offset)


# -- events, stories, timeline ------------------------------------------------------------------

def event_record(conn: sqlite3.Connection, r: sqlite3.Row) -> Row:
    docs = [x[0] for x in conn.execute(
        "SELECT ed.doc_id FROM event_docs ed JOIN documents d ON d.id = ed.doc_id WHERE ed.event_id = ?"
        " ORDER BY d.published NULLS FIRST, d.seq", (r["id"],))]
    return exported_event(r, docs)


# Outlets behind each event: distinct stored names, an article without one counting on its own
# (worked out once for all events, not once per event).
_EVENT_SOURCES = ("SELECT ed.event_id, count(DISTINCT coalesce(d.source, d.id)) AS n FROM event_docs ed"
                  " JOIN documents d ON d.id = ed.doc_id GROUP BY ed.event_id")
# Outlets an event gained in the GROWTH_HOURS before the latest arrival (the archive's "now", so
# that a store read later still orders by what was arriving then). A report counts from when it
# was seen: the earlier of its storing and its publication (as the breaking ranking has it).
_SEEN = "CASE WHEN d.published IS NOT NULL AND d.published < d.ingested_at THEN d.published ELSE d.ingested_at END"
_EVENT_GROWTH = ("SELECT ed.event_id, count(DISTINCT coalesce(d.outlet, d.source, d.id)) AS n FROM event_docs ed"
                 f" JOIN documents d ON d.id = ed.doc_id WHERE {_SEEN} >= ? GROUP BY ed.event_id")
GROWTH_HOURS = 24
EVENT_SORTS = {"latest": "e.date DESC NULLS LAST, e.id",
               "oldest": "e.date ASC NULLS LAST, e.id",
               "largest": "coalesce(ns.n, 0) DESC, e.date DESC NULLS LAST, e.id",
               "growing": "coalesce(ng.n, 0) DESC, e.date DESC NULLS LAST, e.id"}


def _growth_since(conn: sqlite3.Connection) -> str:
    """The moment GROWTH_HOURS before the latest report was seen (ISO, UTC)."""
    last = parse_when(conn.execute(f"SELECT max({_SEEN}) FROM documents d").fetchone()[0])  # noqa: S608
    return (last - timedelta(hours=GROWTH_HOURS)).strftime(ISO) if last else ""


def list_events(conn: sqlite3.Connection, f: dict[str, Any], limit: int, offset: int) -> tuple[int, list[Row]]:
    """Events filtered by date range, story, entity, outlet (``source``: any name the outlet goes
    by), kind of happening, country (ISO code, see ``resolve_country``) and least number of
    outlets (``min_sources``); ``sort`` is latest (default), oldest or largest (most outlets first)."""
    clauses, args = [], []
    if f.get("since"):
        clauses.append("substr(e.date, 1, 10) >= ?")
        args.append(str(f["since"]))
    if f.get("until"):
        clauses.append("substr(e.date, 1, 10) <= ?")
        args.append(str(f["until"]))
    if f.get("story"):
        clauses.append("e.story_id = ?")
        args.append(f["story"])
    # (IN over one subquery, not EXISTS per event: an entity in thousands of articles stays fast)
    if f.get("entity"):
        clauses.append("e.id IN (SELECT ed.event_id FROM mentions m JOIN event_docs ed ON ed.doc_id = m.doc_id"
                       " WHERE m.entity_id = ?)")
        args.append(f["entity"])
    if f.get("source"):
        cond, more = source_condition("d.source", "d.outlet", f["source"])
        clauses.append(f"e.id IN (SELECT ed.event_id FROM documents d JOIN event_docs ed ON ed.doc_id = d.id WHERE {cond})")
        args.extend(more)
    if f.get("kind"):
        clauses.append("e.kind = ?")
        args.append(f["kind"])
    if f.get("country"):  # an actor or a place of the country is named in one of its reports
        # (the country's entities first, then their mentions by index: not every mention scanned)
        clauses.append("e.id IN (SELECT ed.event_id FROM mentions m JOIN event_docs ed ON ed.doc_id = m.doc_id"
                       " WHERE m.entity_id IN (SELECT en.id FROM entities en WHERE en.country = ?))")
        args.append(f["country"])
    sort = f.get("sort") if f.get("sort") in EVENT_SORTS else "latest"
    # the outlets of every event are counted only when the filter or the order needs them
    by_outlets = bool(f.get("min_sources") and int(f["min_sources"]) > 1)
    counted = sort == "largest" or by_outlets
    if by_outlets:
        clauses.append("coalesce(ns.n, 0) >= ?")
        args.append(int(f["min_sources"]))
    joined = f" LEFT JOIN ({_EVENT_SOURCES}) AS ns ON ns.event_id = e.id" if counted else ""
    # the total needs the outlet counts only to filter on them, never to order
    count = ("SELECT count(*) FROM events e" + (joined if by_outlets else "") + _where(clauses), list(args))
    if sort == "growing":  # the outlets each event gained in the last day of arrivals
        joined += f" LEFT JOIN ({_EVENT_GROWTH}) AS ng ON ng.event_id = e.id"
        args = [_growth_since(conn), *args]
    sql = "SELECT e.* FROM events e" + joined + _where(clauses) + f" ORDER BY {EVENT_SORTS[sort]}"
    total, rows = page(conn, sql, args, limit, offset, count)
    out = []
    for r in rows:
        rec = event_record(conn, r)
        docs = conn.execute("SELECT d.id, d.source FROM event_docs ed JOIN documents d ON d.id = ed.doc_id"
                            " WHERE ed.event_id = ?", (r["id"],)).fetchall()
        rec["sources"] = sorted({x[1] for x in docs if x[1] is not None})
        rec["source_count"] = len({x[1] if x[1] is not None else x[0] for x in docs})
        out.append(rec)
    return total, out


def fact_table(facts: list[Row]) -> list[Row]:
    """The event's fact table as the page shows it: one row per quantity (what it counts, in one
    dimension of unit), each source's own Arabic wording linked to its sentence, and the status
    decided when the event was linked (hedges and ranges compared as intervals, so "أكثر من
    ساعتين" and "نحو ساعتين ونصف" agree; figures that may count different things "differ" rather
    than conflict: ``factable.fact_status``). The rows are the export's; nothing is recomputed here."""
    out = []
    for f in facts:
        by_doc = {d: [{"doc": d, "start": ref[0], "end": ref[1], "text": f["texts"].get(d, "")}]
                  for d, ref in f["refs"].items()}
        out.append({"what": f["what"], "what_ar": f.get("what_ar") or f["what"], "status": fact_status(f),
                    "by_doc": by_doc})
    order = {"conflict": 0, "differ": 1, "agree": 2, "single": 3}
    return sorted(out, key=lambda x: (order[x["status"]], -len(x["by_doc"]), x["what"]))


def event(conn: sqlite3.Connection, event_id: str) -> Row | None:
    """An event page: sources with publication times, facts compared, quotes by speaker, actions."""
    r = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if r is None:
        return None
    rec = event_record(conn, r)
    docs = rec["docs"]
    rec["documents"] = []
    for d in docs:
        row = conn.execute("SELECT * FROM documents WHERE id = ?", (d,)).fetchone()
        dr = doc_record(conn, row, with_text=False)
        first = conn.execute('SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY n LIMIT 1', (d,)).fetchone()
        dr["lead"] = row["text"][first[0]:first[1]] if first else row["text"][:300]
        dr["counts"] = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", (d,)).fetchone()[0]  # noqa: S608
                        for t in ("quotes", "facts", "action_mentions", "mentions")}
        rec["documents"].append(dr)
    # Who reported first: the earliest publication time among two or more outlets (ties share it).
    times = [d["published"] for d in rec["documents"] if d["published"]]
    outlets_n = len({d["source"] or d["id"] for d in rec["documents"]})
    for dr in rec["documents"]:
        dr["first"] = bool(times) and outlets_n > 1 and dr["published"] == min(times)
    marks = _in(docs) if docs else "NULL"
    rec["fact_table"] = fact_table(rec["facts"])
    quotes = quotes_where(conn, f"q.doc_id IN ({marks})", docs) if docs else []
    groups: dict[str, Row] = {}
    for q in quotes:
        key = q["speaker"] or (q["speaker_text"] or "?")
        g = groups.setdefault(key, {"speaker": q["speaker"], "name": q["speaker_name"] or q["speaker_text"] or "?",
                                    "quotes": []})
        g["quotes"].append(q)
    rec["quotes_by_speaker"] = sorted(groups.values(), key=lambda g: -len(g["quotes"]))
    rec["actions"] = actions_where(conn, f"am.doc_id IN ({marks})", docs) if docs else []
    rec["map"] = places_map(conn, docs)
    rec["story_title"] = None
    if r["story_id"]:
        s = conn.execute("SELECT title FROM stories WHERE id = ?", (r["story_id"],)).fetchone()
        rec["story_title"] = s[0] if s else None
    return rec


def story_record(conn: sqlite3.Connection, r: sqlite3.Row) -> Row:
    evs = [x[0] for x in conn.execute("SELECT id FROM events WHERE story_id = ? ORDER BY date, id", (r["id"],))]
    docs = [x[0] for x in conn.execute(
        "SELECT ed.doc_id FROM events e JOIN event_docs ed ON ed.event_id = e.id JOIN documents d ON d.id = ed.doc_id"
        " WHERE e.story_id = ? ORDER BY e.date, d.published, d.seq", (r["id"],))]
    return {"id": r["id"], "title": r["title"], "events": evs, "docs": docs}


def list_stories(conn: sqlite3.Connection, limit: int, offset: int) -> tuple[int, list[Row]]:
    total, rows = page(conn, "SELECT * FROM stories ORDER BY id", [], limit, offset)
    return total, [story_record(conn, r) for r in rows]


def story(conn: sqlite3.Connection, story_id: str) -> Row | None:
    r = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if r is None:
        return None
    rec = story_record(conn, r)
    rec["map"] = places_map(conn, rec["docs"])
    return rec


def timeline(conn: sqlite3.Connection) -> Row:
    """Articles and events per day (the chart bins them further if the span is long)."""
    docs = [{"date": r[0], "count": r[1]} for r in conn.execute(
        "SELECT substr(published, 1, 10) AS day, count(*) FROM documents WHERE published IS NOT NULL"
        " GROUP BY day ORDER BY day")]
    events = [{"id": r[0], "title": r[1], "date": r[2], "docs": r[3]} for r in conn.execute(
        "SELECT e.id, e.title, substr(e.date, 1, 10), (SELECT count(*) FROM event_docs ed WHERE ed.event_id = e.id)"
        " FROM events e WHERE e.date IS NOT NULL ORDER BY e.date")]
    return {"documents": docs, "events": events}


def sources(conn: sqlite3.Connection, limit: int, offset: int) -> tuple[int, list[Row]]:
    """Outlets with their article counts, most articles first."""
    total, rows = page(conn, "SELECT source, count(*) AS n FROM documents WHERE source IS NOT NULL"
                             " GROUP BY source ORDER BY n DESC, source", [], limit, offset)
    return total, [{"source": r[0], "documents": r[1]} for r in rows]


def stats(conn: sqlite3.Connection) -> Row:
    out = {}
    for t in ("documents", "entities", "quotes", "times", "facts", "action_mentions", "events", "stories"):
        out[t] = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
    return out


def outlet(conn: sqlite3.Connection, name: str, top: int = 12, max_disagreements: int = 50) -> Row | None:
    """An outlet's page: what the data file knows of it, its articles and events, how often it is
    the first to report an event that other outlets also report, what it covers (the entities
    and stories of its articles) and where its figures disagree with other outlets' in an event's
    fact table (the newest ``max_disagreements``; ``disagreement_count`` says how many in all).
    ``name`` is any name the outlet goes by; None when no stored article matches."""
    cond, args = source_condition("d.source", "d.outlet", name)
    row = conn.execute(f"SELECT count(*), min(d.published), max(d.published) FROM documents d WHERE {cond}",  # noqa: S608
                       args).fetchone()
    if not row[0]:
        return None
    known = outlets().by_name(name)
    stored = [r[0] for r in conn.execute(
        f"SELECT d.source, count(*) AS n FROM documents d WHERE {cond} AND d.source IS NOT NULL"  # noqa: S608
        " GROUP BY d.source ORDER BY n DESC, d.source", args)]
    info = None
    if known:
        info = {k: known.get(k) for k in ("id", "name_ar", "name_latin", "country", "type", "domains")}
        info["country_ar"] = country_ar(known.get("country"))
    events = conn.execute(
        "SELECT e.id, e.title, e.date, e.story_id, o.own,"
        " (SELECT min(d2.published) FROM event_docs ed2 JOIN documents d2 ON d2.id = ed2.doc_id"
        "  WHERE ed2.event_id = e.id) AS earliest,"
        " (SELECT count(DISTINCT coalesce(d2.source, d2.id)) FROM event_docs ed2 JOIN documents d2"
        "  ON d2.id = ed2.doc_id WHERE ed2.event_id = e.id) AS n_sources"
        " FROM (SELECT ed.event_id, min(d.published) AS own FROM documents d JOIN event_docs ed ON ed.doc_id = d.id"
        f" WHERE {cond} GROUP BY ed.event_id) AS o JOIN events e ON e.id = o.event_id"  # noqa: S608
        " ORDER BY e.date DESC NULLS LAST, e.id", args).fetchall()
    shared = [e for e in events if e["n_sources"] > 1]
    first = {e["id"] for e in shared if e["own"] and e["earliest"] and e["own"] <= e["earliest"]}
    own_docs = {r[0] for r in conn.execute(
        f"SELECT d.id FROM documents d JOIN event_docs ed ON ed.doc_id = d.id WHERE {cond}", args)}  # noqa: S608
    data: dict[str, str] = {}
    ids = [e["id"] for e in shared]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        data.update(conn.execute(f"SELECT id, data FROM events WHERE id IN ({_in(chunk)})", chunk).fetchall())  # noqa: S608
    disagree = []
    for e in shared:  # newest first
        for fact in EventProfile.from_json(data.get(e["id"])).facts:
            mine = [d for d in fact.get("texts", {}) if d in own_docs]
            if fact_status(fact) != "conflict" or not mine or len(fact.get("texts", {})) < 2:
                continue
            disagree.append({"event": e["id"], "title": e["title"], "date": e["date"], "what": fact["what"],
                             "what_ar": fact.get("what_ar") or what_ar(fact["what"]), "doc": mine[0],
                             "text": fact["texts"][mine[0]], "ref": fact.get("refs", {}).get(mine[0]),
                             "others": [{"doc": d, "text": t, "ref": fact.get("refs", {}).get(d)}
                                        for d, t in fact["texts"].items() if d not in own_docs]})
    disagreements, disagree = len(disagree), disagree[:max_disagreements]
    other_docs = sorted({o["doc"] for x in disagree for o in x["others"]})
    src = {r[0]: r[1] for r in conn.execute(f"SELECT id, source FROM documents WHERE id IN ({_in(other_docs)})",  # noqa: S608
                                            other_docs)} if other_docs else {}
    for x in disagree:
        for o in x["others"]:
            o["source"] = src.get(o["doc"])
    ents = conn.execute(
        "SELECT m.entity_id, count(DISTINCT m.doc_id) AS n FROM mentions m"  # from the outlet's articles, not all mentions
        f" WHERE m.doc_id IN (SELECT d.id FROM documents d WHERE {cond}) AND m.entity_id IS NOT NULL"  # noqa: S608
        " GROUP BY m.entity_id ORDER BY n DESC, m.entity_id LIMIT ?",
        [*args, top]).fetchall()
    nm = names(conn, {r[0] for r in ents})
    types = {r[0]: r[1] for r in conn.execute(
        f"SELECT id, type FROM entities WHERE id IN ({_in([r[0] for r in ents])})", [r[0] for r in ents])} if ents else {}  # noqa: S608
    stories: dict[str, int] = defaultdict(int)
    for e in events:
        if e["story_id"]:
            stories[e["story_id"]] += 1
    top_stories = sorted(stories.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    st_titles = {r[0]: r[1] for r in conn.execute(
        f"SELECT id, title FROM stories WHERE id IN ({_in([k for k, _ in top_stories])})",  # noqa: S608
        [k for k, _ in top_stories])} if top_stories else {}
    return {"name": stored[0] if stored else name, "names": stored, "known": info, "documents": row[0],
            "first_published": row[1], "last_published": row[2], "events": len(events),
            "shared_events": len(shared), "first_in": len(first),
            "recent_events": [{"id": e["id"], "title": e["title"], "date": e["date"], "sources": e["n_sources"],
                               "first": e["id"] in first} for e in events[:top]],
            "entities": [{"id": r[0], "name": nm.get(r[0], r[0]), "type": types.get(r[0]), "documents": r[1]}
                         for r in ents],
            "stories": [{"id": k, "title": st_titles.get(k), "events": n} for k, n in top_stories],
            "disagreements": disagree, "disagreement_count": disagreements}


def action_types(conn: sqlite3.Connection) -> list[Row]:
    """The action types stored, most frequent first, with their Arabic labels (actions_labels.json)."""
    labels = load_json("actions_labels.json")["types"]
    return [{"type": r[0], "type_ar": labels.get(r[0]), "mentions": r[1]} for r in conn.execute(
        "SELECT type, count(*) AS n FROM action_mentions WHERE type IS NOT NULL GROUP BY type ORDER BY n DESC, type")]
