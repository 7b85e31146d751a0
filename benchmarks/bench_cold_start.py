"""Cold start: `compliance check` of one filing, the whole process (issue 5, figure 5).

    .venv/bin/python benchmarks/bench_cold_start.py [--runs 15]

Times the whole command (interpreter start, imports, loading the catalogue, reading and
judging a median-sized generated filing, printing the report) against a bare interpreter
start, and lists the slowest imports (python -X importtime). Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import re

from common import COMPLIANCE, PYTHON, corpus, filings, header, median, run, timed


def slowest_imports(count: int) -> list[tuple[float, str]]:
    """The packages whose modules take longest to import (own time, summed), in ms."""
    done = run([PYTHON, "-X", "importtime", "-c", "import compliance.cli"])
    totals: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if match:
            package = match.group(2).split(".")[0]
            totals[package] = totals.get(package, 0.0) + int(match.group(1)) / 1000
    return sorted(((ms, name) for name, ms in totals.items()), reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--boards", type=int, default=2000)
    args = parser.parse_args()
    folder = corpus(args.boards)
    paths = sorted(filings(folder), key=lambda path: path.stat().st_size)
    filing = paths[len(paths) // 2]
    header("Cold start of `compliance check` on one filing")
    print(f"filing {filing.name}: {filing.stat().st_size / 1024:.1f} KB (median size)")
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "import compliance.cli": [PYTHON, "-c", "import compliance.cli"],
        "compliance --version": [*COMPLIANCE, "--version"],
        "compliance check FILE": [
            *COMPLIANCE,
            "check",
            str(filing),
            "--reference-dir",
            str(folder),
        ],
    }
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so that noise hits every command alike
        for name, command in commands.items():
            timings[name].append(timed(command)[0])
    print(f"{'command':<24} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.runs} runs)")
    for name, values in timings.items():
        print(f"{name:<24} {median(values):9.3f} {min(values):7.3f} {max(values):7.3f}")
    print()
    print("import time of compliance.cli by package (ms, one run):")
    for ms, name in slowest_imports(10):
        print(f"  {ms:7.1f}  {name}")


if __name__ == "__main__":
    main()
