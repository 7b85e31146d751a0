"""Load and validate filings with Arelle in one process, offline. Run with the Python of the
Arelle virtualenv (not the project's), as bench_arelle.py does:

    .venv-arelle/bin/python benchmarks/arelle_validate.py FILE...

Uses Arelle's embedding API (arelle.api.Session) with workOffline: the taxonomy schema's
imports (xbrl-instance-2003-12-31.xsd, xbrldt-2005.xsd, xbrldi-2006.xsd, ...) must come
from the copies Arelle ships in arelle/resources/cache, since nothing is fetched. Prints one
JSON object: seconds (wall and CPU) per file, the standard documents in the DTS, and the
messages by code.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from arelle.api.Session import Session
from arelle.RuntimeOptions import RuntimeOptions


def _options(path: str, keep_open: bool = False) -> RuntimeOptions:
    return RuntimeOptions(
        entrypointFile=path,
        validate=True,
        workOffline=True,
        disablePersistentConfig=True,
        keepOpen=keep_open,
    )


def standard_documents(path: str) -> list[str]:
    """The documents Arelle's DTS discovery brought in from outside the corpus folder."""
    with Session() as session:
        session.run(_options(path, keep_open=True), logFileName="logToBuffer")
        return sorted(
            url for model in session.get_models() for url in model.urlDocs if "://" in url
        )


def main() -> None:
    started = time.perf_counter()
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    codes: Counter = Counter()
    with Session() as session:
        for path in sys.argv[1:]:
            start, start_cpu = time.perf_counter(), time.process_time()
            session.run(_options(path), logFileName="logToBuffer")
            seconds.append(time.perf_counter() - start)
            cpu_seconds.append(time.process_time() - start_cpu)
            for entry in json.loads(session.get_logs("json", clear_logs=True))["log"]:
                if entry["level"] != "info":
                    codes[f"{entry['level']} {entry['code']}"] += 1
    total = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "total_seconds": total,
                "standard_documents": standard_documents(sys.argv[1]),
                "messages": dict(codes.most_common()),
            }
        )
    )


if __name__ == "__main__":
    main()
