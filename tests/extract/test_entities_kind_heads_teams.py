"""A kind word before a name the actor also goes by alone (منظمة الأمم المتحدة) is not part of
the mention, and in a match report a city or a club named after its country is the team.
Both as NewsFANE marks them (see name_cues.json: kind_heads, sports_words)."""
from __future__ import annotations

import pytest

from marsad.pipeline import analyse as run_pipeline
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.types import Document
from tests.extract.entities_eval import analyse


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _types(an) -> dict[str, str]:
    return {m.text: m.type for m in an.mentions}


def test_a_kind_word_before_a_name_of_the_same_actor_is_left_out(res):
    an = analyse(res, "k", "وقالت منظمة الأمم المتحدة إن المساعدات لم تصل، ونقلت وكالة فرانس برس عن مصدر "
                           "طبي أن القصف استمر، فيما دعت منظمة اليونسكو إلى حماية المواقع الأثرية.")
    orgs = {m.text: m.entity for m in an.mentions if m.type == "ORG"}
    assert orgs.get("الأمم المتحدة", "").startswith("kb:"), orgs
    assert orgs.get("فرانس برس", "").startswith("kb:"), orgs
    assert orgs.get("اليونسكو", "").startswith("kb:"), orgs
    assert not any(t.startswith(("منظمة", "وكالة")) for t in orgs), orgs


def test_a_kind_word_that_the_name_needs_stays(res):
    """منظمة التحرير is no name without its head; وكالة الأنباء الفرنسية is AFP's whole name."""
    an = analyse(res, "n", "وأكدت منظمة التحرير الفلسطينية رفضها للخطة، بحسب ما نقلته وكالة الأنباء الفرنسية.")
    orgs = {m.text for m in an.mentions if m.type == "ORG"}
    assert "منظمة التحرير الفلسطينية" in orgs, orgs
    assert "وكالة الأنباء الفرنسية" in orgs, orgs


MATCH = ("وفي المباراة الثانية تعادل الفريق مع ضيفه مانشستر بهدف لكل منهما، وحاصر ليفربول مرمى منافسه في "
         "الشوط الثاني دون أن يسجل أي هدف، بينما خرج قطر القطري من البطولة بعد خسارته أمام الريان "
         "بركلات الترجيح، وقال المدرب بعد اللقاء إن اللاعبين بذلوا جهدا كبيرا في الملعب.")


def test_a_city_in_a_match_report_is_the_team(res):
    types = _types(analyse(res, "s", MATCH))
    assert types.get("مانشستر") == "ORG", types
    assert types.get("ليفربول") == "ORG", types
    assert types.get("قطر") == "ORG", types  # a club named after its country, with the country's nisba


def test_the_same_places_outside_sport_stay_places(res):
    """No match report, no team: a city after a verb of play or a win is the city."""
    types = _types(analyse(res, "p", "وخرج آلاف المحتجين في مانشستر وليفربول، بينما حاصر الجيش مدينة حلب، "
                                     "وأكدت قطر القطرية دعمها للوساطة."))
    assert types.get("مانشستر") == "LOC" and types.get("ليفربول") == "LOC" and types.get("حلب") == "LOC", types
    assert types.get("قطر") == "LOC", types


def test_a_country_after_a_match_word_stays_the_country(res):
    """A national side named by its country alone is as often marked the country (NewsFANE)."""
    types = _types(analyse(res, "c", "وقال المدرب إن مباراة إنجلترا والبرتغال في الدوري كانت صعبة، وإن اللاعب "
                                     "سجل هدفين في الشوط الأول أمام إيطاليا."))
    assert types.get("إيطاليا") == "LOC" and types.get("إنجلترا") == "LOC", types


def test_the_outlet_told_after_a_kind_word_is_no_speaker(res):
    """With the kind word out of the mention (لوكالة | فرانس برس), the outlet a spokesman spoke to
    is still governed by the preposition on the kind word, and not the speaker."""
    an = run_pipeline(prepare(Document(id="q", text="وأوضح المتحدث باسم الشرطة المحلية سامر خليل تفاصيل الحادث لوكالة فرانس برس قائلا إن "
                           "ثلاثة أشخاص أصيبوا في الانفجار.", published="2025-03-01"), res), res)
    assert [q.speaker_text for q in an.quotes] == ["سامر خليل"], [(q.speaker, q.speaker_text) for q in an.quotes]


def test_politics_with_words_shared_with_sport_keeps_its_places(res):
    """أهداف, اللاعبين, مرمى, لقاء live in political news too: no match report, no teams."""
    types = _types(analyse(res, "g", "وقال المحلل إن أهداف الحرب لم تتحقق، وإن اللاعبين الإقليميين يضعون كييف في مرمى "
                                     "النيران، فيما تتراجع أوروبا أمام موسكو قبل لقاء باريس الذي يبحث البطولة "
                                     "الدبلوماسية وتعادل القوى مع برلين."))
    assert types.get("موسكو") == "LOC" and types.get("باريس") == "LOC" and types.get("برلين") == "LOC", types


def test_a_political_sentence_in_a_match_report_keeps_its_places(res):
    """The team needs a word of sport in its own sentence."""
    types = _types(analyse(res, "h", MATCH + " وفي سياق آخر، قالت الحكومة إنها لن تتراجع أمام موسكو في المفاوضات."))
    assert types.get("مانشستر") == "ORG" and types.get("موسكو") == "LOC", types



def test_a_council_is_named_by_one_genitive(res):
    """``مجلس الوزراء``, ``مجلس النواب``: a council takes one genitive, like a ministry (وزارة
    الصحة). (Sentence written for the test.)"""
    got = _types(analyse(res, "c", "ووافق مجلس الوزراء على الخطة أمس."))
    assert got.get("مجلس الوزراء") == "ORG", got


def test_a_places_kind_word_is_left_out_and_a_title_still_reaches_the_name(res):
    """مدينة, إقليم, منطقة before a known place tell its kind and are not part of the mention (as
    NewsFANE marks them: the name alone); a title whose scope holds one still reaches the person
    named after it; the south of a country is the country (texts written for the test)."""
    an = analyse(res, "p", "وقال المتحدث باسم حكومة إقليم كردستان شيرزاد كريم إن الوفد وصل إلى مدينة غزة"
                           " عبر منطقة الخليج، فيما تواصل القصف في جنوب لبنان.")
    ents = {m.text: m.entity for m in an.mentions}
    assert ents.get("كردستان") == "kb:kurdistan-region" and ents.get("غزة") == "kb:gaza-city", ents
    assert ents.get("الخليج") == "kb:gulf" and ents.get("لبنان") == "kb:LB", ents
    assert "شيرزاد كريم" in ents and not any(t.startswith(("مدينة", "إقليم", "منطقة", "جنوب")) for t in ents), ents
    # the place's alias keeps its kind word: غزة alone is no name of the city to search by
    assert an.entities["kb:gaza-city"].aliases == ["مدينة غزة"], an.entities["kb:gaza-city"].aliases


@pytest.mark.parametrize("text,key", [
    ("وأدانت وزارة الخارجية والمغتربين السورية الغارات.", "kb:foreign-ministry-SY"),
    ("واستدعت وزارة الشؤون الخارجية التونسية السفير.", "kb:foreign-ministry-TN"),
    ("ورحبت وزارة الخارجية وشؤون المغتربين الأردنية بالاتفاق.", "kb:foreign-ministry-JO"),
])
def test_a_foreign_ministry_under_its_longer_official_names(res, text, key):
    assert key in {m.entity for m in analyse(res, "f", text).mentions}


def test_a_title_scope_of_one_definite_word_does_not_swallow_the_name_after_it(res):
    """الناطق باسم الهيئة سامي الهاشمي: the tagger's organisation run on from the scope (الهيئة)
    into the name is cut where a given name opens it (as for a scope written with لل)."""
    an = analyse(res, "s", "وقال المتحدث باسم الهيئة سامي الهاشمي إن الانتخابات ستجري في موعدها.")
    assert {m.text: m.type for m in an.mentions}.get("سامي الهاشمي") == "PERSON", an.mentions


def test_a_council_named_by_its_branch_is_an_organisation(res):
    """المجلس التشريعي, اللجنة التنفيذية: a definite head with the adjective of a branch of power
    names a body, as NewsFANE marks it (text written for the test)."""
    an = analyse(res, "c", "وصوت المجلس التشريعي على القانون بعد أن أقره المجلس النيابي في جلسة سابقة.")
    orgs = {m.text for m in an.mentions if m.type == "ORG"}
    assert "المجلس التشريعي" in orgs, orgs
    # the board of another body named after it is not one name with it
    an = analyse(res, "c", "وكان المجلس التنفيذي لصندوق النقد قد وافق في مارس الماضي على القرض.")
    orgs = {m.text for m in an.mentions if m.type == "ORG"}
    assert "المجلس التنفيذي" in orgs and not any("لصندوق" in o for o in orgs), orgs
