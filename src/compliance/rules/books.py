"""Rule books: the rules in force for one school type from one date, compiled once.

Which rules hold for a plan depends on the school's type and the school year (scheme
periods, rule periods, dated parameters, severities by year). Rather than let the engine
work that out, Python resolves it: every date at which anything changes starts a new epoch,
and each (school type, epoch) gets its own book in which parameters are constants and
severities are fixed. A plan is asserted into the book of its school type and the epoch of
its school year's first day, so the engine only compares a fact's fields with constants.
Each book also holds the scale of every numeric field (``rules.scale``): the engine sees a
number's rank among the book's constants, never the number.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from compliance.plain_record import PlainRecord
from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import compile_condition, constants_of
from compliance.rules.facts import FactKind
from compliance.rules.scale import Scale

KIND_FIELD = "kind"
REF_FIELD = "ref"


class CompiledRule(NamedTuple):
    id: str
    kind: str  # the fact kind it is about (wdm_plan, npo_line, ...)
    engine_kind: str  # the kind of engine fact it matches (plan, npo_line)
    severity: str
    pattern: dict  # durable-rules JSON pattern over one fact
    guard: dict | None  # the compiled judged_when alone (for the batch summary)
    rule: Rule


class Book(PlainRecord):
    """The rules in force for one school type from ``first_day``, compiled. A PlainRecord, not a
    frozen dataclass (0.6 ms of every start to define, ``compliance.plain_record``)."""

    def __init__(
        self,
        name: str,
        school_type: str,
        first_day: date,
        rules: tuple[CompiledRule, ...],
        scales: Mapping[str, Scale] | None = None,  # by engine field name
    ) -> None:
        self.name = name
        self.school_type = school_type
        self.first_day = first_day
        self.rules = rules
        self.scales = {} if scales is None else scales

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """The fact kinds its rules are about, sorted so facts are built in one order."""
        return tuple(sorted({rule.kind for rule in self.rules}))

    @cached_property
    def _by_id(self) -> dict[str, CompiledRule]:
        return {rule.id: rule for rule in self.rules}

    def rule(self, rule_id: str) -> CompiledRule:
        return self._by_id[rule_id]


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

    def each_rule_once(self) -> list[CompiledRule]:
        """Every plan rule compiled once, in the first epoch it is in force with all its
        parameters: a rule's pattern has the same shape in every book (only constants and
        ranks differ), so an engine can vet what it will be given before any filing."""
        compiled = []
        kinds = self.catalogue.kinds
        for rule in self.catalogue.plan_rules():
            for epoch in (date.min, *self.epochs):
                parameters = self.catalogue.parameters_on(epoch)
                if rule.period.contains(epoch) and rule.parameters_read <= set(parameters):
                    scales = _scales([rule], kinds, parameters)
                    kind = kinds[rule.fact_kind]
                    compiled.append(_compile_rule(rule, kind, epoch, parameters, scales))
                    break
        return compiled

    def rules_in_force(self) -> list[list[Rule]]:
        """The rules of every book there can be (each school type from each epoch), not
        compiled: what an engine counts before any filing."""
        epochs = (date.min, *self.epochs)
        types = self.catalogue.domain.school_types
        return [self._in_force(school_type, epoch) for school_type in types for epoch in epochs]

    def _in_force(self, school_type: str, epoch: date) -> list[Rule]:
        return [
            rule
            for rule in self.catalogue.plan_rules()
            if school_type in rule.types and rule.period.contains(epoch)
        ]

    def _compile(self, school_type: str, epoch: date) -> Book:
        parameters = self.catalogue.parameters_on(epoch)
        kinds = self.catalogue.kinds
        in_force = self._in_force(school_type, epoch)
        for rule in in_force:
            missing = rule.parameters_read - set(parameters)
            if missing:
                raise ValueError(
                    f"{rule.id}: parameter {sorted(missing)[0]} has no value on {epoch}"
                )
        scales = _scales(in_force, kinds, parameters)
        compiled = tuple(
            _compile_rule(rule, kinds[rule.fact_kind], epoch, parameters, scales)
            for rule in in_force
        )
        return Book(f"book_{school_type}_{epoch:%Y%m%d}", school_type, epoch, compiled, scales)


def _scales(rules: list[Rule], kinds: Mapping[str, FactKind], parameters: dict) -> dict:
    """Per engine field, the scale of every constant the book's rules compare it with."""
    marks: dict[str, set] = {}
    for rule in rules:
        rename = kinds[rule.fact_kind].engine_name
        for condition in (rule.judged_when, rule.when):
            if condition is not None:
                for name, constant in constants_of(condition, parameters, rename):
                    marks.setdefault(name, set()).add(constant)
    return {name: Scale.of(constants) for name, constants in marks.items()}


def _compile_rule(
    rule: Rule, kind: FactKind, day: date, parameters: dict, scales: Mapping[str, Scale]
) -> CompiledRule:
    guard = None
    parts = [{KIND_FIELD: kind.engine_kind}]
    if rule.judged_when is not None:
        guard = compile_condition(rule.judged_when, parameters, kind.engine_name, scales)
        parts.append(guard)
    parts.append(compile_condition(rule.when, parameters, kind.engine_name, scales))
    pattern = {"$and": parts}
    severity = rule.severity_on(day)
    return CompiledRule(rule.id, kind.name, kind.engine_kind, severity, pattern, guard, rule)


def _epoch_starts(catalogue: Catalogue) -> list[date]:
    """Every day on which a rule's period, severity or parameter value changes."""
    days: set[date] = set()
    for rule in catalogue.plan_rules():
        if rule.period.first:
            days.add(rule.period.first)
        if rule.period.last and rule.period.last < date.max:  # 9999-12-31: no day after it
            days.add(rule.period.last + timedelta(days=1))
        days.update(rule.severity.change_days())
        for name in rule.parameters_read:
            days.update(catalogue.parameters[name].values.change_days())
    return sorted(days)
