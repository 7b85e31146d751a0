"""A pure-Python evaluator of the compiled durable-rules patterns.

It understands exactly the subset the condition compiler emits ($and, $or, equality, $neq,
$lt, $lte, $gt, $gte, $ex, $nex) with durable-rules' semantics for a missing field: no comparison
on it holds. Each pattern becomes one Python function, generated once per book: this is
the hot loop of a batch, and a flat expression is several times faster than a tree of
closures. Only field names matching the condition language's pattern and bool or number
constants reach the generated code, so nothing from a filing or rule file is executed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from compliance.engine.base import Match
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, Library

Predicate = Callable[[dict], bool]

_OPERATORS = {"$neq": "!=", "$lt": "<", "$lte": "<=", "$gt": ">", "$gte": ">="}
_FIELD = re.compile(r"[a-z][a-z0-9_]*\Z")


class PythonEngine:
    name = "python"
    remembered = False  # its predicates cost less than a fact content's key

    def __init__(self) -> None:
        self._compiled: dict[str, dict[str, list[tuple[str, Predicate]]]] = {}

    def vet(self, library: Library) -> None:
        """Nothing to refuse: every pattern the condition compiler writes compiles here."""

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        matches: list[Match] = []
        for book, facts in work:
            rules_by_kind = self._rules(book)
            for fact in facts:
                for rule_id, predicate in rules_by_kind.get(fact[KIND_FIELD], ()):
                    if predicate(fact):
                        matches.append(Match(rule_id, fact[REF_FIELD]))
        return matches

    def _rules(self, book: Book) -> dict[str, list[tuple[str, Predicate]]]:
        rules = self._compiled.get(book.name)
        if rules is None:
            rules = {}
            for rule in book.rules:
                predicate = compile_pattern(rule.pattern)
                rules.setdefault(rule.engine_kind, []).append((rule.id, predicate))
            self._compiled[book.name] = rules
        return rules


def compile_pattern(pattern: dict) -> Predicate:
    """Turn one compiled pattern into a predicate over a fact (a dict)."""
    source = f"lambda fact: {_expression(pattern)}"
    return eval(source, {"__builtins__": {}}, {})  # generated from checked parts only


def compile_mask(patterns: list[dict | None]) -> Callable[[dict], int]:
    """Turn several patterns into one function giving which of them hold on a fact, as the
    bits of an int (bit i for pattern i; None holds on every fact): one call per fact
    instead of one per pattern, and no object made, for the judged_when of every rule on a
    plan."""
    bits = [
        f"({_expression(pattern)} and {1 << i})" if pattern is not None else str(1 << i)
        for i, pattern in enumerate(patterns)
    ]
    return eval(f"lambda fact: {' | '.join(bits) or '0'}", {"__builtins__": {}}, {})  # checked


def _expression(pattern: dict) -> str:
    if len(pattern) != 1:
        raise ValueError(f"pattern must have one operator: {pattern!r}")
    ((key, body),) = pattern.items()
    if key in ("$and", "$or"):
        joiner = " and " if key == "$and" else " or "
        return "(" + joiner.join(_expression(part) for part in body) + ")"
    if key in ("$ex", "$nex"):
        ((name, _),) = body.items()
        return f"({_name(name)!r} {'in' if key == '$ex' else 'not in'} fact)"
    if key in _OPERATORS:
        ((name, expected),) = body.items()
        return _comparison(name, _OPERATORS[key], expected)
    return _comparison(key, "==", body)


def _comparison(name: str, operator: str, expected: object) -> str:
    """A missing field makes every comparison false, as in durable-rules."""
    if isinstance(expected, str) and name == KIND_FIELD:
        return f"(fact.get({name!r}) == {expected!r})"
    if not isinstance(expected, (bool, int, float)):
        raise ValueError(f"cannot compare {name} with {expected!r}")
    return f"(fact.get({_name(name)!r}) is not None and fact[{name!r}] {operator} {expected!r})"


def _name(name: str) -> str:
    if not _FIELD.match(name):
        raise ValueError(f"not a field name: {name!r}")
    return name
