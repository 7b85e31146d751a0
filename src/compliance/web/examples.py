"""A rule's message as a filer would read it: the finding of the rule's first documented
case that fires, checked end to end like any upload, its message worded in the page's
language.

Why: the rule file's message is a template ("{external_share} van de NPO-uitgaven ..."),
which a school board reads as a fault of the page; a filled-in message with the case's
numbers shows what the finding will say. Each rule and language is worked out once per
server, on first view, with the python engine in the server process: both engines give the
same findings on every case (tests/test_rule_cases.py), and the durable-rules state lives
only in the check workers.
"""

from __future__ import annotations

from typing import NamedTuple

from compliance.authoring.cases import run_case
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.report.messages import render_message
from compliance.rules.catalogue import Catalogue, Rule, RuleCase


class ExampleMessage(NamedTuple):
    case: str  # the documented case's name, in the language of the message
    message: str


class ExampleMessages:
    """The example message of each rule in each language, made on first use."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._checker: Checker | None = None
        self._made: dict[tuple[str, str], ExampleMessage | None] = {}

    def of(self, rule: Rule, lang: str) -> ExampleMessage | None:
        """None when no case of the rule fires (or its finding has no message)."""
        key = (rule.id, lang)
        if key not in self._made:
            self._made[key] = self._make(rule, lang)
        return self._made[key]

    def _make(self, rule: Rule, lang: str) -> ExampleMessage | None:
        case = next((case for case in rule.cases if _fires(case)), None)
        if case is None:
            return None
        if self._checker is None:
            self._checker = Checker(self._catalogue, make_engine("python"))
        findings = run_case(rule, case, self._checker).findings
        if not findings:
            return None
        message = render_message(findings[0], self._catalogue, lang)
        return ExampleMessage(case.name.in_language(lang), message)


def _fires(case: RuleCase) -> bool:
    """True for a case that expects a finding: ``fires: true``, a count or line numbers."""
    return bool(case.spec.get("fires"))
