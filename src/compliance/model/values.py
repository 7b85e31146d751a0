"""Lexical values → typed values, per XBRL item type.

Parsing is by hand rather than through pydantic because this runs once per fact, the hot
loop of a batch; pydantic validates the assembled models instead.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from compliance.read.taxonomy import ValueType

INVALID = object()
"""Returned for a lexical value that is not valid for its type (FIL-001)."""

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
    """Parse stripped lexical ``text``; return INVALID when it is not of ``value_type``."""
    if value_type == "string":
        return text
    if value_type == "boolean":
        return _BOOLEANS.get(text, INVALID)
    if value_type in ("monetary", "decimal"):
        if not _DECIMAL.match(text) or _whole_digits(text) > MAX_WHOLE_DIGITS:
            return INVALID
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid input
            return INVALID
    if value_type == "integer":
        if not _INTEGER.match(text) or _whole_digits(text) > MAX_WHOLE_DIGITS:
            return INVALID
        return int(text)
    if value_type == "date":
        return parse_date(text)
    raise ValueError(f"unknown value type {value_type}")


def _whole_digits(number: str) -> int:
    """Significant digits before the decimal point of a lexically valid number."""
    return len(number.lstrip("+-").partition(".")[0].lstrip("0"))


def parse_date(text: str) -> date | object:
    if not _DATE.match(text):
        return INVALID
    try:
        return date.fromisoformat(text)
    except ValueError:
        return INVALID
