"""Fuzzing: 10,000 mutants of generated filings through one batch (issue 8).

    .venv/bin/python benchmarks/bench_fuzz.py [--boards 40] [--mutants 10000] [--seed 0]

Each mutant is a generated filing with one to three pieces of damage (tools/mutate.py:
cut short, bytes flipped, lines or elements duplicated, dropped or moved, values replaced
by unlucky ones, re-encoded as UTF-16). Prints the count of results per status, and of the
`error` results those that come from a crash (a worker that died or a check that raised)
apart from those that ran past --timeout; the aim is no crash at all. Not a timed test:
it prints and asserts nothing.
"""

from __future__ import annotations

import json
import random
from collections import Counter

from common import COMPLIANCE, WORK, bench_options, corpus, filings, fresh_dir, header, timed

from tools.mutate import mutant

TIMEOUT = 60  # as the batch's default: a mutant past it is a hang, not a slow filing


def main() -> None:
    options = bench_options(
        __doc__,
        40,
        mutants={"type": int, "default": 10_000},
        seed={"type": int, "default": 0},
        jobs={"type": int, "default": 2},
    ).parse_args()
    folder = corpus(options.boards)
    sources = [path.read_bytes() for path in filings(folder)]
    target = WORK / f"fuzz-{options.boards}-seed{options.seed}-{options.mutants}"
    if not target.is_dir() or len(list(target.iterdir())) != options.mutants:
        target.mkdir(parents=True, exist_ok=True)
        rng = random.Random(options.seed)
        for number in range(options.mutants):
            (target / f"mutant-{number:05d}.xbrl").write_bytes(mutant(rng.choice(sources), rng))
    out = fresh_dir("fuzz")
    command = [*COMPLIANCE, "batch", str(target), "--out", str(out), "--lang", "en"]
    command += ["--jobs", str(options.jobs), "--engine", options.engine]
    command += ["--reference-dir", str(folder), "--timeout", str(TIMEOUT)]
    wall, done = timed(command)

    header(f"{options.mutants} mutants of {len(sources)} filings, engine {options.engine}")
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    print(f"exit status {done.returncode}, {wall:.0f} s, {len(results)} results")
    for status, number in sorted(Counter(r["status"] for r in results).items()):
        print(f"  {status:<12}{number:>7}")
    errors = [r["error"] for r in results if r["status"] == "error"]
    timeouts = [reason for reason in errors if "--timeout" in reason]
    crashes = [reason for reason in errors if reason not in timeouts]
    print(f"error results from a crash: {len(crashes)}; past --timeout: {len(timeouts)}")
    for reason, number in Counter(crashes).most_common(10):
        print(f"  {number:>5}  {reason[:160]}")
    reasons = Counter(_kind(r["error"]) for r in results if r["status"] == "unreadable")
    print("unreadable, by reason:")
    for reason, number in reasons.most_common(12):
        print(f"  {number:>5}  {reason}")


def _kind(reason: str) -> str:
    """An unreadable reason without its line and details, to count alike ones together."""
    reason = reason.split(": ", 1)[1] if reason.startswith("line ") else reason
    return ":".join(reason.split(":")[:2])[:90]


if __name__ == "__main__":
    main()
