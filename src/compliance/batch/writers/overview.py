"""The batch's figures as titled tables of typed cells, for every format that shows them:
the workbook's Summary sheet writes them as they are, the report formats them and draws
charts beside them. One place decides what a reviewer sees, so the formats agree.

A cell is text, or ``(number, unit)`` with unit ``count``, ``amount`` or ``ratio``, or None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from compliance.batch.writers.base import Batch, words_of
from compliance.findings import SEVERITIES
from compliance.report.messages import render_title
from compliance.words import count as counted
from compliance.words import say

Cell = str | tuple[float | int | None, str] | None
STATUS_ORDER = ("compliant", "findings", "unreadable", "error", "not_checked")


@dataclass(frozen=True)
class Table:
    key: str  # what it is about, for the formats that add something to it (a chart)
    title: str
    intro: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def count(value: int | None) -> tuple[int | None, str]:
    return (value, "count")


def amount(value: float | None) -> tuple[float | None, str]:
    return (value, "amount")


def ratio(value: float | None) -> tuple[float | None, str]:
    return (value, "ratio")


def tables(batch: Batch) -> list[Table]:
    """Every table, in the order a reviewer reads them."""
    return [
        run_table(batch),
        counts_table(batch),
        process_table(batch),
        board_shares_table(batch),
        sector_shares_table(batch),
        personnel_table(batch),
        funds_table(batch),
        spending_table(batch),
        external_table(batch),
        rules_table(batch),
        *([waivers_table(batch)] if batch.summary.get("waivers") else []),
        *([baseline_table(batch)] if batch.summary.get("baseline") else []),
    ]


def overview_rows(batch: Batch) -> Iterator[tuple[str, tuple[Cell, ...]]]:
    """The tables as ("title" | "head" | "row", cells), for a sheet."""
    for table in tables(batch):
        yield "title", (table.title,)
        if table.intro:
            yield "row", (table.intro,)
        yield "head", table.header
        for row in table.rows:
            yield "row", row


def run_table(batch: Batch) -> Table:
    words, summary = words_of(batch.lang, "report."), batch.summary
    run = summary.get("run", {})
    rows: list[tuple[Cell, ...]] = [
        (words["run_date"], run.get("date", "")),
        (words["tool_version"], run.get("tool_version", "")),
        (words["rule_set"], summary["rule_set"]),
    ]
    for entry in run.get("reference", []):
        value = words["reference_value"].format(
            name=entry.get("name", ""), sha256=entry.get("sha256", "")
        )
        rows.append((words["reference_file"], value))
    if not run.get("reference"):
        rows.append((words["reference_file"], words["reference_unknown"]))
    for entry in run.get("not_judged", []):
        filings = counted(entry["filings"], "filing", batch.lang)
        value = words["not_judged_value"].format(
            rule=entry["rule"], reason=entry["reason"], filings=filings
        )
        rows.append((words["not_judged"], value))
    # every row a (what, value) pair, under the table's two headings
    return Table("run", words["run"], "", (words["what"], words["value"]), rows)


def statuses(counts: dict) -> list[str]:
    """The outcomes worth a row: the four always, not checked when a run was cut short."""
    return [s for s in STATUS_ORDER if s != "not_checked" or counts.get("not_checked")]


def counts_table(batch: Batch) -> Table:
    words, counts = words_of(batch.lang, "report."), batch.summary["counts"]
    total = counts["inputs"]
    rows = [
        (
            words_of(batch.lang, "status.")[status],
            count(counts[status]),
            ratio(counts[status] / total if total else None),
        )
        for status in statuses(counts)
    ]
    rows.append((words["blocking_filings"], count(counts["blocking"]), None))
    if batch.summary.get("waivers"):
        rows.append((words["waived_filings"], count(counts.get("waived", 0)), None))
    header = (words["outcome"], words["count"], words["share"])
    return Table("counts", words["outcomes"], "", header, rows)


def process_by_year(batch: Batch) -> dict[str, dict[str, tuple[int, int]]]:
    """Per school year and process rule, (plans judged, plans complying), all types."""
    years: dict[str, dict[str, tuple[int, int]]] = {}
    for row in batch.summary["monitoring"]:
        rules = years.setdefault(row["school_year"], {})
        for entry in row["process_rules"]:
            judged, complied = rules.get(entry["rule"], (0, 0))
            rules[entry["rule"]] = (judged + entry["plans"], complied + entry["complying"])
    return years


def process_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    rules = batch.monitoring.process_rules
    rows = []
    for year, per_rule in sorted(process_by_year(batch).items()):
        for rule in rules:
            judged, complied = per_rule.get(rule, (0, 0))
            if judged:
                rows.append(
                    (
                        year,
                        rule,
                        _title(batch, rule),
                        count(judged),
                        count(complied),
                        ratio(complied / judged),
                    )
                )
    header = (
        words["school_year"],
        words["rule"],
        words["rule_title"],
        words["plans"],
        words["complying"],
        words["share"],
    )
    return Table("process", words["process"], words["process_intro"], header, rows)


def board_shares_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    rows = [
        (
            row["school_year"],
            row["rule"],
            count(row["boards"]),
            count(row["complying"]),
            ratio(row["share"]),
            *_published(row, batch, "ratio"),
        )
        for row in batch.summary["ministry"]["board_shares"]
    ]
    header = (
        words["school_year"],
        words["rule"],
        words["boards"],
        words["complying"],
        words["share"],
        words["published"],
        words["source"],
    )
    return Table("board_shares", words["board_shares"], words["board_shares_intro"], header, rows)


def sector_shares_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    sectors = batch.monitoring.ministry.sectors
    rows = [
        (
            row["school_year"],
            sectors[row["sector"]][1].in_language(batch.lang),
            count(row["schools"]),
            count(row["complying"]),
            ratio(row["share"]),
            *_published(row, batch, "ratio"),
        )
        for row in batch.summary["ministry"]["sector_shares"]
    ]
    header = (
        words["school_year"],
        words["sector"],
        words["schools"],
        words["complying"],
        words["share"],
        words["published"],
        words["source"],
    )
    rule = batch.monitoring.ministry.sector_rule
    intro = words["sector_shares_intro"].format(rule=rule, title=_title(batch, rule))
    return Table("sector_shares", words["sector_shares"], intro, header, rows)


def personnel_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    rows = [
        (
            row["school_year"],
            amount(row["personnel"]),
            amount(row["other"]),
            ratio(row["personnel_share"]),
            *_published(row, batch, "ratio"),
        )
        for row in batch.summary["ministry"]["personnel_split"]
    ]
    header = (
        words["school_year"],
        words["personnel"],
        words["other"],
        words["personnel_share"],
        words["published"],
        words["source"],
    )
    return Table("personnel", words["personnel_split"], words["personnel_intro"], header, rows)


def funds_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    rows = [
        (
            row["school_year"],
            count(row["plans"]),
            amount(row["amount"]),
            amount(row["national"]),
            ratio(row["share_of_national"]),
            *(_published(row, batch, "amount")[1:]),
        )
        for row in batch.summary["ministry"]["funds_received"]
    ]
    header = (
        words["school_year"],
        words["plans"],
        words["funds_in_batch"],
        words["national_amount"],
        words["share_of_national"],
        words["source"],
    )
    return Table("funds", words["funds_received"], words["funds_intro"], header, rows)


def spending_table(batch: Batch) -> Table:
    words, lang = words_of(batch.lang, "report."), batch.lang
    labels = [label.in_language(lang) for label in batch.monitoring.categories.values()]
    rows = []
    for row in batch.summary["monitoring"]:
        spending = row["workload_spending"]
        if spending["plans"]:
            rows.append(
                (
                    row["school_year"],
                    row["school_type"],
                    count(spending["plans"]),
                    amount(spending["total"]),
                    *(ratio(category["share"]) for category in spending["categories"]),
                )
            )
    header = (
        words["school_year"],
        words["school_type"],
        words["plans"],
        words["total_spent"],
        *labels,
    )
    return Table("spending", words["spending"], words["spending_intro"], header, rows)


def external_table(batch: Batch) -> Table:
    words = words_of(batch.lang, "report.")
    rows = []
    for row in batch.summary["monitoring"]:
        external = row["npo_external_share"]
        if external["plans"]:
            rows.append(
                (
                    row["school_year"],
                    row["school_type"],
                    ratio(external["signal"]),
                    count(external["plans"]),
                    count(external["under_signal"]),
                    ratio(external["share"]),
                )
            )
    header = (
        words["school_year"],
        words["school_type"],
        words["signal"],
        words["plans"],
        words["under_signal"],
        words["share"],
    )
    return Table("external", words["external"], words["external_intro"], header, rows)


def rules_table(batch: Batch) -> Table:
    words, lang = words_of(batch.lang, "report."), batch.lang
    rows = [
        (
            entry["rule"],
            _title(batch, entry["rule"]),
            *(count(entry["by_severity"].get(severity, 0)) for severity in SEVERITIES),
            count(entry["findings"]),
            count(entry.get("waived", 0)),
            count(entry["filings"]),
        )
        for entry in batch.summary["findings_per_rule"]
    ]
    header = (
        words["rule"],
        words["rule_title"],
        *(say(f"severity.{severity}", lang) for severity in SEVERITIES),
        words["findings"],
        words["waived"],
        words["filings"],
    )
    return Table("rules", words["per_rule"], "", header, rows)


def waivers_table(batch: Batch) -> Table:
    """What the waivers file did: findings waived, and the entries expired or unused."""
    words, waivers = words_of(batch.lang, "report."), batch.summary["waivers"]
    rows: list[tuple[Cell, ...]] = [
        (words["waivers_file"], waivers["file"]),
        (words["waivers_today"], waivers["today"]),
        (words["waivers_entries"], count(waivers["entries"])),
        (words["waived_filings"], count(waivers["waived_findings"])),
    ]
    for kind in ("expired", "unused"):
        for entry in waivers[kind]:
            narrowing = " ".join(
                str(entry[key]) for key in ("school", "school_year", "rule", "line") if entry[key]
            )
            rows.append(
                (
                    words["waiver_entry"].format(entry=entry["entry"]) + f": {words[kind]}",
                    f"{entry['board']} {narrowing}".strip(),
                    f"{entry['reason']} ({entry['granted_by']}, {entry['expires']})",
                )
            )
    header = (words["what"], words["value"])
    return Table("waivers", words["waivers"], words["waivers_intro"], header, rows)


def baseline_table(batch: Batch) -> Table:
    """Per board, the findings new, resolved and unchanged against the previous run."""
    words, baseline = words_of(batch.lang, "report."), batch.summary["baseline"]
    totals = baseline["totals"]
    rows: list[tuple[Cell, ...]] = [
        (
            words["previous"] + f": {baseline['previous']}",
            count(totals["new"]),
            count(totals["resolved"]),
            count(totals["unchanged"]),
        )
    ]
    for board in baseline["boards"]:
        rows.append(
            (
                board["board"],
                count(len(board["new"])),
                count(len(board["resolved"])),
                count(len(board["unchanged"])),
            )
        )
    if totals["boards_missing"]:
        rows.append((words["boards_missing"], count(totals["boards_missing"]), None, None))
    header = (words["board"], words["new"], words["resolved"], words["unchanged"])
    return Table("baseline", words["baseline"], words["baseline_intro"], header, rows)


def _published(row: dict, batch: Batch, unit: str) -> tuple[Cell, Cell]:
    published = row.get("published")
    if not published:
        return (None, None)
    where = f"{published['source']}; {published['published_year']}"
    population = published["population"]
    if isinstance(population, dict):
        population = population.get(batch.lang, "")
    return ((published["value"], unit), f"{where}; {population}")


def _title(batch: Batch, rule: str) -> str:
    catalogue = batch.catalogue
    return render_title(rule, catalogue, batch.lang) if rule in catalogue.rules else ""
