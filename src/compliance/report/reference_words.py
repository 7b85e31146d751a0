"""The reference lists a rule reads, in words, each with where it comes from (domain.md,
Parameters: every reference list says so): the menukaart's versions with their
interventions, the proven-ineffective codes, the allowance list given or that none was;
and where the period of the rule's scheme comes from (the schemes' starts are parameters).

One description for every view of a rule: `compliance rules show` prints it as indented
lines, the rule page and the API's rule detail show it as lists and tables, so that a board
told "code B17 is not on the menukaart" can look up what is on it, and where that comes from.
"""

from __future__ import annotations

from typing import NamedTuple

from compliance.findings import Localized
from compliance.model.calendar import SchoolYear
from compliance.report.formatting import format_date
from compliance.rules.catalogue import Catalogue, Rule, Scheme
from compliance.rules.conditions import fields_of
from compliance.rules.reference import (
    ALLOWANCE_FIELD,
    ALLOWANCE_FILE,
    INEFFECTIVE_FIELD,
    MENUKAART_FILE,
    Menukaart,
    MenukaartVersion,
    reads_menukaart_versions,
)
from compliance.words import say


class Intervention(NamedTuple):
    code: str
    name: str
    doelgebied: str  # "B: effectievere inzet van onderwijs"


class Entry(NamedTuple):
    """One part of a list (a menukaart version), with its own provenance."""

    text: str
    provenance: str | None = None
    interventions: tuple[Intervention, ...] = ()


class ReferenceList(NamedTuple):
    title: str
    provenance: str
    entries: tuple[Entry, ...] = ()


def reference_lists(
    catalogue: Catalogue, rule: Rule, year: SchoolYear | None, lang: str
) -> list[ReferenceList]:
    """The lists ``rule``'s conditions read; with ``year``, only the menukaart version in
    force in it."""
    read = set(fields_of(rule.when) if rule.when is not None else [])
    lists = []
    if reads_menukaart_versions(read):
        lists.append(_menukaart(catalogue.menukaart, year, lang))
    if INEFFECTIVE_FIELD in read:
        menukaart = catalogue.menukaart
        codes = ", ".join(sorted(menukaart.ineffective))
        title = say("rules.ineffective", lang, file=MENUKAART_FILE, codes=codes)
        lists.append(ReferenceList(title, provenance(menukaart.ineffective_source, lang)))
    if ALLOWANCE_FIELD in read:
        lists.append(_allowance(catalogue, lang))
    return lists


def period_provenance(rule: Rule, scheme: Scheme | None, lang: str) -> str | None:
    """Where the scheme's period comes from, when the rule keeps the scheme's period."""
    if scheme is None or scheme.period_source is None or rule.period != scheme.period:
        return None
    return scheme.period_source.in_language(lang)


def provenance(source: Localized | None, lang: str) -> str:
    """Where a list comes from; a replacement file that does not say is shown as such,
    never as if the shipped file's provenance held for it."""
    return say("rules.no_provenance", lang) if source is None else source.in_language(lang)


def _menukaart(menukaart: Menukaart, year: SchoolYear | None, lang: str) -> ReferenceList:
    entries = menukaart.versions.entries
    if year is not None:
        version = menukaart.version_on(year.first_day)
        entries = tuple((day, v) for day, v in entries if v is version)
    shown = tuple(_version(menukaart, version, day, lang) for day, version in entries)
    if year is not None and not entries:
        shown = (Entry(say("rules.no_value", lang, year=year.label)),)
    title = say("rules.menukaart", lang, file=MENUKAART_FILE)
    return ReferenceList(title, provenance(menukaart.source, lang), shown)


def _version(menukaart: Menukaart, version: MenukaartVersion, day, lang: str) -> Entry:
    count = len(version.doelgebied_of)
    text = say(
        "rules.menukaart_version", lang, name=version.name, day=format_date(day, lang), count=count
    )
    interventions = tuple(
        Intervention(code, version.names.get(code, ""), _doelgebied(menukaart, letter, lang))
        for code, letter in version.doelgebied_of.items()  # in the file's order
    )
    return Entry(text, provenance(version.source, lang), interventions)


def _doelgebied(menukaart: Menukaart, letter: str, lang: str) -> str:
    name = menukaart.doelgebieden.get(letter)
    return f"{letter}: {name.in_language(lang)}" if name is not None else letter


def _allowance(catalogue: Catalogue, lang: str) -> ReferenceList:
    given = catalogue.allowance_list
    if given is None:
        title = say("rules.allowance_missing", lang, file=ALLOWANCE_FILE)
    else:
        title = say("rules.allowance_given", lang, file=ALLOWANCE_FILE, count=len(given))
    return ReferenceList(title, say("rules.allowance_provenance", lang))
