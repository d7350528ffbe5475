"""An undated report that writes its day with the weekday but no year (الخميس 6 شباط) is dated by
its thread: the one such day near the story's dated events. Texts written for the test."""

from __future__ import annotations

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.link.events import thread_date
from marsad.link.profile import EventProfile, MemberNote
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import events

FIRST = ("نفذ أساتذة التعليم الثانوي الرسمي في لبنان اليوم الثلاثاء إضرابا شاملا تحذيريا واعتصموا أمام وزارة"
         " التربية في بيروت للمطالبة بتصحيح رواتبهم، وأعلنت رابطة أساتذة التعليم الثانوي أنها ستعود إلى"
         " الإضراب الشهر المقبل إذا لم تستجب الحكومة لمطالبها.")
SECOND = ("عاد أساتذة التعليم الثانوي الرسمي في لبنان إلى الإضراب الشامل الخميس 6 شباط في الجولة الثانية من"
          " تحركهم للمطالبة بتصحيح رواتبهم، واعتصموا أمام السراي الحكومي في بيروت بدعوة من رابطة أساتذة"
          " التعليم الثانوي التي اتهمت الحكومة بتجاهل مطالبها.")


def test_an_undated_strike_day_is_dated_by_its_thread(tmp_path):
    store = Store.open(tmp_path / "t.db")
    try:
        ingest_items(store, [RawArticle(text=SECOND, origin="t", id="s2"),
                             RawArticle(text=FIRST, origin="t", id="s1", published="2025-01-14")], Resources())
        evs = {d: e for e in events(store.conn) for d in e["docs"]}
    finally:
        store.close()
    assert evs["s1"]["id"] != evs["s2"]["id"] and evs["s1"]["story"] == evs["s2"]["story"]
    assert evs["s1"]["date"] == "2025-01-14"
    assert evs["s2"]["date"] == "2025-02-06" and evs["s2"]["reports"]["s2"]["how"] == "thread"


def test_no_thread_date_without_a_dated_story_or_a_single_fitting_year(tmp_path):
    store = Store.open(tmp_path / "t.db")
    try:
        ingest_items(store, [RawArticle(text=SECOND, origin="t", id="s2")], Resources())
        (ev,) = events(store.conn)
    finally:
        store.close()
    assert ev["date"] is None  # no dated event in its thread: the year stays unknown
    data = EventProfile(members={"x": MemberNote(None, "none", 1.0, day="02-06", day_weekday=3)})
    assert thread_date(None, None, data, 180) is None  # no story at all
