"""``findings.csv``: one row per finding, for a reviewer's spreadsheet.

Dutch Excel reads a file as CSV only with ``;`` between fields (``,`` is its decimal
separator) and as UTF-8 only with a byte-order mark; without them a reviewer sees one
column and mangled accents. A cell that starts like a formula is prefixed with ``'`` so a
value taken from a filing can never run as one in the reviewer's spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from compliance.batch.outputs import write_atomically
from compliance.batch.words import WORDS

DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_findings(path: Path, results: Iterable[dict], lang: str) -> None:
    """``results`` are the JSON result objects, in path order."""

    def write(handle: TextIO) -> None:
        writer = csv.writer(handle, delimiter=DELIMITER)
        writer.writerow(WORDS[lang]["csv_header"])
        writer.writerows([_safe(cell) for cell in row] for row in finding_rows(results))

    write_atomically(path, write, encoding=ENCODING)


def finding_rows(results: Iterable[dict]) -> Iterator[list[str]]:
    """board, school, school year, rule, severity, message, file; empty where none."""
    for result in results:
        for finding in result["findings"]:
            yield [
                result["board"] or "",
                finding["school"] or "",
                finding["school_year"] or "",
                finding["rule"],
                finding["severity"],
                finding["message"],
                result["file"],
            ]


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
