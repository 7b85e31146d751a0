"""How far a batch has got, on one line of stderr, for a person watching a terminal.

Written only when the stream is a terminal: in a pipe or a log file a line rewritten ten
times a second is noise. Redrawn at most every ``interval`` seconds, so that printing never
slows the batch down. The line never wraps: it is measured against the terminal's width at
every redraw (a window can be resized mid-run), and the least needed parts go first
(rate, findings, unreadable count, estimate), so "done/total percent" always shows.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import TextIO

from compliance.words import say

_ERASE_TO_END = "\x1b[K"  # clears what a longer earlier line left behind
_SEPARATOR = " · "


class Progress:
    def __init__(self, stream: TextIO, total: int, lang: str, interval: float = 0.2) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self.total = total
        self.done = 0
        self.findings = 0
        self.unreadable = 0
        self.lang = lang
        self._interval = interval
        self._started = time.monotonic()
        self._shown = 0.0

    def advance(self, findings: int, unreadable: bool = False) -> None:
        """One more filing done, with this many findings (or unreadable)."""
        self.done += 1
        self.findings += findings
        self.unreadable += unreadable
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

    def line(self, now: float, width: int) -> str:
        """The progress line at ``now``, at most ``width`` characters."""
        parts = [self._counted(), *self._details(now)]
        while len(parts) > 1 and len(_SEPARATOR.join(parts)) > width:
            parts.pop()
        return _SEPARATOR.join(parts)[:width]

    def _counted(self) -> str:
        percent = self.done * 100 // self.total if self.total else 100
        return say("batch.progress", self.lang, done=self.done, total=self.total, percent=percent)

    def _details(self, now: float) -> list[str]:
        """Estimate, unreadable, findings, rate: in the order they are kept when short of room."""
        rate = self.done / max(now - self._started, 1e-6)
        details = []
        left = self.total - self.done
        if left and rate > 0:
            details.append(say("batch.progress_eta", self.lang, eta=_clock(left / rate)))
        if self.unreadable:
            details.append(say("batch.progress_unreadable", self.lang, unreadable=self.unreadable))
        details.append(say("batch.progress_findings", self.lang, findings=self.findings))
        details.append(say("batch.progress_rate", self.lang, rate=round(rate)))
        return details

    def _draw(self, now: float) -> None:
        # One column spare: a line exactly as wide as the terminal wraps on some terminals.
        line = self.line(now, max(_width(self.stream) - 1, 10))
        self.stream.write("\r" + line + _ERASE_TO_END)
        self.stream.flush()


def _clock(seconds: float) -> str:
    """0:42, 12:05 or 3:02:10."""
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return shutil.get_terminal_size().columns


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
