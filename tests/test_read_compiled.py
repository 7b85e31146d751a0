"""The compiled reader (read/_facts.c) reads every filing to exactly what the pure-Python
reader makes of it: the same contexts, units and facts, field by field, line by line, for
facts and contexts of the usual shape (read in C) and of any other (handed back to Python). A
board must get the same findings whichever of the two its installation has."""

from __future__ import annotations

import re

import pytest
import xbrl_variants as v
from conftest import SAMPLES
from test_read_variants import READABLE, SAME_LINES

from compliance.read import ReadLimits, compiled, read_instance
from compliance.read.errors import UnreadableFiling


def test_the_installed_package_has_the_compiled_reader():
    """The wheel is built with its C part wherever a compiler is (CI has one): without it
    every batch is slower, silently."""
    assert compiled.read_children is not None
    assert compiled.tree_shape is not None


def _both(data: bytes, taxonomy, monkeypatch, limits: ReadLimits | None = None) -> tuple:
    """What the reader makes of ``data`` with its C part, and without (raising as it does)."""
    limits = limits or ReadLimits()
    fast = read_instance(data, taxonomy, limits)
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "read_children", None)
        patch.setattr(compiled, "tree_shape", None)
        slow = read_instance(data, taxonomy, limits)
    return fast, slow


def _reason(data: bytes, taxonomy, limits: ReadLimits) -> str | None:
    try:
        read_instance(data, taxonomy, limits)
    except UnreadableFiling as error:
        return error.describe("en")
    return None


# Trees whose depth or namespace declarations the safety checks read (read/safety.py): in
# C by one walk over the elements, in Python by an XPath and a count of "xmlns" in the bytes.
TREES = {
    "deep where a fact is": lambda text, depth: text.replace(
        "</bp:SchoolName>", "</bp:SchoolName>" + "<bp:X>" * depth + "</bp:X>" * depth, 1
    ),
    "deep inside a context": lambda text, depth: text.replace(
        "</xbrli:period>", "</xbrli:period>" + "<bp:X>\n" * depth + "</bp:X>" * depth, 1
    ),
    "deep twice, the second deeper": lambda text, depth: text.replace(
        "</bp:SchoolName>",
        "</bp:SchoolName>" + "<bp:X>" * depth + "</bp:X>" * depth
        + "<bp:Y>" * (depth + 3) + "</bp:Y>" * (depth + 3),
        1,
    ),
    "comments and instructions among deep elements": lambda text, depth: text.replace(
        "</bp:SchoolName>",
        "</bp:SchoolName>" + "<bp:X><!-- c --><?p x?>" * depth + "</bp:X>" * depth,
        1,
    ),
    "a namespace declared on a fact": lambda text, depth: text.replace(
        "<bp:SchoolName ", '<bp:SchoolName xmlns:other="urn:other" ', 1
    ),
    "a namespace declared deep down": lambda text, depth: text.replace(
        "</bp:SchoolName>",
        "</bp:SchoolName>" + "<bp:X>" * depth + '<bp:Z xmlns:o="urn:o"/>' + "</bp:X>" * depth,
        1,
    ),
    "xinclude declared below the root": lambda text, depth: text.replace(
        "</bp:SchoolName>",
        '</bp:SchoolName><x xmlns="http://www.w3.org/2001/XInclude">'
        + "<bp:X>" * depth + "</bp:X>" * depth + "</x>",
        1,
    ),
}


@pytest.mark.parametrize("depth", [0, 1, 29, 30, 31, 40])
@pytest.mark.parametrize("tree", TREES)
def test_compiled_and_python_safety_checks_agree(tree, depth, taxonomy, monkeypatch):
    """The same refusal (too deep, naming the line; an XInclude element) or the same reading,
    at the depth limit (32 levels: a fact is at level 2, so 30 elements more stay within it)
    and past it."""
    text = (SAMPLES / READABLE[0]).read_text(encoding="utf-8")
    data = TREES[tree](text, depth).encode("utf-8")
    limits = ReadLimits()
    fast = _reason(data, taxonomy, limits)
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "tree_shape", None)
        slow = _reason(data, taxonomy, limits)
    assert fast == slow
    if fast is None:
        _same(*_both(data, taxonomy, monkeypatch, limits))


def _same(fast, slow) -> None:
    assert [tuple(fact) for fact in fast.facts] == [tuple(fact) for fact in slow.facts]
    assert fast.contexts == slow.contexts
    assert fast.units == slow.units
    assert fast.unknown == slow.unknown


# Shapes a fact can be written in beyond the usual one, each read by the Python reader where
# the compiled one hands the element back, or by the compiled one where it is still usual.
FACT_SHAPES = {
    "value in CDATA": lambda text: re.sub(
        r'(<bp:SchoolName [^>]*>)([^<]*)<', r"\1<![CDATA[\2]]><", text
    ),
    "value split by CDATA": lambda text: re.sub(
        r'(<bp:SchoolName [^>]*>)([^<]*)<', r"\1\2<![CDATA[ x]]><", text
    ),
    "empty values": lambda text: re.sub(r'(<bp:SchoolName [^>]*>)[^<]*<', r"\1<", text),
    "self-closing facts": lambda text: re.sub(r'(<bp:SchoolName [^>]*)>[^<]*</bp:SchoolName>',
                                              r"\1/>", text),
    "empty references": lambda text: text.replace('contextRef="', 'contextRef="" x="'),
    "character references in values and attributes": lambda text: text.replace(
        'unitRef="EUR"', 'unitRef="&#69;UR"'
    ).replace(">true<", ">&#116;rue<"),
    "nil facts": lambda text: re.sub(
        r'(<bp:SchoolName [^>]*)>[^<]*</bp:SchoolName>', r'\1 xsi:nil="true"/>', text
    ),
    "a child element in a value": lambda text: re.sub(
        r'(<bp:SchoolName [^>]*>)([^<]*)<', r"\1\2<bp:Extra>x</bp:Extra><", text
    ),
    "non-ASCII values": lambda text: text.replace(">true<", ">wáár\u00a0<"),
}

# Shapes a context can be written in: the usual one read in C, any other by _read_context.
CONTEXT_SHAPES = {
    "a comment inside each context": lambda text: text.replace(
        "<xbrli:period>", "<!-- p --><xbrli:period>"
    ),
    "a comment inside each segment": lambda text: text.replace(
        "<xbrli:segment>", "<xbrli:segment><!-- s -->"
    ),
    "identifiers in CDATA": lambda text: re.sub(
        r"(<xbrli:identifier [^>]*>)([^<]*)<", r"\1<![CDATA[ \2 ]]><", text
    ),
    "identifiers split by CDATA": lambda text: re.sub(
        r"(<xbrli:identifier [^>]*>)([^<]*)<", r"\1\2<![CDATA[9]]><", text
    ),
    "no scheme": lambda text: re.sub(r'scheme="[^"]*"', "", text),
    "a scheme in another namespace": lambda text: text.replace(" scheme=", " xsi:scheme="),
    "no id": lambda text: text.replace('<xbrli:context id="B">', "<xbrli:context>"),
    "ids defined twice": lambda text: re.sub(r'context id="S[^"]*"', 'context id="B"', text),
    "instants": lambda text: re.sub(
        r"<xbrli:startDate>([^<]*)</xbrli:startDate><xbrli:endDate>[^<]*</xbrli:endDate>",
        r"<xbrli:instant>\1</xbrli:instant>",
        text,
    ),
    "dates padded": lambda text: text.replace("<xbrli:startDate>", "<xbrli:startDate>\t "),
    "empty segments": lambda text: re.sub(
        r"<xbrli:segment>.*?</xbrli:segment>", "<xbrli:segment/>", text
    ),
    "an unknown dimension": lambda text: text.replace("bp:InterventionAxis", "bp:OtherAxis"),
    "a dimension of no namespace": lambda text: text.replace('"bp:SchoolAxis"', '"SchoolAxis"'),
    "a member value of another concept": lambda text: text.replace(
        "<bp:SchoolId>23CD</bp:SchoolId>", "<bp:InterventionLine>23CD</bp:InterventionLine>"
    ),
    "a member twice": lambda text: text.replace(
        "bp:InterventionAxis", "bp:SchoolAxis"
    ).replace("bp:InterventionLine>", "bp:SchoolId>"),
    "a scenario": lambda text: text.replace(
        "</xbrli:period>", "</xbrli:period><xbrli:scenario/>"
    ),
    "a member with two values": lambda text: text.replace(
        "</bp:SchoolId></xbrldi:typedMember>", "</bp:SchoolId><bp:SchoolId/></xbrldi:typedMember>"
    ),
    "non-ASCII members": lambda text: text.replace(">23CD<", ">23ÇD<"),
}


SHAPES = {**SAME_LINES, **FACT_SHAPES, **CONTEXT_SHAPES}


@pytest.mark.parametrize("variant", SHAPES)
@pytest.mark.parametrize("sample", READABLE)
def test_compiled_and_python_readers_agree(sample, variant, taxonomy, monkeypatch):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    rewritten = SHAPES[variant](text)
    data = rewritten.encode("utf-8")
    try:
        fast, slow = _both(data, taxonomy, monkeypatch)
    except UnreadableFiling:
        pytest.fail(f"{variant}: the variant should stay readable")
    _same(fast, slow)


@pytest.mark.parametrize("variant", [*FACT_SHAPES, *CONTEXT_SHAPES])
def test_every_shape_changes_a_sample(variant):
    """A shape that matches no sample would compare the usual reading with itself."""
    texts = [(SAMPLES / sample).read_text(encoding="utf-8") for sample in READABLE]
    assert any(SHAPES[variant](text) != text for text in texts)


def test_facts_past_line_65535_keep_their_lines(taxonomy, monkeypatch):
    """libxml2 keeps lines from 65,535 on elsewhere than in the element: such facts are read
    by lxml, which knows where, and their findings still name the right line."""
    text = (SAMPLES / READABLE[0]).read_text(encoding="utf-8")
    head, _, tail = text.partition("<bp:")
    data = (head + "\n" * 70_000 + "<bp:" + tail).encode("utf-8")
    fast, slow = _both(data, taxonomy, monkeypatch)
    _same(fast, slow)
    assert min(fact[6] for fact in fast.facts) > 70_000


def test_encodings_read_alike(taxonomy, monkeypatch):
    text = (SAMPLES / READABLE[0]).read_text(encoding="utf-8")
    data = v.encoded(text, "utf-16-le", True)
    fast, slow = _both(data, taxonomy, monkeypatch)
    _same(fast, slow)
    assert fast.facts
