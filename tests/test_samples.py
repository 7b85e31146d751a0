"""The shipped samples give exactly what samples/expected.yaml writes down, through
`compliance check` as a user runs it, with every engine."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ENGINES, SAMPLES

EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))


def _finding(written: str) -> tuple:
    """ "RULE SCHOOL SCHOOL_YEAR [LINE]", "-" where it does not apply."""
    rule, school, year, *line = written.split()
    return (
        rule,
        None if school == "-" else school,
        None if year == "-" else year,
        int(line[0]) if line else None,
    )


def _sorted(findings) -> list[tuple]:
    return sorted(findings, key=lambda f: tuple("" if part is None else str(part) for part in f))


def test_every_sample_has_an_expected_result():
    assert sorted(path.name for path in SAMPLES.glob("*.xbrl")) == sorted(EXPECTED)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_gives_its_expected_status_exit_and_findings(cli, name, engine):
    expected = EXPECTED[name]
    reference = SAMPLES / "reference"  # the samples' own allowance list
    result = cli(
        "check", SAMPLES / name, "--format", "json", "--lang", "en", "--engine", engine,
        "--reference-dir", reference,
    )
    printed = json.loads(result.stdout)
    assert result.exit_code == expected["exit"]
    assert printed["status"] == expected["status"]
    got = [(f["rule"], f["school"], f["school_year"], f["line"]) for f in printed["findings"]]
    assert _sorted(got) == _sorted(map(_finding, expected["findings"]))
    if "error" in expected:
        assert printed["error"].startswith(expected["error"])
        assert f"{SAMPLES / name}: {printed['error']}" in result.stderr
    else:
        assert printed["error"] is None and result.stderr == ""
