"""The monitoring figures as the ministry counts them (domain.md, "Monitoring summary"):
boards rather than plans, sectors rather than school types, personnel against the rest, and
the funds received beside the national amounts, each with the published figure beside it.

What is counted and what was published are data (``rules/monitoring.yaml``, ``ministry`` and
``published`` parts); this module names no rule, sector or figure itself. A board's part is
counted per filing (``monitoring.Contributor``) under the school type ``BOARD``, so it
travels and adds up like every other monitoring cell; sectors and the personnel split are
sums of the plan cells, made when the summary is written (``ministry_figures``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compliance.datafiles import DataFileError
from compliance.findings import Localized
from compliance.judging import PlanOutcome
from compliance.rules.catalogue import Catalogue

BOARD = ""  # the "school type" a board's own cell is counted under
_PLACES = 6


@dataclass(frozen=True)
class Published:
    """A figure the ministry published: its value (a share or an amount in euro), where it
    comes from, the year as published and what was counted."""

    key: str  # the rule, the sector, or "" for figures of the whole batch
    school_year: str
    value: float
    published_year: str
    source: str
    population: Localized

    def as_json(self, lang: str | None = None) -> dict:
        return {
            "value": self.value,
            "published_year": self.published_year,
            "source": self.source,
            "population": (
                {"nl": self.population.nl, "en": self.population.en}
                if lang is None
                else self.population.in_language(lang)
            ),
        }


@dataclass(frozen=True)
class Ministry:
    """The ``board_shares`` ... ``published`` parts of ``monitoring.yaml``."""

    board_rules: tuple[str, ...]
    sector_rule: str
    sectors: dict[str, tuple[tuple[str, ...], Localized]]  # sector → (school types, name)
    personnel_category: str
    funds_kind: str
    funds_population: str
    funds_field: str
    published: dict[str, tuple[Published, ...]]  # figure → published values


def load_ministry(data: dict, catalogue: Catalogue, path: Path) -> Ministry:
    """The ministry's part of a monitoring definition (valid against its schema), every name
    checked."""
    sectors = data["sector_shares"]
    funds = data["funds_received"]
    sources = data["published"]["sources"]
    ministry = Ministry(
        board_rules=tuple(data["board_shares"]["rules"]),
        sector_rule=sectors["rule"],
        sectors={
            name: (tuple(entry["types"]), Localized(nl=entry["nl"], en=entry["en"]))
            for name, entry in sectors["sectors"].items()
        },
        personnel_category=data["personnel_split"]["category"],
        funds_kind=funds["kind"],
        funds_population=funds["population"],
        funds_field=funds["field"],
        published={
            figure: tuple(
                _published(entry, sources, path, f"published.{figure}.{index}")
                for index, entry in enumerate(entries)
            )
            for figure, entries in data["published"].items()
            if figure != "sources"
        },
    )
    _check(ministry, catalogue, path)
    return ministry


def _published(entry: dict, sources: dict, path: Path, where: str) -> Published:
    source = sources.get(entry["source"])
    if source is None:
        raise DataFileError(
            path, f"{where}.source", f"{entry['source']!r} is not in published.sources"
        )
    return Published(
        key=entry.get("rule") or entry.get("sector") or "",
        school_year=entry["school_year"],
        value=float(entry["share"] if "share" in entry else entry["amount"]),
        published_year=str(entry["published_year"]),
        source=source,
        population=Localized(**entry["population"]),
    )


def _check(ministry: Ministry, catalogue: Catalogue, path: Path) -> None:
    def fail(problem: str) -> None:
        raise DataFileError(path, None, problem)

    for rule in (*ministry.board_rules, ministry.sector_rule, ministry.funds_population):
        if rule not in catalogue.rules:
            fail(f"the rule catalogue has no rule {rule}")
    for types, _ in ministry.sectors.values():
        for code in types:
            if code not in catalogue.domain.school_types:
                fail(f"the domain has no school type {code}")
    kind = catalogue.kinds.get(ministry.funds_kind)
    if kind is None or ministry.funds_field not in kind.fields:
        fail(f"{ministry.funds_kind} has no field {ministry.funds_field}")
    known = {
        "board_shares": set(ministry.board_rules),
        "sector_shares": set(ministry.sectors),
        "personnel_split": {""},
        "funds_received": {""},
    }
    for figure, entries in ministry.published.items():
        if figure not in known:
            fail(f"published figures for an unknown figure {figure}")
        for entry in entries:
            if entry.key not in known[figure]:
                fail(f"published {figure} names {entry.key}, which the definition does not count")


def counts_funds(ministry: Ministry, plan: PlanOutcome) -> bool:
    """Whether the plan's funds received count in the batch's sum for its school year."""
    return plan.kind == ministry.funds_kind and ministry.funds_population in plan.judged


def ministry_figures(totals: dict, ministry: Ministry) -> dict:
    """The four figures per school year, each with what was published beside it.

    ``totals`` is the nested form of the added-up cells (``Layout.nested``)."""
    published = ministry.published
    return {
        "board_shares": _board_shares(totals, ministry, published.get("board_shares", ())),
        "sector_shares": _sector_shares(totals, ministry, published.get("sector_shares", ())),
        "personnel_split": _personnel(totals, ministry, published.get("personnel_split", ())),
        "funds_received": _funds(totals, published.get("funds_received", ())),
    }


def _beside(published: tuple[Published, ...], key: str, year: str) -> dict | None:
    for entry in published:
        if entry.key == key and entry.school_year == year:
            return entry.as_json()
    return None


def _years(totals: dict, published: tuple[Published, ...]) -> list[str]:
    return sorted(set(totals) | {entry.school_year for entry in published})


def _board_shares(totals: dict, ministry: Ministry, published: tuple[Published, ...]) -> list:
    rows = []
    for year in _years(totals, published):
        boards = totals.get(year, {}).get(BOARD, {}).get("boards", {})
        for rule in ministry.board_rules:
            judged, complied = boards.get(rule, (0, 0))
            beside = _beside(published, rule, year)
            if judged or beside:
                rows.append(
                    {
                        "school_year": year,
                        "rule": rule,
                        "boards": judged,
                        "complying": complied,
                        "share": share(complied, judged),
                        "published": beside,
                    }
                )
    return rows


def _sector_shares(totals: dict, ministry: Ministry, published: tuple[Published, ...]) -> list:
    rows = []
    for year in _years(totals, published):
        cells = totals.get(year, {})
        for sector, (types, _) in ministry.sectors.items():
            judged = complied = 0
            for school_type in types:
                entry = cells.get(school_type, {}).get("process", {}).get(ministry.sector_rule)
                if entry:
                    judged, complied = judged + entry[0], complied + entry[1]
            beside = _beside(published, sector, year)
            if judged or beside:
                rows.append(
                    {
                        "school_year": year,
                        "sector": sector,
                        "rule": ministry.sector_rule,
                        "schools": judged,
                        "complying": complied,
                        "share": share(complied, judged),
                        "published": beside,
                    }
                )
    return rows


def _personnel(totals: dict, ministry: Ministry, published: tuple[Published, ...]) -> list:
    rows = []
    for year in _years(totals, published):
        personnel = everything = 0
        for school_type, cell in totals.get(year, {}).items():
            if school_type == BOARD:
                continue
            cents = cell.get("spending", {}).get("cents", {})
            personnel += cents.get(ministry.personnel_category, 0)
            everything += sum(cents.values())
        beside = _beside(published, "", year)
        if everything or beside:
            rows.append(
                {
                    "school_year": year,
                    "personnel": personnel / 100 if everything else None,
                    "other": (everything - personnel) / 100 if everything else None,
                    "personnel_share": share(personnel, everything),
                    "published": beside,
                }
            )
    return rows


def _funds(totals: dict, published: tuple[Published, ...]) -> list:
    rows = []
    for year in _years(totals, published):
        plans = cents = 0
        for school_type, cell in totals.get(year, {}).items():
            if school_type != BOARD:
                funds = cell.get("funds", {})
                plans += funds.get("plans", 0)
                cents += funds.get("cents", 0)
        beside = _beside(published, "", year)
        if plans or beside:
            national = beside["value"] if beside else None
            rows.append(
                {
                    "school_year": year,
                    "plans": plans,
                    "amount": cents / 100 if plans else None,
                    "national": national,
                    "share_of_national": round(cents / 100 / national, _PLACES)
                    if national and plans
                    else None,
                    "published": beside,
                }
            )
    return rows


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to six places; None (not 0) when there is nothing to divide."""
    return round(part / whole, _PLACES) if whole else None
