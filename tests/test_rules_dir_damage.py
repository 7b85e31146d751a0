"""A damaged copy of rules/ (--rules-dir) is refused as a broken rule file is: one line on
stderr naming the file (and field), exit status 2, never a traceback. Each damage is one
that fuzzing a copy of rules/ found to end in a traceback, or in filings not checked."""

from __future__ import annotations

import os
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
