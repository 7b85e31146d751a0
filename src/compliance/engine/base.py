"""What every engine takes and gives."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from compliance.rules.books import Book, Library


class Match(NamedTuple):
    """Rule ``rule`` fired on the fact whose ``ref`` field is ``ref``."""

    rule: str
    ref: int


class EngineError(RuntimeError):
    """The engine could not judge a filing (or cannot run at all)."""


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
