"""Stories: events threaded by shared actors and topic over time.

A new event joins the story whose recent events (within ``story_window_days``), or undated
ones, share its entities and words; when it matches several stories it bridges them and they
merge, so the result does not depend on which event of a thread arrived first. An undated
event whose report writes its day with the weekday is dated by its thread at the batch end
(``events.thread_date``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from typing import Any

from marsad.link.happening import shift
from marsad.link.similarity import cosine_to, is_fresh, profile_lengths, top
from marsad.store import linking as db


def _profile(data: dict) -> tuple[Counter, Counter, Counter]:
    return Counter(data.get("centroid", {})), Counter(data.get("entities", {})), Counter(data.get("lead", {}))


def _similarity(f: Any, data: dict, freq: Any, cfg: dict) -> tuple[float, float]:
    """(similarity, threshold it must reach): words alone when either side has no entities.

    With stale stored lengths, a story that stays under its threshold even were its vectors
    ``length_drift`` times shorter now is settled without re-weighing its profile."""
    st = data.get("lengths")
    if st and not is_fresh(st, freq, cfg["length_staleness"]):
        s, need = _cosines(f, data, freq, cfg, st)
        if s * cfg["length_drift"] < need:
            return s, need
        st = None
    return _cosines(f, data, freq, cfg, st or profile_lengths(data["centroid"], data.get("lead") or {}, data["entities"], freq))


def _cosines(f: Any, data: dict, freq: Any, cfg: dict, lens: dict) -> tuple[float, float]:
    idf_w = freq.idf("w:")
    text = cosine_to(f.wvec, data["centroid"], idf_w, lens["w"])
    if data.get("lead") and f.lvec:  # what the leads report: a thread's events share their topic words
        lead = cosine_to(f.lvec, data["lead"], idf_w, lens["l"])
        text = (1 - cfg["story_lead_share"]) * text + cfg["story_lead_share"] * lead
    if not f.evec or not data["entities"]:
        return text, cfg["story_text_threshold"]
    ents = cosine_to(f.evec, data["entities"], freq.idf("e:"), lens["e"])
    return cfg["story_weight_entities"] * ents + cfg["story_weight_text"] * text, cfg["story_threshold"]


def _title(conn: sqlite3.Connection, story_id: str, data: dict, deferred: Any = None) -> str:
    """The story's three main actors; else its first event's title (with ``deferred``, an event whose
    title waits for the batch end is noted there and its title filled in then)."""
    if deferred is not None:
        deferred.stories.pop(story_id, None)
    names = []
    for e, _ in sorted(data["entities"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]:
        r = db.entity_names(conn, e)
        if r:
            names.append(r["name_ar"] or r["name"])
    if len(names) >= 2:
        return " – ".join(names)
    r = db.first_event_of_story(conn, story_id)
    if r and deferred is not None and r["id"] in deferred.events:
        deferred.stories[story_id] = r["id"]
    return (r["title"] if r else "") or ""


def _save(conn: sqlite3.Connection, story_id: str, data: dict, freq: Any, deferred: Any = None) -> None:
    data["lengths"] = profile_lengths(data["centroid"], data.get("lead") or {}, data["entities"], freq)
    db.save_story(conn, story_id, _title(conn, story_id, data, deferred), json.dumps(data, ensure_ascii=False))


def _add(data: dict, f: Any, date: str | None, cfg: dict) -> None:
    cent, ents, lead = _profile(data)
    cent.update(f.words)
    ents.update(f.entities)
    lead.update(getattr(f, "lead", {}))
    data["centroid"] = {t: round(v, 3) for t, v in top(cent, cfg["centroid_terms"]).items()}
    data["entities"] = top(ents, cfg["story_entity_terms"])
    data["lead"] = {t: round(v, 3) for t, v in top(lead, cfg["centroid_terms"]).items()}
    if date:
        data["first"] = min(filter(None, [data.get("first"), date]))
        data["last"] = max(filter(None, [data.get("last"), date]))


def place(conn: sqlite3.Connection, event_id: str, date: str | None, f: Any, story_id: str | None,
          freq: Any, cfg: dict, keys: list[str], deferred: Any = None) -> str:
    """Story of ``event_id`` after document features ``f`` joined it; returns the story id.

    ``deferred`` (``events.Deferred``): a title taken from an event waits for that event's."""
    if story_id:
        stored = db.story_data(conn, story_id)
        data = json.loads(stored) if stored else {}
        _add(data, f, date, cfg)
        _save(conn, story_id, data, freq, deferred)
        return story_id
    # candidate stories: those of events sharing the article's index keys within the story window
    w = cfg["story_window_days"]
    window = (shift(date, -w), shift(date, w)) if date else None
    rows = db.story_candidates(conn, keys, window, event_id, cfg["story_max_candidates"], cfg["story_key_events"])
    matches: list[tuple[float, str, dict]] = []
    for sid, _n in rows:
        data = json.loads(db.story_data(conn, sid) or "{}")
        s, need = _similarity(f, data, freq, cfg)
        if s >= need:
            matches.append((s, sid, data))
    if not matches:
        sid = "st-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]
        db.new_story(conn, sid)
        data: dict = {"centroid": {}, "entities": {}}
        _add(data, f, date, cfg)
        _save(conn, sid, data, freq, deferred)
        return sid
    matches.sort(key=lambda m: (-m[0], m[1]))
    _, sid, data = matches[0]
    for _, other, odata in matches[1:]:  # the event bridges these stories: merge them
        c1, e1, l1 = _profile(data)
        c2, e2, l2 = _profile(odata)
        c1.update(c2)
        e1.update(e2)
        l1.update(l2)
        data["centroid"] = {t: round(v, 3) for t, v in top(c1, cfg["centroid_terms"]).items()}
        data["entities"] = top(e1, cfg["story_entity_terms"])
        data["lead"] = {t: round(v, 3) for t, v in top(l1, cfg["centroid_terms"]).items()}
        data["first"] = min(filter(None, [data.get("first"), odata.get("first")]), default=None)
        data["last"] = max(filter(None, [data.get("last"), odata.get("last")]), default=None)
        db.fold_story(conn, sid, other)
    _add(data, f, date, cfg)
    _save(conn, sid, data, freq, deferred)
    return sid
