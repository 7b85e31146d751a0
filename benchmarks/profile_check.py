"""Where the time of checking goes: profile the check path in one process over a sample of
the generated corpus, and print the call tree (pyinstrument) or the top functions (cProfile).
``--path batch`` profiles what a batch worker does per filing instead: the check with
per-plan outcomes, the monitoring contribution and the JSON result line.

    .venv-arelle/bin/pip install --target /tmp/pyinstrument-lib pyinstrument
    PYTHONPATH=/tmp/pyinstrument-lib .venv/bin/python benchmarks/profile_check.py

Without pyinstrument importable it falls back to the standard library's cProfile. The
profiler is kept out of .venv: install it into a throwaway folder as above.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from common import corpus, describe_corpus, filings, header, warm_page_cache

from compliance.check import Checker
from compliance.engine import make_engine
from compliance.read import ReadLimits
from compliance.rules import load_catalogue

Judge = Callable[[Path], object]


def check_judge(folder: Path, engine: str) -> Judge:
    checker = Checker(load_catalogue(reference_dir=folder), make_engine(engine))
    return checker.check_file


def worker_judge(folder: Path, engine: str):  # -> compliance.batch.worker.Judge
    """The judge one batch worker runs per filing, set up as the batch sets it up."""
    from compliance.batch.monitoring import load_monitoring
    from compliance.batch.worker import Judge as WorkerJudge
    from compliance.batch.worker import WorkerSetup

    catalogue = load_catalogue(reference_dir=folder)
    setup = WorkerSetup(engine, ReadLimits(), "nl", load_monitoring(catalogue), catalogue=catalogue)
    return WorkerJudge(setup)


def batch_judge(folder: Path, engine: str) -> Judge:
    """What one batch worker runs per filing (compliance.batch.worker.Judge)."""
    judge = worker_judge(folder, engine)
    return lambda path: judge(str(path))


def check_all(judge: Judge, paths: list[Path]) -> None:
    for path in paths:
        judge(path)


def with_pyinstrument(judge: Judge, paths: list[Path]) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    check_all(judge, paths)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def with_cprofile(judge: Judge, paths: list[Path], top: int, order: str) -> str:
    profile = cProfile.Profile()
    profile.runcall(check_all, judge, paths)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats(order)
    stats.print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--engine", default="durable", choices=["durable", "python"])
    parser.add_argument("--profiler", choices=["pyinstrument", "cprofile"], default=None)
    parser.add_argument("--path", choices=["check", "batch"], default="check")
    parser.add_argument("--top", type=int, default=40)
    # tottime: where the time is spent in a function itself (cumulative hides it in callers)
    parser.add_argument("--sort", choices=["cumulative", "tottime"], default="cumulative")
    args = parser.parse_args()
    folder = corpus(args.boards)
    paths = filings(folder)[: args.files]
    warm_page_cache(paths)
    judge = (check_judge if args.path == "check" else batch_judge)(folder, args.engine)
    check_all(judge, paths[:20])  # compile the rule books outside the profile
    start = time.perf_counter()
    check_all(judge, paths)
    plain = time.perf_counter() - start
    header(f"Profile of the {args.path} path over {len(paths)} filings ({args.engine} engine)")
    print(describe_corpus(folder))
    print(f"unprofiled: {1000 * plain / len(paths):.2f} ms per filing")
    profiler = args.profiler
    if profiler is None:
        try:
            import pyinstrument  # noqa: F401

            profiler = "pyinstrument"
        except ImportError:
            profiler = "cprofile"
    if profiler == "pyinstrument":
        print(with_pyinstrument(judge, paths))
    else:
        print(with_cprofile(judge, paths, args.top, args.sort))


if __name__ == "__main__":
    main()
