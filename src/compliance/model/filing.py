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

from collections.abc import Callable, Iterable
from datetime import date
from decimal import MAX_PREC, Context, Decimal, Inexact, Overflow
from fractions import Fraction
from keyword import iskeyword
from typing import Any, ClassVar, Generic, NamedTuple, Protocol, TypeVar

from compliance.plain_record import PlainRecord
from compliance.read.instance import RawFact
from compliance.read.taxonomy import load_taxonomy

T = TypeVar("T")


class FactRef(Protocol):
    """Where a value came from: concept, context id, lexical value (None when nil), line.
    The reader's RawFact is one, as each ``Reported.source`` is."""

    concept: str

    @property
    def context(self) -> str | None: ...

    @property
    def lexical(self) -> str | None: ...

    @property
    def source_line(self) -> int: ...


class _ReportedFields(NamedTuple):
    """A reported value and the fields of the fact it came from (those of the reader's
    RawFact, in its order)."""

    value: Any
    concept: str
    context_ref: str | None
    unit_ref: str | None
    decimals: str | None
    nil: bool
    text: str
    line: int
    has_elements: bool


class Reported(_ReportedFields, Generic[T]):
    """A reported value; ``value`` is None when the filer reported it as nil, ``source`` the
    fact it came from (the reader's RawFact). Equal when the values are (wherever they came
    from), and unordered; not changed once made.

    One object per fact: a tuple of the value and the fact's fields, made in the structure
    check's loop by ``tuple.__new__`` (without a call of ``__new__``); ``source`` is made
    again from it when asked for (by a finding citing the fact, or the documented model). A
    slotted class holding the value and the RawFact cost a fact 3.8 thousand CPU
    instructions, its slots set past its guard against assignment; this costs 1.6. Not a
    frozen dataclass: it and importing dataclasses cost every start 2 ms. Pydantic takes
    these as they are (``model.documented``)."""

    __slots__ = ()

    def __new__(cls, value: T | None, source: RawFact) -> Reported[T]:
        return _new(cls, (value, *source))

    @property
    def source(self) -> RawFact:
        return _new(RawFact, self[1:])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.value == other.value

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.value != other.value

    def __hash__(self) -> int:
        return hash((self.value,))

    # Unordered, as a class of two slots was: not a tuple's order by its fields.
    __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: NotImplemented

    def __repr__(self) -> str:
        return f"Reported(value={self.value!r}, source={self.source!r})"

    def __reduce__(self) -> tuple:
        return Reported, (self.value, self.source)


_new = tuple.__new__


def is_true(reported: Reported[bool] | None) -> bool:
    """The domain's "true": reported and true. Nil, false and missing are all "not true"."""
    return reported is not None and reported.value is True


EXACT = Context(prec=MAX_PREC, traps=[Inexact, Overflow])
"""Decimal arithmetic that never rounds (and raises if it had to): the default context keeps
28 digits, and an amount may have 18 before the point and any number after it."""


def exact_sum(amounts: Iterable[Decimal | int]) -> Decimal:
    """The sum without rounding. Decimal's default context keeps 28 digits, so adding an
    18-digit amount to one with many decimals would round; this context never does (and
    raises if it had to). The context's method is looked up once: a lookup per amount
    was a third of the cost (some 20 sums a filing)."""
    add = EXACT.add
    total = _ZERO
    for value in amounts:
        total = add(total, value)
    return total


_ZERO = Decimal(0)


def exact_ratio(numerator: Decimal, denominator: Decimal) -> Fraction:
    """``numerator ÷ denominator`` as an exact fraction (Decimal's quotient rounds to the
    context's 28 digits). Made from the two numbers' integer ratios with one normalisation,
    where ``Fraction(a) / Fraction(b)`` normalises three times in Python: a share and a
    deviation per plan cost 0.1 ms a filing that way."""
    n1, d1 = numerator.as_integer_ratio()
    n2, d2 = denominator.as_integer_ratio()
    return Fraction(n1 * d2, d1 * n2)


def amount(reported: Reported[Decimal] | None) -> Decimal | None:
    """The amount reported, or None when it was not reported or reported nil."""
    return None if reported is None else reported.value


class derived:
    """A value derived from a plan's fields on first use and kept in the plan, as
    ``functools.cached_property``, without the lock Python 3.11 takes at each first use:
    the derived values of every plan of every filing are first used once."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func  # model.documented makes its computed fields of the same function
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class Plan(PlainRecord):
    """Fields shared by every scheme's plan: none; ``plan_fields`` adds one slot per concept.

    ``CONCEPTS`` maps each reported field to its concept and ``VALUE_TYPES`` to the type of
    its value: what the model's helpers, the builder and the pydantic models read, rather
    than pydantic's ``model_fields``."""

    __slots__ = ()
    __hash__ = None  # as the dataclasses these were: equal by value, so no dictionary key
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


def plan_fields(plan: str, *required: str, **defaulted: object) -> type[Plan]:
    """A Plan whose reported fields are the taxonomy's concepts of ``plan``: each concept is
    declared once, in the taxonomy schema (its bp:plan and bp:field), and every plan class
    below (and its pydantic twin in ``model.documented``) adds only what is derived from
    those fields. ``required`` fields come first (a line's number and context), then the
    ``defaulted`` ones (an NPO plan's lines); every reported field defaults to None.

    A slotted class with an ``__init__`` generated for its fields, one assignment each (as
    a dataclass's): a frozen dataclass sets each field through ``object.__setattr__``, four
    times the cost of building a plan of 15 fields, and making even a plain dataclass
    generates and runs five methods, 6 ms of every start for the five plans; this 0.3 ms."""
    concepts = [c for c in load_taxonomy().concepts.values() if c.plan == plan]
    reported = [c.field for c in concepts]
    fields = (*required, *defaulted, *reported)
    namespace = {
        "__slots__": fields,
        "__module__": __name__,
        "__init__": _initialiser(required, defaulted, reported),
        "CONCEPTS": {c.field: c.name for c in concepts},
        "VALUE_TYPES": {c.field: _VALUE_TYPES[c.type] for c in concepts},
    }
    return type(f"{plan.title().replace('_', '')}Fields", (Plan,), namespace)


def _initialiser(
    required: tuple[str, ...], defaulted: dict[str, object], reported: list[str]
) -> Callable[..., None]:
    """``__init__(self, *required, *, **defaulted, reported=None...)``, one line per field.
    Only names that are identifiers (from the shipped taxonomy) are written into the code;
    the defaults are passed in by name."""
    names = (*required, *defaulted, *reported)
    for name in names:
        if not name.isidentifier() or iskeyword(name):
            raise ValueError(f"not a field name: {name!r}")
    keywords = [f"{name}=_default_{name}" for name in defaulted]
    keywords += [f"{name}=None" for name in reported]
    head = ", ".join(["self", *required, *(["*", *keywords] if keywords else [])])
    body = [f" self.{name} = {name}" for name in names] or [" pass"]
    namespace = {f"_default_{name}": value for name, value in defaulted.items()}
    exec("\n".join([f"def __init__({head}):", *body]), namespace)  # checked names only
    return namespace["__init__"]


class WorkloadPlan(plan_fields("workload")):
    """Werkdrukmiddelen: workload funds, primary education, since 2018/19."""

    SPENDING_FIELDS: ClassVar[tuple[str, ...]] = (
        "spending_personnel",
        "spending_materials",
        "spending_professionalisation",
        "spending_other",
    )

    @derived
    def spending_total(self) -> Decimal | None:
        """Sum of the categories reported; None when no category was reported (nil counts
        as not reported), so that "spent nothing" and "said nothing" stay apart."""
        amounts = [amount(getattr(self, name)) for name in self.SPENDING_FIELDS]
        reported = [value for value in amounts if value is not None]
        return exact_sum(reported) if reported else None

    @derived
    def spending_deviation(self) -> Fraction | None:
        """|spending total − funds received| ÷ funds received, in exact fractions (Decimal's
        quotient, difference and even abs() round to the context's 28 digits); None when
        there is no spending total or the funds are not above zero (nothing to divide by)."""
        funds = amount(self.funds_received)
        total = self.spending_total
        if total is None or funds is None or funds <= 0:
            return None
        return exact_ratio(EXACT.abs(EXACT.subtract(total, funds)), funds)


class ProfessionalisationPlan(plan_fields("professionalisation")):
    """Professionalisation and induction funds (former prestatiebox), since 2021/22."""

    __slots__ = ()


class InterventionLine(plan_fields("line", "number", "context")):
    """One line of an NPO school programme: an intervention and what it cost."""

    @derived
    def normalized_code(self) -> str | None:
        """The menukaart code as compared: upper case; None when missing or empty. The reader
        trimmed XML white space already; anything else (a non-breaking space) is part of it."""
        if self.code is None or not self.code.value:
            return None
        return self.code.value.upper()


class NpoPlan(plan_fields("npo", lines=())):
    """NP Onderwijs: the school programme of one school year, 2021/22 to 2024/25."""

    lines: tuple[InterventionLine, ...]

    @derived
    def spending_total(self) -> Decimal:
        """Sum of the lines' spending; a missing or nil amount counts as 0."""
        return exact_sum(amount(line.spending) or 0 for line in self.lines)

    @derived
    def external_total(self) -> Decimal:
        return exact_sum(amount(line.external_spending) or 0 for line in self.lines)

    @derived
    def external_share(self) -> Fraction | None:
        """External spending ÷ spending over the lines, as an exact fraction (0.2500000000000001
        must stay above 0.25); None (not judged) when the spending sums to 0."""
        if self.spending_total == 0:
            return None
        return exact_ratio(self.external_total, self.spending_total)


class OtherProfessionalsPlan(plan_fields("other_professionals")):
    """Other professionals (andere dag- en weekindeling), since 2020/21."""

    __slots__ = ()


# The three classes below are Records with slots rather than slotted dataclasses: defining
# those cost every start 1 ms (``compliance.plain_record``). One of each is made per school year,
# school and board.


class SchoolYearPlans(PlainRecord):
    """Everything one school reported for one school year."""

    __slots__ = (
        *("school_year", "first_day", "last_day", "pupil_count"),
        *("workload", "professionalisation", "npo", "other_professionals"),
    )
    __hash__ = None

    def __init__(
        self,
        school_year: str,
        first_day: date,
        last_day: date,
        pupil_count: Reported[int] | None = None,
        workload: WorkloadPlan | None = None,
        professionalisation: ProfessionalisationPlan | None = None,
        npo: NpoPlan | None = None,
        other_professionals: OtherProfessionalsPlan | None = None,
    ) -> None:
        self.school_year = school_year
        self.first_day = first_day
        self.last_day = last_day
        self.pupil_count = pupil_count
        self.workload = WorkloadPlan() if workload is None else workload
        self.professionalisation = (
            ProfessionalisationPlan() if professionalisation is None else professionalisation
        )
        self.npo = NpoPlan() if npo is None else npo
        self.other_professionals = (
            OtherProfessionalsPlan() if other_professionals is None else other_professionals
        )


class School(PlainRecord):
    __slots__ = ("brin", "name", "pupil_count", "type", "years")
    __hash__ = None

    def __init__(
        self,
        brin: str,
        type: str,
        name: str | None = None,
        pupil_count: int | None = None,
        years: tuple[SchoolYearPlans, ...] = (),
    ) -> None:
        self.brin = brin
        self.type = type
        self.name = name
        self.pupil_count = pupil_count
        self.years = years


class Board(PlainRecord):
    __slots__ = ("id", "name", "schools")
    __hash__ = None

    def __init__(
        self, id: str | None, name: str | None = None, schools: tuple[School, ...] = ()
    ) -> None:
        self.id = id
        self.name = name
        self.schools = schools
