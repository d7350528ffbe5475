"""Fit the sentence classifiers of ``action_classifier`` on crowd-labelled news sentences and
report them on the part not fitted on.

    python -m marsad.extract.action_training ../shared/data/arabic_event_gsr --out marsad/models/actions.json

The GSR has one file per type (``protest_gsr.csv``, ``assault_gsr.csv``) with crowd labels
``yes``, ``difficult no``, ``easy no`` and ``ambiguous``. Each sentence goes to the held-out
part by a hash of its text (40%), so the split is the same on every machine and a sentence
copied into both files lands on the same side. ``ambiguous`` sentences are not fitted on.
The threshold is chosen on out-of-fold predictions of the fitted part, for F1 of 'yes' against
'difficult no' (the scorer's contrast). Printed: held-out classifier P/R/F1, then the whole
coder (lexicon, structure and gate, run through the pipeline) as ``actions_gsr.py`` scores it,
on held-out sentences only, and the protest <-> assault cross-check.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from marsad.extract.action_classifier import FEATURES, TypeModel, features, load

TYPES = {"PROTEST": "protest_gsr.csv", "ASSAULT": "assault_gsr.csv"}
HELD_OUT = 0.4
THRESHOLDS = [x / 100 for x in range(5, 96, 5)]


@dataclass(frozen=True)
class Labelled:
    text: str
    label: str  # yes | difficult no | easy no | ambiguous

    @property
    def held_out(self) -> bool:
        h = int(hashlib.sha1(self.text.strip().encode("utf-8")).hexdigest()[:8], 16)
        return h / 0xFFFFFFFF < HELD_OUT


def read(gsr: Path, typ: str) -> list[Labelled]:
    with open(gsr / TYPES[typ], encoding="utf-8") as f:
        return [Labelled(r["text"].strip(), r["label"]) for r in csv.DictReader(f) if r["text"].strip()]


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _contrast(scores: list[float], rows: list[Labelled], thr: float,
              balanced: bool = False) -> tuple[float, float, float]:
    """P/R/F1 of 'yes' against 'difficult no' (easy and ambiguous ones left out); ``balanced``
    counts false alarms as if both classes were equally many, as the scorer samples them."""
    tp = sum(s >= thr for s, r in zip(scores, rows, strict=True) if r.label == "yes")
    fn = sum(s < thr for s, r in zip(scores, rows, strict=True) if r.label == "yes")
    fp = sum(s >= thr for s, r in zip(scores, rows, strict=True) if r.label == "difficult no")
    if balanced:
        nn = sum(r.label == "difficult no" for r in rows)
        fp = round(fp * (tp + fn) / nn) if nn else fp
    return _f1(tp, fp, fn)


def fit(rows: list[Labelled], c: float = 1.0) -> tuple[dict[str, float], float]:
    """Weights (with ``bias``) and the threshold, chosen on 5-fold out-of-fold scores."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    train = [r for r in rows if r.label != "ambiguous"]
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in features(r.text) if f != "bias"} for r in train])
    y = np.array([r.label == "yes" for r in train])
    weight = np.array([2.0 if r.label == "difficult no" else 1.0 for r in train])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    oof = cross_val_predict(model, x, y, cv=5, method="predict_proba", params={"sample_weight": weight})[:, 1]
    thr = max(THRESHOLDS, key=lambda t: (_contrast(list(oof), train, t, balanced=True)[2], -t))
    model.fit(x, y, sample_weight=weight)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-3}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return weights, thr


def coded_types(texts: list[str], model: str) -> list[set[str]]:
    """The action types the whole coder gives each sentence (``model`` "off": no gate)."""
    from marsad.pipeline import analyse, prepare
    from marsad.resources import Resources
    from marsad.types import Document

    res = Resources()
    res.config.setdefault("actions", {})["classifier"] = model
    out = []
    for text in texts:
        doc = prepare(Document(id="s", text=text, published="2012-06-01"), res)
        out.append({a.type for a in analyse(doc, res).actions})
    return out


def end_to_end(gsr: Path, model: str, per: int = 150) -> dict[str, tuple[int, int, int, int]]:
    """The whole coder on held-out sentences, as ``actions_gsr.py`` counts: for each type,
    (found in 'yes', 'yes' total, coded in 'difficult no', 'difficult no' total)."""
    out = {}
    for typ in TYPES:
        held = [r for r in read(gsr, typ) if r.held_out]
        yes = [r for r in held if r.label == "yes"][:per]
        hard = [r for r in held if r.label == "difficult no"][:per]
        got = coded_types([r.text for r in yes + hard], model)
        tp = sum(typ in g for g in got[:len(yes)])
        fp = sum(typ in g for g in got[len(yes):])
        out[typ] = (tp, len(yes), fp, len(hard))
    return out


def source_overlap(gsr: Path, model: str = "") -> dict[str, tuple[int, int, int]]:
    """Source actors against the marked ones (``*_spans.json``), for sentences naming a source:
    (coded with a source overlapping a marked source word, coded with the type at all, total)."""
    from marsad.pipeline import analyse, prepare
    from marsad.resources import Resources
    from marsad.text.normalize import normalize
    from marsad.text.tokenize import tokenize
    from marsad.types import Document

    res = Resources()
    res.config.setdefault("actions", {})["classifier"] = model
    out = {}
    for typ in TYPES:
        path = gsr / TYPES[typ].replace("_gsr.csv", "_spans.json")
        rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("source_gold", "").strip()]
        hit = coded = 0
        for r in rows:
            text = r["text"]
            gold = {normalize(w) for w in r["source_gold"].split()}
            doc = prepare(Document(id="s", text=text, published="2012-06-01"), res)
            acts = [a for a in analyse(doc, res).actions if a.type == typ]
            coded += bool(acts)
            spans = [a.source_span for a in acts if a.source_span]
            if any(t.norm in gold or any(g in t.norm for g in gold if len(g) > 3)
                   for t in tokenize(text) for s, e in spans if s <= t.start < e):
                hit += 1
        out[typ] = (hit, coded, len(rows))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gsr", type=Path, help="the arabic_event_gsr folder")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models" / "actions.json")
    ap.add_argument("--c", type=float, default=0.1, help="inverse L2 strength")
    a = ap.parse_args(argv)
    types = {}
    for typ in TYPES:
        rows = read(a.gsr, typ)
        # the gate only ever sees sentences the lexicon codes with this type: fit on those
        fired = coded_types([r.text for r in rows], "off")
        rows = [r for r, got in zip(rows, fired, strict=True) if typ in got]
        train = [r for r in rows if not r.held_out]
        test = [r for r in rows if r.held_out]
        weights, thr = fit(train, a.c)
        m = TypeModel(typ, weights, thr)
        scores = [m.prob(features(r.text)) for r in test]
        p, r, f = _contrast(scores, test, thr)
        n_yes = sum(x.label == "yes" for x in test)
        print(f"{typ:8s} fitted on {len(train)} sentences the lexicon codes {typ}; held out {len(test)} ({n_yes} yes): "
              f"classifier alone, yes vs difficult no at {thr:.2f}: P {p:.2f} R {r:.2f} F1 {f:.2f}")
        types[typ] = {"threshold": thr, "weights": weights}
    data = {"about": "Sentence classifiers for action types (logistic, binary word features); written by "
                     "python -m marsad.extract.action_training on openeventdata arabic_event_gsr (MIT), "
                     f"{int((1 - HELD_OUT) * 100)}% of sentences by text hash.",
            "features": FEATURES, "types": types}
    a.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"wrote {a.out} ({a.out.stat().st_size // 1024} KB)")
    models = load(a.out)
    for typ, other in (("PROTEST", "ASSAULT"), ("ASSAULT", "PROTEST")):
        rows = [r for r in read(a.gsr, other) if r.held_out and r.label == "yes"]
        hit = sum(models[typ].prob(features(r.text)) >= models[typ].threshold for r in rows)
        print(f"cross-check: the {typ} classifier fires on {hit}/{len(rows)} held-out {other} 'yes' sentences")
    for typ, (hit, coded, n) in source_overlap(a.gsr, str(a.out)).items():
        print(f"{typ:8s} marked sources (*_spans.json): coded source overlaps in {hit}/{n} sentences naming one"
              f" ({hit / max(n, 1):.2f}); {hit}/{coded} of those coded with the type")
    for typ, (tp, ny, fp, nn) in end_to_end(a.gsr, str(a.out)).items():
        p, r, f = _f1(tp, fp, ny - tp)
        print(f"{typ:8s} whole coder on held-out: found in {tp}/{ny} 'yes' (R {r:.2f}); false alarms {fp}/{nn}"
              f" 'difficult no'; P {p:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
