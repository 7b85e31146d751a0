"""How the cost of checking grows: with the number of filings, and with the number of rules
(issue 5, figure 6), measured in one process (the Checker, no batch machinery).

    .venv/bin/python benchmarks/bench_scaling.py [--extra 200] [--engine durable]

1. Time per filing (wall and CPU) over the first 500, 1,000, 2,000, 5,000 and 10,000
   filings, as far as the corpus goes (--boards 10000 for all): flat means linear.
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
    ms, _cpu, findings = per_filing_times(checker, paths)
    return ms, findings


def per_filing_times(checker: Checker, paths: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU milliseconds per filing, and the number of findings given."""
    findings = 0
    start, start_cpu = time.perf_counter(), time.process_time()
    for path in paths:
        findings += len(checker.check_file(path).findings)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return 1000 * wall / len(paths), 1000 * cpu / len(paths), findings


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
    for size in (500, 1000, 2000, 5000, 10000):
        if size <= len(paths):
            ms, cpu, _ = per_filing_times(real, paths[:size])
            print(f"  {size:>5} filings: {ms:6.2f} ms per filing (CPU {cpu:5.2f} ms)")
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
