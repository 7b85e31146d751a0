"""Load rules/ into a Catalogue: domain words, schemes, dated parameters, reference data and
one rule per file, each file checked against its JSON Schema in schemas/ and against the
fields and parameters it names. A bad file stops loading with a one-line message naming file
and field.

A catalogue loaded once is kept by content (rules/cache.py): the next run with the same
files skips the YAML, the validation and the import of jsonschema.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from datetime import MAXYEAR, date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from compliance.datafiles import (
    RULE_SCHEMA,
    DataFileError,
    as_date,
    load_checked,
    schema,
)
from compliance.findings import Localized
from compliance.model.calendar import SchoolCalendar
from compliance.model.domain import DOMAIN_SCHEMA, Domain, load_domain
from compliance.plain_record import PlainRecord
from compliance.resources import rules_dir, schemas_dir, taxonomy_path
from compliance.rules.cache import Lookup, keep, lookup
from compliance.rules.conditions import (
    Condition,
    ConditionError,
    UnknownField,
    check_condition,
    fields_of,
    params_of,
    parse_condition,
)
from compliance.rules.dated import Dated, Period
from compliance.rules.facts import STANDARD_PLACEHOLDERS, FactKind, fact_kinds
from compliance.rules.reference import (
    ALLOWANCE_FIELD,
    ALLOWANCE_FILE,
    MENUKAART_FILE,
    MENUKAART_PREFIX,
    NO_ALLOWANCE_LIST,
    Menukaart,
    ReferenceDataError,
    find_allowance_list,
    is_reference_file,
    load_allowance_list,
    load_menukaart,
    reads_menukaart_versions,
)

CatalogueError = DataFileError

SOURCES_FILE = "sources.yaml"
PARAMETERS_SCHEMA = "parameters.schema.json"
SCHEMES_SCHEMA = "schemes.schema.json"
SOURCES_SCHEMA = "sources.schema.json"
# The schemas the files are checked against: a changed one must not find the catalogue kept.
_SCHEMAS = (RULE_SCHEMA, DOMAIN_SCHEMA, PARAMETERS_SCHEMA, SCHEMES_SCHEMA, SOURCES_SCHEMA)
_PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)\}")
# Placeholders structural (FIL) messages may use; the reader fills them in.
_STRUCTURAL_PLACEHOLDERS = {
    *("concept", "context", "value", "type", "reason", "unit", "values"),
    *("concepts", "start", "end", "instant"),  # FIL-002: the facts of a context, its period
}


class Parameter(NamedTuple):
    name: str
    description: Localized
    unit: str
    source: Localized  # where the value comes from: one text, or one per language
    values: Dated[Decimal]


class Scheme(NamedTuple):
    id: str
    title: Localized
    types: frozenset[str]
    period: Period
    judged_when: Condition | None
    source: dict
    period_source: Localized | None = None  # where the period comes from (domain.md, Parameters)


class RuleCase(NamedTuple):
    """One documented example of a rule: a small filing and whether the rule fires on it.
    Its name is what the rule page and `rules test` show, in the reader's language."""

    name: Localized  # ``name: {nl: ..., en: ...}``, or one text for both languages
    spec: dict  # case_defaults merged with the case, as in the file

    @property
    def id(self) -> str:
        """The English name, which names the case where one language is needed: the test
        ids, the corpus's ground truth ("case '...' of WDM-007") and a load error. Kept
        English so that adding or rewording a Dutch name changes none of them."""
        return self.name.en


_ALWAYS = Period()  # no first or last day


class Rule(PlainRecord):
    """One rule file, loaded and checked. A PlainRecord, not a frozen dataclass: defining that
    cost every start 0.8 ms (``compliance.plain_record``); not changed once made."""

    def __init__(
        self,
        id: str,
        kind: str,  # "plan" or "structural"
        title: Localized,
        severity: Dated[str],
        message: Localized,
        source: dict,
        path: Path,
        terms: dict[str, dict[str, Localized]] | None = None,
        scheme: str | None = None,
        about: str | None = None,
        fact_kind: str | None = None,
        types: frozenset[str] = frozenset(),
        period: Period = _ALWAYS,
        judged_when: Condition | None = None,
        when: Condition | None = None,
        cases: tuple[RuleCase, ...] = (),
        advice: Localized | None = None,  # what a board can do about a finding (the web page)
    ) -> None:
        self.id = id
        self.kind = kind
        self.title = title
        self.severity = severity
        self.message = message
        self.source = source
        self.path = path
        self.terms = {} if terms is None else terms
        self.scheme = scheme
        self.about = about
        self.fact_kind = fact_kind
        self.types = types
        self.period = period
        self.judged_when = judged_when
        self.when = when
        self.cases = cases
        self.advice = advice

    @cached_property
    def cited_fields(self) -> list[str]:
        """The fields a finding of this rule cites: those its condition reads."""
        return fields_of(self.when) if self.when is not None else []

    @cached_property
    def parameters_read(self) -> set[str]:
        """The parameters its conditions compare with, whose values its rule books need."""
        conditions = [c for c in (self.when, self.judged_when) if c is not None]
        return {name for condition in conditions for name in params_of(condition)}

    @cached_property
    def placeholders(self) -> set[str]:
        return set(self.placeholder_order)

    @cached_property
    def placeholder_order(self) -> tuple[str, ...]:
        """The placeholders in the order the Dutch message names them first (then the
        English one's and the terms'): a finding's values follow it, so "the first amount
        the message states" is the same in every process (a set's order is not)."""
        texts = [self.message.nl, self.message.en]
        for words in self.terms.values():
            for text in words.values():
                texts += [text.nl, text.en]
        return tuple(dict.fromkeys(name for text in texts for name in _PLACEHOLDER.findall(text)))

    def severity_on(self, day: date) -> str:
        return self.severity.at(day) or self.severity.entries[0][1]


class ReferenceFile(NamedTuple):
    """A reference data file a result was judged with, as the result names it."""

    name: str
    sha256: str


class Selection(NamedTuple):
    """The rules a user asked for (--select, --ignore): ids or patterns such as NPO-*.
    Empty ``select`` is every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def includes(self, rule_id: str) -> bool:
        chosen = not self.select or any(_matches(rule_id, p) for p in self.select)
        return chosen and not any(_matches(rule_id, p) for p in self.ignore)

    def unmatched(self, rule_ids: list[str]) -> list[str]:
        """Patterns that name no rule: a typo the user should hear about."""
        return [
            pattern
            for pattern in (*self.select, *self.ignore)
            if not any(_matches(rule_id, pattern) for rule_id in rule_ids)
        ]


def _matches(rule_id: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(rule_id, pattern.strip().upper())


_EVERY_RULE = Selection()


class Catalogue(PlainRecord):
    """The rules, their data and the reference data they were loaded with. A PlainRecord, not a
    frozen dataclass (1 ms of every start to define, ``compliance.plain_record``): the ``with_``
    methods and ``replace`` make changed copies; none is changed once made."""

    def __init__(
        self,
        path: Path,
        domain: Domain,
        schemes: dict[str, Scheme],
        parameters: dict[str, Parameter],
        menukaart: Menukaart,
        allowance_list: frozenset[tuple[str, str]] | None,  # None: not given, rules not judged
        kinds: dict[str, FactKind],
        rules: dict[str, Rule],
        version: str,  # sha256 over every file read: changes whenever a rule or datum does
        reference: tuple[ReferenceFile, ...] = (),
        # (rule, reason) of each rule left out for want of reference data (words.py not_judged.*)
        not_judged: tuple[tuple[str, str], ...] = (),
        selection: Selection = _EVERY_RULE,
        sources: dict[str, Localized] | None = None,  # cited file → its title
    ) -> None:
        self.path = path
        self.domain = domain
        self.schemes = schemes
        self.parameters = parameters
        self.menukaart = menukaart
        self.allowance_list = allowance_list
        self.kinds = kinds
        self.rules = rules
        self.version = version
        self.reference = reference
        self.not_judged = not_judged
        self.selection = selection
        self.sources = {} if sources is None else sources

    @cached_property
    def in_force(self) -> frozenset[str]:
        """The rules judged: every rule but those lacking reference data or deselected."""
        missing = {rule_id for rule_id, _ in self.not_judged}
        return frozenset(
            rule_id
            for rule_id in self.rules
            if rule_id not in missing and self.selection.includes(rule_id)
        )

    def judges(self, rule_id: str) -> bool:
        return rule_id in self.in_force

    def plan_rules(self) -> list[Rule]:
        """The plan rules in force, the only ones compiled into rule books."""
        return [r for r in self.rules.values() if r.kind == "plan" and r.id in self.in_force]

    def with_selection(self, selection: Selection) -> Catalogue:
        """This catalogue judging only the rules ``selection`` includes (a new version, so
        that --resume never mixes results of two selections); a rule not selected is not
        reported as not judged for want of reference data."""
        if selection == Selection():
            return self
        tag = f"{self.version}|{','.join(selection.select)}|{','.join(selection.ignore)}"
        version = hashlib.sha256(tag.encode()).hexdigest()[:16]
        kept = tuple(item for item in self.not_judged if selection.includes(item[0]))
        return self.replace(selection=selection, version=version, not_judged=kept)

    def with_allowance_list(self, eligible: frozenset[tuple[str, str]]) -> Catalogue:
        """This catalogue with an allowance list of its own (a rule case's), so that the
        rules reading it are in force."""
        kept = tuple(item for item in self.not_judged if item[1] != NO_ALLOWANCE_LIST)
        return self.replace(allowance_list=eligible, not_judged=kept)

    def severities(self) -> dict[str, str]:
        return {rule.id: rule.severity.entries[0][1] for rule in self.rules.values()}

    def parameters_on(self, day: date) -> dict[str, Decimal]:
        values = {name: p.values.at(day) for name, p in self.parameters.items()}
        return {name: value for name, value in values.items() if value is not None}


def load_catalogue(directory: Path | None = None, reference_dir: Path | None = None) -> Catalogue:
    """Load and check the catalogue in ``directory`` (default: the shipped rules/), or take
    the one kept from an earlier run on files with exactly the same bytes."""
    directory = directory or rules_dir()
    inputs, where = _cache_inputs(directory, reference_dir)
    found = lookup(inputs, *where) if inputs else Lookup(None, None, None)
    if isinstance(found.value, Catalogue):
        # fact kinds hold functions, which do not pickle; they follow from the code
        return found.value.replace(kinds=fact_kinds(found.value.menukaart))
    catalogue = _Loader(directory, reference_dir).load()
    keep(found, catalogue.replace(kinds={}), inputs, *where)
    return catalogue


def _cache_inputs(directory: Path, reference_dir: Path | None) -> tuple[list[Path], list[str]]:
    """What the cache keys the catalogue in ``directory`` by: every file the loader reads,
    the schemas it validates them against and the taxonomy the fields come from, and the
    folders they are in; no files when there is no such folder."""
    if not directory.is_dir():
        return [], []
    inputs = [directory / name for name in ("domain.yaml", "parameters.yaml", "schemes.yaml")]
    if (directory / SOURCES_FILE).is_file():
        inputs.append(directory / SOURCES_FILE)
    inputs.append(_reference_path(directory, reference_dir, MENUKAART_FILE))
    if reference_dir is not None:  # the allowance list comes only from there (or is missing)
        inputs.append(reference_dir / ALLOWANCE_FILE)
    inputs += _rule_files(directory)
    inputs += [schemas_dir() / name for name in _SCHEMAS]
    inputs.append(taxonomy_path())
    where = [str(directory.resolve()), str(reference_dir.resolve() if reference_dir else "")]
    return inputs, where


def _reference_path(directory: Path, reference_dir: Path | None, name: str) -> Path:
    """A reference file: the one in ``reference_dir`` when there is one, else the shipped."""
    if reference_dir is not None and is_reference_file(reference_dir / name):
        return reference_dir / name
    return directory / "reference" / name


def _rule_files(directory: Path) -> list[Path]:
    """One file per rule, <scheme>/<ID>.yaml; reference/ holds data, not rules."""
    return [p for p in sorted(directory.glob("*/*.yaml")) if p.parent.name != "reference"]


class _Loader:
    def __init__(self, directory: Path, reference_dir: Path | None) -> None:
        self.directory = directory
        self.reference_dir = reference_dir
        self.read: list[Path] = []
        self.menukaart = directory / "reference" / MENUKAART_FILE  # or the reference dir's

    def load(self) -> Catalogue:
        if not self.directory.is_dir():
            raise DataFileError(self.directory, None, "no such rules folder")
        domain = load_domain(self._file("domain.yaml"))
        parameters = self._parameters()
        menukaart_path = self.menukaart = self._reference(MENUKAART_FILE)
        menukaart = load_menukaart(menukaart_path)
        reference = [menukaart_path]
        allowance_path = find_allowance_list(self.reference_dir)
        allowance = None
        if allowance_path is not None:
            self.read.append(allowance_path)
            reference.append(allowance_path)
            allowance = load_allowance_list(allowance_path, domain)
        kinds = fact_kinds(menukaart)
        schemes = self._schemes(domain, kinds, parameters)
        rules = self._rules(schemes, kinds, parameters, domain)
        _check_menukaart_in_force(rules, menukaart, menukaart_path, domain)
        _check_parameters_in_force(rules, parameters, self.directory / "parameters.yaml", domain)
        return Catalogue(
            path=self.directory,
            domain=domain,
            schemes=schemes,
            parameters=parameters,
            menukaart=menukaart,
            allowance_list=allowance,
            kinds=kinds,
            rules=rules,
            version=self._version(),
            reference=tuple(_reference_file(path) for path in reference),
            not_judged=_not_judged(rules, allowance is not None),
            sources=self._sources(),
        )

    # -- files ------------------------------------------------------------------------------

    def _file(self, name: str) -> Path:
        path = self.directory / name
        self.read.append(path)
        return path

    def _reference(self, name: str) -> Path:
        path = _reference_path(self.directory, self.reference_dir, name)
        self.read.append(path)
        return path

    def _version(self) -> str:
        """The files' names and bytes, in an order that does not depend on where the rules
        and the reference folder are: the same data gives the same rule set in every
        installation (it was sorted by absolute path, so moving a checkout or a reference
        folder moved the rule set of every result, and made --resume redo everything)."""
        digest = hashlib.sha256()
        for path in sorted(self.read, key=self._place):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]

    def _place(self, path: Path) -> tuple[int, str]:
        """Reference-folder files first, by name, then the rules folder's files by their
        path in it: the order the absolute paths of a reference folder in /tmp and rules
        in a checkout gave, so the rule sets of earlier runs of that kind still hold."""
        try:
            return 1, path.relative_to(self.directory).as_posix()
        except ValueError:
            return 0, path.name

    def _sources(self) -> dict[str, Localized]:
        """The titles of the documents rules cite (optional: a rules folder without
        sources.yaml shows file names)."""
        path = self.directory / SOURCES_FILE
        if not path.is_file():
            return {}
        data = load_checked(self._file(SOURCES_FILE), SOURCES_SCHEMA)
        return {str(name): Localized(**title) for name, title in data.items()}

    # -- parameters and schemes -------------------------------------------------------------

    def _parameters(self) -> dict[str, Parameter]:
        path = self._file("parameters.yaml")
        data = load_checked(path, PARAMETERS_SCHEMA)
        return {
            name: Parameter(
                name,
                Localized(**spec["description"]),
                spec["unit"],
                Localized.either(spec["source"]),
                _dated_values(spec["values"], path, f"{name}.values"),
            )
            for name, spec in data.items()
        }

    def _schemes(
        self, domain: Domain, kinds: dict[str, FactKind], parameters: dict[str, Parameter]
    ) -> dict[str, Scheme]:
        path = self._file("schemes.yaml")
        data = load_checked(path, SCHEMES_SCHEMA)
        schemes = {}
        for scheme_id, spec in data.items():
            types = frozenset(spec["types"])
            unknown = types - set(domain.school_types)
            if unknown:
                raise DataFileError(path, f"{scheme_id}.types", f"unknown {sorted(unknown)}")
            judged_when = self._condition(
                spec["judged_when"], path, f"{scheme_id}.judged_when", kinds, scheme_id, parameters
            )
            schemes[scheme_id] = Scheme(
                scheme_id,
                Localized(**spec["title"]),
                types,
                _period(spec.get("period") or {}, path, f"{scheme_id}.period"),
                judged_when,
                spec.get("source") or {},
                Localized.optional(spec.get("period_source")),
            )
        return schemes

    def _condition(
        self,
        data: object,
        path: Path,
        where: str,
        kinds: dict[str, FactKind],
        scheme_id: str,
        parameters: dict[str, Parameter],
        about: str | None = None,
    ) -> Condition:
        """Parse a condition and check it against every fact kind it may be applied to."""
        try:
            condition = parse_condition(data)
            for kind in kinds.values():
                if kind.scheme == scheme_id and (about is None or kind.about == about):
                    check_condition(condition, kind.field_types(), set(parameters))
        except UnknownField as error:
            if error.field.startswith(MENUKAART_PREFIX):  # the menukaart's, not the rule's
                doelgebied = error.field.removeprefix(MENUKAART_PREFIX).upper()
                words = {"doelgebied": doelgebied, "rule": path.stem}
                missing = "reference.doelgebied_missing"
                raise ReferenceDataError(self.menukaart, missing, **words) from None
            raise DataFileError(path, where, str(error)) from None
        except ConditionError as error:
            raise DataFileError(path, where, str(error)) from None
        return condition

    # -- rules ------------------------------------------------------------------------------

    def _rules(
        self,
        schemes: dict[str, Scheme],
        kinds: dict[str, FactKind],
        parameters: dict[str, Parameter],
        domain: Domain,
    ) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for path in _rule_files(self.directory):
            self.read.append(path)
            data = load_checked(path, RULE_SCHEMA)
            if data["id"] != path.stem:
                raise DataFileError(path, "id", f"{data['id']} must match the file name")
            if data["id"] in rules:
                raise DataFileError(
                    path, "id", f"duplicate id {data['id']}, also in {rules[data['id']].path}"
                )
            rule = self._rule(data, path, schemes, kinds, parameters, domain)
            rules[rule.id] = rule
        if not rules:
            raise DataFileError(self.directory, None, "no rule files found (<scheme>/<ID>.yaml)")
        return rules

    def _rule(
        self,
        data: dict,
        path: Path,
        schemes: dict[str, Scheme],
        kinds: dict[str, FactKind],
        parameters: dict[str, Parameter],
        domain: Domain,
    ) -> Rule:
        common = dict(
            id=data["id"],
            kind=data.get("kind", "plan"),
            title=Localized(**data["title"]),
            severity=_severity(data["severity"], path),
            message=Localized(**data["message"]),
            advice=Localized(**data["advice"]) if data.get("advice") else None,
            source=data["source"],
            path=path,
            terms={
                name: {key: Localized(**text) for key, text in words.items()}
                for name, words in (data.get("terms") or {}).items()
            },
            cases=_cases(data),
        )
        if common["kind"] == "structural":
            rule = Rule(**common)
            self._check_placeholders(rule, _STRUCTURAL_PLACEHOLDERS | set(rule.terms))
            return rule
        scheme = schemes.get(data["scheme"])
        if scheme is None:
            raise DataFileError(path, "scheme", f"unknown scheme {data['scheme']!r}")
        kind = f"{scheme.id}_{data['about']}"
        if kind not in kinds:
            raise DataFileError(path, "about", f"scheme {scheme.id} has no {data['about']} facts")
        types = frozenset(data.get("types") or scheme.types)
        if not types <= scheme.types:
            raise DataFileError(path, "types", f"must be among the scheme's {sorted(scheme.types)}")
        judged = data.get("judged_when")
        if judged is None:
            judged_when = scheme.judged_when
        elif judged == "always":
            judged_when = None
        else:
            judged_when = self._condition(
                judged, path, "judged_when", kinds, scheme.id, parameters, data["about"]
            )
        rule = Rule(
            **common,
            scheme=scheme.id,
            about=data["about"],
            fact_kind=kind,
            types=types,
            period=_period(data.get("period") or {}, path, "period").within(scheme.period),
            judged_when=judged_when,
            when=self._condition(
                data["when"], path, "when", kinds, scheme.id, parameters, data["about"]
            ),
        )
        known = set(kinds[kind].fields) | set(parameters) | set(STANDARD_PLACEHOLDERS)
        self._check_placeholders(rule, known)
        for case in rule.cases:
            year = case.spec.get("school_year")
            if year is not None and domain.calendar.year_of_label(year) is None:
                raise DataFileError(path, f"cases.{case.id}.school_year", "not a school year")
        return rule

    @staticmethod
    def _check_placeholders(rule: Rule, known: set[str]) -> None:
        unknown = sorted(rule.placeholders - known)
        if unknown:
            raise DataFileError(
                rule.path, "message", f"unknown placeholder {{{unknown[0]}}} in the message"
            )


def _check_menukaart_in_force(
    rules: dict[str, Rule], menukaart: Menukaart, path: Path, domain: Domain
) -> None:
    """A rule reading the menukaart judges a plan by the version in force on the first day
    of its school year; with none in force every line would be "not on the menukaart" (an
    empty list judged as if it were the real one), so a menukaart (a replacement one from
    --reference-dir, say) that leaves a judged school year without a version is refused.
    A version holds until the next, so the first school year of the rule's period is the
    one to check."""
    for rule in sorted(rules.values(), key=lambda r: r.id):
        if rule.when is None or rule.period.first is None:
            continue
        if not reads_menukaart_versions(fields_of(rule.when)):
            continue
        day = _first_judged_day(rule, domain.calendar)
        if day is not None and menukaart.version_on(day) is None:
            year = domain.calendar.year_containing(day)
            raise ReferenceDataError(
                path, "reference.menukaart_gap", rule=rule.id, year=year.label, day=day
            )


def _check_parameters_in_force(
    rules: dict[str, Rule], parameters: dict[str, Parameter], path: Path, domain: Domain
) -> None:
    """A rule compares with its parameters' values in force on the first day of the school
    year it judges; a school year without one has no rule book (rules/books.py), and every
    plan of it would go unjudged. A value holds until the next, so the first school year
    the rule judges is the one to check."""
    for rule in sorted(rules.values(), key=lambda r: r.id):
        day = _first_judged_day(rule, domain.calendar)
        for name in sorted(rule.parameters_read):
            values = parameters[name].values
            if day is None or values.at(day) is not None:
                continue
            if day == date.min:
                problem = (
                    f"no value before {values.entries[0][0]}, and {rule.id} judges every school"
                    " year (no period.from in its file or schemes.yaml)"
                )
            else:
                problem = (
                    f"no value on {day}, the first day of the first school year {rule.id} judges"
                )
            raise DataFileError(path, f"{name}.values", problem)


def _first_judged_day(rule: Rule, calendar: SchoolCalendar) -> date | None:
    """The first day of the first school year in the rule's period, the first its rule book
    is compiled for: date.min when the period has no first day (rules/books.py then judges
    every year by it), None when no school year begins in it before the calendar ends."""
    first = rule.period.first
    if first is None:
        return date.min
    begins = (calendar.first_month, calendar.first_day)
    year = first.year if (first.month, first.day) <= begins else first.year + 1
    return calendar.year_starting(year).first_day if year <= MAXYEAR else None


def _reference_file(path: Path) -> ReferenceFile:
    return ReferenceFile(path.name, hashlib.sha256(path.read_bytes()).hexdigest())


def _not_judged(rules: dict[str, Rule], has_allowance_list: bool) -> tuple[tuple[str, str], ...]:
    """The rules that read reference data the user did not give, with the reason."""
    if has_allowance_list:
        return ()
    return tuple(
        (rule.id, NO_ALLOWANCE_LIST)
        for rule in sorted(rules.values(), key=lambda r: r.id)
        if ALLOWANCE_FIELD in _fields_read(rule)
    )


def _fields_read(rule: Rule) -> set[str]:
    conditions = [c for c in (rule.when, rule.judged_when) if c is not None]
    return {name for condition in conditions for name in fields_of(condition)}


def _period(spec: dict, path: Path, where: str) -> Period:
    first = spec.get("from")
    last = spec.get("until")
    return Period(
        as_date(first, path, f"{where}.from") if first else None,
        as_date(last, path, f"{where}.until") if last else None,
    )


def _dated_values(values: dict, path: Path, where: str) -> Dated[Decimal]:
    """A parameter's values by the day they hold from, each the Decimal of the number as
    written: 0.10 is read as the double nearest it, whose shortest spelling is 0.1."""
    return Dated(
        tuple(
            sorted(
                (as_date(day, path, where), Decimal(str(value))) for day, value in values.items()
            )
        )
    )


def _severity(spec: str | dict, path: Path) -> Dated[str]:
    if isinstance(spec, str):
        return Dated.always(spec)
    return Dated(
        tuple(sorted((as_date(day, path, "severity"), value) for day, value in spec.items()))
    )


def _cases(data: dict) -> tuple[RuleCase, ...]:
    """Each case with the rule's case_defaults and the schema's defaults filled in."""
    defaults = {**_schema_case_defaults(), **(data.get("case_defaults") or {})}
    cases = []
    for case in data.get("cases") or []:
        merged = {**defaults, **case}
        merged["facts"] = {**(defaults.get("facts") or {}), **(case.get("facts") or {})}
        cases.append(RuleCase(Localized.either(case["name"]), merged))
    return tuple(cases)


def _schema_case_defaults() -> dict:
    """The case fields' defaults (school 12AB of type BAO in 2022-2023, ...), kept in the
    rule-file schema where rule authors read what a case may say."""
    fields = schema(RULE_SCHEMA)["$defs"]["case"]["properties"]
    return {name: spec["default"] for name, spec in fields.items() if "default" in spec}
