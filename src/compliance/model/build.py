"""Trusted facts → the Board model, grouped by school, school year and intervention line."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from compliance.model.filing import (
    Board,
    FactRef,
    InterventionLine,
    NpoPlan,
    OtherProfessionalsPlan,
    Plan,
    ProfessionalisationPlan,
    Reported,
    School,
    SchoolYearPlans,
    WorkloadPlan,
)
from compliance.model.structure import Structure, TypedFact
from compliance.read import Taxonomy

_PLANS: dict[str, type[Plan]] = {
    "workload": WorkloadPlan,
    "professionalisation": ProfessionalisationPlan,
    "npo": NpoPlan,
    "other_professionals": OtherProfessionalsPlan,
}
# concept → the plan (attribute of SchoolYearPlans) whose field it fills
_PLAN_OF_CONCEPT = {
    field.alias: plan
    for plan, model in _PLANS.items()
    for field in model.model_fields.values()
    if field.alias
}
_REPORTED_BY_TYPE = {
    "string": Reported[str],
    "boolean": Reported[bool],
    "date": Reported[date],
    "decimal": Reported[Decimal],
    "monetary": Reported[Decimal],
    "integer": Reported[int],
}


def build_board(structure: Structure, taxonomy: Taxonomy) -> Board:
    """Assemble the board; only facts that passed the structural checks are used."""
    reported = _Reporter(taxonomy)
    board_name = None
    by_school: dict[str, list[TypedFact]] = defaultdict(list)
    for fact in structure.facts:
        if fact.context.school is None:
            if fact.concept == "BoardName" and fact.value:
                board_name = fact.value
        else:
            by_school[fact.context.school].append(fact)
    schools = tuple(
        _build_school(brin, structure.school_types[brin], facts, reported)
        for brin, facts in sorted(by_school.items())
    )
    return Board(id=structure.board, name=board_name, schools=schools)


class _Reporter:
    """Wraps typed facts in Reported models; values were validated while parsing, so the
    models are constructed without validating them a second time."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.types = {name: concept.type for name, concept in taxonomy.concepts.items()}

    def __call__(self, fact: TypedFact) -> Reported:
        raw = fact.raw
        source = FactRef.model_construct(
            concept=fact.concept,
            context=raw.context_ref,
            lexical=None if raw.nil else raw.text,
            source_line=raw.line,
        )
        model = _REPORTED_BY_TYPE[self.types[fact.concept]]
        return model.model_construct(value=fact.value, source=source)


def _build_school(
    brin: str, school_type: str, facts: list[TypedFact], reported: _Reporter
) -> School:
    name = None
    pupils: dict[str, Reported] = {}
    by_year: dict[object, list[TypedFact]] = defaultdict(list)
    for fact in facts:
        if fact.concept == "SchoolName" and fact.value and name is None:
            name = fact.value
        elif fact.concept == "PupilCount":
            pupils[fact.context.year.label] = reported(fact)
        by_year[fact.context.year].append(fact)
    years = tuple(
        _build_year(year, year_facts, pupils.get(year.label), reported)
        for year, year_facts in sorted(by_year.items())
    )
    latest_pupils = next(
        (p.value for y in reversed(years) if (p := pupils.get(y.school_year)) is not None),
        None,
    )
    return School(brin=brin, type=school_type, name=name, pupil_count=latest_pupils, years=years)


def _build_year(
    year, facts: list[TypedFact], pupil_count: Reported | None, reported: _Reporter
) -> SchoolYearPlans:
    fields: dict[str, dict[str, Reported]] = {plan: {} for plan in _PLANS}
    lines: dict[int, dict[str, object]] = {}
    for fact in facts:
        if fact.context.line is not None:
            line = lines.setdefault(
                fact.context.line, {"number": fact.context.line, "context": fact.context.id}
            )
            line[fact.concept] = reported(fact)
        elif (plan := _PLAN_OF_CONCEPT.get(fact.concept)) is not None:
            fields[plan][fact.concept] = reported(fact)
    npo_lines = tuple(InterventionLine(**lines[number]) for number in sorted(lines))
    return SchoolYearPlans(
        school_year=year.label,
        first_day=year.first_day,
        last_day=year.last_day,
        pupil_count=pupil_count,
        workload=WorkloadPlan(**fields["workload"]),
        professionalisation=ProfessionalisationPlan(**fields["professionalisation"]),
        npo=NpoPlan(**fields["npo"], lines=npo_lines),
        other_professionals=OtherProfessionalsPlan(**fields["other_professionals"]),
    )
