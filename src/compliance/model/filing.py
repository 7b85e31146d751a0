"""The filing as the rules see it: a board, its schools, and per school and school year the
plan of each scheme, in light slotted objects with typed values.

Every reported value keeps the fact it came from (``Reported.source``), so a finding can say
which fact and value caused it. "Not reported" (the field is None) stays distinct from a
reported nil (``Reported.value`` is None) and from a reported ``false``. A plan's reported
fields are made from the taxonomy schema (``plan_fields``), named by its bp:field, each
knowing its concept, so the builder fills a plan straight from the facts it found and a new
concept needs no line here; the classes below add only what is derived.

These are the objects the rules read, built for every filing; the documented pydantic
models of the same board (``model.documented``) are made from them only when a caller asks
(``FilingResult.pydantic_model``): validating pydantic models cost 0.35-0.7 ms a filing and
importing and building their classes some 0.15 s of every cold start (docs/decisions.md).
Nothing here is changed once the builder made it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, make_dataclass
from datetime import date
from decimal import MAX_PREC, Context, Decimal, Inexact, Overflow
from fractions import Fraction
from functools import cached_property
from typing import Any, ClassVar, Generic, Protocol, TypeVar

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


class Plan:
    """Fields shared by every scheme's plan: none; ``plan_fields`` adds one slot per concept.

    ``CONCEPTS`` maps each reported field to its concept and ``VALUE_TYPES`` to the type of
    its value: what the model's helpers, the builder and the pydantic models read, rather
    than pydantic's ``model_fields``."""

    __slots__ = ()
    CONCEPTS: ClassVar[dict[str, str]] = {}
    VALUE_TYPES: ClassVar[dict[str, type]] = {}

    @classmethod
    def concept_of(cls, field_name: str) -> str:
        return cls.CONCEPTS.get(field_name, field_name)


_VALUE_TYPES: dict[str, type] = {
    "boolean": bool,
    "date": date,
    "decimal": Decimal,
    "integer": int,
    "monetary": Decimal,
    "string": str,
}


def plan_fields(plan: str, *leading: tuple[str, type]) -> type[Plan]:
    """A Plan whose reported fields are the taxonomy's concepts of ``plan``: each concept is
    declared once, in the taxonomy schema (its bp:plan and bp:field), and every plan class
    below (and its pydantic twin in ``model.documented``) adds only what is derived from
    those fields. ``leading`` fields come first and have no default (a line's number).

    A slotted dataclass, not frozen: a frozen one sets each field through
    ``object.__setattr__``, four times the cost of building a plan of 15 fields."""
    concepts = [c for c in load_taxonomy().concepts.values() if c.plan == plan]
    reported = [(c.field, Reported | None, field(default=None)) for c in concepts]
    name = f"{plan.title().replace('_', '')}Fields"
    made = make_dataclass(name, [*leading, *reported], bases=(Plan,), slots=True)
    made.__module__ = __name__
    made.CONCEPTS = {c.field: c.name for c in concepts}
    made.VALUE_TYPES = {c.field: _VALUE_TYPES[c.type] for c in concepts}
    return made


class WorkloadPlan(plan_fields("workload")):
    """Werkdrukmiddelen: workload funds, primary education, since 2018/19."""

    SPENDING_FIELDS: ClassVar[tuple[str, ...]] = (
        "spending_personnel",
        "spending_materials",
        "spending_professionalisation",
        "spending_other",
    )

    @cached_property
    def spending_total(self) -> Decimal | None:
        """Sum of the categories reported; None when no category was reported (nil counts
        as not reported), so that "spent nothing" and "said nothing" stay apart."""
        amounts = [amount(getattr(self, name)) for name in self.SPENDING_FIELDS]
        reported = [value for value in amounts if value is not None]
        return exact_sum(reported) if reported else None

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

    __slots__ = ()


class InterventionLine(plan_fields("line", ("number", int), ("context", str))):
    """One line of an NPO school programme: an intervention and what it cost."""

    @cached_property
    def normalized_code(self) -> str | None:
        """The menukaart code as compared: upper case; None when missing or empty. The reader
        trimmed XML white space already; anything else (a non-breaking space) is part of it."""
        if self.code is None or not self.code.value:
            return None
        return self.code.value.upper()


class NpoPlan(plan_fields("npo", ("lines", tuple[InterventionLine, ...], field(default=())))):
    """NP Onderwijs: the school programme of one school year, 2021/22 to 2024/25."""

    @cached_property
    def spending_total(self) -> Decimal:
        """Sum of the lines' spending; a missing or nil amount counts as 0."""
        return exact_sum(amount(line.spending) or 0 for line in self.lines)

    @cached_property
    def external_total(self) -> Decimal:
        return exact_sum(amount(line.external_spending) or 0 for line in self.lines)

    @cached_property
    def external_share(self) -> Fraction | None:
        """External spending ÷ spending over the lines, as an exact fraction (0.2500000000000001
        must stay above 0.25); None (not judged) when the spending sums to 0."""
        if self.spending_total == 0:
            return None
        return Fraction(self.external_total) / Fraction(self.spending_total)


class OtherProfessionalsPlan(plan_fields("other_professionals")):
    """Other professionals (andere dag- en weekindeling), since 2020/21."""

    __slots__ = ()


@dataclass(slots=True)
class SchoolYearPlans:
    """Everything one school reported for one school year."""

    school_year: str
    first_day: date
    last_day: date
    pupil_count: Reported[int] | None = None
    workload: WorkloadPlan = field(default_factory=WorkloadPlan)
    professionalisation: ProfessionalisationPlan = field(default_factory=ProfessionalisationPlan)
    npo: NpoPlan = field(default_factory=NpoPlan)
    other_professionals: OtherProfessionalsPlan = field(default_factory=OtherProfessionalsPlan)


@dataclass(slots=True)
class School:
    brin: str
    type: str
    name: str | None = None
    pupil_count: int | None = None
    years: tuple[SchoolYearPlans, ...] = ()


@dataclass(slots=True)
class Board:
    id: str | None
    name: str | None = None
    schools: tuple[School, ...] = ()
