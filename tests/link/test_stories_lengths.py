"""A story's profile lengths, re-weighed once it is stale, serve the articles after it while fresh."""

from __future__ import annotations

import json
from types import SimpleNamespace

from marsad.link import similarity, stories
from marsad.link.events import Frequencies
from marsad.resources import Resources
from marsad.store import Store


def test_a_stale_story_is_reweighed_once_per_stored_profile(tmp_path, monkeypatch):
    store = Store.open(tmp_path / "s.db")
    freq = Frequencies(store.conn)
    freq.n = 10_000  # an archive of ten thousand linked articles
    cfg = {**Resources().config["events"]}
    words = {"اتصال": 3.0, "هاتفي": 2.0, "الكرملين": 1.0}
    data = {"centroid": words, "lead": words, "entities": {"kb:RU": 2.0},
            "lengths": {"n": 5_000, "w": 9.0, "l": 9.0, "e": 9.0}}  # taken when the archive was half as big
    stored = json.dumps(data, ensure_ascii=False)
    f = SimpleNamespace(wvec=similarity.weigh(words, freq.idf("w:")), lvec=similarity.weigh(words, freq.idf("w:")),
                        evec=similarity.weigh({"kb:RU": 1.0}, freq.idf("e:")))
    calls = []
    real = stories.profile_lengths
    monkeypatch.setattr(stories, "profile_lengths", lambda *a: calls.append(1) or real(*a))
    exact = stories._similarity(f, json.loads(stored), freq, cfg)  # no id: weighed, not kept
    first = stories._similarity(f, json.loads(stored), freq, cfg, "st-1", stored)
    again = stories._similarity(f, json.loads(stored), freq, cfg, "st-1", stored)
    assert exact == first == again and first[0] >= first[1]  # the same match, weighed at today's counts
    assert len(calls) == 2  # the third call read the lengths the second one weighed
    changed = json.dumps({**data, "centroid": {**words, "بوتين": 1.0}}, ensure_ascii=False)
    stories._similarity(f, json.loads(changed), freq, cfg, "st-1", changed)
    assert len(calls) == 3  # a story whose profile changed is weighed again
    freq.n = 20_000  # the archive doubled: the kept lengths are stale too
    stories._similarity(f, json.loads(changed), freq, cfg, "st-1", changed)
    assert len(calls) == 4
    store.close()
