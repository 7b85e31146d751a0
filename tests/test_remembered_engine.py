"""The remembered engine (``engine/remembered.py``) gives the matches of the engine it
wraps, whatever it has seen before, and asks that engine only about fact contents it has
not judged: findings cannot depend on which filings came first in a batch."""

from __future__ import annotations

import pytest
from conftest import DURABLE_AVAILABLE
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engines import _all_books, _fact_strategy

from compliance.engine import make_engine, remembered
from compliance.engine.python_engine import PythonEngine
from compliance.engine.remembered import Remembered


def _filing(data, books, catalogue) -> list:
    """One filing's work: a few books, each with a few facts, some of them alike."""
    work = []
    ref = 0
    for book in data.draw(st.lists(st.sampled_from(books), min_size=1, max_size=3, unique_by=id)):
        facts = []
        for kind_name in data.draw(st.lists(st.sampled_from(book.kinds), min_size=1, max_size=4)):
            kind = catalogue.kinds[kind_name]
            fact = data.draw(_fact_strategy([kind]))
            fact.update(kind=kind.engine_kind, ref=ref)  # kind and ref last, not first
            facts.append(fact)
            ref += 1
            if data.draw(st.booleans()):  # the same content again, as an NPO plan's lines
                facts.append({**fact, "ref": ref})
                ref += 1
        work.append((book, facts))
    return work


ENGINES = ["python", "durable"] if DURABLE_AVAILABLE else ["python"]


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_it_finds_what_its_engine_finds_whatever_it_has_seen(data, catalogue, engine):
    books = [book for book in _all_books(catalogue) if book.rules]
    kept = data.draw(st.sampled_from([2, 5, 10_000]))  # small: memory starts again
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(remembered, "CONTENTS_KEPT", kept)
        judge = Remembered(make_engine(engine))
        for _ in range(data.draw(st.integers(1, 4))):
            work = _filing(data, books, catalogue)
            expected = PythonEngine().run(
                [(book, [dict(f) for f in facts]) for book, facts in work]
            )
            assert sorted(judge.run(work)) == sorted(expected)


class _Asked:
    """An engine that records what it is asked and answers as the python engine."""

    name = "asked"
    remembered = True

    def __init__(self) -> None:
        self.asked: list[int] = []
        self._engine = PythonEngine()

    def run(self, work):
        self.asked += [fact["ref"] for _, facts in work for fact in facts]
        return self._engine.run(work)


def test_only_contents_it_has_not_judged_are_asked_about(catalogue):
    book = next(book for book in _all_books(catalogue) if "wdm_plan" in book.kinds)
    # funds received above 0 (rank 2 on the book's scale of one mark), consultation not held
    held = {"kind": "plan", "ref": 0, "wdm_funds_received": 2, "wdm_team_consultation_held": False}
    alike = {**held, "ref": 1}
    engine = _Asked()
    judge = Remembered(engine)
    first = judge.run([(book, [held, alike])])
    assert engine.asked == [0]  # the second fact has the first one's content
    assert sorted(rule for rule, _ in first if rule == "WDM-001") == ["WDM-001", "WDM-001"]
    engine.asked.clear()
    again = judge.run(
        [(book, [{**held, "ref": 7}, {**held, "ref": 8, "wdm_team_consultation_held": True}])]
    )
    assert engine.asked == [8]  # a later filing: only the new content
    assert ("WDM-001", 7) in again and ("WDM-001", 8) not in again
