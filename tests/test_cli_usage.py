"""Everyday use of the installed `compliance` command, as users of linters expect it: the
words and exit status a user's command gives (issue 12), reference data without silent
fallback, config file, --fail-on, --select/--ignore, --output, --quiet, unreadable files."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, SAMPLES

from compliance.words import WORDS

INSTALLED = Path(sys.executable).parent / "compliance"
COMPLIANT = SAMPLES / "compliant-one-school.xbrl"
PROBLEMS = SAMPLES / "multi-school-problems.xbrl"
REFERENCE = SAMPLES / "reference"
SCHEMA = json.loads((REPO / "schemas" / "result.schema.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not INSTALLED.exists(), reason="console script not installed")


def run(*args, cwd: Path | None = None, env: dict | None = None, user: int | None = None):
    """The installed command as a user types it; ``user`` runs it as that uid (from root)."""
    command = [str(INSTALLED), *map(str, args)]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- reference data: no silent fallback ----------------------------------------------------


def test_without_reference_data_npo_009_is_not_judged_and_every_output_says_so(tmp_path):
    done = run("check", PROBLEMS, "--format", "json", cwd=tmp_path)
    result = json.loads(done.stdout)
    jsonschema.validate(result, SCHEMA)
    assert result["not_judged"] == [
        {
            "rule": "NPO-009",
            "reason": "geen lijst van scholen met arbeidsmarkttoelage opgegeven "
            "(--reference-dir met arbeidsmarkttoelage.csv)",
        }
    ]
    assert "NPO-009" not in {finding["rule"] for finding in result["findings"]}
    assert [ref["name"] for ref in result["reference"]] == ["menukaart.yaml"]
    text = run("check", PROBLEMS, cwd=tmp_path).stdout
    assert "niet beoordeeld: NPO-009: geen lijst van scholen met arbeidsmarkttoelage" in text


def test_with_the_samples_list_npo_009_is_judged_and_the_list_is_named_by_sha256(tmp_path):
    done = run("check", PROBLEMS, "--format", "json", "--reference-dir", REFERENCE)
    result = json.loads(done.stdout)
    jsonschema.validate(result, SCHEMA)
    assert result["not_judged"] == []
    assert "NPO-009" in {finding["rule"] for finding in result["findings"]}
    listed = {ref["name"]: ref["sha256"] for ref in result["reference"]}
    digest = (
        __import__("hashlib")
        .sha256((REFERENCE / "arbeidsmarkttoelage.csv").read_bytes())
        .hexdigest()
    )
    assert listed["arbeidsmarkttoelage.csv"] == digest
    assert result["tool_version"] == __import__("compliance").__version__


def test_a_reference_dir_without_the_allowance_list_is_a_usage_error_in_dutch(tmp_path):
    done = run("check", COMPLIANT, "--reference-dir", tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"compliance: {tmp_path}: geen arbeidsmarkttoelage.csv in deze map "
        "(--reference-dir moet minstens arbeidsmarkttoelage.csv bevatten)\n"
    )
    assert done.stdout == ""


def test_a_bad_allowance_list_is_named_in_dutch_with_its_line(tmp_path):
    (tmp_path / "arbeidsmarkttoelage.csv").write_text("school_year,brin\n2022/2023,12AB\n")
    done = run("check", COMPLIANT, "--reference-dir", tmp_path)
    assert done.returncode == 2
    path = tmp_path / "arbeidsmarkttoelage.csv"
    assert done.stderr == f"compliance: {path}: bronregel 2: '2022/2023' is geen schooljaar\n"


def test_the_batch_says_what_was_not_judged_in_its_summary_lines(tmp_path):
    done = run("batch", COMPLIANT, "--out", tmp_path / "out")
    assert done.returncode == 0
    assert "niet beoordeeld: NPO-009" in done.stdout
    line = (tmp_path / "out" / "results.jsonl").read_text().splitlines()[0]
    assert json.loads(line)["not_judged"][0]["rule"] == "NPO-009"


# -- exit status and the words of unreadable inputs ------------------------------------------


def test_check_of_a_folder_says_it_is_a_folder(tmp_path):
    done = run("check", SAMPLES)
    assert done.returncode == 2
    assert "NIET LEESBAAR: dit is een map, geen bestand" in done.stdout
    assert "pipe" not in done.stdout + done.stderr


def test_the_unreadable_reason_is_printed_once_in_its_own_report(tmp_path):
    done = run("check", SAMPLES / "malformed.xbrl", COMPLIANT)
    assert done.returncode == 2
    assert done.stderr == ""
    assert done.stdout.count("geen geldige XML") == 1
    first, second = done.stdout.split("\n\n")[:2]
    assert "malformed.xbrl" in first and "geen geldige XML" in first
    assert "voldoet" in second


def test_batch_of_a_path_that_does_not_exist_exits_2(tmp_path):
    done = run("batch", tmp_path / "nonexist", "--out", tmp_path / "r")
    assert done.returncode == 2
    assert done.stderr == f"compliance: {tmp_path / 'nonexist'}: bestaat niet\n"


def test_batch_where_every_filing_is_unreadable_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(7):
        (folder / f"{number}.xbrl").write_bytes(b"%PDF-1.4 not a filing")
    done = run("batch", folder, "--out", tmp_path / "r")
    assert done.returncode == 1
    assert "7 aanleveringen: 0 voldoen, 0 met bevindingen, 7 niet leesbaar, 0 fouten" in done.stdout


def test_batch_streaming_into_a_reader_that_stops_still_writes_every_result(tmp_path):
    """`batch --format jsonl | head`: when the stream's reader goes away the stream stops,
    not the batch; --out holds every result and the exit status is the batch's own."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(40):  # some 400 kB of results: more than a pipe holds
        shutil.copy(PROBLEMS, folder / f"b{number:02}.xbrl")
    command = [str(INSTALLED), "batch", folder, "--out", tmp_path / "out", "--format", "jsonl"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first result
    stderr = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 1, stderr  # findings, as without the stream
    assert "Broken pipe" not in stderr and "Traceback" not in stderr
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 40


def _unreadable_file() -> tuple[Path, int | None]:
    """A filing its reader may not open: as root, a file only root may read, checked as
    nobody (uid 65534); otherwise a file with mode 000."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    path = folder / "geheim.xbrl"
    shutil.copy(COMPLIANT, path)
    path.chmod(0o000 if os.geteuid() else 0o600)
    return path, (65534 if os.geteuid() == 0 else None)


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="no setpriv")
def test_check_of_a_file_without_read_permission_gives_a_result_and_the_others_too():
    path, user = _unreadable_file()
    try:
        done = run("check", path, COMPLIANT, "--format", "json", user=user)
        assert done.returncode == 2
        first, second = json.loads(done.stdout)
        assert first["status"] == "unreadable"
        assert first["error"] == "geen leesrechten op dit bestand"
        assert second["status"] == "compliant"
        assert "Usage" not in done.stderr and "Gebruik" not in done.stderr
    finally:
        shutil.rmtree(path.parent)


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="no setpriv")
def test_batch_of_a_named_file_without_read_permission_gives_it_a_result():
    """report-contract.md: for batch, exit status 2 only for usage errors; an unreadable
    filing is a result with status `unreadable`, the run goes on and exits 1."""
    path, user = _unreadable_file()
    out = path.parent / "out"
    out.mkdir()
    out.chmod(0o777)
    closed = path.parent / "dicht"  # a folder the user may not enter
    closed.mkdir()
    shutil.copy(COMPLIANT, closed / "binnen.xbrl")
    closed.chmod(0o700 if user is not None else 0o000)
    inside = closed / "binnen.xbrl"
    try:
        done = run("batch", COMPLIANT, path, inside, "--out", out, "--format", "jsonl", "-q",
                   user=user)  # fmt: skip
        assert done.returncode == 1, done.stderr
        results = {Path(r["file"]).name: r for r in map(json.loads, done.stdout.splitlines())}
        for name in ("geheim.xbrl", "binnen.xbrl"):
            assert results[name]["status"] == "unreadable"
            assert results[name]["error"] == "geen leesrechten op dit bestand"
        assert results[COMPLIANT.name]["status"] == "compliant"
        assert "Gebruik" not in done.stderr
    finally:
        closed.chmod(0o700)
        shutil.rmtree(path.parent)


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="no setpriv")
def test_batch_of_a_folder_holding_one_the_user_may_not_read_names_that_folder():
    path, user = _unreadable_file()
    closed = path.parent / "dicht"
    closed.mkdir()
    shutil.copy(COMPLIANT, closed / "binnen.xbrl")
    closed.chmod(0o700 if user is not None else 0o000)
    try:
        done = run("batch", path.parent, "--out", path.parent / "out", user=user)
        assert done.returncode == 2
        assert done.stderr == (
            f"compliance: {closed}: geen leesrechten op deze map; de batch is niet begonnen\n"
        )
    finally:
        closed.chmod(0o700)
        shutil.rmtree(path.parent)


def test_a_file_named_with_a_leading_dash_is_checked_after_double_dash(tmp_path):
    shutil.copy(COMPLIANT, tmp_path / "-dash.xbrl")
    done = run("check", "--format", "json", "--", "-dash.xbrl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["file"] == "-dash.xbrl"
    without = run("check", "-dash.xbrl", cwd=tmp_path)
    assert without.returncode == 2
    assert "onbekende optie -d" in without.stderr


# -- click's own errors in the user's language ------------------------------------------------


def test_usage_errors_are_dutch_by_default_and_english_on_request():
    dutch = run("check")
    assert dutch.returncode == 2
    assert dutch.stderr.startswith("Gebruik: compliance check [OPTIES] FILES...")
    assert "Fout: ontbrekend argument 'FILES...'" in dutch.stderr
    english = run("check", "--lang", "en", "--format", "xml", COMPLIANT)
    assert english.returncode == 2
    assert "Error: invalid value for '--format': 'xml' is not one of 'text', 'json'" in (
        english.stderr
    )
    bad = run("check", "--format", "xml", COMPLIANT)
    assert "Fout: ongeldige waarde voor '--format': 'xml' is niet een van 'text', 'json'" in (
        bad.stderr
    )


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["check", "x", "--reference-dir", "/nonexistent"],
         "'--reference-dir': '/nonexistent' bestaat niet"),
        (["batch", "x", "--out", str(COMPLIANT)],
         f"'--out': '{COMPLIANT}' is een bestand, geen map"),
        (["check", "x", "--waivers", str(REPO)], f"'--waivers': '{REPO}' is een map, geen bestand"),
        (["check", "x", "--max-depth", "3"], "'--max-depth': 3 ligt niet binnen 4<=x<=200"),
        (["batch", "x", "--out", "o", "--jobs", "1.5"], "'--jobs': '1.5' is geen geheel getal"),
        (["batch", "x", "--out", "o", "--timeout", "lang"], "'--timeout': 'lang' is geen getal"),
        (["batch", "x", "--out", "o", "--timeout", "nan"], "'--timeout': 'nan' is geen getal"),
        (["batch", "x", "--out", "o", "--timeout", "1e10"],
         "'--timeout': 10000000000.0 ligt niet binnen 0<x<=86400.0"),
        (["serve", "--timeout", "inf"], "'--timeout': inf ligt niet binnen 0<x<=86400.0"),
        (["check", "x", "--today", "2024-13-01"],
         "'--today': '2024-13-01' is geen datum (JJJJ-MM-DD)"),
        (["batch", "x", "--out", "o", "--format", "json"],
         "'--format': 'json' is niet een van 'jsonl'"),
    ],
)  # fmt: skip
def test_a_bad_value_is_explained_in_dutch_not_in_clicks_english(cli, args, dutch):
    done = cli(*args)
    assert done.exit_code == 2
    assert done.stderr.splitlines()[-1] == f"Fout: ongeldige waarde voor {dutch}"


# -- linters' habits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "status"), [("error", 0), ("violation", 1), ("warning", 1), ("never", 0)]
)
def test_fail_on_moves_the_threshold_for_exit_1(fail_on, status):
    done = run("check", PROBLEMS, "--fail-on", fail_on, "--reference-dir", REFERENCE)
    assert done.returncode == status


def test_fail_on_warning_fails_on_a_warning_alone(tmp_path, filing, board_spec):
    year = board_spec["schools"][0]["years"]["2022-2023"]
    year["facts"]["WorkloadStaffCouncilConsentDate"] = "2023-08-15"  # WDM-004, a warning
    path = tmp_path / "late.xbrl"
    path.write_bytes(filing(board_spec))
    warned = run("check", path, "--fail-on", "warning")
    assert "WAARSCHUWING WDM-004" in warned.stdout and "1 bevinding: 1 waarschuwing" in (
        warned.stdout
    )
    assert warned.returncode == 1
    assert run("check", path).returncode == 0


def test_select_and_ignore_take_ids_and_patterns():
    done = run("check", PROBLEMS, "--format", "json", "--select", "NPO-*", "--ignore", "npo-008")
    rules = {finding["rule"] for finding in json.loads(done.stdout)["findings"]}
    assert rules and all(rule.startswith("NPO-") for rule in rules)
    assert "NPO-008" not in rules
    structural = run(
        "check", SAMPLES / "structural-problems.xbrl", "--format", "json", "--ignore", "FIL-*"
    )
    assert not [f for f in json.loads(structural.stdout)["findings"] if f["rule"].startswith("FIL")]


def test_a_pattern_that_names_no_rule_is_a_usage_error():
    done = run("check", COMPLIANT, "--select", "XYZ-*")
    assert done.returncode == 2
    assert done.stderr == "compliance: --select XYZ-*: geen regel heet zo\n"


def test_the_config_file_sets_options_once_and_a_flag_wins(tmp_path):
    shutil.copytree(REFERENCE, tmp_path / "duo")
    (tmp_path / "compliance.toml").write_text(
        'reference-dir = "duo"\nlang = "en"\nfail-on = "never"\nignore = ["NPO-008"]\n'
    )
    done = run("check", PROBLEMS, "--format", "json", cwd=tmp_path)
    result = json.loads(done.stdout)
    assert done.returncode == 0  # fail-on never
    assert result["not_judged"] == []  # the reference dir, relative to the config file
    assert "NPO-008" not in {finding["rule"] for finding in result["findings"]}
    assert result["findings"][0]["message"].isascii()  # English
    flagged = run("check", PROBLEMS, "--lang", "nl", "--fail-on", "violation", cwd=tmp_path)
    assert flagged.returncode == 1 and "schooljaar" in flagged.stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    named = run("check", PROBLEMS, "--config", tmp_path / "compliance.toml", cwd=elsewhere)
    assert named.returncode == 0 and "school year" in named.stdout


def test_a_config_file_with_an_unknown_key_is_a_usage_error(tmp_path):
    (tmp_path / "compliance.toml").write_text('referentie = "x"\n')
    done = run("check", COMPLIANT, cwd=tmp_path)
    assert done.returncode == 2
    assert "compliance.toml: onbekende sleutel 'referentie'" in done.stderr


def test_output_writes_the_report_to_a_file(tmp_path):
    target = tmp_path / "report.json"
    done = run("check", PROBLEMS, "--format", "json", "--output", target)
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads(target.read_text())["board"] == "40321"


def test_output_writes_through_a_link_and_into_a_pipe_without_replacing_them(tmp_path):
    """Renaming the report into place would replace a link instead of its target, and a
    pipe or device (for root, /dev/null) with a regular file."""
    target, link, pipe = tmp_path / "target.txt", tmp_path / "link.txt", tmp_path / "pipe"
    target.write_text("old")
    link.symlink_to(target)
    assert run("check", COMPLIANT, "--output", link).returncode == 0
    assert link.is_symlink() and "compliant-one-school" in target.read_text()
    os.mkfifo(pipe)
    with subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE, text=True) as reader:
        assert run("check", COMPLIANT, "--output", pipe).returncode == 0
        assert "compliant-one-school" in reader.communicate(timeout=60)[0]
    assert pipe.is_fifo()


def test_output_on_a_full_disk_keeps_the_previous_report(small_disk):
    """A report cut off by a full disk never takes the place of the one before it, and no
    piece of it is left beside it."""
    target = small_disk / "report.json"
    assert run("check", PROBLEMS, "--format", "json", "--output", target).returncode == 1
    before = target.read_bytes()
    with contextlib.suppress(OSError), open(small_disk / "filler", "wb") as filler:
        while True:
            filler.write(b"x" * 4096)
            filler.flush()
    done = run("check", PROBLEMS, "--format", "json", "--output", target)
    assert done.returncode == 2
    assert done.stderr == f"compliance: {target}: kan niet schrijven: de schijf is vol\n"
    assert target.read_bytes() == before
    assert sorted(path.name for path in small_disk.iterdir()) == ["filler", "report.json"]


def test_output_may_have_a_name_as_long_as_the_system_allows(tmp_path):
    """The report is written under a temporary name first; that name must not be what makes
    a long one fail."""
    name = "r" * 250 + ".txt"
    assert run("check", COMPLIANT, "--output", name, cwd=tmp_path).returncode == 0
    assert [path.name for path in tmp_path.iterdir()] == [name]
    assert "compliant-one-school" in (tmp_path / name).read_text()


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("a-file/report.txt", "er staat al een bestand met die naam in de weg"),
        ("a" * 300, "de naam is te lang"),
        ("", "dit is een map, geen bestand"),
    ],
    ids=["under a file", "name too long", "empty name"],
)
def test_an_output_that_cannot_be_written_is_one_line_in_dutch(tmp_path, output, reason):
    (tmp_path / "a-file").write_text("")
    done = run("check", COMPLIANT, "--output", output, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"compliance: {output or '.'}: kan niet schrijven: {reason}\n"


@pytest.mark.parametrize("command", [["check", str(COMPLIANT)], ["rules", "list"]])
def test_a_full_disk_on_stdout_is_one_line_and_a_closed_pipe_is_silent(command):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [INSTALLED, *command],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "compliance: kan niet naar de standaarduitvoer schrijven: de schijf is vol\n"
    )
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away before the first line, as `| head -0` does
    try:
        closed = subprocess.run(
            [INSTALLED, *command], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write_end)
    assert (closed.returncode, closed.stderr) == (1, "")  # as click answers a closed pipe


def test_serve_on_a_port_in_use_is_one_line_not_uvicorns_log():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--port", port)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"compliance: kan de pagina niet aanbieden op 127.0.0.1, poort {port}: die poort is al"
        " in gebruik (draait de pagina al?)\n"
    )


def test_a_closed_stdout_is_no_terminal_and_no_traceback():
    done = subprocess.run(
        f"{INSTALLED} check {COMPLIANT} >&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_quiet_leaves_out_compliant_filings_and_the_closing_lines(tmp_path):
    done = run("check", COMPLIANT, PROBLEMS, "--quiet")
    assert "compliant-one-school" not in done.stdout
    assert "multi-school-problems" in done.stdout
    assert "compliance 0.1" not in done.stdout
    batch = run("batch", COMPLIANT, "--out", tmp_path / "out", "--quiet")
    assert batch.returncode == 0 and batch.stdout == "" and batch.stderr == ""


def test_the_tool_version_is_in_every_output(tmp_path):
    from compliance import __version__

    assert f"compliance {__version__}, regelset" in run("check", COMPLIANT).stdout
    assert (
        f"compliance {__version__}, regelset"
        in run("batch", COMPLIANT, "--out", tmp_path / "o").stdout
    )
    assert run("--version").stdout.strip().endswith(__version__)


def test_no_colour_when_the_output_is_not_a_terminal():
    assert "\x1b[" not in run("check", PROBLEMS).stdout


def test_shell_completion_is_offered_for_bash():
    done = run(env={"_COMPLIANCE_COMPLETE": "bash_source"})
    assert done.returncode == 0
    assert "_compliance_completion" in done.stdout


def _readme_commands() -> list[str]:
    """Every `compliance ...` line in the README's shell blocks for users (before the
    developers' part, "## Installing"), comment removed."""
    text = (REPO / "README.md").read_text(encoding="utf-8").split("## Installing")[0]
    commands, inside = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if inside and line.startswith("compliance ") and not line.endswith("\\"):
            commands.append(line.split("   #")[0].split("  #")[0].strip())
    return [command for command in commands if _self_contained(command)]


def _self_contained(command: str) -> bool:
    """Whether every path the command names is one a fresh clone has (samples/, out/);
    examples with a user's own files (filings-2023/) are left to the reader."""
    import shlex

    paths = [arg for arg in shlex.split(command)[1:] if "/" in arg or arg.endswith(".xbrl")]
    return all(path.startswith(("samples", "out/", "-dash")) for path in paths)


def test_the_readme_starts_with_the_demo_and_the_test_command():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split("#")[0].strip() for line in block] == [
        "source scripts/demo.sh",
        "bash scripts/test.sh",
    ]
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", _readme_commands())
def test_every_command_the_readme_shows_works_as_written(command, tmp_path):
    """Run from a folder like the checkout (samples/ beside it), each is no usage error."""
    (tmp_path / "samples").symlink_to(SAMPLES)
    shutil.copy(COMPLIANT, tmp_path / "-dash.xbrl")
    import shlex

    done = run(*shlex.split(command)[1:], cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


# -- rules show ---------------------------------------------------------------------------------


def test_rules_show_says_a_rule_does_not_apply_in_a_year_outside_its_period():
    done = run("rules", "show", "NPO-007", "--year", "2030-2031")
    assert done.returncode == 0
    assert "Deze regel geldt niet in schooljaar 2030-2031 (de regel geldt 01-08-2021 – " in (
        done.stdout
    )
    assert "geldend in 2030-2031" not in done.stdout
    applies = run("rules", "show", "NPO-007", "--year", "2022-2023").stdout
    assert "25% (geldend in 2022-2023)" in applies and "geldt niet" not in applies


def test_rules_show_names_the_source_document_by_its_title():
    shown = run("rules", "show", "NPO-007", "--lang", "en").stdout
    assert "Source: Letter to Parliament (2022) on the National Education Programme " in shown
    assert "(004_0ca5dd17a86193b4.txt)" in shown


def test_rules_show_prints_each_parameters_provenance_beside_its_value():
    shown = run("rules", "show", "NPO-008", "--lang", "en").stdout
    value = shown.index("from 2021-08-01: 50%")
    assert shown.index("provenance: policy parameter of the agency", value) == (
        shown.index("\n", value) + len("\n      ")
    )
    in_year = run("rules", "show", "WDM-006", "--year", "2022-2023").stdout
    assert "10% (geldend in 2022-2023)\n      herkomst: werkafspraak van de beoordelaars" in in_year


def test_rules_show_says_where_the_schemes_period_comes_from():
    shown = run("rules", "show", "WDM-001", "--lang", "en").stdout
    assert "Period: 2018-08-01 – …\n    provenance: 000_787187ef4a878dbb.txt: In het " in shown
    npo = run("rules", "show", "NPO-001").stdout
    assert "de brief noemt geen laatste schooljaar; 2024/25 is dat van het contract" in npo


def test_rules_show_names_the_reference_lists_a_rule_reads_and_where_each_comes_from():
    shown = run("rules", "show", "NPO-004", "--lang", "en").stdout
    assert "version 2021, from 2021-02-01: 21 interventions\n        provenance: date from" in (
        shown
    )
    assert "version 2022, from 2022-04-01: 24 interventions" in shown
    assert "proven ineffective (menukaart.yaml): X1, X2, X3\n      provenance: 004_" in shown
    in_year = run("rules", "show", "NPO-006", "--year", "2022-2023", "--lang", "en").stdout
    assert "version 2022" in in_year and "version 2021" not in in_year
    assert "Reference data" not in run("rules", "show", "NPO-001", "--lang", "en").stdout


def test_rules_show_says_the_allowance_list_is_given_or_that_the_rule_is_not_judged(tmp_path):
    without = run("rules", "show", "NPO-009", "--lang", "en").stdout
    assert "arbeidsmarkttoelage.csv: not given (--reference-dir), so this rule is not judged" in (
        without
    )
    given = run("rules", "show", "NPO-009", "--lang", "en", "--reference-dir", REFERENCE).stdout
    assert "arbeidsmarkttoelage.csv from --reference-dir: 5 schools and years" in given
    # a replacement menukaart that does not say where it comes from is shown so, never with
    # the shipped file's provenance
    shutil.copy(REFERENCE / "arbeidsmarkttoelage.csv", tmp_path)
    menukaart = yaml.safe_load((REPO / "rules" / "reference" / "menukaart.yaml").read_bytes())
    for holder in (menukaart, *menukaart["versions"].values()):
        holder.pop("source", None)
    menukaart.pop("ineffective_source")
    (tmp_path / "menukaart.yaml").write_text(yaml.safe_dump(menukaart), encoding="utf-8")
    replaced = run("rules", "show", "NPO-004", "--lang", "en", "--reference-dir", tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    assert "provenance: not stated in the file" in replaced.stdout
    assert "sinds 1 april" not in replaced.stdout


def test_a_menukaart_leaving_a_judged_school_year_without_a_version_is_refused(tmp_path):
    """Judging 2021/22 against no version would make every line an NPO-004 violation."""
    shutil.copy(REFERENCE / "arbeidsmarkttoelage.csv", tmp_path)
    menukaart = yaml.safe_load((REPO / "rules" / "reference" / "menukaart.yaml").read_bytes())
    menukaart["versions"]["2021"]["in_force_from"] = "2021-08-02"
    (tmp_path / "menukaart.yaml").write_text(yaml.safe_dump(menukaart), encoding="utf-8")
    done = run("check", COMPLIANT, "--reference-dir", tmp_path, "--lang", "en")
    assert done.returncode == 2 and done.stdout == ""
    assert "menukaart.yaml: no menukaart version is in force on 2021-08-01, the first day of " in (
        done.stderr
    )
    assert "school year 2021-2022, which NPO-004 judges" in done.stderr
    menukaart["versions"]["2021"]["in_force_from"] = "2021-08-01"  # in force on that day
    (tmp_path / "menukaart.yaml").write_text(yaml.safe_dump(menukaart), encoding="utf-8")
    assert run("check", COMPLIANT, "--reference-dir", tmp_path).returncode == 0


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="no setpriv")
def test_a_reference_folder_that_may_be_read_but_not_searched_is_one_line():
    """Mode 644 on a folder: its names can be listed, its files not opened."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    reference = folder / "duo"
    shutil.copytree(REFERENCE, reference)
    reference.chmod(0o644)  # for root too: checked as nobody, who may read but not search
    user = 65534 if os.geteuid() == 0 else None
    try:
        done = run("check", COMPLIANT, "--reference-dir", reference, cwd=folder, user=user)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith(f"compliance: {reference}/") and "Traceback" not in (
            done.stderr
        )
        assert done.stderr.endswith(": kan niet lezen: geen toegang (rechten)\n")
    finally:
        reference.chmod(0o755)
        shutil.rmtree(folder)


def test_an_allowance_list_with_a_cell_too_long_for_csv_is_one_line(tmp_path):
    (tmp_path / "arbeidsmarkttoelage.csv").write_text(
        "school_year,brin\n2022-2023," + "A" * 200_000
    )
    done = run("check", COMPLIANT, "--reference-dir", tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"compliance: {tmp_path}/arbeidsmarkttoelage.csv: bronregel 2: geen CSV-regel (een cel"
        " te lang, of een aanhalingsteken niet gesloten)\n"
    )


MENUKAART_MISTAKES = {
    # (what the reviewer did to the shipped menukaart, the reason in Dutch, in English)
    "saved as Latin-1": (
        lambda text: text.replace("doelgebieden:", "# Één lijst\ndoelgebieden:", 1).encode(
            "latin-1", "replace"
        ),
        "menukaart.yaml: geen UTF-8-tekst (sla het bestand op als UTF-8)",
        "menukaart.yaml: not UTF-8 text (save the file as UTF-8)",
    ),
    "indented with a tab": (
        lambda text: text.replace("\n  ", "\n\t", 1).encode(),
        "menukaart.yaml: bronregel {line}: geen geldige YAML: een tab: spring in met spaties,"
        " niet met tabs",
        "menukaart.yaml: line {line}: not valid YAML: a tab: indent with spaces, not tabs",
    ),
    "not shaped as a menukaart": (
        lambda text: b"- doelgebieden\n- versions\n",
        "menukaart.yaml: heeft niet de vorm van een menukaart (doelgebieden, versions,"
        " interventions en ineffective, zoals in rules/reference/menukaart.yaml)",
        "menukaart.yaml: not shaped as a menukaart (doelgebieden, versions, interventions and"
        " ineffective, as in rules/reference/menukaart.yaml)",
    ),
    "a doelgebied named with a space": (
        lambda text: re.sub(r"\n  A: ", '\n  "A B": ', text, count=1).encode(),
        "menukaart.yaml: veld 'doelgebieden': 'A B' is geen naam voor een doelgebied (letters"
        " en cijfers, zoals A)",
        "menukaart.yaml: field 'doelgebieden': 'A B' is not a name for a doelgebied (letters"
        " and digits, as A)",
    ),
    "a list as a key": (
        lambda text: ("? [doelgebieden]\n: {}\n" + text).encode(),
        "menukaart.yaml: bronregel 1: geen geldige YAML: een sleutel die een lijst of tabel is:"
        " een sleutel is een tekst",
        "menukaart.yaml: line 1: not valid YAML: a key that is a list or mapping: a key is a text",
    ),
    "without a doelgebied a rule reads": (
        lambda text: re.sub(r"(?m)^  F\d*:.*\n", "", text).encode(),
        "menukaart.yaml: doelgebied F ontbreekt, maar NPO-006 leest het",
        "menukaart.yaml: doelgebied F is missing, but NPO-006 reads it",
    ),
    "nested too deep": (
        lambda text: ("doelgebieden: " + "[" * 2000 + "]" * 2000 + "\n").encode(),
        "menukaart.yaml: te diep genest: meer lijsten of tabellen in elkaar dan zo'n bestand"
        " nodig heeft",
        "menukaart.yaml: nested too deep: more lists or tables inside each other than such a"
        " file needs",
    ),
    "a month that does not exist": (
        lambda text: re.sub(
            r"in_force_from: 2021-\d\d", "in_force_from: 2021-13", text, count=1
        ).encode(),
        "menukaart.yaml: veld 'versions.2021.in_force_from': '2021-13-{day}' is geen datum"
        " (JJJJ-MM-DD)",
        "menukaart.yaml: field 'versions.2021.in_force_from': '2021-13-{day}' is not a date"
        " (YYYY-MM-DD)",
    ),
}


@pytest.mark.parametrize("mistake", MENUKAART_MISTAKES, ids=list(MENUKAART_MISTAKES))
def test_a_reviewers_menukaart_that_will_not_do_is_one_line_in_the_reviewers_language(
    tmp_path, mistake
):
    """A menukaart in --reference-dir is the reviewer's file, not a rule author's: what is
    wrong with it is said in Dutch by default, naming the file, line or field."""
    damage, dutch, english = MENUKAART_MISTAKES[mistake]
    shipped = (REPO / "rules" / "reference" / "menukaart.yaml").read_text(encoding="utf-8")
    shutil.copy(REFERENCE / "arbeidsmarkttoelage.csv", tmp_path)
    (tmp_path / "menukaart.yaml").write_bytes(damage(shipped))
    first_tab = shipped.index("\n  ") + 1
    day = re.search(r"in_force_from: 2021-\d\d-(\d\d)", shipped)[1]
    values = {"line": shipped.count("\n", 0, first_tab) + 1, "day": day}
    for lang, words in (("nl", dutch), ("en", english)):
        done = run("check", COMPLIANT, "--reference-dir", tmp_path, "--lang", lang)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == f"compliance: {tmp_path / words.format(**values)}\n"


def test_rules_show_gives_conditions_in_words_and_what_each_field_means():
    shown = run("rules", "show", "NPO-009", "--year", "2022-2023", "--lang", "en").stdout
    assert (
        "Finding when: labour-market allowance paid (labour_market_allowance_paid) is more "
        "than €0.00 and not: school is on the labour-market allowance list for the school "
        "year (on_allowance_list)"
    ) in shown
    assert "    on_allowance_list: school is on the labour-market allowance list" in shown
    assert "param(" not in run("rules", "show", "NPO-007", "--year", "2022-2023").stdout


def test_config_keys_are_the_flags_a_user_types_and_tables_hold_one_commands_options(
    tmp_path,
):
    (tmp_path / "compliance.toml").write_text('[check]\nformat = "json"\n[batch]\njobs = 1\n')
    done = run("check", COMPLIANT, cwd=tmp_path)
    assert json.loads(done.stdout)["status"] == "compliant"
    (tmp_path / "compliance.toml").write_text("[check]\njobs = 1\n")
    refused = run("check", COMPLIANT, cwd=tmp_path)
    assert refused.returncode == 2 and "onbekende sleutel 'jobs'" in refused.stderr


@pytest.mark.parametrize(
    ("option", "name"),
    [("--waivers", "ontheffingen.yaml"), ("--config", "compliance.toml")],
)
def test_a_file_named_by_an_option_that_cannot_be_read_says_why_in_the_users_language(
    cli, tmp_path, option, name
):
    """Not the system's "No such file or directory" inside a Dutch sentence: the reason
    is the word table's, in Dutch by default and in English on request."""
    path = tmp_path / name
    for lang in ("nl", "en"):
        result = cli("check", COMPLIANT, option, path, "--lang", lang)
        assert result.exit_code == 2
        assert str(path) in result.stderr and WORDS[lang]["os.ENOENT"] in result.stderr
        assert os.strerror(errno.ENOENT) not in result.stderr


def test_a_baseline_that_cannot_be_read_says_why_in_dutch(cli, tmp_path):
    missing = tmp_path / "vorige-run"
    result = cli("batch", COMPLIANT, "--out", tmp_path / "out", "--baseline", missing)
    assert result.exit_code == 2
    assert WORDS["nl"]["os.ENOENT"] in result.stderr
    assert os.strerror(errno.ENOENT) not in result.stderr


@pytest.mark.parametrize("cword", ["x", "", None])
def test_a_shell_completion_request_it_cannot_read_completes_nothing(cword):
    env = {**os.environ, "_COMPLIANCE_COMPLETE": "bash_complete", "COMP_WORDS": "compliance ch"}
    env.pop("COMP_CWORD", None)
    if cword is not None:
        env["COMP_CWORD"] = cword
    done = run(env=env)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    done = run(env={**env, "COMP_CWORD": "1"})  # as bash sends it
    assert (done.returncode, done.stdout) == (0, "plain,check\n")
