"""What a batch leaves in --out is all from one run, whatever stops it: Ctrl-C at any
moment (once, or twice 30 ms apart), a full disk while an output is written, a second
batch on the same folder. Real processes are interrupted with real signals; a full disk
is simulated in-process (the write that fails raises ENOSPC, as the kernel would)."""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import HANG, HANGING_BATCH, _read_lines, named, put, with_year

from compliance.batch import outputs
from compliance.report.output_file import AtomicFile

PUBLISHED = (
    *("results.jsonl", "batch-state.jsonl", "findings.csv", "findings.xlsx"),
    *("summary.json", "report.html"),
)


def _restore_sigint() -> None:
    """The child starts with Ctrl-C handled even when this test runs as a background job
    (which starts with SIGINT ignored, and a child inherits that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(*args: object, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    command = [sys.executable, "-c", HANGING_BATCH, *(str(arg) for arg in args)]
    return subprocess.Popen(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=_restore_sigint,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> str:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    return process.communicate(timeout=60)[1].decode()


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in PUBLISHED if (out / name).exists()}


def _one_run(out: Path, new_names: set[str], old: dict[str, bytes]) -> str:
    """ "old" when --out holds exactly the previous run's files, "new" when every file is
    this run's and they agree with each other; anything else fails."""
    now = _snapshot(out)
    if now == old:
        return "old"
    assert set(now) == set(PUBLISHED)
    assert all(now[name] != old[name] for name in ("results.jsonl", "summary.json"))
    summary = json.loads(now["summary.json"])
    results = [json.loads(line) for line in now["results.jsonl"].decode().splitlines()]
    assert {r["file"] for r in results} <= new_names
    assert summary["counts"]["inputs"] == len(new_names)
    assert len(results) == len(new_names) - summary["counts"]["not_checked"]
    rows = list(csv.reader(now["findings.csv"].decode("utf-8-sig").splitlines(), delimiter=";"))
    column = rows[0].index("bestand")
    assert {row[column] for row in rows[1:]} <= {r["file"] for r in results}
    assert str(summary["counts"]["inputs"]) in now["report.html"].decode()
    assert not [p for p in out.iterdir() if p.name.startswith(".compliance-run")]
    return "new"


@pytest.fixture
def previous_run(cli, tmp_path, filing, board_spec):
    """--out holding a finished earlier run over other filings; the new filings."""
    old_in, new_in, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    put(old_in, "earlier.xbrl", filing(with_year(board_spec, NpoCouncilConsent=False)))
    assert cli("batch", old_in, "--out", out, "--engine", "python").exit_code == 1
    names = set()
    for index in range(12):
        spec = with_year(board_spec, WorkloadStaffCouncilConsent=index % 3 != 0)
        names.add(put(new_in, f"filing-{index:02d}.xbrl", filing(spec)))
    return out, new_in, names, _snapshot(out)


def test_ctrl_c_at_any_moment_leaves_one_run_in_out(previous_run, tmp_path, filing, board_spec):
    """At points spread over a whole run (start-up, judging, a filing that hangs until
    --timeout, writing and publishing the outputs), once or twice 30 ms apart."""
    out, new_in, names, old = previous_run
    names.add(put(new_in, "filing-05b-hangs.xbrl", filing(named(board_spec, HANG))))
    batch = ("batch", new_in, "--out", out, "--jobs", "1", "--engine", "python", "--timeout", "2")
    saved = tmp_path / "saved"
    shutil.copytree(out, saved)

    def fresh_out() -> None:
        shutil.rmtree(out)
        shutil.copytree(saved, out)

    started = time.monotonic()
    whole = _spawn(*batch)
    assert whole.wait(timeout=300) == 1, _stop(whole)
    _stop(whole)
    duration = time.monotonic() - started
    assert _one_run(out, names, old) == "new"

    for step in range(8):
        for twice in (False, True):
            fresh_out()
            process = _spawn(*batch)
            time.sleep(duration * (0.1 + step / 7))
            process.send_signal(signal.SIGINT)
            if twice:
                time.sleep(0.03)
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGINT)
            code = process.wait(timeout=120)
            stderr = _stop(process)
            if code == -signal.SIGINT:  # Python itself, starting up or exiting: a shell's 130
                _one_run(out, names, old)
                continue
            assert code in (1, 130), stderr  # 1: it had finished before the signal came
            assert "Aborted!" not in stderr and "Traceback" not in stderr, stderr
            _one_run(out, names, old)

    fresh_out()  # and certainly while judging: after the first result, before the hang ends
    process = _spawn(*batch, "--format", "jsonl", stdout=subprocess.PIPE)
    try:
        assert len(_read_lines(process.stdout, 1, 60)) == 1
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        _stop(process)
    assert _one_run(out, names, old) == "new"
    assert json.loads((out / "summary.json").read_text())["counts"]["not_checked"] >= 1


@pytest.mark.parametrize(
    "failing", ["results.jsonl", "findings.csv", "summary.json", "report.html"]
)
def test_a_full_disk_while_writing_leaves_the_previous_run_and_names_the_folder(
    cli, previous_run, monkeypatch, failing
):
    out, new_in, names, old = previous_run
    commit = AtomicFile.commit

    def full_disk(self):
        if self.path.name == failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        commit(self)

    monkeypatch.setattr(AtomicFile, "commit", full_disk)
    result = cli("batch", new_in, "--out", out, "--engine", "python")
    assert result.exit_code == 2
    assert result.stderr == (
        f"compliance: {out}: de schijf is vol; de uitvoer van de vorige run is ongewijzigd\n"
    )
    assert _one_run(out, names, old) == "old"
    assert not [p for p in out.iterdir() if p.name.startswith(".compliance-run")]


@pytest.mark.parametrize("name", ["summary.json", "results.jsonl", "report.html"])
def test_a_folder_named_as_an_output_leaves_the_previous_run_and_is_named(cli, previous_run, name):
    """Found only among the renames, it left the outputs before it this run's."""
    out, new_in, _, old = previous_run
    (out / name).unlink()
    (out / name).mkdir()
    old.pop(name)
    result = cli("batch", new_in, "--out", out, "--engine", "python")
    assert result.exit_code == 2
    assert result.stderr == (
        f"compliance: {out / name}: dit is een map, geen bestand; de uitvoer van de vorige run"
        " is ongewijzigd\n"
    )
    assert {other: (out / other).read_bytes() for other in old} == old
    assert not [p for p in out.iterdir() if p.name.startswith((".compliance-run", ".compliance-p"))]


def test_a_disk_that_really_fills_up_leaves_the_previous_run(
    cli, tmp_path, small_disk, filing, board_spec
):
    old_in, new_in, out = tmp_path / "old", tmp_path / "new", small_disk / "out"
    put(old_in, "earlier.xbrl", filing(board_spec))
    assert cli("batch", old_in, "--out", out, "--engine", "python").exit_code == 0
    old = _snapshot(out)
    for index in range(150):  # some 450 KB of results alone: more than is left
        put(new_in, f"filing-{index:03d}.xbrl", filing(board_spec))
    result = cli("batch", new_in, "--out", out, "--engine", "python")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"compliance: {out}: de schijf is vol;")
    assert _snapshot(out) == old
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".compliance-outputs",
        ".compliance.lock",
    ]


def test_interrupted_before_judging_leaves_out_as_it_was(cli, previous_run, monkeypatch):
    out, new_in, names, old = previous_run

    def interrupted(self, names):
        raise KeyboardInterrupt

    monkeypatch.setattr("compliance.batch.resume.Earlier.reuse", interrupted)
    result = cli("batch", new_in, "--out", out, "--engine", "python")
    assert result.exit_code == 130
    assert "onderbroken voordat er iets gecontroleerd was" in result.stderr
    assert _one_run(out, names, old) == "old"


def test_a_second_batch_on_the_same_out_refuses_and_deletes_nothing(
    cli, tmp_path, filing, board_spec
):
    folder, out = tmp_path / "in", tmp_path / "out"
    finished = [put(folder, f"{n}.xbrl", filing(board_spec)) for n in "abc"]
    put(folder, "z-hangs.xbrl", filing(named(board_spec, HANG)))
    first = _spawn(
        "batch",
        folder,
        "--out",
        out,
        "--format",
        "jsonl",
        "--jobs",
        "2",
        "--timeout",
        "600",
        stdout=subprocess.PIPE,
    )
    try:
        assert len(_read_lines(first.stdout, len(finished), 60)) == len(finished)
        staging = [p for p in out.iterdir() if p.name.startswith(".compliance-run")]
        assert len(staging) == 1

        second = cli("batch", folder, "--out", out, "--lang", "en")
        assert second.exit_code == 2
        assert second.stderr == (
            f"compliance: {out}: another batch is writing to this folder; wait for it to "
            "finish or choose another --out\n"
        )
        assert staging[0].is_dir() and any(staging[0].iterdir())  # the first run's work

        first.send_signal(signal.SIGINT)
        assert first.wait(timeout=60) == 130
    finally:
        _stop(first)
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["file"] for r in results] == finished
    assert cli("batch", folder, "--out", out).exit_code == 0  # the lock went with the first run


def test_a_publish_killed_half_way_is_finished_by_the_next_run(tmp_path, monkeypatch):
    """Killed between two of the final renames: the next run into --out moves the rest
    before anything else, and removes files of the previous run it did not write."""
    out = tmp_path / "out"
    with outputs.Outputs(out, "busy") as first:
        for name in ("a.txt", "b.txt", "old-format.txt"):
            (first.staging / name).write_text("first")
        first.publish()
    assert (out / "old-format.txt").read_text() == "first"

    replace, moved = os.replace, []

    def killed_after_one(source, target):
        if moved:
            raise SystemExit("killed")
        moved.append(target)
        replace(source, target)

    with outputs.Outputs(out, "busy") as second:
        for name in ("a.txt", "b.txt"):
            (second.staging / name).write_text("second")
        monkeypatch.setattr(outputs.os, "replace", killed_after_one)
        with pytest.raises(SystemExit):
            second.publish()
    monkeypatch.setattr(outputs.os, "replace", replace)
    assert {(out / n).read_text() for n in ("a.txt", "b.txt")} == {"first", "second"}  # mixed

    with outputs.Outputs(out, "busy"):
        assert (out / "a.txt").read_text() == (out / "b.txt").read_text() == "second"
        assert not (out / "old-format.txt").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".compliance-outputs",
        ".compliance.lock",
        "a.txt",
        "b.txt",
    ]
