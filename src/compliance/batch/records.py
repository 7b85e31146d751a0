"""The compact form one filing's result travels in, from a worker to the outputs.

Workers send back text and counts, never pydantic models: the JSON result object already
serialised as one line (so ``results.jsonl`` is exactly what ``check --format json`` gives),
its status and number of findings for the progress line, and the filing's contribution to
the monitoring summary. A result reused by ``--resume`` is rebuilt from the same pieces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from compliance.check import FilingResult
from compliance.findings import BLOCKING
from compliance.report.json_report import dumps, result_object
from compliance.rules.catalogue import Catalogue

# Status of a filing whose check could not finish (raised, killed its worker, too slow).
ERROR = "error"


@dataclass(frozen=True, slots=True)
class Record:
    """One filing's outcome: what the outputs, the counts and the progress line need."""

    name: str
    sha256: str
    line: str  # the JSON result object on one line, without the newline
    status: str
    findings: int
    blocking: bool  # an error or violation finding, or status error: exit status 1
    contribution: dict = field(default_factory=dict)  # see monitoring.contribution


def record_of(result: FilingResult, catalogue: Catalogue, lang: str, contribution: dict) -> Record:
    """A checked filing as a record."""
    obj = result_object(result, catalogue, lang)
    return _record(obj, contribution)


def error_record(name: str, sha256: str, reason: str, catalogue: Catalogue, lang: str) -> Record:
    """A filing whose check did not finish, with a one-line reason."""
    failed = FilingResult(name, sha256, ERROR, error=" ".join(reason.split()))
    return _record(result_object(failed, catalogue, lang), {})


def record_from_line(line: str, contribution: dict) -> Record:
    """A result kept from an earlier run (``--resume``)."""
    return _record(json.loads(line), contribution, line)


def _record(obj: dict, contribution: dict, line: str | None = None) -> Record:
    findings = obj["findings"]
    blocking = obj["status"] == ERROR or any(f["severity"] in BLOCKING for f in findings)
    return Record(
        name=obj["file"],
        sha256=obj["sha256"],
        line=line if line is not None else dumps(obj, indent=None),
        status=obj["status"],
        findings=len(findings),
        blocking=blocking,
        contribution=contribution,
    )
