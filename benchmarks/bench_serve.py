"""`compliance serve` under load, beside the batch on the same files (issue 10).

    .venv/bin/python benchmarks/bench_serve.py [--boards 400] [--clients 16] [--mixed 500]

Starts a server on 127.0.0.1 only (a free port) with --jobs 2, the batch's own default on
this 2-core machine, and in the same run:
1. the batch over the corpus: wall time, filings/s and time per filing;
2. 16 clients uploading every filing of the corpus concurrently (raw body, keep-alive):
   throughput, p50/p99 latency, failed requests, and whether each answer has the findings
   the batch gave for that file;
3. a mixed run of 500 uploads (good, malformed, hostile, oversized) by the same clients:
   how many got the right answer (200 / 422 / 422 refused as unsafe / 413), and the memory
   of the server and its workers (PSS, kB) over the first 100 and the last 100 uploads.
Targets from the issue: throughput at least 70% of the batch's on the same cores; p99
under 5x p50; no failed request; 500 right answers; memory flat. Prints, asserts nothing.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

from common import (
    COMPLIANCE,
    _descendants,
    _memory_of,
    bench_options,
    child_env,
    fresh_dir,
    header,
    prepared_corpus,
    timed,
)

HOST = "127.0.0.1"  # never anything but this machine
MAX_BYTES = 1024 * 1024
HOSTILE = (
    b'<?xml version="1.0"?><!DOCTYPE xbrli:xbrl [<!ENTITY lol "lol">]>'
    b'<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&lol;</xbrli:xbrl>'
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(folder: Path, engine: str, jobs: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [*COMPLIANCE, "serve", "--host", HOST, "--port", str(port), "--jobs", str(jobs)]
    command += ["--reference-dir", str(folder), "--engine", engine]
    command += ["--max-bytes", str(MAX_BYTES)]
    process = subprocess.Popen(
        command, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/api/v1/rules")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def post(connection: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    connection.request(
        "POST", "/api/v1/check?lang=en", body=body, headers={"Content-Type": "application/xml"}
    )
    answer = connection.getresponse()
    return answer.status, answer.read()


class Clients:
    """``count`` threads, each with its own keep-alive connection, taking uploads from one
    shared list until it is empty; every answer is kept with its latency."""

    def __init__(self, port: int, count: int) -> None:
        self.port, self.count = port, count

    def run(self, uploads: list, on_answer=None) -> tuple[float, list]:
        answers: list = [None] * len(uploads)
        lock = threading.Lock()
        todo = iter(range(len(uploads)))

        def client() -> None:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
            while True:
                with lock:
                    index = next(todo, None)
                if index is None:
                    break
                start = time.perf_counter()
                try:
                    status, body = post(connection, uploads[index][1])
                except (OSError, http.client.HTTPException) as error:
                    status, body = -1, str(error).encode()
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
                answers[index] = (status, body, time.perf_counter() - start)
                if on_answer is not None:
                    on_answer(index)
            connection.close()

        threads = [threading.Thread(target=client) for _ in range(self.count)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - start, answers


def findings_of(result: dict) -> list:
    return sorted(
        (f["rule"], f["school"] or "", f["school_year"] or "", f["line"] or 0)
        for f in result["findings"]
    )


def batch_results(folder: Path, engine: str) -> tuple[float, dict]:
    out = fresh_dir("serve-batch")
    command = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out)]
    command += ["--jobs", "2", "--reference-dir", str(folder), "--engine", engine]
    elapsed, done = timed(command)
    if done.returncode not in (0, 1):
        raise SystemExit(f"batch failed: {done.stderr[-300:]}")
    results = {}
    for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        results[Path(result["file"]).name] = findings_of(result)
    return elapsed, results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def tree_pss(pid: int) -> int:
    return sum(_memory_of(p)[1] for p in [pid, *_descendants(pid)])


def mixed_uploads(paths: list[Path], total: int) -> list[tuple[str, bytes]]:
    """Good, malformed (cut off half-way), hostile (a DOCTYPE) and oversized, shuffled."""
    chooser = random.Random(0)
    uploads = []
    for index in range(total):
        kind = ("good", "good", "malformed", "hostile", "oversized")[index % 5]
        data = paths[index % len(paths)].read_bytes()
        if kind == "malformed":
            data = data[: len(data) // 2]
        elif kind == "hostile":
            data = HOSTILE
        elif kind == "oversized":
            data = b"<x>" + b" " * MAX_BYTES + b"</x>"
        uploads.append((kind, data))
    chooser.shuffle(uploads)
    return uploads


def right(kind: str, status: int, body: bytes) -> bool:
    if kind == "good":
        return status == 200
    if kind == "oversized":
        return status == 413
    if status != 422:
        return False
    error = json.loads(body)["error"]
    return "unsafe" in error if kind == "hostile" else "not well-formed" in error


def main() -> None:
    parser = bench_options(
        __doc__,
        400,
        clients={"type": int, "default": 16},
        mixed={"type": int, "default": 500},
    )
    options = parser.parse_args()
    folder, paths = prepared_corpus(options.boards, "compliance serve under load")

    batch_wall, expected = batch_results(folder, options.engine)
    n = len(paths)
    print(
        f"batch --jobs 2: {batch_wall:.2f} s for {n} filings = {n / batch_wall:.1f} filings/s,"
        f" {1000 * batch_wall / n:.1f} ms per filing (process start included)"
    )

    process, port = start_server(folder, options.engine, jobs=2)
    try:
        clients = Clients(port, options.clients)
        uploads = [(path.name, path.read_bytes()) for path in paths]
        clients.run(uploads[: options.clients * 2])  # warm-up: connections, workers' books
        wall, answers = clients.run(uploads)
        latencies = [answer[2] for answer in answers]
        failed = sum(answer[0] != 200 for answer in answers)
        differ = sum(
            answer[0] == 200 and findings_of(json.loads(answer[1])) != expected[name]
            for (name, _), answer in zip(uploads, answers, strict=True)
        )
        p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
        header(f"{options.clients} concurrent clients, {n} uploads, server --jobs 2")
        print(
            f"throughput {n / wall:.1f} uploads/s = {100 * batch_wall / wall:.0f}% of the batch's"
        )
        print(f"latency p50 {1000 * p50:.1f} ms, p99 {1000 * p99:.1f} ms, p99/p50 {p99 / p50:.2f}")
        print(
            f"failed requests: {failed}; answers whose findings differ from the batch's: {differ}"
        )

        mixed = mixed_uploads(paths, options.mixed)
        samples: dict[int, int] = {}
        done_count = [0]
        lock = threading.Lock()

        def sample(_: int) -> None:
            with lock:
                done_count[0] += 1
                count = done_count[0]
            if count <= 100 or count > options.mixed - 100:
                samples[count] = tree_pss(process.pid)

        wall, answers = clients.run(mixed, on_answer=sample)
        kinds = {}
        for (kind, _), (status, body, _) in zip(mixed, answers, strict=True):
            good, total = kinds.get(kind, (0, 0))
            kinds[kind] = (good + right(kind, status, body), total + 1)
        header(f"mixed run: {options.mixed} uploads by {options.clients} clients")
        correct = sum(good for good, _ in kinds.values())
        print(
            f"right answers: {correct} of {options.mixed} in {wall:.1f} s  "
            + ", ".join(f"{k} {g}/{t}" for k, (g, t) in sorted(kinds.items()))
        )
        first = [v for k, v in samples.items() if k <= 100]
        last = [v for k, v in samples.items() if k > options.mixed - 100]
        print(
            f"server + workers PSS: first 100 uploads mean {statistics.mean(first) / 1024:.1f} MB"
            f" (max {max(first) / 1024:.1f}), last 100 mean {statistics.mean(last) / 1024:.1f} MB"
            f" (max {max(last) / 1024:.1f})"
        )
    finally:
        process.terminate()
        process.wait(15)


if __name__ == "__main__":
    main()
