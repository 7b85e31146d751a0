"""How a number reaches the engine: as its rank among the constants it is compared with.

durable-rules compares doubles, and some doubles crash it (a segfault on values that print
with a one-digit exponent, such as 1e-05 or 1e+16). The contract asks for comparisons that
are exact on the decimal values as written, with up to 18 integer digits and any number of
decimals. Both needs are met by never giving the engine the value at all.

Within one rule book every constant a field is compared with is known when the book is
compiled (parameters are resolved per epoch). Sorted, they cut the number line into points
and gaps. A value's *rank* is the index of its point or gap: below the first constant is 0,
equal to it 1, between the first and the second 2, and so on. A constant's rank is odd, a
value's rank compares with it exactly as the value compares with the constant, and ranks
are small non-negative integers, which durable-rules handles without surprises. Python does
the exact part (decimal, integer and fraction comparisons are exact in Python), the engine
still applies the rule.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

Exact = Decimal | Fraction | int


class Scale(NamedTuple):
    """The sorted, distinct constants one engine field is compared with in one book."""

    marks: tuple[Exact, ...] = ()

    @classmethod
    def of(cls, constants: Iterable[Exact]) -> Scale:
        return cls(tuple(sorted(set(constants))))

    def rank(self, value: Exact) -> int:
        """The value's place among the marks: even in a gap, odd on a mark."""
        index = bisect.bisect_left(self.marks, value)
        on_mark = index < len(self.marks) and self.marks[index] == value
        return 2 * index + on_mark

    def rank_of_mark(self, constant: Exact) -> int:
        """The rank a compiled pattern compares with; the constant must be one of the marks."""
        rank = self.rank(constant)
        if rank % 2 == 0:
            raise ValueError(f"{constant} is not a mark of this scale")
        return rank


def for_values(scale: Scale, fractions: bool) -> Scale:
    """The same marks as numbers of the kind the field's values are, where that is exact:
    an integral mark as an int, any mark of a field whose values are fractions (a ratio) as
    a Fraction. What ranks a value is unchanged, but it is found faster: comparing a
    Fraction with a Decimal costs 2.3 µs in Python's fractions module, with a Fraction 0.9,
    and an int with an int a few nanoseconds; a filing's plans rank some 250 values."""
    return Scale(tuple(_for_values(mark, fractions) for mark in scale.marks))


def _for_values(mark: Exact, fractions: bool) -> Exact:
    if fractions:
        return Fraction(mark)
    if isinstance(mark, Decimal) and mark.is_finite() and mark == mark.to_integral_value():
        return int(mark)
    return mark


NO_MARKS = Scale()
"""The scale of a field no rule of the book compares with a number: every value is 0, which
is all an ``is reported`` test needs."""
