"""The one way a filing can fail to be read."""

from __future__ import annotations

from compliance.wordings import Phrase, said
from compliance.words import say


class UnreadableFiling(Exception):
    """A filing that cannot be judged at all: not XML, not an XBRL instance, unsafe, too large.

    ``describe`` gives one line for the person who sent the file, in Dutch or English; the
    caller adds the file name, so a batch can report it next to every other result. ``kind``
    names its wording in compliance/words.py (``read.<kind>``).
    """

    def __init__(self, kind: str, line: int | None = None, **details: object) -> None:
        self.kind = kind
        self.line = line
        self.details = {key: _one_line(value) for key, value in details.items()}
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "en") -> str:
        details = {key: said(value, lang) for key, value in self.details.items()}
        reason = say(f"read.{self.kind}", lang, **details)
        if self.line:
            return say("read.at_line", lang, line=self.line, reason=reason)
        return reason


def _one_line(value: object) -> object:
    """Details on one line; numbers stay numbers, so each language groups them its way, and
    a phrase or a system error stays one, to be worded in the reader's language."""
    if isinstance(value, OSError):
        return value
    if isinstance(value, Phrase):
        return Phrase(value.key, {key: _one_line(part) for key, part in value.values.items()})
    if isinstance(value, int):
        return value
    return " ".join(str(value).split())
