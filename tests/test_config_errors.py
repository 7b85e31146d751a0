"""A config file that is not valid TOML says where, and what to write there, in the user's
language: Dutch by default, English with --lang en. Each case is a mistake made when
compliance.toml is edited by hand (a value without quotes, Word's curly quotes, a Windows
path in double quotes, a table named twice); every phrase of toml_errors.py is met by one.
The line and column are tomllib's own."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from conftest import SAMPLES

from compliance.toml_errors import _TOML

COMPLIANT = SAMPLES / "compliant-one-school.xbrl"

# (the config file, the Dutch reason, the English reason), after "geen geldige TOML: "
CASES = {
    "text without its closing quote": (
        'lang = "nl\n',
        "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
        " waarmee hij begint (\" of ')",
        "a quoted text is not closed: end it with the quote it starts with (\" or ')",
    ),
    "single-quoted text running into the next line": (
        "lang = 'nl\nformat = 'json'\n",
        "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
        " waarmee hij begint (\" of ')",
        "a quoted text is not closed: end it with the quote it starts with (\" or ')",
    ),
    "file cut off inside a text": (
        'lang = "nl',
        "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
        " waarmee hij begint (\" of ')",
        "a quoted text is not closed: end it with the quote it starts with (\" or ')",
    ),
    "file cut off inside a single-quoted text": (
        "lang = 'nl",
        "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
        " waarmee hij begint (\" of ')",
        "a quoted text is not closed: end it with the quote it starts with (\" or ')",
    ),
    "control character in a text": (
        'lang = "n\x01l"\n',
        "het onzichtbare teken '\\x01' mag hier niet staan: haal het weg",
        "the invisible character '\\x01' is not allowed here: remove it",
    ),
    "control character in a comment": (
        'lang = "nl"  # \x1b[0m\n',
        "het onzichtbare teken '\\x1b' mag hier niet staan: haal het weg",
        "the invisible character '\\x1b' is not allowed here: remove it",
    ),
    "no equals sign": (
        'lang "nl"\n',
        "na een sleutel hoort een '=' (sleutel = waarde)",
        "a key must be followed by '=' (key = value)",
    ),
    "key given twice": (
        'lang = "nl"\nfail-on = "warning"\nlang = "en"\n',
        "deze sleutel staat al eerder in het bestand, of in dezelfde [tabel]",
        "this key was given before, in the file or in the same [table]",
    ),
    "table given twice": (
        "[batch]\njobs = 1\n[check]\n[batch]\njobs = 2\n",
        "de tabel [batch] staat twee keer in het bestand: voeg ze samen",
        "the table [batch] appears twice in the file: merge the two",
    ),
    "something after the value": (
        "jobs = 4,\n",
        "na de waarde staat nog iets op de bronregel: zet tekst tussen aanhalingstekens, en"
        " commentaar na een #",
        "something follows the value on this line: put text in quotes, and comments after a #",
    ),
    "text without quotes": (
        "[check]\nformat = json\n",
        "deze waarde is geen tekst, getal, datum of lijst: zet tekst tussen gewone"
        ' aanhalingstekens (lang = "nl", niet “nl”)',
        "this value is not text, a number, a date or a list: put text in straight quotes"
        ' (lang = "en", not “en”)',
    ),
    "curly quotes from a word processor": (
        "lang = “en”\n",
        "deze waarde is geen tekst, getal, datum of lijst: zet tekst tussen gewone"
        ' aanhalingstekens (lang = "nl", niet “nl”)',
        "this value is not text, a number, a date or a list: put text in straight quotes"
        ' (lang = "en", not “en”)',
    ),
    "table name not closed": (
        "[batch\njobs = 1\n",
        "een tabelnaam wordt gesloten met ']', zoals in [batch]",
        "a table name is closed with ']', as in [batch]",
    ),
    "array of tables not closed": (
        "[[batch]\n",
        "een [[tabel]] wordt gesloten met ']]'",
        "an [[array of tables]] is closed with ']]'",
    ),
    "comma missing in a list": (
        'ignore = ["NPO-007" "NPO-008"]\n',
        "een lijst [ ] wordt niet gesloten, of er ontbreekt een ',' tussen twee waarden",
        "a list [ ] is not closed, or a ',' is missing between two values",
    ),
    "inline table not closed": (
        "check = {format = 'json'\n",
        "een tabel { } wordt niet gesloten op dezelfde bronregel, of er ontbreekt een ','",
        "an inline table { } is not closed on its line, or a ',' is missing",
    ),
    "value without a key": (
        '= "nl"\n',
        "deze bronregel is geen 'sleutel = waarde' en geen [tabel]",
        "this line is neither 'key = value' nor a [table]",
    ),
    "table name ending in a dot": (
        "[batch.]\njobs = 1\n",
        "een sleutel bestaat uit letters, cijfers, '-' en '_', of staat tussen aanhalingstekens",
        "a key is made of letters, digits, '-' and '_', or is quoted",
    ),
    "Windows path in double quotes": (
        'reference-dir = "C:\\duo\\2024"\n',
        "een \\ in een tekst tussen dubbele aanhalingstekens: schrijf \\\\, of zet de tekst"
        " tussen enkele aanhalingstekens ('C:\\duo')",
        "a \\ in a double-quoted text: write \\\\, or use single quotes ('C:\\duo')",
    ),
    "Windows path starting with \\u": (
        'reference-dir = "C:\\users\\duo"\n',
        "een \\ in een tekst tussen dubbele aanhalingstekens: schrijf \\\\, of zet de tekst"
        " tussen enkele aanhalingstekens ('C:\\duo')",
        "a \\ in a double-quoted text: write \\\\, or use single quotes ('C:\\duo')",
    ),
    "escape beyond Unicode": (
        'lang = "\\U00110000"\n',
        "een \\ in een tekst tussen dubbele aanhalingstekens: schrijf \\\\, of zet de tekst"
        " tussen enkele aanhalingstekens ('C:\\duo')",
        "a \\ in a double-quoted text: write \\\\, or use single quotes ('C:\\duo')",
    ),
    "a day that does not exist": (
        "today = 2024-02-30\n",
        "deze datum bestaat niet, of is niet geschreven als JJJJ-MM-DD",
        "this date does not exist, or is not written YYYY-MM-DD",
    ),
}

WHERE = {"nl": ("bronregel {}, kolom {}", "aan het eind van het bestand")}
WHERE["en"] = ("line {}, column {}", "at the end of the file")


def _tomllib(text: str) -> tuple[str, str]:
    """tomllib's message for ``text``, and the (line, column) or end it names."""
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    at = r"\(at (?:line (\d+), column (\d+)|end of document)\)"
    found = re.fullmatch(r"(.*) " + at, str(raised.value))
    assert found, raised.value
    return found[1], found[2] and (found[2], found[3])


def _where(text: str, lang: str) -> str:
    _, position = _tomllib(text)
    at, end = WHERE[lang]
    return at.format(*position) if position else end


def _error_line(cli, tmp_path, text: str, lang: str):
    path = tmp_path / "compliance.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("check", COMPLIANT, "--config", path, "--lang", lang)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr
    return path, result.stderr.rstrip("\n").splitlines()[-1]


# the line around the reason, by language: Dutch by default, English with --lang en
SAID = {"nl": "Fout: {path}: {where}: geen geldige TOML: {reason}"}
SAID["en"] = "Error: {path}: {where}: not valid TOML: {reason}"


@pytest.mark.parametrize("lang", SAID)
@pytest.mark.parametrize("text, dutch, english", CASES.values(), ids=CASES)
def test_a_broken_config_file_says_where_and_what_to_write(
    cli, tmp_path, text, dutch, english, lang
):
    path, line = _error_line(cli, tmp_path, text, lang)
    reason = dutch if lang == "nl" else english
    assert line == SAID[lang].format(path=path, where=_where(text, lang), reason=reason)


def test_every_phrase_is_met_by_a_case():
    met = {_TOML.explain(_tomllib(text)[0]).key for text, _, _ in CASES.values()}
    assert met == _TOML.keys


def test_a_message_tomllib_may_word_otherwise_is_passed_on_as_it_is():
    assert _TOML.explain("Some new complaint") == "Some new complaint"


def test_a_config_file_that_is_not_utf8_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "compliance.toml"
    path.write_bytes('lang = "nl"\nreference-dir = "Gegevens één"\n'.encode("latin-1"))
    for lang, words in (("nl", "Fout: {}: geen UTF-8-tekst"), ("en", "Error: {}: not UTF-8")):
        result = cli("check", COMPLIANT, "--config", path, "--lang", lang)
        assert result.exit_code == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines()[-1].startswith(words.format(path))


def test_a_number_where_a_choice_is_wanted_is_a_bad_choice_in_dutch(cli, tmp_path):
    path = tmp_path / "compliance.toml"
    path.write_text("lang = 3\n", encoding="utf-8")
    result = cli("check", COMPLIANT, "--config", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Fout: ongeldige waarde voor '--lang': '3' is niet een van 'nl', 'en'"
    )


# (a config file of valid TOML, the key, why its value will not do) -- each of these reached
# the command half-checked and ended in a traceback
WRONG_SHAPES = {
    "number for a path": ("reference-dir = 5\n", "reference-dir", "verwacht een pad, als tekst"
                          " tussen aanhalingstekens"),
    "list for a path": ('waivers = ["a.yaml", "b.yaml"]\n', "waivers", "verwacht een pad, als"
                        " tekst tussen aanhalingstekens"),
    "NUL in a path": ('reference-dir = "duo\\u0000"\n', "reference-dir", "het onzichtbare teken"
                      " '\\x00' mag hier niet staan: haal het weg"),
    "number for a flag": ("quiet = 5\n", "quiet", "verwacht true of false"),
    "numbers for rule ids": ("ignore = [1, 2]\n", "ignore", 'verwacht een tekst of een lijst'
                             ' teksten (["NPO-007", "WDM-*"])'),
    "list for one value": ('lang = ["nl"]\n', "lang", "verwacht één tekst of getal"),
    "true for a number": ("[batch]\njobs = true\n", "jobs", "verwacht één tekst of getal"),
}  # fmt: skip


@pytest.mark.parametrize("text, key, why", WRONG_SHAPES.values(), ids=WRONG_SHAPES)
def test_a_value_of_the_wrong_shape_is_one_line_naming_file_and_key(cli, tmp_path, text, key, why):
    path, line = _error_line(cli, tmp_path, text, "nl")
    assert line == f"Fout: {path}: sleutel {key!r}: {why}"


def test_a_date_needs_no_quotes_and_one_rule_needs_no_list(cli, tmp_path):
    path = tmp_path / "compliance.toml"
    path.write_text('today = 2030-01-01\nselect = "NPO-007"\nformat = "json"\n', encoding="utf-8")
    result = cli("check", SAMPLES / "multi-school-problems.xbrl", "--config", path)
    assert result.exit_code != 2, result.stderr
    assert {finding["rule"] for finding in json.loads(result.stdout)["findings"]} == {"NPO-007"}


def test_a_config_file_nested_thousands_deep_is_refused_in_one_line(cli, tmp_path):
    path, line = _error_line(cli, tmp_path, "ignore = " + "[" * 5000 + "]" * 5000 + "\n", "nl")
    assert line == (
        f"Fout: {path}: te diep genest: meer lijsten of tabellen in elkaar dan zo'n bestand nodig"
        " heeft"
    )


@pytest.mark.parametrize(
    ("section", "batch_says", "check_says"),
    [
        ("[serve]", "Fout: ongeldige waarde voor '--jobs'", "Fout: ongeldige waarde voor"),
        ("[batch]", "Error: invalid value for '--jobs'", "Fout: ongeldige waarde voor"),
        ("", "Error: invalid value for '--jobs'", "Error: invalid value for"),
    ],
)
def test_a_usage_error_is_in_the_language_the_file_gives_that_command(
    cli, tmp_path, section, batch_says, check_says
):
    path = tmp_path / "compliance.toml"
    path.write_text(f'{section}\nlang = "en"\n', encoding="utf-8")
    batch = cli("--config", path, "batch", SAMPLES, "--out", tmp_path / "out", "--jobs", "0")
    check = cli("--config", path, "check", COMPLIANT, "--fail-on", "bogus")
    assert (batch.exit_code, check.exit_code) == (2, 2)
    assert batch.stderr.splitlines()[-1].startswith(batch_says)
    assert check.stderr.splitlines()[-1].startswith(check_says)
