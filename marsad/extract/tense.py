"""Which way in time a sentence points: does ``يوم الجمعة`` mean the last Friday or the next?

A bare weekday or month takes the tense of the nearest cue before it in its sentence
(``سيلتقي ... يوم الجمعة``), else of the nearest cue after it. Future cues are future
verbs (the prefix س on an imperfect verb) and phrases (``سوف``, ``من المقرر``); past cues
are common perfect verbs of news and words such as ``أمس``. Cue lists live in
``lang/ar/data/time_tense.json``.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token, tokenize

FUTURE, PAST = 1, -1


@lru_cache(maxsize=1)
def _cues() -> dict:
    d = load_json("time_tense.json")

    def phrases(xs: list[str]) -> dict[int, set[tuple[str, ...]]]:
        out: dict[int, set[tuple[str, ...]]] = {}
        for x in xs:
            key = tuple(normalize(x).split())
            out.setdefault(len(key), set()).add(key)
        return out

    return {
        "future": phrases(d["future_phrases"]),
        "past": phrases(d["past_phrases"]),
        "prefix": tuple(sorted((normalize(p) for p in d["future_prefix"]), key=len, reverse=True)),
        "letters": frozenset(normalize(x) for x in d["future_imperfect_letters"]),
        "exceptions": tuple(normalize(x) for x in d["future_prefix_exceptions"]),
        "reporting": frozenset(normalize(x) for x in d["reporting_past"]),
    }


def _future_verb(word: str) -> bool:
    """``سيلتقي``, ``وستبدأ``: the future prefix on an imperfect verb (not ``سياسة``)."""
    c = _cues()
    for p in c["prefix"]:
        if word.startswith(p) and len(word) - len(p) >= 3:
            rest = word[len(p) - 1:]  # keep the س to test against noun stems
            if word[len(p)] in c["letters"] and not rest.startswith(c["exceptions"]):
                return True
    return False


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) >= 3 and word[0] in "وف" else word


def cues(tokens: list[Token]) -> list[tuple[int, int, int]]:
    """(start, end, tense) of every tense cue among ``tokens`` (original offsets)."""
    c = _cues()
    out: list[tuple[int, int, int]] = []
    norms = [t.norm for t in tokens]
    tables = [(tense, table, sorted(table, reverse=True))  # phrase lengths, longest first
              for tense, table in ((FUTURE, c["future"]), (PAST, c["past"]))]
    i = 0
    while i < len(tokens):
        hit = None
        for tense, table, lengths in tables:
            for n in lengths:
                seq = tuple(norms[i:i + n])
                if len(seq) == n and (seq in table[n] or (seq[:1] and (_strip_conj(seq[0]), *seq[1:]) in table[n])):
                    hit = (n, tense)
                    break
            if hit:
                break
        if hit:
            n, tense = hit
            out.append((tokens[i].start, tokens[i + n - 1].end, tense))
            i += n
            continue
        if _future_verb(norms[i]):
            out.append((tokens[i].start, tokens[i].end, FUTURE))
        i += 1
    return out


@lru_cache(maxsize=1024)
def _sentence_cues(sentence: str) -> tuple[tuple[int, int, int], ...]:
    """``cues`` of one sentence, offsets within it: the times stage and the publication-date guess
    ask for every time expression in it, so it is tokenised and scanned once."""
    return tuple(cues(tokenize(sentence)))


def tense_at(text: str, sent_start: int, sent_end: int, start: int, end: int, reporting: bool = True) -> int | None:
    """Tense governing ``text[start:end]`` inside the sentence ``text[sent_start:sent_end]``:
    ``FUTURE``, ``PAST`` or ``None`` when the sentence has no cue. With ``reporting`` False,
    a reporting verb (أعلن, قال) as the nearest cue before gives ``None``: it dates the saying,
    not what was said."""
    found = [c for a, b, tense in _sentence_cues(text[sent_start:sent_end])
             if (c := (a + sent_start, b + sent_start, tense))[1] <= start or c[0] >= end]
    before = [c for c in found if c[1] <= start]
    if before:
        last = before[-1]
        if not reporting and _strip_conj(normalize(text[last[0]:last[1]])) in _cues()["reporting"]:
            return None  # nearest occurrence: the verb says when it was said
        return last[2]
    after = [c for c in found if c[0] >= end]
    return after[0][2] if after else None
