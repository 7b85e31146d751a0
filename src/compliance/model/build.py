"""Trusted facts → the Board model, grouped by school, school year and intervention line."""

from __future__ import annotations

from collections import defaultdict

from compliance.model.filing import (
    Board,
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
def build_board(structure: Structure) -> Board:
    """Assemble the board; only facts that passed the structural checks are used."""
    board_name = None
    by_school: dict[str, list[TypedFact]] = defaultdict(list)
    for fact in structure.facts:
        if fact.context.school is None:
            if fact.concept == "BoardName" and fact.value:
                board_name = fact.value
        else:
            by_school[fact.context.school].append(fact)
    schools = tuple(
        _build_school(brin, structure.school_types[brin], facts)
        for brin, facts in sorted(by_school.items())
    )
    return Board(id=structure.board, name=board_name, schools=schools)


def _reported(fact: TypedFact) -> Reported:
    return Reported(fact.value, fact.raw)


def _build_school(brin: str, school_type: str, facts: list[TypedFact]) -> School:
    name = None
    pupils: dict[str, Reported] = {}
    by_year: dict[str, list[TypedFact]] = defaultdict(list)
    years_by_label = {}
    for fact in facts:
        if fact.concept == "SchoolName" and fact.value and name is None:
            name = fact.value
        elif fact.concept == "PupilCount":
            pupils[fact.context.year.label] = _reported(fact)
        label = fact.context.year.label
        by_year[label].append(fact)
        years_by_label[label] = fact.context.year
    years = tuple(
        _build_year(years_by_label[label], year_facts, pupils.get(label))
        for label, year_facts in sorted(by_year.items())
    )
    latest_pupils = next(
        (p.value for y in reversed(years) if (p := pupils.get(y.school_year)) is not None),
        None,
    )
    return School(brin=brin, type=school_type, name=name, pupil_count=latest_pupils, years=years)


def _build_year(year, facts: list[TypedFact], pupil_count: Reported | None) -> SchoolYearPlans:
    fields: dict[str, dict[str, Reported]] = {plan: {} for plan in _PLANS}
    lines: dict[int, dict[str, object]] = {}
    for fact in facts:
        if fact.context.line is not None:
            line = lines.setdefault(
                fact.context.line, {"number": fact.context.line, "context": fact.context.id}
            )
            line[fact.concept] = _reported(fact)
        elif (plan := _PLAN_OF_CONCEPT.get(fact.concept)) is not None:
            fields[plan][fact.concept] = _reported(fact)
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
