"""libxml2's reasons why a file is not well-formed XML, in words a filer can act on.

libxml2 explains in English, in its own terms ("xmlParseEntityRef: no name" for a lone
``&`` in a board's name, "expected '>'"). The school boards who check a filing before they
send it read Dutch. Each message libxml2 gives for the mistakes a hand-edited or cut-off file
makes (found by damaging the samples a few thousand ways: truncated, a byte dropped, an ``&``
or ``<`` added) is recognised here by its wording and becomes a phrase of the word table
(``xml.*`` in compliance/words.py) with what it names (tags, attributes, the line a tag was
opened on). The English phrases keep libxml2's wording, so English reasons read as before
(less the bit of text libxml2 quotes after an unfinished comment or CDATA section).
A message not recognised (another libxml2 version may word one differently) is passed on as
libxml2 wrote it, as before.
"""

from __future__ import annotations

from compliance.wordings import Phrase, Wordings

# (libxml2's wording, the phrase it becomes): first match wins. Groups named ``at`` (a line)
# and ``code`` (a character's number) are numbers; the others are names as written.
_WORDINGS: tuple[tuple[str, str], ...] = (
    (r"expected '>'", "xml.gt_required"),
    (r"Couldn't find end of Start Tag (?P<tag>\S+) line (?P<at>\d+)", "xml.start_unfinished"),
    (r"error parsing attribute name", "xml.attribute_name"),
    (r"attributes construct error", "xml.attributes"),
    (r"Unescaped '<' not allowed in attributes values", "xml.lt_in_attribute"),
    (r"xmlParseEntityRef: no name", "xml.lone_ampersand"),
    (r"EntityRef: expecting ';'", "xml.entity_semicolon"),
    (r"StartTag: invalid element name", "xml.element_name"),
    (r"Failed to parse QName '(?P<name>[^']*)'", "xml.qname"),
    (r"AttValue: \" or ' expected", "xml.attribute_quote"),
    (r"AttValue: ' expected", "xml.attribute_unclosed"),  # whichever quote it opened with
    (r"Specification mandates value for attribute (?P<name>\S+)", "xml.attribute_value"),
    (r"Attribute (?P<name>\S+) redefined", "xml.attribute_twice"),
    (
        r"Opening and ending tag mismatch: (?P<opened>\S+) line (?P<at>\d+)"
        r" and (?P<closed>\S+)",
        "xml.tag_mismatch",
    ),
    (r"Premature end of data in tag (?P<tag>\S+) line (?P<at>\d+)", "xml.premature_end"),
    (r"Extra content at the end of the document", "xml.extra_content"),
    (r"Start tag expected, '<' not found", "xml.start_expected"),
    (r"Entity '(?P<name>[^']*)' not defined", "xml.entity_undefined"),
    (r"PCDATA invalid Char value (?P<code>\d+)", "xml.invalid_char"),
    (r"xmlParseCharRef: invalid xmlChar value (?P<code>\d+)", "xml.invalid_reference"),
    (r"Invalid bytes in character encoding", "xml.invalid_bytes"),
    (
        r"Namespace prefix (?P<prefix>\S+) on (?P<element>\S+) is not defined",
        "xml.prefix_undefined",
    ),
    (r"xmlns:(?P<prefix>\S+): '(?P<uri>.*)' is not a valid URI", "xml.namespace_uri"),
    (r"Invalid character: Char (?P<char>0x[0-9A-Fa-f]+) out of allowed range",
     "xml.char_out_of_range"),
    (r"invalid character in attribute value", "xml.invalid_char_in_attribute"),
    (r"xmlParseCharRef: character reference out of bounds", "xml.reference_out_of_bounds"),
    (r"XML declaration allowed only at the start of the document", "xml.declaration_late"),
    (r"Sequence '\]\]>' not allowed in content", "xml.cdata_end_in_text"),
    (r"xmlParsePI : no target name", "xml.pi_without_name"),
    (
        r"Namespace prefix (?P<prefix>\S+) for (?P<attribute>\S+) on (?P<element>\S+)"
        r" is not defined",
        "xml.attribute_prefix_undefined",
    ),
    (r"Comment not terminated.*", "xml.comment_open"),
    (r"CData section not finished.*", "xml.cdata_open"),
    # a damaged XML declaration: libxml2 says these of nothing else a filing may hold (its
    # text declarations and DTD literals are never read: a DOCTYPE is refused before)
    (r"String not started expecting ' or \"", "xml.declaration_quote"),
    (r"String not closed expecting \" or '", "xml.declaration_value_open"),
    (r"Malformed declaration expecting version", "xml.declaration_version"),
    (r"parsing XML declaration: '\?>' expected", "xml.declaration_open"),
    (r"Blank needed here", "xml.declaration_blank"),
    (r"expected '='", "xml.declaration_equals"),
    (r"standalone accepts only 'yes' or 'no'", "xml.declaration_standalone"),
    (r"CharRef: invalid decimal value", "xml.decimal_reference"),
    (r"CharRef: invalid hexadecimal value", "xml.hexadecimal_reference"),
    (r"ParsePI: PI (?P<name>\S+) space expected", "xml.pi_space"),
    (r"ParsePI: PI (?P<name>\S+) never end \.\.\.", "xml.pi_open"),
    (r"colons are forbidden from PI names '(?P<name>[^']*)'", "xml.pi_colon"),
    (r"xmlns:(?P<prefix>\S+): Empty XML namespace is not allowed", "xml.namespace_empty"),
    (r"Unsupported encoding: (?P<encoding>.*)", "xml.encoding_unknown"),
)  # fmt: skip

_XML = Wordings(_WORDINGS, numbers=("at", "code"))


def explain(message: str) -> Phrase | str:
    """libxml2's ``message`` (without its ", line N, column M" tail) as a phrase of the word
    table, or as it is when it is not one libxml2 is known to give."""
    return _XML.explain(message)
