"""Damaged filings: the samples cut short, with bytes flipped, with elements duplicated,
dropped or swapped, with values replaced by unlucky ones (random digits, exponents, very
long numbers, dates at the ends of the calendar), in UTF-8 or UTF-16. Every mutation gives
a result (or an unreadable reason in one line), never an exception and never a hang; the
result is valid JSON per the schema, reads in both languages, is the same on both engines
and the same when checked again."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

import pytest
import xbrl_variants as v
import yaml
from conftest import REPO, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from compliance.report.formatting import format_amount, format_percentage
from compliance.report.json_report import dumps, result_object
from compliance.report.text_report import render_text
from tools.mutate import EDGE_VALUES, LEAF

SECONDS_PER_CHECK = 20  # a hang, not a slow check: one takes milliseconds
VALIDATOR = Draft202012Validator(
    json.loads((REPO / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
)
SAMPLE_BYTES = {path.name: path.read_bytes() for path in sorted(SAMPLES.glob("*.xbrl"))}
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
READABLE = sorted(name for name in SAMPLE_BYTES if EXPECTED[name]["status"] != "unreadable")


@contextmanager
def time_limit(seconds: float):
    def stop(signum, frame):
        raise TimeoutError(f"no result after {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def _truncated(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def _flipped(draw, data: bytes) -> bytes:
    changed = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        changed[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(changed)


@st.composite
def _lines_changed(draw, data: bytes) -> bytes:
    """A line (a context, unit or fact in the samples) duplicated, dropped or moved."""
    lines = data.splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    action = draw(st.sampled_from(["duplicate", "drop", "move"]))
    line = lines[index] if action == "duplicate" else lines.pop(index)
    if action != "drop":
        lines.insert(draw(st.integers(0, len(lines))), line)
    return b"".join(lines)


@st.composite
def _leaf_changed(draw, data: bytes) -> bytes:
    """An element inside a line (identifier, period date, member, measure) duplicated or
    dropped."""
    leaves = list(LEAF.finditer(data))
    if not leaves:
        return data
    leaf = draw(st.sampled_from(leaves))
    twice = draw(st.booleans())
    return data[: leaf.start()] + leaf.group() * twice + data[leaf.start() :]


@st.composite
def _value(draw) -> bytes:
    """A value a filing might hold by mistake or bad luck."""
    kind = draw(st.sampled_from(["edge", "digits", "decimal", "date"]))
    if kind == "edge":
        return draw(st.sampled_from(EDGE_VALUES)).encode()
    if kind == "digits":
        return draw(st.from_regex(r"-?[0-9]{1,40}", fullmatch=True)).encode()
    if kind == "decimal":
        return draw(
            st.from_regex(r"-?[0-9]{0,18}\.[0-9]{0,30}([eE][-+]?[0-9]{1,3})?", fullmatch=True)
        ).encode()
    year = draw(st.sampled_from([1, 999, 1000, 2021, 2022, 2023, 9998, 9999]))
    month, day = draw(st.integers(0, 13)), draw(st.integers(0, 32))
    return f"{year:04d}-{month:02d}-{day:02d}".encode()


@st.composite
def _value_changed(draw, data: bytes) -> bytes:
    """One value (a fact, period date, member or measure) replaced by an unlucky one."""
    leaves = list(LEAF.finditer(data))
    if not leaves:
        return data
    leaf = draw(st.sampled_from(leaves))
    return data[: leaf.start(2)] + draw(_value()) + data[leaf.end(2) :]


@st.composite
def unlucky_values(draw) -> bytes:
    """A readable sample with one to four of its values replaced: the values reach the
    model and the engines, not only the reader."""
    data = SAMPLE_BYTES[draw(st.sampled_from(READABLE))]
    for _ in range(draw(st.integers(1, 4))):
        data = draw(_value_changed(data))
    return data


@st.composite
def mutants(draw) -> bytes:
    name = draw(st.sampled_from(sorted(SAMPLE_BYTES)))
    data = SAMPLE_BYTES[name]
    if draw(st.booleans()):
        data = v.encoded(data.decode("utf-8"), "utf-16-le", bom=True)
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        mutate = draw(
            st.sampled_from([_truncated, _flipped, _lines_changed, _leaf_changed, _value_changed])
        )
        data = draw(mutate(data))
    return data


def _judge(checker, catalogue, data: bytes) -> tuple[str, str]:
    with time_limit(SECONDS_PER_CHECK):
        result = checker.check_bytes(data, "mutant.xbrl")
        assert result.status in ("compliant", "findings", "unreadable")
        if result.status == "unreadable":
            reason = result.error_text("en")
            assert reason and "\n" not in reason
        texts = []
        for lang in ("nl", "en"):
            printed = result_object(result, catalogue, lang)
            assert not list(VALIDATOR.iter_errors(printed))
            texts.append(dumps(printed))
            render_text(result, catalogue, lang)
    return tuple(texts)


@settings(
    max_examples=150,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=mutants())
def test_a_damaged_filing_gives_a_result_never_an_exception(checkers, catalogue, data):
    judged = {name: _judge(checker, catalogue, data) for name, checker in checkers.items()}
    assert len(set(judged.values())) == 1, "the engines disagree"
    first = next(iter(checkers.values()))
    assert _judge(first, catalogue, data) == next(iter(judged.values()))


@settings(
    max_examples=150,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=unlucky_values())
def test_an_unlucky_value_gives_a_result_never_an_exception(checkers, catalogue, data):
    judged = {name: _judge(checker, catalogue, data) for name, checker in checkers.items()}
    assert len(set(judged.values())) == 1, "the engines disagree"


@pytest.mark.parametrize("ratio", ["1E+30", "123456789012345678901234567890.123", "1E-40"])
def test_a_share_of_any_size_is_shown_not_raised(ratio):
    """Found by benchmarks/bench_fuzz.py: a share of huge amounts made quantize raise in
    the worker, and the filing became an error instead of a finding."""
    for lang in ("nl", "en"):
        shown = format_percentage(Decimal(ratio), lang)
        assert shown.endswith("%")
        assert format_amount(Decimal(ratio), lang)


def test_a_headline_number_too_large_for_a_workbook_cell_is_left_out():
    """Found by benchmarks/bench_fuzz.py (an amount of 1E-4401 under a share): the float
    for findings.xlsx overflowed in the worker, and the filing became an error."""
    from compliance.batch.writers.base import _number

    assert _number(Fraction(10**400)) is None
    assert _number(Decimal("1E+400")) is None
    assert _number(Decimal("12.5")) == 12.5
