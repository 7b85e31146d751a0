"""Batch speed against the floor, on a generated corpus (issue 5, figures 1 to 3).

    .venv/bin/python benchmarks/bench_batch.py [--boards 2000] [--repeat 3]

For --jobs 1 and 2, in the same run and interleaved (the machine is shared and noisy, so
only ratios measured side by side mean much): the wall time of `compliance batch` over the
corpus, the wall time of the floor (lxml parse and a walk over every fact, same files, same
number of processes), their ratio, and filings/s and facts/s; beside each wall figure the
CPU time of the whole process tree (the machines are shared: CPU ratios swing far less).
Also how many results agree with the corpus's ground truth. Targets (issue 13): CPU ratio to
the floor at most 4x with durable and 3x with the python engine, --jobs 2.
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
    spread_of,
    steadiness,
    timed_cpu,
)

from tools.generate import compare, read_truth, truth_path

FLOOR = str(Path(__file__).with_name("floor.py"))


def run_floor(folder: Path, jobs: int) -> tuple[float, float, dict]:
    wall, cpu, done = timed_cpu([PYTHON, FLOOR, "--jobs", str(jobs), str(folder / "filings")])
    return wall, cpu, json.loads(done.stdout)


def run_batch(folder: Path, jobs: int, engine: str) -> tuple[float, float, Path, str]:
    out = fresh_dir(f"batch-jobs{jobs}")
    command = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out)]
    command += ["--jobs", str(jobs), "--reference-dir", str(folder), "--engine", engine]
    wall, cpu, done = timed_cpu(command)
    problem = "" if done.returncode in (0, 1) else f"exit {done.returncode}: {done.stderr[-300:]}"
    return wall, cpu, out, problem


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


def batch_spread(jobs: int, batch_cpu: list[float], floor_cpu: list[float]) -> str:
    """How far the batch's own CPU spread over the rounds, for the same work each time, and
    the ratio of the least disturbed rounds (the lowest CPU of each, as timeit takes the
    best of its runs). On the shared machines here the batch's CPU has spread by a third
    while the floor's held within 4%: the interpreter's time, most of the batch's, suffers
    more from the neighbours than libxml2's, most of the floor's (bench_cpu_share.py)."""
    low, high, spread = spread_of(batch_cpu)
    best = low / min(floor_cpu)
    return (
        f"batch cpu, --jobs {jobs}, over the rounds: {low:.2f} to {high:.2f} s, a spread of "
        f"{spread:.0%}; least disturbed rounds (lowest cpu of each): ratio {best:.2f}"
    )


def main() -> None:
    args = bench_options(__doc__, 2000, repeat={"type": int, "default": 3}).parse_args()
    folder, paths = prepared_corpus(args.boards, f"Batch against the floor ({args.engine} engine)")
    times: dict[tuple[str, int], list[float]] = {}
    ratios: dict[tuple[str, int], list[float]] = {}
    facts = 0
    last_out: Path | None = None
    for round_number in range(1, args.repeat + 1):
        for jobs in (1, 2):
            floor, floor_cpu, counted = run_floor(folder, jobs)
            batch, batch_cpu, last_out, problem = run_batch(folder, jobs, args.engine)
            if problem:
                print(f"  batch --jobs {jobs} failed: {problem}")
            facts = counted["facts"]
            for name, value in (("floor", floor), ("batch", batch)):
                times.setdefault((name, jobs), []).append(value)
            for name, value in (("floor cpu", floor_cpu), ("batch cpu", batch_cpu)):
                times.setdefault((name, jobs), []).append(value)
            ratios.setdefault(("wall", jobs), []).append(batch / floor)
            ratios.setdefault(("cpu", jobs), []).append(batch_cpu / floor_cpu)
            print(
                f"  round {round_number}, --jobs {jobs}: batch {batch:6.2f} s "
                f"(cpu {batch_cpu:6.2f} s), floor {floor:5.2f} s (cpu {floor_cpu:5.2f} s), "
                f"ratio wall {batch / floor:4.2f}, cpu {batch_cpu / floor_cpu:4.2f}"
            )
    print()
    print(f"{len(paths)} filings, {facts} facts; medians of {args.repeat} interleaved rounds")
    print(
        f"{'jobs':>4} {'batch s':>8} {'floor s':>8} {'wall ratio':>10} {'batch cpu':>10} "
        f"{'floor cpu':>10} {'cpu ratio':>10} {'filings/s':>10} {'facts/s':>10}"
    )
    for jobs in (1, 2):
        batch = median(times[("batch", jobs)])
        print(
            f"{jobs:>4} {batch:8.2f} {median(times[('floor', jobs)]):8.2f} "
            f"{median(ratios[('wall', jobs)]):10.2f} {median(times[('batch cpu', jobs)]):10.2f} "
            f"{median(times[('floor cpu', jobs)]):10.2f} {median(ratios[('cpu', jobs)]):10.2f} "
            f"{len(paths) / batch:10.0f} {facts / batch:10.0f}"
        )
    for jobs in (1, 2):
        print(steadiness(f"floor cpu, --jobs {jobs},", times[("floor cpu", jobs)]))
    for jobs in (1, 2):
        print(batch_spread(jobs, times[("batch cpu", jobs)], times[("floor cpu", jobs)]))
    scaling = median(times[("batch", 1)]) / median(times[("batch", 2)])
    print(f"speed-up from 1 to 2 jobs: {scaling:.2f}x")
    if last_out is not None:
        agree, total = agreement(folder, last_out)
        print(f"ground truth: {agree} of {total} results give exactly the expected findings")


if __name__ == "__main__":
    main()
