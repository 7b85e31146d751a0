"""The compiled half of the structure check's typing loop (``_typing.c``), where it was built
and fits the records it reads.

Why a fallback rather than a hard requirement, as for the reader (``read.compiled``): the
wheel's build hook compiles it when a C compiler is there; without it, the typing loop in
``structure.py`` types every fact in Python, to the same answers. The C code reads the
reader's fact tuples and the structure check's ContextInfo by position, and makes each
Reported as the value before the fact's fields, so it is used only when their fields are
where it expects them (checked here, once per process).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from compliance.model.filing import Reported
from compliance.read import RawFact

TypeFacts = Callable[..., tuple[list, list]]


def _module() -> ModuleType | None:
    try:
        from compliance.model import _typing
    except ImportError:
        return None
    fits = RawFact._fields == _typing.FACT_FIELDS
    return _typing if fits and Reported._fields == ("value", *RawFact._fields) else None


_TYPING = _module()


def type_facts_for(context_fields: tuple[str, ...]) -> TypeFacts | None:
    """``type_facts`` (see ``_typing.c``) when it is built and reads ContextInfo's fields
    (``context_fields``) where they are, else None."""
    typing = _TYPING
    if typing is None or len(context_fields) != typing.CONTEXT_INFO_FIELDS:
        return None
    where = {name: index for index, name in enumerate(context_fields)}
    if (where.get("broken_identity"), where.get("refusal")) != (
        typing.BROKEN_IDENTITY,
        typing.REFUSAL,
    ):
        return None
    return typing.type_facts


def type_code(value_type: str) -> int:
    """The C code's number for a value type: what it parses the value as."""
    return _TYPE_CODES[value_type]


# value type → the C code's number for it (model/values.py's PARSERS, in C)
_TYPE_CODES: dict[str, int] = (
    {}
    if _TYPING is None
    else {
        "string": _TYPING.STRING,
        "boolean": _TYPING.BOOLEAN,
        "monetary": _TYPING.DECIMAL,
        "decimal": _TYPING.DECIMAL,
        "integer": _TYPING.INTEGER,
        "date": _TYPING.DATE,
    }
)
