"""A pure-Python evaluator of the compiled durable-rules patterns.

It understands exactly the subset the condition compiler emits ($and, $or, equality, $neq,
$lt, $lte, $gt, $gte, $ex) with durable-rules' semantics for a missing field: no comparison
on it holds. Patterns are turned into closures once per book.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

from compliance.engine.base import Match
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book

Predicate = Callable[[dict], bool]

_COMPARE = {
    "$neq": operator.ne,
    "$lt": operator.lt,
    "$lte": operator.le,
    "$gt": operator.gt,
    "$gte": operator.ge,
}


class PythonEngine:
    name = "python"

    def __init__(self) -> None:
        self._compiled: dict[str, dict[str, list[tuple[str, Predicate]]]] = {}

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
                rules.setdefault(rule.kind, []).append((rule.id, compile_pattern(rule.pattern)))
            self._compiled[book.name] = rules
        return rules


def compile_pattern(pattern: dict) -> Predicate:
    """Turn one compiled pattern into a predicate over a fact."""
    if len(pattern) != 1:
        raise ValueError(f"pattern must have one operator: {pattern!r}")
    ((key, body),) = pattern.items()
    if key == "$and":
        parts = [compile_pattern(part) for part in body]
        return lambda fact: all(part(fact) for part in parts)
    if key == "$or":
        parts = [compile_pattern(part) for part in body]
        return lambda fact: any(part(fact) for part in parts)
    if key == "$ex":
        ((name, _),) = body.items()
        return lambda fact: name in fact
    if key in _COMPARE:
        ((name, expected),) = body.items()
        compare = _COMPARE[key]
        return lambda fact: (
            name in fact and _same_kind(fact[name], expected) and compare(fact[name], expected)
        )
    name, expected = key, body
    return lambda fact: name in fact and _same_kind(fact[name], expected) and fact[name] == expected


def _same_kind(value: object, expected: object) -> bool:
    """Booleans only compare with booleans and numbers with numbers (True is not 1)."""
    return isinstance(value, bool) == isinstance(expected, bool)
