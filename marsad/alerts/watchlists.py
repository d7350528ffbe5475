"""What a watchlist is, how the names in it are resolved, and what it matches.

A watchlist names entities (any name the store or the knowledge base knows them by: بوتين,
بوتن, Putin, kb:vladimir-putin), a query (marsad's Arabic search: the same normalisation,
proclitics and spelling variants as ``marsad search``) and a place, each optional but at least
one given.

**What matches.** A *document* matches when it satisfies every criterion given (``match =
"all"``, the default) or at least one (``match = "any"``):

- entities: it mentions one of the watched entities (a mention resolved to that entity);
- query: the search finds it;
- place: it mentions the place (a mention resolved to it; for a place no entity stands for, a
  place mention written as given), or one of its coded actions is placed there (the action's
  place, or its country when the place is a country).

An *event* matches when one of its documents does. Feeds and digests list matching events;
alerts are made per event for the matching documents that arrived since the watchlist last
looked (its cursor), so each matching document is alerted once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from marsad.alerts import store as S
from marsad.link.profile import EventProfile
from marsad.text.normalize import normalize

MATCH_MODES = ("all", "any")
_COUNTRY_KEY = re.compile(r"^kb:([A-Z]{2})$")


@dataclass
class Watchlist:
    name: str
    entities: list[dict[str, Any]] = field(default_factory=list)  # {"given": name as typed, "id": entity or None}
    query: str | None = None
    place: dict[str, Any] | None = None  # {"given", "id"}
    match: str = "all"
    webhook: str | None = None
    secret: str | None = None
    id: int | None = None
    last_seq: int = 0
    created_at: str | None = None

    def spec(self) -> dict[str, Any]:
        return {"entities": self.entities, "query": self.query, "place": self.place, "match": self.match}

    @classmethod
    def from_row(cls, row: Any) -> Watchlist:
        spec = json.loads(row["spec"])
        return cls(name=row["name"], entities=spec.get("entities") or [], query=spec.get("query"),
                   place=spec.get("place"), match=spec.get("match") or "all", webhook=row["webhook"],
                   secret=row["secret"], id=row["id"], last_seq=row["last_seq"], created_at=row["created_at"])

    def public(self) -> dict[str, Any]:
        """What may be shown to anyone who can read the app: no webhook address, no secret."""
        return {"name": self.name, **self.spec(), "webhook": bool(self.webhook), "signed": bool(self.secret),
                "created_at": self.created_at, "feed": f"/api/watchlists/{quote(self.name, safe='')}.atom"}


def load(conn: Any, name: str) -> Watchlist | None:
    row = S.watchlist_row(conn, name)
    return Watchlist.from_row(row) if row else None


def load_all(conn: Any) -> list[Watchlist]:
    return [Watchlist.from_row(r) for r in S.watchlist_rows(conn)]


# -- names ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _kb_index() -> tuple[dict[str, set[str]], frozenset[str]]:
    """Normalised name -> knowledge-base keys going by it; and every key."""
    from marsad.extract.kb import load_kb

    index: dict[str, set[str]] = {}
    keys = set()
    for actor in load_kb().actors.values():
        keys.add(actor.key)
        for name in {actor.name, actor.name_ar, *actor.aliases}:
            if name:
                index.setdefault(normalize(name), set()).add(actor.key)
    return index, frozenset(keys)


def kb_entity(value: str) -> str | None:
    """The knowledge-base key of a name (None when it names no actor, or several)."""
    index, keys = _kb_index()
    value = value.strip()
    if value in keys:
        return value
    found = index.get(normalize(value), set())
    return next(iter(found)) if len(found) == 1 else None


def resolve(conn: Any, value: str) -> str | None:
    """The entity a name stands for: the API's filter resolution first (an entity id, or any
    alias stored for it, normalised: بوتين, بوتن; the most mentioned one when several share
    it), then the knowledge base, for a name the store has not met in that form yet (Putin
    before any article spelled it so, or a watchlist made before the first ingest). None when
    neither knows it."""
    from marsad.web.queries import resolve_entity

    got = resolve_entity(conn, value)
    if got and S.entity_exists(conn, got):
        return got
    return kb_entity(value)


def _label(conn: Any, entity_id: str) -> tuple[str | None, str | None]:
    known = S.entity_labels(conn, [entity_id]).get(entity_id)
    if known:
        return known
    from marsad.extract.kb import load_kb

    actor = load_kb().actors.get(entity_id.removeprefix("kb:"))
    return (actor.name, actor.name_ar) if actor else (None, None)


def describe(conn: Any, entity_id: str | None) -> dict[str, Any]:
    """An entity for display: id, name, Arabic name."""
    if not entity_id:
        return {"id": None, "name": None, "name_ar": None}
    name, name_ar = _label(conn, entity_id)
    return {"id": entity_id, "name": name, "name_ar": name_ar}


def place_terms(conn: Any, place: dict[str, Any]) -> tuple[str | None, list[str], str | None]:
    """What a place is looked for as: its entity, the names an action's place may carry (the
    entity's name and Arabic name, and the name as given), and its country code when it is a
    country."""
    pid = place.get("id") or resolve(conn, place["given"])
    names = [place["given"]]
    if pid:
        names += [n for n in _label(conn, pid) if n]
    m = _COUNTRY_KEY.match(pid or "")
    return pid, list(dict.fromkeys(names)), m.group(1) if m else None


# -- matching -------------------------------------------------------------------------------------

@dataclass
class Hit:
    """Why a document matched."""

    entities: set[str] = field(default_factory=set)
    query: bool = False
    place: bool = False


def entity_ids(conn: Any, wl: Watchlist) -> list[str]:
    """The watched entities' ids; a name not resolved when the watchlist was made is tried again."""
    out = []
    for e in wl.entities:
        eid = e.get("id") or resolve(conn, e["given"])
        if eid:
            out.append(eid)
    return list(dict.fromkeys(out))


def matches(conn: Any, wl: Watchlist, *, after_seq: int | None = None, through_seq: int | None = None,
            day: str | None = None) -> dict[str, Hit]:
    """Document id -> why it matched, for the documents in the range (see the module's doc)."""
    rng: dict[str, Any] = {"after_seq": after_seq, "through_seq": through_seq, "day": day}
    sets: list[set[str]] = []
    by_entity: dict[str, set[str]] = {}
    by_query: set[str] = set()
    by_place: set[str] = set()
    if wl.entities:
        ids = entity_ids(conn, wl)
        by_entity = S.entity_hits(conn, ids, **rng) if ids else {}
        sets.append(set(by_entity))
    if wl.query:
        from marsad.search.query import Filters, document_ids

        by_query = document_ids(conn, wl.query, Filters(after_seq=after_seq, through_seq=through_seq))
        by_query = S.in_range(conn, by_query, day=day)  # the day; and no copies
        sets.append(by_query)
    if wl.place:
        pid, names, country = place_terms(conn, wl.place)
        by_place = S.place_hits(conn, pid, names, country, **rng)
        sets.append(by_place)
    if not sets:
        return {}
    docs = set.intersection(*sets) if wl.match == "all" else set.union(*sets)
    return {d: Hit(by_entity.get(d, set()), d in by_query, d in by_place) for d in docs}


def stamp(doc: Any) -> str:
    """When a document appeared, as RFC 3339: its publication time, else when it was stored."""
    from marsad.web.feed import EPOCH, rfc3339

    return rfc3339(doc["published"]) or rfc3339(doc["ingested_at"]) or EPOCH


def matched(conn: Any, wl: Watchlist, hits: list[Hit]) -> dict[str, Any]:
    """What of the watchlist these documents matched: entities, the query, the place."""
    found = sorted(set().union(*(h.entities for h in hits))) if hits else []
    given = {e.get("id"): e["given"] for e in wl.entities}
    return {"entities": [{**describe(conn, eid), "given": given.get(eid)} for eid in found],
            "query": wl.query if any(h.query for h in hits) else None,
            "place": wl.place["given"] if wl.place and any(h.place for h in hits) else None}


def group(conn: Any, hits: dict[str, Hit]) -> dict[str, list[str]]:
    """Event id -> its matching documents (documents in no event are left out)."""
    out: dict[str, list[str]] = {}
    for doc, ev in S.events_of(conn, hits).items():
        out.setdefault(ev, []).append(doc)
    return out


def summary_of(row: Any) -> Any:
    try:
        return EventProfile.from_json(row["data"]).summary
    except (TypeError, ValueError):
        return []


def matching_events(conn: Any, wl: Watchlist, *, day: str | None = None, limit: int = 50, offset: int = 0,
                    leads: bool = False) -> tuple[int, list[dict[str, Any]]]:
    """The events the watchlist matches (in ``day`` only, when given: events with a matching
    document published that day, or stored that day when undated), newest matching document
    first; each record as the events list's (id, title, date, sources, summary) plus
    ``updated`` (its newest matching document), ``documents`` (the matching ones, in order)
    and ``matched``; with ``leads``, ``lead``: the first sentence of its first matching document."""
    hits = matches(conn, wl, day=day)
    by_event = group(conn, hits)
    docs = S.documents(conn, [d for ds in by_event.values() for d in ds])
    for ds in by_event.values():
        ds.sort(key=lambda d: (stamp(docs[d]), docs[d]["seq"] or 0))
    order = sorted(by_event, key=lambda ev: (stamp(docs[by_event[ev][-1]]), ev), reverse=True)
    chosen = order[offset:offset + limit]
    rows = S.events(conn, chosen)
    outlets = S.event_outlets(conn, chosen)
    out = []
    for ev in chosen:
        row, ds = rows.get(ev), by_event[ev]
        rec = {"id": ev, "title": row["title"] if row else None, "date": row["date"] if row else None,
               "updated": stamp(docs[ds[-1]]), "sources": outlets.get(ev, []),
               "summary": summary_of(row) if row else [],
               "documents": [{"id": d, "title": docs[d]["title"], "url": docs[d]["url"], "source": docs[d]["source"],
                              "published": docs[d]["published"]} for d in ds],
               "matched": matched(conn, wl, [hits[d] for d in ds])}
        if leads:
            rec["lead"] = S.first_sentence(conn, ds[0], skip=[rec["title"]])
        out.append(rec)
    return len(order), out


def page_url(base: str, kind: str, ident: str) -> str:
    """A page of the web app (``kind``: event, doc, entity...) under ``base``."""
    return f"{base.rstrip('/')}/#/{kind}/{quote(ident, safe='')}"
