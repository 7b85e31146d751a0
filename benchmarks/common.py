"""What the benchmark scripts share: the corpus they run on (generated once, then reused),
running the compliance command from this checkout, timing, and memory sampling.

Every script prints figures and asserts nothing. Corpora and outputs go to
$COMPLIANCE_BENCH_DIR (default /tmp/compliance-bench), outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
sys.path.insert(0, str(SRC))  # measure this checkout, not an installed copy
sys.path.insert(1, str(REPO))  # and its tools/ (the corpus generator, not shipped)



def _compiled_parts_in_place() -> None:
    """Build the C parts next to the sources when one is missing or older than its source:
    the benchmarks measure this checkout's src/, not an installed wheel, and should measure
    what a user's installation runs."""
    for source in (SRC / "compliance/read/_facts.c", SRC / "compliance/model/_typing.c"):
        built = list(source.parent.glob(f"{source.stem}.*.so"))
        if not built or built[0].stat().st_mtime < source.stat().st_mtime:
            command = [sys.executable, str(REPO / "hatch_build.py"), "--inplace"]
            subprocess.run(command, check=True)
            return


_compiled_parts_in_place()

WORK = Path(os.environ.get("COMPLIANCE_BENCH_DIR", "/tmp/compliance-bench"))
PYTHON = sys.executable
COMPLIANCE = [PYTHON, "-m", "compliance"]
GENERATE = [PYTHON, "-m", "tools.generate"]
DEFAULT_SEED = 0
DEFAULT_RATE = 0.05


def compile_sources() -> None:
    """Byte-compile the checkout's src/ into its __pycache__ folders (git ignores them), as
    installing the package does: with PYTHONDONTWRITEBYTECODE set (as in some sandboxes and
    CI) Python never keeps the compiled modules, and every `compliance` process a benchmark
    starts would compile the package's ~100 modules first (0.3 s of CPU a process here)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(SRC)], env=env, check=True)


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout's src/ first on the path, then
    its root (for tools/)."""
    env = dict(os.environ)
    paths = [str(SRC), str(REPO), env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return env


def corpus(boards: int, seed: int = DEFAULT_SEED, rate: float = DEFAULT_RATE) -> Path:
    """A generated corpus of ``boards`` filings, generated on first use and then reused."""
    folder = WORK / f"corpus-{boards}-seed{seed}-rate{rate:g}"
    manifest = folder / "corpus.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text())
        if data.get("boards") == boards and data.get("seed") == seed:
            return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {boards} boards into {folder} ...", flush=True)
    command = [*GENERATE, "--boards", str(boards), "--seed", str(seed)]
    run([*command, "--rate", str(rate), "--out", str(folder)], check=True)
    return folder


def filings(folder: Path) -> list[Path]:
    return sorted((folder / "filings").glob("*.xbrl"))


def describe_corpus(folder: Path) -> str:
    data = json.loads((folder / "corpus.json").read_text())
    size = data["bytes"] / data["filings"] / 1024
    return (
        f"corpus {folder.name}: {data['filings']} filings, {data['schools']} schools, "
        f"{size:.1f} KB per filing on average, {data['expected_findings']} expected findings"
    )


def warm_page_cache(paths: Sequence[Path]) -> None:
    """Read every file once so that no contender pays for the first disk read."""
    for path in paths:
        path.read_bytes()


def run(command: Sequence[str], check: bool = False, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command), env=child_env(), check=check, text=True, capture_output=True, **kwargs
    )


def timed(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of a whole command, start of the process to its end."""
    start = time.perf_counter()
    done = run(command)
    return time.perf_counter() - start, done


def timed_cpu(command: Sequence[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time and CPU time (user + system, the whole process tree it waited for) of a
    command. The machines are shared: CPU time swings far less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, done = timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread_of(values: Sequence[float]) -> tuple[float, float, float]:
    """The lowest and highest of ``values``, and how far apart as a share of the lowest."""
    low, high = min(values), max(values)
    return low, high, (high - low) / low if low else 0.0


def steadiness(name: str, values: Sequence[float]) -> str:
    """One line on whether the machine held still: how far the same measurement (the
    floor's CPU time, which does not change with our code) spread over the rounds, and the
    load average. CPU time is steadier than wall time but not steady: on a busy shared
    machine the floor's CPU for the same files has swung from 2.5 to 3.6 s within one run
    (cache and memory contention), and a ratio over such a floor says more about the
    neighbours than about the code. On a quiet machine it spreads by about 2%."""
    low, high, spread = spread_of(values)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    verdict = "steady" if spread <= 0.10 else "NOT steady: the ratios are not comparable"
    return (
        f"{name} over the rounds: {low:.2f} to {high:.2f} s, a spread of {spread:.0%} "
        f"({verdict}); load average now {load}"
    )


def fresh_dir(name: str) -> Path:
    path = WORK / "out" / name
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def bench_options(description: str, boards: int, **extra: dict) -> argparse.ArgumentParser:
    """The options every benchmark takes (--boards, --engine) plus its own ``extra``
    (name → add_argument keywords)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--boards", type=int, default=boards)
    for name, keywords in extra.items():
        parser.add_argument(f"--{name}", **keywords)
    parser.add_argument("--engine", default="durable", choices=["durable", "python"])
    return parser


def prepared_corpus(boards: int, title: str) -> tuple[Path, list[Path]]:
    """Generate (once) the corpus of ``boards`` filings, read its files into the page cache
    so the first round is not the one that pays for the disk, byte-compile the sources as
    an installation has them, and print the heading."""
    compile_sources()
    folder = corpus(boards)
    paths = filings(folder)
    warm_page_cache(paths)
    header(title)
    print(describe_corpus(folder))
    return folder, paths


def header(title: str) -> None:
    print()
    print(title)
    print("-" * len(title))


# -- memory -----------------------------------------------------------------------------------


@dataclass
class ProcessPeak:
    pid: int
    hwm_kb: int = 0  # VmHWM: the kernel's own peak resident set
    pss_kb: int = 0  # highest proportional set size seen (shared pages divided)


@dataclass
class MemorySampler:
    """Samples a process and its descendants every ``interval`` seconds while it runs."""

    root: int
    interval: float = 0.05
    peaks: dict[int, ProcessPeak] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> MemorySampler:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def workers(self) -> list[ProcessPeak]:
        return [peak for pid, peak in self.peaks.items() if pid != self.root]

    def _loop(self) -> None:
        while not self._stop.is_set():
            for pid in [self.root, *_descendants(self.root)]:
                peak = self.peaks.setdefault(pid, ProcessPeak(pid))
                hwm, pss = _memory_of(pid)
                peak.hwm_kb = max(peak.hwm_kb, hwm)
                peak.pss_kb = max(peak.pss_kb, pss)
            self._stop.wait(self.interval)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _memory_of(pid: int) -> tuple[int, int]:
    hwm = pss = 0
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return hwm, pss


def timed_with_memory(
    command: Sequence[str],
) -> tuple[float, subprocess.CompletedProcess, MemorySampler]:
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=child_env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with MemorySampler(process.pid) as sampler:
        stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return elapsed, done, sampler
