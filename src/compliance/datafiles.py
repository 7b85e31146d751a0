"""Reading the YAML files of rules/, with errors that name the file and the field."""

from __future__ import annotations

import math
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.resources import schemas_dir
from compliance.wordings import Phrase

if TYPE_CHECKING:
    import jsonschema

# The schema whose $defs (texts, dates, periods, conditions) the other files' schemas share.
RULE_SCHEMA = "rule.schema.json"


@cache
def _loader(compiled: bool = True) -> type:
    """Safe YAML without implicit timestamps: dates stay the strings the author wrote, so
    rule files validate against a JSON Schema and dates are parsed in one place. Built on
    first use: a run that takes its catalogue from the cache never imports yaml. The
    pure-Python loader (``compiled=False``) reads only a file libyaml refused, for PyYAML's
    reason, which yaml_errors.py knows how to word."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if compiled else yaml.SafeLoader
    loader = type("_Loader", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in base.yaml_implicit_resolvers.items()
    }
    return loader


class DataFileError(Exception):
    """A file of rules/ that cannot be used; says which file and which field."""

    def __init__(self, path: Path, field: str | None, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        where = f"{path}: field '{field}'" if field else str(path)
        super().__init__(f"{where}: {problem}")


class UnreadableDataFile(DataFileError):
    """A data file that cannot be read as YAML text at all, or reference data a user
    supplied that will not do: worded from the table (``phrase``), so that a menukaart or
    allowance list in --reference-dir is told in its user's language; ``str`` is English."""

    def __init__(self, path: Path, phrase: Phrase) -> None:
        self.phrase = phrase
        super().__init__(path, None, self.describe("en").removeprefix(f"{path}: "))

    def describe(self, lang: str) -> str:
        return self.phrase.say(lang)


def load_yaml(path: Path) -> object:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        unreadable = Phrase("file.cannot_read", {"path": path, "detail": error})
        raise UnreadableDataFile(path, unreadable) from None
    except UnicodeDecodeError:
        raise UnreadableDataFile(path, Phrase("file.not_utf8", {"path": path})) from None
    try:
        return yaml.load(text, Loader=_loader())
    except RecursionError:  # [[[[...]]]]: the constructor recurses per level
        raise UnreadableDataFile(path, Phrase("file.too_deep", {"path": path})) from None
    except yaml.YAMLError as error:
        raise UnreadableDataFile(path, _syntax_problem(path, text, error)) from None


def _syntax_problem(path: Path, text: str, error: Exception) -> Phrase:
    """The reason PyYAML's own parser gives for ``text`` (libyaml words it otherwise)."""
    import yaml

    from compliance.yaml_errors import reparsed_problem

    return reparsed_problem(path, text, error, partial(yaml.load, Loader=_loader(compiled=False)))


def load_checked(path: Path, schema_name: str) -> object:
    """The YAML in ``path``, refused unless it is valid against ``schemas/<schema_name>``
    (with the most telling error, naming its field): the code that reads it then finds
    every field it needs, of the type it needs."""
    from jsonschema.exceptions import best_match

    data = load_yaml(path)
    try:
        error = best_match(_validator(schema_name).iter_errors(data))
    except RecursionError:  # jsonschema descends by recursion, some frames per level
        raise UnreadableDataFile(path, Phrase("file.too_deep", {"path": path})) from None
    if error is None:
        return data
    field = ".".join(str(part) for part in error.absolute_path) or None
    shown = repr(error.instance)
    expected = error.schema.get("x-expected") if isinstance(error.schema, dict) else None
    if expected:  # what is meant, not the regular expression or the alternatives that say it
        message = f"{_shortened(shown, shown)} is not {expected}"
    else:
        message = _shortened(error.message, shown)
    if error.validator == "type" and _is_non_finite(error.instance):
        message = f"{error.instance} is not a finite number"
    raise DataFileError(path, field, message)


def _shortened(message: str, shown: str) -> str:
    """``message`` in at most about 200 characters, its reason kept: jsonschema starts most
    messages with the value it refused, which can be a long condition, so that is cut first."""
    if len(message) >= 200 and len(shown) > 80 and message.startswith(shown):
        message = f"{shown[:60]}…{shown[-1]}{message[len(shown) :]}"
    return message if len(message) < 200 else message[:200] + "…"


@cache
def schema(name: str) -> dict:
    import json  # only when files are validated, not on a cached start

    return json.loads((schemas_dir() / name).read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for ``schemas/<name>``, which may use the rule schema's $defs. A number
    is one JSON can hold, finite: YAML's .inf and .nan are no threshold, share or amount,
    and Decimal arithmetic and the workbook refuse them long after loading."""
    import jsonschema  # only here: a catalogue taken from the cache is not validated again
    from referencing import Registry, Resource

    base = jsonschema.Draft202012Validator
    numbers = base.TYPE_CHECKER.redefine("number", _is_finite_number)
    validator = jsonschema.validators.extend(base, type_checker=numbers)
    shared = schema(RULE_SCHEMA)
    registry = Registry().with_resource(shared["$id"], Resource.from_contents(shared))
    return validator(schema(name), registry=registry)


def _is_finite_number(checker: object, instance: object) -> bool:
    if isinstance(instance, float):
        return math.isfinite(instance)
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_non_finite(instance: object) -> bool:
    return isinstance(instance, float) and not math.isfinite(instance)


def as_date(value: object, path: Path, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, field, f"{value!r} is not a date (YYYY-MM-DD)") from None
