"""`compliance diff` for people: per board what is new, resolved and unchanged since the
earlier run, then the totals. The comparison itself is batch/baseline.py's."""

from __future__ import annotations

from compliance.words import say

_KINDS = ("new", "resolved", "unchanged")


def render_diff(comparison: dict, lang: str = "nl") -> str:
    lines = [say("diff.against", lang, previous=comparison["previous"])]
    if comparison["previous_rule_set"] != comparison["rule_set"]:
        lines.append(say("diff.other_rules", lang))
    lines.append("")
    for board in comparison["boards"]:
        counts = {kind: len(board[kind]) for kind in _KINDS}
        heading = say("diff.board", lang, board=board["board"], **counts)
        lines.append(heading + ("" if board["in_previous"] else say("diff.first", lang)))
        for kind in ("new", "resolved"):
            label = say(f"diff.{kind}", lang)
            lines.extend(f"  {label:<9} {_where(finding, lang)}" for finding in board[kind])
    lines.extend(say("diff.missing", lang, **board) for board in comparison["boards_missing"])
    lines.extend(["", say("diff.totals", lang, **comparison["totals"])])
    return "\n".join(lines) + "\n"


def _where(finding: dict, lang: str) -> str:
    parts = [finding["rule"], say(f"severity.{finding['severity']}", lang)]
    if finding["school"]:
        parts.append(say("diff.school", lang, school=finding["school"]))
    if finding["school_year"]:
        parts.append(say("text.year", lang, year=finding["school_year"]))
    if finding["line"]:
        parts.append(say("text.line", lang, line=finding["line"]))
    if finding["waived"]:
        parts.append(say("diff.waived", lang))
    if finding.get("recurring"):
        parts.append(say("diff.recurring", lang))
    return ", ".join(parts)
