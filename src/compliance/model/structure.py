"""Structural findings FIL-001 to FIL-006: which facts of a raw instance can be trusted.

Each check reports a finding and leaves the facts in error out of what the rules will see,
so that one bad fact does not hide the rest. Duplicates with equal values (after typing:
``1`` is ``true``, ``100.0`` is ``100``) collapse into one fact. The wording of every
finding lives in rules/structure/FIL-*.yaml; here a finding carries a reason key and values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from compliance.findings import CitedFact, Finding
from compliance.model.calendar import SchoolYear
from compliance.model.domain import Domain
from compliance.model.values import INVALID, TypedValue, parse_value
from compliance.read import RawContext, RawFact, RawInstance, RawUnit, Taxonomy

ISO4217 = "http://www.xbrl.org/2003/iso4217"
XBRLI = "http://www.xbrl.org/2003/instance"
SCHOOL_AXIS = "SchoolAxis"
LINE_AXIS = "InterventionAxis"
SCHOOL_TYPE = "SchoolType"

_EUR = ((ISO4217, "EUR"),)
_PURE = ((XBRLI, "pure"),)


@dataclass(frozen=True, slots=True)
class ContextInfo:
    """What a context means for the facts that use it, worked out once per context."""

    id: str
    level: str | None  # board, school or line; None when its members make no sense
    school: str | None  # BRIN when well formed
    school_label: str | None  # BRIN as written, for findings
    line: int | None
    year: SchoolYear | None  # the school year the period covers exactly
    problem: str | None  # FIL-002 reason key when the context cannot be used
    broken_identity: bool  # malformed BRIN or line number (FIL-005 already said so)
    period_key: tuple


@dataclass(slots=True)
class TypedFact:
    """A fact that passed every structural check."""

    concept: str
    context: ContextInfo
    value: TypedValue | None  # None when nil
    raw: RawFact

    def cite(self) -> CitedFact:
        return cite(self.raw)


@dataclass
class Structure:
    board: str | None
    facts: list[TypedFact]
    school_types: dict[str, str]
    findings: list[Finding] = field(default_factory=list)


def cite(raw: RawFact) -> CitedFact:
    return CitedFact(raw.concept, raw.context_ref, None if raw.nil else raw.text, raw.line)


def check_structure(
    instance: RawInstance, taxonomy: Taxonomy, domain: Domain, severities: Mapping[str, str]
) -> Structure:
    """Run FIL-001 to FIL-006; ``severities`` comes from the FIL rule files."""
    return _StructureCheck(instance, taxonomy, domain, severities).run()


class _StructureCheck:
    def __init__(
        self,
        instance: RawInstance,
        taxonomy: Taxonomy,
        domain: Domain,
        severities: Mapping[str, str],
    ) -> None:
        self.instance = instance
        self.taxonomy = taxonomy
        self.domain = domain
        self.severities = severities
        self.findings: list[Finding] = []
        self.contexts: dict[str, ContextInfo] = {}

    def run(self) -> Structure:
        board = self._check_board_identity()
        self._classify_contexts()
        for raw in self.instance.unknown:
            self._report("FIL-006", raw, self.contexts.get(raw.context_ref or ""))
        facts = self._typed_facts()
        facts = self._collapse_duplicates(facts)
        school_types = self._school_types(facts)
        facts = [f for f in facts if f.context.school is None or f.context.school in school_types]
        return Structure(board, facts, school_types, self.findings)

    # -- contexts ---------------------------------------------------------------------------

    def _check_board_identity(self) -> str | None:
        """FIL-005 for a malformed bestuursnummer, once per distinct value; the board's id is
        the identifier its contexts agree on."""
        seen: dict[tuple[str | None, str | None], RawContext] = {}
        for context in self.instance.contexts.values():
            seen.setdefault((context.scheme, context.identifier), context)
        valid: list[str] = []
        for (scheme, identifier), context in seen.items():
            if scheme == self.domain.board_scheme and self.domain.board_pattern.match(
                identifier or ""
            ):
                valid.append(identifier)
            else:
                self._report_identity("board_malformed", context, identifier or "", "identifier")
        if len(set(valid)) > 1:
            first = next(iter(self.instance.contexts.values()))
            self._report_identity(
                "board_conflict", first, ", ".join(sorted(set(valid))), "identifier"
            )
        return valid[0] if len(set(valid)) == 1 else None

    def _classify_contexts(self) -> None:
        """Classify every context; FIL-005 once per malformed BRIN or line number."""
        reported: set[tuple[str, str]] = set()
        for context in self.instance.contexts.values():
            info = self._classify(context)
            self.contexts[context.id] = info
            if not info.broken_identity:
                continue
            reason, axis, element = (
                ("school_malformed", SCHOOL_AXIS, "SchoolId")
                if info.school is None
                else ("line_malformed", LINE_AXIS, "InterventionLine")
            )
            value = context.members.get(axis, "")
            if (reason, value) not in reported:
                reported.add((reason, value))
                self._report_identity(reason, context, value, element, info.school_label, info.year)

    def _classify(self, context: RawContext) -> ContextInfo:
        members = context.members
        brin = members.get(SCHOOL_AXIS)
        line_text = members.get(LINE_AXIS)
        school = brin if brin is not None and self.domain.school_pattern.match(brin) else None
        line = None
        if line_text is not None and self.domain.line_pattern.match(line_text):
            line = int(line_text)
        broken = (brin is not None and school is None) or (line_text is not None and line is None)
        level = {
            (False, False): "board",
            (True, False): "school",
            (True, True): "line",
        }.get((brin is not None, line_text is not None))
        problem = context.problems[0] if context.problems else None
        if problem is None and level is None:
            problem = "line_without_school"
        return ContextInfo(
            id=context.id,
            level=level,
            school=school,
            school_label=brin,
            line=line,
            year=self.domain.calendar.year_of_period(context.start, context.end),
            problem=problem,
            broken_identity=broken,
            period_key=(context.start, context.end, context.instant),
        )

    # -- facts ------------------------------------------------------------------------------

    def _typed_facts(self) -> list[TypedFact]:
        concepts = self.taxonomy.concepts
        units = self.instance.units
        typed: list[TypedFact] = []
        for raw in self.instance.facts:
            concept = concepts[raw.concept]
            context = self.contexts.get(raw.context_ref or "")
            if context is None:
                self._report("FIL-002", raw, None, reason="context_undefined")
                continue
            if context.broken_identity:
                continue  # FIL-005 was reported once for the context
            problem = self._context_problem(context, concept.level)
            if problem:
                self._report("FIL-002", raw, context, reason=problem)
                continue
            unit = None
            if concept.numeric:
                unit = units.get(raw.unit_ref or "")
                if unit is None:
                    self._report("FIL-002", raw, context, reason="unit_undefined")
                    continue
            value = None
            if not raw.nil:
                value = INVALID if raw.has_elements else parse_value(concept.type, raw.text)
                if value is INVALID:
                    self._report("FIL-001", raw, context, type=concept.type)
                    continue
            if unit is not None and not self._unit_fits(raw, context, concept.type, unit, value):
                continue
            typed.append(TypedFact(raw.concept, context, value, raw))
        return typed

    def _context_problem(self, context: ContextInfo, level: str) -> str | None:
        if context.problem:
            return context.problem
        if context.level != level:
            return f"level_{level}"
        if level != "board" and context.year is None:
            return "not_school_year"
        return None

    def _unit_fits(
        self, raw: RawFact, context: ContextInfo, value_type: str, unit: RawUnit, value: object
    ) -> bool:
        if value_type == "monetary":
            if unit.measures != _EUR:
                self._report("FIL-004", raw, context, reason="not_eur", unit=raw.unit_ref or "")
                return False
            if value is not None and value < 0:
                self._report("FIL-004", raw, context, reason="negative")
                return False
        elif unit.measures != _PURE:
            self._report("FIL-004", raw, context, reason="not_pure", unit=raw.unit_ref or "")
            return False
        return True

    def _collapse_duplicates(self, facts: list[TypedFact]) -> list[TypedFact]:
        """Keep one fact per concept and equivalent context; FIL-003 when values differ."""
        groups: dict[tuple, list[TypedFact]] = defaultdict(list)
        for fact in facts:
            info = fact.context
            groups[(fact.concept, info.school, info.line, info.period_key)].append(fact)
        kept: list[TypedFact] = []
        for group in groups.values():
            if len(group) == 1 or all(f.value == group[0].value for f in group[1:]):
                kept.append(group[0])
            else:
                first = group[0]
                self.findings.append(
                    self._finding(
                        "FIL-003",
                        first.context,
                        tuple(f.cite() for f in group),
                        {
                            "concept": first.concept,
                            "values": " ≠ ".join(_lexical(f) for f in group),
                        },
                    )
                )
        return kept

    def _school_types(self, facts: list[TypedFact]) -> dict[str, str]:
        """The one known type of each school; FIL-005 when it is missing, unknown or varies."""
        schools: dict[str, list[TypedFact]] = {}
        for fact in facts:
            if fact.context.school is not None:
                schools.setdefault(fact.context.school, [])
                if fact.concept == SCHOOL_TYPE:
                    schools[fact.context.school].append(fact)
        types: dict[str, str] = {}
        for brin, declared in schools.items():
            values = {f.value for f in declared if f.value is not None}  # nil: not reported
            if len(values) == 1 and next(iter(values)) in self.domain.school_types:
                types[brin] = next(iter(values))
                continue
            reason = "type_conflict" if len(values) > 1 else "type_unknown"
            if not values:
                reason = "type_missing"
            self.findings.append(
                Finding(
                    rule="FIL-005",
                    severity=self.severities["FIL-005"],
                    school=brin,
                    facts=tuple(f.cite() for f in declared)
                    or (CitedFact(SCHOOL_TYPE, None, None, None),),
                    values={"reason": reason, "value": ", ".join(sorted(values))},
                )
            )
        return types

    # -- findings ---------------------------------------------------------------------------

    def _report(self, rule: str, raw: RawFact, context: ContextInfo | None, **values: str) -> None:
        """A finding about one fact, citing it, with its concept, context and value."""
        values.setdefault("concept", raw.concept)
        values.setdefault("context", raw.context_ref or "")
        values.setdefault("value", "" if raw.nil else raw.text)
        self.findings.append(self._finding(rule, context, (cite(raw),), values))

    def _report_identity(
        self,
        reason: str,
        context: RawContext,
        value: str,
        element: str,
        school: str | None = None,
        year: SchoolYear | None = None,
    ) -> None:
        """FIL-005 about an identifier written in a context (board, BRIN, line number)."""
        self.findings.append(
            Finding(
                rule="FIL-005",
                severity=self.severities["FIL-005"],
                school=school,
                school_year=year.label if year else None,
                facts=(CitedFact(element, context.id, value, context.line),),
                values={"reason": reason, "value": value, "context": context.id},
            )
        )

    def _finding(
        self,
        rule: str,
        info: ContextInfo | None,
        facts: tuple[CitedFact, ...],
        values: dict[str, str],
    ) -> Finding:
        return Finding(
            rule=rule,
            severity=self.severities[rule],
            school=info.school_label if info else None,
            school_year=info.year.label if info and info.year else None,
            line=info.line if info else None,
            facts=facts,
            values=values,
        )


def _lexical(fact: TypedFact) -> str:
    return "nil" if fact.raw.nil else fact.raw.text
