"""What the batch parent costs: its CPU per filing and its peak memory, at 1,000 and 10,000
filings, measured from inside the parent process itself.

    .venv/bin/python benchmarks/bench_parent.py [--boards 10000] [--sizes 1000 10000]
        [--jobs 2] [--repeat 2] [--compare OTHER/src] [--this SRC] [--corpus FOLDER]

The parent should stay light and flat, so that the workers get the CPU: peak RSS bounded
from 1,000 to 10,000 filings and well under a millisecond of CPU per filing. Figures come
from getrusage in the parent when it exits: RUSAGE_SELF is the parent alone (its own CPU and
peak resident set), RUSAGE_CHILDREN the workers it has reaped, so the workers' share of the
two cores is visible too. ``--compare`` runs another checkout's src/ (for instance the last
commit, unpacked with ``git archive HEAD src | tar -x -C /tmp/before``) interleaved with
this one, since only figures measured side by side on a shared machine mean much.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from pathlib import Path

from bench_memory import linked_folder
from common import PYTHON, SRC, corpus, describe_corpus, filings, fresh_dir, header

# Runs the compliance command and, at exit, writes the parent's and its reaped workers'
# resource use to the file named by $PARENT_USAGE.
LAUNCHER = """
import atexit, json, os, resource, sys
def report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["PARENT_USAGE"], "w") as handle:
        json.dump({"cpu": own.ru_utime + own.ru_stime, "sys": own.ru_stime,
                   "rss_kb": own.ru_maxrss, "switches": own.ru_nvcsw + own.ru_nivcsw,
                   "workers_cpu": workers.ru_utime + workers.ru_stime}, handle)
atexit.register(report)
from compliance.cli import main
sys.argv[0] = "compliance"
main()
"""


def measure(src: Path, folder: Path, reference: Path, jobs: int, label: str) -> dict:
    """One batch run of the checkout at ``src``; the parent's figures and the wall time."""
    out = fresh_dir(f"parent-{label}")
    usage = out.with_suffix(".usage.json")
    env = dict(os.environ, PYTHONPATH=str(src), PARENT_USAGE=str(usage))
    command = [PYTHON, "-c", LAUNCHER, "batch", str(folder), "--out", str(out)]
    command += ["--jobs", str(jobs), "--reference-dir", str(reference), "--engine", "python"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"batch failed (exit {done.returncode}): {done.stderr[-500:]}")
    figures = json.loads(usage.read_text())
    figures["wall"] = wall
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=10000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--compare", type=Path, help="another checkout's src/ to run alongside")
    parser.add_argument("--this", type=Path, default=SRC, help="the src/ to measure")
    parser.add_argument("--corpus", type=Path, help="an already generated corpus to use")
    args = parser.parse_args()
    reference = args.corpus.resolve() if args.corpus else corpus(args.boards)
    paths = filings(reference)
    header(f"The batch parent (python engine, --jobs {args.jobs})")
    print(describe_corpus(reference))
    checkouts = {"this": args.this.resolve()}
    if args.compare:
        checkouts = {"compare": args.compare.resolve(), **checkouts}
    print(
        f"{'src':>8} {'filings':>8} {'wall s':>7} {'parent CPU s':>12} {'ms/filing':>9} "
        f"{'of which sys':>12} {'parent peak RSS MB':>18} {'switches':>8} {'workers CPU s':>13} "
        f"{'worker busy':>11}"
    )
    for size in args.sizes:
        folder = linked_folder(paths[:size])
        for _ in range(args.repeat):
            for name, src in checkouts.items():
                got = measure(src, folder, reference, args.jobs, f"{name}-{size}")
                busy = got["workers_cpu"] / (got["wall"] * args.jobs)
                print(
                    f"{name:>8} {size:>8} {got['wall']:7.2f} {got['cpu']:12.2f} "
                    f"{1000 * got['cpu'] / size:9.3f} {got['sys']:12.2f} "
                    f"{got['rss_kb'] / 1024:18.1f} {got['switches']:8} "
                    f"{got['workers_cpu']:13.2f} {busy:11.0%}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
