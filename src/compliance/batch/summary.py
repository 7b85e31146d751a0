"""``summary.json``: the counts of a batch and the monitoring figures, from its records.

Everything here is added up from the records in path order and from whole numbers (counts,
cents), so the same inputs give the same summary, byte for byte, whatever ``--jobs`` was and
whichever results ``--resume`` kept.
"""

from __future__ import annotations

from collections import Counter

from compliance.batch.monitoring import Monitoring, add_into, signal_in
from compliance.batch.records import Record
from compliance.findings import SEVERITIES
from compliance.rules.catalogue import Catalogue

SUMMARY_VERSION = "1"
STATUSES = ("compliant", "findings", "unreadable", "error")
_PLACES = 6  # of a share (0.983051)


def build_summary(
    records: list[Record],
    results: list[dict],
    catalogue: Catalogue,
    monitoring: Monitoring,
    not_checked: int = 0,
) -> dict:
    """``records`` and their JSON ``results`` in path order; ``not_checked`` counts the
    inputs an interrupted run did not get to."""
    statuses = Counter(record.status for record in records)
    counts = {"inputs": len(records) + not_checked}
    counts.update({status: statuses[status] for status in STATUSES})
    counts["not_checked"] = not_checked
    counts["blocking"] = sum(record.blocking for record in records)
    totals: dict = {}
    for record in records:
        add_into(totals, record.contribution)
    return {
        "summary_version": SUMMARY_VERSION,
        "rule_set": catalogue.version,
        "complete": not_checked == 0,
        "counts": counts,
        "findings_per_rule": findings_per_rule(results, catalogue),
        "monitoring": monitoring_rows(totals, catalogue, monitoring),
    }


def findings_per_rule(results: list[dict], catalogue: Catalogue) -> list[dict]:
    """Every rule of the catalogue (zeros included), with its findings by severity and the
    number of filings it was found in."""
    findings: dict[str, Counter] = {rule: Counter() for rule in catalogue.rules}
    filings: Counter = Counter()
    for result in results:
        seen = set()
        for finding in result["findings"]:
            findings.setdefault(finding["rule"], Counter())[finding["severity"]] += 1
            seen.add(finding["rule"])
        filings.update(seen)
    return [
        {
            "rule": rule,
            "findings": sum(by_severity.values()),
            "filings": filings[rule],
            "by_severity": {s: by_severity[s] for s in SEVERITIES if by_severity[s]},
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
        "signal": signal_in(catalogue, monitoring, year),
    }


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to six places; None (not 0) when there is nothing to divide."""
    return round(part / whole, _PLACES) if whole else None
