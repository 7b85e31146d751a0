"""The batch's output formats, one module each, and their registry.

Adding a format is one module with a ``Writer`` (``base``: ``piece`` in the worker, ``add``
per filing in path order, ``finish`` at the end) and one line in ``WRITERS``; the batch's
output mechanics (``batch/outputs.py``, ``batch/sink.py``) open, commit and discard the
files for every writer alike. ``results.jsonl`` and the ``--resume`` state are not here:
they are the batch's record of itself, which ``--resume`` reads back.
"""

from __future__ import annotations

from compliance.batch.writers.base import WriterFactory
from compliance.batch.writers.findings_csv import FindingsCsv
from compliance.batch.writers.findings_xlsx import FindingsXlsx
from compliance.batch.writers.report_html import ReportHtml
from compliance.batch.writers.summary_json import SummaryJson

WRITERS: tuple[WriterFactory, ...] = (
    FindingsCsv,
    FindingsXlsx,
    SummaryJson,
    ReportHtml,
)
