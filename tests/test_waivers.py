"""Waivers as a reviewer uses them: a known finding accepted in a YAML file is still
reported, marked, and no longer counts for the exit status; expired and unused waivers are
listed; a malformed file is one line naming file, entry and field. And the fingerprint a
waiver, a baseline or a spreadsheet can hold on to."""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, SAMPLES, make_pipe, write_into_pipe

RESULT_SCHEMA = json.loads((REPO / "schemas" / "result.schema.json").read_text())
INSTALLED = Path(sys.executable).parent / "compliance"
YEAR = "2022-2023"


def broken(board_spec: dict, **facts: object) -> dict:
    """The compliant board with the facts of its 2022-2023 plan changed."""
    spec = copy.deepcopy(board_spec)
    spec["schools"][0]["years"][YEAR]["facts"].update(facts)
    return spec


def waivers_file(folder: Path, *entries: dict, name: str = "waivers.yaml") -> Path:
    """A waivers file written the way a reviewer would type it (unquoted dates)."""
    lines = ["waivers:"]
    for entry in entries:
        fields = {"reason": "Toegelicht in de brief van 3 maart", "granted_by": "j.jansen"}
        fields.update({"expires": "2030-07-31"}, **entry)
        first = True
        for key, value in fields.items():
            lines.append(f"  {'- ' if first else '  '}{key}: {value}")
            first = False
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def consent_refused(tmp_path, filing, board_spec) -> Path:
    """Board 41234, school 12AB: the P-MR refused (WDM-002) and intervention line 1 is not
    on the menukaart (NPO-004), both violations."""
    spec = broken(board_spec, WorkloadStaffCouncilConsent=False)
    spec["schools"][0]["years"][YEAR]["lines"][0]["NpoInterventionCode"] = "Z7"
    path = tmp_path / "refused.xbrl"
    path.write_bytes(filing(spec))
    return path


def check_json(cli, path: Path, *options: str) -> tuple[int, dict]:
    result = cli("check", path, "--format", "json", *options)
    return result.exit_code, json.loads(result.stdout)


# -- check --------------------------------------------------------------------------------


def test_a_waived_violation_is_still_reported_but_no_longer_fails_the_check(
    cli, tmp_path, consent_refused
):
    without, plain = check_json(cli, consent_refused)
    assert without == 1
    assert sorted(f["rule"] for f in plain["findings"]) == ["NPO-004", "WDM-002"]

    waivers = waivers_file(
        tmp_path,
        {"board": '"41234"', "rule": "WDM-002"},
        {"board": "41234", "school": "12ab", "school_year": YEAR, "rule": "NPO-*", "line": 1},
    )
    code, waived = check_json(cli, consent_refused, "--waivers", waivers)
    assert code == 0
    assert waived["status"] == "findings"  # the contract: any finding at all
    assert [f["rule"] for f in waived["findings"]] == [f["rule"] for f in plain["findings"]]
    marks = {f["rule"]: f["waiver"] for f in waived["findings"]}
    assert marks["WDM-002"] == {
        "reason": "Toegelicht in de brief van 3 maart",
        "granted_by": "j.jansen",
        "expires": "2030-07-31",
        "entry": 1,
    }
    assert marks["NPO-004"]["entry"] == 2
    assert waived["waivers"] == {"waived": 2, "expired": [], "unused": []}
    jsonschema.validate(waived, RESULT_SCHEMA)


def test_the_text_report_counts_waived_findings_apart_and_shows_the_waiver(
    cli, tmp_path, consent_refused
):
    waivers = waivers_file(tmp_path, {"board": '"41234"', "rule": "WDM-002"})
    dutch = cli("check", consent_refused, "--waivers", waivers)
    assert dutch.exit_code == 1  # NPO-004 is not waived
    assert "2 bevindingen: 1 overtreding; 1 met ontheffing, niet meegeteld" in dutch.stdout
    assert "ontheffing: Toegelicht in de brief van 3 maart (j.jansen, tot en met 31-07-2030)" in (
        dutch.stdout
    )
    english = cli("check", consent_refused, "--waivers", waivers, "--lang", "en").stdout
    assert "2 findings: 1 violation; 1 waived, not counted" in english


def test_a_waiver_narrowed_to_another_year_school_or_line_covers_nothing(
    cli, tmp_path, consent_refused
):
    waivers = waivers_file(
        tmp_path,
        {"board": '"41234"', "school_year": "2021-2022"},
        {"board": '"41234"', "school": "99ZZ"},
        {"board": '"41234"', "rule": "NPO-004", "line": 2},
        {"board": '"41235"', "rule": "WDM-002"},
    )
    code, result = check_json(cli, consent_refused, "--waivers", waivers)
    assert code == 1
    assert all(f["waiver"] is None for f in result["findings"])
    # the board's own waivers that covered nothing are listed; another board's are not
    assert [entry["entry"] for entry in result["waivers"]["unused"]] == [1, 2, 3]


def test_a_waiver_applies_up_to_its_last_day_and_is_listed_once_expired(
    cli, tmp_path, consent_refused, monkeypatch
):
    waivers = waivers_file(
        tmp_path,
        {"board": '"41234"', "rule": "WDM-002", "expires": "2024-07-31"},
        {"board": '"41234"', "rule": "NPO-004", "expires": "2030-07-31"},
    )
    code, on_the_day = check_json(
        cli, consent_refused, "--waivers", waivers, "--today", "2024-07-31"
    )
    assert code == 0 and on_the_day["waivers"]["expired"] == []

    code, after = check_json(cli, consent_refused, "--waivers", waivers, "--today", "2024-08-01")
    assert code == 1
    assert {f["rule"]: f["waiver"] is None for f in after["findings"]} == {
        "NPO-004": False,
        "WDM-002": True,
    }
    (expired,) = after["waivers"]["expired"]
    assert (expired["entry"], expired["rule"], expired["expires"]) == (1, "WDM-002", "2024-07-31")
    text = cli("check", consent_refused, "--waivers", waivers, "--today", "2024-08-01").stdout
    assert "Verlopen ontheffingen (gelden niet meer):" in text
    assert "nr. 1: 41234, WDM-002, tot en met 31-07-2024" in text

    monkeypatch.setenv("COMPLIANCE_TODAY", "2024-08-01")  # the run date from the environment
    assert cli("check", consent_refused, "--waivers", waivers).exit_code == 1


MALFORMED = [
    # (entry 2 as written, the field named, words of the reason)
    ({"board": '"4123"'}, "board", "not a board number"),
    ({"board": '"41234"', "expires": "31-07-2024"}, "expires", "not a date"),
    ({"board": '"41234"', "rule": "XYZ-*"}, "rule", "no rule"),
    ({"board": '"41234"', "school_year": "2022-2024"}, "school_year", "not a school year"),
    ({"board": '"41234"', "line": "0"}, "line", "not an intervention line"),
    ({"board": '"41234"', "until": "2024-07-31"}, "until", "unknown field"),
    ({"rule": "WDM-002"}, "board", "required"),
    ({"board": '"41234"', "granted_by": '""'}, "granted_by", "required"),
]


@pytest.mark.parametrize(("entry", "field", "words"), MALFORMED, ids=[m[1] for m in MALFORMED])
def test_a_malformed_waivers_file_is_one_line_naming_file_entry_and_field(
    cli, tmp_path, consent_refused, entry, field, words
):
    waivers = waivers_file(tmp_path, {"board": '"41234"', "rule": "WDM-002"}, entry)
    result = cli("check", consent_refused, "--waivers", waivers, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert str(waivers) in line and "entry 2 (line 7)" in line
    assert f"field '{field}'" in line and words in line


def test_a_waivers_file_that_is_not_a_list_of_entries_or_missing_is_a_usage_error(
    cli, tmp_path, consent_refused
):
    for text in ("- board: 41234\n", "waivers: [unclosed\n", "waivers: 41234\n", "]\x00\t~"):
        path = tmp_path / "bad.yaml"
        path.write_text(text)
        result = cli("check", consent_refused, "--waivers", path)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
        assert str(path) in result.stderr and "Traceback" not in result.stderr
    missing = cli("check", consent_refused, "--waivers", tmp_path / "nowhere.yaml")
    assert missing.exit_code == 2 and "nowhere.yaml: kan niet lezen" in missing.stderr


def test_a_board_number_with_a_leading_zero_is_kept_as_written(cli, tmp_path, filing, board_spec):
    """YAML 1.1 reads an unquoted 01234 as the octal number 668; a board number is text."""
    spec = broken(board_spec, WorkloadStaffCouncilConsent=False)
    spec["board"] = "01234"
    path = tmp_path / "zero.xbrl"
    path.write_bytes(filing(spec))
    waivers = waivers_file(tmp_path, {"board": "01234", "rule": "WDM-002"})
    code, result = check_json(cli, path, "--waivers", waivers)
    assert result["board"] == "01234"
    assert code == 0 and result["findings"][0]["waiver"] is not None


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
def test_the_installed_command_applies_waivers_to_a_sample(tmp_path):
    board = json.loads(
        subprocess.run(
            [
                str(INSTALLED),
                "check",
                str(SAMPLES / "multi-school-problems.xbrl"),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    )["board"]
    waivers = waivers_file(tmp_path, {"board": f'"{board}"'})  # every finding of the board
    done = subprocess.run(
        [
            str(INSTALLED),
            "check",
            str(SAMPLES / "multi-school-problems.xbrl"),
            "--waivers",
            str(waivers),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "met ontheffing, niet meegeteld" in done.stdout


# -- fingerprints ---------------------------------------------------------------------------


def test_a_fingerprint_follows_the_documented_recipe_and_ignores_the_message(
    cli, tmp_path, filing, board_spec
):
    first = tmp_path / "first.xbrl"
    first.write_bytes(filing(broken(board_spec, WorkloadStaffCouncilConsentDate="2023-08-15")))
    later = tmp_path / "later.xbrl"  # another date: another message, the same finding
    later.write_bytes(filing(broken(board_spec, WorkloadStaffCouncilConsentDate="2023-09-30")))
    (a,) = check_json(cli, first)[1]["findings"]
    (b,) = check_json(cli, later, "--lang", "en")[1]["findings"]
    assert a["message"] != b["message"]
    assert a["fingerprint"] == b["fingerprint"]
    recipe = json.dumps(["WDM-004", "41234", "12AB", YEAR, None], separators=(",", ":"))
    assert a["fingerprint"] == hashlib.sha256(recipe.encode()).hexdigest()[:16]


def test_fingerprints_differ_by_line_and_school_year(cli):
    (result,) = [check_json(cli, SAMPLES / "multi-school-problems.xbrl")[1]]
    keys = {
        (f["rule"], f["school"], f["school_year"], f["line"]): f["fingerprint"]
        for f in result["findings"]
    }
    assert len(set(keys.values())) == len(keys)


# -- batch ------------------------------------------------------------------------------------


def test_a_batch_counts_waived_findings_apart_and_lists_expired_and_unused_waivers(
    cli, tmp_path, filing, board_spec
):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    refused = broken(board_spec, WorkloadStaffCouncilConsent=False)
    (folder / "a.xbrl").write_bytes(filing(refused))
    other = copy.deepcopy(refused)
    other["board"] = "41235"
    (folder / "b.xbrl").write_bytes(filing(other))
    waivers = waivers_file(
        tmp_path,
        {"board": '"41234"', "rule": "WDM-*"},
        {"board": '"41235"', "rule": "WDM-002", "expires": "2020-07-31"},
        {"board": '"41299"', "rule": "WDM-002"},
    )
    result = cli("batch", folder, "--out", out, "--waivers", waivers, "--today", "2026-01-01")
    assert result.exit_code == 1  # board 41235's waiver has expired
    assert (
        "1 bevinding met ontheffing (niet meegeteld); 1 ontheffing verlopen, 1 zonder bevinding"
        in (result.stdout)
    )
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["waived"] == 1 and summary["counts"]["blocking"] == 1
    per_rule = {entry["rule"]: entry for entry in summary["findings_per_rule"]}
    assert per_rule["WDM-002"]["findings"] == 2 and per_rule["WDM-002"]["waived"] == 1
    assert summary["waivers"]["today"] == "2026-01-01"
    assert summary["waivers"]["file"] == str(waivers)
    assert summary["waivers"]["sha256"] == hashlib.sha256(waivers.read_bytes()).hexdigest()
    assert [w["entry"] for w in summary["waivers"]["expired"]] == [2]
    assert [w["entry"] for w in summary["waivers"]["unused"]] == [3]

    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [row["bestuursnummer"] for row in rows if row["ontheffing"]] == ["41234"]
    assert rows[0]["ontheffing"] == "Toegelicht in de brief van 3 maart (j.jansen, 2030-07-31)"
    for line in (out / "results.jsonl").read_text().splitlines():
        jsonschema.validate(json.loads(line), RESULT_SCHEMA)


def test_a_batch_whose_violations_are_all_waived_exits_0(cli, tmp_path, consent_refused):
    waivers = waivers_file(tmp_path, {"board": '"41234"'})
    result = cli("batch", consent_refused, "--out", tmp_path / "out", "--waivers", waivers)
    assert result.exit_code == 0
    without = cli("batch", consent_refused, "--out", tmp_path / "plain")
    assert without.exit_code == 1


def test_waivers_from_a_pipe_are_read_once_and_fingerprinted_as_read(
    cli, tmp_path, consent_refused
):
    """``--waivers <(...)`` or a FIFO a script fills: a pipe gives its bytes once, and the
    file was read twice (for its entries, then for its sha256: a named pipe hung there)."""
    content = waivers_file(tmp_path, {"board": '"41234"'}).read_bytes()
    pipe = make_pipe(tmp_path / "waivers-pipe")
    write_into_pipe(pipe, content)
    # were the pipe opened a second time, this writer would end that read with nothing,
    # rather than leave the test hanging
    late = write_into_pipe(pipe, b"", after=10.0)
    result = cli("batch", consent_refused, "--out", tmp_path / "out", "--waivers", pipe)
    late.cancel()
    assert result.exit_code == 0  # every finding of the board waived
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["waivers"]["sha256"] == hashlib.sha256(content).hexdigest()
    assert summary["counts"]["waived"] == 2


def test_resume_judges_again_when_the_waivers_change(cli, tmp_path, consent_refused):
    out = tmp_path / "out"
    cli("batch", consent_refused, "--out", out)
    waivers = waivers_file(tmp_path, {"board": '"41234"', "rule": "WDM-002"})
    result = cli("batch", consent_refused, "--out", out, "--resume", "--waivers", waivers)
    assert "--resume" not in result.stdout  # nothing taken over: the waivers changed it
    (line,) = (out / "results.jsonl").read_text().splitlines()
    assert [f["waiver"] is not None for f in json.loads(line)["findings"]] == [False, True]


def test_a_malformed_waivers_file_stops_a_batch_before_it_starts(cli, tmp_path, consent_refused):
    waivers = waivers_file(tmp_path, {"board": '"41234"', "expires": "soon"})
    result = cli("batch", consent_refused, "--out", tmp_path / "out", "--waivers", waivers)
    assert result.exit_code == 2
    assert "ontheffing 1 (bronregel 2), veld 'expires'" in result.stderr
    assert not (tmp_path / "out").exists()


# -- the function the web server shares ------------------------------------------------------


def test_waivers_load_once_and_apply_to_any_number_of_results(
    tmp_path, checkers, catalogue, consent_refused
):
    from datetime import date

    from compliance.waivers import Waivers

    path = waivers_file(tmp_path, {"board": '"41234"', "rule": "WDM-002", "expires": "2024-07-31"})
    waivers = Waivers.load(path, catalogue, date(2024, 7, 31))
    checker = next(iter(checkers.values()))
    plain = checker.check_bytes(consent_refused.read_bytes(), "upload.xbrl")
    assert plain.blocking
    for _ in range(2):  # the same loaded waivers, result after result
        waived = waivers.apply(checker.check_bytes(consent_refused.read_bytes(), "upload.xbrl"))
        assert [f.rule for f in waived.findings if f.waiver] == ["WDM-002"]
        assert waived.blocking  # NPO-004 still counts
        assert [f.rule for f in waived.counting_findings] == ["NPO-004"]
    later = Waivers(waivers.entries, date(2024, 8, 1)).apply(plain)
    assert all(f.waiver is None for f in later.findings)
    assert [w.entry for w in later.expired_waivers] == [1]


def test_a_config_file_names_the_waivers_file_once_and_a_flag_wins(
    cli, tmp_path, consent_refused, monkeypatch
):
    project = tmp_path / "project"
    project.mkdir()
    waivers_file(project, {"board": '"41234"'})  # every finding of the board
    waivers_file(project, {"board": '"41234"', "rule": "WDM-002"}, name="fewer.yaml")
    (project / "compliance.toml").write_text('waivers = "waivers.yaml"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(project)
    code, result = check_json(cli, consent_refused)
    assert code == 0 and result["waivers"]["waived"] == 2
    code, result = check_json(cli, consent_refused, "--waivers", project / "fewer.yaml")
    assert code == 1 and result["waivers"]["waived"] == 1
    monkeypatch.chdir(elsewhere)  # a path in the file is relative to the file
    code, result = check_json(cli, consent_refused, "--config", project / "compliance.toml")
    assert code == 0 and result["waivers"]["waived"] == 2
