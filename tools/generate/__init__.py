"""A synthetic corpus of filings with ground truth (``python -m tools.generate``).

Boards are drawn from a profile of what real boards look like (profile.yaml), made compliant
by construction against the rule catalogue (baseline), and then given problems at a chosen
rate (problems/). Each problem states the findings it must cause; those, and nothing from
running the checker, are the ground truth written beside each filing (truth). A rule with no
hand-written problem is planted from its own cases, and the baseline is kept quiet for a rule
it was not written for with that rule's quiet cases (cases).

A development tool for the tests and benchmarks: it is not part of the shipped package.
"""

from tools.generate.corpus import (
    CorpusError,
    CorpusSummary,
    case_book,
    filing_paths,
    write_corpus,
)
from tools.generate.truth import ExpectedFinding, Truth, compare, read_truth, truth_path

__all__ = [
    "CorpusError",
    "CorpusSummary",
    "ExpectedFinding",
    "Truth",
    "case_book",
    "compare",
    "filing_paths",
    "read_truth",
    "truth_path",
    "write_corpus",
]
