"""The report a school board's finance officer reads: per school and school year, what is
wrong, in plain Dutch (or English), with the fact and value that caused each finding."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from compliance.check import FilingResult
from compliance.findings import CitedFact, Finding
from compliance.model.filing import Board
from compliance.report.formatting import format_cited
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue
from compliance.words import count, say

_SEVERITY_ORDER = ("error", "violation", "warning")


def render_text(result: FilingResult, catalogue: Catalogue, lang: str = "nl") -> str:
    lines = [_heading(result, lang)]
    if result.status == "unreadable" or result.status == "error":
        lines.append(f"  {say('text.unreadable', lang)}: {result.error_text(lang)}")
        return "\n".join(lines) + "\n"
    if not result.findings:
        lines.append(f"  {say('text.compliant', lang)}")
        return "\n".join(lines) + "\n"
    counts = Counter(finding.severity for finding in result.findings)
    parts = ", ".join(count(counts[s], s, lang) for s in _SEVERITY_ORDER if counts[s])
    found = count(len(result.findings), "finding", lang)
    lines.append("  " + say("text.findings", lang, count=found, parts=parts))
    for (school, year), group in groupby(result.findings, key=lambda f: (f.school, f.school_year)):
        lines.append("")
        lines.append("  " + _group_heading(school, year, result.model, lang))
        for finding in group:
            lines.extend(_finding_lines(finding, catalogue, lang))
    return "\n".join(lines) + "\n"


def _heading(result: FilingResult, lang: str) -> str:
    board = result.model
    name = f" {board.name}" if board is not None and board.name else ""
    who = f" — {say('text.board', lang)} {result.board}{name}" if result.board else ""
    return f"{result.file}{who}"


def _group_heading(school: str | None, year: str | None, board: Board | None, lang: str) -> str:
    in_year = f", {say('text.year', lang, year=year)}" if year else ""
    if school is None:
        return say("text.whole_filing", lang) + in_year
    heading = say("text.school", lang, school=school)
    known = {s.brin: s for s in board.schools} if board is not None else {}
    if school in known:
        details = ", ".join(part for part in (known[school].name, known[school].type) if part)
        heading += f" ({details})"
    return heading + in_year


def _finding_lines(finding: Finding, catalogue: Catalogue, lang: str) -> list[str]:
    label = f"{say(f'severity.{finding.severity}', lang).upper()} {finding.rule}"
    where = f" [{say('text.line', lang, line=finding.line)}]" if finding.line else ""
    lines = [f"    {label}{where}: {render_message(finding, catalogue, lang)}"]
    for fact in finding.facts:
        lines.append(f"        {say('text.fact', lang)}: {_describe_fact(fact, lang)}")
    return lines


def _describe_fact(fact: CitedFact, lang: str) -> str:
    if fact.context is None:
        return say("text.not_reported", lang, concept=fact.concept)
    value = say("value.nil", lang) if fact.value is None else format_cited(fact.value, lang)
    where = say("text.at", lang, context=fact.context, line=fact.source_line)
    return f"{fact.concept} = {value} ({where})"
