"""Coded actions from Arabic, on the real pipeline (entities, times, ... actions): the samples'
gold coded events, syntax cues, precision on judged records from text outside the samples,
cross-document merging and the ``marsad actions`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.commands.actions import actions as actions_command
from marsad.link.actions import merge
from marsad.pipeline import analyse as run_stages
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.store.export import actions as export_actions
from marsad.types import Analysis, Document
from tests.conftest import skip_missing_service

FIX = Path(__file__).resolve().parents[1] / "fixtures"


def analyse(text: str, res: Resources, published: str | None = "2025-05-20", doc_id: str = "t") -> Analysis:
    doc = prepare(Document(doc_id, text, published=published, language="ar"), res)
    return run_stages(doc, res)


def coded(a: Analysis) -> set[tuple[str, str, str]]:
    return {(x.type, a.entities[x.source].name if x.source else None, a.entities[x.target].name if x.target else None)
            for x in a.actions}


@pytest.fixture(scope="module")
def sample_actions(seeds, res) -> dict[str, Analysis]:
    return {d: analyse(s["text"], res, s.get("published"), d) for d, s in seeds.items()}


def _hits(g: dict, a: Analysis, symmetric: bool) -> bool:
    def ok(name: str, key: str | None) -> bool:
        if key is None:
            return False
        rec = a.entities[key]
        return name in (rec.name, rec.name_ar)

    def country(name: str, x) -> bool:
        return name in (x.source_country, x.target_country)
    for x in a.actions:
        if x.type != g["type"]:
            continue
        s_ok = ok(g["source"], x.source) or g["source"] == x.source_country
        t_ok = ok(g["target"], x.target) or g["target"] == x.target_country
        if s_ok and t_ok:
            return True
        if symmetric and (ok(g["source"], x.target) or g["source"] == x.target_country) and (
                ok(g["target"], x.source) or g["target"] == x.source_country):
            return True
    return False


def test_gold_coded_events_per_document(gold, sample_actions):
    """Every coded event of the gold is found in its document (a call between A and B may be
    told from either side: symmetric types are matched without direction here)."""
    missed = [g for g in gold["coded_events"]
              if not _hits(g, sample_actions[g["doc"]], g["type"] in ("CONSULT", "AGREE"))]
    assert not missed


def test_gold_dates_and_modes(gold, sample_actions):
    for g in gold["coded_events"]:
        if "date" not in g:
            continue
        acts = [x for x in sample_actions[g["doc"]].actions if x.type == g["type"] and x.date == g["date"]]
        assert acts, g
        assert any(x.mode == g["mode"] and x.cameo == "041" for x in acts)


def test_planned_call_is_not_a_call(sample_actions):
    a = sample_actions["001_d1a393b1c47605d2"]
    planned = [x for x in a.actions if x.type == "CONSULT"
               and {x.source, x.target} == {"kb:donald-trump", "kb:vladimir-putin"}]
    assert {x.modality for x in planned if x.date == "2025-05-19"} == {"planned"}


def test_channels_and_relays_are_not_actors(res):
    """A platform, a news agency or a dateline is where a report comes from, not who acts."""
    a = analyse("من جانبه، نشر ترمب على موقع Truth Social منشورًا يوضح تفاصيل مكالمته التي استمرت ساعتين "
                "مع بوتين.", res)
    assert coded(a) == {("CONSULT", "Donald Trump", "Vladimir Putin")}
    a = analyse("وقال الكرملين، وفق ما نقلت وكالة تاس، إن بوتين سيلتقي أردوغان الأسبوع المقبل.", res)
    assert [(x.source, x.target, x.modality) for x in a.actions] == [
        ("kb:vladimir-putin", "kb:recep-tayyip-erdogan", "future")]
    a = analyse("موسكو - رويترز: وفرض الاتحاد الأوروبي عقوبات جديدة على إيران.", res)
    assert coded(a) == {("SANCTION", "European Union", "Iran")}


def test_nominal_events(res):
    a = analyse("وأوضح الكرملين أن الزعيمين اتفقا على تبادل 175 أسيرا من روسيا وأوكرانيا.", res)
    assert coded(a) == {("AGREE", "Russia", "Ukraine")}
    a = analyse("وكذلك وافق بوتين على وقف استهداف منشآت الطاقة الأوكرانية لـ30 يوما.", res)
    # the halt (RETREAT) and the agreement to it (AGREE), as report-level coders list both
    assert [(x.type, x.cameo, x.target) for x in a.actions] == [("RETREAT", "0871", "kb:UA"), ("AGREE", "030", "kb:UA")]
    a = analyse("وفرضت أوكرانيا عقوبات جديدة على روسيا.", res)
    assert [(x.type, x.cameo, x.modality) for x in a.actions] == [("SANCTION", "163", "asserted")]
    a = analyse("ودعت أوكرانيا إلى فرض عقوبات جديدة على روسيا.", res)
    # the sanctions asked for (not imposed), and the call itself: Ukraine's request
    assert sorted((x.type, x.source, x.modality) for x in a.actions) == [
        ("REQUEST", "kb:UA", "asserted"), ("SANCTION", "kb:UA", "requested")]
    a = analyse("أجرى ولي العهد السعودي الأمير محمد بن سلمان اتصالا هاتفيا مع الرئيس الفرنسي إيمانويل ماكرون.", res)
    assert [(x.source, x.target, x.mode, x.cameo) for x in a.actions] == [
        ("kb:mohammed-bin-salman", "kb:emmanuel-macron", "phone call", "041")]


def test_between_and_with(res):
    a = analyse("جرت مكالمة هاتفية بين ترامب وبوتين يوم الاثنين.", res)
    assert [(x.type, x.source, x.target, x.mode, x.date) for x in a.actions] == [
        ("CONSULT", "kb:donald-trump", "kb:vladimir-putin", "phone call", "2025-05-19")]
    a = analyse("بعد اتصال هاتفي استمر لأكثر من ساعتين بين الرئيس الأمريكي دونالد ترمب والرئيس الروسي "
                "فلاديمير بوتين، الاثنين، قال بوتين إن روسيا مستعدة للعمل.", res)
    assert ("CONSULT", "Donald Trump", "Vladimir Putin") in coded(a)
    a = analyse("وناقش زيلينسكي العقوبات مع جيه دي فانس في إسطنبول.", res)
    assert [(x.source, x.target, x.place) for x in a.actions] == [("kb:volodymyr-zelensky", "kb:jd-vance", "Istanbul")]


def test_subjects_objects_titles(res):
    """VSO and SVO, the speaker of ``قال X إنه التقى Y``, titles and counterparts."""
    a = analyse("وقال زيلينسكي إنه التقى المستشار الألماني فريدريش ميرتس في برلين.", res)
    assert coded(a) == {("CONSULT", "Volodymyr Zelensky", "Friedrich Merz")}
    a = analyse("وقالت صحيفة واشنطن بوست إن ويتكوف التقى بوتين في سانت بطرسبرغ.", res)
    assert coded(a) == {("CONSULT", "Steve Witkoff", "Vladimir Putin")}
    a = analyse("وأجرى وزير الدفاع الأمريكي بيت هيغسيث محادثات مع نظيره الصيني في سنغافورة.", res)
    assert coded(a) == {("CONSULT", "Pete Hegseth", "China")}
    a = analyse("وهنأ الملك عبد الله الثاني الرئيس اللبناني جوزيف عون بانتخابه.", res)
    assert {x.type for x in a.actions} == {"SUPPORT"}
    a = analyse("ورفض رئيس الوزراء الإسرائيلي بنيامين نتنياهو مقترح حماس لوقف إطلاق النار.", res)
    assert coded(a) == {("REJECT", "Benjamin Netanyahu", "Hamas")}
    a = analyse("ورفضت كييف الشروط الروسية للسلام.", res)
    assert coded(a) == {("REJECT", "Kyiv", "Russia")}


def test_negation_and_modality(res):
    a = analyse("لم يتفق بوتين مع زيلينسكي على شيء.", res)
    assert [x.negated for x in a.actions] == [True]
    a = analyse("ولم يلتق ترامب بوتين خلال زيارته إلى الشرق الأوسط.", res)
    assert [(x.type, x.negated) for x in a.actions] == [("CONSULT", True)]
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
    a = analyse("شن الرئيس الفلسطيني محمود عباس اعنف هجوم له على حركة حماس في كلمة ألقاها.", res)
    assert {x.type for x in a.actions} == {"DISAPPROVE"}  # a politician's attack is verbal


def test_precision_first_no_target_no_record(res):
    assert analyse("ورفض بوتين التعليق.", res).actions == []
    # an attack with no agent named is coded with an unknown source, not dropped (nor told twice)
    (act,) = analyse("وقتل 15 شخصا في هجوم على موسكو.", res).actions
    assert (act.type, act.source, act.killed) == ("ASSAULT", None, 15)
    assert analyse("واتهم حلفاء أوكرانيا الغربيون بوتين بتجاهل الدعوات.", res).actions == []
    # قبل = before (no consent), and a consultation still to come is not coded as done
    acts = analyse("رفض حزب الله تحديد موقفه قبل التشاور مع الرئيس.", res).actions
    assert [(x.type, x.source) for x in acts] == [("REJECT", "kb:hezbollah")]
    # the condemnation is Guterres's (his title and its scope, the UN, stand before his name); the
    # attack it names has no agent and no place: no record of its own
    acts = analyse("وأدان الأمين العام للأمم المتحدة أنطونيو غوتيريش الهجوم الذي استهدف قافلة.", res).actions
    assert [(x.type, x.source, x.target) for x in acts] == [("DISAPPROVE", "kb:antonio-guterres", None)]


GSR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "arabic_event_gsr"


def judged_inputs() -> list[dict]:
    """The judged inputs: own sentences as written, crowd-labelled news sentences read by id
    from ../shared (their text is third-party and stays there)."""
    rows = [json.loads(x) for x in (FIX / "actions_judged_inputs.jsonl").read_text("utf-8").splitlines()]
    if any("gsr" in r for r in rows) and not GSR.is_dir():
        skip_missing_service(f"{GSR} not present (../shared)")
    texts: dict[str, str] = {}
    for kind in {r["gsr"] for r in rows if "gsr" in r}:
        with open(GSR / f"{kind}_gsr.csv", encoding="utf-8") as f:
            texts.update({r["id"]: r["text"].strip() for r in csv.DictReader(f)})
    return [{"doc": r["doc"], "text": r.get("text") or texts[r["gsr_id"]], "published": r.get("published")}
            for r in rows]


def test_precision_on_judged_records(res):
    """Recompute precision on records judged by reading (Arabic news sentences from
    arabic_event_gsr, the held-out unseen_news articles, and own news-style sentences). A new
    false positive or a lost true record moves the figure; records nobody judged fail the test
    beyond a small margin (the entity layer may rename an actor), so the fixture is kept current."""
    judged = {}
    for line in (FIX / "actions_judged.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        judged[(r["doc"], r["type"], r["source"], r["target"], r["negated"], r["modality"])] = r["correct"]
    docs = judged_inputs()
    docs += [{"doc": d["id"], "text": d["text"], "published": d.get("published")} for d in map(
        json.loads, (FIX / "unseen_news" / "articles.jsonl").read_text("utf-8").splitlines())]
    out = []
    for d in docs:
        a = analyse(d["text"], res, d.get("published"), d["doc"])
        out += [(d["doc"], x.type, a.entities[x.source].name if x.source else None,
                 a.entities[x.target].name if x.target else None, x.negated, x.modality) for x in a.actions]
    unjudged = [k for k in out if k not in judged]
    assert len(unjudged) <= max(3, len(out) // 10), unjudged
    scored = [judged[k] for k in out if k in judged]
    outside = [judged[k] for k in out if k in judged and not k[0].startswith("own")]
    # 0.70 before event-type actions with unknown or group actors were coded; they add 26 right
    # of 56 judged here (many of these sentences are the crowd's "difficult no"): floor 0.65
    assert len(scored) >= 70 and sum(scored) / len(scored) >= 0.65, (len(scored), sum(scored))
    assert sum(outside) / len(outside) >= 0.55, (len(outside), sum(outside))


def _store_doc(store, res, doc_id: str, text: str, published: str) -> None:
    doc = prepare(Document(doc_id, text, published=published, language="ar"), res)
    a = run_stages(doc, res)
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
    # an undirected dyad, in a fixed order (by name) whichever side a source tells it from
    assert (may["source"], may["target"]) == ("kb:donald-trump", "kb:vladimir-putin")
    assert {m["doc"] for m in by_date["2025-02-12"]["mentions"]} == {"d"}


def test_visits_keep_their_direction(store, res):
    _store_doc(store, res, "v", "واستقبل البابا ليو الرابع عشر الرئيس الأوكراني زيلينسكي في الفاتيكان.", "2025-05-20")
    merge(store, ["v"], res)
    [rec] = export_actions(store.conn)
    assert (rec["source"], rec["target"], rec["mode"]) == ("kb:pope-leo-xiv", "kb:volodymyr-zelensky", "hosting")


def test_actions_command_names_countries_and_csv(store, res):
    _store_doc(store, res, "a", "أجرى ترامب مكالمة هاتفية مع بوتين يوم الاثنين.", "2025-05-20")
    merge(store, ["a"], res)
    db = str(store.path)
    store.close()
    out = CliRunner().invoke(actions_command, ["--db", db]).output
    assert "2025-05-19  Donald Trump (United States) -CONSULT-> Vladimir Putin (Russia)  [phone call]" in out
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(actions_command, ["--db", db, "--csv"]).output)))
    assert rows[0]["Source Name"] == "Donald Trump" and rows[0]["Source Country"] == "United States"
    assert rows[0]["CAMEO Code"] == "041" and rows[0]["Event Date"] == "2025-05-19"


def test_gold_end_to_end(store, seeds, gold, res):
    """Full pipeline -> store -> linker -> export, scored like score.py."""
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
    assert ok >= 11, ok


def test_first_person_statement_in_a_quote_is_the_speakers(res):
    """The quote names others (India, Pakistan); the one who congratulates is who wrote it."""
    a = analyse('وكتب ترامب على منصته: "بعد محادثات طويلة، أهنئ الهند وباكستان على استخدام الحكمة".', res)
    assert ("SUPPORT", "Donald Trump") in {(x.type, x.source and a.entities[x.source].name) for x in a.actions}
    a = analyse('وقال بوتين للصحفيين: "نرفض هذه الاتهامات جملة وتفصيلا".', res)
    assert {(x.type, a.entities[x.source].name) for x in a.actions} == {("REJECT", "Vladimir Putin")}
    # reported in the third person, the statement is not the quoting speaker's
    a = analyse('وقال بوتين: "الحكومة الأوكرانية ترفض السلام".', res)
    assert all(x.source != "kb:vladimir-putin" or x.type != "REJECT" for x in a.actions)


def test_a_summit_held_is_a_meeting_with_no_one_source(res):
    a = analyse("انطلقت في العاصمة العراقية بغداد اليوم السبت أعمال القمة العربية في دورتها الـ34.", res,
                published="2025-05-17")
    assert [(x.type, x.mode, x.source) for x in a.actions] == [("CONSULT", "meeting", None)]
    a = analyse("ستعقد القمة المقبلة في الرياض العام المقبل.", res, published="2025-05-17")
    assert not [x for x in a.actions if x.modality == "asserted"]  # announced, not held


def test_talks_that_took_place_and_a_leader_taking_part_in_a_summit(res):
    # a verb after the noun tells the talks took place, though no party is named in their clause
    a = analyse("بعد مفاوضات استمرت يومين في جنيف، أعلنت الولايات المتحدة والصين تخفيضات في الرسوم الجمركية.",
                res, published="2025-05-12")
    assert ("CONSULT", "negotiation", None) in {(x.type, x.mode, x.source) for x in a.actions}
    a = analyse("وقال إن المحادثات التي جرت في الدوحة كانت مثمرة.", res, published="2025-05-12")
    assert [(x.type, x.source) for x in a.actions] == [("CONSULT", None)]
    a = analyse("ودعا إلى مفاوضات تستمر حتى التوصل إلى حل.", res, published="2025-05-12")
    assert not [x for x in a.actions if x.type == "CONSULT" and x.modality == "asserted"]
    # taking part in a summit is meeting there; taking part in a march is not
    a = analyse("شارك الرئيس المصري عبد الفتاح السيسي في اجتماعات القمة العربية في بغداد.", res,
                published="2025-05-17")
    assert coded(a) == {("CONSULT", "Abdel Fattah el-Sisi", None)}
    a = analyse("وشارك آلاف الطلاب في المظاهرة أمام الجامعة.", res, published="2025-05-17")
    assert "CONSULT" not in {x.type for x in a.actions}


def test_agreements_of_two_named_in_the_noun_and_reached_by_unnamed_parties(res):
    a = analyse("أعلن الرئيس الأمريكي دونالد ترامب اتفاق الهند وباكستان على وقف إطلاق نار كامل وفوري.", res,
                published="2025-05-10")
    assert {("AGREE", "India", "Pakistan"), ("RETREAT", "India", "Pakistan")} <= coded(a)
    a = analyse('كتب ترامب: "سعيد بالإعلان عن موافقة الهند وباكستان على وقف إطلاق النار".', res, published="2025-05-10")
    assert ("AGREE", "India", "Pakistan") in coded(a)
    # the subject between the reach verb and the agreement: reached, not sought
    a = analyse("توصلت الأطراف العسكرية المتنازعة في العاصمة الليبية طرابلس إلى اتفاق مبدئي لوقف إطلاق النار.", res)
    assert {x.type for x in a.actions} == {"AGREE", "RETREAT"}
    a = analyse("دعا الأمين العام للأمم المتحدة إلى اتفاق لوقف إطلاق النار.", res)
    assert not [x for x in a.actions if x.type in ("AGREE", "RETREAT")]


def test_a_threat_told_by_a_participle_is_the_speakers(res):
    a = analyse("أعلن الرئيس الأمريكي دونالد ترامب رفع الرسوم الجمركية على الصين، متوعدًا بإجراءات إضافية.", res)
    assert ("THREATEN", "Donald Trump", None) in coded(a)
    a = analyse("وقال المسؤول إن القرية أصبحت مهددة بالانهيار.", res)
    assert not a.actions  # threatened by collapse: no one threatens


def test_efforts_to_reach_an_agreement_are_no_agreement(res):
    a = analyse("اختتمت الوفود جولة المفاوضات في إطار مساعي التوصل إلى اتفاق لوقف إطلاق النار.", res)
    assert not [x for x in a.actions if x.type in ("AGREE", "RETREAT")]


def test_a_pair_announcing_an_agreement_are_its_parties_and_the_talks_behind_it():
    res = Resources()
    text = ("أعلنت الولايات المتحدة والصين التوصل إلى اتفاق بشأن الرسوم الجمركية، وذلك عقب مفاوضات استمرت "
            "ثلاثة أيام في لندن.")
    acts = run_stages(prepare(Document(id="t", text=text, published="2025-05-12"), res), res).actions
    got = {(a.type, a.source, a.target) for a in acts}
    assert ("AGREE", "kb:US", "kb:CN") in got and ("CONSULT", "kb:US", "kb:CN") in got
    text2 = "أعلنت إسرائيل وحماس التوصل إلى اتفاق لوقف إطلاق النار في غزة."
    acts2 = run_stages(prepare(Document(id="t", text=text2, published="2025-01-15"), res), res).actions
    assert {(a.type, a.source, a.target) for a in acts2} == {("AGREE", "kb:IL", "kb:hamas"), ("RETREAT", "kb:IL", "kb:hamas")}
