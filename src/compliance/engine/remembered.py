"""An engine asked about each distinct fact content once per process.

Why this is exact: every pattern is over one fact, and a fact holds no number but its rank
on the book's scale (``rules.scale``), so which rules fire on a fact depends only on its
book and its fields, never on the filing or on other facts. And why it pays: with numbers
as ranks, facts look alike across filings; over the 2,000 boards of the benchmark corpus,
6% of the 88,000 engine facts had a content not seen before in the batch. The engine
behind (durable-rules or the python evaluator) still judges every content the first time
it is met, with every fence of its own, and a test holds both to the same findings.

Only for an engine whose ``remembered`` says so: durable-rules' assert costs more than
making the key (5% of a batch's CPU saved); the python evaluator's predicates cost less
(2% more with it).

At most ``CONTENTS_KEPT`` contents are kept (some 500 bytes each, the field names shared by
the facts of a kind; a worker's 1,000 corpus filings bring some 3,600), and when full the
memory starts again: a worker's memory stays flat over a batch of any size (52.9 MB at
1,000 filings, 56.6 MB at 10,000; with 8,192 kept 58.9 MB), and a server's bounded.
"""

from __future__ import annotations

from compliance.engine.base import Engine, Match
from compliance.rules.books import REF_FIELD, Book

CONTENTS_KEPT = 4_096

# (book name, the fact's field names, its values before and after the ref)
_Content = tuple[str, tuple[str, ...], tuple[object, ...], tuple[object, ...]]


class Remembered:
    """``engine``'s ``run``, asking it only about fact contents it has not judged before
    (the engine itself is vetted and named as it is: this only sits in front of its runs)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fired: dict[_Content, tuple[str, ...]] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per field set

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        """The matches on ``work``, as ``engine.run`` gives them (in another order)."""
        fired = self._fired
        matches: list[Match] = []
        asked: list[tuple[Book, list[dict]]] = []
        waiting: dict[_Content, list[int]] = {}  # a new content -> the refs of its facts
        for book, facts in work:
            first_of_each: list[dict] = []
            for fact in facts:
                key = _content(book, fact, self._names)
                rules = fired.get(key)
                if rules is not None:
                    ref = fact[REF_FIELD]
                    matches += [Match(rule, ref) for rule in rules]
                elif key in waiting:
                    waiting[key].append(fact[REF_FIELD])
                else:
                    waiting[key] = [fact[REF_FIELD]]
                    first_of_each.append(fact)
            if first_of_each:
                asked.append((book, first_of_each))
        if asked:
            matches += self._ask(asked, waiting)
        return matches

    def _ask(
        self, asked: list[tuple[Book, list[dict]]], waiting: dict[_Content, list[int]]
    ) -> list[Match]:
        """The engine's matches on the first fact of each new content, given to every fact
        with that content, and kept."""
        by_ref: dict[int, list[str]] = {}
        for match in self.engine.run(asked):
            by_ref.setdefault(match.ref, []).append(match.rule)
        if len(self._fired) + len(waiting) > CONTENTS_KEPT:
            self._fired.clear()
            self._names.clear()
        matches: list[Match] = []
        for key, refs in waiting.items():
            rules = tuple(by_ref.get(refs[0], ()))
            self._fired[key] = rules
            matches += [Match(rule, ref) for ref in refs for rule in rules]
        return matches


def _content(book: Book, fact: dict, names_seen: dict) -> _Content:
    """What the engine's verdict on ``fact`` depends on. A fact's field names and values in
    the order it was built in, its ref left out: facts of a kind are built in one field
    order, so equal facts give equal keys without a sort (two equal facts in another order
    would only be asked about twice, never misjudged). The names are the tuple kept for
    that field set in ``names_seen``, so kept keys share it."""
    values = tuple(fact.values())
    names = tuple(fact)
    names = names_seen.setdefault(names, names)
    ref = 1 if names[1] == REF_FIELD else names.index(REF_FIELD)  # 1: as judging builds them
    return book.name, names, values[:ref], values[ref + 1 :]
