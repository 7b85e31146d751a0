"""How a result names its file when the name is not valid UTF-8, and how a line of text
names it when the name holds a newline.

On Linux a file name is bytes; Python hands a name that is not valid UTF-8 over with each
undecodable byte as a lone surrogate (PEP 383), which no UTF-8 output can hold: written as
it is, it crashes the writer, and written raw it makes the JSON or CSV invalid UTF-8. So a
result shows such a name with each byte that is not UTF-8 as ``\\xNN`` (Python's
``backslashreplace``), e.g. ``bad\\xffname.xbrl``: every output stays valid UTF-8, the name
stays readable, and the same file gets the same shown name on every run (``--resume`` keys
on it). A name that is valid UTF-8 is shown unchanged.

A name may also hold a newline or another control character, which a line on a terminal or
in a log cannot: there (and only there) such characters are written as Python escapes
(``one_line``), so that a reason stays one line naming its file. JSON keeps the name as it
is, escaping such characters itself.
"""

from __future__ import annotations

import os
import unicodedata


def shown_name(name: str) -> str:
    """``name`` as outputs show it: valid UTF-8, with undecodable bytes as ``\\xNN``."""
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that stands for no byte: escape it as text
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def one_line(name: str) -> str:
    """``name`` for one line of text: control and format characters (a newline, a tab, a
    right-to-left override) as Python escapes (``\\n``, ``\\u202e``), all else as it is."""
    if name.isprintable():
        return name
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char)[0] == "C" else char for char in name
    )
