"""A JSON article with a field of the wrong type is rejected naming the field and the JSON type
(number, list, object, boolean), in English or Arabic; ids and dates given as numbers are read
as their text."""

from __future__ import annotations

import json

import pytest

from marsad.ingest.run import ingest_paths
from marsad.messages import catalogue

ARABIC = "قال وزير الخارجية المصري إن بلاده تواصل اتصالاتها مع جميع الأطراف من أجل التهدئة في المنطقة."


def ingest_lines(store, res, tmp_path, *objs) -> tuple:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in objs) + "\n", "utf-8")
    return f, ingest_paths(store, [str(f)], res)


@pytest.mark.parametrize(("obj", "reason"), [
    ({"text": 12345}, 'JSON field "text" is a number; it must be a string'),
    ({"text": ["a", "b"]}, 'JSON field "text" is a list; it must be a string'),
    ({"text": True}, 'JSON field "text" is a boolean; it must be a string'),
    ({"text": ARABIC, "title": ["a", "list"]}, 'JSON field "title" is a list; it must be a string'),
    ({"text": ARABIC, "source": {"name": "x"}}, 'JSON field "source" is an object; it must be a string'),
    ({"text": ARABIC, "url": 7}, 'JSON field "url" is a number; it must be a string'),
    ({"text": ARABIC, "published": {"day": 1}},
     'JSON field "published" is an object; it must be a string or a number'),
    ({"text": ARABIC, "id": [1]}, 'JSON field "id" is a list; it must be a string or a number'),
    ({"text": ARABIC, "id": False}, 'JSON field "id" is a boolean; it must be a string or a number'),
    ({"title": ARABIC}, 'JSON object has no "text" field'),
    ({"text": None}, 'JSON object has no "text" field'),
    ({"text": "  \n "}, 'JSON field "text" is empty'),
    ("just a string", 'JSON value is a string, not an object with a "text" field'),
    (42, 'JSON value is a number, not an object with a "text" field'),
])
def test_wrong_json_types_are_named(store, res, tmp_path, monkeypatch, obj, reason):
    monkeypatch.setenv("MARSAD_LANG", "en")
    f, s = ingest_lines(store, res, tmp_path, obj)
    assert s.rejected == [(f"{f}:1", reason)] and s.new == []


def test_wrong_json_type_in_arabic(store, res, tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_LANG", "ar")
    f, s = ingest_lines(store, res, tmp_path, {"text": 12345})
    ((_, reason),) = s.rejected
    expected = catalogue()["json_field_type"]["ar"].format(field="text", got=catalogue()["json_type_number"]["ar"])
    assert reason == expected
    assert '"text"' in reason and "number" in reason and "عدد" in reason and "يجب أن يكون نصاً" in reason


def test_numbers_are_read_as_text_for_id_and_published(store, res, tmp_path):
    f, s = ingest_lines(store, res, tmp_path, {"id": 12345, "text": ARABIC, "published": 2025},
                        {"id": 7.5, "text": ARABIC + " وأضاف أن الحوار مستمر."})
    assert s.rejected == [] and sorted(s.new) == ["12345", "7.5"]
    assert store.get_document("12345") is not None
    assert any("unreadable publication date '2025'" in m for _, m in s.warnings)  # a bare year is no date
