"""The monitoring summary's figures (domain.md, "Monitoring summary"), per filing.

What is counted is data (``rules/monitoring.yaml``), checked against the rule catalogue when a
batch starts. Each worker reduces a filing's per-plan outcomes to a small contribution of
counts and cents per school year and school type; contributions add up (``add_into``), so
a result reused by ``--resume`` contributes exactly what it did when it was checked, and
the totals do not depend on which worker judged what. Amounts are summed in whole cents,
so totals are exact and identical whatever the order of addition. A contribution travels to
the batch parent as short tuples of numbers in a fixed order (``Layout``), which the parent
adds up element by element: no walk through nested dictionaries for every filing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from compliance.batch.ministry import BOARD, Ministry, counts_funds, load_ministry
from compliance.datafiles import RULE_SCHEMA, DataFileError, load_checked
from compliance.findings import Localized
from compliance.judging import PlanOutcome
from compliance.model.filing import EXACT
from compliance.resources import schemas_dir
from compliance.rules.cache import keep, lookup
from compliance.rules.catalogue import Catalogue

MONITORING_FILE = "monitoring.yaml"  # in the rules folder, beside the rules it names
MONITORING_SCHEMA = "monitoring.schema.json"
_HUNDRED = Decimal(100)  # cents in a euro


def monitoring_path(catalogue: Catalogue) -> Path:
    return catalogue.path / MONITORING_FILE


@dataclass(frozen=True)
class Monitoring:
    """What the summary counts; field names as in ``monitoring.yaml``."""

    process_rules: tuple[str, ...]
    spending_kind: str
    spending_population: str
    categories: dict[str, Localized]  # field → label, in the order shown
    external_kind: str
    external_population: str
    external_field: str
    external_parameter: str
    ministry: Ministry


def load_monitoring(catalogue: Catalogue, path: Path | None = None) -> Monitoring:
    """Read the definition (default: monitoring.yaml in the catalogue's rules folder), valid
    against schemas/monitoring.schema.json, and check every name in it against ``catalogue``."""
    path = path or monitoring_path(catalogue)
    data = _definition(path)
    spending, external = data["workload_spending"], data["npo_external_share"]
    monitoring = Monitoring(
        process_rules=tuple(data["process_rules"]),
        spending_kind=spending["kind"],
        spending_population=spending["population"],
        categories={name: Localized(**label) for name, label in spending["categories"].items()},
        external_kind=external["kind"],
        external_population=external["population"],
        external_field=external["field"],
        external_parameter=external["parameter"],
        ministry=load_ministry(data, catalogue, path),
    )
    _check_names(monitoring, catalogue, path)
    return monitoring


def _definition(path: Path) -> dict:
    """The file's data, valid against its schema. Kept between runs like the catalogue
    (rules/cache.py): read and validated, it cost a batch's start some 50 ms (importing
    PyYAML and jsonschema), kept 0.4 ms. A definition that is not valid is never kept."""
    inputs = [path, *(schemas_dir() / name for name in (MONITORING_SCHEMA, RULE_SCHEMA))]
    where = str(path.resolve())
    found = lookup(inputs, where, kind="monitoring")
    if isinstance(found.value, dict):
        return found.value
    data = load_checked(path, MONITORING_SCHEMA)
    keep(found, data, inputs, where, kind="monitoring")
    return data


def _check_names(monitoring: Monitoring, catalogue: Catalogue, path: Path) -> None:
    def fail(problem: str) -> None:
        raise DataFileError(path, None, problem)

    for rule in monitoring.process_rules:
        if rule not in catalogue.rules:
            fail(f"the rule catalogue has no rule {rule}")
    wanted = {
        monitoring.spending_kind: [monitoring.spending_population],
        monitoring.external_kind: [monitoring.external_population],
    }
    fields = {
        monitoring.spending_kind: list(monitoring.categories),
        monitoring.external_kind: [monitoring.external_field],
    }
    for kind, rules in wanted.items():
        if kind not in catalogue.kinds:
            fail(f"the rule catalogue has no fact kind {kind}")
        for rule in rules:
            if rule not in catalogue.rules or catalogue.rules[rule].fact_kind != kind:
                fail(f"the rule catalogue has no rule {rule} on {kind}")
        for name in fields[kind]:
            if name not in catalogue.kinds[kind].fields:
                fail(f"{kind} has no field {name}")
    if monitoring.external_parameter not in catalogue.parameters:
        fail(f"the rule catalogue has no parameter {monitoring.external_parameter}")


class _Counts(NamedTuple):
    """What a plan adds, worked out once per (kind, rules judged, rules fired): ``cell``
    the (position, amount) pairs of its own cell, ``board`` the (judged, complied, fired)
    positions of the board's cell for each board rule that judged it, and which figures
    it adds (spending cents, the external share, funds received)."""

    cell: tuple[tuple[int, int], ...]
    board: tuple[tuple[int, int, bool], ...]
    spending: bool
    external: bool
    funds: bool


class Contributor:
    """Turns one filing's plan outcomes into its contribution; one per worker process.

    A contribution is the ``Layout``'s tuples of numbers, added up per school year and
    school type straight from the plans: what counts for a plan follows from its kind and
    the rules that judged and fired on it, and is worked out once per such combination
    (``_Counts``). Nested dictionaries per plan, added into one another and then turned
    into tuples, cost 1.0 M instructions per filing; this 0.46 M (callgrind, 100 corpus
    filings)."""

    def __init__(self, monitoring: Monitoring, catalogue: Catalogue) -> None:
        self.monitoring = monitoring
        self.catalogue = catalogue
        self.layout = Layout(monitoring)
        self._signals: dict[str, Fraction | Decimal | None] = {}
        self._counts: dict[tuple[str, tuple[str, ...], tuple[str, ...]], _Counts] = {}
        position = self.layout.position
        self._categories = tuple(
            (position[("spending", "cents", name)], name) for name in monitoring.categories
        )
        self._external = (position[("external", "plans")], position[("external", "under")])
        self._funds = position[("funds", "cents")]
        # The fact kinds a plan can count something in, each with the figures read of it:
        # an intervention line (most plans) counts in none, and is not told of.
        ministry = monitoring.ministry
        wanted: dict[str, set[str]] = {
            catalogue.rules[rule].fact_kind: set()
            for rule in (*monitoring.process_rules, *ministry.board_rules)
        }
        wanted.setdefault(monitoring.spending_kind, set()).update(monitoring.categories)
        wanted.setdefault(monitoring.external_kind, set()).add(monitoring.external_field)
        wanted.setdefault(ministry.funds_kind, set()).add(ministry.funds_field)
        self.wanted = {kind: frozenset(names) for kind, names in wanted.items()}

    def contribution(self, plans: list[PlanOutcome]) -> Cells:
        """The filing's cells: per school year and school type what its plans count
        (``process``: per rule judged and complied; ``spending``: plans and cents per
        category; ``external``: plans and those under the signal; ``funds``: plans and
        cents), and per school year the board's own cell (school type ``ministry.BOARD``,
        ``boards``: per rule whether it judged any plan, and whether all complied). Only
        cells that count something are there."""
        cells: dict[tuple[str, str], list[int]] = {}
        for plan in plans:
            if plan.kind not in self.wanted:
                continue
            counts = self._counts_of(plan)
            if counts.board:
                numbers = self._numbers(cells, plan.school_year, BOARD)
                for judged, complied, fired in counts.board:
                    if not numbers[judged]:
                        numbers[judged] = numbers[complied] = 1
                    if fired:
                        numbers[complied] = 0
            under = self._under(plan) if counts.external else None
            if counts.cell or under is not None:
                numbers = self._numbers(cells, plan.school_year, plan.school_type)
                self._add_plan(numbers, counts, plan, under)
        return tuple(
            (year, school_type, tuple(numbers)) for (year, school_type), numbers in cells.items()
        )

    def _numbers(self, cells: dict, year: str, school_type: str) -> list[int]:
        numbers = cells.get((year, school_type))
        if numbers is None:
            numbers = cells[year, school_type] = [0] * len(self.layout.slots)
        return numbers

    def _add_plan(
        self, numbers: list[int], counts: _Counts, plan: PlanOutcome, under: int | None
    ) -> None:
        for position, amount in counts.cell:
            numbers[position] += amount
        figures = plan.figures
        if counts.spending:
            for position, name in self._categories:
                numbers[position] += _cents(figures.get(name, 0))
        if under is not None:
            plans, below = self._external
            numbers[plans] += 1
            numbers[below] += under
        if counts.funds:
            numbers[self._funds] += _cents(figures.get(self.monitoring.ministry.funds_field, 0))

    def _under(self, plan: PlanOutcome) -> int | None:
        """1 when the plan's external share is under the signal value, 0 when not, None
        when either is not known (the plan is then not counted)."""
        share = plan.figures.get(self.monitoring.external_field)
        signal = self._signal(plan.school_year)
        if share is None or signal is None:
            return None
        return int(share < signal)

    def _counts_of(self, plan: PlanOutcome) -> _Counts:
        key = (plan.kind, plan.judged, plan.fired)
        counts = self._counts.get(key)
        if counts is None:
            counts = self._counts[key] = self._work_out(plan)
        return counts

    def _work_out(self, plan: PlanOutcome) -> _Counts:
        monitoring, ministry = self.monitoring, self.monitoring.ministry
        position = self.layout.position
        judged, fired = plan.judged, plan.fired
        cell = []
        for rule in monitoring.process_rules:
            if rule in judged:
                cell.append((position[("process", rule, 0)], 1))
                cell.append((position[("process", rule, 1)], int(rule not in fired)))
        spending = (
            plan.kind == monitoring.spending_kind and monitoring.spending_population in judged
        )
        if spending:
            cell.append((position[("spending", "plans")], 1))
        funds = counts_funds(ministry, plan)
        if funds:
            cell.append((position[("funds", "plans")], 1))
        board = tuple(
            (position[("boards", rule, 0)], position[("boards", rule, 1)], rule in fired)
            for rule in ministry.board_rules
            if rule in judged
        )
        external = (
            plan.kind == monitoring.external_kind and monitoring.external_population in judged
        )
        return _Counts(tuple(cell), board, spending, external, funds)

    def _signal(self, school_year: str) -> Fraction | Decimal | None:
        """The external-share signal value in force in ``school_year`` (on its first day),
        as a Fraction: the share is one, and compares with a Fraction in two products of
        integers (0.7 us), where a Decimal took Decimal's conversion of the Fraction (1.6).
        Both are exact, so the answer is the same."""
        if school_year not in self._signals:
            signal = signal_in(self.catalogue, self.monitoring, school_year)
            finite = signal is not None and signal.is_finite()
            self._signals[school_year] = Fraction(signal) if finite else signal
        return self._signals[school_year]


def signal_in(catalogue: Catalogue, monitoring: Monitoring, school_year: str) -> Decimal | None:
    """Exact, like the plan's share it is compared with: the figure must agree with NPO-007."""
    year = catalogue.domain.calendar.year_of_label(school_year)
    if year is None:
        return None
    return catalogue.parameters_on(year.first_day).get(monitoring.external_parameter)


def _cents(amount: Decimal | int) -> int:
    """Whole cents, rounded half to even on the exact amount (never through a double, nor
    through the default context's 28 digits: 123456789012345678.014999999995 euro would
    be rounded twice there, to 1...802 cents rather than 1...801). An amount is nearly
    always a Decimal already, and is not copied into a new one; nor is the hundred."""
    if not isinstance(amount, Decimal):
        amount = Decimal(amount)
    return int(EXACT.multiply(amount, _HUNDRED).to_integral_value(ROUND_HALF_EVEN))


def add_into(total: dict, part: dict) -> dict:
    """Add ``part`` into ``total`` in place: numbers add, lists add element by element,
    dictionaries add key by key."""
    for key, value in part.items():
        if isinstance(value, dict):
            add_into(total.setdefault(key, {}), value)
        elif isinstance(value, list):
            current = total.setdefault(key, [0] * len(value))
            for index, item in enumerate(value):
                current[index] += item
        else:
            total[key] = total.get(key, 0) + value
    return total


# (school year, school type, the cell's numbers in Layout order), one per cell.
Cells = tuple[tuple[str, str, tuple[int, ...]], ...]


class Layout:
    """Where each number of a cell goes in its tuple, from the monitoring definition."""

    def __init__(self, monitoring: Monitoring) -> None:
        slots: list[tuple] = []
        for rule in monitoring.process_rules:
            slots += [("process", rule, 0), ("process", rule, 1)]
        slots.append(("spending", "plans"))
        slots += [("spending", "cents", name) for name in monitoring.categories]
        slots += [("external", "plans"), ("external", "under")]
        slots += [("funds", "plans"), ("funds", "cents")]
        for rule in monitoring.ministry.board_rules:
            slots += [("boards", rule, 0), ("boards", rule, 1)]
        self.slots = tuple(slots)
        self.position = {slot: position for position, slot in enumerate(slots)}
        # per number, where the number is that says whether its part of a cell is there:
        # a part's count of plans, or a rule's count of plans judged
        presence = tuple(
            self.position.get((slot[0], "plans"), self.position.get((*slot[:2], 0)))
            for slot in self.slots
        )
        self._parts = _parts_of(self.slots, presence)

    def cells(self, contribution: dict) -> Cells:
        """A contribution (``Contributor.contribution``) as tuples of numbers. A cell's parts
        are two levels deep at most (``process: {rule: [judged, complied]}``, ``spending:
        {cents: {category: cents}}``), and are read as such, without a walk of the tree."""
        position, size = self.position, len(self.slots)
        cells = []
        for year, types in contribution.items():
            for school_type, cell in types.items():
                numbers = [0] * size
                for part, entries in cell.items():
                    for key, value in entries.items():
                        if isinstance(value, dict):
                            for name, number in value.items():
                                numbers[position[(part, key, name)]] = number
                        elif isinstance(value, list):
                            for index, number in enumerate(value):
                                numbers[position[(part, key, index)]] = number
                        else:
                            numbers[position[(part, key)]] = value
                cells.append((year, school_type, tuple(numbers)))
        return tuple(cells)

    def text(self, cells: Cells) -> str:
        """The cells as the nested contribution in JSON, keys sorted, with only the parts
        that count something: what the ``--resume`` state keeps."""
        contribution: dict = {}
        for year, school_type, numbers in cells:
            cell = contribution.setdefault(year, {}).setdefault(school_type, {})
            self._fill(cell, numbers, every_part=False)
        return json.dumps(contribution, ensure_ascii=False, sort_keys=True)

    def nested(self, totals: dict[tuple[str, str], tuple[int, ...]]) -> dict:
        """Added-up cells by (school year, school type) in the nested form ``add_into``
        gives. Every part is there: one that nothing counted in holds zeros, which the
        summary reads exactly as it reads a part that is missing."""
        nested: dict = {}
        for (year, school_type), numbers in totals.items():
            cell = nested.setdefault(year, {}).setdefault(school_type, {})
            self._fill(cell, numbers, every_part=True)
        return nested

    def _fill(self, cell: dict, numbers: tuple[int, ...], every_part: bool) -> None:
        """Put a cell's numbers into its nested form, each part made whole (``_Part``)
        rather than slot by slot (a filing's ~50 slots took 0.2 ms that way); only the
        parts that count something unless ``every_part``."""
        for part, key, present, shape, places in self._parts:
            if every_part or numbers[present]:
                entries = cell.get(part)
                if entries is None:
                    entries = cell[part] = {}
                if shape is None:
                    entries[key] = numbers[places]
                elif shape is list:
                    entries[key] = [numbers[place] for place in places]
                else:
                    entries[key] = {name: numbers[place] for name, place in places}


class _Part(NamedTuple):
    """One entry of a cell's nested form: ``cell[part][key]``, there when the number at
    ``present`` is not 0; a number (``shape`` None, ``places`` its position), a list
    (``places`` the positions of its items) or a dict (``places`` its (name, position))."""

    part: str
    key: str
    present: int
    shape: type | None
    places: Any


def _parts_of(slots: tuple[tuple, ...], presence: tuple[int, ...]) -> tuple[_Part, ...]:
    """The entries of a cell's nested form that its slots make, in the slots' order."""
    grouped: dict[tuple, list[tuple[tuple, int]]] = {}
    for position, slot in enumerate(slots):
        grouped.setdefault(slot[:2], []).append((slot, position))
    parts = []
    for (part, key), members in grouped.items():
        present = {presence[position] for _, position in members}
        if len(present) != 1:
            raise ValueError(f"the slots of {part}.{key} do not share when they are there")
        slot = members[0][0]
        if len(slot) == 2:
            shape, places = None, members[0][1]
        elif isinstance(slot[2], int):
            indices = [member[2] for member, _ in members]
            if indices != list(range(len(indices))):
                raise ValueError(f"the items of {part}.{key} are not numbered 0, 1, ...")
            shape, places = list, tuple(position for _, position in members)
        else:
            shape, places = dict, tuple((member[2], place) for member, place in members)
        parts.append(_Part(part, key, present.pop(), shape, places))
    return tuple(parts)
