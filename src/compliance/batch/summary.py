"""``summary.json``: the counts of a batch and the monitoring figures, from its records.

Each record is added to a ``Tally`` as it is written, so the parent holds running totals,
never the records. Everything added up is a whole number (counts, cents), so the same
inputs give the same summary, byte for byte, whatever ``--jobs`` was, whatever order
workers finished in and whichever results ``--resume`` kept.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from operator import add

from compliance import __version__
from compliance.batch.ministry import BOARD, ministry_figures, share
from compliance.batch.monitoring import Layout, Monitoring, signal_in
from compliance.batch.records import ERROR, Record
from compliance.batch.writers.base import Problem
from compliance.findings import SEVERITIES
from compliance.rules.catalogue import Catalogue

SUMMARY_VERSION = "1"
STATUSES = ("compliant", "findings", "unreadable", "error")
PROBLEM_STATUSES = ("unreadable", ERROR)  # listed by name in the report


class Tally:
    """What the summary, the report and the exit status need from the records, added up
    one record at a time (in path order, so ``problems`` is in path order too). Only the
    problems grow with the batch: the report names every filing not read or not checked."""

    def __init__(self) -> None:
        self.records = 0
        self.statuses: Counter = Counter()
        self.blocking = 0
        self.findings: Counter = Counter()  # (rule, severity) → findings
        self.filings: Counter = Counter()  # rule → filings it was found in
        self.cells: dict[tuple[str, str], tuple[int, ...]] = {}  # contributions, added up
        self.problems: list[Problem] = []
        self.waived: Counter = Counter()  # rule → findings a waiver covers
        self.waivers_used: set[int] = set()  # entries of the waivers file that covered one
        self.runs: Counter = Counter()  # reference data and rules not judged, as JSON
        self.counted: set[str] = set()  # severities of findings not waived (--fail-on)

    def add(self, record: Record) -> None:
        self.records += 1
        self.statuses[record.status] += 1
        self.blocking += record.blocking
        self.counted.update(record.counted)
        for rule, severity, count in record.rules:
            self.findings[rule, severity] += count
        if record.rules:
            self.filings.update({rule for rule, _, _ in record.rules})
        for rule, entry in record.waived:
            self.waived[rule] += 1
            self.waivers_used.add(entry)
        totals = self.cells
        for year, school_type, numbers in record.cells:
            key = (year, school_type)
            total = totals.get(key)
            totals[key] = numbers if total is None else tuple(map(add, total, numbers))
        if record.run:
            self.runs[record.run] += 1
        if record.status in PROBLEM_STATUSES:
            self.problems.append(Problem(record.name, record.status, record.reason or ""))

    def failed(self) -> list[tuple[str, str]]:
        """(file, reason) of each result with status error, in path order."""
        return [(p.file, p.reason) for p in self.problems if p.status == ERROR]


def run_info(tally: Tally) -> dict:
    """When the run was, with which tool, and what its results say it used: the reference
    data (by name and sha256) and the rules it could not judge, each with the number of
    filings that say so. The date is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
    convention: the same inputs then give the same bytes), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    references: dict[str, dict] = {}
    not_judged: Counter = Counter()
    for text, filings in sorted(tally.runs.items()):
        run = json.loads(text)
        for entry in _as_list(run.get("reference")):
            references.setdefault(json.dumps(entry, sort_keys=True), entry)
        for entry in run.get("not_judged") or ():
            not_judged[entry.get("rule", ""), entry.get("reason", "")] += filings
    return {
        "date": moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "tool_version": __version__,
        "reference": [references[key] for key in sorted(references)],
        "not_judged": [
            {"rule": rule, "reason": reason, "filings": filings}
            for (rule, reason), filings in sorted(not_judged.items())
        ],
    }


def _as_list(value: object) -> list:
    """The results' ``reference``: a list of entries, or a mapping of name to entry."""
    if isinstance(value, dict):
        return [
            {"name": name, **entry} if isinstance(entry, dict) else {"name": name, "sha256": entry}
            for name, entry in sorted(value.items())
        ]
    return list(value or [])


def build_summary(
    tally: Tally,
    catalogue: Catalogue,
    monitoring: Monitoring,
    not_checked: int = 0,
    run: dict | None = None,
) -> dict:
    """The summary of the records in ``tally``; ``not_checked`` counts the inputs an
    interrupted run did not get to; ``run`` is ``run_info``."""
    counts = {"inputs": tally.records + not_checked}
    counts.update({status: tally.statuses[status] for status in STATUSES})
    counts["not_checked"] = not_checked
    counts["blocking"] = tally.blocking
    counts["waived"] = sum(tally.waived.values())
    totals = Layout(monitoring).nested(tally.cells)
    return {
        "summary_version": SUMMARY_VERSION,
        "rule_set": catalogue.version,
        "run": run if run is not None else run_info(tally),
        "complete": not_checked == 0,
        "counts": counts,
        "findings_per_rule": findings_per_rule(tally, catalogue),
        "monitoring": monitoring_rows(totals, catalogue, monitoring),
        "ministry": ministry_figures(totals, monitoring.ministry),
    }


def findings_per_rule(tally: Tally, catalogue: Catalogue) -> list[dict]:
    """Every rule of the catalogue (zeros included), with its findings by severity and the
    number of filings it was found in."""
    findings: dict[str, Counter] = {rule: Counter() for rule in catalogue.rules}
    for (rule, severity), count in tally.findings.items():
        findings.setdefault(rule, Counter())[severity] += count
    return [
        {
            "rule": rule,
            "findings": sum(by_severity.values()),
            "filings": tally.filings[rule],
            "by_severity": {s: by_severity[s] for s in SEVERITIES if by_severity[s]},
            "waived": tally.waived[rule],
        }
        for rule, by_severity in sorted(findings.items())
    ]


def monitoring_rows(totals: dict, catalogue: Catalogue, monitoring: Monitoring) -> list[dict]:
    """One row per school year and school type that has plans, years in order and types in
    the order of the domain's list."""
    order = {code: position for position, code in enumerate(catalogue.domain.school_types)}
    rows = []
    for year in sorted(totals):
        types = [school_type for school_type in totals[year] if school_type != BOARD]
        for school_type in sorted(types, key=lambda t: (order.get(t, len(order)), t)):
            cell = totals[year][school_type]
            rows.append(
                {
                    "school_year": year,
                    "school_type": school_type,
                    "process_rules": _process(cell, monitoring),
                    "workload_spending": _spending(cell, monitoring),
                    "npo_external_share": _external(cell, catalogue, monitoring, year),
                }
            )
    return rows


def _process(cell: dict, monitoring: Monitoring) -> list[dict]:
    process = cell.get("process", {})
    rows = []
    for rule in monitoring.process_rules:
        judged, complied = process.get(rule, (0, 0))
        rows.append(
            {"rule": rule, "plans": judged, "complying": complied, "share": share(complied, judged)}
        )
    return rows


def _spending(cell: dict, monitoring: Monitoring) -> dict:
    spending = cell.get("spending", {"plans": 0, "cents": {}})
    cents = {name: spending["cents"].get(name, 0) for name in monitoring.categories}
    total = sum(cents.values())
    return {
        "plans": spending["plans"],
        "total": total / 100,
        "categories": [
            {"category": name, "amount": amount / 100, "share": share(amount, total)}
            for name, amount in cents.items()
        ],
    }


def _external(cell: dict, catalogue: Catalogue, monitoring: Monitoring, year: str) -> dict:
    external = cell.get("external", {"plans": 0, "under": 0})
    return {
        "plans": external["plans"],
        "under_signal": external["under"],
        "share": share(external["under"], external["plans"]),
        "signal": _as_float(signal_in(catalogue, monitoring, year)),
    }


def _as_float(value: Decimal | None) -> float | None:
    """summary.json is JSON: the signal value as a number (0.25 is exact in binary)."""
    return None if value is None else float(value)
