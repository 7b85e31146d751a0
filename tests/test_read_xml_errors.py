"""A file that is not well-formed XML says why in words its filer can act on: in Dutch, what
is wrong and, where it helps, how to write it (a lone ``&`` as ``&amp;``); in English,
libxml2's own message as before. Each case is a mistake a hand-edited, cut-off or
wrongly saved filing makes, made in the compliant sample; every phrase of
read/xml_errors.py is met by one."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES
from lxml import etree

from compliance.read import safety
from compliance.read.xml_errors import _WORDINGS, explain
from compliance.wordings import Phrase

SAMPLE = (SAMPLES / "compliant-one-school.xbrl").read_text(encoding="utf-8")
NAME = '<bp:BoardName contextRef="B">Stichting Openbaar Onderwijs De Eik</bp:BoardName>'
AT = SAMPLE.index(NAME)


def board(written: str) -> str:
    """The sample with its board name written as ``written``."""
    return SAMPLE.replace(NAME, written)


def cut(after: str) -> str:
    """The sample cut off right after the start of the board name, ``after`` included."""
    assert NAME.startswith(after)
    return SAMPLE[: AT + len(after)]


DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
GOOD_DECLARATION = "zo is het goed: " + DECLARATION


def declaration(written: str) -> str:
    """The sample with its XML declaration written as ``written``."""
    assert SAMPLE.startswith(DECLARATION)
    return written + SAMPLE[len(DECLARATION) :]


# (the damaged filing, the Dutch reason after "bronregel N: geen geldige XML: ")
CASES = {
    "lone ampersand": (
        board('<bp:BoardName contextRef="B">Stichting Kind & Wijk</bp:BoardName>'),
        "een losse '&': schrijf een & in tekst als &amp;",
    ),
    "ampersand without semicolon": (
        board('<bp:BoardName contextRef="B">Kind &amp Wijk</bp:BoardName>'),
        "een '&' zonder ';' erna: schrijf een & in tekst als &amp;",
    ),
    "HTML entity": (
        board('<bp:BoardName contextRef="B">Caf&eacute; De Eik</bp:BoardName>'),
        "onbekende entiteit &eacute;: schrijf een & in tekst als &amp;",
    ),
    "less-than in text": (
        board('<bp:BoardName contextRef="B">groep < 3</bp:BoardName>'),
        "ongeldige elementnaam na een '<': schrijf een < in tekst als &lt;",
    ),
    "less-than in an attribute": (
        board('<bp:BoardName contextRef="<B">Eik</bp:BoardName>'),
        "een '<' in een attribuutwaarde: schrijf die als &lt;",
    ),
    "end tag misspelt": (
        board('<bp:BoardName contextRef="B">Eik</bp:BoardNaam>'),
        "de begintag <BoardName> van bronregel 17 wordt gesloten met </BoardNaam>",
    ),
    "end tag without '>'": (
        board('<bp:BoardName contextRef="B">Eik</bp:BoardName'),
        "hier ontbreekt een '>': een tag is niet goed afgesloten",
    ),
    "end tag without a name": (
        board('<bp:BoardName contextRef="B">Eik</bp:>'),
        "ongeldige naam 'bp:' in een tag",
    ),
    "cut off after an element": (
        cut(NAME),
        "het bestand houdt op terwijl <xbrl> van bronregel 2 nog open is: is het afgebroken?",
    ),
    "cut off inside a start tag": (
        cut("<bp:BoardName"),
        "de begintag <BoardName> van bronregel 17 is niet afgesloten met '>'",
    ),
    "cut off inside an attribute value": (
        cut('<bp:BoardName contextRef="B'),
        "een attribuutwaarde is niet afgesloten met een aanhalingsteken",
    ),
    "attribute value without quotes": (
        board("<bp:BoardName contextRef=B>Eik</bp:BoardName>"),
        "een attribuutwaarde staat niet (goed) tussen aanhalingstekens",
    ),
    "attribute without a value": (
        board("<bp:BoardName contextRef>Eik</bp:BoardName>"),
        "attribuut contextRef heeft geen waarde",
    ),
    "attribute without a name": (
        board('<bp:BoardName contextRef="B" ="x">Eik</bp:BoardName>'),
        "ongeldige attribuutnaam in een tag",
    ),
    "attributes run together": (
        board('<bp:BoardName contextRef="B"unitRef="x">Eik</bp:BoardName>'),
        "de attributen van een tag zijn niet goed geschreven",
    ),
    "attribute twice": (
        board('<bp:BoardName contextRef="B" contextRef="B">Eik</bp:BoardName>'),
        "attribuut contextRef staat twee keer in één tag",
    ),
    "undeclared prefix": (
        board('<bq:BoardName contextRef="B">Eik</bq:BoardName>'),
        "voorvoegsel bq van <BoardName> is niet gedeclareerd",
    ),
    "namespace with a space": (
        SAMPLE.replace("/2003/linkbase", "/2003/ linkbase"),
        "de namespace van voorvoegsel link ('http://www.xbrl.org/2003/ linkbase') is geen "
        "geldige URI",
    ),
    "content after the root": (
        SAMPLE + "<bp:BoardName/>",
        "na het einde van het hoofdelement staat nog inhoud",
    ),
    "text before the root": (
        "Bestedingsplan 2023\n" + SAMPLE,
        "het bestand begint niet met een XML-element ('<' ontbreekt)",
    ),
    "control character": (
        board('<bp:BoardName contextRef="B">De\x01Eik</bp:BoardName>'),
        "een teken dat niet in XML mag staan (tekencode 1)",
    ),
    "control character reference": (
        board('<bp:BoardName contextRef="B">De&#1;Eik</bp:BoardName>'),
        "&#1; is een teken dat niet in XML mag staan",
    ),
    "saved as Latin-1": (
        board('<bp:BoardName contextRef="B">Caf\udce9 De Eik</bp:BoardName>'),
        "bytes die niet in de tekenset van het bestand passen: is het in een andere codering "
        "dan UTF-8 opgeslagen?",
    ),
    "NUL byte": (
        board('<bp:BoardName contextRef="B">De\x00Eik</bp:BoardName>'),
        "een teken dat niet in XML mag staan (tekencode 0x0): is het bestand beschadigd?",
    ),
    "control character in an attribute": (
        board('<bp:BoardName contextRef="B\x01">Eik</bp:BoardName>'),
        "een teken dat niet in XML mag staan, in een attribuutwaarde",
    ),
    "character reference beyond Unicode": (
        board('<bp:BoardName contextRef="B">De &#x110000; Eik</bp:BoardName>'),
        "een tekenverwijzing (&#...;) naar een teken dat niet bestaat",
    ),
    "blank line before the XML declaration": (
        "\n" + SAMPLE,
        "de XML-declaratie (<?xml ...?>) staat niet helemaal aan het begin van het bestand",
    ),
    "']]>' in text": (
        board('<bp:BoardName contextRef="B">De ]]> Eik</bp:BoardName>'),
        "']]>' mag niet in tekst staan: schrijf de > daar als &gt;",
    ),
    "'<?' in text": (
        board('<bp:BoardName contextRef="B">De <? Eik</bp:BoardName>'),
        "een '<?' zonder naam erna: schrijf een < in tekst als &lt;",
    ),
    "undeclared prefix of an attribute": (
        board('<bp:BoardName xx:contextRef="B">Eik</bp:BoardName>'),
        "voorvoegsel xx van attribuut contextRef op <BoardName> is niet gedeclareerd",
    ),
    "comment not closed": (
        board("<!-- bestuur " + NAME),
        "een commentaar (<!--) is niet afgesloten met -->",
    ),
    "CDATA not closed": (
        board('<bp:BoardName contextRef="B"><![CDATA[Eik</bp:BoardName>'),
        "een CDATA-sectie is niet afgesloten met ]]>",
    ),
    "declaration value without quotes": (
        declaration('<?xml version=1.0 encoding="UTF-8"?>'),
        "in de XML-declaratie (<?xml ...?>) staat een waarde niet tussen aanhalingstekens; "
        + GOOD_DECLARATION,
    ),
    "declaration value not closed": (
        declaration('<?xml version="1.0 encoding="UTF-8"?>'),
        "in de XML-declaratie (<?xml ...?>) is een waarde niet afgesloten met een "
        "aanhalingsteken; " + GOOD_DECLARATION,
    ),
    "declaration without a version": (
        declaration('<?xml encoding="UTF-8"?>'),
        "de XML-declaratie (<?xml ...?>) noemt geen versie; " + GOOD_DECLARATION,
    ),
    "declaration without '?>'": (
        declaration('<?xml version="1.0" encoding="UTF-8" standalone="yes"'),
        "de XML-declaratie (<?xml ...?>) is niet afgesloten met '?>'",
    ),
    "declaration closed by '>' alone": (
        declaration('<?xml version="1.0" encoding="UTF-8">'),
        "in de XML-declaratie (<?xml ...?>) ontbreekt een spatie, of de '?>' aan het eind; "
        + GOOD_DECLARATION,
    ),
    "declaration without '='": (
        declaration('<?xml version "1.0" encoding="UTF-8"?>'),
        "in de XML-declaratie (<?xml ...?>) ontbreekt een '=' tussen een naam en zijn waarde",
    ),
    "declaration with a wrong standalone": (
        declaration('<?xml version="1.0" encoding="UTF-8" standalone="ja"?>'),
        "standalone in de XML-declaratie (<?xml ...?>) mag alleen 'yes' of 'no' zijn",
    ),
    "'&#' in text": (
        board('<bp:BoardName contextRef="B">Groep &#3 en 4</bp:BoardName>'),
        "een tekenverwijzing (&#...;) zonder geldig tekennummer: schrijf een & in tekst als &amp;",
    ),
    "'&#x' in text": (
        board('<bp:BoardName contextRef="B">De &#xEik</bp:BoardName>'),
        "een tekenverwijzing (&#x...;) zonder geldig tekennummer: schrijf een & in tekst als &amp;",
    ),
    "'<?' and a word in text": (
        board('<bp:BoardName contextRef="B">Wat nu<?Eik</bp:BoardName>'),
        "een '<?Eik' in de tekst: schrijf een < in tekst als &lt;",
    ),
    "'<?' and words in text": (
        board('<bp:BoardName contextRef="B">Wat nu <?De Eik</bp:BoardName>'),
        "een '<?De' wordt nergens afgesloten met '?>': schrijf een < in tekst als &lt;",
    ),
    "'<?' and a name with a colon in text": (
        board('<bp:BoardName contextRef="B">Eik <?bp:x y?></bp:BoardName>'),
        "een '<?bp:x' in de tekst: schrijf een < in tekst als &lt;",
    ),
    "namespace with a quote in it": (
        SAMPLE.replace("http://www.xbrl.org/2003/linkbase", "htt'p://www.xbrl.org/2003/linkbase"),
        "de namespace van voorvoegsel link ('htt'p://www.xbrl.org/2003/linkbase') is geen "
        "geldige URI",
    ),
    "declaration with an encoding cut short": (
        declaration('<?xml version="1.0" encoding="UTF-"?>'),
        "de XML-declaratie noemt een codering die niet te lezen is (UTF-); " + GOOD_DECLARATION,
    ),
    "empty namespace for a prefix": (
        SAMPLE.replace("xmlns:link=", 'xmlns:q="" xmlns:link=', 1),
        'voorvoegsel q is gedeclareerd met een lege namespace (xmlns:q="")',
    ),
}


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")  # \udce9: the byte 0xE9 as it is


def _reason(cli, path, lang: str) -> str:
    done = cli("check", path, "--format", "json", "--lang", lang, "--engine", "python")
    assert done.exit_code == 2, done.stdout
    return json.loads(done.stdout)["error"]


def _libxml(data: bytes) -> tuple[int, str]:
    """The line and message libxml2 gives, parsing as the reader does."""
    with pytest.raises(etree.XMLSyntaxError) as raised:
        etree.fromstring(data, safety._parser())
    return safety._line(raised.value), safety._syntax_message(raised.value)


@pytest.mark.parametrize("damaged, dutch", CASES.values(), ids=CASES)
def test_a_broken_filing_says_in_dutch_what_to_fix(cli, tmp_path, damaged, dutch):
    path = tmp_path / "filing.xbrl"
    path.write_bytes(_bytes(damaged))
    line, _ = _libxml(_bytes(damaged))
    assert _reason(cli, path, "nl") == f"bronregel {line}: geen geldige XML: {dutch}"


@pytest.mark.parametrize("damaged", [case for case, _ in CASES.values()], ids=CASES)
def test_in_english_the_reason_is_libxml2s_own(cli, tmp_path, damaged):
    path = tmp_path / "filing.xbrl"
    path.write_bytes(_bytes(damaged))
    line, message = _libxml(_bytes(damaged))
    if message.startswith("CData section not finished"):
        message = "CData section not finished"  # without the text it quotes
    assert _reason(cli, path, "en") == f"line {line}: not well-formed XML: {message}"


def test_every_phrase_is_met_by_a_case():
    met = {explain(_libxml(_bytes(damaged))[1]).key for damaged, _ in CASES.values()}
    assert met == {key for _, key in _WORDINGS}


def test_a_message_not_known_is_passed_on_as_libxml2_wrote_it(cli, tmp_path):
    assert explain("Some new complaint of libxml2") == "Some new complaint of libxml2"
    assert isinstance(explain("Attribute x redefined"), Phrase)
