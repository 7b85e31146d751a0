"""The generated corpus: every filing gives exactly the findings its planted problems state,
the problems reach every rule, the corpus has the shape of real batches, and a seed fixes it.

The ground truth is written by the generator from what it planted, never from the checker,
so the main test here checks the checker on a few hundred realistic filings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import DURABLE_AVAILABLE

from compliance.check import Checker
from compliance.engine import make_engine
from compliance.generate import compare, filing_paths, read_truth, truth_path, write_corpus
from compliance.rules import load_catalogue

SEED = 20240
BOARDS = 200
RATE = 0.15


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, BOARDS, seed=SEED, rate=RATE)
    return folder


@pytest.fixture(scope="module")
def compliant_corpus(tmp_path_factory) -> Path:
    """The same boards without any planted problem."""
    folder = tmp_path_factory.mktemp("compliant")
    write_corpus(folder, BOARDS, seed=SEED, rate=0)
    return folder


def _checker(folder: Path, engine: str) -> Checker:
    """A checker with the corpus's own labour-market allowance list."""
    return Checker(load_catalogue(reference_dir=folder), make_engine(engine))


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


def test_problems_planted_close_together_still_give_exactly_their_findings(tmp_path):
    """At a high rate most school years carry several problems (one per scheme and one on
    the school's own facts), so any interference between them would show here."""
    folder = tmp_path / "dense"
    write_corpus(folder, BOARDS, seed=SEED + 1, rate=0.7)
    mismatches = _mismatches(folder, "python")
    assert not mismatches, "\n".join(mismatches[:5])


def test_planted_problems_reach_every_rule(corpus, catalogue):
    planted = Counter()
    for path in filing_paths(corpus):
        planted.update(finding.rule for finding in read_truth(truth_path(path)).findings)
    assert set(planted) == set(catalogue.rules)
    # and a good share of filings stays compliant, as in a real batch
    statuses = Counter(read_truth(truth_path(p)).status for p in filing_paths(corpus))
    assert statuses["compliant"] >= BOARDS // 5


def test_without_problems_every_filing_is_compliant(compliant_corpus):
    for path in filing_paths(compliant_corpus):
        assert read_truth(truth_path(path)).findings == ()
    assert _mismatches(compliant_corpus, "python") == []


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


def test_same_seed_same_bytes_and_another_seed_another_corpus(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, seed in ((first, 7), (second, 7), (other, 8)):
        write_corpus(folder, 12, seed=seed, rate=0.3)

    def contents(folder: Path) -> dict[str, bytes]:
        return {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    assert contents(first) == contents(second)
    assert contents(first)["filings/b00000.xbrl"] != contents(other)["filings/b00000.xbrl"]


def test_generate_command_plants_only_the_rules_asked_for(cli, tmp_path):
    out = tmp_path / "npo007"
    result = cli(
        "generate", "--boards", 40, "--seed", 3, "--rate", 0.5, "--rule", "npo-007", "--out", out
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


def test_generate_command_refuses_what_it_cannot_do(cli, tmp_path):
    cli("generate", "--boards", 1, "--out", tmp_path / "x")
    again = cli("generate", "--boards", 1, "--out", tmp_path / "x")
    assert again.exit_code == 2
    assert "not empty" in again.stderr
    unknown = cli("generate", "--boards", 1, "--rule", "WDM-999", "--out", tmp_path / "y")
    assert unknown.exit_code == 2
    assert "no rule WDM-999" in unknown.stderr
