"""Aho–Corasick matching of many names in normalised text, through proclitics and glue.

One automaton holds every form (thousands of names, titles); one pass over the document
finds all candidates. A candidate counts when it starts a word or follows a proclitic
(و ف ب ك ل ال لل وبال...), and ends a word or is glued by a conjunction to another candidate
(روسياوأوكرانيا). Overlaps keep the longest candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize
from marsad.text.spans import Disjoint


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets into the normalised text
    end: int
    key: str  # the normalised form that matched
    values: tuple[str, ...]  # what the form names (actor ids, title ids)


@lru_cache(maxsize=1)
def _clitics() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_json("clitics.json")
    verbal = {normalize(p) for p in data.get("verb_only_proclitics", [])}
    procl = frozenset(normalize(p) for p in data["proclitics"] if normalize(p) not in verbal) | {""}
    conj = frozenset(normalize(c) for c in data["conjunctions"])
    # prefixes in which the article's alef is dropped (لل = ل + ال): they go with a form
    # written without its article (للكرملين = لل + كرملين); the hit then starts at لل, whose
    # second letter is the article's
    elided = frozenset(p for p in procl if p.endswith("لل"))
    return procl, conj, elided


def _is_word(c: str) -> bool:
    return c.isalnum()


class NameAutomaton:
    """Forms -> values, searched with one automaton; built once per process."""

    def __init__(self, forms: Iterable[tuple[str, str]], not_after: frozenset[str] = frozenset()):
        # words that make a candidate right after them part of another name: بن سلمان in
        # محمد بن سلمان بن عبد العزيز is the father, not King Salman
        self.not_after = not_after
        table: dict[str, set[str]] = {}
        elided_table: dict[str, set[str]] = {}
        art = normalize(load_json("clitics.json")["article"])
        for form, value in forms:
            key = normalize(form)
            if len(key) < 2:
                continue
            table.setdefault(key, set()).add(value)
            if key.startswith(art) and len(key) - len(art) >= 3 and not key.isascii():
                elided_table.setdefault(key[len(art):], set()).add(value)
        self.auto = ahocorasick.Automaton()
        for key, vals in table.items():
            self.auto.add_word(key, (key, tuple(sorted(vals)), False))
        for key, vals in elided_table.items():
            if key not in table:
                self.auto.add_word(key, (key, tuple(sorted(vals)), True))
        self.size = len(table)
        if self.size:
            self.auto.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits in ``text`` (normalised, line breaks as spaces), longest first."""
        if not self.size:
            return []
        procl, conj, elided = _clitics()
        n = len(text)
        cands: list[tuple[int, int, str, tuple[str, ...], str, bool]] = []
        for last, (key, vals, is_elided) in self.auto.iter(text):
            s, e = last - len(key) + 1, last + 1
            ws = s
            while ws > 0 and _is_word(text[ws - 1]):
                ws -= 1
            we = e
            while we < n and _is_word(text[we]):
                we += 1
            prefix, suffix = text[ws:s], text[e:we]
            if key.isascii():
                ok = prefix == ""
            elif is_elided:
                ok = prefix in elided
            else:
                # an article before a form without one makes another word: السورية is the
                # adjective, not سورية (Syria)
                ok = prefix in procl and not (prefix.endswith("ال") and not key.startswith("ال"))
            if ok and self.not_after and ws == s and ws > 1 and text[ws - 1] == " ":
                ps = ws - 1
                while ps > 0 and _is_word(text[ps - 1]):
                    ps -= 1
                ok = text[ps:ws - 1] not in self.not_after
            if is_elided and ok:
                s -= 2  # the elided article's ل belongs to the name: للعراق, as written, not عراق
            cands.append((s, e, key, vals, suffix, ok))
        accepted: list[Hit] = []
        by_start: dict[int, list[tuple[int, int, str, tuple[str, ...], str, bool]]] = {}
        for c in cands:
            by_start.setdefault(c[0], []).append(c)
        for s, e, key, vals, suffix, ok in cands:
            if not ok:
                continue
            if not suffix:
                accepted.append(Hit(s, e, key, vals))
            elif suffix[0] in conj:
                # glued: X + و + Y inside one word, Y ending the word
                for p in procl:
                    for r in by_start.get(e + 1 + len(p), ()):
                        if text[e + 1:r[0]] == p and not r[4]:
                            accepted.append(Hit(s, e, key, vals))
                            accepted.append(Hit(r[0], r[1], r[2], r[3]))
        return _longest(accepted)


def _longest(hits: list[Hit]) -> list[Hit]:
    taken: list[Hit] = []
    chosen = Disjoint()
    for h in sorted(set(hits), key=lambda h: (-(h.end - h.start), h.start)):
        if chosen.free(h.start, h.end):
            taken.append(h)
            chosen.add(h.start, h.end)
    return sorted(taken, key=lambda h: h.start)
