"""Helpers to run the entities stage on texts and score it (mentions and alias merges)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from marsad.extract import entities
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.text.normalize import normalize
from marsad.types import Analysis, Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "marsad" / "samples" / "seeds.jsonl"
NAMED = ("PERSON", "ORG", "LOC")


def analyse(res: Resources, doc_id: str, text: str, published: str | None = None) -> Analysis:
    doc = prepare(Document(id=doc_id, text=text, published=published, language="ar"), res)
    an = Analysis(doc_id)
    entities.run(doc, an, res)
    return an


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score_unseen(res: Resources, cases: list[dict]) -> dict:
    """Mention P/R and pairwise merge P/R on sentences whose names were written outside the KB.
    A listed name counts as found however it is found (the KB may have learnt it since); extra
    mentions count against precision when they were discovered from context, since KB names
    other than the listed ones (countries, cities) are not annotated in these cases."""
    tp = fp = fn = 0
    placed: list[tuple[str, str | None]] = []  # (gold entity label, predicted key)
    misses, extras = [], []
    for c in cases:
        an = analyse(res, c["id"], c["text"], c.get("published"))
        pred = {(normalize(m.text), m.type): m.entity for m in an.mentions if m.type in NAMED}
        discovered = {(normalize(m.text), m.type) for m in an.mentions
                      if m.type in NAMED and m.how not in ("kb", "role")}
        gold = {(normalize(e["text"]), e["type"]): e["entity"] for e in c["expected"]}
        for k, label in gold.items():
            if k in pred:
                tp += 1
                placed.append((label, pred[k]))
            else:
                fn += 1
                misses.append(k[0])
        for k in discovered:
            if k not in gold:
                fp += 1
                extras.append(k[0])
    merge = pair_scores(placed)
    return {"mention_p": tp / (tp + fp) if tp + fp else 1.0, "mention_r": tp / (tp + fn) if tp + fn else 1.0,
            **merge, "misses": misses, "extras": extras}


def pair_scores(placed: list[tuple[str, str | None]]) -> dict:
    """Pairwise alias-merge precision/recall: pairs with one predicted key vs one gold entity."""
    same_pred = same_gold = both = 0
    for (g1, p1), (g2, p2) in itertools.combinations(placed, 2):
        sp, sg = p1 is not None and p1 == p2, g1 == g2
        same_pred += sp
        same_gold += sg
        both += sp and sg
    return {"merge_p": both / same_pred if same_pred else 1.0, "merge_r": both / same_gold if same_gold else 1.0}
