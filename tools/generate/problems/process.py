"""Problems in the professionalisation plan (PRB-001/002) and with other professionals
(ADW-001/002): process agreements and the hours cap.
"""

from __future__ import annotations

from decimal import Decimal

from tools.generate.baseline import hours_text
from tools.generate.draft import Workbench, YearDraft
from tools.generate.problems.base import Problem, answer_problem
from tools.generate.values import describe, not_true, set_fact, yes

HOURS = "OtherProfessionalsHoursPerMonth"
CONSULTED = "OtherProfessionalsCouncilConsulted"


def _has_prb_plan(bench: Workbench, draft: YearDraft) -> bool:
    return "prb" in draft.plans


def _conflicting_funds(bench: Workbench, draft: YearDraft) -> None:
    """Two different amounts received: both left out (FIL-003); without funds the plan's
    other rules do not judge it, and the funds rule says the funds are missing (PRB-003)."""
    funds = Decimal(str(draft.facts["ProfessionalisationFundsReceived"]))
    other = bench.rng.choice([f"{funds + Decimal('0.01'):.2f}", None])
    draft.duplicates["ProfessionalisationFundsReceived"] = other
    bench.expect_in(draft, "FIL-003", f"professionalisation funds {funds} and {describe(other)}")
    bench.expect_in(draft, "PRB-003", "funds left out, the process reported")


def _in_arrangement(rule: str):
    def applies(bench: Workbench, draft: YearDraft) -> bool:
        return bench.regime.rule_applies(rule, draft.school_type, draft.year)

    return applies


def _too_many_hours(bench: Workbench, draft: YearDraft) -> None:
    maximum = bench.regime.parameter("adw.max_hours_per_month", draft.year)
    over = bench.rng.choice([Decimal("0.25"), Decimal("0.5"), Decimal(bench.rng.randint(1, 20))])
    draft.facts[HOURS] = hours_text(maximum + over)
    draft.facts[CONSULTED] = yes(bench.rng, bench.profile.lexical_variety_share)
    bench.expect_in(draft, "ADW-001", f"{maximum + over} hours a month")


def _council_not_consulted(bench: Workbench, draft: YearDraft) -> None:
    if HOURS not in draft.facts:  # the arrangement is judged once hours are reported
        maximum = bench.regime.parameter("adw.max_hours_per_month", draft.year)
        hours = bench.rng.choice([Decimal(0), (maximum / 2).to_integral_value(), maximum])
        draft.facts[HOURS] = hours_text(hours)
    value = not_true(bench.rng)
    set_fact(draft.facts, CONSULTED, value)
    bench.expect_in(draft, "ADW-002", f"council consulted: {describe(value)}")


_ADW = frozenset({HOURS, CONSULTED})

PROBLEMS = (
    answer_problem(
        "PRB-001",
        "team consultation not held",
        "prb",
        _has_prb_plan,
        "ProfessionalisationTeamConsultationHeld",
        "team consultation held",
    ),
    answer_problem(
        "PRB-002",
        "no staff-council consent",
        "prb",
        _has_prb_plan,
        "ProfessionalisationStaffCouncilConsent",
        "staff-council consent",
    ),
    Problem(
        "FIL-003",
        "funds conflict",
        "year",
        "prb",
        _has_prb_plan,
        _conflicting_funds,
        touches=frozenset({"ProfessionalisationFundsReceived"}),
    ),
    Problem(
        "ADW-001",
        "too many hours",
        "year",
        "adw",
        _in_arrangement("ADW-001"),
        _too_many_hours,
        touches=_ADW,
    ),
    Problem(
        "ADW-002",
        "council not consulted",
        "year",
        "adw",
        _in_arrangement("ADW-002"),
        _council_not_consulted,
        touches=_ADW,
    ),
)
