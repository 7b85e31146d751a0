"""Every rule is tested from its own data: the cases in its rule file run end to end
(writer → reader → model → engine) on every engine, and the engines must agree exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ENGINES, RULES_DIR

from compliance.authoring.cases import case_filing, run_case
from compliance.authoring.instance_writer import write_instance
from compliance.datafiles import load_yaml
from compliance.resources import rules_dir
from compliance.rules import load_catalogue

CATALOGUE = load_catalogue(RULES_DIR)
CASES = [
    pytest.param(rule, case, id=f"{rule.id}: {case.id}")
    for rule in sorted(CATALOGUE.rules.values(), key=lambda r: r.id)
    for case in rule.cases
]
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "domain.md"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(("rule", "case"), CASES)
def test_case_gives_what_the_rule_file_says(rule, case, checkers):
    for engine, checker in checkers.items():
        outcome = run_case(rule, case, checker)
        assert outcome.passed, f"{engine}: expected {outcome.expected}, got {outcome.got}"


@pytest.mark.skipif(len(ENGINES) < 2, reason="durable-rules is not installed here")
@pytest.mark.parametrize(("rule", "case"), CASES)
def test_engines_agree_on_every_finding_of_the_case(rule, case, checkers, taxonomy):
    data = write_instance(case_filing(case), taxonomy)
    results = {name: c.check_bytes(data, "case") for name, c in checkers.items()}
    durable, python = results["durable"].findings, results["python"].findings
    assert durable == python


@pytest.mark.parametrize("rule", [r for r in CATALOGUE.rules.values()], ids=lambda r: r.id)
def test_every_rule_has_cases_that_fire_and_cases_that_do_not(rule):
    expectations = [case.spec["fires"] for case in rule.cases]
    assert any(bool(fires) for fires in expectations), "no case where the rule fires"
    assert any(not fires for fires in expectations), "no case where the rule stays quiet"


@pytest.mark.parametrize("path", sorted(rules_dir().glob("*/*-*.yaml")), ids=lambda path: path.stem)
def test_every_shipped_case_is_named_in_dutch_and_in_english(path):
    """The rule page lists a rule's cases by name for Dutch-speaking finance staff, so every
    shipped case says ``name: {nl: ..., en: ...}``. The file is read as written: a plain
    string loads too (a rule being drafted, shown as written in both languages), which
    ``Localized.either`` would make look the same."""
    cases = load_yaml(path).get("cases") or []
    one_language = [case["name"] for case in cases if not isinstance(case["name"], dict)]
    assert cases and not one_language, f"named in one language only: {one_language}"


def _domain_rules() -> dict[str, str]:
    """Rule id → the severity column of domain.md's tables."""
    rows = re.findall(r"^\| ([A-Z]{3}-\d{3}) \| ([^|]+) \|", SPEC.read_text(), re.M)
    return {rule_id: severity.strip() for rule_id, severity in rows}


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is not next to this checkout")
def test_catalogue_holds_exactly_the_rules_of_the_contract():
    assert sorted(_domain_rules()) == sorted(CATALOGUE.rules)


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is not next to this checkout")
def test_severities_match_the_contract_in_every_school_year():
    for rule_id, written in _domain_rules().items():
        severities = {value for _, value in CATALOGUE.rules[rule_id].severity.entries}
        assert severities == set(re.findall(r"error|violation|warning", written)), rule_id


def _flat(text: str) -> str:
    """Seeds are PDF text: words broken over lines with hyphens, curly quotes."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.replace("’", "'").split())


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not next to this checkout")
@pytest.mark.parametrize(
    "rule",
    [r for r in CATALOGUE.rules.values() if r.source["file"].endswith(".txt")],
    ids=lambda r: r.id,
)
def test_source_passage_is_quoted_from_its_seed_document(rule):
    seed = _flat((SEEDS / rule.source["file"]).read_text(encoding="utf-8"))
    assert _flat(rule.source["passage"]) in seed
