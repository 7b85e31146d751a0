"""tomllib's reasons why a config file is not valid TOML, in words its writer can act on.

tomllib says what its grammar missed ("Invalid value" for ``format = json``, "Unescaped
'\\' in a string" for a Windows path in double quotes); the reviewer or finance clerk who
keeps ``compliance.toml`` needs to hear what to write instead, in Dutch by default. Each
message the mistakes of a hand-edited file give (found by damaging a config file some
40,000 ways: cut off, a character dropped, a quote, bracket, tab or control character
added, a line repeated or indented) becomes a phrase of the word table (``toml.*``, and
``file.*`` where a waivers file's mistake is the same), as does its "(at line 3, column
9)". A message not known here is passed on as tomllib wrote it. Imported only when a config
file fails to parse.
"""

from __future__ import annotations

import ast
import re
import tomllib

from compliance.wordings import Phrase, Wordings
from compliance.words import say

# (tomllib's wording, without its position; the phrase it becomes): first match wins.
_TOML = Wordings(
    (
        # a one-line text runs into the end of its line ('...' says it in other words)
        (r"Illegal character '\\n'", "file.quote_open"),
        (r"Found invalid character '\\n'", "file.quote_open"),
        (r"Unterminated string", "file.quote_open"),
        (r"Expected (?:\"'\"|\"'''\"|'\"\"\"')", "file.quote_open"),
        (r"Illegal character (?P<char>'.*')", "file.control_character"),
        (r"Found invalid character (?P<char>'.*')", "file.control_character"),
        (r"Expected '=' after a key in a key/value pair", "toml.equals_expected"),
        (r"Cannot overwrite a value", "toml.key_twice"),
        (r"Cannot declare \((?P<table>.*)\) twice", "toml.table_twice"),
        (r"Expected newline or end of document after a statement", "toml.line_continues"),
        (r"Invalid value", "toml.invalid_value"),
        (r"Expected '\]' at the end of a table declaration", "toml.table_unclosed"),
        (r"Expected '\]\]' at the end of an array declaration", "toml.table_array_unclosed"),
        (r"Unclosed array", "file.list_unclosed"),
        (r"Unclosed inline table", "toml.inline_table_unclosed"),
        (r"Invalid statement", "toml.invalid_statement"),
        (r"Invalid initial character for a key part", "toml.key_start"),
        # "C:\duo" (\d), "C:\users" (\u, then no hex digits)
        (r"Unescaped '\\' in a string", "file.backslash"),
        (r"Invalid hex value", "file.backslash"),
        (r"Escaped character is not a Unicode scalar value", "file.backslash"),
        (r"Invalid date or datetime", "toml.invalid_date"),
    )
)
_POSITION = re.compile(
    r"(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)\Z",
    re.DOTALL,
)


def describe(path: object, error: tomllib.TOMLDecodeError, lang: str) -> str:
    """One line naming the file, where in it, and what to write there, in ``lang``."""
    found = _POSITION.match(str(error))
    if found is None:  # another Python's tomllib: its words as they are
        return say("cli.config_unreadable", lang, path=path, detail=error)
    reason = _table_named(_TOML.explain(found["message"]))
    if found["line"]:  # as strings: a line number is not grouped like an amount
        where = Phrase("toml.at", {"line": found["line"], "column": found["column"]})
    else:
        where = Phrase("toml.at_end", {})
    return Phrase("cli.config_not_toml", {"path": path, "where": where, "reason": reason}).say(lang)


def _table_named(reason: Phrase | str) -> Phrase | str:
    """A table tomllib names as the tuple of its keys, ``('batch',)``, as written: batch."""
    if not isinstance(reason, Phrase) or "table" not in reason.values:
        return reason
    try:
        keys = ast.literal_eval(f"({reason.values['table']})")
    except (SyntaxError, ValueError):
        return reason
    return Phrase(reason.key, {"table": ".".join(map(str, keys))})
