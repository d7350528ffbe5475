"""Statements: the same words by the same speaker in several outlets share one statement id."""

from __future__ import annotations

import json

from click.testing import CliRunner

from marsad.cli import main
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.link.statements import content_key, same_statement
from marsad.resources import Resources
from marsad.store import Store

ARTICLES = [
    ("a1", "وقال مصدر دبلوماسي رفيع إن الاجتماع المقبل سيعقد في جنيف بحضور وفدي البلدين. "
           "وتأتي التصريحات بعد أسبوع من التوتر على الحدود الشمالية بين الجانبين."),
    ("a2", "في سياق آخر، قال مصدر دبلوماسي رفيع إن «الاجتماع المقبل سيعقد في جنيف بحضور وفدي البلدين». "
           "ولم تعلق الحكومة على هذه التصريحات حتى الآن رغم الطلبات المتكررة."),
    ("a3", "وقال مصدر دبلوماسي رفيع إن المحادثات تعثرت بسبب الخلاف على ترسيم الحدود البحرية. "
           "ويخشى مراقبون من عودة المواجهات إذا لم تنجح الوساطة في الأسابيع المقبلة."),
]


def test_statements_content_key_drops_marks_and_unifies_letters():
    assert content_key("«الاجتماعُ سيُعقد في جنيف»") == content_key("الاجتماع سيعقد في جنيف")


def test_statements_similarity_needs_near_identical_words():
    cfg = Resources().config["quotes"]
    a = content_key("الاجتماع المقبل سيعقد في جنيف بحضور وفدي البلدين")
    assert same_statement(a, content_key("الاجتماع المقبل سيعقد في جنيف بحضور وفدي البلدين غدا"), cfg)
    assert not same_statement(a, content_key("المحادثات تعثرت بسبب الخلاف على ترسيم الحدود البحرية"), cfg)


def test_statements_linked_across_documents_and_listed_by_speaker(tmp_path):
    db = tmp_path / "q.db"
    store = Store.open(db)
    try:
        ingest_items(store, [RawArticle(text=t, origin=i, id=i, published="2025-05-20") for i, t in ARTICLES],
                     Resources())
        rows = {r[0]: r[1] for r in store.conn.execute("SELECT doc_id, statement_id FROM quotes")}
    finally:
        store.close()
    assert rows["a1"] == rows["a2"]
    assert rows["a3"] != rows["a1"]
    out = CliRunner().invoke(main, ["quotes", "--db", str(db), "--json", "--speaker", "مصدر دبلوماسي رفيع"])
    assert out.exit_code == 0, out.output
    listed = json.loads(out.output)
    assert {q["doc"] for q in listed} == {"a1", "a2", "a3"}
    assert all(q["speaker"] is None and q["statement_id"] for q in listed)
    assert "جنيف" in [q for q in listed if q["doc"] == "a2"][0]["text"]
    none = CliRunner().invoke(main, ["quotes", "--db", str(db), "--speaker", "غوتيريش"])
    assert none.exit_code == 0 and "no quotes" in none.output


def _statements_in_order(tmp_path, pool: int | None) -> dict[str, str]:
    """a1, a3, a2 ingested one after another (each linked before the next arrives)."""
    import copy

    res = Resources()
    if pool is not None:
        res = Resources(config=copy.deepcopy(res.config))
        res.config["quotes"]["statement_pool"] = pool
    store = Store.open(tmp_path / f"pool{pool}.db")
    try:
        for i, t in (ARTICLES[0], ARTICLES[2], ARTICLES[1]):
            ingest_items(store, [RawArticle(text=t, origin=i, id=i, published="2025-05-20")], res)
        return {r[0]: r[1] for r in store.conn.execute("SELECT doc_id, statement_id FROM quotes")}
    finally:
        store.close()


def test_a_quote_is_compared_with_its_speakers_latest_quotes_only(tmp_path):
    """The cost of a speaker quoted every day stays bounded: beyond the latest ``statement_pool``
    of their quotes, the same words start a new statement."""
    default = _statements_in_order(tmp_path, None)
    assert default["a2"] == default["a1"] != default["a3"]
    one = _statements_in_order(tmp_path, 1)  # a3 is the speaker's latest quote when a2 arrives
    assert one["a2"] not in (one["a1"], one["a3"])
    two = _statements_in_order(tmp_path, 2)
    assert two["a2"] == two["a1"]
