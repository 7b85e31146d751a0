"""The filing as the rules see it: a board, its schools, and per school and school year the
plan of each scheme, in pydantic models with typed values.

Every reported value keeps the fact it came from (``Reported.source``), so a finding can say
which fact and value caused it. "Not reported" (the field is None) stays distinct from a
reported nil (``Reported.value`` is None) and from a reported ``false``. A plan's reported
fields are made from the taxonomy schema (``plan_fields``), named by its bp:field and
aliased by concept name, so the builder fills a plan straight from the facts it found and
a new concept needs no line here; the classes below add only what is derived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import MAX_PREC, Context, Decimal, Inexact, Overflow
from fractions import Fraction
from functools import cached_property
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field, create_model

from compliance.read.taxonomy import load_taxonomy

T = TypeVar("T")


class FactRef(Protocol):
    """Where a value came from: concept, context id, lexical value (None when nil), line.
    The reader's RawFact is one: the model points at the fact rather than copying it."""

    concept: str

    @property
    def context(self) -> str | None: ...

    @property
    def lexical(self) -> str | None: ...

    @property
    def source_line(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Reported(Generic[T]):
    """A reported value; ``value`` is None when the filer reported it as nil.

    A slotted dataclass rather than a model: there is one per fact, built from values the
    reader already typed, and pydantic accepts the instances in the plan models as they are.
    """

    value: T | None
    # a FactRef (typed Any so pydantic takes the reader's fact as it is, without a schema)
    source: Any = field(compare=False)


_new = object.__new__
_set_value = Reported.__dict__["value"].__set__
_set_source = Reported.__dict__["source"].__set__


def reported(value: T | None, source: FactRef) -> Reported[T]:
    """``Reported(value, source)`` for the hot loop, one per fact: a frozen dataclass sets
    each field through ``object.__setattr__`` (420 ns a value); this sets the two slots
    directly (250 ns), the same object, saving some 0.05 ms a filing."""
    made = _new(Reported)
    _set_value(made, value)
    _set_source(made, source)
    return made


def is_true(reported: Reported[bool] | None) -> bool:
    """The domain's "true": reported and true. Nil, false and missing are all "not true"."""
    return reported is not None and reported.value is True


_EXACT = Context(prec=MAX_PREC, traps=[Inexact, Overflow])


def exact_sum(amounts: Iterable[Decimal | int]) -> Decimal:
    """The sum without rounding. Decimal's default context keeps 28 digits, so adding an
    18-digit amount to one with many decimals would round; this context never does (and
    raises if it had to)."""
    total = Decimal(0)
    for value in amounts:
        total = _EXACT.add(total, value)
    return total


def amount(reported: Reported[Decimal] | None) -> Decimal | None:
    """The amount reported, or None when it was not reported or reported nil."""
    return None if reported is None else reported.value


class Plan(BaseModel):
    """Fields shared by every scheme's plan."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    @classmethod
    def concept_of(cls, field_name: str) -> str:
        return cls.model_fields[field_name].alias or field_name


_VALUE_TYPES: dict[str, type] = {
    "boolean": bool,
    "date": date,
    "decimal": Decimal,
    "integer": int,
    "monetary": Decimal,
    "string": str,
}


def plan_fields(plan: str) -> type[Plan]:
    """A Plan whose reported fields are the taxonomy's concepts of ``plan``: each concept is
    declared once, in the taxonomy schema (its bp:plan and bp:field), and every plan model
    below adds only what is derived from those fields."""
    fields: dict[str, Any] = {
        concept.field: (Reported[_VALUE_TYPES[concept.type]] | None, Field(None, alias=name))
        for name, concept in load_taxonomy().concepts.items()
        if concept.plan == plan
    }
    return create_model(f"{plan.title().replace('_', '')}Fields", __base__=Plan, **fields)


class WorkloadPlan(plan_fields("workload")):
    """Werkdrukmiddelen: workload funds, primary education, since 2018/19."""

    SPENDING_FIELDS: ClassVar[tuple[str, ...]] = (
        "spending_personnel",
        "spending_materials",
        "spending_professionalisation",
        "spending_other",
    )

    @computed_field
    @cached_property
    def spending_total(self) -> Decimal | None:
        """Sum of the categories reported; None when no category was reported (nil counts
        as not reported), so that "spent nothing" and "said nothing" stay apart."""
        amounts = [amount(getattr(self, name)) for name in self.SPENDING_FIELDS]
        reported = [value for value in amounts if value is not None]
        return exact_sum(reported) if reported else None

    @computed_field
    @cached_property
    def spending_deviation(self) -> Fraction | None:
        """|spending total − funds received| ÷ funds received, in exact fractions (Decimal's
        quotient, difference and even abs() round to the context's 28 digits); None when
        there is no spending total or the funds are not above zero (nothing to divide by)."""
        funds = amount(self.funds_received)
        total = self.spending_total
        if total is None or funds is None or funds <= 0:
            return None
        return abs(Fraction(total) - Fraction(funds)) / Fraction(funds)


class ProfessionalisationPlan(plan_fields("professionalisation")):
    """Professionalisation and induction funds (former prestatiebox), since 2021/22."""


class InterventionLine(plan_fields("line")):
    """One line of an NPO school programme: an intervention and what it cost."""

    number: int
    context: str

    @computed_field
    @cached_property
    def normalized_code(self) -> str | None:
        """The menukaart code as compared: upper case; None when missing or empty. The reader
        trimmed XML white space already; anything else (a non-breaking space) is part of it."""
        if self.code is None or not self.code.value:
            return None
        return self.code.value.upper()


class NpoPlan(plan_fields("npo")):
    """NP Onderwijs: the school programme of one school year, 2021/22 to 2024/25."""

    lines: tuple[InterventionLine, ...] = ()

    @computed_field
    @cached_property
    def spending_total(self) -> Decimal:
        """Sum of the lines' spending; a missing or nil amount counts as 0."""
        return exact_sum(amount(line.spending) or 0 for line in self.lines)

    @computed_field
    @cached_property
    def external_total(self) -> Decimal:
        return exact_sum(amount(line.external_spending) or 0 for line in self.lines)

    @computed_field
    @cached_property
    def external_share(self) -> Fraction | None:
        """External spending ÷ spending over the lines, as an exact fraction (0.2500000000000001
        must stay above 0.25); None (not judged) when the spending sums to 0."""
        if self.spending_total == 0:
            return None
        return Fraction(self.external_total) / Fraction(self.spending_total)


class OtherProfessionalsPlan(plan_fields("other_professionals")):
    """Other professionals (andere dag- en weekindeling), since 2020/21."""


class SchoolYearPlans(BaseModel):
    """Everything one school reported for one school year."""

    model_config = ConfigDict(frozen=True)

    school_year: str
    first_day: date
    last_day: date
    pupil_count: Reported[int] | None = None
    workload: WorkloadPlan = WorkloadPlan()
    professionalisation: ProfessionalisationPlan = ProfessionalisationPlan()
    npo: NpoPlan = NpoPlan()
    other_professionals: OtherProfessionalsPlan = OtherProfessionalsPlan()


class School(BaseModel):
    model_config = ConfigDict(frozen=True)

    brin: str
    type: str
    name: str | None = None
    pupil_count: int | None = None
    years: tuple[SchoolYearPlans, ...] = ()


class Board(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str | None
    name: str | None = None
    schools: tuple[School, ...] = ()
