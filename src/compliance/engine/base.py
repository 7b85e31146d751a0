"""What every engine takes and gives."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from compliance.rules.books import Book, Library
from compliance.wordings import Phrase


class Match(NamedTuple):
    """Rule ``rule`` fired on the fact whose ``ref`` field is ``ref``."""

    rule: str
    ref: int


class EngineError(RuntimeError):
    """The engine could not judge a filing (or cannot run at all). One the user can act on
    has a phrase of the word table, said in their language by ``describe``; the others are
    internal failures, in English."""

    def __init__(self, message: str, phrase: Phrase | None = None) -> None:
        super().__init__(message)
        self.phrase = phrase

    def describe(self, lang: str) -> str:
        return self.phrase.say(lang) if self.phrase is not None else str(self)


class Engine(Protocol):
    name: str
    # whether its verdict on a fact content is worth keeping (``engine.remembered``): it
    # costs more to ask than to look the content up
    remembered: bool

    def vet(self, library: Library) -> None:
        """Raise EngineError (with ``describe(lang)``) for a rule it cannot judge, before
        any filing is: a rule file is the user's input like a filing."""
        ...

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        """Judge one filing: per book, the facts prepared for it. Facts carry ``kind``,
        ``ref`` and their fields; every fact is one plan or one line, never a join."""
        ...
