"""One batch, end to end: find the inputs, keep what ``--resume`` allows, judge the rest in
the pool, and write the outputs, also when the run is interrupted (Ctrl-C or SIGTERM): then
the outputs hold every filing that had finished, and ``--resume`` carries on from there.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from compliance import __version__
from compliance.batch import outputs
from compliance.batch.csv_report import write_findings
from compliance.batch.html_report import render_html
from compliance.batch.inputs import find_inputs, sha256_of
from compliance.batch.monitoring import Monitoring, load_monitoring, monitoring_path
from compliance.batch.pool import Pool
from compliance.batch.progress import Progress
from compliance.batch.records import ERROR, Record, error_record
from compliance.batch.resume import load_kept, reuse, settings_of, write_state
from compliance.batch.summary import build_summary
from compliance.batch.worker import WorkerSetup
from compliance.read import ReadLimits
from compliance.rules.catalogue import Catalogue

DEFAULT_TIMEOUT = 60.0  # seconds per filing; an ordinary filing takes milliseconds


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


@dataclass(frozen=True)
class BatchOutcome:
    counts: dict  # as in summary.json
    reused: int
    interrupted: bool
    failed: list[tuple[str, str]]  # (file, reason) of each result with status error

    @property
    def blocking(self) -> bool:
        return self.counts["blocking"] > 0


def run_batch(options: BatchOptions) -> BatchOutcome:
    names = find_inputs(options.paths)
    if not names:
        raise NoInputs(", ".join(options.paths))
    catalogue = options.catalogue
    monitoring = load_monitoring(catalogue)
    options.out.mkdir(parents=True, exist_ok=True)
    settings = settings_of(
        catalogue.version,
        __version__,
        options.lang,
        (options.limits.max_bytes, options.limits.max_depth),
        monitoring_path(catalogue),
    )
    kept = {}
    if options.resume:
        kept = load_kept(options.out / outputs.RESULTS, options.out / outputs.STATE, settings)
    reused = reuse(names, kept)
    records: dict[int, Record] = {i: reused[n] for i, n in enumerate(names) if n in reused}
    interrupted = _judge(options, monitoring, names, records)
    ordered = [records[index] for index in sorted(records)]
    counts = _write_outputs(options, monitoring, settings, ordered, len(names) - len(ordered))
    failed = [(r.name, json.loads(r.line)["error"]) for r in ordered if r.status == ERROR]
    return BatchOutcome(counts, len(reused), interrupted, failed)


def _judge(
    options: BatchOptions, monitoring: Monitoring, names: list[str], records: dict[int, Record]
) -> bool:
    """Judge every filing not yet in ``records`` into it; True when interrupted."""
    tasks = [(index, name) for index, name in enumerate(names) if index not in records]
    emitter = _Emitter(options.stream)
    emitter.add_all(records)
    progress = Progress(options.progress, len(tasks), options.lang) if options.progress else None
    try:
        with _terminate_as_interrupt(), _pool(options, monitoring) as pool:
            for index, record in pool.run(tasks):
                records[index] = record
                emitter.add(index, record)
                if progress is not None:
                    progress.advance(record.findings)
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
        catalogue=catalogue,
    )

    def on_lost(name: str, reason: str) -> Record:
        return error_record(name, sha256_of(name), reason, catalogue, lang)

    jobs = options.jobs or default_jobs()
    return Pool(setup, jobs, options.timeout, on_lost, lang)


def default_jobs() -> int:
    """One worker per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _write_outputs(
    options: BatchOptions,
    monitoring: Monitoring,
    settings: dict,
    records: list[Record],
    not_checked: int,
) -> dict:
    """Write every output file; results and state first, as --resume reads those."""
    out, catalogue, lang = options.out, options.catalogue, options.lang
    results = [json.loads(record.line) for record in records]
    outputs.write_results(out / outputs.RESULTS, records)
    outputs.write_atomically(
        out / outputs.STATE, lambda handle: write_state(handle, settings, records)
    )
    write_findings(out / outputs.FINDINGS, results, lang)
    summary = build_summary(records, results, catalogue, monitoring, not_checked)
    outputs.write_text(out / outputs.SUMMARY, json.dumps(summary, ensure_ascii=False, indent=2))
    html = render_html(summary, results, catalogue, monitoring, lang)
    outputs.write_text(out / outputs.REPORT, html)
    return summary["counts"]


class _Emitter:
    """Streams result lines in path order as soon as every earlier path has its result,
    so the stream is the same bytes as results.jsonl whatever order workers finish in."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.waiting: dict[int, Record] = {}
        self.next = 0

    def add_all(self, records: dict[int, Record]) -> None:
        for index in sorted(records):
            self.add(index, records[index])

    def add(self, index: int, record: Record) -> None:
        if self.stream is None:
            return
        self.waiting[index] = record
        lines = []
        while self.next in self.waiting:
            lines.append(self.waiting.pop(self.next).line + "\n")
            self.next += 1
        if lines:
            self.stream.write("".join(lines))
            self.stream.flush()


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) ends the run as Ctrl-C does: with outputs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt
