"""The words and code lists of rules/domain.yaml, in the form the reader's checks use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from compliance.datafiles import load_yaml
from compliance.findings import Localized
from compliance.model.calendar import SchoolCalendar


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
    data = load_yaml(path)
    identifiers = data["identifiers"]
    return Domain(
        calendar=SchoolCalendar.from_month_day(str(data["school_year"]["first_day"])),
        school_types={code: Localized(**names) for code, names in data["school_types"].items()},
        board_scheme=identifiers["board"]["scheme"],
        board_pattern=re.compile(identifiers["board"]["pattern"] + r"\Z"),
        school_pattern=re.compile(identifiers["school"]["pattern"] + r"\Z"),
        line_pattern=re.compile(identifiers["intervention_line"]["pattern"] + r"\Z"),
    )
