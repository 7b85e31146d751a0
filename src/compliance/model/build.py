"""Trusted facts → the Board the rules read, grouped by school, school year and intervention
line, in the light objects of ``model.filing`` (the pydantic models are made from it only on
demand, ``model.documented``).

Every concept of the taxonomy has a place in the model (a plan's field, a line's field, or
the board's or school's own); a fact of a concept without one is never dropped quietly:
``unplaced_concepts`` names such concepts, the checker refuses to start with any, and
building raises ModelGap should one get through.
"""

from __future__ import annotations

from compliance.model.calendar import SchoolYear
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
from compliance.model.structure import ContextInfo, Structure
from compliance.read import Taxonomy

_PLANS: dict[str, type[Plan]] = {
    "workload": WorkloadPlan,
    "professionalisation": ProfessionalisationPlan,
    "npo": NpoPlan,
    "other_professionals": OtherProfessionalsPlan,
}
# concept → the plan (attribute of SchoolYearPlans) and the field of it that it fills
_PLAN_OF_CONCEPT = {
    concept: (plan, name)
    for plan, model in _PLANS.items()
    for name, concept in model.CONCEPTS.items()
}
# Concepts the board or school takes itself rather than a plan: the board's and school's
# name, the school's type, and each school year's pupil count.
_BOARD_CONCEPTS = frozenset({"BoardName"})
_SCHOOL_CONCEPTS = frozenset({"SchoolName", "SchoolType", "PupilCount"})
# concept → the field of an intervention line it fills
_LINE_FIELDS = {concept: name for name, concept in InterventionLine.CONCEPTS.items()}
_PLACED = {
    "board": _BOARD_CONCEPTS,
    "school": _SCHOOL_CONCEPTS | set(_PLAN_OF_CONCEPT),
    "line": frozenset(_LINE_FIELDS),
}


class ModelGap(Exception):
    """A concept of the taxonomy that no field of the model takes: a fault of this program
    (model/filing.py lacks a field), never of a filing."""


def unplaced_concepts(taxonomy: Taxonomy) -> list[str]:
    """The taxonomy's concepts that would have no place in the model at their level."""
    return sorted(
        name
        for name, concept in taxonomy.concepts.items()
        if name not in _PLACED.get(concept.level, ())
    )


def require_placed(taxonomy: Taxonomy) -> None:
    """Refuse a taxonomy with a concept the model cannot hold, before any filing is read."""
    missing = unplaced_concepts(taxonomy)
    if missing:
        raise ModelGap(
            "no field of the model (model/filing.py) takes the concept(s) " + ", ".join(missing)
        )


# A school-level concept → where in a school year's facts it goes: (plan, field) for a plan's
# field, ("school", concept) for the school's own (name, type, pupil count)
_SCHOOL_PLACES = {
    **{concept: ("school", concept) for concept in _SCHOOL_CONCEPTS},
    **_PLAN_OF_CONCEPT,
}


class _YearFacts:
    """What one school reported for one school year, as the facts came in: each plan's
    fields (and the school's own concepts under "school"), and each line's number, context
    and fields. A plain class: a dataclass costs every cold start 0.6 ms to define."""

    __slots__ = ("fields", "lines", "year")

    def __init__(self, year: SchoolYear) -> None:
        self.year = year
        self.fields: dict[str, dict[str, Reported]] = {plan: {} for plan in _PLANS}
        self.fields["school"] = {}
        self.lines: dict[int, tuple[str, dict[str, Reported]]] = {}


def build_board(structure: Structure) -> Board:
    """Assemble the board; only facts that passed the structural checks are used.

    Each fact goes straight to the field it fills (one lookup of its concept), so that the
    plans are then made from ready keyword arguments; a context's place is found at its
    first fact (facts come by context). The last of a concept wins, as in document order."""
    board_name = None
    schools: dict[str, dict[SchoolYear, _YearFacts]] = {}  # BRIN → school year → its facts
    names: dict[str, str] = {}  # BRIN → the first name reported
    # context id → the fields its facts fill (equivalent contexts share them)
    targets: dict[str, dict] = {}
    last: ContextInfo | None = None
    target: dict = {}
    for concept, context, reported in structure.facts:
        if context.school is None:
            if concept not in _BOARD_CONCEPTS:
                raise ModelGap(f"no field of the board takes {concept}")
            if reported.value:
                board_name = reported.value
            continue
        if context is not last:
            last = context
            target = targets.get(context.id)
            if target is None:
                target = targets[context.id] = _target(schools, context)
        if context.line is None:
            place = _SCHOOL_PLACES.get(concept)
            if place is None:
                raise ModelGap(f"no field of a plan or school takes {concept}")
            target[place[0]][place[1]] = reported
            if concept == "SchoolName" and reported.value:
                names.setdefault(context.school, reported.value)
        else:
            name = _LINE_FIELDS.get(concept)
            if name is None:
                raise ModelGap(f"no field of an intervention line takes {concept}")
            target[name] = reported
    built = tuple(
        _build_school(brin, structure.school_types[brin], names.get(brin), years)
        for brin, years in sorted(schools.items())
    )
    return Board(id=structure.board, name=board_name, schools=built)


def _target(schools: dict[str, dict[SchoolYear, _YearFacts]], context: ContextInfo) -> dict:
    """The fields a context's facts fill: its school year's (by plan), or its intervention
    line's."""
    years = schools.setdefault(context.school, {})
    year = years.get(context.year)
    if year is None:
        year = years[context.year] = _YearFacts(context.year)
    if context.line is None:
        return year.fields
    line = year.lines.get(context.line)
    if line is None:  # the first context of the line names it
        line = year.lines[context.line] = (context.id, {})
    return line[1]


def _build_school(
    brin: str, school_type: str, name: str | None, years: dict[SchoolYear, _YearFacts]
) -> School:
    built = tuple(_build_year(years[year]) for year in sorted(years))  # by first day
    latest_pupils = next(
        (y.pupil_count.value for y in reversed(built) if y.pupil_count is not None), None
    )
    return School(brin=brin, type=school_type, name=name, pupil_count=latest_pupils, years=built)


# One plan of each scheme with nothing reported, shared by every school year that reported
# nothing for it (half the plans of a batch): plans are never changed once made, and what is
# derived from one, kept in it on first use, is the same for every empty plan of its class.
_EMPTY_PLANS: dict[str, Plan] = {plan: model() for plan, model in _PLANS.items()}


def _plan(name: str, fields: dict[str, Reported]) -> Plan:
    return _PLANS[name](**fields) if fields else _EMPTY_PLANS[name]


def _build_year(facts: _YearFacts) -> SchoolYearPlans:
    fields = facts.fields
    lines = facts.lines
    if lines:
        npo_lines = tuple(
            InterventionLine(number, lines[number][0], **lines[number][1])
            for number in sorted(lines)
        )
        npo = NpoPlan(**fields["npo"], lines=npo_lines)
    else:
        npo = _plan("npo", fields["npo"])
    year = facts.year
    return SchoolYearPlans(
        school_year=year.label,
        first_day=year.first_day,
        last_day=year.last_day,
        pupil_count=fields["school"].get("PupilCount"),
        workload=_plan("workload", fields["workload"]),
        professionalisation=_plan("professionalisation", fields["professionalisation"]),
        npo=npo,
        other_professionals=_plan("other_professionals", fields["other_professionals"]),
    )
