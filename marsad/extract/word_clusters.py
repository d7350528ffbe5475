"""Word classes learned from unlabelled news text, for the name tagger's features.

NewsFANE labels 3,800 sentences: most words of a new article were never seen in them. Words
that stand in the same contexts (speech verbs, titles, towns, foreign surnames) fall into one
class, so a word the tagger never saw inherits what it learned of words like it. The classes are
learned (``learn``) from the context words two to either side of each word, weighted by PPMI,
reduced by SVD and cut by k-means twice at each of two sizes (64 and 256 classes); ``python -m marsad.extract.tagger_training``
learns them with the model and writes both into ``marsad/models`` (``word_clusters.json``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources as ires
from pathlib import Path

from marsad.text.tokenize import norms, peel

FILE = "word_clusters.json"


def cluster_key(norm: str) -> str:
    """A word as the classes know it: proclitics peeled, article dropped (وبالعاصمة -> عاصمة)."""
    stem = peel(norm)[1]
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem


@lru_cache(maxsize=2)
def load_clusters(where: str = "") -> dict[str, tuple[int, ...]]:
    """The shipped classes, or those in the file ``where`` (word -> one class id per size); empty
    when the file is missing."""
    path = Path(where) if where else ires.files("marsad") / "models" / FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {w: tuple(c) for w, c in data["words"].items()}


def learn(texts: Iterable[str], sizes: Sequence[int] = (64, 256, 64, 256), min_count: int = 3,
          contexts: int = 3000, dims: int = 60, seed: int = 0) -> dict[str, tuple[int, ...]]:
    """Classes of every word seen ``min_count`` times: each word's counts of the ``contexts``
    commonest words at offsets -2, -1, +1, +2, PPMI-weighted, cut to ``dims`` by SVD, unit
    length, then k-means at each of ``sizes``. Needs numpy and scikit-learn (the train extra)."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD

    seqs = [[cluster_key(w) for w in norms(t)] for t in texts]
    count = Counter(w for s in seqs for w in s)
    vocab = sorted(w for w, c in count.items() if c >= min_count)
    row = {w: i for i, w in enumerate(vocab)}
    col = {w: i for i, (w, _) in enumerate(count.most_common(contexts))}
    m = np.zeros((len(vocab), 4 * len(col)), dtype=np.float32)
    for s in seqs:
        for i, w in enumerate(s):
            r = row.get(w)
            if r is None:
                continue
            for slot, d in enumerate((-2, -1, 1, 2)):
                if 0 <= i + d < len(s) and (c := col.get(s[i + d])) is not None:
                    m[r, slot * len(col) + c] += 1
    total, rows, cols = m.sum(), m.sum(1, keepdims=True) + 1e-9, m.sum(0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        ppmi = np.where(m > 0, np.log(np.maximum(m * total / (rows * cols), 1e-12)), 0.0)
    ppmi[ppmi < 0] = 0
    x = TruncatedSVD(dims, random_state=seed).fit_transform(ppmi)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    labels = [KMeans(k, n_init=3, random_state=seed + j).fit_predict(x) for j, k in enumerate(sizes)]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def save(classes: dict[str, tuple[int, ...]], path: Path, sizes: Sequence[int]) -> None:
    data = {"about": __doc__.split("\n\n")[0] + " Key: cluster_key(word); one class id per size.",
            "sizes": list(sizes), "words": {w: list(c) for w, c in sorted(classes.items())}}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
