"""What the rule catalogue says a generated plan must respect, asked the way the generator
asks it: which rules hold for this school type and school year, the parameter values in force
then, the menukaart version and its codes, each rule's severity.

Nothing here is a copy of a threshold, date or code list: all of it is read from the loaded
catalogue, so a corpus generated for a changed catalogue follows the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from compliance.model.calendar import SchoolYear
from compliance.rules.catalogue import Catalogue
from compliance.rules.conditions import AllOf, Comparison
from compliance.rules.reference import MenukaartVersion

_LINES_FIELD = "menukaart_lines_"


@dataclass(frozen=True)
class OnlyAreas:
    """The doelgebieden of a plan that breaks the "not only preconditions" rule: lines in
    ``required`` and none in ``forbidden`` (read from that rule's condition)."""

    required: frozenset[str]
    forbidden: frozenset[str]


class Regime:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.school_types = tuple(catalogue.domain.school_types)
        self.calendar = catalogue.domain.calendar
        self.ineffective_codes = tuple(sorted(catalogue.menukaart.ineffective))

    # -- time -------------------------------------------------------------------------------

    def years(self) -> list[SchoolYear]:
        """Every school year some scheme speaks about: from the first scheme's start to the
        last scheme's end (or the last start, when every scheme is open-ended)."""
        firsts = [s.period.first for s in self.catalogue.schemes.values() if s.period.first]
        lasts = [s.period.last for s in self.catalogue.schemes.values() if s.period.last]
        first = self.calendar.year_containing(min(firsts))
        last = self.calendar.year_containing(max(lasts + firsts))
        return [
            self.calendar.year_starting(start)
            for start in range(first.first_day.year, last.first_day.year + 1)
        ]

    # -- rules and schemes ------------------------------------------------------------------

    def rule_applies(self, rule_id: str, school_type: str, year: SchoolYear) -> bool:
        rule = self.catalogue.rules[rule_id]
        return school_type in rule.types and rule.period.contains(year.first_day)

    def scheme_applies(self, scheme_id: str, school_type: str, year: SchoolYear) -> bool:
        scheme = self.catalogue.schemes[scheme_id]
        return school_type in scheme.types and scheme.period.contains(year.first_day)

    def severity(self, rule_id: str, year: SchoolYear | None) -> str:
        day = year.first_day if year is not None else date.min
        return self.catalogue.rules[rule_id].severity_on(day)

    def parameter(self, name: str, year: SchoolYear) -> Decimal:
        value = self.catalogue.parameters[name].values.at(year.first_day)
        if value is None:
            raise ValueError(f"parameter {name} has no value in {year.label}")
        return value

    # -- menukaart --------------------------------------------------------------------------

    def menukaart(self, year: SchoolYear) -> MenukaartVersion | None:
        return self.catalogue.menukaart.version_on(year.first_day)

    def codes(self, year: SchoolYear, areas: frozenset[str]) -> list[str]:
        """Codes on the year's menukaart version in the given doelgebieden, sorted."""
        version = self.menukaart(year)
        if version is None:
            return []
        return sorted(code for code, area in version.doelgebied_of.items() if area in areas)

    def areas(self) -> frozenset[str]:
        return frozenset(self.catalogue.menukaart.doelgebieden)

    def codes_of_other_versions(self, year: SchoolYear) -> list[str]:
        """Codes some menukaart version has and this year's has not (B10 in 2021/22)."""
        version = self.menukaart(year)
        here = set(version.doelgebied_of) if version else set()
        elsewhere: set[str] = set()
        for _, other in self.catalogue.menukaart.versions.entries:
            elsewhere |= set(other.doelgebied_of)
        return sorted(elsewhere - here - set(self.ineffective_codes))

    def only_areas(self, rule_id: str) -> OnlyAreas:
        """Read "lines in F and none in A to E" from the rule's condition."""
        condition = self.catalogue.rules[rule_id].when
        parts = condition.parts if isinstance(condition, AllOf) else (condition,)
        required, forbidden = set(), set()
        for part in parts:
            if not (isinstance(part, Comparison) and part.field.startswith(_LINES_FIELD)):
                raise ValueError(f"{rule_id}: cannot read doelgebieden from its condition")
            area = part.field.removeprefix(_LINES_FIELD).upper()
            if part.op == ">" and part.value == 0:
                required.add(area)
            elif part.op == "==" and part.value == 0:
                forbidden.add(area)
            else:
                raise ValueError(f"{rule_id}: cannot read doelgebieden from {part}")
        return OnlyAreas(frozenset(required), frozenset(forbidden))
