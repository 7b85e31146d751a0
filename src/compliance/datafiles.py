"""Reading the YAML files of rules/, with errors that name the file and the field."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from compliance.wordings import Phrase


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

    from compliance.yaml_errors import problem

    try:
        yaml.load(text, Loader=_loader(compiled=False))
    except yaml.YAMLError as python_error:
        error = python_error
    except RecursionError:  # libyaml stops at a depth; PyYAML's parser recurses on
        return Phrase("file.too_deep", {"path": path})
    return problem(path, error, text)


def as_date(value: object, path: Path, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, field, f"{value!r} is not a date (YYYY-MM-DD)") from None
