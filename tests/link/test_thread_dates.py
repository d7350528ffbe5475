"""An undated report that writes its day with the weekday but no year (الخميس 6 شباط) is dated by
its thread: the one such day near the story's dated events. Texts written for the test."""

from __future__ import annotations

import json

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.link.events import thread_date
from marsad.link.profile import EventProfile, MemberNote
from marsad.resources import Resources
from marsad.store import Store
from marsad.store import linking as db
from marsad.store.export import events

FIRST = ("نفذ أساتذة التعليم الثانوي الرسمي في لبنان اليوم الثلاثاء إضرابا شاملا تحذيريا واعتصموا أمام وزارة"
         " التربية في بيروت للمطالبة بتصحيح رواتبهم، وأعلنت رابطة أساتذة التعليم الثانوي أنها ستعود إلى"
         " الإضراب الشهر المقبل إذا لم تستجب الحكومة لمطالبها.")
SECOND = ("عاد أساتذة التعليم الثانوي الرسمي في لبنان إلى الإضراب الشامل الخميس 6 شباط في الجولة الثانية من"
          " تحركهم للمطالبة بتصحيح رواتبهم، واعتصموا أمام السراي الحكومي في بيروت بدعوة من رابطة أساتذة"
          " التعليم الثانوي التي اتهمت الحكومة بتجاهل مطالبها.")


def _linked(tmp_path, *batches: list[tuple[str, str, str | None]]) -> dict[str, dict]:
    """Each report's exported event once ``batches`` of (id, text, published) are ingested in turn."""
    store = Store.open(tmp_path / "t.db")
    try:
        for batch in batches:
            ingest_items(store, [RawArticle(text=t, origin="t", id=i, published=p) for i, t, p in batch], Resources())
        return {d: e for e in events(store.conn) for d in e["docs"]}
    finally:
        store.close()


def test_an_undated_strike_day_is_dated_by_its_thread(tmp_path):
    evs = _linked(tmp_path, [("s2", SECOND, None), ("s1", FIRST, "2025-01-14")])
    assert evs["s1"]["id"] != evs["s2"]["id"] and evs["s1"]["story"] == evs["s2"]["story"]
    assert evs["s1"]["date"] == "2025-01-14"
    assert evs["s2"]["date"] == "2025-02-06" and evs["s2"]["reports"]["s2"]["how"] == "thread"


def test_no_thread_date_without_a_dated_story_or_a_single_fitting_year(tmp_path):
    assert _linked(tmp_path, [("s2", SECOND, None)])["s2"]["date"] is None  # no dated event in its thread
    data = EventProfile(members={"x": MemberNote(None, "none", 1.0, day="02-06", day_weekday=3)})
    assert thread_date(None, None, data, 180) is None  # no story at all
    store = Store.open(tmp_path / "s.db")
    try:
        def dated(first: str, last: str, day: str, weekday: int) -> str | None:
            db.new_story(store.conn, "st")
            db.save_story(store.conn, "st", "", json.dumps({"first": first, "last": last}))
            try:
                data = EventProfile(members={"x": MemberNote(None, "none", 1.0, day=day, day_weekday=weekday)})
                return thread_date(store.conn, "st", data, 180)
            finally:
                store.conn.execute("DELETE FROM stories WHERE id = 'st'")
        assert dated("2025-01-14", "2025-01-14", "02-06", 3) == "2025-02-06"  # Thursday 6 Feb 2025
        assert dated("2025-01-14", "2025-01-14", "02-06", 4) is None  # no Friday 6 Feb near the thread
        assert dated("2014-01-01", "2025-12-31", "02-06", 3) is None  # Thursdays in 2014, 2020, 2025: several
    finally:
        store.close()


def test_the_thread_dates_an_undated_event_of_an_earlier_batch(tmp_path):
    """The undated strike day linked in one batch is dated when the dated strike joins its thread
    in a later one, as had both come in one batch."""
    evs = _linked(tmp_path, [("s2", SECOND, None)], [("s1", FIRST, "2025-01-14")])
    assert evs["s1"]["story"] == evs["s2"]["story"] and evs["s2"]["date"] == "2025-02-06"


def test_a_day_in_a_future_clause_or_after_since_is_no_reports_day(tmp_path):
    """ستجرى الأحد 15 يونيو (the vote to come) and منذ الجمعة 11 أبريل (when the fighting began)
    are not the days the undated reports tell: each joins the dated report of its happening."""
    shelling = ("قصفت قوات الدعم السريع أحياء مدينة الفاشر بالمدفعية الثقيلة اليوم، ما أدى إلى مقتل عشرات"
                " المدنيين، بحسب مصادر طبية في المدينة المحاصرة.")
    since = ("تتواصل الاشتباكات في مدينة الفاشر منذ الجمعة 11 أبريل، وقصفت قوات الدعم السريع أحياء المدينة"
             " بالمدفعية الثقيلة اليوم ما أدى إلى مقتل عشرات المدنيين.")
    vote = ("أعلنت الهيئة العليا للانتخابات اليوم أن الانتخابات التشريعية ستجرى الأحد 15 يونيو، وأن الحملة"
            " الانتخابية تبدأ مطلع الشهر المقبل.")
    vote2 = ("أعلنت الهيئة العليا للانتخابات أن الانتخابات التشريعية ستجرى الأحد 15 يونيو، وأن الحملة"
             " الانتخابية تبدأ مطلع الشهر المقبل.")
    evs = _linked(tmp_path, [("a", shelling, "2025-04-20"), ("b", since, None), ("c", vote, "2025-04-16"),
                             ("d", vote2, None)])
    groups = sorted((sorted(e["docs"]), e["date"]) for e in {e["id"]: e for e in evs.values()}.values())
    assert groups == [(["a", "b"], "2025-04-20"), (["c", "d"], "2025-04-16")], groups
