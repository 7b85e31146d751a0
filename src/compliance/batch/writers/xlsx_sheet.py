"""A worksheet that writes a row of plain cells the way XlsxWriter does, in one go.

Why: in constant-memory mode XlsxWriter's path for one cell (the call and its argument
conversion, the dimension check, a cell record, and when the row is flushed the cell's
reference, its style, two regular expressions for control characters and whitespace, the
escape and a write to the row file) costs about 8 µs; the Findings and Boards sheets take
some 30 cells a filing. A row whose cells need none of the library's special cases is
written here as one string, a quarter of that cost (a batch's instructions fell by 3%);
every other row goes through the library's own calls, unchanged. XlsxWriter still writes
everything else: the row element itself, the sheets, styles and zip.

The bytes are the library's. A plain row is kept until the library would flush it (when
the next row starts, or when the workbook is closed), so styles are numbered in the same
order. ``StreamedSheet`` writes plain rows itself only when it wrote a probe row, one
cell of every shape it writes, exactly as the XlsxWriter in use does (checked once per
process); tests/test_xlsx_sheet.py holds workbooks of hard rows written both ways to the
same bytes.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from functools import cache

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

Cell = tuple[int, str | int | float, Format | None]
"""(column, value, style): a str is a text cell, anything else a number."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # written as their _xHHHH_ escape
_LIKE_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")  # whose leading _ is escaped in turn
_LONGEST_PLAIN = 32767 // 2  # longer text may need the library's cut at 32,767 UTF-16 units
_NUMBERS = (int, float)  # exactly these classes: bool, Decimal and Fraction take the library's
_TEXTS_KEPT = 8192  # texts remembered as written, then forgotten all at once: a bounded parent
_UNSEEN = object()


class StreamedSheet(Worksheet):
    """A constant-memory worksheet with ``write_plain_row``. Made by the workbook:
    ``book.add_worksheet(name, worksheet_class=StreamedSheet)``."""

    def __init__(self) -> None:
        super().__init__()
        self._plain: tuple[int, Sequence[Cell]] | None = None  # a row not yet flushed
        self.writes_plain_rows: bool | None = None  # None: ask the probe on first use
        # text → as written, or None where only the library writes it right; rule ids,
        # severities, school years and names recur on many rows
        self._texts: dict[str, str | None] = {}
        # (column, style) → the cell's column letters and its style attribute
        self._heads: dict[tuple[int, Format | None], tuple[str, str]] = {}

    def write_plain_row(self, row: int, cells: Sequence[Cell]) -> None:
        """Write ``cells`` (in column order, none empty) as row ``row``, which comes after
        every row written so far."""
        if self.writes_plain_rows is None:
            self.writes_plain_rows = _library_agrees()
        if not (self.writes_plain_rows and cells and self._is_plain(row, cells)):
            _write_cells(self, row, cells)
            return
        self._write_single_row(row)  # the row before this one, as the library would
        self._check_dimensions(row, cells[0][0])
        self._check_dimensions(row, cells[-1][0])
        self._plain = (row, cells)

    def _is_plain(self, row: int, cells: Sequence[Cell]) -> bool:
        if row <= self.previous_row or not self.constant_memory:
            return False
        if self._check_dimensions(row, cells[-1][0], True, True):
            return False  # outside the sheet: the library drops the cells
        texts = self._texts
        if len(texts) > _TEXTS_KEPT:
            texts.clear()
        for _, value, _ in cells:
            if value.__class__ is str:
                written = texts.get(value, _UNSEEN)
                if written is _UNSEEN:
                    written = texts[value] = _written(value)
                if written is None:
                    return False
            elif value.__class__ not in _NUMBERS or not math.isfinite(value):
                return False
        return True

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """The library's flush of the previous row, which writes a plain row kept here."""
        if self._plain is None:
            super()._write_single_row(current_row_num)
            return
        row, cells = self._plain
        self._plain = None
        if self.table or row in self.row_info or row in self.comments:
            # cells, a height or a comment given to the row since: the library writes it
            _write_cells(self, row, cells)
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        self._write_row(row, None)  # the <row> element: the library's own
        self.fh.write(self._cells_xml(row, cells))
        self.table.clear()

    def _cells_xml(self, row: int, cells: Sequence[Cell]) -> str:
        column_info, heads, texts = self.col_info, self._heads, self._texts
        number = str(row + 1)
        parts = []
        for column, value, style in cells:
            if style is None and column in column_info:
                style = column_info[column].column_format
            head = heads.get((column, style))
            if head is None:  # the style's index is the library's, given on its first use
                head = heads[column, style] = _cell_head(column, style)
            letters, styled = head
            if value.__class__ is str:
                text = texts.get(value)
                if text is None:  # forgotten since the row was checked
                    text = _written(value)
                parts.append(
                    f'<c r="{letters}{number}"{styled} t="inlineStr"><is><t>{text}</t></is></c>'
                )
            else:
                parts.append(f'<c r="{letters}{number}"{styled}><v>{value:.16G}</v></c>')
        parts.append("</row>")
        return "".join(parts)


def _cell_head(column: int, style: Format | None) -> tuple[str, str]:
    """The column's letters (the library's own) and the style attribute of its cells."""
    styled = "" if style is None else f' s="{style._get_xf_index()}"'
    return xl_col_to_name(column), styled


def _written(text: str) -> str | None:
    """``text`` as a plain row writes it, or None where only the library writes it right."""
    if len(text) > _LONGEST_PLAIN or _needs_library(text):
        return None
    return _escaped(text)


def _needs_library(text: str) -> bool:
    """Whether only the library's path writes ``text`` right: control characters, text that
    looks like their escape, white space at either end (``xml:space="preserve"``, and
    ``str.isspace`` is the library's ``\\s``), rich text. One pattern of all five cost three
    times these."""
    return bool(
        _CONTROL.search(text)
        or ("_x" in text and _LIKE_ESCAPE.search(text))
        or text[:1].isspace()
        or text[-1:].isspace()
        or text.startswith("<r>")
    )


def _escaped(text: str) -> str:
    """``text`` as the content of an element, escaped as the library escapes it."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _write_cells(sheet: Worksheet, row: int, cells: Sequence[Cell]) -> None:
    """The library's own path, cell by cell."""
    for column, value, style in cells:
        if value.__class__ is str:
            sheet.write_string(row, column, value, style)
        else:
            sheet.write_number(row, column, value, style)


def _probe_rows(style: Format) -> list[Sequence[Cell]]:
    """One cell of every shape ``StreamedSheet`` writes itself, and skipped columns."""
    return [
        [(0, "tekst", None), (2, "a & b < c > d \"e\" 'f'\nregel", None), (27, "ü €", style)],
        [(1, 3, None), (2, -12345.678, style), (3, 0.1 + 0.2, None), (4, 2.5e-07, None)],
    ]


@cache
def _library_agrees() -> bool:
    """Whether the rows of ``_probe_rows`` come out of ``StreamedSheet`` exactly as out of
    the XlsxWriter in use, which then writes every plain row itself."""
    book = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    rows = _probe_rows(book.add_format({"num_format": "0.0%"}))
    ours = book.add_worksheet("ours", worksheet_class=StreamedSheet)
    ours.writes_plain_rows = True
    theirs = book.add_worksheet("theirs")
    for row, cells in enumerate(rows, 1):
        ours.write_plain_row(row, cells)
        _write_cells(theirs, row, cells)
    written = [_flushed(sheet, len(rows) + 1) for sheet in (ours, theirs)]
    book.close()
    return written[0] == written[1]


def _flushed(sheet: Worksheet, next_row: int) -> str:
    """Everything ``sheet`` has written to its row file, up to ``next_row``."""
    sheet._write_single_row(next_row)
    sheet.fh.seek(0)
    return sheet.fh.read()
