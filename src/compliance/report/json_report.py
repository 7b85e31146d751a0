"""The JSON result of report-contract.md, byte-identical for the same input."""

from __future__ import annotations

import json

from compliance import __version__
from compliance.check import REPORT_VERSION, FilingResult
from compliance.findings import fingerprint
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue
from compliance.waivers import entry_object, waiver_object
from compliance.words import say


def result_object(result: FilingResult, catalogue: Catalogue, lang: str) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "tool_version": __version__,
        "file": result.file,
        "sha256": result.sha256,
        "status": result.status,
        "board": result.board,
        "error": result.error_text(lang),
        "rule_set": catalogue.version,
        "reference": [{"name": ref.name, "sha256": ref.sha256} for ref in catalogue.reference],
        "not_judged": not_judged(catalogue, lang),
        "findings": [
            {
                "rule": finding.rule,
                "severity": finding.severity,
                "school": finding.school,
                "school_year": finding.school_year,
                "line": finding.line,
                "fingerprint": fingerprint(
                    finding.rule, result.board, finding.school, finding.school_year, finding.line
                ),
                "message": render_message(finding, catalogue, lang),
                "waiver": waiver_object(finding.waiver),
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
        "waivers": waivers_object(result),
    }


def waivers_object(result: FilingResult) -> dict | None:
    """With a waivers file: the findings waived, and the board's waivers that expired before
    covering a finding here or, in force, covered none; null without a waivers file."""
    if result.expired_waivers is None:
        return None
    return {
        "waived": sum(not finding.counts for finding in result.findings),
        "expired": [entry_object(waiver) for waiver in result.expired_waivers],
        "unused": [entry_object(waiver) for waiver in result.unused_waivers],
    }


def not_judged(catalogue: Catalogue, lang: str) -> list[dict]:
    """The rules left unjudged for want of reference data, each with its reason."""
    return [
        {"rule": rule, "reason": say(f"not_judged.{reason}", lang)}
        for rule, reason in catalogue.not_judged
    ]


# ``json.dumps`` with any option not its default builds an encoder per call; a batch
# writes a line per filing with this one.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False).encode


def dumps(value: object, indent: int | None = 2) -> str:
    """Stable JSON: keys in the contract's order, UTF-8 text kept readable."""
    if indent is None:
        return _ONE_LINE(value)
    return json.dumps(value, ensure_ascii=False, indent=indent)
