"""``summary.json``: the counts of a batch and the monitoring figures, from its records.

Each record is added to a ``Tally`` as it is written, so the parent holds running totals,
never the records. Everything added up is a whole number (counts, cents), so the same
inputs give the same summary, byte for byte, whatever ``--jobs`` was, whatever order
workers finished in and whichever results ``--resume`` kept.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from operator import add
from typing import NamedTuple

from compliance.batch.monitoring import Layout, Monitoring, signal_in
from compliance.batch.records import ERROR, Record
from compliance.findings import SEVERITIES
from compliance.rules.catalogue import Catalogue

SUMMARY_VERSION = "1"
STATUSES = ("compliant", "findings", "unreadable", "error")
PROBLEM_STATUSES = ("unreadable", ERROR)  # listed by name in the report
_PLACES = 6  # of a share (0.983051)


class Problem(NamedTuple):
    """A filing that could not be read or checked, for the report and the closing lines."""

    file: str
    status: str
    reason: str


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

    def add(self, record: Record) -> None:
        self.records += 1
        self.statuses[record.status] += 1
        self.blocking += record.blocking
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
        if record.status in PROBLEM_STATUSES:
            self.problems.append(Problem(record.name, record.status, record.reason or ""))

    def failed(self) -> list[tuple[str, str]]:
        """(file, reason) of each result with status error, in path order."""
        return [(p.file, p.reason) for p in self.problems if p.status == ERROR]


def build_summary(
    tally: Tally, catalogue: Catalogue, monitoring: Monitoring, not_checked: int = 0
) -> dict:
    """The summary of the records in ``tally``; ``not_checked`` counts the inputs an
    interrupted run did not get to."""
    counts = {"inputs": tally.records + not_checked}
    counts.update({status: tally.statuses[status] for status in STATUSES})
    counts["not_checked"] = not_checked
    counts["blocking"] = tally.blocking
    counts["waived"] = sum(tally.waived.values())
    return {
        "summary_version": SUMMARY_VERSION,
        "rule_set": catalogue.version,
        "complete": not_checked == 0,
        "counts": counts,
        "findings_per_rule": findings_per_rule(tally, catalogue),
        "monitoring": monitoring_rows(
            Layout(monitoring).nested(tally.cells), catalogue, monitoring
        ),
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
        for school_type in sorted(totals[year], key=lambda t: (order.get(t, len(order)), t)):
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


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to six places; None (not 0) when there is nothing to divide."""
    return round(part / whole, _PLACES) if whole else None
