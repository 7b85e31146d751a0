"""``python -m tools.generate``: write a synthetic corpus with its ground truth.

A development tool for the tests and benchmarks, run from a checkout; the shipped
``compliance`` command does not carry it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from compliance.datafiles import DataFileError
from compliance.rules import load_catalogue
from tools.generate.corpus import CorpusError, write_corpus


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--boards", type=click.IntRange(1), required=True, help="Number of filings (one board each)."
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Same seed, same corpus, byte for byte."
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="New or empty folder for the corpus.",
)
@click.option(
    "--rate",
    type=click.FloatRange(0, 1),
    default=0.05,
    show_default=True,
    help="Chance that a plan (one school's scheme in one school year) gets a planted problem.",
)
@click.option(
    "--rule",
    "rule_ids",
    multiple=True,
    help="Plant problems only for this rule (repeatable); default: every rule.",
)
@click.option(
    "--rules-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Generate for this rule catalogue instead of the shipped rules/.",
)
def generate(boards, seed, out, rate, rule_ids, rules_dir) -> None:
    """Write a synthetic corpus: filings in OUT/filings, each beside the findings it must
    give (bNNNNN.expected.json), with the allowance list and taxonomy schema they assume.

    Check it with the corpus's own allowance list:
    compliance batch OUT/filings --reference-dir OUT --out RESULTS
    """
    wanted = [rule_id.strip().upper() for rule_id in rule_ids]
    try:
        # every rule in force: the corpus brings its own allowance list
        catalogue = load_catalogue(rules_dir).with_allowance_list(frozenset())
        summary = write_corpus(out, boards, seed, rate, wanted or None, catalogue=catalogue)
    except (CorpusError, DataFileError) as error:
        click.echo(f"generate: {error}", err=True)
        sys.exit(2)
    expected = sum(summary.findings.values())
    click.echo(
        f"{summary.filings} filings ({summary.schools} schools, "
        f"{summary.bytes / summary.filings / 1024:.0f} KB each on average) and their "
        f"{expected} expected findings over {len(summary.findings)} rules written to {out}"
    )
    for line in summary.report():
        click.echo(line, err=True)


if __name__ == "__main__":
    generate()
