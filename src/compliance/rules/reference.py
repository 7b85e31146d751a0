"""Reference data: the menukaart (versioned), the proven-ineffective list and the
labour-market allowance eligibility list. Each comes from a file of rules/reference/, which a
file of the same name in --reference-dir replaces.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from compliance.datafiles import DataFileError, as_date, load_yaml
from compliance.findings import Localized
from compliance.model.domain import Domain
from compliance.rules.dated import Dated

MENUKAART_FILE = "menukaart.yaml"
ALLOWANCE_FILE = "arbeidsmarkttoelage.csv"


@dataclass(frozen=True)
class MenukaartVersion:
    name: str
    # normalised code → doelgebied letter
    doelgebied_of: dict[str, str]
    names: dict[str, str]


@dataclass(frozen=True)
class Menukaart:
    doelgebieden: dict[str, Localized]
    versions: Dated[MenukaartVersion]
    ineffective: dict[str, str]

    def version_on(self, day: date) -> MenukaartVersion | None:
        return self.versions.at(day)


def normalize_code(code: str | None) -> str | None:
    """Codes compare after trimming white space, case-insensitively."""
    if code is None:
        return None
    return code.strip().upper() or None


def load_menukaart(path: Path) -> Menukaart:
    data = load_yaml(path)
    try:
        doelgebieden = {key: Localized(**names) for key, names in data["doelgebieden"].items()}
        per_version: dict[str, dict[str, str]] = {name: {} for name in data["versions"]}
        names: dict[str, str] = {}
        for code, entry in data["interventions"].items():
            if entry["doelgebied"] not in doelgebieden:
                raise DataFileError(path, f"interventions.{code}.doelgebied", "unknown doelgebied")
            names[normalize_code(code)] = entry["name"]
            for version in entry["versions"]:
                per_version[str(version)][normalize_code(code)] = entry["doelgebied"]
        versions = Dated(
            tuple(
                sorted(
                    (
                        as_date(spec["in_force_from"], path, f"versions.{name}.in_force_from"),
                        MenukaartVersion(str(name), per_version[name], names),
                    )
                    for name, spec in data["versions"].items()
                )
            )
        )
        ineffective = {normalize_code(code): name for code, name in data["ineffective"].items()}
    except (KeyError, TypeError) as error:
        raise DataFileError(path, str(error).strip("'"), "missing or malformed") from None
    return Menukaart(doelgebieden, versions, ineffective)


def load_allowance_list(path: Path, domain: Domain) -> frozenset[tuple[str, str]]:
    """(school year label, BRIN) pairs of the schools eligible for the allowance."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(path, None, f"cannot read: {error}") from None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or [cell.strip() for cell in header] != ["school_year", "brin"]:
        raise DataFileError(path, None, "line 1: the header must be 'school_year,brin'")
    eligible: set[tuple[str, str]] = set()
    for line_number, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        cells = [cell.strip() for cell in row]
        if len(cells) != 2:
            raise DataFileError(path, None, f"line {line_number}: expected 2 columns")
        year, brin = cells
        if domain.calendar.year_of_label(year) is None:
            raise DataFileError(path, None, f"line {line_number}: {year!r} is not a school year")
        if not domain.school_pattern.match(brin):
            raise DataFileError(path, None, f"line {line_number}: {brin!r} is not a BRIN")
        eligible.add((year, brin))
    return frozenset(eligible)
