"""Places on the map (#19 item 4): the bundled gazetteer and the country outlines, and the maps
the read layer gives event, story and entity records (on the samples as ingested)."""

from __future__ import annotations

import math

import pytest

from marsad.extract.kb import load_kb
from marsad.geo.gazetteer import country_spot, locate, world
from marsad.ingest.run import ingest_paths
from marsad.store import Store
from marsad.web import queries as Q
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, res):
    store = Store.open(tmp_path_factory.mktemp("geo") / "samples.db")
    ingest_paths(store, [str(SEEDS)], res)
    yield store
    store.close()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_outlines_cover_the_countries_news_names():
    countries = world()["countries"]
    assert len(countries) > 200
    for code in ("EG", "SY", "LB", "PS", "IL", "QA", "BH", "YE", "SD", "UA", "RU", "US"):
        c = countries[code]
        x0, y0, x1, y1 = c["box"]
        assert x0 <= c["label"][0] <= x1 and y0 <= c["label"][1] <= y1
        assert all(len(r) >= 6 and len(r) % 2 == 0 for r in c["rings"])


@pytest.mark.parametrize("entity, name, name_ar, country, where", [
    ("kb:moscow", "Moscow", "موسكو", "RU", (55.75, 37.62)),
    ("kb:gaza", "Gaza", "غزة", "PS", (31.50, 34.47)),
    ("kb:aleppo", "Aleppo", "حلب", "SY", (36.20, 37.16)),
    ("kb:jerusalem", "Jerusalem", "القدس", None, (31.77, 35.22)),      # no country: a large city anywhere
    ("kb:tripoli-lebanon", "Tripoli (Lebanon)", None, "LB", (34.43, 35.84)),
    ("kb:crimea", "Crimea", "القرم", None, (45.3, 34.4)),             # a region: its point in the kb
])
def test_known_places_are_where_they_are(entity, name, name_ar, country, where):
    spot = locate(entity, name, name_ar, country)
    assert spot is not None and spot.kind == "place"
    assert km((spot.lat, spot.lon), where) < 60


def test_a_country_is_its_outline_and_a_tiny_one_its_capital():
    eg = locate("kb:EG", "Egypt", "مصر", "EG")
    assert eg.kind == "country" and eg.country == "EG" and km((eg.lat, eg.lon), (26.8, 30.8)) < 400
    va = country_spot("VA")  # too small for the outlines at this scale
    assert va.kind == "place" and km((va.lat, va.lon), (41.90, 12.45)) < 5


def test_an_unknown_arabic_name_resolves_only_in_a_country_named_beside_it():
    lebanon = locate("unk:LOC:x", "طرابلس", "طرابلس", None, context=["LB"])
    libya = locate("unk:LOC:x", "طرابلس", "طرابلس", None, context=["LY"])
    assert lebanon.country == "LB" and libya.country == "LY" and km((lebanon.lat, lebanon.lon), (libya.lat, libya.lon)) > 1500
    assert locate("unk:LOC:x", "طرابلس", "طرابلس", None) is None
    assert locate("unk:LOC:x", "غازي عنتاب", "غازي عنتاب", None, context=["SY"]) is None
    assert locate("unk:LOC:x", "غازي عنتاب", "غازي عنتاب", None, context=["SY", "TR"]).country == "TR"


def test_continents_and_rivers_are_not_placed_on_a_town():
    for key in ("kb:asia", "kb:europe", "kb:middle-east", "kb:nile"):
        a = load_kb().actors[key[3:]]
        assert locate(key, a.name, a.name_ar, a.country) is None, key


def test_nearly_every_known_place_has_a_location():
    places = [a for a in load_kb().actors.values() if a.type == "LOC"]
    missing = [a.id for a in places if locate(a.key, a.name, a.name_ar, a.country) is None]
    assert len(missing) < 0.15 * len(places), missing


def test_event_story_and_entity_records_carry_their_places(sample_store):
    c = sample_store.conn
    ev_id = c.execute("SELECT id FROM events ORDER BY (SELECT count(*) FROM event_docs WHERE event_id = id) DESC"
                      " LIMIT 1").fetchone()[0]
    m = Q.event(c, ev_id)["map"]
    by_name = {p["name_ar"]: p for p in m["places"]}
    assert {"موسكو", "روسيا", "أوكرانيا"} <= set(by_name)
    assert by_name["روسيا"]["kind"] == "country" and by_name["موسكو"]["kind"] == "place"
    assert km((by_name["موسكو"]["lat"], by_name["موسكو"]["lon"]), (55.75, 37.62)) < 30
    assert [p["mentions"] for p in m["places"]] == sorted((p["mentions"] for p in m["places"]), reverse=True)
    story = c.execute("SELECT story_id FROM events WHERE id = ?", (ev_id,)).fetchone()[0]
    assert len(Q.story(c, story)["map"]["places"]) >= len(m["places"])
    moscow = Q.entity(c, "kb:moscow")["map"]["places"]
    assert any(p["entity"] == "kb:moscow" for p in moscow)


def test_outlines_over_http_are_compressed_and_cached(sample_store, tmp_path):
    pytest.importorskip("fastapi")
    from marsad.web.app import create_app
    from tests.web.test_api import local

    client = local(create_app(sample_store.path))
    r = client.get("/api/world", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert "max-age" in r.headers["cache-control"] and r.headers["etag"]
    assert set(r.json()["countries"]) >= {"EG", "SY", "UA"}
    again = client.get("/api/world", headers={"Accept-Encoding": "gzip", "If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    ev = client.get("/api/events?sort=largest&limit=1").json()["items"][0]["id"]
    places = client.get(f"/api/events/{ev}").json()["map"]["places"]
    assert places and all({"lat", "lon", "kind", "entity", "name_ar", "mentions"} <= p.keys() for p in places)
