"""Reference data: the menukaart (versioned), the proven-ineffective list and the
labour-market allowance eligibility list.

The menukaart ships in rules/reference/ (a file of the same name in --reference-dir replaces
it). The allowance list does not ship: DUO publishes it per school year, and a sample list
judged as if it were real gave hundreds of false NPO-009 violations. Without one the rules
that read it are not judged and every result says so; a --reference-dir without it is a
usage error, never a silent fallback (report-contract.md).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from compliance.datafiles import DataFileError, UnreadableDataFile, as_date, load_yaml
from compliance.findings import Localized
from compliance.model.domain import Domain
from compliance.rules.dated import Dated
from compliance.wordings import Phrase

MENUKAART_FILE = "menukaart.yaml"
ALLOWANCE_FILE = "arbeidsmarkttoelage.csv"
# The field of rules/facts.py that reads the allowance list: a rule whose conditions name it
# cannot be judged without the list.
ALLOWANCE_FIELD = "on_allowance_list"
NO_ALLOWANCE_LIST = "no_allowance_list"  # why such a rule is not judged (words.py not_judged.*)


class ReferenceDataError(UnreadableDataFile):
    """Reference data a user supplied that cannot be used, worded for that user in Dutch or
    English (words.py ``reference.*``); a rule author's DataFileError stays English."""

    def __init__(self, path: Path, key: str, **values: object) -> None:
        super().__init__(path, Phrase(key, {"path": path, **values}))


def find_allowance_list(reference_dir: Path | None) -> Path | None:
    """The allowance list of ``reference_dir``; None without a folder; a folder without the
    list is refused rather than judged as if no school were eligible."""
    if reference_dir is None:
        return None
    path = reference_dir / ALLOWANCE_FILE
    if not is_reference_file(path):
        raise ReferenceDataError(reference_dir, "reference.missing_file", name=ALLOWANCE_FILE)
    return path


def is_reference_file(path: Path) -> bool:
    """Whether ``path`` is a file; a folder that may be read but not searched (mode 644)
    is told as such, not as a file that is not there."""
    try:
        return path.is_file()
    except OSError as error:
        raise ReferenceDataError(path, "file.cannot_read", detail=error) from None


# The fields of rules/facts.py that read the menukaart's versions (and those starting with
# MENUKAART_PREFIX) and its proven-ineffective list: `rules show` names the reference data
# of a rule whose conditions read them, with where each list comes from.
MENUKAART_FIELDS = ("code_on_menukaart",)
MENUKAART_PREFIX = "menukaart_lines_"
INEFFECTIVE_FIELD = "code_ineffective"


def reads_menukaart_versions(fields: Iterable[str]) -> bool:
    """Whether conditions naming ``fields`` judge a plan by its menukaart version."""
    return any(name in MENUKAART_FIELDS or name.startswith(MENUKAART_PREFIX) for name in fields)


class MenukaartVersion(NamedTuple):
    name: str
    # normalised code → doelgebied letter
    doelgebied_of: dict[str, str]
    names: dict[str, str]
    source: Localized | None = None  # where the version and its date come from


class Menukaart(NamedTuple):
    doelgebieden: dict[str, Localized]
    versions: Dated[MenukaartVersion]
    ineffective: dict[str, str]
    # where the interventions and the proven-ineffective list come from (domain.md,
    # Parameters: every reference list says so); None when a replacement file does not say
    source: Localized | None = None
    ineffective_source: Localized | None = None

    def version_on(self, day: date) -> MenukaartVersion | None:
        return self.versions.at(day)


def normalize_code(code: str | None) -> str | None:
    """Codes compare after trimming white space, case-insensitively."""
    if code is None:
        return None
    return code.strip().upper() or None


def load_menukaart(path: Path) -> Menukaart:
    """The menukaart in ``path``; a file of another shape is refused in one line, a field
    named where one is missing (it may be a reviewer's file in --reference-dir)."""
    data = load_yaml(path)
    try:
        return _menukaart(path, data)
    except KeyError as error:
        raise ReferenceDataError(
            path, "reference.field_missing", field=str(error.args[0])
        ) from None
    except (TypeError, AttributeError, ValueError):
        raise ReferenceDataError(path, "reference.menukaart_shape") from None


def _menukaart(path: Path, data: dict) -> Menukaart:
    doelgebieden = {
        _doelgebied(path, key): Localized(**names) for key, names in data["doelgebieden"].items()
    }
    per_version: dict[str, dict[str, str]] = {str(name): {} for name in data["versions"]}
    names: dict[str, str] = {}
    for code, entry in data["interventions"].items():
        if entry["doelgebied"] not in doelgebieden:
            field = f"interventions.{code}.doelgebied"
            raise ReferenceDataError(path, "reference.unknown_doelgebied", field=field)
        names[normalize_code(code)] = entry["name"]
        for version in map(str, entry["versions"]):
            if version not in per_version:
                field = f"interventions.{code}.versions"
                raise ReferenceDataError(
                    path, "reference.unknown_version", field=field, value=version
                )
            per_version[version][normalize_code(code)] = entry["doelgebied"]
    versions = Dated(
        tuple(
            sorted(
                _version(path, name, spec, per_version[str(name)], names)
                for name, spec in data["versions"].items()
            )
        )
    )
    ineffective = {normalize_code(code): name for code, name in data["ineffective"].items()}
    sources = (
        Localized.optional(data.get("source")),
        Localized.optional(data.get("ineffective_source")),
    )
    return Menukaart(doelgebieden, versions, ineffective, *sources)


def _doelgebied(path: Path, key: object) -> str:
    """A doelgebied's key, which names fields of its own (menukaart_lines_a): letters and
    digits only."""
    if not (isinstance(key, str) and key.isascii() and key.isalnum()):
        raise ReferenceDataError(path, "reference.doelgebied_name", value=key)
    return key


def _version(
    path: Path, name: object, spec: dict, codes: dict[str, str], names: dict[str, str]
) -> tuple[date, MenukaartVersion]:
    """A version as (the day it came into force, the version), with where it comes from."""
    field = f"versions.{name}.in_force_from"
    try:
        day = as_date(spec["in_force_from"], path, field)
    except DataFileError:
        value = spec["in_force_from"]
        raise ReferenceDataError(path, "reference.not_a_date", field=field, value=value) from None
    return day, MenukaartVersion(str(name), codes, names, Localized.optional(spec.get("source")))


def load_allowance_list(path: Path, domain: Domain) -> frozenset[tuple[str, str]]:
    """(school year label, BRIN) pairs of the schools eligible for the allowance."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ReferenceDataError(path, "file.cannot_read", detail=error) from None
    except UnicodeDecodeError:
        raise ReferenceDataError(path, "file.not_utf8") from None
    import csv  # only when the catalogue is loaded from its files (1 ms of a cached start)

    rows = csv.reader(io.StringIO(text))
    try:
        return _eligible(path, rows, domain)
    except csv.Error:  # a cell over the csv module's 128 KiB, or a quote left open
        raise ReferenceDataError(path, "reference.not_csv", line=rows.line_num) from None


def _eligible(path: Path, rows: Iterator[list[str]], domain: Domain) -> frozenset[tuple[str, str]]:
    """The (school year, BRIN) pairs of the rows, each checked against the calendar and
    the BRIN pattern of rules/domain.yaml."""
    header = next(rows, None)
    if header is None or [cell.strip() for cell in header] != ["school_year", "brin"]:
        raise ReferenceDataError(path, "reference.bad_header")
    eligible: set[tuple[str, str]] = set()
    for line_number, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        cells = [cell.strip() for cell in row]
        if len(cells) != 2:
            raise ReferenceDataError(path, "reference.columns", line=line_number)
        year, brin = cells
        if domain.calendar.year_of_label(year) is None:
            raise ReferenceDataError(path, "reference.not_a_year", line=line_number, value=year)
        if not domain.school_pattern.match(brin):
            raise ReferenceDataError(path, "reference.not_a_brin", line=line_number, value=brin)
        eligible.add((year, brin))
    return frozenset(eligible)
