"""Which schools are on the generated labour-market allowance list.

Eligibility is a pure function of (seed, school year, BRIN), not a draw per board, so a BRIN
that two boards of a large corpus happen to share is on the list for both or for neither:
the one list written into the corpus folder then holds for every filing in it.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from compliance.rules.reference import ALLOWANCE_FILE


def eligibility(seed: int, share: float) -> Callable[[str, str], bool]:
    """A predicate (school year label, BRIN) → on the list, true for about ``share``."""

    def eligible(school_year: str, brin: str) -> bool:
        digest = hashlib.sha256(f"{seed}/{school_year}/{brin}".encode()).digest()
        return int.from_bytes(digest[:8], "big") < share * 2**64

    return eligible


def write_allowance_list(folder: Path, pairs: Iterable[tuple[str, str]]) -> Path:
    """Write arbeidsmarkttoelage.csv (header school_year,brin) for --reference-dir."""
    path = folder / ALLOWANCE_FILE
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["school_year", "brin"])
        writer.writerows(sorted(set(pairs)))
    return path
