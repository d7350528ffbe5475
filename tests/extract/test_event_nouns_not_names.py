"""A call, a meeting or a visit told right after a title is no one's name: `أجرى ولي العهد السعودي
اتصالا هاتفيا مع الرئيس الروسي` has two roles and a phone call between their holders. Before,
the tagger read `اتصالا هاتفيا` as the name after the title, so the role had no holder and the
call no parties (sentences written for the test)."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.types import Document


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _run(res: Resources, text: str, published: str = "2024-06-01"):
    doc = prepare(Document(id="t", text=text, published=published, language="ar"), res)
    return doc, analyse(doc, res)


@pytest.mark.parametrize("text", [
    "أجرى ولي العهد السعودي اتصالا هاتفيا مع الرئيس الروسي بحثا خلاله أسواق النفط.",
    "أجرى الرئيس الروسي اتصالا هاتفيا مع ولي العهد السعودي.",
    "وأجرى الرئيس اتصالا هاتفيا بحثا خلاله الأوضاع في المنطقة.",
])
def test_a_call_after_a_title_is_no_name(res, text):
    doc, an = _run(res, text)
    people = [doc.text[m.start:m.end] for m in an.mentions if m.type == "PERSON"]
    assert not [p for p in people if "هاتفيا" in p or "بحثا" in p], people


def test_the_call_joins_the_two_roles_holders(res):
    doc, an = _run(res, "أجرى ولي العهد السعودي اتصالا هاتفيا مع الرئيس الروسي بحثا خلاله أسواق النفط.")
    roles = sorted(doc.text[m.start:m.end] for m in an.mentions if m.type == "PERSON")
    assert roles == ["الرئيس الروسي", "ولي العهد السعودي"]
    calls = [(a.source, a.target) for a in an.actions if a.type == "CONSULT"]
    assert calls == [("kb:mohammed-bin-salman", "kb:vladimir-putin")]


def test_a_name_ending_in_a_definite_common_word_keeps_it(res):
    """`الأمين` is a common noun (the secretary general's) and ends many names: the end rule
    drops only indefinite ones."""
    doc, an = _run(res, "وترشح للانتخابات محمد الأمين المرتجي ولد الوافي مرشحا مستقلا.")
    people = [doc.text[m.start:m.end] for m in an.mentions if m.type == "PERSON"]
    assert any(p.startswith("محمد الأمين") for p in people), people
