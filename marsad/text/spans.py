"""Overlap queries over a fixed set of character spans, in logarithmic time.

Stages ask "is this word inside something already found?" once per word; answering by a scan
of every span makes a long page quadratic. Spans sorted by start, with the running maximum of
their ends, answer in one bisection.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from itertools import accumulate


class Overlaps:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.spans = sorted(spans)
        self._index()

    def _index(self) -> None:
        self._starts = [a for a, _ in self.spans]
        self._max_end = list(accumulate((b for _, b in self.spans), max))
        self._dirty = False

    def add(self, span: tuple[int, int]) -> None:
        """Add a span; the index is rebuilt on the next query."""
        insort(self.spans, span)
        self._dirty = True

    def any(self, start: int, end: int) -> bool:
        """Does any span (a, b) overlap [start, end), i.e. a < end and start < b?"""
        if self._dirty:
            self._index()
        k = bisect_left(self._starts, end)  # spans[:k] start before ``end``
        return k > 0 and self._max_end[k - 1] > start

    def __bool__(self) -> bool:
        return bool(self.spans)


class Disjoint:
    """Spans chosen one by one so that none overlaps another (longest first, say): checking a
    candidate looks at one neighbour, because chosen spans are sorted and do not overlap."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Does [start, end) overlap no chosen span?"""
        k = bisect_left(self._starts, end)  # chosen spans starting before ``end``; the last ends latest
        return k == 0 or self._ends[k - 1] <= start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
