"""What every batch output format is: a ``Writer`` that sees each filing once, in path
order, and the whole batch at the end.

A format does its per-filing work in the worker (``piece``: from the filing's ``Filing``
view to something small to pickle), so the parent, which shares the cores with the workers,
only appends pieces. The files themselves are opened through ``Targets``, which the batch's
output mechanics provide (``batch/outputs.py``: temporary files renamed into place, all or
nothing); a writer never names a temporary file or renames one itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, NamedTuple, Protocol, TextIO

from compliance.batch.monitoring import Monitoring
from compliance.findings import Measured
from compliance.model.filing import Reported
from compliance.rules.catalogue import Catalogue
from compliance.words import WORDS

# Opens a file of --out for writing: (file name, encoding) → text handle. Binary formats
# write to the handle's ``buffer``.
Targets = Callable[[str, str], TextIO]


class Problem(NamedTuple):
    """A filing that could not be read or checked, for the report and the closing lines."""

    file: str
    status: str
    reason: str


@dataclass(frozen=True)
class Profile:
    """What an output needs of a filing besides its JSON result: the board's name, each
    school's type, and per finding (in the result's order) its headline amount and ratio.
    Kept in the ``--resume`` state, so a kept result gives the same outputs."""

    board_name: str | None = None
    school_types: dict[str, str] = field(default_factory=dict)
    measures: tuple[tuple[float | None, float | None], ...] = ()

    def as_json(self) -> dict:
        return {
            "board_name": self.board_name,
            "school_types": self.school_types,
            "measures": [list(pair) for pair in self.measures],
        }

    @classmethod
    def from_json(cls, data: dict | None) -> Profile:
        if not data:
            return cls()
        return cls(
            board_name=data.get("board_name"),
            school_types=dict(data.get("school_types") or {}),
            measures=tuple(tuple(pair) for pair in data.get("measures") or ()),
        )


def profile_of(board: object | None, findings: list) -> Profile:
    """The profile of a checked filing: ``board`` the model (None when unreadable),
    ``findings`` the result's Finding objects in the result's order."""
    if board is None:
        return Profile(measures=tuple(_measures(finding.values) for finding in findings))
    return Profile(
        board_name=board.name,
        school_types={school.brin: school.type for school in board.schools},
        measures=tuple(_measures(finding.values) for finding in findings),
    )


def _measures(values: dict) -> tuple[float | None, float | None]:
    """The first amount and the first ratio the finding's message states about the plan
    (parameters, whose names hold a dot, are the rule's, not the filing's)."""
    found: dict[str, float | None] = {"amount": None, "ratio": None}
    for name, value in values.items():
        if "." in name or not isinstance(value, Measured):
            continue
        unit = "amount" if value.unit in ("amount", "euro") else value.unit
        if unit in found and found[unit] is None:
            found[unit] = _number(value.value)
    return found["amount"], found["ratio"]


def _number(value: object) -> float | None:
    """The value as a float for a workbook cell; None when it is no number or too large
    for one (a share of huge amounts: found by fuzzing)."""
    if isinstance(value, Reported):
        value = value.value
    if isinstance(value, (Decimal, Fraction, int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    return None


def words_of(lang: str, prefix: str) -> dict[str, str]:
    """The words of the one table (``compliance.words``) whose keys start with ``prefix``,
    by the rest of their key: a format's part of the table."""
    return {key[len(prefix) :]: text for key, text in WORDS[lang].items() if key.startswith(prefix)}


@dataclass(frozen=True)
class Filing:
    """One filing as a writer sees it: its JSON result object and its profile."""

    result: dict
    profile: Profile

    def school_type(self, school: str | None) -> str | None:
        return self.profile.school_types.get(school) if school else None


@dataclass(frozen=True)
class Batch:
    """What a writer sees at the end: the summary (as in summary.json), the filings not
    read or not checked, and what the words and titles come from."""

    summary: dict
    problems: list[Problem]
    catalogue: Catalogue
    monitoring: Monitoring
    lang: str


class Writer(Protocol):
    """One output format. ``files`` are the names it writes in --out."""

    files: ClassVar[tuple[str, ...]]

    @staticmethod
    def piece(filing: Filing, catalogue: Catalogue, lang: str) -> object:
        """In the worker: what this format needs of one filing (picklable, small)."""
        ...

    def add(self, piece: object) -> None:
        """In the parent, in path order: one filing's piece."""
        ...

    def finish(self, batch: Batch) -> None:
        """At the end: write what is left. The targets are committed by the caller."""
        ...


class WriterFactory(Protocol):
    files: ClassVar[tuple[str, ...]]

    def __call__(self, targets: Targets, lang: str) -> Writer: ...

    @staticmethod
    def piece(filing: Filing, catalogue: Catalogue, lang: str) -> object: ...
