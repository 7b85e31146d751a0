"""What a planted problem is: the rule it is planted for, the slot it takes, when it can be
planted, and how; planting it records the findings it must cause.

Slots keep problems from interfering: a board takes at most one board problem, a school at
most one whole-school problem (which then takes the school), and a school year at most one
problem per scheme plus one on the school's own facts (``SCHOOL_FACTS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tools.generate.draft import Workbench, YearDraft
from tools.generate.values import describe, not_true, set_fact

Level = Literal["board", "school", "year"]
SCHOOL_FACTS = "school"  # the slot of facts no rule reads (PupilCount, misspelt concepts)


@dataclass(frozen=True)
class Problem:
    rule: str  # the rule it is planted for (also what --rule selects)
    name: str  # a few words for the ground truth's why
    level: Level  # what it is planted on: a BoardDraft, SchoolDraft or YearDraft
    slot: str  # a scheme id, SCHOOL_FACTS, or the level itself for board and school
    applies: Callable[[Workbench, object], bool]
    plant: Callable[[Workbench, object], None]
    hand: bool = True  # written for the rule by hand (else taken from its cases)
    touches: frozenset[str] | None = None  # the concepts it changes; None: it may change any


def always(bench: Workbench, target: object) -> bool:
    return True


def answer_problem(rule: str, name: str, slot: str, applies, concept: str, what: str) -> Problem:
    """A problem that makes one yes/no answer "not true"; it touches that answer only."""
    plant = answer_not_true(rule, concept, what)
    return Problem(rule, name, "year", slot, applies, plant, touches=frozenset({concept}))


def answer_not_true(rule: str, concept: str, what: str) -> Callable[[Workbench, YearDraft], None]:
    """A plant that makes a yes/no answer "not true" (false, 0, nil or not reported)."""

    def plant(bench: Workbench, draft: YearDraft) -> None:
        value = not_true(bench.rng)
        set_fact(draft.facts, concept, value)
        bench.expect_in(draft, rule, f"{what}: {describe(value)}")

    return plant
