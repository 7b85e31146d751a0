"""``findings.xlsx``: the workbook a reviewer filters and sorts in Excel.

Three sheets: Summary (counts, what the run used, the monitoring figures beside the
ministry's published ones), Findings (the columns of ``findings.csv``, typed: the board
number as text so its leading zero stays, amounts and ratios as numbers) and Boards (one row
per filing). XlsxWriter in constant-memory mode streams each sheet's rows to disk as they
come, so a batch of any size costs the parent a row at a time; the sheets' headers are
frozen and filtered. Number formats are stored the way Excel stores them (``#,##0.00``)
and Excel shows them with the reader's separators: ``€ 1.234,56`` and ``25,0%`` in a Dutch
Excel, which is what reviewers use.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from typing import ClassVar

import xlsxwriter

from compliance.batch.writers.base import Batch, Filing, Targets, words_of
from compliance.batch.writers.columns import AMOUNT, LINE, RATIO, finding_rows, header
from compliance.batch.writers.overview import overview_rows
from compliance.batch.writers.xlsx_sheet import Cell, StreamedSheet
from compliance.findings import SEVERITIES
from compliance.rules.catalogue import Catalogue
from compliance.words import WORDS

FILE = "findings.xlsx"
_WIDTHS = (9, 28, 8, 9, 11, 9, 40, 13, 9, 14, 10, 70, 30, 30, 18)  # Findings, in characters
_BOARD_WIDTHS = (9, 28, 30, 16, 8, 8, 8, 8, 10, 10)
BOARD_COLUMNS = (
    "board",
    "board_name",
    "file",
    "outcome",
    "schools",
    "errors",
    "violations",
    "warnings",
    "findings",
    "waived",
)
_AMOUNT_FORMAT = "[$€-413] #,##0.00"
_RATIO_FORMAT = "0.0%"
_TEXT = object()  # a column whose every value is written as text


class FindingsXlsx:
    files: ClassVar[tuple[str, ...]] = (FILE,)

    def __init__(self, targets: Targets, lang: str) -> None:
        self.lang = lang
        self.words = words_of(lang, "report.")
        self.handle = targets(FILE, "utf-8")
        # The zip is assembled in memory (the worksheets stream to temporary files) and
        # then written in one go, so a full disk is a plain OSError from our own write:
        # xlsxwriter meeting it would leave a half-closed zip to complain at exit.
        self.packed = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.packed, {"constant_memory": True, "strings_to_numbers": False}
        )
        self.formats = {
            "head": self.book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1}),
            "amount": self.book.add_format({"num_format": _AMOUNT_FORMAT}),
            "ratio": self.book.add_format({"num_format": _RATIO_FORMAT}),
            "wrap": self.book.add_format({"text_wrap": False}),
            "title": self.book.add_format({"bold": True, "font_size": 13}),
        }
        self.summary = self.book.add_worksheet(self.words["sheet_summary"])
        self.findings = self._streamed(self.words["sheet_findings"])
        self.boards = self._streamed(self.words["sheet_boards"])
        self._rows = {"findings": 0, "boards": 0}
        self._finding_kinds, self._board_kinds = self._column_kinds()
        self._head(self.findings, header(lang), _WIDTHS)
        board_columns = words_of(lang, "boards.")
        self._head(self.boards, tuple(board_columns[c] for c in BOARD_COLUMNS), _BOARD_WIDTHS)

    @staticmethod
    def piece(filing: Filing, catalogue: Catalogue, lang: str) -> tuple:
        """The filing's finding rows and its Boards row."""
        result = filing.result
        counting = [finding for finding in result["findings"] if not finding.get("waiver")]
        severities = Counter(finding["severity"] for finding in counting)
        board = (
            result["board"] or "",
            filing.profile.board_name or "",
            result["file"],
            WORDS[lang][f"status.{result['status']}"],  # once per filing: no words_of
            len(filing.profile.school_types),
            *(severities[severity] for severity in SEVERITIES),
            len(counting),
            len(result["findings"]) - len(counting),
        )
        return tuple(finding_rows(filing, catalogue, lang)), board

    def add(self, piece: tuple) -> None:
        rows, board = piece
        for row in rows:
            self._rows["findings"] += 1
            self._write_row(self.findings, self._rows["findings"], row, self._finding_kinds)
        self._rows["boards"] += 1
        self._write_row(self.boards, self._rows["boards"], board, self._board_kinds)

    def finish(self, batch: Batch) -> None:
        run_date = batch.summary.get("run", {}).get("date", "")
        if run_date:  # the workbook's own date is the run's: same inputs, same bytes
            created = datetime.fromisoformat(run_date.replace("Z", "+00:00"))
            self.book.set_properties({"created": created.replace(tzinfo=None)})
        for name, sheet, width in (
            ("findings", self.findings, len(_WIDTHS)),
            ("boards", self.boards, len(_BOARD_WIDTHS)),
        ):
            sheet.autofilter(0, 0, max(self._rows[name], 1), width - 1)
        self._summary(batch)
        self.book.close()
        self.handle.buffer.write(self.packed.getbuffer())

    # -- pieces ------------------------------------------------------------------------------

    def _streamed(self, name: str) -> StreamedSheet:
        return self.book.add_worksheet(name, worksheet_class=StreamedSheet)

    def _head(self, sheet: object, names: tuple[str, ...], widths: tuple[int, ...]) -> None:
        for column, (name, width) in enumerate(zip(names, widths, strict=True)):
            sheet.set_column(column, column, width)
            sheet.write_string(0, column, name, self.formats["head"])
        sheet.freeze_panes(1, 0)

    @staticmethod
    def _write_row(sheet: StreamedSheet, row: int, values: tuple, kinds: tuple) -> None:
        """A row of ``values``, each written as its column's kind says (``_column_kinds``)."""
        cells: list[Cell] = []
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = kinds[column]
            if kind is _TEXT:
                cells.append((column, str(value), None))
            elif kind is not None:  # a number's style: amount or ratio
                cells.append((column, value, kind))
            elif isinstance(value, (int, float)):
                cells.append((column, value, None))
            else:
                cells.append((column, str(value), None))
        sheet.write_plain_row(row, cells)

    def _column_kinds(self) -> tuple[tuple, tuple]:
        """Per column of the Findings sheet and of the Boards sheet, what its values are
        written as: ``_TEXT`` always text (the board number keeps its leading zero), a
        format a number with that style, None a number where a value is one, else text."""
        styles = {AMOUNT: self.formats["amount"], RATIO: self.formats["ratio"], LINE: None}
        findings = tuple(styles.get(column, _TEXT) for column in range(len(_WIDTHS)))
        return findings, (None,) * len(_BOARD_WIDTHS)

    def _summary(self, batch: Batch) -> None:
        sheet, row = self.summary, 0
        sheet.set_column(0, 0, 46)
        sheet.set_column(1, 6, 16)
        for kind, cells in overview_rows(batch):
            if kind == "title":
                row += 1 if row else 0
                sheet.write_string(row, 0, cells[0], self.formats["title"])
            elif kind == "head":
                for column, cell in enumerate(cells):
                    sheet.write_string(row, column, cell, self.formats["head"])
            else:
                for column, cell in enumerate(cells):
                    self._summary_cell(row, column, cell)
            row += 1

    def _summary_cell(self, row: int, column: int, cell: object) -> None:
        sheet = self.summary
        if cell is None:
            return
        if isinstance(cell, tuple):  # (number, "amount" | "ratio" | "count")
            value, unit = cell
            if value is None:
                return
            style = self.formats.get(unit)
            sheet.write_number(row, column, value, style)
        else:
            sheet.write_string(row, column, str(cell))
