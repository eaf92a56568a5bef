"""The counts of filtered case lists (an officer's cases, the overdue ones, those awaiting a decision, those ended at
a stage), kept by the read models' position when they were counted.

Counting the overdue cases reads an index entry per open case: at 50,000 cases about 10 ms, on every page of the
list. The case list changes only when the projector commits a batch, and each batch moves the tracked position in the
same transaction; so a count made at a position (read in the same statement, one snapshot) stands until the position
moves. What was counted (the query, with "today" among its values) is part of the key, so a new day counts again.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable


class KeptCounts:
    KEPT = 512  # officers x filters x pages of days; past this many, start again

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[int, int]] = {}  # what was counted: (position, count)
        self._lock = threading.Lock()

    def count(self, what: Hashable, position: int) -> int | None:
        """The count of ``what`` made at ``position``, if one was."""
        with self._lock:
            kept = self._kept.get(what)
        return kept[1] if kept is not None and kept[0] == position else None

    def keep(self, what: Hashable, position: int, count: int) -> None:
        with self._lock:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[what] = (position, count)


KEPT_COUNTS = KeptCounts()
