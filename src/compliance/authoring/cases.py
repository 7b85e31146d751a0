"""Run the cases a rule file documents: each becomes a small filing, is checked end to end
(reader, model, engine) and must give exactly the findings of that rule the case expects.

This is how a rule author tests a rule (``compliance rules test ID``) and how the test suite
tests every rule, with both engines.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.authoring.instance_writer import write_instance
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.findings import Localized
from compliance.rules.catalogue import Catalogue, Rule, RuleCase
from compliance.words import count, say


@dataclass(frozen=True)
class CaseOutcome:
    rule: str
    case: Localized  # the case's name, shown in the reader's language
    passed: bool
    expected: str  # what the case expects, in the language asked (``run_case``)
    got: str  # what the check gave, likewise
    findings: tuple  # the rule's findings on the case's filing


def case_filing(case: RuleCase) -> dict:
    """The board description (for the instance writer) a case stands for."""
    spec = case.spec
    facts = {k: v for k, v in (spec.get("facts") or {}).items() if k not in spec.get("omit", [])}
    year = spec["school_year"]  # defaults come from the rule-file schema
    school = {
        "brin": spec["school"],
        "type": spec["school_type"],
        "name": "Casusschool",
        "years": {
            year: {
                "facts": facts,
                "lines": spec.get("lines") or [],
                "duplicates": spec.get("duplicates") or {},
                "line_numbers": spec.get("line_numbers") or [],
            }
        },
    }
    if spec.get("period"):
        school["period"] = spec["period"]
    return {
        "board": spec["board"],
        "name": "Stichting Casus",
        "currency": spec["currency"],
        "scheme": spec.get("scheme"),
        "schools": [school],
        "extra_xml": spec.get("extra_xml", ""),
    }


def run_case(rule: Rule, case: RuleCase, checker: Checker, lang: str = "en") -> CaseOutcome:
    """The case checked; what it expects and what it got are worded in ``lang``, as
    `compliance rules test` prints them beside the case's name."""
    data = write_instance(case_filing(case), checker.taxonomy)
    case_checker = _with_allowance_list(checker, case)
    result = case_checker.check_bytes(data, f"{rule.id}: {case.id}")
    findings = tuple(f for f in result.findings if f.rule == rule.id)
    expected = case.spec["fires"]
    if isinstance(expected, list):
        got_lines = sorted(f.line for f in findings)
        passed = got_lines == sorted(expected) and all(f.line is not None for f in findings)
        want, got = _on_lines(sorted(expected), lang), _on_lines(got_lines, lang)
    else:
        wanted = int(expected)  # true is one finding, false none
        passed = len(findings) == wanted
        want, got = _findings(wanted, lang), _findings(len(findings), lang)
    severity = case.spec.get("severity")
    if severity and passed:
        severities = sorted({f.severity for f in findings})
        passed = severities == [severity]
        want, got = _with_severity(want, [severity], lang), _with_severity(got, severities, lang)
    if result.status == "unreadable":
        passed, got = False, say("cases.unreadable", lang, error=result.error_text(lang))
    return CaseOutcome(rule.id, case.name, passed, want, got, findings)


def _findings(n: int, lang: str) -> str:
    return say("cases.no_finding", lang) if n == 0 else count(n, "finding", lang)


def _on_lines(lines: list, lang: str) -> str:
    if not lines:
        return say("cases.no_finding", lang)
    key = "cases.on_line" if len(lines) == 1 else "cases.on_lines"
    return say(key, lang, lines=", ".join(map(str, lines)))


def _with_severity(what: str, severities: list[str], lang: str) -> str:
    named = ", ".join(say(f"severity.{severity}", lang) for severity in severities)
    return say("cases.with_severity", lang, what=what, severity=named)


def run_cases(
    catalogue: Catalogue, checker: Checker, rule_ids: list[str] | None = None, lang: str = "en"
):
    """Every outcome of every case of the rules named (default: all), in id order."""
    for rule_id in sorted(rule_ids or catalogue.rules):
        rule = catalogue.rules[rule_id]
        for case in rule.cases:
            yield run_case(rule, case, checker, lang)


def _with_allowance_list(checker: Checker, case: RuleCase) -> Checker:
    """The checker itself, or a twin judging with the case's own eligibility list: its
    catalogue has the rules that read the list in force, so it compiles books of its own on
    an engine of its own (the engine knows books by name). One twin per list and checker."""
    rows = case.spec.get("allowance_list")
    if rows is None:
        return checker
    eligible = frozenset(tuple(row.split(",", 1)) for row in rows)
    twins = vars(checker).setdefault("_case_twins", {})
    if eligible not in twins:
        catalogue = checker.catalogue.with_allowance_list(eligible)
        twins[eligible] = Checker(catalogue, make_engine(checker.engine.name), checker.limits)
    return twins[eligible]
