"""Wire copies: one agency text on several sites, cut and framed differently, is found by
containment inside its event, counted as one source and still listed.

The real-data test reads the development sets from ../shared (never copied here); the pairs are
the near-copies their READMEs list, by document id."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.run import ingest_paths
from marsad.link.copies import Fingerprint, containment, fingerprint, numbers_differ, original_of
from marsad.resources import Resources
from marsad.store import Store
from marsad.store import export as ex

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
CFG = {"copy_shingle_words": 3, "copy_containment": 0.2, "copy_min_shingles": 20}

WIRE = ("أعلنت هيئة الكوارث والطوارئ التركية أن هزة أرضية بقوة خمس درجات ضربت مدينة ملاطية صباح اليوم"
        " على عمق سبعة كيلومترات تحت سطح الأرض. وقالت الهيئة في بيان نشرته على موقعها إن فرق الإنقاذ"
        " توجهت إلى المنطقة لتقييم الأضرار، ولم ترد حتى الآن أنباء عن وقوع إصابات بين السكان."
        " وكانت المنطقة قد شهدت زلزالاً مدمراً قبل عامين أودى بحياة الآلاف في تركيا وسوريا.")


def test_a_cut_and_reframed_copy_is_contained_in_the_wire_text():
    site = ("الرئيسية | عربي ودولي\nهزة أرضية تضرب ملاطية التركية\n"
            + WIRE.split(" وكانت المنطقة")[0].replace("صباح اليوم", "صباح الخميس"))
    share, shared = containment(fingerprint(site, 3), fingerprint(WIRE, 3))
    assert share >= 0.6 and shared >= 20
    assert original_of(fingerprint(site, 3), [("w1", fingerprint(WIRE, 3))], CFG) == ("w1", pytest.approx(share))


def test_a_report_written_apart_is_no_copy():
    other = ("ضرب زلزال بلغت قوته خمس درجات ولاية ملاطية شرقي تركيا، وفق ما أفادت إدارة الكوارث، وأكد"
             " محافظ الولاية أن الهزة لم تخلف ضحايا وأن المدارس أغلقت احترازاً، فيما خرج السكان إلى الشوارع.")
    share, _ = containment(fingerprint(other, 3), fingerprint(WIRE, 3))
    assert share < 0.1
    assert original_of(fingerprint(other, 3), [("w1", fingerprint(WIRE, 3))], CFG) is None


def test_the_same_template_with_other_numbers_is_another_happening():
    year1 = ("أعلنت الهيئة العامة للإحصاء أن إجمالي عدد الحجاج لهذا العام بلغ 1845045 حاجا، منهم 1660915"
             " حاجا من خارج المملكة و184130 حاجا من داخلها، بحسب النتائج التي أعلنتها الهيئة اليوم.")
    year2 = year1.replace("1845045", "1833164").replace("1660915", "1611310").replace("184130", "221854")
    a, b = fingerprint(year1, 3), fingerprint(year2, 3)
    assert containment(a, b)[0] >= 0.5  # the wording is the same
    assert numbers_differ(a, b)
    assert original_of(b, [("y1", a)], {**CFG, "copy_min_shingles": 5}) is None
    assert not numbers_differ(a, fingerprint(year1 + " والحمد لله", 3))


def test_a_stored_fingerprint_reads_back_as_made():
    made = fingerprint(WIRE + " وبلغت قوة الهزة 5 درجات و 7 كيلومترات", 3)
    assert made.numbers and len(made.shingles) > 20
    assert Fingerprint.unpack(*made.pack()) == made
    assert Fingerprint.unpack(memoryview(made.pack()[0]), made.pack()[1]) == made  # as PostgreSQL gives it


# (copy, original) pairs of the same wire text on two sites, as listed in each set's README
LISTED = {
    "events_dev_a": [("d012", "d064"), ("d012", "d043"), ("d077", "d100"), ("d006", "d022"), ("d050", "d098"),
                     ("d048", "d098"), ("d048", "d050"), ("d013", "d021"), ("d020", "d066"), ("d091", "d094")],
    "events_dev_b": [("e082", "e114"), ("e020", "e045"), ("e072", "e087"), ("e047", "e065"), ("e033", "e097"),
                     ("e011", "e079"), ("e049", "e060"), ("e006", "e105"), ("e002", "e093")],
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    import json

    out = {}
    for name in LISTED:
        folder = DATA / name
        if not (folder / "corpus.jsonl").exists():
            pytest.fail(f"the labelled development set is missing: {folder}")
        store = Store.open(tmp_path_factory.mktemp(name) / "m.db")
        ingest_paths(store, [str(folder / "corpus.jsonl")], Resources())
        docs = ex.documents(store.conn, with_text=False)
        events = {d: e["id"] for e in ex.events(store.conn) for d in e["docs"]}
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
        out[name] = (docs, events, {d: g["event"] for d, g in gold.items()})
        prints = store.conn.execute("SELECT p.doc_id, p.shingle_words, p.shingles, p.numbers, d.text"
                                    " FROM copy_prints p JOIN documents d ON d.id = p.doc_id").fetchall()
        out[name + ":prints"] = prints
        store.close()
    return out


def test_listed_wire_copies_are_found_and_none_crosses_two_happenings(linked):
    found = 0
    for name, pairs in LISTED.items():
        docs, events, labels = linked[name]
        root = {d["id"]: d["duplicate_of"] or d["id"] for d in docs}
        found += sum(1 for a, b in pairs if root[a] == root[b])
        copies = [(d["id"], d["duplicate_of"]) for d in docs if d["duplicate_of"]]
        assert all(labels[c] == labels[o] for c, o in copies), name
        assert all(events[c] == events[o] for c, o in copies), name  # a copy stays with its original
        assert {d["copy_how"] for d in docs if d["duplicate_of"]} == {"contained"}
    assert found >= 15  # measured 17 of 19


def test_each_compared_report_is_fingerprinted_once_and_kept_as_made(linked):
    for name in LISTED:
        docs, events, _ = linked[name]
        prints = linked[name + ":prints"]
        in_shared_events = {d for d in events if sum(e == events[d] for e in events.values()) > 1}
        kept = {p[0] for p in prints}
        assert kept <= in_shared_events, name  # a lone report is never compared
        assert len(kept) >= 0.9 * len(in_shared_events), name  # reports folded in whole events are not
        for doc_id, k, shingles, numbers, text in prints:
            assert Fingerprint.unpack(shingles, numbers) == fingerprint(text, k), doc_id


def test_a_copy_counts_as_one_source_and_is_still_listed(linked):
    docs, events, _ = linked["events_dev_b"]
    copy = next(d for d in docs if d["duplicate_of"])
    assert copy["id"] in events  # listed with its event
