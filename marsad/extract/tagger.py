"""A statistical name tagger (CRF) for the names the knowledge base and the cue rules miss.

Trained on NewsFANE newswire (``python -m marsad.extract.tagger_training``) and shipped as a
CRFsuite model in ``marsad/models/ner.crfsuite``. It reads marsad's own token view of raw text:
features survive the gap between NewsFANE's clitic-split tokens and glued news words (the stem
with proclitics peeled, affixes, the word's shape) and use marsad's language data (person
titles, organisation and place cues, given names, knowledge-base name words, nationality
adjectives) and word classes learned from unlabelled news (``word_clusters``), so the model
learns how names sit in context rather than a list of names.
The entity stage asks it only for spans no rule found; the knowledge base still gives ids.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources as ires
from pathlib import Path
from typing import NamedTuple

from marsad.extract.discover import cues
from marsad.extract.kb import load_kb
from marsad.extract.roles import titles_data
from marsad.extract.word_clusters import FILE as CLUSTERS
from marsad.extract.word_clusters import cluster_key, load_clusters
from marsad.lang.ar import load_lines
from marsad.text.caches import WORDS
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token, tokenize
from marsad.text.tokenize import peel as split_word

MODEL = "ner.crfsuite"
TYPES = ("PERSON", "ORG", "LOC")


@dataclass(frozen=True)
class Gazetteer:
    """Word lists the features look words up in (normalised, article-less)."""

    first: frozenset[str]
    titles: frozenset[str]
    org_cues: frozenset[str]
    loc_cues: frozenset[str]
    kb_words: dict[str, str]  # a word of a KB name -> that name's type (PERSON, ORG, LOC)
    adjectives: frozenset[str]
    stop: frozenset[str]
    clusters: dict[str, tuple[int, ...]]  # cluster_key(word) -> its word class at each size


def _bare(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    c = cues()
    forms, _, _ = titles_data()
    kb = load_kb()
    words: dict[str, str] = {}
    for a in kb.actors.values():
        for alias in a.aliases:
            for w in normalize(alias).split():
                if len(w) > 2:
                    words.setdefault(_bare(w), a.type)
    return Gazetteer(
        frozenset(_bare(normalize(x)) for x in load_lines("first_names.txt")),
        frozenset(_bare(w) for f in forms for w in f.split()),
        frozenset(_bare(w) for w in c["org_cues"]), frozenset(_bare(w) for w in c["loc_cues"]),
        words, frozenset(_bare(w) for w in kb.adjectives), frozenset(c["stop_words"]), load_clusters())


def _shape(tok: Token) -> str:
    t = tok.text
    if t.isdigit():
        return "digit"
    if t.isascii() and t.isalpha():
        return "latin"
    if not t.isalnum():
        return "punct"
    return "ar"


def _word_features(tok: Token, g: Gazetteer, tag: str, shape: str | None = None) -> dict[str, float]:
    pre, stem = split_word(tok.norm)
    b = _bare(stem)
    f = {f"{tag}w": 1.0, f"{tag}s={b}": 1.0, f"{tag}shape={shape or _shape(tok)}": 1.0}
    if pre:
        f[f"{tag}pre={pre}"] = 1.0
    if b in g.first:
        f[f"{tag}first"] = 1.0
    if b in g.titles:
        f[f"{tag}title"] = 1.0
    if b in g.org_cues:
        f[f"{tag}orgcue"] = 1.0
    if b in g.loc_cues:
        f[f"{tag}loccue"] = 1.0
    if b in g.adjectives:
        f[f"{tag}adj"] = 1.0
    if tok.norm in g.stop or stem in g.stop:
        f[f"{tag}stop"] = 1.0
    kt = g.kb_words.get(b)
    if kt:
        f[f"{tag}kb={kt}"] = 1.0
    if stem.startswith("ال"):
        f[f"{tag}article"] = 1.0
    return f


# What stands between two words: tokens carry no punctuation, but a comma, colon, bracket or quote
# between two words is where a name ends.
_GAPS = (("paren", frozenset("()[]{}")), ("quote", frozenset("\"'\u00ab\u00bb\u201c\u201d\u2018\u2019")),
         ("colon", frozenset(":")), ("comma", frozenset(",\u060c;\u061b")), ("stop", frozenset(".!?\u061f")),
         ("dash", frozenset("-\u2013\u2014/")))


def gap_kind(gap: str) -> str:
    """The kind of what separates two words: 'sp' for spaces only, else the first punctuation
    class found (bracket, quote, colon, comma, full stop, dash), 'other' for anything else."""
    if not gap or gap.isspace():
        return "sp"
    for kind, chars in _GAPS:
        if any(ch in chars for ch in gap):
            return kind
    return "other"


def features(toks: list[Token], g: Gazetteer | None = None, text: str | None = None) -> list[dict[str, float]]:
    """CRFsuite features of each token: its own word view plus its neighbours', and, with the
    ``text`` the tokens came from, the punctuation on either side of it."""
    g = g or gazetteer()
    views = [_views(t.norm, _shape(t), g) for t in toks]
    gaps = [gap_kind(text[a.end:b.start]) for a, b in zip(toks, toks[1:], strict=False)] if text else []
    out = []
    for i, (own, _) in enumerate(views):
        f = dict(own)
        if gaps:
            f["gl=" + (gaps[i - 1] if i else "edge")] = 1.0
            f["gr=" + (gaps[i] if i < len(gaps) else "edge")] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(toks):
                f.update(views[j][1][d])
            else:
                f[f"{d}:edge"] = 1.0
        out.append(f)
    return out


def feature_names(toks: list[Token], text: str, g: Gazetteer | None = None) -> list[list[str]]:
    """``features(toks, text=text)`` as CRFsuite reads it when tagging: every value is 1.0, so
    each token's feature names in the same order (no name repeats). CRFsuite takes a list of
    names without looking up and converting a value per feature, which halves the tagging."""
    g = g or gazetteer()
    names = [_names(t, g) for t in toks]
    n = len(toks)
    if n == 1:
        own, _ = names[0]
        return [[*own, "-2:edge", "-1:edge", "1:edge", "2:edge"]]
    gl = ["gl=edge"] + ["gl=" + ("sp" if gap == " " else gap_kind(gap))
                        for gap in (text[a.end:b.start] for a, b in zip(toks, toks[1:], strict=False))]
    gr = ["gr=" + k[3:] for k in gl[1:]] + ["gr=edge"]
    out = []
    for i, (own, _) in enumerate(names):
        out.append([*own, gl[i], gr[i],
                    *(names[i - 2][1][0] if i >= 2 else ("-2:edge",)),
                    *(names[i - 1][1][1] if i >= 1 else ("-1:edge",)),
                    *(names[i + 1][1][2] if i + 1 < n else ("1:edge",)),
                    *(names[i + 2][1][3] if i + 2 < n else ("2:edge",))])
    return out


_NAMES: dict[tuple[str, str, int], tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}


def _names(tok: Token, g: Gazetteer) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """``_views`` of a token as names: its own, and what it shows as the neighbour at -2, -1, +1
    and +2. Kept by the token's text and key (its shape follows from the text)."""
    key = (tok.text, tok.norm, id(g))
    got = _NAMES.get(key)
    if got is None:
        if len(_NAMES) > WORDS:
            _NAMES.clear()
        own, shown = _views(tok.norm, _shape(tok), g)
        got = _NAMES[key] = (tuple(own), tuple(tuple(shown[d]) for d in (-2, -1, 1, 2)))
    return got


_VIEWS: dict[tuple[str, str, int], tuple[dict[str, float], dict[int, dict[str, float]]]] = {}


def _views(norm: str, shape: str, g: Gazetteer) -> tuple[dict[str, float], dict[int, dict[str, float]]]:
    """A word's own features and what it shows as each neighbour: a function of the word and its
    shape only, so each distinct word is worked out once (news repeats its words)."""
    key = (norm, shape, id(g))
    got = _VIEWS.get(key)
    if got is None:
        if len(_VIEWS) > WORDS:  # about 2 KB each: a bounded cache of the commonest words
            _VIEWS.clear()
        word = _word_features(Token(0, 0, norm, norm), g, "", shape)
        _, stem = split_word(norm)
        b = _bare(stem)
        own = {"bias": 1.0, f"w={norm}": 1.0, f"p3={b[:3]}": 1.0, f"s2={b[-2:]}": 1.0, f"s3={b[-3:]}": 1.0,
               f"p2={b[:2]}": 1.0, f"p4={b[:4]}": 1.0, f"s4={b[-4:]}": 1.0, f"s1={b[-1:]}": 1.0,
               f"len={min(len(b), 8)}": 1.0, **word}
        # the word as written (article dropped) when the classes hold it, else its peeled key: the
        # lookup the shipped model was trained with
        classes = g.clusters.get(_bare(norm)) or g.clusters.get(cluster_key(norm))
        cls = [f"c{i}={c}" for i, c in enumerate(classes)] if classes else ["c=none"]
        own.update(dict.fromkeys(cls, 1.0))
        shown = {k: v for k, v in word.items() if "=" not in k or k.startswith(("s=", "kb=", "pre="))}
        got = _VIEWS[key] = (own, {d: {f"{d}:{k}": v for k, v in shown.items()}
                                   | ({f"{d}:{c}": 1.0 for c in cls} if d in (-1, 1) else {})
                                   for d in (-2, -1, 1, 2)})
    return got


class Odds(NamedTuple):
    """One token's odds from the model: of lying outside any name, and of being part of a person's
    name. They let the entity stage weigh a cue rule's find and read a name the document repeats."""
    start: int
    end: int
    outside: float
    person: float
    known: bool = True  # the word classes hold the word: odds from more than its spelling


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the tagged text
    end: int
    type: str  # PERSON | ORG | LOC


def decode(toks: list[Token], labels: list[str], text: str | None = None) -> list[Span]:
    """BIO labels to spans; a glued proclitic (وبوتين) stays outside the name, and with the
    ``text``, no name runs across a comma, colon, bracket, quote or full stop."""
    out: list[Span] = []
    cur: list[int] | None = None
    typ = ""
    for i, (tok, lab) in enumerate([*zip(toks, labels, strict=True), (None, "O")]):
        if tok is not None and tok.norm in _BRACKETS:
            lab = "O"  # a name ends at a bracket: the short name inside is a name of its own
        kind = lab[2:] if lab != "O" else ""
        if cur is not None and tok is not None and text is not None and lab.startswith("I-") \
                and gap_kind(text[cur[1]:tok.start]) not in _JOINING:
            lab = "B-" + kind  # punctuation between: a new name starts, if any
        if cur is not None and (lab.startswith("B-") or lab == "O" or kind != typ):
            out.append(Span(cur[0], cur[1], typ))
            cur = None
        if tok is None or lab == "O":
            continue
        if cur is None:
            nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
            cur, typ = [tok.start + _clitic_cut(tok.norm, nxt), tok.end], kind
        else:
            cur[1] = tok.end
    return _lineage_after(out, toks, text)


def _lineage_after(spans: list[Span], toks: list[Token], text: str | None) -> list[Span]:
    """An organisation or place whose last word is followed by a lineage (بن, ولد, منت) ends
    before that word: it is a person's given name (الأمينة العامة للمجلس الدستوري أميناتو منت
    الخالص), and the person runs from it over the lineage and the name after it."""
    nasab = cues()["nasab"]
    at_end = {t.end: i for i, t in enumerate(toks)}
    out: list[Span] = []
    taken = -1  # end of a person made here: a later span inside it is part of that person
    for sp in spans:
        if sp.start < taken:
            continue
        i = at_end.get(sp.end)
        if (sp.type != "PERSON" and i is not None and i + 2 < len(toks) and toks[i].start > sp.start
                and toks[i + 1].norm in nasab and (text is None or gap_kind(text[toks[i].end:toks[i + 2].start])
                                                   in _JOINING)):
            out.append(Span(sp.start, toks[i - 1].end, sp.type))
            out.append(Span(toks[i].start, toks[i + 2].end, "PERSON"))
            taken = toks[i + 2].end
        else:
            out.append(sp)
    return out


_BRACKETS = frozenset("()[]")
_JOINING = frozenset({"sp", "dash", "other"})  # what may stand inside one name (جان-بيير)


def _clitic_cut(norm: str, nxt: str = "") -> int:
    """Letters of a glued proclitic before a name: وبالرئيس -> وب (ال stays), وبوتين -> و (a known
    name after it), وطحنون بن زايد -> و (a given name before a lineage that is no given name with
    و); none where the letters may be the word's own (لبنان, وزارة, وليد)."""
    pre, stem = split_word(norm)
    g = gazetteer()
    if norm[:1] == "و" and len(norm) >= 4 and nxt in cues()["nasab"] and norm not in g.first:
        return 1
    if pre.endswith(("ال", "لل")):
        return len(pre) - 2  # the article is part of the name (المجلس الدستوري, وللأمم: لل); وبال- is not
    if pre and (_bare(stem) in g.kb_words or _bare(stem) in g.first) \
            and not (_bare(norm) in g.first or _bare(norm) in g.kb_words):
        return len(pre)  # وبوتين, لترامب: a name the language data knows (but ليون is a name itself)
    return 0


class Tagger:
    """The shipped (or a given) CRF model; ``spans(text)`` tags one sentence or paragraph. A given
    model reads the word classes learned with it (``word_clusters.json`` beside it, as the
    training command writes them), else the shipped ones."""

    def __init__(self, path: str | Path = "") -> None:
        import pycrfsuite

        self._t = pycrfsuite.Tagger()
        self._lock = threading.Lock()  # tag() then marginal() read one sequence: threads take turns
        self._g = gazetteer()
        if path:
            self._t.open(str(path))
            if (Path(path).parent / CLUSTERS).is_file():
                self._g = replace(self._g, clusters=load_clusters(str(Path(path).parent / CLUSTERS)))
        else:
            with ires.as_file(ires.files("marsad") / "models" / MODEL) as p:
                self._t.open(str(p))

    def spans(self, text: str) -> list[Span]:
        return self.read(text)[0]

    def read(self, text: str) -> tuple[list[Span], list[Odds]]:
        """The names in ``text``, and each token's odds (CRF marginals)."""
        toks = tokenize(text)
        if not toks:
            return [], []
        feats = feature_names(toks, text, self._g)
        with self._lock:
            labels = self._t.tag(feats)
            m = self._t.marginal
            outside = [m("O", i) for i in range(len(toks))]
            # a token surely outside any name is surely outside a person's: most are, and skip two calls
            odds = [Odds(t.start, t.end, o, 0.0 if o > 0.99 else m("B-PERSON", i) + m("I-PERSON", i),
                         "c=none" not in f)
                    for i, (t, o, f) in enumerate(zip(toks, outside, feats, strict=True))]
        return decode(toks, labels, text), odds


@lru_cache(maxsize=2)
def tagger(path: str = "") -> Tagger | None:
    """The tagger, or None when the model is missing (a build without it) or disabled ("off")."""
    if path == "off":
        return None
    if not path and not (ires.files("marsad") / "models" / MODEL).is_file():
        return None
    return Tagger(path)
