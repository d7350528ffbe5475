"""Event-type actions on plain Arabic news sentences: protests, attacks and arrests by groups
and unnamed actors, with sectors, countries, places and casualty counts; the sentence gate; the
ACLED-style export; and the crowd-labelled sentences held out from the classifier's fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.extract.action_classifier import features, load
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document
from tests.conftest import missing_service

GSR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "arabic_event_gsr"


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def code(text: str, res: Resources):
    return analyse(prepare(Document(id="t", text=text, published="2012-06-01"), res), res).actions


def test_protest_by_a_nationality_crowd(res):
    (a,) = code("تظاهر آلاف الفلسطينيين في رام الله ضد إسرائيل.", res)
    assert (a.type, a.source, a.source_sector, a.target) == ("PROTEST", "grp:people:PS", "CVL", "kb:IL")
    assert a.place_country == "PS" and a.mode == "demonstration"


def test_workers_protest_and_teachers_strike(res):
    (a,) = code("احتج مئات العمال أمام مقر الحكومة في القاهرة على تأخر الأجور.", res)
    assert (a.type, a.source_sector, a.target, a.place_country) == ("PROTEST", "LAB", None, "EG")
    (b,) = code("أضرب المعلمون في الأردن عن العمل احتجاجا على الرواتب.", res)
    assert (b.type, b.mode, b.source_sector) == ("PROTEST", "strike", "LAB")


def test_gunmen_attack_police_and_kill_soldiers(res):
    acts = code("هاجم مسلحون مركزا للشرطة في شمال سيناء، وقتلوا ثلاثة جنود مصريين.", res)
    assert {a.type for a in acts} == {"ASSAULT"}
    first = acts[0]
    assert (first.source, first.source_sector, first.target_sector) == ("grp:gunmen", "UAF", "COP")
    assert any(a.killed == 3 for a in acts) and all(a.place_country == "EG" for a in acts)


def test_nominal_bombing_has_unknown_source_and_counts(res):
    (a,) = code("مقتل سبعة أشخاص بتفجير انتحاري في بغداد.", res)
    assert (a.type, a.source, a.mode, a.killed, a.place_country) == ("ASSAULT", None, "suicide bombing", 7, "IQ")


def test_abduction_by_unidentified_gunmen(res):
    (a,) = code("واختطف مسلحون مجهولون صحفيا فرنسيا في مدينة كركوك.", res)
    assert (a.mode, a.source, a.source_sector, a.place) == ("abduction", "grp:gunmen", "UAF", "Kirkuk")


def test_security_forces_and_arrests(res):
    (a,) = code("اعتقلت الشرطة المصرية عشرات الطلاب في جامعة القاهرة.", res)
    assert (a.type, a.source, a.source_sector, a.target, a.target_sector) == ("COERCE", "kb:EG", "COP", "grp:students", "EDU")


def test_not_attacks(res):
    assert code("اتفق الطرفان على وقف فوري لإطلاق النار.", res) == []  # a ceasefire
    assert code("أسفر الزلزال عن مقتل 76 شخصا وإصابة 440 آخرين.", res) == []  # a quake
    assert [a.type for a in code("واستدعت الخارجية السفير احتجاجا على التصريحات.", res)] != ["PROTEST"]
    assert code("ودعا الاتحاد إلى مسيرات احتجاجية.", res) == []  # a call, not a protest


def test_features_are_plain_and_stable():
    f = features("وتظاهر المحتجون أمس في 3 مدن")
    assert {"w:وتظاهر", "s:محتجون", "num"} <= f and "bias" in f


def test_shipped_classifier_is_small_and_typed():
    models = load()
    assert set(models) == {"PROTEST", "ASSAULT"}
    path = Path(__file__).resolve().parents[2] / "marsad" / "models" / "actions.json"
    assert path.stat().st_size < 5_000_000
    assert all(0 < m.threshold < 1 for m in models.values())


def test_acled_export_and_filters(tmp_path):
    src = tmp_path / "in.jsonl"
    docs = [{"id": "p1", "text": "تظاهر آلاف الفلسطينيين في رام الله ضد إسرائيل.", "published": "2012-06-01",
             "source": "وكالة"},
            {"id": "a1", "text": "مقتل سبعة أشخاص بتفجير انتحاري في بغداد.", "published": "2012-06-02"}]
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    db = str(tmp_path / "db.sqlite")
    r = CliRunner()
    assert r.invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    out = r.invoke(main, ["actions", "--db", db, "--acled", "json"])
    rows = json.loads(out.output)
    by = {x["event_type"]: x for x in rows}
    assert by["ASSAULT"]["actor1"] == "" and by["ASSAULT"]["fatalities"] == 7 and by["ASSAULT"]["country"] == "IQ"
    assert by["PROTEST"]["sector1"] == "CVL" and by["PROTEST"]["outlets"] == "وكالة"
    s = by["ASSAULT"]
    assert docs[1]["text"][s["start"]:s["end"]] == s["sentence"]
    csv_out = r.invoke(main, ["actions", "--db", db, "--acled", "csv", "--sector", "CVL", "--country", "PS"]).output
    assert csv_out.splitlines()[0].startswith("event_id,event_date,event_type") and len(csv_out.splitlines()) == 2
    # the country by its English name, or by a city of it in Arabic, finds the same rows as by its code
    for name in ("Palestine", "رام الله"):
        by_name = r.invoke(main, ["actions", "--db", db, "--acled", "csv", "--sector", "CVL", "--country", name]).output
        assert by_name == csv_out, name


@pytest.mark.skipif(not GSR.exists(), reason=missing_service(f"{GSR} not present (../shared)"))
def test_held_out_crowd_labelled_sentences():
    """The whole coder on the sentences the classifier was not fitted on (40% by text hash).
    Measured when landed: PROTEST found in 30/40 'yes', ASSAULT 116/140; false alarms 25/150
    and 45/150 'difficult no'. Floors sit under those figures."""
    from marsad.extract.action_training import end_to_end

    got = end_to_end(GSR, "")
    tp, ny, fp, nn = got["ASSAULT"]
    assert tp / ny >= 0.75 and fp / nn <= 0.35, got
    tp, ny, fp, nn = got["PROTEST"]
    assert tp / ny >= 0.70 and fp / nn <= 0.25, got


@pytest.mark.skipif(not GSR.exists(), reason=missing_service(f"{GSR} not present (../shared)"))
def test_source_actor_overlaps_the_crowds_marked_one():
    """Where the crowd marked who acted (``*_spans.json``) and the coder codes the type, its
    source overlaps the marked words: 99/131 protest and 84/118 assault sentences when landed
    (85/131 and 75/118 before counted crowds, possessed forces and two-word forces)."""
    from marsad.extract.action_training import source_overlap

    got = source_overlap(GSR, "")
    for typ, (hit, coded, total) in got.items():
        assert coded >= total // 2 and hit / coded >= 0.70, (typ, got)


def test_actor_filter_takes_any_spelling(tmp_path):
    """``--actor`` finds an entity by its Arabic name, another spelling or its Latin name."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "c1", "text": "وأجرى الرئيس الأمريكي دونالد ترامب اتصالا هاتفيا مع الرئيس الروسي"
                                                   " فلاديمير بوتين.", "published": "2025-05-19"},
                              ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "db.sqlite")
    r = CliRunner()
    assert r.invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    for name in ("بوتين", "Putin", "ترمب"):
        rows = json.loads(r.invoke(main, ["actions", "--db", db, "--actor", name, "--json"]).output)
        assert [(a["type"], a["mode"]) for a in rows] == [("CONSULT", "phone call")], name
    assert json.loads(r.invoke(main, ["actions", "--db", db, "--actor", "ماكرون", "--json"]).output) == []


def test_shipping_and_producer_meetings(res):
    """Boats of a named force attack a tanker; producers agree and meet (one party, no target)."""
    (a,) = code("هاجمت زوارق تابعة للحرس الثوري ناقلة نفط في مضيق هرمز.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:irgc")
    acts = code("اتفقت دول تحالف أوبك+ خلال اجتماعها الافتراضي اليوم على زيادة الإنتاج.", res)
    assert {(x.type, x.source, x.target) for x in acts} == {("AGREE", "kb:opec-plus", None),
                                                              ("CONSULT", "kb:opec-plus", None)}


def test_the_end_of_an_act_is_not_the_act_and_an_arrest_names_who_is_arrested(tmp_path):
    """An agreement to cut tariffs is an agreement, not tariffs imposed; a ban on protests is no
    protest; the one named after an arrest noun is arrested, not arresting. (Sentences written
    for the test.)"""
    src = tmp_path / "in.jsonl"
    text = ("أعلنت الولايات المتحدة والصين التوصل إلى اتفاق يقضي بتعليق الرسوم الجمركية الإضافية لمدة 90 يوما. "
            "وستخفض الصين الرسوم الجمركية على الواردات الأمريكية. "
            "والسلطات التركية تحظر المظاهرات في إسطنبول. "
            "وأعلنت السلطات اعتقال إمام أوغلو.")
    src.write_text(json.dumps({"id": "h1", "text": text, "published": "2025-05-12"}, ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "db.sqlite")
    r = CliRunner()
    assert r.invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    rows = json.loads(r.invoke(main, ["actions", "--db", db, "--json"]).output)
    types = sorted(a["type"] for a in rows)
    assert "SANCTION" not in types and "PROTEST" not in types and "AGREE" in types, types
    arrest = next(a for a in rows if a["type"] == "COERCE")
    assert arrest["target"] == "kb:ekrem-imamoglu" and arrest["source"] != "kb:ekrem-imamoglu"


def test_the_attack_a_party_condemns_is_not_its_attack(res):
    """``ندد الاتحاد الأوروبي بالهجوم``: the union condemns; it did not attack."""
    acts = code("ندد الاتحاد الأوروبي بالهجوم على المدنيين في المدينة.", res)
    assert [(a.type, a.source) for a in acts] == [("DISAPPROVE", "kb:eu")]


def test_a_subject_after_kana_before_qad_is_the_actor(res):
    """``وكان X قد أدان``: the pluperfect of a background sentence keeps its subject before the verb."""
    (a,) = code("وكان الرئيس الفرنسي إيمانويل ماكرون قد أدان الهجوم على الكنيسة.", res)
    assert (a.type, a.source) == ("DISAPPROVE", "kb:emmanuel-macron")
    (b,) = code("وكانت الولايات المتحدة قد فرضت عقوبات على إيران الشهر الماضي.", res)
    assert (b.type, b.source, b.target) == ("SANCTION", "kb:US", "kb:IR")


def test_suspending_tariffs_eases_sanctions_and_raising_them_sanctions(res):
    (a,) = code("أعلن ترامب تعليق الرسوم الجمركية على الصين لمدة تسعين يوما.", res)
    assert (a.type, a.cameo, a.source, a.target) == ("CONCEDE", "085", "kb:donald-trump", "kb:CN")
    (b,) = code("أعلن ترامب رفع الرسوم الجمركية على الصين إلى 125 في المئة.", res)
    assert (b.type, b.source, b.target) == ("SANCTION", "kb:donald-trump", "kb:CN")


def test_sanctions_imposed_by_a_named_body_on_counted_firms_or_no_one_named(res):
    """``فرضت X عقوبات``: the verb's subject imposes them, whether the targets are a count of
    firms of a nationality (feminine count, plural adjective) or not named at all; a bare mention
    of sanctions is none."""
    (a,) = code("فرضت وزارة الخزانة الأمريكية عقوبات على ثلاث شركات إيرانية.", res)
    assert (a.type, a.source, a.target) == ("SANCTION", "kb:us-treasury", "kb:IR")
    (b,) = code("فرضت الولايات المتحدة عقوبات على ثلاثة مسؤولين إيرانيين.", res)
    assert (b.type, b.source, b.target) == ("SANCTION", "kb:US", "kb:IR")
    (c,) = code("فرضت بريطانيا عقوبات على أفراد متورطين في الهجوم.", res)
    assert (c.type, c.source, c.target) == ("SANCTION", "kb:GB", None)
    assert code("قال الوزير إن العقوبات لن تغير شيئا.", res) == []


def test_a_person_the_tagger_names_after_a_title_is_an_actor(res):
    """A title and an unlisted five-word name the tagger reads as two names is one subject, and
    the auxiliary before it opens its clause (وكان رئيس الوزراء ... قد أدان)."""
    acts = code('وكان رئيس الوزراء الصومالي عمر عبد الرشيد علي شارماركي قد أدان الهجوم بوصفه "بربريا".', res)
    assert [(a.type, (a.source or "")[:11]) for a in acts] == [("DISAPPROVE", "unk:PERSON:")]


def test_a_state_or_named_armed_body_attacking_is_coded_without_the_classifier(res):
    """The crowd-trained sentence classifier knows one country's protests and assaults, not wars
    between states: a named attacker as the subject of the attack verb (VSO) or of a launch verb
    before the attack noun is structure enough. Its genitive or a place is not an attacker."""
    def coded(text: str) -> list[tuple]:
        return [(a.type, a.source) for a in code(text, res)]

    assert coded("استهدف الحوثيون سفينة تجارية في البحر الأحمر بصاروخ باليستي.") == [("ASSAULT", "kb:houthis")]
    assert coded("أطلق حزب الله عشرات الصواريخ على شمال إسرائيل.") == [("ASSAULT", "kb:hezbollah")]
    assert coded("قصفت المدفعية الإسرائيلية بلدات في جنوب لبنان.") == [("ASSAULT", "kb:IL")]  # an arm of a state
    assert coded("هاجمت زوارق إيرانية ناقلة نفط في مضيق هرمز.") == [("ASSAULT", "kb:IR")]
    assert not any(s == "kb:RU" for _, s in coded("قالت روسيا إن الهجوم على الجسر كان عملا إرهابيا."))
    assert not any(s == "kb:IL" for _, s in coded("ينسب إليه تفجير السفارة الإسرائيلية في الأرجنتين عام 1992."))


def test_a_violated_truce_is_a_ceasefire_violation_not_a_truce(res):
    """CAMEO 196: violating a ceasefire is fighting; the truce or agreement it governs is not coded
    as agreed, and a violation of anything else (human rights) is no attack."""
    assert [(a.type, a.cameo, a.source) for a in code("انتهك الجيش الإسرائيلي اتفاق وقف إطلاق النار.", res)] \
        == [("ASSAULT", "196", "kb:idf")]
    assert [(a.type, a.cameo, a.source) for a in code("خرقت روسيا الهدنة بقصف مدينة خاركيف.", res)] \
        == [("ASSAULT", "196", "kb:RU")]
    assert code("وثق التقرير انتهاكات حقوق الإنسان في السجون.", res) == []
    agreed = {(a.type, a.source) for a in code("اتفقت إسرائيل وحماس على وقف إطلاق النار.", res)}
    assert ("AGREE", "kb:IL") in agreed and all(t != "ASSAULT" for t, _ in agreed)


def test_a_bodys_officials_after_the_verb_are_the_body_acting(res):
    """``اجتمع وزراء أوبك+``: OPEC+'s ministers meeting is OPEC+ meeting (VSO, the officials' noun
    between the verb and the body)."""
    assert [(a.type, a.source) for a in code("اجتمع وزراء أوبك+ في فيينا لبحث مستويات الإنتاج.", res)] \
        == [("CONSULT", "kb:opec-plus")]


def test_a_ceasefire_between_two_parties_is_coded_between_them(res):
    acts = code("دخل وقف إطلاق النار بين إسرائيل وحزب الله حيز التنفيذ صباح اليوم.", res)
    assert [(a.type, {a.source, a.target}) for a in acts] == [("RETREAT", {"kb:IL", "kb:hezbollah"})]


def test_whoever_announces_a_truce_is_its_source(res):
    """``أعلنت روسيا هدنة``: the announcing state declares the ceasefire (the entry's launched_by);
    a ministry announcing deaths is no attacker."""
    assert [(a.type, a.source) for a in code("أعلنت روسيا هدنة لمدة ثلاثة أيام.", res)] == [("RETREAT", "kb:RU")]
    assert all(a.source is None for a in code("أعلنت وزارة الصحة مقتل 20 شخصا في القصف.", res))


def test_clashes_are_coded_whatever_the_sentence_classifier_says(res):
    """The crowd's classifier learned one-sided assaults; a clash between two armed bodies is
    fighting however the sentence reads, with the two sides when the sentence names them."""
    (a,) = code("تجددت الاشتباكات المسلحة في العاصمة طرابلس مع الساعات الأولى من صباح اليوم الأربعاء.", res)
    assert (a.type, a.mode, a.place_country) == ("ASSAULT", "armed clash", "LY")
    assert not code("دعا المجلس إلى وقف الاشتباكات فورا.", res)  # the end of the fighting is no attack


def test_an_armed_group_claiming_the_attack_is_its_agent(res):
    (a,) = code("وتبنت حركة الشباب الهجوم على الفندق.", res)
    assert (a.type, a.source_sector) == ("ASSAULT", "REB")


def test_calling_an_act_barbaric_is_disapproval(res):
    (a,) = code("وصفت باكستان العملية بأنها عمل حربي صارخ.", res)
    assert (a.type, a.source) == ("DISAPPROVE", "kb:PK")
    (b,) = code("من جهتها، اعتبرت باكستان الهجوم بمثابة عمل حربي.", res)
    assert (b.type, b.source) == ("DISAPPROVE", "kb:PK")
    assert "DISAPPROVE" not in {a.type for a in code("وصف الرئيس الفرنسي المحادثات بأنها ناجحة.", res)}
    assert not code("وصل نصف مليون لاجئ إلى الحدود.", res)  # نصف: half, not 'we describe'


def test_an_army_announcing_strikes_is_their_agent_not_the_target(res):
    (a,) = code("أعلنت جماعة الحوثي استهداف سفينة نفط بريطانية في خليج عدن.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:houthis")
    (b,) = code("وأعلن الجيش الإسرائيلي استهداف مواقع لحزب الله في جنوب لبنان.", res)
    assert (b.type, b.target) == ("ASSAULT", "kb:hezbollah") and b.source != "kb:hezbollah"
    # an announcer of casualties is no attacker
    assert all(x.source is None for x in code("أعلنت وزارة الصحة مقتل خمسة أشخاص في الهجوم.", res))


def test_a_militia_taking_a_city_of_its_own_country_and_a_ship_seized(res):
    (a,) = code("سيطرت قوات الدعم السريع على الفاشر.", res)
    assert (a.type, a.mode, a.source, a.target) == ("ASSAULT", "capture of territory", "kb:rsf", "kb:el-fasher")
    assert not code("وسيطرت الحكومة على التضخم خلال العام.", res)
    (b,) = code("استولت قوات إيرانية على ناقلة نفط في مضيق هرمز.", res)
    assert (b.type, b.mode, b.source) == ("COERCE", "seizure", "kb:IR")
    assert not code("رحل البابا عن عالمنا يوم الاثنين عن عمر ناهز 88 عاما.", res)  # died, not deported


def test_a_crowd_counted_by_a_noun_the_lexicon_lacks_is_the_protest_source(res):
    (a,) = [x for x in code("تظاهر أمس عشرات من أعضاء الجمعيات الأهلية ضد قانون الضرائب الجديد.", res)
            if x.type == "PROTEST"]
    assert a.source == "grp:crowds" and a.source_sector == "CVL"
    (u,) = [x for x in code("تظاهر أمس عشرات من أعضاء النقابات المهنية ضد قانون الضرائب الجديد.", res)
            if x.type == "PROTEST"]
    assert u.source == "grp:workers" and u.source_sector == "LAB"  # unions: the lexicon has them
    (b,) = [x for x in code("احتشد عدد من الشبان أمام مقر البلدية احتجاجا على انقطاع المياه.", res)
            if x.type == "PROTEST"]
    assert b.source == "grp:residents"  # the count's من does not make them an object


def test_protesters_anywhere_in_the_sentence_are_the_source_of_its_protest_noun(res):
    text = ("تجمع آلاف المتظاهرين القادمين من محافظات الجنوب قرب مقر البرلمان مساء السبت، "
            "تعبيرا عن احتجاجهم على رفع أسعار الوقود.")
    (a,) = [x for x in code(text, res) if x.type == "PROTEST"]
    assert a.source == "grp:protesters" and text[a.source_span[0]:a.source_span[1]] == "المتظاهرين"


def test_a_verb_after_a_comma_takes_the_subject_after_it(res):
    text = ("وسط إجراءات أمنية مشددة فرضتها الشرطة المصرية، احتشد المتظاهرون أمام مبنى المحافظة ورفعوا لافتات "
            "تطالب بالإفراج عن المعتقلين.")
    (a,) = [x for x in code(text, res) if x.type == "PROTEST"]
    assert a.source == "grp:protesters"


def test_its_forces_are_the_forces_of_the_army_named_before(res):
    text = "وقال الجيش الأمريكي إن قواته قتلت ثلاثة مسلحين في غارة شمال الموصل."
    (a,) = code(text, res)  # the raid is the killing, not a second attack by its victims
    assert (a.type, a.source, a.target) == ("ASSAULT", "kb:army-US", "grp:gunmen")
    assert text[a.source_span[0]:a.source_span[1]] == "الجيش الأمريكي" and a.mode == "air strike"
    (b,) = [x for x in code("وقالت الشرطة إن انتحارية فجرت نفسها عند مدخل السوق.", res) if x.type == "ASSAULT"]
    assert b.source_sector == "REB"  # a ta marbuta is no pronoun: انتحارية is the bomber herself


def test_tanks_opening_their_fire(res):
    (a,) = code("وأفاد شهود بأن دبابات روسية أطلقت نيرانها على الحي الشرقي.", res)
    assert (a.type, a.mode, a.source, a.source_sector) == ("ASSAULT", "gunfire", "kb:RU", "MIL")


def test_war_news_agents_and_targets(res):
    """Forces named by two words, a nationality after a noun read as a verb, a city named after
    a place noun, and an army retaking a city of its own country."""
    (a,) = code("أسقطت الدفاعات الجوية الأوكرانية 20 مسيرة روسية خلال الليل.", res)
    assert (a.type, a.mode, a.source, a.source_sector) == ("ASSAULT", "shooting down", "kb:UA", "MIL")
    (b,) = code("قتل 12 شخصا في قصف روسي على مدينة زابوريجيا.", res)
    assert (b.type, b.mode, b.source) == ("ASSAULT", "shelling", "kb:RU")
    (c,) = code("قصفت القوات الروسية مدينة خاركيف بالصواريخ والمسيرات.", res)
    assert (c.source, c.target) == ("kb:RU", "kb:kharkiv")
    (d,) = code("أعلن الجيش السوداني استعادة السيطرة على مدينة ود مدني من قوات الدعم السريع.", res)
    assert (d.type, d.mode, d.source, d.target) == ("ASSAULT", "capture of territory", "kb:army-SD", "kb:wad-madani")
    assert code("أسقطت المحكمة التهم عن المتهمين الثلاثة.", res) == []  # no aircraft, no attack


def test_ceasefires_shipping_attacks_and_replies(res):
    """How war reports word them: a ceasefire with adjectives inside, a spokesman announcing his
    group's strike, a verb carrying its object pronoun, a reply by shelling, an interception."""
    acts = code("أعلنت الهند وباكستان وقفا فوريا لإطلاق النار بعد أيام من القتال.", res)
    assert ("RETREAT", "kb:IN", "kb:PK") in {(a.type, a.source, a.target) for a in acts}
    (a,) = code("أعلن المتحدث العسكري باسم جماعة الحوثي يحيى سريع استهداف السفينة في البحر الأحمر.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:houthis")
    (b,) = code("غرقت سفينة الشحن بعد أن هاجمها الحوثيون بزوارق مسيرة وصواريخ.", res)
    assert (b.type, b.source) == ("ASSAULT", "kb:houthis")
    (c,) = code("ردت باكستان بقصف مدفعي على مواقع هندية.", res)
    assert (c.type, c.mode, c.source) == ("ASSAULT", "shelling", "kb:PK")
    (d,) = code("اعترضت الدفاعات الإسرائيلية معظم الصواريخ القادمة من إيران.", res)
    assert (d.type, d.mode, d.source) == ("ASSAULT", "shooting down", "kb:IL")
    assert not [x for x in code("بعد انهيار الهدنة استأنف الجيش غاراته.", res) if x.type == "RETREAT"]
    assert code("وصل الوفد في رحلة استمرت ساعتين.", res) == []  # a trip (رحلة) is no deportation


def test_an_attack_undergone_is_coded_with_who_underwent_it(res):
    """``تعرض X لهجوم``: the attack happened to X, whoever did it; criticism or torture undergone is not."""
    (a,) = code("وتعرضت سفينة تجارية لهجوم قبالة سواحل اليمن صباح اليوم.", res)
    assert (a.type, a.source, a.target, a.modality) == ("ASSAULT", None, None, "asserted")
    (b,) = code("تعرضت قوات الجيش السوري لهجوم شنه مسلحون في ريف حمص.", res)
    assert (b.type, b.source, b.target) == ("ASSAULT", "grp:gunmen", "kb:army-SY")
    assert code("تعرض الرئيس لانتقادات حادة من المعارضة.", res) == []


def test_every_action_type_and_mode_has_an_arabic_label():
    """The app shows actions in Arabic: a mode or type with no label would show its English code."""
    from marsad.lang.ar import load_json

    labels = load_json("actions_labels.json")
    entries = load_json("actions_lexicon.json")["entries"]
    assert {e["mode"] for e in entries if e.get("mode")} <= set(labels["modes"])
    assert {e["type"] for e in entries} <= set(labels["types"])


def test_an_attacks_agent_named_well_after_it(res):
    """The group that claimed an attack, or to which it is attributed, is its source even when named a
    dozen words after the attack noun; not the suicide bomber or the gunmen the noun implies."""
    text = ("قتل خمسة جنود وأصيب عشرة آخرون في هجوم انتحاري بسيارة مفخخة استهدف قافلة عسكرية على الطريق"
            " الدولي شمال المدينة وتبنته حركة الشباب.")
    (a,) = code(text, res)
    # the movement named after its head word (حركة), though the text gives no country to tell which
    assert a.type == "ASSAULT" and text[a.source_span[0]:a.source_span[1]] == "حركة الشباب" \
        and a.source.startswith("unk:ORG:") and a.target == "grp:soldiers"
    text = "تعرض مركز للشرطة في جنوب البلاد أمس لهجوم مسلح نسب إلى المتمردين، وأسفر عن مقتل ثلاثة من عناصره."
    (a,) = code(text, res)
    assert a.type == "ASSAULT" and text[a.source_span[0]:a.source_span[1]] == "المتمردين"


def test_a_claim_of_responsibility_names_the_attacker(res):
    """``أعلنت X مسؤوليتها عن الهجوم``: the claimant is the attack's source; an announcement of the
    toll is no claim (sentences written for the test)."""
    (a,) = code("أعلنت حركة طالبان مسؤوليتها عن التفجير الانتحاري الذي استهدف قاعدة عسكرية.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:taliban")
    (a,) = code("وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم على الكنيسة.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:isis")
    assert all(x.source is None for x in code("أعلنت الوزارة مقتل خمسة أشخاص في الهجوم.", res))


def test_no_happening_in_background_content_or_titles(res):
    """An event noun after 'since' is the report's background, one after 'stipulates' is what an
    agreement says, and one joined to a minister's portfolio is part of the title; none is coded.
    The same words as happenings still are (sentences written for the test)."""
    visit = code("وزار الرئيس الإماراتي الدوحة للمرة الأولى منذ فرض الحصار على قطر.", res)
    assert [a.type for a in visit] == ["CONSULT"]
    assert [a.type for a in code("فرضت السلطات حصارا على المدينة.", res)] == ["COERCE"]
    assert not [a for a in code("وينص الاتفاق على انسحاب المتمردين الحوثيين من صنعاء.", res) if a.type == "RETREAT"]
    assert [a.type for a in code("انسحب المتمردون الحوثيون من صنعاء.", res)] == ["RETREAT"]
    assert not code("وحافظ وزير التخطيط والتعاون الدولي على حقيبته.", res)


def test_a_cheering_crowd_is_no_protest_and_supporters_are_not_the_opposition(res):
    assert not code("وهتف حشد فرح في الساحة وصفق مع إعلان النتيجة.", res)
    assert [a.type for a in code("هتف المتظاهرون بشعارات ضد الحكومة في ساحة التحرير.", res)] == ["PROTEST"]
    (a,) = code("واحتشد العشرات من أنصار الرئيس خارج مقر حملته.", res)
    assert (a.source, a.source_sector) == ("grp:supporters", "CVL")
    (m,) = code("حشد الجيش الروسي قوات على الحدود الأوكرانية.", res)
    assert m.type == "MOBILIZE"


def test_tariffs_imposed_with_words_between_the_verb_and_the_noun(res):
    """``أن الصين فرضت اليوم، الجمعة، رسوما``: the subject of فرض is the source even when a
    date stands between the verb and the tariffs (sentences written for the test)."""
    (a,) = code("نقلت وكالة أنباء شينخوا أن الصين فرضت اليوم، الجمعة، رسوما جمركية جديدة على السلع الأميركية.", res)
    assert (a.type, a.source) == ("SANCTION", "kb:CN")
    (a,) = code("وكان ترامب قد فرض في أبريل الماضي رسوما جمركية بنسبة 145% على الواردات الصينية.", res)
    assert (a.type, a.source) == ("SANCTION", "kb:donald-trump")


def test_tariffs_fall_on_the_country_whose_goods_they_name(res):
    (a,) = code("فرضت الصين رسوما جمركية جديدة على السلع الأميركية.", res)
    assert (a.source, a.target) == ("kb:CN", "kb:US")
    (a,) = code("فرضت الولايات المتحدة رسوما جمركية على السيارات المستوردة من اليابان.", res)
    assert (a.source, a.target) == ("kb:US", "kb:JP")
    (a,) = code("قررت واشنطن خفض الرسوم الجمركية على السلع الصينية إلى 30%.", res)
    assert (a.type, a.target) == ("CONCEDE", "kb:CN")


def test_a_verb_joined_by_and_shares_the_subject_of_the_one_before(res):
    """``اجتمع وزراء أوبك+ ... واتفقوا على``: the agreement is OPEC+'s, though its verb names no
    subject (a sentence written for the test)."""
    acts = code("اجتمع وزراء أوبك+ عبر الفيديو واتفقوا على زيادة الإنتاج بمقدار 411 ألف برميل يوميا.", res)
    assert {(a.type, a.source) for a in acts} == {("CONSULT", "kb:opec-plus"), ("AGREE", "kb:opec-plus")}


def test_the_nationality_after_an_attack_noun_is_its_agent_not_the_condemner(res):
    """``أدانت السعودية الغارات الإسرائيلية على لبنان``: Saudi Arabia condemned, Israel struck
    (sentences written for the test)."""
    acts = {a.type: a for a in code("أدانت السعودية الغارات الإسرائيلية على لبنان.", res)}
    assert (acts["DISAPPROVE"].source, acts["ASSAULT"].source, acts["ASSAULT"].target) == ("kb:SA", "kb:IL", "kb:LB")
    acts = {a.type: a for a in code("أدان الأردن القصف الروسي لمدينة خاركيف.", res)}
    assert acts["ASSAULT"].source == "kb:RU"


def test_officials_of_a_body_and_a_counterpart_in_a_meeting(res):
    """The body whose ministers meet (``وزراء خارجية مجموعة السبع``: the count word opening
    the name is no count) and a counterpart, who is the other party, not the subject."""
    (a,) = code("اجتمعت مجموعة السبع في كندا يوم الأربعاء.", res)
    assert (a.type, a.source) == ("CONSULT", "kb:g7")
    (a,) = code("اجتمع وزراء خارجية مجموعة السبع في كندا لبحث الحرب في أوكرانيا.", res)
    assert (a.type, a.source) == ("CONSULT", "kb:g7")
    (a,) = code("التقى لافروف نظيره التركي في أنقرة.", res)
    assert (a.type, a.source, a.target) == ("CONSULT", "kb:sergey-lavrov", "kb:TR")


def test_a_court_sentence_is_coerce_but_time_served_is_not(res):
    """``قضت محكمة بسجن``, ``أصدرت محكمة حكما بإعدام``: a sentence passed; ``قضى عشر سنوات في
    السجن`` (served) and ``هدد بسجن`` (threatened) are not (sentences written for the test)."""
    (a,) = code("قضت محكمة مصرية بسجن الناشط علاء عبد الفتاح خمس سنوات.", res)
    assert (a.type, a.mode) == ("COERCE", "sentence")
    (a,) = code("حكمت محكمة إيرانية بإعدام ثلاثة متظاهرين.", res)
    assert (a.type, a.target) == ("COERCE", "grp:protesters")
    assert code("قضى عشر سنوات في السجن قبل الإفراج عنه.", res) == []
    assert [a.type for a in code("هدد الرئيس بسجن المعارضين.", res)] != ["COERCE"]


def test_a_state_arresting_its_own_citizen_is_coded(res):
    """``اعتقلت السلطات التركية أكرم إمام أوغلو``: repression at home is an action between the
    state and the person, though both are Turkish (a sentence written for the test)."""
    (a,) = code("اعتقلت السلطات التركية أكرم إمام أوغلو بتهمة الفساد.", res)
    assert (a.type, a.source, a.target) == ("COERCE", "kb:TR", "kb:ekrem-imamoglu")


def test_a_portfolio_word_before_an_attack_noun_is_no_title(res):
    """``ناقلة نفط لهجوم``: نفط is a minister's portfolio (وزير النفط), but only a title's first
    word (رئيس اللقاء) makes the noun after it part of a name; a portfolio joined to the one before
    it is still no meeting (sentences written for the test)."""
    (a,) = code("تعرضت ناقلة نفط لهجوم قبالة سواحل اليمن.", res)
    assert (a.type, a.source) == ("ASSAULT", None)
    assert code("حافظ وزير الدولة لشؤون الاعلام والاتصال على حقيبته.", res) == []


def test_soldiers_killed_in_a_bombing_are_its_victims_not_its_agents(res):
    """``قتل ثلاثة جنود في انفجار عبوة ناسفة``: the counted soldiers before the event noun of
    an adjunct (or a noun annexed to it) are who died, so the bombing's agent stays unknown."""
    for text in ("قتل ثلاثة جنود في هجوم بمحافظة درعا.", "قتل ثلاثة جنود في انفجار عبوة ناسفة بمحافظة درعا."):
        (a,) = code(text, res)
        assert (a.type, a.source, a.target, a.killed) == ("ASSAULT", None, "grp:soldiers", 3)


def test_what_an_attack_falls_on_named_by_a_nationality_or_a_city(res):
    """``هجوما على سفينة إسرائيلية``: a nationality after the thing attacked names the target;
    ``تعرضت مدينة خاركيف لقصف``: the city that underwent the shelling is its target, where a
    dateline's city is not (sentences written for the test)."""
    (a,) = code("شن الحوثيون هجوما على سفينة إسرائيلية في البحر الأحمر.", res)
    assert (a.type, a.source, a.target) == ("ASSAULT", "kb:houthis", "kb:IL")
    for text in ("تعرضت مدينة خاركيف لقصف روسي عنيف ليلة الأحد.", "تعرضت خاركيف لقصف روسي."):
        (a,) = code(text, res)
        assert (a.type, a.source, a.target) == ("ASSAULT", "kb:RU", "kb:kharkiv")
    (a,) = code("دمشق - تعرضت قافلة لهجوم في ريف حلب.", res)
    assert (a.type, a.target) == ("ASSAULT", None)


def test_police_dispersing_protesters_is_repression(res):
    """``فرقت الشرطة المتظاهرين``: the verb names the police as the agent (before, only the tear
    gas noun was coded, with no source); ``تفرق المتظاهرون`` (they dispersed) is no action."""
    (a,) = code("فرقت الشرطة المتظاهرين بالغاز المسيل للدموع.", res)
    assert (a.type, a.mode, a.source, a.target) == ("COERCE", "repression", "grp:security_forces", "grp:protesters")
    assert code("تفرق المتظاهرون بعد الظهر.", res) == []


def test_a_counterpart_named_by_a_plural_nationality(res):
    """``نظراءهم الأوكرانيين``: the sound plural of a nationality adjective names the country
    as the singular does (a sentence written for the test)."""
    (a,) = code("التقى وزراء خارجية الاتحاد الأوروبي نظراءهم الأوكرانيين في بروكسل.", res)
    assert (a.type, a.source, a.target) == ("CONSULT", "kb:eu", "kb:UA")


def test_a_ship_hit_by_a_missile_underwent_an_attack(res):
    """``أصيبت سفينة تجارية بصاروخ``: a passive verb of being hit with the weapon glued to ب tells
    that an attack happened, whoever did it (nothing was coded before); being hit by a virus or
    wounded in a road accident is no attack (sentences written for the test)."""
    (a,) = code("أصيبت سفينة تجارية بصاروخ قبالة سواحل اليمن.", res)
    assert (a.type, a.mode, a.source) == ("ASSAULT", "shelling", None)
    assert code("أصيب الرئيس بفيروس كورونا.", res) == []
    assert code("أصيب سبعة أشخاص بجروح في حادث سير.", res) == []


def test_dual_weapons_and_a_confiscation(res):
    """Dual weapon nouns (``صاروخين``, ``غارتين``) are the attack their singular is, and
    ``صادرت`` is a seizure (sentences written for the test)."""
    (a,) = code("أطلق الحوثيون صاروخين على سفينة في البحر الأحمر.", res)
    assert (a.type, a.source) == ("ASSAULT", "kb:houthis")
    (a,) = code("شنت إسرائيل غارتين على دمشق.", res)
    assert (a.type, a.source, a.target) == ("ASSAULT", "kb:IL", "kb:damascus")
    (a,) = code("صادرت البحرية الإيرانية ناقلة نفط أجنبية في مضيق هرمز.", res)
    assert (a.type, a.mode, a.source) == ("COERCE", "seizure", "kb:IR")


def test_a_shell_falling_and_a_missile_fired_by_a_named_body(res):
    """``سقطت قذيفة على حي سكني``: a shell or rocket that fell tells an attack, whoever fired it;
    ``صاروخين أطلقهما الحوثيون``: who fired the weapon is the attack's agent, and names it well
    enough that the sentence classifier is not asked (nothing was coded for either). A regime
    falling is no attack (sentences written for the test)."""
    (a,) = code("سقطت قذيفة على حي سكني في دمشق.", res)
    assert (a.type, a.mode, a.source) == ("ASSAULT", "shelling", None)
    (a,) = code("سقطت عدة صواريخ على مدينة سديروت.", res)
    assert (a.type, a.target) == ("ASSAULT", "kb:sderot")
    assert code("سقط النظام بعد أسابيع من الاحتجاجات.", res) == []
    for text in ("سقط صاروخ أطلقه الحوثيون في صحراء النقب.",
                 "أصاب صاروخ باليستي أطلقه الحوثيون سفينة تجارية.",
                 "رصد الجيش صاروخين أطلقهما الحوثيون باتجاه إيلات."):
        (a,) = code(text, res)
        assert (a.type, a.source) == ("ASSAULT", "kb:houthis")
    # a firing marker further on points back to another noun: no firer, and the classifier is asked
    assert all(a.source != "kb:FR" for a in code(
        "دمر صاروخ مستشفى في المدينة بعد يوم من حملة التطعيم التي أطلقتها فرنسا.", res))


def test_an_agreement_reached_failed_or_not_reached(res):
    """``توصلت أرمينيا وأذربيجان إلى اتفاق سلام``: an agreement reached between two named
    parties is coded without an event noun after it (nothing was coded); a reach verb negated or
    failed negates it (``لم تتوصل``, ``فشلت ... في التوصل``; both were asserted). Sentences
    written for the test."""
    (a,) = code("توصلت أرمينيا وأذربيجان إلى اتفاق سلام.", res)
    assert (a.type, a.source, a.target, a.negated) == ("AGREE", "kb:AM", "kb:AZ", False)
    for text in ("لم تتوصل روسيا وأوكرانيا إلى اتفاق.",
                 "ولم تتوصل روسيا وأوكرانيا حتى الآن إلى اتفاق لتبادل الأسرى.",
                 "فشلت روسيا وأوكرانيا في التوصل إلى اتفاق لوقف إطلاق النار."):
        acts = code(text, res)
        assert "AGREE" in {a.type for a in acts}
        assert all(a.negated for a in acts)
    assert code("قال إن الاتفاق بين البلدين لم يعد قائما.", res) == []
    # a failure before the reaching is not a failure to reach, nor is a search that found no one
    # a failed strike
    for text in ("بعد تعثر المفاوضات لأشهر توصلت روسيا وأوكرانيا إلى اتفاق.",
                 "بعد فشل المحادثات السابقة توصلت أرمينيا وأذربيجان إلى اتفاق سلام."):
        (a,) = code(text, res)
        assert (a.type, a.negated) == ("AGREE", False)
    acts = code("لم تتوصل الشرطة بعد إلى منفذي الغارة الإسرائيلية على دمشق.", res)
    assert [a.type for a in acts] == ["ASSAULT"] and not acts[0].negated


def test_a_town_taken_with_no_name(res):
    """``سيطرت القوات الروسية على بلدة``: a capture with no named place is coded when a place
    noun follows (it needed a named target); taking weapons or a fire under control is not
    (sentences written for the test)."""
    (a,) = code("سيطرت القوات الروسية على بلدة في منطقة دونيتسك.", res)
    assert (a.type, a.mode, a.source) == ("ASSAULT", "capture of territory", "kb:RU")
    assert code("سيطروا على كميات كبيرة من السلاح في منطقة الجبل.", res) == []
    assert code("سيطرت فرق الإطفاء على الحريق في منطقة صناعية.", res) == []
    assert code("سيطرت قوات الأمن على الوضع في مدينة حمص.", res) == []
    (a,) = code("سيطرت قوات الدعم السريع على الفاشر.", res)
    assert (a.source, a.target) == ("kb:rsf", "kb:el-fasher")


def test_hostages_released_and_prisoners_exchanged(res):
    """``أطلقت حماس سراح ثلاث رهائن``: a release told with أطلق سراح (only أفرج was coded);
    ``عملية تبادل أسرى``: after عملية the form is the exchange noun, not a verb, and the
    subject of أجرت made it; a count may stand before the prisoners (``تبادلت ... 300 أسير``).
    A demand for a release is no release; the hostages' families make it (sentences written for
    the test)."""
    for text in ("أطلقت حماس سراح ثلاث رهائن إسرائيليات.", "أعلنت حماس إطلاق سراح ثلاث رهائن."):
        (a,) = code(text, res)
        assert (a.type, a.source) == ("RETREAT", "kb:hamas")
    # the families' demand, no release
    assert [(a.type, a.source) for a in code("طالبت عائلات الرهائن بإطلاق سراح ذويهم.", res)] \
        == [("DEMAND", "grp:victims_families")]
    for text in ("أجرت روسيا وأوكرانيا عملية تبادل أسرى.", "تبادلت روسيا وأوكرانيا 300 أسير."):
        (a,) = code(text, res)
        assert (a.type, a.source, a.target) == ("RETREAT", "kb:RU", "kb:UA")


def test_seizing_a_town_is_taking_territory_and_seizing_goods_is_not(res):
    """``استولى`` on a place (a named city, or a place noun after على) is a capture of territory,
    even by a party of the same country; on money or a ship it stays a seizure."""
    acts = code("استولت قوات الدعم السريع على مدينة الفاشر بعد معارك عنيفة.", res)
    assert ("ASSAULT", "capture of territory", "kb:rsf", "kb:el-fasher") in {
        (a.type, a.mode, a.source, a.target) for a in acts}
    (b,) = code("استولى مسلحون على بلدة في شمال مالي.", res)
    assert (b.type, b.mode) == ("ASSAULT", "capture of territory")
    (c,) = code("استولت السلطات على أموال الشركة.", res)
    assert (c.type, c.mode) == ("COERCE", "seizure")
    (d,) = code("استولى الحوثيون على سفينة تجارية.", res)
    assert (d.type, d.mode, d.source) == ("COERCE", "seizure", "kb:houthis")
