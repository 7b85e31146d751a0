"""Step 3 of the flow: the rule catalogue (rules/ as data) and what the engine is given.

- ``catalogue`` loads and validates rules/, parameters and reference data;
- ``conditions`` is the small condition language of a rule's ``when``;
- ``facts`` turns a plan into the single flat fact a rule looks at;
- ``books`` compiles the rules in force for a school type and date into engine rulesets.
"""

from compliance.rules.catalogue import Catalogue, CatalogueError, load_catalogue

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]
