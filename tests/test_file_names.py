"""File names that are not valid UTF-8 (a Linux name is bytes): the batch and --resume judge
them like any other, and every output stays valid UTF-8, naming the file with its
undecodable bytes as \\xNN; and a name holding a newline is named on one line wherever a
line of text names it (see read/names.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from compliance.check import FilingResult

RAW_NAME = b"bestuur-\xff\xfe-2023.xbrl"  # not UTF-8: 0xff and 0xfe never start a character
SHOWN = "bestuur-\\xff\\xfe-2023.xbrl"
OUTPUTS = ("results.jsonl", "findings.csv", "summary.json", "report.html", "batch-state.jsonl")


def _put_raw(folder: Path, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + RAW_NAME))
    path.write_bytes(data)
    return path


def test_a_batch_with_a_non_utf8_name_writes_valid_utf8_outputs_and_resumes(
    cli, tmp_path, filing, board_spec
):
    folder, out = tmp_path / "in", tmp_path / "out"
    _put_raw(folder, filing(board_spec))
    (folder / "good.xbrl").write_bytes(filing(board_spec))

    first = cli("batch", folder, "--out", out, "--format", "jsonl", "--engine", "python")
    assert first.exit_code == 0, first.output
    for name in OUTPUTS:
        (out / name).read_bytes().decode("utf-8")  # strict: raises on any invalid byte
    first.stdout_bytes.decode("utf-8")
    files = [json.loads(line)["file"] for line in (out / "results.jsonl").read_text().splitlines()]
    assert files == [str(folder / SHOWN), str(folder / "good.xbrl")]
    assert [json.loads(line)["status"] for line in first.stdout.splitlines()] == ["compliant"] * 2

    again = cli("batch", folder, "--out", out, "--resume", "--engine", "python")
    assert again.exit_code == 0, again.output
    assert "2 ongewijzigd" in again.stdout  # the escaped name finds its earlier result


def test_check_names_a_non_utf8_file_escaped_in_valid_utf8_json(cli, tmp_path):
    path = _put_raw(tmp_path, b"%PDF-1.7\n")
    result = cli("check", path, "--format", "json", "--engine", "python")
    assert result.exit_code == 2
    assert json.loads(result.stdout_bytes.decode("utf-8"))["file"] == str(tmp_path / SHOWN)
    result.stderr_bytes.decode("utf-8")
    assert SHOWN in result.stderr


def test_a_valid_name_is_shown_as_it_is():
    assert FilingResult("map/één-bestuur.xbrl", "", "compliant").file == "map/één-bestuur.xbrl"


def test_a_file_name_with_a_newline_is_named_on_one_line(cli, tmp_path):
    """A reason names its file on one line, whatever the name holds: a newline (or another
    control character) in it is shown escaped, where the JSON keeps the name as it is."""
    odd = tmp_path / "twee\nregels.xbrl"
    odd.write_bytes(b"geen xml")
    result = cli("check", odd, "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"compliance: {tmp_path}/twee\\nregels.xbrl: ")
    assert json.loads(result.stdout)["file"] == str(odd)
    text = cli("check", odd)
    assert text.stdout.startswith(f"{tmp_path}/twee\\nregels.xbrl\n")
