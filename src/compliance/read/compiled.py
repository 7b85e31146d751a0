"""The compiled half of the reader (``_facts.c``), where it was built and fits the lxml here.

Why a fallback rather than a hard requirement: the package builds its C part when the wheel
is built (hatch_build.py); without a C compiler, or beside an lxml of another version than
the one it was built against (the C code reads lxml's element records, whose layout is
lxml's own), the pure-Python reader in ``instance.py`` reads the same filings to the same
answer, only slower.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from lxml import etree

ReadChildren = Callable[
    [etree._Element, str, dict[str, str], str, str, bool, Callable], tuple[list, list, list]
]


TreeShape = Callable[[etree._Element, int], tuple[etree._Element | None, bool]]


def _load() -> ModuleType | None:
    try:
        from compliance.read import _facts
    except ImportError:
        return None
    import lxml

    return _facts if lxml.__version__ == _facts.LXML_VERSION else None


_FACTS = _load()

read_children: ReadChildren | None = None if _FACTS is None else _FACTS.read_children
"""``read_children(root, namespace, concepts, instance, dimensions, contexts_too, read_fact)
-> (facts, contexts, others)`` (see ``_facts.c``), or None when the compiled reader is not
available here."""

tree_shape: TreeShape | None = None if _FACTS is None else _FACTS.tree_shape
"""``tree_shape(root, max_depth) -> (too_deep, declared_below_root)`` (see ``_facts.c``), or
None: what the safety checks ask of every parsed tree."""
