"""The command line as its users meet it: exit statuses, formats, languages, rules commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"
PROBLEMS = SAMPLES / "multi-school-problems.xbrl"
MALFORMED = SAMPLES / "malformed.xbrl"


def test_a_compliant_filing_exits_0_and_says_so_in_dutch(cli):
    result = cli("check", COMPLIANT)
    assert result.exit_code == 0
    assert "voldoet" in result.stdout


def test_violations_exit_1_and_name_school_year_and_fact(cli):
    result = cli("check", PROBLEMS)
    assert result.exit_code == 1
    assert "School 34CD (SBO De Brug, SBO), schooljaar 2022-2023" in result.stdout
    assert "OtherProfessionalsHoursPerMonth = 24" in result.stdout


def test_warnings_alone_exit_0(cli, tmp_path, filing, board_spec):
    year = board_spec["schools"][0]["years"]["2022-2023"]
    year["facts"]["WorkloadStaffCouncilConsentDate"] = "2023-08-15"  # WDM-004, a warning
    path = tmp_path / "late.xbrl"
    path.write_bytes(filing(board_spec))
    result = cli("check", path, "--format", "json")
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["WDM-004"]


def test_an_unreadable_file_exits_2_and_still_prints_its_result(cli):
    result = cli("check", MALFORMED, "--format", "json")
    assert result.exit_code == 2
    printed = json.loads(result.stdout)
    assert printed["status"] == "unreadable" and printed["findings"] == []
    assert str(MALFORMED) in result.stderr and "regel 12" in result.stderr
    assert printed["error"].startswith("bronregel 12: geen geldige XML")


def test_json_is_one_object_for_one_file_and_an_array_for_several(cli):
    one = json.loads(cli("check", COMPLIANT, "--format", "json").stdout)
    several = json.loads(cli("check", COMPLIANT, PROBLEMS, "--format", "json").stdout)
    assert isinstance(one, dict)
    assert [item["file"] for item in several] == [str(COMPLIANT), str(PROBLEMS)]


def test_the_result_names_each_file_by_the_path_as_given(cli, tmp_path, monkeypatch):
    """report-contract.md: "file": "path/as/given.xbrl", so a script finds its own inputs
    in the results, also when it wrote them with ./ or a doubled slash."""
    monkeypatch.chdir(SAMPLES.parent)
    given = ["./samples/compliant-one-school.xbrl", "samples//multi-school-problems.xbrl"]
    several = json.loads(cli("check", *given, "--format", "json").stdout)
    assert [item["file"] for item in several] == given
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.xbrl").write_bytes(COMPLIANT.read_bytes())
    monkeypatch.chdir(tmp_path)
    done = cli("batch", "./in/", "--out", "out", "-q")
    assert done.exit_code == 0, done.stderr
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["./in/a.xbrl"]


def test_an_empty_file_name_is_a_file_that_does_not_exist_not_the_working_folder(cli):
    result = cli("check", "", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"] == "bestand bestaat niet"


def test_a_check_that_fails_is_that_files_result_not_a_traceback(cli, monkeypatch):
    """Should the checker itself fail on a file, the user still gets every result: that
    file's says so in one line (status error, as in a batch) and the exit status is 1."""
    from compliance import check

    def failing(data, *args):
        if b"40321" in data:  # the board of the problems sample
            raise RuntimeError("unexpected\nstate")
        return read_instance(data, *args)

    read_instance = check.read_instance
    monkeypatch.setattr(check, "read_instance", failing)
    result = cli("check", COMPLIANT, PROBLEMS, "--format", "json")
    assert result.exit_code == 1
    first, second = json.loads(result.stdout)
    assert first["status"] == "compliant"
    assert second["status"] == "error" and second["findings"] == []
    reason = "de controle liep vast op een interne fout: RuntimeError: unexpected state"
    assert second["error"] == reason
    assert result.stderr == f"compliance: {PROBLEMS}: {reason}\n"
    text = cli("check", PROBLEMS)
    assert text.exit_code == 1
    assert f"  NIET GECONTROLEERD: {reason}\n" in text.stdout


def test_ctrl_c_during_a_check_exits_130_not_1_which_means_findings(cli, monkeypatch):
    from compliance.check import Checker

    def interrupted(self, path, name=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(Checker, "check_file", interrupted)
    result = cli("check", COMPLIANT)
    assert result.exit_code == 130
    assert "Afgebroken!" in result.stderr and "Traceback" not in result.stderr


def test_english_on_request(cli):
    dutch = cli("check", PROBLEMS).stdout
    english = cli("check", PROBLEMS, "--lang", "en").stdout
    assert "schooljaar" in dutch and "school year" not in dutch
    assert "school year 2022-2023" in english
    assert "The staff council (P-MR) is not reported to have consented" in english


def test_a_missing_file_is_unreadable_not_a_traceback(cli, tmp_path):
    result = cli("check", tmp_path / "nowhere.xbrl")
    assert result.exit_code == 2
    assert f"{tmp_path / 'nowhere.xbrl'}\n  NIET LEESBAAR: bestand bestaat niet\n" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(cli):
    assert cli("check").exit_code == 2
    assert cli("check", COMPLIANT, "--format", "xml").exit_code == 2


def test_a_config_file_without_a_command_asks_for_one_in_dutch(cli, tmp_path):
    """No command after the group's options: click says "Missing command." in English."""
    (tmp_path / "compliance.toml").write_text('fail-on = "warning"\n')
    result = cli("--config", tmp_path / "compliance.toml")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == "Fout: geef een opdracht: batch, check, diff, rules, serve"
    )


def test_rules_list_shows_every_rule(cli, catalogue):
    listed = cli("rules", "list").stdout
    for rule_id, rule in catalogue.rules.items():
        assert rule_id in listed
        assert rule.title.nl in listed


def test_rules_show_gives_the_parameters_in_force_for_a_school_year(cli):
    shown = cli("rules", "show", "npo-007", "--year", "2022-2023", "--lang", "en").stdout
    assert "npo.external_share.signal" in shown and "25%" in shown
    assert "004_0ca5dd17a86193b4.txt" in shown


def test_rules_show_an_unknown_rule_is_a_usage_error(cli):
    result = cli("rules", "show", "XYZ-999")
    assert result.exit_code == 2
    assert "XYZ-999" in result.stderr


def test_rules_test_runs_every_documented_case(cli, catalogue):
    result = cli("rules", "test", "--engine", "python")
    total = sum(len(rule.cases) for rule in catalogue.rules.values())
    assert result.exit_code == 0
    assert f"{total} van {total} gevallen slagen" in result.stdout


def test_rules_test_names_each_case_in_the_language_asked(cli):
    dutch = cli("rules", "test", "NPO-007", "--engine", "python").stdout.splitlines()
    assert "ok    NPO-007  precies 0.25 is geen bevinding" in dutch
    english = cli("rules", "test", "NPO-007", "--engine", "python", "--lang", "en")
    assert "ok    NPO-007  exactly 0.25 is no finding" in english.stdout.splitlines()


INSTALLED = Path(sys.executable).parent / "compliance"


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
def test_the_installed_command_works_from_any_folder(tmp_path):
    """pip install . ships rules and schemas inside the package."""
    done = subprocess.run(
        [str(INSTALLED), "check", str(PROBLEMS), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["findings"]) > 0
