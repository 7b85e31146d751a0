"""The realism of a generated corpus (profile.yaml), checked against the rule catalogue.

The profile may only speak about shape and wording; a wrong entry would silently make the
ground truth wrong (an "invented" code that is in fact on the menukaart gives no NPO-004),
so loading refuses anything the catalogue contradicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compliance.datafiles import DataFileError, load_yaml
from compliance.read.taxonomy import Taxonomy
from compliance.rules.catalogue import Catalogue
from compliance.rules.reference import normalize_code

PROFILE_PATH = Path(__file__).with_name("profile.yaml")


@dataclass(frozen=True)
class Span:
    """An inclusive range a value is drawn from."""

    min: float
    max: float


@dataclass(frozen=True)
class Profile:
    one_school_share: float
    max_schools: int
    two_years_share: float
    board_name_prefixes: tuple[str, ...]
    board_name_places: tuple[str, ...]
    type_weights: dict[str, float]
    school_name_prefixes: tuple[str, ...]
    school_name_words: tuple[str, ...]
    pupils: Span
    allowance_share: float
    allowance_paid: Span
    workload_funds: Span
    professionalisation_funds: Span
    npo_funds: Span
    workload_personnel_share: Span
    professionalisation_share: float
    other_professionals_share: float
    npo_lines: Span
    boundary_share: float
    lexical_variety_share: float
    board_problem_share: float
    school_problem_share: float
    codes_not_on_menukaart: tuple[str, ...]
    not_school_types: tuple[str, ...]
    misspelt_school_concepts: tuple[str, ...]
    misspelt_line_concepts: tuple[str, ...]
    workload_measures: tuple[str, ...]
    intervention_details: tuple[str, ...]


def load_profile(catalogue: Catalogue, taxonomy: Taxonomy, path: Path | None = None) -> Profile:
    """Read profile.yaml and refuse what contradicts the catalogue or the taxonomy."""
    path = path or PROFILE_PATH
    data = load_yaml(path)
    try:
        profile = _build(data, catalogue)
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(path, None, f"missing or malformed entry ({error})") from None
    _check(profile, catalogue, taxonomy, path)
    return profile


def _span(data: dict) -> Span:
    return Span(float(data["min"]), float(data["max"]))


def _build(data: dict, catalogue: Catalogue) -> Profile:
    boards, schools, amounts = data["boards"], data["schools"], data["amounts"]
    reporting, words = data["reporting"], data["words"]
    weights = {
        code: float(schools["type_weights"].get(code, 1)) for code in catalogue.domain.school_types
    }
    return Profile(
        one_school_share=float(boards["one_school_share"]),
        max_schools=int(boards["max_schools"]),
        two_years_share=float(boards["two_years_share"]),
        board_name_prefixes=tuple(boards["name_prefixes"]),
        board_name_places=tuple(boards["name_places"]),
        type_weights=weights,
        school_name_prefixes=tuple(schools["name_prefixes"]),
        school_name_words=tuple(schools["name_words"]),
        pupils=_span(schools["pupils"]),
        allowance_share=float(schools["allowance_share"]),
        allowance_paid=_span(schools["allowance_paid"]),
        workload_funds=_span(amounts["workload_funds"]),
        professionalisation_funds=_span(amounts["professionalisation_funds"]),
        npo_funds=_span(amounts["npo_funds"]),
        workload_personnel_share=_span(amounts["workload_personnel_share"]),
        professionalisation_share=float(reporting["professionalisation_share"]),
        other_professionals_share=float(reporting["other_professionals_share"]),
        npo_lines=_span(reporting["npo_lines"]),
        boundary_share=float(reporting["boundary_share"]),
        lexical_variety_share=float(reporting["lexical_variety_share"]),
        board_problem_share=float(data["problems"]["board_share"]),
        school_problem_share=float(data["problems"]["school_share"]),
        codes_not_on_menukaart=tuple(str(code) for code in data["codes_not_on_menukaart"]),
        not_school_types=tuple(str(code) for code in data["not_school_types"]),
        misspelt_school_concepts=tuple(data["misspelt_concepts"]["school"]),
        misspelt_line_concepts=tuple(data["misspelt_concepts"]["line"]),
        workload_measures=tuple(words["workload_measures"]),
        intervention_details=tuple(words["intervention_details"]),
    )


def _check(profile: Profile, catalogue: Catalogue, taxonomy: Taxonomy, path: Path) -> None:
    unknown_types = set(profile.type_weights) - set(catalogue.domain.school_types)
    if unknown_types:
        raise DataFileError(path, "schools.type_weights", f"unknown types {sorted(unknown_types)}")
    known_codes = set(catalogue.menukaart.ineffective)
    for _, version in catalogue.menukaart.versions.entries:
        known_codes |= set(version.doelgebied_of)
    for code in profile.codes_not_on_menukaart:
        if normalize_code(code) in known_codes:
            raise DataFileError(path, "codes_not_on_menukaart", f"{code} is a menukaart code")
    if set(profile.not_school_types) & set(catalogue.domain.school_types):
        raise DataFileError(path, "not_school_types", "holds a school type of the catalogue")
    for concept in profile.misspelt_school_concepts + profile.misspelt_line_concepts:
        if concept in taxonomy.concepts:
            raise DataFileError(path, "misspelt_concepts", f"{concept} is a taxonomy concept")
    if profile.max_schools < 2:
        raise DataFileError(path, "boards.max_schools", "must be at least 2")
    if profile.npo_lines.min < 3:
        raise DataFileError(path, "reporting.npo_lines", "at least 3 lines: problems need room")
