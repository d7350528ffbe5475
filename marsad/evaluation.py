"""How well events hold on a labelled set of real reports (``marsad eval``).

A labelled set is a folder with ``corpus.jsonl`` (the reports) and ``gold.json``
(``{"documents": {id: {"event": label, "confidence": "high"|"low"}}}``; a label ends in the
happening's date). The set is ingested into a fresh SQLite store exactly as a user would, and
the exported events are compared with the labels: B-cubed precision/recall/F1 (all labels and
high-confidence ones only), events found against labelled, the share of reports whose event
carries the happening's date (within a day), and the worst merges and splits by title, which
is what one reads to see why a figure moved.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from marsad.ingest.run import ingest_paths
from marsad.resources import Resources
from marsad.store import Store
from marsad.store import export as ex

_LABEL_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?$")


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` (doc -> cluster) over the documents of ``gold``."""
    docs = [d for d in gold if d in pred]
    if not docs:
        return 0.0, 0.0, 0.0
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        pc[pred[d]].add(d)
        gc[gold[d]].add(d)
    p = sum(len(pc[pred[d]] & gc[gold[d]]) / len(pc[pred[d]]) for d in docs) / len(docs)
    r = sum(len(pc[pred[d]] & gc[gold[d]]) / len(gc[gold[d]]) for d in docs) / len(docs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def date_right(label: str, got: str | None) -> bool:
    """Whether an event date ``got`` is the happening day of ``label`` within a day (month for month labels)."""
    m = _LABEL_DATE.search(label)
    if not m or not got:
        return False
    if not m.group(3):
        return got[:7] == f"{m[1]}-{m[2]}"
    try:
        return abs((date.fromisoformat(got[:10]) - date(int(m[1]), int(m[2]), int(m[3]))).days) <= 1
    except ValueError:
        return False


@dataclass
class Mixed:
    """A predicted event holding several labels (a merge) or a label spread over events (a split)."""

    key: str  # event id (merge) or label (split)
    title: str
    parts: list[tuple[str, int]]  # (label or event title, reports)
    wrong_pairs: int


@dataclass
class SetReport:
    name: str
    reports: int
    labels: int
    events: int
    precision: float
    recall: float
    f1: float
    high: tuple[float, float, float]
    dates_right: int
    dated_reports: int
    undated_events: int
    merges: list[Mixed] = field(default_factory=list)
    splits: list[Mixed] = field(default_factory=list)
    action_types: dict[str, list[int]] = field(default_factory=dict)  # type -> [tp, fp, fn] over reports
    copies: int = 0  # labelled reports marked as a copy of another (duplicate_of: near or wire copy)
    copies_across: list[tuple[str, str]] = field(default_factory=list)  # (copy, original) of two labels

    def lines(self, worst: int = 5) -> list[str]:
        hp, hr, hf = self.high
        out = [f"{self.name}: {self.reports} reports, {self.labels} labelled happenings, {self.events} events found",
               f"  B-cubed all labels:  P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}",
               f"  B-cubed high-conf.:  P {hp:.3f}  R {hr:.3f}  F1 {hf:.3f}",
               f"  happening date right (within a day): {self.dates_right}/{self.dated_reports}"
               f" ({self.dates_right / max(self.dated_reports, 1):.2f}); events without a date: {self.undated_events}",
               f"  copies found: {self.copies}; across two labelled happenings: {len(self.copies_across)}"
               + "".join(f" {a}->{b}" for a, b in self.copies_across)]
        if self.action_types:
            tp, fp, fn = (sum(v[i] for v in self.action_types.values()) for i in range(3))
            out.append(f"  action types per report: P {_ratio(tp, tp + fp):.2f}  R {_ratio(tp, tp + fn):.2f}"
                       f"  ({tp} right, {fp} not labelled, {fn} missed)")
            for typ, (t, f, n) in sorted(self.action_types.items(), key=lambda kv: -sum(kv[1])):
                out.append(f"    {typ:10s} P {_ratio(t, t + f):.2f}  R {_ratio(t, t + n):.2f}  ({t}/{f}/{n})")
        for head, rows in (("worst merges", self.merges), ("worst splits", self.splits)):
            if rows and worst:
                out.append(f"  {head}:")
            for m in rows[:worst]:
                parts = ", ".join(f"{k} ×{n}" for k, n in m.parts)
                out.append(f"    {m.wrong_pairs:3d} pairs  «{m.title[:70]}»  {parts}")
        return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score_action_types(actions: list[dict], labels: dict[str, list[str]]) -> dict[str, list[int]]:
    """Per type, [right, not labelled, missed] over the labelled reports: a report counts once per
    type it is coded with (any mention) or labelled with."""
    got: dict[str, set[str]] = defaultdict(set)
    for a in actions:
        for m in a["mentions"]:
            got[m["doc"]].add(a["type"])
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc, want in labels.items():
        w, g = set(want), got.get(doc, set())
        for t in w & g:
            out[t][0] += 1
        for t in g - w:
            out[t][1] += 1
        for t in w - g:
            out[t][2] += 1
    return dict(out)


def evaluate_set(folder: str | Path, res: Resources | None = None, db: str | Path | None = None,
                 action_types: dict[str, list[str]] | None = None) -> SetReport:
    """Ingest ``folder/corpus.jsonl`` into a fresh store (``db`` or a temporary file) and score its
    events, and its coded action types per report when ``action_types`` (doc -> types) is given."""
    folder = Path(folder)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
    res = res or Resources()
    with tempfile.TemporaryDirectory(prefix="marsad-eval-") as tmp:
        store = Store.open(db or Path(tmp) / "eval.db")
        try:
            ingest_paths(store, [str(folder / "corpus.jsonl")], res)
            events = ex.events(store.conn)
            copies = {d["id"]: d["duplicate_of"] for d in ex.documents(store.conn, with_text=False) if d["duplicate_of"]}
            actions = ex.actions(store.conn) if action_types is not None else []
        finally:
            store.close()
    report = score_events(folder.name, events, gold, copies)
    if action_types is not None:
        report.action_types = score_action_types(actions, {d: t for d, t in action_types.items() if d in gold})
    return report


def score_events(name: str, events: list[dict], gold: dict[str, dict],
                 copies: dict[str, str] | None = None) -> SetReport:
    """Compare exported ``events`` with the labels of ``gold`` (doc -> {event, confidence}), and the
    ``copies`` (doc -> the document it copies) with the labels."""
    labels = {d: g["event"] for d, g in gold.items() if g.get("event")}
    pred: dict[str, str] = {}
    title: dict[str, str] = {}
    edate: dict[str, str | None] = {}
    for e in events:
        title[e["id"]], edate[e["id"]] = e.get("title") or "", e.get("date")
        for d in e["docs"]:
            pred[d] = e["id"]
    for d in labels:
        pred.setdefault(d, "missing:" + d)
    p, r, f = bcubed(pred, labels)
    high = {d: lab for d, lab in labels.items() if gold[d].get("confidence", "high") == "high"}
    by_event: dict[str, Counter] = defaultdict(Counter)
    by_label: dict[str, Counter] = defaultdict(Counter)
    for d, lab in labels.items():
        by_event[pred[d]][lab] += 1
        by_label[lab][pred[d]] += 1

    def wrong(c: Counter) -> int:
        n = sum(c.values())
        return (n * n - sum(v * v for v in c.values())) // 2

    merges = sorted((Mixed(e, title.get(e, ""), c.most_common(), wrong(c)) for e, c in by_event.items() if len(c) > 1),
                    key=lambda m: (-m.wrong_pairs, m.key))
    splits = sorted((Mixed(lab, lab, [(title.get(e, e)[:40] or e, n) for e, n in c.most_common()], wrong(c))
                     for lab, c in by_label.items() if len(c) > 1), key=lambda m: (-m.wrong_pairs, m.key))
    dated = [d for d, lab in labels.items() if _LABEL_DATE.search(lab)]
    return SetReport(
        name=name, reports=len(labels), labels=len(set(labels.values())), events=len(by_event),
        precision=p, recall=r, f1=f, high=bcubed(pred, high),
        dates_right=sum(date_right(labels[d], edate.get(pred[d])) for d in dated), dated_reports=len(dated),
        undated_events=sum(1 for e in by_event if not edate.get(e)), merges=merges, splits=splits,
        copies=sum(1 for d in (copies or {}) if d in labels),
        copies_across=sorted((d, o) for d, o in (copies or {}).items()
                             if d in labels and o in labels and labels[d] != labels[o]))
