"""Candidate stories for a new event: the stories of other events sharing its index keys, each key
counting only its latest events in the window, so that the work stays bounded in a dense archive
(on both engines)."""

from __future__ import annotations

from marsad.store import linking as db


def _event(conn, eid: str, day: str, story: str, keys: list[str]) -> None:
    conn.execute("INSERT INTO events (id, title, date, data, story_id) VALUES (?, '', ?, '{}', ?)", (eid, day, story))
    for k in keys:
        conn.execute("INSERT INTO event_keys (event_id, key, date) VALUES (?, ?, ?)", (eid, k, day))


def test_each_key_counts_only_its_latest_events(store):
    conn = store.conn
    with store.transaction():
        for sid in ("st-old", "st-new", "st-other"):
            db.new_story(conn, sid)
        for i in range(5):  # an old thread sharing both keys, then a recent one sharing one
            _event(conn, f"ev-old{i}", f"2025-01-0{i + 1}", "st-old", ["w:هدنة", "e:kb:hamas"])
        for i in range(3):
            _event(conn, f"ev-new{i}", f"2025-03-0{i + 1}", "st-new", ["w:هدنة"])
        _event(conn, "ev-out", "2024-01-01", "st-other", ["w:هدنة"])  # outside the window
        _event(conn, "ev-me", "2025-03-05", "st-new", ["w:هدنة", "e:kb:hamas"])  # the event itself
    window = ("2024-12-01", "2025-04-01")
    keys = ["w:هدنة", "e:kb:hamas"]
    every = db.story_candidates(conn, keys, window, "ev-me", 20, 50)
    assert [tuple(r) for r in every] == [("st-old", 10), ("st-new", 3)]
    # with the 3 latest events of each key only, the old thread is met through its other key alone
    latest = db.story_candidates(conn, keys, window, "ev-me", 20, 3)
    assert [tuple(r) for r in latest] == [("st-new", 3), ("st-old", 3)]
    assert [tuple(r) for r in db.story_candidates(conn, keys, window, "ev-me", 1, 3)] == [("st-new", 3)]
    assert ("st-other", 1) in [tuple(r) for r in db.story_candidates(conn, keys, None, "ev-me", 20, 50)]
