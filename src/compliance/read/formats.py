"""Files that are not XML at all, told apart by how they start ("magic bytes").

A board that sends its annual report as PDF or Word with the name changed to ``.xbrl``
should read "this is a PDF document", not "Start tag expected". Only the first bytes are
looked at (and, for a zip, the names of its members, which Office and OpenDocument files
list in a fixed place); nothing is unpacked. The words are in compliance/words.py
(``read.format_*``).
"""

from __future__ import annotations

import io

# first bytes → the reason kind of that format
_STARTS = (
    (b"%PDF-", "format_pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "format_ole"),  # Office 97-2003 (OLE2 container)
    (b"{\\rtf", "format_rtf"),
    (b"\x89PNG\r\n\x1a\n", "format_image"),
    (b"\xff\xd8\xff", "format_image"),  # JPEG
    (b"GIF8", "format_image"),
    (b"\x1f\x8b", "format_gzip"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members, an empty zip
# a member name that tells what an Office Open XML or OpenDocument zip holds
_ZIP_MEMBERS = (
    ("word/", "format_docx"),
    ("xl/", "format_xlsx"),
    ("ppt/", "format_pptx"),
)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_ODF_SPREADSHEET = b"application/vnd.oasis.opendocument.spreadsheet"
# how an old Word or Excel file names its main stream in the container's directory (UTF-16)
_OLE_STREAMS = (
    ("WordDocument".encode("utf-16-le"), "format_doc"),
    ("Workbook".encode("utf-16-le"), "format_xls"),
    ("Book".encode("utf-16-le"), "format_xls"),
)


def other_format(data: bytes) -> str | None:
    """The reason kind when ``data`` is a known non-XML format; None otherwise (also for
    anything starting with ``<``, so XML costs one comparison)."""
    if data[:1] == b"<":
        return None
    if data.startswith(_ZIP):
        return _zip_kind(data)
    for start, kind in _STARTS:
        if data.startswith(start):
            return _ole_kind(data) if kind == "format_ole" else kind
    return None


def _zip_kind(data: bytes) -> str:
    if data[30:38] == b"mimetype":  # OpenDocument: an uncompressed first member says what
        if data[38:].startswith(_ODF_TEXT):
            return "format_odt"
        if data[38:].startswith(_ODF_SPREADSHEET):
            return "format_ods"
    import zipfile  # here, not at the top: only a zip needs it, and it costs every start 3 ms

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()  # the central directory only
    except (zipfile.BadZipFile, ValueError, OSError):
        return "format_zip"
    for prefix, kind in _ZIP_MEMBERS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return "format_zip"


def _ole_kind(data: bytes) -> str:
    for stream, kind in _OLE_STREAMS:
        if stream in data:
            return kind
    return "format_ole"
