"""How Ctrl-C and SIGTERM end a batch: as KeyboardInterrupt, after which the outputs are
written with every filing that had finished and ``--resume`` carries on from there.

SIGTERM (a scheduler stopping the job) is made to end the run as Ctrl-C does. And either
can be held off while one filing's lines go to the output files (``held``): the files are
streamed while the batch runs, and an interrupt between a filing's line in results.jsonl
and its line in the state file would leave them disagreeing. A signal that arrives then
is raised as soon as the filing is written, which is microseconds later.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType


class Interrupts:
    """Use as a context manager around the judging, and ``with interrupts.held:`` around
    the writing of one filing. A no-op outside the main thread, where Python delivers no
    signals."""

    def __init__(self) -> None:
        self.held = _Held(self)
        self._previous: dict[int, object] = {}
        self.requested = False  # an interrupt came, whether or not it was raised
        # Once one interrupt has been raised (or the outputs are being finished), the next
        # ones are only noted: a second Ctrl-C 30 ms after the first must not break off the
        # writing of the outputs and leave some old, some new.
        self.quiet = False

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is not threading.main_thread():
            return self
        self._previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, self._interrupt)
        # Python leaves SIGINT ignored when it started ignored (a background job): so do we.
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous[signal.SIGINT] = signal.signal(signal.SIGINT, self._interrupt)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous = {}

    def stop_raising(self) -> None:
        """From now on interrupts are only noted (``requested``): the outputs are being
        finished, which takes a moment and ends the run anyway."""
        self.quiet = True

    def _interrupt(self, number: int, frame: FrameType | None) -> None:
        self.requested = True
        if self.held.active or _in_finalizer(frame):
            self.held.pending = True
        elif not self.quiet:
            self.quiet = True
            raise KeyboardInterrupt


def _in_finalizer(frame: FrameType | None) -> bool:
    """True when the signal came while an object was being finalised (a worker's old pipe
    let go when the worker is replaced): Python prints an exception raised there as
    "Exception ignored in ... __del__" with its traceback and drops it, so the Ctrl-C would
    be lost. It is raised instead once the next filing is written (or the run ends)."""
    return frame is not None and frame.f_code.co_name == "__del__"


class _Held:
    """Holds off an interrupt until the block is done. A class, not a generator-based
    context manager: it is entered once per filing, so it must cost next to nothing."""

    __slots__ = ("_owner", "active", "pending")

    def __init__(self, owner: Interrupts) -> None:
        self._owner = owner
        self.active = False
        self.pending = False

    def __enter__(self) -> None:
        self.active = True

    def __exit__(self, kind: object, *exc: object) -> None:
        self.active = False
        if self.pending and kind is None:
            self.pending = False
            if not self._owner.quiet:
                self._owner.quiet = True
                raise KeyboardInterrupt
