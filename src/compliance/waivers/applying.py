"""Marking the findings a waiver covers, and saying which waivers expired or covered nothing.

A waiver applies up to and including its ``expires`` day, judged against the run date
(``today``, injectable so that a run can be repeated as of a given day). A finding is
covered by the first entry in file order that is in force and matches it on board and on
every narrowing field given. A waived finding stays in the result, marked; it no longer
counts for the exit status (``Finding.counts``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from compliance.check import FilingResult
from compliance.findings import Finding, Waiver
from compliance.rules.catalogue import Catalogue


@dataclass(frozen=True)
class Waivers:
    """The entries of one waivers file as of ``today``; load once, apply to any number of
    results (it holds no state per run, so workers and web requests can share it)."""

    entries: tuple[Waiver, ...]
    today: date
    source: str | None = None  # the file, as named, and the sha256 of its bytes
    sha256: str | None = None
    _by_board: dict[str, tuple[Waiver, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_board: dict[str, list[Waiver]] = {}
        for waiver in self.entries:
            by_board.setdefault(waiver.board, []).append(waiver)
        object.__setattr__(self, "_by_board", {b: tuple(w) for b, w in by_board.items()})

    @classmethod
    def load(cls, path: Path, catalogue: Catalogue, today: date, lang: str = "nl") -> Waivers:
        """The waivers file at ``path``; a WaiverFileError (in ``lang``) names entry and
        field."""
        from compliance.waivers.loading import load_waivers, read_waivers  # PyYAML: if needed

        data = read_waivers(path, lang)
        entries = tuple(load_waivers(path, catalogue, lang, data))
        return cls(entries, today, str(path), hashlib.sha256(data).hexdigest())

    def in_force(self, waiver: Waiver) -> bool:
        return waiver.expires >= self.today

    @property
    def expired(self) -> list[Waiver]:
        return [waiver for waiver in self.entries if not self.in_force(waiver)]

    def digest(self) -> str:
        """Changes whenever what the waivers do to a result may change: an entry, or one
        expiring (for ``batch --resume``)."""
        state = [[entry_object(w), self.in_force(w)] for w in self.entries]
        return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()

    def apply(self, result: FilingResult) -> FilingResult:
        """``result`` with each finding a waiver in force covers marked with it, and the
        board's waivers listed that expired before covering one of its findings or, in
        force, covered none."""
        mine = self._by_board.get(result.board, ()) if result.board else ()
        current = [w for w in mine if self.in_force(w)]
        findings = [_marked(finding, current) for finding in result.findings]
        used = {finding.waiver.entry for finding in findings if finding.waiver is not None}
        still = [finding for finding in findings if finding.waiver is None]
        expired = tuple(w for w in mine if not self.in_force(w) and _covers_any(w, still))
        unused = tuple(w for w in current if w.entry not in used)
        return result.replace(findings=findings, expired_waivers=expired, unused_waivers=unused)

    def run_summary(self, used: Collection[int], waived: int) -> dict:
        """What a whole run (a batch) says about the file: findings waived, the entries
        expired as of the run date, and those in force that covered no finding at all."""
        return {
            "file": self.source,
            "sha256": self.sha256,
            "today": self.today.isoformat(),
            "entries": len(self.entries),
            "waived_findings": waived,
            "expired": [entry_object(w) for w in self.expired],
            "unused": [
                entry_object(w) for w in self.entries if self.in_force(w) and w.entry not in used
            ],
        }


def covers(waiver: Waiver, finding: Finding) -> bool:
    """True when ``waiver`` matches ``finding`` on every narrowing field it gives (the board
    is matched before: waivers are looked up by the result's board)."""
    return (
        (waiver.school is None or waiver.school == finding.school)
        and (waiver.school_year is None or waiver.school_year == finding.school_year)
        and (waiver.rule is None or fnmatch.fnmatchcase(finding.rule, waiver.rule))
        and (waiver.line is None or waiver.line == finding.line)
    )


def _marked(finding: Finding, waivers: Iterable[Waiver]) -> Finding:
    waiver = next((w for w in waivers if covers(w, finding)), None)
    return finding if waiver is None else finding._replace(waiver=waiver)


def _covers_any(waiver: Waiver, findings: Iterable[Finding]) -> bool:
    return any(covers(waiver, finding) for finding in findings)


def waiver_object(waiver: Waiver | None) -> dict | None:
    """A finding's ``waiver`` in the JSON result: the contract's three fields and the
    entry's number in the file."""
    if waiver is None:
        return None
    return {
        "reason": waiver.reason,
        "granted_by": waiver.granted_by,
        "expires": waiver.expires.isoformat(),
        "entry": waiver.entry,
    }


def entry_object(waiver: Waiver) -> dict:
    """A waiver listed as expired or unused: the whole entry, with its number."""
    return {
        "entry": waiver.entry,
        "board": waiver.board,
        "school": waiver.school,
        "school_year": waiver.school_year,
        "rule": waiver.rule,
        "line": waiver.line,
        "reason": waiver.reason,
        "granted_by": waiver.granted_by,
        "expires": waiver.expires.isoformat(),
    }
