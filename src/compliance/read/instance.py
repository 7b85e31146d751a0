"""XBRL instance syntax → raw contexts, units and facts, by namespace URI, never by prefix.

This step keeps everything as it was written (lexical values, source lines); judging what is
valid is the model step's work, so that every problem is reported as a finding rather than
stopping the read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from compliance.read.errors import UnreadableFiling
from compliance.read.safety import ReadLimits, load_xml
from compliance.read.taxonomy import XBRLI, Taxonomy

XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

_ROOT = f"{{{XBRLI}}}xbrl"
_CONTEXT = f"{{{XBRLI}}}context"
_UNIT = f"{{{XBRLI}}}unit"
_ENTITY = f"{{{XBRLI}}}entity"
_IDENTIFIER = f"{{{XBRLI}}}identifier"
_SEGMENT = f"{{{XBRLI}}}segment"
_SCENARIO = f"{{{XBRLI}}}scenario"
_PERIOD = f"{{{XBRLI}}}period"
_START = f"{{{XBRLI}}}startDate"
_END = f"{{{XBRLI}}}endDate"
_INSTANT = f"{{{XBRLI}}}instant"
_MEASURE = f"{{{XBRLI}}}measure"
_DIVIDE = f"{{{XBRLI}}}divide"
_TYPED_MEMBER = f"{{{XBRLDI}}}typedMember"
_CONTEXT_PARTS = (_ENTITY, _IDENTIFIER, _SEGMENT, _SCENARIO, _START, _END, _INSTANT)


@dataclass(slots=True)
class RawContext:
    id: str
    line: int
    scheme: str | None = None
    identifier: str | None = None
    start: str | None = None
    end: str | None = None
    instant: str | None = None
    # typed dimension local name → member value as written (stripped)
    members: dict[str, str] = field(default_factory=dict)
    # why the context cannot be used (FIL-002 reason keys); empty when it can
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RawUnit:
    id: str
    line: int
    # (namespace, local name) of each measure; empty for a divide
    measures: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class RawFact:
    concept: str  # local name in the taxonomy namespace
    context_ref: str | None
    unit_ref: str | None
    decimals: str | None
    nil: bool
    text: str  # lexical value, white space stripped
    line: int
    has_elements: bool  # child elements: never a valid simple value

    # The same fact as the model and findings cite it (see model.filing.Reported.source).
    @property
    def context(self) -> str | None:
        return self.context_ref

    @property
    def lexical(self) -> str | None:
        """The value as written, white space trimmed; None when reported nil."""
        return None if self.nil else self.text

    @property
    def source_line(self) -> int:
        return self.line


@dataclass(slots=True)
class RawInstance:
    contexts: dict[str, RawContext]
    units: dict[str, RawUnit]
    facts: list[RawFact]
    # facts in the taxonomy namespace whose concept the taxonomy does not declare
    unknown: list[RawFact]


def read_instance(data: bytes, taxonomy: Taxonomy, limits: ReadLimits) -> RawInstance:
    """Read one filing's bytes; raise UnreadableFiling when it is not an XBRL instance."""
    root = load_xml(data, limits)
    if root.tag != _ROOT:
        raise UnreadableFiling("not_xbrl", root.sourceline, root=_describe_tag(root.tag))
    instance = RawInstance({}, {}, [], [])
    concept_prefix = f"{{{taxonomy.namespace}}}"
    for element in root:
        tag = element.tag
        if not isinstance(tag, str):
            continue  # comment or processing instruction
        if tag == _CONTEXT:
            context = _read_context(element, taxonomy)
            first = instance.contexts.setdefault(context.id, context)
            if first is not context:
                first.problems.append("defined_twice")
        elif tag == _UNIT:
            unit = _read_unit(element)
            first_unit = instance.units.setdefault(unit.id, unit)
            if first_unit is not unit:
                first_unit.measures = ()  # ambiguous: no fact can use it as EUR
        elif tag.startswith(concept_prefix):
            fact = _read_fact(element, tag[len(concept_prefix) :])
            if fact.concept in taxonomy.concepts:
                instance.facts.append(fact)
            else:
                instance.unknown.append(fact)
    return instance


def _describe_tag(tag: object) -> str:
    if not isinstance(tag, str):
        return "not an element"
    namespace, _, local = tag.rpartition("}")  # "{uri}local", or "local" without namespace
    return f"{local} in {namespace[1:]}" if namespace else f"{local} (no namespace)"


def _read_fact(element: etree._Element, concept: str) -> RawFact:
    has_elements = False
    if len(element):
        has_elements = any(isinstance(child.tag, str) for child in element)
        text = "".join(element.itertext())
    else:
        text = element.text or ""
    return RawFact(
        concept=concept,
        context_ref=element.get("contextRef"),
        unit_ref=element.get("unitRef"),
        decimals=element.get("decimals"),
        nil=element.get(XSI_NIL, "").strip() in ("true", "1"),
        text=text.strip(),
        line=element.sourceline or 0,
        has_elements=has_elements,
    )


def _read_context(element: etree._Element, taxonomy: Taxonomy) -> RawContext:
    """One pass, in C, over the few elements a context is made of (the hot path of reading)."""
    context = RawContext(id=element.get("id", ""), line=element.sourceline or 0)
    has_entity = False
    for node in element.iter(_CONTEXT_PARTS):
        tag = node.tag
        if tag == _ENTITY:
            has_entity = True
        elif tag == _IDENTIFIER:
            context.scheme = (node.get("scheme") or "").strip()
            context.identifier = (node.text or "").strip()
        elif tag == _SEGMENT:
            _read_members(node, taxonomy, context)
        elif tag == _SCENARIO:
            context.problems.append("scenario")
        elif tag == _START:
            context.start = (node.text or "").strip()
        elif tag == _END:
            context.end = (node.text or "").strip()
        else:
            context.instant = (node.text or "").strip()
    if not has_entity:
        context.problems.append("no_entity")
    return context


def _read_members(segment: etree._Element, taxonomy: Taxonomy, context: RawContext) -> None:
    for member in segment:
        if not isinstance(member.tag, str):
            continue
        if member.tag != _TYPED_MEMBER:
            context.problems.append("not_typed_member")
            continue
        dimension = _resolve_qname(member, member.get("dimension", ""))
        domain = taxonomy.dimensions.get(dimension[1]) if dimension else None
        if dimension is None or dimension[0] != taxonomy.namespace or domain is None:
            context.problems.append("unknown_dimension")
            continue
        values = [child for child in member if isinstance(child.tag, str)]
        if len(values) != 1 or values[0].tag != f"{{{taxonomy.namespace}}}{domain}":
            context.problems.append("bad_dimension_content")
        elif dimension[1] in context.members:
            context.problems.append("dimension_twice")
        else:
            context.members[dimension[1]] = (values[0].text or "").strip()


def _resolve_qname(element: etree._Element, qname: str) -> tuple[str, str] | None:
    """Resolve a QName written in content or an attribute against in-scope namespaces."""
    prefix, _, local = qname.strip().rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    if namespace is None or not local:
        return None
    return namespace, local


def _read_unit(element: etree._Element) -> RawUnit:
    measures: list[tuple[str, str]] = []
    if element.find(_DIVIDE) is None:
        for measure in element.iterchildren(_MEASURE):
            resolved = _resolve_qname(measure, measure.text or "")
            measures.append(resolved or ("", (measure.text or "").strip()))
    return RawUnit(element.get("id", ""), element.sourceline or 0, tuple(measures))
