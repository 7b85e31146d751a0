"""Where a batch worker's instructions go, stage by stage, counted by valgrind (issue 13).

    .venv/bin/python benchmarks/bench_stages.py [--boards 2000] [--files 100] [--engine python]

Why beside profile_check.py: a profiler's figures are inflated unevenly (a Python call
costs more under it than C does), and stage timers at a tenth of a millisecond are swamped
by the noise of a shared machine. Instructions are the same from run to run, so a change
of one stage shows even when it saves 1% of it. One process per stage judges ``--files``
corpus filings up to and including that stage, the way a batch worker does (the worker's
own judge for the last, "whole": findings, plan outcomes, the monitoring contribution and
the record), after 30 uncounted filings of warm-up; the same process judging no filing is
subtracted. Printed: instructions a filing up to each stage and in it. Under valgrind the
CPU's SHA instructions are not emulated, so the filing's sha256 counts some 1.6M here
against 0.04 ms on the machine itself; everything else is in proportion to its time, but
for lxml's C parse, which runs more instructions per cycle than the interpreter.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from bench_instructions import instructions
from common import PYTHON, child_env, filings, prepared_corpus
from profile_check import worker_judge

from compliance.model.build import build_board
from compliance.model.structure import check_structure
from compliance.read.instance import read_instance
from compliance.read.safety import load_tree, read_bytes

STAGES = ("bytes", "sha256", "parse", "read", "structure", "build", "judge", "whole")
WARM_UP = 30


def judge_up_to(stage: str, count: int, folder: str, engine: str) -> None:
    """In a child process: judge the corpus's first ``count`` filings up to ``stage``."""
    paths = [str(path) for path in filings(Path(folder))]
    judge = worker_judge(Path(folder), engine)
    checker = judge.checker
    for path in paths[-WARM_UP:]:
        judge(path)

    def up_to(path: str) -> None:
        data = read_bytes(path, checker.limits)
        if stage == "bytes":
            return
        hashlib.sha256(data).hexdigest()
        if stage == "sha256":
            return
        if stage == "parse":
            load_tree(data, checker.limits)
            return
        instance = read_instance(data, checker.taxonomy, checker.limits)
        if stage == "read":
            return
        domain = checker.catalogue.domain
        structure = check_structure(instance, checker.taxonomy, domain, checker.severities)
        if stage == "structure":
            return
        board = build_board(structure)
        if stage == "build":
            return
        checker.plan_judge.judge(board, checker.allowance_list)

    step = judge if stage == "whole" else up_to
    for path in paths[:count]:
        step(path)


def counted(stage: str, count: int, folder: str, engine: str) -> int:
    return instructions([PYTHON, __file__, "--child", stage, str(count), folder, engine])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--engine", default="python", choices=["durable", "python"])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        stage, count, folder, engine = args.child
        judge_up_to(stage, int(count), folder, engine)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    title = f"A worker's instructions by stage ({args.engine} engine)"
    folder, _ = prepared_corpus(args.boards, title)
    where = str(folder)
    # once uncounted, so that the catalogue cache holds this checkout's catalogue
    command = [PYTHON, __file__, "--child", "bytes", "0", where, args.engine]
    subprocess.run(command, env=child_env(), check=True)
    base = counted("bytes", 0, where, args.engine)
    print(f"{'stage':10s} {'up to it':>10s} {'in it':>10s}   (M instructions a filing)")
    before = 0.0
    for stage in STAGES:
        total = (counted(stage, args.files, where, args.engine) - base) / args.files / 1e6
        print(f"{stage:10s} {total:10.2f} {total - before:10.2f}")
        before = total


if __name__ == "__main__":
    main()
