"""A rule's condition in words, for `compliance rules show`: each field by what it means
(FieldSpec.describe), each parameter by its value in the school year asked for.

Why not the rule-file syntax: "external_share > param(npo.external_share.signal)" is for
rule authors; a policy officer reading a rule wants "the external share is more than 25%".
The field's name stays beside its meaning in parentheses, so the two can be matched.
"""

from __future__ import annotations

from datetime import date

from compliance.findings import Measured
from compliance.report.formatting import format_value
from compliance.rules.catalogue import Catalogue, Rule
from compliance.rules.conditions import AllOf, AnyOf, Condition, IsReported, ParamRef
from compliance.words import say

_OPERATORS = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def condition_words(
    condition: Condition, rule: Rule, catalogue: Catalogue, day: date | None, lang: str
) -> str:
    """``condition`` in ``lang``; parameters as their value on ``day`` (without a day, by
    their one value if they never changed, else by name)."""
    if isinstance(condition, (AllOf, AnyOf)):
        joiner = say("rules.and" if isinstance(condition, AllOf) else "rules.or", lang)
        parts = [
            f"({condition_words(p, rule, catalogue, day, lang)})"
            if isinstance(p, (AllOf, AnyOf))
            else condition_words(p, rule, catalogue, day, lang)
            for p in condition.parts
        ]
        return f" {joiner} ".join(parts)
    field = field_words(condition.field, rule, catalogue, lang)
    if isinstance(condition, IsReported):
        key = "rules.not_reported" if condition.negated else "rules.reported"
        return say(key, lang, field=field)
    value = condition.value
    if isinstance(value, bool):
        holds = (condition.op == "==") == value
        return say("rules.holds" if holds else "rules.holds_not", lang, field=field)
    shown = _value_words(value, condition.field, rule, catalogue, day, lang)
    return say(f"rules.op_{_OPERATORS[condition.op]}", lang, field=field, value=shown)


def field_words(name: str, rule: Rule, catalogue: Catalogue, lang: str) -> str:
    """What the field means, with its name: "aandeel externe inhuur (external_share)"."""
    spec = catalogue.kinds[rule.fact_kind].fields.get(name) if rule.fact_kind else None
    return f"{spec.describe.in_language(lang)} ({name})" if spec is not None else name


def _value_words(value, field, rule, catalogue, day, lang) -> str:
    if isinstance(value, ParamRef):
        parameter = catalogue.parameters[value.name]
        entries = parameter.values.entries
        if day is not None:
            in_force = parameter.values.at(day)
        else:  # no year asked: a parameter that never changed has one value all the same
            in_force = entries[0][1] if len(entries) == 1 else None
        if in_force is None:
            return value.name
        return f"{format_value(Measured(in_force, parameter.unit), lang)} ({value.name})"
    spec = catalogue.kinds[rule.fact_kind].fields.get(field) if rule.fact_kind else None
    return format_value(Measured(value, spec.unit if spec else "count"), lang)
