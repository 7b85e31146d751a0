"""The columns of a finding, shared by ``findings.csv`` and ``findings.xlsx`` so that the two
always agree: board number, board name, school, school type, school year, rule, its title,
severity, intervention line, headline amount and ratio, message, file, the waiver that
covers it (empty when it counts) and its fingerprint (for baselines and waivers).

Values are typed (the line an int, amount and ratio floats, the rest text); each format
writes them its own way. The board number stays text everywhere: ``01234`` is a number to
Excel, and a board number with its zero gone is another board.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.batch.writers.base import Filing
from compliance.report.messages import render_title
from compliance.rules.catalogue import Catalogue
from compliance.words import say

COLUMNS = (
    "board",
    "board_name",
    "school",
    "school_type",
    "school_year",
    "rule",
    "title",
    "severity",
    "line",
    "amount",
    "ratio",
    "message",
    "file",
    "waiver",
    "fingerprint",
)
# Where the typed columns are.
LINE, AMOUNT, RATIO = (COLUMNS.index(name) for name in ("line", "amount", "ratio"))

Row = tuple[str | int | float | None, ...]


def header(lang: str) -> tuple[str, ...]:
    return tuple(say(f"csv.{column}", lang) for column in COLUMNS)


def finding_rows(filing: Filing, catalogue: Catalogue, lang: str) -> Iterator[Row]:
    """One row per finding of the filing, in the result's order."""
    result, measures = filing.result, filing.profile.measures
    for index, finding in enumerate(result["findings"]):
        amount, ratio = measures[index] if index < len(measures) else (None, None)
        rule = finding["rule"]
        yield (
            result["board"] or "",
            filing.profile.board_name or "",
            finding["school"] or "",
            filing.school_type(finding["school"]) or "",
            finding["school_year"] or "",
            rule,
            render_title(rule, catalogue, lang) if rule in catalogue.rules else "",
            say(f"severity.{finding['severity']}", lang),
            finding["line"],
            amount,
            ratio,
            finding["message"],
            result["file"],
            waiver_text(finding.get("waiver")),
            finding.get("fingerprint") or "",
        )


def waiver_text(waiver: dict | None) -> str:
    """ "reason (granted_by, expires)" of a finding's waiver; "" when it counts, so that a
    spreadsheet filter on the column shows the findings that count, or the waived ones."""
    if not waiver:
        return ""
    return f"{waiver['reason']} ({waiver['granted_by']}, {waiver['expires']})"
