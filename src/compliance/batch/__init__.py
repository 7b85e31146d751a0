"""`compliance batch`: judge a year of filings in parallel, one result per filing.

The flow, one concern per module: ``inputs`` finds the filings; ``resume`` decides which
earlier results still hold; ``pool`` runs the rest in worker processes (``worker``) with a
time limit and recovery from dead workers; ``records`` is the compact, pre-digested form a
result travels in; ``sink`` writes each record to the path-ordered files as it comes in
(holding early ones in ``reorder``) and adds it to the ``summary`` tally; ``monitoring``
turns per-plan outcomes into the monitoring figures and ``ministry`` into the figures as
the ministry counts them; ``writers`` holds every output format (findings.csv,
findings.xlsx, summary.json, report.html), one module each, and their registry, and
``outputs`` writes the files in ``--out`` atomically; ``progress`` tells a person at a
terminal how far it got; ``interrupts`` makes Ctrl-C and SIGTERM end a run cleanly;
``defaults`` the defaults the command line shows; ``runner`` ties it together.

Parts are imported when first asked for (``compliance.batch.run_batch``), not with the
package, so that importing ``defaults`` costs ``compliance check`` nothing.
"""

from __future__ import annotations

import importlib

__all__ = ["BatchOptions", "BatchOutcome", "run_batch"]


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(importlib.import_module("compliance.batch.runner"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
