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

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from compliance.batch.ministry import Ministry, board_cell, counts_funds, load_ministry
from compliance.datafiles import DataFileError, load_yaml
from compliance.findings import Localized
from compliance.judging import PlanOutcome
from compliance.rules.catalogue import Catalogue

MONITORING_FILE = "monitoring.yaml"  # in the rules folder, beside the rules it names


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
    """Read the definition (default: monitoring.yaml in the catalogue's rules folder) and
    check every name in it against ``catalogue``."""
    data = load_yaml(path or monitoring_path(catalogue))
    try:
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
            ministry=load_ministry(data, catalogue, path or monitoring_path(catalogue)),
        )
    except (KeyError, TypeError) as error:
        raise DataFileError(path, None, f"missing or malformed entry: {error}") from None
    _check_names(monitoring, catalogue, path)
    return monitoring


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


class Contributor:
    """Turns one filing's plan outcomes into its contribution; one per worker process."""

    def __init__(self, monitoring: Monitoring, catalogue: Catalogue) -> None:
        self.monitoring = monitoring
        self.catalogue = catalogue
        self._signals: dict[str, Decimal | None] = {}
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

    def contribution(self, plans: list[PlanOutcome]) -> dict:
        """``{school_year: {school_type: cell}}`` with only the parts that count something.

        A cell holds ``process: {rule: [judged, complied]}``, ``spending: {plans, cents:
        {category: cents}}``, ``external: {plans, under}`` and ``funds: {plans, cents}``;
        the board's own cell (school type ``ministry.BOARD``) ``boards: {rule: [judged,
        complied]}``. Lines, which count in nothing, are passed over by their kind, and
        the first cell of a year and type is taken as it is, not added into an empty one
        (``_add_cell``): 0.145 -> 0.102 ms per filing (600 filings, one process).
        """
        total: dict = board_cell(self.monitoring.ministry, plans)
        counted = self.wanted
        for plan in plans:
            if plan.kind in counted:
                cell = self._cell(plan)
                if cell:
                    types = total.setdefault(plan.school_year, {})
                    if plan.school_type in types:
                        _add_cell(types[plan.school_type], cell)
                    else:  # the first of its year and type: made for it, taken as it is
                        types[plan.school_type] = cell
        return total

    def _cell(self, plan: PlanOutcome) -> dict:
        monitoring, cell = self.monitoring, {}
        process = {
            rule: [1, int(rule not in plan.fired)]
            for rule in monitoring.process_rules
            if rule in plan.judged
        }
        if process:
            cell["process"] = process
        if plan.kind == monitoring.spending_kind and monitoring.spending_population in plan.judged:
            cents = {name: _cents(plan.figures.get(name, 0)) for name in monitoring.categories}
            cell["spending"] = {"plans": 1, "cents": cents}
        if plan.kind == monitoring.external_kind and monitoring.external_population in plan.judged:
            share = plan.figures.get(monitoring.external_field)
            signal = self.signal(plan.school_year)
            if share is not None and signal is not None:
                cell["external"] = {"plans": 1, "under": int(share < signal)}
        ministry = monitoring.ministry
        if counts_funds(ministry, plan):
            funds = _cents(plan.figures.get(ministry.funds_field, 0))
            cell["funds"] = {"plans": 1, "cents": funds}
        return cell

    def signal(self, school_year: str) -> Decimal | None:
        """The external-share signal value in force in ``school_year`` (on its first day)."""
        if school_year not in self._signals:
            self._signals[school_year] = signal_in(self.catalogue, self.monitoring, school_year)
        return self._signals[school_year]


def signal_in(catalogue: Catalogue, monitoring: Monitoring, school_year: str) -> Decimal | None:
    """Exact, like the plan's share it is compared with: the figure must agree with NPO-007."""
    year = catalogue.domain.calendar.year_of_label(school_year)
    if year is None:
        return None
    return catalogue.parameters_on(year.first_day).get(monitoring.external_parameter)


def _cents(amount: Decimal | int) -> int:
    """Whole cents, rounded half to even on the exact amount (never through a double)."""
    return int((Decimal(amount) * 100).to_integral_value(ROUND_HALF_EVEN))


def _add_cell(total: dict, cell: dict) -> None:
    """Add a plan's ``cell`` into ``total`` in place, part by part; a part ``total`` does
    not have yet is taken from ``cell`` as it is (made for this plan alone)."""
    for part, entries in cell.items():
        into = total.get(part)
        if into is None:
            total[part] = entries
        else:
            add_into(into, entries)


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
        self._position = {slot: position for position, slot in enumerate(slots)}

    def cells(self, contribution: dict) -> Cells:
        """A contribution (``Contributor.contribution``) as tuples of numbers. A cell's parts
        are two levels deep at most (``process: {rule: [judged, complied]}``, ``spending:
        {cents: {category: cents}}``), and are read as such, without a walk of the tree."""
        position, size = self._position, len(self.slots)
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

    def nested(self, totals: dict[tuple[str, str], tuple[int, ...]]) -> dict:
        """Added-up cells by (school year, school type) in the nested form ``add_into``
        gives. Every part is there: one that nothing counted in holds zeros, which the
        summary reads exactly as it reads a part that is missing."""
        nested: dict = {}
        for (year, school_type), numbers in totals.items():
            cell = nested.setdefault(year, {}).setdefault(school_type, {})
            for slot, value in zip(self.slots, numbers, strict=True):
                _put(cell, slot, value)
        return nested


def _put(node: dict, path: tuple, value: int) -> None:
    for depth, key in enumerate(path[:-1]):
        node = node.setdefault(key, [] if isinstance(path[depth + 1], int) else {})
    if isinstance(node, list):
        node.extend([0] * (path[-1] + 1 - len(node)))
    node[path[-1]] = value
