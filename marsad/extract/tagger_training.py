"""Train the name tagger on NewsFANE Gold and report it on the sentences held out.

    python -m marsad.extract.tagger_training ../shared/data/newsfane_gold --out marsad/models/ner.crfsuite

NewsFANE's 50 fine classes map to PERSON, ORG and LOC as its README gives (facilities and
groups are left out). Its text is clitic-split (و قال); raw news is not (وقال). Each training
sentence is seen twice: as given, and with its one-letter proclitics and pronoun suffixes glued
back on, so the tagger learns both views and marsad's own tokens of raw text fit either. The
last ``--held-out`` share of sentences (20%) is never trained on; exact-span P/R/F1 by type are
printed on it, in both views, with the sentences per second of tagging.

Word classes (``word_clusters``) are learned first from unlabelled text: the training sentences
and the GSR's news sentences (``--unlabelled``, a folder of CSV files with a ``text`` column),
never the held-out sentences. With ``--final`` (what ``make train-tagger`` runs), once the
held-out scores are printed, the classes and the model are learned again on every sentence of
the file and those are written into the package; the figures printed are those of the 80% fit.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import tempfile
import time
from pathlib import Path

from marsad.extract import word_clusters
from marsad.extract.tagger import TYPES, Gazetteer, Span, decode, features, gazetteer
from marsad.lang.ar import load_json
from marsad.text.tokenize import Token, tokenize

PER = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
       "Lawyer", "Engineer"}
ORG = {"Government", "Non-Governmental", "Commercial", "Media", "Sports", "Educational", "Religious_ORG",
       "Medical-Science", "Entertainment"}
LOC = {"Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
       "Water-Body", "Land-Region-Natural"}
PROCLITICS = frozenset(load_json("clitics.json")["split_proclitics"])
SUFFIXES = frozenset(load_json("clitics.json")["split_suffixes"])


def coarse(tag: str) -> str:
    if tag == "O" or len(tag) < 3:
        return "O"
    kind = tag[2:]
    t = "PERSON" if kind in PER else "ORG" if kind in ORG else "LOC" if kind in LOC else None
    return f"{tag[:2]}{t}" if t else "O"


def read(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        p = line.replace("\ufeff", "").replace("\u200e", "").replace("\u200f", "").split("\t")
        if len(p) < 2 or not p[0].strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cur.append((p[0].strip(), coarse(p[1].strip())))
    if cur:
        sents.append(cur)
    return sents


def glued(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sentence as raw news writes it: و قال -> وقال, ان ه -> انه (a name's label kept)."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(sent):
        w, t = sent[i]
        if w in PROCLITICS and t == "O" and i + 1 < len(sent) and sent[i + 1][0] not in PROCLITICS:
            nw, nt = sent[i + 1]
            out.append((w + nw, nt))
            i += 2
            continue
        if w in SUFFIXES and t == "O" and out and out[-1][1] == "O":
            out[-1] = (out[-1][0] + w, "O")
            i += 1
            continue
        out.append((w, t))
        i += 1
    return out


def view(sent: list[tuple[str, str]]) -> tuple[str, list[Token], list[str]]:
    """Text (tokens joined by spaces), marsad's tokens of it, and one label per token."""
    text, labels, starts = "", [], []
    for w, t in sent:
        if text:
            text += " "
        starts.append((len(text), len(text) + len(w), t))
        text += w
    toks = tokenize(text)
    for tok in toks:
        lab = next((t for s, e, t in starts if s <= tok.start < e), "O")
        inside = next((s for s, e, _ in starts if s <= tok.start < e), tok.start)
        if lab.startswith("B-") and tok.start > inside:
            lab = "I-" + lab[2:]  # a second marsad token inside one labelled word
        labels.append(lab)
    return text, toks, labels


def gold_spans(toks: list[Token], labels: list[str]) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.type) for s in decode(toks, labels)}  # as labelled: no text, no cut


def score(pairs: list[tuple[set, set]]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for t in (*TYPES, "all"):
        tp = sum(len({x for x in g if t in ("all", x[2])} & {x for x in p if t in ("all", x[2])}) for g, p in pairs)
        ng = sum(sum(t in ("all", x[2]) for x in g) for g, _ in pairs)
        npred = sum(sum(t in ("all", x[2]) for x in p) for _, p in pairs)
        pr, rc = tp / max(npred, 1), tp / max(ng, 1)
        out[t] = (pr, rc, 2 * pr * rc / max(pr + rc, 1e-9))
    return out


def unlabelled(folder: Path | None) -> list[str]:
    """The ``text`` column of every CSV file in ``folder`` (none when it is missing)."""
    if folder is None or not folder.is_dir():
        return []
    csv.field_size_limit(1 << 30)
    out = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            out += [r["text"] for r in csv.DictReader(f) if r.get("text")]
    return out


def fit(sents: list[list[tuple[str, str]]], extra: list[str], out: Path, a: argparse.Namespace,
        ) -> tuple[Gazetteer, dict[str, tuple[int, ...]]]:
    """Word classes from ``sents`` and ``extra`` text, then the CRF on ``sents`` (both views)
    written to ``out``; the gazetteer holding those classes, and the classes."""
    import pycrfsuite

    texts = [" ".join(w for w, _ in glued(s)) for s in sents] + extra
    classes = word_clusters.learn(texts, a.sizes, seed=a.seed)
    g = dataclasses.replace(gazetteer(), clusters=classes)
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sents:
        for v in (s, glued(s)):
            text, toks, labels = view(v)
            if toks:
                trainer.append(features(toks, g, text), labels)
    trainer.set_params({"c1": a.c1, "c2": a.c2, "max_iterations": a.iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(out))
    return g, classes


def main(argv: list[str] | None = None) -> None:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="the newsfane_gold folder")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models" / "ner.crfsuite")
    ap.add_argument("--unlabelled", type=Path, default=None,
                    help="folder of CSV files of news sentences (default: arabic_event_gsr beside DATA)")
    ap.add_argument("--final", action="store_true", help="refit on every sentence and write that model")
    ap.add_argument("--held-out", type=float, default=0.2)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--seed", type=int, default=0, help="of the word classes' SVD and k-means")
    ap.add_argument("--sizes", type=lambda x: [int(k) for k in x.split(",")], default=[64, 256, 64, 256],
                    help="classes per clustering (one k-means each, seeds in turn)")
    a = ap.parse_args(argv)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    sents = read(a.data / "NewsFANE_Gold_train.txt")
    extra = unlabelled(a.unlabelled or a.data.parent / "arabic_event_gsr")
    cut = int(len(sents) * (1 - a.held_out))
    train, test = sents[:cut], sents[cut:]
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "held_out.crfsuite" if a.final else a.out
        t0 = time.time()
        g, classes = fit(train, extra, model, a)
        print(f"trained on {len(train)} sentences (both views), word classes of {len(classes)} words from"
              f" {len(train) + len(extra)} texts, in {time.time() - t0:.0f} s;"
              f" model {model.stat().st_size / 1e6:.1f} MB")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        for name, fn in (("as given (clitic-split)", lambda s: s), ("glued like raw news", glued)):
            pairs, t0 = [], time.time()
            for s in test:
                text, toks, labels = view(fn(s))
                if not toks:
                    continue
                pred = decode(toks, tagger.tag(features(toks, g, text)), text)
                pairs.append((gold_spans(toks, labels), {(x.start, x.end, x.type) for x in pred}))
            rate = len(test) / max(time.time() - t0, 1e-9)
            print(f"held out ({len(test)} sentences, {name}; {rate:.0f} sentences/s):")
            for t, (p, r, f) in score(pairs).items():
                print(f"  {t:6s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        tagger.close()
    if a.final:
        _, classes = fit(sents, extra, a.out, a)
        print(f"final: refitted on all {len(sents)} sentences; model {a.out.stat().st_size / 1e6:.1f} MB")
    word_clusters.save(classes, a.out.parent / word_clusters.FILE, a.sizes)


__all__ = ["Span", "main"]

if __name__ == "__main__":
    main()
