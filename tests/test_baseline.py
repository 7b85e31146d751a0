"""Last year beside this year: `batch --baseline PREVIOUS_OUT` and `compliance diff OLD NEW`
tell per board which findings are new, resolved and unchanged, matched by fingerprint."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_pipe, write_into_pipe

INSTALLED = Path(sys.executable).parent / "compliance"
YEAR = "2022-2023"
needs_installed = pytest.mark.skipif(
    not INSTALLED.exists(), reason="the console script is not installed"
)


def board(spec: dict, number: str, **facts: object) -> dict:
    spec = copy.deepcopy(spec)
    spec["board"] = number
    spec["schools"][0]["years"][YEAR]["facts"].update(facts)
    return spec


@pytest.fixture
def two_years(tmp_path, filing, board_spec):
    """Last year's and this year's filings of three boards each:
    41001 keeps its refused consent (WDM-002) and fixes its late one (WDM-004);
    41002 is compliant last year and refuses consent this year;
    41003 files only last year (a WDM-002); 41004 only this year (compliant)."""
    last, this = tmp_path / "last", tmp_path / "this"
    last.mkdir()
    this.mkdir()
    late = {"WorkloadStaffCouncilConsentDate": "2023-08-15"}
    (last / "41001.xbrl").write_bytes(
        filing(board(board_spec, "41001", WorkloadStaffCouncilConsent=False, **late))
    )
    (last / "41002.xbrl").write_bytes(filing(board(board_spec, "41002")))
    (last / "41003.xbrl").write_bytes(
        filing(board(board_spec, "41003", WorkloadStaffCouncilConsent=False))
    )
    (this / "41001.xbrl").write_bytes(
        filing(board(board_spec, "41001", WorkloadStaffCouncilConsent=False))
    )
    (this / "41002.xbrl").write_bytes(
        filing(board(board_spec, "41002", WorkloadStaffCouncilConsent=False))
    )
    (this / "41004.xbrl").write_bytes(filing(board(board_spec, "41004")))
    return last, this


def installed(*args: object, cwd: Path) -> subprocess.CompletedProcess:
    """The console script as a user runs it: its own process, real stdout and stderr."""
    return subprocess.run(
        [str(INSTALLED), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )


def rules_of(findings: list[dict]) -> list[str]:
    return [finding["rule"] for finding in findings]


def test_batch_with_a_baseline_says_per_board_what_is_new_resolved_and_unchanged(
    cli, tmp_path, two_years
):
    last, this = two_years
    cli("batch", last, "--out", tmp_path / "out-last")
    result = cli("batch", this, "--out", tmp_path / "out-this", "--baseline", tmp_path / "out-last")
    assert result.exit_code == 1  # the baseline changes nothing in the exit status
    assert (
        "ten opzichte van de vorige run: 1 nieuw, 1 opgelost, 1 ongewijzigd; "
        "1 bestuur niet meer in deze run" in result.stdout
    )
    baseline = json.loads((tmp_path / "out-this" / "summary.json").read_text())["baseline"]
    boards = {entry["board"]: entry for entry in baseline["boards"]}
    assert sorted(boards) == ["41001", "41002"]  # boards with a finding in either run
    assert rules_of(boards["41001"]["unchanged"]) == ["WDM-002"]
    assert rules_of(boards["41001"]["resolved"]) == ["WDM-004"]
    assert boards["41001"]["new"] == []
    assert rules_of(boards["41002"]["new"]) == ["WDM-002"]
    assert boards["41002"]["in_previous"] is True
    assert baseline["boards_missing"] == [{"board": "41003", "findings": 1}]
    assert baseline["totals"] == {
        "boards": 2,
        "new": 1,
        "recurring": 0,
        "resolved": 1,
        "unchanged": 1,
        "boards_missing": 1,
    }
    this_year = [
        json.loads(line)
        for line in (tmp_path / "out-this" / "results.jsonl").read_text().splitlines()
    ]
    fingerprints = {f["fingerprint"] for r in this_year for f in r["findings"]}
    assert {f["fingerprint"] for f in boards["41002"]["new"]} <= fingerprints


def test_a_batch_without_a_baseline_says_so_in_the_summary(cli, tmp_path, two_years):
    last, _ = two_years
    cli("batch", last, "--out", tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["baseline"] is None and summary["waivers"] is None


def test_diff_compares_two_runs_as_the_batch_baseline_does(cli, tmp_path, two_years):
    last, this = two_years
    cli("batch", last, "--out", tmp_path / "a")
    cli("batch", this, "--out", tmp_path / "b", "--baseline", tmp_path / "a")
    text = cli("diff", tmp_path / "a", tmp_path / "b")
    assert text.exit_code == 0
    assert "bestuur 41001: 0 nieuw, 1 opgelost, 1 ongewijzigd" in text.stdout
    assert "  opgelost  WDM-004, waarschuwing, school 12AB, schooljaar 2022-2023" in text.stdout
    assert "bestuur 41002: 1 nieuw, 0 opgelost, 0 ongewijzigd" in text.stdout
    assert "bestuur 41003: niet (leesbaar) in deze run" in text.stdout
    english = cli("diff", tmp_path / "a", tmp_path / "b", "--lang", "en").stdout
    assert "board 41002: 1 new, 0 resolved, 0 unchanged" in english
    as_json = json.loads(cli("diff", tmp_path / "a", tmp_path / "b", "--format", "json").stdout)
    in_summary = json.loads((tmp_path / "b" / "summary.json").read_text())["baseline"]
    assert as_json["boards"] == in_summary["boards"]
    assert as_json["totals"] == in_summary["totals"]


def test_diff_reads_an_earlier_run_from_a_pipe_and_says_while_it_waits(
    cli, tmp_path, two_years
):
    """``compliance diff <(ssh archive cat results.jsonl) out/``: a pipe nothing has come
    through yet is waited on with a word on stderr, then compared as the file would be."""
    last, this = two_years
    cli("batch", last, "--out", tmp_path / "a")
    cli("batch", this, "--out", tmp_path / "b")
    pipe = make_pipe(tmp_path / "earlier.jsonl")
    writer = write_into_pipe(pipe, (tmp_path / "a" / "results.jsonl").read_bytes(), after=1.5)
    piped = cli("diff", pipe, tmp_path / "b", "--format", "json")
    writer.join()
    assert f"{pipe} is een pipe waar nog niets door komt" in piped.stderr
    from_file = cli("diff", tmp_path / "a", tmp_path / "b", "--format", "json")
    assert piped.exit_code == from_file.exit_code == 0
    assert json.loads(piped.stdout)["boards"] == json.loads(from_file.stdout)["boards"]


def test_the_baseline_may_be_the_out_folder_it_replaces(cli, tmp_path, two_years):
    """`--baseline results/ --out results/` compares with what was there before the run."""
    last, this = two_years
    out = tmp_path / "results"
    cli("batch", last, "--out", out)
    cli("batch", this, "--out", out, "--baseline", out)
    totals = json.loads((out / "summary.json").read_text())["baseline"]["totals"]
    assert (totals["new"], totals["resolved"], totals["unchanged"]) == (1, 1, 1)


def test_results_written_before_fingerprints_existed_still_compare(cli, tmp_path, two_years):
    last, this = two_years
    cli("batch", last, "--out", tmp_path / "a")
    cli("batch", this, "--out", tmp_path / "b")
    old = tmp_path / "old-results.jsonl"
    lines = []
    for line in (tmp_path / "a" / "results.jsonl").read_text().splitlines():
        result = json.loads(line)
        for finding in result["findings"]:
            del finding["fingerprint"]
        result["rule_set"] = "an older rule set"
        lines.append(json.dumps(result))
    old.write_text("\n".join(lines) + "\n")
    as_json = json.loads(cli("diff", old, tmp_path / "b", "--format", "json").stdout)
    assert as_json["totals"]["unchanged"] == 1 and as_json["totals"]["resolved"] == 1
    assert "de vorige run gebruikte een andere regelset" in cli("diff", old, tmp_path / "b").stdout
    same = cli("diff", tmp_path / "a", tmp_path / "b").stdout
    assert "andere regelset" not in same


def test_the_same_problem_in_the_next_school_year_is_new_and_marked_recurring(
    cli, tmp_path, filing, board_spec
):
    """The fingerprint holds the school year: last year's 2021-2022 finding is resolved,
    this year's 2022-2023 one new, and marked as found before in another school year."""
    earlier = copy.deepcopy(board_spec)
    school = earlier["schools"][0]
    year = school["years"].pop(YEAR)
    year["facts"].update(
        WorkloadStaffCouncilConsent=False,
        WorkloadTeamConsultationDate="2021-09-13",
        WorkloadStaffCouncilConsentDate="2021-10-04",
    )
    school["years"]["2021-2022"] = year
    later = board(board_spec, "41234", WorkloadStaffCouncilConsent=False)
    for name, spec in (("last", earlier), ("this", later)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "b.xbrl").write_bytes(filing(spec))
        cli("batch", tmp_path / name, "--out", tmp_path / f"out-{name}")
    as_json = json.loads(
        cli("diff", tmp_path / "out-last", tmp_path / "out-this", "--format", "json").stdout
    )
    (entry,) = as_json["boards"]
    assert [(f["rule"], f["school_year"]) for f in entry["resolved"]] == [("WDM-002", "2021-2022")]
    assert [(f["rule"], f["recurring"]) for f in entry["new"]] == [("WDM-002", True)]
    assert as_json["totals"]["recurring"] == 1
    text = cli("diff", tmp_path / "out-last", tmp_path / "out-this").stdout
    assert "WDM-002, overtreding, school 12AB, schooljaar 2022-2023, eerder ook gevonden" in text


def test_a_previous_run_that_is_not_there_is_a_usage_error(cli, tmp_path, two_years):
    _, this = two_years
    result = cli("batch", this, "--out", tmp_path / "out", "--baseline", tmp_path / "nothing")
    assert result.exit_code == 2
    assert "nothing" in result.stderr and "kan niet lezen" in result.stderr
    assert not (tmp_path / "out").exists()  # stopped before judging anything
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"file": "x"}\nnot json\n')
    diff = cli("diff", broken, broken)
    assert diff.exit_code == 2 and len(diff.stderr.splitlines()) == 1
    assert "broken.jsonl: bronregel 1: geen resultaat van `compliance batch`" in diff.stderr


def test_a_finding_repeated_in_a_board_is_matched_one_for_one(cli, tmp_path, two_years):
    """Two filings of one board in this run, one last year: one unchanged, one new."""
    last, this = two_years
    (this / "41001-again.xbrl").write_bytes((this / "41001.xbrl").read_bytes())
    cli("batch", last, "--out", tmp_path / "a")
    cli("batch", this, "--out", tmp_path / "b")
    as_json = json.loads(cli("diff", tmp_path / "a", tmp_path / "b", "--format", "json").stdout)
    entry = next(b for b in as_json["boards"] if b["board"] == "41001")
    assert rules_of(entry["unchanged"]) == ["WDM-002"] and rules_of(entry["new"]) == ["WDM-002"]


@needs_installed
def test_the_installed_command_compares_two_runs(tmp_path, two_years):
    last, this = two_years

    def run(*args: object) -> subprocess.CompletedProcess:
        return installed(*args, cwd=tmp_path)

    assert run("batch", last, "--out", "a", "--jobs", "1").returncode == 1
    assert run("batch", this, "--out", "b", "--jobs", "1", "--baseline", "a").returncode == 1
    done = run("diff", "a", "b")
    assert done.returncode == 0, done.stderr
    assert (
        "2 besturen met bevindingen: 1 nieuw (waarvan 0 eerder in een ander schooljaar), 1 opgelost"
        in done.stdout
    )


A_FINDING = {
    "rule": "NPO-001",
    "severity": "error",
    "school": None,
    "school_year": None,
    "line": None,
}
DAMAGED = {  # a results.jsonl line that is not a result the comparison can read
    "a finding without fields": '{"board": "41002", "findings": [{}]}',
    "a finding that is text": '{"board": "41002", "findings": ["x"]}',
    "a finding that is a number": '{"board": "41002", "findings": [1]}',
    "a board number as a number": '{"board": 41002, "findings": []}',
    "a board number as a list": '{"board": [41002], "findings": []}',
    "a fingerprint as a list": json.dumps(
        {"board": "41002", "findings": [{**A_FINDING, "fingerprint": [1]}]}
    ),
    "a rule as a number": json.dumps({"board": "41002", "findings": [{**A_FINDING, "rule": 5}]}),
    "a severity unknown": json.dumps(
        {"board": "41002", "findings": [{**A_FINDING, "severity": "bad"}]}
    ),
    "a line as a list": json.dumps({"board": "41002", "findings": [{**A_FINDING, "line": [1]}]}),
    "a number too long to read": '{"findings": [], "x": ' + "9" * 5000 + "}",
    "a lone surrogate in a board": json.dumps(  # its fingerprint given: compared, not made
        {"board": "\ud800", "findings": [{**A_FINDING, "fingerprint": "0123456789abcdef"}]}
    ),
    "a lone surrogate in the rule set": json.dumps(
        {"board": "41002", "rule_set": "\ud800", "findings": []}
    ),
    "lists nested too deep": '{"findings": [' + "[" * 100_000 + "]" * 100_000 + "]}",
}


@needs_installed
@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=DAMAGED.keys())
def test_diff_refuses_a_damaged_result_line_naming_the_file_and_line(tmp_path, damaged):
    """A hand-edited or damaged results.jsonl is a usage error, told on one line with the
    bronregel to fix, before anything is compared or printed; never a traceback."""
    (tmp_path / "previous.jsonl").write_text("")
    (tmp_path / "current.jsonl").write_text('{"board": "41001", "findings": []}\n' + damaged)
    done = installed("diff", "previous.jsonl", "current.jsonl", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "compliance: current.jsonl: bronregel 2: geen resultaat van `compliance batch`"
    ]
    assert done.stdout == ""


def test_a_baseline_that_cannot_be_written_out_again_stops_the_batch_before_judging(
    cli, tmp_path, two_years
):
    """A lone surrogate in last year's board number cannot go into summary.json: refused
    when the baseline is read, not found out after judging, with no outputs written."""
    _, this = two_years
    baseline = tmp_path / "results.jsonl"
    baseline.write_text(DAMAGED["a lone surrogate in a board"] + "\n")
    out = tmp_path / "out"
    result = cli("batch", this, "--out", out, "--baseline", baseline, "-q", "--jobs", "1")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"compliance: {baseline}: bronregel 1: geen resultaat van `compliance batch`"
    ]
    assert not out.exists()


@pytest.mark.parametrize("command", ["diff", "batch"])
def test_a_run_named_too_long_for_the_system_is_a_usage_error(cli, tmp_path, two_years, command):
    """The system refuses the name before any file is looked for: said in the reader's words."""
    _, this = two_years
    name = tmp_path / ("a" * 5000)
    if command == "diff":
        result = cli("diff", name, tmp_path / "b")
    else:
        result = cli("batch", this, "--out", tmp_path / "out", "--baseline", name)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"compliance: {name}: kan niet lezen: de naam is te lang")
    assert not (tmp_path / "out").exists()


def test_results_saved_with_a_byte_order_mark_still_compare(cli, tmp_path, two_years):
    """Excel and Notepad write a BOM before the first line when they save UTF-8."""
    last, this = two_years
    cli("batch", last, "--out", tmp_path / "a")
    cli("batch", this, "--out", tmp_path / "b")
    saved = tmp_path / "saved.jsonl"
    saved.write_bytes(b"\xef\xbb\xbf" + (tmp_path / "a" / "results.jsonl").read_bytes())
    result = cli("diff", saved, tmp_path / "b", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["resolved"] == 1
