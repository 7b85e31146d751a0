"""Files that cannot be judged at all: each gives status `unreadable`, exit status 2, the JSON
result all the same, and one line on stderr naming the file (and the line, where there is
one), never a traceback."""

from __future__ import annotations

import json
import os

import pytest
import xbrl_variants as v
from conftest import SAMPLES
from lxml import etree

from compliance.read import ReadLimits, UnreadableFiling, safety
from compliance.read.safety import read_bytes

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"
OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xbrli:xbrl xmlns:xbrli="{v.XBRLI}" xmlns:bp="{v.TAXONOMY}">\n'
)
CLOSE = "</xbrli:xbrl>\n"
LAUGHS = "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
DOCTYPES = {  # the declaration, and what the root element holds
    "a harmless internal subset": ("<!DOCTYPE xbrli:xbrl []>", ""),
    "an external entity naming a local file": (
        '<!DOCTYPE xbrli:xbrl [<!ENTITY board SYSTEM "file:///etc/hostname">]>',
        "&board;",
    ),
    "a billion laughs": (f'<!DOCTYPE xbrli:xbrl [<!ENTITY lol0 "lol">{LAUGHS}]>', "&lol9;"),
    "an external DTD": ('<!DOCTYPE xbrli:xbrl SYSTEM "http://example.org/filing.dtd">', ""),
    "a parameter entity": (
        '<!DOCTYPE xbrli:xbrl [<!ENTITY % dtd SYSTEM "file:///etc/hostname"> %dtd;]>',
        "",
    ),
}


@pytest.fixture
def check(cli):
    """`compliance check` with the engine every installation has."""
    return lambda *args: cli("check", *args, "--engine", "python")


def _check(check, path, *options: str) -> tuple[dict, str]:
    """Check in English as JSON; return the printed result and the reason."""
    result = check(path, "--format", "json", "--lang", "en", *options)
    assert result.exit_code == 2, result.stdout
    printed = json.loads(result.stdout)
    assert printed["status"] == "unreadable"
    assert printed["findings"] == []
    reason = printed["error"]
    assert reason and "\n" not in reason
    assert result.stderr == f"compliance: {path}: {reason}\n"
    assert "Traceback" not in result.stdout + result.stderr
    return printed, reason


def _write(tmp_path, data: bytes | str, name: str = "filing.xbrl"):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["no bytes", "white space"])
def test_an_empty_file_is_unreadable(check, tmp_path, content):
    _, reason = _check(check, _write(tmp_path, content))
    assert reason == "empty file"


def test_a_truncated_filing_is_not_xml_and_names_the_line(check, tmp_path):
    text = COMPLIANT.read_text(encoding="utf-8")
    cut = text[: text.index("<bp:NpoInterventionCode") + 12]
    _, reason = _check(check, _write(tmp_path, cut))
    assert reason.startswith(f"line {cut.count(chr(10)) + 1}: not well-formed XML")


def test_text_that_is_not_xml_at_all_is_unreadable(check, tmp_path):
    _, reason = _check(check, _write(tmp_path, "board;school;amount\n41234;12AB;61000\n"))
    assert "not well-formed XML" in reason


@pytest.mark.parametrize(
    ("root", "described"),
    [
        ("<xbrl/>", "xbrl (no namespace)"),
        (f'<xbrl xmlns="{v.TAXONOMY}"/>', f"xbrl in {v.TAXONOMY}"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "html in http://www.w3.org/1999/xhtml"),
    ],
)
def test_a_root_other_than_xbrli_xbrl_is_not_an_instance(check, tmp_path, root, described):
    _, reason = _check(check, _write(tmp_path, f'<?xml version="1.0"?>\n\n{root}\n'))
    assert reason.startswith(f"line 3: not an XBRL instance: the root element is {described}")


def test_the_root_element_is_described_in_dutch_in_a_dutch_reason(check, tmp_path):
    result = check(_write(tmp_path, '<?xml version="1.0"?>\n<xbrl/>\n'), "--format", "json")
    assert json.loads(result.stdout)["error"] == (
        "bronregel 2: geen XBRL-instance: het hoofdelement is xbrl zonder namespace, "
        "verwacht xbrl in http://www.xbrl.org/2003/instance"
    )


def test_a_file_over_max_bytes_is_refused(check):
    size = COMPLIANT.stat().st_size
    _, reason = _check(check, COMPLIANT, "--max-bytes", str(size - 1))
    assert reason == f"too large: {size:,} bytes, the limit is {size - 1:,} (--max-bytes)"


def test_a_file_of_exactly_max_bytes_is_read(check):
    size = COMPLIANT.stat().st_size
    assert check(COMPLIANT, "--max-bytes", str(size)).exit_code == 0


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_any_document_type_declaration_is_refused_as_unsafe(check, tmp_path, doctype):
    declaration, content = DOCTYPES[doctype]
    text = OPEN.replace("\n", f"\n{declaration}\n", 1) + content + CLOSE
    _, reason = _check(check, _write(tmp_path, text))
    assert reason.startswith("line 2: refused as unsafe: a document type declaration")


def test_a_doctype_after_comments_and_instructions_is_still_refused(check, tmp_path):
    prolog = '<?xml version="1.0"?>\n<!-- a <!DOCTYPE in a comment -->\n<?pi ?>\n'
    text = prolog + "<!DOCTYPE xbrli:xbrl []>\n" + OPEN.split("\n", 1)[1] + CLOSE
    _, reason = _check(check, _write(tmp_path, text))
    assert reason.startswith("line 4: refused as unsafe")


def test_xinclude_is_refused_as_unsafe(check, tmp_path):
    include = '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/hostname"/>\n'
    _, reason = _check(check, _write(tmp_path, OPEN + include + CLOSE))
    assert reason == "line 3: refused as unsafe: XInclude is not allowed"


# The XInclude namespace declared on the root, where the reader looks for it before searching
# the tree: as written, with character references, as the default namespace, in UTF-16.
XINCLUDE_ON_ROOT = {
    "as written": ' xmlns:xi="http://www.w3.org/2001/XInclude"',
    "with character references": ' xmlns:xi="&#x68;ttp://www.w3.org/2001/&#88;Include"',
}


@pytest.mark.parametrize("declaration", XINCLUDE_ON_ROOT.values(), ids=XINCLUDE_ON_ROOT.keys())
@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16"])
def test_xinclude_declared_on_the_root_is_refused_as_unsafe(check, tmp_path, declaration, encoding):
    root = OPEN.replace("<xbrli:xbrl ", f"<xbrli:xbrl{declaration} ").replace("UTF-8", encoding)
    text = (
        root
        + '  <bp:BoardName contextRef="B">X</bp:BoardName>\n'
        + '  <xi:include href="/etc/hostname"/>\n'
        + CLOSE
    )
    _, reason = _check(check, _write(tmp_path, text.encode(encoding)))
    assert reason == "line 4: refused as unsafe: XInclude is not allowed"


def test_xinclude_as_the_default_namespace_below_the_root_is_refused(check, tmp_path):
    include = '  <include xmlns="http://www.w3.org/2001/XInclude" href="/etc/hostname"/>\n'
    _, reason = _check(check, _write(tmp_path, OPEN + include + CLOSE))
    assert reason == "line 3: refused as unsafe: XInclude is not allowed"


def _depth(path) -> int:
    root = etree.parse(str(path)).getroot()
    return max(sum(1 for _ in element.iterancestors()) + 1 for element in root.iter())


def test_max_depth_is_the_deepest_nesting_allowed(check):
    depth = _depth(COMPLIANT)
    assert check(COMPLIANT, "--max-depth", str(depth)).exit_code == 0
    _, reason = _check(check, COMPLIANT, "--max-depth", str(depth - 1))
    deepest = next(e for e in etree.parse(str(COMPLIANT)).iter() if _depth_of(e) == depth)
    assert reason == (
        f"line {deepest.sourceline}: refused as unsafe: elements nested deeper than "
        f"{depth - 1} levels"
    )


def _depth_of(element) -> int:
    return sum(1 for _ in element.iterancestors()) + 1


def test_a_document_deeper_than_the_parser_allows_is_refused_as_too_deep(check, tmp_path):
    nested = "<bp:Deep>" * 1000 + "</bp:Deep>" * 1000
    _, reason = _check(check, _write(tmp_path, OPEN + nested + CLOSE))
    assert "refused as unsafe: elements nested deeper than 32 levels" in reason


def test_nesting_deeper_than_max_depth_names_the_line_where_it_goes_too_deep(check, tmp_path):
    nested = "<bp:Deep>\n" * 40 + "</bp:Deep>" * 40
    _, reason = _check(check, _write(tmp_path, OPEN + nested + CLOSE))
    # the root is on line 2 and level 1: level 33, the first too deep, is on line 34
    assert reason == "line 34: refused as unsafe: elements nested deeper than 32 levels"


def test_undecodable_utf16_is_not_xml(check, tmp_path):
    text = COMPLIANT.read_text(encoding="utf-8").replace('"UTF-8"', '"UTF-16"', 1)
    data = text.encode("utf-16")
    broken = data[:200] + "\ud800".encode("utf-16-le", "surrogatepass") + data[200:]
    _, reason = _check(check, _write(tmp_path, broken))
    assert reason == "not well-formed XML: invalid UTF-16"


@pytest.mark.parametrize("encoding", ["UTF-16", "UTF-16LE", "UTF-32"])
def test_a_file_saved_in_utf8_that_still_declares_utf16_says_what_to_change(
    check, tmp_path, encoding
):
    """The usual way to get there: a UTF-16 filing opened and saved again as UTF-8, its
    declaration left as it was. It stays refused (the switch could hide markup)."""
    text = COMPLIANT.read_text(encoding="utf-8").replace('"UTF-8"', f'"{encoding}"', 1)
    _, reason = _check(check, _write(tmp_path, text))
    assert reason == (
        f"line 1: refused as unsafe: the XML declaration names encoding {encoding}, but the "
        'file starts in UTF-8 or ASCII: put encoding="UTF-8" in the declaration, or save the '
        f"file in {encoding}"
    )


@pytest.mark.parametrize("encoding", ["UTF-7", "EBCDIC-US", "x-unknown"])
def test_a_declared_encoding_that_could_hide_markup_is_refused(check, tmp_path, encoding):
    """A file starting in ASCII can only switch to an encoding whose markup is ASCII too."""
    text = COMPLIANT.read_text(encoding="utf-8").replace('"UTF-8"', f'"{encoding}"', 1)
    _, reason = _check(check, _write(tmp_path, text))
    assert reason == (
        f"line 1: refused as unsafe: the declared encoding {encoding} can hide markup; "
        "use UTF-8 or UTF-16"
    )


def test_a_file_in_an_encoding_xml_cannot_detect_is_not_xml(check, tmp_path):
    """EBCDIC, say: it does not start with `<` in any encoding the reader knows."""
    text = COMPLIANT.read_text(encoding="utf-8").replace('"UTF-8"', '"IBM037"', 1)
    _, reason = _check(check, _write(tmp_path, text.encode("cp037")))
    assert reason == "line 1: not well-formed XML: Start tag expected, '<' not found"


def test_a_file_that_cannot_be_opened_is_unreadable(check, tmp_path):
    printed, reason = _check(check, tmp_path / "missing.xbrl")
    assert reason == "no such file"
    assert printed["sha256"] == ""


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("a folder", "this is a folder, not a file; `compliance batch` checks a folder"),
        ("a named pipe", "not a regular file (a pipe, a device or the like)"),
    ],
)
def test_anything_but_a_regular_file_is_refused_unread(check, tmp_path, where, expected):
    """A pipe with no writer would block a reader for good; it is refused without opening."""
    path = tmp_path
    if where == "a named pipe":
        path = tmp_path / "pipe.xbrl"
        os.mkfifo(path)
    printed, reason = _check(check, path)
    assert reason == expected
    assert printed["sha256"] == ""


def test_an_unreadable_file_does_not_stop_the_others(check, tmp_path):
    empty = _write(tmp_path, b"")
    result = check(COMPLIANT, empty, SAMPLES / "multi-school-problems.xbrl", "--format", "json")
    assert result.exit_code == 2
    statuses = [item["status"] for item in json.loads(result.stdout)]
    assert statuses == ["compliant", "unreadable", "findings"]
    assert result.stderr.count("\n") == 1 and str(empty) in result.stderr


def test_the_reason_is_given_in_dutch_by_default(check, tmp_path):
    path = _write(
        tmp_path, OPEN + '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude"/>' + CLOSE
    )
    result = check(path)
    assert result.exit_code == 2
    assert "NIET LEESBAAR: bronregel 3: geweigerd als onveilig" in result.stdout


@pytest.mark.parametrize("cap_over_real", [-1, 0])
def test_a_file_that_grew_after_its_size_was_taken_is_still_held_to_max_bytes(
    monkeypatch, cap_over_real
):
    """The reader asks for as many bytes as the file's size said, then for the rest up to
    the cap: a file that grew in between is refused when it passed the cap, read when not."""
    real = COMPLIANT.stat().st_size
    stat_of = os.stat

    def smaller(path, *args, **kwargs):
        status = list(stat_of(path, *args, **kwargs))
        status[6] = 100  # st_size: as if it had been 100 bytes when we looked
        return os.stat_result(status)

    monkeypatch.setattr(safety.os, "stat", smaller)
    limits = ReadLimits(max_bytes=real + cap_over_real)
    if cap_over_real < 0:
        with pytest.raises(UnreadableFiling) as refused:
            read_bytes(COMPLIANT, limits)
        assert refused.value.kind == "too_large"
    else:
        assert read_bytes(COMPLIANT, limits) == COMPLIANT.read_bytes()
