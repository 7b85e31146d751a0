"""Peak memory per batch worker at 1,000 and at 10,000 filings (issue 5, figure 4).

    .venv/bin/python benchmarks/bench_memory.py [--boards 10000] [--jobs 2]

Runs `compliance batch --jobs 2` on the first 1,000 filings of a generated corpus and on
all 10,000, sampling every process of the batch every 50 ms: the kernel's peak resident set
(VmHWM) of each worker and of the parent, and the highest proportional set size (PSS:
pages shared between the forked workers counted once). Also the wall time, to see the cost
grow linearly with the number of filings. Target: under 150 MB per worker, and flat.

Each batch is given one folder (of links to the filings), as a reviewer would: workers are
forked from the parent, so a parent holding 10,000 command-line paths would show up in
every worker's resident set as shared pages (PSS counts those once).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from common import (
    COMPLIANCE,
    WORK,
    bench_options,
    fresh_dir,
    prepared_corpus,
    timed_with_memory,
)


def linked_folder(paths: list[Path]) -> Path:
    """A folder of links to ``paths``, so a batch of any size is named by one folder."""
    folder = WORK / f"links-{len(paths)}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in paths:
        (folder / path.name).symlink_to(path)
    return folder


def main() -> None:
    args = bench_options(
        __doc__,
        10000,
        sizes={"type": int, "nargs": "+", "default": [1000, 10000]},
        jobs={"type": int, "default": 2},
    ).parse_args()
    title = f"Peak memory per worker ({args.engine} engine, --jobs {args.jobs})"
    folder, paths = prepared_corpus(args.boards, title)
    print(
        f"{'filings':>8} {'wall s':>7} {'filings/s':>9} {'ms/filing':>9} "
        f"{'worker peak RSS MB':>19} {'worker peak PSS MB':>19} {'parent peak RSS MB':>19}"
    )
    for size in args.sizes:
        chosen = paths[:size]
        out = fresh_dir(f"memory-{size}")
        command = [*COMPLIANCE, "batch", str(linked_folder(chosen)), "--out", str(out)]
        command += ["--jobs", str(args.jobs)]
        command += ["--reference-dir", str(folder), "--engine", args.engine]
        elapsed, done, sampler = timed_with_memory(command)
        if done.returncode not in (0, 1):
            print(f"  batch failed (exit {done.returncode}): {done.stderr[-300:]}")
            continue
        workers = sampler.workers()
        parent = sampler.peaks[sampler.root]
        rss = max(w.hwm_kb for w in workers) / 1024 if workers else float("nan")
        pss = max(w.pss_kb for w in workers) / 1024 if workers else float("nan")
        print(
            f"{len(chosen):>8} {elapsed:7.1f} {len(chosen) / elapsed:9.0f} "
            f"{1000 * elapsed / len(chosen):9.2f} {rss:19.1f} {pss:19.1f} "
            f"{parent.hwm_kb / 1024:19.1f}"
        )
        print(f"         ({len(workers)} worker process(es) seen)")


if __name__ == "__main__":
    main()
