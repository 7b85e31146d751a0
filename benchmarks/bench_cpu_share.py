"""Where the CPU time of a batch goes, beside the floor's, sampled by perf (issue 13).

    .venv/bin/python benchmarks/bench_cpu_share.py [--boards 2000] [--engine python] [--repeat 3]

Why beside bench_instructions.py and bench_stages.py: instructions are not time. libxml2
runs several instructions a cycle, the interpreter far fewer, so a batch that is 2.8x the
floor in instructions can be 3.5x in CPU time. perf's software clock (``cpu-clock``) samples
where each process spends its CPU time on the machine itself, nothing emulated, and tells
the code apart by library: the interpreter, lxml with the libxml2 linked into it, the C
library (malloc), the kernel, our own C parts, the other C modules. For each round, the
floor (``floor.py``, the same files and ``--jobs``) and the batch run under perf one after
the other; printed are the medians over the rounds of each group's CPU seconds, for the
floor's processes, the batch parent and its workers, and the batch's share against the
floor's. Needs Linux perf (Debian: linux-perf) and leave to sample one's own processes
(``/proc/sys/kernel/perf_event_paranoid`` at 2 or lower).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bench_batch import FLOOR
from common import (
    COMPLIANCE,
    PYTHON,
    WORK,
    bench_options,
    child_env,
    fresh_dir,
    median,
    prepared_corpus,
)

# Library groups, by the start of the shared object's name as perf reports it.
GROUPS = (
    ("interpreter", ("libpython",)),
    ("lxml and libxml2", ("etree.", "_elementpath.", "libxml2", "libxslt")),
    ("our C parts", ("_facts.", "_typing.")),
    ("C library", ("libc.", "libm.", "ld-linux")),
    ("kernel", ("[kernel", "[vdso")),
)
OTHER = "other C modules"
ROLES = ("floor", "parent", "workers")
SAMPLES_A_SECOND = 2000


def group_of(library: str) -> str:
    for name, starts in GROUPS:
        if library.startswith(starts):
            return name
    return OTHER


def sampled(command: list[str], label: str) -> dict[tuple[int, str], float]:
    """CPU seconds by (process id, library group) of ``command`` and every process it
    starts, sampled by perf."""
    data = WORK / "out" / f"perf-{label}.data"
    record = ["perf", "record", "-q", "-e", "cpu-clock", "-F", str(SAMPLES_A_SECOND)]
    subprocess.run(
        [*record, "-o", str(data), "--", *command],
        env=child_env(), check=False, capture_output=True,
    )  # fmt: skip
    report = ["perf", "report", "-i", str(data), "--stdio", "-F", "period,pid,dso", "-t", "|"]
    done = subprocess.run(report, check=False, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():  # not allowed to sample, say
        last = (done.stderr.strip().splitlines() or ["no samples"])[-1]
        sys.exit(f"perf gave no samples of {label}: {last}")
    lines = done.stdout
    seconds: dict[tuple[int, str], float] = defaultdict(float)
    for line in lines.splitlines():
        if line.startswith("#") or line.count("|") != 2:
            continue
        period, process, library = (part.strip() for part in line.split("|"))
        pid = int(process.split(":", 1)[0])
        seconds[pid, group_of(library)] += int(period) / 1e9  # cpu-clock counts nanoseconds
    return seconds


def by_role(seconds: dict[tuple[int, str], float], floor: bool) -> dict[tuple[str, str], float]:
    """(role, group) -> CPU seconds. The process perf started has the lowest id: it is the
    batch's parent; the floor's processes count as one."""
    first = min(pid for pid, _ in seconds)
    roles: dict[tuple[str, str], float] = defaultdict(float)
    for (pid, group), value in seconds.items():
        role = "floor" if floor else ("parent" if pid == first else "workers")
        roles[role, group] += value
    return roles


def one_round(folder: Path, jobs: int, engine: str) -> dict[tuple[str, str], float]:
    floor = sampled([PYTHON, FLOOR, "--jobs", str(jobs), str(folder / "filings")], "floor")
    out = fresh_dir("cpu-share")
    batch = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out), "-q"]
    batch += ["--jobs", str(jobs), "--reference-dir", str(folder), "--engine", engine]
    return {**by_role(floor, floor=True), **by_role(sampled(batch, "batch"), floor=False)}


def medians(rounds: list[dict[tuple[str, str], float]]) -> dict[tuple[str, str], float]:
    keys = {key for one in rounds for key in one}
    return {key: median([one.get(key, 0.0) for one in rounds]) for key in keys}


def row_of(cell: dict[tuple[str, str], float], groups: list[str]) -> dict[str, float]:
    """Each role's CPU seconds over ``groups``, and the batch's (parent and workers)."""
    row = {role: sum(cell.get((role, group), 0.0) for group in groups) for role in ROLES}
    row["batch"] = row["parent"] + row["workers"]
    return row


def print_table(rounds: list[dict[tuple[str, str], float]]) -> None:
    cell = medians(rounds)
    names = [name for name, _ in GROUPS] + [OTHER]
    columns = [*ROLES, "batch"]
    print(f"{'CPU seconds':18s}" + "".join(f"{name:>9s}" for name in columns) + "  batch/floor")
    for name, groups in [*((name, [name]) for name in names), ("all", names)]:
        row = row_of(cell, groups)
        ratio = f"{row['batch'] / row['floor']:.2f}x" if row["floor"] >= 0.005 else "-"
        print(f"{name:18s}" + "".join(f"{row[c]:9.2f}" for c in columns) + f"{ratio:>13s}")


def main() -> None:
    extra = {"repeat": {"type": int, "default": 3}, "jobs": {"type": int, "default": 2}}
    args = bench_options(__doc__, 2000, **extra).parse_args()
    if shutil.which("perf") is None:
        sys.exit("bench_cpu_share needs Linux perf (Debian: apt-get install linux-perf)")
    engine, jobs = args.engine, args.jobs
    title = f"Where the CPU goes, batch against the floor ({engine} engine, --jobs {jobs})"
    folder, _ = prepared_corpus(args.boards, title)
    print_table([one_round(folder, jobs, engine) for _ in range(args.repeat)])
    print(f"medians of {args.repeat} rounds, each cell on its own; {SAMPLES_A_SECOND} samples/s")


if __name__ == "__main__":
    main()
