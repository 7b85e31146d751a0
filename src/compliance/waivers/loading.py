"""Reading a waivers file into checked ``Waiver`` entries, or one line saying what is wrong.

The YAML is read with every value kept as the text the reviewer wrote (PyYAML's
``BaseLoader``), so that a board number such as ``01234`` is never turned into the number
668 (YAML 1.1 octal) and a date is parsed here, in one way. Each entry is checked field by
field against the catalogue: the board, school and line against the identifier patterns
of rules/domain.yaml, the school year against the calendar, the rule against the rules
there are (a pattern must match at least one), so a typo is a usage error, not a waiver
that silently covers nothing.

Imported only when a waivers file is loaded (``Waivers.load``): PyYAML costs a cold start
some 10 ms that a run without one never needs.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path

import yaml

from compliance.findings import Waiver
from compliance.named_files import read_named
from compliance.rules.catalogue import Catalogue
from compliance.waivers.errors import WaiverFileError
from compliance.words import say

REQUIRED = ("board", "reason", "granted_by", "expires")
NARROWING = ("school", "school_year", "rule", "line")
FIELDS = REQUIRED + NARROWING
_TOP = "waivers"


class _FieldError(ValueError):
    """A field's value that will not do: the words key, and the value as written."""

    def __init__(self, key: str, value: str = "") -> None:
        super().__init__(key)
        self.key, self.value = key, value


def load_waivers(
    path: Path, catalogue: Catalogue, lang: str = "nl", data: bytes | None = None
) -> list[Waiver]:
    """The entries of the waivers file at ``path``, in file order; ``data`` its bytes where
    they have been read already (``read_waivers``)."""
    text = _text(path, read_waivers(path, lang) if data is None else data, lang)
    items = _entries(path, _root(path, text, lang), lang)
    return [
        _waiver(path, number, node, catalogue, lang, text) for number, node in enumerate(items, 1)
    ]


def read_waivers(path: Path, lang: str) -> bytes:
    """The file's bytes, read once: what is applied is what ``Waivers`` fingerprints."""
    try:
        return read_named(path, lang)
    except OSError as error:
        raise WaiverFileError(say("file.cannot_read", lang, path=path, detail=error)) from None


def _text(path: Path, data: bytes, lang: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise WaiverFileError(say("file.not_utf8", lang, path=path)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as a file read as text has it


def _root(path: Path, text: str, lang: str) -> yaml.Node | None:
    # libyaml's composer where PyYAML has it: the pure-Python one took 2.4 minutes over
    # 200,000 entries (its scanner is most of it); it still words a refusal, as
    # yaml_errors.py knows its reasons
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except RecursionError:  # [[[[...]]]]: PyYAML's parser recurses per level
        raise WaiverFileError(say("file.too_deep", lang, path=path)) from None
    except yaml.YAMLError as error:
        from compliance.yaml_errors import reparsed_problem

        compose = partial(yaml.compose, Loader=yaml.BaseLoader)
        raise WaiverFileError(reparsed_problem(path, text, error, compose).say(lang)) from None


def _entries(path: Path, root: yaml.Node | None, lang: str) -> list[yaml.Node]:
    """The nodes of the list under ``waivers:``, the only key at the top."""
    if not isinstance(root, yaml.MappingNode) or [k.value for k, _ in root.value] != [_TOP]:
        raise WaiverFileError(say("waivers.top", lang, path=path))
    items = root.value[0][1]
    if isinstance(items, yaml.ScalarNode) and items.value == "":
        return []  # `waivers:` with nothing under it: no waivers
    if not isinstance(items, yaml.SequenceNode):
        raise WaiverFileError(say("waivers.not_a_list", lang, path=path))
    return items.value


def _waiver(
    path: Path, number: int, node: yaml.Node, catalogue: Catalogue, lang: str, text: str
) -> Waiver:
    where = {"path": path, "entry": str(number), "line": str(node.start_mark.line + 1)}

    def fail(field: str | None, problem: _FieldError) -> WaiverFileError:
        words = say(f"waivers.{problem.key}", lang, value=problem.value, fields=", ".join(FIELDS))
        if field is None:
            return WaiverFileError(say("waivers.entry", lang, problem=words, **where))
        return WaiverFileError(say("waivers.field", lang, field=field, problem=words, **where))

    if not isinstance(node, yaml.MappingNode):
        raise fail(None, _FieldError("not_a_mapping"))
    values: dict[str, str] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):  # `? [board]`: a list or mapping as a key
            raise fail(_as_written(key, text), _FieldError("unknown_field"))
        problem = _shape_problem(key.value, value, values)
        if problem:
            raise fail(key.value, _FieldError(problem))
        values[key.value] = value.value.strip()
    for field in REQUIRED:
        if not values.get(field):
            raise fail(field, _FieldError("required"))
    checked = {}
    for field, text in values.items():
        try:
            checked[field] = _parse(field, text, catalogue)
        except _FieldError as problem:
            raise fail(field, problem) from None
    return Waiver(entry=number, **checked)


def _as_written(node: yaml.Node, text: str) -> str:
    """The node's text in the file, on one line and at most 40 characters."""
    written = " ".join(text[node.start_mark.index : node.end_mark.index].split())
    return written if len(written) <= 40 else written[:39] + "…"


def _shape_problem(field: str, value: yaml.Node, seen: dict) -> str | None:
    """The words key of what is wrong with a field's place in the entry, if anything."""
    if field not in FIELDS:
        return "unknown_field"
    if field in seen:
        return "twice"
    if not isinstance(value, yaml.ScalarNode):
        return "not_single"
    return None


def _parse(field: str, text: str, catalogue: Catalogue) -> object:
    """The field's value in its type; empty narrowing fields mean 'any'. A _FieldError
    says why the text will not do."""
    if field in NARROWING and text in ("", "~", "null"):
        return None
    parse = _PARSERS.get(field)
    return parse(text, catalogue) if parse else text


def _board(text: str, catalogue: Catalogue) -> str:
    return _matching(catalogue.domain.board_pattern.match, "board", text)


def _school(text: str, catalogue: Catalogue) -> str:
    return _matching(catalogue.domain.school_pattern.match, "school", text.upper())


def _school_year(text: str, catalogue: Catalogue) -> str:
    return _matching(catalogue.domain.calendar.year_of_label, "school_year", text)


def _rule(text: str, catalogue: Catalogue) -> str:
    rule_ids = tuple(catalogue.rules)
    return _matching(lambda rule: _names_a_rule(rule, rule_ids), "rule", text.upper())


@cache
def _names_a_rule(pattern: str, rule_ids: tuple[str, ...]) -> bool:
    """Whether ``pattern`` matches a rule id; once per pattern, as a long file repeats a few."""
    return any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in rule_ids)


def _line(text: str, catalogue: Catalogue) -> int:
    return int(_matching(catalogue.domain.line_pattern.match, "line", text))


def _expires(text: str, catalogue: Catalogue) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _FieldError("expires", text) from None


def _matching(test: Callable[[str], object], field: str, text: str) -> str:
    if not test(text):
        raise _FieldError(field, text)
    return text


_PARSERS = {
    "board": _board,
    "school": _school,
    "school_year": _school_year,
    "rule": _rule,
    "line": _line,
    "expires": _expires,
}
