"""The report a school board's finance officer reads: per school and school year, what is
wrong, in plain Dutch (or English), with the fact and value that caused each finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby

from compliance import __version__
from compliance.check import FilingResult
from compliance.findings import CitedFact, Finding, Waiver
from compliance.model.filing import Board
from compliance.read.names import one_line
from compliance.report.formatting import format_cited, format_date
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue
from compliance.words import count, say

_SEVERITY_ORDER = ("error", "violation", "warning")


Paint = Callable[[str, str], str]  # (text, role) → text; roles: a severity, "compliant"


def render_text(
    result: FilingResult, catalogue: Catalogue, lang: str = "nl", paint: Paint | None = None
) -> str:
    """``paint`` colours severity labels and verdicts (the CLI passes one on a terminal)."""
    paint = paint or _plain
    lines = [_heading(result, lang)]
    if result.status == "unreadable" or result.status == "error":
        verdict = say("text.unreadable" if result.status == "unreadable" else "text.failed", lang)
        lines.append(f"  {paint(verdict, 'error')}: {result.error_text(lang)}")
        return "\n".join(lines) + "\n"
    lines += [
        "  " + say("text.not_judged", lang, rule=rule, reason=say(f"not_judged.{reason}", lang))
        for rule, reason in catalogue.not_judged
    ]
    if not result.findings:
        lines.append(f"  {paint(say('text.compliant', lang), 'compliant')}")
    else:
        lines.append("  " + _counts(result.findings, lang))
    for (school, year), group in groupby(result.findings, key=lambda f: (f.school, f.school_year)):
        lines.append("")
        lines.append("  " + _group_heading(school, year, result.model, lang))
        for finding in group:
            lines.extend(_finding_lines(finding, catalogue, lang, paint))
    for heading, waivers in (
        ("text.expired_waivers", result.expired_waivers or ()),
        ("text.unused_waivers", result.unused_waivers),
    ):
        if waivers:
            lines.extend(["", f"  {say(heading, lang)}"])
            lines.extend(f"    {_describe_waiver(waiver, lang)}" for waiver in waivers)
    return "\n".join(lines) + "\n"


def _counts(findings: list[Finding], lang: str) -> str:
    """ "3 bevindingen: 1 overtreding, 1 waarschuwing; 1 met ontheffing, niet meegeteld":
    the severities of the findings that count, the waived ones apart."""
    counts = Counter(finding.severity for finding in findings if finding.counts)
    parts = ", ".join(count(counts[s], s, lang) for s in _SEVERITY_ORDER if counts[s])
    waived = sum(not finding.counts for finding in findings)
    if waived:
        parts = "; ".join(part for part in (parts, say("text.waived", lang, n=waived)) if part)
    found = count(len(findings), "finding", lang)
    return say("text.findings", lang, count=found, parts=parts)


def _describe_waiver(waiver: Waiver, lang: str) -> str:
    """nr. 3: 41234, school 23CD, schooljaar 2022-2023, NPO-007, tot en met 31-07-2024 — reason"""
    parts = [waiver.board]
    if waiver.school:
        parts.append(say("text.waiver_school", lang, school=waiver.school))
    if waiver.school_year:
        parts.append(say("text.year", lang, year=waiver.school_year))
    if waiver.rule:
        parts.append(waiver.rule)
    if waiver.line:
        parts.append(say("text.line", lang, line=waiver.line))
    parts.append(say("text.until", lang, expires=format_date(waiver.expires, lang)))
    entry = say("text.waiver_entry", lang, entry=str(waiver.entry))
    return f"{entry}: {', '.join(parts)} — {waiver.reason}"


def render_footer(catalogue: Catalogue, lang: str) -> str:
    """What judged the filings: tool version, rule set and reference data (by sha256)."""
    names = ", ".join(f"{ref.name} (sha256 {ref.sha256[:12]})" for ref in catalogue.reference)
    tool = say("text.tool", lang, version=__version__, rule_set=catalogue.version)
    return f"{tool}; {say('text.reference', lang, names=names)}\n"


def _heading(result: FilingResult, lang: str) -> str:
    board = result.model
    name = f" {board.name}" if board is not None and board.name else ""
    who = f" — {say('text.board', lang)} {result.board}{name}" if result.board else ""
    return f"{one_line(result.file)}{who}"


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


def _plain(text: str, _role: str) -> str:
    return text


def _finding_lines(finding: Finding, catalogue: Catalogue, lang: str, paint: Paint) -> list[str]:
    severity = paint(say(f"severity.{finding.severity}", lang).upper(), finding.severity)
    label = f"{severity} {finding.rule}"
    where = f" [{say('text.line', lang, line=finding.line)}]" if finding.line else ""
    lines = [f"    {label}{where}: {render_message(finding, catalogue, lang)}"]
    if finding.waiver is not None:
        waiver = finding.waiver
        expires = format_date(waiver.expires, lang)
        lines.append(
            "        "
            + say("text.waiver", lang, reason=waiver.reason, by=waiver.granted_by, expires=expires)
        )
    for fact in finding.facts:
        lines.append(f"        {say('text.fact', lang)}: {_describe_fact(fact, lang)}")
    return lines


def _describe_fact(fact: CitedFact, lang: str) -> str:
    if fact.context is None:
        return say("text.not_reported", lang, concept=fact.concept)
    value = say("value.nil", lang) if fact.value is None else format_cited(fact.value, lang)
    where = say("text.at", lang, context=fact.context, line=fact.source_line)
    return f"{fact.concept} = {value} ({where})"
