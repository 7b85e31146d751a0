"""Write an XBRL instance (filing-format.md) from a plain description of a board.

The description is what rule cases, samples and the corpus generator speak::

    {"board": "41234", "name": "Stichting Voorbeeld",
     "schools": [{"brin": "12AB", "type": "BAO", "name": "De Linde",
                  "years": {"2022-2023": {"facts": {"WorkloadFundsReceived": 61000},
                                          "lines": [{"NpoInterventionCode": "B3"}]}}}]}

Values: True/False become true/false, None becomes xsi:nil, numbers and dates are written
as they print, and strings exactly as given (so a case can write " b10 " or "61.000,00").
A school year's ``line_numbers`` (``["01", "+2"]``) writes its lines' numbers so instead of
1, 2, ...; the board's ``scheme`` replaces the bestuursnummer scheme in every context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from compliance.read.taxonomy import Taxonomy

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance"
    xmlns:link="http://www.xbrl.org/2003/linkbase"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
    xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:bp="urn:bestedingsplannen:taxonomie:2024">
  <link:schemaRef xlink:type="simple" xlink:href="{schema}"/>
"""
SCHEME = "https://duo.nl/bestuursnummer"


def school_context_id(brin: str, year: str) -> str:
    """The id of the context the writer gives a school's facts in ``year`` (2022-2023), so
    that hand-written XML (``extra_xml``) can refer to it."""
    return f"S{brin}_{year[:4]}"


def line_context_id(brin: str, year: str, number: int) -> str:
    """The id of the context of intervention line ``number`` of a school in ``year``."""
    return f"{school_context_id(brin, year)}_L{number}"


def write_instance(
    spec: Mapping, taxonomy: Taxonomy, schema_href: str = "bestedingsplannen-2024.xsd"
) -> bytes:
    return "".join(_instance_parts(spec, taxonomy, schema_href)).encode("utf-8")


def _instance_parts(spec: Mapping, taxonomy: Taxonomy, schema_href: str) -> Iterable[str]:
    board = str(spec.get("board", "41234"))
    schools = spec.get("schools", [])
    years = sorted({year for school in schools for year in school.get("years", {})})
    first_year = years[0] if years else "2022-2023"
    facts: list[str] = []
    yield HEADER.format(schema=schema_href)
    scheme = spec.get("scheme") or SCHEME
    yield _context("B", board, first_year, None, None, None, scheme)
    if spec.get("name") is not None:
        facts.append(_fact("BoardName", "B", spec["name"], taxonomy))
    for school in schools:
        yield from _school_parts(school, board, taxonomy, facts, scheme)
    currency = spec.get("currency", "EUR")
    yield (
        f'  <xbrli:unit id="EUR"><xbrli:measure>iso4217:{escape(currency)}</xbrli:measure>'
        "</xbrli:unit>\n"
        '  <xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>\n'
    )
    yield from facts
    if spec.get("extra_xml"):
        yield "  " + spec["extra_xml"].strip() + "\n"
    yield "</xbrli:xbrl>\n"


def _school_parts(
    school: Mapping, board: str, taxonomy: Taxonomy, facts: list[str], scheme: str
) -> Iterable[str]:
    brin = str(school["brin"])
    period = school.get("period")
    for index, (year, content) in enumerate(sorted(school.get("years", {}).items())):
        context = school_context_id(brin, year)
        yield _context(context, board, year, brin, None, period, scheme)
        if index == 0:
            for concept, key in (("SchoolType", "type"), ("SchoolName", "name")):
                if school.get(key) is not None:
                    facts.append(_fact(concept, context, school[key], taxonomy))
        for concept, value in (content.get("facts") or {}).items():
            facts.append(_fact(concept, context, value, taxonomy))
        for concept, value in (content.get("duplicates") or {}).items():
            facts.append(_fact(concept, context, value, taxonomy))
        written = content.get("line_numbers") or []
        for number, line in enumerate(content.get("lines") or [], start=1):
            line_context = line_context_id(brin, year, number)
            as_written = written[number - 1] if number <= len(written) else str(number)
            yield _context(line_context, board, year, brin, as_written, period, scheme)
            for concept, value in line.items():
                facts.append(_fact(concept, line_context, value, taxonomy))


def _context(
    context_id: str,
    board: str,
    year: str,
    brin: str | None,
    line: str | None,
    period: Mapping | None,
    scheme: str = SCHEME,
) -> str:
    start, end = f"{year[:4]}-08-01", f"{year[5:]}-07-31"
    if period and brin is not None:
        start, end = str(period["start"]), str(period["end"])
    members = ""
    if brin is not None:
        members += (
            '<xbrldi:typedMember dimension="bp:SchoolAxis">'
            f"<bp:SchoolId>{escape(brin)}</bp:SchoolId></xbrldi:typedMember>"
        )
    if line is not None:
        members += (
            '<xbrldi:typedMember dimension="bp:InterventionAxis">'
            f"<bp:InterventionLine>{escape(line)}</bp:InterventionLine></xbrldi:typedMember>"
        )
    segment = f"<xbrli:segment>{members}</xbrli:segment>" if members else ""
    return (
        f"  <xbrli:context id={quoteattr(context_id)}><xbrli:entity>"
        f"<xbrli:identifier scheme={quoteattr(scheme)}>{escape(board)}</xbrli:identifier>"
        f"{segment}</xbrli:entity><xbrli:period><xbrli:startDate>{start}</xbrli:startDate>"
        f"<xbrli:endDate>{end}</xbrli:endDate></xbrli:period></xbrli:context>\n"
    )


def _fact(concept: str, context: str, value: object, taxonomy: Taxonomy) -> str:
    known = taxonomy.concepts.get(concept)
    attributes = f"contextRef={quoteattr(context)}"
    if known is not None and known.numeric:
        unit = "EUR" if known.type == "monetary" else "pure"
        attributes += f' unitRef="{unit}"'
        if value is not None:  # XBRL 2.1 §4.6.3: a nil fact has no decimals
            decimals = "2" if known.type == "monetary" else "INF"
            attributes += f' decimals="{decimals}"'
    if value is None:
        return f'  <bp:{concept} {attributes} xsi:nil="true"/>\n'
    return f"  <bp:{concept} {attributes}>{escape(_lexical(value))}</bp:{concept}>\n"


def _lexical(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
