"""XBRL instance syntax → raw contexts, units and facts, by namespace URI, never by prefix.

This step keeps everything as it was written (lexical values, source lines); judging what is
valid is the model step's work, so that every problem is reported as a finding rather than
stopping the read. Facts and contexts written the usual way are read by the compiled
reader (``_facts.c``, see ``compiled.py``) where it is available, by ``usual_fact_fields``
and ``_UsualContexts`` where not, and any other by ``read_fact`` and ``_read_context``: the
same fields either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from compliance.read import compiled
from compliance.read.errors import UnreadableFiling
from compliance.read.safety import ReadLimits, iterparse_again, load_tree
from compliance.read.taxonomy import XBRLI, Taxonomy
from compliance.wordings import Phrase

XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# XML's white space (XML 1.0 production S). Values are trimmed of these only: str.strip()
# would also take a non-breaking space (U+00A0), which is part of a value ("12\u00a0500"
# is not an amount: FIL-001).
XML_SPACE = " \t\r\n"

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
_XBRLI_ANY = f"{{{XBRLI}}}*"


# The reader's records are named tuples: defining a dataclass costs every start of the
# program 0.3-0.5 ms (its methods are generated and compiled), a named tuple 0.1. Those
# built per context and per fact are built with tuple.__new__ (_new), the cheapest way.
_new = tuple.__new__


class RawContext(NamedTuple):
    id: str
    line: int
    scheme: str | None
    identifier: str | None
    start: str | None
    end: str | None
    instant: str | None
    # typed dimension local name → member value as written (stripped)
    members: dict[str, str]
    # why the context cannot be used (FIL-002 reason keys); empty when it can
    problems: list[str]


class RawUnit(NamedTuple):
    id: str
    line: int
    # (namespace, local name) of each measure; empty for a divide
    measures: tuple[tuple[str, str], ...]


class RawFact(NamedTuple):
    """One fact as written. A named tuple built with ``tuple.__new__``, one per fact (by
    ``read_fact``, or by the structure check for a fact written the usual way): the
    cheapest record Python has with named fields, 1.6 thousand instructions a fact less
    than a slotted dataclass."""

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


class RawInstance(NamedTuple):
    contexts: dict[str, RawContext]
    units: dict[str, RawUnit]
    # each fact of a concept the taxonomy declares, as the fields of its RawFact: a plain
    # tuple (or a RawFact), made a RawFact only when a finding cites it (model.structure)
    facts: list[tuple]
    # facts in the taxonomy namespace whose concept the taxonomy does not declare
    unknown: list[RawFact]


def read_instance(data: bytes, taxonomy: Taxonomy, limits: ReadLimits) -> RawInstance:
    """Read one filing's bytes; raise UnreadableFiling when it is not an XBRL instance."""
    root, root_namespaces = load_tree(data, limits)
    if root.tag != _ROOT:
        raise UnreadableFiling("not_xbrl", root.sourceline, root=_describe_tag(root.tag))
    _refuse_too_many_items(root, taxonomy, limits)
    instance = RawInstance({}, {}, [], [])
    if root_namespaces is not None:
        scope = _Namespaces(root_namespaces)
    else:  # namespaces declared below the root: parse again, one tree at a time
        del root
        root, scope = _scoped_parse(data)
    _read_children(root, taxonomy, scope, instance)
    return instance


def _read_children(
    root: etree._Element, taxonomy: Taxonomy, scope: _Namespaces, instance: RawInstance
) -> None:
    """Read the root's children into ``instance``, facts first: they are most of a filing."""
    concepts = taxonomy.concept_tags
    concept_prefix = f"{{{taxonomy.namespace}}}"
    # the usual way of reading contexts, when a QName means the same on every element
    usual = _UsualContexts(taxonomy, scope) if scope.global_qnames else None
    add_fact = instance.facts.append
    children: list[etree._Element] | etree._Element = root
    if compiled.read_children is not None:  # facts and usual contexts read in C
        facts, contexts, children = compiled.read_children(
            root, taxonomy.namespace, taxonomy.names, XBRLI, XBRLDI, usual is not None,
            read_fact,
        )  # fmt: skip
        instance.facts.extend(facts)
        for item in contexts:
            if item.__class__ is tuple:  # the usual shape's fields, and its place in the root
                fields, place = item
                context = usual.finish(*fields) or _read_context(root[place], taxonomy, scope)
            else:
                context = _context_of(item, taxonomy, scope, usual)
            _add_context(instance, context)
    for element in children:
        tag = element.tag
        concept = concepts.get(tag)  # facts first: they are most of a filing
        if concept is not None:
            add_fact(usual_fact_fields(element, concept) or read_fact(element, concept))
        elif not isinstance(tag, str):
            continue  # comment or processing instruction
        elif tag == _CONTEXT:
            _add_context(instance, _context_of(element, taxonomy, scope, usual))
        elif tag == _UNIT:
            unit = _read_unit(element, scope)
            first_unit = instance.units.setdefault(unit.id, unit)
            if first_unit is not unit:  # ambiguous: no fact can use it as EUR
                instance.units[unit.id] = first_unit._replace(measures=())
        elif tag.startswith(concept_prefix):
            # in the taxonomy namespace, but not a concept the taxonomy declares
            instance.unknown.append(read_fact(element, tag[len(concept_prefix) :]))


def _context_of(
    element: etree._Element, taxonomy: Taxonomy, scope: _Namespaces, usual: _UsualContexts | None
) -> RawContext:
    """A context by the cheap walk of its usual shape where it has one, by the search that
    reads any shape where not."""
    context = usual.read(element) if usual is not None else None
    return context if context is not None else _read_context(element, taxonomy, scope)


def _add_context(instance: RawInstance, context: RawContext) -> None:
    """The first context of an id is the one facts use; any later one marks it."""
    first = instance.contexts.setdefault(context.id, context)
    if first is not context:
        first.problems.append("defined_twice")


_COUNT_CONTEXTS = etree.XPath("count(/*/xbrli:context)", namespaces={"xbrli": XBRLI})
_COUNT_IN_NAMESPACE = etree.XPath("count(/*/*[namespace-uri() = $namespace])")


def _refuse_too_many_items(root: etree._Element, taxonomy: Taxonomy, limits: ReadLimits) -> None:
    """Refuse more contexts or facts than any board files, counted in C before any is read:
    reading and judging cost some 50 microseconds per context, so the caps keep a filing
    under ``max_bytes`` to a second or two.

    Contexts and facts are both children of the root, so ``len(root)`` (a count in C of its
    child nodes) bounds both counts from above: the counting XPaths run only when it passes
    a cap. They cost some 85 microseconds per filing of the benchmark corpus (6% of reading
    it), ``len(root)`` some 9."""
    children = len(root)
    if children > limits.max_contexts:
        contexts = int(_COUNT_CONTEXTS(root))
        if contexts > limits.max_contexts:
            raise UnreadableFiling("too_many_contexts", count=contexts, limit=limits.max_contexts)
    if children > limits.max_facts:
        facts = int(_COUNT_IN_NAMESPACE(root, namespace=taxonomy.namespace))
        if facts > limits.max_facts:
            raise UnreadableFiling("too_many_facts", count=facts, limit=limits.max_facts)


def _describe_tag(tag: str) -> Phrase:
    """The root element's name and namespace, worded in the reason's language."""
    namespace, _, local = tag.rpartition("}")  # "{uri}local", or "local" without namespace
    if namespace:
        return Phrase("read.root_in_namespace", {"name": local, "namespace": namespace[1:]})
    return Phrase("read.root_without_namespace", {"name": local})


# The attributes facts are written with, in the order tools write them: a fact written with
# just these is read by one call for their names and one for their values (``keys()`` and
# ``values()``) rather than a ``get`` for each of the four attributes a fact can have (nil
# included): 0.12 ms a filing of the benchmark corpus against 0.19.
_ITEM_ATTRIBUTES = ["contextRef"]
_NUMERIC_ATTRIBUTES = ["contextRef", "unitRef", "decimals"]


def usual_fact_fields(element: etree._Element, concept: str) -> tuple | None:
    """A fact written the usual way (the attributes above, text only), as the fields of its
    RawFact; None for any other, which ``read_fact`` reads. What ``_facts.c`` does in C,
    for where it is not built."""
    if len(element):
        return None
    names = element.keys()
    # contextRef and unitRef are xs:IDREF: their white space collapses (XML Schema)
    if names == _NUMERIC_ATTRIBUTES:
        context_ref, unit_ref, decimals = element.values()
        context_ref, unit_ref = context_ref.strip(XML_SPACE), unit_ref.strip(XML_SPACE)
    elif names == _ITEM_ATTRIBUTES:
        (context_ref,) = element.values()
        context_ref = context_ref.strip(XML_SPACE)
        unit_ref = decimals = None
    else:
        return None
    text = element.text
    text = text.strip(XML_SPACE) if text else ""
    return (concept, context_ref, unit_ref, decimals, False, text, element.sourceline or 0, False)


def read_fact(element: etree._Element, concept: str) -> RawFact:
    """One fact as written, whatever its attributes and content: the facts of unknown
    concepts, and those of known ones that are not written the usual way (see
    ``NUMERIC_ATTRIBUTES``)."""
    get = element.get
    context_ref, unit_ref = _reference(element, "contextRef"), _reference(element, "unitRef")
    decimals = get("decimals")
    nil_value = get(XSI_NIL)
    nil = nil_value is not None and nil_value.strip(XML_SPACE) in ("true", "1")
    if len(element):
        has_elements = any(isinstance(child.tag, str) for child in element)
        text = "".join(element.itertext())
    else:
        has_elements = False
        text = element.text or ""
    line = element.sourceline or 0
    fields = (
        concept,
        context_ref,
        unit_ref,
        decimals,
        nil,
        text.strip(XML_SPACE),
        line,
        has_elements,
    )
    return _new(RawFact, fields)


def _reference(element: etree._Element, name: str) -> str | None:
    """An xs:ID or xs:IDREF attribute as XML Schema reads it: white space around it is not
    part of it (a validating XBRL processor takes contextRef=" S12AB " as S12AB)."""
    value = element.get(name)
    return None if value is None else value.strip(XML_SPACE)


def _read_context(element: etree._Element, taxonomy: Taxonomy, scope: _Namespaces) -> RawContext:
    """One pass, in C, over the elements of the instance namespace a context is made of: any
    context, whatever its shape (``_UsualContexts`` takes the usual ones, for less, and
    leaves the rest to this). One namespace wildcard costs lxml less to set up than the list of
    the seven tags we want, and the elements it also yields (period, forever) fall through
    the chain below: the same elements, in the same order, as asking for exactly those."""
    scheme = identifier = start = end = instant = None
    members: dict[str, str] = {}
    problems: list[str] = []
    has_entity = False
    for node in element.iterdescendants(_XBRLI_ANY):
        tag = node.tag
        if tag == _START:
            start = (node.text or "").strip(XML_SPACE)
        elif tag == _END:
            end = (node.text or "").strip(XML_SPACE)
        elif tag == _IDENTIFIER:
            scheme = (node.get("scheme") or "").strip(XML_SPACE)
            identifier = (node.text or "").strip(XML_SPACE)
        elif tag == _ENTITY:
            has_entity = True
        elif tag == _SEGMENT:
            _read_members(node, taxonomy, scope, members, problems)
        elif tag == _INSTANT:
            instant = (node.text or "").strip(XML_SPACE)
        elif tag == _SCENARIO:
            problems.append("scenario")
    if not has_entity:
        problems.append("no_entity")
    context_id, line = _reference(element, "id") or "", element.sourceline or 0
    fields = (context_id, line, scheme, identifier, start, end, instant, members, problems)
    return _new(RawContext, fields)


class _UsualContexts:
    """Contexts written the usual way, read by walking the shape they must have, element by
    element, rather than by searching each one (``_read_context``): a context with an entity
    of an identifier and at most a segment of typed members, each holding one domain
    element of its dimension, then a period of a start and an end date or an instant, with
    no other element anywhere in it, each leaf holding text only, and nothing that makes a
    problem. Such a context is exactly what ``_read_context`` makes of it: that one finds
    these same elements of the instance namespace, in this order, and no others (a member's
    value is in the taxonomy's namespace). Any other shape, or any problem, and ``read``
    says None, and ``_read_context`` reads it from the start.

    The search costs a filing of the benchmark corpus (50 contexts) 2.65 million CPU
    instructions, the walk 2.0: the search sets up two iterators per context and fetches each
    tag it passes; the walk indexes children, cheap in lxml, and each dimension's QName is
    resolved once per filing, which holds only while a QName means the same everywhere."""

    def __init__(self, taxonomy: Taxonomy, scope: _Namespaces) -> None:
        self._namespace = taxonomy.namespace
        self._domain_tags = taxonomy.domain_tags
        self._scope = scope
        self._dimensions: dict[str, tuple[str, str | None]] = {}  # QName → axis, domain tag

    def read(self, element: etree._Element) -> RawContext | None:
        if len(element) != 2:
            return None
        entity, period = element[0], element[1]
        if entity.tag != _ENTITY or period.tag != _PERIOD:
            return None
        parts = len(entity)
        identifier = entity[0] if parts else None
        if identifier is None or parts > 2 or identifier.tag != _IDENTIFIER or len(identifier):
            return None
        members = self._members(entity[1]) if parts == 2 else ()
        if members is None:
            return None
        start = end = instant = None
        dates = len(period)
        if dates == 2:
            first, last = period[0], period[1]
            if first.tag != _START or last.tag != _END or len(first) or len(last):
                return None
            start, end = (first.text or "").strip(XML_SPACE), (last.text or "").strip(XML_SPACE)
        elif dates == 1 and period[0].tag == _INSTANT and not len(period[0]):
            instant = (period[0].text or "").strip(XML_SPACE)
        else:
            return None
        scheme = (identifier.get("scheme") or "").strip(XML_SPACE)
        identified = (identifier.text or "").strip(XML_SPACE)
        context_id, line = _reference(element, "id") or "", element.sourceline or 0
        return self.finish(context_id, line, scheme, identified, start, end, instant, members)

    def finish(
        self,
        context_id: str,
        line: int,
        scheme: str,
        identified: str,
        start: str | None,
        end: str | None,
        instant: str | None,
        written: tuple[tuple[str, str, str], ...],
    ) -> RawContext | None:
        """The context, from its fields and its members as written (dimension QName, the
        value's tag, its text; as the compiled reader hands them over too), or None when a
        member's dimension or value is not what the taxonomy says."""
        members: dict[str, str] = {}
        dimensions = self._dimensions
        for qname, value_tag, text in written:
            dimension = dimensions.get(qname)
            if dimension is None:
                resolved = self._scope.resolve(None, qname)
                if resolved is None or resolved[0] != self._namespace:
                    return None
                axis = resolved[1]
                dimension = dimensions[qname] = axis, self._domain_tags.get(axis)
            axis, domain_tag = dimension
            if value_tag != domain_tag or axis in members:
                return None
            members[axis] = text
        fields = (context_id, line, scheme, identified, start, end, instant, members, [])
        return _new(RawContext, fields)

    def _members(self, segment: etree._Element) -> tuple[tuple[str, str, str], ...] | None:
        """A segment's members as written, when each is a typed member of one value."""
        if segment.tag != _SEGMENT:
            return None
        written = []
        # a segment of one member, the usual case, without setting up an iterator over it
        for member in (segment[0],) if len(segment) == 1 else segment:
            if member.tag != _TYPED_MEMBER or len(member) != 1:
                return None
            value = member[0]
            if len(value):
                return None
            text = (value.text or "").strip(XML_SPACE)
            written.append((member.get("dimension", ""), value.tag, text))
        return tuple(written)


def _read_members(
    segment: etree._Element,
    taxonomy: Taxonomy,
    scope: _Namespaces,
    members: dict[str, str],
    problems: list[str],
) -> None:
    for member in segment:
        tag = member.tag
        if tag != _TYPED_MEMBER:
            if isinstance(tag, str):
                problems.append("not_typed_member")
            continue
        dimension = scope.resolve(member, member.get("dimension", ""))
        domain_tag = taxonomy.domain_tags.get(dimension[1]) if dimension else None
        if dimension is None or dimension[0] != taxonomy.namespace or domain_tag is None:
            problems.append("unknown_dimension")
            continue
        # One child, the usual case, without building a list; a child that is not an element
        # has a tag that is not a string, so it fails the comparison below as it should.
        value = member[0] if len(member) == 1 else _only_child_element(member)
        if value is None or value.tag != domain_tag:
            problems.append("bad_dimension_content")
        elif dimension[1] in members:
            problems.append("dimension_twice")
        else:
            members[dimension[1]] = (value.text or "").strip(XML_SPACE)


def _only_child_element(element: etree._Element) -> etree._Element | None:
    """The element's one child element; None when it has none or several."""
    children = [child for child in element if isinstance(child.tag, str)]
    return children[0] if len(children) == 1 else None


class _Namespaces:
    """Resolves QNames written in content or attributes against in-scope namespaces.

    ``element.nsmap`` builds a fresh dictionary of every declaration in scope on each call:
    with 20,000 declarations on the root it cost 10 ms a call, and a minute for a 4 MB
    filing. It is never called per element. When no element below the root declares a
    namespace (all real filings), a QName means the same everywhere and is resolved once
    per filing against the root's declarations. Otherwise the filing is parsed once more,
    following each declaration in and out of scope, and each dimension attribute and
    measure is resolved where it is written: the cost grows with the number of
    declarations and QNames, not with their product.
    """

    def __init__(self, root_nsmap: dict | None, scoped: dict | None = None) -> None:
        self._memo: dict[str, tuple[str, str] | None] = {}
        self._root_nsmap = root_nsmap
        self._scoped = scoped  # element → its QName resolved where it is written

    @property
    def global_qnames(self) -> bool:
        """True when a QName means the same on every element (resolved on the root)."""
        return self._scoped is None

    def resolve(self, element: etree._Element | None, qname: str) -> tuple[str, str] | None:
        if self._scoped is not None:
            return self._scoped.get(element)
        memo = self._memo
        if qname not in memo:
            memo[qname] = _resolve_qname(self._root_nsmap.get, qname)
        return memo[qname]


def _scoped_parse(data: bytes) -> tuple[etree._Element, _Namespaces]:
    """Parse again, resolving each dimension attribute and measure against the declarations
    in scope at its element: one stack of namespaces per prefix, pushed and popped as the
    parser reports each declaration; only the QName-holding elements come up to Python."""
    bindings: dict[str | None, list[str]] = {}
    declared: list[str | None] = []  # the prefix of each declaration in scope, in order
    scoped: dict[etree._Element, tuple[str, str] | None] = {}

    def lookup(prefix: str | None) -> str | None:
        stack = bindings.get(prefix)
        return (stack[-1] or None) if stack else None  # xmlns="" undeclares the default

    events = iterparse_again(data, ("start-ns", "end-ns", "end"), (_TYPED_MEMBER, _MEASURE))
    for event, item in events:
        if event == "start-ns":
            prefix = item[0] or None
            bindings.setdefault(prefix, []).append(item[1])
            declared.append(prefix)
        elif event == "end-ns":
            bindings[declared.pop()].pop()
        else:
            qname = item.get("dimension", "") if item.tag == _TYPED_MEMBER else item.text or ""
            scoped[item] = _resolve_qname(lookup, qname)
    return events.root, _Namespaces(None, scoped)


def _resolve_qname(
    lookup: Callable[[str | None], str | None], qname: str
) -> tuple[str, str] | None:
    """Resolve a QName through ``lookup`` (prefix → the namespace in scope where it is
    written)."""
    prefix, _, local = qname.strip(XML_SPACE).rpartition(":")
    namespace = lookup(prefix or None)
    if namespace is None or not local:
        return None
    return namespace, local


def _read_unit(element: etree._Element, scope: _Namespaces) -> RawUnit:
    measures: list[tuple[str, str]] = []
    if element.find(_DIVIDE) is None:
        for measure in element.iterchildren(_MEASURE):
            resolved = scope.resolve(measure, measure.text or "")
            measures.append(resolved or ("", (measure.text or "").strip(XML_SPACE)))
    return RawUnit(_reference(element, "id") or "", element.sourceline or 0, tuple(measures))
