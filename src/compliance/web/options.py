"""What `compliance serve` was started with: the options `check` has, plus the server's own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from compliance.read import ReadLimits
from compliance.rules.catalogue import Selection

DEFAULT_UPLOAD_BYTES = 20 * 1024 * 1024  # a large board's filing is a few MB


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    lang: str = "nl"
    reference_dir: Path | None = None
    rules_dir: Path | None = None
    engine: str = "durable"
    limits: ReadLimits = field(default_factory=lambda: ReadLimits(max_bytes=DEFAULT_UPLOAD_BYTES))
    jobs: int = 2
    timeout: float = 30.0  # seconds one check may take before the request answers 504
    queue: int = 64  # requests waiting for a worker beyond which the server answers 503
    waivers_file: Path | None = None  # a reviewer's waivers, applied to every check
    today: date | None = None  # the date waivers expire against; None: each check's day
    selection: Selection = field(default_factory=Selection)  # --select / --ignore, as check
