"""A synthetic corpus of filings with ground truth (``compliance generate``).

Boards are drawn from a profile of what real boards look like (profile.yaml), made compliant
by construction against the rule catalogue (baseline), and then given problems at a chosen
rate (problems/). Each problem states the findings it must cause; those, and nothing from
running the checker, are the ground truth written beside each filing (truth).
"""

from compliance.generate.corpus import CorpusError, CorpusSummary, filing_paths, write_corpus
from compliance.generate.truth import ExpectedFinding, Truth, compare, read_truth, truth_path

__all__ = [
    "CorpusError",
    "CorpusSummary",
    "ExpectedFinding",
    "Truth",
    "compare",
    "filing_paths",
    "read_truth",
    "truth_path",
    "write_corpus",
]
