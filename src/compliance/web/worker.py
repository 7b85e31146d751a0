"""One check worker process: builds its Checker once, then answers one upload at a time.

The upload arrives as bytes through a pipe and is judged in memory (``check_bytes``), so
it never touches the disk; the answer is the JSON result object of `check --format json`
plus the names the page shows (board, schools), already in plain Python types. A check
that raises answers an error and the worker leaves, as in the batch: an engine that failed
half-way is not trusted with the next upload.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date
from multiprocessing.connection import Connection

from compliance.batch.worker import settle_garbage_collector, start_worker_process
from compliance.check import Checker, FilingResult
from compliance.engine import make_engine
from compliance.report.json_report import result_object
from compliance.rules.catalogue import load_catalogue
from compliance.waivers import Waivers
from compliance.web.options import ServeOptions

# Answers: (READY,) once built, (BROKEN, reason) if it cannot be, (DONE, answer) or
# (FAILED, reason) per upload.
READY, BROKEN, DONE, FAILED = "ready", "broken", "done", "failed"


class Judge:
    """The worker's checker and waivers, built once; judges one upload's bytes."""

    def __init__(self, options: ServeOptions) -> None:
        catalogue = load_catalogue(options.rules_dir, options.reference_dir)
        catalogue = catalogue.with_selection(options.selection)
        self.checker = Checker(catalogue, make_engine(options.engine), options.limits)
        self.waivers = None
        if options.waivers_file is not None:
            today = options.today or date.today()
            self.waivers = Waivers.load(options.waivers_file, catalogue, today, options.lang)
        self.today = options.today

    def __call__(self, data: bytes, name: str, lang: str) -> dict:
        result = self.checker.check_bytes(data, name)
        if self.waivers is not None:  # a server runs for days: expiry is judged per check
            today = self.today or date.today()
            result = replace(self.waivers, today=today).apply(result)
        return answer_of(self.checker, result, lang)


def answer_of(checker: Checker, result: FilingResult, lang: str) -> dict:
    """The JSON result, and the board's and schools' names for the page's headings."""
    board = result.model
    schools = {}
    if board is not None:
        schools = {school.brin: [school.name, school.type] for school in board.schools}
    return {
        "result": result_object(result, checker.catalogue, lang),
        "board_name": board.name if board is not None else None,
        "schools": schools,
    }


def serve(conn: Connection, options: ServeOptions) -> None:
    """``(name, lang, data)`` in, ``(DONE, answer)`` out; ``None`` or a closed pipe ends it."""
    start_worker_process()
    try:
        judge = Judge(options)
    except Exception as error:
        conn.send_bytes(pickle.dumps((BROKEN, " ".join(str(error).split()))))
        return
    sweep = settle_garbage_collector()
    conn.send_bytes(pickle.dumps((READY,)))
    while True:
        try:
            task = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if task is None:
            return
        name, lang, data = task
        try:
            message = (DONE, judge(data, name, lang))
        except Exception as error:  # reported to the client by type only: no filing content
            message = (FAILED, type(error).__name__)
        del data, task
        conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
        if message[0] == FAILED:
            return
        sweep()
