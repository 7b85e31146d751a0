"""Ground truth: the findings a generated filing must give, written beside it.

Every expected finding comes from the problem the generator planted (with a short ``why``),
never from running the checker, so comparing the two tests the checker. Findings compare on
rule, severity, school, school year and line, as a multiset: the same finding twice (two
facts pointing at undefined contexts) must be reported twice.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

TRUTH_SUFFIX = ".expected.json"

Key = tuple[str, str, str | None, str | None, int | None]


@dataclass(frozen=True)
class ExpectedFinding:
    rule: str
    severity: str
    school: str | None
    school_year: str | None
    line: int | None
    why: str = field(default="", compare=False)

    def key(self) -> Key:
        return (self.rule, self.severity, self.school, self.school_year, self.line)


@dataclass(frozen=True)
class Truth:
    """What one filing must give: its board number as the checker reads it (None when the
    planted board number is malformed) and its findings."""

    file: str
    board: str | None
    findings: tuple[ExpectedFinding, ...]

    @property
    def status(self) -> str:
        return "findings" if self.findings else "compliant"

    def to_json(self) -> str:
        findings = sorted(self.findings, key=lambda f: _sortable(f.key()))
        data = {
            "file": self.file,
            "board": self.board,
            "status": self.status,
            "findings": [asdict(finding) for finding in findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_truth(path: Path) -> Truth:
    data = json.loads(path.read_text(encoding="utf-8"))
    findings = tuple(ExpectedFinding(**finding) for finding in data["findings"])
    return Truth(data["file"], data["board"], findings)


def truth_path(filing: Path) -> Path:
    """Where the ground truth of ``filing`` (b00001.xbrl) is: b00001.expected.json."""
    return filing.with_name(filing.stem + TRUTH_SUFFIX)


def finding_key(finding: object) -> Key:
    """The compared part of a checker finding (a Finding or its JSON object)."""
    get = finding.get if isinstance(finding, dict) else lambda name: getattr(finding, name)
    return (get("rule"), get("severity"), get("school"), get("school_year"), get("line"))


@dataclass(frozen=True)
class Difference:
    missing: tuple[Key, ...]  # expected, not given
    unexpected: tuple[Key, ...]  # given, not expected

    def __bool__(self) -> bool:
        return bool(self.missing or self.unexpected)

    def describe(self) -> str:
        lines = [f"missing    {_show(key)}" for key in self.missing]
        lines += [f"unexpected {_show(key)}" for key in self.unexpected]
        return "\n".join(lines)


def compare(expected: Iterable[ExpectedFinding], actual: Iterable[object]) -> Difference:
    """Exact multiset comparison of expected and actual findings."""
    want = Counter(finding.key() for finding in expected)
    got = Counter(finding_key(finding) for finding in actual)
    missing = sorted((want - got).elements(), key=_sortable)
    unexpected = sorted((got - want).elements(), key=_sortable)
    return Difference(tuple(missing), tuple(unexpected))


def _sortable(key: Key) -> tuple:
    rule, severity, school, year, line = key
    return (school or "", year or "", rule, line or 0, severity)


def _show(key: Key) -> str:
    rule, severity, school, year, line = key
    return f"{rule} {severity} {school or '-'} {year or '-'} {line if line is not None else '-'}"
