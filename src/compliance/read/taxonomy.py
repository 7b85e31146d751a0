"""The concept table, read from the taxonomy schema the filings point at.

The schema in ``schemas/`` is the single source of which concepts exist, their XBRL item
type and the level (board, school, intervention line) of the context they belong in, so a
new concept is a schema change and no Python change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from lxml import etree

from compliance.resources import taxonomy_path

XS = "http://www.w3.org/2001/XMLSchema"
XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDT = "http://xbrl.org/2005/xbrldt"

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


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    type: ValueType
    level: Level

    @property
    def numeric(self) -> bool:
        return self.type in ("decimal", "integer", "monetary")


@dataclass(frozen=True)
class Taxonomy:
    namespace: str
    concepts: dict[str, Concept]
    # dimension local name → local name of its typed domain element
    dimensions: dict[str, str]

    # The two tables below are derived once per taxonomy (which is loaded once per process),
    # so that reading a fact or a member is one dictionary lookup on the tag lxml gives.

    @cached_property
    def concept_tags(self) -> dict[str, str]:
        """Tag in Clark notation (``{namespace}Name``) → concept name, per declared concept."""
        return {f"{{{self.namespace}}}{name}": name for name in self.concepts}

    @cached_property
    def domain_tags(self) -> dict[str, str]:
        """Dimension local name → tag in Clark notation of the element its member holds."""
        return {axis: f"{{{self.namespace}}}{domain}" for axis, domain in self.dimensions.items()}


@cache
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Parse the (trusted, shipped) schema once per process."""
    root = etree.parse(str(path or taxonomy_path())).getroot()
    namespace = root.get("targetNamespace")
    level_attribute = f"{{{namespace}}}level"
    concepts: dict[str, Concept] = {}
    dimensions: dict[str, str] = {}
    for element in root.iterchildren(f"{{{XS}}}element"):
        name = element.get("name")
        group = element.get("substitutionGroup", "")
        if group.endswith(":dimensionItem"):
            dimensions[name] = element.get(f"{{{XBRLDT}}}typedDomainRef", "").lstrip("#")
        elif group.endswith(":item"):
            item_type = element.get("type", "").rpartition(":")[2]
            concepts[name] = Concept(name, _ITEM_TYPES[item_type], element.get(level_attribute))
    # typedDomainRef names the domain element by id; map ids back to element names.
    ids = {el.get("id"): el.get("name") for el in root.iterchildren(f"{{{XS}}}element")}
    dimensions = {axis: ids[ref] for axis, ref in dimensions.items()}
    return Taxonomy(namespace, concepts, dimensions)
