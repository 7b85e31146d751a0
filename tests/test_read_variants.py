"""Spellings of the same filing give the same result: the reader goes by namespace URI and
XML content, never by prefix, encoding, comments or the order of the document."""

from __future__ import annotations

import re

import pytest
import xbrl_variants as v
import yaml
from conftest import SAMPLES

from compliance.read.safety import declared_only_on_root
from compliance.report.json_report import result_object

EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
READABLE = sorted(name for name, expected in EXPECTED.items() if expected["status"] != "unreadable")

PREFIXES = {"xbrli": "x", "link": "lb", "xlink": "xl", "xbrldi": "d", "iso4217": "cur"}
PREFIXES |= {"xsi": "i", "bp": "plan"}


def _all_prefixes_renamed(text: str) -> str:
    for old, new in PREFIXES.items():
        text = v.rename_prefix(text, old, new)
    return text


# Variants that keep every element on its line: the whole result must be the same.
SAME_LINES = {
    "other prefixes": _all_prefixes_renamed,
    "taxonomy as default namespace": lambda text: v.default_namespace(text, "bp"),
    "xbrli as default namespace": lambda text: v.default_namespace(text, "xbrli"),
    "dimension prefix declared on its member": v.members_with_local_prefix,
    "prefixes declared again on each context": v.contexts_with_own_declarations,
    "comments between elements": lambda text: v.between_elements(text, "<!-- note -->"),
    "processing instructions between elements": lambda text: v.between_elements(text, "<?n x?>"),
    "comments inside values": lambda text: v.split_values(text, "<!-- - -->"),
    "processing instructions inside values": lambda text: v.split_values(text, "<?n?>"),
    "white space around values": v.pad_values,
    # contextRef and unitRef are xs:IDREF, id xs:ID: XML Schema collapses their white space
    "white space around ids and references": lambda text: re.sub(
        r'\b(id|contextRef|unitRef)="([^"]*)"', r'\1=" \2\t"', text
    ),
    # the reader takes a fact's usual attributes, in the usual order, in one go
    "fact attributes in another order": lambda text: _facts_with(text, _attributes_reversed),
    "an id on every fact": lambda text: _facts_with(text, lambda tag: tag + ' id="f"'),
    "nil said false on every fact not nil": lambda text: _facts_with(text, _nil_false),
}


def _facts_with(text: str, rewrite) -> str:
    """Each fact's start tag (up to its closing ">") rewritten by ``rewrite``."""
    return re.sub(r"<bp:\w+ [^>/]*", lambda match: rewrite(match.group(0)), text)


def _nil_false(tag: str) -> str:
    return tag if "nil" in tag else tag + ' xsi:nil="false"'


def _attributes_reversed(tag: str) -> str:
    name, *attributes = tag.split(" ")
    return " ".join([name, *reversed(attributes)])


ENCODINGS = {
    "UTF-8 with BOM": ("utf-8", True),
    "UTF-16 little-endian with BOM": ("utf-16-le", True),
    "UTF-16 big-endian with BOM": ("utf-16-be", True),
    "UTF-16 little-endian without BOM": ("utf-16-le", False),
    "UTF-16 big-endian without BOM": ("utf-16-be", False),
    # the prolog scan lets UTF-32 through (docs/decisions.md), so the reader must read it
    "UTF-32 little-endian with BOM": ("utf-32-le", True),
    "UTF-32 big-endian with BOM": ("utf-32-be", True),
    "UTF-32 little-endian without BOM": ("utf-32-le", False),
    "UTF-32 big-endian without BOM": ("utf-32-be", False),
    "ISO-8859-1": ("iso-8859-1", False),
    "windows-1252": ("windows-1252", False),
}
# Variants that move elements to other lines: the same findings about the same facts.
MOVED = {
    "contexts and units after the facts": v.definitions_last,
    "facts in reverse order": v.facts_reversed,
}


def _result(checker, catalogue, data: bytes, name: str) -> dict:
    return result_object(checker.check_bytes(data, name), catalogue, "en")


def _sample_text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", SAME_LINES)
@pytest.mark.parametrize("name", READABLE)
def test_a_rewritten_sample_gives_the_same_result(checker, catalogue, name, variant):
    text = _sample_text(name)
    rewritten = SAME_LINES[variant](text)
    assert rewritten != text
    original = _result(checker, catalogue, text.encode(), name)
    changed = _result(checker, catalogue, rewritten.encode(), name)
    assert changed["status"] == EXPECTED[name]["status"]
    assert v.comparable(changed) == v.comparable(original)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", READABLE)
def test_a_sample_in_another_encoding_gives_the_same_result(checker, catalogue, name, encoding):
    text = _sample_text(name)
    data = v.encoded(text, *ENCODINGS[encoding])
    original = _result(checker, catalogue, text.encode(), name)
    changed = _result(checker, catalogue, data, name)
    assert changed["status"] == EXPECTED[name]["status"]
    assert v.comparable(changed) == v.comparable(original)


@pytest.mark.parametrize("variant", MOVED)
@pytest.mark.parametrize("name", READABLE)
def test_a_reordered_sample_gives_the_same_findings(checker, catalogue, name, variant):
    text = _sample_text(name)
    reordered = MOVED[variant](text)
    assert reordered != text
    original = _result(checker, catalogue, text.encode(), name)
    changed = _result(checker, catalogue, reordered.encode(), name)
    assert changed["status"] == EXPECTED[name]["status"]
    assert v.without_positions(changed) == v.without_positions(original)


def test_variants_combine(checker, catalogue):
    """Contexts last, members with their own prefix, padded and split values, other prefixes,
    all in UTF-16 without a byte-order mark."""
    name = "multi-school-problems.xbrl"
    text = v.members_with_local_prefix(v.definitions_last(_sample_text(name)))
    text = v.split_values(v.pad_values(_all_prefixes_renamed(text)), "<!-- - -->")
    data = v.encoded(text, "utf-16-be", bom=False)
    original = _result(checker, catalogue, (SAMPLES / name).read_bytes(), name)
    assert v.without_positions(_result(checker, catalogue, data, name)) == v.without_positions(
        original
    )


def test_a_dimension_written_without_prefix_uses_the_default_namespace(checker, catalogue):
    """An unprefixed QName in `dimension` resolves against the default namespace; with no
    default namespace in scope it names no dimension, and the school's facts go unused."""
    name = "compliant-one-school.xbrl"
    text = _sample_text(name).replace('dimension="bp:', 'dimension="')
    result = _result(checker, catalogue, text.encode(), name)
    assert result["findings"], "an unresolvable dimension must not pass unnoticed"
    assert {finding["rule"] for finding in result["findings"]} == {"FIL-002"}
    resolved = text.replace("<xbrldi:typedMember ", f'<xbrldi:typedMember xmlns="{v.TAXONOMY}" ')
    assert _result(checker, catalogue, resolved.encode(), name)["status"] == "compliant"


@pytest.mark.parametrize(
    ("text", "root_declarations", "only_on_root"),
    [
        ('<a xmlns="urn:a" xmlns:b="urn:b"><b:c>1</b:c></a>', 2, True),
        ('<a xmlns:b="urn:b"><b:c xmlns:b="urn:other">1</b:c></a>', 1, False),
        ('<a xmlns:b="urn:b"><b:c>xmlns</b:c></a>', 1, False),  # a false alarm is only slower
        ("<a><c>1</c></a>", 0, True),
    ],
)
def test_namespaces_are_resolved_once_only_when_declared_on_the_root_alone(
    text, root_declarations, only_on_root
):
    """The reader resolves QNames once per filing only when no element below the root
    declares a namespace; the bytes must prove it, whatever else they hold."""
    assert declared_only_on_root(text.encode(), root_declarations) is only_on_root


def test_namespaces_in_utf16_are_resolved_on_each_element():
    """In UTF-16 no declaration is spelled in ASCII bytes, so counting them proves nothing."""
    data = '<a><b:c xmlns:b="urn:b">1</b:c></a>'.encode("utf-16")
    assert data.count(b"xmlns") == 0
    assert not declared_only_on_root(data, 0)
