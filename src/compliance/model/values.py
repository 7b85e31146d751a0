"""Lexical values → typed values, per XBRL item type.

Parsing is by hand rather than through pydantic because this runs once per fact, the hot
loop of a batch; pydantic validates the assembled models instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from compliance.read.taxonomy import ValueType

INVALID = object()
"""Returned for a lexical value that is not valid for its type (FIL-001)."""
TOO_LONG = object()
"""Returned for a number with more than MAX_WHOLE_DIGITS digits before the point (FIL-001):
valid lexically, but beyond what the reader computes with."""

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# Digits before the decimal point a number may have: XML Schema lets a processor limit
# precision (to no fewer than 18 digits). Sums and shares then stay exact in 28-digit decimal
# arithmetic and finite as doubles in the engine, and Python converts any such integer.
MAX_WHOLE_DIGITS = 18

TypedValue = bool | date | Decimal | int | str


def parse_value(value_type: ValueType, text: str) -> TypedValue | object:
    """Parse stripped lexical ``text``; return INVALID when it is not of ``value_type`` and
    TOO_LONG for a number with too many digits."""
    parser = PARSERS.get(value_type)
    if parser is None:
        raise ValueError(f"unknown value type {value_type}")
    return parser(text)


def parse_string(text: str) -> str:
    return text


def parse_boolean(text: str) -> bool | object:
    return _BOOLEANS.get(text, INVALID)


def parse_decimal(text: str) -> Decimal | object:
    """``monetary`` and ``decimal``: at most MAX_WHOLE_DIGITS digits before the point.

    ASCII digits with at most one point among or around them, as nearly every amount is
    written, are valid without running the pattern: three string methods in C cost a third
    of it (0.3 million CPU instructions a filing of the benchmark corpus, with integers).
    ``isascii`` first: ``str.isdigit`` also takes other scripts' digits and ``²``."""
    if not (text.isascii() and text.replace(".", "", 1).isdigit()) and not _DECIMAL.match(text):
        return INVALID
    if len(text) > MAX_WHOLE_DIGITS and _whole_digits(text) > MAX_WHOLE_DIGITS:
        return TOO_LONG
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid input
        return INVALID


def parse_integer(text: str) -> int | object:
    """Any lexical form of an integer (``+01`` is 1), at most MAX_WHOLE_DIGITS significant
    digits. Leading zeros are dropped before ``int``: Python refuses to convert a text of more
    than 4,300 digits, and ``0…01`` with 5,000 zeros is still 1."""
    if not (text.isascii() and text.isdigit()) and not _INTEGER.match(text):  # as above
        return INVALID
    if len(text) > MAX_WHOLE_DIGITS and _whole_digits(text) > MAX_WHOLE_DIGITS:
        return TOO_LONG
    if len(text) > MAX_WHOLE_DIGITS + 1:  # a sign and MAX_WHOLE_DIGITS digits fit as they are
        sign, digits = ("-", text[1:]) if text[0] == "-" else ("", text.lstrip("+"))
        text = sign + (digits.lstrip("0") or "0")
    return int(text)


def parse_positive_integer(text: str) -> int | object:
    """An intervention line number: any lexical form of an integer above 0 (``1``, ``01``,
    ``+1``); INVALID for 0, a negative number or anything else, TOO_LONG when too long."""
    number = parse_integer(text)
    if isinstance(number, int) and number < 1:
        return INVALID
    return number


def _whole_digits(number: str) -> int:
    """Significant digits before the decimal point of a lexically valid number. The callers
    count only a text longer than the limit (one that is not cannot exceed it), inline: a
    call per number cost some 0.01 ms a filing."""
    return len(number.lstrip("+-").partition(".")[0].lstrip("0"))


def parse_date(text: str) -> date | object:
    if not _DATE.match(text):
        return INVALID
    try:
        return date.fromisoformat(text)
    except ValueError:
        return INVALID


PARSERS: dict[str, Callable[[str], TypedValue | object]] = {
    "string": parse_string,
    "boolean": parse_boolean,
    "monetary": parse_decimal,
    "decimal": parse_decimal,
    "integer": parse_integer,
    "date": parse_date,
}
"""The parser of each value type, chosen once per concept rather than per fact."""
