"""Problems planted from a rule's own firing cases (see ``cases``): one per rule that has no
hand-written problem, so a rule added as one YAML file with its cases is planted too."""

from __future__ import annotations

from tools.generate.cases import CaseBook
from tools.generate.draft import Workbench, YearDraft
from tools.generate.problems.base import Problem


def case_problems(book: CaseBook) -> tuple[Problem, ...]:
    return tuple(_case_problem(book, rule_id) for rule_id in sorted(book.firing))


def _case_problem(book: CaseBook, rule_id: str) -> Problem:
    cases = book.firing[rule_id]
    scheme = book.scheme_of(cases[0])

    def applies(bench: Workbench, draft: YearDraft) -> bool:
        return bool(book.fitting(cases, draft.school_type, draft.year))

    def plant(bench: Workbench, draft: YearDraft) -> None:
        case, years = bench.rng.choice(book.fitting(cases, draft.school_type, draft.year))
        draft.lines = book.put(case, years, draft.facts, draft.lines)
        for concept in book.slices[scheme].school:
            draft.duplicates.pop(concept, None)
        draft.plans.discard(scheme)  # no longer the baseline's plan
        why = f"case {case.name!r} of {rule_id}"
        if case.fires is True:
            bench.expect_in(draft, rule_id, why)
        else:
            for line in case.fires:
                bench.expect_in(draft, rule_id, why, line)

    return Problem(rule_id, "from its cases", "year", scheme, applies, plant, hand=False)
