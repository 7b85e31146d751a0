"""Problems in an NP Onderwijs plan (NPO-001..009) and structural problems on its facts.

The intervention rules interact, so each problem keeps the rest of the plan clear of them:
a line given a code off the menukaart (NPO-004) or a proven-ineffective one (NPO-005) always
leaves a substantive line standing (else NPO-006 would fire too); an "only preconditions"
plan (NPO-006) resets the external share below the signal; the external share is placed on
one side of each threshold exactly (NPO-007 up to and including the limit, NPO-008 above).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.generate.baseline import NPO_PLAN_CONCEPTS, npo_spending, set_external
from tools.generate.draft import Workbench, YearDraft
from tools.generate.problems.base import Problem, answer_problem
from tools.generate.values import (
    OMIT,
    cents,
    code_as_written,
    describe,
    money,
    set_fact,
    whole_hundreds,
)

SCHEME = "npo"
CODE = "NpoInterventionCode"
EXTERNAL = "NpoInterventionExternalSpending"
ONE_CENT = Decimal("0.01")


def _has_plan(bench: Workbench, draft: YearDraft) -> bool:
    return SCHEME in draft.plans


# -- intervention codes -----------------------------------------------------------------------


def _code(line: dict) -> str | None:
    code = line.get(CODE)
    return (code.strip().upper() or None) if isinstance(code, str) else None


def _victims(bench: Workbench, draft: YearDraft, count: int) -> list[int]:
    """Indices of up to ``count`` lines to spoil, keeping one substantive line untouched."""
    substantive = set(bench.regime.codes(draft.year, bench.regime.only_areas("NPO-006").forbidden))
    keep = bench.rng.choice([i for i, line in enumerate(draft.lines) if _code(line) in substantive])
    others = [i for i in range(len(draft.lines)) if i != keep]
    return sorted(bench.rng.sample(others, min(count, len(others))))


def _bad_code(bench: Workbench, draft: YearDraft) -> object:
    """A code NPO-004 must catch: invented, from another menukaart version, or none."""
    rng = bench.rng
    choices: list[object] = [
        *bench.profile.codes_not_on_menukaart,
        *bench.regime.codes_of_other_versions(draft.year),
        OMIT,
        None,
        "",
    ]
    code = rng.choice(choices)
    if isinstance(code, str) and code:
        return code_as_written(code, rng, bench.profile.lexical_variety_share)
    return code


def _put_code(line: dict, code: object) -> None:
    set_fact(line, CODE, code)


def _off_menukaart(bench: Workbench, draft: YearDraft) -> None:
    for index in _victims(bench, draft, bench.rng.choice([1, 1, 2])):
        code = _bad_code(bench, draft)
        _put_code(draft.lines[index], code)
        version = bench.regime.menukaart(draft.year).name
        bench.expect_in(draft, "NPO-004", f"code {describe(code)}, menukaart {version}", index + 1)


def _ineffective(bench: Workbench, draft: YearDraft) -> None:
    for index in _victims(bench, draft, bench.rng.choice([1, 1, 2])):
        code = bench.rng.choice(bench.regime.ineffective_codes)
        written = code_as_written(code, bench.rng, bench.profile.lexical_variety_share)
        _put_code(draft.lines[index], written)
        bench.expect_in(draft, "NPO-005", f"proven-ineffective code {written!r}", index + 1)


def _has_preconditions(bench: Workbench, draft: YearDraft) -> bool:
    areas = bench.regime.only_areas("NPO-006").required
    return _has_plan(bench, draft) and bool(bench.regime.codes(draft.year, areas))


def _only_preconditions(bench: Workbench, draft: YearDraft) -> None:
    """Every line in the precondition doelgebieden; now and then one more line whose code
    counts in no doelgebied (off the menukaart or ineffective), which is still "only F"."""
    rng, regime = bench.rng, bench.regime
    codes = regime.codes(draft.year, regime.only_areas("NPO-006").required)
    kept = rng.randint(1, 2)
    spoiled = rng.random() < 0.4
    draft.lines = draft.lines[: kept + int(spoiled)]
    for line in draft.lines[:kept]:
        line[CODE] = code_as_written(rng.choice(codes), rng, bench.profile.lexical_variety_share)
    bench.expect_in(draft, "NPO-006", f"{kept} line(s), all preconditions")
    if spoiled:
        number = kept + 1
        if rng.random() < 0.5:
            code = _bad_code(bench, draft)
            _put_code(draft.lines[-1], code)
            bench.expect_in(draft, "NPO-004", f"and a line with code {describe(code)}", number)
        else:
            code = rng.choice(regime.ineffective_codes)
            _put_code(draft.lines[-1], code)
            bench.expect_in(draft, "NPO-005", f"and a line with code {code}", number)
    _external_under_signal(bench, draft)


def _external_under_signal(bench: Workbench, draft: YearDraft) -> None:
    spending = npo_spending(draft)
    signal = bench.regime.parameter("npo.external_share.signal", draft.year)
    set_external(bench, draft, cents(spending * signal / 2))


# -- external share ---------------------------------------------------------------------------


def _share_thresholds(bench: Workbench, draft: YearDraft) -> tuple[Decimal, Decimal]:
    signal = bench.regime.parameter("npo.external_share.signal", draft.year)
    limit = bench.regime.parameter("npo.external_share.limit", draft.year)
    return signal, limit


def _external_between(
    bench: Workbench, draft: YearDraft, low: Decimal, high: Decimal, candidates: list[Decimal]
) -> Decimal:
    """The first candidate whose share is above ``low`` and at most ``high``."""
    spending = npo_spending(draft)
    bench.rng.shuffle(candidates)
    for external in candidates:
        if external == cents(external) and low < external / spending <= high:
            return external
    middle = cents(spending * (low + high) / 2)
    if not low < middle / spending <= high:
        raise ValueError(f"no external share between {low} and {high}")
    return middle


def _share_signalled(bench: Workbench, draft: YearDraft) -> None:
    signal, limit = _share_thresholds(bench, draft)
    spending = npo_spending(draft)
    inside = Decimal(str(round(bench.rng.uniform(0.05, 0.95), 2)))
    external = _external_between(
        bench,
        draft,
        signal,
        limit,
        [
            cents(spending * signal) + ONE_CENT,  # one cent over the signal
            spending * limit,  # exactly the limit is still only a signal
            cents(spending * (signal + (limit - signal) * inside)),
        ],
    )
    set_external(bench, draft, external)
    bench.expect_in(draft, "NPO-007", f"{external} of {spending} external")


def _share_outsourced(bench: Workbench, draft: YearDraft) -> None:
    _, limit = _share_thresholds(bench, draft)
    spending = npo_spending(draft)
    above = Decimal(str(round(bench.rng.uniform(0.05, 1), 2)))
    external = _external_between(
        bench,
        draft,
        limit,
        max(limit * 2, Decimal(1)),
        [
            cents(spending * limit) + ONE_CENT,  # one cent over the limit
            spending,  # everything outsourced
            cents(spending * (limit + (1 - limit) * above)),
        ],
    )
    set_external(bench, draft, external)
    bench.expect_in(draft, "NPO-008", f"{external} of {spending} external")


# -- labour-market allowance ------------------------------------------------------------------


def _not_on_allowance_list(bench: Workbench, draft: YearDraft) -> bool:
    judged = bench.regime.rule_applies("NPO-009", draft.school_type, draft.year)
    return judged and not draft.eligible


def _allowance_paid(bench: Workbench, draft: YearDraft) -> None:
    """Allowance paid at a school not on the list; sometimes without any NPO funds, which
    NPO-009 judges all the same (and then no other NPO rule can fire)."""
    rng = bench.rng
    paid = whole_hundreds(rng, bench.profile.allowance_paid) if rng.random() < 0.8 else ONE_CENT
    why = f"allowance {paid} paid, not on the list"
    if SCHEME in draft.plans and rng.random() < 0.3:
        if rng.random() < 0.5:
            draft.facts["NpoFundsReceived"] = "0.00"
            why += ", no NPO funds"
        else:
            for concept in NPO_PLAN_CONCEPTS:
                draft.facts.pop(concept, None)
            draft.lines = []
            why += ", no NPO plan"
        draft.plans.discard(SCHEME)
    draft.facts["LabourMarketAllowancePaid"] = f"{paid:.2f}"
    bench.expect_in(draft, "NPO-009", why)


# -- structural problems on NPO facts ---------------------------------------------------------


def _negative_external(bench: Workbench, draft: YearDraft) -> None:
    """A negative external amount on a line (FIL-004) is left out, so it counts as 0: the
    external share only drops."""
    index = bench.rng.randrange(len(draft.lines))
    line = draft.lines[index]
    amount = Decimal(str(line.get(EXTERNAL) or 0)) or Decimal(bench.rng.randint(1, 50) * 100)
    line[EXTERNAL] = "-" + money(amount, bench.rng, 0)
    bench.expect_in(draft, "FIL-004", f"external spending -{amount}", index + 1)


def _misspelt_line_concept(bench: Workbench, draft: YearDraft) -> None:
    index = bench.rng.randrange(len(draft.lines))
    concept = bench.rng.choice(bench.profile.misspelt_line_concepts)
    draft.lines[index][concept] = "1000.00"
    bench.expect_in(draft, "FIL-006", f"unknown concept {concept}", index + 1)


def _has_consent_date(bench: Workbench, draft: YearDraft) -> bool:
    return "NpoCouncilConsentDate" in draft.facts


def _consent_date_dutch(bench: Workbench, draft: YearDraft) -> None:
    day = str(draft.facts["NpoCouncilConsentDate"])
    written = "-".join(reversed(day.split("-")))
    draft.facts["NpoCouncilConsentDate"] = written
    bench.expect_in(draft, "FIL-001", f"council consent date written {written}")


def _consent_late(bench: Workbench, draft: YearDraft) -> None:
    """Council consent dated after the school year's last day (NPO-010)."""
    day = draft.year.last_day + timedelta(days=bench.rng.choice([1, 31, 200]))
    draft.facts["NpoCouncilConsentDate"] = day.isoformat()
    bench.expect_in(draft, "NPO-010", f"council consent on {day}")


def _funds_missing(bench: Workbench, draft: YearDraft) -> None:
    """The programme reported without its funds (NPO-011); no other NPO rule judges it."""
    value = bench.rng.choice([None, OMIT])
    set_fact(draft.facts, "NpoFundsReceived", value)
    bench.expect_in(draft, "NPO-011", f"NPO funds {describe(value)}")


def _problem(rule: str, name: str, applies, plant, *touches: str) -> Problem:
    return Problem(rule, name, "year", SCHEME, applies, plant, touches=frozenset(touches))


PROBLEMS = (
    answer_problem(
        "NPO-001",
        "no school scan",
        SCHEME,
        _has_plan,
        "NpoSchoolScanCompleted",
        "school scan completed",
    ),
    answer_problem(
        "NPO-002", "team not involved", SCHEME, _has_plan, "NpoTeamInvolved", "team involved"
    ),
    answer_problem(
        "NPO-003", "no council consent", SCHEME, _has_plan, "NpoCouncilConsent", "council consent"
    ),
    _problem("NPO-004", "off the menukaart", _has_plan, _off_menukaart, CODE),
    _problem("NPO-005", "proven ineffective", _has_plan, _ineffective, CODE),
    # lines dropped and external spending moved: it may touch anything of the plan
    Problem(
        "NPO-006", "only preconditions", "year", SCHEME, _has_preconditions, _only_preconditions
    ),
    _problem("NPO-007", "external share signalled", _has_plan, _share_signalled, EXTERNAL),
    _problem("NPO-008", "external share over limit", _has_plan, _share_outsourced, EXTERNAL),
    # may drop the whole NPO plan
    Problem(
        "NPO-009", "allowance not eligible", "year", SCHEME, _not_on_allowance_list, _allowance_paid
    ),
    _problem("FIL-004", "negative external", _has_plan, _negative_external, EXTERNAL),
    _problem("FIL-006", "misspelt line concept", _has_plan, _misspelt_line_concept),
    _problem(
        "FIL-001",
        "date in Dutch order",
        _has_consent_date,
        _consent_date_dutch,
        "NpoCouncilConsentDate",
    ),
    Problem("NPO-010", "council consent late", "year", SCHEME, _has_plan, _consent_late),
    Problem("NPO-011", "NPO funds missing", "year", SCHEME, _has_plan, _funds_missing),
)
