"""Bag-of-stems vectors and TF-IDF cosine for comparing articles, events and sentences.

Outlets word the same happening differently (الاتصال / اتصالا / واتصال); light stemming on
the normalised text makes those share a key, and IDF keeps words every article uses
(الرئيس, روسيا) from deciding what is the same happening.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from marsad.lang.ar import load_json, load_lines
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize
from marsad.text.tokenize import norms


@lru_cache(maxsize=1)
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...], int, frozenset[str]]:
    d = load_json("events_stemming.json")
    pre = tuple(sorted({normalize(p) for p in d["prefixes"]}, key=len, reverse=True))
    suf = tuple(sorted({normalize(s) for s in d["suffixes"]}, key=len, reverse=True))
    stop = frozenset(normalize(w) for w in load_lines("events_stopwords.txt"))
    return pre, suf, int(d["min_stem"]), stop


@lru_cache(maxsize=WORDS)
def stem(word: str) -> str:
    """Light stem of a normalised word: one prefix and one suffix off, if enough remains."""
    pre, suf, min_stem, _ = _affixes()
    for p in pre:
        if word.startswith(p) and len(word) - len(p) >= min_stem:
            word = word[len(p):]
            break
    for s in suf:
        if word.endswith(s) and len(word) - len(s) >= min_stem:
            word = word[: -len(s)]
            break
    return word


def terms(text: str) -> list[str]:
    """Stemmed content words of a text (stop words and one-letter tokens dropped)."""
    stop = _affixes()[3]
    return [stem(w) for w in norms(text) if len(w) > 1 and w not in stop and not w.isdigit()]


def doc_terms(text: str, spans: Iterable[tuple[int, int]], lead: int, lead_weight: float) -> Counter:
    """Term counts of a document's sentences; the first ``lead`` sentences count ``lead_weight`` times."""
    out: Counter = Counter()
    for i, (a, b) in enumerate(spans):
        w = lead_weight if i < lead else 1.0
        for t in terms(text[a:b]):
            out[t] += w
    return out


def idf_fn(df: Mapping[str, int], n_docs: int) -> Callable[[str], float]:
    """Smoothed IDF from document frequencies; unseen terms get the highest weight."""
    def idf(term: str) -> float:
        return math.log((n_docs + 1) / (df.get(term, 0) + 1)) + 1.0
    return idf


def _known(idf: Callable[[str], float]) -> Callable[[str], float | None]:
    """Lookup of the IDF values ``idf`` has already worked out (``Frequencies.idf`` carries them as
    ``memo``); scoring loops read those directly and call ``idf`` only for the rest."""
    memo = getattr(idf, "memo", None)
    return memo.get if memo is not None else (lambda t: None)


def weigh(counts: Mapping[str, float], idf: Callable[[str], float]) -> dict[str, float]:
    """Sub-linear TF times IDF, L2-normalised."""
    known, log = _known(idf), math.log
    v = {t: (1.0 + log(c)) * (w if (w := known(t)) is not None else idf(t)) for t, c in counts.items() if c > 0}
    n = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / n for t, x in v.items()}


def norm(counts: Mapping[str, float], idf: Callable[[str], float]) -> float:
    """The length ``weigh`` divides by (stored with a profile so scoring need not re-weigh it)."""
    known, log = _known(idf), math.log
    total = 0  # summed in order, as ``sum`` would: the same float to the last bit
    for t, c in counts.items():
        if c > 0:
            x = (1.0 + log(c)) * (w if (w := known(t)) is not None else idf(t))
            total += x * x
    return math.sqrt(total) or 1.0


def cosine_to(a: Mapping[str, float], counts: Mapping[str, float], idf: Callable[[str], float],
              length: float) -> float:
    """``cosine(a, weigh(counts, idf))`` given that vector's ``length``: only the terms of the
    smaller side are weighed, so a 300-term profile costs what the article shares with it."""
    known, log = _known(idf), math.log
    if len(a) > len(counts):
        return sum(((1.0 + log(c)) * (w if (w := known(t)) is not None else idf(t)) / length) * a.get(t, 0.0)
                   for t, c in counts.items() if c > 0)
    return sum(x * ((1.0 + log(c)) * (w if (w := known(t)) is not None else idf(t)) / length)
               for t, x in a.items() if (c := counts.get(t, 0.0)) > 0)


def profile_lengths(centroid: Mapping[str, float], lead: Mapping[str, float], entities: Mapping[str, float],
                    freq: Any) -> dict[str, float]:
    """Lengths of a profile's word, lead and entity vectors at the current frequencies, with the
    document count they were taken at (``n``). Stored with the profile when it changes."""
    freq.load_terms((("w:", centroid), ("w:", lead), ("e:", entities)))
    return {"n": freq.n, "w": norm(centroid, freq.idf("w:")), "l": norm(lead, freq.idf("w:")),
            "e": norm(entities, freq.idf("e:"))}


def is_fresh(lengths: dict, freq: Any, staleness: float) -> bool:
    """Stored lengths still hold while the archive has grown by at most ``staleness`` (a share
    of its size when they were taken): IDF barely moves then. In an archive under
    ``1 / staleness`` articles nothing is fresh, so small collections are scored exactly."""
    return freq.n - lengths["n"] <= staleness * lengths["n"]


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two already-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def top(counts: Mapping[str, float], k: int) -> dict[str, float]:
    """The ``k`` largest entries (keeps stored centroids small)."""
    if len(counts) <= k:
        return dict(counts)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k])
