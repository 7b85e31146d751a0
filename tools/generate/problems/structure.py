"""Structural problems (FIL-001..006) that no rule's outcome depends on, at three levels:

- on a school year's own facts that no rule reads (PupilCount, misspelt concepts);
- on a whole school (FIL-005 type or BRIN, FIL-002 calendar-year contexts): the checker
  then leaves out every fact of the school, so the school takes no other problem;
- on the board (a fact pointing at an undefined context, a malformed bestuursnummer).

Problems that remove a fact some rule reads live with that scheme's problems.
"""

from __future__ import annotations

from compliance.authoring.instance_writer import school_context_id
from tools.generate.draft import BoardDraft, SchoolDraft, Workbench, YearDraft
from tools.generate.problems.base import SCHOOL_FACTS, Problem, always

PUPILS = "PupilCount"


def _pupil_fact(draft: YearDraft, unit: str, count: object) -> str:
    context = school_context_id(draft.brin, draft.year.label)
    return (
        f'<bp:{PUPILS} contextRef="{context}" unitRef="{unit}" decimals="0">{count}</bp:{PUPILS}>'
    )


# -- a school year's own facts ----------------------------------------------------------------


def _pupils_not_integer(bench: Workbench, draft: YearDraft) -> None:
    count = draft.facts[PUPILS]
    written = bench.rng.choice([f"{count}.5", f"ca. {count}", f"{count} leerlingen"])
    draft.facts[PUPILS] = written
    bench.expect_in(draft, "FIL-001", f"pupil count {written!r}")


def _pupils_unit_undefined(bench: Workbench, draft: YearDraft) -> None:
    """An undefined unit of its own per school year: FIL-002 is one finding per undefined
    unit id, so a unit shared by two schools would be one finding for the board."""
    count = draft.facts.pop(PUPILS)
    unit = f"leerlingen_{draft.brin}_{draft.year.label[:4]}"
    bench.board.extra_xml.append(_pupil_fact(draft, unit, count))
    bench.expect_in(draft, "FIL-002", f"pupil count with undefined unit {unit!r}")


def _pupils_twice(bench: Workbench, draft: YearDraft) -> None:
    count = int(str(draft.facts[PUPILS]))
    other = count + bench.rng.randint(1, 30)
    draft.duplicates[PUPILS] = other
    bench.expect_in(draft, "FIL-003", f"pupil count {count} and {other}")


def _pupils_in_euro(bench: Workbench, draft: YearDraft) -> None:
    count = draft.facts.pop(PUPILS)
    bench.board.extra_xml.append(_pupil_fact(draft, "EUR", count))
    bench.expect_in(draft, "FIL-004", "pupil count in euro")


def _misspelt_school_concept(bench: Workbench, draft: YearDraft) -> None:
    concept = bench.rng.choice(bench.profile.misspelt_school_concepts)
    draft.facts[concept] = "true"
    bench.expect_in(draft, "FIL-006", f"unknown concept {concept}")


# -- a whole school ---------------------------------------------------------------------------


def _type_not_known(bench: Workbench, school: SchoolDraft) -> None:
    school.school_type = bench.rng.choice(bench.profile.not_school_types)
    bench.expect("FIL-005", f"school type {school.school_type!r}", school.brin)


def _type_missing(bench: Workbench, school: SchoolDraft) -> None:
    school.school_type = None
    bench.expect("FIL-005", "no school type", school.brin)


def _two_years(bench: Workbench, school: SchoolDraft) -> bool:
    return len(school.years) > 1


def _type_changes(bench: Workbench, school: SchoolDraft) -> None:
    """A second SchoolType, another known type, in the second school year."""
    other = bench.rng.choice([t for t in bench.regime.school_types if t != school.school_type])
    context = school_context_id(school.brin, school.years[1].year.label)
    bench.board.extra_xml.append(f'<bp:SchoolType contextRef="{context}">{other}</bp:SchoolType>')
    bench.expect("FIL-005", f"school type {school.school_type} and {other}", school.brin)


def _brin_malformed(bench: Workbench, school: SchoolDraft) -> None:
    """A malformed BRIN is reported once, in the school year of its first context; each
    malformed BRIN of a board differs from the others (lower case always does)."""
    pattern = bench.regime.catalogue.domain.school_pattern
    taken = {other.brin for other in bench.board.schools}
    written = bench.rng.choice(
        [school.brin.lower(), school.brin[1:], school.brin[:3] + school.brin[:1]]
    )
    if written in taken:
        written = school.brin.lower()
    if pattern.match(written):
        raise ValueError(f"{written} was meant to be a malformed BRIN")
    school.brin = written
    first = min(draft.year for draft in school.years)
    bench.expect("FIL-005", f"BRIN written {written!r}", written, first)


def _calendar_years(bench: Workbench, school: SchoolDraft) -> None:
    """Every context of the school runs a calendar year: FIL-002 once for each of its
    contexts that a fact uses (the school context of each year, and each line's)."""
    year = school.years[0].year.last_day.year
    school.period = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    why = f"school contexts run calendar year {year}"
    own = sum(value is not None for value in (school.school_type, school.name))
    first = min(draft.year for draft in school.years)  # the writer puts type and name there
    for draft in school.years:
        if (own if draft.year == first else 0) + len(draft.facts) + len(draft.duplicates):
            bench.expect("FIL-002", why, school.brin)
        for number, line in enumerate(draft.lines, start=1):
            if line:
                bench.expect("FIL-002", why, school.brin, line=number)


# -- the board --------------------------------------------------------------------------------


def _undefined_context(bench: Workbench, board: BoardDraft) -> None:
    school = bench.rng.choice(board.schools)
    context = school_context_id(school.brin, board.years[-1].label) + "_oud"
    board.extra_xml.append(
        f'<bp:WorkloadNonFinancialMeasures contextRef="{context}">'
        "Zie jaarverslag</bp:WorkloadNonFinancialMeasures>"
    )
    bench.expect("FIL-002", f"a fact points at undefined context {context}")


def _board_number_malformed(bench: Workbench, board: BoardDraft) -> None:
    pattern = bench.regime.catalogue.domain.board_pattern
    written = bench.rng.choice([board.number[:4], board.number + "0", "B" + board.number[1:]])
    if pattern.match(written):
        raise ValueError(f"{written} was meant to be a malformed bestuursnummer")
    board.number = written
    board.board_valid = False
    bench.expect("FIL-005", f"bestuursnummer written {written!r}")


def _school_fact(rule: str, name: str, plant, *touches: str) -> Problem:
    return Problem(rule, name, "year", SCHOOL_FACTS, always, plant, touches=frozenset(touches))


# Whole-school problems leave out every fact of the school (touches None: anything), board
# problems change no fact of a school.
PROBLEMS = (
    _school_fact("FIL-001", "pupil count", _pupils_not_integer, PUPILS),
    _school_fact("FIL-002", "undefined unit", _pupils_unit_undefined, PUPILS),
    _school_fact("FIL-003", "pupil count twice", _pupils_twice, PUPILS),
    _school_fact("FIL-004", "pupils in euro", _pupils_in_euro, PUPILS),
    _school_fact("FIL-006", "misspelt concept", _misspelt_school_concept),
    Problem("FIL-005", "unknown school type", "school", "school", always, _type_not_known),
    Problem("FIL-005", "no school type", "school", "school", always, _type_missing),
    Problem("FIL-005", "school type changes", "school", "school", _two_years, _type_changes),
    Problem("FIL-005", "malformed BRIN", "school", "school", always, _brin_malformed),
    Problem("FIL-002", "calendar-year contexts", "school", "school", always, _calendar_years),
    Problem(
        "FIL-002",
        "undefined context",
        "board",
        "board",
        always,
        _undefined_context,
        touches=frozenset(),
    ),
    Problem(
        "FIL-005",
        "malformed board number",
        "board",
        "board",
        always,
        _board_number_malformed,
        touches=frozenset(),
    ),
)
