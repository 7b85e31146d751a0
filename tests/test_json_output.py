"""The JSON result as scripts rely on it: valid against schemas/result.schema.json for every
kind of result, findings in the contract's order, and byte-identical for the same input
whatever the engine, the run or the process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ENGINES, REPO, SAMPLES
from jsonschema import Draft202012Validator

SCHEMA = json.loads((REPO / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
SAMPLE_FILES = sorted(SAMPLES.glob("*.xbrl"))


def _printed(cli, *args) -> object:
    return json.loads(cli("check", *args, "--format", "json", "--engine", "python").stdout)


def _assert_valid(result: dict) -> None:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(result), key=str)
    assert not errors, [f"{list(error.absolute_path)}: {error.message}" for error in errors]


def test_the_schema_is_itself_valid():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_the_result_of_every_sample_is_valid(cli, path, lang):
    _assert_valid(_printed(cli, path, "--lang", lang))


def test_unreadable_results_are_valid(cli, tmp_path):
    empty = tmp_path / "empty.xbrl"
    empty.write_bytes(b"")
    doctype = tmp_path / "doctype.xbrl"
    doctype.write_text('<?xml version="1.0"?>\n<!DOCTYPE x []>\n<x/>\n')
    results = _printed(cli, empty, doctype, tmp_path / "missing.xbrl", tmp_path)
    assert [result["status"] for result in results] == ["unreadable"] * 4
    for result in results:
        _assert_valid(result)


def test_the_schema_rejects_a_result_that_breaks_the_contract(cli):
    """The validation above can fail: a findings result without findings does not pass."""
    result = _printed(cli, SAMPLES / "structural-problems.xbrl")
    result["findings"] = []
    assert list(Draft202012Validator(SCHEMA).iter_errors(result))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_findings_come_in_the_contract_order(cli, path):
    findings = _printed(cli, path)["findings"]

    def key(finding: dict) -> tuple:
        where = (finding["school"], finding["school_year"])
        return (
            *((part is not None, part or "") for part in where),
            finding["rule"],
            finding["line"] is not None,
            finding["line"] or 0,
        )

    assert findings == sorted(findings, key=key)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_the_same_input_prints_the_same_bytes_with_every_engine(cli, path):
    printed = {
        cli("check", path, "--format", "json", "--engine", engine).stdout
        for engine in ENGINES
        for _ in range(2)
    }
    assert len(printed) == 1


def test_the_same_input_prints_the_same_bytes_in_other_processes(cli):
    """Nothing depends on the order of a set or a dict of strings (PYTHONHASHSEED)."""
    args = ["check", *map(str, SAMPLE_FILES), "--format", "json", "--engine", "python"]
    here = cli(*args).stdout
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "compliance", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.stdout == here


def test_a_copy_of_a_filing_differs_only_in_its_name(cli, tmp_path):
    original = SAMPLES / "multi-school-problems.xbrl"
    copy = tmp_path / "copy.xbrl"
    shutil.copyfile(original, copy)
    first, second = _printed(cli, original), _printed(cli, copy)
    assert first.pop("file") != second.pop("file")
    assert first == second
