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


def test_event_candidates_are_those_in_the_window_and_the_undated(store):
    """Two index range scans (the dated window, the undated) give what one OR gave, most keys
    shared first."""
    conn = store.conn
    with store.transaction():
        db.new_story(conn, "st")
        _event(conn, "ev-in", "2025-03-02", "st", ["w:هدنة", "e:kb:hamas"])
        _event(conn, "ev-in2", "2025-03-03", "st", ["w:هدنة"])
        _event(conn, "ev-undated", "", "st", ["w:هدنة", "e:kb:hamas"])
        _event(conn, "ev-out", "2024-03-02", "st", ["w:هدنة", "e:kb:hamas"])
    keys = ["w:هدنة", "e:kb:hamas"]
    assert db.candidates(conn, keys, ("2025-03-01", "2025-03-05"), 10) == ["ev-in", "ev-undated", "ev-in2"]
    assert db.candidates(conn, keys, ("2025-03-01", "2025-03-05"), 1) == ["ev-in"]
    assert set(db.candidates(conn, keys, None, 10)) == {"ev-in", "ev-in2", "ev-undated", "ev-out"}
