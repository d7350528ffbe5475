"""Diplomatic, shipping-war and truce sentences written for the test in the style of news the coder
had not read before.

- `استدعت الخارجية الفرنسية السفير الإيراني` (another state's envoy summoned: a complaint,
  DISAPPROVE) and `استدعت الجزائر سفيرها لدى فرنسا` (one's own envoy recalled: relations cut,
  SANCTION) share their verb; the word after it tells which, so a word that triggers several entries
  is given to the first whose checks pass.
- An armed body named by its adjective after an attack noun (`هجوم حوثي`, as `هجوم إسرائيلي` names
  a state) is the attack's agent, and the structure tells the attack.
- A truce starting (`بدء سريان الهدنة`) is news; a truce in force (`رغم سريان الهدنة`) is background,
  and the attack told after its comma is no object of the truce.
- `مصادره` and `مصادرها` (his, her sources) are not `مصادرة` (a seizure).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("استدعت وزارة الخارجية الفرنسية السفير الإيراني في باريس.",
     ("DISAPPROVE", "kb:foreign-ministry-FR", "kb:IR")),
    ("استدعت مصر القائم بالأعمال الإسرائيلي.", ("DISAPPROVE", "kb:EG", "kb:IL")),
    ("استدعت الجزائر سفيرها لدى فرنسا للتشاور.", ("SANCTION", "kb:DZ", "kb:FR")),
    ("قررت تركيا استدعاء سفيرها في إسرائيل.", ("SANCTION", "kb:TR", "kb:IL")),
])
def test_an_envoy_summoned_or_recalled(coded_actions, text, expected):
    got = coded_actions(text)
    assert expected in got
    assert len({t for t, _, _ in got}) == 1  # the one reading, not both


@pytest.mark.parametrize("text", [
    "استدعى المدرب اللاعب إلى المنتخب.",
    "استدعت النيابة العامة الوزير للتحقيق.",
    "يستدعي الأمر تدخلا عاجلا من الحكومة.",
])
def test_other_summons_are_not_diplomacy(coded_actions, text):
    assert coded_actions(text) == []


@pytest.mark.parametrize(("text", "source"), [
    ("هجوم حوثي جديد على سفينة تجارية في البحر الأحمر.", "kb:houthis"),
    ("هجوم إسرائيلي على سفينة قبالة السواحل.", "kb:IL"),
    ("ضربت صواريخ روسية مدينة خاركيف ليلا.", "kb:RU"),
])
def test_an_attack_named_by_its_agent_adjective(coded_actions, text, source):
    assert ("ASSAULT", source) in [(t, s) for t, s, _ in coded_actions(text)]


def test_a_truce_starting_is_news_and_one_in_force_is_background(coded_actions):
    assert ("RETREAT", None, None) in coded_actions("بدء سريان الهدنة في غزة صباح الأحد.")
    despite = coded_actions("رغم سريان الهدنة، قصفت إسرائيل غزة.")
    assert ("ASSAULT", "kb:IL", "kb:gaza") in despite
    assert "RETREAT" not in [t for t, _, _ in despite]


@pytest.mark.parametrize("text", [
    "ونقلت القناة، نقلاً عن مصادرها، أن الوفد وصل إلى القاهرة.",
    "وقالت مصادره إن الوفد وصل إلى القاهرة.",
])
def test_sources_are_no_seizure(coded_actions, text):
    assert "COERCE" not in [t for t, _, _ in coded_actions(text)]


def test_a_seizure_is_still_one(coded_actions):
    assert "COERCE" in [t for t, _, _ in coded_actions("أعلنت الشرطة مصادرة أسلحة في مدينة الموصل.")]


def test_member_states_act_for_their_body(coded_actions):
    got = coded_actions("وافقت ثماني دول في أوبك+ على زيادة الإنتاج في يوليو.")
    assert ("AGREE", "kb:opec-plus") in [(t, s) for t, s, _ in got]


@pytest.mark.parametrize(("text", "expected"), [
    # a headline's subject before the claim verb, and the plural and dual claim verbs
    ("روسيا تعلن إسقاط 40 مسيرة أوكرانية فوق مقاطعة كورسك", ("ASSAULT", "kb:RU", "kb:UA")),
    ("الحوثيون يعلنون استهداف سفينة إسرائيلية في البحر الأحمر", ("ASSAULT", "kb:houthis", "kb:IL")),
    # drones launched: the noun is a weapon only after its launch verb
    ("أطلقت روسيا 150 مسيرة على كييف", ("ASSAULT", "kb:RU", "kb:kyiv")),
])
def test_headline_claims_and_drones(coded_actions, text, expected):
    assert expected in coded_actions(text)


def test_a_speaker_before_a_colon_is_the_first_person_doer(coded_actions):
    got = coded_actions("الجيش الإسرائيلي: اعترضنا صاروخا أطلق من اليمن")
    assert ("ASSAULT", "kb:idf") in [(t, s) for t, s, _ in got]


def test_marches_are_no_drones(coded_actions):
    assert "ASSAULT" not in [t for t, _, _ in coded_actions("خرجت مسيرات حاشدة في المدن الكبرى.")]
