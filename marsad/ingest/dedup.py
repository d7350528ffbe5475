"""Exact and near-duplicate detection.

Exact copies share a content hash (of the whitespace-collapsed matching text). Near copies
(the same wire story on two sites, a re-edited headline) are found with MinHash signatures
(datasketch) over word shingles and a banded LSH index kept in the store, so lookups stay
cheap as the archive grows and survive across runs.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from marsad.text.normalize import normalize

_SEED = 7
_SCHEME = "affine64"  # fixed, so signatures stored by one version compare with the next


def match_text(text: str) -> str:
    """The normalised text with its whitespace collapsed (``normalize``'s key of a long text: no
    list of its words is made, which for a page of megabytes held more than the page)."""
    return normalize(text)


def content_hash(text: str) -> str:
    return hashlib.sha256(match_text(text).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    """The permutation parameters of every signature with ``num_perm`` (datasketch draws them
    from the seed again for each MinHash it makes; it shares an array it is given). Read-only."""
    p = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations
    p.flags.writeable = False
    return p


def _minhash(num_perm: int, hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashvalues=hashvalues,
                   permutations=_permutations(num_perm))


def signature(text: str, shingle_words: int, num_perm: int) -> MinHash:
    words = match_text(text).split()
    k = max(1, min(shingle_words, len(words)))
    mh = _minhash(num_perm)
    mh.update_batch([" ".join(words[i : i + k]).encode("utf-8") for i in range(max(1, len(words) - k + 1))])
    return mh


def _bands(mh: MinHash, rows: int) -> list[tuple[int, str]]:
    hv = mh.hashvalues
    return [(b, hashlib.blake2b(hv[i : i + rows].tobytes(), digest_size=8).hexdigest())
            for b, i in enumerate(range(0, len(hv), rows))]


class NearDuplicates:
    """LSH over the ``minhash_bands`` / ``minhashes`` tables of a store connection."""

    def __init__(self, conn: sqlite3.Connection, shingle_words: int, num_perm: int, threshold: float):
        self.conn, self.k, self.perm, self.threshold = conn, shingle_words, num_perm, threshold
        self.rows = 4 if num_perm % 4 == 0 else 1

    def find(self, text: str) -> tuple[MinHash, str | None, float]:
        """Signature of ``text`` and the first stored document it nearly copies (if any)."""
        mh = signature(text, self.k, self.perm)
        bands = _bands(mh, self.rows)
        # one query for all bands (one round trip on a server database); each OR term is an index lookup
        where = " OR ".join(["(band = ? AND bucket = ?)"] * len(bands))
        cands: set[str] = {r[0] for r in self.conn.execute(
            f"SELECT doc_id FROM minhash_bands WHERE {where}", [x for b in bands for x in b])}  # noqa: S608
        best, best_sim = None, 0.0
        if cands:
            q = ",".join("?" * len(cands))
            rows = self.conn.execute(
                f"SELECT m.doc_id, m.sig FROM minhashes m JOIN documents d ON d.id = m.doc_id"  # noqa: S608
                f" WHERE m.doc_id IN ({q}) ORDER BY d.seq", sorted(cands)).fetchall()
            for doc_id, sig in rows:
                other = _minhash(self.perm, np.frombuffer(sig, dtype=np.uint64))
                sim = mh.jaccard(other)
                if sim >= self.threshold and sim > best_sim:
                    best, best_sim = doc_id, sim
        return mh, best, best_sim

    def add(self, doc_id: str, mh: MinHash) -> None:
        self.conn.execute("INSERT INTO minhashes VALUES (?, ?) ON CONFLICT(doc_id) DO UPDATE SET sig = excluded.sig",
                          (doc_id, mh.hashvalues.astype(np.uint64).tobytes()))
        self.conn.execute("DELETE FROM minhash_bands WHERE doc_id = ?", (doc_id,))
        self.conn.executemany("INSERT INTO minhash_bands VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                              [(b, bucket, doc_id) for b, bucket in _bands(mh, self.rows)])
