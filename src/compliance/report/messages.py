"""A finding's message: its rule's template with the placeholders filled in, per language."""

from __future__ import annotations

import re

from compliance.findings import Finding
from compliance.report.formatting import format_value
from compliance.rules.catalogue import Catalogue
from compliance.words import say

_PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)\}")


def render_message(finding: Finding, catalogue: Catalogue, lang: str) -> str:
    rule = catalogue.rules[finding.rule]
    return _fill(rule.message.in_language(lang), finding.values, rule.terms, lang)


def render_title(rule_id: str, catalogue: Catalogue, lang: str) -> str:
    return catalogue.rules[rule_id].title.in_language(lang)


def _fill(template: str, values: dict, terms: dict, lang: str, depth: int = 0) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        words = terms.get(name)
        if words is not None and isinstance(value, str) and value in words and depth < 2:
            return _fill(words[value].in_language(lang), values, terms, lang, depth + 1)
        if value == "" and name == "value":
            return say("value.empty", lang)
        return format_value(value, lang)

    return _PLACEHOLDER.sub(replace, template)
