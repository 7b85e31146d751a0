"""A PDF, Word or other non-XML file renamed .xbrl is named for what it is, in Dutch and
English, rather than "not well-formed XML: Start tag expected". The files are built here
the way their programs write them (zip members, container signatures)."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the Office 97-2003 container


def _zip(*members: str, first: tuple[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first is not None:  # OpenDocument: "mimetype", stored, comes first
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], zipfile.ZIP_STORED)
        for name in members:
            archive.writestr(name, "<x/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _ole(stream: str) -> bytes:
    return OLE + stream.encode("utf-16-le") + b"\x00" * 64


FILES = {
    "pdf": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "a PDF document",
    ),
    "docx": (
        _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
        "a Word document (.docx, a zip)",
    ),
    "doc": (_ole("WordDocument"), "an old Word document (.doc)"),
    "xlsx": (_zip("[Content_Types].xml", "xl/workbook.xml"), "an Excel workbook (.xlsx, a zip)"),
    "xls": (_ole("Workbook"), "an old Excel workbook (.xls)"),
    "odt": (
        _zip("content.xml", first=("mimetype", "application/vnd.oasis.opendocument.text")),
        "an OpenDocument text (.odt)",
    ),
    "zip": (_zip("aanlevering.xbrl"), "a zip archive, not an XBRL filing; unpack it first"),
    "gzip": (gzip.compress(b"<xbrli:xbrl/>"), "a gzip file"),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "an image"),
}
DUTCH = {
    "pdf": "dit is een PDF-document",
    "docx": "dit is een Word-document (.docx, een zip-bestand)",
    "doc": "dit is een oud Word-document (.doc)",
}


@pytest.mark.parametrize("kind", sorted(FILES))
def test_a_file_of_another_format_is_named_for_what_it_is(cli, tmp_path, kind):
    data, english = FILES[kind]
    path = tmp_path / "aanlevering-2023.xbrl"
    path.write_bytes(data)
    result = cli("check", path, "--lang", "en", "--engine", "python")
    assert result.exit_code == 2
    assert f"{path}\n  UNREADABLE: this is {english}" in result.stdout  # once, in its report
    assert "Start tag" not in result.output


@pytest.mark.parametrize("kind", sorted(DUTCH))
def test_in_dutch_by_default(cli, tmp_path, kind):
    path = tmp_path / "aanlevering-2023.xbrl"
    path.write_bytes(FILES[kind][0])
    result = cli("check", path, "--engine", "python")
    assert f"{DUTCH[kind]}, geen XBRL-aanlevering" in result.stdout


def test_a_damaged_zip_is_still_called_a_zip(cli, tmp_path):
    path = tmp_path / "aanlevering-2023.xbrl"
    path.write_bytes(FILES["docx"][0][:40])  # cut short: no member list to read
    result = cli("check", path, "--lang", "en", "--engine", "python")
    assert "this is a zip archive" in result.stdout


def test_xml_that_merely_looks_odd_is_still_read_as_xml(cli, tmp_path):
    """Text that starts like no known format still gets the XML reason, with its line."""
    path = tmp_path / "aanlevering-2023.xbrl"
    path.write_bytes(b"PK but not a zip\n")
    result = cli("check", path, "--lang", "en", "--engine", "python")
    assert "line 1: not well-formed XML: Start tag expected" in result.stdout
