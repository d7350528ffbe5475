"""The stored profile of one event: what the join decision reads and what readers show.

An event row keeps its profile as JSON (``events.data``); every module that reads or writes it
goes through ``EventProfile`` so that its fields have one definition: the words, entities and
lead words scoring compares with (weighted counts, capped at ``centroid_terms``), the happening
cues of its reports (kinds, weekdays, years, ordinals, appointees), one note per member report, and what the
batch end computes once for readers (summary, fact table, the raw fact values the clash signals
read, the number of sources). Profiles written by older versions lack some fields; they read as
empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MemberNote:
    """One report of the event, as the linker placed it."""

    date: str | None  # the report's happening date
    how: str  # where the date came from: 'times', 'published', 'thread' (thread_date) or 'none'
    score: float  # the join probability it came in with (1.0 when it opened the event)
    v: dict[str, float] | None = None  # its short word vector, for the first few members only
    day: str | None = None  # 'MM-DD' its lead writes out with a weekday when it has no date (الجمعة 11 أبريل)
    day_weekday: int | None = None  # that weekday (0 = Monday)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"date": self.date, "how": self.how, "score": self.score}
        if self.v is not None:
            d["v"] = self.v
        if self.day is not None:
            d["day"], d["day_weekday"] = self.day, self.day_weekday
        return d


@dataclass
class EventProfile:
    centroid: dict[str, float] = field(default_factory=dict)  # stemmed word -> weighted count
    entities: dict[str, float] = field(default_factory=dict)  # entity id -> count
    lead: dict[str, float] = field(default_factory=dict)  # headline and lead words -> weighted count
    kinds: dict[str, int] = field(default_factory=dict)  # happening kind (call, vote, ...) -> reports
    weekdays: dict[str, int] = field(default_factory=dict)  # weekday named in a lead -> reports
    years: dict[str, int] = field(default_factory=dict)  # year a report may be written in -> reports
    ordinals: list[tuple[str, int]] = field(default_factory=list)  # (noun stem, number): the second round
    appointees: dict[str, int] = field(default_factory=dict)  # person a lead appoints (cues.appointees) -> reports
    members: dict[str, MemberNote] = field(default_factory=dict)  # report id -> note, in arrival order
    summary: list[dict[str, Any]] = field(default_factory=list)  # sentences with their document and index
    facts: list[dict[str, Any]] = field(default_factory=list)  # the cross-source fact table
    fact_values: list[list[Any]] = field(default_factory=list)  # [what, unit, value, qualifier] of each fact
    sources: int = 0
    lengths: dict[str, float] | None = None  # vector lengths at a document count (similarity.profile_lengths)

    @property
    def kind(self) -> str | None:
        """The kind of happening most of its reports' leads tell (events_cues.json), None if none."""
        return min(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0] if self.kinds else None

    def month_days(self) -> set[str]:
        """'MM-DD' of each day its reports tell: dates from their text, and days an undated lead
        writes out with a weekday."""
        return {m.date[5:10] if m.date else m.day for m in self.members.values()
                if (m.date and m.how == "times") or m.day}

    @classmethod
    def from_json(cls, text: str | None) -> EventProfile:
        d = json.loads(text) if text else {}
        return cls(
            centroid=d.get("centroid", {}), entities=d.get("entities", {}), lead=d.get("lead") or {},
            kinds=d.get("kinds", {}), weekdays=d.get("weekdays", {}), years=d.get("years", {}),
            ordinals=[(o[0], o[1]) for o in d.get("ordinals", [])], appointees=d.get("appointees", {}),
            members={k: MemberNote(m.get("date"), m.get("how", "none"), m.get("score", 1.0), m.get("v"), m.get("day"),
                                   m.get("day_weekday"))
                     for k, m in d.get("members", {}).items()},
            summary=d.get("summary", []), facts=d.get("facts", []), fact_values=d.get("fact_values", []),
            sources=d.get("sources", 0), lengths=d.get("lengths"))

    def to_json(self) -> str:
        d: dict[str, Any] = {
            "centroid": self.centroid, "entities": self.entities, "lead": self.lead, "kinds": self.kinds,
            "weekdays": self.weekdays, "years": self.years, "ordinals": [list(o) for o in self.ordinals],
            "members": {k: m.to_dict() for k, m in self.members.items()},
            "summary": self.summary, "facts": self.facts, "fact_values": self.fact_values, "sources": self.sources}
        if self.appointees:
            d["appointees"] = self.appointees
        if self.lengths is not None:
            d["lengths"] = self.lengths
        return json.dumps(d, ensure_ascii=False)
