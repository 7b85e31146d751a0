"""One generated board: a compliant baseline, then problems planted slot by slot, and the
ground truth those problems state.

Two random streams per board, both derived from (seed, board index): one draws the
compliant board, the other the problems. The same seed therefore gives the same boards at
any problem rate, and any board can be generated on its own (in any order, or in parallel).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from compliance.model.calendar import SchoolYear
from tools.generate.baseline import compliant_year
from tools.generate.draft import BoardDraft, SchoolDraft, Setting, Workbench
from tools.generate.problems import slots
from tools.generate.problems.base import Level, Problem
from tools.generate.truth import Truth

BOARD_NUMBERS = 100_000  # five digits
_STRIDE = 7919  # a prime: index → board number is one-to-one modulo BOARD_NUMBERS
_BRINS = 100 * 26 * 26


@dataclass(frozen=True)
class GeneratedBoard:
    index: int
    draft: BoardDraft
    truth: Truth

    @property
    def file_name(self) -> str:
        return filing_name(self.index)


def filing_name(index: int) -> str:
    return f"b{index:05d}.xbrl"


def generate_board(setting: Setting, index: int) -> GeneratedBoard:
    board = _compliant_board(setting, index)
    bench = Workbench(setting, random.Random(f"{setting.seed}/{index}/problems"), board)
    _plant_problems(bench)
    number = board.number if board.board_valid else None
    truth = Truth(filing_name(index), number, tuple(board.findings))
    return GeneratedBoard(index, board, truth)


# -- the compliant board ----------------------------------------------------------------------


def _compliant_board(setting: Setting, index: int) -> BoardDraft:
    rng = random.Random(f"{setting.seed}/{index}/board")
    profile = setting.profile
    number = f"{(index * _STRIDE + setting.seed) % BOARD_NUMBERS:05d}"
    if not setting.regime.catalogue.domain.board_pattern.match(number):
        raise ValueError(f"{number} is not a bestuursnummer")
    name = f"{rng.choice(profile.board_name_prefixes)} {rng.choice(profile.board_name_places)}"
    board = BoardDraft(number, name, _years(rng, setting))
    bench = Workbench(setting, rng, board)
    for brin in _brins(rng, setting, _school_count(rng, setting)):
        board.schools.append(_school(bench, brin))
    return board


def _years(rng: random.Random, setting: Setting) -> list[SchoolYear]:
    candidates = setting.regime.years()
    index = rng.randrange(len(candidates))
    if len(candidates) > 1 and rng.random() < setting.profile.two_years_share:
        index = min(index, len(candidates) - 2)
        return candidates[index : index + 2]
    return [candidates[index]]


def _school_count(rng: random.Random, setting: Setting) -> int:
    """One school for about half the boards; else 2 to max, log-uniform (small is common)."""
    if rng.random() < setting.profile.one_school_share:
        return 1
    top = setting.profile.max_schools
    return min(top, int(math.exp(rng.uniform(math.log(2), math.log(top + 1)))))


def _brins(rng: random.Random, setting: Setting, count: int) -> list[str]:
    pattern = setting.regime.catalogue.domain.school_pattern
    brins = []
    for number in rng.sample(range(_BRINS), count):
        digits, letters = divmod(number, 26 * 26)
        first, second = divmod(letters, 26)
        brin = f"{digits:02d}{chr(65 + first)}{chr(65 + second)}"
        if not pattern.match(brin):
            raise ValueError(f"{brin} is not a BRIN")
        brins.append(brin)
    return brins


def _school(bench: Workbench, brin: str) -> SchoolDraft:
    rng, profile = bench.rng, bench.profile
    types = list(profile.type_weights)
    school_type = rng.choices(types, weights=[profile.type_weights[t] for t in types])[0]
    name = f"{rng.choice(profile.school_name_prefixes)} {rng.choice(profile.school_name_words)}"
    pupils = rng.randint(int(profile.pupils.min), int(profile.pupils.max))
    years = [
        compliant_year(
            bench, brin, school_type, year, pupils + rng.randint(-pupils // 20, pupils // 20)
        )
        for year in bench.board.years
    ]
    return SchoolDraft(brin, school_type, name, years)


# -- problems ---------------------------------------------------------------------------------


def _plant_problems(bench: Workbench) -> None:
    """Board first, then per school a whole-school problem (which takes the school) or
    per school year at most one problem per slot."""
    board, problems = bench.board, bench.setting.problems
    for slot in slots(problems, "board"):
        _maybe_plant(bench, "board", slot, board)
    for school in board.schools:
        if any(_maybe_plant(bench, "school", slot, school) for slot in slots(problems, "school")):
            continue
        for draft in school.years:
            for slot in slots(problems, "year"):
                _maybe_plant(bench, "year", slot, draft)


def _unguarded_or_allowed(bench: Workbench, problem: Problem, target: object) -> bool:
    """A hand-written problem goes where a guard fixed values for a rule the baseline does not
    know (see cases.Guard) only when it touches none of them."""
    if not problem.hand:
        return True
    guards = bench.setting.cases.guards
    return all(guards[scheme].allows(problem.touches) for scheme in getattr(target, "guarded", ()))


def _maybe_plant(bench: Workbench, level: Level, slot: str, target: object) -> bool:
    """With chance ``rate`` (a share of it for a board or a whole school), plant one of the
    problems that fit ``target``."""
    chance = (
        bench.setting.rate
        * {
            "board": bench.profile.board_problem_share,
            "school": bench.profile.school_problem_share,
            "year": 1.0,
        }[level]
    )
    if bench.rng.random() >= chance:
        return False
    fitting = [
        problem
        for problem in bench.setting.problems
        if problem.level == level
        and problem.slot == slot
        and problem.rule in bench.setting.rules
        and _unguarded_or_allowed(bench, problem, target)
        and problem.applies(bench, target)
    ]
    if not fitting:
        return False
    problem = bench.rng.choice(fitting)
    problem.plant(bench, target)
    bench.board.planted.append(f"{problem.rule}: {problem.name}")
    return True
