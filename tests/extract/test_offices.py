"""A speaker named only by an office nobody resolves (no holder in the text or the knowledge base
on that date) is that office: one entity per office, named in English and as written."""

from __future__ import annotations

from marsad import pipeline
from marsad.resources import Resources
from marsad.types import Document

TEXT = ("أعلنت السلطات مقتل عشرين شخصاً في تفجير استهدف كنيسة في العاصمة مساء الأحد. "
        "وأدان وزير الإعلام السوري الهجوم بشدة، وصرح قائلاً: «ندين بشدة هذا العمل الإرهابي الجبان الذي استهدف المصلين». "
        "وقال وزير الخارجية الباكستاني إن بلاده تتضامن مع الشعب السوري.")


def _analyse(text: str, published: str | None = None):
    res = Resources()
    doc = pipeline.prepare(Document("o", text, published=published), res)
    return pipeline.analyse(doc, res)


def test_office_speakers_are_entities_named_in_english_and_arabic():
    a = _analyse(TEXT)
    speakers = {q.text[:12]: q.speaker for q in a.quotes}
    assert "role:information-minister:SY" in speakers.values(), speakers  # the participle continues the subject
    assert "role:foreign-minister:PK" in speakers.values(), speakers
    sy = a.entities["role:information-minister:SY"]
    assert sy.name == "Syrian Information Minister" and "Syrian Minister of Information" in sy.aliases
    assert sy.name_ar == "وزير الإعلام السوري" and sy.country == "SY" and sy.type == "ROLE"
    assert a.entities["role:foreign-minister:PK"].name == "Pakistani Foreign Minister"
    # the mentions themselves stay unresolved roles: no holder is guessed
    assert all(m.entity is None for m in a.mentions if m.type == "ROLE")


def test_a_resolved_holder_is_the_speaker_not_the_office():
    text = "وقال الرئيس الأمريكي للصحفيين في البيت الأبيض إن المحادثات مع روسيا كانت مثمرة جداً."
    a = _analyse(text, published="2025-05-19")
    assert [q.speaker for q in a.quotes] == ["kb:donald-trump"]
    undated = _analyse(text)  # nobody can say who held it: the office speaks
    assert [q.speaker for q in undated.quotes] == ["role:president:US"]


def test_a_statement_speaks_for_whoever_issued_it():
    """``أكد بيان صادر عن الوزارة``: the statement's issuer is the speaker, a definite noun there
    standing for the institution named before. (Sentences written for the test.)"""
    a = _analyse("أعلنت وزارة الداخلية السورية مقتل عشرين شخصاً في تفجير استهدف كنيسة في دمشق. "
                 'وأكد بيان رسمي صادر عن الوزارة: "إن المهاجم فجر نفسه داخل الكنيسة بعد أن أطلق النار على المصلين".')
    assert [q.speaker for q in a.quotes] == ["kb:interior-ministry-SY"]
    b = _analyse("وقال بيان صادر عن الكرملين إن الرئيسين بحثا الوضع في سوريا والعلاقات الثنائية.")
    assert [q.speaker for q in b.quotes] == ["kb:kremlin"]
