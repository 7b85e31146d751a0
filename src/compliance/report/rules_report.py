"""`compliance rules list` and `rules show`: the catalogue explained to the people who use it."""

from __future__ import annotations

from compliance.findings import Measured
from compliance.model.calendar import SchoolYear
from compliance.report.formatting import format_value
from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import describe_condition, params_of

WORDS = {
    "nl": {
        "scheme": "Regeling",
        "types": "Schoolsoorten",
        "period": "Periode",
        "judged_when": "Beoordeeld als",
        "always": "altijd",
        "fires": "Bevinding als",
        "severity": "Ernst",
        "from": "vanaf",
        "parameters": "Parameters",
        "in_force": "geldend in",
        "message": "Melding",
        "source": "Bron",
        "cases": "Gedocumenteerde gevallen",
        "structural": "Gecontroleerd bij het inlezen van de aanlevering",
        "error": "fout",
        "violation": "overtreding",
        "warning": "waarschuwing",
    },
    "en": {
        "scheme": "Scheme",
        "types": "School types",
        "period": "Period",
        "judged_when": "Judged when",
        "always": "always",
        "fires": "Finding when",
        "severity": "Severity",
        "from": "from",
        "parameters": "Parameters",
        "in_force": "in force in",
        "message": "Message",
        "source": "Source",
        "cases": "Documented cases",
        "structural": "Checked while reading the filing",
        "error": "error",
        "violation": "violation",
        "warning": "warning",
    },
}


def severity_text(rule: Rule, words: dict) -> str:
    entries = rule.severity.entries
    if len(entries) == 1:
        return words[entries[0][1]]
    return "; ".join(f"{words[value]} {words['from']} {day:%Y-%m-%d}" for day, value in entries)


def rule_table(catalogue: Catalogue, lang: str) -> str:
    words = WORDS[lang]
    rows = []
    for rule in sorted(catalogue.rules.values(), key=lambda r: r.id):
        scheme = rule.scheme or "fil"
        severity = " → ".join(words[value] for _, value in rule.severity.entries)
        rows.append((rule.id, severity, scheme, rule.title.in_language(lang)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        for row in rows
    )


def describe_rule(catalogue: Catalogue, rule: Rule, year: SchoolYear | None, lang: str) -> str:
    words = WORDS[lang]
    lines = [f"{rule.id}  {rule.title.in_language(lang)}", ""]
    if rule.kind == "structural":
        lines.append(f"  {words['structural']}")
    else:
        scheme = catalogue.schemes[rule.scheme]
        lines += [
            f"  {words['scheme']}: {scheme.title.in_language(lang)} ({scheme.id})",
            f"  {words['types']}: {', '.join(sorted(rule.types))}",
            f"  {words['period']}: {rule.period.describe()}",
            f"  {words['judged_when']}: "
            + (describe_condition(rule.judged_when) if rule.judged_when else words["always"]),
            f"  {words['fires']}: {describe_condition(rule.when)}",
        ]
    lines.append(f"  {words['severity']}: {severity_text(rule, words)}")
    names = sorted(params_of(rule.when)) if rule.when is not None else []
    if names:
        lines.append(f"  {words['parameters']}:")
        for name in names:
            lines.extend(_parameter_lines(catalogue, name, year, lang, words))
    lines += [
        f"  {words['message']}: {rule.message.in_language(lang)}",
        f"  {words['source']}: {rule.source['file']}: “{rule.source['passage']}”",
        f"  {words['cases']}: {len(rule.cases)}",
    ]
    return "\n".join(lines)


def _parameter_lines(catalogue, name, year, lang, words) -> list[str]:
    parameter = catalogue.parameters[name]
    head = f"    {name} ({parameter.description.in_language(lang)})"
    if year is not None:
        value = parameter.values.at(year.first_day)
        shown = format_value(Measured(value, parameter.unit), lang)
        return [f"{head}: {shown} ({words['in_force']} {year.label})"]
    lines = [head + ":"]
    for day, value in parameter.values.entries:
        shown = format_value(Measured(value, parameter.unit), lang)
        lines.append(f"      {words['from']} {day:%Y-%m-%d}: {shown}")
    return lines
