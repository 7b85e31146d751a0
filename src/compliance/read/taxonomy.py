"""The concept table, read from the taxonomy schema the filings point at.

The schema in ``schemas/`` is the single source of which concepts exist, their XBRL item
type and the level (board, school, intervention line) of the context they belong in, and,
for the concepts the rules read, the plan and field they fill and what they mean in Dutch
and English. The model's plan fields and the rules' plain fields are made from it, so a new
reported concept is a schema change and no Python change.
"""

from __future__ import annotations

import sys
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from lxml import etree

from compliance.plain_record import PlainRecord
from compliance.resources import taxonomy_path

XS = "http://www.w3.org/2001/XMLSchema"
XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDT = "http://xbrl.org/2005/xbrldt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ValueType = Literal["string", "boolean", "date", "decimal", "integer", "monetary"]
Level = Literal["board", "school", "line"]

_ITEM_TYPES: dict[str, ValueType] = {
    "stringItemType": "string",
    "booleanItemType": "boolean",
    "dateItemType": "date",
    "decimalItemType": "decimal",
    "integerItemType": "integer",
    "monetaryItemType": "monetary",
}


class Concept(NamedTuple):
    name: str
    type: ValueType
    level: Level
    plan: str | None = None  # the plan it fills (workload, ..., line), None: board or school
    field: str | None = None  # its field name in that plan and in rule conditions
    unit: str | None = None  # how a number is shown, where the item type does not say
    labels: tuple[tuple[str, str], ...] = ()  # (language, what it means)

    def label(self, lang: str) -> str:
        return dict(self.labels).get(lang) or self.name

    @property
    def numeric(self) -> bool:
        return self.type in ("decimal", "integer", "monetary")


class Taxonomy(PlainRecord):
    """The concepts and typed dimensions of the schema. A PlainRecord, not a frozen dataclass
    (0.5 ms of every start to define, ``compliance.plain_record``); not changed once made."""

    def __init__(
        self,
        namespace: str,
        concepts: dict[str, Concept],
        dimensions: dict[str, str],  # dimension local name → local name of its typed domain
    ) -> None:
        self.namespace = namespace
        self.concepts = concepts
        self.dimensions = dimensions

    # The two tables below are derived once per taxonomy (which is loaded once per process),
    # so that reading a fact or a member is one dictionary lookup on the tag lxml gives.

    @cached_property
    def concept_tags(self) -> dict[str, str]:
        """Tag in Clark notation (``{namespace}Name``) → concept name, per declared concept."""
        return {f"{{{self.namespace}}}{name}": name for name in self.concepts}

    @cached_property
    def names(self) -> dict[str, str]:
        """Concept name → itself: the compiled reader looks a fact's local name up here and
        hands over this one string for all facts of the concept."""
        return {name: name for name in self.concepts}

    @cached_property
    def domain_tags(self) -> dict[str, str]:
        """Dimension local name → tag in Clark notation of the element its member holds."""
        return {axis: f"{{{self.namespace}}}{domain}" for axis, domain in self.dimensions.items()}


@cache
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Parse the (trusted, shipped) schema once per process."""
    root = etree.parse(str(path or taxonomy_path())).getroot()
    namespace = root.get("targetNamespace")
    concepts: dict[str, Concept] = {}
    dimensions: dict[str, str] = {}
    for element in root.iterchildren(f"{{{XS}}}element"):
        name = element.get("name")
        group = element.get("substitutionGroup", "")
        if group.endswith(":dimensionItem"):
            dimensions[name] = element.get(f"{{{XBRLDT}}}typedDomainRef", "").lstrip("#")
        elif group.endswith(":item"):
            concepts[name] = _concept(element, namespace)
    # typedDomainRef names the domain element by id; map ids back to element names.
    ids = {el.get("id"): el.get("name") for el in root.iterchildren(f"{{{XS}}}element")}
    dimensions = {axis: ids[ref] for axis, ref in dimensions.items()}
    return Taxonomy(namespace, concepts, dimensions)


def _concept(element: etree._Element, namespace: str) -> Concept:
    def own(attribute: str) -> str | None:
        value = element.get(f"{{{namespace}}}{attribute}")
        # interned, as the names in code are: a plan is made with its fields as keywords
        # (model/build.py), which Python matches by identity first
        return None if value is None else sys.intern(value)

    labels = tuple(
        (doc.get(XML_LANG), " ".join((doc.text or "").split()))
        for doc in element.iterfind(f"{{{XS}}}annotation/{{{XS}}}documentation")
    )
    return Concept(
        name=sys.intern(element.get("name")),
        type=_ITEM_TYPES[element.get("type", "").rpartition(":")[2]],
        level=own("level"),
        plan=own("plan"),
        field=own("field"),
        unit=own("unit"),
        labels=labels,
    )
