"""The generated corpus: every filing gives exactly the findings its planted problems state,
the problems reach every rule, the corpus has the shape of real batches, and a seed fixes it.

The ground truth is written by the generator from what it planted, never from the checker,
so the main test here checks the checker on a few hundred realistic filings. These tests
run on the catalogue in $COMPLIANCE_TEST_RULES_DIR when it is set (see the add-a-rule test).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DURABLE_AVAILABLE, REPO, RULES_DIR

from compliance.authoring.cases import case_filing
from compliance.authoring.instance_writer import write_instance
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.resources import rules_dir
from compliance.rules import load_catalogue
from tools.generate import (
    case_book,
    compare,
    filing_paths,
    read_truth,
    truth_path,
    write_corpus,
)
from tools.generate.__main__ import generate

SEED = 20240
BOARDS = 200
RATE = 0.15


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, catalogue) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, BOARDS, seed=SEED, rate=RATE, catalogue=catalogue)
    return folder


@pytest.fixture(scope="module")
def compliant_corpus(tmp_path_factory, catalogue) -> Path:
    """The same boards without any planted problem."""
    folder = tmp_path_factory.mktemp("compliant")
    write_corpus(folder, BOARDS, seed=SEED, rate=0, catalogue=catalogue)
    return folder


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "corpus.json").read_text(encoding="utf-8"))


def _checker(folder: Path, engine: str) -> Checker:
    """A checker with the corpus's own labour-market allowance list."""
    return Checker(load_catalogue(RULES_DIR, reference_dir=folder), make_engine(engine))


def _mismatches(folder: Path, engine: str, limit: int | None = None) -> list[str]:
    checker = _checker(folder, engine)
    problems = []
    for path in filing_paths(folder)[:limit]:
        truth = read_truth(truth_path(path))
        result = checker.check_file(path)
        difference = compare(truth.findings, result.findings)
        if difference or result.status != truth.status or result.board != truth.board:
            problems.append(
                f"{path.name} (status {result.status}, expected {truth.status}; board "
                f"{result.board}, expected {truth.board}):\n{difference.describe()}"
            )
    return problems


def test_every_filing_gives_exactly_its_ground_truth(corpus):
    mismatches = _mismatches(corpus, "python")
    assert not mismatches, f"{len(mismatches)} of {BOARDS} filings differ:\n" + "\n".join(
        mismatches[:5]
    )


@pytest.mark.skipif(not DURABLE_AVAILABLE, reason="durable-rules is not installed")
def test_durable_engine_gives_the_ground_truth_too(corpus):
    mismatches = _mismatches(corpus, "durable", limit=60)
    assert not mismatches, "\n".join(mismatches[:5])


def test_problems_planted_close_together_still_give_exactly_their_findings(tmp_path, catalogue):
    """At a high rate most school years carry several problems (one per scheme and one on
    the school's own facts), so any interference between them would show here."""
    folder = tmp_path / "dense"
    write_corpus(folder, BOARDS, seed=SEED + 1, rate=0.7, catalogue=catalogue)
    mismatches = _mismatches(folder, "python")
    assert not mismatches, "\n".join(mismatches[:5])


def test_planted_problems_reach_every_rule(corpus, catalogue):
    """Every rule, except those the generator reports it has no plant for (said in the test
    output); the shipped catalogue has none of those."""
    planted = Counter()
    for path in filing_paths(corpus):
        planted.update(finding.rule for finding in read_truth(truth_path(path)).findings)
    manifest = _manifest(corpus)
    without = manifest["rules_without_plant"]
    for rule, why in without.items():
        warnings.warn(f"the generator plants nothing for {rule}: {why}", stacklevel=1)
    if manifest["rules_planted_from_cases"]:
        warnings.warn(
            "planted from their cases: " + ", ".join(manifest["rules_planted_from_cases"]),
            stacklevel=1,
        )
    assert set(planted) == set(catalogue.rules) - set(without)
    if RULES_DIR is None:
        assert without == {}
    # and a good share of filings stays compliant, as in a real batch
    statuses = Counter(read_truth(truth_path(p)).status for p in filing_paths(corpus))
    assert statuses["compliant"] >= BOARDS // 5


def test_without_problems_every_filing_is_compliant(compliant_corpus):
    for path in filing_paths(compliant_corpus):
        assert read_truth(truth_path(path)).findings == ()
    unguarded = _manifest(compliant_corpus)["school_years_not_guarded"]
    for rule, count in unguarded.items():
        message = f"the baseline is not kept quiet for {rule} in {count} school year(s)"
        warnings.warn(message, stacklevel=1)
    mismatches = _mismatches(compliant_corpus, "python")
    assert mismatches == [], (
        "the compliant baseline gives findings; rules it is not written for and could not "
        f"keep quiet with their quiet cases (school years): {unguarded or 'none'}\n"
        + "\n".join(mismatches[:5])
    )


def test_every_case_the_generator_plants_gives_its_own_findings_only(catalogue, checkers):
    """A case put into a generated filing stands for its scheme there, so its own filing
    must give nothing but its rule's findings (a guard case: nothing) from the rules judged
    on it; the generator relies on it, and a rule author reads here which case to complete
    (or mark ``plant: false``)."""
    book = case_book(catalogue)
    checker = checkers["python"]
    dirty = []
    for case in book.used_cases():
        judged = book.judged_on_slice(book.scheme_of(case)) | {
            r.id for r in catalogue.rules.values() if r.kind == "structural"
        }
        result = checker.check_bytes(_case_bytes(case.origin, checker), f"{case.rule}: {case.name}")
        others = sorted(
            {f.rule for f in result.findings if f.rule in judged}
            - ({case.rule} if case.firing else set())
        )
        if others or result.status == "unreadable":
            dirty.append(f"{case.rule} case {case.name!r} also gives {others or result.status}")
    assert not dirty, "\n".join(dirty)


def _case_bytes(case, checker) -> bytes:
    return write_instance(case_filing(case), checker.taxonomy)


def test_corpus_has_the_shape_of_a_real_batch(compliant_corpus, catalogue):
    checker = _checker(compliant_corpus, "python")
    boards = [checker.check_file(path).model for path in filing_paths(compliant_corpus)]
    schools = [len(board.schools) for board in boards]
    assert 0.4 <= schools.count(1) / len(schools) <= 0.6
    assert min(schools) == 1 and 20 <= max(schools) <= 40
    types = {school.type for board in boards for school in board.schools}
    assert types == set(catalogue.domain.school_types)
    years = Counter(len({y.school_year for s in b.schools for y in s.years}) for b in boards)
    assert set(years) == {1, 2}
    assert len({board.id for board in boards}) == len(boards)


def test_a_board_without_planted_problems_is_the_same_at_any_rate(corpus, compliant_corpus):
    """The seed fixes the boards; the rate only decides where problems are planted."""
    untouched = [p for p in filing_paths(corpus) if not read_truth(truth_path(p)).findings]
    assert untouched
    for path in untouched:
        assert path.read_bytes() == (compliant_corpus / "filings" / path.name).read_bytes()


def test_same_seed_same_bytes_and_another_seed_another_corpus(tmp_path, catalogue):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, seed in ((first, 7), (second, 7), (other, 8)):
        write_corpus(folder, 12, seed=seed, rate=0.3, catalogue=catalogue)

    def contents(folder: Path) -> dict[str, bytes]:
        return {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    assert contents(first) == contents(second)
    assert contents(first)["filings/b00000.xbrl"] != contents(other)["filings/b00000.xbrl"]


def _generate(*args) -> object:
    """Run ``python -m tools.generate`` in-process (a development script, not a command of
    the shipped ``compliance``)."""
    extra = ["--rules-dir", str(RULES_DIR)] if RULES_DIR else []
    return CliRunner().invoke(generate, [str(arg) for arg in args] + extra)


def test_generate_command_plants_only_the_rules_asked_for(tmp_path):
    out = tmp_path / "npo007"
    result = _generate(
        "--boards", 40, "--seed", 3, "--rate", 0.5, "--rule", "npo-007", "--out", out
    )
    assert result.exit_code == 0, result.output
    assert "40 filings" in result.output
    rules = Counter()
    for path in filing_paths(out):
        rules.update(finding.rule for finding in read_truth(truth_path(path)).findings)
    assert set(rules) == {"NPO-007"}
    assert (out / "arbeidsmarkttoelage.csv").is_file()
    assert (out / "bestedingsplannen-2024.xsd").is_file()
    assert _mismatches(out, "python") == []


def test_generate_command_refuses_what_it_cannot_do(tmp_path):
    _generate("--boards", 1, "--out", tmp_path / "x")
    again = _generate("--boards", 1, "--out", tmp_path / "x")
    assert again.exit_code == 2
    assert "not empty" in again.stderr
    unknown = _generate("--boards", 1, "--rule", "WDM-999", "--out", tmp_path / "y")
    assert unknown.exit_code == 2
    assert "no rule WDM-999" in unknown.stderr


def test_the_shipped_command_has_no_generator():
    """The generator is a development tool: the installed package holds neither it nor a
    command for it."""
    import compliance
    from compliance.cli import main

    assert "generate" not in main.commands
    assert not (Path(compliance.__file__).parent / "generate").exists()


# -- adding a rule --------------------------------------------------------------------------

NEW_RULE = """\
    id: ADW-900
    scheme: adw
    about: plan
    types: [SBO]
    title:
      nl: Andere professionals in het speciaal basisonderwijs ten hoogste 16 uur per maand
      en: Other professionals in special primary schools at most 16 hours a month
    severity: warning
    when: hours_per_month > 16
    message:
      nl: "{hours_per_month} uur andere professionals per maand is meer dan 16."
      en: "{hours_per_month} hours of other professionals a month is more than 16."
    source: {file: test-only, passage: "an invented rule that tests adding a rule"}
    case_defaults:
      school_type: SBO
      facts: {OtherProfessionalsCouncilConsulted: true}
    cases:
      - name: exactly 16 hours is no finding
        facts: {OtherProfessionalsHoursPerMonth: 16}
        fires: false
      - name: half an hour more
        facts: {OtherProfessionalsHoursPerMonth: "16.5"}
        fires: true
      - name: the most the arrangement allows
        facts: {OtherProfessionalsHoursPerMonth: 22}
        fires: true
      - name: a basisschool is not judged
        school_type: BAO
        facts: {OtherProfessionalsHoursPerMonth: 20}
        fires: false
"""


@pytest.mark.skipif(RULES_DIR is not None, reason="runs the suite on its own rules folder")
def test_a_new_rule_is_one_file_and_the_catalogue_case_and_generator_tests_stay_green(tmp_path):
    """A rule on existing fields, added as one YAML file with its cases: the catalogue,
    rule-case and generator tests pass on a copy of rules/ holding it, and the generator
    plants it from its cases and keeps its compliant baseline quiet for it."""
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    (rules / "adw" / "ADW-900.yaml").write_text(textwrap.dedent(NEW_RULE), encoding="utf-8")

    summary = write_corpus(
        tmp_path / "corpus", 60, seed=SEED, rate=0.5, catalogue=load_catalogue(rules)
    )
    assert "ADW-900" in summary.from_cases
    assert summary.findings["ADW-900"] > 0 and summary.without_plant == {}
    assert summary.unguarded == {}

    env = {**os.environ, "COMPLIANCE_TEST_RULES_DIR": str(rules)}
    tests = ["tests/test_catalogue.py", "tests/test_rule_cases.py", "tests/test_generate.py"]
    contract = "tests/test_rule_cases.py::test_catalogue_holds_exactly_the_rules_of_the_contract"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rw",
            *tests,
            "--deselect",
            contract,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "planted from their cases: ADW-900" in done.stdout


CONTEXT_RULE = """\
    id: NPO-900
    scheme: npo
    about: plan
    title: {nl: Toelage betaald op een school van de lijst, en: Allowance paid at a listed school}
    severity: warning
    judged_when: always
    when:
      all:
        - on_allowance_list is true
        - labour_market_allowance_paid == 0
    message: {nl: "Geen toelage betaald.", en: "No allowance paid."}
    source: {file: test-only, passage: "an invented rule on the school's context"}
    case_defaults:
      allowance_list: ["2022-2023,12AB"]
    cases:
      - name: a listed school pays nothing
        facts: {LabourMarketAllowancePaid: 0}
        fires: true
      - name: a listed school pays
        facts: {LabourMarketAllowancePaid: 1000}
        fires: false
"""


def test_a_rule_the_generator_cannot_plant_is_reported_not_hidden(tmp_path):
    """A rule whose cases fix the school's context (the allowance list) cannot stand in a
    generated filing: the generator says it plants nothing for it, and that the baseline is
    not kept quiet for it, instead of writing a ground truth it cannot stand behind."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR or rules_dir(), rules)
    (rules / "npo" / "NPO-900.yaml").write_text(textwrap.dedent(CONTEXT_RULE), encoding="utf-8")
    out = tmp_path / "corpus"
    result = CliRunner().invoke(
        generate, ["--boards", "8", "--seed", "1", "--out", str(out), "--rules-dir", str(rules)]
    )
    assert result.exit_code == 0, result.output
    assert "no plant for NPO-900: it reads the school's context" in result.stderr
    assert "NPO-900: the compliant baseline is not written for it" in result.stderr
    manifest = _manifest(out)
    assert "NPO-900" in manifest["rules_without_plant"]
    assert manifest["school_years_not_guarded"]["NPO-900"] > 0
    options = ["--boards", "1", "--rule", "NPO-900", "--rules-dir", str(rules)]
    refused = CliRunner().invoke(generate, [*options, "--out", str(tmp_path / "x")])
    assert refused.exit_code == 2
    assert "cannot plant problems for NPO-900" in refused.stderr


def test_a_case_marked_plant_false_is_never_put_into_a_filing(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR or rules_dir(), rules)
    marked = NEW_RULE.replace(
        "      - name: half an hour more\n",
        "      - name: half an hour more\n        plant: false\n",
    )
    (rules / "adw" / "ADW-900.yaml").write_text(textwrap.dedent(marked), encoding="utf-8")
    book = case_book(load_catalogue(rules))
    assert [case.name for case in book.firing["ADW-900"]] == ["the most the arrangement allows"]


def test_a_line_finding_is_planted_only_on_the_line_its_case_names(tmp_path):
    """One finding on a case with two lines could be on either: the generator leaves it."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR or rules_dir(), rules)
    rule = (rules / "npo" / "NPO-005.yaml").read_text(encoding="utf-8")
    rule = rule.replace("id: NPO-005", "id: NPO-905")
    rule += (
        "  - name: one of two lines, which not said\n"
        "    lines:\n"
        "      - {NpoInterventionCode: B3, NpoInterventionSpending: 1000}\n"
        "      - {NpoInterventionCode: X1, NpoInterventionSpending: 1000}\n"
        "    fires: true\n"
    )
    (rules / "npo" / "NPO-905.yaml").write_text(rule, encoding="utf-8")
    book = case_book(load_catalogue(rules))
    planted = {case.name: case.fires for case in book.firing["NPO-905"]}
    assert "one of two lines, which not said" not in planted
    assert planted and all(isinstance(fires, tuple) for fires in planted.values())
