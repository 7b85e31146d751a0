"""School years: 1 August to 31 July, with the first day taken from rules/domain.yaml."""

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import NamedTuple

from compliance.model.values import INVALID, parse_date

# A school year's label: two four-digit calendar years, ASCII digits only (str.isdigit would
# take other scripts' digits and ``²``, which int() then refuses).
_LABEL = re.compile(r"([0-9]{4})-([0-9]{4})")


class SchoolYear(NamedTuple):
    """One school year, ordered by its first day; written ``2022-2023``."""

    first_day: date

    @property
    def label(self) -> str:
        return f"{self.first_day.year}-{self.first_day.year + 1}"

    @property
    def last_day(self) -> date:
        return _same_day_next_year(self.first_day) - timedelta(days=1)

    def __str__(self) -> str:
        return self.label


def _same_day_next_year(day: date) -> date:
    return day.replace(year=day.year + 1)


def _has_last_day(first_day: date) -> bool:
    """A school year starting 9999-08-01 ends in 10000, past the last date Python (and an
    ``xs:date`` with a four-digit year, as filings write them) can hold: no context is it."""
    try:
        _same_day_next_year(first_day)
    except ValueError:  # year 10000 is out of range
        return False
    return True


class SchoolCalendar(NamedTuple):
    """Knows the month and day school years begin on; turns periods and labels into years.
    A named tuple rather than a frozen dataclass: defined in a seventh of the time, which
    every cold start pays."""

    first_month: int
    first_day: int

    def year_starting(self, calendar_year: int) -> SchoolYear:
        return SchoolYear(date(calendar_year, self.first_month, self.first_day))

    def year_of_period(self, start: str | None, end: str | None) -> SchoolYear | None:
        """The school year a duration covers exactly, or None when it covers anything else."""
        if not start or not end:
            return None
        first, last = parse_date(start), parse_date(end)
        if first is INVALID or last is INVALID:
            return None
        if not self._starts_a_year(first.year):
            return None
        year = self.year_starting(first.year)
        if year.first_day != first or year.last_day != last:
            return None
        return year

    def year_of_label(self, label: str) -> SchoolYear | None:
        """``2022-2023`` → that school year; None for anything else."""
        match = _LABEL.fullmatch(label.strip())
        if match is None or int(match[2]) != int(match[1]) + 1:
            return None
        if not self._starts_a_year(int(match[1])):
            return None
        return self.year_starting(int(match[1]))

    def _starts_a_year(self, calendar_year: int) -> bool:
        """Whether a whole school year starting in ``calendar_year`` has dates: year 0 and
        years from 10000 on have none, nor does 9999's school year its last day."""
        if not MINYEAR <= calendar_year <= MAXYEAR:
            return False
        return _has_last_day(date(calendar_year, self.first_month, self.first_day))

    def year_containing(self, day: date) -> SchoolYear:
        year = self.year_starting(day.year)
        return year if day >= year.first_day else self.year_starting(day.year - 1)
