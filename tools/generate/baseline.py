"""The compliant plans of one school in one school year: what a board that does everything
right reports. Problems are planted on top of this afterwards.

Each scheme's plan is reported only when the catalogue says the scheme covers the school's
type and the school year. Every value keeps clear of the rules' thresholds, except for a
share of them written exactly on the boundary (still compliant: the comparisons are strict).
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

from compliance.model.calendar import SchoolYear
from tools.generate.draft import Workbench, YearDraft
from tools.generate.values import (
    cents,
    code_as_written,
    day_in,
    money,
    whole_hundreds,
    yes,
)

WRITTEN_FOR = frozenset({"WDM-007", "PRB-003"})
"""Rules without a hand-written problem that this baseline is still written to respect (a
plan it reports always reports its funds); they are planted from their cases. Any other rule
without a hand-written problem the baseline guards with its quiet cases (``_guard``)."""

# The school-level facts of an NPO plan (its lines come besides).
NPO_PLAN_CONCEPTS = (
    "NpoFundsReceived",
    "NpoSchoolScanCompleted",
    "NpoTeamInvolved",
    "NpoCouncilConsent",
    "NpoCouncilConsentDate",
)
WORKLOAD_CATEGORIES = (
    "WorkloadSpendingPersonnel",
    "WorkloadSpendingMaterials",
    "WorkloadSpendingProfessionalisation",
    "WorkloadSpendingOther",
)


def compliant_year(
    bench: Workbench, brin: str, school_type: str, year: SchoolYear, pupils: int
) -> YearDraft:
    draft = YearDraft(brin, school_type, year, eligible=bench.setting.eligible(year.label, brin))
    draft.facts["PupilCount"] = pupils
    regime = bench.regime
    if regime.scheme_applies("wdm", school_type, year):
        _workload(bench, draft)
    reports = bench.rng.random() < bench.profile.professionalisation_share
    if regime.scheme_applies("prb", school_type, year) and reports:
        _professionalisation(bench, draft)
    if regime.scheme_applies("npo", school_type, year):
        _npo(bench, draft)
    _allowance(bench, draft)
    uses = bench.rng.random() < bench.profile.other_professionals_share
    if regime.scheme_applies("adw", school_type, year) and uses:
        _other_professionals(bench, draft)
    _guard(bench, draft)
    return draft


def _guard(bench: Workbench, draft: YearDraft) -> None:
    """Where a rule this baseline was not written for applies, give what it reads the values
    of one of its quiet cases (see ``cases.Guard``); where none fits, say so. Draws nothing
    when the baseline is written for every rule of the catalogue."""
    regime = bench.regime
    for scheme, guard in bench.setting.cases.guards.items():
        draft.unguarded.update(
            r for r in guard.unguardable if regime.rule_applies(r, draft.school_type, draft.year)
        )
        applying = [r for r in guard.rules if regime.rule_applies(r, draft.school_type, draft.year)]
        if not applying:
            continue
        fitting = bench.setting.cases.fitting(guard.cases, draft.school_type, draft.year)
        if not fitting:
            draft.unguarded.update(applying)
            continue
        case, years = bench.rng.choice(fitting)
        draft.lines = bench.setting.cases.put(case, years, draft.facts, draft.lines, guard.concepts)
        draft.guarded.add(scheme)


def _boundary(bench: Workbench) -> bool:
    return bench.rng.random() < bench.profile.boundary_share


def _money(bench: Workbench, value: Decimal) -> str:
    return money(value, bench.rng, bench.profile.lexical_variety_share)


def _yes(bench: Workbench) -> object:
    return yes(bench.rng, bench.profile.lexical_variety_share)


# -- workload funds ---------------------------------------------------------------------------


def _workload(bench: Workbench, draft: YearDraft) -> None:
    rng, facts, year = bench.rng, draft.facts, draft.year
    tolerance = bench.regime.parameter("wdm.spending_tolerance", year)
    funds = whole_hundreds(rng, bench.profile.workload_funds)
    consulted = day_in(rng, year.first_day + timedelta(days=14), 75)
    consent = consulted + timedelta(days=rng.randint(1, 45))
    if _boundary(bench):  # consent on the day of the consultation, or on the last day
        consent = rng.choice([consulted, year.last_day])
    facts["WorkloadFundsReceived"] = _money(bench, funds)
    facts["WorkloadTeamConsultationHeld"] = _yes(bench)
    facts["WorkloadTeamConsultationDate"] = consulted.isoformat()
    facts["WorkloadStaffCouncilConsent"] = _yes(bench)
    facts["WorkloadStaffCouncilConsentDate"] = consent.isoformat()
    write_workload_spending(bench, facts, _compliant_total(bench, funds, tolerance))
    facts["WorkloadNonFinancialMeasures"] = rng.choice(bench.profile.workload_measures)
    draft.plans.add("wdm")


def _compliant_total(bench: Workbench, funds: Decimal, tolerance: Decimal) -> Decimal:
    """Spending within the tolerance of the funds; now and then exactly on it."""
    if _boundary(bench):
        total = funds * (1 + bench.rng.choice([tolerance, -tolerance]))
        if total == cents(total) and total >= 0:
            return total
    deviation = Decimal(str(round(bench.rng.uniform(-1, 1), 3))) * tolerance / 2
    total = (funds * (1 + deviation)).to_integral_value()
    return total if abs(total - funds) <= tolerance * funds else funds


def write_workload_spending(bench: Workbench, facts: dict[str, object], total: Decimal) -> None:
    """Report ``total`` spent, mostly on personnel, over two to four categories."""
    rng = bench.rng
    for concept in WORKLOAD_CATEGORIES:
        facts.pop(concept, None)
    share = Decimal(str(round(rng.uniform(*_span(bench.profile.workload_personnel_share)), 3)))
    personnel = cents(total * share)
    rest = total - personnel
    materials = cents(rest * Decimal(str(round(rng.uniform(0.2, 0.8), 2))))
    facts["WorkloadSpendingPersonnel"] = _money(bench, personnel)
    facts["WorkloadSpendingMaterials"] = _money(bench, materials)
    if rng.random() < 0.5:
        facts["WorkloadSpendingProfessionalisation"] = _money(bench, rest - materials)
    else:
        facts["WorkloadSpendingOther"] = _money(bench, rest - materials)
        if rng.random() < 0.3:  # nil counts as not reported: the sum is unchanged
            facts["WorkloadSpendingProfessionalisation"] = None


def _span(span) -> tuple[float, float]:
    return span.min, span.max


# -- professionalisation ----------------------------------------------------------------------


def _professionalisation(bench: Workbench, draft: YearDraft) -> None:
    funds = whole_hundreds(bench.rng, bench.profile.professionalisation_funds)
    draft.facts["ProfessionalisationFundsReceived"] = _money(bench, funds)
    draft.facts["ProfessionalisationTeamConsultationHeld"] = _yes(bench)
    draft.facts["ProfessionalisationStaffCouncilConsent"] = _yes(bench)
    draft.plans.add("prb")


# -- NP Onderwijs -----------------------------------------------------------------------------


def _npo(bench: Workbench, draft: YearDraft) -> None:
    rng, facts, year = bench.rng, draft.facts, draft.year
    funds = whole_hundreds(rng, bench.profile.npo_funds)
    facts["NpoFundsReceived"] = _money(bench, funds)
    facts["NpoSchoolScanCompleted"] = _yes(bench)
    facts["NpoTeamInvolved"] = _yes(bench)
    facts["NpoCouncilConsent"] = _yes(bench)
    consent = day_in(rng, year.first_day + timedelta(days=30), 90)
    facts["NpoCouncilConsentDate"] = consent.isoformat()
    draft.lines = _npo_lines(bench, year, funds)
    spending = npo_spending(draft)
    signal = bench.regime.parameter("npo.external_share.signal", year)
    external = cents(spending * signal * Decimal(str(round(rng.uniform(0, 0.95), 2))))
    if _boundary(bench) and spending * signal == cents(spending * signal):
        external = spending * signal  # exactly the signal share: no finding
    set_external(bench, draft, external)
    draft.plans.add("npo")


def _npo_lines(bench: Workbench, year: SchoolYear, funds: Decimal) -> list[dict[str, object]]:
    """As many interventions as the profile says, from the year's menukaart: mostly in the
    substantive doelgebieden (at least two), sometimes one precondition besides."""
    rng, regime = bench.rng, bench.regime
    areas = regime.only_areas("NPO-006")
    substantive = regime.codes(year, areas.forbidden)
    preconditions = regime.codes(year, areas.required)
    count = rng.randint(int(bench.profile.npo_lines.min), int(bench.profile.npo_lines.max))
    extra = 1 if preconditions and rng.random() < 0.3 else 0
    codes = _pick(rng, substantive, count - extra) + _pick(rng, preconditions, extra)
    rng.shuffle(codes)
    total = (funds * Decimal(str(round(rng.uniform(0.8, 1.0), 2)))).to_integral_value()
    names = regime.menukaart(year).names
    return [
        {
            "NpoInterventionCode": code_as_written(code, rng, bench.profile.lexical_variety_share),
            "NpoInterventionDescription": (
                f"{names.get(code, code)} {rng.choice(bench.profile.intervention_details)}"
            ),
            "NpoInterventionSpending": _money(bench, amount),
        }
        for code, amount in zip(codes, _split(rng, total, len(codes)), strict=True)
    ]


def _pick(rng, codes: list[str], count: int) -> list[str]:
    if count <= len(codes):
        return rng.sample(codes, count)
    return [rng.choice(codes) for _ in range(count)]


def _split(rng, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` amounts of whole hundreds, each at least 100."""
    units = max(int(total) // 100, parts)
    cuts = sorted(rng.sample(range(1, units), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, units]
    return [Decimal((high - low) * 100) for low, high in itertools.pairwise(bounds)]


def npo_spending(draft: YearDraft) -> Decimal:
    return sum((Decimal(str(line["NpoInterventionSpending"])) for line in draft.lines), Decimal(0))


def set_external(bench: Workbench, draft: YearDraft, external: Decimal) -> None:
    """Spread ``external`` over the lines in random order, each line up to its own spending
    (what is left beyond all spending goes to the last line); a line without external
    spending reports 0 or leaves it out (both count as 0)."""
    rng = bench.rng
    remaining = external
    order = rng.sample(range(len(draft.lines)), len(draft.lines))
    for position, index in enumerate(order):
        line = draft.lines[index]
        share = min(remaining, Decimal(str(line["NpoInterventionSpending"])))
        if position == len(order) - 1:
            share = remaining
        remaining -= share
        if share > 0 or rng.random() < 0.7:
            line["NpoInterventionExternalSpending"] = _money(bench, share)
        else:
            line.pop("NpoInterventionExternalSpending", None)


def _allowance(bench: Workbench, draft: YearDraft) -> None:
    """An eligible school pays the labour-market allowance; others pay none."""
    if not bench.regime.rule_applies("NPO-009", draft.school_type, draft.year):
        return
    if draft.eligible:
        paid = whole_hundreds(bench.rng, bench.profile.allowance_paid)
        draft.facts["LabourMarketAllowancePaid"] = _money(bench, paid)
    elif "npo" in draft.plans and bench.rng.random() < 0.5:
        draft.facts["LabourMarketAllowancePaid"] = "0.00"


# -- other professionals ----------------------------------------------------------------------


def _other_professionals(bench: Workbench, draft: YearDraft) -> None:
    maximum = bench.regime.parameter("adw.max_hours_per_month", draft.year)
    low = min(Decimal(4), maximum)
    hours = Decimal(bench.rng.randint(int(low * 2), int(maximum * 2))) / 2
    if _boundary(bench):
        hours = maximum  # exactly the maximum is allowed
    draft.facts["OtherProfessionalsHoursPerMonth"] = hours_text(hours)
    draft.facts["OtherProfessionalsCouncilConsulted"] = _yes(bench)
    draft.plans.add("adw")


def hours_text(hours: Decimal) -> str:
    return format(hours.normalize(), "f")
