"""A board while it is being generated: plain mutable drafts that problems edit, turned into
the instance writer's board description at the end.

A draft also remembers what the ground truth needs: which schemes' plans the compliant
baseline reports, which problem slots are taken (at most one problem per school, school
year and scheme), and the findings planted so far.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from compliance.model.calendar import SchoolYear
from tools.generate.cases import CaseBook
from tools.generate.profile import Profile
from tools.generate.regime import Regime
from tools.generate.truth import ExpectedFinding

if TYPE_CHECKING:  # problems work on drafts; a draft only holds them
    from tools.generate.problems.base import Problem


@dataclass
class YearDraft:
    """One school's facts in one school year."""

    brin: str
    school_type: str
    year: SchoolYear
    facts: dict[str, object] = field(default_factory=dict)
    lines: list[dict[str, object]] = field(default_factory=list)
    duplicates: dict[str, object] = field(default_factory=dict)
    plans: set[str] = field(default_factory=set)  # schemes the baseline reports a plan of
    eligible: bool = False  # on the labour-market allowance list this year
    guarded: set[str] = field(default_factory=set)  # schemes whose plan is a guard case
    unguarded: set[str] = field(default_factory=set)  # rules no guard case could cover here

    def as_spec(self) -> dict:
        return {"facts": self.facts, "lines": self.lines, "duplicates": self.duplicates}


@dataclass
class SchoolDraft:
    brin: str
    school_type: str | None  # None: SchoolType not reported
    name: str
    years: list[YearDraft]
    period: dict | None = None  # contexts with another period than the school year

    @property
    def guarded(self) -> set[str]:
        return set().union(*(draft.guarded for draft in self.years))

    def as_spec(self) -> dict:
        spec = {
            "brin": self.brin,
            "type": self.school_type,
            "name": self.name,
            "years": {draft.year.label: draft.as_spec() for draft in self.years},
        }
        if self.period is not None:
            spec["period"] = self.period
        return spec


@dataclass
class BoardDraft:
    number: str  # bestuursnummer as written
    name: str
    years: list[SchoolYear]
    schools: list[SchoolDraft] = field(default_factory=list)
    extra_xml: list[str] = field(default_factory=list)
    findings: list[ExpectedFinding] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)  # "RULE: problem name", one per problem
    board_valid: bool = True  # False when a problem made the bestuursnummer malformed

    @property
    def guarded(self) -> set[str]:
        return set().union(*(school.guarded for school in self.schools))

    def as_spec(self) -> dict:
        return {
            "board": self.number,
            "name": self.name,
            "schools": [school.as_spec() for school in self.schools],
            "extra_xml": "\n  ".join(self.extra_xml),
        }


@dataclass
class Setting:
    """Everything a generated board depends on besides its own random draws."""

    regime: Regime
    profile: Profile
    seed: int
    rate: float
    rules: frozenset[str]  # problems are planted only for these rules
    eligible: Callable[[str, str], bool]  # (school year label, BRIN) → on the allowance list
    cases: CaseBook  # plants and guards from the rules' own cases
    problems: tuple[Problem, ...]  # hand-written ones, then those from cases


@dataclass
class Workbench:
    """What a problem works with: the setting, the board's random generator, and the board
    (for board-wide XML and the findings)."""

    setting: Setting
    rng: random.Random
    board: BoardDraft

    @property
    def regime(self) -> Regime:
        return self.setting.regime

    @property
    def profile(self) -> Profile:
        return self.setting.profile

    def expect(
        self,
        rule: str,
        why: str,
        school: str | None = None,
        year: SchoolYear | None = None,
        line: int | None = None,
    ) -> None:
        """Record a finding the filing must give; its severity is the catalogue's for the
        school year (NPO-003 is a warning in 2021/22 and a violation later)."""
        severity = self.regime.severity(rule, year)
        label = year.label if year is not None else None
        self.board.findings.append(ExpectedFinding(rule, severity, school, label, line, why))

    def expect_in(self, draft: YearDraft, rule: str, why: str, line: int | None = None) -> None:
        self.expect(rule, why, draft.brin, draft.year, line)
