"""The words and code lists of rules/domain.yaml, in the form the reader's checks use."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from compliance.datafiles import DataFileError, load_checked
from compliance.findings import Localized
from compliance.model.calendar import SchoolCalendar

DOMAIN_SCHEMA = "domain.schema.json"


class Domain(NamedTuple):
    """A named tuple rather than a frozen dataclass: defined in a seventh of the time, which
    every cold start pays."""

    calendar: SchoolCalendar
    school_types: dict[str, Localized]
    board_scheme: str
    board_pattern: re.Pattern[str]
    school_pattern: re.Pattern[str]
    line_pattern: re.Pattern[str]


def load_domain(path: Path) -> Domain:
    """The file's words, after its schema and the checks a schema cannot make: that the first
    day is a day and each pattern a regular expression."""
    data = load_checked(path, DOMAIN_SCHEMA)
    identifiers = data["identifiers"]
    return Domain(
        calendar=_calendar(data["school_year"]["first_day"], path),
        school_types={code: Localized(**names) for code, names in data["school_types"].items()},
        board_scheme=identifiers["board"]["scheme"],
        board_pattern=_pattern(identifiers, "board", path),
        school_pattern=_pattern(identifiers, "school", path),
        line_pattern=_pattern(identifiers, "intervention_line", path),
    )


def _calendar(month_day: str, path: Path) -> SchoolCalendar:
    """School years beginning on ``month_day`` (MM-DD, the schema's pattern), a day every
    year has: 02-29 would leave three school years in four without a first day."""
    month, day = (int(part) for part in month_day.split("-"))
    try:
        date(2001, month, day)  # not a leap year
    except ValueError:
        problem = f"{month_day!r} is not a day every year has (MM-DD)"
        raise DataFileError(path, "school_year.first_day", problem) from None
    return SchoolCalendar(month, day)


def _pattern(identifiers: dict, name: str, path: Path) -> re.Pattern[str]:
    """The identifier's pattern, to match a whole identifier: grouped before the end is
    anchored, so that each alternative of ``A|B`` must match all of it."""
    text = identifiers[name]["pattern"]
    try:
        re.compile(text)  # alone: "[0-9" followed by \Z would be a bad escape at position 4
    except re.error as error:
        problem = f"{text!r} is not a regular expression ({error})"
        raise DataFileError(path, f"identifiers.{name}.pattern", problem) from None
    return re.compile(f"(?:{text})\\Z")
