"""One filing, end to end: read → model → rules → engine → findings.

A Checker is built once per process (it compiles rule books lazily and keeps the engine),
then judges any number of filings. Every input gives exactly one FilingResult.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from compliance.engine import Engine, Match, make_engine
from compliance.engine.python_engine import Predicate, compile_pattern
from compliance.findings import BLOCKING, Finding, Measured
from compliance.model.build import build_board
from compliance.model.filing import Board
from compliance.model.structure import check_structure
from compliance.read import ReadLimits, UnreadableFiling, load_taxonomy, read_instance
from compliance.read.safety import read_bytes
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, CompiledRule, Library
from compliance.rules.catalogue import Catalogue
from compliance.rules.facts import PLAN_FACT, STANDARD_PLACEHOLDERS, FactKind, Subject

REPORT_VERSION = "1"


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """How one plan (or intervention line) fared: what the monitoring summary counts."""

    school: str
    school_type: str
    school_year: str
    kind: str  # wdm_plan, npo_plan, npo_line, ...
    judged: tuple[str, ...]  # rules in force whose judged_when holds for it
    fired: tuple[str, ...]  # rules that gave a finding on it
    figures: dict[str, float]  # its numeric fields (amounts, shares, counts)


@dataclass
class FilingResult:
    file: str
    sha256: str
    status: str  # compliant | findings | unreadable | error
    board: str | None = None
    error: UnreadableFiling | str | None = None
    findings: list[Finding] = field(default_factory=list)
    model: Board | None = None  # for the text report and the batch summary; not serialised
    plans: list[PlanOutcome] = field(default_factory=list)  # with record_plans only

    @property
    def blocking(self) -> bool:
        """True when the filing has an error or violation (exit status 1)."""
        return any(finding.severity in BLOCKING for finding in self.findings)

    def error_text(self, lang: str = "en") -> str | None:
        if isinstance(self.error, UnreadableFiling):
            return self.error.describe(lang)
        return self.error


@dataclass(frozen=True, slots=True)
class _Judged:
    kind: FactKind
    subject: Subject
    book: Book
    fact: dict


def _compiled(parts: dict[str, _Judged], rule_id: str) -> CompiledRule:
    """The compiled rule that fired on an engine fact made of ``parts``."""
    return next(iter(parts.values())).book.rule(rule_id)


def _figures(item: _Judged) -> dict[str, float]:
    """The plan's numbers for the summary, under its own field names: what the engine was
    given, and the amounts that are only shown (the four workload spending categories)."""
    kind, fact = item.kind, item.fact
    figures = {}
    for spec in kind.engine_fields:
        value = fact.get(kind.engine_name(spec.name))
        if value is not None and not isinstance(value, bool):
            figures[spec.name] = float(value)
    for spec in kind.display_amounts:
        value = spec.value(item.subject)
        if value is not None:
            figures[spec.name] = float(value)
    return figures


class Checker:
    def __init__(
        self,
        catalogue: Catalogue,
        engine: Engine | None = None,
        limits: ReadLimits | None = None,
        record_plans: bool = False,
    ) -> None:
        """``record_plans`` keeps a PlanOutcome per judged plan, for the batch summary."""
        self.catalogue = catalogue
        self.record_plans = record_plans
        self._judged_when: dict[str, dict[str, list[tuple[str, Predicate | None]]]] = {}
        self.engine = engine or make_engine()
        self.limits = limits or ReadLimits()
        self.library = Library(catalogue)
        self.taxonomy = load_taxonomy()
        self.severities = catalogue.severities()
        self.allowance_list = catalogue.allowance_list

    def check_file(self, path: Path, name: str | None = None) -> FilingResult:
        """Judge the file at ``path``; ``name`` is how the result refers to it."""
        name = name if name is not None else str(path)
        try:
            data = read_bytes(path, self.limits)
        except UnreadableFiling as error:
            return FilingResult(name, "", "unreadable", error=error)
        return self.check_bytes(data, name)

    def check_bytes(self, data: bytes, name: str) -> FilingResult:
        digest = hashlib.sha256(data).hexdigest()
        try:
            instance = read_instance(data, self.taxonomy, self.limits)
        except UnreadableFiling as error:
            return FilingResult(name, digest, "unreadable", error=error)
        structure = check_structure(instance, self.taxonomy, self.catalogue.domain, self.severities)
        board = build_board(structure)
        judged, matches = self._run_rules(board)
        findings = structure.findings + [self._finding(judged, match) for match in matches]
        findings.sort(key=Finding.sort_key)
        status = "findings" if findings else "compliant"
        plans = self._outcomes(judged, matches) if self.record_plans else []
        return FilingResult(name, digest, status, structure.board, None, findings, board, plans)

    def judge(self, board: Board) -> list[Finding]:
        """Run every rule in force on every plan of the board."""
        judged, matches = self._run_rules(board)
        return [self._finding(judged, match) for match in matches]

    def _run_rules(self, board: Board) -> tuple[list[dict[str, _Judged]], list[Match]]:
        """Prepare the engine facts of every plan and run the engine once for the filing.

        ``judged[ref]`` holds, per fact kind, what the engine fact ``ref`` was made of: one
        plan fact per school and school year carries every scheme's plan, a line fact one
        intervention line."""
        judged: list[dict[str, _Judged]] = []
        work: dict[str, tuple[Book, list[dict]]] = {}
        for school in board.schools:
            for year in school.years:
                book = self.library.book_for(school.type, year.first_day)
                if book.rules:
                    facts = work.setdefault(book.name, (book, []))[1]
                    self._prepare(school, year, book, facts, judged)
        return judged, self.engine.run(list(work.values()))

    def _prepare(self, school, year, book: Book, facts: list[dict], judged: list) -> None:
        menukaart = self.catalogue.menukaart.version_on(year.first_day)
        plan_fact: dict | None = None
        for kind_name in book.kinds:
            kind = self.catalogue.kinds[kind_name]
            for subject in kind.subjects(school, year, menukaart, self.allowance_list):
                if kind.engine_kind == PLAN_FACT and plan_fact is not None:
                    fact = plan_fact
                else:
                    fact = {KIND_FIELD: kind.engine_kind, REF_FIELD: len(judged)}
                    judged.append({})
                    facts.append(fact)
                    if kind.engine_kind == PLAN_FACT:
                        plan_fact = fact
                kind.add_engine_values(subject, fact)
                judged[fact[REF_FIELD]][kind_name] = _Judged(kind, subject, book, fact)

    def _outcomes(
        self, judged: list[dict[str, _Judged]], matches: list[Match]
    ) -> list[PlanOutcome]:
        fired: dict[tuple[int, str], list[str]] = {}
        for match in matches:
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
            values=self._placeholder_values(rule.placeholders, judged),
        )

    def _placeholder_values(self, names: set[str], judged: _Judged) -> dict[str, object]:
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
