"""One worker process: build the checker once, then judge one filing per request, and
digest each result into the record the outputs need (``records``), so the parent does not.

The checker (and the durable-rules state inside its engine, which is C code) is built here,
in the worker, after the fork: never shared between processes. A check that raises becomes
an ``error`` result, after which the worker leaves and is replaced, since an engine that
failed half-way is not trusted with the next filing.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from compliance.batch.inputs import sha256_of
from compliance.batch.monitoring import Contributor, Layout, Monitoring
from compliance.batch.records import Digest, Record
from compliance.check import Checker, failure_reason
from compliance.engine import make_engine
from compliance.read import ReadLimits
from compliance.rules.catalogue import Catalogue, Selection, load_catalogue
from compliance.waivers import Waivers

# Messages from a worker: (DONE, index, record, healthy) or (BROKEN, reason) at start-up.
DONE, BROKEN = "done", "broken"
_PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to build its checker. ``catalogue`` is inherited through fork;
    where processes are spawned instead it is None and each worker loads the catalogue."""

    engine: str
    limits: ReadLimits
    lang: str
    monitoring: Monitoring
    rules_dir: Path | None = None
    reference_dir: Path | None = None
    selection: Selection = field(default_factory=Selection)  # --select / --ignore
    catalogue: Catalogue | None = None
    waivers: Waivers | None = None  # loaded once by the parent, applied to every result


class Judge:
    """Checks one filing into a record; one per worker process."""

    def __init__(self, setup: WorkerSetup) -> None:
        catalogue = setup.catalogue or load_catalogue(
            setup.rules_dir, setup.reference_dir
        ).with_selection(setup.selection)
        engine = make_engine(setup.engine)
        self.contributor = Contributor(setup.monitoring, catalogue)
        # only the plans the summary counts in, with its figures (PlanJudge.outcomes)
        wanted = self.contributor.wanted
        self.checker = Checker(catalogue, engine, setup.limits, record_plans=wanted)
        self.digest = Digest(catalogue, setup.lang, Layout(setup.monitoring))
        self.lang = setup.lang
        self.waivers = setup.waivers

    def __call__(self, name: str) -> tuple[Record, bool]:
        """The filing's record, and whether this worker is still fit for the next one."""
        try:
            result = self.checker.check_file(name, name)
            if self.waivers is not None:
                result = self.waivers.apply(result)
            contribution = self.contributor.contribution(result.plans)
            record = self.digest.record_of(result, contribution)
            return record, True
        except Exception as error:  # any failure of one filing becomes its result
            reason = failure_reason(error, self.lang)
            return self.digest.error_record(name, sha256_of(name), reason), False


def serve(conn: Connection, setup: WorkerSetup) -> None:
    """The worker's main loop: ``(index, name)`` in, ``(DONE, index, record, healthy)`` out,
    one answer per filing in the order given (the next filing usually already waits in the
    pipe); ``None`` or a closed pipe ends it."""
    start_worker_process()
    try:
        judge = Judge(setup)
    except Exception as error:
        conn.send((BROKEN, " ".join(str(error).split())))
        return
    sweep = settle_garbage_collector()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, name = task
        record, healthy = judge(name)
        # Plain pickle: conn.send builds a ForkingPickler (and copies its tables) per call.
        conn.send_bytes(pickle.dumps((DONE, index, record, healthy), pickle.HIGHEST_PROTOCOL))
        if not healthy:
            return
        sweep()


def start_worker_process() -> None:
    """What every worker process (batch or web server) does first. Ctrl-C reaches the whole
    process group and the parent decides what an interrupt means, so the worker ignores it;
    SIGTERM ends it; and it dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def settle_garbage_collector() -> CycleSweep:
    """Keep the collector off what lives for the whole run (catalogue, compiled books,
    engine) and off the filings: reference counting frees a filing's objects as soon as it
    is done (no check leaves a reference cycle: none found after 600 corpus filings, nor
    after unreadable ones), so the collector's automatic passes, started by how many objects
    a filing makes, were pure cost: 10-18% of a filing's CPU with the thresholds raised to
    (10000, 50, 100), 0.5 ms of 5.4 (stages, 600 filings, same run). The returned sweep,
    called after each filing, still collects now and then, so that a cycle some rare path
    might make is freed within ``CycleSweep.EVERY`` filings."""
    gc.collect()
    gc.freeze()
    gc.disable()
    return CycleSweep()


class CycleSweep:
    """Collects reference cycles once every ``EVERY`` filings (a pass over a filing's
    leftovers takes well under a millisecond once the long-lived objects are frozen)."""

    EVERY = 100

    def __init__(self) -> None:
        self.filings = 0

    def __call__(self) -> None:
        self.filings += 1
        if self.filings % self.EVERY == 0:
            gc.collect()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the parent dies, however it dies (even SIGKILL):
    a worker stuck on a filing would otherwise run on as an orphan. Elsewhere a worker
    still ends when the parent's end of its pipe closes, once it is idle."""
    creator = multiprocessing.parent_process()
    parent = creator.pid if creator is not None else os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
