"""How far a batch has got, on one line of stderr, for a person watching a terminal.

Written only when the stream is a terminal: in a pipe or a log file a line rewritten ten
times a second is noise. Redrawn at most every ``interval`` seconds, so that printing never
slows the batch down.
"""

from __future__ import annotations

import time
from typing import TextIO

from compliance.batch.words import WORDS


class Progress:
    def __init__(self, stream: TextIO, total: int, lang: str, interval: float = 0.2) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self.total = total
        self.done = 0
        self.findings = 0
        self._template = WORDS[lang]["progress"]
        self._interval = interval
        self._started = time.monotonic()
        self._shown = 0.0
        self._width = 0

    def advance(self, findings: int) -> None:
        """One more filing done, with this many findings."""
        self.done += 1
        self.findings += findings
        now = time.monotonic()
        if self.enabled and (now - self._shown >= self._interval or self.done == self.total):
            self._shown = now
            self._draw(now)

    def finish(self) -> None:
        """End the progress line, so what follows starts on a line of its own."""
        if self.enabled and self.done:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-6)
        line = self._template.format(
            done=self.done, total=self.total, rate=self.done / elapsed, findings=self.findings
        )
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
