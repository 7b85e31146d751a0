"""Structural findings FIL-001 to FIL-006, end to end: each fires where the filing is
inconsistent and not where it is fine; facts in error are left out of the rules, so that
what is left is judged as usual (and a fact left out counts as not reported)."""

from __future__ import annotations

import copy

import pytest
import xbrl_variants as v

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
    return catalogue.rules[rule].terms["reason"][finding.values["reason"]].in_language(lang)


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


@pytest.mark.parametrize(("concept", "value"), VALID)
def test_a_valid_lexical_form_gives_no_fil_001(checker, filing, board_spec, concept, value):
    _year(board_spec)["facts"][concept] = value
    assert "FIL-001" not in _rules(_check(checker, filing, board_spec))


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
    assert "FIL-001" in _rules(result)
    for lang in ("nl", "en"):
        assert concept in dumps(result_object(result, catalogue, lang))
        assert concept in render_text(result, catalogue, lang)


# -- FIL-002: a context or unit that is missing or cannot be used ------------------------------


def test_a_fact_in_an_undefined_context_gives_fil_002_for_the_whole_filing(
    checker, filing, board_spec
):
    _add_xml(board_spec, _fact("NpoTeamInvolved", "NOWHERE", "true"))
    (finding,) = _of(_check(checker, filing, board_spec), "FIL-002")
    assert (finding.school, finding.school_year, finding.line) == (None, None, None)
    assert finding.facts[0].context == "NOWHERE"


@pytest.mark.parametrize("unit", ["USD", None], ids=["undefined unit", "no unitRef"])
def test_an_amount_without_a_defined_unit_gives_fil_002(checker, filing, board_spec, unit):
    fact = _fact("ProfessionalisationFundsReceived", "mine", "100", unit)
    _add_xml(board_spec, _context("mine"), fact)
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-002")
    assert finding.facts[0].concept == "ProfessionalisationFundsReceived"
    assert not _of(result, "PRB-001"), "the funds were left out, so the plan is not judged"


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
def test_every_fact_in_a_context_that_is_not_one_school_year_gives_fil_002(
    checker, filing, board_spec, catalogue, start, end
):
    board_spec["schools"][0]["period"] = {"start": start, "end": end}
    result = _check(checker, filing, board_spec)
    assert _rules(result) == ["FIL-002"] * _facts_in_school_contexts(board_spec)
    words = catalogue.rules["FIL-002"].terms["reason"]["not_school_year"].en
    assert all(words in render_message(f, catalogue, "en") for f in result.findings)


def test_a_school_fact_at_an_instant_gives_fil_002(checker, filing, board_spec):
    instant = "<xbrli:instant>2023-07-31</xbrli:instant>"
    _add_xml(board_spec, _context("mine", period=instant), _fact("NpoTeamInvolved", "mine", "1"))
    assert _rules(_check(checker, filing, board_spec)) == ["FIL-002"]


UNUSABLE = {
    "school fact in a board context": (_context("mine", brin=None), "NpoTeamInvolved"),
    "board fact in a school context": (_context("mine"), "BoardName"),
    "line fact in a school context": (_context("mine"), "NpoInterventionCode"),
    "school fact in a line context": (_context("mine", line="1"), "NpoTeamInvolved"),
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
    _add_xml(board_spec, contexts, _fact(concept, "mine", "true"))
    result = _check(checker, filing, board_spec)
    (finding,) = _of(result, "FIL-002")
    assert finding.facts[0].concept == concept
    for lang in ("nl", "en"):
        assert _reason_words(catalogue, "FIL-002", finding, lang) in render_message(
            finding, catalogue, lang
        )
    assert [rule for rule in _rules(result) if rule != "FIL-002"] == []


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


@pytest.mark.parametrize("number", ["0", "-1", "1.5", "01", "een"])
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
