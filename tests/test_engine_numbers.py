"""Every kind of number the reader accepts, judged by durable-rules without a crash and with
the answer exact decimal arithmetic gives (issue: values that crashed the engine; rules:
exact comparisons).

Hypothesis draws boards whose schools carry random amounts (0 to 18 integer digits, 0 to 30
decimals) and ratios placed on, just under and just over every threshold. Each board is
judged in a child process, so a segfault or abort in the C engine fails the test with its
exit status instead of taking pytest down. The expected answer is computed here from the
contract's definitions with Fractions, independently of the tool's own arithmetic.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import ENGINES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
YEAR = "2022-2023"


def _parameter(name: str) -> Fraction:
    first_day = CATALOGUE.domain.calendar.year_of_label(YEAR).first_day
    return Fraction(CATALOGUE.parameters_on(first_day)[name])


MAX_HOURS = _parameter("adw.max_hours_per_month")
TOLERANCE = _parameter("wdm.spending_tolerance")
SIGNAL = _parameter("npo.external_share.signal")
LIMIT = _parameter("npo.external_share.limit")
WATCHED = ("ADW-001", "WDM-006", "NPO-007", "NPO-008")

CHILD = """
import json, sys
from compliance.authoring.instance_writer import write_instance
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.rules.catalogue import load_catalogue

spec = json.load(sys.stdin)
checker = Checker(load_catalogue(), make_engine(sys.argv[1]))
result = checker.check_bytes(write_instance(spec, checker.taxonomy), "numbers.xbrl")
fired = {}
for finding in result.findings:
    fired.setdefault(finding.school, []).append(finding.rule)
print(json.dumps({"status": result.status, "fired": fired}))
"""


# -- numbers as a filer may write them ---------------------------------------------------------


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


@st.composite
def decimals(draw, max_integer_digits: int = 18) -> Decimal:
    """A non-negative xs:decimal with up to 18 integer digits and up to 30 decimals."""
    integer = draw(_digits(draw(st.integers(0, max_integer_digits)))) or "0"
    fraction = draw(_digits(draw(st.integers(0, 30))))
    return Decimal(f"{integer}.{fraction}" if fraction else integer)


def _near(value: Fraction, places: int) -> st.SearchStrategy[Decimal]:
    """A decimal with ``places`` decimals on, just under or just over ``value``."""
    units = round(value * 10**places)  # ``value`` in steps of 10**-places
    return st.sampled_from([units - 1, units, units + 1]).map(
        lambda n: _fixed(max(n, 0), places)
    )


def _fixed(units: int, places: int) -> Decimal:
    """``units`` × 10**-places, built as text so that no decimal context rounds it."""
    digits = str(units).rjust(places + 1, "0")
    return Decimal(f"{digits[:-places]}.{digits[-places:]}" if places else digits)


@st.composite
def school_case(draw) -> dict:
    """One school's numbers: hours, workload funds and spending, one NPO line."""
    places = draw(st.integers(0, 30))
    hours = draw(st.one_of(decimals(3), _near(MAX_HOURS, places)))
    funds = draw(decimals(17).filter(lambda d: d > 0))
    ratio = draw(st.sampled_from([1 + TOLERANCE, 1 - TOLERANCE, Fraction(1)]))
    spent = draw(st.one_of(decimals(), _near(Fraction(funds) * ratio, places)))
    spending = draw(decimals(17).filter(lambda d: d > 0))
    share = draw(st.sampled_from([SIGNAL, LIMIT, Fraction(0), Fraction(1)]))
    external = draw(st.one_of(decimals(), _near(Fraction(spending) * share, places)))
    return {"hours": hours, "funds": funds, "spent": spent, "spending": spending,
            "external": external}


def _text(number: Decimal) -> str:
    return format(number, "f")


def _brin(index: int) -> str:
    return f"{index // 26:02d}{chr(65 + index % 26)}A"


def _board(cases: list[dict]) -> dict:
    schools = []
    for index, case in enumerate(cases):
        facts = {
            "OtherProfessionalsHoursPerMonth": _text(case["hours"]),
            "OtherProfessionalsCouncilConsulted": True,
            "WorkloadFundsReceived": _text(case["funds"]),
            "WorkloadTeamConsultationHeld": True,
            "WorkloadStaffCouncilConsent": True,
            "WorkloadSpendingPersonnel": _text(case["spent"]),
            "NpoFundsReceived": "80000",
            "NpoSchoolScanCompleted": True,
            "NpoTeamInvolved": True,
            "NpoCouncilConsent": True,
        }
        line = {
            "NpoInterventionCode": "B3",
            "NpoInterventionSpending": _text(case["spending"]),
            "NpoInterventionExternalSpending": _text(case["external"]),
        }
        schools.append(
            {"brin": _brin(index), "type": "BAO", "name": f"School {index}",
             "years": {YEAR: {"facts": facts, "lines": [line], "duplicates": {}}}}
        )
    return {"board": "41234", "name": "Stichting Getallen", "currency": "EUR",
            "schools": schools, "extra_xml": ""}


def _expected(case: dict) -> list[str]:
    """The contract's answer, in exact fractions."""
    fired = []
    if Fraction(case["hours"]) > MAX_HOURS:
        fired.append("ADW-001")
    funds, spent = Fraction(case["funds"]), Fraction(case["spent"])
    if abs(spent - funds) > TOLERANCE * funds:
        fired.append("WDM-006")
    spending, external = Fraction(case["spending"]), Fraction(case["external"])
    if spending > 0:
        share = external / spending
        if SIGNAL < share <= LIMIT:
            fired.append("NPO-007")
        if share > LIMIT:
            fired.append("NPO-008")
    return sorted(fired)


def _judge_in_child(board: dict, engine: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", CHILD, engine],
        input=json.dumps(board),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, f"the {engine} engine died ({run.returncode}): {run.stderr[-500:]}"
    return json.loads(run.stdout)


CRASHED_BEFORE = [  # values that segfaulted durable-rules when it was given doubles
    {"hours": Decimal("0.00001"), "funds": Decimal("100000.00"), "spent": Decimal("100001.00"),
     "spending": Decimal("100000.00"), "external": Decimal("1.00")},
    {"hours": Decimal("22"), "funds": Decimal("100000.00"), "spent": Decimal("99999.50"),
     "spending": Decimal("10000000000000000"), "external": Decimal("999999999999999999.99")},
    {"hours": Decimal("22.0000000000000001"), "funds": Decimal("0.00003"),
     "spent": Decimal("0.00003"), "spending": Decimal("0.00001"), "external": Decimal("0")},
]


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(school_case(), min_size=1, max_size=40))
@example(cases=CRASHED_BEFORE)
def test_every_number_is_judged_exactly_without_a_crash(engine, cases):
    outcome = _judge_in_child(_board(cases), engine)
    assert outcome["status"] in ("compliant", "findings")
    fired = outcome["fired"]
    for index, case in enumerate(cases):
        brin = _brin(index)
        got = sorted(rule for rule in fired.get(brin, []) if rule in WATCHED)
        assert got == _expected(case), f"school {brin}: {case}"
