"""findings.xlsx's rows written in one go (``batch/writers/xlsx_sheet.py``) give the bytes
XlsxWriter's own cell-by-cell path gives, whole workbooks compared, for every shape of cell
a reviewer's workbook can hold: text to escape, text only the library writes right
(control characters, white space at an end, rich text, text past the cell limit), numbers
of every class, styles first used late, rows the library treats specially. The fast path
is forced on here, so a fault in it cannot hide behind the probe that switches it off."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
import xlsxwriter

from compliance.batch.writers import xlsx_sheet
from compliance.batch.writers.xlsx_sheet import StreamedSheet

PLAIN = [(0, "01234", None), (1, "Stichting Het Voorbeeld", None), (8, 3, None)]
TEXTS = {
    "plain": "Het plan besteedt geld aan iets dat niet op de menukaart staat.",
    "escaped": "a & b < c > d \"e\" 'f'",
    "newline and tab inside": "regel een\nregel\ttwee",
    "non-ASCII": "Zuid-Holland € 1.234,56 — ü ☃ 𝔘",
    "no-break space inside": "€\xa0100",
    "leading space": " voor",
    "trailing space": "achter ",
    "trailing newline": "achter\n",
    "trailing no-break space": "achter\xa0",
    "leading tab": "\tvoor",
    "control character": "a\x01b",
    "vertical tab": "a\x0bb",
    "last control character": "a\x1f",
    "looks like an escape": "_x0041_",
    "looks like an escape, mixed case": "x_x00fF_y",
    "an underscore and x, no escape": "tax_x12_ box_x",
    "rich text": "<r>rijk</r>",
    "starts like rich text": "<r>alleen het begin",
    "longest plain": "x" * 16383,
    "one past the longest plain": "x" * 16384,
    "past the cell limit": "𝔘" * 20000,
    "markup": "<b>vet</b> &amp; <script>",
}
NUMBERS = {
    "zero": 0,
    "negative zero": -0.0,
    "int": 3,
    "negative int": -7,
    "past 2**53": 2**53 + 1,
    "big int": 10**20,
    "big float": 1e20,
    "small float": 1e-7,
    "inexact sum": 0.1 + 0.2,
    "many digits": 123456789.123456789,
    "bool": True,
    "Decimal": Decimal("12.50"),
    "Fraction": Fraction(1, 3),
}


def workbook(plain: bool, rows: list[tuple[int, list]], prepare: Callable | None = None) -> bytes:
    """A workbook of a Summary sheet and a Findings sheet holding ``rows`` ((row, cells),
    each cell (column, value, style name or None)), written through ``write_plain_row``
    (``plain``) or through XlsxWriter's ``write_string`` and ``write_number``; the Summary
    sheet's one cell, styled, is written after them, as the batch writes it."""
    packed = io.BytesIO()
    book = xlsxwriter.Workbook(packed, {"constant_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": datetime(2025, 1, 1)})
    styles = {
        "amount": book.add_format({"num_format": "[$€-413] #,##0.00"}),
        "ratio": book.add_format({"num_format": "0.0%"}),
        "head": book.add_format({"bold": True}),
        "title": book.add_format({"font_size": 13}),
    }
    summary = book.add_worksheet("Summary")
    sheet = book.add_worksheet("Findings", worksheet_class=StreamedSheet)
    sheet.writes_plain_rows = plain
    sheet.write_string(0, 0, "board", styles["head"])
    if prepare:
        prepare(sheet, styles)
    for row, cells in rows:
        cells = [(column, value, styles.get(style)) for column, value, style in cells]
        if plain:
            sheet.write_plain_row(row, cells)
        else:
            for column, value, style in cells:
                if isinstance(value, str):
                    sheet.write_string(row, column, value, style)
                else:
                    sheet.write_number(row, column, value, style)
    summary.write_string(0, 0, "Samenvatting", styles["title"])
    book.close()
    return packed.getvalue()


def assert_same_bytes(rows: list, prepare: Callable | None = None) -> None:
    assert workbook(True, rows, prepare) == workbook(False, rows, prepare)


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_a_text_cell_is_written_as_the_library_writes_it(text: str) -> None:
    assert_same_bytes([(1, PLAIN), (2, [(0, "x", None), (11, text, None)]), (3, PLAIN)])


@pytest.mark.parametrize("number", NUMBERS.values(), ids=NUMBERS.keys())
def test_a_number_cell_is_written_as_the_library_writes_it(number: object) -> None:
    assert_same_bytes([(1, PLAIN), (2, [(9, number, "amount"), (10, number, None)]), (3, PLAIN)])


def test_a_style_first_used_in_the_last_row_is_numbered_as_the_library_numbers_it() -> None:
    # The library numbers a style when it flushes the row that uses it: the last row at
    # close, after the Summary's style. Written early, the styles would swap numbers.
    assert_same_bytes([(1, PLAIN), (2, PLAIN), (3, [(0, "x", None), (10, 0.25, "ratio")])])


def test_styles_and_far_columns_are_written_as_the_library_writes_them() -> None:
    def column_style(sheet: StreamedSheet, styles: dict) -> None:
        sheet.set_column(3, 3, 12, styles["amount"])

    far = [(26, "AA", None), (63, "BL", None), (64, "BM", "ratio"), (16383, "XFD", None)]
    rows = [(1, [(2, "tekst", "head"), (3, 5, None), (4, "z", None), *far]), (2, PLAIN)]
    assert_same_bytes(rows, column_style)


def test_rows_the_library_treats_specially_are_written_as_it_writes_them() -> None:
    def row_height(sheet: StreamedSheet, styles: dict) -> None:
        sheet.set_row(2, 30)

    assert_same_bytes([(1, PLAIN), (2, PLAIN), (3, PLAIN)], row_height)

    def default_height(sheet: StreamedSheet, styles: dict) -> None:
        sheet.set_default_row(24)

    assert_same_bytes([(1, PLAIN), (2, PLAIN)], default_height)


def test_rows_out_of_order_or_outside_the_sheet_are_treated_as_the_library_treats_them() -> None:
    rows = [(2, PLAIN), (2, [(12, "tweede keer", None)]), (1, PLAIN), (3, [])]
    assert_same_bytes([*rows, (1_048_576, PLAIN), (4, PLAIN)])


def test_texts_met_again_or_forgotten_are_written_as_the_library_writes_them(monkeypatch) -> None:
    # A text is checked and escaped once, then remembered; with room for one, the next
    # row's check forgets what a row holds before that row is written.
    monkeypatch.setattr(xlsx_sheet, "_TEXTS_KEPT", 1)
    texts = ["a & b", "Stichting", "a & b", "x < y", " voor", "Stichting", "x < y"]
    rows = [
        (row, [(0, text, None), (5, text, "head"), (9, 1.5, "amount")])
        for row, text in enumerate(texts, 1)
    ]
    assert_same_bytes(rows)


def test_the_probe_switches_the_fast_path_off_when_its_rows_differ(monkeypatch) -> None:
    probe = xlsx_sheet._library_agrees.__wrapped__
    assert probe(), "the installed XlsxWriter writes cells otherwise: plain rows are slow"
    monkeypatch.setattr(xlsx_sheet, "_escaped", lambda text: text)  # a fault in the fast path
    assert not probe()
