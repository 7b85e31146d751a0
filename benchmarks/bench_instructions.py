"""Batch against the floor in CPU instructions, counted by valgrind (issue 13).

    .venv/bin/python benchmarks/bench_instructions.py [--boards 400] [--engine both]

Why beside bench_batch.py: on a shared machine the CPU time of one and the same command
swings by a third between rounds, more than most changes to the checker save, so a ratio of
CPU times needs many rounds to say anything. Instructions do not swing: callgrind counts
the same total for the same program and input whatever else the machine does. This runs
the floor and `compliance batch`, both with --jobs 2, once each under
`valgrind --tool=callgrind`, adds up the instructions of every process of each (the forked
workers included) and prints the totals, per filing and as ratios. A ratio of instructions
is not a ratio of time (the interpreter runs more instructions per cycle than libxml2's
parser does), so this is for comparing changes, and bench_batch.py stays the measure of
the targets. Under valgrind everything runs some fifty times slower: 400 filings take a few
minutes per command.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_batch import FLOOR
from common import COMPLIANCE, PYTHON, child_env, fresh_dir, prepared_corpus

_TOTALS = re.compile(rb"^(?:summary|totals): (\d+)", re.MULTILINE)


def instructions(command: list[str]) -> int:
    """The instructions of ``command`` and every process it forks, as callgrind counts."""
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as folder:
        counted = [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            f"--callgrind-out-file={folder}/callgrind.%p",
            *command,
        ]
        # a fixed hash seed: with a random one, dictionaries and sets probe differently from
        # run to run, and the count of one stage of the same program moved by a sixth
        env = {**child_env(), "PYTHONHASHSEED": "0"}
        done = subprocess.run(counted, env=env, capture_output=True)
        if done.returncode not in (0, 1):
            tail = done.stderr.decode(errors="replace")[-400:]
            sys.exit(f"{command[1]} failed under valgrind (exit {done.returncode}): {tail}")
        total = 0
        for output in Path(folder).glob("callgrind.*"):
            found = _TOTALS.search(output.read_bytes())
            total += int(found.group(1)) if found else 0
        return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=400)
    parser.add_argument("--engine", default="both", choices=["both", "durable", "python"])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    folder, paths = prepared_corpus(args.boards, "Batch against the floor, in instructions")
    floor = instructions([PYTHON, FLOOR, "--jobs", "2", str(folder / "filings")])
    per_filing = floor / len(paths) / 1e6
    print(f"floor --jobs 2: {floor / 1e9:.2f} G instructions, {per_filing:.2f} M a filing")
    for engine in ("python", "durable") if args.engine == "both" else (args.engine,):
        out = fresh_dir("instructions-batch")
        command = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out)]
        command += ["--jobs", "2", "--reference-dir", str(folder), "--engine", engine]
        # once uncounted first, so that the catalogue cache (rules/cache.py) holds this
        # checkout's catalogue: a miss would count its compile, some 3G instructions
        subprocess.run(command, env=child_env(), capture_output=True)
        batch = instructions(command)
        print(
            f"batch --jobs 2, {engine} engine: {batch / 1e9:.2f} G instructions, "
            f"{batch / len(paths) / 1e6:.2f} M a filing, {batch / floor:.2f}x the floor"
        )


if __name__ == "__main__":
    main()
