"""Batch speed against the floor, on a generated corpus (issue 5, figures 1 to 3).

    .venv/bin/python benchmarks/bench_batch.py [--boards 2000] [--repeat 3]

For --jobs 1 and 2, in the same run and interleaved (the machine is shared and noisy, so
only ratios measured side by side mean much): the wall time of `compliance batch` over the
corpus, the wall time of the floor (lxml parse and a walk over every fact, same files, same
number of processes), their ratio, and filings/s and facts/s. Also how many results agree
with the corpus's ground truth. Targets: batch within 3x the floor; 500 filings/s on 2 cores.
"""

from __future__ import annotations

import json
from pathlib import Path

from common import (
    COMPLIANCE,
    PYTHON,
    bench_options,
    fresh_dir,
    median,
    prepared_corpus,
    timed,
)

from tools.generate import compare, read_truth, truth_path

FLOOR = str(Path(__file__).with_name("floor.py"))


def run_floor(folder: Path, jobs: int) -> tuple[float, dict]:
    elapsed, done = timed([PYTHON, FLOOR, "--jobs", str(jobs), str(folder / "filings")])
    return elapsed, json.loads(done.stdout)


def run_batch(folder: Path, jobs: int, engine: str) -> tuple[float, Path, str]:
    out = fresh_dir(f"batch-jobs{jobs}")
    command = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out)]
    command += ["--jobs", str(jobs), "--reference-dir", str(folder), "--engine", engine]
    elapsed, done = timed(command)
    problem = "" if done.returncode in (0, 1) else f"exit {done.returncode}: {done.stderr[-300:]}"
    return elapsed, out, problem


def agreement(folder: Path, out: Path) -> tuple[int, int]:
    """How many batch results give exactly the findings of the ground truth."""
    results = out / "results.jsonl"
    if not results.is_file():
        return 0, 0
    agree = total = 0
    for line in results.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        truth = read_truth(truth_path(Path(result["file"])))
        total += 1
        agree += not compare(truth.findings, result["findings"])
    return agree, total


def main() -> None:
    args = bench_options(__doc__, 2000, repeat={"type": int, "default": 3}).parse_args()
    folder, paths = prepared_corpus(args.boards, f"Batch against the floor ({args.engine} engine)")
    times: dict[tuple[str, int], list[float]] = {}
    ratios: dict[int, list[float]] = {1: [], 2: []}
    facts = 0
    last_out: Path | None = None
    for round_number in range(1, args.repeat + 1):
        for jobs in (1, 2):
            floor, counted = run_floor(folder, jobs)
            batch, last_out, problem = run_batch(folder, jobs, args.engine)
            if problem:
                print(f"  batch --jobs {jobs} failed: {problem}")
            facts = counted["facts"]
            times.setdefault(("floor", jobs), []).append(floor)
            times.setdefault(("batch", jobs), []).append(batch)
            ratios[jobs].append(batch / floor)
            print(
                f"  round {round_number}, --jobs {jobs}: batch {batch:6.2f} s, "
                f"floor {floor:5.2f} s, ratio {batch / floor:4.2f}"
            )
    print()
    print(f"{len(paths)} filings, {facts} facts; medians of {args.repeat} interleaved rounds")
    print(
        f"{'jobs':>4} {'batch s':>8} {'floor s':>8} {'ratio':>6} {'filings/s':>10} {'facts/s':>10}"
    )
    for jobs in (1, 2):
        batch = median(times[("batch", jobs)])
        floor = median(times[("floor", jobs)])
        print(
            f"{jobs:>4} {batch:8.2f} {floor:8.2f} {median(ratios[jobs]):6.2f} "
            f"{len(paths) / batch:10.0f} {facts / batch:10.0f}"
        )
    scaling = median(times[("batch", 1)]) / median(times[("batch", 2)])
    print(f"speed-up from 1 to 2 jobs: {scaling:.2f}x")
    if last_out is not None:
        agree, total = agreement(folder, last_out)
        print(f"ground truth: {agree} of {total} results give exactly the expected findings")


if __name__ == "__main__":
    main()
