"""Structural findings FIL-001 to FIL-006: which facts of a raw instance can be trusted.

Each check reports a finding and leaves the facts in error out of what the rules will see,
so that one bad fact does not hide the rest. FIL-002 is one finding per context (or per
undefined context or unit id) and reason, citing every fact it leaves out; the others are
one per fact (FIL-003 per group of duplicates, FIL-005 per identifier). Duplicates with
equal values (after typing: ``1`` is ``true``, ``100.0`` is ``100``) collapse into one
fact. The wording of every finding lives in rules/fil/FIL-*.yaml; here a finding carries a
reason key and values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import NamedTuple

from compliance.findings import CitedFact, Finding
from compliance.model.calendar import SchoolYear
from compliance.model.compiled import type_code, type_facts_for
from compliance.model.domain import Domain
from compliance.model.filing import Reported
from compliance.model.values import (
    INVALID,
    MAX_WHOLE_DIGITS,
    PARSERS,
    TOO_LONG,
    TypedValue,
    parse_positive_integer,
)
from compliance.read import RawContext, RawFact, RawInstance, RawUnit, Taxonomy, UnreadableFiling

ISO4217 = "http://www.xbrl.org/2003/iso4217"
XBRLI = "http://www.xbrl.org/2003/instance"
SCHOOL_AXIS = "SchoolAxis"
LINE_AXIS = "InterventionAxis"
SCHOOL_TYPE = "SchoolType"

_new = tuple.__new__  # a RawFact or a Reported from its fields, as the reader makes them
_EUR = ((ISO4217, "EUR"),)
_PURE = ((XBRLI, "pure"),)


# The level of a context from which of its two members are present (school, line).
_LEVELS = {(False, False): "board", (True, False): "school", (True, True): "line"}
_UNSEEN = object()  # a key not looked at yet, where None is a found answer


class ContextInfo(NamedTuple):
    """What a context means for the facts that use it, worked out once per context.

    A named tuple rather than a frozen dataclass: as immutable, and built several times
    faster (a frozen dataclass sets each of its fields through object.__setattr__)."""

    id: str
    level: str | None  # board, school or line; None when its members make no sense
    school: str | None  # BRIN when well formed
    school_label: str | None  # BRIN as written, for findings
    line: int | None
    year: SchoolYear | None  # the school year the period covers exactly
    problem: str | None  # FIL-002 reason key when the context cannot be used
    broken_identity: bool  # malformed BRIN or line number (FIL-005 already said so)
    period_key: tuple
    # concept level → FIL-002 reason key why a fact of that level cannot use this context,
    # None when it can: judged once per context, looked up once per fact
    refusal: Mapping[str, str | None]
    # contexts with equal numbers are equivalent (same school, line and period): two facts
    # of one concept in them are duplicates
    equivalence: int


_TYPE_FACTS = type_facts_for(ContextInfo._fields)
"""The typing loop in C for the facts that pass every check (``model.compiled``), or None."""

TrustedFact = tuple[str, ContextInfo, Reported]
"""A fact that passed every structural check: its concept, its context and its typed value
(None when nil) with the reader's fact as source, ready for the model. A plain tuple rather
than a class: there is one per fact, the hot loop of a batch."""


# The small records below are named tuples or plain classes rather than dataclasses: a
# dataclass costs 0.5 ms to define (a frozen one 1.1 ms), paid by every cold start.


class Structure(NamedTuple):
    board: str | None
    facts: list[TrustedFact]
    school_types: dict[str, str]
    findings: list[Finding]


class _Unusable:
    """The facts FIL-002 leaves out for one reason and one context (or one undefined context
    or unit id): reported as one finding citing them all, not one per fact."""

    __slots__ = ("context", "facts", "values")

    def __init__(self, context: ContextInfo | None, values: dict[str, str]) -> None:
        self.context = context
        self.values = values
        self.facts: list[RawFact] = []


class _ConceptCheck(NamedTuple):
    """What checking a fact of one concept needs, looked up once per fact."""

    level: str
    type: str
    numeric: bool
    monetary: bool
    parse: Callable[[str], TypedValue | object]


class _ConceptTable(NamedTuple):
    """The checks of every concept of one taxonomy, and the levels concepts can have;
    ``compiled`` the same checks as the C typing loop reads them (level, type code,
    monetary), when it is there."""

    taxonomy: Taxonomy
    checks: dict[str, _ConceptCheck]
    levels: frozenset[str]
    compiled: dict[str, tuple[str, int, bool]]


_last_table: _ConceptTable | None = None


def _concept_table(taxonomy: Taxonomy) -> _ConceptTable:
    """Built once per taxonomy rather than per filing: a process loads one taxonomy, so the
    last table built is kept (and rebuilt should another taxonomy come along)."""
    global _last_table
    table = _last_table
    if table is None or table.taxonomy is not taxonomy:
        checks = {
            name: _ConceptCheck(
                concept.level,
                concept.type,
                concept.numeric,
                concept.type == "monetary",
                PARSERS[concept.type],
            )
            for name, concept in taxonomy.concepts.items()
        }
        levels = frozenset(check.level for check in checks.values())
        compiled = {}
        if _TYPE_FACTS is not None:
            compiled = {
                name: (check.level, type_code(check.type), check.monetary)
                for name, check in checks.items()
            }
        table = _last_table = _ConceptTable(taxonomy, checks, levels, compiled)
    return table


class _Shape(NamedTuple):
    """What a context means apart from its id and school: everything ``_classify`` works
    out from which members it has, its line number as written, its first problem and its
    period. A pure function of those and of the domain and the taxonomy's concept levels,
    so worked out once per process rather than once per context (``_Shapes``)."""

    level: str | None
    line: int | None
    year: SchoolYear | None
    problem: str | None
    line_broken: bool  # a line number written but malformed
    period_key: tuple
    refusal: Mapping[str, str | None]


class _Shapes:
    """The shapes seen so far, for one domain and concept table. Filings share few: 1,000
    filings of the benchmark corpus have 90 (school years, line numbers, levels) in their
    49,117 contexts; so a context costs one lookup. Hostile filings cannot make it hold
    much: it keeps at most ``KEPT`` shapes (then starts afresh), and only those written in
    at most ``LONGEST`` characters (a period and a line number take some 25)."""

    KEPT = 4_096
    LONGEST = 200

    def __init__(self, domain: Domain, concepts: _ConceptTable) -> None:
        self.domain = domain
        self.concepts = concepts
        self.entries: dict[tuple, _Shape] = {}

    def get(self, key: tuple) -> _Shape:
        shape = self.entries.get(key)
        if shape is None:
            shape = self._shape(*key)
            if sum(len(part) for part in key[1:] if part is not None) <= self.LONGEST:
                if len(self.entries) >= self.KEPT:
                    self.entries.clear()
                self.entries[key] = shape
        return shape

    def _shape(
        self,
        has_school: bool,
        line_text: str | None,
        problem: str | None,
        start: str | None,
        end: str | None,
        instant: str | None,
    ) -> _Shape:
        line = None if line_text is None else _line_number(self.domain, line_text)
        if not isinstance(line, int):
            line = None
        level = _LEVELS.get((has_school, line_text is not None))
        if problem is None and level is None:
            problem = "line_without_school"
        year = self.domain.calendar.year_of_period(start, end)
        refusal = {
            wanted: _context_problem(problem, level, year is not None, wanted)
            for wanted in self.concepts.levels
        }
        line_broken = line_text is not None and line is None
        return _Shape(level, line, year, problem, line_broken, (start, end, instant), refusal)


_last_shapes: _Shapes | None = None


def _shapes_for(domain: Domain, concepts: _ConceptTable) -> _Shapes:
    """One per process, as the concept table (and made afresh for another domain)."""
    global _last_shapes
    shapes = _last_shapes
    if shapes is None or shapes.domain is not domain or shapes.concepts is not concepts:
        shapes = _last_shapes = _Shapes(domain, concepts)
    return shapes


def _line_number(domain: Domain, text: str) -> int | object:
    """A line number as rules/domain.yaml spells it (any lexical form of a positive integer:
    ``1``, ``01``, ``+1``), as a number; INVALID or TOO_LONG otherwise."""
    if not domain.line_pattern.match(text):
        return INVALID
    return parse_positive_integer(text)


def cite(raw: RawFact) -> CitedFact:
    return CitedFact(raw.concept, raw.context_ref, None if raw.nil else raw.text, raw.line)


def check_structure(
    instance: RawInstance, taxonomy: Taxonomy, domain: Domain, severities: Mapping[str, str]
) -> Structure:
    """Run FIL-001 to FIL-006; ``severities`` comes from the FIL rule files.

    Raises UnreadableFiling for an instance without a single fact of the taxonomy: there is
    nothing to judge, and "compliant" would tell someone who sent the wrong file that all is
    well (docs/decisions.md)."""
    if not instance.facts:
        raise _nothing_to_judge(instance)
    return _StructureCheck(instance, taxonomy, domain, severities).run()


def _nothing_to_judge(instance: RawInstance) -> UnreadableFiling:
    if instance.unknown:
        first = instance.unknown[0]
        return UnreadableFiling("only_unknown_facts", first.line, concept=first.concept)
    return UnreadableFiling("no_facts")


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
        self.concepts = _concept_table(taxonomy)
        self.domain = domain
        self.severities = severities
        self.findings: list[Finding] = []
        self.contexts: dict[str, ContextInfo] = {}
        # What contexts mean apart from their school, shared by every filing: safe, as a
        # shape and its school year and refusal are immutable, or never written once made.
        self._shapes = _shapes_for(domain, self.concepts)
        # BRIN as written → the school it names, None when malformed: once per filing
        self._schools: dict[str | None, str | None] = {}
        # (school, line, period) → its number, so that duplicates are found on a small key
        self._equivalences: dict[tuple, int] = {}
        # (reason, context or unit id) → the facts FIL-002 leaves out for it, in the order
        # the first of each came
        self._unusable: dict[tuple[str, str], _Unusable] = {}
        # (unit id, value type) → what the unit means for a fact of that type
        self._verdicts: dict[tuple[str | None, str], _UnitVerdict | None] = {}

    def run(self) -> Structure:
        board = self._check_board_identity()
        self._classify_contexts()
        for raw in self.instance.unknown:
            self._report("FIL-006", raw, self.contexts.get(raw.context_ref or ""))
        facts = self._typed_facts()
        self._report_unusable()
        facts = self._collapse_duplicates(facts)
        school_types, untyped = self._school_types(_declared_types(facts))
        if untyped:  # FIL-005 said why; their facts go unused
            facts = [fact for fact in facts if fact[1].school not in untyped]
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
            if reason == "line_malformed" and _line_number(self.domain, value) is TOO_LONG:
                reason = "line_too_long"
            if (reason, value) not in reported:
                reported.add((reason, value))
                self._report_identity(reason, context, value, element, info.school_label, info.year)

    def _classify(self, context: RawContext) -> ContextInfo:
        members = context.members
        brin = members.get(SCHOOL_AXIS)
        problems = context.problems
        shape = self._shapes.get(
            (
                brin is not None,
                members.get(LINE_AXIS),
                problems[0] if problems else None,
                context.start,
                context.end,
                context.instant,
            )
        )
        level, line, year, problem, line_broken, period_key, refusal = shape
        school = self._school(brin)
        broken = line_broken or (brin is not None and school is None)
        equivalence = self._equivalences.setdefault(
            (school, line, period_key), len(self._equivalences)
        )
        # made as the tuple it is: a named tuple's __new__ is a Python call (51 a filing)
        return _new(ContextInfo, (
            context.id, level, school, brin, line, year, problem, broken, period_key, refusal,
            equivalence,
        ))  # fmt: skip

    def _school(self, brin: str | None) -> str | None:
        """The school a BRIN as written names, None when it is malformed or absent; worked
        out once per filing (a corpus filing's 54 contexts name 7 BRINs)."""
        school = self._schools.get(brin, _UNSEEN)
        if school is _UNSEEN:
            school = brin if brin is not None and self.domain.school_pattern.match(brin) else None
            self._schools[brin] = school
        return school

    # -- facts ------------------------------------------------------------------------------

    def _typed_facts(self) -> list[TrustedFact]:
        """Type and check every fact (FIL-001, FIL-002, FIL-004), the hot loop of a batch
        (some 300 facts a filing). The reader hands over each fact as the fields of its
        RawFact, a plain tuple; a trusted fact's value and fields become one Reported, and
        the RawFact itself is made only for a fact a finding cites (_report, _refuse).

        With the C typing loop (``model.compiled``), the facts that pass every check are
        typed there and the others come back, in their places, for ``_typed_fact``: what a
        fact means is decided there alone, and the findings come in the facts' order."""
        facts = self.instance.facts
        if _TYPE_FACTS is None or not isinstance(facts, list):
            return [typed for typed in map(self._typed_fact, facts) if typed is not None]
        eur, pure = _units_measured(self.instance.units)
        typed, pending = _TYPE_FACTS(
            facts, self.concepts.compiled, self.contexts, eur, pure, Reported, Decimal,
            MAX_WHOLE_DIGITS,
        )  # fmt: skip
        if not pending:
            return typed
        for place, fields in pending:
            typed[place] = self._typed_fact(fields)
        return [fact for fact in typed if fact is not None]

    def _typed_fact(self, fields: tuple) -> TrustedFact | None:
        """One fact typed and checked, or None when a check leaves it out (and says why,
        but for a context whose identity is malformed: FIL-005 said so once)."""
        concept, context_ref, unit_ref, _, nil, text, _, has_elements = fields
        check = self.concepts.checks[concept]
        context = self.contexts.get(context_ref or "")
        if context is None:
            self._context_undefined(fields)
            return None
        if context.broken_identity:
            return None
        problem = context.refusal[check.level]
        if problem:
            self._refuse(fields, context, problem)
            return None
        verdict = None
        if check.numeric or unit_ref is not None:
            verdict = self._unit_verdict(unit_ref, check)
            if verdict is not None and verdict.before_value:  # FIL-002
                self._refuse(fields, context, verdict.reason, verdict.key, **verdict.values)
                return None
        value = None
        if not nil:
            value = INVALID if has_elements else check.parse(text)
            if value is INVALID or value is TOO_LONG:
                self._report("FIL-001", fields, context, type=_fil001_type(check.type, value))
                return None
            if check.monetary and value < 0 and verdict is None:
                self._report("FIL-004", fields, context, reason="negative")
                return None
        if verdict is not None:  # a unit that does not fit the type
            self._report("FIL-004", fields, context, reason=verdict.reason, **verdict.values)
            return None
        return (concept, context, _new(Reported, (value, *fields)))  # Reported(value, fields)

    def _unit_verdict(self, unit_ref: str | None, check: _ConceptCheck) -> _UnitVerdict | None:
        """What the unit means for a fact of the concept's type (``_unit_verdict``), worked
        out once per unit and type: a filing has two units for hundreds of facts."""
        key = (unit_ref, check.type)
        verdict = self._verdicts.get(key, _UNJUDGED)
        if verdict is _UNJUDGED:
            verdict = self._verdicts[key] = _unit_verdict(unit_ref, check, self.instance.units)
        return verdict

    def _context_undefined(self, fields: tuple) -> None:
        context_ref = fields[1]
        if context_ref is None:
            self._refuse(fields, None, "context_missing", key="")
        else:
            self._refuse(fields, None, "context_undefined", key=context_ref)

    def _refuse(
        self,
        fields: tuple,
        context: ContextInfo | None,
        reason: str,
        key: str | None = None,
        **values: str,
    ) -> None:
        """Leave a fact out for FIL-002: grouped by reason and by the context it uses, or by
        ``key`` (the undefined context or unit id). ``fields``: a RawFact or its fields as a
        plain tuple, as for ``_report``."""
        raw = _new(RawFact, fields)
        group_key = (reason, context.id if key is None else key)
        group = self._unusable.get(group_key)
        if group is None:
            values = {"reason": reason, "context": raw.context_ref or "", **values}
            if reason == "not_school_year":
                values.update(self._period_words(raw.context_ref or ""))
            group = self._unusable[group_key] = _Unusable(context, values)
        elif group.context is not None and group.context is not context:
            group.context = _common_place(group.context, context)
        group.facts.append(raw)

    def _period_words(self, context_id: str) -> dict[str, str]:
        """The period a context has, for the FIL-002 message: which reason words fit it and
        the dates as written."""
        raw = self.instance.contexts[context_id]
        if raw.start and raw.end:
            return {"start": raw.start, "end": raw.end}
        if raw.instant:
            return {"reason": "period_instant", "instant": raw.instant}
        return {"reason": "period_missing"}

    def _report_unusable(self) -> None:
        """One FIL-002 per group, citing every fact in it, naming their concepts."""
        for group in self._unusable.values():
            concepts = ", ".join(dict.fromkeys(raw.concept for raw in group.facts))
            values = {**group.values, "concepts": concepts}
            facts = tuple(cite(raw) for raw in group.facts)
            self.findings.append(self._finding("FIL-002", group.context, facts, values))

    def _collapse_duplicates(self, facts: list[TrustedFact]) -> list[TrustedFact]:
        """Keep one fact per concept and equivalent context; FIL-003 when values differ."""
        firsts: dict[tuple[str, int], TrustedFact] = {}
        later: dict[tuple[str, int], list[TrustedFact]] = {}
        for fact in facts:
            key = (fact[0], fact[1].equivalence)
            first = firsts.setdefault(key, fact)
            if first is not fact:
                later.setdefault(key, []).append(fact)
        if not later:
            return facts  # the usual case: every fact is the first of its kind
        kept: list[TrustedFact] = []
        for key, first in firsts.items():  # in the order the first of each kind came
            others = later.get(key)
            if others is None or all(f[2].value == first[2].value for f in others):
                kept.append(first)
            else:
                group = [first, *others]
                self.findings.append(
                    self._finding(
                        "FIL-003",
                        first[1],
                        tuple(cite(f[2].source) for f in group),
                        {
                            "concept": first[0],
                            "values": " ≠ ".join(_shown(_lexical(f)) for f in group),
                        },
                    )
                )
        return kept

    def _school_types(
        self, declared: dict[str, list[TrustedFact]]
    ) -> tuple[dict[str, str], set[str]]:
        """The one known type of each school (``declared``: each school with a fact, and its
        SchoolType facts), and the schools without one: FIL-005 when it is missing, unknown
        or varies."""
        types: dict[str, str] = {}
        untyped: set[str] = set()
        for brin, facts in declared.items():
            values = {f[2].value for f in facts if f[2].value is not None}  # nil: not reported
            if len(values) == 1 and next(iter(values)) in self.domain.school_types:
                types[brin] = next(iter(values))
                continue
            untyped.add(brin)
            reason = "type_conflict" if len(values) > 1 else "type_unknown"
            if not values:
                reason = "type_missing"
            self.findings.append(
                Finding(
                    rule="FIL-005",
                    severity=self.severities["FIL-005"],
                    school=brin,
                    facts=tuple(cite(f[2].source) for f in facts)
                    or (CitedFact(SCHOOL_TYPE, None, None, None),),
                    values={"reason": reason, "value": _shown(", ".join(sorted(values)))},
                )
            )
        return types, untyped

    # -- findings ---------------------------------------------------------------------------

    def _report(self, rule: str, fields: tuple, context: ContextInfo | None, **values: str) -> None:
        """A finding about one fact, citing it, with its concept, context and value.
        ``fields``: a RawFact or its fields as a plain tuple (the typing loop makes the
        record only for a fact a finding cites)."""
        raw = _new(RawFact, fields)
        values.setdefault("concept", raw.concept)
        values.setdefault("context", raw.context_ref or "")
        values.setdefault("value", "" if raw.nil else _shown(raw.text))
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
                values={"reason": reason, "value": _shown(value), "context": context.id},
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


def _declared_types(facts: list[TrustedFact]) -> dict[str, list[TrustedFact]]:
    """Each school with a fact, in the order its first fact comes, and its SchoolType facts."""
    schools: dict[str, list[TrustedFact]] = {}
    for fact in facts:
        school = fact[1].school
        if school is not None:
            declared = schools.setdefault(school, [])
            if fact[0] == SCHOOL_TYPE:
                declared.append(fact)
    return schools


class _UnitVerdict(NamedTuple):
    """Why a fact cannot use its unit: FIL-002 (``before_value``: no unit, an undefined one,
    or one on a fact that is not numeric) or FIL-004 (the wrong measure for its type)."""

    before_value: bool
    reason: str
    key: str | None = None  # the FIL-002 group: the undefined unit id
    values: Mapping[str, str] = {}


_UNJUDGED = _UnitVerdict(False, "")  # not yet worked out (a verdict is None when it fits)


def _units_measured(units: Mapping[str, RawUnit]) -> tuple[frozenset[str], frozenset[str]]:
    """The ids of the units in EUR and of the pure ones: the units that fit an amount and
    another number (``_unit_verdict``), as the C typing loop asks."""
    eur = frozenset(unit_id for unit_id, unit in units.items() if unit.measures == _EUR)
    pure = frozenset(unit_id for unit_id, unit in units.items() if unit.measures == _PURE)
    return eur, pure


def _unit_verdict(
    unit_ref: str | None, check: _ConceptCheck, units: Mapping[str, RawUnit]
) -> _UnitVerdict | None:
    """What a fact's unit means for its concept's type; None when it fits."""
    if not check.numeric:
        if unit_ref is None:
            return None
        return _UnitVerdict(True, "unit_not_numeric", values={"unit": unit_ref})
    if unit_ref is None:
        return _UnitVerdict(True, "unit_missing")
    unit = units.get(unit_ref)
    if unit is None:
        return _UnitVerdict(True, "unit_undefined", unit_ref, {"unit": unit_ref})
    wanted, reason = (_EUR, "not_eur") if check.monetary else (_PURE, "not_pure")
    return (
        None if unit.measures == wanted else _UnitVerdict(False, reason, None, {"unit": unit_ref})
    )


def _common_place(first: ContextInfo, other: ContextInfo | None) -> ContextInfo | None:
    """Where a finding about facts in two contexts (an undefined unit used in several) applies:
    the school and school year they share, the line too when they share it; None otherwise."""
    if other is None or (first.school_label, first.year) != (other.school_label, other.year):
        return None
    return first if first.line == other.line else first._replace(line=None)


def _fil001_type(value_type: str, value: object) -> str:
    """The FIL-001 ``type`` term: the value type, or ``too_long`` for a number that is one
    but has more digits before the point than the reader computes with (values.py)."""
    return "too_long" if value is TOO_LONG else value_type


# A value longer than this is shortened in a message (its head, "…", its tail); the fact the
# finding cites keeps it whole. A 5,000-digit number or a pasted document then still gives a
# message one can read on a line.
_SHOWN_HEAD, _SHOWN_TAIL = 40, 10


def _shown(text: str) -> str:
    if len(text) <= _SHOWN_HEAD + _SHOWN_TAIL + 1:
        return text
    return f"{text[:_SHOWN_HEAD]}…{text[-_SHOWN_TAIL:]}"


def _lexical(fact: TrustedFact) -> str:
    raw = fact[2].source
    return "nil" if raw.nil else raw.text


def _context_problem(
    problem: str | None, level: str | None, has_year: bool, wanted: str
) -> str | None:
    """Why a fact of level ``wanted`` cannot use a context (FIL-002 reason key), or None."""
    if problem:
        return problem
    if level != wanted:
        return f"level_{wanted}"
    if wanted != "board" and not has_year:
        return "not_school_year"
    return None
