"""A library's English reasons, recognised by their wording, as phrases of the word table.

Why: libxml2, tomllib and PyYAML explain a file they cannot parse in their own English and
their own terms ("expected <block end>, but found '<block mapping start>'"). The people who
wrote the file (a filing, a config file, a waivers file) read Dutch by default, and need to
hear what to change. Each module that meets such a library keeps a table of the library's
wordings and the phrase (``words.py``) each becomes; this is the one way those tables are
matched. A message no pattern knows (another version of the library may word one
differently) is passed on as the library wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import NamedTuple

from compliance.words import say


class Phrase(NamedTuple):
    """A phrase of the word table (``key``) with the values it names, to be worded in the
    reader's language when it is said; a value may be a phrase itself."""

    key: str
    values: dict[str, object]

    def say(self, lang: str) -> str:
        return say(
            self.key, lang, **{name: said(value, lang) for name, value in self.values.items()}
        )


def said(reason: object, lang: str) -> object:
    """``reason`` in ``lang``: a phrase worded; a library's own message, or any other value,
    as it is."""
    return reason.say(lang) if isinstance(reason, Phrase) else reason


class Wordings:
    """(pattern, key) pairs, first match wins; a pattern matches a whole message. Groups
    named in ``numbers`` become ints; groups that did not take part are left out."""

    def __init__(self, table: Iterable[tuple[str, str]], numbers: Iterable[str] = ()) -> None:
        self._table = tuple(table)
        self._numbers = frozenset(numbers)

    @property
    def keys(self) -> set[str]:
        return {key for _, key in self._table}

    @cached_property
    def _compiled(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """Compiled on first use, when a file is not readable: at import, the tables would
        cost every start a millisecond or more."""
        return tuple((re.compile(pattern + r"\Z", re.DOTALL), key) for pattern, key in self._table)

    def explain(self, message: str) -> Phrase | str:
        """``message`` as the phrase of its wording, or as it is when no wording matches."""
        for pattern, key in self._compiled:
            found = pattern.match(message)
            if found:
                values = {
                    name: int(value) if name in self._numbers else value
                    for name, value in found.groupdict().items()
                    if value is not None
                }
                return Phrase(key, values)
        return message
