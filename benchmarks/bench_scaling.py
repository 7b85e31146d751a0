"""How the cost of checking grows: with the number of filings, and with the number of rules
(issue 5, figure 6), measured in one process (the Checker, no batch machinery).

    .venv/bin/python benchmarks/bench_scaling.py [--extra 200] [--engine durable]

1. Time per filing over the first 250, 500, 1,000 and 2,000 filings: flat means linear.
2. Time per filing with the real catalogue and with 200 generated extra rules, interleaved
   on the same filings, and the ratio. Target: nearly flat in rules.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import (
    WORK,
    bench_options,
    median,
    prepared_corpus,
)
from extra_rules import write_extra_rules

from compliance.check import Checker
from compliance.engine import make_engine
from compliance.rules import load_catalogue


def per_filing_ms(checker: Checker, paths: list[Path]) -> tuple[float, int]:
    """Milliseconds per filing, and the number of findings given."""
    findings = 0
    start = time.perf_counter()
    for path in paths:
        findings += len(checker.check_file(path).findings)
    return 1000 * (time.perf_counter() - start) / len(paths), findings


def main() -> None:
    args = bench_options(
        __doc__,
        2000,
        extra={"type": int, "default": 200},
        sample={"type": int, "default": 500, "help": "filings per rules round"},
        repeat={"type": int, "default": 3},
    ).parse_args()
    title = f"Scaling in filings and in rules ({args.engine} engine, one process)"
    folder, paths = prepared_corpus(args.boards, title)
    real = Checker(load_catalogue(reference_dir=folder), make_engine(args.engine))
    per_filing_ms(real, paths[:50])  # compile the rule books first
    print("time per filing as the batch grows:")
    for size in (250, 500, 1000, 2000):
        if size <= len(paths):
            ms, _ = per_filing_ms(real, paths[:size])
            print(f"  {size:>5} filings: {ms:6.2f} ms per filing")
    rules = write_extra_rules(WORK / f"rules-plus-{args.extra}", args.extra)
    extra_catalogue = load_catalogue(rules, reference_dir=folder)
    extra = Checker(extra_catalogue, make_engine(args.engine))
    per_filing_ms(extra, paths[:50])
    sample = paths[: args.sample]
    times: dict[str, list[float]] = {"real": [], "extra": []}
    found: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, checker in (("real", real), ("extra", extra)):
            ms, found[name] = per_filing_ms(checker, sample)
            times[name].append(ms)
    real_rules = len(real.catalogue.rules)
    print(f"time per filing by catalogue size ({len(sample)} filings, median of {args.repeat}):")
    print(f"  {real_rules:>4} rules (shipped):      {median(times['real']):6.2f} ms per filing")
    print(
        f"  {len(extra_catalogue.rules):>4} rules (+{args.extra} extra): "
        f"{median(times['extra']):6.2f} ms per filing "
        f"({found['extra'] - found['real']} findings of extra rules)"
    )
    ratios = [e / r for e, r in zip(times["extra"], times["real"], strict=True)]
    growth = len(extra_catalogue.rules) / real_rules
    print(f"  ratio: {median(ratios):.2f}x the time for {growth:.1f}x the rules")


if __name__ == "__main__":
    main()
