"""Plants and guards taken from the rules' own cases, for rules the hand-written generator
does not model: adding a rule stays one YAML file with its cases.

A case is a small filing its author wrote with the answer the rule gives on it. Put into a
generated school year, a case replaces its scheme's *slice*: every concept some rule of the
scheme reads, and the intervention lines when a rule reads a line concept. Every rule of the
scheme then sees exactly what it saw in the case, and every other scheme still sees the
compliant baseline, so the findings are the case's, read from the rule file, never from
running the checker. That holds when:

- the case is a plain filing: facts, omissions, lines, a school type and year (no
  duplicates, other periods, currency, board, extra XML or allowance list) - checked here;
- no rule of the scheme reads something besides the slice that the case would change (the
  school's place on the allowance list): such concepts stay out of the slice, and a rule that
  needs them cannot take its plants from cases - checked here;
- in the generated school year every rule of the scheme is judged exactly as in the case's
  year and type, with the same parameter values and menukaart version (dates in the case move
  by whole years) - checked per school year here;
- the case gives its own rule's findings and nothing else (a planted firing case), or no
  finding at all (a guard) - tests/test_generate.py checks this on each case's own filing;
  a case the author does not want planted says ``plant: false``.

A guard keeps the compliant baseline compliant for a rule it was not written for: where such
a rule applies, the scheme's slice is replaced by one of that rule's quiet cases. Where no
quiet case fits, the school year is reported as not guarded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import get_args

from pydantic import BaseModel

from compliance.authoring.cases import case_filing
from compliance.model.calendar import SchoolYear
from compliance.model.documented import SchoolYearPlans
from compliance.read.taxonomy import Taxonomy
from compliance.rules.catalogue import Rule, RuleCase
from compliance.rules.conditions import fields_of, params_of
from tools.generate.regime import Regime

CONTEXT = "<school context>"
"""What a field computed from the school's context reads, not from its reported facts."""

CONTEXT_FIELDS = frozenset({"on_allowance_list"})
"""Fields (src/compliance/rules/facts.py) read from the school's context: its place on the
allowance list. A field that cites no concept and is not named here is taken to read every
concept of its plan (the funds rules' count of other facts)."""

_NOT_PLAIN = ("duplicates", "period", "extra_xml", "allowance_list")
_DEFAULTS = {"board": "41234", "currency": "EUR"}  # the case schema's defaults


@dataclass(frozen=True)
class Slice:
    """What a case replaces in a school year for its scheme."""

    scheme: str
    school: frozenset[str]  # school-level concepts
    line_concepts: frozenset[str]  # line-level concepts; any: the lines are part of it
    rules: tuple[Rule, ...]  # the scheme's rules, all judged on the slice alone
    params: frozenset[str]  # parameters their conditions name


@dataclass(frozen=True)
class UsableCase:
    """A case the generator may put into a school year."""

    rule: str
    name: str  # the case's English name (``RuleCase.id``)
    year: SchoolYear
    school_type: str | None
    fires: bool | tuple[int, ...]  # one plan finding, none, or findings on these lines
    facts: dict[str, object]
    lines: tuple[dict[str, object], ...]
    origin: RuleCase = field(compare=False, repr=False)

    @property
    def firing(self) -> bool:
        return self.fires is True or bool(self.fires)


@dataclass(frozen=True)
class Guard:
    """How the baseline keeps a scheme's unknown rules quiet: in every school year where one
    applies, the scheme's slice (``concepts``) takes the values of one of their quiet
    ``cases``. A hand-written problem may then only be planted there when it touches none of
    ``concepts`` nor what the scheme's judged_when reads (``judged``)."""

    scheme: str
    rules: tuple[str, ...]
    concepts: frozenset[str]
    judged: frozenset[str]
    cases: tuple[UsableCase, ...]
    unguardable: tuple[str, ...] = ()  # unknown rules that read the school's context

    def allows(self, touches: frozenset[str] | None) -> bool:
        return touches is not None and not touches & (self.concepts | self.judged)


@dataclass
class CaseBook:
    """What the catalogue's cases offer: firing cases to plant for rules without a hand-
    written plant, quiet cases to guard the baseline for rules it was not written for, and
    why a rule has neither."""

    regime: Regime
    slices: dict[str, Slice]
    firing: dict[str, list[UsableCase]] = field(default_factory=dict)
    guards: dict[str, Guard] = field(default_factory=dict)  # by scheme
    refused: dict[str, str] = field(default_factory=dict)  # rule → why no case plant

    def shift(self, case: UsableCase, school_type: str | None, year: SchoolYear) -> int | None:
        """Whole years the case moves by to stand in this school year, or None when a rule
        of its scheme would be judged differently there."""
        regime, slice_ = self.regime, self.slices[self.scheme_of(case)]
        for rule in slice_.rules:
            here = _applies(regime, rule, school_type, year)
            if here != _applies(regime, rule, case.school_type, case.year):
                return None
        for name in slice_.params:
            values = regime.catalogue.parameters[name].values
            if values.at(year.first_day) != values.at(case.year.first_day):
                return None
        if case.lines and _version(regime, year) != _version(regime, case.year):
            return None
        years = year.first_day.year - case.year.first_day.year
        if years and not all(_movable(value) for value in _values(case)):
            return None
        return years

    def judged_on_slice(self, scheme: str) -> frozenset[str]:
        """The rules of a scheme whose every input is in its slice: a planted case must give
        none of their findings but its own rule's."""
        slice_ = self.slices[scheme]
        inputs = slice_.school | slice_.line_concepts
        return frozenset(r.id for r in slice_.rules if reads(self.regime, r) <= inputs)

    def used_cases(self) -> list[UsableCase]:
        """Every case the generator may put into a filing: planted or guarding."""
        cases = [case for firing in self.firing.values() for case in firing]
        return cases + [case for guard in self.guards.values() for case in guard.cases]

    def scheme_of(self, case: UsableCase) -> str:
        return self.regime.catalogue.rules[case.rule].scheme

    def fitting(
        self, cases: Iterable[UsableCase], school_type: str | None, year: SchoolYear
    ) -> list[tuple[UsableCase, int]]:
        fits = ((case, self.shift(case, school_type, year)) for case in cases)
        return [(case, years) for case, years in fits if years is not None]

    def put(
        self,
        case: UsableCase,
        years: int,
        facts: dict,
        lines: list,
        concepts: frozenset[str] | None = None,
    ) -> list:
        """Replace ``concepts`` (default: the scheme's slice) in ``facts`` by the case's
        values; returns the new lines (``lines`` itself unless a line concept is replaced)."""
        slice_ = self.slices[self.scheme_of(case)]
        concepts = slice_.school | slice_.line_concepts if concepts is None else concepts
        for concept in concepts & slice_.school:
            facts.pop(concept, None)
        for concept, value in case.facts.items():
            if concept in concepts & slice_.school:
                facts[concept] = _moved(value, years)
        if not concepts & slice_.line_concepts:
            return lines
        return [{k: _moved(v, years) for k, v in line.items()} for line in case.lines]


def read_cases(
    regime: Regime, taxonomy: Taxonomy, hand_planted: frozenset[str], written_for: frozenset[str]
) -> CaseBook:
    """Sort every rule's cases into what the generator can use: firing cases for the rules
    no hand-written problem is planted for, guards for the rules the baseline is not written
    for (neither ``hand_planted`` nor ``written_for``)."""
    catalogue = regime.catalogue
    slices = {scheme: _slice(regime, taxonomy, scheme) for scheme in catalogue.schemes}
    book = CaseBook(regime, slices)
    usable: dict[str, list[UsableCase]] = {}
    unknown: dict[str, list[str]] = {}
    for rule in sorted(catalogue.plan_rules(), key=lambda r: r.id):
        usable[rule.id], why = _usable_cases(regime, slices[rule.scheme], rule)
        if rule.id in hand_planted:
            continue
        if rule.id not in written_for:
            unknown.setdefault(rule.scheme, []).append(rule.id)
        firing = [case for case in usable[rule.id] if case.firing]
        if firing:
            book.firing[rule.id] = firing
        else:
            book.refused[rule.id] = why or "no firing case to plant"
    for scheme, rule_ids in unknown.items():
        book.guards[scheme] = _guard(regime, slices[scheme], rule_ids, usable)
    return book


def _guard(
    regime: Regime, slice_: Slice, rule_ids: list[str], usable: dict[str, list[UsableCase]]
) -> Guard:
    """The guard of a scheme's unknown rules: the scheme's whole slice, from their quiet
    cases. Every rule of the scheme then sees exactly what it saw in the case, judged_when
    included, so a clean quiet case keeps all of them quiet."""
    scheme = regime.catalogue.schemes[slice_.scheme]
    judged = _concepts(regime, slice_.rules[0], scheme.judged_when)
    concepts = slice_.school | slice_.line_concepts
    rules = {rule.id: rule for rule in slice_.rules}
    guardable = tuple(r for r in rule_ids if reads(regime, rules[r]) <= concepts)
    cases = tuple(case for rule_id in guardable for case in usable[rule_id] if not case.firing)
    others = tuple(r for r in rule_ids if r not in guardable)
    return Guard(slice_.scheme, guardable, concepts, frozenset(judged), cases, others)


def _slice(regime: Regime, taxonomy: Taxonomy, scheme: str) -> Slice:
    rules = tuple(r for r in regime.catalogue.plan_rules() if r.scheme == scheme)
    read = {rule.id: reads(regime, rule) for rule in rules}
    bound = set().union(set(), *(r for r in read.values() if CONTEXT in r))
    concepts = set().union(set(), *read.values()) - bound - {CONTEXT}
    levels = {c: taxonomy.concepts[c].level for c in concepts if c in taxonomy.concepts}
    params = set()
    for rule in rules:
        for condition in (rule.when, rule.judged_when):
            if condition is not None:
                params |= params_of(condition)
    return Slice(
        scheme,
        frozenset(c for c in concepts if levels.get(c) == "school"),
        frozenset(c for c in concepts if levels.get(c) == "line"),
        rules,
        frozenset(params),
    )


def reads(regime: Regime, rule: Rule) -> frozenset[str]:
    """The concepts a rule's condition and judged_when read (CONTEXT for a field that reads
    none, such as the place on the allowance list)."""
    return frozenset(_concepts(regime, rule, rule.when) | _concepts(regime, rule, rule.judged_when))


def _concepts(regime: Regime, rule: Rule, condition) -> set[str]:
    kind = regime.catalogue.kinds[rule.fact_kind]
    concepts: set[str] = set()
    for name in fields_of(condition) if condition is not None else ():
        if name in CONTEXT_FIELDS:
            concepts.add(CONTEXT)
        else:
            concepts |= set(kind.fields[name].cites) or plan_concepts(kind.plan)
    return concepts


@cache
def plan_concepts(plan: str) -> frozenset[str]:
    """Every concept of one scheme's plan in the (documented, pydantic) model
    (``SchoolYearPlans.<plan>``), its intervention lines' included."""
    model = SchoolYearPlans.model_fields[plan].annotation
    concepts = {spec.alias for spec in model.model_fields.values() if spec.alias}
    lines = model.model_fields.get("lines")
    if lines is not None:
        for line_model in get_args(lines.annotation):
            if isinstance(line_model, type) and issubclass(line_model, BaseModel):
                concepts |= {s.alias for s in line_model.model_fields.values() if s.alias}
    return frozenset(concepts)


def _usable_cases(regime: Regime, slice_: Slice, rule: Rule) -> tuple[list[UsableCase], str]:
    """The rule's cases the generator may plant or guard with, and why the others not."""
    read = reads(regime, rule)
    if CONTEXT in read or not read <= slice_.school | slice_.line_concepts:
        return [], "it reads the school's context (the allowance list), which its cases fix"
    usable, why = [], ""
    for case in rule.cases:
        problem = _not_usable(rule, case)
        if problem:
            why = why or f"case {case.id!r} {problem}"
            continue
        usable.append(_usable(regime, rule, case))
    return usable, why


def _not_usable(rule: Rule, case: RuleCase) -> str:
    spec = case.spec
    if spec.get("plant") is False:
        return "says plant: false"
    for key in _NOT_PLAIN:
        if spec.get(key):
            return f"sets {key}"
    for key, default in _DEFAULTS.items():
        if spec.get(key, default) != default:
            return f"sets {key}"
    fires = spec["fires"]
    if isinstance(fires, list):
        return "" if rule.about == "line" else "names lines for a finding on the plan"
    if int(fires) > 1:
        return "counts findings without naming their lines"
    if rule.about == "line" and fires and len(spec.get("lines") or []) != 1:
        return "expects a line finding without naming its line"
    return ""


def _usable(regime: Regime, rule: Rule, case: RuleCase) -> UsableCase:
    spec = case.spec
    year_spec = case_filing(case)["schools"][0]["years"][spec["school_year"]]
    fires = spec["fires"]
    if isinstance(fires, list):
        fires = tuple(fires)
    elif rule.about == "line" and fires:  # one line finding: the case's only line
        fires = (1,)
    else:
        fires = bool(fires)
    return UsableCase(
        rule.id,
        case.id,
        regime.calendar.year_of_label(spec["school_year"]),
        spec["school_type"],
        fires,
        dict(year_spec["facts"]),
        tuple(dict(line) for line in year_spec["lines"]),
        case,
    )


def _version(regime: Regime, year: SchoolYear) -> str | None:
    version = regime.menukaart(year)
    return version.name if version is not None else None


def _applies(regime: Regime, rule: Rule, school_type: str | None, year: SchoolYear) -> bool:
    return school_type is not None and regime.rule_applies(rule.id, school_type, year)


def _values(case: UsableCase) -> Iterable[object]:
    yield from case.facts.values()
    for line in case.lines:
        yield from line.values()


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _movable(value: object) -> bool:
    day = _as_date(value)
    return day is None or (day.month, day.day) != (2, 29)


def _moved(value: object, years: int) -> object:
    day = _as_date(value)
    if day is None or not years:
        return value
    moved = day.replace(year=day.year + years)
    return moved if isinstance(value, date) else moved.isoformat()
