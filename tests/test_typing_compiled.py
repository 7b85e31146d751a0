"""The compiled typing loop (model/_typing.c) types the facts that pass every structural
check exactly as the Python loop does, and hands every other fact back to it: the same
trusted facts (value, type and source), the same findings, in the same order, whichever of
the two a board's installation has. Each shape below rewrites every other fact of one kind,
so facts typed in C and facts handed back lie side by side."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest
from conftest import SAMPLES
from test_read_compiled import SHAPES as READ_SHAPES
from test_read_variants import READABLE

from compliance.model import structure
from compliance.read import ReadLimits, read_instance
from compliance.read.errors import UnreadableFiling

AMOUNT = r'(unitRef="EUR" decimals="[^"]*">)([^<]*)(<)'
COUNT = r'(unitRef="pure" decimals="[^"]*">)([^<]*)(<)'
DATE = r"(\">)([0-9]{4}-[0-9]{2}-[0-9]{2})(</bp:)"
ANSWER = r'(\">)(true|false)(</bp:)'


def _every_other(pattern: str, value: Callable[[str], str]) -> Callable[[str], str]:
    """Rewrite the value of every other match of ``pattern`` (prefix, value, suffix)."""

    def rewrite(text: str) -> str:
        seen = itertools.count()
        return re.sub(
            pattern,
            lambda m: m[1] + (value(m[2]) if next(seen) % 2 == 0 else m[2]) + m[3],
            text,
        )

    return rewrite


def _tags(pattern: str, old: str, new: str) -> Callable[[str], str]:
    """Replace ``old`` by ``new`` in every other fact start tag matching ``pattern``."""

    def rewrite(text: str) -> str:
        seen = itertools.count()
        return re.sub(
            pattern,
            lambda m: m[0].replace(old, new) if next(seen) % 2 == 0 else m[0],
            text,
        )

    return rewrite


VALUE_SHAPES = {
    "amounts with a plus sign": _every_other(AMOUNT, lambda v: "+" + v),
    "negative amounts": _every_other(AMOUNT, lambda v: "-" + v),
    "amounts ending in a point": _every_other(AMOUNT, lambda v: v.split(".")[0] + "."),
    "amounts starting with a point": _every_other(AMOUNT, lambda v: "." + v.replace(".", "")),
    "amounts with two points": _every_other(AMOUNT, lambda v: v + ".5"),
    "amounts of a point alone": _every_other(AMOUNT, lambda v: "."),
    "amounts with an exponent": _every_other(AMOUNT, lambda v: v + "e2"),
    "amounts in Arabic-Indic digits": _every_other(AMOUNT, lambda v: "٣٤"),
    "amounts in full-width digits": _every_other(AMOUNT, lambda v: "３４"),
    "amounts of 18 digits": _every_other(AMOUNT, lambda v: "9" * 18),
    "amounts of 19 digits": _every_other(AMOUNT, lambda v: "9" * 19),
    "amounts of 17 digits and decimals": _every_other(AMOUNT, lambda v: "9" * 17 + ".25"),
    "amounts with 30 leading zeros": _every_other(AMOUNT, lambda v: "0" * 30 + "5"),
    "empty amounts": _every_other(AMOUNT, lambda v: ""),
    "counts with a plus sign": _every_other(COUNT, lambda v: "+" + v),
    "counts with leading zeros": _every_other(COUNT, lambda v: "00" + v),
    "counts with decimals": _every_other(COUNT, lambda v: v + ".0"),
    "negative counts": _every_other(COUNT, lambda v: "-" + v),
    "counts of 19 digits": _every_other(COUNT, lambda v: "1" * 19),
    "counts in Arabic-Indic digits": _every_other(COUNT, lambda v: "٣"),
    "days that do not exist": _every_other(DATE, lambda v: v[:5] + "02-30"),
    "29 February of a leap year": _every_other(DATE, lambda v: "2024-02-29"),
    "29 February of another year": _every_other(DATE, lambda v: "2023-02-29"),
    "year 0": _every_other(DATE, lambda v: "0000" + v[4:]),
    "month 0": _every_other(DATE, lambda v: v[:5] + "00" + v[7:]),
    "month 13": _every_other(DATE, lambda v: v[:5] + "13" + v[7:]),
    "dates with a time zone": _every_other(DATE, lambda v: v + "Z"),
    "dates in full-width digits": _every_other(DATE, lambda v: "２０２２" + v[4:]),
    "answers as 1 and 0": _every_other(ANSWER, lambda v: "1" if v == "true" else "0"),
    "answers in capitals": _every_other(ANSWER, str.upper),
    "answers as yes": _every_other(ANSWER, lambda v: "ja"),
    "amounts in pure": _tags(r'<bp:\w+ [^>]*unitRef="EUR"', '"EUR"', '"pure"'),
    "counts in EUR": _tags(r'<bp:\w+ [^>]*unitRef="pure"', '"pure"', '"EUR"'),
    "amounts in an undefined unit": _tags(r'<bp:\w+ [^>]*unitRef="EUR"', '"EUR"', '"USD"'),
    "amounts without a unit": _tags(r'<bp:\w+ [^>]*unitRef="EUR"', 'unitRef="EUR"', ""),
    "dates with a unit": _tags(r"<bp:\w+Date [^>]*", "contextRef", 'unitRef="EUR" contextRef'),
    "undefined contexts": _tags(r"<bp:Workload\w+ [^>]*", 'contextRef="', 'contextRef="x'),
    "school facts in the board's context": _tags(
        r"<bp:Workload\w+ [^>]*", 'contextRef="S12AB_2022"', 'contextRef="B"'
    ),
}

SHAPES = {**READ_SHAPES, **VALUE_SHAPES}


def test_the_installed_package_has_the_compiled_typing_loop():
    """Built with the wheel wherever a compiler is (CI has one): without it every batch is
    slower, silently."""
    assert structure._TYPE_FACTS is not None


def _structure(data: bytes, taxonomy, catalogue):
    instance = read_instance(data, taxonomy, ReadLimits())
    return structure.check_structure(
        instance, taxonomy, catalogue.domain, catalogue.severities()
    )


def _as_compared(found) -> tuple:
    """Everything a structure check gives, with each value's type and exact spelling
    (Decimal("1.0") equals Decimal("1.00"), and a Reported equals any of the same value)."""
    facts = [
        (concept, context, type(reported.value), str(reported.value), tuple(reported[1:]))
        for concept, context, reported in found.facts
    ]
    return found.board, facts, found.school_types, found.findings


@pytest.mark.parametrize("variant", SHAPES)
@pytest.mark.parametrize("sample", READABLE)
def test_compiled_and_python_typing_agree(sample, variant, taxonomy, catalogue, monkeypatch):
    data = SHAPES[variant]((SAMPLES / sample).read_text(encoding="utf-8")).encode("utf-8")
    try:
        fast = _structure(data, taxonomy, catalogue)
    except UnreadableFiling:
        pytest.fail(f"{variant}: the variant should stay readable")
    with monkeypatch.context() as patch:
        patch.setattr(structure, "_TYPE_FACTS", None)
        slow = _structure(data, taxonomy, catalogue)
    assert _as_compared(fast) == _as_compared(slow)


@pytest.mark.parametrize("variant", VALUE_SHAPES)
def test_every_value_shape_changes_what_a_sample_reports(variant, taxonomy, catalogue):
    """A shape that changes no fact would compare the usual typing with itself: each one
    must change some sample's trusted facts or findings."""
    changed = False
    for sample in READABLE:
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        before = _as_compared(_structure(text.encode("utf-8"), taxonomy, catalogue))
        after = _as_compared(_structure(VALUE_SHAPES[variant](text).encode(), taxonomy, catalogue))
        changed = changed or before[1:] != after[1:]
    assert changed
