"""Inputs under the size cap that used to take a minute or a gigabyte, and values longer
than any filing needs: each is judged, or refused with its own one-line reason, at once.

The inputs are built here; what is asserted is what the user sees (status and reason),
never a time: the benchmarks measure speed."""

from __future__ import annotations

import re

import pytest
import xbrl_variants as v
from conftest import SAMPLES

from compliance.read import ReadLimits
from compliance.report.json_report import result_object

SAMPLE = (SAMPLES / "compliant-one-school.xbrl").read_text(encoding="utf-8")
LIMITS = ReadLimits()
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" '
    'xmlns:bp="urn:bestedingsplannen:taxonomie:2024">\n'
)
CONTEXT = (
    '<xbrli:context id="C{i}"><xbrli:entity><xbrli:identifier scheme="https://duo.nl/'
    'bestuursnummer">41234</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>'
    "2022-08-01</xbrli:startDate><xbrli:endDate>2023-07-31</xbrli:endDate></xbrli:period>"
    "</xbrli:context>\n"
)


def _flooded(text: str, on_root: int) -> str:
    """``on_root`` namespace declarations added to the root, and one more on each context."""
    extra = "".join(f' xmlns:n{i}="urn:flood:{i}"' for i in range(on_root))
    text = text.replace("<xbrli:xbrl ", f"<xbrli:xbrl{extra} ", 1)
    count = iter(range(10**6))
    return re.sub(
        r"<xbrli:context ", lambda _: f'<xbrli:context xmlns:c{next(count)}="urn:c" ', text
    )


def _object(checker, catalogue, data: bytes) -> dict:
    return result_object(checker.check_bytes(data, "filing.xbrl"), catalogue, "en")


def _reasons(checker, data: bytes) -> tuple[str, str]:
    result = checker.check_bytes(data, "filing.xbrl")
    assert result.status == "unreadable"
    return result.error_text("nl"), result.error_text("en")


def test_thousands_of_namespace_declarations_change_nothing(checker, catalogue):
    """20,000 declarations on the root and one on every context: judged as the filing
    without them (each QName resolved once, not against every declaration in scope)."""
    plain = _object(checker, catalogue, SAMPLE.encode())
    flooded = _object(checker, catalogue, _flooded(SAMPLE, 20_000).encode())
    assert v.without_positions(flooded) == v.without_positions(plain)


@pytest.mark.parametrize(
    ("namespace", "status"),
    [("urn:bestedingsplannen:taxonomie:2024", "compliant"), ("urn:elsewhere", "findings")],
)
def test_a_prefix_declared_again_inside_a_context_means_what_it_says_there(
    checker, catalogue, namespace, status
):
    """bp bound again on one school context: to the taxonomy it changes nothing; to another
    namespace that context's dimension is no dimension of the taxonomy (FIL-002)."""
    text = SAMPLE.replace(
        '<xbrli:context id="S12AB_2022">', f'<xbrli:context id="S12AB_2022" xmlns:bp="{namespace}">'
    )
    assert text != SAMPLE
    got = _object(checker, catalogue, _flooded(text, 100).encode())
    assert got["status"] == status
    if status == "findings":
        assert {finding["rule"] for finding in got["findings"]} >= {"FIL-002"}


def test_more_contexts_than_any_board_files_is_refused_with_the_count(checker):
    contexts = LIMITS.max_contexts + 1
    data = HEAD + "".join(CONTEXT.format(i=i) for i in range(contexts)) + "</xbrli:xbrl>"
    nl, en = _reasons(checker, data.encode())
    assert en == f"too many contexts: {contexts:,}, the limit is {LIMITS.max_contexts:,}"
    assert nl.startswith(f"te veel contexten: {contexts:,}".replace(",", "."))


def test_more_facts_than_any_board_files_is_refused_with_the_count(checker):
    facts = LIMITS.max_facts + 1
    fact = '<bp:BoardName contextRef="C0">x</bp:BoardName>\n'
    data = HEAD + CONTEXT.format(i=0) + fact * facts + "</xbrli:xbrl>"
    nl, en = _reasons(checker, data.encode())
    assert en == f"too many facts: {facts:,}, the limit is {LIMITS.max_facts:,}"
    assert nl.startswith("te veel feiten")


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le"])
def test_more_tags_than_any_filing_has_is_refused_before_parsing(checker, codec):
    text = HEAD + "<x/>" * LIMITS.max_tags + "</xbrli:xbrl>"
    nl, en = _reasons(
        checker, v.encoded(text, codec, bom=True) if codec != "utf-8" else text.encode()
    )
    assert en.startswith(f"too big a structure: more than {LIMITS.max_tags:,} tags")
    assert nl.startswith("te groot opgezet")


def _with_school_name(value: str) -> bytes:
    return SAMPLE.replace(">Basisschool De Eik<", f">{value}<", 1).encode()


@pytest.mark.parametrize(
    "value",
    [
        "a" * 20_000_000,  # past libxml2's own limit on one text node
        "a" * (LIMITS.max_value + 1),
        "a&amp;" * (LIMITS.max_value // 2 + 1),  # written in pieces, one value all the same
    ],
    ids=["20 MB", "just over", "with entity references"],
)
def test_a_value_longer_than_any_filing_needs_says_so_with_its_line(checker, value):
    data = _with_school_name(value)
    assert b">Basisschool De Eik<" not in data
    line = SAMPLE[: SAMPLE.index(">Basisschool De Eik<")].count("\n") + 1
    nl, en = _reasons(checker, data)
    limit = f"{LIMITS.max_value:,}"
    assert (
        en == f"line {line}: value too long: more than {limit} characters in one value or attribute"
    )
    assert nl.startswith(f"bronregel {line}: waarde te lang")


def test_an_attribute_longer_than_any_filing_needs_says_so(checker):
    data = SAMPLE.replace(
        'id="S12AB_2022"', f'id="S12AB_2022" note="{"n" * (LIMITS.max_value + 1)}"', 1
    )
    assert "value too long" in _reasons(checker, data.encode())[1]


def test_a_long_value_under_the_limit_is_judged(checker, catalogue):
    assert "Basisschool De Eik" in SAMPLE
    got = _object(checker, catalogue, _with_school_name("a" * LIMITS.max_value))
    assert got["status"] != "unreadable"
