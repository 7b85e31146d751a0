"""The JSON result of report-contract.md, byte-identical for the same input."""

from __future__ import annotations

import json

from compliance.check import REPORT_VERSION, FilingResult
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue


def result_object(result: FilingResult, catalogue: Catalogue, lang: str) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "file": result.file,
        "sha256": result.sha256,
        "status": result.status,
        "board": result.board,
        "error": result.error_text(lang),
        "rule_set": catalogue.version,
        "findings": [
            {
                "rule": finding.rule,
                "severity": finding.severity,
                "school": finding.school,
                "school_year": finding.school_year,
                "line": finding.line,
                "message": render_message(finding, catalogue, lang),
                "facts": [
                    {
                        "concept": fact.concept,
                        "context": fact.context,
                        "value": fact.value,
                        "source_line": fact.source_line,
                    }
                    for fact in finding.facts
                ],
            }
            for finding in result.findings
        ],
    }


def dumps(value: object, indent: int | None = 2) -> str:
    """Stable JSON: keys in the contract's order, UTF-8 text kept readable."""
    return json.dumps(value, ensure_ascii=False, indent=indent)
