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
