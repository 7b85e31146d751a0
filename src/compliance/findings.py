"""What every step reports: a finding names a rule, where it applies and the facts behind it.

Findings carry typed placeholder values rather than text, so that one result can be shown
in Dutch or English and formatted for the reader (amounts, dates, percentages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "violation", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "violation", "warning")
BLOCKING: frozenset[str] = frozenset({"error", "violation"})


@dataclass(frozen=True, slots=True)
class CitedFact:
    """A fact a finding rests on, as the filer wrote it; all but ``concept`` are None when
    the fact was not reported."""

    concept: str
    context: str | None
    value: str | None
    source_line: int | None


@dataclass(frozen=True, slots=True)
class Localized:
    """A placeholder value that reads differently per language."""

    nl: str
    en: str

    def in_language(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True, slots=True)
class Measured:
    """A number with its unit (amount, ratio, hours, days, count, date), formatted per language."""

    value: object
    unit: str


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    school: str | None = None
    school_year: str | None = None
    line: int | None = None
    facts: tuple[CitedFact, ...] = ()
    # placeholder name → typed value for the rule's message template
    values: Mapping[str, object] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (
            self.school is not None,
            self.school or "",
            self.school_year is not None,
            self.school_year or "",
            self.rule,
            self.line is not None,
            self.line or 0,
            tuple((f.source_line or 0, f.concept) for f in self.facts),
        )
