"""Step 1 of the flow: bytes on disk → a raw XBRL instance (contexts, units, facts).

Nothing here knows the rules; it only knows XML, XBRL instance syntax and the taxonomy
schema, and it refuses input that could cost more than it is worth.
"""

from compliance.read.errors import UnreadableFiling
from compliance.read.instance import RawContext, RawFact, RawInstance, RawUnit, read_instance
from compliance.read.safety import ReadLimits, load_xml
from compliance.read.taxonomy import Concept, Taxonomy, load_taxonomy

__all__ = [
    "Concept",
    "RawContext",
    "RawFact",
    "RawInstance",
    "RawUnit",
    "ReadLimits",
    "Taxonomy",
    "UnreadableFiling",
    "load_taxonomy",
    "load_xml",
    "read_instance",
]
