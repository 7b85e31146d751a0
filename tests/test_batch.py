"""`compliance batch` as a reviewer meets it: one result per filing whatever the filing does
to its worker, counts that add up, outputs that open in Excel and a browser, --resume.

Filings that kill their worker, make the check raise or make it hang are made by patching
the checker in this process before the batch starts: the workers are forked from it, so
they inherit the patch, and production code has no test hooks. (A named pipe would not do
for a hang: the reader refuses anything but a regular file at once.) The Ctrl-C test runs a
real process, started through a small bootstrap that applies the same patch.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, SAMPLES

from compliance.check import Checker
from compliance.report.formatting import format_percentage

RESULT_SCHEMA = json.loads((REPO / "schemas" / "result.schema.json").read_text())
KILL = "Stichting Die Haar Controleproces Doodt"
RAISE = "Stichting Waarop De Controle Vastloopt"
HANG = "Stichting Waarop De Controle Blijft Wachten"
# Runs `compliance batch` with the checker patched to hang for good on a filing of board HANG.
HANGING_BATCH = f"""
import sys, threading
from pathlib import Path
from compliance.check import Checker
from compliance.__main__ import main  # the entry point `compliance` runs, Ctrl-C handling too
original = Checker.check_file
def check_file(self, path, name=None):
    if {HANG!r}.encode() in Path(path).read_bytes():
        threading.Event().wait()
    return original(self, path, name)
Checker.check_file = check_file
sys.argv[0] = "compliance"
main()
"""
HOSTILE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;&a;</x>\n'
NOT_XBRL = b'<?xml version="1.0"?>\n<report xmlns="http://example.org/not-xbrl"/>\n'
OUTPUTS = ("results.jsonl", "findings.csv", "findings.xlsx", "summary.json", "report.html")


# -- helpers ------------------------------------------------------------------------------


def put(folder: Path, name: str, data: bytes) -> str:
    """Write a filing; returns the name its result will carry (the path as walked)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def pipe(folder: Path, name: str) -> str:
    """A named pipe with no writer: reading it would block, so it must be refused unread."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return str(path)


def results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


def by_name(out: Path) -> dict[str, dict]:
    return {Path(result["file"]).name: result for result in results(out)}


def with_year(spec: dict, **facts: object) -> dict:
    spec = copy.deepcopy(spec)
    spec["schools"][0]["years"]["2022-2023"]["facts"].update(facts)
    return spec


def named(spec: dict, name: str) -> dict:
    spec = copy.deepcopy(spec)
    spec["name"] = name
    return spec


@pytest.fixture
def checked_log(monkeypatch, tmp_path) -> Path:
    """Patch the checker the workers will inherit: it notes every filing it is asked to
    check in a log, kills its own process on a filing of board KILL, raises on one of board
    RAISE and never returns on one of board HANG."""
    log = tmp_path / "checked.log"
    log.touch()
    original = Checker.check_file

    def check_file(self, path, name=None):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
        data = Path(path).read_bytes() if Path(path).is_file() else b""
        if KILL.encode() in data:
            os.kill(os.getpid(), signal.SIGKILL)
        if RAISE.encode() in data:
            raise RuntimeError("planted failure in the check")
        if HANG.encode() in data:
            threading.Event().wait()
        return original(self, path, name)

    monkeypatch.setattr(Checker, "check_file", check_file)
    return log


def checked(log: Path) -> list[str]:
    """The filings checked since the log was last cleared, sorted."""
    names = sorted(log.read_text().splitlines())
    log.write_text("")
    return names


# -- one result per input ---------------------------------------------------------------


def test_a_mixed_folder_gives_one_result_per_input_and_counts_that_add_up(
    cli, tmp_path, filing, board_spec, checked_log
):
    folder, out = tmp_path / "in", tmp_path / "out"
    expected = {
        put(folder, "a-good.xbrl", filing(board_spec)): "compliant",
        put(
            folder, "b-bad.xbrl", filing(with_year(board_spec, WorkloadStaffCouncilConsent=False))
        ): "findings",
        put(folder, "c-hostile.xml", HOSTILE): "unreadable",
        put(folder, "d-malformed.xbrl", (SAMPLES / "malformed.xbrl").read_bytes()): "unreadable",
        put(folder, "e-kills.xbrl", filing(named(board_spec, KILL))): "error",
        put(folder, "f-raises.xbrl", filing(named(board_spec, RAISE))): "error",
        put(folder, "g-hangs.xbrl", filing(named(board_spec, HANG))): "error",
        put(folder, "h-later/good.XBRL", filing(board_spec)): "compliant",
        pipe(folder, "i-pipe.xbrl"): "unreadable",
    }
    (folder / "notes.txt").write_text("not a filing")

    result = cli("batch", folder, "--out", out, "--jobs", "2", "--timeout", "3")

    assert result.exit_code == 1, result.output
    got = results(out)
    assert [r["file"] for r in got] == sorted(expected)
    assert {r["file"]: r["status"] for r in got} == expected
    for item in got:
        jsonschema.validate(item, RESULT_SCHEMA)
    reasons = {Path(r["file"]).name: r["error"] for r in got}
    assert "SIGKILL" in reasons["e-kills.xbrl"]
    assert "planted failure" in reasons["f-raises.xbrl"]
    assert "--timeout" in reasons["g-hangs.xbrl"]
    assert "DOCTYPE" in reasons["c-hostile.xml"]
    assert "geen gewoon bestand" in reasons["i-pipe.xbrl"]

    counts = summary(out)["counts"]
    assert counts["inputs"] == len(expected)
    for status in ("compliant", "findings", "unreadable", "error"):
        assert counts[status] == list(expected.values()).count(status)
    assert counts["inputs"] == sum(
        counts[s] for s in ("compliant", "findings", "unreadable", "error")
    )
    assert f"{len(expected)} aanleveringen: 2 voldoen, 1 met bevindingen" in result.stdout
    for name, status in expected.items():
        assert (name in result.stderr) == (status == "error")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_filing_queued_behind_a_failing_one_is_judged_once_and_not_lost(
    cli, tmp_path, filing, board_spec, checked_log, jobs
):
    """Each worker holds its next filing while it judges one: when it dies, hangs or
    raises, only the filing it was judging gets the error; the one queued behind it is
    handed out again, and no filing is ever started twice."""
    folder, out = tmp_path / "in", tmp_path / "out"
    planted = {"b": KILL, "d": HANG, "f": RAISE}
    expected = {}
    for name in "abcdefgh":
        spec = named(board_spec, planted[name]) if name in planted else board_spec
        status = "error" if name in planted else "compliant"
        expected[put(folder, f"{name}.xbrl", filing(spec))] = status

    cli("batch", folder, "--out", out, "--jobs", jobs, "--timeout", "2")

    assert {r["file"]: r["status"] for r in results(out)} == expected
    assert checked(checked_log) == sorted(expected)  # each started exactly once
    reasons = {Path(r["file"]).stem: r["error"] for r in results(out)}
    assert "SIGKILL" in reasons["b"]
    assert "--timeout" in reasons["d"]
    assert "planted failure" in reasons["f"]


def test_a_batch_of_compliant_filings_and_warnings_exits_0(cli, tmp_path, filing, board_spec):
    folder = tmp_path / "in"
    put(folder, "good.xbrl", filing(board_spec))
    put(
        folder,
        "late.xbrl",
        filing(with_year(board_spec, WorkloadStaffCouncilConsentDate="2023-08-15")),
    )
    result = cli("batch", folder, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in results(tmp_path / "out")] == ["compliant", "findings"]


def test_a_result_is_what_check_gives_for_the_same_file(cli, tmp_path):
    folder = tmp_path / "in"
    names = [
        put(folder, sample.name, sample.read_bytes()) for sample in sorted(SAMPLES.glob("*.xbrl"))
    ]
    cli("batch", folder, "--out", tmp_path / "out", "--jobs", "2")
    for name, got in zip(names, results(tmp_path / "out"), strict=True):
        assert got == json.loads(cli("check", name, "--format", "json").stdout)


def test_a_file_named_twice_gives_one_result(cli, tmp_path, filing, board_spec):
    folder = tmp_path / "in"
    name = put(folder, "good.xbrl", filing(board_spec))
    cli("batch", folder, name, "--out", tmp_path / "out")
    assert [r["file"] for r in results(tmp_path / "out")] == [name]


def test_the_same_input_gives_the_same_bytes_whatever_the_jobs(
    cli, tmp_path, filing, board_spec, checked_log, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the run date in the reports
    folder = tmp_path / "in"
    for sample in SAMPLES.glob("*.xbrl"):
        put(folder, sample.name, sample.read_bytes())
    put(folder, "bad.xbrl", filing(with_year(board_spec, NpoCouncilConsent=None)))
    put(folder, "kills.xbrl", filing(named(board_spec, KILL)))
    outs = [tmp_path / "one", tmp_path / "two", tmp_path / "again"]
    for out, jobs in zip(outs, ["1", "2", "2"], strict=True):
        cli("batch", folder, "--out", out, "--jobs", jobs)
    for name in OUTPUTS:
        contents = {(out / name).read_bytes() for out in outs}
        assert len(contents) == 1, name


def test_jsonl_on_stdout_streams_what_results_jsonl_holds(cli, tmp_path, filing, board_spec):
    folder = tmp_path / "in"
    put(folder, "good.xbrl", filing(board_spec))
    put(folder, "malformed.xbrl", (SAMPLES / "malformed.xbrl").read_bytes())
    result = cli("batch", folder, "--out", tmp_path / "out", "--format", "jsonl")
    assert result.stdout == (tmp_path / "out" / "results.jsonl").read_text()
    assert "2 aanleveringen" in result.stderr


def test_no_filings_at_all_is_a_usage_error(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("batch", tmp_path / "empty", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "geen *.xbrl- of *.xml-bestanden in" in result.stderr


def test_no_progress_line_when_stderr_is_not_a_terminal(cli, tmp_path, filing, board_spec):
    put(tmp_path / "in", "good.xbrl", filing(board_spec))
    result = cli("batch", tmp_path / "in", "--out", tmp_path / "out", "--format", "jsonl")
    assert "\r" not in result.stderr
    assert "/s" not in result.stderr


# -- resume and interrupt ----------------------------------------------------------------


def test_resume_skips_unchanged_filings_and_redoes_changed_ones(
    cli, tmp_path, filing, board_spec, checked_log, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the run date in the reports
    folder, out = tmp_path / "in", tmp_path / "out"
    same = put(folder, "a-same.xbrl", filing(board_spec))
    changed = put(folder, "b-changed.xbrl", filing(board_spec))
    failed = put(folder, "c-raises.xbrl", filing(named(board_spec, RAISE)))
    cli("batch", folder, "--out", out)
    assert checked(checked_log) == [same, changed, failed]

    put(folder, "b-changed.xbrl", filing(with_year(board_spec, WorkloadTeamConsultationHeld=False)))
    added = put(folder, "d-added.xbrl", filing(board_spec))
    result = cli("batch", folder, "--out", out, "--resume")
    # an error says the check did not finish, not what the filing is: it is tried again
    assert checked(checked_log) == [changed, failed, added]
    assert "1 ongewijzigd" in result.stdout
    assert by_name(out)["b-changed.xbrl"]["findings"][0]["rule"] == "WDM-001"

    fresh = tmp_path / "fresh"
    cli("batch", folder, "--out", fresh)
    checked(checked_log)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name

    cli("batch", folder, "--out", out, "--resume")
    assert checked(checked_log) == [failed]
    assert (out / "results.jsonl").read_bytes() == (fresh / "results.jsonl").read_bytes()


def test_resume_judges_everything_again_when_the_rule_set_changes(
    cli, tmp_path, filing, board_spec, checked_log
):
    folder, out = tmp_path / "in", tmp_path / "out"
    names = [put(folder, f"{n}.xbrl", filing(board_spec)) for n in ("a", "b")]
    cli("batch", folder, "--out", out)
    checked(checked_log)
    before = summary(out)["rule_set"]
    reference = tmp_path / "reference"
    reference.mkdir()
    allowance = (REPO / "samples" / "reference" / "arbeidsmarkttoelage.csv").read_text()
    (reference / "arbeidsmarkttoelage.csv").write_text(allowance + "2022-2023,99ZZ\n")
    cli("batch", folder, "--out", out, "--resume", "--reference-dir", reference)
    assert checked(checked_log) == names
    assert {r["rule_set"] for r in results(out)} == {summary(out)["rule_set"]} != {before}


def test_an_interrupted_run_leaves_valid_outputs_and_resume_finishes_it(
    cli, tmp_path, filing, board_spec, checked_log, monkeypatch
):
    from compliance.batch import progress

    folder, out = tmp_path / "in", tmp_path / "out"
    names = [put(folder, f"{n}.xbrl", filing(board_spec)) for n in "abcde"]
    original = progress.Progress.advance

    def advance(self, findings, unreadable=False):  # Ctrl-C arrives with the second result
        original(self, findings, unreadable)
        if self.done == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(progress.Progress, "advance", advance)
    result = cli("batch", folder, "--out", out, "--jobs", "1")

    assert result.exit_code == 130
    assert [r["file"] for r in results(out)] == names[:2]
    assert summary(out)["complete"] is False
    assert summary(out)["counts"]["not_checked"] == 3
    assert summary(out)["counts"]["inputs"] == 5
    assert "niet gecontroleerd" in (out / "report.html").read_text()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    monkeypatch.setattr(progress.Progress, "advance", original)
    checked(checked_log)
    result = cli("batch", folder, "--out", out, "--resume")
    assert result.exit_code == 0
    assert checked(checked_log) == names[2:]
    assert [r["file"] for r in results(out)] == names
    assert summary(out)["complete"] is True


def _read_lines(stream, count: int, seconds: float) -> list[str]:
    """Up to ``count`` lines from a pipe, waiting at most ``seconds``: read from the file
    descriptor itself, since a buffered reader may hold lines select() cannot see."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    data, deadline = b"", time.monotonic() + seconds
    while data.count(b"\n") < count and time.monotonic() < deadline:
        if selector.select(deadline - time.monotonic()):
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                break
            data += chunk
    return data.decode().splitlines()[:count]


def test_ctrl_c_writes_what_had_finished(tmp_path, filing, board_spec):
    """A real SIGINT to a real process, while one filing hangs for good."""
    folder, out = tmp_path / "in", tmp_path / "out"
    finished = [put(folder, f"{n}.xbrl", filing(board_spec)) for n in "abc"]
    put(folder, "z-hangs.xbrl", filing(named(board_spec, HANG)))
    command = [sys.executable, "-c", HANGING_BATCH, "batch", str(folder), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--format", "jsonl", "--jobs", "2", "--timeout", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so that cleaning up can reach every process it started
        # Ctrl-C handled even when the tests run as a background job (SIGINT ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        streamed = _read_lines(process.stdout, len(finished), 60)
        assert len(streamed) == len(finished)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert [r["file"] for r in results(out)] == finished
    assert summary(out)["counts"]["not_checked"] == 1


# -- what reviewers open ----------------------------------------------------------------


def test_findings_csv_opens_in_dutch_excel_and_round_trips(cli, tmp_path, filing, board_spec):
    folder, out = tmp_path / "in", tmp_path / "out"
    spec = with_year(board_spec, WorkloadStaffCouncilConsent=False)
    spec["schools"][0]["years"]["2022-2023"]["lines"][0]["NpoInterventionCode"] = 'Z;9 "één"'
    put(folder, "bad.xbrl", filing(spec))
    put(folder, "structural.xbrl", (SAMPLES / "structural-problems.xbrl").read_bytes())
    cli("batch", folder, "--out", out)

    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    expected = [
        (r["board"] or "", f["school"] or "", f["school_year"] or "", f["rule"], f["message"])
        for r in results(out)
        for f in r["findings"]
    ]
    columns = ("bestuursnummer", "school", "schooljaar", "regel", "melding")
    assert [tuple(row[c] for c in columns) for row in rows] == expected
    assert {row["bestuur"] for row in rows} >= {spec["name"]}
    assert {row["schoolsoort"] for row in rows if row["school"] == "12AB"} == {"BAO"}
    assert any('Z;9 "één"' in row["melding"] for row in rows)
    lines = {row["interventieregel"] for row in rows if row["regel"] == "NPO-004"}
    assert lines == {"1"}


def _board(
    index: int, consent: bool, external: str, personnel: int, school_type: str = "BAO"
) -> dict:
    """A one-school board in 2022-2023 with the figures the summary counts."""
    year = {
        "facts": {
            "WorkloadFundsReceived": "61000.00",
            "WorkloadTeamConsultationHeld": True,
            "WorkloadStaffCouncilConsent": consent,
            "WorkloadSpendingPersonnel": f"{personnel}.00",
            "WorkloadSpendingMaterials": "6000.00",
            "NpoFundsReceived": "80000.00",
            "NpoSchoolScanCompleted": True,
            "NpoTeamInvolved": True,
            "NpoCouncilConsent": True,
        },
        "lines": [
            {
                "NpoInterventionCode": "B3",
                "NpoInterventionSpending": "80000.00",
                "NpoInterventionExternalSpending": external,
            }
        ],
    }
    brin = f"{10 + index}AB"
    school = {
        "brin": brin,
        "type": school_type,
        "name": f"School {index}",
        "years": {"2022-2023": year},
    }
    return {"board": f"{41000 + index}", "name": f"Bestuur {index}", "schools": [school]}


BOARDS = [  # consent, external spending (of 80,000), personnel spending
    (True, "4000.00", 55000),
    (True, "30000.00", 50000),
    (False, "8000.00", 40000),
    (True, "36000.00", 55000),
    (True, "0.00", 45000),
]


def _batch_of_boards(cli, tmp_path, filing, *options) -> Path:
    folder, out = tmp_path / "in", tmp_path / "out"
    for index, (consent, external, personnel) in enumerate(BOARDS):
        put(folder, f"board-{index}.xbrl", filing(_board(index, consent, external, personnel)))
    put(folder, "not-xbrl.xml", NOT_XBRL)
    cli("batch", folder, "--out", out, *options)
    return out


def test_the_summary_rounds_amounts_of_many_decimals_to_cents_once(cli, tmp_path, filing):
    """Exact decimals, to the cent: 1,234.01|4999... is 1,234.01, whereas multiplying it by
    100 in Decimal's default 28 digits rounds it up to ...01.5 first, and then to 1,234.02."""
    board = _board(0, True, "0.00", 50000)
    facts = board["schools"][0]["years"]["2022-2023"]["facts"]
    facts["WorkloadSpendingPersonnel"] = "1234.01" + "4" + "9" * 24 + "5"
    folder, out = tmp_path / "in", tmp_path / "out"
    put(folder, "board.xbrl", filing(board))
    cli("batch", folder, "--out", out, "--engine", "python")
    (row,) = summary(out)["monitoring"]
    spending = {c["category"]: c for c in row["workload_spending"]["categories"]}
    assert spending["spending_personnel"]["amount"] == 1234.01


def test_the_summary_holds_the_monitoring_figures(cli, tmp_path, filing, catalogue):
    out = _batch_of_boards(cli, tmp_path, filing)
    (row,) = summary(out)["monitoring"]
    assert (row["school_year"], row["school_type"]) == ("2022-2023", "BAO")
    process = {entry["rule"]: entry for entry in row["process_rules"]}
    assert process["WDM-002"]["plans"] == len(BOARDS)
    assert process["WDM-002"]["complying"] == sum(consent for consent, _, _ in BOARDS)
    assert process["WDM-001"]["share"] == 1.0

    signal_value = catalogue.parameters["npo.external_share.signal"].values.entries[-1][1]
    under = sum(Decimal(external) / 80000 < signal_value for _, external, _ in BOARDS)
    assert row["npo_external_share"]["under_signal"] == under
    assert row["npo_external_share"]["share"] == round(under / len(BOARDS), 6)

    spending = {c["category"]: c for c in row["workload_spending"]["categories"]}
    personnel = sum(p for _, _, p in BOARDS)
    total = personnel + 6000 * len(BOARDS)
    assert spending["spending_personnel"]["amount"] == personnel
    assert spending["spending_personnel"]["share"] == round(personnel / total, 6)
    assert row["workload_spending"]["total"] == total

    per_rule = {entry["rule"]: entry for entry in summary(out)["findings_per_rule"]}
    assert per_rule["WDM-002"]["findings"] == len(BOARDS) - process["WDM-002"]["complying"]


def test_the_external_share_threshold_comes_from_the_parameters(cli, tmp_path, filing):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    parameters = (rules / "parameters.yaml").read_text()
    (rules / "parameters.yaml").write_text(
        parameters.replace("2021-08-01: 0.25", "2021-08-01: 0.40")
    )
    out = _batch_of_boards(cli, tmp_path, filing, "--rules-dir", rules)
    (row,) = summary(out)["monitoring"]
    under = sum(Decimal(external) / 80000 < Decimal("0.40") for _, external, _ in BOARDS)
    assert row["npo_external_share"] == {
        "plans": len(BOARDS),
        "under_signal": under,
        "share": round(under / len(BOARDS), 6),
        "signal": 0.4,
    }


def test_report_html_is_self_contained_and_shows_the_summary_figures(cli, tmp_path, filing):
    out = _batch_of_boards(cli, tmp_path, filing)
    html = (out / "report.html").read_text()
    assert "http://" in by_name(out)["not-xbrl.xml"]["error"]  # a reason that names a URI
    assert "http://" not in html and "https://" not in html
    for reference in ("src=", "url(", "@import", "<link"):
        assert reference not in html
    assert set(re.findall(r'href="(.)', html)) == {"#"}  # links within the page only
    assert "<svg" in html

    (row,) = summary(out)["monitoring"]

    def percent(share):
        return format_percentage(Decimal(str(share)), "nl")

    for category in row["workload_spending"]["categories"]:
        assert percent(category["share"]) in html
    assert percent(row["npo_external_share"]["share"]) in html
    for entry in summary(out)["findings_per_rule"]:
        if entry["findings"]:
            assert f'data-rule="{entry["rule"]}"' in html
    assert "not-xbrl.xml" in html


def test_report_html_speaks_english_on_request(cli, tmp_path, filing):
    out = _batch_of_boards(cli, tmp_path, filing, "--lang", "en")
    html = (out / "report.html").read_text()
    assert '<html lang="en">' in html
    assert "Findings per rule" in html
