"""The day an outlet writes into an article's URL dates an article that came without a date.

Most real excerpts carry no publication date (two thirds of the dev sets), and "اليوم الجمعة"
means nothing without one; an outlet's dated path (``/2025/04/21/``) is the publisher's own word.
"""

from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest.items import RawArticle
from marsad.ingest.offload import _document
from marsad.ingest.published import date_in_url, publication
from marsad.ingest.run import ingest_items
from marsad.store import Store
from marsad.store import export as ex
from tests.backends import BACKENDS, migrated_from_before, target

TODAY = date(2026, 1, 1)

# A Friday (2025-03-14), said only as "today, Friday".
FRIDAY = ("سجل سعر الذهب في المعاملات الفورية 3000 دولار للأوقية اليوم الجمعة للمرة الأولى، "
          "مستفيدا من الإقبال عليه كملاذ آمن وسط تصاعد التوترات التجارية.")


@pytest.mark.parametrize("url, day", [
    ("https://www.example.com/ar/news/2025/04/21/pope", "2025-04-21"),
    ("https://example.com/world/2025-05-08-conclave-elects", "2025-05-08"),
    ("https://example.com/article/tunisia-runoff-2019-10-13.html", "2019-10-13"),
    ("https://example.com/news/2025/0515/riyadh-summit", "2025-05-15"),
    ("https://example.com/2025/5/13/story", "2025-05-13"),
    ("https://example.com/ar/news/detail?date=2024-06-29&id=7", "2024-06-29"),
    ("https://example.com/19/11/2024/gold-climbs/78173", "2024-11-19"),  # day first
    ("https://example.com/opinion/3/2/2017/relations", "2017-02-03"),
])
def test_a_dated_path_gives_its_day(url, day):
    assert date_in_url(url, TODAY) == day


@pytest.mark.parametrize("url", [
    None, "",
    "https://example.com/article/20250513",  # eight digits run together: an article id as often as a day
    "https://example.com/2025/13/01/x",  # no 13th month
    "https://example.com/2025/02/30/x",  # no 30 February
    "https://example.com/2030/01/01/x",  # after tomorrow
    "https://example.com/1970/01/01/x",  # before the web
    "https://example.com/2025/05/13/x?from=2024-01-01",  # two days: which is the article's?
    "https://example.com/31/02/2025/x",  # no 31 February, day first either
    "https://example.com/news/%D8%A7%D9%84%D8%B0%D9%87%D8%A8-12345",  # an Arabic slug and an id
])
def test_no_day_or_a_doubtful_one_gives_none(url):
    assert date_in_url(url, TODAY) is None


def test_a_given_date_wins_over_the_url_and_an_unreadable_one_falls_back_to_it():
    url = "https://example.com/2025/03/14/gold"
    assert publication("2025-03-15", url) == ("2025-03-15", "given")
    assert publication("the day after", url) == ("2025-03-14", "url")
    assert publication(None, "https://example.com/gold") == (None, None)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_undated_article_is_read_against_its_url_day(backend, tmp_path, res):
    items = [RawArticle(text=FRIDAY, origin="a", url="https://example.com/markets/2025/03/14/gold-3000"),
             RawArticle(text=FRIDAY.replace("الذهب", "المعدن الأصفر"), origin="b",
                        url="https://example.com/markets/gold-3000")]
    with target(backend, tmp_path) as where:
        store = Store.open(where)
        try:
            s = ingest_items(store, items, res)
            docs = {d["url"]: d for d in ex.documents(store.conn)}
            dated = docs["https://example.com/markets/2025/03/14/gold-3000"]
            assert (dated["published"], dated["published_how"]) == ("2025-03-14", "url")
            undated = docs["https://example.com/markets/gold-3000"]
            assert (undated["published"], undated["published_how"]) == (None, None)
            today = [t for t in ex.times(store.conn) if t["doc"] == dated["id"] and "الجمعة" in t["text"]]
            assert [t["value"][:10] for t in today] == ["2025-03-14"]
            event = next(e for e in ex.events(store.conn) if dated["id"] in e["docs"])
            assert event["date"] == "2025-03-14"
            assert not s.warnings
        finally:
            store.close()


def test_the_dask_workers_date_an_article_as_the_writer_does():
    doc = _document(RawArticle(text=FRIDAY, origin="x", url="https://example.com/2025/03/14/gold"))
    assert (doc.published, doc.published_how) == ("2025-03-14", "url")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_from_before_marks_its_dates_as_given(backend, tmp_path, monkeypatch):
    rows = [("INSERT INTO documents (id, text, published, content_hash, ingested_at) VALUES (?,?,?,?,?)",
             ("old", FRIDAY, "2025-03-14", "h", "2025-03-15T00:00:00Z")),
            ("INSERT INTO documents (id, text, content_hash, ingested_at) VALUES (?,?,?,?)",
             ("none", FRIDAY, "h2", "2025-03-15T00:00:00Z"))]
    with migrated_from_before(backend, tmp_path, monkeypatch, "m014_published_how", *rows) as new:
        assert {d["id"]: d["published_how"] for d in ex.documents(new.conn)} == {"old": "given", "none": None}
