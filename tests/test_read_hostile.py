"""Hostile XML is refused before it costs anything, in every encoding the parser accepts.

The local file the hostile documents name is a FIFO without a writer: opening it blocks, so
a check that returns at all read nothing from it. Each check runs in a subprocess with a
timeout, so a reader that did try to open it fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import xbrl_variants as v

TIMEOUT = 60  # seconds for a whole subprocess: only reached when something blocks
WELL_UNDER_A_SECOND = 0.5  # generous for a refusal that takes well under a millisecond
XINCLUDE = "http://www.w3.org/2001/XInclude"
LAUGHS = "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))


def _document(kind: str, target: str) -> str:
    """A hostile filing whose XML declaration leaves the encoding to be filled in."""
    declaration, content = {
        "external entity": (
            f'<!DOCTYPE xbrli:xbrl [<!ENTITY board SYSTEM "{target}">]>',
            "&board;",
        ),
        "external parameter entity": (
            f'<!DOCTYPE xbrli:xbrl [<!ENTITY % board SYSTEM "{target}"> %board;]>',
            "",
        ),
        "external DTD": (f'<!DOCTYPE xbrli:xbrl SYSTEM "{target}">', ""),
        "billion laughs": (f'<!DOCTYPE xbrli:xbrl [<!ENTITY lol0 "lol">{LAUGHS}]>', "&lol9;"),
        "XInclude": ("", f'<xi:include xmlns:xi="{XINCLUDE}" href="{target}" parse="text"/>'),
    }[kind]
    return (
        '<?xml version="1.0" encoding="{encoding}"?>\n'
        f"{declaration}\n"
        f'<xbrli:xbrl xmlns:xbrli="{v.XBRLI}">{content}</xbrli:xbrl>\n'
    )


def _utf7(text: str) -> bytes:
    """UTF-7 may write any character base64-encoded, markup included: `<` is `+ADw-`."""
    head, rest = text.format(encoding="UTF-7").split("\n", 1)
    return f"{head}\n".encode() + rest.replace("<", "+ADw-").replace(">", "+AD4-").encode()


def _declared_switch(text: str) -> bytes:
    """An ASCII start whose declaration switches the rest of the document to UTF-16."""
    head, rest = text.format(encoding="UTF-16LE").split("?>", 1)
    return head.encode() + f"?>{rest}".encode("utf-16-le")


ENCODINGS = {
    "UTF-8": lambda text: text.format(encoding="UTF-8").encode(),
    "UTF-8 with BOM": lambda text: text.format(encoding="UTF-8").encode("utf-8-sig"),
    "UTF-16 with BOM": lambda text: text.format(encoding="UTF-16").encode("utf-16"),
    "UTF-16LE without BOM": lambda text: text.format(encoding="UTF-16").encode("utf-16-le"),
    "UTF-16BE without BOM": lambda text: text.format(encoding="UTF-16").encode("utf-16-be"),
    "UTF-32 with BOM": lambda text: text.format(encoding="UTF-32").encode("utf-32"),
    "UTF-32BE without BOM": lambda text: text.format(encoding="UTF-32").encode("utf-32-be"),
    "UTF-7": _utf7,
    "UTF-16 declared after an ASCII start": _declared_switch,
}
KINDS = ["external entity", "external parameter entity", "external DTD", "billion laughs"]
KINDS += ["XInclude"]

# Build the checker first, then time each check on its own.
TIMED_CHECKS = """
import json, sys, time
from pathlib import Path
from compliance.check import Checker
from compliance.engine import make_engine
from compliance.rules import load_catalogue

checker = Checker(load_catalogue(), make_engine("python"))
for name in sys.argv[1:]:
    start = time.perf_counter()
    result = checker.check_file(Path(name))
    seconds = time.perf_counter() - start
    print(json.dumps({"file": name, "seconds": seconds, "status": result.status,
                      "error": result.error_text("en")}), flush=True)
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as expired:
        done = expired.stdout or ""
        if isinstance(done, bytes):
            done = done.decode(errors="replace")
        pytest.fail(f"still running after {TIMEOUT}s: something opened the FIFO; done:\n{done}")


@pytest.fixture(scope="module")
def fifo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "secret"
    os.mkfifo(path)
    return path


@pytest.fixture(scope="module")
def refusals(fifo) -> dict[tuple[str, str], dict]:
    """Every hostile kind in every encoding, checked in one subprocess, each timed."""
    files = {}
    for kind in KINDS:
        for encoding, encode in ENCODINGS.items():
            path = fifo.parent / f"{kind} in {encoding}.xbrl".replace(" ", "_")
            path.write_bytes(encode(_document(kind, f"file://{fifo}")))
            files[str(path)] = (kind, encoding)
    done = _run("-c", TIMED_CHECKS, *files)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    return {files[result["file"]]: result for result in results}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_input_is_refused_at_once_without_reading(refusals, kind, encoding):
    result = refusals[kind, encoding]
    assert result["status"] == "unreadable"
    assert "refused as unsafe" in result["error"]
    assert result["seconds"] < WELL_UNDER_A_SECOND


@pytest.mark.parametrize("kind", ["external entity", "billion laughs"])
def test_the_command_refuses_it_with_the_line_and_exit_status_2(fifo, kind):
    path = fifo.parent / f"{kind.replace(' ', '-')}.xbrl"
    path.write_text(_document(kind, f"file://{fifo}").format(encoding="UTF-8"))
    done = _run("-m", "compliance", "check", str(path), "--format", "json", "--engine", "python")
    assert done.returncode == 2
    printed = json.loads(done.stdout)
    assert printed["status"] == "unreadable" and printed["findings"] == []
    assert printed["error"].startswith("bronregel 2: geweigerd als onveilig")
    assert done.stderr == f"compliance: {path}: {printed['error']}\n"


# The parser on its own, as if the prolog scan had let a declaration through.
PARSER_ALONE = """
import sys
from compliance.read import safety

safety._refuse_unsafe_prolog = lambda data: None
try:
    safety.load_xml(open(sys.argv[1], "rb").read(), safety.ReadLimits())
except safety.UnreadableFiling as error:
    print(error.describe("en"))
"""


@pytest.mark.parametrize("kind", ["external entity", "external parameter entity", "external DTD"])
def test_the_parser_itself_opens_nothing_a_filing_names(fifo, kind):
    path = fifo.parent / f"parser-{kind.replace(' ', '-')}.xbrl"
    path.write_text(_document(kind, f"file://{fifo}").format(encoding="UTF-8"))
    done = _run("-c", PARSER_ALONE, str(path))
    assert done.stdout.startswith("refused as unsafe: a document type declaration"), done.stderr
