"""The pieces of `compliance batch` whose behaviour a user notices but the end-to-end tests
in test_batch.py do not reach: the progress line on a terminal, spreadsheet safety, the
inputs that are walked, what stops a batch before it starts, and the parts that keep the
parent's memory flat (results written in path order as they come, early ones waiting on
disk past a limit, monitoring figures added up as tuples) and its files consistent when
interrupted."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import signal
import weakref
from pathlib import Path

import pytest

from compliance.batch import worker
from compliance.batch.defaults import DEFAULT_TIMEOUT
from compliance.batch.inputs import find_inputs
from compliance.batch.interrupts import Interrupts
from compliance.batch.monitoring import Layout, add_into, load_monitoring, monitoring_path
from compliance.batch.progress import Progress
from compliance.batch.records import Digest
from compliance.batch.reorder import Reorder
from compliance.batch.sink import Sink
from compliance.batch.summary import monitoring_rows
from compliance.batch.writers.base import Filing, Profile
from compliance.batch.writers.findings_csv import FindingsCsv, _text, header_text
from compliance.cli import batch
from compliance.datafiles import DataFileError
from compliance.engine import EngineError


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_count_percentage_findings_and_rate_on_a_terminal():
    stream = Terminal()
    progress = Progress(stream, total=3, lang="en", interval=0)
    for findings in (2, 0, 5):
        progress.advance(findings)
    progress.finish()
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("3/3 100% · 7 findings · ")
    assert "/s" in last


def test_progress_gives_an_estimate_and_the_unreadable_count_in_dutch():
    progress = Progress(Terminal(), total=1000, lang="nl", interval=0)
    progress.advance(1)
    progress.advance(0, unreadable=True)
    line = progress.line(progress._started + 2.0, width=200)  # 2 filings in 2 s
    assert line.startswith("2/1.000 0% · nog 16:38 · 1 onleesbaar · 1 bevinding · 1/s")


@pytest.mark.parametrize("width", [20, 30, 40, 60])
def test_the_progress_line_never_outgrows_the_terminal(width):
    progress = Progress(Terminal(), total=123456, lang="nl", interval=0)
    for _ in range(1234):
        progress.advance(3, unreadable=True)
    line = progress.line(progress._started + 1.0, width=width)
    assert len(line) <= width
    assert line.startswith("1.234/123.456 0%")


def test_progress_writes_nothing_to_a_file_or_pipe():
    stream = io.StringIO()
    progress = Progress(stream, total=2, lang="nl", interval=0)
    progress.advance(1)
    progress.advance(1)
    progress.finish()
    assert stream.getvalue() == ""


def test_a_cell_that_looks_like_a_formula_cannot_run_in_a_spreadsheet(catalogue):
    finding = {
        "rule": "NPO-004",
        "severity": "violation",
        "school": "12AB",
        "school_year": "2022-2023",
        "line": 2,
        "message": "=HYPERLINK(1)",
    }
    result = {"board": "41234", "file": "+x.xbrl", "findings": [finding]}
    profile = Profile("@Stichting", {"12AB": "BAO"}, ((1500.5, None),))
    text = header_text("en") + FindingsCsv.piece(Filing(result, profile), catalogue, "en")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["message"] == "'=HYPERLINK(1)"
    assert row["file"] == "'+x.xbrl"
    assert row["board_name"] == "'@Stichting"
    assert [row[k] for k in ("board", "school", "school_type", "school_year", "rule")] == [
        "41234",
        "12AB",
        "BAO",
        "2022-2023",
        "NPO-004",
    ]
    assert (row["severity"], row["intervention_line"], row["amount"]) == (
        "violation",
        "2",
        "1500.5",
    )


def test_folders_are_walked_for_xbrl_and_xml_files_only(tmp_path):
    for name in ("b.xbrl", "a/c.XML", "a/deeper/d.xml", "notes.txt", "e.xbrl.bak"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = find_inputs([str(tmp_path)])
    assert found == sorted(str(tmp_path / name) for name in ("b.xbrl", "a/c.XML", "a/deeper/d.xml"))


def test_a_named_path_that_is_not_there_is_a_usage_error(cli, tmp_path):
    """report-contract.md: for batch, a named path that does not exist is a usage error."""
    missing = tmp_path / "missing.xbrl"
    result = cli("batch", missing, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"compliance: {missing}: bestaat niet\n"
    assert not (tmp_path / "out").exists()


def test_a_named_file_that_cannot_be_read_is_an_unreadable_result(cli, tmp_path):
    empty = tmp_path / "empty.xbrl"
    empty.write_bytes(b"")
    result = cli("batch", empty, "--out", tmp_path / "out")
    (line,) = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    assert json.loads(line)["status"] == "unreadable"
    assert json.loads(line)["error"] == "leeg bestand"
    assert result.exit_code == 1  # unreadable is a result that fails the run


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


# -- the parent's memory and files -------------------------------------------------------


def _records(catalogue, count: int) -> list:
    digest = Digest(catalogue, "en", Layout(load_monitoring(catalogue)))
    return [digest.error_record(f"f{i:02}.xbrl", "", f"reason {i}") for i in range(count)]


def test_results_are_written_in_path_order_whatever_order_they_come_in(tmp_path, catalogue):
    records = _records(catalogue, 6)
    stream = io.StringIO()
    with Sink(tmp_path, {}, "en", stream) as sink:
        for index in (1, 0, 3, 5, 2):  # 4 never comes: an interrupted run
            sink.add(index, records[index])
        assert stream.getvalue() == "".join(r.line + "\n" for r in records[:4])
        tally = sink.finish()
    written = (tmp_path / "results.jsonl").read_text().splitlines()
    assert written == [records[i].line for i in (0, 1, 2, 3, 5)]
    state = (tmp_path / "batch-state.jsonl").read_text().splitlines()
    assert [json.loads(line)["file"] for line in state[1:]] == [
        records[i].name for i in (0, 1, 2, 3, 5)
    ]
    assert stream.getvalue().count("\n") == 4  # what came after the gap is not streamed
    assert [p.file for p in tally.problems] == [records[i].name for i in (0, 1, 2, 3, 5)]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_sink_that_does_not_finish_leaves_the_earlier_files_alone(tmp_path, catalogue):
    (tmp_path / "results.jsonl").write_text("earlier\n")
    with pytest.raises(RuntimeError), Sink(tmp_path, {}, "en") as sink:
        sink.add(0, _records(catalogue, 1)[0])
        raise RuntimeError("the batch failed")
    assert (tmp_path / "results.jsonl").read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.jsonl"]


def test_records_past_the_limit_wait_on_disk_and_come_back_intact(tmp_path, catalogue):
    records = _records(catalogue, 8)
    waiting = Reorder(tmp_path, limit=2)
    for index in (7, 3, 5, 1, 6):
        waiting.put(index, records[index])
    assert len(waiting) == 5
    assert waiting.waiting() == [1, 3, 5, 6, 7]
    assert waiting.pop(0) is None
    assert [waiting.pop(index) for index in (1, 3, 5, 6, 7)] == [
        records[i] for i in (1, 3, 5, 6, 7)
    ]
    assert len(waiting) == 0
    waiting.put(2, records[2])  # the spill file starts afresh once emptied
    assert waiting.pop(2) == records[2]
    waiting.close()


def test_an_interrupt_while_a_filing_is_written_waits_until_it_is_written():
    written = []
    previous = signal.getsignal(signal.SIGTERM)
    with Interrupts() as interrupts:
        with pytest.raises(KeyboardInterrupt), interrupts.held:
            os.kill(os.getpid(), signal.SIGTERM)
            written.append("results line")
            written.append("state line")
        assert written == ["results line", "state line"]
        # a second one (Ctrl-C twice) is noted, not raised: the outputs get finished
        os.kill(os.getpid(), signal.SIGTERM)
        written.append("summary")
    assert written == ["results line", "state line", "summary"]
    assert interrupts.requested
    assert signal.getsignal(signal.SIGTERM) is previous


def test_monitoring_cells_add_up_to_the_same_figures_as_the_nested_contributions(catalogue):
    monitoring = load_monitoring(catalogue)
    layout = Layout(monitoring)
    rule = monitoring.process_rules[0]
    cents = dict.fromkeys(monitoring.categories, 0)
    first = {
        "2022-2023": {
            "BAO": {
                "process": {rule: [1, 0]},
                "spending": {"plans": 1, "cents": {**cents, next(iter(cents)): 12345}},
            },
            "SBO": {"external": {"plans": 1, "under": 1}},
        }
    }
    second = {"2022-2023": {"BAO": {"process": {rule: [2, 1]}}}, "2023-2024": first["2022-2023"]}
    nested, totals = {}, {}
    for contribution in (first, second):
        add_into(nested, json.loads(json.dumps(contribution)))
        for year, school_type, numbers in layout.cells(contribution):
            total = totals.get((year, school_type), (0,) * len(numbers))
            totals[year, school_type] = tuple(a + b for a, b in zip(total, numbers, strict=True))
    assert monitoring_rows(layout.nested(totals), catalogue, monitoring) == monitoring_rows(
        nested, catalogue, monitoring
    )


def test_the_state_file_holds_the_cells_as_the_nested_contribution_in_sorted_json(catalogue):
    """``Layout.text`` writes the cells from format strings, not through ``json.dumps``:
    it must give the same text for whichever parts and rules a cell has."""
    monitoring = load_monitoring(catalogue)
    layout = Layout(monitoring)
    first, last = monitoring.process_rules[0], monitoring.process_rules[-1]
    cents = dict.fromkeys(monitoring.categories, 0)
    contribution = {
        "2023-2024": {
            "VO": {"process": {last: [2, 1], first: [1, 0]}, "funds": {"plans": 1, "cents": 5}},
            "": {"boards": {rule: [1, 0] for rule in monitoring.ministry.board_rules}},
            "BAO": {
                "spending": {"plans": 2, "cents": {**cents, next(iter(cents)): -7}},
                "external": {"plans": 1, "under": 0},
            },
        },
        "2022-2023": {"SBO": {"external": {"plans": 3, "under": 2}}},
    }
    for shown in (contribution, {}, {"2022-2023": contribution["2022-2023"]}):
        expected = json.dumps(shown, ensure_ascii=False, sort_keys=True)
        assert layout.text(layout.cells(shown)) == expected


def test_csv_rows_are_joined_exactly_as_csv_writer_writes_them():
    """findings.csv joins rows that need no quoting itself: the same text as the writer."""
    rows = [
        ["plain", "", "ü € ‘quotes’", "  spaced  ", "12,5"],
        ["semi;colon", 'a "quote"', "line\nend", "carriage\rreturn", "tab\there"],
        ["", ""],
        ["one"],
        [""],
        [],
        ["nul\0", "x"],
        ['"', ";", "\r\n", '""'],
    ]
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerow(row)
        assert _text([row]) == buffer.getvalue(), row


def test_the_timeout_default_is_one_constant():
    (option,) = [p for p in batch.params if p.name == "timeout"]
    assert option.default == DEFAULT_TIMEOUT


def test_a_rerun_clears_what_a_killed_run_left_behind(cli, tmp_path, filing, board_spec):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.xbrl").write_bytes(filing(board_spec))
    out.mkdir()
    leftover = out / ".results.jsonl.k1lled.tmp"
    leftover.write_text("half a result")
    assert cli("batch", folder, "--out", out, "--jobs", "1").exit_code == 0
    assert not leftover.exists()
    hidden = sorted(path.name for path in out.iterdir() if path.name.startswith("."))
    assert hidden == [".compliance-outputs", ".compliance.lock"]  # what was published; the lock


def test_a_worker_without_automatic_collection_still_frees_reference_cycles():
    """Workers turn the cyclic collector's automatic passes off (a filing leaves no cycle);
    should one ever be made, it is freed within CycleSweep.EVERY filings."""
    class Node:
        pass

    try:
        sweep = worker.settle_garbage_collector()
        node = Node()
        node.itself = node
        gone = weakref.ref(node)
        del node
        for _ in range(worker.CycleSweep.EVERY - 1):
            sweep()
        assert gone() is not None  # not collected by itself: automatic passes are off
        sweep()
        assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()
