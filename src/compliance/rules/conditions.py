"""The condition language of a rule's ``when`` and a scheme's ``judged_when``.

A condition compares one field of one fact with a constant, or combines such comparisons
with ``all`` and ``any``. It cannot compare two facts, divide, or look something up: those
are done in Python before the engine runs (see ``facts``), so the engine only compares.

    staff_council_consent is not true
    external_share > param(npo.external_share.signal)
    hours_per_month is reported
    funds_received is not reported
    {all: [menukaart_lines_f > 0, menukaart_lines_a == 0]}

Conditions compile to the durable-rules JSON pattern syntax; the pure-Python engine reads the
same compiled form, so both engines judge exactly the same thing.

Numbers never reach the engine as they were written. durable-rules compares doubles (and
crashes on some of them), while the contract asks for exact decimal comparisons. So every
number the engine sees is its *rank* on the scale of the constants its field is compared
with in the book (see ``Scale``): Python places the exact value between the constants, the
engine compares small integers, and both orders agree by construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from compliance.rules.scale import Scale

FieldType = str  # "bool" or "number"


class ConditionError(ValueError):
    """A condition that cannot be understood or does not fit the fields it names."""


class UnknownField(ConditionError):
    """A condition naming a field no fact has: ``field`` says which (one a menukaart makes,
    such as menukaart_lines_f, is missing when a replacement menukaart lacks doelgebied F)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# Conditions are named tuples and two small classes, not frozen dataclasses: defining the
# five dataclasses execed their methods at every start, 2 ms of a cold `compliance check`.


class ParamRef(NamedTuple):
    name: str


class Comparison(NamedTuple):
    field: str
    op: str  # == != < <= > >=
    value: bool | Decimal | ParamRef


class IsReported(NamedTuple):
    field: str
    negated: bool = False  # "is not reported"


class _Combined:
    """The parts of an ``all`` or ``any``. Not a tuple: all and any of the same parts must
    stay apart (two tuples of equal items are equal), and a condition is not its parts."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Condition, ...]) -> None:
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.parts == self.parts

    def __hash__(self) -> int:
        return hash((type(self), self.parts))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(parts={self.parts!r})"


class AllOf(_Combined):
    __slots__ = ()


class AnyOf(_Combined):
    __slots__ = ()


Condition = Comparison | IsReported | AllOf | AnyOf

_COMPARISON = re.compile(r"\s*([a-z][a-z0-9_]*)\s*(==|!=|<=|>=|<|>)\s*(\S.*?)\s*\Z")
_IS = re.compile(r"\s*([a-z][a-z0-9_]*)\s+is\s+(not\s+true|true|reported|not\s+reported)\s*\Z")
_PARAM = re.compile(r"param\(\s*([a-z0-9_.]+)\s*\)\Z")
_OPERATORS = {"==": None, "!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def parse_condition(data: object) -> Condition:
    """Parse the YAML form of a condition."""
    if isinstance(data, str):
        return _parse_expression(data)
    if isinstance(data, Mapping) and len(data) == 1:
        ((key, parts),) = data.items()
        if key in ("all", "any") and isinstance(parts, list) and parts:
            parsed = tuple(parse_condition(part) for part in parts)
            return AllOf(parsed) if key == "all" else AnyOf(parsed)
    raise ConditionError(f"expected 'field op value', or all:/any: with a list, got {data!r}")


def _parse_expression(text: str) -> Condition:
    match = _IS.match(text)
    if match:
        field, what = match.group(1), " ".join(match.group(2).split())
        if what in ("reported", "not reported"):
            return IsReported(field, negated=what == "not reported")
        return Comparison(field, "==" if what == "true" else "!=", True)
    match = _COMPARISON.match(text)
    if not match:
        raise ConditionError(f"cannot read {text!r}: expected 'field op value'")
    field, op, literal = match.groups()
    return Comparison(field, op, _parse_literal(literal))


def _parse_literal(text: str) -> bool | Decimal | ParamRef:
    if text in ("true", "false"):
        return text == "true"
    param = _PARAM.match(text)
    if param:
        return ParamRef(param.group(1))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ConditionError(
            f"cannot read the value {text!r}: expected true, false, a number or param(name)"
        ) from None


def fields_of(condition: Condition) -> list[str]:
    """The fields a condition reads, in the order written, each once."""
    if isinstance(condition, (AllOf, AnyOf)):
        seen: dict[str, None] = {}
        for part in condition.parts:
            seen.update(dict.fromkeys(fields_of(part)))
        return list(seen)
    return [condition.field]


def params_of(condition: Condition) -> set[str]:
    if isinstance(condition, (AllOf, AnyOf)):
        return set().union(*(params_of(part) for part in condition.parts))
    if isinstance(condition, Comparison) and isinstance(condition.value, ParamRef):
        return {condition.value.name}
    return set()


def check_condition(
    condition: Condition, field_types: Mapping[str, FieldType], parameters: set[str]
) -> None:
    """Refuse a condition that names an unknown field or parameter, or mixes types.

    Type checking here is what keeps the engine's sharp edges away: durable-rules compares a
    string with a number lexicographically and without complaint.
    """
    if isinstance(condition, (AllOf, AnyOf)):
        for part in condition.parts:
            check_condition(part, field_types, parameters)
        return
    field_type = field_types.get(condition.field)
    if field_type is None:
        known = ", ".join(sorted(field_types))
        raise UnknownField(
            condition.field, f"unknown field {condition.field!r}; known fields: {known}"
        )
    if isinstance(condition, IsReported):
        return
    value = condition.value
    if isinstance(value, ParamRef) and value.name not in parameters:
        raise ConditionError(f"unknown parameter {value.name!r}")
    if field_type == "bool":
        if not isinstance(value, bool) or condition.op not in ("==", "!="):
            raise ConditionError(
                f"{condition.field} is true or false: compare it with 'is true' or 'is not true'"
            )
    elif isinstance(value, bool):
        raise ConditionError(f"{condition.field} is a number: compare it with a number")


def constants_of(
    condition: Condition, parameters: Mapping[str, Decimal], rename: Callable[[str], str] = str
) -> Iterator[tuple[str, Decimal]]:
    """Every (engine field, number) the condition compares, parameters filled in: the marks
    of the fields' scales in a book."""
    if isinstance(condition, (AllOf, AnyOf)):
        for part in condition.parts:
            yield from constants_of(part, parameters, rename)
        return
    if isinstance(condition, Comparison) and not isinstance(condition.value, bool):
        value = condition.value
        yield (
            rename(condition.field),
            (parameters[value.name] if isinstance(value, ParamRef) else value),
        )


def compile_condition(
    condition: Condition,
    parameters: Mapping[str, Decimal],
    rename: Callable[[str], str] = str,
    scales: Mapping[str, Scale] | None = None,
) -> dict:
    """The durable-rules JSON pattern for ``condition`` with parameter values filled in, each
    field under its engine name (``rename``), and each number replaced by its rank on the
    field's scale (``scales``, keyed by engine name; see ``rules.scale``)."""
    scales = scales or {}
    if isinstance(condition, AllOf):
        return {"$and": [compile_condition(p, parameters, rename, scales) for p in condition.parts]}
    if isinstance(condition, AnyOf):
        return {"$or": [compile_condition(p, parameters, rename, scales) for p in condition.parts]}
    name = rename(condition.field)
    if isinstance(condition, IsReported):
        return {"$nex" if condition.negated else "$ex": {name: 1}}
    value = condition.value
    if isinstance(value, ParamRef):
        value = parameters[value.name]
    if isinstance(value, Decimal):
        value = scales.get(name, Scale.of([value])).rank_of_mark(value)
    operator = _OPERATORS[condition.op]
    test = {name: value}
    return test if operator is None else {operator: test}


def describe_condition(condition: Condition) -> str:
    """The condition written back in the rule-file syntax, for ``rules show``."""
    if isinstance(condition, (AllOf, AnyOf)):
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(
            f"({describe_condition(p)})" if isinstance(p, (AllOf, AnyOf)) else describe_condition(p)
            for p in condition.parts
        )
    if isinstance(condition, IsReported):
        return f"{condition.field} is {'not ' if condition.negated else ''}reported"
    value = condition.value
    if isinstance(value, bool):
        return (
            f"{condition.field} {'is' if condition.op == '==' else 'is not'} {str(value).lower()}"
        )
    if isinstance(value, ParamRef):
        return f"{condition.field} {condition.op} param({value.name})"
    return f"{condition.field} {condition.op} {value}"
