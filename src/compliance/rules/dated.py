"""Values that hold from a date until the next one, as OpenFisca keeps its parameters."""

from __future__ import annotations

import bisect
from datetime import date
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Dated(NamedTuple, Generic[T]):
    """``entries`` are (first day, value), sorted by day."""

    entries: tuple[tuple[date, T], ...]

    @classmethod
    def always(cls, value: T) -> Dated[T]:
        return cls(((date.min, value),))

    def at(self, day: date) -> T | None:
        """The value in force on ``day``; None before the first date."""
        index = bisect.bisect_right([first for first, _ in self.entries], day) - 1
        return self.entries[index][1] if index >= 0 else None

    def change_days(self) -> tuple[date, ...]:
        return tuple(first for first, _ in self.entries if first != date.min)


class Period(NamedTuple):
    """Days from ``first`` to ``last`` inclusive; None is open-ended."""

    first: date | None = None
    last: date | None = None

    def contains(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def within(self, other: Period) -> Period:
        """The overlap of two periods."""
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        return Period(max(firsts) if firsts else None, min(lasts) if lasts else None)

    def describe(self) -> str:
        first = self.first.isoformat() if self.first else "…"
        last = self.last.isoformat() if self.last else "…"
        return f"{first} – {last}"
