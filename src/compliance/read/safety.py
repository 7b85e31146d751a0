"""Refuse hostile XML before it costs anything, then parse what is left.

A filing comes from outside, so the parser never resolves entities, never loads a DTD and
never touches the network or the local disk. Any document type declaration is refused
outright by a scan of the prolog, before lxml sees a byte: that single check rules out
external entities (XXE), entity expansion (billion laughs) and external DTD subsets, because
none of them can exist without one. Size is capped before reading; depth is capped by
libxml2 while parsing (256 levels) and by our own, lower, configurable limit right after.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from compliance.read.errors import UnreadableFiling

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"

_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class ReadLimits:
    """Technical limits on one filing; both are command-line options."""

    max_bytes: int = 50 * 1024 * 1024
    max_depth: int = 32


def read_bytes(path: Path, limits: ReadLimits) -> bytes:
    """Read a file, refusing it from its size alone when it is over the cap."""
    try:
        size = os.stat(path).st_size
        if size > limits.max_bytes:
            raise _too_large(size, limits)
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise UnreadableFiling("cannot_read", detail=error.strerror or error) from None
    if len(data) > limits.max_bytes:  # grew while we looked, or not a regular file
        raise _too_large(len(data), limits)
    return data


def _too_large(size: int, limits: ReadLimits) -> UnreadableFiling:
    return UnreadableFiling("too_large", size=f"{size:,}", limit=f"{limits.max_bytes:,}")


def load_xml(data: bytes, limits: ReadLimits) -> etree._Element:
    """Parse ``data`` into an element tree, or say in one line why it cannot be."""
    if not data.strip():
        raise UnreadableFiling("empty")
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    _refuse_unsafe_prolog(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise UnreadableFiling("not_xml", _line(error), detail=_syntax_message(error)) from None
    except ValueError as error:  # lxml refuses some encodings before parsing
        raise UnreadableFiling("not_xml", detail=error) from None
    if root is None:
        raise UnreadableFiling("not_xml", detail="no root element")
    _refuse_unsafe_tree(root, limits)
    return root


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep state and are not safe to share across
    # threads; creating one costs a few microseconds.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        remove_pis=True,
    )


def _refuse_unsafe_prolog(data: bytes) -> None:
    """Refuse any markup declaration (<!DOCTYPE, <!ENTITY ...) before the root element."""
    if data[:2] in _BOM_UTF16 or data[:2] in (b"<\x00", b"\x00<"):
        try:
            text: str | bytes = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFiling("not_xml", detail="invalid UTF-16") from None
        _scan_prolog(text, "<", "<?", "?>", "<!--", "-->", "<!")
    else:
        _scan_prolog(data, b"<", b"<?", b"?>", b"<!--", b"-->", b"<!")


def _scan_prolog(text, lt, pi_open, pi_close, comment_open, comment_close, decl_open) -> None:
    position = 0
    while True:
        start = text.find(lt, position)
        if start < 0:
            return  # no element at all: the parser says what is wrong
        if text.startswith(comment_open, start):
            end = text.find(comment_close, start + 4)
            skip = 3
        elif text.startswith(pi_open, start):
            end = text.find(pi_close, start + 2)
            skip = 2
        elif text.startswith(decl_open, start):
            line = text.count(b"\n" if isinstance(text, bytes) else "\n", 0, start) + 1
            raise UnreadableFiling("unsafe_doctype", line)
        else:
            return  # the root element starts here: the prolog is over
        if end < 0:
            return
        position = end + skip


def _refuse_unsafe_tree(root: etree._Element, limits: ReadLimits) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # belt and braces
        raise UnreadableFiling("unsafe_doctype")
    for element in root.iter(f"{{{XINCLUDE_NS}}}*"):
        raise UnreadableFiling("unsafe_xinclude", element.sourceline)
    if _deeper_than(limits.max_depth)(root):
        raise UnreadableFiling("too_deep", limit=limits.max_depth)


_depth_probes: dict[int, etree.XPath] = {}


def _deeper_than(depth: int) -> etree.XPath:
    """An XPath, evaluated in C, that is true when any element lies below ``depth`` levels."""
    probe = _depth_probes.get(depth)
    if probe is None:
        probe = etree.XPath("boolean(" + "/*" * (depth + 1) + ")")
        _depth_probes[depth] = probe
    return probe


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).strip()
    # libxml2 appends ", line N, column M"; the line is reported separately.
    head, _, _ = message.partition(", line ")
    return head or message


def _line(error: etree.XMLSyntaxError) -> int | None:
    position = getattr(error, "position", None)
    if position and position[0]:
        return position[0]
    return getattr(error, "lineno", None) or None
