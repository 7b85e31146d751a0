"""A field's marks, rewritten as numbers of the kind its values are (``scale.for_values``),
rank every value exactly as the marks written in the rules do: a verdict never depends on
which form a constant is compared in."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from compliance.rules.scale import Scale, for_values

# Marks as parameters and thresholds are written: whole numbers (some with a point and
# zeros, as 40.0), shares and amounts with decimals; and negative ones.
marks = st.one_of(
    st.integers(-1000, 10**18).map(Decimal),
    st.integers(-1000, 10**18).map(lambda n: Decimal(f"{n}.00")),
    st.decimals(min_value=-1000, max_value=10**18, places=4, allow_nan=False),
)
# Values as the plans give them: counts and days (int), amounts (Decimal), ratios (Fraction);
# some of them equal to a mark, so that "on a mark" is tried as often as between two.
values = st.one_of(
    st.integers(-2000, 10**18 + 1),
    st.decimals(min_value=-2000, max_value=10**18, places=6, allow_nan=False),
    st.fractions(min_value=-2000, max_value=10**18, max_denominator=10**6),
)


@given(st.lists(marks, min_size=1, max_size=4), st.lists(values, max_size=6), st.booleans())
def test_marks_in_the_values_form_rank_every_value_as_written(written, seen, ratio):
    scale = Scale.of(written)
    rewritten = for_values(scale, ratio)
    for value in [*seen, *written, *(Fraction(mark) for mark in written)]:
        assert rewritten.rank(value) == scale.rank(value), (value, scale)
