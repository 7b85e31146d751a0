"""PyYAML's reasons why a YAML file is not valid, in words the person who typed it can act on.

PyYAML names its grammar's tokens ("expected <block end>, but found '<block mapping
start>'" for a key indented one space too far); a reviewer who typed the file needs to
hear that the indentation is off, and where. Each message the mistakes of a hand-typed
waivers file give (found by damaging one some 40,000 ways: cut off, a character dropped, a
quote, colon, dash, bracket, tab or control character added, a line repeated or indented
otherwise) becomes a phrase of the word table (``yaml.*``, and ``file.*`` where TOML's
mistake is the same). A message not known here is passed on as PyYAML wrote it. Matched
against PyYAML's pure-Python parser, which reads a file again when libyaml refused it
(``reparsed_problem``: a rule file, a menukaart, a waivers file). Imported only when a file
fails to parse.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from compliance.wordings import Phrase, Wordings

# (PyYAML's "context / problem", or its problem alone; the phrase it becomes)
_YAML = Wordings(
    (
        (r"while parsing a block (?:mapping|collection) / expected <block end>, but found .*",
         "yaml.indentation"),
        (r"while scanning a simple key / could not find expected ':'", "yaml.colon_missing"),
        (r"while scanning for the next token / found character '\\t' that cannot start any"
         r" token", "yaml.tab"),
        (r"while scanning for the next token / found character .* that cannot start any token",
         "yaml.special_start"),
        (r"while scanning an? (?:anchor|alias|directive|tag) / expected .*, but found .*",
         "yaml.special_start"),
        (r"while parsing a tag / expected URI, but found .*", "yaml.special_start"),
        (r"found undefined alias .*", "yaml.special_start"),
        (r"mapping keys are not allowed here", "yaml.special_start"),
        (r"while scanning a quoted scalar / found unexpected end of stream", "file.quote_open"),
        (r"mapping values are not allowed here", "yaml.colon_in_value"),
        (r"sequence entries are not allowed here", "yaml.dash_in_value"),
        (r"expected '<document start>', but found .*", "yaml.after_document"),
        (r"expected a single document in the stream / but found another document",
         "yaml.two_documents"),
        (r"could not determine a constructor for the tag .*", "yaml.special_start"),
        (r"while constructing a mapping / found unhashable key", "yaml.complex_key"),
        (r"unacceptable character #x(?P<code>[0-9a-fA-F]+): special characters are not"
         r" allowed", "file.control_character"),
        (r"while parsing a flow node / expected the node content, but found '<stream end>'",
         "yaml.flow_unclosed"),
        (r"while parsing a flow node / expected the node content, but found .*",
         "yaml.flow_gap"),
        (r"while parsing a flow sequence / expected ',' or '\]', but got .*",
         "file.list_unclosed"),
        (r"while parsing a flow mapping / expected ',' or '\}', but got .*",
         "yaml.mapping_unclosed"),
        (r"while scanning a block scalar / expected .*, but found .*", "yaml.block_text"),
        (r"while parsing a block node / expected the node content, but found"
         r" (?P<found>'[^<].*')", "yaml.value_start"),
        (r"while scanning a double-quoted scalar / expected escape sequence of .*",
         "file.backslash"),
        (r"while scanning a double-quoted scalar / found unknown escape character .*",
         "file.backslash"),
    )
)  # fmt: skip

# Phrases about something opened and never closed or finished: said of the line it was
# opened on (PyYAML's context mark), not of where PyYAML gave up, often lines further on.
_SAID_WHERE_OPENED = frozenset(
    {"yaml.colon_missing", "file.quote_open", "file.list_unclosed", "yaml.mapping_unclosed"}
)


def explain(error: yaml.YAMLError, text: str) -> tuple[int | None, Phrase | str]:
    """The line of ``text`` the reason is about (None if PyYAML names none), and the reason."""
    what = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if what is None:  # a ReaderError: a character YAML refuses, at a character offset
        message = str(error).split("\n", 1)[0]
        position = getattr(error, "position", None)
        line = None if position is None else text.count("\n", 0, position) + 1
    else:
        message = f"{context} / {what}" if context else what
        line = _line(error, "problem_mark")
    reason = _YAML.explain(" ".join(message.split()))
    if not isinstance(reason, Phrase):
        return line, " ".join(str(what or message).split())
    if reason.key in _SAID_WHERE_OPENED:
        line = _line(error, "context_mark") or line
    if "code" in reason.values:
        reason = Phrase(reason.key, {"char": repr(chr(int(str(reason.values["code"]), 16)))})
    return line, reason


def problem(path: object, error: yaml.YAMLError, text: str) -> Phrase:
    """The whole reason, naming the file and the line (where PyYAML names one)."""
    line, reason = explain(error, text)
    if line is None:
        return Phrase("yaml.syntax_anywhere", {"path": path, "detail": reason})
    # the line as a string: a line number is not grouped like an amount
    return Phrase("yaml.syntax", {"path": path, "line": str(line), "detail": reason})


def reparsed_problem(
    path: object, text: str, error: yaml.YAMLError, parse: Callable[[str], object]
) -> Phrase:
    """The reason for ``text``, which libyaml refused with ``error``, as PyYAML's own
    pure-Python ``parse`` gives it (the words above are PyYAML's, libyaml words its errors
    otherwise); libyaml's error where that parser takes the text, and too deep where it
    recurses past Python's limit (libyaml stops at a depth of its own)."""
    try:
        parse(text)
    except yaml.YAMLError as python_error:
        error = python_error
    except RecursionError:
        return Phrase("file.too_deep", {"path": path})
    return problem(path, error, text)


def _line(error: yaml.YAMLError, mark: str) -> int | None:
    found = getattr(error, mark, None)
    return None if found is None else found.line + 1
