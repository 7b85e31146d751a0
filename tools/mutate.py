"""Mutants of filings, for the fuzzing benchmark (benchmarks/bench_fuzz.py) and the values
the mutation tests draw from (tests/test_mutations.py): the same damage a filing meets in
the wild, from a seeded random source so that a run can be repeated exactly.

Structure: cut short, bytes flipped, a line (a context, unit or fact) duplicated, dropped or
moved, an element inside a line duplicated or dropped, the whole re-encoded as UTF-16.
Values: one replaced by an unlucky one (``EDGE_VALUES``, random digits, decimals with and
without exponents, dates across and past the calendar).
"""

from __future__ import annotations

import contextlib
import random
import re

# a leaf element with its text: <xbrli:startDate>…</xbrli:startDate>, <bp:SchoolId>…</…>
LEAF = re.compile(rb"<([\w.-]+:[\w.-]+)\b[^<>]*>([^<>]*)</\1>")
EDGE_VALUES = [
    *("0001-01-01", "9999-12-31", "9999-08-01", "9999-07-31", "0000-01-01", "10000-01-01"),
    *("2023-02-29", "2024-02-29", "2022-13-01", "2022-8-1", "2022-08-01Z", "2022-08-01T00:00"),
    *("1e-05", "3E+16", "1.5e-05", "2.5e3", "NaN", "INF", "-INF", "-0", "+1", "0x10", "1_000"),
    *("999999999999999999.99", "10000000000000000", "0.00001", "-0.00", ".5", "5.", "1,5"),
    *("9" * 19, "1" + "0" * 4400, "0." + "0" * 4400 + "1", "-" + "9" * 5000 + ".5"),
    *("", " ", "true", "1", "\u0663", "\uff11\uff12", "12AB", "B3", "ZZ99"),
]


def unlucky_value(rng: random.Random) -> bytes:
    kind = rng.choice(["edge", "digits", "decimal", "date"])
    if kind == "edge":
        return rng.choice(EDGE_VALUES).encode()
    if kind == "digits":
        return ("-" * rng.randint(0, 1) + _digits(rng, 1, 40)).encode()
    if kind == "decimal":
        text = f"{_digits(rng, 0, 18)}.{_digits(rng, 0, 30)}"
        if rng.random() < 0.3:
            text += f"e{rng.choice('-+')}{rng.randint(0, 300)}"
        return text.encode()
    year = rng.choice([1, 999, 1000, 2021, 2022, 2023, 9998, 9999])
    return f"{year:04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}".encode()


def mutant(data: bytes, rng: random.Random) -> bytes:
    """``data`` with one to three pieces of damage, structure or values."""
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        data = rng.choice(_MUTATIONS)(data, rng)
    if rng.random() < 0.1:
        with contextlib.suppress(UnicodeDecodeError):  # damaged past decoding: as it is
            data = b"\xff\xfe" + data.decode("utf-8").encode("utf-16-le")
    return data


def _digits(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(low, high)))


def _truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


def _flipped(data: bytes, rng: random.Random) -> bytes:
    changed = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        changed[rng.randrange(len(changed))] = rng.randrange(256)
    return bytes(changed)


def _line_changed(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    index = rng.randrange(len(lines))
    action = rng.choice(["duplicate", "drop", "move"])
    line = lines[index] if action == "duplicate" else lines.pop(index)
    if action != "drop":
        lines.insert(rng.randint(0, len(lines)), line)
    return b"".join(lines)


def _leaf_changed(data: bytes, rng: random.Random) -> bytes:
    leaves = list(LEAF.finditer(data))
    if not leaves:
        return data
    leaf = rng.choice(leaves)
    return data[: leaf.start()] + leaf.group() * rng.randint(0, 2) + data[leaf.end() :]


def _value_changed(data: bytes, rng: random.Random) -> bytes:
    leaves = list(LEAF.finditer(data))
    if not leaves:
        return data
    leaf = rng.choice(leaves)
    return data[: leaf.start(2)] + unlucky_value(rng) + data[leaf.end(2) :]


# values weigh three times: most damage in the wild is to values, and they reach the engines
_MUTATIONS = (_truncated, _flipped, _line_changed, _leaf_changed, *[_value_changed] * 3)
