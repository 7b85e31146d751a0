"""``summary.json``: the batch's counts and monitoring figures, for scripts (``summary``
makes them; this writes them)."""

from __future__ import annotations

import json
from typing import ClassVar

from compliance.batch.writers.base import Batch, Filing, Targets
from compliance.rules.catalogue import Catalogue

FILE = "summary.json"


class SummaryJson:
    files: ClassVar[tuple[str, ...]] = (FILE,)

    def __init__(self, targets: Targets, lang: str) -> None:
        self.handle = targets(FILE, "utf-8")

    @staticmethod
    def piece(filing: Filing, catalogue: Catalogue, lang: str) -> None:
        """Nothing per filing: the summary is made from the tally."""

    def add(self, piece: None) -> None:
        """Nothing per filing."""

    def finish(self, batch: Batch) -> None:
        self.handle.write(json.dumps(batch.summary, ensure_ascii=False, indent=2))
