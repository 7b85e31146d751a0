"""Giving up on an output stream whose reader went away or whose disk is full.

Why a module of its own: both the batch's streamed results and the command line meet it,
and what to do is the same and easy to get wrong. Closing the stream is not enough: Python
flushes standard output once more at exit and reports that failure as "Exception ignored".
So the stream's descriptor is pointed at /dev/null, and whatever is still buffered goes
nowhere.
"""

from __future__ import annotations

import contextlib
import os
from typing import TextIO


def send_to_nowhere(stream: TextIO) -> None:
    """Nothing written to ``stream`` from now on reaches its reader; a stream without a
    descriptor (a test's StringIO) is left as it is."""
    with contextlib.suppress(OSError, ValueError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, stream.fileno())
        finally:
            os.close(nowhere)
