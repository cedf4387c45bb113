"""Keeping what the last round used: the memo of a long-lived build.

A ``mkdocs serve`` session rebuilds many times, and a long history is parsed version by version.
Both want the values the last round used, and nothing older, so memory holds one round's worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class KeptFromLast(Generic[Value]):
    """Values by key: those this round used, and those the last round used, which this round may
    take over. What a round does not ask for is dropped when the next one starts."""

    def __init__(self) -> None:
        self._last: dict[Hashable, Value] = {}
        self._this: dict[Hashable, Value] = {}

    def next_round(self) -> None:
        self._last, self._this = self._this, {}

    def find(self, key: Hashable) -> Value | None:
        """The value this round or the last one kept, without keeping it for the next."""
        return self._this[key] if key in self._this else self._last.get(key)

    def keep(self, key: Hashable, value: Value) -> Value:
        self._this[key] = value
        return value

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The kept value, or ``compute()``'s; either way kept for the next round."""
        found = self.find(key)
        return self.keep(key, compute() if found is None else found)
