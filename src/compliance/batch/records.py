"""The compact form one filing's result travels in, from a worker to the outputs.

The worker does every piece of per-filing work the outputs need, so that the parent, which
shares two cores with the workers, only copies text and adds up numbers: the JSON result
object serialised as one line (so ``results.jsonl`` is exactly what ``check --format json``
gives), the filing's rows of ``findings.csv`` and its line of the ``--resume`` state file,
ready to write; its status, findings, blocking flag and reason for the counts, the progress
line and the report; its findings per rule and its monitoring contribution as short tuples
of numbers to add up. A result reused by ``--resume`` is rebuilt from its stored line by the
same code, so it gives the same pieces.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import NamedTuple

from compliance.batch.csv_report import rows_text
from compliance.batch.monitoring import Cells, Layout
from compliance.check import FilingResult
from compliance.findings import BLOCKING
from compliance.report.json_report import dumps, result_object
from compliance.rules.catalogue import Catalogue

# Status of a filing whose check could not finish (raised, killed its worker, too slow).
ERROR = "error"


class Record(NamedTuple):
    """One filing's outcome, as the outputs, the counts and the progress line need it.

    A named tuple, not a dataclass: it crosses a pipe for every filing, and a tuple pickles
    and unpickles without a Python-level ``__getstate__``/``__setstate__`` call."""

    name: str
    line: str  # the JSON result object on one line, without the newline
    state: str  # its line of the --resume state file, without the newline
    csv: str  # its rows of findings.csv, each ending in the CSV line end ("" if none)
    status: str
    findings: int
    blocking: bool  # an error or violation finding not waived, or status error: exit status 1
    reason: str | None  # why it is unreadable or an error (the result's "error")
    rules: tuple[tuple[str, str, int], ...]  # (rule, severity, number of findings)
    cells: Cells  # the monitoring contribution, as Layout gives it
    waived: tuple[tuple[str, int], ...] = ()  # (rule, waiver's entry) of each waived finding


def record_of(
    result: FilingResult, catalogue: Catalogue, lang: str, contribution: dict, layout: Layout
) -> Record:
    """A checked filing as a record."""
    return _record(result_object(result, catalogue, lang), contribution, layout.cells(contribution))


def error_record(name: str, sha256: str, reason: str, catalogue: Catalogue, lang: str) -> Record:
    """A filing whose check did not finish, with a one-line reason."""
    failed = FilingResult(name, sha256, ERROR, error=" ".join(reason.split()))
    return _record(result_object(failed, catalogue, lang), {}, ())


def record_from_line(line: str, contribution: dict, layout: Layout) -> Record:
    """A result kept from an earlier run (``--resume``), with its line as it was."""
    return _record(json.loads(line), contribution, layout.cells(contribution), line)


def state_line(name: str, sha256: str, contribution: dict) -> str:
    """A filing's entry in the state file: what ``--resume`` needs besides its result."""
    entry = {"file": name, "sha256": sha256, "contribution": contribution}
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def _record(obj: dict, contribution: dict, cells: Cells, line: str | None = None) -> Record:
    findings = obj["findings"]
    severities = Counter((finding["rule"], finding["severity"]) for finding in findings)
    waived = tuple(
        (finding["rule"], finding["waiver"]["entry"])
        for finding in findings
        if finding.get("waiver")
    )
    blocking = obj["status"] == ERROR or any(
        finding["severity"] in BLOCKING for finding in findings if not finding.get("waiver")
    )
    return Record(
        name=obj["file"],
        line=line if line is not None else dumps(obj, indent=None),
        state=state_line(obj["file"], obj["sha256"], contribution),
        csv=rows_text(obj),
        status=obj["status"],
        findings=len(findings),
        blocking=blocking,
        reason=obj["error"],
        rules=tuple((rule, severity, count) for (rule, severity), count in severities.items()),
        cells=cells,
        waived=waived,
    )
