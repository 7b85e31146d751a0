"""Write a generated corpus to a folder:

    DIR/corpus.json                    what was generated (seed, rate, counts per rule)
    DIR/bestedingsplannen-2024.xsd     the taxonomy schema the filings point at
    DIR/arbeidsmarkttoelage.csv        the allowance list the ground truth assumes
    DIR/filings/b00000.xbrl            a filing
    DIR/filings/b00000.expected.json   the findings it must give

Check it with ``--reference-dir DIR`` so the checker uses the corpus's allowance list.
The content depends only on the seed, the board count, the rate, the rules chosen and the
catalogue: generating twice gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from compliance.authoring.instance_writer import write_instance
from compliance.read import Taxonomy, load_taxonomy
from compliance.resources import taxonomy_path
from compliance.rules.catalogue import Catalogue, load_catalogue
from tools.generate.allowance import eligibility, write_allowance_list
from tools.generate.baseline import WRITTEN_FOR
from tools.generate.board import BOARD_NUMBERS, GeneratedBoard, generate_board
from tools.generate.cases import CaseBook, read_cases
from tools.generate.draft import Setting
from tools.generate.problems import PROBLEMS, plantable_rules
from tools.generate.problems.from_cases import case_problems
from tools.generate.profile import load_profile
from tools.generate.regime import Regime
from tools.generate.truth import truth_path

FILINGS = "filings"
MANIFEST = "corpus.json"
MAX_BOARDS = BOARD_NUMBERS


class CorpusError(ValueError):
    """The corpus cannot be generated as asked (the message says why, in one line)."""


@dataclass
class CorpusSummary:
    folder: Path
    filings: int = 0
    bytes: int = 0
    schools: int = 0
    findings: Counter = field(default_factory=Counter)
    planted: Counter = field(default_factory=Counter)
    without_plant: dict[str, str] = field(default_factory=dict)  # rule → why none
    from_cases: list[str] = field(default_factory=list)  # rules planted from their cases
    unguarded: Counter = field(default_factory=Counter)  # rule → school years not guarded

    def manifest(self, settings: dict) -> dict:
        return {
            **settings,
            "filings": self.filings,
            "bytes": self.bytes,
            "schools": self.schools,
            "expected_findings": sum(self.findings.values()),
            "expected_findings_by_rule": dict(sorted(self.findings.items())),
            "problems_planted": dict(sorted(self.planted.items())),
            "rules_planted_from_cases": self.from_cases,
            "rules_without_plant": dict(sorted(self.without_plant.items())),
            "school_years_not_guarded": dict(sorted(self.unguarded.items())),
        }

    def report(self) -> list[str]:
        """What a reader of the corpus must know: rules it has no problems for, and rules
        the compliant baseline may break because no quiet case of theirs fits."""
        lines = [f"no plant for {rule}: {why}" for rule, why in sorted(self.without_plant.items())]
        lines += [
            f"{rule}: the compliant baseline is not written for it and none of its quiet cases "
            f"fits {count} school year(s); findings of it there are not in the ground truth"
            for rule, count in sorted(self.unguarded.items())
        ]
        return lines


def make_setting(
    catalogue: Catalogue,
    taxonomy: Taxonomy,
    seed: int,
    rate: float,
    rules: Iterable[str] | None = None,
) -> Setting:
    """What generate_board needs; ``rules`` limits the problems planted (default: all)."""
    regime = Regime(catalogue)
    book = read_cases(regime, taxonomy, plantable_rules(), WRITTEN_FOR)
    problems = PROBLEMS + case_problems(book)
    plantable = frozenset(problem.rule for problem in problems)
    chosen = frozenset(rules) if rules else plantable & set(catalogue.rules)
    unknown = sorted(chosen - set(catalogue.rules))
    if unknown:
        raise CorpusError(f"no rule {unknown[0]}; `compliance rules list` shows them all")
    unplantable = sorted(chosen - plantable)
    if unplantable:
        raise CorpusError(f"the generator cannot plant problems for {unplantable[0]}")
    profile = load_profile(catalogue, taxonomy)
    return Setting(
        regime=regime,
        profile=profile,
        seed=seed,
        rate=rate,
        rules=chosen,
        eligible=eligibility(seed, profile.allowance_share),
        cases=book,
        problems=problems,
    )


def case_book(catalogue: Catalogue) -> CaseBook:
    """What the generator takes from the catalogue's cases (for the tests)."""
    return make_setting(catalogue, load_taxonomy(), 0, 0).cases


def without_plant(catalogue: Catalogue, book: CaseBook, plantable: frozenset[str]) -> dict:
    """Rules of the catalogue no problem is planted for, with the reason."""
    return {
        rule: book.refused.get(rule, "no hand-written problem, and it takes none from cases")
        for rule in sorted(set(catalogue.rules) - plantable)
    }


def write_corpus(
    folder: Path,
    boards: int,
    seed: int = 0,
    rate: float = 0.05,
    rules: Iterable[str] | None = None,
    catalogue: Catalogue | None = None,
    progress: Callable[[int], None] | None = None,
) -> CorpusSummary:
    """Generate ``boards`` filings with their ground truth into ``folder``."""
    if not 1 <= boards <= MAX_BOARDS:
        raise CorpusError(f"--boards must be 1 to {MAX_BOARDS:,} (one bestuursnummer each)")
    filings = folder / FILINGS
    if filings.exists() and any(filings.iterdir()):
        raise CorpusError(f"{filings} is not empty; choose a new folder")
    catalogue = catalogue or load_catalogue().with_allowance_list(frozenset())
    taxonomy = load_taxonomy()
    setting = make_setting(catalogue, taxonomy, seed, rate, rules)
    filings.mkdir(parents=True, exist_ok=True)
    schema = shutil.copyfile(taxonomy_path(), folder / taxonomy_path().name)
    plantable = frozenset(problem.rule for problem in setting.problems)
    summary = CorpusSummary(
        folder,
        without_plant=without_plant(catalogue, setting.cases, plantable),
        from_cases=sorted(setting.cases.firing),
    )
    eligible: set[tuple[str, str]] = set()
    for index in range(boards):
        generated = generate_board(setting, index)
        summary.bytes += _write_filing(filings, generated, taxonomy, f"../{schema.name}")
        summary.filings += 1
        summary.schools += len(generated.draft.schools)
        summary.findings.update(finding.rule for finding in generated.truth.findings)
        summary.planted.update(generated.draft.planted)
        summary.unguarded.update(_unguarded(generated))
        eligible.update(_eligible_pairs(generated))
        if progress is not None:
            progress(index + 1)
    write_allowance_list(folder, eligible)
    settings = {
        "generator": "python -m tools.generate",
        "seed": seed,
        "boards": boards,
        "rate": rate,
        "rules": sorted(setting.rules),
        "catalogue_version": catalogue.version,
    }
    manifest = json.dumps(summary.manifest(settings), indent=1) + "\n"
    (folder / MANIFEST).write_text(manifest, encoding="utf-8")
    return summary


def _write_filing(
    filings: Path, generated: GeneratedBoard, taxonomy: Taxonomy, schema_href: str
) -> int:
    data = write_instance(generated.draft.as_spec(), taxonomy, schema_href=schema_href)
    path = filings / generated.file_name
    path.write_bytes(data)
    truth_path(path).write_text(generated.truth.to_json(), encoding="utf-8")
    return len(data)


def _unguarded(generated: GeneratedBoard) -> Iterable[str]:
    for school in generated.draft.schools:
        for draft in school.years:
            yield from draft.unguarded


def _eligible_pairs(generated: GeneratedBoard) -> Iterable[tuple[str, str]]:
    for school in generated.draft.schools:
        for draft in school.years:
            if draft.eligible:
                yield draft.year.label, draft.brin


def filing_paths(folder: Path) -> list[Path]:
    """The filings of a generated corpus, in board order."""
    return sorted((folder / FILINGS).glob("*.xbrl"))
