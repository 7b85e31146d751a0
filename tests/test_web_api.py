"""The HTTP API as a vendor's software uses it: the same JSON as `check --format json`,
valid against the result schema, and errors as JSON with statuses that say what happened."""

from __future__ import annotations

import contextlib
import json
import socket

import httpx
import jsonschema
import pytest
from web_server import REFERENCE, running_server

from compliance.resources import schemas_dir

SAMPLES = REFERENCE.parent.parent / "samples"
READABLE = ["compliant-one-school.xbrl", "multi-school-problems.xbrl", "structural-problems.xbrl"]
HOSTILE = (
    b'<?xml version="1.0"?><!DOCTYPE xbrli:xbrl [<!ENTITY lol "lol"><!ENTITY lol2 '
    b'"&lol;&lol;&lol;&lol;">]><xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">'
    b"&lol2;</xbrli:xbrl>"
)


@pytest.fixture(scope="module")
def server():
    with running_server("--max-bytes", "40000") as url:
        yield url


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((schemas_dir() / "result.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", READABLE)
def test_multipart_and_raw_uploads_answer_what_check_prints(server, validator, cli, name):
    path = SAMPLES / name
    printed = cli("check", "--format", "json", "--reference-dir", REFERENCE, path)
    expected = {**json.loads(printed.output), "file": name}  # the upload's name, not a path
    with path.open("rb") as handle:
        form = httpx.post(f"{server}/api/v1/check", files={"file": (name, handle)}, timeout=60)
    raw = httpx.post(
        f"{server}/api/v1/check?name={name}",
        content=path.read_bytes(),
        headers={"content-type": "application/xml"},
        timeout=60,
    )
    for answer in (form, raw):
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/json")
        validator.validate(answer.json())
        assert answer.json() == expected


def test_unreadable_and_hostile_files_are_422_with_the_reason(server, validator):
    malformed = httpx.post(
        f"{server}/api/v1/check?lang=en",
        files={"file": ("malformed.xbrl", (SAMPLES / "malformed.xbrl").read_bytes())},
    )
    hostile = httpx.post(
        f"{server}/api/v1/check?lang=en",
        content=HOSTILE,
        headers={"content-type": "application/xml"},
    )
    for answer in (malformed, hostile):
        assert answer.status_code == 422
        validator.validate(answer.json())
        assert answer.json()["status"] == "unreadable"
    assert "not well-formed XML" in malformed.json()["error"]
    assert "refused as unsafe" in hostile.json()["error"]


def test_too_large_is_413_whether_announced_or_streamed(server):
    big = b"<x>" + b"a" * 50_000 + b"</x>"
    announced = httpx.post(
        f"{server}/api/v1/check", content=big, headers={"content-type": "application/xml"}
    )

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    streamed = httpx.post(
        f"{server}/api/v1/check", content=chunks(), headers={"content-type": "application/xml"}
    )
    for answer in (announced, streamed):
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "too_large"


def test_a_body_that_never_ends_is_cut_off_at_the_limit(server):
    """A client announcing chunked transfer and sending far past the limit gets 413 before
    it has finished: the server does not wait for (or hold) the whole body."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(
            b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"a" * 16384
        answer = b""
        for _ in range(200):  # up to 3 MB, far past the 40 kB limit
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break
            conn.settimeout(0.01)
            with contextlib.suppress(TimeoutError):
                answer += conn.recv(4096)
            conn.settimeout(30)
            if answer:
                break
        answer += conn.recv(4096) if not answer else b""
    assert answer.startswith(b"HTTP/1.1 413")


def test_wrong_media_type_is_415_and_a_form_without_file_400(server):
    wrong = httpx.post(
        f"{server}/api/v1/check", content=b"{}", headers={"content-type": "application/json"}
    )
    assert wrong.status_code == 415
    assert wrong.json()["error"]["code"] == "media_type"
    empty = httpx.post(f"{server}/api/v1/check", files={"other": ("a.txt", b"x")})
    assert empty.status_code == 400
    assert empty.json()["error"]["code"] == "no_file"


def test_rules_are_listed_and_explained(server, catalogue):
    listed = httpx.get(f"{server}/api/v1/rules").json()
    assert [rule["id"] for rule in listed["rules"]] == sorted(catalogue.rules)
    detail = httpx.get(f"{server}/api/v1/rules/npo-007?lang=en").json()
    assert detail["id"] == "NPO-007"
    signal = next(p for p in detail["parameters"] if p["name"] == "npo.external_share.signal")
    assert signal["provenance"] == catalogue.parameters["npo.external_share.signal"].source.en
    assert {"school_year": "2022-2023", "shown": "25%"} in signal["per_year"]
    assert len(detail["examples"]) == len(catalogue.rules["NPO-007"].cases)
    # the message filled in from the first case that fires, with that case's amounts
    first = next(case for case in catalogue.rules["NPO-007"].cases if case.spec["fires"])
    assert detail["example"]["case"] == first.name.en
    # the documented cases by name in the language asked for
    assert [example["name"] for example in detail["examples"]] == [
        case.name.en for case in catalogue.rules["NPO-007"].cases
    ]
    dutch = httpx.get(f"{server}/api/v1/rules/NPO-007?lang=nl").json()
    assert dutch["examples"][1]["name"] == "precies 0.25 is geen bevinding"
    assert dutch["example"]["case"] == first.name.nl == "net boven 0.25"
    assert "(€10,000.01 of €40,000.00) goes to external parties" in detail["example"]["message"]
    assert "{" not in detail["example"]["message"] and "{" in detail["message"]
    # the reference lists a rule reads, with the menukaart's interventions and provenance
    (menukaart,) = httpx.get(f"{server}/api/v1/rules/NPO-006?lang=en").json()["reference"]
    versions = catalogue.menukaart.versions.entries
    assert [entry["provenance"] for entry in menukaart["entries"]] == [
        version.source.en for _, version in versions
    ]
    newest = versions[-1][1]
    codes = [item["code"] for item in menukaart["entries"][-1]["interventions"]]
    assert codes == list(newest.doelgebied_of) and menukaart["provenance"]
    missing = httpx.get(f"{server}/api/v1/rules/XYZ-999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_such_rule"


def test_openapi_describes_the_check_and_its_statuses(server):
    document = httpx.get(f"{server}/api/v1/openapi.json").json()
    responses = document["paths"]["/api/v1/check"]["post"]["responses"]
    assert {"200", "413", "415", "422", "504"} <= set(responses)
    schema_ref = responses["200"]["content"]["application/json"]["schema"]["$ref"]
    served = httpx.get(server + schema_ref).json()
    assert served["$id"] == "urn:bestedingsplannen:compliance:result:1"


def test_every_answer_has_the_strict_headers(server):
    for answer in (
        httpx.get(f"{server}/"),
        httpx.get(f"{server}/static/app.css"),
        httpx.get(f"{server}/api/v1/rules"),
        httpx.post(f"{server}/api/v1/check", content=b"x", headers={"content-type": "text/plain"}),
    ):
        headers = answer.headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_a_check_past_its_time_limit_answers_504_and_the_server_stays_up():
    body = (SAMPLES / "multi-school-problems.xbrl").read_bytes()
    with running_server("--timeout", "0.001", "--jobs", "1") as url:
        for _ in range(2):  # the second check needs the replaced worker: it must not hang
            answer = httpx.post(
                f"{url}/api/v1/check",
                content=body,
                headers={"content-type": "application/xml"},
                timeout=120,
            )
            assert answer.status_code == 504
            assert answer.json()["error"]["code"] == "timeout"
        assert httpx.get(f"{url}/api/v1/rules").status_code == 200


def test_a_waivers_file_marks_the_findings_it_covers(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        '  - board: "40321"\n'
        "    school: 23CD\n"
        "    school_year: 2022-2023\n"
        "    rule: NPO-007\n"
        '    reason: "Externe inhuur toegelicht"\n'
        "    granted_by: j.jansen\n"
        "    expires: 2099-07-31\n",
        encoding="utf-8",
    )
    body = (SAMPLES / "multi-school-problems.xbrl").read_bytes()
    with running_server("--waivers", str(waivers)) as url:
        answer = httpx.post(
            f"{url}/api/v1/check",
            content=body,
            headers={"content-type": "application/xml"},
            timeout=60,
        ).json()
        page = httpx.post(f"{url}/check", files={"file": ("m.xbrl", body)}, timeout=60).text
    waived = [f for f in answer["findings"] if f["waiver"] is not None]
    assert [(f["rule"], f["school"], f["school_year"]) for f in waived] == [
        ("NPO-007", "23CD", "2022-2023")
    ]
    assert answer["waivers"]["waived"] == 1
    assert "Externe inhuur toegelicht" in page


def test_uploads_leave_no_file_behind_and_nothing_of_their_content_in_the_log(
    tmp_path, board_spec, filing
):
    marker = "Stichting-Merkteken-7f3a"
    board_spec["name"] = marker
    board_spec["schools"][0]["name"] = marker
    board_spec["schools"][0]["years"]["2022-2023"]["facts"]["WorkloadTeamConsultationHeld"] = False
    body = filing(board_spec)
    temp, log = tmp_path / "tmp", tmp_path / "server.log"
    temp.mkdir()
    with running_server(log=log, env={"TMPDIR": str(temp)}) as url:
        answers = [
            httpx.post(f"{url}/check", files={"file": (f"{marker}.xbrl", body)}, timeout=60),
            httpx.post(
                f"{url}/api/v1/check",
                content=body,
                headers={"content-type": "application/xml"},
                timeout=60,
            ),
            httpx.post(
                f"{url}/api/v1/check",
                content=body[: len(body) // 2] + marker.encode(),
                headers={"content-type": "application/xml"},
                timeout=60,
            ),
        ]
    assert [answer.status_code for answer in answers] == [200, 200, 422]
    assert marker in answers[0].text  # the page shows it to the uploader, and only there
    written = log.read_text(encoding="utf-8", errors="replace")
    assert "POST /api/v1/check" in written  # the log is there, and names requests only
    assert marker not in written
    assert list(temp.rglob("*")) == []


def test_the_server_takes_checks_rule_selection_and_config_file(tmp_path, cli):
    """report-contract.md: on `serve` "the same options as `check` apply", and rule
    selection may come from the config file (`--config FILE`); a flag wins."""
    config = tmp_path / "compliance.toml"
    config.write_text('select = ["FIL-*"]\n[serve]\nignore = ["NPO-007"]\n', encoding="utf-8")
    path = SAMPLES / "multi-school-problems.xbrl"
    printed = cli("check", "--format", "json", "--reference-dir", REFERENCE, path,
                  "--select", "NPO-*", "--ignore", "NPO-007")  # fmt: skip
    expected = {**json.loads(printed.output), "file": path.name}
    rules = {f["rule"] for f in expected["findings"]}
    assert rules and all(r.startswith("NPO-") for r in rules) and "NPO-007" not in rules
    with running_server("--config", str(config), "--select", "NPO-*") as url:
        answer = httpx.post(
            f"{url}/api/v1/check?name={path.name}",
            content=path.read_bytes(),
            headers={"content-type": "application/xml"},
            timeout=60,
        )
    assert answer.json() == expected
