"""Rewrite a filing's text into another spelling of the same XBRL instance, and compare results.

The samples and the instance writer put one context, unit or fact on a line and use the
prefixes of filing-format.md; each function here turns such a text into a variant a reader
must accept (other prefixes, a default namespace, comments, other orders, other encodings).
"""

from __future__ import annotations

import re

XBRLI = "http://www.xbrl.org/2003/instance"
TAXONOMY = "urn:bestedingsplannen:taxonomie:2024"

# Where a prefix can stand: in a tag, in an attribute name, or at the start of a QName value
# (dimension="bp:SchoolAxis", <xbrli:measure>iso4217:EUR</xbrli:measure>).
_PREFIXED = r"(?<=[<\s\"/>]){prefix}:(?=[A-Za-z_])"


def rename_prefix(text: str, old: str, new: str) -> str:
    """Bind namespace ``old`` to prefix ``new`` instead, everywhere it is used."""
    text = text.replace(f"xmlns:{old}=", f"xmlns:{new}=")
    return re.sub(_PREFIXED.format(prefix=re.escape(old)), f"{new}:", text)


def default_namespace(text: str, prefix: str) -> str:
    """Make the namespace bound to ``prefix`` the default namespace, written unprefixed."""
    assert not re.search(r"\sxmlns=", text), "the text already has a default namespace"
    text = text.replace(f"xmlns:{prefix}=", "xmlns=")
    return re.sub(_PREFIXED.format(prefix=re.escape(prefix)), "", text)


def members_with_local_prefix(text: str) -> str:
    """Declare the taxonomy prefix of each dimension only on its typedMember element, while
    the root binds that prefix to a decoy namespace."""
    text = text.replace("<xbrli:xbrl ", '<xbrli:xbrl xmlns:dim="urn:decoy" ', 1)
    text = text.replace(
        '<xbrldi:typedMember dimension="bp:',
        f'<xbrldi:typedMember xmlns:dim="{TAXONOMY}" dimension="dim:',
    )
    return re.sub(r"(</?)bp:(SchoolId|InterventionLine)>", r"\1dim:\2>", text)


def contexts_with_own_declarations(text: str) -> str:
    """Declare the taxonomy and xbrldi prefixes again, to the same namespaces, on every
    context: the same meaning, but namespaces no longer declared on the root alone."""
    return text.replace(
        "<xbrli:context ",
        f'<xbrli:context xmlns:bp="{TAXONOMY}" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" ',
    )


_SIMPLE_VALUE = re.compile(r">([^<>]*[^<>\s][^<>]*)</")


def split_values(text: str, insert: str) -> str:
    """Put ``insert`` (a comment or a processing instruction) in the middle of every simple
    value: facts, identifiers, dates, members, measures."""

    def split(match: re.Match[str]) -> str:
        value = match.group(1)
        middle = len(value) // 2
        return f">{value[:middle]}{insert}{value[middle:]}</"

    return _SIMPLE_VALUE.sub(split, text)


def between_elements(text: str, insert: str) -> str:
    """Put ``insert`` between every two elements (without adding lines)."""
    return re.sub(r">(\s*)<", lambda m: f">{m.group(1)}{insert}<", text)


def pad_values(text: str) -> str:
    """Surround every simple value with white space on the same line."""
    return _SIMPLE_VALUE.sub(lambda m: f">\t {m.group(1)}  </", text)


def _is_definition(line: str) -> bool:
    return line.lstrip().startswith(("<xbrli:context", "<xbrli:unit"))


def _is_fact(line: str) -> bool:
    return line.lstrip().startswith("<bp:")


def definitions_last(text: str) -> str:
    """Move every context and unit after the facts that use them."""
    lines = text.splitlines(keepends=True)
    definitions = [line for line in lines if _is_definition(line)]
    rest = [line for line in lines if not _is_definition(line)]
    closing = rest.pop()
    assert closing.strip() == "</xbrli:xbrl>"
    return "".join([*rest, *definitions, closing])


def facts_reversed(text: str) -> str:
    """The same facts, last first."""
    lines = text.splitlines(keepends=True)
    places = [index for index, line in enumerate(lines) if _is_fact(line)]
    for index, line in zip(places, reversed([lines[i] for i in places]), strict=True):
        lines[index] = line
    return "".join(lines)


def encoded(text: str, codec: str, bom: bool) -> bytes:
    """The text in ``codec`` (a Python codec name that XML knows too), its XML declaration
    saying so, with or without a byte-order mark."""
    names = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}
    name = {**names, "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}.get(codec, codec)
    text = text.replace('encoding="UTF-8"', f'encoding="{name}"', 1)
    return (("\ufeff" if bom else "") + text).encode(codec)


def comparable(result_object: dict) -> dict:
    """A JSON result without what depends on the bytes rather than the content."""
    return {k: v for k, v in result_object.items() if k not in ("file", "sha256")}


def without_positions(result_object: dict) -> dict:
    """A JSON result without file, digest, messages and source lines, with the facts of each
    finding as a set: what must not change when contexts, units or facts move."""
    findings = sorted(
        (
            finding["rule"],
            finding["severity"],
            finding["school"] or "",
            finding["school_year"] or "",
            finding["line"] or 0,
            tuple(
                sorted(
                    (f["concept"], f["context"] or "", f["value"] or "") for f in finding["facts"]
                )
            ),
        )
        for finding in result_object["findings"]
    )
    kept = comparable(result_object)
    kept["findings"] = findings
    return kept
