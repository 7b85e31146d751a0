"""Contexts written the usual way are read by walking their shape (``_UsualContexts``); every
other context by searching it (``_read_context``). The walk must make exactly what the search
makes of a context, or leave it to the search: checked on the samples and on contexts of
every odd shape the walk must not take."""

from __future__ import annotations

import pytest
import xbrl_variants as v
from conftest import SAMPLES

from compliance.read.errors import UnreadableFiling
from compliance.read.instance import _CONTEXT, _Namespaces, _read_context, _UsualContexts
from compliance.read.safety import ReadLimits, load_tree

HEAD = (
    f'<xbrli:xbrl xmlns:xbrli="{v.XBRLI}" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"'
    f' xmlns:bp="{v.TAXONOMY}">'
)
IDENTIFIER = '<xbrli:identifier scheme="s">00000</xbrli:identifier>'
SCHOOL = (
    '<xbrldi:typedMember dimension="bp:SchoolAxis"><bp:SchoolId>12AB</bp:SchoolId>'
    "</xbrldi:typedMember>"
)
LINE = (
    '<xbrldi:typedMember dimension="bp:InterventionAxis">'
    "<bp:InterventionLine>3</bp:InterventionLine></xbrldi:typedMember>"
)
START = "<xbrli:startDate> 2022-08-01</xbrli:startDate>"
END = "<xbrli:endDate>2023-07-31 </xbrli:endDate>"
DATES = START + END
INSTANT = "<xbrli:instant>2023-07-31</xbrli:instant>"


def _context(entity: str = IDENTIFIER + f"<xbrli:segment>{SCHOOL}</xbrli:segment>", period=DATES):
    entity = f"<xbrli:entity>{entity}</xbrli:entity>"
    return f'<xbrli:context id="c">{entity}<xbrli:period>{period}</xbrli:period></xbrli:context>'


USUAL = {
    "board": _context(IDENTIFIER),
    "school": _context(),
    "line": _context(IDENTIFIER + f"<xbrli:segment>{SCHOOL}{LINE}</xbrli:segment>"),
    "instant": _context(period=INSTANT),
    "line first": _context(IDENTIFIER + f"<xbrli:segment>{LINE}{SCHOOL}</xbrli:segment>"),
    "empty segment": _context(IDENTIFIER + "<xbrli:segment/>"),
}
ODD = {
    "scenario": _context().replace("</xbrli:context>", "<xbrli:scenario/></xbrli:context>"),
    "no entity": '<xbrli:context id="c"><xbrli:period>' + DATES + "</xbrli:period></xbrli:context>",
    "period first": '<xbrli:context id="c"><xbrli:period>'
    + DATES
    + "</xbrli:period><xbrli:entity>"
    + IDENTIFIER
    + "</xbrli:entity></xbrli:context>",
    "dates reversed": _context(period=END + START),
    "forever": _context(period="<xbrli:forever/>"),
    "two instants": _context(period=INSTANT + INSTANT),
    "date inside a member": _context(
        IDENTIFIER
        + "<xbrli:segment>"
        + SCHOOL.replace("12AB", f"12AB{INSTANT}")
        + "</xbrli:segment>"
    ),
    "date as a member": _context(
        IDENTIFIER
        + "<xbrli:segment>"
        + SCHOOL.replace("bp:SchoolId", "xbrli:instant")
        + "</xbrli:segment>"
    ),
    "element in the identifier": _context(IDENTIFIER.replace("00000", "000<bp:x/>00")),
    "element in a date": _context(period=DATES.replace("2022", "20<bp:x/>22")),
    "segment first": _context(f"<xbrli:segment>{SCHOOL}</xbrli:segment>" + IDENTIFIER),
    "not a typed member": _context(IDENTIFIER + "<xbrli:segment><bp:SchoolId/></xbrli:segment>"),
    "dimension twice": _context(IDENTIFIER + f"<xbrli:segment>{SCHOOL}{SCHOOL}</xbrli:segment>"),
    "unknown dimension": _context(
        IDENTIFIER
        + "<xbrli:segment>"
        + SCHOOL.replace("SchoolAxis", "Nowhere")
        + "</xbrli:segment>"
    ),
    "undeclared prefix": _context(
        IDENTIFIER + "<xbrli:segment>" + SCHOOL.replace('"bp:', '"nope:') + "</xbrli:segment>"
    ),
    "wrong domain": _context(
        IDENTIFIER
        + "<xbrli:segment>"
        + SCHOOL.replace("SchoolId", "InterventionLine")
        + "</xbrli:segment>"
    ),
    "member of two values": _context(
        IDENTIFIER
        + "<xbrli:segment>"
        + SCHOOL.replace("</bp:SchoolId>", "</bp:SchoolId><bp:SchoolId/>")
        + "</xbrli:segment>"
    ),
    "second segment": _context(
        IDENTIFIER + f"<xbrli:segment>{SCHOOL}</xbrli:segment><xbrli:segment>{LINE}</xbrli:segment>"
    ),
    "no identifier": _context(""),
}


def _contexts(data: bytes, taxonomy):
    root, namespaces = load_tree(data, ReadLimits())
    scope = _Namespaces(namespaces)
    usual = _UsualContexts(taxonomy, scope)
    for element in root.iter(_CONTEXT):
        yield usual.read(element), _read_context(element, taxonomy, scope)


def _document(*contexts: str) -> bytes:
    return (HEAD + "".join(contexts) + "</xbrli:xbrl>").encode()


def _parsable(path) -> bool:
    try:
        load_tree(path.read_bytes(), ReadLimits())
    except UnreadableFiling:  # the malformed sample: no contexts to compare
        return False
    return True


@pytest.mark.parametrize(
    "name", sorted(path.name for path in SAMPLES.glob("*.xbrl") if _parsable(path))
)
def test_the_walk_reads_each_sample_context_as_the_search_does(taxonomy, name):
    pairs = list(_contexts((SAMPLES / name).read_bytes(), taxonomy))
    assert pairs, "a sample has contexts"
    for walked, searched in pairs:
        assert walked is None or walked == searched


@pytest.mark.parametrize("name", USUAL)
def test_the_walk_reads_a_usual_context_as_the_search_does(taxonomy, name):
    ((walked, searched),) = _contexts(_document(USUAL[name]), taxonomy)
    assert walked is not None, "the usual shape must take the walk"
    assert walked == searched


@pytest.mark.parametrize("name", ODD)
def test_the_walk_leaves_any_other_context_to_the_search(taxonomy, name):
    ((walked, searched),) = _contexts(_document(ODD[name]), taxonomy)
    assert walked is None
    assert isinstance(searched.problems, list)
