"""Offices named only by their title: "وزير الخارجية الباكستاني" said something, and nobody in the
text or the knowledge base says who holds the office on that date.

Such a speaker is still someone: the office itself (``role:foreign-minister:PK``), named in
English as a reader would ("Pakistani Foreign Minister", aliases "Minister of Foreign Affairs of
Pakistan"...) and in Arabic as written, so quotes of one office group across outlets and can be
searched and filtered. English title names and country adjectives live in data files.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.extract.kb import KB
from marsad.lang.ar import load_json
from marsad.types import EntityRecord

PREFIX = "role:"


def office_key(role: str) -> str:
    return PREFIX + role


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(title id -> English names, ISO -> English adjectives, the usual one first)."""
    titles = load_json("titles.json").get("labels_en", {})
    d = load_json("demonyms_en.json")
    adjectives = {iso: [adj, *d.get("alternatives", {}).get(iso, [])] for iso, adj in d["demonyms"].items()}
    return titles, adjectives


def office_record(role: str, written: str, kb: KB) -> EntityRecord:
    """The entity of an office (``title:scope``, scope an ISO code or a KB id), named in English
    and, as ``name_ar``, as the text wrote it."""
    titles, adjectives = _names()
    title, _, scope = role.partition(":")
    labels = titles.get(title) or [title.replace("-", " ").title()]
    actor = kb.actors.get(scope)
    place = kb.country_name(scope) if len(scope) == 2 and scope.isupper() else None  # an ISO code
    if place is not None:
        names = [f"{adj} {label}" for adj in adjectives.get(scope, []) for label in labels]
        names += [f"{label} of {place}" for label in labels]
        country = scope
    else:
        owner = actor.name if actor is not None else scope.replace("-", " ")
        names = [f"{owner} {label}" for label in labels] + [f"{label} of {owner}" for label in labels]
        country = actor.country if actor is not None else None
    names = list(dict.fromkeys(names))
    return EntityRecord(office_key(role), names[0], "ROLE", written, country, [*names[1:], written])
