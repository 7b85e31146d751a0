"""report.html at scale: its size, and how long headless chromium takes to open it and to
apply a filter, for a batch of a generated corpus (issue 11: 10,000 filings open and filter
in the browser without waiting).

    .venv/bin/python benchmarks/bench_report.py [--boards 10000] [--repeat 3] [--out DIR]

With --out, an existing batch output is measured as it is (no batch is run). The browser is
Debian's chromium driven through tests/browser.py, as in the tests. Prints figures only.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import COMPLIANCE, REPO, bench_options, fresh_dir, header, median, prepared_corpus
from common import timed as timed_command

sys.path.insert(0, str(REPO / "tests"))

# One filter, one search, one sort, each timed in the page from the event to the rows
# rendered (the script renders synchronously, so the time is the whole cost).
ACTIONS = {
    "filter by rule": "const s = document.getElementById('f-rule'); s.value = arguments[0];"
    "s.dispatchEvent(new Event('change'));",
    "search a name": "const q = document.getElementById('f-q'); q.value = 'stichting 12';"
    "q.dispatchEvent(new Event('input'));",
    "sort by number": "document.querySelector('#boards th[data-key=\"number\"] button').click();",
    "clear filters": "document.getElementById('f-rule').value = '';"
    "document.getElementById('f-q').value = '';"
    "document.getElementById('f-rule').dispatchEvent(new Event('change'));",
}
MEASURE = "const t = performance.now();" + "{action}" + "return performance.now() - t;"


def batch(folder: Path) -> Path:
    out = fresh_dir("report")
    command = [*COMPLIANCE, "batch", str(folder / "filings"), "--out", str(out)]
    elapsed, done = timed_command([*command, "--reference-dir", str(folder)])
    print(f"batch: {elapsed:.1f} s (exit {done.returncode})")
    return out


def measure(report: Path, repeat: int) -> None:
    from browser import start_browser

    browser = start_browser(Path(tempfile.mkdtemp(prefix="bench-report-")))
    driver = browser.driver
    try:
        loads, ready, actions = [], [], {name: [] for name in ACTIONS}
        for _ in range(repeat):
            start = time.perf_counter()
            driver.get(report.as_uri())  # returns after the load event: data parsed, page drawn
            loads.append(time.perf_counter() - start)
            ready.append(
                driver.execute_script(
                    "const t = performance.timing; return t.loadEventEnd - t.navigationStart;"
                )
                / 1000
            )
            rule = driver.execute_script(  # the first rule that has findings
                "return document.querySelector('#rules a[data-rule]').dataset.rule;"
            )
            for name, action in ACTIONS.items():
                ms = driver.execute_script(MEASURE.format(action=action), rule)
                actions[name].append(ms / 1000)
        boards = driver.execute_script(
            "return JSON.parse(document.getElementById('report-data').textContent).boards.length;"
        )
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    size = report.stat().st_size
    print(f"report.html: {size / 1e6:.1f} MB, {boards} boards in the explorer")
    print(f"open (driver.get to the load event): {median(loads):.2f} s median of {repeat}")
    print(f"open (navigation start to load event end, in the page): {median(ready):.2f} s")
    for name, times in actions.items():
        print(f"{name}: {median(times) * 1000:.0f} ms median of {repeat}")
    print(f"console errors: {len(errors)}")


def main() -> None:
    parser = bench_options(
        __doc__, 10_000, repeat={"type": int, "default": 3}, out={"type": Path, "default": None}
    )
    options = parser.parse_args()
    if options.out is not None:
        header(f"report.html of {options.out}")
        measure(options.out / "report.html", options.repeat)
        return
    folder, _ = prepared_corpus(options.boards, f"report.html of {options.boards} filings")
    out = batch(folder)
    measure(out / "report.html", options.repeat)


if __name__ == "__main__":
    main()
