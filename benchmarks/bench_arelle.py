"""The peer: Arelle loading and validating the same filings in one process (issue 5, figure
7), against our checker judging them in one process.

    python3 -m venv .venv-arelle && .venv-arelle/bin/pip install arelle-release
    .venv/bin/python benchmarks/bench_arelle.py [--files 200]

Arelle runs offline (workOffline, and an empty HOME so no user cache can help): the standard
XBRL schemas the taxonomy imports come from the copies inside the arelle-release package.
Both sides are timed per filing in a warm process (after 50 warm-up filings from outside
the sample, the same for both), on the same sample of the corpus, ours with the garbage
collector set as in a batch worker and each filing timed three times (its median counts);
the figure is the ratio of the mean times (what a batch of these filings costs), with the
ratio of the medians beside it. Target: 30x faster.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from common import REPO, WORK, corpus, describe_corpus, filings, header, warm_page_cache

from compliance.batch.worker import settle_garbage_collector
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.rules import load_catalogue

ARELLE_SCRIPT = Path(__file__).with_name("arelle_validate.py")
WARM_UP = 50
ROUNDS = 3  # timings of each of our filings (see ours)


def sample(paths: list[Path], count: int) -> list[Path]:
    """Every k-th filing, so the sample has the corpus's mix of sizes."""
    step = max(1, len(paths) // count)
    return paths[::step][:count]


def warm_up_filings(paths: list[Path], chosen: list[Path]) -> list[Path]:
    """WARM_UP filings of the corpus outside the sample, the same for both sides: enough to
    leave every one-time cost of a process behind (Arelle's standard schemas, our rule books,
    compiled per school type and period on first use), which a batch of thousands pays once."""
    taken = set(chosen)
    return [path for path in paths if path not in taken][:: max(1, len(paths) // WARM_UP)][:WARM_UP]


def ours(
    folder: Path, warm: list[Path], paths: list[Path], engine: str
) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per filing: the median of ``ROUNDS`` timings of each. Our side
    takes a second or so, Arelle's half a minute: one burst of load on the shared machine
    would otherwise swing our mean, and the ratio with it, by a third."""
    checker = Checker(load_catalogue(reference_dir=folder), make_engine(engine))
    for path in warm:
        checker.check_file(path)
    sweep = settle_garbage_collector()  # as a batch worker judges its filings
    rounds: list[tuple[list[float], list[float]]] = []
    for _ in range(ROUNDS):
        seconds, cpu_seconds = [], []
        for path in paths:
            start, start_cpu = time.perf_counter(), time.process_time()
            checker.check_file(path)
            sweep()
            seconds.append(time.perf_counter() - start)
            cpu_seconds.append(time.process_time() - start_cpu)
        rounds.append((seconds, cpu_seconds))
    walls = [statistics.median(times) for times in zip(*(r[0] for r in rounds), strict=True)]
    cpus = [statistics.median(times) for times in zip(*(r[1] for r in rounds), strict=True)]
    return walls, cpus


def arelle(python: Path, warm: list[Path], paths: list[Path]) -> dict:
    home = WORK / "arelle-home"  # empty: no user cache, no saved configuration
    home.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "")}
    names = [str(path) for path in [*warm, *paths]]
    start = time.perf_counter()
    done = subprocess.run(
        [str(python), str(ARELLE_SCRIPT), *names], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"Arelle failed: {done.stderr[-500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - start
    result["seconds"] = result["seconds"][len(warm) :]
    result["cpu_seconds"] = result["cpu_seconds"][len(warm) :]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--engine", default="durable", choices=["durable", "python"])
    parser.add_argument("--arelle-python", type=Path, default=REPO / ".venv-arelle/bin/python")
    args = parser.parse_args()
    header("Arelle (load and validate) against compliance check, per filing, one process")
    if not args.arelle_python.is_file():
        print(f"no Arelle virtualenv at {args.arelle_python}; see this script's docstring")
        return
    folder = corpus(args.boards)
    everything = filings(folder)
    chosen = sample(everything, args.files)
    warm = warm_up_filings(everything, chosen)
    warm_page_cache([*warm, *chosen])
    print(describe_corpus(folder))
    size = statistics.mean(path.stat().st_size for path in chosen) / 1024
    print(f"sample: {len(chosen)} filings (every k-th), {size:.1f} KB on average")
    our_seconds, our_cpu = ours(folder, warm, chosen, args.engine)
    peer = arelle(args.arelle_python, warm, chosen)
    print(f"engine {args.engine}")
    print(f"{'':<22} {'mean ms':>8} {'median ms':>10} {'max ms':>8} {'cpu mean':>9} {'cpu med':>8}")
    rows = (
        ("compliance check", our_seconds, our_cpu),
        ("Arelle", peer["seconds"], peer["cpu_seconds"]),
    )
    for name, values, cpu in rows:
        print(
            f"{name:<22} {1000 * statistics.mean(values):8.1f} "
            f"{1000 * statistics.median(values):10.1f} {1000 * max(values):8.1f} "
            f"{1000 * statistics.mean(cpu):9.1f} {1000 * statistics.median(cpu):8.1f}"
        )
    for label, ours_, theirs in (
        ("wall", our_seconds, peer["seconds"]),
        ("cpu", our_cpu, peer["cpu_seconds"]),
    ):
        means = statistics.mean(theirs) / statistics.mean(ours_)
        middle = statistics.median(theirs) / statistics.median(ours_)
        print(
            f"{label}: ratio of the means (Arelle / ours) {means:.1f}x, "
            f"of the medians {middle:.1f}x"
        )
    print(f"Arelle process, start to end incl. warm-up: {peer['process_seconds']:.1f} s")
    documents = peer["standard_documents"]
    print(f"standard schemas in Arelle's DTS (offline, from its package): {len(documents)}")
    for url in documents:
        print(f"  {url}")
    print("Arelle messages other than info (count by code):")
    for code, count in list(peer["messages"].items())[:12]:
        print(f"  {count:6}  {code}")


if __name__ == "__main__":
    main()
