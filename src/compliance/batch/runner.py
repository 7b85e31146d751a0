"""One batch, end to end: find the inputs, keep what ``--resume`` allows, judge the rest in
the pool while the sink writes each result as it comes in, and write the summary and the
report at the end, also when the run is interrupted (Ctrl-C or SIGTERM): then the outputs
hold every filing that had finished, and ``--resume`` carries on from there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from compliance import __version__
from compliance.batch import outputs
from compliance.batch.baseline import Run, compare_runs, load_run
from compliance.batch.defaults import DEFAULT_TIMEOUT
from compliance.batch.inputs import find_inputs, sha256_of
from compliance.batch.interrupts import Interrupts
from compliance.batch.monitoring import Layout, Monitoring, load_monitoring, monitoring_path
from compliance.batch.outputs import FolderInTheWay, OutBusy, Outputs
from compliance.batch.pool import Pool, Task
from compliance.batch.progress import Progress
from compliance.batch.records import Digest, Record
from compliance.batch.resume import Earlier, settings_of
from compliance.batch.sink import Sink
from compliance.batch.summary import Tally, build_summary, run_info
from compliance.batch.worker import WorkerSetup
from compliance.batch.writers.base import Batch
from compliance.read import ReadLimits
from compliance.rules.catalogue import Catalogue
from compliance.waivers import Waivers
from compliance.words import os_reason, say

__all__ = ["DEFAULT_TIMEOUT", "BatchOptions", "BatchOutcome", "NoInputs", "run_batch"]


class NoInputs(Exception):
    """The paths given hold no filing at all: a usage error, not an empty batch."""


@dataclass(frozen=True)
class BatchOptions:
    paths: list[str]
    out: Path
    catalogue: Catalogue
    engine: str = "durable"
    limits: ReadLimits = field(default_factory=ReadLimits)
    lang: str = "nl"
    jobs: int | None = None  # None: one per CPU this process may use
    timeout: float = DEFAULT_TIMEOUT
    resume: bool = False
    rules_dir: Path | None = None  # for workers that must load the catalogue themselves
    reference_dir: Path | None = None
    stream: TextIO | None = None  # result objects, one per line, in path order
    progress: TextIO | None = None  # a terminal to show progress on
    waivers: Waivers | None = None  # a reviewer's waivers file, loaded
    baseline: Path | None = None  # the --out of an earlier batch, to compare findings with


@dataclass(frozen=True)
class BatchOutcome:
    counts: dict  # as in summary.json
    reused: int
    interrupted: bool
    failed: list[tuple[str, str]]  # (file, reason) of each result with status error
    review: dict = field(default_factory=dict)  # summary.json's "waivers" and "baseline"
    severities: frozenset[str] = frozenset()  # of the findings not waived (for --fail-on)

    @property
    def blocking(self) -> bool:
        return self.counts["blocking"] > 0


def run_batch(options: BatchOptions) -> BatchOutcome:
    """Judge the batch and publish its outputs in ``--out``. Interrupted while judging, or
    while the outputs are finished, the outputs hold what had finished (``interrupted``);
    interrupted before judging starts, KeyboardInterrupt comes through and ``--out`` is as
    it was. An OSError while writing (a full disk) names ``--out`` and leaves the previous
    outputs as they were."""
    names = find_inputs(options.paths)
    if not names:
        raise NoInputs(", ".join(options.paths))
    catalogue = options.catalogue
    monitoring = load_monitoring(catalogue)
    # read before this run replaces anything: --baseline may name --out itself
    previous = load_run(options.baseline, options.lang) if options.baseline else None
    out, busy = options.out, say("batch.out_busy", options.lang)
    try:
        with Interrupts() as interrupts, Outputs(out, busy) as target:
            summary, tally, reused, interrupted = _run(
                options, monitoring, names, previous, target.staging, interrupts
            )
            target.publish()
    except OutBusy:
        raise
    except OSError as error:  # the folder, never a hidden file inside it
        reason = f"{os_reason(error, options.lang)}; {say('batch.out_unchanged', options.lang)}"
        where = error.filename if isinstance(error, FolderInTheWay) else str(out)
        raise OSError(error.errno, reason, where) from error
    review = {key: summary[key] for key in ("waivers", "baseline")}
    interrupted = interrupted or interrupts.requested
    counted = frozenset(tally.counted)
    return BatchOutcome(
        summary["counts"], len(reused), interrupted, tally.failed(), review, counted
    )


def _run(
    options: BatchOptions,
    monitoring: Monitoring,
    names: list[str],
    previous: Run | None,
    staging: Path,
    interrupts: Interrupts,
) -> tuple[dict, Tally, dict, bool]:
    """Judge what ``--resume`` does not keep and write every output into ``staging``: the
    summary, the tally, the kept results and whether the judging was interrupted."""
    catalogue, out = options.catalogue, options.out
    settings = settings_of(
        catalogue.version,
        __version__,
        options.lang,
        (options.limits.max_bytes, options.limits.max_depth),
        monitoring_path(catalogue),
    )
    if options.waivers is not None:  # results depend on the waivers and on which expired
        settings["waivers"] = options.waivers.digest()
    earlier = Earlier()
    if options.resume:
        results, state = out / outputs.RESULTS, out / outputs.STATE
        digest = Digest(catalogue, options.lang, Layout(monitoring))
        earlier = Earlier.load(results, state, settings, digest)
    with earlier:
        reused = earlier.reuse(names)
        tasks = [(index, name) for index, name in enumerate(names) if index not in reused]
        with Sink(staging, settings, options.lang, options.stream, reused, earlier) as sink:
            interrupted = _judge(options, monitoring, tasks, sink, interrupts)
            tally = sink.finish()
            not_checked = len(names) - tally.records
            summary = build_summary(tally, catalogue, monitoring, not_checked, run_info(tally))
            summary.update(_review(options, tally, summary["counts"]["waived"], previous, staging))
            sink.write_outputs(Batch(summary, tally.problems, catalogue, monitoring, options.lang))
    return summary, tally, reused, interrupted


def _judge(
    options: BatchOptions,
    monitoring: Monitoring,
    tasks: list[Task],
    sink: Sink,
    interrupts: Interrupts,
) -> bool:
    """Judge every task into ``sink``; True when interrupted. Either way, from the moment
    this returns, interrupts are only noted: the outputs are finished and published."""
    progress = Progress(options.progress, len(tasks), options.lang) if options.progress else None
    try:
        with _pool(options, monitoring) as pool:
            for index, record in pool.run(tasks):
                with interrupts.held:
                    sink.add(index, record)
                if progress is not None:
                    progress.advance(record.findings, record.status == "unreadable")
            interrupts.stop_raising()
    except KeyboardInterrupt:
        return True
    finally:
        if progress is not None:
            progress.finish()
    return False


def _pool(options: BatchOptions, monitoring: Monitoring) -> Pool:
    catalogue, lang = options.catalogue, options.lang
    setup = WorkerSetup(
        engine=options.engine,
        limits=options.limits,
        lang=lang,
        monitoring=monitoring,
        rules_dir=options.rules_dir,
        reference_dir=options.reference_dir,
        selection=catalogue.selection,
        catalogue=catalogue,
        waivers=options.waivers,
    )

    digest = Digest(catalogue, lang, Layout(monitoring))

    def on_lost(name: str, reason: str) -> Record:
        return digest.error_record(name, sha256_of(name), reason)

    jobs = options.jobs or default_jobs()
    return Pool(setup, jobs, options.timeout, on_lost, lang)


def default_jobs() -> int:
    """One worker per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _review(
    options: BatchOptions, tally: Tally, waived: int, previous: Run | None, staging: Path
) -> dict:
    """The reviewer's sections of summary.json, null when not asked for: what the waivers
    file did (--waivers) and the findings beside the earlier run's (--baseline). Made
    after results.jsonl is in place (the baseline compares it), before the other files."""
    waivers = options.waivers
    current = load_run(staging, options.lang) if previous else None
    return {
        "waivers": waivers.run_summary(tally.waivers_used, waived) if waivers else None,
        "baseline": compare_runs(previous, current) if previous and current else None,
    }
