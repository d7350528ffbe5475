"""Two appointments to one office are two happenings, however alike their reports' words.

A prime minister named one year and his successor the next share the council that names them,
the office, the country and most words; the successor's reports even name the predecessor. What
tells them apart is who is appointed (``تعيين X``).
"""

from __future__ import annotations

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.link.cues import appointees, appointment_clash
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import events
from marsad.types import Document

FIRST = ("أصدر رئيس مجلس القيادة الرئاسي في اليمن رشاد العليمي قرارا بتعيين وزير الخارجية أحمد عوض بن مبارك "
         "رئيسا لمجلس الوزراء، خلفا لمعين عبد الملك الذي عين مستشارا لرئيس المجلس. "
         "وقضى القرار باستمرار أعضاء الحكومة في مهامهم، وفق ما نقلته وكالة الأنباء الرسمية.")
FIRST_AGAIN = ("أعلن مجلس القيادة الرئاسي في اليمن تعيين أحمد عوض بن مبارك رئيسا جديدا للحكومة اليمنية، "
               "بعد إعفاء معين عبد الملك من منصبه. وأكد القرار استمرار الوزراء في أعمالهم، بحسب وكالة الأنباء الرسمية.")
SECOND = ("أصدر رئيس مجلس القيادة الرئاسي في اليمن رشاد العليمي قرارا بتعيين وزير المالية سالم صالح بن بريك "
          "رئيسا لمجلس الوزراء، خلفا لأحمد عوض بن مبارك الذي قدم استقالته. "
          "وقضى القرار باستمرار أعضاء الحكومة في مهامهم، وفق ما نقلته وكالة الأنباء الرسمية.")


def _appointees(text: str) -> frozenset[str]:
    res = Resources()
    doc = prepare(Document(id="a", text=text), res)
    a = analyse(doc, res)
    persons = sorted((m.start, m.entity) for m in a.mentions if m.type == "PERSON" and m.entity)
    first = doc.sentences[0]
    return appointees(text, [(first.start, first.end)], persons)


def test_the_appointee_is_who_follows_the_appointment_not_his_predecessor():
    assert _appointees(FIRST) == {"kb:ahmed-awad-bin-mubarak"}
    assert _appointees(SECOND) == {"kb:salem-bin-breik"}


def test_who_appoints_is_not_appointed_and_a_bare_verb_appoints_no_one():
    """``كلف الملك X Y``: the first person after the verb appoints; verbs are no trigger."""
    assert _appointees("كلف الملك عبد الله الثاني جعفر حسان بتشكيل الحكومة الجديدة خلفا لبشر الخصاونة.") == set()


def test_different_appointees_clash_only_when_one_side_never_names_the_others():
    mubarak, breik = "kb:ahmed-awad-bin-mubarak", "kb:salem-bin-breik"
    # the successor's report names the predecessor; the predecessor's reports never name him
    assert appointment_clash({breik}, [breik, mubarak], {mubarak}, [mubarak])
    # a reshuffle: each report leads with another minister, and each names both
    assert not appointment_clash({breik}, [breik, mubarak], {mubarak}, [mubarak, breik])
    assert not appointment_clash({mubarak}, [mubarak], {mubarak}, [mubarak])
    assert not appointment_clash(set(), [mubarak], {mubarak}, [mubarak])


def test_two_spellings_of_a_name_the_tagger_found_never_clash():
    assert not appointment_clash({"unk:PERSON:مهسن-الزندن"}, [], {"unk:PERSON:مهسن-مهمد-الزندن"}, [])
    assert appointment_clash({"unk:PERSON:مهسن-الزندن"}, [], {"kb:salem-bin-breik"}, ["kb:salem-bin-breik"])


def test_a_predecessors_and_a_successors_appointment_are_two_events(tmp_path):
    res = Resources()
    store = Store.open(tmp_path / "a.db")
    try:
        ingest_items(store, [RawArticle(text=t, origin=o) for o, t in
                             (("first", FIRST), ("again", FIRST_AGAIN), ("second", SECOND))], res)
        evs = [sorted(e["docs"]) for e in events(store.conn)]
        ids = {d["origin"]: d["id"] for d in store.conn.execute("SELECT id, origin FROM documents")}
    finally:
        store.close()
    assert sorted(evs) == sorted([sorted([ids["first"], ids["again"]]), [ids["second"]]])
