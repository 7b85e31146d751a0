"""Every problem the generator can plant, by level and slot (see ``base``)."""

from __future__ import annotations

from tools.generate.problems import npo, process, structure, workload
from tools.generate.problems.base import Level, Problem

PROBLEMS: tuple[Problem, ...] = (
    *structure.PROBLEMS,
    *workload.PROBLEMS,
    *process.PROBLEMS,
    *npo.PROBLEMS,
)


def slots(problems: tuple[Problem, ...], level: Level) -> list[str]:
    """The slots of a level, in a fixed order (the order problems are planted in)."""
    return list(dict.fromkeys(problem.slot for problem in problems if problem.level == level))


def plantable_rules() -> frozenset[str]:
    """The rules a hand-written problem is planted for."""
    return frozenset(problem.rule for problem in PROBLEMS)


__all__ = ["PROBLEMS", "Problem", "plantable_rules", "slots"]
