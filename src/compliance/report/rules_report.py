"""`compliance rules list` and `rules show`: the catalogue explained to the people who use it."""

from __future__ import annotations

from compliance.findings import Measured
from compliance.model.calendar import SchoolYear
from compliance.report.condition_words import condition_words
from compliance.report.formatting import format_date, format_value
from compliance.report.reference_words import period_provenance, reference_lists
from compliance.rules.catalogue import Catalogue, Rule, Scheme
from compliance.rules.conditions import fields_of, params_of
from compliance.rules.dated import Period
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
    """What the rule checks, in words; with ``year``, the values in force then, or that the
    rule does not apply that year (never a limit "in force" for a year it has no force)."""
    applies = year is None or rule.kind == "structural" or rule.period.contains(year.first_day)
    day = year.first_day if year is not None and applies else None
    lines = [f"{rule.id}  {rule.title.in_language(lang)}", ""]
    if not applies:
        period = _period_words(rule.period, lang)
        lines += [f"  {say('rules.not_in_year', lang, year=year.label, period=period)}", ""]
    if rule.kind == "structural":
        lines.append(f"  {say('rules.structural', lang)}")
    else:
        lines += _plan_rule_lines(catalogue, rule, day, lang)
    lines.append(f"  {say('rules.severity', lang)}: {severity_text(rule, lang)}")
    names = sorted(params_of(rule.when)) if rule.when is not None else []
    if names:
        lines.append(f"  {say('rules.parameters', lang)}:")
        for name in names:
            lines.extend(_parameter_lines(catalogue, name, year if applies else None, lang))
    lines += _reference_lines(catalogue, rule, year if applies else None, lang)
    lines += [
        f"  {say('rules.message', lang)}: {rule.message.in_language(lang)}",
        f"  {say('rules.source', lang)}: {_source_words(catalogue, rule, lang)}",
        f"  {say('rules.cases', lang)}: {len(rule.cases)}",
    ]
    return "\n".join(lines)


def _plan_rule_lines(catalogue: Catalogue, rule: Rule, day, lang: str) -> list[str]:
    scheme = catalogue.schemes[rule.scheme]
    judged = (
        condition_words(rule.judged_when, rule, catalogue, day, lang)
        if rule.judged_when
        else say("rules.always", lang)
    )
    lines = [
        f"  {say('rules.scheme', lang)}: {scheme.title.in_language(lang)} ({scheme.id})",
        f"  {say('rules.types', lang)}: {', '.join(sorted(rule.types))}",
        f"  {say('rules.period', lang)}: {_period_words(rule.period, lang)}",
        *_period_provenance(rule, scheme, lang),
        f"  {say('rules.judged_when', lang)}: {judged}",
        f"  {say('rules.fires', lang)}: {condition_words(rule.when, rule, catalogue, day, lang)}",
        f"  {say('rules.fields', lang)}:",
    ]
    fields = catalogue.kinds[rule.fact_kind].fields
    used = fields_of(rule.when) + (fields_of(rule.judged_when) if rule.judged_when else [])
    for name in dict.fromkeys(used):
        if name in fields:
            lines.append(f"    {name}: {fields[name].describe.in_language(lang)}")
    return lines


def _period_provenance(rule: Rule, scheme: Scheme, lang: str) -> list[str]:
    source = period_provenance(rule, scheme, lang)
    return [] if source is None else [f"    {say('rules.provenance', lang, source=source)}"]


def _period_words(period: Period, lang: str) -> str:
    first = format_date(period.first, lang) if period.first else say("rules.open", lang)
    last = format_date(period.last, lang) if period.last else say("rules.open", lang)
    return f"{first} – {last}"


def _source_words(catalogue: Catalogue, rule: Rule, lang: str) -> str:
    """The cited document by its title (its file name beside it), then the passage."""
    file = str(rule.source.get("file", ""))
    title = catalogue.sources.get(file)
    if title is None:
        return f"{file}: “{rule.source.get('passage', '')}”"
    document = say("rules.source_of", lang, title=title.in_language(lang), file=file)
    return f"{document}: “{rule.source.get('passage', '')}”"


def _parameter_lines(catalogue, name, year, lang) -> list[str]:
    """The parameter's values (or the one in force in ``year``), and beside them where the
    value comes from: a seed passage, or that it is the agency's convention (domain.md,
    Parameters: "`rules show` prints that provenance beside the value")."""
    parameter = catalogue.parameters[name]
    head = f"    {name} ({parameter.description.in_language(lang)})"
    provenance = f"      {say('rules.provenance', lang, source=parameter.source.in_language(lang))}"
    if year is not None:
        value = parameter.values.at(year.first_day)
        if value is None:
            return [f"{head}: {say('rules.no_value', lang, year=year.label)}", provenance]
        shown = format_value(Measured(value, parameter.unit), lang)
        return [f"{head}: {shown} ({say('rules.in_force', lang)} {year.label})", provenance]
    lines = [head + ":"]
    for day, value in parameter.values.entries:
        shown = format_value(Measured(value, parameter.unit), lang)
        lines.append(f"      {say('rules.from', lang)} {format_date(day, lang)}: {shown}")
    return [*lines, provenance]


def _reference_lines(catalogue: Catalogue, rule: Rule, year, lang: str) -> list[str]:
    """The reference lists the rule's conditions read (``reference_lists``), indented, each
    followed by where it comes from."""
    lines: list[str] = []
    for listed in reference_lists(catalogue, rule, year, lang):
        lines.append(f"    {listed.title}:" if listed.entries else f"    {listed.title}")
        for entry in listed.entries:
            lines.append(f"      {entry.text}")
            if entry.provenance is not None:
                lines.append(f"        {say('rules.provenance', lang, source=entry.provenance)}")
        lines.append(f"      {say('rules.provenance', lang, source=listed.provenance)}")
    return [f"  {say('rules.reference', lang)}:", *lines] if lines else []
