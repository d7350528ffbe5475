"""Wire copies inside an event: one agency text run by several sites.

Sites cut a wire story at different points, put their own headline and page furniture around
it and edit a word or two, so a copy is rarely near-identical to its original (the MinHash
test at ingest misses it). What stays is long runs of the same words: the share of the
*shorter* text's word shingles that the other text also has (containment) is high, where two
reports of one happening written apart share a few names and phrases at most.

Templated reports of *different* happenings (the same ministry's statistics a year apart)
contain each other too; what gives them away is a number that differs in the same place
(``بلغ عدد الحجاج X حاجا``). A copy never has one.

Copies are looked for only among the reports of the event an article joined, so a copy link
never crosses two happenings that the linker keeps apart. Each report's fingerprint is computed
once and kept by the store (``marsad.store.linking.copy_prints``): an article is compared with up
to ``copy_members`` reports, and re-reading and re-hashing their texts made the copy test grow
with the archive.
"""

from __future__ import annotations

import json
import re
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.text.normalize import normalize

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What the copy test reads of a text: its word shingles (hashed) and each number with the
    words either side of it."""

    shingles: frozenset[int]
    numbers: dict[tuple[str, str], frozenset[str]]

    def pack(self) -> tuple[bytes, str]:
        """The stored form: shingle hashes as sorted unsigned 32-bit integers, numbers as JSON."""
        return (array("I", sorted(self.shingles)).tobytes(),
                json.dumps([[a, b, sorted(v)] for (a, b), v in sorted(self.numbers.items())], ensure_ascii=False))

    @classmethod
    def unpack(cls, shingles: bytes, numbers: str) -> Fingerprint:
        hashes = array("I")
        hashes.frombytes(bytes(shingles))  # PostgreSQL gives a memoryview
        return cls(frozenset(hashes), {(a, b): frozenset(v) for a, b, v in json.loads(numbers)})


def fingerprint(text: str, shingle_words: int) -> Fingerprint:
    """Words are runs of letters and digits of the normalised text, punctuation dropped (unlike
    the MinHash shingles of ``marsad.ingest.dedup``, which keep it): sites retype quotation marks
    and commas in a copied wire text."""
    words = _WORD.findall(normalize(text))
    k = shingle_words
    shingles = frozenset(zlib.crc32(" ".join(words[i:i + k]).encode("utf-8"))
                         for i in range(max(0, len(words) - k + 1)))
    numbers: dict[tuple[str, str], set[str]] = {}
    for i, w in enumerate(words):
        if w.isdigit():
            around = (words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "")
            numbers.setdefault(around, set()).add(w)
    return Fingerprint(shingles, {k: frozenset(v) for k, v in numbers.items()})


def containment(a: Fingerprint, b: Fingerprint) -> tuple[float, int]:
    """(share of the smaller shingle set found in the other, shingles shared)."""
    shared = len(a.shingles & b.shingles)
    return shared / max(1, min(len(a.shingles), len(b.shingles))), shared


def numbers_differ(a: Fingerprint, b: Fingerprint) -> bool:
    """True when a number stands between the same two words in both texts but is not the same."""
    return any(not (a.numbers[k] & b.numbers[k]) for k in a.numbers.keys() & b.numbers.keys())


def original_of(mine: Fingerprint, earlier: Iterable[tuple[str, Fingerprint]], cfg: dict) -> tuple[str, float] | None:
    """The earlier report (id, fingerprint) that the report of fingerprint ``mine`` copies, with
    its containment; None if none.

    A copy shares at least ``copy_containment`` of the smaller text's shingles and
    ``copy_min_shingles`` shingles in all, and no number differs in the same place."""
    best: tuple[str, float] | None = None
    for doc_id, other in earlier:
        share, shared = containment(mine, other)
        if share < cfg["copy_containment"] or shared < cfg["copy_min_shingles"] or numbers_differ(mine, other):
            continue
        if best is None or share > best[1]:
            best = (doc_id, share)
    return best
