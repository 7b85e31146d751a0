"""A waivers file that is not valid YAML says on which line, and what to change there, in
the reviewer's language: Dutch by default, English with --lang en. Each case is a mistake
made typing the README's example waiver (a key indented one space off, a tab, a value
starting with @, a quote left open, a Windows path in double quotes); every phrase of
yaml_errors.py is met by one. Something opened and never closed is said of the line it was
opened on, not of the end of the file where PyYAML gave up."""

from __future__ import annotations

import pytest
import yaml
from conftest import SAMPLES

from compliance.yaml_errors import _YAML, explain

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"
WAIVER = """waivers:
  - board: "41234"
    school: 12AB
    school_year: 2022-2023
    rule: NPO-007
    reason: "Externe inhuur toegelicht in de brief van 3 maart"
    granted_by: j.jansen
    expires: 2024-07-31
"""


def typed(old: str, new: str) -> str:
    """The example waiver with ``old`` typed as ``new``."""
    assert old in WAIVER
    return WAIVER.replace(old, new, 1)


INDENTATION = (
    "deze bronregel springt anders in dan die erboven: zet sleutels van één niveau precies"
    " onder elkaar, en elke '-' van één lijst even ver",
    "this line is indented otherwise than the ones above: line up the keys of one level"
    " exactly, and every '-' of one list equally far",
)
SPECIAL = (
    "een waarde die begint met een teken dat in YAML iets betekent (&, *, !, %, @, ` of ?)"
    " moet tussen aanhalingstekens",
    "a value starting with a character that means something in YAML (&, *, !, %, @, ` or ?)"
    " must be quoted",
)
COLON_IN_VALUE = (
    "een ': ' midden in een waarde: zet de waarde tussen aanhalingstekens, of spring de"
    " bronregel goed in",
    "a ': ' inside a value: put the value in quotes, or fix the line's indentation",
)
BACKSLASH = (
    "een \\ in een tekst tussen dubbele aanhalingstekens: schrijf \\\\, of zet de tekst"
    " tussen enkele aanhalingstekens ('C:\\duo')",
    "a \\ in a double-quoted text: write \\\\, or use single quotes ('C:\\duo')",
)
VALUE_START = (
    "een waarde kan niet beginnen met {}: zet hem tussen aanhalingstekens",
    "a value cannot start with {}: put it in quotes",
)

# (the waivers file, the line the reason is said of, (Dutch, English) after "geen geldige
# YAML: " / "not valid YAML: ")
CASES = {
    "key one space less": (typed("    rule:", "   rule:"), 5, INDENTATION),
    "second waiver's dash indented otherwise": (
        WAIVER + ' - board: "41235"\n   reason: Zie brief\n',
        9,
        INDENTATION,
    ),
    "no colon after a key": (
        typed("rule: NPO-007", "rule NPO-007"),
        5,
        (
            "na een sleutel hoort een ':' (sleutel: waarde); loopt een waarde door op de"
            " volgende bronregel, zet hem dan tussen aanhalingstekens",
            "a key must be followed by ':' (key: value); a value that goes on to the next line"
            " needs quotes",
        ),
    ),
    "indented with a tab": (
        typed("    rule:", "\trule:"),
        5,
        ("een tab: spring in met spaties, niet met tabs", "a tab: indent with spaces, not tabs"),
    ),
    "value starting with @": (typed("j.jansen", "@jjansen"), 7, SPECIAL),
    "value starting with & and a space": (typed("j.jansen", "& jansen"), 7, SPECIAL),
    "value starting with * and a name": (typed("j.jansen", "*jansen"), 7, SPECIAL),
    "value starting with * and a space": (typed("j.jansen", "* jansen"), 7, SPECIAL),
    "value starting with ! before a quote": (typed("j.jansen", '!"jansen"'), 7, SPECIAL),
    "value starting with %": (typed("j.jansen", "%jj"), 7, SPECIAL),
    "value starting with ?": (typed('reason: "Externe', 'reason: ? "Externe'), 6, SPECIAL),
    "quote left open": (
        typed('maart"', "maart"),
        6,
        (
            "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
            " waarmee hij begint (\" of ')",
            "a quoted text is not closed: end it with the quote it starts with (\" or ')",
        ),
    ),
    "colon and space in a value": (
        typed('"Externe inhuur toegelicht in de brief van 3 maart"', "Zie brief: 3 maart"),
        6,
        COLON_IN_VALUE,
    ),
    "key one space further": (typed("    rule:", "     rule:"), 5, COLON_IN_VALUE),
    "dash after a quoted value": (
        typed("rule: NPO-007", 'rule: "NPO-007" - NPO-008'),
        5,
        (
            "een '-' waar geen lijst kan beginnen: zet een waarde die met '-' begint tussen"
            " aanhalingstekens, of spring de bronregel goed in",
            "a '-' where no list can start: quote a value that starts with '-', or fix the"
            " line's indentation",
        ),
    ),
    "top key quoted and run on": (
        typed("waivers:\n", '"waivers":x\n'),
        1,
        (
            "hier gaat het bestand verder na wat YAML als het hele document leest: eindigt de"
            " eerste sleutel op ':', en springen de bronregels eronder in?",
            "the file goes on after what YAML reads as the whole document: does the first key"
            " end in ':', with the lines below it indented?",
        ),
    ),
    "control character": (
        typed("j.jansen", "j.jan\x00sen"),
        7,
        (
            "het onzichtbare teken '\\x00' mag hier niet staan: haal het weg",
            "the invisible character '\\x00' is not allowed here: remove it",
        ),
    ),
    "backslash in double quotes": (typed("3 maart", "3\\maart"), 6, BACKSLASH),
    "Windows path with \\x": (typed("3 maart", "C:\\xyz"), 6, BACKSLASH),
    "Windows path with \\u": (typed("3 maart", "C:\\users"), 6, BACKSLASH),
    "gap in a list": (
        typed("rule: NPO-007", "rule: [NPO-007, , NPO-008]"),
        5,
        (
            "een lijst [ ] of tabel { } met een lege plek: er ontbreekt een waarde",
            "a list [ ] or mapping { } with a gap: a value is missing",
        ),
    ),
    "list left open at the end of the file": (
        typed("expires: 2024-07-31\n", "expires: [2024-07-31,\n"),
        9,
        (
            "een lijst [ ] of tabel { } wordt niet gesloten: het bestand eindigt erin",
            "a list [ ] or mapping { } is not closed: the file ends inside it",
        ),
    ),
    "list left open": (
        typed("rule: NPO-007", "rule: [NPO-007, NPO-008"),
        5,
        (
            "een lijst [ ] wordt niet gesloten, of er ontbreekt een ',' tussen twee waarden",
            "a list [ ] is not closed, or a ',' is missing between two values",
        ),
    ),
    "mapping left open": (
        typed("rule: NPO-007", "rule: {a: NPO-007"),
        5,
        (
            "een tabel { } wordt niet gesloten, of er ontbreekt een ',' tussen twee waarden",
            "a mapping { } is not closed, or a ',' is missing between two values",
        ),
    ),
    "text on the line of a >": (
        typed('reason: "Externe', 'reason: > "Externe'),
        6,
        (
            "na een '|' of '>' begint de tekst op de volgende bronregel",
            "after '|' or '>', the text starts on the next line",
        ),
    ),
    "a second document": (
        WAIVER + "---\nwaivers: []\n",
        9,
        (
            "met deze bronregel --- begint een tweede document: zo'n bestand is één document",
            "this line --- starts a second document: such a file is one",
        ),
    ),
    "value starting with ]": (
        typed("rule: NPO-007", "rule: ]NPO-007"),
        5,
        tuple(words.format("']'") for words in VALUE_START),
    ),
    "value starting with ,": (
        typed("rule: NPO-007", "rule: ,NPO-007"),
        5,
        tuple(words.format("','") for words in VALUE_START),
    ),
}


def _error_line(cli, tmp_path, text: str, lang: str):
    path = tmp_path / "ontheffingen.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("check", COMPLIANT, "--waivers", path, "--lang", lang)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return path, line


# the line around the reason, by language (the reason is the case's words[0] or words[1])
SAID = {"nl": "compliance: {path}: bronregel {line}: geen geldige YAML: {reason}"}
SAID["en"] = "compliance: {path}: line {line}: not valid YAML: {reason}"


@pytest.mark.parametrize("lang", SAID)
@pytest.mark.parametrize("text, line, words", CASES.values(), ids=CASES)
def test_a_broken_waivers_file_says_which_line_and_what_to_change(
    cli, tmp_path, text, line, words, lang
):
    path, said = _error_line(cli, tmp_path, text, lang)
    reason = words[list(SAID).index(lang)]
    assert said == SAID[lang].format(path=path, line=line, reason=reason)


def _explained(text: str):
    with pytest.raises(yaml.YAMLError) as raised:
        yaml.compose(text, Loader=yaml.BaseLoader)
    return explain(raised.value, text)[1]


# Mistakes only a file read into values (a rule file, a menukaart) can make: PyYAML's
# constructor, not its parser, finds them (test_cli_usage.py runs a menukaart with one).
CONSTRUCTED = {
    "a list as a key": "? [doelgebieden]\n: {}\n",
    "a tag of its own": "doelgebieden: !doelen {}\n",
}


def _constructed(text: str):
    with pytest.raises(yaml.YAMLError) as raised:
        yaml.load(text, Loader=yaml.SafeLoader)
    return explain(raised.value, text)[1]


def test_every_phrase_is_met_by_a_case():
    met = {_explained(text).key for text, _, _ in CASES.values()}
    met |= {_constructed(text).key for text in CONSTRUCTED.values()}
    assert met == _YAML.keys


def test_a_message_pyyaml_may_word_otherwise_is_passed_on_as_it_is():
    assert _YAML.explain("while doing something new / it went wrong") == (
        "while doing something new / it went wrong"
    )


def test_a_waivers_file_nested_thousands_deep_is_refused_in_one_line(cli, tmp_path):
    path, said = _error_line(cli, tmp_path, "waivers: " + "[" * 2000 + "]" * 2000 + "\n", "en")
    assert said == (
        f"compliance: {path}: nested too deep: more lists or tables inside each other than such"
        " a file needs"
    )


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("? [board]\n    : x", "[board]"),
        ("? {board: 41234, school: 12AB}\n    : x", "{board: 41234, school: 12AB}"),
    ],
)
def test_a_list_or_mapping_as_a_field_is_an_unknown_field_shown_as_written(
    cli, tmp_path, key, shown
):
    _, said = _error_line(cli, tmp_path, typed("    school: 12AB", f"    {key}"), "en")
    assert said.endswith(
        f"entry 1 (line 2), field '{shown}': unknown field; the fields are board,"
        " reason, granted_by, expires, school, school_year, rule, line"
    )
