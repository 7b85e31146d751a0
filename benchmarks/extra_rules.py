"""A copy of the rule catalogue with N generated extra rules, to see how cost grows with
the number of rules. Each extra rule is a valid rule file (schema, fields, two cases)
comparing one field of a scheme's plan or line with a threshold drawn so that some fire.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from compliance.resources import rules_dir
from compliance.rules import load_catalogue

# Upper ends of number fields by unit: a threshold near the top fires on few plans, as a
# real rule does (most plans comply); a rule that fired everywhere would measure the cost of
# writing findings, not of judging.
_TOPS = {"amount": 1_000_000, "ratio": 1.0, "count": 8, "hours": 30, "days": 365}


def write_extra_rules(destination: Path, count: int, seed: int = 1) -> Path:
    """Copy the shipped rules/ to ``destination`` and add ``count`` rules in extra/."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(rules_dir(), destination)
    catalogue = load_catalogue(destination)
    rng = random.Random(seed)
    kinds = [kind for kind in catalogue.kinds.values() if kind.engine_fields]
    (destination / "extra").mkdir()
    for number in range(1, count + 1):
        kind = kinds[number % len(kinds)]
        rule_id = f"XTR-{number:03d}"
        rule = {
            "id": rule_id,
            "scheme": kind.scheme,
            "about": kind.about,
            "title": {"nl": f"Extra regel {number}", "en": f"Extra rule {number}"},
            "severity": "warning",
            "when": _condition(rng, kind.engine_fields),
            "message": {"nl": f"Extra regel {number} is geraakt.", "en": f"Extra rule {number}."},
            "source": {"file": "benchmark", "passage": "generated to measure rule scaling"},
            "cases": [{"name": "a", "fires": False}, {"name": "b", "fires": False}],
        }
        path = destination / "extra" / f"{rule_id}.yaml"
        path.write_text(yaml.safe_dump(rule, allow_unicode=True, sort_keys=False))
    return destination


def _condition(rng: random.Random, fields) -> dict:
    """A high threshold on a number field, and a test of any field: both are evaluated on
    every fact of the kind, and together they hold for few plans."""
    numbers = [spec for spec in fields if spec.type == "number"]
    high = rng.choice(numbers)
    other = rng.choice(fields)
    tests = [f"{high.name} > {round(_TOPS.get(high.unit, 100) * rng.uniform(0.85, 1.0), 2)}"]
    if other.type == "bool":
        tests.append(f"{other.name} is {rng.choice(['true', 'not true'])}")
    else:
        tests.append(f"{other.name} >= 0")
    return {"all": tests}
