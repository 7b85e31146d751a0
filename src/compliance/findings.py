"""What every step reports: a finding names a rule, where it applies and the facts behind it.

Findings carry typed placeholder values rather than text, so that one result can be shown
in Dutch or English and formatted for the reader (amounts, dates, percentages).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Literal, NamedTuple

Severity = Literal["error", "violation", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "violation", "warning")
BLOCKING: frozenset[str] = frozenset({"error", "violation"})


class CitedFact(NamedTuple):
    """A fact a finding rests on, as the filer wrote it; all but ``concept`` are None when
    the fact was not reported."""

    concept: str
    context: str | None
    value: str | None
    source_line: int | None


# The records below are named tuples, not frozen dataclasses: defining a dataclass execs
# its methods at every start (0.4-0.9 ms each, some 20 ms of a cold start over the package).


class Localized(NamedTuple):
    """A placeholder value that reads differently per language."""

    nl: str
    en: str

    def in_language(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def either(cls, text: object) -> Localized:
        """A text written once in a data file (``source: "..."``), the same in both
        languages, or per language (``source: {nl: ..., en: ...}``), as titles are."""
        if isinstance(text, dict):
            return cls(**text)
        return cls(str(text), str(text))

    @classmethod
    def optional(cls, text: object) -> Localized | None:
        """``either`` for a text a data file may leave out (None: not given)."""
        return None if text is None else cls.either(text)


class Measured(NamedTuple):
    """A number with its unit (amount, ratio, hours, days, count, date), formatted per language."""

    value: object
    unit: str


class Waiver(NamedTuple):
    """A reviewer's acceptance of known findings: one entry of a waivers file. ``board``
    is required; the other four narrow it where given (``rule`` may be a pattern such as
    ``NPO-*``). It applies up to and including ``expires``."""

    entry: int  # its position in the waivers file, from 1
    board: str
    reason: str
    granted_by: str
    expires: date
    school: str | None = None
    school_year: str | None = None
    rule: str | None = None
    line: int | None = None


class Finding(NamedTuple):
    """A rule's finding on a filing. A reviewer's waiver is set with ``_replace``."""

    rule: str
    severity: Severity
    school: str | None = None
    school_year: str | None = None
    line: int | None = None
    facts: tuple[CitedFact, ...] = ()
    # placeholder name → typed value for the rule's message template
    values: Mapping[str, object] = {}  # never changed in place: one shared empty default
    waiver: Waiver | None = None  # set when a reviewer's waiver covers it: it counts for nothing

    @property
    def counts(self) -> bool:
        """False when waived: a waived finding is reported but never counts (exit status)."""
        return self.waiver is None

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


def fingerprint(
    rule: str, board: str | None, school: str | None, school_year: str | None, line: int | None
) -> str:
    """A finding's stable id across runs, for baselines and waivers: what it is about, never
    how it is worded (the message changes with the language and with the values reported).
    The recipe (docs/decisions.md): the first 16 hex digits of the SHA-256 of the UTF-8 JSON
    array ``[rule, board, school, school_year, line]``, no spaces, null where absent."""
    fields = [rule, board, school, school_year, line]
    key = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
