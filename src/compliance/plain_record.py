"""A base for the plain classes every start defines where a dataclass would be too dear.

Defining a dataclass generates the source of its methods and runs it (``exec``) at import:
0.4 to 1 ms a class, paid by every `compliance` command before it does anything (issue 13;
some 20 ms of a 135 ms cold `compliance check` went into the package's 25 dataclasses). A
plain class is compiled once into its .pyc like the rest of the module. A ``PlainRecord`` is such
a class whose ``__init__`` is written out; this base adds what the dataclass gave besides:
equality and a repr over the fields, and ``replace``. The fields are the parameters of the
subclass's ``__init__`` (taken from its code, not repeated), each kept under its own name.

Immutable records with no derived values are named tuples instead (the house style, e.g.
``read.instance``); a PlainRecord is for what needs derived or cached values, or changes.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="PlainRecord")


class PlainRecord:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:  # else the fields are those of the class it extends
            code = cls.__init__.__code__
            cls._fields = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes``, made through ``__init__`` (as ``dataclasses.replace``)."""
        return type(self)(**{**dict(zip(self._fields, self._values(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self._values(), strict=True)
        )
        return f"{type(self).__qualname__}({shown})"
