"""The report a school board's finance officer reads: per school and school year, what is
wrong, in plain Dutch (or English), with the fact and value that caused each finding."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from compliance.check import FilingResult
from compliance.findings import CitedFact, Finding
from compliance.model.filing import Board
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue

WORDS = {
    "nl": {
        "unreadable": "NIET LEESBAAR",
        "compliant": "voldoet: geen bevindingen",
        "board": "bestuur",
        "findings": "{n} bevinding(en): {parts}",
        "error": "fout",
        "violation": "overtreding",
        "warning": "waarschuwing",
        "whole_filing": "Hele aanlevering",
        "school": "School {school}",
        "year": "schooljaar {year}",
        "fact": "feit",
        "not_reported": "{concept}: niet gemeld",
        "nil": "leeg (nil)",
        "at": "context {context}, regel {line}",
        "line": "interventieregel {line}",
    },
    "en": {
        "unreadable": "UNREADABLE",
        "compliant": "complies: no findings",
        "board": "board",
        "findings": "{n} finding(s): {parts}",
        "error": "error",
        "violation": "violation",
        "warning": "warning",
        "whole_filing": "Whole filing",
        "school": "School {school}",
        "year": "school year {year}",
        "fact": "fact",
        "not_reported": "{concept}: not reported",
        "nil": "empty (nil)",
        "at": "context {context}, line {line}",
        "line": "intervention line {line}",
    },
}
_SEVERITY_ORDER = ("error", "violation", "warning")


def render_text(result: FilingResult, catalogue: Catalogue, lang: str = "nl") -> str:
    words = WORDS[lang]
    lines = [_heading(result, words)]
    if result.status == "unreadable" or result.status == "error":
        lines.append(f"  {words['unreadable']}: {result.error_text(lang)}")
        return "\n".join(lines) + "\n"
    if not result.findings:
        lines.append(f"  {words['compliant']}")
        return "\n".join(lines) + "\n"
    counts = Counter(finding.severity for finding in result.findings)
    parts = ", ".join(f"{counts[s]} {words[s]}" for s in _SEVERITY_ORDER if counts[s])
    lines.append("  " + words["findings"].format(n=len(result.findings), parts=parts))
    for (school, year), group in groupby(result.findings, key=lambda f: (f.school, f.school_year)):
        lines.append("")
        lines.append("  " + _group_heading(school, year, result.model, words))
        for finding in group:
            lines.extend(_finding_lines(finding, catalogue, lang, words))
    return "\n".join(lines) + "\n"


def _heading(result: FilingResult, words: dict) -> str:
    board = result.model
    name = f" {board.name}" if board is not None and board.name else ""
    who = f" — {words['board']} {result.board}{name}" if result.board else ""
    return f"{result.file}{who}"


def _group_heading(school: str | None, year: str | None, board: Board | None, words: dict) -> str:
    if school is None:
        return words["whole_filing"] + (f", {words['year'].format(year=year)}" if year else "")
    heading = words["school"].format(school=school)
    known = {s.brin: s for s in board.schools} if board is not None else {}
    if school in known:
        details = ", ".join(part for part in (known[school].name, known[school].type) if part)
        heading += f" ({details})"
    if year:
        heading += f", {words['year'].format(year=year)}"
    return heading


def _finding_lines(finding: Finding, catalogue: Catalogue, lang: str, words: dict) -> list[str]:
    label = f"{words[finding.severity].upper()} {finding.rule}"
    where = f" [{words['line'].format(line=finding.line)}]" if finding.line else ""
    lines = [f"    {label}{where}: {render_message(finding, catalogue, lang)}"]
    for fact in finding.facts:
        lines.append(f"        {words['fact']}: {_describe_fact(fact, words)}")
    return lines


def _describe_fact(fact: CitedFact, words: dict) -> str:
    if fact.context is None:
        return words["not_reported"].format(concept=fact.concept)
    value = words["nil"] if fact.value is None else fact.value
    where = words["at"].format(context=fact.context, line=fact.source_line)
    return f"{fact.concept} = {value} ({where})"
