"""The learned decision "does this report belong to this event": a logistic model over signals.

Hand-set weights held on the samples and failed on real news, so the weights are fitted
(``scripts/train_join.py`` on labelled real reports) and shipped as JSON in the package:
the signals (``SIGNALS``, computed by ``marsad.link.events``) go through a standard scaling,
a dot product and a sigmoid; the report joins its best candidate when the probability reaches
the model's threshold. Nothing heavier than arithmetic runs at ingest time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# The signals of one (report, event) pair, in the order of the model's weights.
SIGNALS: tuple[str, ...] = (
    "text",            # TF-IDF cosine of stemmed words, report vs event
    "nearest",         # cosine with the closest single report of the event (its stored word vector)
    "lead",            # cosine of headline+lead words with the event's headlines+leads
    "lead_missing",    # 1 when either side has no lead words
    "entities",        # TF-IDF cosine of the entities involved
    "entities_missing",  # 1 when either side names no known entity
    "facts_agree",     # share of the report's quantities the event states compatibly
    "facts_clash",     # share of them the event states incompatibly
    "date_known",      # both report and event carry a happening date
    "date_gap",        # days between them (0 when unknown), over the blocking window
    "date_gap_ongoing",  # the same, instead, when both leads tell a kind that runs over days (a quake)
    "date_from_text",  # the report's date comes from its text, not its publication date
    "year_same",       # the report's latest named year is one of the event's reports'
    "year_clash",      # ... or none of them
    "weekday_same",    # the weekday the report names is the event's
    "weekday_clash",   # ... or is more than a day away from it
    "kind_overlap",    # Jaccard of the happening kinds (call, meeting, vote, ...) of the leads
    "kind_clash",      # both leads tell kinds, none in common
    "event_size",      # log(1 + reports already in the event)
)

# The sign each signal's weight may take when fitted (+1: only for joining, -1: only against, 0: either):
# a clash is evidence against and an agreement for, whatever a small labelled set happens to show.
_SIGN_OF = {"text": 1, "nearest": 1, "lead": 1, "entities": 1, "facts_agree": 1, "facts_clash": -1,
            "date_gap": -1, "date_gap_ongoing": -1, "year_same": 1, "year_clash": -1, "weekday_same": 1,
            "weekday_clash": -1, "kind_overlap": 1, "kind_clash": -1}
SIGNS: tuple[int, ...] = tuple(_SIGN_OF.get(s, 0) for s in SIGNALS)

COSINES = ("text", "lead", "entities")  # signals that a shorter (stale-length) profile can only raise


@dataclass(frozen=True)
class JoinModel:
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # join when the probability reaches this
    merge_threshold: float  # a second event this likely is the same happening: the report bridges them
    # consolidation: a small event the report came near folds into the event it joined when each of
    # its reports, scored again against the grown event, reaches this (above 1: never)
    consolidate_threshold: float = 1.01

    def logit(self, x: list[float]) -> float:
        return self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True))

    def probability(self, x: list[float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def upper_bound(self, x: list[float], stretch: float) -> float:
        """The highest probability ``x`` could reach were its cosines up to ``stretch`` times larger."""
        y = list(x)
        for name in COSINES:
            i = SIGNALS.index(name)
            if self.weights[i] > 0:
                y[i] = min(1.0, y[i] * stretch)
        return self.probability(y)

    def to_json(self, about: dict) -> str:
        return json.dumps({"signals": list(SIGNALS), "weights": list(self.weights), "bias": self.bias,
                           "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                           "merge_threshold": self.merge_threshold,
                           "consolidate_threshold": self.consolidate_threshold, "about": about},
                          ensure_ascii=False, indent=1)


def neutral() -> JoinModel:
    """A model that weighs nothing (what training links with while the labels decide)."""
    n = len(SIGNALS)
    return JoinModel((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n, 0.5, 0.5)


def from_dict(d: dict) -> JoinModel:
    if list(d["signals"]) != list(SIGNALS):
        raise ValueError(f"join model signals {d['signals']} are not this version's {list(SIGNALS)}")
    return JoinModel(tuple(d["weights"]), d["bias"], tuple(d["mean"]), tuple(d["scale"]),
                     d["threshold"], d["merge_threshold"], d.get("consolidate_threshold", 1.01))


@cache
def load(path: str | None = None) -> JoinModel:
    """The shipped model (``marsad/models/join.json``), or the one at ``path``."""
    if path:
        return from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    with resources.files("marsad").joinpath("models", "join.json").open(encoding="utf-8") as fh:
        return from_dict(json.load(fh))
