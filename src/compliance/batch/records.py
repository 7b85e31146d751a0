"""The compact form one filing's result travels in, from a worker to the outputs.

The worker does every piece of per-filing work the outputs need, so that the parent, which
shares two cores with the workers, only copies text and adds up numbers: the JSON result
object serialised as one line (so ``results.jsonl`` is exactly what ``check --format json``
gives), each output format's piece of it (``writers``) and its line of the ``--resume``
state file, ready to write; its status, findings, blocking flag and reason for the counts,
the progress line and the report; its findings per rule and its monitoring contribution as
short tuples of numbers to add up. A result reused by ``--resume`` is rebuilt from its
stored line by the same code, so it gives the same pieces.
"""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring
from typing import NamedTuple

from compliance.batch import writers
from compliance.batch.monitoring import Cells, Layout
from compliance.batch.writers.base import Filing, Profile, profile_of
from compliance.check import FilingResult
from compliance.findings import BLOCKING
from compliance.report.json_report import dumps, result_object
from compliance.rules.catalogue import Catalogue

# Status of a filing whose check could not finish (raised, killed its worker, too slow).
ERROR = "error"
# json.dumps(..., ensure_ascii=False, sort_keys=True) without an encoder built per call
_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class Record(NamedTuple):
    """One filing's outcome, as the outputs, the counts and the progress line need it.

    A named tuple, not a dataclass: it crosses a pipe for every filing, and a tuple pickles
    and unpickles without a Python-level ``__getstate__``/``__setstate__`` call."""

    name: str
    line: str  # the JSON result object on one line, without the newline
    state: str  # its line of the --resume state file, without the newline
    pieces: tuple  # what each writer of ``writers.WRITERS`` needs of it, in registry order
    status: str
    findings: int
    blocking: bool  # an error or violation finding not waived, or status error: exit status 1
    reason: str | None  # why it is unreadable or an error (the result's "error")
    rules: tuple[tuple[str, str, int], ...]  # (rule, severity, number of findings)
    cells: Cells  # the monitoring contribution, as Layout gives it
    run: str  # the result's reference data and rules not judged, as JSON ("" if none)
    waived: tuple[tuple[str, int], ...] = ()  # (rule, waiver's entry) of each waived finding
    counted: tuple[str, ...] = ()  # the severities of its findings not waived (--fail-on)


class Digest:
    """Turns results into records: what a worker does per filing, and what ``--resume``
    does for a kept result, with the same catalogue, language and monitoring layout."""

    def __init__(self, catalogue: Catalogue, lang: str, layout: Layout) -> None:
        self.catalogue = catalogue
        self.lang = lang
        self.layout = layout
        self._run: str | None = None

    def record_of(self, result: FilingResult, cells: Cells) -> Record:
        """A checked filing, with its monitoring cells (``Contributor.contribution``), as
        a record."""
        obj = result_object(result, self.catalogue, self.lang)
        profile = profile_of(result.model, result.findings)
        return self._record(obj, cells, self.layout.text(cells), profile, self._run_of(obj))

    def error_record(self, name: str, sha256: str, reason: str) -> Record:
        """A filing whose check did not finish, with a one-line reason."""
        failed = FilingResult(name, sha256, ERROR, error=" ".join(reason.split()))
        obj = result_object(failed, self.catalogue, self.lang)
        return self._record(obj, (), self.layout.text(()), Profile(), self._run_of(obj))

    def record_from_line(self, line: str, entry: dict) -> Record:
        """A result kept from an earlier run (``--resume``), with its line as it was;
        ``entry`` is its line of the earlier state file."""
        profile = Profile.from_json(entry.get("profile"))
        contribution = entry["contribution"]
        cells = self.layout.cells(contribution)
        text = json.dumps(contribution, ensure_ascii=False, sort_keys=True)
        obj = json.loads(line)
        return self._record(obj, cells, text, profile, _run_of(obj), line)

    def _run_of(self, obj: dict) -> str:
        """What a result this digest made says about the run: the same for every one (the
        catalogue's reference data and the rules it cannot judge), so made once."""
        if self._run is None:
            self._run = _run_of(obj)
        return self._run

    def _record(
        self,
        obj: dict,
        cells: Cells,
        contribution: str,
        profile: Profile,
        run: str,
        line: str | None = None,
    ) -> Record:
        findings = obj["findings"]
        filing = Filing(obj, profile)
        rules, waived, counted = _tallied(findings)
        return Record(
            name=obj["file"],
            line=line if line is not None else dumps(obj, indent=None),
            state=state_line(obj["file"], obj["sha256"], contribution, profile),
            pieces=tuple(
                writer.piece(filing, self.catalogue, self.lang) for writer in writers.WRITERS
            ),
            status=obj["status"],
            findings=len(findings),
            blocking=obj["status"] == ERROR or _blocks(findings),
            reason=obj["error"],
            rules=rules,
            cells=cells,
            run=run,
            waived=waived,
            counted=counted,
        )


def _blocks(findings: list[dict]) -> bool:
    """Whether an error or violation finding is not waived."""
    return any(f["severity"] in BLOCKING for f in findings if not f.get("waiver"))


def _tallied(findings: list[dict]) -> tuple[tuple, tuple, tuple]:
    """(rule, severity, findings) per rule and severity, (rule, waiver's entry) per waived
    finding, and the severities of the findings not waived: what the tally adds up."""
    if not findings:  # most filings: nothing to count
        return (), (), ()
    severities = Counter((finding["rule"], finding["severity"]) for finding in findings)
    waived = tuple(
        (finding["rule"], finding["waiver"]["entry"])
        for finding in findings
        if finding.get("waiver")
    )
    counted = tuple(sorted({f["severity"] for f in findings if not f.get("waiver")}))
    rules = tuple((rule, severity, count) for (rule, severity), count in severities.items())
    return rules, waived, counted


def state_line(name: str, sha256: str, contribution: str, profile: Profile) -> str:
    """A filing's entry in the state file: what ``--resume`` needs besides its result;
    ``contribution`` its monitoring contribution as JSON (``Layout.text``). The entry is
    ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` of its four keys, written out
    in their sorted order around the contribution, which is JSON already."""
    profile_text = _SORTED(profile.as_json())
    return (
        f'{{"contribution": {contribution}, "file": {encode_basestring(name)}, '
        f'"profile": {profile_text}, "sha256": {encode_basestring(sha256)}}}'
    )


def _run_of(obj: dict) -> str:
    """What the result says about the run: the reference data used and the rules it could
    not judge (fields the check adds; absent in older results)."""
    run = {key: obj[key] for key in ("reference", "not_judged") if obj.get(key)}
    return json.dumps(run, ensure_ascii=False, sort_keys=True) if run else ""
