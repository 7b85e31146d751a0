"""A rule as its page and `GET /api/v1/rules/{id}` describe it: what it checks, its
severity and thresholds per school year with where each threshold comes from, the reference
lists it reads (the menukaart's interventions) with theirs, its source passage, and the
documented cases as examples."""

from __future__ import annotations

from datetime import date

from compliance.findings import Measured
from compliance.model.calendar import SchoolYear
from compliance.report.condition_words import condition_words
from compliance.report.formatting import format_date, format_value
from compliance.report.reference_words import ReferenceList, period_provenance, reference_lists
from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import describe_condition, params_of
from compliance.web.examples import ExampleMessage


def rule_summary(rule: Rule, lang: str) -> dict:
    return {
        "id": rule.id,
        "title": rule.title.in_language(lang),
        "severity": rule.severity.entries[0][1],
        "scheme": rule.scheme,
    }


def rule_detail(
    catalogue: Catalogue, rule: Rule, lang: str, today: date, example: ExampleMessage | None
) -> dict:
    """Everything the rule page shows, in plain JSON types (the API answers the same);
    ``example`` is the message filled in from a documented case (``web.examples``)."""
    scheme = catalogue.schemes.get(rule.scheme) if rule.scheme else None
    years = school_years(catalogue, rule, today)
    advice = rule.advice
    return {
        **rule_summary(rule, lang),
        "kind": rule.kind,
        "scheme_title": scheme.title.in_language(lang) if scheme else None,
        "types": sorted(rule.types),
        "period": {
            "from": rule.period.first.isoformat() if rule.period.first else None,
            "until": rule.period.last.isoformat() if rule.period.last else None,
            "provenance": period_provenance(rule, scheme, lang),
        },
        "severities": [
            {"from": day.isoformat() if day and day > date.min else None, "severity": value}
            for day, value in rule.severity.entries
        ],
        "judged_when": describe_condition(rule.judged_when) if rule.judged_when else None,
        "when": describe_condition(rule.when) if rule.when is not None else None,
        # the same conditions in words, as `compliance rules show` prints them
        "judged_when_words": _words(catalogue, rule, rule.judged_when, lang),
        "when_words": _words(catalogue, rule, rule.when, lang),
        "message": rule.message.in_language(lang),
        "example": example._asdict() if example is not None else None,
        "advice": advice.in_language(lang) if advice is not None else None,
        "source": {
            "file": rule.source.get("file"),
            "title": _source_title(catalogue, rule, lang),
            "passage": rule.source.get("passage"),
        },
        "parameters": [_parameter(catalogue, name, years, lang) for name in _names(rule)],
        "reference": [_reference(entry) for entry in reference_lists(catalogue, rule, None, lang)],
        "examples": [_example(case.name.in_language(lang), case.spec) for case in rule.cases],
    }


def _reference(listed: ReferenceList) -> dict:
    """A reference list (``reference_words.ReferenceList``) as plain JSON."""
    entries = [
        {**entry._asdict(), "interventions": [i._asdict() for i in entry.interventions]}
        for entry in listed.entries
    ]
    return {**listed._asdict(), "entries": entries}


def _words(catalogue: Catalogue, rule: Rule, condition, lang: str) -> str | None:
    if condition is None:
        return None
    return condition_words(condition, rule, catalogue, None, lang)


def _source_title(catalogue: Catalogue, rule: Rule, lang: str) -> str | None:
    title = catalogue.sources.get(str(rule.source.get("file", "")))
    return title.in_language(lang) if title is not None else None


def school_years(catalogue: Catalogue, rule: Rule, today: date) -> list[SchoolYear]:
    """The school years the rule judges, from its first (or its parameters' first date)
    through its last, or through the current school year when it has no end."""
    calendar = catalogue.domain.calendar
    starts = [day for name in _names(rule) for day, _ in catalogue.parameters[name].values.entries]
    first = rule.period.first or (min(starts) if starts else None)
    if first is None:
        return []
    last = rule.period.last or calendar.year_containing(today).first_day
    year = calendar.year_containing(first)
    years = []
    while year.first_day <= last:
        years.append(year)
        year = calendar.year_starting(year.first_day.year + 1)
    return years


def _names(rule: Rule) -> list[str]:
    return sorted(params_of(rule.when)) if rule.when is not None else []


def _parameter(catalogue: Catalogue, name: str, years: list[SchoolYear], lang: str) -> dict:
    parameter = catalogue.parameters[name]
    return {
        "name": name,
        "description": parameter.description.in_language(lang),
        "unit": parameter.unit,
        "provenance": parameter.source.in_language(lang),
        "values": [
            {"from": day.isoformat(), "value": str(value)}
            for day, value in parameter.values.entries
        ],
        "per_year": [
            {
                "school_year": year.label,
                "shown": format_value(
                    Measured(parameter.values.at(year.first_day), parameter.unit), lang
                ),
            }
            for year in years
        ],
    }


def _example(name: str, spec: dict) -> dict:
    return {
        "name": name,
        "fires": spec.get("fires"),
        "school_year": spec.get("school_year"),
        "school_type": spec.get("school_type"),
        "facts": {key: _plain(value) for key, value in (spec.get("facts") or {}).items()},
        "omit": list(spec.get("omit") or []),
        "lines": [{k: _plain(v) for k, v in line.items()} for line in spec.get("lines") or []],
    }


def _plain(value: object) -> object:
    """Case values as JSON has them (YAML may give dates or decimals)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def period_text(period: dict, words: dict, lang: str) -> str | None:
    def shown(text: str | None) -> str | None:
        return format_date(date.fromisoformat(text), lang) if text else None

    first, last = shown(period["from"]), shown(period["until"])
    if first and last:
        return words["from_to"].format(first=first, last=last)
    if first:
        return words["from_on"].format(first=first)
    return None
