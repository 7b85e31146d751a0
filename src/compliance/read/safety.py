"""Refuse hostile XML before it costs anything, then parse what is left.

A filing comes from outside, so the parser never resolves entities, never loads a DTD and
never touches the network or the local disk. Any document type declaration is refused
outright by a scan of the prolog, before lxml sees a byte: that single check rules out
external entities (XXE), entity expansion (billion laughs) and external DTD subsets, because
none of them can exist without one. The scan reads the prolog in the encoding the parser
will use (UTF-8 and other ASCII-based encodings, UTF-16 and UTF-32 with or without a
byte-order mark), and refuses a declared encoding that could spell markup other than in
ASCII (UTF-7, or an ASCII start switching to UTF-16). Should anything still get past it, the
parser resolves every external resource to nothing. Size is capped before reading; depth is
capped by libxml2 while parsing (256 levels) and by our own, lower, configurable limit right
after.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from functools import cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from lxml import etree

from compliance.plain_record import PlainRecord
from compliance.read import compiled
from compliance.read.errors import UnreadableFiling
from compliance.read.formats import other_format
from compliance.read.xml_errors import explain
from compliance.wordings import Phrase

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"

# How a document starts tells the encoding family the parser reads it in (XML 1.0,
# appendix F). UTF-32 comes first: its little-endian byte-order mark begins with UTF-16's.
_WIDE_STARTS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_BOM_UTF8 = b"\xef\xbb\xbf"
_DECLARED_ENCODING = re.compile(rb"<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
# Encodings (as Python names them) that write every ASCII character, markup included, as
# that one byte: the byte scan sees what the parser sees.
_ASCII_BASED = re.compile(r"(utf-8|ascii|iso8859-[0-9]+|cp125[0-8])\Z")
_SPACE = {bytes: re.compile(rb"[ \t\r\n]*"), str: re.compile(r"[ \t\r\n]*")}


class ReadLimits(PlainRecord):
    """Technical limits on one filing. The first two are command-line options; the others
    keep any filing under ``max_bytes`` to about a second or two and bounded memory
    (docs/decisions.md, "Limits"): a board of 150 schools, each with 20 intervention lines
    in each of four school years, files some 13,000 contexts and 43,000 facts.

    The defaults are class attributes (the command line shows them); a PlainRecord, not a
    frozen dataclass, which cost every start 0.5 ms to define (``compliance.plain_record``)."""

    max_bytes = 50 * 1024 * 1024
    max_depth = 32
    # start and end tags ("<"), counted in the bytes before parsing: the parsed tree
    # costs some 300 bytes per element, so this caps its memory whatever the file size
    # (a filing of 20,000 contexts has some 600,000)
    max_tags = 1_000_000
    max_contexts = 20_000
    max_facts = 100_000
    # characters in one text value or attribute; libxml2 itself stops at 10,000,000 bytes
    max_value = 1_000_000

    def __init__(
        self,
        max_bytes: int = max_bytes,
        max_depth: int = max_depth,
        max_tags: int = max_tags,
        max_contexts: int = max_contexts,
        max_facts: int = max_facts,
        max_value: int = max_value,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_tags = max_tags
        self.max_contexts = max_contexts
        self.max_facts = max_facts
        self.max_value = max_value


def read_bytes(path: str | Path, limits: ReadLimits) -> bytes:
    """Read a file, refusing it from its size alone when it is over the cap."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise UnreadableFiling("is_folder")
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            raise UnreadableFiling("not_regular")
        size = status.st_size
        if size > limits.max_bytes:
            raise _too_large(size, limits)
        with open(path, "rb") as handle:
            data = _read_up_to(handle, size, limits.max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFiling("not_found") from None
    except PermissionError:
        raise UnreadableFiling("no_permission") from None
    except OSError as error:
        raise UnreadableFiling("cannot_read", detail=error) from None  # worded by say
    if len(data) > limits.max_bytes:  # grew while we looked, or not a regular file
        raise _too_large(len(data), limits)
    return data


def _read_up_to(handle: BinaryIO, size: int, most: int) -> bytes:
    """The file's bytes, ``most`` at the very most: first as many as its size said (and
    one more, to see whether it grew), then, only if it did, the rest up to ``most``.
    Asking for ``most`` at once would make Python set aside that much (50 MB) for every
    file: 0.08 ms a filing against 0.03 ms for its own size."""
    data = handle.read(size + 1)
    if len(data) > size:
        data += handle.read(most - len(data))
    return data


def _too_large(size: int, limits: ReadLimits) -> UnreadableFiling:
    return UnreadableFiling("too_large", size=size, limit=limits.max_bytes)


def load_xml(data: bytes, limits: ReadLimits) -> etree._Element:
    """Parse ``data`` into an element tree, or say in one line why it cannot be."""
    return load_tree(data, limits).root


class Loaded(NamedTuple):
    root: etree._Element
    # the root's namespace declarations (prefix → URI) when no element below the root
    # declares one, as in all real filings: then they hold for every element; else None
    root_namespaces: dict[str | None, str] | None


def load_tree(data: bytes, limits: ReadLimits) -> Loaded:
    """``load_xml``, and where the document declares its namespaces (``Loaded``), which the
    safety checks and the reader both use: proven once per filing."""
    if not data or data.isspace():  # as data.strip() would say, without copying it
        raise UnreadableFiling("empty")
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    kind = other_format(data)  # a PDF or Word file renamed .xbrl: say what it is
    if kind is not None:
        raise UnreadableFiling(kind)
    _refuse_unsafe_prolog(data)
    _refuse_too_many_tags(data, limits)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = _syntax_message(error)
        if "Excessive depth" in message:  # libxml2's own cap, above any --max-depth
            raise UnreadableFiling("too_deep", _line(error), limit=limits.max_depth) from None
        if any(sign in message for sign in _TOO_LONG):  # libxml2's cap, above max_value
            raise _too_long(limits, _line(error)) from None
        raise UnreadableFiling("not_xml", _line(error), detail=explain(message)) from None
    except ValueError as error:  # lxml refuses some encodings before parsing
        raise UnreadableFiling("not_xml", detail=error) from None
    if root is None:
        raise UnreadableFiling("not_xml", detail="no root element")
    too_deep, declared_below_root = _tree_shape(root, data, limits)
    root_namespaces = None if declared_below_root else root.nsmap
    _refuse_unsafe_tree(root, limits, root_namespaces, too_deep)
    if len(data) > limits.max_value:  # else no value can be that long: skip the search
        _refuse_long_values(root, limits)
    return Loaded(root, root_namespaces)


def _tree_shape(
    root: etree._Element, data: bytes, limits: ReadLimits
) -> tuple[etree._Element | None, bool]:
    """The first element deeper than ``max_depth`` (None when there is none), and whether an
    element below the root declares a namespace (True also where that cannot be ruled out
    from the bytes): read off the tree in C by one walk (``read.compiled``), else by an
    XPath and a count of the bytes."""
    if compiled.tree_shape is not None:
        return compiled.tree_shape(root, limits.max_depth)
    found = _deeper_than(limits.max_depth)(root)
    return (found[0] if found else None), not declared_only_on_root(data, len(root.nsmap))


def declared_only_on_root(data: bytes, root_declarations: int) -> bool:
    """True when the document declares no namespace but on its root element.

    Proven from the bytes, at the cost of one scan: in the ASCII-based encodings (the only
    ones besides UTF-16 and UTF-32 that the prolog scan lets through) every namespace
    declaration is spelled with the ASCII bytes ``xmlns`` (an attribute name cannot come
    from an entity, and a DTD, which could add default attributes, is refused before parsing).
    The root's ``nsmap`` counts its own declarations, as it has no ancestors; when the whole
    document holds no more ``xmlns`` than that, they are all on the root. Any other
    occurrence (in text, a comment, a declaration further down) only makes the count larger
    and falls back to the slower way that holds for any document.
    """
    return wide_codec(data) is None and data.count(b"xmlns") == root_declarations


# How libxml2 says a text node, CDATA section or attribute value passed its 10 MB limit.
_TOO_LONG = ("Text node too long", "Buffer size limit exceeded", "AttValue length too long")


def _too_long(limits: ReadLimits, line: int | None) -> UnreadableFiling:
    return UnreadableFiling("value_too_long", line, limit=limits.max_value)


def _refuse_too_many_tags(data: bytes, limits: ReadLimits) -> None:
    """Refuse, before parsing, a document with more tags than any filing needs: counted
    as '<' in the bytes (C speed), which no text can hold unescaped, so the count is an
    upper bound on start and end tags (comments and CDATA count too). Skipped when the
    document has no more bytes than the cap allows tags, as no count can then pass it (a
    scan of 20 microseconds per filing of the benchmark corpus)."""
    if len(data) <= limits.max_tags:
        return
    codec = wide_codec(data)
    less_than = "<".encode(codec) if codec else b"<"
    if data.count(less_than) > limits.max_tags:
        raise UnreadableFiling("too_many_tags", limit=limits.max_tags)


def _refuse_long_values(root: etree._Element, limits: ReadLimits) -> None:
    """Refuse a text value or attribute value longer than ``max_value`` characters (found
    in C); libxml2 merges the text a value is written in, entity references included."""
    for probe in _long_value_probes(limits.max_value):
        found = probe(root)
        if found:
            node = found[0]
            owner = node.getparent() if isinstance(node, str) else node
            raise _too_long(limits, owner.sourceline if owner is not None else None)


@cache
def _long_value_probes(limit: int) -> tuple[etree.XPath, etree.XPath]:
    return (
        etree.XPath(f"(//text()[string-length(.) > {limit}])[1]"),
        etree.XPath(f"(//*[@*[string-length(.) > {limit}]])[1]"),
    )


class _NothingExternal(etree.Resolver):
    """Resolves every external DTD, entity or XInclude a document names to empty text, so the
    parser never opens a file or URL a filing points at."""

    def resolve(self, url, public_id, context):
        return self.resolve_string("", context)


_NOTHING_EXTERNAL = _NothingExternal()


# How every filing is parsed: nothing resolved, loaded or fetched; libxml2's own limits kept
# (huge_tree=False: 256 levels, 10,000,000 bytes in one text node or attribute value).
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "collect_ids": False,
    "remove_pis": True,
    # a comment inside a value (<SchoolId>12<!-- -->AB</SchoolId>) must not split it
    "remove_comments": True,
}


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep state and are not safe to share across
    # threads; creating one costs a few microseconds.
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    parser.resolvers.add(_NOTHING_EXTERNAL)
    return parser


def iterparse_again(data: bytes, events: tuple[str, ...], tag: tuple[str, ...]) -> etree.iterparse:
    """Parse ``data`` once more, with the same options, as (event, item) pairs: for the rare
    reading that needs what a tree does not keep (where each namespace is declared). Only
    for bytes ``load_xml`` accepted, so the same checks hold for the tree it builds.

    A UTF-16 or UTF-32 document is read in the encoding its first bytes show, named to the
    parser: ``fromstring`` finds UTF-32 after a byte-order mark by itself, but the feed
    parser behind ``iterparse`` does not ("Start tag expected" on a document it had just
    parsed)."""
    codec = wide_codec(data)
    encoding = codec.upper().replace("-LE", "LE").replace("-BE", "BE") if codec else None
    return etree.iterparse(
        io.BytesIO(data), events=events, tag=tag, encoding=encoding, **_PARSER_OPTIONS
    )


def wide_codec(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec the parser reads ``data`` in, judged by how it starts; None
    for the ASCII-based encodings, the only other kind a filing gets past the prolog scan in."""
    return next((codec for start, codec in _WIDE_STARTS if data.startswith(start)), None)


def _refuse_unsafe_prolog(data: bytes) -> None:
    """Refuse any markup declaration (<!DOCTYPE, <!ENTITY ...) before the root element,
    reading the prolog as the parser will."""
    codec = wide_codec(data)
    if codec is not None:
        try:
            text = data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise UnreadableFiling("not_xml", detail=f"invalid {codec[:6].upper()}") from None
        _scan_prolog(text, "<", "<?", "?>", "<!--", "-->", "<!")
        return
    data = data.removeprefix(_BOM_UTF8)
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("latin-1") if declared else "UTF-8"
    if not _ascii_based(encoding):
        # most often a UTF-16 file saved again as UTF-8 with its old declaration
        kind = "encoding_switch" if _wide(encoding) else "unsafe_encoding"
        raise UnreadableFiling(kind, 1, encoding=encoding)
    _scan_prolog(data, b"<", b"<?", b"?>", b"<!--", b"-->", b"<!")


def _wide(encoding: str) -> bool:
    """True for a name of UTF-16 or UTF-32, whose markup is not written in ASCII bytes."""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except (LookupError, ValueError):
        return False


def _ascii_based(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):
        return False
    return _ASCII_BASED.match(name) is not None


def _scan_prolog(text, lt, pi_open, pi_close, comment_open, comment_close, decl_open) -> None:
    position = _SPACE[type(text)].match(text).end()
    if not text.startswith(lt, position):  # so no other encoding can hide markup from us
        line = text.count(b"\n" if isinstance(text, bytes) else "\n", 0, position) + 1
        raise UnreadableFiling("not_xml", line, detail=Phrase("xml.start_expected", {}))
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


def _refuse_unsafe_tree(
    root: etree._Element,
    limits: ReadLimits,
    root_namespaces: dict[str | None, str] | None,
    too_deep: etree._Element | None,
) -> None:
    """Refuse a document type, an XInclude element or a tree deeper than ``max_depth``.

    An element is in the XInclude namespace only where a declaration of that URI is in
    scope; when all declarations are on the root (``root_namespaces``, proven from the
    tree or the bytes) and none of them is XInclude's, no element can be, and the search
    of the whole tree is skipped (10 of the 40 microseconds it costs a filing). The URI is
    compared as the parser read it, so a declaration that spells it with character
    references is still seen."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # belt and braces
        raise UnreadableFiling("unsafe_doctype")
    if root_namespaces is None or XINCLUDE_NS in root_namespaces.values():
        for element in root.iter(f"{{{XINCLUDE_NS}}}*"):
            raise UnreadableFiling("unsafe_xinclude", element.sourceline)
    if too_deep is not None:
        raise UnreadableFiling("too_deep", too_deep.sourceline, limit=limits.max_depth)


_depth_probes: dict[int, etree.XPath] = {}


def _deeper_than(depth: int) -> etree.XPath:
    """An XPath, evaluated in C, that finds the first element below ``depth`` levels (none
    in a filing), so the reason can name its line."""
    probe = _depth_probes.get(depth)
    if probe is None:
        probe = etree.XPath("(" + "/*" * (depth + 1) + ")[1]")
        _depth_probes[depth] = probe
    return probe


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).strip()
    # libxml2 appends ", line N, column M"; the line is reported separately.
    head, _, _ = message.partition(", line ")
    return (head or message).strip()  # some messages end in a newline before the tail


def _line(error: etree.XMLSyntaxError) -> int | None:
    position = getattr(error, "position", None)
    if position and position[0]:
        return position[0]
    return getattr(error, "lineno", None) or None
