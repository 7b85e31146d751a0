"""Rule books: the rules in force for one school type from one date, compiled once.

Which rules hold for a plan depends on the school's type and the school year (scheme
periods, rule periods, dated parameters, severities by year). Rather than let the engine
work that out, Python resolves it: every date at which anything changes starts a new epoch,
and each (school type, epoch) gets its own book in which parameters are constants and
severities are fixed. A plan is asserted into the book of its school type and the epoch of
its school year's first day, so the engine only compares a fact's fields with constants.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta

from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import compile_condition, params_of

KIND_FIELD = "kind"
REF_FIELD = "ref"


@dataclass(frozen=True)
class CompiledRule:
    id: str
    kind: str
    severity: str
    pattern: dict  # durable-rules JSON pattern over one fact
    guard: dict | None  # the compiled judged_when alone (for the batch summary)
    rule: Rule


@dataclass(frozen=True)
class Book:
    name: str
    school_type: str
    first_day: date
    rules: tuple[CompiledRule, ...]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(rule.kind for rule in self.rules)

    def rule(self, rule_id: str) -> CompiledRule:
        return next(rule for rule in self.rules if rule.id == rule_id)


class Library:
    """All books of one catalogue, compiled on first use and kept for the process."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.epochs = _epoch_starts(catalogue)
        self._books: dict[tuple[str, date], Book] = {}

    def book_for(self, school_type: str, first_day: date) -> Book:
        index = bisect.bisect_right(self.epochs, first_day) - 1
        epoch = self.epochs[index] if index >= 0 else date.min
        key = (school_type, epoch)
        book = self._books.get(key)
        if book is None:
            book = self._compile(school_type, epoch)
            self._books[key] = book
        return book

    def _compile(self, school_type: str, epoch: date) -> Book:
        parameters = self.catalogue.parameters_on(epoch)
        compiled = tuple(
            _compile_rule(rule, epoch, parameters)
            for rule in self.catalogue.plan_rules()
            if school_type in rule.types and rule.period.contains(epoch)
        )
        return Book(f"book_{school_type}_{epoch:%Y%m%d}", school_type, epoch, compiled)


def _compile_rule(rule: Rule, day: date, parameters: dict) -> CompiledRule:
    missing = params_of(rule.when) - set(parameters)
    if missing:
        raise ValueError(f"{rule.id}: parameter {sorted(missing)[0]} has no value on {day}")
    guard = None
    parts = [{KIND_FIELD: rule.fact_kind}]
    if rule.judged_when is not None:
        guard = compile_condition(rule.judged_when, parameters)
        parts.append(guard)
    parts.append(compile_condition(rule.when, parameters))
    pattern = {"$and": parts}
    return CompiledRule(rule.id, rule.fact_kind, rule.severity_on(day), pattern, guard, rule)


def _epoch_starts(catalogue: Catalogue) -> list[date]:
    """Every day on which a rule's period, severity or parameter value changes."""
    days: set[date] = set()
    for rule in catalogue.plan_rules():
        if rule.period.first:
            days.add(rule.period.first)
        if rule.period.last:
            days.add(rule.period.last + timedelta(days=1))
        days.update(rule.severity.change_days())
        for name in params_of(rule.when) | (
            params_of(rule.judged_when) if rule.judged_when else set()
        ):
            days.update(catalogue.parameters[name].values.change_days())
    return sorted(days)
