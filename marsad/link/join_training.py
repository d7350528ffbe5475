"""Fit the join model on labelled real reports and report it on a set it never saw.

    python -m marsad.link.join_training ../shared/data/events_dev_a ../shared/data/events_dev_b \\
        [--out marsad/models/join.json]

Each labelled set is ingested once. Training pairs come from the linker itself: the set is
linked in arrival order while the labels decide (``label_decision``), and every candidate the
blocking offers and the lead rule lets through is recorded with its ``SIGNALS`` and whether it
is the report's happening, so the model learns on exactly the (report, event profile) pairs it
will decide at ingest (a neutral model links meanwhile: no shipped model is needed, and none
settles a candidate early). A
logistic regression (balanced classes, L2, each weight kept to the sign ``SIGNS`` gives it:
SciPy's bounded L-BFGS under scikit-learn's scaling and folds, the ``train`` extra) is fitted on one set; its join and
bridge thresholds, then its consolidation threshold, are chosen by B-cubed F1 on that same set; it is then scored on each other
set (A→B, B→A). The shipped model is fitted on all sets together with the thresholds they
choose, and carries the held-out figures in its ``about``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.evaluation import SetReport, score_events
from marsad.ingest.run import ingest_paths
from marsad.link import events as ev
from marsad.link.join_model import SIGNALS, SIGNS, JoinModel, neutral
from marsad.resources import Resources
from marsad.store import Store
from marsad.store import export as ex

if TYPE_CHECKING:  # numpy comes with the train extra, imported when fitting
    import numpy as np

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
MERGE_ABOVE = (0.03, 0.1, 1.0)
CONSOLIDATE = (1.01, 0.9, 0.8, 0.7, 0.6)  # consolidation thresholds tried (above 1: never), most cautious first
REGULARISATION = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # inverse strengths tried by cross-validation  # bridge threshold = join threshold + this (1.0: never bridge)
_names = count()


@dataclass
class LabelledSet:
    name: str
    store: Store
    res: Resources
    doc_ids: list[str]
    gold: dict[str, dict]


def open_set(folder: Path, workdir: Path) -> LabelledSet:
    """Ingest ``folder/corpus.jsonl`` once into a store under ``workdir``."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
    res = Resources()
    neutral_model = workdir / "neutral.json"  # links at ingest: no shipped model is needed to fit one
    neutral_model.write_text(neutral().to_json({}), encoding="utf-8")
    res.config["events"]["join_model"] = str(neutral_model)
    store = Store.open(workdir / f"{folder.name}.db")
    ingest_paths(store, [str(folder / "corpus.jsonl")], res)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY seq")]
    return LabelledSet(folder.name, store, res, ids, gold)


def label_decision(labels: dict[str, str], pairs: list[tuple[list[float], int]]) -> ev.Decide:
    """Join the candidate holding the report's labelled happening; record every candidate's signals."""

    def decide(f: ev.DocFeatures, cands: list[ev.Candidate]) -> tuple[int | None, list[int]]:
        mine = labels.get(f.id)
        chosen = None
        for i, c in enumerate(cands):
            theirs = {labels.get(d) for d in c.data.members}
            same = int(mine is not None and mine in theirs)
            pairs.append((c.signals, same))
            if same and chosen is None:
                chosen = i
        return chosen, []
    return decide


def collect_pairs(s: LabelledSet) -> list[tuple[list[float], int]]:
    labels = {d: g["event"] for d, g in s.gold.items() if g.get("event")}
    pairs: list[tuple[list[float], int]] = []
    s.store.reset_events()
    ev.assign(s.store, s.doc_ids, s.res, decide=label_decision(labels, pairs))
    return pairs


def _fit_signed(z: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """[weights..., bias] minimising the balanced, L2-penalised logistic loss (scikit-learn's, at
    inverse strength ``c``) with each weight kept to its sign (``SIGNS``: bounded L-BFGS)."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit

    sw = np.where(y > 0, len(y) / (2 * max(y.sum(), 1)), len(y) / (2 * max(len(y) - y.sum(), 1)))
    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in SIGNS] + [(None, None)]

    def loss(wb: np.ndarray) -> tuple[float, np.ndarray]:
        m = z @ wb[:-1] + wb[-1]
        g = sw * (expit(m) - y)
        value = c * float((sw * (np.logaddexp(0, m) - y * m)).sum()) + 0.5 * float(wb[:-1] @ wb[:-1])
        return value, np.append(c * (z.T @ g) + wb[:-1], c * g.sum())
    return minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x


def fit(pairs: list[tuple[list[float], int]], threshold: float = 0.5, merge: float = 0.7) -> JoinModel:
    try:
        import numpy as np
        from scipy.special import expit
        from sklearn.model_selection import StratifiedKFold
        from sklearn.preprocessing import StandardScaler
    except ImportError:  # pragma: no cover - the train extra is missing
        sys.exit("training needs scikit-learn and SciPy: pip install -e '.[train]'")
    x = np.array([p[0] for p in pairs], dtype=float)
    y = np.array([p[1] for p in pairs], dtype=float)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-9, scaler.scale_, 1.0)
    z = (x - scaler.mean_) / scale

    def held_out_loss(c: float) -> float:
        """Summed over 5 folds: the mean log-loss of a fit on the other four."""
        total = 0.0
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(z, y):
            wb = _fit_signed(z[tr], y[tr], c)
            p = np.clip(expit(z[te] @ wb[:-1] + wb[-1]), 1e-12, 1 - 1e-12)
            total += float(-(y[te] * np.log(p) + (1 - y[te]) * np.log(1 - p)).mean())
        return total

    # the regularisation is chosen inside the training pairs (5-fold log-loss), never on a held-out set
    wb = _fit_signed(z, y, min(REGULARISATION, key=held_out_loss))
    return JoinModel(tuple(float(w) for w in wb[:-1]), float(wb[-1]),
                     tuple(float(m) for m in scaler.mean_), tuple(float(s) for s in scale), threshold, merge)


def with_thresholds(m: JoinModel, threshold: float, merge: float, consolidate: float = 1.01) -> JoinModel:
    return JoinModel(m.weights, m.bias, m.mean, m.scale, threshold, merge, consolidate)


def link_and_score(s: LabelledSet, model: JoinModel, workdir: Path) -> SetReport:
    """Link the set anew with ``model`` (as ingest would) and score its events."""
    path = workdir / f"model-{next(_names)}.json"
    path.write_text(model.to_json({}), encoding="utf-8")
    before = s.res.config["events"]["join_model"]
    s.res.config["events"]["join_model"] = str(path)
    try:
        s.store.reset_events()
        ev.assign(s.store, s.doc_ids, s.res)
        return score_events(s.name, ex.events(s.store.conn), s.gold)
    finally:
        s.res.config["events"]["join_model"] = before


def tune(sets: list[LabelledSet], model: JoinModel, workdir: Path) -> JoinModel:
    """Thresholds with the best mean B-cubed F1 over ``sets`` (the training sets): join and bridge
    together, then consolidation with those fixed (a tie keeps the earlier, more cautious value)."""
    best, best_f = model, -1.0
    for t in THRESHOLDS:
        for above in MERGE_ABOVE:
            m = with_thresholds(model, t, min(t + above, 1.01))
            f = sum(link_and_score(s, m, workdir).f1 for s in sets) / len(sets)
            if f > best_f + 1e-9:
                best, best_f = m, f
    for c in CONSOLIDATE[1:]:
        m = with_thresholds(best, best.threshold, best.merge_threshold, c)
        f = sum(link_and_score(s, m, workdir).f1 for s in sets) / len(sets)
        if f > best_f + 1e-9:
            best, best_f = m, f
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", type=Path, help="labelled sets: folders with corpus.jsonl and gold.json")
    ap.add_argument("--out", type=Path, help="write the model fitted on all sets here")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="marsad-train-") as tmp:
        work = Path(tmp)
        sets = [open_set(f, work) for f in a.sets]
        pairs = {s.name: collect_pairs(s) for s in sets}
        held_out = {}
        for s in sets:
            others = [o for o in sets if o is not s]
            if not others:
                break
            train = [p for o in others for p in pairs[o.name]]
            m = tune(others, fit(train), work)
            r = link_and_score(s, m, work)
            names = "+".join(o.name for o in others)
            held_out[f"{names}->{s.name}"] = {"f1": round(r.f1, 3), "p": round(r.precision, 3),
                                              "r": round(r.recall, 3), "f1_high": round(r.high[2], 3)}
            print(f"fitted on {names} ({len(train)} pairs), held out {s.name}: thresholds "
                  f"{m.threshold:.2f}/{m.merge_threshold:.2f}/{m.consolidate_threshold:.2f}")
            for line in r.lines(3):
                print("  " + line)
        final = tune(sets, fit([p for s in sets for p in pairs[s.name]]), work)
        print(f"all sets ({sum(len(p) for p in pairs.values())} pairs): thresholds (join/bridge/consolidate) "
              f"{final.threshold:.2f}/{final.merge_threshold:.2f}/{final.consolidate_threshold:.2f}; weights:")
        for name, w in zip(SIGNALS, final.weights, strict=True):
            print(f"  {name:18s} {w:+.3f}")
        if a.out:
            about = {"trained_on": [s.name for s in sets], "pairs": sum(len(p) for p in pairs.values()),
                     "held_out_bcubed": held_out,
                     "command": "python -m marsad.link.join_training " + " ".join(str(f) for f in a.sets)}
            a.out.write_text(final.to_json(about) + "\n", encoding="utf-8")
            print(f"wrote {a.out}")
        for s in sets:
            s.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
