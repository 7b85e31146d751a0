"""Step 3 and 4 joined: a board's plans judged by the rules in force, on the engine.

For every school and school year the rule book in force is chosen (school type, first day
of the school year), the plans are turned into engine facts, the engine runs once for the
filing, and every match becomes a Finding that names its rule, place and the facts behind
it. For the batch summary it can also say, per plan, which rules judged it and which fired.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from compliance.engine import Engine, Match
from compliance.engine.python_engine import compile_mask
from compliance.engine.remembered import Remembered
from compliance.findings import Finding, Measured
from compliance.model.filing import Board, School, SchoolYearPlans
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, CompiledRule, Library
from compliance.rules.catalogue import Catalogue
from compliance.rules.facts import (
    PLAN_FACT,
    STANDARD_PLACEHOLDERS,
    FactKind,
    FieldSpec,
    Fill,
    Subject,
)
from compliance.rules.scale import Exact


class PlanOutcome(NamedTuple):
    """How one plan (or intervention line) fared: what the monitoring summary counts.

    Named tuples (this and ``_Judged``), not frozen dataclasses: one of each is made per
    plan and per line, about 65 per filing, at a quarter of the cost."""

    school: str
    school_type: str
    school_year: str
    kind: str  # wdm_plan, npo_plan, npo_line, ...
    judged: tuple[str, ...]  # rules in force whose judged_when holds for it
    fired: tuple[str, ...]  # rules that gave a finding on it
    figures: dict[str, Exact]  # its numeric fields, exact (amounts, shares, counts)


class _Judged(NamedTuple):
    kind: FactKind
    subject: Subject
    book: Book
    fact: dict
    exact: dict[str, Exact]  # the numbers behind the ranks in ``fact``, by field name


# A Subject or _Judged made as the tuple it is, all its fields given: a named tuple's own
# __new__ is a Python call, and one of each is made per plan and line (some 80 a filing).
_new = tuple.__new__


class _Step(NamedTuple):
    """One fact kind of a book, as its plans are prepared: ``fill`` is the kind's filler
    for the book; ``merged`` kinds go into the one plan fact, the others are per line."""

    name: str
    kind: FactKind
    fill: Fill
    merged: bool


class _Guards:
    """The rules of one book on one fact kind, and which of them judge a fact (their
    judged_when holds): one generated function tells it for all of them at once, as the
    bits of an int (``compile_mask``), and each set of bits is turned into rule ids once."""

    def __init__(self, rules: list[CompiledRule]) -> None:
        self.rules = tuple(rule.id for rule in rules)
        self.mask = compile_mask([rule.guard for rule in rules])
        self._judged: dict[int, tuple[str, ...]] = {}

    def judged(self, fact: dict) -> tuple[str, ...]:
        """The rules whose judged_when holds on ``fact``, in the book's order."""
        mask = self.mask(fact)
        found = self._judged.get(mask)
        if found is None:
            found = tuple(rule for i, rule in enumerate(self.rules) if mask >> i & 1)
            self._judged[mask] = found
        return found


def _compiled(parts: dict[str, _Judged], rule_id: str) -> CompiledRule:
    """The compiled rule that fired on an engine fact made of ``parts``."""
    return next(iter(parts.values())).book.rule(rule_id)


def _figures(item: _Judged, shown: tuple[FieldSpec, ...]) -> dict[str, Exact]:
    """The plan's numbers for the summary, exact, under their own field names: those behind
    the engine's ranks, and of the amounts that are only shown (the workload categories,
    the totals) those in ``shown``."""
    if not shown:
        return item.exact  # made for this plan alone, and never changed
    figures = dict(item.exact)
    for spec in shown:
        value = spec.value(item.subject)
        if value is not None:
            figures[spec.name] = value
    return figures


class Judgement(NamedTuple):
    """What the engine found on one board: ``judged[ref]`` holds, per fact kind, what engine
    fact ``ref`` was made of (one plan fact per school and school year carries every
    scheme's plan; a line fact one intervention line)."""

    judged: list[dict[str, _Judged]]
    matches: list[Match]
    plans: list[int]  # the refs of the plan facts (every other fact is a line's)


class PlanJudge:
    """Judges boards with one catalogue and engine; rule books compile on first use."""

    def __init__(self, catalogue: Catalogue, engine: Engine) -> None:
        self.catalogue = catalogue
        # what runs the engine: in front of it the verdicts kept, where that pays
        self.engine = Remembered(engine) if engine.remembered else engine
        self.library = Library(catalogue)
        self._steps: dict[str, tuple[_Step, ...]] = {}
        self._judged_when: dict[str, dict[str, _Guards]] = {}

    def judge(self, board: Board, allowance_list: frozenset[tuple[str, str]]) -> Judgement:
        """Prepare the engine facts of every plan and run the engine once for the filing."""
        judgement = Judgement([], [], [])
        work: dict[str, tuple[Book, list[dict]]] = {}
        for school in board.schools:
            for year in school.years:
                book = self.library.book_for(school.type, year.first_day)
                if book.rules:
                    facts = work.setdefault(book.name, (book, []))[1]
                    self._prepare(school, year, book, facts, judgement, allowance_list)
        return judgement._replace(matches=self.engine.run(list(work.values())))

    def findings(self, judgement: Judgement) -> list[Finding]:
        return [self._finding(judgement.judged, match) for match in judgement.matches]

    def _prepare(
        self,
        school: School,
        year: SchoolYearPlans,
        book: Book,
        facts: list[dict],
        judgement: Judgement,
        allowance_list: frozenset[tuple[str, str]],
    ) -> None:
        """The school year's engine facts for ``book``: one plan fact for every scheme's
        plan, and one fact per intervention line."""
        judged = judgement.judged
        menukaart = self.catalogue.menukaart.version_on(year.first_day)
        plan_fact: dict | None = None
        for name, kind, fill, merged in self._steps_of(book):
            plan = getattr(year, kind.plan)
            if merged:
                if plan_fact is None:
                    plan_fact = {KIND_FIELD: PLAN_FACT, REF_FIELD: len(judged)}
                    judgement.plans.append(len(judged))
                    judged.append({})
                    facts.append(plan_fact)
                subject = _new(Subject, (school, year, plan, menukaart, allowance_list, None))
                exact = fill(subject, plan_fact)
                judged[plan_fact[REF_FIELD]][name] = _new(
                    _Judged, (kind, subject, book, plan_fact, exact)
                )
                continue
            for line in plan.lines:
                subject = _new(Subject, (school, year, plan, menukaart, allowance_list, line))
                fact = {KIND_FIELD: kind.engine_kind, REF_FIELD: len(judged)}
                exact = fill(subject, fact)
                judged.append({name: _new(_Judged, (kind, subject, book, fact, exact))})
                facts.append(fact)

    def _steps_of(self, book: Book) -> tuple[_Step, ...]:
        """The book's fact kinds with their fillers, worked out once per book."""
        steps = self._steps.get(book.name)
        if steps is None:
            kinds = self.catalogue.kinds
            steps = tuple(
                _Step(
                    name, kinds[name], kinds[name].filler(book.scales), kinds[name].about == "plan"
                )
                for name in book.kinds
            )
            self._steps[book.name] = steps
        return steps

    def outcomes(
        self, judgement: Judgement, wanted: Mapping[str, Collection[str]] | None = None
    ) -> list[PlanOutcome]:
        """Per plan (or line): the rules whose judged_when holds for it, and those that
        fired; what the monitoring summary counts.

        With ``wanted`` (fact kind → the names of the figures the caller reads) only the
        plans of those kinds, and of the amounts that are only shown, only those named: the
        summary counts in two of five kinds (9,000 of the 39,000 plans and lines of 600
        corpus filings) and reads none of the shown totals, and leaving the rest out cut
        this from 0.15 to 0.05 ms per filing."""
        judged = judgement.judged
        fired: dict[int, dict[str, list[str]]] = {}  # by ref, then by fact kind
        for match in judgement.matches:
            kind = _compiled(judged[match.ref], match.rule).kind
            fired.setdefault(match.ref, {}).setdefault(kind, []).append(match.rule)
        shown = self._shown(wanted)
        # Without a line's kind among those told of, the line facts (four in five) are
        # passed over unseen: 0.02 ms per filing.
        lines = any(self.catalogue.kinds[name].about != "plan" for name in shown)
        outcomes = []
        for ref in range(len(judged)) if lines else judgement.plans:
            parts = judged[ref]
            fired_here = fired.get(ref)
            for kind_name, item in parts.items():
                if kind_name not in shown:
                    continue
                school, year = item.subject.school, item.subject.year
                rules = fired_here.get(kind_name) if fired_here else None
                outcomes.append(
                    PlanOutcome(
                        school.brin,
                        school.type,
                        year.school_year,
                        kind_name,
                        self._guards(item.book)[kind_name].judged(item.fact),
                        tuple(sorted(rules)) if rules else (),
                        _figures(item, shown[kind_name]),
                    )
                )
        return outcomes

    def _shown(self, wanted: Mapping[str, Collection[str]] | None) -> dict[str, tuple]:
        """Per fact kind told of, its shown amounts that go into the figures."""
        kinds = self.catalogue.kinds
        if wanted is None:
            return {name: kind.display_amounts for name, kind in kinds.items()}
        return {
            name: tuple(spec for spec in kinds[name].display_amounts if spec.name in names)
            for name, names in wanted.items()
        }

    def _guards(self, book: Book) -> dict[str, _Guards]:
        """Per fact kind of the book, its rules and their judged_when, compiled once."""
        guards = self._judged_when.get(book.name)
        if guards is None:
            by_kind: dict[str, list[CompiledRule]] = {}
            for rule in book.rules:
                by_kind.setdefault(rule.kind, []).append(rule)
            guards = {kind: _Guards(rules) for kind, rules in by_kind.items()}
            self._judged_when[book.name] = guards
        return guards

    def _finding(self, judged_facts: list[dict[str, _Judged]], match: Match) -> Finding:
        parts = judged_facts[match.ref]
        compiled = _compiled(parts, match.rule)
        judged = parts[compiled.kind]
        rule = compiled.rule
        subject = judged.subject
        return Finding(
            rule=rule.id,
            severity=compiled.severity,
            school=subject.school.brin,
            school_year=subject.year.school_year,
            line=subject.line.number if subject.line is not None else None,
            facts=judged.kind.cite(subject, rule.cited_fields),
            values=self._placeholder_values(rule.placeholder_order, judged),
        )

    def _placeholder_values(self, names: tuple[str, ...], judged: _Judged) -> dict[str, object]:
        values: dict[str, object] = {}
        fields = judged.kind.fields
        parameters = self.catalogue.parameters
        for name in names:
            if name in fields:
                spec = fields[name]
                values[name] = Measured(spec.shown_value(judged.subject), spec.unit)
            elif name in parameters:
                parameter = parameters[name]
                value = parameter.values.at(judged.subject.year.first_day)
                values[name] = Measured(value, parameter.unit)
            else:
                values[name] = STANDARD_PLACEHOLDERS[name](judged.subject)
        return values
