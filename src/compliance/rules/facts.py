"""From a plan to the one flat fact the engine sees, and back to the facts a finding cites.

Everything a rule needs that is not a plain comparison is computed here, once, in Python:
"not true" folded into a boolean, sums and the external share, day differences between
dates, menukaart membership for the plan's version, and eligibility. The engine then gets
one fact per plan (or per intervention line) holding only booleans and numbers, never null
(a value that is not there is left out), so none of its sharp edges can cut.

A field's ``shown`` value is what a message prints (the reported answer, an amount, a date),
and its ``cites`` are the concepts a finding on it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Literal, NamedTuple

from compliance.findings import CitedFact, Localized
from compliance.model.filing import (
    InterventionLine,
    NpoPlan,
    Plan,
    Reported,
    School,
    SchoolYearPlans,
    WorkloadPlan,
    amount,
    is_true,
)
from compliance.read.taxonomy import Concept, load_taxonomy
from compliance.rules.reference import Menukaart, MenukaartVersion
from compliance.rules.scale import NO_MARKS, Scale, for_values

EngineType = Literal["bool", "number"]
Unit = Literal["answer", "amount", "ratio", "days", "count", "hours", "date", "text"]


class Subject(NamedTuple):
    """What one engine fact is about: one school's plan in one school year, or one line.

    A named tuple rather than a frozen dataclass: one is made per plan and per line (about
    65 per filing), and a frozen dataclass's ``__init__`` costs four times as much."""

    school: School
    year: SchoolYearPlans
    plan: Plan
    menukaart: MenukaartVersion | None
    allowance_list: frozenset[tuple[str, str]]
    line: InterventionLine | None = None


class FieldSpec(NamedTuple):
    name: str
    type: EngineType | None  # None: shown in messages, never given to the engine
    unit: Unit
    describe: Localized
    value: Callable[[Subject], object]
    shown: Callable[[Subject], object] | None = None
    cites: tuple[str, ...] = ()
    cites_every_line: bool = False  # cite the concepts on every line of the plan
    # A plain field: the attribute of the plan (of the line with ``on_line``) whose Reported
    # it reads; ``value`` says the same, but a book's filler reads it without the calls.
    reads: str | None = None
    on_line: bool = False
    # A field derived with its siblings in one pass over the plan: ``together[0](subject)``
    # holds the values of all of them, this one's under the key ``together[1]``.
    together: tuple[Callable[[Subject], Mapping[str, object]], str] | None = None

    def shown_value(self, subject: Subject) -> object:
        return (self.shown or self.value)(subject)


PLAN_FACT = "plan"
"""The engine kind of the one fact per school and school year that carries every scheme's
plan fields, each prefixed with its scheme (``wdm_funds_received``, ``npo_funds_received``).
One fact instead of one per scheme halves what durable-rules handles per filing, and its
cost is per fact."""


class FactKind:
    """What a rule is about: the plan of a scheme, or an intervention line.

    A plain class, not a frozen dataclass: defining that cost 0.6 ms of every start. It is
    not changed once made."""

    def __init__(
        self,
        name: str,
        scheme: str,
        about: Literal["plan", "line"],
        plan: str,  # attribute of SchoolYearPlans
        fields: Mapping[str, FieldSpec],
    ) -> None:
        self.name = name
        self.scheme = scheme
        self.about = about
        self.plan = plan
        self.fields = fields
        specs = fields.values()
        self.engine_fields = tuple(spec for spec in specs if spec.type is not None)
        self.display_amounts = tuple(
            spec for spec in specs if spec.type is None and spec.unit == "amount"
        )
        merged = about == "plan"
        self.engine_kind = PLAN_FACT if merged else name  # the engine fact its fields go into
        self.prefix = f"{scheme}_" if merged else ""  # before its field names in that fact

    def engine_name(self, field_name: str) -> str:
        """The field's name in the engine fact."""
        return self.prefix + field_name

    def field_types(self) -> dict[str, EngineType]:
        return {spec.name: spec.type for spec in self.engine_fields}

    def filler(self, scales: Mapping[str, Scale]) -> Fill:
        """What puts a subject's fields into its engine fact, for a book with ``scales``:
        under their engine names, booleans as they are, numbers as their rank on the book's
        scale (never the number itself, see ``rules.scale``); absent values are left out,
        never null. It returns the exact values of the numeric fields, by field name.

        It is one generated function per kind and book (``_FillerSource``), straight-line
        code with the names, scales and the way each field is read worked out once: a plain
        field reads its Reported from the plan or line as an attribute, a number on a
        one-mark scale is ranked by two comparisons. It runs for every plan and line of a
        batch; a loop over field descriptions cost 0.26 ms a filing, this 0.20 (600
        filings, the same subjects, one process)."""
        source = _FillerSource()
        for spec in self.engine_fields:
            source.add(spec, self.prefix + spec.name, scales.get(self.prefix + spec.name))
        return source.compile()

    def cite(self, subject: Subject, names: list[str]) -> tuple[CitedFact, ...]:
        """The reported facts behind ``names``; a concept not reported is cited without
        context, value or line, so a finding can say what was missing."""
        cited: dict[tuple, CitedFact] = {}
        for name in names:
            spec = self.fields[name]
            for concept in spec.cites:
                for fact in _citations(subject, concept, spec.cites_every_line):
                    cited.setdefault((fact.concept, fact.context), fact)
        return tuple(cited.values())


Fill = Callable[[Subject, dict[str, object]], dict[str, object]]
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")  # field, attribute and engine names in the code


class _FillerSource:
    """The source of one filler (``FactKind.filler``), field by field. Only names matching
    ``_NAME`` are written into the code; functions, scale marks and group keys are passed
    in by name (``f3``, ``m3``), so nothing from a rule file or filing is executed."""

    def __init__(self) -> None:
        self.lines = [
            "def fill(subject, fact):",
            " plan, line, exact = subject.plan, subject.line, {}",
        ]
        self.names: dict[str, object] = {}
        self._groups: dict[Callable, str] = {}

    def add(self, spec: FieldSpec, name: str, scale: Scale | None) -> None:
        i = len(self.names)
        rank = self._rank(i, for_values(scale or NO_MARKS, spec.unit == "ratio"))
        put = [f" fact[{_checked(name)!r}] = {rank}", f" exact[{_checked(spec.name)!r}] = v"]
        if spec.together is not None:  # a number, computed with its group
            compute, key = spec.together
            group = self._group(compute)
            self.names[f"k{i}"] = key
            self.lines += [f" v = {group}[k{i}]", *put]
        elif spec.reads is None:
            self.names[f"f{i}"] = spec.value
            self.lines += [
                f" v = f{i}(subject)",
                " if v.__class__ is bool:",
                f"  fact[{name!r}] = v",
                " elif v is not None:",
                *(" " + line for line in put),
            ]
        else:
            holder = "line" if spec.on_line else "plan"
            self.lines.append(f" r = {holder}.{_checked(spec.reads)}")
            if spec.type == "bool":
                self.lines.append(f" fact[{name!r}] = r is not None and r.value is True")
            else:
                self.lines += [
                    " v = None if r is None else r.value",
                    " if v is not None:",
                    *(" " + line for line in put),
                ]

    def _rank(self, i: int, scale: Scale) -> str:
        """The expression of ``v``'s rank: 0 without marks, two comparisons on one mark
        (below, on, above: 0, 1, 2, as ``Scale.rank``), else ``Scale.rank``."""
        if not scale.marks:
            self.names[f"m{i}"] = None  # unused: every name is numbered by the count so far
            return "0"
        if len(scale.marks) == 1:
            self.names[f"m{i}"] = scale.marks[0]
            return f"(0 if v < m{i} else 1 if v == m{i} else 2)"
        self.names[f"m{i}"] = scale.rank
        return f"m{i}(v)"

    def _group(self, compute: Callable) -> str:
        """The variable holding the group's values, computed once per subject."""
        if compute not in self._groups:
            variable = self._groups[compute] = f"g{len(self._groups)}"
            self.names[f"compute_{variable}"] = compute
            self.lines.append(f" {variable} = compute_{variable}(subject)")
        return self._groups[compute]

    def compile(self) -> Fill:
        namespace = {"__builtins__": {"bool": bool}, **self.names}
        exec("\n".join([*self.lines, " return exact"]), namespace)  # checked parts only
        return namespace["fill"]


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a field name: {name!r}")
    return name


def _citations(subject: Subject, concept: str, every_line: bool) -> list[CitedFact]:
    if every_line:
        found = [_reported_in(line, concept) for line in subject.plan.lines]
        return [_cited(concept, reported) for reported in found if reported is not None]
    holder = (
        subject.line if subject.line is not None and _has(subject.line, concept) else subject.plan
    )
    return [_cited(concept, _reported_in(holder, concept))]


def _has(model: Plan, concept: str) -> bool:
    return concept in _alias_map(type(model))


def _reported_in(model: Plan, concept: str) -> Reported | None:
    return getattr(model, _alias_map(type(model))[concept])


_ALIASES: dict[type, dict[str, str]] = {}


def _alias_map(model: type[Plan]) -> dict[str, str]:
    """Concept → the field that holds it, for a light plan class or its pydantic twin (both
    name their fields' concepts in ``CONCEPTS``)."""
    aliases = _ALIASES.get(model)
    if aliases is None:
        aliases = {concept: name for name, concept in model.CONCEPTS.items()}
        _ALIASES[model] = aliases
    return aliases


def _cited(concept: str, reported: Reported | None) -> CitedFact:
    if reported is None:
        return CitedFact(concept, None, None, None)
    source = reported.source
    return CitedFact(concept, source.context, source.lexical, source.source_line)


# -- field constructors ---------------------------------------------------------------------


_UNITS: dict[str, Unit] = {
    "boolean": "answer",
    "monetary": "amount",
    "decimal": "count",
    "integer": "count",
    "date": "date",
    "string": "text",
}


def plain_fields(plan: str, on_line: bool = False) -> list[FieldSpec]:
    """The taxonomy's concepts of ``plan`` as fields, one each, named by their bp:field and
    described by their documentation: a reported concept is declared once, in the schema.
    Yes/no answers reach the engine as "reported true", numbers as numbers (ranked per
    book), dates and text are only shown; everything else a rule needs is derived below."""
    return [
        _plain_field(concept, on_line)
        for concept in load_taxonomy().concepts.values()
        if concept.plan == plan
    ]


def _plain_field(concept: Concept, on_line: bool) -> FieldSpec:
    attribute = concept.field

    def reported(subject: Subject) -> Reported | None:
        return getattr(subject.line if on_line else subject.plan, attribute)

    describe = Localized(concept.label("nl"), concept.label("en"))
    unit = concept.unit or _UNITS[concept.type]
    cites = (concept.name,)
    if concept.type == "boolean":
        engine_type, value = "bool", (lambda s: is_true(reported(s)))
    elif concept.numeric:
        engine_type, value = "number", (lambda s: amount(reported(s)))
    elif concept.type == "date":
        engine_type, value = None, (lambda s: _date(reported(s)))
    else:
        engine_type, value = None, reported
    reads = attribute if engine_type is not None else None
    return FieldSpec(
        attribute,
        engine_type,
        unit,
        describe,
        value,
        shown=reported,
        cites=cites,
        reads=reads,
        on_line=on_line,
    )


def _date(reported: Reported | None) -> date | None:
    return None if reported is None else reported.value


def _days_between(later: date | None, earlier: date | None) -> int | None:
    if later is None or earlier is None:
        return None
    return (later - earlier).days


def _reported_besides_funds(plan: Plan, also_left_out: tuple[str, ...] = ()) -> int:
    """How many of the plan's school-level facts are reported (not nil), funds left out:
    what the funds rules (WDM-007, PRB-003, NPO-011) count. Read from the model's fields,
    so a concept added to a plan counts without being named here."""
    count = 0
    for value in _counted(type(plan), also_left_out)(plan):
        if value is not None and value.value is not None:
            count += 1
    return count


@cache
def _counted(plan_class: type[Plan], also_left_out: tuple[str, ...]) -> Callable[[Plan], tuple]:
    """The plan's reported fields that ``_reported_besides_funds`` counts, read at once (in
    C): worked out per class (light or pydantic alike), rather than each field's name looked
    up and tested for every plan, some 20 a filing."""
    left_out = {"funds_received", *also_left_out}
    names = [name for name in plan_class.CONCEPTS if name not in left_out]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        return lambda plan: (getattr(plan, names[0]),)
    return attrgetter(*names) if names else (lambda plan: ())


def _facts_besides_funds(nl: str, en: str, count: Callable[[Subject], int]) -> FieldSpec:
    """What the funds rules count. It cites nothing itself: their findings name the missing
    funds fact, and listing every other concept of the scheme (mostly not reported) would
    bury it."""
    return FieldSpec("facts_besides_funds", "number", "count", Localized(nl, en), value=count)


def _line_reported(line: InterventionLine) -> bool:
    """A line is there when at least one of its facts is reported (nil is not reported), as
    ``_reported_besides_funds(line) > 0`` says, but it stops at the first: mostly the first
    field, where counting read all of them (36 lines a filing)."""
    for name in type(line).CONCEPTS:
        value = getattr(line, name)
        if value is not None and value.value is not None and name != "funds_received":
            return True
    return False


def _days_after_school_year(name: str, attribute: str, concept: str, nl: str, en: str) -> FieldSpec:
    """Days from the school year's last day (31 July) to a reported date; > 0 is later."""
    return FieldSpec(
        name,
        "number",
        "days",
        Localized(nl, en),
        value=lambda s: _days_between(_date(getattr(s.plan, attribute)), s.year.last_day),
        cites=(concept,),
    )


# -- the kinds ------------------------------------------------------------------------------


def _workload_fields() -> list[FieldSpec]:
    def plan(subject: Subject) -> WorkloadPlan:
        return subject.plan

    consent_date = "WorkloadStaffCouncilConsentDate"
    consultation_date = "WorkloadTeamConsultationDate"
    spending = tuple(WorkloadPlan.concept_of(name) for name in WorkloadPlan.SPENDING_FIELDS)
    return [
        *plain_fields("workload"),
        FieldSpec(
            "consent_days_after_consultation",
            "number",
            "days",
            Localized(
                "dagen tussen gesprek met het team en instemming P-MR (negatief: instemming eerst)",
                "days from team consultation to staff-council consent (negative: consent first)",
            ),
            value=lambda s: _days_between(
                _date(plan(s).staff_council_consent_date), _date(plan(s).team_consultation_date)
            ),
            cites=(consultation_date, consent_date),
        ),
        _days_after_school_year(
            "consent_days_after_school_year",
            "staff_council_consent_date",
            consent_date,
            "dagen na het einde van het schooljaar waarop de P-MR instemde",
            "days after the end of the school year on which the staff council consented",
        ),
        _facts_besides_funds(
            "aantal andere gemelde gegevens over de werkdrukmiddelen (naast de ontvangen middelen)",
            "number of other workload facts reported (besides the funds received)",
            lambda s: _reported_besides_funds(s.plan),
        ),
        FieldSpec(
            "spending_categories_reported",
            "number",
            "count",
            Localized(
                "aantal gemelde bestedingscategorieën (van vier)",
                "number of spending categories reported (of four)",
            ),
            value=lambda s: sum(
                amount(getattr(plan(s), name)) is not None for name in WorkloadPlan.SPENDING_FIELDS
            ),
            cites=spending,
        ),
        FieldSpec(
            "spending_total",
            None,
            "amount",
            Localized("totaal besteed", "total spent"),
            value=lambda s: plan(s).spending_total,
            cites=spending,
        ),
        FieldSpec(
            "spending_deviation",
            "number",
            "ratio",
            Localized("|besteed − ontvangen| ÷ ontvangen", "|spent − received| ÷ received"),
            value=lambda s: plan(s).spending_deviation,
            cites=("WorkloadFundsReceived", *spending),
        ),
    ]


def _professionalisation_fields() -> list[FieldSpec]:
    return [
        *plain_fields("professionalisation"),
        _facts_besides_funds(
            "aantal andere gemelde gegevens over de professionaliseringsmiddelen",
            "number of other professionalisation facts reported (besides the funds received)",
            lambda s: _reported_besides_funds(s.plan),
        ),
    ]


def _npo_plan_fields(menukaart: Menukaart) -> list[FieldSpec]:
    def plan(subject: Subject) -> NpoPlan:
        return subject.plan

    lines_spending = ("NpoInterventionSpending", "NpoInterventionExternalSpending")
    npo_not_counted = ("funds_received", "labour_market_allowance_paid")
    fields = [
        *plain_fields("npo"),
        _days_after_school_year(
            "council_consent_days_after_school_year",
            "council_consent_date",
            "NpoCouncilConsentDate",
            "dagen na het einde van het schooljaar waarop de MR instemde",
            "days after the end of the school year on which the council consented",
        ),
        _facts_besides_funds(
            "aantal andere gemelde NPO-gegevens en interventieregels (naast de ontvangen "
            "middelen en de arbeidsmarkttoelage)",
            "number of other NPO facts and intervention lines reported (besides the funds "
            "received and the labour-market allowance)",
            lambda s: (
                _reported_besides_funds(s.plan, npo_not_counted[1:])
                + sum(_line_reported(line) for line in s.plan.lines)
            ),
        ),
        FieldSpec(
            "external_share",
            "number",
            "ratio",
            Localized(
                "externe uitgaven ÷ uitgaven over de interventieregels (niet bepaald bij 0)",
                "external spending ÷ spending over the intervention lines (none when 0)",
            ),
            value=lambda s: plan(s).external_share,
            cites=lines_spending,
            cites_every_line=True,
        ),
        _lines_total(
            "spending_total",
            "NpoInterventionSpending",
            "uitgaven over de interventieregels",
            "spending over the lines",
        ),
        _lines_total(
            "external_total",
            "NpoInterventionExternalSpending",
            "externe uitgaven over de interventieregels",
            "external spending",
        ),
        FieldSpec(
            "on_allowance_list",
            "bool",
            "answer",
            Localized(
                "school staat dit schooljaar op de lijst voor de arbeidsmarkttoelage",
                "school is on the labour-market allowance list for the school year",
            ),
            value=lambda s: (s.year.school_year, s.school.brin) in s.allowance_list,
        ),
        FieldSpec(
            "menukaart_version",
            None,
            "text",
            Localized("menukaartversie van het schooljaar", "menukaart version of the year"),
            value=lambda s: s.menukaart.name if s.menukaart else None,
        ),
    ]
    counts = _doelgebied_counter(tuple(menukaart.doelgebieden))
    for letter, names in menukaart.doelgebieden.items():
        fields.append(_lines_in_doelgebied(letter, names, counts))
    return fields


def _lines_total(attribute: str, concept: str, nl: str, en: str) -> FieldSpec:
    """A sum over the plan's intervention lines, shown in messages, citing every line."""
    return FieldSpec(
        attribute,
        None,
        "amount",
        Localized(nl, en),
        value=lambda s: getattr(s.plan, attribute),
        cites=(concept,),
        cites_every_line=True,
    )


def _doelgebied_counter(letters: tuple[str, ...]) -> Callable[[Subject], dict[str, int]]:
    """Per doelgebied letter, how many of the plan's lines have a code of the year's
    menukaart in it: one pass over the lines for every letter (six passes cost 0.13 ms per
    filing, one 0.03)."""

    def counts(subject: Subject) -> dict[str, int]:
        found = dict.fromkeys(letters, 0)
        version = subject.menukaart
        if version is not None:
            doelgebied_of = version.doelgebied_of
            for line in subject.plan.lines:
                letter = doelgebied_of.get(line.normalized_code or "")
                if letter in found:
                    found[letter] += 1
        return found

    return counts


def _lines_in_doelgebied(
    letter: str, names: Localized, counts: Callable[[Subject], dict[str, int]]
) -> FieldSpec:
    return FieldSpec(
        f"menukaart_lines_{letter.lower()}",
        "number",
        "count",
        Localized(
            f"aantal regels met een code van de menukaart in doelgebied {letter} ({names.nl})",
            f"lines with a menukaart code in doelgebied {letter} ({names.en})",
        ),
        value=lambda s: counts(s)[letter],
        cites=("NpoInterventionCode",),
        cites_every_line=True,
        together=(counts, letter),
    )


def _npo_line_fields(menukaart: Menukaart) -> list[FieldSpec]:
    def code(subject: Subject) -> str | None:
        return subject.line.normalized_code

    return [
        *plain_fields("line", on_line=True),
        FieldSpec(
            "funds_received",
            "number",
            "amount",
            Localized("ontvangen NPO-middelen van het plan", "NPO funds received by the plan"),
            value=lambda s: amount(s.plan.funds_received),
            shown=lambda s: s.plan.funds_received,
            cites=("NpoFundsReceived",),
            reads="funds_received",  # the plan's, read by the filler without the calls
        ),
        FieldSpec(
            "intervention",
            None,
            "text",
            Localized("naam van de interventie", "name of the intervention"),
            value=lambda s: (
                menukaart.ineffective.get(code(s) or "")
                or (s.menukaart.names.get(code(s) or "") if s.menukaart else None)
            ),
        ),
        FieldSpec(
            "code_on_menukaart",
            "bool",
            "answer",
            Localized(
                "code staat op de menukaartversie van het schooljaar",
                "code is on the menukaart version of the school year",
            ),
            value=lambda s: s.menukaart is not None and code(s) in s.menukaart.doelgebied_of,
            cites=("NpoInterventionCode",),
        ),
        FieldSpec(
            "code_ineffective",
            "bool",
            "answer",
            Localized("code is bewezen niet-effectief", "code is proven ineffective"),
            value=lambda s: code(s) in menukaart.ineffective,
            cites=("NpoInterventionCode",),
        ),
        FieldSpec(
            "menukaart_version",
            None,
            "text",
            Localized("menukaartversie van het schooljaar", "menukaart version of the year"),
            value=lambda s: s.menukaart.name if s.menukaart else None,
        ),
    ]


def _other_professionals_fields() -> list[FieldSpec]:
    return plain_fields("other_professionals")


def fact_kinds(menukaart: Menukaart) -> dict[str, FactKind]:
    """Every kind of fact a rule can be about, keyed ``<scheme>_<about>``."""
    kinds = [
        FactKind("wdm_plan", "wdm", "plan", "workload", _by_name(_workload_fields())),
        FactKind(
            "prb_plan",
            "prb",
            "plan",
            "professionalisation",
            _by_name(_professionalisation_fields()),
        ),
        FactKind("npo_plan", "npo", "plan", "npo", _by_name(_npo_plan_fields(menukaart))),
        FactKind("npo_line", "npo", "line", "npo", _by_name(_npo_line_fields(menukaart))),
        FactKind(
            "adw_plan",
            "adw",
            "plan",
            "other_professionals",
            _by_name(_other_professionals_fields()),
        ),
    ]
    return {kind.name: kind for kind in kinds}


def _by_name(fields: list[FieldSpec]) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in fields}


# Values every message may use, whatever the kind.
STANDARD_PLACEHOLDERS: dict[str, Callable[[Subject], object]] = {
    "school": lambda s: s.school.brin,
    "school_name": lambda s: s.school.name or s.school.brin,
    "school_year": lambda s: s.year.school_year,
    "school_year_last_day": lambda s: s.year.last_day,
    "line": lambda s: s.line.number if s.line else None,
}
