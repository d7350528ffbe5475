"""Does this sentence report a protest (an attack...) that happened? A learned check on the lexicon.

Trigger words alone over-fire on news: "الاحتجاجات" in an analysis of why protests happen, a
bombing recalled from years ago, a court case about a killing. Crowd-labelled sentences
(openeventdata's Arabic event GSR) teach which contexts report a happening. One logistic model
per action type over sparse word features; weights ship as JSON (``marsad/models/actions.json``,
written by ``python -m marsad.extract.action_training``), so scoring a sentence is a sum of a
few dozen weights. Types without a model pass unchecked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ires
from pathlib import Path

from marsad.text.tokenize import peel, tokenize

MODEL = "actions.json"
FEATURES = 1  # version of ``features``; a model made with another is refused


def features(text: str) -> set[str]:
    """Binary features of a sentence: words, their stems, stem bigrams, stem prefixes and the
    presence of numbers. Kept plain so a model stays readable and cheap to apply."""
    toks = tokenize(text)
    stems = [peel(t.norm)[1] for t in toks]
    out = {"bias"}
    for t, s in zip(toks, stems, strict=True):
        if t.norm[:1].isdigit():
            out.add("num")
            continue
        out.add("w:" + t.norm)
        out.add("s:" + s)
        if len(s) > 4:
            out.add("p:" + s[:4])
    for a, b in zip(stems, stems[1:], strict=False):
        out.add("b:" + a + "_" + b)
    return out


@dataclass(frozen=True)
class TypeModel:
    type: str
    weights: dict[str, float]
    threshold: float

    def prob(self, feats: set[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load(path: str | Path = "") -> dict[str, TypeModel]:
    """Per-type models from ``path`` or the shipped file; empty when there is none."""
    if path:
        raw = Path(path).read_text(encoding="utf-8")
    else:
        ref = ires.files("marsad") / "models" / MODEL
        if not ref.is_file():
            return {}
        raw = ref.read_text(encoding="utf-8")
    data = json.loads(raw)
    if data.get("features") != FEATURES:
        raise ValueError(f"action classifier {path or MODEL}: features v{data.get('features')}, code has v{FEATURES}")
    return {t: TypeModel(t, m["weights"], float(m["threshold"])) for t, m in data["types"].items()}


@lru_cache(maxsize=4)
def _cached(path: str) -> dict[str, TypeModel]:
    return load(path)


def sentence_gate(path: str = "") -> Callable[[str, str], bool]:
    """``gate(type, sentence) -> bool``: True unless the type's model scores the sentence below
    its threshold (``path`` "off": always True). Features are computed once per sentence
    however many triggers it has."""
    models = {} if path == "off" else _cached(path)
    memo: dict[str, set[str]] = {}

    def gate(typ: str, sentence: str) -> bool:
        m = models.get(typ)
        if m is None:
            return True
        if sentence not in memo:
            if len(memo) > 256:
                memo.clear()
            memo[sentence] = features(sentence)
        return m.prob(memo[sentence]) >= m.threshold

    return gate
