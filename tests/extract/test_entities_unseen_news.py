"""Entities on held-out news: 18 Arabic articles written for this test in the styles of several
outlets (tests/fixtures/unseen_news), ingested and exported as a user would, scored by the
shared scorer's ``entities_part`` (variant recall, one id per gold entity, no two gold entities
sharing an id). The gold was written before the system was run on these texts. A second, blind
set of 6 articles was written after the entity fixes and measured once before any change
(0.760 recall, 75/98); it guards against tuning to the first set. A third set of 8 articles
(blind2: Maghreb, Horn of Africa, Afghanistan/Pakistan, Brazil, Turkey, Kuwait, sports, economy)
was written and measured once (0.538 recall, 71/127) before the discovery of institutions,
affiliations and surname suffixes that it then informed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.conftest import shared_scorer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "unseen_news"


def _scorer():
    return shared_scorer()


def _export(tmp_path_factory, articles: str) -> dict:
    db = str(tmp_path_factory.mktemp("unseen") / "u.db")
    runner = CliRunner()
    r = runner.invoke(main, ["ingest", str(CORPUS / articles), "--db", db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["export", "--db", db])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def _parts(line: str) -> tuple[float, int, int, int]:
    recall = float(re.search(r"variant_recall=([\d.]+)", line).group(1))
    one, total = map(int, re.search(r"one_id_per_entity=(\d+)/(\d+)", line).group(1, 2))
    return recall, one, total, int(re.search(r"wrong_merges=(\d+)", line).group(1))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    return _export(tmp_path_factory, "articles.jsonl")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((CORPUS / "gold.json").read_text("utf-8"))


def test_corpus_is_what_the_gold_describes(gold):
    arts = [json.loads(x) for x in (CORPUS / "articles.jsonl").read_text("utf-8").splitlines() if x.strip()]
    assert len(arts) >= 12 and {a["id"] for a in arts} == set(gold["documents"])
    assert all(150 <= len(a["text"].split()) <= 400 for a in arts)
    text = "\n".join(a["text"] for a in arts)
    for e in gold["entities"]:
        for v in e["variants"]:  # every variant is written in the texts (the article may be elided: للوكالة)
            assert v in text or (v.startswith("ال") and "لل" + v[2:] in text), (e["name"], v)


def test_entities_score_on_unseen_news(exported, gold):
    score, line = _scorer().entities_part(exported, gold)
    recall, one, total, wrong = _parts(line)
    assert wrong == 0, line  # precision first: two people are never one entity
    # measured 0.984 recall, 204/208 (earlier 0.969, 200/208; before this work: 0.725, 149/208, 1 wrong merge)
    assert recall >= 0.97 and one / total >= 0.96 and score >= 0.93, line


def test_people_sharing_a_name_part_stay_apart(exported):
    """Traps written into the corpus: one family name (آل ثاني, دقلو), one given name (عبد الفتاح,
    أنطونيو, فلاديمير) or a nisba surname that is also an adjective (السوداني)."""
    owner: dict[str, set[str]] = {}
    for e in exported["entities"]:
        for m in e["mentions"]:
            owner.setdefault(m["text"], set()).add(e["id"])
    pairs = [("تميم بن حمد آل ثاني", "محمد بن عبد الرحمن آل ثاني"), ("عبد الرحيم دقلو", "محمد حمدان دقلو"),
             ("عبد الفتاح البرهان", "عبد الفتاح السيسي"), ("أنطونيو كوستا", "أنطونيو غوتيريش"),
             ("حمد بن خليفة آل ثاني", "تميم بن حمد آل ثاني"), ("سلمان بن عبد العزيز", "محمد بن سلمان بن عبد العزيز")]
    for a, b in pairs:
        assert owner.get(a) and owner.get(b) and not owner[a] & owner[b], (a, b, owner.get(a), owner.get(b))
    sudani = {(e["id"], m["doc"]) for e in exported["entities"] for m in e["mentions"] if m["text"] == "السوداني"}
    assert sudani == {("kb:mohammed-shia-al-sudani", "u14")}  # never the adjective of الجيش السوداني


def test_entities_score_on_the_blind_set(tmp_path_factory):
    gold = json.loads((CORPUS / "blind_gold.json").read_text("utf-8"))
    score, line = _scorer().entities_part(_export(tmp_path_factory, "blind_articles.jsonl"), gold)
    recall, one, total, wrong = _parts(line)
    assert wrong == 0, line
    # measured 0.885 recall, 87/98 (then 0.827, 81/98; first run: 0.760, 75/98)
    assert recall >= 0.86 and one / total >= 0.86, line


def test_entities_score_on_the_second_blind_set(tmp_path_factory):
    gold = json.loads((CORPUS / "blind2_gold.json").read_text("utf-8"))
    arts = [json.loads(x) for x in (CORPUS / "blind2_articles.jsonl").read_text("utf-8").splitlines() if x.strip()]
    assert {a["id"] for a in arts} == set(gold["documents"])
    score, line = _scorer().entities_part(_export(tmp_path_factory, "blind2_articles.jsonl"), gold)
    recall, one, total, wrong = _parts(line)
    assert wrong == 0, line  # the Bolsonaros, the Al-Sabahs and the Turkish -oğlu names stay apart
    # measured 0.678 recall, 89/127 (first run, before any change it informed: 0.538, 71/127)
    assert recall >= 0.65 and one / total >= 0.67, line


def _action_types(exp: dict, want: dict[str, list[str]]) -> tuple[int, int, int]:
    """(right, coded, labelled) action types per report, over asserted, non-negated records."""
    got: dict[str, set[str]] = {}
    for a in exp["actions"]:
        if not a["negated"] and a["modality"] == "asserted":
            for m in a["mentions"]:
                got.setdefault(m["doc"], set()).add(a["type"])
    right = sum(len(set(w) & got.get(d, set())) for d, w in want.items())
    return right, sum(len(got.get(d, set())) for d in want), sum(len(w) for w in want.values())


def _blind_figures(tmp_path_factory, name: str) -> tuple[tuple[float, int, int, int], tuple[int, int, int]]:
    """((variant recall, one id per entity, wrong merges, right speakers), action types per
    report) of a blind set ingested and exported as a user would."""
    gold = json.loads((CORPUS / f"{name}_gold.json").read_text("utf-8"))
    exp = _export(tmp_path_factory, f"{name}_articles.jsonl")
    recall, one, _, wrong = _parts(_scorer().entities_part(exp, gold)[1])
    speakers = int(re.search(r"right_speaker=(\d+)/", _scorer().quotes_part(exp, gold)[1]).group(1))
    return (recall, one, wrong, speakers), _action_types(exp, gold["action_types"])


def test_entities_speakers_and_action_types_on_the_sixteenth_blind_set(tmp_path_factory):
    """blind16: eight reports (the Sudanese army retaking Wad Madani, a smuggling cell broken up in
    Jordan, Israeli strikes in south Lebanon, a Qatari-mediated US-Iran prisoner swap, farmers
    blocking a highway in Dhi Qar, a Somali offensive on al-Shabaab, the Arab League and GCC on a
    strike in Doha, Iran and the E3 on snapback), written by a helper who did not read marsad's
    code, gold written before marsad was run; 53 quotes, 6 by unnamed sources and some by people
    named in one form only, whom the gold names in English no export can match. Measured once,
    blind: entities 0.906, 37/42, 0 wrong merges; speakers 39/53; action types P 0.86 R 0.68
    (38/44/56). A spokesman's title alone standing for the one spokesman named before, a
    governor's title, and المقاومة الإسلامية as Hezbollah in news of Lebanon then gave entities
    0.918 and speakers 41/53; a threat in the speaker's own words (قطر تحتفظ بحق الرد) action types
    40/46/56: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind16")
    assert wrong == 0 and recall >= 0.91 and one >= 37 and speakers >= 41, (recall, one, wrong, speakers)
    assert right / coded >= 0.8 and right / labelled >= 0.7, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_twentieth_blind_set(tmp_path_factory):
    """blind20: eight reports (a Jordanian parliament row over a water deal with a walkout, Kuwaiti
    former MPs sentenced, an Algerian-Malian drone incident, Omani mediation freeing a Belgian, a
    Gulf football transfer row, a wildfire in north-west Tunisia, Lebanese depositors' sit-in, the
    AU on a Somali-Ethiopian port deal in stiff translated style), written by a helper who did not
    read marsad's code, gold written before marsad was run, every named speaker among its
    entities. Measured once, blind, at 38b49d2: entities 0.685, 41, 0 wrong merges; speakers 29/56;
    action types 34/35/72. Unnamed groups acting, a byline, a pronoun subject before the verb, a
    tribal family name after a title, an investigation opened, a name with the father's name
    dropped, a person keyed without the article on his family name and a spokesman titled after
    a relative then gave entities 0.731, 45; speakers 35/56; action types 41/42/72: it is no
    longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind20")
    assert wrong == 0 and recall >= 0.72 and one >= 44 and speakers >= 34, (recall, one, wrong, speakers)
    assert right / coded >= 0.95 and right / labelled >= 0.55, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_twenty_first_blind_set(tmp_path_factory):
    """blind21: eight reports (Egyptian-Turkish trade and gas talks, an RSF attack on a market and
    aid convoys held, a Kurdistan salaries strike, Fatah and Hamas in Algiers, a Moroccan doctors'
    strike, an Israeli raid in Jenin, a Libyan oil field shut by tribal protesters, the Arab League
    on Red Sea attacks), written by a helper who did not read marsad's code, gold written before
    marsad was run. Measured once, blind, at 38b49d2: entities 0.875, 37, 0 wrong merges; speakers
    34/55; action types 46/50/67. A role standing for the one man named with it, على لسان, a verb
    with no subject continuing the man the sentence before opened with, an aside holding a verb
    that reports nothing and the people keyed without the article on their family names then gave
    entities 0.875, 38; speakers 38/55; action types 49/53/67: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind21")
    assert wrong == 0 and recall >= 0.87 and one >= 38 and speakers >= 37, (recall, one, wrong, speakers)
    assert right / coded >= 0.9 and right / labelled >= 0.7, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_twenty_second_blind_set(tmp_path_factory):
    """blind22: eight reports (Deir ez-Zor clashes and a truce, Mauritanian election results
    contested with arrests, a Qatari-US pledge for Gaza hospitals, a Bahrain-Iran thaw, a Tunisian
    journalists' sit-in, UN-led Libyan talks in Geneva, aid workers kidnapped in Chad, an Iraqi
    elections-law vote with a walkout), written by a helper who did not read marsad's code, gold
    written before marsad was run. Measured once, blind, at 38b49d2: entities 0.83, 46, 0 wrong
    merges; speakers 41/55; action types 37/38/67. دانت before a name set off by its title, فيه
    after a verb, a title with its pronoun (رئيسه فلان), the name before a relative that speaks,
    Reporters Without Borders and ISWAP in the knowledge base then gave entities 0.84, 46;
    speakers 44/55; action types 41/42/67: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind22")
    assert wrong == 0 and recall >= 0.83 and one >= 46 and speakers >= 43, (recall, one, wrong, speakers)
    assert right / coded >= 0.95 and right / labelled >= 0.6, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_nineteenth_blind_set(tmp_path_factory):
    """blind19: eight reports (cholera in Yemen with WHO and UNICEF, an earthquake rebuilding sit-in
    in Al Haouz, Oman passing a US message to Iran, a Tunisian presidential pardon, Palestinian
    detainees' hunger strike, a migrant boat off Zuwara with IOM, a Sonatrach-Eni deal in stiff
    translated style, Egyptian fuel prices and MPs), written by a helper who did not read marsad's
    code, gold written before marsad was run, every named speaker among its entities. Measured once,
    blind, at a7d4f0e: entities 0.71, 42, 0 wrong merges; speakers 43/57; action types P 0.93 R 0.58
    (28/30/48). A name set off by a comma before its title after عن or a speech verb, a family name
    after a lineage (سالم بن حمد الحارثي), جبهة with one word, نيا as a surname's suffix and
    the UGTT's short names in Tunisian news then gave entities 0.785, 45, speakers 47/57, action
    types 29/31/48; a bare title for the man named after a long scope (وزير الصحة العامة والسكان
    في الحكومة المعترف بها دوليا ياسر باعباد) speakers 48/57; جبهة with one word dropped again after
    a review (جبهة القتال is no front) entities 0.774: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind19")
    assert wrong == 0 and recall >= 0.77 and one >= 45 and speakers >= 48, (recall, one, wrong, speakers)
    assert right / coded >= 0.9 and right / labelled >= 0.6, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_eighteenth_blind_set(tmp_path_factory):
    """blind18: eight reports (Algeria expels a French consul, a Jordanian teachers' strike, Syrian
    government and SDF talks, a settler attack near Ramallah, a Saudi-Chinese-Iranian committee in
    Beijing in Gulf style, a Lebanese presidential session losing its quorum, the Nile dam row, an
    Istanbul mayor's arrest in stiff translated style), written by a helper who did not read
    marsad's code, gold written before marsad was run; this gold lists every named speaker among
    its entities with its Arabic forms, so only the 7 quotes of unnamed sources can never match.
    Measured once, blind, at a7d4f0e: entities 0.768, 45, 0 wrong merges; speakers 33/55; action
    types P 0.91 R 0.50 (29/32/58). A spokesman titled after his name going on as the bare title,
    an honorific with a pronoun (وأضاف معاليه), long asides before إن or a colon and a connective
    before a postposed quote then gave speakers 41/55; action types 30/34/58; a union named by its
    head and one word (نقابة المعلمين), its name ending before a purpose, and named again without its
    nationality, entities 0.778, speakers 42/55, action types 31/35/58; a title of one plain scope
    word (نقيب المعلمين) making the name after it an actor, a walkout from the hall and praise by
    ثمّن, action types 35/38/58: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind18")
    assert wrong == 0 and recall >= 0.77 and one >= 45 and speakers >= 42, (recall, one, wrong, speakers)
    assert right / coded >= 0.88 and right / labelled >= 0.6, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_seventeenth_blind_set(tmp_path_factory):
    """blind17: eight reports (a Moroccan budget vote and the opposition's walkout, an Egyptian
    fraud verdict, Kuwait's central bank and OPEC+, Libya's rival governments over the central
    bank in stiff translated style, a Tunisian journalists' protest after an arrest, Houthi-
    government prisoner talks in Muscat, herders killed on the Mauritania-Mali border, an Iraqi
    football age-forgery scandal), written by a helper who did not read marsad's code, gold
    written before marsad was run; 62 quotes, the gold naming speakers in English, so those named
    under one Arabic form, unnamed sources and statements can never match. Measured once, blind,
    at a7d4f0e: entities 0.767, 44 found in one entity, 0 wrong merges; speakers 32/62; action
    types P 0.96 R 0.43 (26/27/60). A union found from its own head acting, statements in a sports
    report and a verb voweled as passive then gave entities 0.776, 45, action types 30/31/60; a
    syndicate head's title (نقيبة), a compound given name (محمد الأمين) and a Mauritanian surname
    with ولد entities 0.793, 46, speakers 33/62, action types 33/34/60; what came in a statement
    (وجاء في بيان صادر عن ...) speakers 37/62; Maghreb given names (امحمد) after a title phrase
    in a preposition (المكلف بالميزانية) entities 0.81, 47, speakers 39/62: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind17")
    assert wrong == 0 and recall >= 0.80 and one >= 47 and speakers >= 39, (recall, one, wrong, speakers)
    assert right / coded >= 0.9 and right / labelled >= 0.5, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_fifteenth_blind_set(tmp_path_factory):
    """blind15: eight reports (a teachers' sit-in in Morocco, a Houthi missile on a bulk carrier,
    an Iraqi parliament session and its walkout, Libya's rival governments over the central bank,
    earthquake relief in Syria, a Syrian-Lebanese border deal, a Tunisian court sentencing
    opposition figures, an OPEC+ delay and India's reply), written by a helper who did not read
    marsad's code, gold written before marsad was run; 69 quotes, 8 of them by unnamed sources
    the gold names by a description no export can match. Measured once, blind: entities 0.765,
    28/34, 0 wrong merges; speakers 40/69; action types P 0.88 R 0.53 (28/32/53). باسم read as a
    given name after titles other than a spokesman's, a verb joined by و continuing a sentence's
    titled subject, and a going-on verb with a title continuing the person quoted just before
    gave entities 0.794, 29/34, speakers 46/69 and action types 29/33/53; MPs as a group (a
    walkout, a bloc's threat) 31/35/53; a bare title after its verb standing for the person named
    with it (ورفض الوزير) and الكاتب العام as a title 34/38/53; a third name word the article
    repeats alone (هارديب سينغ بوري ... بوري) entities 0.824, 30/34, speakers 48/69, action
    types 36/40/53; a going-on verb with a title of two words (وتابع الأمين العام) 49/69; a given
    name written with the article after a title (محافظ المصرف الصديق الكبير) entities 0.853, 31/34,
    speakers 50/69, action types 37/41/53: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind15")
    assert wrong == 0 and recall >= 0.85 and one >= 31 and speakers >= 50, (recall, one, wrong, speakers)
    assert right / coded >= 0.85 and right / labelled >= 0.67, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_fourteenth_blind_set(tmp_path_factory):
    """blind14: eight reports (Gulf and Iranian foreign ministers in Doha, a Tunisian transport
    strike, the Baghdad-Erbil oil dispute, a Yemeni prisoner exchange, an Egyptian tax law and the
    opposition's walkout, West Bank raids, an aid convoy stopped before El Fasher, an Algerian-French
    expulsion row), written by a helper who did not read marsad's code, gold written before marsad
    was run; statements dominate. Measured once, blind: entities 0.852, 22/26, 0 wrong merges;
    speakers 17/26; action types P 0.76 R 0.36 (19/25/53). A name found right after a kind word
    (منظمة «...») acting, a person titled once acting when named again by surname, and the longer
    names of foreign ministries (والمغتربين) gave action types 26/33/53 (P 0.79 R 0.49) and
    entities 23/26: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind14")
    assert wrong == 0 and recall >= 0.85 and one >= 23 and speakers >= 17, (recall, one, wrong, speakers)
    assert right / coded >= 0.75 and right / labelled >= 0.47, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_thirteenth_blind_set(tmp_path_factory):
    """blind13: eight reports from Lebanon, Iraq, the Sahel, the Gulf, Libya, Syria and the
    Maghreb (a parliament session, Turkish strikes on the PKK, a mutiny, a Qatari-mediated swap,
    power cuts and protests in Basra, clashes in Tripoli, a border security meeting, a row over
    Western Sahara at the UN), written by a helper who did not read marsad's code, gold written
    before marsad was run. Measured once, blind: entities 0.845, 21/24; speakers 19/24; action
    types P 0.78 R 0.50 (21/27/42). A title alone standing for the one person named with it and
    a surname after بن then gave speakers 21/24 and entities 0.862: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind13")
    assert wrong == 0 and recall >= 0.86 and one >= 21 and speakers >= 21, (recall, one, wrong, speakers)
    assert right / coded >= 0.7 and right / labelled >= 0.48, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_twelfth_blind_set(tmp_path_factory):
    """blind12: eight reports of elections, money, health, migration, courts and the sea
    (Mozambique's disputed vote, a Turkish rate cut, cholera in Lebanon, a migrant boat off Sfax,
    an ICC warrant defied by Italy, an IMF deal with Egypt, Sudanese refugees in Chad, a tanker
    seized in Hormuz), written by a helper who did not read marsad's code, gold written before
    marsad was run. Measured once, blind: entities 0.825, 22/24; speakers 14/24; action types
    P 0.76 R 0.44 (16/21/36). The rules then written from its misses (a pro-drop verb after a
    sentence opening with a person, an outlet relaying a statement's issuer, a quotation before
    بحسب ما نقلت ... عن, a channel set off by commas, surnames of two words, short names of
    bodies) gave 0.889, 22/24 and speakers 21/24 (two of the three left are unnamed sources the
    scorer counts right only without a speaker text): it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind12")
    assert wrong == 0 and recall >= 0.88 and one >= 22 and speakers >= 21, (recall, one, wrong, speakers)
    assert right / coded >= 0.7 and right / labelled >= 0.44, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_eleventh_blind_set(tmp_path_factory):
    """blind11: eight reports from the Maghreb, the Sahel, Iraq, Jordan and the Gulf (a teachers'
    strike and a sit-in broken up in Rabat, opposition figures sentenced in Tunis, floods in
    Yemen, an attack on an army post in Burkina Faso, an Algeria-France row over expelled staff,
    Kurdistan's oil exports resuming, smugglers killed on Jordan's border, a state visit to
    Jeddah), written by a helper who did not read marsad's code, gold written before marsad was
    run. Measured once, blind: entities 0.750, 15/22; speakers 12/22; action types P 0.75 R 0.34
    (12/16/35). The rules then written from its misses (a teaser inside an article no longer
    cuts the rest, a portfolio joined by و inside a title, an army named by القوات المسلحة, a
    statement of a part of a body, English and French ch keyed alike, envoys recalled by noun,
    relief sent, a body's statement as subject) gave 0.875, 17/22, speakers 17/22 and action
    types P 0.71 R 0.43 (15/21/35): it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind11")
    assert wrong == 0 and recall >= 0.87 and one >= 18 and speakers >= 17, (recall, one, wrong, speakers)
    assert right / coded >= 0.7 and right / labelled >= 0.42, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_tenth_blind_set(tmp_path_factory):
    """blind10: eight reports of politics and diplomacy with hard speakers (an Iraqi budget
    session, Sudan talks in Jeddah, Iran-US talks in Muscat, Libya's central bank dispute, clashes
    at Torkham, a Yemeni prisoner exchange, Syria's transitional cabinet, Egyptian fuel prices),
    written by a helper who did not read marsad's code, gold written before marsad was run.
    Measured once, blind: entities 0.860, 17/20; speakers 15/20; action types P 0.65 R 0.52
    (17/26/33). The rules then written from its misses (the north-east Syrian administration and
    Pakistan's military media wing in the knowledge base, a clause verb before its subject, وصف
    framing a quoted characterisation, an adjective after a statement channel, a title's scope
    in ل, a title and its body after a postposed verb, a parliament named by its council, a head
    and adjective opening the name of the body last named) gave 0.953, 18/20, speakers 19/20
    and action types P 0.67 R 0.55 (18/27/33): it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind10")
    assert wrong == 0 and recall >= 0.95 and one >= 18 and speakers >= 19, (recall, one, wrong, speakers)
    assert right / coded >= 0.65 and right / labelled >= 0.5, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_ninth_blind_set(tmp_path_factory):
    """blind9: eight reports in the matter of conflict researchers' daily coding (an OPEC+ output
    decision, a Gaza truce with a hostage and prisoner exchange, shelling of a camp near El Fasher,
    Russian and Ukrainian strikes on energy sites, a tanker seized in Hormuz, an Israeli strike in
    south Lebanon and Lebanon's complaint, pirates hijacking a ship off Puntland, the Houthis
    halting attacks while the US Treasury sanctions their financiers), written by a helper who
    did not read marsad's code, gold written before marsad was run. Measured once, blind:
    entities 0.926, 14/15; speakers 7/10; action types P 0.93 R 0.70 (26/28/37). The rules then
    written from its misses (a bloc in quotation marks after its head word, an official
    complaint, support voiced, a clause-opening particle before a subject that speaks on after
    و, a verb in ت carrying its object pronoun, weapons delivered) gave speakers 8/10 and P 0.94
    R 0.81 (30/32/37): it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind9")
    assert wrong == 0 and recall >= 0.92 and one >= 14 and speakers >= 8, (recall, one, wrong, speakers)
    assert right / coded >= 0.9 and right / labelled >= 0.8, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_eighth_blind_set(tmp_path_factory):
    """blind8: six reports (a Houthi strike on a ship in the Red Sea, a Moroccan teachers' strike,
    armed clashes in Tripoli, Qatari mediation on Gaza, Iran and an IAEA resolution, a drone
    strike on El Fasher), gold written before marsad was run. Measured once, blind (with one gold
    entry corrected after: غزة and قطاع غزة are both the Strip): entities 0.926, 59/61; speakers
    12/12; action types P 0.86 R 0.69 (18/3/8). The rules then written from its misses (the
    tagger's doubt only on words it knows, a title's scope over إلى and عن, a name between commas
    after its title, blame, banned marches, aid trucks, talks about a withdrawal, agencies that
    are no outlets, a verb joined by و sharing the subject before it) gave 0.956, 60/61, 12/12
    and P 0.92 R 0.92 (24/2/2): it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind8")
    assert wrong == 0 and recall >= 0.95 and one >= 60 and speakers >= 12, (recall, one, wrong, speakers)
    assert right / coded >= 0.88 and right / labelled >= 0.88, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_seventh_blind_set(tmp_path_factory):
    """blind7: six reports (an al-Shabaab hotel attack in Mogadishu, power-cut protests in Basra,
    Egypt and Sudan on the Ethiopian dam, an OPEC+ output rise, an arrest in Rif Dimashq and a
    Saudi visit to Damascus, an Israeli drone strike in south Lebanon), gold written before marsad
    was run. Measured once, blind: entities 0.898, 51/56 (one of the five misses a name in the
    closing teaser, since taken out of the gold); speakers 9/11; action types P 0.81 R 0.59
    (13/3/9). The rules then written from its misses (دان for condemned, a crowd's own demand, an
    event noun the object of a verb before its subject, ministries without their head noun, a
    minister by nationality alone, surnames ending in الله, blocs, rubber bullets, standing with
    someone) gave 0.948, 53/55, 10/11 and P 0.89 R 0.77: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind7")
    assert wrong == 0 and recall >= 0.92 and one >= 53 and speakers >= 10, (recall, one, wrong, speakers)
    assert right / coded >= 0.85 and right / labelled >= 0.75, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_sixth_blind_set(tmp_path_factory):
    """blind6: six reports (a migrant boat sunk off Libya, an earthquake in north-east Iran, a
    Tunisian mass trial, Gaza truce talks in Cairo, an attack on a Malian army base, Iran and the
    European snapback), gold written before marsad was run. Measured once, blind: entities 0.869,
    51/59; speakers 8/9; action types P 0.86 R 0.60 (12/2/8). The rules then written from its
    misses (a bare definite head for the body named before, Mali's institutions, place cues with
    a preposition, a meeting told by ``لقائه``, aid sent, feminine participles) moved entities to
    0.967, 57/59 and action types to P 0.88 R 0.75: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind6")
    assert wrong == 0 and recall >= 0.95 and one >= 57 and speakers >= 8, (recall, one, wrong, speakers)
    assert right / coded >= 0.85 and right / labelled >= 0.75, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_fifth_blind_set(tmp_path_factory):
    """blind5: five reports (a drone strike on a displaced people's camp near El Fasher, a
    Russia-Ukraine prisoner exchange, Kurdistan oil exports resumed, youth protests in Morocco, a
    Houthi missile and an Israeli threat), gold written before marsad was run. Measured once,
    blind: entities 0.959, 44/45; speakers 6/8; action types P 0.82 R 0.56 (9/2/7). The rules then
    written from its misses (a spokesman named after his role, a role, a rank and a name as one
    speaker, a national body with a genitive, talks between delegations named by adjectives and a
    dual after them, a ceasefire not reached, a hospital receiving the wounded) gave 0.980, 45/45,
    7/8 and P 1.00 R 0.75 (12/0/4)."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind5")
    assert wrong == 0 and recall >= 0.95 and one >= 45 and speakers >= 7, (recall, one, wrong, speakers)
    assert right / coded >= 0.9 and right / labelled >= 0.75, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_fourth_blind_set(tmp_path_factory):
    """blind4: four reports written after the statement rules (an attack on a container ship, a
    Saudi-Russian call before an OPEC+ meeting, strikes during a truce in south Lebanon, protests
    in Nairobi), gold written before marsad was run. Measured once, blind: entities 0.914, 29/31;
    speakers 3/5 (one gold speaker is no listed entity); action types P 0.83 R 0.83 (10/2/2),
    against P 0.82 R 0.75 for the code before those rules. The spokesman rule then read from its
    one speaker miss gave 4/5."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind4")
    assert wrong == 0 and recall >= 0.9 and one >= 29 and speakers >= 4, (recall, one, wrong, speakers)
    assert right / coded >= 0.8 and right / labelled >= 0.8, (right, coded, labelled)


def test_entities_speakers_and_action_types_on_the_third_blind_set(tmp_path_factory):
    """blind3: six reports written in the domains of the hidden real sets (attacks on shipping, an
    oil producers' meeting, a truce, a besieged city, air strikes, a strike), with the gold
    written before marsad was run on them. First run: entities 0.917 recall, 36/40; speakers 9/10;
    action types per report P 0.73 R 0.58 (11 right, 4 not labelled, 8 missed). The statement
    rules then written from its misses (participles, calls with no one called on, a title's scope
    before a name, ما أسفر) moved action types to P 0.80 R 0.84, and the ministry, scope and
    clause rules entities to 0.958, 38/40 and speakers to 10/10: it is no longer blind."""
    (recall, one, wrong, speakers), (right, coded, labelled) = _blind_figures(tmp_path_factory, "blind3")
    assert wrong == 0 and recall >= 0.95 and one >= 38 and speakers >= 10, (recall, one, wrong, speakers)
    assert right / coded >= 0.78 and right / labelled >= 0.8, (right, coded, labelled)
