"""A damaged copy of rules/ (--rules-dir) is refused as a broken rule file is: one line on
stderr naming the file (and field), exit status 2, never a traceback. Each damage is one
that fuzzing a copy of rules/ found to end in a traceback, or in filings not checked."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import RULES_DIR, SAMPLES

from compliance.datafiles import load_yaml
from compliance.resources import rules_dir

FILING = SAMPLES / "compliant-one-school.xbrl"
CHECK = ("check", FILING)
SHOW = ("rules", "show", "WDM-006")
TEST = ("rules", "test", "WDM-006")
BATCH = ("batch", FILING, "-q", "--jobs", "1")  # and --out, in the test's folder

Damage = Callable[[object], object]  # the file's data → the damaged data (None: empty)


def _parent(data: object, keys: tuple) -> object:
    for key in keys:
        data = data[key]
    return data


def _set(*keys: str | int, to: object) -> Damage:
    """Put ``to`` at the path ``keys`` in the data."""

    def damage(data: object) -> object:
        _parent(data, keys[:-1])[keys[-1]] = to
        return data

    return damage


def _drop(*keys: str) -> Damage:
    def damage(data: object) -> object:
        del _parent(data, keys[:-1])[keys[-1]]
        return data

    return damage


def _replace(to: object) -> Damage:
    return lambda data: to


DOMAIN = [
    ("domain-empty", _replace(None), CHECK),
    ("13-45", _set("school_year", "first_day", to="13-45"), CHECK),
    ("02-29", _set("school_year", "first_day", to="02-29"), CHECK),
    ("801", _set("school_year", "first_day", to=801), CHECK),
    ("pattern-not-a-regex", _set("identifiers", "school", "pattern", to="[0-9"), CHECK),
    ("pattern-a-number", _set("identifiers", "school", "pattern", to=5), CHECK),
    ("no-identifiers", _drop("identifiers"), CHECK),
    ("no-school", _drop("identifiers", "school"), CHECK),
    ("no-intervention-line", _drop("identifiers", "intervention_line"), CHECK),
    ("school-types-a-list", _set("school_types", to=["BAO"]), CHECK),
]
SCHEMES = [
    ("schemes-a-list", _replace(["wdm"]), CHECK),
    ("schemes-a-number", _replace(3), CHECK),
    ("period-a-text", _set("wdm", "period", to="2018"), CHECK),
    ("period-unknown-key", _set("wdm", "period", to={"since": "2018-08-01"}), TEST),
]
SOURCES = [("sources-a-list", _replace(["a"]), CHECK)]
TOLERANCE = ("wdm.spending_tolerance", "values")
PARAMETERS = [
    ("value-inf", _set(*TOLERANCE, "2018-08-01", to=float("inf")), SHOW),
    ("value-nan", _set(*TOLERANCE, "2018-08-01", to=float("nan")), TEST),
    ("no-values-test", _set(*TOLERANCE, to={}), TEST),
    ("no-values-check", _set(*TOLERANCE, to={}), CHECK),
    ("first-value-after-the-first-year", _set(*TOLERANCE, to={"2019-08-01": 0.1}), CHECK),
]
PUBLISHED = ("published", "board_shares")
MONITORING = [
    ("categories-a-list", _set("workload_spending", "categories", to=["a"]), BATCH),
    ("sectors-a-list", _set("sector_shares", "sectors", to=["po"]), BATCH),
    ("published-a-text", _set(*PUBLISHED, 0, to="WDM-001"), BATCH),
    ("published-a-mapping", _set(*PUBLISHED, to={"rule": "WDM-001"}), BATCH),
    ("share-inf", _set(*PUBLISHED, 0, "share", to=float("inf")), BATCH),
    ("share-nan", _set(*PUBLISHED, 0, "share", to=float("nan")), BATCH),
    ("amount-inf", _set("published", "funds_received", 0, "amount", to=float("inf")), BATCH),
    ("monitoring-empty", _replace(None), BATCH),
]
FILES = {
    "domain.yaml": DOMAIN,
    "schemes.yaml": SCHEMES,
    "sources.yaml": SOURCES,
    "parameters.yaml": PARAMETERS,
    "monitoring.yaml": MONITORING,
}


def _damaged_copy(folder: Path, name: str, damage: Damage) -> Path:
    """A copy of the rules with ``name`` rewritten from its damaged data (None: emptied)."""
    rules = folder / "rules"
    shutil.copytree(RULES_DIR or rules_dir(), rules)
    _damage(rules / name, damage)
    return rules


def _damage(path: Path, damage: Damage) -> None:
    data = damage(load_yaml(path))
    text = "" if data is None else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def _refused(cli, rules: Path, command: tuple, out: Path) -> str:
    """Run ``command`` on ``rules``, see it refused in one line, and return that line."""
    extra = ("--out", out) if command[0] == "batch" else ()
    result = cli(*command, *extra, "--rules-dir", rules)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 2, result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.parametrize(
    ("name", "damage", "command"),
    [
        pytest.param(name, damage, command, id=case)
        for name, cases in FILES.items()
        for case, damage, command in cases
    ],
)
def test_a_damaged_rules_file_is_one_line_naming_it_and_exit_status_2(
    cli, tmp_path, name, damage, command
):
    rules = _damaged_copy(tmp_path, name, damage)
    assert str(rules / name) in _refused(cli, rules, command, tmp_path / "out")


def test_a_rule_judging_every_school_year_needs_its_parameters_from_the_start(cli, tmp_path):
    # without a first day in its scheme, WDM-006 judges 2017-2018 too: with no tolerance
    # then, a filing of that year could not be judged
    rules = _damaged_copy(tmp_path, "schemes.yaml", _drop("wdm", "period"))
    line = _refused(cli, rules, CHECK, tmp_path / "out")
    assert str(rules / "parameters.yaml") in line
    assert "wdm.spending_tolerance.values" in line and "WDM-006" in line


def test_a_kept_monitoring_definition_is_not_used_once_its_file_is_damaged(cli, tmp_path):
    rules = _damaged_copy(tmp_path, "monitoring.yaml", lambda data: data)
    cache = Path(os.environ["COMPLIANCE_CACHE_DIR"])
    before = set(cache.glob("monitoring-*.pickle"))
    assert cli(*BATCH, "--out", tmp_path / "first", "--rules-dir", rules).exit_code == 0
    assert set(cache.glob("monitoring-*.pickle")) - before  # kept: the next batch reads no YAML
    _damage(rules / "monitoring.yaml", _set(*PUBLISHED, 0, "share", to=float("inf")))
    assert str(rules / "monitoring.yaml") in _refused(cli, rules, BATCH, tmp_path / "second")


def test_a_period_until_the_last_day_a_date_can_be_is_judged_to_its_end(cli, tmp_path):
    # the day after 9999-12-31, where a new rule book would begin, is no date
    rules = _damaged_copy(tmp_path, "schemes.yaml", _set("npo", "period", "until", to="9999-12-31"))
    result = cli(*CHECK, "--rules-dir", rules)
    assert (result.exit_code, result.stderr) == (0, "")


def _nested(condition: object, depth: int) -> object:
    for _ in range(depth):
        condition = {"all": [condition]}
    return condition


WDM_001 = "wdm/WDM-001.yaml"
HELD = "team_consultation_held is not true"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "command", [CHECK, ("rules", "test", "WDM-001"), BATCH], ids=["check", "test", "batch"]
)
def test_a_condition_durable_rules_cannot_hold_is_refused_before_any_filing(
    cli, tmp_path, command, lang
):
    # 14 groups around the comparison are held (WDM-001's own cases pass on durable, next
    # test); 15 overflow the core's table of a branch's expressions
    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to=_nested(HELD, 15)))
    line = _refused(cli, rules, (*command, "--lang", lang), tmp_path / "out")
    assert line.startswith(f"compliance: {rules / WDM_001}: durable-rules ")
    assert "WDM-001" in line and "113" in line and "--engine python" in line
    assert not (tmp_path / "out").exists()  # the batch judged nothing, wrote nothing


def test_serve_refuses_a_condition_durable_rules_cannot_hold_before_it_listens(tmp_path):
    import socket
    import subprocess
    import sys

    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to=_nested(HELD, 15)))
    with socket.socket() as probe:  # a port free a moment ago, should it listen after all
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    command = [Path(sys.executable).parent / "compliance", "serve", "--port", port]
    done = subprocess.run(
        [*command, "--rules-dir", rules], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()  # not the address it would have served on
    assert line.startswith(f"compliance: {rules / WDM_001}: durable-rules kan ")


def test_the_deepest_condition_durable_rules_holds_and_a_deeper_one_judge_as_written(cli, tmp_path):
    held = _damaged_copy(tmp_path / "held", WDM_001, _set("when", to=_nested(HELD, 14)))
    result = cli("rules", "test", "WDM-001", "--rules-dir", held, "--lang", "en")
    assert result.exit_code == 0 and "14 of 14 cases pass" in result.stdout, result.stdout
    deep = _damaged_copy(tmp_path / "deep", WDM_001, _set("when", to=_nested(HELD, 60)))
    result = cli("rules", "test", "WDM-001", "--rules-dir", deep, "--engine", "python")
    assert result.exit_code == 0 and "14 van 14 gevallen slagen" in result.stdout, result.stdout


def test_a_condition_the_engine_cannot_hold_is_not_vetted_once_it_is_ignored(cli, tmp_path):
    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to=_nested(HELD, 15)))
    result = cli(*CHECK, "--rules-dir", rules, "--ignore", "WDM-001")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("engine", ["durable", "python"])
def test_a_condition_nested_past_any_use_is_too_deep_in_one_line(cli, tmp_path, engine):
    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to="held"))
    path = rules / WDM_001  # as JSON, which is YAML: PyYAML's writer recurses per level too
    flow = json.dumps(_nested(HELD, 200))
    path.write_text(path.read_text(encoding="utf-8").replace("when: held", f"when: {flow}"))
    line = _refused(cli, rules, (*CHECK, "--engine", engine, "--lang", "en"), tmp_path / "out")
    assert line.startswith(f"compliance: {rules / WDM_001}: ") and "too deep" in line


def test_a_condition_joined_by_or_is_told_how_conditions_are_written(cli, tmp_path):
    written = " or ".join([HELD] * 20)  # alternatives are written as any: [...]
    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to=written))
    line = _refused(cli, rules, CHECK, tmp_path / "out")
    # the value cut short, not the reason; what a condition is, not the schema's regex
    shown = "'team_consultation_held is not true or team_consultation_hel…'"
    assert line.startswith(f"compliance: {rules / WDM_001}: field 'when': {shown} is not a ")
    assert line.endswith("joined by any: [...] and all: [...], not by 'or' and 'and'")
    assert "\\s" not in line  # no trace of the regular expression


def test_more_rules_on_a_kind_than_durable_rules_takes_are_refused_before_any_filing(
    cli, monkeypatch
):
    from compliance.engine import durable_engine

    monkeypatch.setattr(durable_engine, "MAX_RULES_PER_KIND", 3)  # the shipped books have more
    line = _refused(cli, RULES_DIR or rules_dir(), (*CHECK, "--lang", "en"), Path("unused"))
    said = re.fullmatch(r"compliance: (\d+) rules on plan facts in one rule book: (.*)", line)
    assert said and int(said[1]) > 3, line
    assert said[2] == "durable-rules hangs on more than 3; use --engine python, which judges them"
    assert cli(*CHECK, "--engine", "python").exit_code == 0


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "compliance: de durable-rules-engine is hier niet beschikbaar ("),
        ("en", "compliance: the durable-rules engine is not available here ("),
    ],
)
def test_durable_rules_missing_is_one_line_pointing_at_the_python_engine(
    cli, monkeypatch, lang, said
):
    import sys

    monkeypatch.setitem(sys.modules, "compliance.engine.durable_engine", None)  # as on 3.13
    line = _refused(cli, RULES_DIR or rules_dir(), (*CHECK, "--lang", lang), Path("unused"))
    assert line.startswith(said) and "--engine python" in line


def test_a_condition_under_a_key_other_than_all_or_any_is_told_the_two_keys(cli, tmp_path):
    either = {"or": [HELD, "funds_received == 0"]}
    rules = _damaged_copy(tmp_path, WDM_001, _set("when", to=either))
    line = _refused(cli, rules, CHECK, tmp_path / "out")
    assert line == (
        f"compliance: {rules / WDM_001}: field 'when': {either!r} is not a condition ('field op"
        " value', 'field is true', 'field is reported' ...) or a mapping of one key, all or any,"
        " holding a list of conditions"
    )
