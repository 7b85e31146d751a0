"""The filing as pydantic models: the product's documented model of a board, its schools and
their plans, with typed values, validated, and serialisable (``model_dump``).

Made from the light objects the rules read (``model.filing``), on demand only
(``documented``, or ``FilingResult.pydantic_model``): importing pydantic and building these
classes cost a cold start some 0.15 s, and validating one filing's models 0.35-0.7 ms, which
the rules never needed. The fields are those of the light classes (``CONCEPTS`` and
``VALUE_TYPES``, made from the taxonomy by ``filing.plan_fields``), aliased by concept name,
and the derived values are the light classes' own functions, so nothing is declared twice.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema, computed_field, create_model
from pydantic_core import core_schema

from compliance.model import filing
from compliance.model.filing import Reported

# from_attributes: a model is validated straight from its light twin's attributes
_CONFIG = ConfigDict(frozen=True, from_attributes=True)


def _as_dict(reported: Reported) -> dict[str, Any]:
    return {"value": reported.value, "source": reported.source}


# A Reported is taken as it is (the same object) and dumped as {"value", "source"}, as
# pydantic took and dumped it while it was a dataclass.
_AS_IS = GetPydanticSchema(
    lambda _type, _handler: core_schema.is_instance_schema(
        Reported, serialization=core_schema.plain_serializer_function_ser_schema(_as_dict)
    )
)


class Plan(BaseModel):
    """Fields shared by every scheme's plan."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, from_attributes=True)
    CONCEPTS: ClassVar[dict[str, str]] = {}

    @classmethod
    def concept_of(cls, field_name: str) -> str:
        return cls.model_fields[field_name].alias or field_name


def _fields_of(light: type[filing.Plan]) -> type[Plan]:
    """The pydantic fields of a light plan class: one per concept, typed and aliased."""
    fields: dict[str, Any] = {
        name: (
            Annotated[Reported[light.VALUE_TYPES[name]], _AS_IS] | None,
            Field(None, alias=concept),
        )
        for name, concept in light.CONCEPTS.items()
    }
    made = create_model(light.__name__ + "Fields", __base__=Plan, **fields)
    made.CONCEPTS = light.CONCEPTS
    return made


def _derived(light: type, name: str) -> Any:
    """The light class's derived value ``name`` as a computed field: the same function."""
    return computed_field(cached_property(light.__dict__[name].func))


class WorkloadPlan(_fields_of(filing.WorkloadPlan)):
    __doc__ = filing.WorkloadPlan.__doc__
    SPENDING_FIELDS: ClassVar[tuple[str, ...]] = filing.WorkloadPlan.SPENDING_FIELDS
    spending_total = _derived(filing.WorkloadPlan, "spending_total")
    spending_deviation = _derived(filing.WorkloadPlan, "spending_deviation")


class ProfessionalisationPlan(_fields_of(filing.ProfessionalisationPlan)):
    __doc__ = filing.ProfessionalisationPlan.__doc__


class InterventionLine(_fields_of(filing.InterventionLine)):
    __doc__ = filing.InterventionLine.__doc__
    number: int
    context: str
    normalized_code = _derived(filing.InterventionLine, "normalized_code")


class NpoPlan(_fields_of(filing.NpoPlan)):
    __doc__ = filing.NpoPlan.__doc__
    lines: tuple[InterventionLine, ...] = ()
    spending_total = _derived(filing.NpoPlan, "spending_total")
    external_total = _derived(filing.NpoPlan, "external_total")
    external_share = _derived(filing.NpoPlan, "external_share")


class OtherProfessionalsPlan(_fields_of(filing.OtherProfessionalsPlan)):
    __doc__ = filing.OtherProfessionalsPlan.__doc__


class SchoolYearPlans(BaseModel):
    """Everything one school reported for one school year."""

    model_config = _CONFIG

    school_year: str
    first_day: date
    last_day: date
    pupil_count: Annotated[Reported[int], _AS_IS] | None = None
    workload: WorkloadPlan = WorkloadPlan()
    professionalisation: ProfessionalisationPlan = ProfessionalisationPlan()
    npo: NpoPlan = NpoPlan()
    other_professionals: OtherProfessionalsPlan = OtherProfessionalsPlan()


class School(BaseModel):
    model_config = _CONFIG

    brin: str
    type: str
    name: str | None = None
    pupil_count: int | None = None
    years: tuple[SchoolYearPlans, ...] = ()


class Board(BaseModel):
    model_config = _CONFIG

    id: str | None
    name: str | None = None
    schools: tuple[School, ...] = ()


def documented(board: filing.Board) -> Board:
    """The pydantic model of a board the builder made, validated from its attributes."""
    return Board.model_validate(board)
