"""Structural findings FIL-001 to FIL-006, end to end: each fires where the filing is
inconsistent and not where it is fine; facts in error are left out of the rules, so that
what is left is judged as usual (and a fact left out counts as not reported)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import xbrl_variants as v
from conftest import SAMPLES
from pydantic import BaseModel

from compliance import check
from compliance.model.build import ModelGap, require_placed, unplaced_concepts
from compliance.model.filing import Reported
from compliance.read.taxonomy import Concept
from compliance.report.json_report import dumps, result_object
from compliance.report.messages import render_message
from compliance.report.text_report import render_text

YEAR = "2022-2023"
BRIN = "12AB"
SCHEME = "https://duo.nl/bestuursnummer"
SCHOOL_YEAR = ("2022-08-01", "2023-07-31")


def _year(spec: dict, year: str = YEAR) -> dict:
    return spec["schools"][0]["years"][year]


def _check(checker, filing, spec: dict):
    return checker.check_bytes(filing(spec), "filing.xbrl")


def _rules(result) -> list[str]:
    return [finding.rule for finding in result.findings]


def _of(result, rule: str) -> list:
    return [finding for finding in result.findings if finding.rule == rule]


def _context(
    context_id: str,
    brin: str | None = BRIN,
    line: str | None = None,
    period: str = "<xbrli:startDate>{}</xbrli:startDate><xbrli:endDate>{}</xbrli:endDate>",
    board: str = "41234",
    scheme: str = SCHEME,
    segment_extra: str = "",
    after_entity: str = "",
) -> str:
    """A context written by hand (the filing's root declares the usual prefixes)."""
    members = ""
    if brin is not None:
        members += (
            '<xbrldi:typedMember dimension="bp:SchoolAxis">'
            f"<bp:SchoolId>{brin}</bp:SchoolId></xbrldi:typedMember>"
        )
    if line is not None:
        members += (
            '<xbrldi:typedMember dimension="bp:InterventionAxis">'
            f"<bp:InterventionLine>{line}</bp:InterventionLine></xbrldi:typedMember>"
        )
    members += segment_extra
    segment = f"<xbrli:segment>{members}</xbrli:segment>" if members else ""
    return (
        f'<xbrli:context id="{context_id}"><xbrli:entity>'
        f'<xbrli:identifier scheme="{scheme}">{board}</xbrli:identifier>{segment}'
        f"</xbrli:entity>{after_entity}<xbrli:period>{period.format(*SCHOOL_YEAR)}"
        "</xbrli:period></xbrli:context>"
    )


def _fact(concept: str, context_id: str, value: str, unit: str | None = None) -> str:
    unit_attributes = f' unitRef="{unit}" decimals="2"' if unit else ""
    return f'<bp:{concept} contextRef="{context_id}"{unit_attributes}>{value}</bp:{concept}>'


def _add_xml(spec: dict, *parts: str) -> dict:
    spec["extra_xml"] = spec.get("extra_xml", "") + "\n".join(parts)
    return spec


def _reason_words(catalogue, rule: str, finding, lang: str = "en") -> str:
    """The words of the finding's reason, its placeholders filled in."""
    words = catalogue.rules[rule].terms["reason"][finding.values["reason"]].in_language(lang)
    return words.format(**{k: v for k, v in finding.values.items() if k != "reason"})


def test_a_consistent_filing_has_no_structural_finding(checker, filing, board_spec):
    assert _check(checker, filing, board_spec).status == "compliant"


# -- FIL-001: a value not valid for its type ---------------------------------------------------

INVALID = [
    ("WorkloadStaffCouncilConsent", "ja"),
    ("WorkloadStaffCouncilConsent", "TRUE"),
    ("WorkloadStaffCouncilConsentDate", "03-10-2022"),
    ("WorkloadStaffCouncilConsentDate", "2023-02-30"),
    ("WorkloadStaffCouncilConsentDate", "2022-10-03T10:00:00"),
    ("WorkloadFundsReceived", "61.000,00"),
    ("WorkloadFundsReceived", "6.1e4"),
    ("WorkloadFundsReceived", "€ 61000"),
    ("PupilCount", "212.5"),
    ("PupilCount", ""),
    ("OtherProfessionalsHoursPerMonth", "twaalf"),
    ("WorkloadFundsReceived", "61\u00a0000"),
    ("WorkloadFundsReceived", "61000\u00a0"),
    ("WorkloadStaffCouncilConsent", "\u00a0true"),
    ("WorkloadStaffCouncilConsent", "true\u2003"),
    ("WorkloadStaffCouncilConsentDate", "\u00a02022-10-03"),
    ("PupilCount", "212\u00a0"),
]
VALID = [
    ("WorkloadStaffCouncilConsent", "1"),
    ("WorkloadStaffCouncilConsent", "\n true \t"),
    ("WorkloadFundsReceived", "+61000"),
    ("WorkloadFundsReceived", "61000."),
    ("WorkloadSpendingOther", ".50"),
    ("PupilCount", "+0212"),
    ("OtherProfessionalsHoursPerMonth", "12.5"),
    ("WorkloadNonFinancialMeasures", ""),
    ("WorkloadFundsReceived", " \t\r\n61000.00\r\n\t "),
    ("PupilCount", "0" * 5000 + "212"),
    ("PupilCount", "-" + "0" * 5000),
    ("WorkloadFundsReceived", "0" * 5000 + "61000." + "0" * 5000),
]


@pytest.mark.parametrize(("concept", "value"), INVALID)
def test_a_value_not_of_its_type_gives_fil_001_citing_it(
    checker, filing, board_spec, catalogue, concept, value
):
    _year(board_spec)["facts"][concept] = value
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-001")
    assert (finding.school, finding.school_year, finding.severity) == (BRIN, YEAR, "error")
    assert [(fact.concept, fact.value) for fact in finding.facts] == [(concept, value)]
    assert concept in render_message(finding, catalogue, "en")


@pytest.mark.parametrize(("concept", "value"), VALID, ids=lambda value: str(value)[:24])
def test_a_valid_lexical_form_gives_no_fil_001(checker, filing, board_spec, concept, value):
    _year(board_spec)["facts"][concept] = value
    assert "FIL-001" not in _rules(_check(checker, filing, board_spec))


def test_a_value_keeps_a_non_breaking_space_as_written(checker, filing, board_spec):
    """Only XML white space is trimmed: a text ending in U+00A0 is cited with it."""
    _year(board_spec)["facts"]["WorkloadFundsReceived"] = "\u00a061000.00\n"
    (finding,) = _of(_check(checker, filing, board_spec), "FIL-001")
    assert finding.facts[0].value == "\u00a061000.00"


def test_nil_is_valid_for_every_type(checker, filing, board_spec, taxonomy):
    facts = _year(board_spec)["facts"]
    school_concepts = [c for c, concept in taxonomy.concepts.items() if concept.level == "school"]
    facts.update({concept: None for concept in school_concepts if concept != "SchoolType"})
    assert "FIL-001" not in _rules(_check(checker, filing, board_spec))


def test_an_invalid_consent_is_left_out_and_counts_as_not_reported(checker, filing, board_spec):
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = "ja"
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-001", "WDM-002"]
    (consent,) = _of(result, "WDM-002")[0].facts
    assert (consent.concept, consent.value, consent.context) == (
        "WorkloadStaffCouncilConsent",
        None,
        None,
    )


def test_invalid_funds_leave_their_plan_unjudged(checker, filing, board_spec):
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = False
    assert _rules(_check(checker, filing, board_spec)) == ["WDM-002"]
    _year(board_spec)["facts"]["WorkloadFundsReceived"] = "61.000,00"
    # left out, the funds are not reported: only the funds rule (WDM-007) judges the plan
    assert _rules(_check(checker, filing, board_spec)) == ["FIL-001", "WDM-007"]


def test_a_fact_holding_elements_is_not_a_value(checker, filing, board_spec):
    _add_xml(
        board_spec,
        _context("mine"),
        _fact("WorkloadNonFinancialMeasures", "mine", "<bp:Note>overleg</bp:Note>"),
    )
    (finding,) = _of(_check(checker, filing, board_spec), "FIL-001")
    assert finding.facts[0].concept == "WorkloadNonFinancialMeasures"


@pytest.mark.parametrize(
    ("concept", "digits"), [("PupilCount", 5000), ("WorkloadFundsReceived", 400)]
)
def test_a_number_too_long_to_compute_with_is_fil_001_not_a_crash(
    checker, filing, board_spec, catalogue, concept, digits
):
    _year(board_spec)["facts"][concept] = "9" * digits
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-001")
    assert finding.values["type"] == "too_long"
    message = render_message(finding, catalogue, "en")
    assert "18" in message and len(message) < 300, "a long value is shortened in the message"
    assert finding.facts[0].value == "9" * digits, "the cited fact keeps it whole"
    for lang in ("nl", "en"):
        assert concept in dumps(result_object(result, catalogue, lang))
        assert concept in render_text(result, catalogue, lang)


# -- FIL-002: a context or unit that is missing or cannot be used ------------------------------


def test_facts_in_an_undefined_context_give_one_fil_002_for_the_whole_filing(
    checker, filing, board_spec, catalogue
):
    _add_xml(
        board_spec,
        _fact("NpoTeamInvolved", "NOWHERE", "true"),
        _fact("NpoCouncilConsent", "NOWHERE", "true"),
        _fact("NpoCouncilConsent", "ELSEWHERE", "true"),
    )
    nowhere, elsewhere = _of(_check(checker, filing, board_spec), "FIL-002")
    assert (nowhere.school, nowhere.school_year, nowhere.line) == (None, None, None)
    assert [f.concept for f in nowhere.facts] == ["NpoTeamInvolved", "NpoCouncilConsent"]
    assert [f.context for f in elsewhere.facts] == ["ELSEWHERE"]
    assert render_message(nowhere, catalogue, "en") == (
        "Context NOWHERE is not defined; not judged: NpoTeamInvolved, NpoCouncilConsent."
    )


@pytest.mark.parametrize("unit", ["USD", None], ids=["undefined unit", "no unitRef"])
def test_an_amount_without_a_defined_unit_gives_fil_002(checker, filing, board_spec, unit):
    fact = _fact("ProfessionalisationFundsReceived", "mine", "100", unit)
    _add_xml(board_spec, _context("mine"), fact)
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-002")
    assert finding.facts[0].concept == "ProfessionalisationFundsReceived"
    assert finding.values["reason"] == ("unit_undefined" if unit else "unit_missing")
    assert not _of(result, "PRB-001"), "the funds were left out, so the plan is not judged"


def test_an_undefined_unit_is_one_finding_for_every_fact_naming_it(checker, filing, board_spec):
    _add_xml(
        board_spec,
        _context("mine"),
        _fact("ProfessionalisationFundsReceived", "mine", "100", "USD"),
        _fact("LabourMarketAllowancePaid", "mine", "5", "USD"),
        _fact("NpoInterventionSpending", f"S{BRIN}_2022_L1", "5", "USD"),
        _fact("LabourMarketAllowancePaid", "mine", "5", "GBP"),
    )
    usd, gbp = _of(_check(checker, filing, board_spec), "FIL-002")
    assert [fact.concept for fact in usd.facts] == [
        "ProfessionalisationFundsReceived",
        "LabourMarketAllowancePaid",
        "NpoInterventionSpending",
    ]
    assert (usd.values["unit"], usd.school, usd.line) == ("USD", BRIN, None)
    assert (gbp.values["unit"], len(gbp.facts)) == ("GBP", 1)


@pytest.mark.parametrize(
    ("concept", "value"),
    [
        ("NpoTeamInvolved", "true"),
        ("WorkloadNonFinancialMeasures", "Minder vergaderen"),
        ("WorkloadStaffCouncilConsentDate", "2022-10-03"),
    ],
)
def test_a_fact_that_is_not_a_number_with_a_unit_gives_fil_002(
    checker, filing, board_spec, catalogue, concept, value
):
    _add_xml(board_spec, _context("mine"), _fact(concept, "mine", value, "pure"))
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-002")
    assert (finding.values["reason"], finding.facts[0].concept) == ("unit_not_numeric", concept)
    assert "pure" in render_message(finding, catalogue, "en")


def _facts_in_school_contexts(spec: dict) -> int:
    school = spec["schools"][0]
    written = [school.get("type"), school.get("name")]
    year = _year(spec)
    return sum(x is not None for x in written) + len(year["facts"]) + sum(map(len, year["lines"]))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2022-01-01", "2022-12-31"),
        ("2022-08-01", "2023-07-30"),
        ("2022-08-01", "2023-08-01"),
        ("2022-08-02", "2023-07-31"),
        ("2022-08-01", "2024-07-31"),
        ("2022-07-31", "2023-07-30"),
    ],
)
def test_a_context_that_is_not_one_school_year_gives_one_fil_002_citing_its_facts(
    checker, filing, board_spec, catalogue, start, end
):
    board_spec["schools"][0]["period"] = {"start": start, "end": end}
    result = _check(checker, filing, board_spec)
    lines = len(_year(board_spec)["lines"])
    assert _rules(result) == ["FIL-002"] * (1 + lines), "the school context and each line's"
    assert sum(len(f.facts) for f in result.findings) == _facts_in_school_contexts(board_spec)
    school = next(f for f in result.findings if f.facts[0].context == f"S{BRIN}_2022")
    assert len({fact.concept for fact in school.facts}) == len(school.facts)
    assert render_message(school, catalogue, "en").startswith(
        f"Context S{BRIN}_2022 has period {start} to {end}, not one school year"
    )
    assert render_message(school, catalogue, "nl").startswith(
        f"Context S{BRIN}_2022 heeft periode {start} tot en met {end}, niet één schooljaar"
    )
    assert all(
        school.facts[0].concept in render_message(school, catalogue, lang) for lang in ("nl", "en")
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-08-01", "9999-12-31"),
        ("9999-08-01", "9999-07-31"),
        ("0001-01-01", "0001-07-31"),
        ("0001-01-01", "9999-12-31"),
        ("0000-08-01", "0001-07-31"),
        ("9999-12-31", "9999-12-31"),
    ],
)
def test_a_period_at_the_ends_of_the_calendar_is_fil_002_not_a_crash(
    checker, filing, board_spec, catalogue, start, end
):
    board_spec["schools"][0]["period"] = {"start": start, "end": end}
    result = _check(checker, filing, board_spec)
    assert set(_rules(result)) == {"FIL-002"}
    assert f"period {start} to {end}" in dumps(result_object(result, catalogue, "en"))


@pytest.mark.parametrize("first", ["0001", "9998"])
def test_the_first_and_last_whole_school_years_a_date_can_hold_are_judged(
    checker, filing, board_spec, first
):
    years = board_spec["schools"][0]["years"]
    label = f"{first}-{int(first) + 1:04d}"
    years[label] = years.pop(YEAR)
    years[label]["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 from 2018/19
    result = _check(checker, filing, board_spec)
    assert "FIL-002" not in _rules(result)
    assert ("WDM-002" in _rules(result)) == (first == "9998")
    assert {f.school_year for f in result.findings} <= {label}


@pytest.mark.parametrize(
    ("period", "reason", "words"),
    [
        ("<xbrli:instant>2023-07-31</xbrli:instant>", "period_instant", "an instant (2023-07-31)"),
        ("<xbrli:forever/>", "period_missing", "has no start and end date"),
        ("<xbrli:startDate>2022-08-01</xbrli:startDate>", "period_missing", "no start and end"),
    ],
)
def test_a_school_fact_without_a_school_year_period_says_what_the_period_is(
    checker, filing, board_spec, catalogue, period, reason, words
):
    _add_xml(board_spec, _context("mine", period=period), _fact("NpoTeamInvolved", "mine", "1"))
    result = _check(checker, filing, board_spec)
    (finding,) = result.findings
    assert (finding.rule, finding.values["reason"]) == ("FIL-002", reason)
    assert words in render_message(finding, catalogue, "en")


UNUSABLE = {
    "school fact in a board context": (_context("mine", brin=None), "NpoTeamInvolved"),
    "board fact in a school context": (_context("mine"), "BoardName"),
    "line fact in a school context": (_context("mine"), "NpoInterventionCode"),
    "school fact in a line context": (_context("mine", line="1"), "NpoTeamInvolved"),
    "school name in a line context": (_context("mine", line="1"), "SchoolName"),
    "school type in a line context": (_context("mine", line="1"), "SchoolType"),
    "pupil count in a line context": (_context("mine", line="1"), "PupilCount"),
    "line without school": (_context("mine", brin=None, line="1"), "NpoInterventionCode"),
    "scenario": (_context("mine", after_entity="<xbrli:scenario/>"), "NpoTeamInvolved"),
    "explicit member": (
        _context(
            "mine",
            segment_extra='<xbrldi:explicitMember dimension="bp:X">bp:Y</xbrldi:explicitMember>',
        ),
        "NpoTeamInvolved",
    ),
    "unknown dimension": (
        _context(
            "mine",
            segment_extra='<xbrldi:typedMember dimension="bp:RegionAxis">'
            "<bp:SchoolId>12AB</bp:SchoolId></xbrldi:typedMember>",
        ),
        "NpoTeamInvolved",
    ),
    "dimension twice": (
        _context(
            "mine",
            segment_extra='<xbrldi:typedMember dimension="bp:SchoolAxis">'
            "<bp:SchoolId>12AB</bp:SchoolId></xbrldi:typedMember>",
        ),
        "NpoTeamInvolved",
    ),
    "dimension holding the wrong element": (
        _context(
            "mine",
            brin=None,
            segment_extra='<xbrldi:typedMember dimension="bp:SchoolAxis">'
            "<bp:InterventionLine>1</bp:InterventionLine></xbrldi:typedMember>",
        ),
        "NpoTeamInvolved",
    ),
    "id defined twice": (_context("mine") + _context("mine"), "NpoTeamInvolved"),
}


@pytest.mark.parametrize("case", UNUSABLE)
def test_a_fact_in_a_context_it_cannot_use_gives_fil_002_in_words(
    checker, filing, board_spec, catalogue, case
):
    contexts, concept = UNUSABLE[case]
    value, unit = ("212", "pure") if concept == "PupilCount" else ("true", None)
    _add_xml(board_spec, contexts, _fact(concept, "mine", value, unit))
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-002")
    assert finding.facts[0].concept == concept
    for lang in ("nl", "en"):
        message = render_message(finding, catalogue, lang)
        assert message.startswith(_reason_words(catalogue, "FIL-002", finding, lang))
        assert "mine" in message and concept in message
    assert [rule for rule in _rules(result) if rule != "FIL-002"] == []


def test_facts_in_one_unusable_context_are_one_finding_per_reason(checker, filing, board_spec):
    _add_xml(
        board_spec,
        _context("line", line="1"),
        _fact("SchoolName", "line", "De Linde"),
        _fact("SchoolType", "line", "BAO"),
        _fact("PupilCount", "line", "212", "pure"),
        _fact("BoardName", "line", "Stichting Voorbeeld"),
    )
    school, board = _of(_check(checker, filing, board_spec), "FIL-002")
    assert [f.concept for f in school.facts] == ["SchoolName", "SchoolType", "PupilCount"]
    assert (school.values["reason"], board.values["reason"]) == ("level_school", "level_board")
    assert [f.concept for f in board.facts] == ["BoardName"]


# -- FIL-003: duplicate facts ------------------------------------------------------------------

EQUAL = [
    ("WorkloadStaffCouncilConsent", True, "1"),
    ("WorkloadStaffCouncilConsent", False, " 0 "),
    ("WorkloadStaffCouncilConsent", None, None),
    ("WorkloadFundsReceived", "61000.00", "61000"),
    ("WorkloadFundsReceived", "61000.00", "+61000.000"),
    ("WorkloadStaffCouncilConsentDate", "2022-10-03", " 2022-10-03\n"),
    ("WorkloadNonFinancialMeasures", "Minder vergaderen", " Minder vergaderen "),
]
UNEQUAL = [
    ("WorkloadStaffCouncilConsent", True, "false"),
    ("WorkloadStaffCouncilConsent", True, None),
    ("WorkloadFundsReceived", "61000.00", "61000.01"),
    ("WorkloadStaffCouncilConsentDate", "2022-10-03", "2022-10-04"),
    ("WorkloadNonFinancialMeasures", "Minder vergaderen", "minder vergaderen"),
]


@pytest.mark.parametrize(("concept", "value", "duplicate"), EQUAL)
def test_duplicates_with_equal_values_are_one_fact(
    checker, filing, board_spec, concept, value, duplicate
):
    _year(board_spec)["facts"][concept] = value
    once = _check(checker, filing, board_spec)
    _year(board_spec)["duplicates"] = {concept: duplicate}
    twice = _check(checker, filing, board_spec)
    assert "FIL-003" not in _rules(twice)
    assert _rules(twice) == _rules(once)


@pytest.mark.parametrize(("concept", "value", "duplicate"), UNEQUAL)
def test_duplicates_with_different_values_give_one_fil_003_citing_all(
    checker, filing, board_spec, concept, value, duplicate
):
    _year(board_spec)["facts"][concept] = value
    _year(board_spec)["duplicates"] = {concept: duplicate}
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-003")
    assert (finding.school, finding.school_year) == (BRIN, YEAR)
    assert [fact.concept for fact in finding.facts] == [concept, concept]
    assert len({fact.source_line for fact in finding.facts}) == 2


def test_conflicting_consents_are_left_out_so_consent_is_not_reported(checker, filing, board_spec):
    _year(board_spec)["duplicates"] = {"WorkloadStaffCouncilConsent": False}
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-003", "WDM-002"]
    assert _of(result, "WDM-002")[0].facts[0].value is None


def test_conflicting_funds_are_all_left_out(checker, filing, board_spec):
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 when judged
    _year(board_spec)["duplicates"] = {"WorkloadFundsReceived": "60000.00"}
    assert _rules(_check(checker, filing, board_spec)) == ["FIL-003", "WDM-007"]


def test_facts_in_equivalent_contexts_with_other_ids_are_duplicates(checker, filing, board_spec):
    _add_xml(
        board_spec,
        _context("again"),
        _context("once more"),
        _fact("WorkloadStaffCouncilConsent", "again", "true"),
        _fact("WorkloadStaffCouncilConsent", "once more", "false"),
    )
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-003")
    assert [fact.value for fact in finding.facts] == ["true", "true", "false"]


def test_the_same_concept_in_other_school_years_or_lines_is_no_duplicate(
    checker, filing, board_spec
):
    years = board_spec["schools"][0]["years"]
    years["2021-2022"] = copy.deepcopy(years[YEAR])
    years["2021-2022"]["facts"].update(
        WorkloadTeamConsultationDate="2021-09-13", WorkloadStaffCouncilConsentDate="2021-10-04"
    )
    assert len(_year(board_spec)["lines"]) > 1
    assert _check(checker, filing, board_spec).status == "compliant"


# -- FIL-004: amounts in euro, not negative; counts and numbers pure ---------------------------


def _monetary_facts(spec: dict, taxonomy) -> int:
    year = _year(spec)
    concepts = [*year["facts"], *(c for line in year["lines"] for c in line)]
    return sum(taxonomy.concepts[c].type == "monetary" for c in concepts)


def test_every_amount_in_another_currency_gives_fil_004(checker, filing, board_spec, taxonomy):
    board_spec["currency"] = "USD"
    result = _check(checker, filing, board_spec)
    structural = [rule for rule in _rules(result) if rule.startswith("FIL-")]
    assert structural == ["FIL-004"] * _monetary_facts(board_spec, taxonomy)
    # every amount left out: the funds rules say the funds are missing, nothing else judges
    assert {rule for rule in _rules(result) if not rule.startswith("FIL-")} <= {
        "WDM-007",
        "PRB-003",
        "NPO-011",
    }


@pytest.mark.parametrize("where", ["school", "line"])
def test_a_negative_amount_gives_fil_004_and_is_left_out(checker, filing, board_spec, where):
    if where == "school":
        _year(board_spec)["facts"]["NpoFundsReceived"] = "-80000.00"
    else:
        _year(board_spec)["lines"][0]["NpoInterventionSpending"] = "-0.01"
    result = _check(checker, filing, board_spec)
    finding, *others = result.findings
    assert (finding.rule, finding.line) == ("FIL-004", 1 if where == "line" else None)
    # negative funds left out are funds not reported (NPO-011); a bad line amount counts as 0
    assert [f.rule for f in others] == (["NPO-011"] if where == "school" else [])


@pytest.mark.parametrize("amount", ["0", "0.00", "-0", "-0.00"])
def test_zero_is_not_negative(checker, filing, board_spec, amount):
    _year(board_spec)["facts"]["WorkloadSpendingOther"] = amount
    assert "FIL-004" not in _rules(_check(checker, filing, board_spec))


@pytest.mark.parametrize(
    ("concept", "unit"), [("PupilCount", "EUR"), ("OtherProfessionalsHoursPerMonth", "EUR")]
)
def test_a_count_or_number_in_euro_gives_fil_004(checker, filing, board_spec, concept, unit):
    _add_xml(board_spec, _context("mine"), _fact(concept, "mine", "12", unit))
    (finding,) = _of(_check(checker, filing, board_spec), "FIL-004")
    assert finding.facts[0].concept == concept


def test_an_amount_with_unit_pure_gives_fil_004(checker, filing, board_spec):
    _add_xml(board_spec, _context("mine"), _fact("LabourMarketAllowancePaid", "mine", "5", "pure"))
    (finding,) = _of(_check(checker, filing, board_spec), "FIL-004")
    assert finding.facts[0].concept == "LabourMarketAllowancePaid"


# -- FIL-005: bestuursnummer, BRIN, line number, school type -----------------------------------


@pytest.mark.parametrize("board", ["4123", "412345", "4123A", " "])
def test_a_malformed_board_number_is_reported_once(checker, filing, board_spec, board):
    board_spec["board"] = board
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005"]
    assert result.board is None
    assert result.findings[0].school is None


def test_a_context_under_another_identifier_scheme_gives_fil_005(checker, filing, board_spec):
    _add_xml(board_spec, _context("mine", scheme="https://example.org/kvk"))
    assert _rules(_check(checker, filing, board_spec)) == ["FIL-005"]


def test_a_board_under_another_identifier_scheme_is_fil_005_and_its_plans_are_judged(
    checker, filing, board_spec
):
    board_spec["scheme"] = "https://example.org/kvk"
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = False
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005", "WDM-002"]
    assert result.findings[0].values["reason"] == "board_malformed"
    assert result.board is None


def test_contexts_naming_different_boards_give_fil_005_and_no_board(checker, filing, board_spec):
    _add_xml(board_spec, _context("mine", board="41235"))
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005"]
    assert result.board is None


@pytest.mark.parametrize("brin", ["12ab", "123A", "1AB", "12ABC", "AB12", "12 AB"])
def test_a_malformed_brin_is_reported_once_and_its_facts_left_out(
    checker, filing, board_spec, brin
):
    board_spec["schools"][0]["brin"] = brin
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 when judged
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005"]
    assert (result.findings[0].school, result.findings[0].school_year) == (brin, YEAR)


def test_what_one_filing_makes_of_its_contexts_never_reaches_the_next(
    checker, filing, board_spec
):
    """A checker keeps what contexts of one period and line mean from filing to filing; the
    school a context names is still its own filing's: the same contexts under a malformed
    BRIN, between two filings of a well-formed one, are left out there alone."""
    _year(board_spec)["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 when judged
    malformed = copy.deepcopy(board_spec)
    malformed["schools"][0]["brin"] = "12ab"
    first, broken, again = (
        _check(checker, filing, spec) for spec in (board_spec, malformed, board_spec)
    )
    assert _rules(first) == _rules(again) == ["WDM-002"]
    assert _rules(broken) == ["FIL-005"]


def test_contexts_written_at_length_are_judged_but_not_kept_for_the_next_filing(
    checker, filing, board_spec
):
    """What a checker keeps of contexts from filing to filing stays small whatever the
    filings hold: a context with a line number written in 5,000 digits is judged as any
    other, and then forgotten."""
    from compliance.model import structure

    number = "0" * 5000 + "77"
    _add_xml(
        board_spec,
        _context("long", line=number),
        _fact("NpoInterventionCode", "long", "X1"),  # NPO-005: an ineffective code
    )
    result = _check(checker, filing, board_spec)
    assert [(f.rule, f.line) for f in result.findings] == [("NPO-005", 77)]
    kept = structure._last_shapes.entries
    assert kept and all(number not in key for key in kept)


@pytest.mark.parametrize(
    "number", ["0", "00", "+0", "-0", "-1", "1.5", "1.0", "1e0", "een", "\u00a01", "+-1", "١"]
)
def test_a_malformed_line_number_is_reported_once_and_its_facts_left_out(
    checker, filing, board_spec, number
):
    _add_xml(
        board_spec,
        _context("mine", line=number),
        _context("mine too", line=number),
        _fact("NpoInterventionCode", "mine", "X1"),  # NPO-005 when judged
        _fact("NpoInterventionSpending", "mine too", "100.00", "EUR"),
    )
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005"]
    assert result.findings[0].facts[0].value == number


@pytest.mark.parametrize("number", ["1", "01", "+1", "+0001", " 1\n", "0" * 5000 + "1"])
def test_any_lexical_form_of_a_positive_integer_is_that_line(
    checker, filing, board_spec, catalogue, number
):
    """Line 1 written otherwise is line 1: its facts join the writer's line 1 (a code that
    differs is FIL-003 on line 1, which then has no code: NPO-004) and nothing is malformed."""
    _add_xml(
        board_spec,
        _context("mine", line=number),
        _fact("NpoInterventionCode", "mine", "C1"),
    )
    result = _check(checker, filing, board_spec)
    assert [(f.rule, f.line) for f in result.findings] == [("FIL-003", 1), ("NPO-004", 1)]
    assert dumps(result_object(result, catalogue, "en"))


@pytest.mark.parametrize(
    ("number", "rules"),
    [
        ("999999999999999999", ["NPO-005"]),
        ("1000000000000000000", ["FIL-005"]),
        ("9" * 5000, ["FIL-005"]),
    ],
)
def test_a_line_number_beyond_18_digits_is_fil_005_not_a_crash(
    checker, filing, board_spec, catalogue, number, rules
):
    _add_xml(
        board_spec,
        _context("mine", line=number),
        _fact("NpoInterventionCode", "mine", "X1"),  # NPO-005 when judged
    )
    result = _check(checker, filing, board_spec)
    assert _rules(result) == rules
    if rules == ["FIL-005"]:
        assert result.findings[0].values["reason"] == "line_too_long"
        assert "18 digits" in render_message(result.findings[0], catalogue, "en")
    else:
        assert result.findings[0].line == int(number)
    for lang in ("nl", "en"):
        assert dumps(result_object(result, catalogue, lang))
        assert render_text(result, catalogue, lang)


@pytest.mark.parametrize(
    "types",
    [(None,), ("MBO",), ("bao",), (" ",), ("BAO", "SBO")],
    ids=["missing", "unknown", "lower case", "empty", "different per year"],
)
def test_a_school_without_one_known_type_gives_fil_005_and_is_not_judged(
    checker, filing, board_spec, types
):
    years = board_spec["schools"][0]["years"]
    years[YEAR]["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 when judged
    if len(types) == 2:
        years["2021-2022"] = copy.deepcopy(years[YEAR])
        years[YEAR]["facts"]["SchoolType"] = types[1]
    board_spec["schools"][0]["type"] = types[0]
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-005"]
    assert result.findings[0].school == BRIN


def test_a_nil_school_type_in_one_year_counts_as_not_reported(checker, filing, board_spec):
    years = board_spec["schools"][0]["years"]
    years["2021-2022"] = copy.deepcopy(years[YEAR])
    years["2021-2022"]["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002 in 2021-22
    board_spec["schools"][0]["type"] = None
    years[YEAR]["facts"]["SchoolType"] = "BAO"
    only_later = _rules(_check(checker, filing, board_spec))
    _year(board_spec, "2021-2022")["facts"]["SchoolType"] = None
    assert _rules(_check(checker, filing, board_spec)) == only_later
    assert "FIL-005" not in only_later and "WDM-002" in only_later


# -- FIL-006: unknown concepts; foreign namespaces ---------------------------------------------


def test_an_unknown_concept_in_the_taxonomy_namespace_is_a_warning(checker, filing, board_spec):
    _year(board_spec)["facts"]["WorkloadFundsRecieved"] = "61000"
    result = _check(checker, filing, board_spec)
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.school) == ("FIL-006", "warning", BRIN)
    assert not result.blocking


def test_elements_in_other_namespaces_are_ignored_silently(checker, filing, board_spec):
    _add_xml(
        board_spec,
        '<other:WorkloadFundsReceived xmlns:other="urn:other" contextRef="x">1'
        "</other:WorkloadFundsReceived>",
        '<SchoolType contextRef="x">MBO</SchoolType>',
        f'<note xmlns="{v.XBRLI}x">hello</note>',
    )
    assert _check(checker, filing, board_spec).status == "compliant"


# -- nothing to judge --------------------------------------------------------------------------


def _instance(filing, spec: dict, *keep: str) -> bytes:
    """The writer's instance with only the root, the schemaRef and the lines naming ``keep``."""
    text = filing(spec).decode()
    head, _, body = text.partition("<link:schemaRef")
    lines = body.splitlines()[1:-1]  # after the schemaRef line, before </xbrli:xbrl>
    kept = [line for line in lines if any(word in line for word in keep)]
    return "\n".join([head + "<link:schemaRef" + body.splitlines()[0], *kept, "</xbrli:xbrl>"])


NOTHING_TO_JUDGE = {
    "root only": ("xbrli:xbrl ",),
    "contexts but no facts": ("<xbrli:context",),
    "contexts and units but no facts": ("<xbrli:context", "<xbrli:unit"),
}


@pytest.mark.parametrize("keep", NOTHING_TO_JUDGE.values(), ids=list(NOTHING_TO_JUDGE))
def test_an_instance_without_facts_is_unreadable_with_nothing_to_judge(
    cli, tmp_path, filing, board_spec, keep
):
    path = tmp_path / "empty.xbrl"
    path.write_text(_instance(filing, board_spec, *keep))
    result = cli("check", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    printed = json.loads(result.stdout)
    assert (printed["status"], printed["findings"]) == ("unreadable", [])
    assert printed["error"].startswith("nothing to judge: the XBRL instance holds no facts")
    assert "niets te beoordelen" in cli("check", path).stdout


def test_an_instance_of_unknown_concepts_only_names_one(cli, tmp_path, filing, board_spec):
    spec = {**board_spec, "name": None}
    _year(spec)["facts"] = {"WorkloadFundsRecieved": "61000"}
    _year(spec)["lines"] = []
    spec["schools"][0].update(type=None, name=None)
    path = tmp_path / "misspelt.xbrl"
    path.write_bytes(filing(spec))
    result = cli("check", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert "nothing to judge" in error and "WorkloadFundsRecieved" in error


def test_a_batch_reports_an_instance_without_facts_as_unreadable(cli, tmp_path, filing, board_spec):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.xbrl").write_bytes(filing(board_spec))
    (folder / "empty.xbrl").write_text(_instance(filing, board_spec, "<xbrli:context"))
    result = cli("batch", folder, "--out", tmp_path / "out", "--format", "jsonl")
    statuses = {
        Path(line["file"]).name: line["status"]
        for line in map(json.loads, result.stdout.split("\n")[:-1])
    }
    assert statuses == {"good.xbrl": "compliant", "empty.xbrl": "unreadable"}


def test_one_fact_is_something_to_judge(checker, filing, board_spec):
    spec = {**board_spec, "schools": []}
    assert _check(checker, filing, spec).status == "compliant"  # a board name alone


# -- every fact of a known concept reaches the model -------------------------------------------

_SAMPLE_VALUES = {
    "string": "B3",
    "boolean": True,
    "date": "2022-10-03",
    "decimal": "12.5",
    "integer": "212",
    "monetary": "100.00",
}


def _reported_concepts(node: object) -> set[str]:
    """The concepts of every reported value held anywhere in a model."""
    if isinstance(node, Reported):
        return {node.source.concept}
    if isinstance(node, BaseModel):
        return _reported_concepts([getattr(node, name) for name in type(node).model_fields])
    if isinstance(node, (list, tuple)):
        return set().union(*map(_reported_concepts, node)) if node else set()
    return set()


def test_every_concept_of_the_taxonomy_has_a_place_in_the_model(taxonomy):
    assert unplaced_concepts(taxonomy) == []


def test_a_fact_of_every_known_concept_reaches_the_model(checkers, filing, taxonomy):
    """Each concept reported once, at its level: each must come out of the builder (the
    board's and school's own concepts as their name and type), none dropped."""
    by_level: dict[str, dict] = {"board": {}, "school": {}, "line": {}}
    for name, concept in taxonomy.concepts.items():
        by_level[concept.level][name] = _SAMPLE_VALUES[concept.type]
    school = {"brin": BRIN, "type": None, "name": None, "years": {YEAR: {}}}
    by_level["school"]["SchoolType"] = "BAO"
    _year({"schools": [school]}).update(facts=by_level["school"], lines=[by_level["line"]])
    spec = {"board": "41234", "name": by_level["board"].pop("BoardName"), "schools": [school]}
    assert not by_level["board"], "a board concept besides BoardName needs a test here"
    result = checkers["python"].check_bytes(filing(spec), "every-concept.xbrl")
    assert not [f for f in result.findings if f.rule.startswith("FIL")]
    board = result.pydantic_model  # made from the light model the rules read: both covered
    (built,) = board.schools
    assert (board.name, built.name, built.type) == ("B3", "B3", "BAO")
    expected = set(taxonomy.concepts) - {"BoardName", "SchoolName", "SchoolType"}
    assert _reported_concepts(board) == expected


def test_a_concept_the_model_lacks_stops_the_checker_before_any_filing(
    catalogue, taxonomy, monkeypatch
):
    extra = Concept("WorkloadSpendingCatering", "monetary", "school")
    wider = taxonomy.replace(concepts={**taxonomy.concepts, extra.name: extra})
    assert unplaced_concepts(wider) == ["WorkloadSpendingCatering"]
    with pytest.raises(ModelGap, match="WorkloadSpendingCatering"):
        require_placed(wider)
    monkeypatch.setattr(check, "load_taxonomy", lambda: wider)
    with pytest.raises(ModelGap, match="WorkloadSpendingCatering"):
        check.Checker(catalogue)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_are_judged_not_a_crash(
    checker, filing, board_spec, catalogue, day
):
    facts = _year(board_spec)["facts"]
    facts.update(
        WorkloadTeamConsultationDate=day,
        WorkloadStaffCouncilConsentDate=day,
        NpoCouncilConsentDate=day,
    )
    result = _check(checker, filing, board_spec)
    assert not [f for f in result.findings if f.rule.startswith("FIL")]
    late = {f.rule for f in result.findings} >= {"WDM-004"}
    assert late == (day == "9999-12-31"), "consent long after the school year, not before it"
    for lang in ("nl", "en"):
        assert dumps(result_object(result, catalogue, lang))
        assert render_text(result, catalogue, lang)


def test_the_documented_pydantic_model_is_judged_as_the_light_one(checker):
    """The rules read the light board the builder makes; the pydantic model made from it on
    demand has the same attributes, so judging either gives the same findings."""
    for path in sorted(SAMPLES.glob("*.xbrl")):
        result = checker.check_file(path)
        if result.model is None:
            continue
        assert not isinstance(result.model, BaseModel)
        assert isinstance(result.pydantic_model, BaseModel)
        assert checker.judge(result.pydantic_model) == checker.judge(result.model)
