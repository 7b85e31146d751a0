"""A pure-Python evaluator of the compiled durable-rules patterns.

It understands exactly the subset the condition compiler emits ($and, $or, equality, $neq,
$lt, $lte, $gt, $gte, $ex, $nex) with durable-rules' semantics for a missing field: no comparison
on it holds. The patterns of a book's rules on one fact kind become one Python function,
generated once per book, that gives which of them hold as the bits of an int: this is the
hot loop of a batch, a flat expression is several times faster than a tree of closures,
and one call per fact faster than one per rule. Only field names matching the condition
language's pattern and bool or number constants reach the generated code, so nothing from
a filing or rule file is executed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from compliance.engine.base import Match
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, Library

_OPERATORS = {"$neq": "!=", "$lt": "<", "$lte": "<=", "$gt": ">", "$gte": ">="}
_FIELD = re.compile(r"[a-z][a-z0-9_]*\Z")


class PythonEngine:
    name = "python"
    remembered = False  # its predicates cost less than a fact content's key

    def __init__(self) -> None:
        # per book, per fact kind: which of its rules hold on a fact, as bits, and the rules
        self._compiled: dict[str, dict[str, tuple[Callable[[dict], int], tuple[str, ...]]]] = {}

    def vet(self, library: Library) -> None:
        """Nothing to refuse: every pattern the condition compiler writes compiles here."""

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        """One call per fact for all the rules on its kind (``compile_mask``), not one per
        rule: most facts fire none, and the calls were most of this loop."""
        matches: list[Match] = []
        for book, facts in work:
            rules_by_kind = self._rules(book)
            for fact in facts:
                compiled = rules_by_kind.get(fact[KIND_FIELD])
                if compiled is None:
                    continue
                holding, rule_ids = compiled
                bits = holding(fact)
                if bits:
                    ref = fact[REF_FIELD]
                    for i, rule_id in enumerate(rule_ids):
                        if bits >> i & 1:
                            matches.append(Match(rule_id, ref))
        return matches

    def _rules(self, book: Book) -> dict[str, tuple[Callable[[dict], int], tuple[str, ...]]]:
        rules = self._compiled.get(book.name)
        if rules is None:
            by_kind: dict[str, list] = {}
            for rule in book.rules:
                by_kind.setdefault(rule.engine_kind, []).append(rule)
            rules = {
                kind: (
                    compile_mask([rule.pattern for rule in of_kind]),
                    tuple(r.id for r in of_kind),
                )
                for kind, of_kind in by_kind.items()
            }
            self._compiled[book.name] = rules
        return rules


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
