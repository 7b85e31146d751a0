"""Problems in a workload-funds plan (WDM-001..006), and structural problems on its facts
whose effect on the rules is part of what they must cause.

Each works on a compliant plan (funds above zero, both answers true, consent after the
consultation and within the school year, spending within the tolerance) and breaks exactly
one thing, so the findings it states are all the plan gives.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tools.generate.baseline import WORKLOAD_CATEGORIES, write_workload_spending
from tools.generate.draft import Workbench, YearDraft
from tools.generate.problems.base import Problem, answer_problem
from tools.generate.values import cents

SCHEME = "wdm"
FUNDS = "WorkloadFundsReceived"
CONSENT = "WorkloadStaffCouncilConsent"
CONSENT_DATE = "WorkloadStaffCouncilConsentDate"
CONSULTATION_DATE = "WorkloadTeamConsultationDate"


def _problem(rule: str, name: str, plant, *touches: str) -> Problem:
    return Problem(rule, name, "year", SCHEME, _has_plan, plant, touches=frozenset(touches))


def _has_plan(bench: Workbench, draft: YearDraft) -> bool:
    return SCHEME in draft.plans


def _consent_before_consultation(bench: Workbench, draft: YearDraft) -> None:
    consulted = date.fromisoformat(draft.facts["WorkloadTeamConsultationDate"])
    consent = consulted - timedelta(days=bench.rng.randint(1, 20))
    draft.facts["WorkloadStaffCouncilConsentDate"] = consent.isoformat()
    bench.expect_in(draft, "WDM-003", f"consent {consent} before consultation {consulted}")


def _consent_after_school_year(bench: Workbench, draft: YearDraft) -> None:
    late = 1 if bench.rng.random() < 0.3 else bench.rng.randint(2, 90)
    consent = draft.year.last_day + timedelta(days=late)
    draft.facts["WorkloadStaffCouncilConsentDate"] = consent.isoformat()
    bench.expect_in(draft, "WDM-004", f"consent on {consent}, after the school year")


def _no_spending(bench: Workbench, draft: YearDraft) -> None:
    nil = bench.rng.random() < 0.3
    for concept in WORKLOAD_CATEGORIES:
        draft.facts.pop(concept, None)
        if nil:
            draft.facts[concept] = None
    bench.expect_in(draft, "WDM-005", "every spending category nil" if nil else "no spending")


def _spending_off(bench: Workbench, draft: YearDraft) -> None:
    funds = Decimal(str(draft.facts["WorkloadFundsReceived"]))
    tolerance = bench.regime.parameter("wdm.spending_tolerance", draft.year)
    total = _deviating_total(bench, funds, tolerance)
    write_workload_spending(bench, draft.facts, total)
    bench.expect_in(draft, "WDM-006", f"spent {total} of {funds} received")


def _deviating_total(bench: Workbench, funds: Decimal, tolerance: Decimal) -> Decimal:
    """A spending total more than ``tolerance`` away from ``funds`` (one cent, or far)."""
    rng = bench.rng
    candidates = [
        cents(funds * (1 + tolerance)) + Decimal("0.01"),
        cents(funds * (1 - tolerance)) - Decimal("0.01"),
        cents(funds * (1 + tolerance + Decimal(str(round(rng.uniform(0.02, 0.6), 2))))),
        cents(funds * (1 - tolerance - Decimal(str(round(rng.uniform(0.02, 0.6), 2))))),
        Decimal(0),
    ]
    rng.shuffle(candidates)
    for total in candidates:
        if total >= 0 and abs(total - funds) > tolerance * funds:
            return total
    return cents(funds * (2 + tolerance))


def _conflicting_consent(bench: Workbench, draft: YearDraft) -> None:
    """Consent reported true and false: both facts are left out (FIL-003), so consent is
    not reported and the rule on it fires too."""
    draft.duplicates["WorkloadStaffCouncilConsent"] = False
    why = "consent reported true and false"
    bench.expect_in(draft, "FIL-003", why)
    bench.expect_in(draft, "WDM-002", why + ", so not reported")


def _funds_with_separators(bench: Workbench, draft: YearDraft) -> None:
    """Funds written 61.000,00: not an amount (FIL-001); without funds the plan's other
    rules do not judge it, and the funds rule says the funds are missing (WDM-007)."""
    funds = int(Decimal(str(draft.facts["WorkloadFundsReceived"])))
    written = f"{funds:,}".replace(",", ".") + ",00"
    draft.facts["WorkloadFundsReceived"] = written
    bench.expect_in(draft, "FIL-001", f"workload funds written {written}")
    bench.expect_in(draft, "WDM-007", "funds left out, the process reported")


def _impossible_date(bench: Workbench, draft: YearDraft) -> None:
    written = f"{draft.year.last_day.year}-02-30"
    draft.facts["WorkloadTeamConsultationDate"] = written
    bench.expect_in(draft, "FIL-001", f"consultation date {written}")


PROBLEMS = (
    answer_problem(
        "WDM-001",
        "team consultation not held",
        SCHEME,
        _has_plan,
        "WorkloadTeamConsultationHeld",
        "team consultation held",
    ),
    answer_problem(
        "WDM-002",
        "no staff-council consent",
        SCHEME,
        _has_plan,
        "WorkloadStaffCouncilConsent",
        "staff-council consent",
    ),
    _problem("WDM-003", "consent first", _consent_before_consultation, CONSENT_DATE),
    _problem("WDM-004", "consent late", _consent_after_school_year, CONSENT_DATE),
    _problem("WDM-005", "no spending", _no_spending, *WORKLOAD_CATEGORIES),
    _problem("WDM-006", "spending off", _spending_off, *WORKLOAD_CATEGORIES),
    _problem("FIL-003", "consent conflict", _conflicting_consent, CONSENT),
    _problem("FIL-001", "funds 61.000,00", _funds_with_separators, FUNDS),
    _problem("FIL-001", "impossible date", _impossible_date, CONSULTATION_DATE),
)
