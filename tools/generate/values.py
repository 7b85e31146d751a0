"""Drawing and writing values the way filers write them.

Amounts are drawn in whole euros (hundreds) so that every share and deviation a problem
aims at is exact in decimal arithmetic; the lexical variety (``1`` for true, ``61000`` for
``61000.00``, `` b3 `` for ``B3``) is valid XBRL that a checker must read as the same value.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from tools.generate.profile import Span

CENT = Decimal("0.01")
OMIT = object()
"""Put in a fact's place by a problem: the fact is not reported at all."""


def whole_hundreds(rng: random.Random, span: Span) -> Decimal:
    return Decimal(rng.randint(int(span.min) // 100, int(span.max) // 100) * 100)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_DOWN)


def money(value: Decimal, rng: random.Random, variety: float) -> str:
    """An amount as xs:decimal: two decimals, or without them now and then when whole."""
    if value == value.to_integral_value() and rng.random() < variety:
        return str(int(value))
    return f"{value:.2f}"


def yes(rng: random.Random, variety: float) -> object:
    """A reported true: True (written ``true``), or the equally valid ``1``."""
    return "1" if rng.random() < variety else True


def not_true(rng: random.Random) -> object:
    """One of the ways a filer says "not true": false, 0, nil, or nothing at all."""
    return rng.choice([False, "0", None, OMIT])


def code_as_written(code: str, rng: random.Random, variety: float) -> str:
    """A menukaart code, sometimes in lower case with white space (still the same code)."""
    if rng.random() < variety:
        return f" {code.lower()} "
    return code


def day_in(rng: random.Random, first: date, days: int) -> date:
    return first + timedelta(days=rng.randint(0, days))


def set_fact(facts: dict[str, object], concept: str, value: object) -> None:
    """Put ``value`` in ``facts``; OMIT removes the fact."""
    if value is OMIT:
        facts.pop(concept, None)
    else:
        facts[concept] = value


def describe(value: object) -> str:
    """How a planted value reads in a ground-truth ``why``."""
    if value is OMIT:
        return "not reported"
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)
