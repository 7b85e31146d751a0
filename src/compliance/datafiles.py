"""Reading the YAML files of rules/, with errors that name the file and the field."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path


@cache
def _loader() -> type:
    """Safe YAML without implicit timestamps: dates stay the strings the author wrote, so
    rule files validate against a JSON Schema and dates are parsed in one place. Built on
    first use: a run that takes its catalogue from the cache never imports yaml."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def load_yaml(path: Path) -> object:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_loader())
    except OSError as error:
        raise DataFileError(path, None, f"cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataFileError(path, None, f"{line}not valid YAML: {problem}") from None


def as_date(value: object, path: Path, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, field, f"{value!r} is not a date (YYYY-MM-DD)") from None
