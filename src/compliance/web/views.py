"""What a result page shows, built from the JSON result: findings grouped per school and
school year, each with its message, the board's options, and the cited facts' values
written the reader's way (Dutch: € 1.234,56, 31-07-2023, ja/nee)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import groupby

from compliance.read.taxonomy import Taxonomy
from compliance.report.formatting import format_amount, format_date, format_number, format_value
from compliance.rules.catalogue import Catalogue
from compliance.web.words import web_words
from compliance.words import count as counted
from compliance.words import say

SEVERITY_ORDER = ("error", "violation", "warning")


def result_view(answer: dict, catalogue: Catalogue, taxonomy: Taxonomy, lang: str) -> dict:
    """The page's model of one checked filing (``answer`` as the worker sent it)."""
    result = answer["result"]
    words = web_words(lang)
    findings = result["findings"]
    counts = Counter(finding["severity"] for finding in findings)
    parts = ", ".join(counted(counts[s], s, lang) for s in SEVERITY_ORDER if counts[s])
    total = counted(len(findings), "finding", lang)
    return {
        "file": result["file"],
        "board": result["board"],
        "board_name": answer.get("board_name"),
        "status": result["status"],
        "error": result["error"],
        "rule_set": result["rule_set"],
        "summary": words["summary"].format(count=total, parts=parts) if findings else "",
        "not_judged": [
            say("text.not_judged", lang, rule=item["rule"], reason=item["reason"])
            for item in result.get("not_judged") or []
        ],
        "groups": _groups(findings, answer.get("schools") or {}, catalogue, taxonomy, lang),
    }


def _groups(findings, schools, catalogue, taxonomy, lang) -> list[dict]:
    words = web_words(lang)
    groups = []
    for (school, year), members in groupby(findings, key=lambda f: (f["school"], f["school_year"])):
        if school is None:
            heading = words["whole_filing"]
        else:
            heading = words["school"].format(school=school)
            name, kind = schools.get(school, [None, None])
            details = ", ".join(part for part in (name, kind) if part)
            if details:
                heading += f" ({details})"
        if year:
            heading += f", {words['year'].format(year=year)}"
        items = [_finding(f, catalogue, taxonomy, lang) for f in members]
        groups.append({"heading": heading, "findings": items})
    return groups


def _finding(finding: dict, catalogue: Catalogue, taxonomy: Taxonomy, lang: str) -> dict:
    words = web_words(lang)
    rule = catalogue.rules.get(finding["rule"])
    advice = rule.advice if rule is not None else None
    return {
        "rule": finding["rule"],
        "title": rule.title.in_language(lang) if rule is not None else finding["rule"],
        "severity": finding["severity"],
        "severity_label": words[f"severity_{finding['severity']}"],
        "line": words["line"].format(line=finding["line"]) if finding["line"] else None,
        "message": finding["message"],
        "advice": advice.in_language(lang) if advice is not None else words["no_advice"],
        "facts": [_fact(fact, taxonomy, lang) for fact in finding["facts"]],
        "waiver": _waiver(finding.get("waiver"), lang),
    }


def _waiver(waiver: dict | None, lang: str) -> str | None:
    """A reviewer's waiver of the finding, as the text report words it."""
    if waiver is None:
        return None
    expires = format_date(date.fromisoformat(waiver["expires"]), lang)
    return say(
        "text.waiver", lang, reason=waiver["reason"], by=waiver["granted_by"], expires=expires
    )


def _fact(fact: dict, taxonomy: Taxonomy, lang: str) -> dict:
    words = web_words(lang)
    if fact["context"] is None:
        shown, where = words["not_reported"], ""
    else:
        concept = taxonomy.concepts.get(fact["concept"])
        kind = concept.type if concept is not None else "string"
        shown = words["nil"] if fact["value"] is None else format_lexical(fact["value"], kind, lang)
        where = words["at"].format(context=fact["context"], line=fact["source_line"])
    return {"concept": fact["concept"], "value": shown, "where": where}


def format_lexical(value: str, kind: str, lang: str) -> str:
    """A fact's value as the filer wrote it, shown the reader's way where its XBRL type
    says what it is; anything that does not parse as that type is shown as written."""
    text = value.strip()
    try:
        if kind == "monetary":
            return format_amount(Decimal(text), lang)
        if kind in ("decimal", "integer"):
            return format_number(Decimal(text), lang)
        if kind == "date":
            return format_date(date.fromisoformat(text), lang)
    except (InvalidOperation, ValueError):
        return value
    if kind == "boolean" and text in ("true", "1", "false", "0"):
        return format_value(text in ("true", "1"), lang)
    return value
