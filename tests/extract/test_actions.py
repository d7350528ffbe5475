"""Coded actions from Arabic: the samples' gold coded events, syntax cues, precision on judged
records from text outside the samples, and cross-document merging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract import actions, times
from marsad.link.actions import merge
from marsad.pipeline import STAGES, prepare
from marsad.resources import Resources
from marsad.store.export import actions as export_actions
from marsad.types import Analysis, Document, EntityRecord, Mention
from tests.extract.actions_helpers import ACTORS, mention

FIX = Path(__file__).resolve().parents[1] / "fixtures"
NAME = {k: v[0] for k, v in ACTORS.items()}
COUNTRY = {k: v[2] or v[0] for k, v in ACTORS.items()}


def analyse(text: str, res: Resources, published: str | None = "2025-05-20", doc_id: str = "t") -> Analysis:
    doc = prepare(Document(doc_id, text, published=published, language="ar"), res)
    a = mention(doc.text, Analysis(doc.id))
    times.run(doc, a, res)
    actions.run(doc, a, res)
    return a


def coded(a: Analysis) -> set[tuple[str, str, str]]:
    return {(x.type, NAME[x.source], NAME[x.target]) for x in a.actions}


@pytest.fixture(scope="module")
def sample_actions(seeds, res) -> dict[str, Analysis]:
    return {d: analyse(s["text"], res, s.get("published"), d) for d, s in seeds.items()}


def _hits(g: dict, acts: list, symmetric: bool) -> bool:
    def ok(name: str, key: str) -> bool:
        return name in (NAME[key], COUNTRY[key])
    for x in acts:
        if x.type != g["type"]:
            continue
        if ok(g["source"], x.source) and ok(g["target"], x.target):
            return True
        if symmetric and ok(g["source"], x.target) and ok(g["target"], x.source):
            return True
    return False


def test_gold_coded_events_per_document(gold, sample_actions):
    """Every coded event of the gold is found in its document (a call between A and B may be
    told from either side: CONSULT is matched without direction here; the merged export picks
    the direction most sources give)."""
    missed = [g for g in gold["coded_events"]
              if not _hits(g, sample_actions[g["doc"]].actions, g["type"] == "CONSULT")]
    assert not missed


def test_gold_dates_and_modes(gold, sample_actions):
    for g in gold["coded_events"]:
        if "date" not in g:
            continue
        acts = [x for x in sample_actions[g["doc"]].actions if x.type == g["type"] and x.date == g["date"]]
        assert acts, g
        assert any(x.mode == g["mode"] and x.cameo == "041" for x in acts)


def test_planned_call_is_not_a_call(sample_actions):
    planned = [x for x in sample_actions["001_d1a393b1c47605d2"].actions if x.type == "CONSULT"
               and {x.source, x.target} == {"t:trump", "t:putin"}]
    assert planned and all(x.modality != "asserted" for x in planned)


def test_nominal_events(res):
    a = analyse("وأوضح الكرملين أن الزعيمين اتفقا على تبادل 175 أسيرا من روسيا وأوكرانيا.", res)
    assert coded(a) == {("AGREE", "Russia", "Ukraine")}
    a = analyse("وكذلك وافق بوتين على وقف استهداف منشآت الطاقة الأوكرانية لـ30 يوما.", res)
    assert coded(a) == set()  # Ukraine is not an entity of this text: no target, no record
    a = analyse("قالت أوكرانيا إن بوتين وافق على وقف استهداف منشآت الطاقة الأوكرانية لـ30 يوما.", res)
    assert {(x.type, x.cameo) for x in a.actions} == {("RETREAT", "0871")}
    a = analyse("وفرضت أوكرانيا عقوبات جديدة على روسيا.", res)
    assert [(x.type, x.cameo, x.modality) for x in a.actions] == [("SANCTION", "163", "asserted")]
    a = analyse("ودعت أوكرانيا إلى فرض عقوبات جديدة على روسيا.", res)
    assert [(x.type, x.modality) for x in a.actions] == [("SANCTION", "requested")]


def test_between_and_with(res):
    a = analyse("جرت مكالمة هاتفية بين ترامب وبوتين يوم الاثنين.", res)
    assert [(x.type, x.source, x.target, x.mode, x.date) for x in a.actions] == [
        ("CONSULT", "t:trump", "t:putin", "phone call", "2025-05-19")]
    a = analyse("وناقش زيلينسكي العقوبات مع جي دي فانس في إسطنبول.", res)
    assert [(x.source, x.target, x.place) for x in a.actions] == [("t:zelensky", "t:vance", "Istanbul")]


def test_negation_and_modality(res):
    a = analyse("لم يتفق بوتين مع زيلينسكي على شيء.", res)
    assert [x.negated for x in a.actions] == [True]
    a = analyse("من المقرر أن يجري ترامب مكالمة هاتفية مع بوتين.", res)
    assert [x.modality for x in a.actions] == ["planned"]
    a = analyse("وأعلن ترامب أنه سيتحدث هاتفيا مع بوتين.", res)
    assert [(x.modality, x.mode) for x in a.actions] == [("future", "phone call")]
    a = analyse("قالت أوكرانيا إن روسيا لا تزال ترفض الاقتراح.", res)
    assert all(not x.negated for x in a.actions)


def test_accuse_reject_demand(res):
    a = analyse('واتهمت أوكرانيا موسكو بإرسال وفد "وهمي".', res)
    assert coded(a) == {("ACCUSE", "Ukraine", "Moscow")}
    a = analyse("بعد أن عرض زيلينسكي عقد اجتماع مباشر مع بوتين، إلا أن موسكو رفضت العرض.", res)
    assert ("REJECT", "Moscow", "Volodymyr Zelensky") in coded(a)
    a = analyse("كما شدد بوتين لترامب على وجوب التوقف عن تسليح كييف.", res)
    assert coded(a) == {("DEMAND", "Vladimir Putin", "Donald Trump")}


def test_precision_first_no_target_no_record(res):
    assert analyse("ورفض بوتين التعليق.", res).actions == []
    assert analyse("وقتل 15 شخصا في هجوم على موسكو.", res).actions == []  # no agent named
    assert analyse("واتهم حلفاء أوكرانيا الغربيون بوتين بتجاهل الدعوات.", res).actions == []


def test_precision_on_judged_records(res):
    """Recompute precision on the judged records (Arabic news outside the samples, actors
    marked as in the arabic_event_gsr span annotations). A new false positive or a lost true
    record moves the figure; unjudged records fail the test so the fixture is kept current."""
    judged = {}
    for line in (FIX / "actions_judged.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        judged[(r["doc"], r["type"], r["source"], r["target"], r["trigger"])] = r["correct"]
    out = []
    for line in (FIX / "actions_judged_inputs.jsonl").read_text("utf-8").splitlines():
        d = json.loads(line)
        doc = prepare(Document(d["doc"], d["text"], language="ar"), res)
        a = Analysis(doc.id)
        for s, e, key, country in d["mentions"]:
            a.mentions.append(Mention(s, e, d["text"][s:e], "ORG", key))
            a.entities[key] = EntityRecord(key, d["text"][s:e], "ORG", country=country)
        actions.run(doc, a, res)
        out += [(doc.id, x.type, a.entities[x.source].name, a.entities[x.target].name, x.trigger) for x in a.actions]
    unjudged = [k for k in out if k not in judged]
    assert len(unjudged) <= 3, unjudged
    scored = [judged[k] for k in out if k in judged]
    precision = sum(scored) / len(scored)
    assert len(scored) >= 50 and precision >= 0.40, (len(scored), precision)


def _store_doc(store, res, doc_id: str, text: str, published: str) -> None:
    doc = prepare(Document(doc_id, text, published=published, language="ar"), res)
    a = mention(doc.text, Analysis(doc.id))
    times.run(doc, a, res)
    actions.run(doc, a, res)
    with store.transaction():
        store.insert_document(doc, doc_id, None, None)
        store.save_analysis(a)


def test_merge_same_call_across_sources_and_split_by_date(store, res):
    _store_doc(store, res, "a", "أجرى ترامب مكالمة هاتفية مع بوتين يوم الاثنين.", "2025-05-20")
    _store_doc(store, res, "b", "قال بوتين إن المكالمة الهاتفية التي أجراها اليوم الاثنين مع ترامب كانت مفيدة.", "2025-05-19")
    _store_doc(store, res, "c", "وقال ترامب إن المكالمة مع بوتين سارت على ما يرام. وكانت مكالمة هاتفية بين ترامب وبوتين "
                                "قد جرت يوم الاثنين.", "2025-05-19")
    _store_doc(store, res, "d", "أجرى ترامب مكالمة هاتفية مع بوتين يوم الأربعاء.", "2025-02-13")
    merge(store, ["a", "b", "c", "d"], res)
    recs = [r for r in export_actions(store.conn) if r["type"] == "CONSULT"]
    by_date = {r["date"]: r for r in recs}
    assert set(by_date) == {"2025-05-19", "2025-02-12"}
    may = by_date["2025-05-19"]
    assert {m["doc"] for m in may["mentions"]} == {"a", "b", "c"} and may["sources"] == 3
    assert (may["source"], may["target"]) == ("t:trump", "t:putin")  # the direction most sentences give
    assert {m["doc"] for m in by_date["2025-02-12"]["mentions"]} == {"d"}


@pytest.mark.skipif("entities" not in STAGES, reason="the entity layer is not registered yet")
def test_gold_end_to_end(store, seeds, gold, res):
    """Full pipeline (real entity layer) -> store -> linker -> export, scored like score.py."""
    from marsad.pipeline import analyse as run_stages
    from marsad.store.export import entities as export_entities
    with store.transaction():
        for d, s in seeds.items():
            doc = prepare(Document(d, s["text"], published=s.get("published")), res)
            store.insert_document(doc, d, None, None)
            store.save_analysis(run_stages(doc, res))
    merge(store, list(seeds), res)
    ents = {e["id"]: e for e in export_entities(store.conn)}
    names = {i: {x.casefold() for x in [e.get("name"), e.get("name_ar"), e.get("country")] + e.get("aliases", []) if x}
             for i, e in ents.items()}
    recs = export_actions(store.conn)
    ok = 0
    for g in gold["coded_events"]:
        for a in recs:
            if g["doc"] in {m["doc"] for m in a["mentions"]} and a["type"] == g["type"]:
                src = names.get(a["source"], set()) | {(a["source_country"] or "").casefold()}
                tgt = names.get(a["target"], set()) | {(a["target_country"] or "").casefold()}
                if g["source"].casefold() in src and g["target"].casefold() in tgt:
                    ok += 1
                    break
    assert ok >= 10, ok
