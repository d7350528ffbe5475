"""Who is accused: the object after a subject whose name ends in a nationality adjective, and a
subject that is a plain noun (sentences written for the test in the style of political news).

- `اتهمت وزارة الخارجية الروسية الولايات المتحدة`: the head noun `الخارجية` belongs to the
  ministry's name, so the United States after it is the object, not the scope of a title
  (`وزارة خارجية الولايات المتحدة`); the same after a role (`اتهم الرئيس الإيراني إسرائيل`).
- `الحكم القضائي يتهم إمام أوغلو`: a noun that names no actor stands before the imperfect verb as
  its subject, so the man after the verb is accused, not the accuser; an adverb before the verb
  (`اليوم تتهم روسيا أوكرانيا`) leaves the subject after it.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "coded"), [
    ("اتهمت وزارة الخارجية الروسية الولايات المتحدة بتأجيج الصراع في أوكرانيا.",
     ("ACCUSE", "kb:russian-foreign-ministry", "kb:US")),
    ("اتهم الرئيس الإيراني إسرائيل بارتكاب جرائم حرب.", ("ACCUSE", "kb:IR", "kb:IL")),
    ("اليوم تتهم روسيا أوكرانيا بقصف المدنيين.", ("ACCUSE", "kb:RU", "kb:UA")),
    ("وتتهم روسيا أوكرانيا بقصف المدنيين.", ("ACCUSE", "kb:RU", "kb:UA")),
])
def test_the_accuser_and_the_accused(coded_actions, text, coded):
    assert coded in coded_actions(text)


@pytest.mark.parametrize("text", [
    "وقالت الوكالة إن الحكم القضائي يتهم إمام أوغلو بالتورط في الفساد.",
    "التقرير يتهم الحكومة التركية بالفساد.",
])
def test_the_one_after_a_noun_subject_is_never_the_accuser(coded_actions, text):
    assert not any(t == "ACCUSE" and s is not None for t, s, _ in coded_actions(text))
