"""`compliance rules list` and `rules show`: the catalogue explained to the people who use it."""

from __future__ import annotations

from compliance.findings import Measured
from compliance.model.calendar import SchoolYear
from compliance.report.formatting import format_date, format_value
from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import describe_condition, params_of
from compliance.words import say


def severity_text(rule: Rule, lang: str) -> str:
    entries = rule.severity.entries
    if len(entries) == 1:
        return say(f"severity.{entries[0][1]}", lang)
    return "; ".join(
        f"{say(f'severity.{value}', lang)} {say('rules.from', lang)} {format_date(day, lang)}"
        for day, value in entries
    )


def rule_table(catalogue: Catalogue, lang: str) -> str:
    rows = []
    for rule in sorted(catalogue.rules.values(), key=lambda r: r.id):
        scheme = rule.scheme or "fil"
        severity = " → ".join(say(f"severity.{value}", lang) for _, value in rule.severity.entries)
        rows.append((rule.id, severity, scheme, rule.title.in_language(lang)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        for row in rows
    )


def describe_rule(catalogue: Catalogue, rule: Rule, year: SchoolYear | None, lang: str) -> str:
    lines = [f"{rule.id}  {rule.title.in_language(lang)}", ""]
    if rule.kind == "structural":
        lines.append(f"  {say('rules.structural', lang)}")
    else:
        scheme = catalogue.schemes[rule.scheme]
        lines += [
            f"  {say('rules.scheme', lang)}: {scheme.title.in_language(lang)} ({scheme.id})",
            f"  {say('rules.types', lang)}: {', '.join(sorted(rule.types))}",
            f"  {say('rules.period', lang)}: {rule.period.describe()}",
            f"  {say('rules.judged_when', lang)}: "
            + (
                describe_condition(rule.judged_when)
                if rule.judged_when
                else say("rules.always", lang)
            ),
            f"  {say('rules.fires', lang)}: {describe_condition(rule.when)}",
        ]
    lines.append(f"  {say('rules.severity', lang)}: {severity_text(rule, lang)}")
    names = sorted(params_of(rule.when)) if rule.when is not None else []
    if names:
        lines.append(f"  {say('rules.parameters', lang)}:")
        for name in names:
            lines.extend(_parameter_lines(catalogue, name, year, lang))
    lines += [
        f"  {say('rules.message', lang)}: {rule.message.in_language(lang)}",
        f"  {say('rules.source', lang)}: {rule.source['file']}: “{rule.source['passage']}”",
        f"  {say('rules.cases', lang)}: {len(rule.cases)}",
    ]
    return "\n".join(lines)


def _parameter_lines(catalogue, name, year, lang) -> list[str]:
    parameter = catalogue.parameters[name]
    head = f"    {name} ({parameter.description.in_language(lang)})"
    if year is not None:
        value = parameter.values.at(year.first_day)
        shown = format_value(Measured(value, parameter.unit), lang)
        return [f"{head}: {shown} ({say('rules.in_force', lang)} {year.label})"]
    lines = [head + ":"]
    for day, value in parameter.values.entries:
        shown = format_value(Measured(value, parameter.unit), lang)
        lines.append(f"      {say('rules.from', lang)} {day:%Y-%m-%d}: {shown}")
    return lines
