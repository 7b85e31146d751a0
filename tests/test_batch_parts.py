"""The pieces of `compliance batch` whose behaviour a user notices but the end-to-end tests
in test_batch.py do not reach: the progress line on a terminal, spreadsheet safety, the
inputs that are walked, and what stops a batch before it starts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from compliance.batch import worker
from compliance.batch.csv_report import write_findings
from compliance.batch.inputs import find_inputs
from compliance.batch.monitoring import load_monitoring, monitoring_path
from compliance.batch.progress import Progress
from compliance.datafiles import DataFileError
from compliance.engine import EngineError


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_filings_rate_and_findings_on_a_terminal():
    stream = Terminal()
    progress = Progress(stream, total=3, lang="en", interval=0)
    for findings in (2, 0, 5):
        progress.advance(findings)
    progress.finish()
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("3/3 filings")
    assert "/s" in last
    assert "7 findings" in last


def test_progress_writes_nothing_to_a_file_or_pipe():
    stream = io.StringIO()
    progress = Progress(stream, total=2, lang="nl", interval=0)
    progress.advance(1)
    progress.advance(1)
    progress.finish()
    assert stream.getvalue() == ""


def test_a_cell_that_looks_like_a_formula_cannot_run_in_a_spreadsheet(tmp_path):
    finding = {
        "rule": "NPO-004",
        "severity": "violation",
        "school": "12AB",
        "school_year": "2022-2023",
        "message": "=HYPERLINK(1)",
    }
    result = {"board": "41234", "file": "+x.xbrl", "findings": [finding]}
    write_findings(tmp_path / "f.csv", [result], "en")
    with open(tmp_path / "f.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1][5] == "'=HYPERLINK(1)"
    assert rows[1][6] == "'+x.xbrl"
    assert rows[1][:5] == ["41234", "12AB", "2022-2023", "NPO-004", "violation"]


def test_folders_are_walked_for_xbrl_and_xml_files_only(tmp_path):
    for name in ("b.xbrl", "a/c.XML", "a/deeper/d.xml", "notes.txt", "e.xbrl.bak"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = find_inputs([str(tmp_path)])
    assert found == sorted(str(tmp_path / name) for name in ("b.xbrl", "a/c.XML", "a/deeper/d.xml"))


def test_a_named_file_that_is_not_there_is_an_unreadable_result(cli, tmp_path):
    missing = tmp_path / "missing.xbrl"
    result = cli("batch", missing, "--out", tmp_path / "out")
    (line,) = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    assert json.loads(line)["status"] == "unreadable"
    assert json.loads(line)["error"]
    assert result.exit_code == 0  # unreadable is a result, not a usage error


def test_a_monitoring_definition_naming_an_unknown_rule_is_refused(tmp_path, catalogue):
    text = monitoring_path(catalogue).read_text().replace("WDM-001", "WDM-999")
    path = tmp_path / "monitoring.yaml"
    path.write_text(text)
    with pytest.raises(DataFileError, match="WDM-999"):
        load_monitoring(catalogue, path)


def test_the_shipped_monitoring_definition_fits_the_shipped_rules(catalogue):
    monitoring = load_monitoring(catalogue)
    assert set(monitoring.process_rules) <= set(catalogue.rules)


def test_an_engine_that_cannot_start_in_the_workers_is_a_usage_error(
    cli, tmp_path, monkeypatch, filing, board_spec
):
    def broken(name):
        raise EngineError(f"the {name} engine is not available here")

    monkeypatch.setattr(worker, "make_engine", broken)
    (tmp_path / "good.xbrl").write_bytes(filing(board_spec))
    result = cli("batch", tmp_path / "good.xbrl", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "engine is not available" in result.stderr
    assert not Path(tmp_path / "out" / "results.jsonl").exists()
