"""Step 3 and 4 joined: a board's plans judged by the rules in force, on the engine.

For every school and school year the rule book in force is chosen (school type, first day
of the school year), the plans are turned into engine facts, the engine runs once for the
filing, and every match becomes a Finding that names its rule, place and the facts behind
it. For the batch summary it can also say, per plan, which rules judged it and which fired.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.engine import Engine, Match
from compliance.engine.python_engine import Predicate, compile_pattern
from compliance.findings import Finding, Measured
from compliance.model.filing import Board, School, SchoolYearPlans
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, CompiledRule, Library
from compliance.rules.catalogue import Catalogue
from compliance.rules.facts import PLAN_FACT, STANDARD_PLACEHOLDERS, FactKind, Subject
from compliance.rules.scale import Exact


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """How one plan (or intervention line) fared: what the monitoring summary counts."""

    school: str
    school_type: str
    school_year: str
    kind: str  # wdm_plan, npo_plan, npo_line, ...
    judged: tuple[str, ...]  # rules in force whose judged_when holds for it
    fired: tuple[str, ...]  # rules that gave a finding on it
    figures: dict[str, Exact]  # its numeric fields, exact (amounts, shares, counts)


@dataclass(frozen=True, slots=True)
class _Judged:
    kind: FactKind
    subject: Subject
    book: Book
    fact: dict
    exact: dict[str, Exact]  # the numbers behind the ranks in ``fact``, by field name


def _compiled(parts: dict[str, _Judged], rule_id: str) -> CompiledRule:
    """The compiled rule that fired on an engine fact made of ``parts``."""
    return next(iter(parts.values())).book.rule(rule_id)


def _figures(item: _Judged) -> dict[str, Exact]:
    """The plan's numbers for the summary, exact, under its own field names: those behind
    the engine's ranks, and the amounts that are only shown (the workload categories)."""
    figures = dict(item.exact)
    for spec in item.kind.display_amounts:
        value = spec.value(item.subject)
        if value is not None:
            figures[spec.name] = value
    return figures


@dataclass
class Judgement:
    """What the engine found on one board: ``judged[ref]`` holds, per fact kind, what engine
    fact ``ref`` was made of (one plan fact per school and school year carries every
    scheme's plan; a line fact one intervention line)."""

    judged: list[dict[str, _Judged]]
    matches: list[Match]


class PlanJudge:
    """Judges boards with one catalogue and engine; rule books compile on first use."""

    def __init__(self, catalogue: Catalogue, engine: Engine) -> None:
        self.catalogue = catalogue
        self.engine = engine
        self.library = Library(catalogue)
        self._judged_when: dict[str, dict[str, list[tuple[str, Predicate | None]]]] = {}

    def judge(self, board: Board, allowance_list: frozenset[tuple[str, str]]) -> Judgement:
        """Prepare the engine facts of every plan and run the engine once for the filing."""
        judged: list[dict[str, _Judged]] = []
        work: dict[str, tuple[Book, list[dict]]] = {}
        for school in board.schools:
            for year in school.years:
                book = self.library.book_for(school.type, year.first_day)
                if book.rules:
                    facts = work.setdefault(book.name, (book, []))[1]
                    self._prepare(school, year, book, facts, judged, allowance_list)
        return Judgement(judged, self.engine.run(list(work.values())))

    def findings(self, judgement: Judgement) -> list[Finding]:
        return [self._finding(judgement.judged, match) for match in judgement.matches]

    def _prepare(
        self,
        school: School,
        year: SchoolYearPlans,
        book: Book,
        facts: list[dict],
        judged: list[dict[str, _Judged]],
        allowance_list: frozenset[tuple[str, str]],
    ) -> None:
        menukaart = self.catalogue.menukaart.version_on(year.first_day)
        plan_fact: dict | None = None
        for kind_name in book.kinds:
            kind = self.catalogue.kinds[kind_name]
            for subject in kind.subjects(school, year, menukaart, allowance_list):
                if kind.engine_kind == PLAN_FACT and plan_fact is not None:
                    fact = plan_fact
                else:
                    fact = {KIND_FIELD: kind.engine_kind, REF_FIELD: len(judged)}
                    judged.append({})
                    facts.append(fact)
                    if kind.engine_kind == PLAN_FACT:
                        plan_fact = fact
                exact = kind.add_engine_values(subject, fact, book.scales)
                judged[fact[REF_FIELD]][kind_name] = _Judged(kind, subject, book, fact, exact)

    def outcomes(self, judgement: Judgement) -> list[PlanOutcome]:
        """Per plan (or line): the rules whose judged_when holds for it, and those that
        fired; what the monitoring summary counts."""
        judged = judgement.judged
        fired: dict[tuple[int, str], list[str]] = {}
        for match in judgement.matches:
            kind = _compiled(judged[match.ref], match.rule).kind
            fired.setdefault((match.ref, kind), []).append(match.rule)
        outcomes = []
        for ref, parts in enumerate(judged):
            for kind_name, item in parts.items():
                guards = self._guards(item.book).get(kind_name, ())
                fact = item.fact
                outcomes.append(
                    PlanOutcome(
                        school=item.subject.school.brin,
                        school_type=item.subject.school.type,
                        school_year=item.subject.year.school_year,
                        kind=kind_name,
                        judged=tuple(r for r, guard in guards if guard is None or guard(fact)),
                        fired=tuple(sorted(fired.get((ref, kind_name), ()))),
                        figures=_figures(item),
                    )
                )
        return outcomes

    def _guards(self, book: Book) -> dict[str, list[tuple[str, Predicate | None]]]:
        """Per fact kind, each rule's compiled judged_when as a predicate, once per book."""
        guards = self._judged_when.get(book.name)
        if guards is None:
            guards = {}
            for rule in book.rules:
                guard = compile_pattern(rule.guard) if rule.guard is not None else None
                guards.setdefault(rule.kind, []).append((rule.id, guard))
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
