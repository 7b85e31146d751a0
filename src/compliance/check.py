"""One filing, end to end: read → model → rules and engine (judging) → findings.

A Checker is built once per process (it compiles rule books lazily and keeps the engine),
then judges any number of filings. Every input gives exactly one FilingResult.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.engine import Engine, make_engine
from compliance.findings import BLOCKING, Finding, Waiver
from compliance.judging import Judgement, PlanJudge, PlanOutcome
from compliance.model.build import build_board, require_placed
from compliance.model.filing import Board
from compliance.model.structure import check_structure
from compliance.plain_record import PlainRecord
from compliance.read import ReadLimits, UnreadableFiling, load_taxonomy, read_instance
from compliance.read.names import shown_name
from compliance.read.safety import read_bytes
from compliance.rules.catalogue import Catalogue
from compliance.words import say

if TYPE_CHECKING:
    from compliance.model import documented

REPORT_VERSION = "1"


class FilingResult(PlainRecord):
    """What checking one input gave: exactly one per input. A PlainRecord, not a dataclass
    (0.6 ms of every start to define, ``compliance.plain_record``); ``replace`` makes the copy
    a waiver marks."""

    __hash__ = None  # changed by whoever holds it (the batch), so never a dictionary key

    def __init__(
        self,
        file: str,
        sha256: str,
        status: str,  # compliant | findings | unreadable | error
        board: str | None = None,
        error: UnreadableFiling | str | None = None,
        findings: list[Finding] | None = None,
        # The board as the rules read it (model.filing), for the text report and the batch
        # summary; not serialised. ``pydantic_model`` is the same as the documented model.
        model: Board | None = None,
        plans: list[PlanOutcome] | None = None,  # with record_plans only
        # With a waivers file (compliance.waivers): the board's waivers that expired before
        # they could cover a finding here, and those in force that covered none; None without.
        expired_waivers: tuple[Waiver, ...] | None = None,
        unused_waivers: tuple[Waiver, ...] = (),
    ) -> None:
        # every output is UTF-8: a file name that is not is shown escaped (read/names.py)
        self.file = shown_name(file)
        self.sha256 = sha256
        self.status = status
        self.board = board
        self.error = error
        self.findings = [] if findings is None else findings
        self.model = model
        self.plans = [] if plans is None else plans
        self.expired_waivers = expired_waivers
        self.unused_waivers = unused_waivers
        self._pydantic: documented.Board | None = None

    @property
    def pydantic_model(self) -> documented.Board | None:
        """The board as the product's documented pydantic model (``model.documented``),
        validated from ``model`` when first asked for: checking never needs it, and making it
        for every filing cost 0.35-0.7 ms, importing pydantic 0.15 s of a cold start."""
        if self._pydantic is None and self.model is not None:
            from compliance.model.documented import documented

            self._pydantic = documented(self.model)
        return self._pydantic

    @property
    def blocking(self) -> bool:
        """True when the filing has an error or violation that is not waived (exit status 1)."""
        return any(f.severity in BLOCKING for f in self.counting_findings)

    @property
    def counting_findings(self) -> list[Finding]:
        """The findings that count for the exit status: all but the waived ones."""
        return [finding for finding in self.findings if finding.counts]

    def error_text(self, lang: str = "en") -> str | None:
        if isinstance(self.error, UnreadableFiling):
            return self.error.describe(lang)
        return self.error


def failure_reason(error: Exception, lang: str) -> str:
    """Why a filing's check did not finish when the checker itself raised, on one line: the
    error's type and text in a sentence of ``lang``. `check` and a batch worker make the
    file's result of it (status error) rather than let a traceback hide the others'."""
    detail = " ".join(f"{type(error).__name__}: {error}".split())
    return say("batch.raised", lang, error=detail)


class Checker:
    def __init__(
        self,
        catalogue: Catalogue,
        engine: Engine | None = None,
        limits: ReadLimits | None = None,
        record_plans: bool | Mapping[str, Collection[str]] = False,
    ) -> None:
        """``record_plans`` keeps a PlanOutcome per judged plan, for the batch summary:
        ``True`` of every plan; fact kind → figure names only of the plans of those kinds,
        with those figures (``PlanJudge.outcomes``)."""
        self.catalogue = catalogue
        self.record_plans = record_plans
        self.engine = engine or make_engine()
        self.limits = limits or ReadLimits()
        self.plan_judge = PlanJudge(catalogue, self.engine)
        self.taxonomy = load_taxonomy()
        require_placed(self.taxonomy)  # no fact of a known concept may vanish on the way
        self.severities = catalogue.severities()
        # Without a list its rules are not in force (catalogue.not_judged); the field that
        # reads it is still computed for every plan, so it gets an empty list.
        self.allowance_list = catalogue.allowance_list or frozenset()

    def check_file(self, path: str | Path, name: str | None = None) -> FilingResult:
        """Judge the file at ``path``; ``name`` is how the result refers to it."""
        name = name if name is not None else str(path)
        try:
            data = read_bytes(path, self.limits)
        except UnreadableFiling as error:
            return FilingResult(name, "", "unreadable", error=error)
        return self.check_bytes(data, name)

    def check_bytes(self, data: bytes, name: str) -> FilingResult:
        digest = hashlib.sha256(data).hexdigest()
        try:
            instance = read_instance(data, self.taxonomy, self.limits)
            domain = self.catalogue.domain
            structure = check_structure(instance, self.taxonomy, domain, self.severities)
        except UnreadableFiling as error:  # also an instance with nothing to judge
            return FilingResult(name, digest, "unreadable", error=error)
        del instance  # its facts are elements of the parsed tree: freed before judging
        board = build_board(structure)
        judgement = self.plan_judge.judge(board, self.allowance_list)
        findings = structure.findings + self.plan_judge.findings(judgement)
        if len(self.catalogue.in_force) < len(self.catalogue.rules):  # --select / --ignore
            findings = [f for f in findings if self.catalogue.judges(f.rule)]
        findings.sort(key=Finding.sort_key)
        status = "findings" if findings else "compliant"
        plans = self._outcomes(judgement) if self.record_plans else []
        return FilingResult(name, digest, status, structure.board, None, findings, board, plans)

    def _outcomes(self, judgement: Judgement) -> list[PlanOutcome]:
        wanted = None if self.record_plans is True else self.record_plans
        return self.plan_judge.outcomes(judgement, wanted)

    def judge(self, board: Board | documented.Board) -> list[Finding]:
        """Run every rule in force on every plan of the board: the light one the builder
        makes or the documented pydantic one (the rules read both through the same
        attributes)."""
        return self.plan_judge.findings(self.plan_judge.judge(board, self.allowance_list))
