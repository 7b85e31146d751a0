"""Cold start: `compliance check` of one filing, the whole process (issue 5, figure 5).

    .venv/bin/python benchmarks/bench_cold_start.py [--runs 15]

Times the whole command (interpreter start, imports, loading the catalogue, reading and
judging a median-sized generated filing, printing the report) against a bare interpreter
that imports lxml (the floor: no checker can start faster than its parser), interleaved, wall
and CPU time side by side, and lists the slowest imports (python -X importtime).
Target (issue 13): `compliance check FILE` at most 3x `python -c "import lxml.etree"`.

The checkout's sources are byte-compiled first (``--no-compile`` skips it), as installing
the package does: with PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI) Python
never keeps the compiled modules, and each run would time compiling the package's ~100
modules (about half of a cold start) besides starting it.
"""

from __future__ import annotations

import argparse
import re

from common import (
    COMPLIANCE,
    PYTHON,
    compile_sources,
    corpus,
    filings,
    header,
    median,
    run,
    timed_cpu,
)


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
    parser.add_argument("--no-compile", action="store_true", help="time uncompiled sources")
    args = parser.parse_args()
    if not args.no_compile:
        compile_sources()
    folder = corpus(args.boards)
    paths = sorted(filings(folder), key=lambda path: path.stat().st_size)
    filing = paths[len(paths) // 2]
    header("Cold start of `compliance check` on one filing")
    print(f"filing {filing.name}: {filing.stat().st_size / 1024:.1f} KB (median size)")
    print("sources not compiled" if args.no_compile else "sources byte-compiled first")
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "import lxml.etree": [PYTHON, "-c", "import lxml.etree"],
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
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so that noise hits every command alike
        for name, command in commands.items():
            wall, cpu, _done = timed_cpu(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    floor_wall, floor_cpu = median(walls["import lxml.etree"]), median(cpus["import lxml.etree"])
    print(f"medians of {args.runs} interleaved runs; ratios against `import lxml.etree`")
    print(f"{'command':<24} {'wall s':>7} {'ratio':>6} {'cpu s':>7} {'ratio':>6} {'min wall':>9}")
    for name in commands:
        wall, cpu = median(walls[name]), median(cpus[name])
        print(
            f"{name:<24} {wall:7.3f} {wall / floor_wall:6.2f} {cpu:7.3f} {cpu / floor_cpu:6.2f} "
            f"{min(walls[name]):9.3f}"
        )
    print()
    print("import time of compliance.cli by package (ms, one run):")
    for ms, name in slowest_imports(10):
        print(f"  {ms:7.1f}  {name}")


if __name__ == "__main__":
    main()
