"""Last year beside this year: the findings of two batch runs, matched per board by
fingerprint (``batch --baseline PREVIOUS_OUT`` and ``compliance diff OLD NEW``).

A fingerprint names what a finding is about (rule, board, school, school year, line), so a
finding is *unchanged* when the same fingerprint is in both runs, *new* when only this run
has it and *resolved* when only the earlier one did. The same fingerprint can occur more
than once in a board (two filings of one board, a structural finding repeated): those are
matched one for one. A board that is only in the earlier run is not counted as resolved
(its filing may be missing or unreadable this time): it is listed apart. The school year is
part of the fingerprint, so the same problem found again in the next school year is new;
such a new finding is marked ``recurring`` (same rule, school and line as one of the earlier
run's findings of that board). Results written
before fingerprints existed still compare: the fingerprint is computed from the same fields.
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from compliance.batch.outputs import RESULTS
from compliance.findings import SEVERITIES, fingerprint
from compliance.named_files import open_named
from compliance.words import say

BASELINE_VERSION = "1"


class BaselineError(Exception):
    """An earlier run that cannot be read: a usage error, one line naming the file."""


@dataclass
class Run:
    """The findings of one batch run, per board, in results.jsonl order."""

    source: Path
    rule_set: str | None = None
    boards: dict[str, list[dict]] = field(default_factory=dict)


def load_run(path: Path, lang: str = "nl") -> Run:
    """The findings in ``path``: a batch's --out folder, or its results.jsonl. A
    BaselineError (in ``lang``) says which file will not do, and where."""
    # os.path's isdir and exists, not Path's: they say False for a name the system refuses
    # (too long), where Path's raise; open() then tells why, as for any file not there
    folder = os.path.isdir(path)
    results = path / RESULTS if folder else path
    run = Run(results)
    try:  # utf-8-sig: past the byte-order mark that Excel and Notepad write
        with io.TextIOWrapper(open_named(results, lang), encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, 1):
                if text.strip():
                    _add(run, _parse(results, number, text, lang))
    except OSError as error:
        words = say("file.cannot_read", lang, path=results, detail=error)
        hint = say("baseline.hint", lang) if folder or not os.path.exists(path) else ""
        raise BaselineError(words + hint) from None
    except UnicodeDecodeError:
        raise BaselineError(say("file.not_utf8", lang, path=results)) from None
    return run


def _parse(results: Path, number: int, text: str, lang: str) -> dict:
    """The result on line ``number``, refused (naming the file and bronregel) unless it has
    the shape the comparison reads: a damaged or hand-edited line is the user's to fix, told
    before anything is compared (or judged), never as a traceback from the comparison."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a number too long, nested too deep
        obj = None
    if _is_result(obj):
        return obj
    raise BaselineError(say("baseline.not_a_result", lang, path=results, line=str(number)))


def _is_result(obj: object) -> bool:
    """A result as schemas/result.schema.json has it, as far as the comparison reads it."""
    return (
        isinstance(obj, dict)
        and _is_text_or_null(obj.get("board"))
        and _is_text_or_null(obj.get("rule_set"))
        and isinstance(obj.get("findings"), list)
        and all(_is_finding(finding) for finding in obj["findings"])
    )


def _is_finding(finding: object) -> bool:
    """A finding with every field the comparison reads, each of its type in the schema; a
    fingerprint is optional (results written before fingerprints existed)."""
    return (
        isinstance(finding, dict)
        and all(key in finding and fits(finding[key]) for key, fits in _FINDING.items())
        and _is_text_or_null(finding.get("fingerprint"))
    )


def _is_text(value: object) -> bool:
    """A string that can be written out again: JSON can spell a lone surrogate (\\ud800),
    which no UTF-8 output takes, so a batch would fail after judging, writing nothing."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_text_or_null(value: object) -> bool:
    return value is None or _is_text(value)


def _is_line_or_null(value: object) -> bool:
    return value is None or type(value) is int  # not a bool, which JSON's true would be


_FINDING = {  # a finding's fields the comparison reads, and what each must be
    "rule": _is_text,
    "severity": lambda value: value in SEVERITIES,  # each has its word in words.py
    "school": _is_text_or_null,
    "school_year": _is_text_or_null,
    "line": _is_line_or_null,
}


def _add(run: Run, result: dict) -> None:
    run.rule_set = run.rule_set or result.get("rule_set")
    board = result.get("board")
    if not board or result.get("status") in ("unreadable", "error"):
        return  # nothing judged to compare
    findings = run.boards.setdefault(board, [])
    findings.extend(_compact(board, finding) for finding in result["findings"])


def _compact(board: str, finding: dict) -> dict:
    keys = (finding["rule"], board, finding["school"], finding["school_year"], finding["line"])
    return {
        "fingerprint": finding.get("fingerprint") or fingerprint(*keys),
        "rule": finding["rule"],
        "severity": finding["severity"],
        "school": finding["school"],
        "school_year": finding["school_year"],
        "line": finding["line"],
        "waived": bool(finding.get("waiver")),
    }


def compare_runs(previous: Run, current: Run) -> dict:
    """Per board with a finding in either run: its new, resolved and unchanged findings
    (boards in board-number order); then the boards only the earlier run has."""
    boards = []
    totals = Counter()
    for board in sorted(current.boards):
        then, now = previous.boards.get(board), current.boards[board]
        entry = _board_entry(board, then or [], now, then is not None)
        if entry["new"] or entry["resolved"] or entry["unchanged"]:
            boards.append(entry)
            totals.update({kind: len(entry[kind]) for kind in ("new", "resolved", "unchanged")})
            totals["recurring"] += sum(finding["recurring"] for finding in entry["new"])
    missing = [
        {"board": board, "findings": len(findings)}
        for board, findings in sorted(previous.boards.items())
        if board not in current.boards
    ]
    return {
        "baseline_version": BASELINE_VERSION,
        "previous": str(previous.source),
        "previous_rule_set": previous.rule_set,
        "rule_set": current.rule_set,
        "totals": {
            "boards": len(boards),
            "new": totals["new"],
            "recurring": totals["recurring"],
            "resolved": totals["resolved"],
            "unchanged": totals["unchanged"],
            "boards_missing": len(missing),
        },
        "boards": boards,
        "boards_missing": missing,
    }


def _board_entry(board: str, then: list[dict], now: list[dict], known: bool) -> dict:
    earlier = Counter(finding["fingerprint"] for finding in then)
    later = Counter(finding["fingerprint"] for finding in now)
    new, unchanged = _split(now, earlier)
    resolved, _ = _split(then, later)
    before = {_place(finding) for finding in then}
    new = [{**finding, "recurring": _place(finding) in before} for finding in new]
    return {
        "board": board,
        "in_previous": known,
        "new": new,
        "resolved": resolved,
        "unchanged": unchanged,
    }


def _place(finding: dict) -> tuple:
    """What a finding is about apart from its school year: a new finding with the same
    place as an earlier one is the same problem again, in another school year."""
    return (finding["rule"], finding["school"], finding["line"])


def _split(findings: list[dict], other: Counter) -> tuple[list[dict], list[dict]]:
    """(those without a match in ``other``, those with one), matched one for one."""
    left = Counter(other)
    alone, matched = [], []
    for finding in findings:
        key = finding["fingerprint"]
        if left[key] > 0:
            left[key] -= 1
            matched.append(finding)
        else:
            alone.append(finding)
    return alone, matched
