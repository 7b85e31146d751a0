"""``findings.csv``: one row per finding, for a reviewer's spreadsheet.

Dutch Excel reads a file as CSV only with ``;`` between fields (``,`` is its decimal
separator) and as UTF-8 only with a byte-order mark; without them a reviewer sees one
column and mangled accents. A cell that starts like a formula is prefixed with ``'`` so a
value taken from a filing can never run as one in the reviewer's spreadsheet.

Each worker renders its filing's rows to text (``rows_text``) and the parent only appends
that text, after the header, in path order: the file comes out the same bytes as one
``csv.writer`` writing every row, at no cost to the parent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from compliance.words import say

DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark (written once, before the header)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "board", "school", "school_year", "rule", "severity", "message", "file", "waiver",
    "fingerprint",
)


def header_text(lang: str) -> str:
    """The header row, with its line end."""
    return _text([[say(f"csv.{column}", lang) for column in COLUMNS]])


def rows_text(result: dict) -> str:
    """The rows of one JSON result object, with their line ends; "" without findings."""
    if not result["findings"]:
        return ""
    return _text([_safe(cell) for cell in row] for row in finding_rows(result))


def finding_rows(result: dict) -> Iterator[list[str]]:
    """board, school, school year, rule, severity, message, file, waiver, fingerprint;
    empty where none. The waiver column is empty unless a waiver covers the finding, so a
    spreadsheet filter on it shows the findings that count, or the waived ones."""
    for finding in result["findings"]:
        yield [
            result["board"] or "",
            finding["school"] or "",
            finding["school_year"] or "",
            finding["rule"],
            finding["severity"],
            finding["message"],
            result["file"],
            waiver_text(finding.get("waiver")),
            finding.get("fingerprint", ""),
        ]


def waiver_text(waiver: dict | None) -> str:
    """"reason (granted_by, expires)" of a finding's waiver; "" when it counts."""
    if not waiver:
        return ""
    return f"{waiver['reason']} ({waiver['granted_by']}, {waiver['expires']})"


def _text(rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=DELIMITER).writerows(rows)
    return buffer.getvalue()


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
