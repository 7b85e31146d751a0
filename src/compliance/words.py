"""Every word the product prints outside the rule files, in Dutch and English, in one table.

Why one table: a reader meets the same things (a finding, a filing, a school year) in the
text report, the JSON, the batch's lines and the web page; one table keeps them named alike,
lets a test prove both languages complete, and leaves no ``lang == "nl"`` choice in code.

Conventions (see docs/decisions.md): "regel" is always a rule; a line of the filing's XML is
a "bronregel" (English "line"); a line of an NPO plan is an "interventieregel". Numbers are
written the reader's way: ``say`` groups every ``int`` value (12.345 in Dutch, 12,345 in
English), and words an ``OSError`` value by its errno (``os.ENOENT``: "bestaat niet"), so
that a Dutch sentence does not end in the system's English. A placeholder
``{name|one|many}`` writes the count and the noun in the right form:
``{n|bevinding|bevindingen}`` gives "1 bevinding" and "22 bevindingen".

This module is at the bottom of the layers (read, model, rules, engine, report and batch all
use it) and imports nothing of the package.
"""

from __future__ import annotations

import errno
import re

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

# What the Dutch reasons for a damaged XML declaration end in, and what a '<?' in text is
# told as (libxml2 words it two ways, which English keeps apart).
_AS_IT_SHOULD_BE = 'zo is het goed: <?xml version="1.0" encoding="UTF-8"?>'
_PI_IN_TEXT = "een '<?{name}' in de tekst: schrijf een < in tekst als &lt;"

_NL = {
    # -- values (report/formatting.py) -----------------------------------------------------
    "value.missing": "niet gemeld",
    "value.nil": "leeg (nil)",
    "value.empty": "(leeg)",
    "value.yes": "ja",
    "value.no": "nee",
    "value.hours": "{value} uur",
    "value.days": "{value} dagen",
    "value.amount": "€ {value}",
    "number.thousands": ".",
    "number.decimal": ",",
    "date.format": "%d-%m-%Y",
    # -- severities, as a word and as a counted noun -----------------------------------------
    "severity.error": "fout",
    "severity.violation": "overtreding",
    "severity.warning": "waarschuwing",
    "count.error": "{n|fout|fouten}",
    "count.violation": "{n|overtreding|overtredingen}",
    "count.warning": "{n|waarschuwing|waarschuwingen}",
    "count.finding": "{n|bevinding|bevindingen}",
    "count.filing": "{n|aanlevering|aanleveringen}",
    "count.case": "{n|geval|gevallen}",
    # -- the system's reasons for a failed file operation (say, of an OSError value) -------
    "os.ENOENT": "bestand of map bestaat niet",
    "os.EACCES": "geen toegang (rechten)",
    "os.EPERM": "geen toegang (rechten)",
    "os.EISDIR": "dit is een map, geen bestand",
    "os.ENOTDIR": "een deel van het pad is geen map",
    "os.ENOSPC": "de schijf is vol",
    "os.EDQUOT": "het schijfquotum is op",
    "os.EROFS": "het bestandssysteem is alleen-lezen",
    "os.ELOOP": "te veel symbolische koppelingen na elkaar",
    "os.ENAMETOOLONG": "de naam is te lang",
    "os.EBUSY": "het bestand is in gebruik",
    "os.EADDRINUSE": "die poort is al in gebruik (draait de pagina al?)",
    "os.EADDRNOTAVAIL": "dat adres is niet van deze computer",
    "os.EEXIST": "er staat al een bestand met die naam in de weg",
    "os.EIO": "schrijf- of leesfout van het apparaat",
    "os.EFBIG": "het bestand wordt te groot",
    # -- why a filing could not be read (read/errors.py) -------------------------------------
    "read.at_line": "bronregel {line}: {reason}",
    "read.empty": "leeg bestand",
    "read.cannot_read": "kan het bestand niet lezen: {detail}",
    "read.not_found": "bestand bestaat niet",
    "read.no_permission": "geen leesrechten op dit bestand",
    "read.is_folder": "dit is een map, geen bestand; `compliance batch` controleert een map",
    "read.not_regular": "geen gewoon bestand (maar een pipe, apparaat of iets dergelijks)",
    "read.too_large": "te groot: {size} bytes, de grens is {limit} (--max-bytes)",
    "read.not_xml": "geen geldige XML: {detail}",
    # libxml2's reasons (read/xml_errors.py), for someone who edited or exported the file
    "xml.gt_required": "hier ontbreekt een '>': een tag is niet goed afgesloten",
    "xml.start_unfinished": "de begintag <{tag}> van bronregel {at} is niet afgesloten met '>'",
    "xml.attribute_name": "ongeldige attribuutnaam in een tag",
    "xml.attributes": "de attributen van een tag zijn niet goed geschreven",
    "xml.lt_in_attribute": "een '<' in een attribuutwaarde: schrijf die als &lt;",
    "xml.lone_ampersand": "een losse '&': schrijf een & in tekst als &amp;",
    "xml.entity_semicolon": "een '&' zonder ';' erna: schrijf een & in tekst als &amp;",
    "xml.element_name": "ongeldige elementnaam na een '<': schrijf een < in tekst als &lt;",
    "xml.qname": "ongeldige naam '{name}' in een tag",
    "xml.attribute_quote": "een attribuutwaarde staat niet (goed) tussen aanhalingstekens",
    "xml.attribute_unclosed": "een attribuutwaarde is niet afgesloten met een aanhalingsteken",
    "xml.attribute_value": "attribuut {name} heeft geen waarde",
    "xml.attribute_twice": "attribuut {name} staat twee keer in één tag",
    "xml.tag_mismatch": "de begintag <{opened}> van bronregel {at} wordt gesloten met </{closed}>",
    "xml.premature_end": (
        "het bestand houdt op terwijl <{tag}> van bronregel {at} nog open is: is het afgebroken?"
    ),
    "xml.extra_content": "na het einde van het hoofdelement staat nog inhoud",
    "xml.start_expected": "het bestand begint niet met een XML-element ('<' ontbreekt)",
    "xml.entity_undefined": "onbekende entiteit &{name};: schrijf een & in tekst als &amp;",
    "xml.invalid_char": "een teken dat niet in XML mag staan (tekencode {code})",
    "xml.invalid_reference": "&#{code}; is een teken dat niet in XML mag staan",
    "xml.invalid_bytes": (
        "bytes die niet in de tekenset van het bestand passen: is het in een andere "
        "codering dan UTF-8 opgeslagen?"
    ),
    "xml.prefix_undefined": "voorvoegsel {prefix} van <{element}> is niet gedeclareerd",
    "xml.namespace_uri": "de namespace van voorvoegsel {prefix} ('{uri}') is geen geldige URI",
    "xml.char_out_of_range": (
        "een teken dat niet in XML mag staan (tekencode {char}): is het bestand beschadigd?"
    ),
    "xml.invalid_char_in_attribute": "een teken dat niet in XML mag staan, in een attribuutwaarde",
    "xml.reference_out_of_bounds": "een tekenverwijzing (&#...;) naar een teken dat niet bestaat",
    "xml.declaration_late": (
        "de XML-declaratie (<?xml ...?>) staat niet helemaal aan het begin van het bestand"
    ),
    "xml.cdata_end_in_text": "']]>' mag niet in tekst staan: schrijf de > daar als &gt;",
    "xml.pi_without_name": "een '<?' zonder naam erna: schrijf een < in tekst als &lt;",
    "xml.attribute_prefix_undefined": (
        "voorvoegsel {prefix} van attribuut {attribute} op <{element}> is niet gedeclareerd"
    ),
    "xml.comment_open": "een commentaar (<!--) is niet afgesloten met -->",
    "xml.cdata_open": "een CDATA-sectie is niet afgesloten met ]]>",
    "xml.declaration_quote": (
        "in de XML-declaratie (<?xml ...?>) staat een waarde niet tussen aanhalingstekens; "
        + _AS_IT_SHOULD_BE
    ),
    "xml.declaration_value_open": (
        "in de XML-declaratie (<?xml ...?>) is een waarde niet afgesloten met een "
        "aanhalingsteken; " + _AS_IT_SHOULD_BE
    ),
    "xml.declaration_version": (
        "de XML-declaratie (<?xml ...?>) noemt geen versie; " + _AS_IT_SHOULD_BE
    ),
    "xml.declaration_open": "de XML-declaratie (<?xml ...?>) is niet afgesloten met '?>'",
    "xml.declaration_blank": (
        "in de XML-declaratie (<?xml ...?>) ontbreekt een spatie, of de '?>' aan het eind; "
        + _AS_IT_SHOULD_BE
    ),
    "xml.declaration_equals": (
        "in de XML-declaratie (<?xml ...?>) ontbreekt een '=' tussen een naam en zijn waarde"
    ),
    "xml.declaration_standalone": (
        "standalone in de XML-declaratie (<?xml ...?>) mag alleen 'yes' of 'no' zijn"
    ),
    "xml.decimal_reference": (
        "een tekenverwijzing (&#...;) zonder geldig tekennummer: schrijf een & in tekst als &amp;"
    ),
    "xml.hexadecimal_reference": (
        "een tekenverwijzing (&#x...;) zonder geldig tekennummer: schrijf een & in tekst als &amp;"
    ),
    "xml.pi_space": _PI_IN_TEXT,
    "xml.pi_open": (
        "een '<?{name}' wordt nergens afgesloten met '?>': schrijf een < in tekst als &lt;"
    ),
    "xml.pi_colon": _PI_IN_TEXT,
    "xml.namespace_empty": (
        'voorvoegsel {prefix} is gedeclareerd met een lege namespace (xmlns:{prefix}="")'
    ),
    "xml.encoding_unknown": (
        "de XML-declaratie noemt een codering die niet te lezen is ({encoding}); "
        + _AS_IT_SHOULD_BE
    ),
    "read.unsafe_doctype": (
        "geweigerd als onveilig: een documenttypedeclaratie (DOCTYPE of ENTITY) is niet "
        "toegestaan in een aanlevering"
    ),
    "read.unsafe_encoding": (
        "geweigerd als onveilig: de opgegeven tekenset {encoding} kan opmaak verbergen; "
        "gebruik UTF-8 of UTF-16"
    ),
    "read.encoding_switch": (
        "geweigerd als onveilig: de XML-declaratie noemt tekenset {encoding}, maar het bestand "
        'begint in UTF-8 of ASCII: zet encoding="UTF-8" in de declaratie, of sla het '
        "bestand op in {encoding}"
    ),
    "read.unsafe_xinclude": "geweigerd als onveilig: XInclude is niet toegestaan",
    "read.too_deep": "geweigerd als onveilig: elementen dieper genest dan {limit} niveaus",
    "read.too_many_tags": (
        "te groot opgezet: meer dan {limit} tags (elementen); een aanlevering heeft er "
        "hooguit enkele honderdduizenden"
    ),
    "read.too_many_contexts": "te veel contexten: {count}, de grens is {limit}",
    "read.too_many_facts": "te veel feiten: {count}, de grens is {limit}",
    "read.value_too_long": "waarde te lang: meer dan {limit} tekens in één waarde of attribuut",
    "read.format_pdf": "dit is een PDF-document, geen XBRL-aanlevering",
    "read.format_docx": "dit is een Word-document (.docx, een zip-bestand), geen XBRL-aanlevering",
    "read.format_doc": "dit is een oud Word-document (.doc), geen XBRL-aanlevering",
    "read.format_xlsx": (
        "dit is een Excel-werkmap (.xlsx, een zip-bestand), geen XBRL-aanlevering"
    ),
    "read.format_xls": "dit is een oude Excel-werkmap (.xls), geen XBRL-aanlevering",
    "read.format_pptx": (
        "dit is een PowerPoint-presentatie (.pptx, een zip-bestand), geen XBRL-aanlevering"
    ),
    "read.format_ole": (
        "dit is een oud Office-document (Word, Excel of PowerPoint 97-2003), geen XBRL-aanlevering"
    ),
    "read.format_odt": "dit is een OpenDocument-tekst (.odt), geen XBRL-aanlevering",
    "read.format_ods": "dit is een OpenDocument-rekenblad (.ods), geen XBRL-aanlevering",
    "read.format_rtf": "dit is een RTF-document, geen XBRL-aanlevering",
    "read.format_zip": "dit is een zip-bestand, geen XBRL-aanlevering; pak het eerst uit",
    "read.format_gzip": "dit is een gzip-bestand, geen XBRL-aanlevering; pak het eerst uit",
    "read.format_image": "dit is een afbeelding, geen XBRL-aanlevering",
    "read.not_xbrl": (
        "geen XBRL-instance: het hoofdelement is {root}, verwacht xbrl in "
        "http://www.xbrl.org/2003/instance"
    ),
    "read.root_in_namespace": "{name} in {namespace}",
    "read.root_without_namespace": "{name} zonder namespace",
    # an instance with nothing to judge (model/structure.py): not "voldoet"
    "read.no_facts": (
        "niets te beoordelen: de XBRL-instance bevat geen enkel feit (geen gegevens van "
        "bestuur, school of interventie); is dit het goede bestand?"
    ),
    "read.only_unknown_facts": (
        "niets te beoordelen: de XBRL-instance bevat alleen feiten met begrippen die niet in "
        "de taxonomie bestaan (zoals {concept}); is dit het goede bestand of de goede taxonomie?"
    ),
    # -- the text report (report/text_report.py) ---------------------------------------------
    "text.unreadable": "NIET LEESBAAR",
    "text.failed": "NIET GECONTROLEERD",
    "text.compliant": "voldoet: geen bevindingen",
    "text.board": "bestuur",
    "text.findings": "{count}: {parts}",
    "text.whole_filing": "Hele aanlevering",
    "text.school": "School {school}",
    "text.year": "schooljaar {year}",
    "text.fact": "feit",
    "text.not_reported": "{concept}: niet gemeld",
    "text.at": "context {context}, bronregel {line}",
    "text.line": "interventieregel {line}",
    "text.not_judged": "niet beoordeeld: {rule}: {reason}",
    "text.reference": "referentiegegevens: {names}",
    "text.tool": "compliance {version}, regelset {rule_set}",
    "text.waived": "{n} met ontheffing, niet meegeteld",
    "text.waiver": "ontheffing: {reason} ({by}, tot en met {expires}); telt niet mee",
    "text.expired_waivers": "Verlopen ontheffingen (gelden niet meer):",
    "text.unused_waivers": "Ontheffingen die geen bevinding dekken:",
    "text.waiver_entry": "nr. {entry}",
    "text.waiver_school": "school {school}",
    "text.until": "tot en met {expires}",
    # -- not judged, and reference data (rules/reference.py, cli.py) -------------------------
    "not_judged.no_allowance_list": (
        "geen lijst van scholen met arbeidsmarkttoelage opgegeven (--reference-dir met "
        "arbeidsmarkttoelage.csv)"
    ),
    "reference.missing_file": (
        "{path}: geen {name} in deze map (--reference-dir moet minstens {name} bevatten)"
    ),
    "reference.bad_header": "{path}: bronregel 1: de kop moet 'school_year,brin' zijn",
    "reference.columns": "{path}: bronregel {line}: 2 kolommen verwacht",
    "reference.not_csv": (
        "{path}: bronregel {line}: geen CSV-regel (een cel te lang, of een aanhalingsteken"
        " niet gesloten)"
    ),
    "reference.not_a_year": "{path}: bronregel {line}: {value!r} is geen schooljaar",
    "reference.not_a_brin": "{path}: bronregel {line}: {value!r} is geen BRIN-nummer",
    "reference.field_missing": "{path}: veld '{field}' ontbreekt",
    "reference.doelgebied_missing": (
        "{path}: doelgebied {doelgebied} ontbreekt, maar {rule} leest het"
    ),
    "reference.menukaart_shape": (
        "{path}: heeft niet de vorm van een menukaart (doelgebieden, versions, interventions en"
        " ineffective, zoals in rules/reference/menukaart.yaml)"
    ),
    "reference.unknown_version": "{path}: veld '{field}': {value!r} staat niet onder versions",
    "reference.doelgebied_name": (
        "{path}: veld 'doelgebieden': {value!r} is geen naam voor een doelgebied (letters en"
        " cijfers, zoals A)"
    ),
    "reference.unknown_doelgebied": "{path}: veld '{field}': onbekend doelgebied",
    "reference.not_a_date": "{path}: veld '{field}': {value!r} is geen datum (JJJJ-MM-DD)",
    "reference.menukaart_gap": (
        "{path}: geen menukaartversie is van kracht op {day}, de eerste dag van schooljaar "
        "{year}, dat {rule} beoordeelt; geef een versie met in_force_from op of vóór die dag"
    ),
    # -- rules list / show (report/rules_report.py) ------------------------------------------
    "rules.scheme": "Regeling",
    "rules.types": "Schoolsoorten",
    "rules.period": "Periode",
    "rules.open": "…",
    "rules.judged_when": "Beoordeeld als",
    "rules.always": "altijd",
    "rules.fires": "Bevinding als",
    "rules.severity": "Ernst",
    "rules.from": "vanaf",
    "rules.parameters": "Parameters",
    "rules.in_force": "geldend in",
    "rules.message": "Melding",
    "rules.source": "Bron",
    "rules.fields": "Gegevens",
    "rules.cases": "Gedocumenteerde gevallen",
    "rules.structural": "Gecontroleerd bij het inlezen van de aanlevering",
    "rules.not_in_year": ("Deze regel geldt niet in schooljaar {year} (de regel geldt {period})."),
    "rules.no_value": "geen waarde in {year}",
    "rules.and": "en",
    "rules.or": "of",
    "rules.reported": "{field} is gemeld",
    "rules.not_reported": "{field} is niet gemeld",
    "rules.holds": "{field}",
    "rules.holds_not": "niet: {field}",
    "rules.op_eq": "{field} is {value}",
    "rules.op_ne": "{field} is niet {value}",
    "rules.op_lt": "{field} is minder dan {value}",
    "rules.op_le": "{field} is ten hoogste {value}",
    "rules.op_gt": "{field} is meer dan {value}",
    "rules.op_ge": "{field} is ten minste {value}",
    "rules.source_of": "{title} ({file})",
    "rules.provenance": "herkomst: {source}",
    "rules.no_provenance": "niet vermeld in het bestand",
    "rules.reference": "Referentiegegevens",
    "rules.menukaart": "menukaart ({file})",
    "rules.menukaart_version": "versie {name}, vanaf {day}: {count} interventies",
    "rules.ineffective": "bewezen niet-effectief ({file}): {codes}",
    "rules.allowance_given": (
        "{file} uit --reference-dir: {count|school en schooljaar|scholen en schooljaren}"
    ),
    "rules.allowance_missing": (
        "{file}: niet gegeven (--reference-dir), dus deze regel wordt niet beoordeeld"
    ),
    "rules.allowance_provenance": (
        "de lijst van DUO die de gebruiker geeft; het programma levert er geen mee"
    ),
    # -- the batch (batch/) -------------------------------------------------------------------
    "batch.timeout": "de controle duurde langer dan {seconds} s en is afgebroken (--timeout)",
    "batch.died": "het controleproces stopte onverwacht ({how}) tijdens deze aanlevering",
    "batch.raised": "de controle liep vast op een interne fout: {error}",
    "batch.exit_code": "exitcode {code}",
    "batch.signal": "signaal {name}",
    "batch.counts": (
        "{filings}: {compliant|voldoet|voldoen}, {findings} met bevindingen, "
        "{unreadable} niet leesbaar, {error|fout|fouten}"
    ),
    "batch.reused": "{reused} ongewijzigd uit de vorige run overgenomen (--resume)",
    "batch.interrupted": "onderbroken: {missing} niet gecontroleerd; --resume gaat verder",
    "batch.written": "uitvoer in {out}",
    "batch.out_busy": (
        "een andere batch schrijft al in deze map; wacht tot die klaar is of kies een andere --out"
    ),
    "batch.out_unchanged": "de uitvoer van de vorige run is ongewijzigd",
    "batch.interrupted_early": (
        "onderbroken voordat er iets gecontroleerd was; de uitvoer in {out} is ongewijzigd"
    ),
    "batch.progress": "{done}/{total} {percent}%",
    "batch.progress_rate": "{rate}/s",
    "batch.progress_eta": "nog {eta}",
    "batch.progress_findings": "{findings|bevinding|bevindingen}",
    "batch.progress_unreadable": "{unreadable} onleesbaar",
    "batch.no_inputs": "geen *.xbrl- of *.xml-bestanden in {paths}",
    "batch.no_such_path": "{path}: bestaat niet",
    "batch.folder_not_permitted": (
        "{folder}: geen leesrechten op deze map; de batch is niet begonnen"
    ),
    "csv.waiver": "ontheffing",
    "csv.fingerprint": "vingerafdruk",
    "batch.waived": (
        "{waived|bevinding|bevindingen} met ontheffing (niet meegeteld); "
        "{expired|ontheffing|ontheffingen} verlopen, {unused} zonder bevinding (zie summary.json)"
    ),
    "batch.baseline": (
        "ten opzichte van de vorige run: {new} nieuw, {resolved} opgelost, {unchanged} "
        "ongewijzigd; {boards_missing|bestuur|besturen} niet meer in deze run"
    ),
    # -- waivers files (waivers/loading.py) ---------------------------------------------------
    "waivers.top": "{path}: verwacht één sleutel, 'waivers:', met een lijst ontheffingen",
    "waivers.not_a_list": "{path}: 'waivers:' moet een lijst zijn (elke ontheffing begint met -)",
    "waivers.entry": "{path}: ontheffing {entry} (bronregel {line}): {problem}",
    "waivers.field": "{path}: ontheffing {entry} (bronregel {line}), veld '{field}': {problem}",
    "waivers.not_a_mapping": "verwacht velden (board, reason, granted_by, expires, ...)",
    "waivers.unknown_field": "onbekend veld; de velden zijn {fields}",
    "waivers.twice": "twee keer opgegeven",
    "waivers.not_single": "verwacht één waarde",
    "waivers.required": "verplicht",
    "waivers.board": '{value!r} is geen bestuursnummer, zoals "41234"',
    "waivers.school": "{value!r} is geen BRIN-nummer, zoals 12AB",
    "waivers.school_year": "{value!r} is geen schooljaar zoals 2022-2023",
    "waivers.rule": "{value!r} is geen regel, en geen patroon zoals NPO-* dat een regel treft",
    "waivers.line": "{value!r} is geen interventieregelnummer (1, 2, ...)",
    "waivers.expires": "{value!r} is geen datum (JJJJ-MM-DD), de laatste dag dat ze geldt",
    # -- a file a user names that cannot be read or parsed (toml_errors.py, yaml_errors.py) -
    # any file a user names (a config, waivers, baseline or reference file)
    "file.cannot_read": "{path}: kan niet lezen: {detail}",
    "file.waiting_for_pipe": (
        "{path} is een pipe waar nog niets door komt: wacht tot er iets in geschreven wordt"
        " (Ctrl-C stopt)"
    ),
    "file.not_utf8": "{path}: geen UTF-8-tekst (sla het bestand op als UTF-8)",
    "file.too_deep": (
        "{path}: te diep genest: meer lijsten of tabellen in elkaar dan zo'n bestand nodig heeft"
    ),
    "yaml.syntax": "{path}: bronregel {line}: geen geldige YAML: {detail}",
    "yaml.syntax_anywhere": "{path}: geen geldige YAML: {detail}",
    # the same mistake in a config or a YAML file
    "file.quote_open": (
        "een tekst tussen aanhalingstekens wordt niet gesloten: sluit hem af met het teken"
        " waarmee hij begint (\" of ')"
    ),
    "file.control_character": "het onzichtbare teken {char} mag hier niet staan: haal het weg",
    "file.list_unclosed": (
        "een lijst [ ] wordt niet gesloten, of er ontbreekt een ',' tussen twee waarden"
    ),
    "file.backslash": (
        "een \\ in een tekst tussen dubbele aanhalingstekens: schrijf \\\\, of zet de tekst"
        " tussen enkele aanhalingstekens ('C:\\duo')"
    ),
    # tomllib's reasons (toml_errors.py), for whoever edits compliance.toml
    "toml.at": "bronregel {line}, kolom {column}",
    "toml.at_end": "aan het eind van het bestand",
    "toml.equals_expected": "na een sleutel hoort een '=' (sleutel = waarde)",
    "toml.key_twice": "deze sleutel staat al eerder in het bestand, of in dezelfde [tabel]",
    "toml.table_twice": "de tabel [{table}] staat twee keer in het bestand: voeg ze samen",
    "toml.line_continues": (
        "na de waarde staat nog iets op de bronregel: zet tekst tussen aanhalingstekens, en"
        " commentaar na een #"
    ),
    "toml.invalid_value": (
        "deze waarde is geen tekst, getal, datum of lijst: zet tekst tussen gewone"
        ' aanhalingstekens (lang = "nl", niet “nl”)'
    ),
    "toml.table_unclosed": "een tabelnaam wordt gesloten met ']', zoals in [batch]",
    "toml.table_array_unclosed": "een [[tabel]] wordt gesloten met ']]'",
    "toml.inline_table_unclosed": (
        "een tabel {{ }} wordt niet gesloten op dezelfde bronregel, of er ontbreekt een ','"
    ),
    "toml.invalid_statement": "deze bronregel is geen 'sleutel = waarde' en geen [tabel]",
    "toml.key_start": (
        "een sleutel bestaat uit letters, cijfers, '-' en '_', of staat tussen aanhalingstekens"
    ),
    "toml.invalid_date": "deze datum bestaat niet, of is niet geschreven als JJJJ-MM-DD",
    # PyYAML's reasons (yaml_errors.py), for whoever types a waivers file or a menukaart
    "yaml.indentation": (
        "deze bronregel springt anders in dan die erboven: zet sleutels van één niveau precies"
        " onder elkaar, en elke '-' van één lijst even ver"
    ),
    "yaml.colon_missing": (
        "na een sleutel hoort een ':' (sleutel: waarde); loopt een waarde door op de volgende"
        " bronregel, zet hem dan tussen aanhalingstekens"
    ),
    "yaml.tab": "een tab: spring in met spaties, niet met tabs",
    "yaml.special_start": (
        "een waarde die begint met een teken dat in YAML iets betekent (&, *, !, %, @, ` of ?)"
        " moet tussen aanhalingstekens"
    ),
    "yaml.colon_in_value": (
        "een ': ' midden in een waarde: zet de waarde tussen aanhalingstekens, of spring de"
        " bronregel goed in"
    ),
    "yaml.dash_in_value": (
        "een '-' waar geen lijst kan beginnen: zet een waarde die met '-' begint tussen"
        " aanhalingstekens, of spring de bronregel goed in"
    ),
    "yaml.after_document": (
        "hier gaat het bestand verder na wat YAML als het hele document leest: eindigt de"
        " eerste sleutel op ':', en springen de bronregels eronder in?"
    ),
    "yaml.flow_gap": "een lijst [ ] of tabel {{ }} met een lege plek: er ontbreekt een waarde",
    "yaml.flow_unclosed": (
        "een lijst [ ] of tabel {{ }} wordt niet gesloten: het bestand eindigt erin"
    ),
    "yaml.mapping_unclosed": (
        "een tabel {{ }} wordt niet gesloten, of er ontbreekt een ',' tussen twee waarden"
    ),
    "yaml.block_text": "na een '|' of '>' begint de tekst op de volgende bronregel",
    "yaml.two_documents": (
        "met deze bronregel --- begint een tweede document: zo'n bestand is één document"
    ),
    "yaml.complex_key": "een sleutel die een lijst of tabel is: een sleutel is een tekst",
    "yaml.value_start": "een waarde kan niet beginnen met {found}: zet hem tussen aanhalingstekens",
    # -- compliance diff (report/diff_report.py) ----------------------------------------------
    "diff.against": "Vergeleken met {previous}",
    "diff.board": "bestuur {board}: {new} nieuw, {resolved} opgelost, {unchanged} ongewijzigd",
    "diff.first": " (niet in de vorige run)",
    "diff.new": "nieuw",
    "diff.resolved": "opgelost",
    "diff.school": "school {school}",
    "diff.waived": "met ontheffing",
    "diff.recurring": "eerder ook gevonden, in een ander schooljaar",
    "diff.other_rules": (
        "Let op: de vorige run gebruikte een andere regelset; bevindingen kunnen daardoor "
        "nieuw of opgelost zijn"
    ),
    "diff.missing": (
        "bestuur {board}: niet (leesbaar) in deze run; eerder {findings|bevinding|bevindingen}"
    ),
    "diff.totals": (
        "{boards|bestuur|besturen} met bevindingen: {new} nieuw (waarvan {recurring} eerder "
        "in een ander schooljaar), {resolved} opgelost, "
        "{unchanged} ongewijzigd; {boards_missing|bestuur|besturen} niet in deze run"
    ),
    "baseline.hint": "; geef de --out-map van een eerdere batch",
    "baseline.not_a_result": "{path}: bronregel {line}: geen resultaat van `compliance batch`",
    # -- the command line (cli.py) -------------------------------------------------------------
    "cli.no_rule": "geen regel {rule}; `compliance rules list` toont ze allemaal",
    "cli.not_a_year": "--year {value!r} is geen schooljaar zoals 2022-2023",
    "cli.case_ok": "ok    {rule}  {case}",
    "cli.case_failed": "FOUT  {rule}  {case}: verwacht {expected}, gekregen {got}",
    "cli.cases_pass": "{passed} van {total} gevallen slagen",
    "cases.no_finding": "geen bevinding",
    "cases.on_line": "bevinding op interventieregel {lines}",
    "cases.on_lines": "bevindingen op interventieregels {lines}",
    "cases.with_severity": "{what}, ernst {severity}",
    "cases.unreadable": "niet leesbare aanlevering: {error}",
    "cli.usage": "Gebruik",
    "cli.options": "[OPTIES]",
    "cli.try_help": "Zie '{command}' voor hulp.",
    "cli.extra_argument": "onverwacht extra argument {name}",
    "cli.aborted": "Afgebroken!",
    "cli.error": "Fout",
    "cli.missing_argument": "ontbrekend argument {name}",
    "cli.missing_option": "ontbrekende optie {name}",
    "cli.no_such_option": "onbekende optie {name}",
    "cli.no_such_command": "onbekende opdracht {name}",
    "cli.missing_command": "geef een opdracht: {commands}",
    "cli.bad_value": "ongeldige waarde voor {name}: {value!r}",
    "cli.bad_choice": "ongeldige waarde voor {name}: {value!r} is niet een van {choices}",
    "cli.path_missing": "ongeldige waarde voor {name}: {path} bestaat niet",
    "cli.path_is_file": "ongeldige waarde voor {name}: {path} is een bestand, geen map",
    "cli.path_is_folder": "ongeldige waarde voor {name}: {path} is een map, geen bestand",
    "cli.path_not_readable": "ongeldige waarde voor {name}: {path} is niet leesbaar",
    "cli.path_not_writable": "ongeldige waarde voor {name}: {path} is niet schrijfbaar",
    "cli.out_of_range": "ongeldige waarde voor {name}: {value} ligt niet binnen {range}",
    "cli.not_whole_number": "ongeldige waarde voor {name}: {value!r} is geen geheel getal",
    "cli.not_number": "ongeldige waarde voor {name}: {value!r} is geen getal",
    "cli.not_date": "ongeldige waarde voor {name}: {value!r} is geen datum (JJJJ-MM-DD)",
    "cli.needs_value": "optie {name} heeft een waarde nodig",
    "cli.config_unreadable": "{path}: kan het configuratiebestand niet lezen: {detail}",
    "cli.config_unknown": "{path}: onbekende sleutel {key!r} (bekend: {known})",
    "cli.config_not_toml": "{path}: {where}: geen geldige TOML: {reason}",
    "cli.config_bad": "{path}: sleutel {key!r}: {detail}",
    "engine.rule_refused": (
        "{path}: durable-rules kan de voorwaarde van {rule} niet aan (foutcode {code}: te veel "
        "all/any-groepen of vergelijkingen, genest of naast elkaar); maak de voorwaarde "
        "eenvoudiger, of gebruik --engine python, dat haar wel beoordeelt"
    ),
    "engine.too_many_rules": (
        "{count} regels over {kind}-feiten in één regelboek: op meer dan {limit} loopt "
        "durable-rules vast; gebruik --engine python, dat ze wel beoordeelt"
    ),
    "engine.unavailable": (
        "de durable-rules-engine is hier niet beschikbaar ({detail}); gebruik --engine python, "
        "dat precies hetzelfde oordeelt"
    ),
    "engine.rules_refused": (
        "durable-rules kan de regels van één regelboek samen niet aan (foutcode {code}); "
        "gebruik --engine python, dat ze wel beoordeelt"
    ),
    "config.want_texts": 'verwacht een tekst of een lijst teksten (["NPO-007", "WDM-*"])',
    "config.want_flag": "verwacht true of false",
    "config.want_path": "verwacht een pad, als tekst tussen aanhalingstekens",
    "config.want_one_value": "verwacht één tekst of getal",
    "cli.fail_on": "--fail-on {value!r}: kies error, violation, warning of never",
    "cli.pattern_matches_nothing": "--{option} {pattern}: geen regel heet zo",
    "cli.output_unwritable": "{path}: kan niet schrijven: {detail}",
    "cli.cannot_listen": "kan de pagina niet aanbieden op {host}, poort {port}: {detail}",
    "cli.serving": "De zelfcontrolepagina staat op {url} (Ctrl+C stopt haar)",
    "cli.host_unknown": "kan de pagina niet aanbieden op {host}: die naam of dat adres is onbekend",
    "cli.stdout_unwritable": "kan niet naar de standaarduitvoer schrijven: {detail}",
    "cli.failed": "{name}: {reason}",
    # -- the batch's findings.csv, findings.xlsx and report.html (batch/writers/) -------------
    "csv.board": "bestuursnummer",
    "csv.board_name": "bestuur",
    "csv.school": "school",
    "csv.school_type": "schoolsoort",
    "csv.school_year": "schooljaar",
    "csv.rule": "regel",
    "csv.title": "omschrijving",
    "csv.severity": "ernst",
    "csv.line": "interventieregel",
    "csv.amount": "bedrag",
    "csv.ratio": "verhouding",
    "csv.message": "melding",
    "csv.file": "bestand",
    "report.title": "Batchcontrole bestedingsplannen",
    # where the long words of a table heading (11 letters or more) may break ("-"): a
    # narrow screen then breaks them between syllables, with a hyphen, rather than anywhere;
    # shorter ones are left whole, as the tables have room for them
    "report.break_points": (
        "aan-le-ve-rin-gen be-vin-din-gen ge-pu-bli-ceerd over-tre-ding "
        "pro-fes-si-o-na-li-se-ring sig-naal-waar-de waar-schu-wing"
    ),
    "report.run": "Over deze controle",
    "report.run_date": "Datum van de controle",
    "report.tool_version": "Versie van het programma",
    "report.rule_set": "Regelset",
    "report.reference_file": "Referentiegegevens",
    "report.reference_unknown": "niet vermeld in de resultaten",
    "report.reference_value": "{name} (SHA-256 {sha256})",
    "report.not_judged_value": "{rule}: {reason} ({filings})",
    "report.not_judged": "Niet beoordeeld",
    "report.not_judged_notice": (
        "Let op: {rule} is niet beoordeeld in {filings}: {reason} Geef de echte lijst met "
        "--reference-dir; een voorbeeldlijst telt niet."
    ),
    "report.what": "Wat",
    "report.value": "Waarde",
    "status.compliant": "voldoet",
    "status.findings": "met bevindingen",
    "status.unreadable": "niet leesbaar",
    "status.error": "fout bij controle",
    "status.not_checked": "niet gecontroleerd",
    "report.blocking_filings": "met een fout of overtreding",
    "report.outcomes": "Uitkomst per aanlevering",
    "report.outcome": "Uitkomst",
    "report.count": "Aantal",
    "report.share": "Aandeel",
    "report.school_year": "Schooljaar",
    "report.school_type": "Schoolsoort",
    "report.rule": "Regel",
    "report.rule_title": "Omschrijving",
    "report.plans": "Plannen",
    "report.complying": "Voldoen",
    "report.process": "Naleving procesafspraken per schooljaar",
    "report.process_intro": (
        "Aandeel beoordeelde plannen dat aan de afspraak voldoet, alle schoolsoorten samen."
    ),
    "report.boards": "Besturen",
    "report.published": "Gepubliceerd",
    "report.source": "Bron; jaar; populatie",
    "report.batch": "Deze batch",
    "report.board_shares": "Besturen die de procesafspraken naleven (zoals het ministerie telt)",
    "report.board_shares_intro": (
        "Aandeel besturen van wie alle beoordeelde werkdrukplannen in dat schooljaar aan de "
        "afspraak voldoen, naast het gepubliceerde cijfer."
    ),
    "report.sector": "Sector",
    "report.schools": "Scholen",
    "report.sector_shares": "Instemming MR per sector (zoals het ministerie telt)",
    "report.sector_shares_intro": (
        "Aandeel scholen waarvan het NPO-plan voldoet aan {rule} ({title}), per sector: po = BAO "
        "+ SBO, vo = VO, (v)so = SO + VSO."
    ),
    "report.personnel": "Personeel",
    "report.other": "Overig",
    "report.personnel_share": "Aandeel personeel",
    "report.personnel_split": "Werkdrukmiddelen: personeel tegenover de rest",
    "report.personnel_intro": (
        "Bestede werkdrukmiddelen: personeel tegenover materieel, professionalisering en overig "
        "samen."
    ),
    "report.funds_in_batch": "Ontvangen in deze batch",
    "report.national_amount": "Landelijk bedrag",
    "report.share_of_national": "Deel van landelijk",
    "report.funds_received": "Ontvangen werkdrukmiddelen per schooljaar",
    "report.funds_intro": (
        "Som van de ontvangen werkdrukmiddelen van de beoordeelde plannen, naast het landelijke "
        "bedrag."
    ),
    "report.total_spent": "Totaal besteed",
    "report.spending": "Besteding werkdrukmiddelen per categorie",
    "report.spending_intro": (
        "Verdeling van de bestede werkdrukmiddelen over de vier categorieën, per schooljaar en "
        "schoolsoort."
    ),
    "report.signal": "Signaalwaarde",
    "report.under_signal": "Eronder",
    "report.external": "Externe inhuur NP Onderwijs",
    "report.external_intro": (
        "Aandeel NPO-plannen waarvan het externe deel van de uitgaven aan interventies onder de "
        "signaalwaarde ligt (plannen zonder uitgaven tellen niet mee)."
    ),
    "report.findings": "Bevindingen",
    "report.filings": "Aanleveringen",
    "report.per_rule": "Bevindingen per regel",
    "report.sheet_summary": "Samenvatting",
    "report.sheet_findings": "Bevindingen",
    "report.sheet_boards": "Besturen",
    "boards.board": "bestuursnummer",
    "boards.board_name": "bestuur",
    "boards.file": "bestand",
    "boards.outcome": "uitkomst",
    "boards.schools": "scholen",
    "boards.errors": "fouten",
    "boards.violations": "overtredingen",
    "boards.warnings": "waarschuwingen",
    "boards.findings": "bevindingen",
    "boards.waived": "met ontheffing",
    "page.inputs": "aanleveringen",
    "page.incomplete": (
        "Onderbroken: {n|aanlevering is|aanleveringen zijn} niet gecontroleerd. Draai opnieuw "
        "met --resume om ze toe te voegen."
    ),
    "page.contents": "Inhoud",
    "page.ministry": "Zoals het ministerie telt",
    "page.ministry_intro": (
        "De cijfers van deze batch naast de gepubliceerde cijfers, met bron, jaar en populatie. "
        "Gepubliceerde cijfers komen uit onderzoek en jaarverslagen van alle besturen; een batch "
        "is een deel daarvan."
    ),
    "page.explorer": "Bevindingen per bestuur",
    "page.explorer_intro": (
        "Eén rij per aanlevering met het aantal bevindingen per ernst. Kies filters, zoek op "
        "bestuursnummer of naam, sorteer met de kolomkoppen en open een bestuur voor zijn "
        "bevindingen en de feiten waarop ze berusten."
    ),
    "page.filters": "Filters",
    "page.filter_rule": "Regel",
    "page.filter_severity": "Ernst",
    "page.filter_year": "Schooljaar",
    "page.filter_type": "Schoolsoort",
    "page.all_rule": "alle regels",
    "page.all_severity": "alle",
    "page.all_year": "alle",
    "page.all_type": "alle",
    "page.search": "Zoek bestuur",
    "page.search_hint": "nummer of naam",
    "page.reset": "Wis filters",
    "page.board_number": "Nummer",
    "page.board_name": "Naam",
    "page.shown": "{boards} van {all} besturen · {findings}",
    "page.finding_one": "1 bevinding",
    "page.finding_many": "{n} bevindingen",
    "page.page": "pagina {page} van {pages}",
    "page.previous": "Vorige",
    "page.next": "Volgende",
    "page.open": "Bevindingen van bestuur {board} tonen",
    "page.none_found": "Geen bestuur past bij deze filters.",
    "page.no_findings": "Geen bevindingen.",
    "page.school": "school",
    "page.line": "interventieregel",
    "page.file": "Bestand",
    "page.facts": "Feiten",
    "page.source_line": "bronregel",
    "page.not_reported": "niet gemeld",
    "page.nil": "leeg (nil)",
    "page.noscript": (
        "De verkenner heeft JavaScript nodig; de tabellen hieronder en findings.xlsx bevatten "
        "dezelfde bevindingen."
    ),
    "page.show_boards": "besturen met bevindingen voor {rule} tonen",
    "page.problems": "Niet leesbaar of niet gecontroleerd",
    "page.source_short": "Bron",
    "page.more_boards": "en nog {n|bestuur|besturen}: zie findings.xlsx of summary.json",
    "report.waived": "Met ontheffing",
    "report.waived_filings": "bevindingen met ontheffing (tellen niet mee)",
    "report.waivers": "Ontheffingen",
    "report.waivers_intro": (
        "Bevindingen die een ontheffing dekt, worden getoond maar tellen niet mee. Verlopen "
        "ontheffingen gelden niet meer; ontheffingen zonder bevinding dekten niets in deze "
        "batch."
    ),
    "report.waivers_file": "Bestand met ontheffingen",
    "report.waivers_today": "Geldig op",
    "report.waivers_entries": "Ontheffingen in het bestand",
    "report.expired": "verlopen",
    "report.unused": "zonder bevinding",
    "report.waiver_entry": "Ontheffing {entry}",
    "report.baseline": "Vergeleken met de vorige run",
    "report.baseline_intro": (
        "Per bestuur de bevindingen die nieuw zijn, opgelost of ongewijzigd ten opzichte van de "
        "vorige run, op vingerafdruk."
    ),
    "report.previous": "Vorige run",
    "report.new": "Nieuw",
    "report.resolved": "Opgelost",
    "report.unchanged": "Ongewijzigd",
    "report.boards_missing": "Besturen niet meer in deze run",
    "report.board": "Bestuur",
    "page.waived_col": "Ontheffing",
    "page.waived_by": "ontheffing",
    "page.new_col": "Nieuw",
    "page.new_tag": "nieuw",
    "page.filter_change": "Vorige run",
    "page.all_change": "alle",
    "page.change_new": "nieuw",
    "page.change_unchanged": "ongewijzigd",
    "page.problems_none": "Alle aanleveringen zijn gelezen en gecontroleerd.",
    "page.reason": "Reden",
    "page.no_rows": "Niets te tonen in deze batch.",
    "page.axis_share": "aandeel",
    "page.markers": "Stippen: deze batch.",
    "page.markers_published": "Stippen: deze batch; open vierkantjes, gestippeld: gepubliceerd.",
    "page.axis_zoom": (
        "De as begint bij {low}, niet bij 0%: hij loopt van net onder het laagste cijfer "
        "tot 100%, zodat verschillen zichtbaar zijn."
    ),
    "report.locale": "nl-NL",
    # -- the web server's pages and API (web/) ---------------------------------------------
    "web.site": "Zelfcontrole bestedingsplannen",
    "web.skip": "Naar de inhoud",
    "web.nav": "Hoofdmenu",
    "web.nav_check": "Bestand controleren",
    "web.nav_rules": "Regels",
    "web.switch": "English",
    "web.switch_label": "Switch to English",
    "web.upload_title": "Controleer uw bestedingsplan voordat u het indient",
    "web.upload_intro": (
        "Kies het XBRL-bestand met de bestedingsplannen van uw bestuur. U ziet direct per "
        "school en schooljaar wat niet klopt en wat u eraan kunt doen."
    ),
    "web.file_label": "XBRL-bestand (.xbrl of .xml)",
    "web.drop_hint": "U kunt het bestand ook hierheen slepen",
    "web.chosen": "Gekozen bestand: {name}",
    "web.submit": "Controleren",
    "web.privacy": (
        "Uw bestand wordt alleen voor deze controle gebruikt: het wordt niet bewaard en "
        "de inhoud wordt niet vastgelegd."
    ),
    "web.limit": "Maximaal {size}.",
    "web.result_title": "Uitkomst van de controle",
    "web.file": "Bestand",
    "web.board": "Bestuur",
    "web.checked": "Gecontroleerd met regelset {rule_set}",
    "web.compliant": "Voldoet: er zijn geen bevindingen.",
    "web.summary": "{count}: {parts}.",
    "web.severity_error": "Fout",
    "web.severity_violation": "Overtreding",
    "web.severity_warning": "Waarschuwing",
    "web.whole_filing": "Hele aanlevering",
    "web.school": "School {school}",
    "web.year": "schooljaar {year}",
    "web.line": "interventieregel {line}",
    "web.what_wrong": "Wat is er aan de hand",
    "web.what_do": "Wat kunt u doen",
    "web.facts": "Gegevens in uw bestand",
    "web.concept": "Gegeven",
    "web.value": "Waarde",
    "web.where": "Waar",
    "web.at": "context {context}, bronregel {line}",
    "web.not_reported": "niet gemeld",
    "web.nil": "leeg (nil)",
    "web.rule_link": "Over regel {rule}: {title}",
    "web.again": "Nog een bestand controleren",
    "web.print": "Druk deze pagina af of bewaar hem als PDF via het afdrukmenu van uw browser.",
    "web.unreadable_title": "Het bestand kon niet worden gelezen",
    "web.unreadable_what": "Wat kunt u doen",
    "web.unreadable_do": (
        "Controleer of u het XBRL-bestand uit uw administratiepakket heeft gekozen (niet "
        "een PDF of Word-bestand) en of het volledig is. Vraag zo nodig uw leverancier om "
        "een nieuw bestand."
    ),
    "web.refused_title": "Het bestand is niet gecontroleerd",
    "web.too_large": "Het bestand is groter dan {size}; dat is meer dan een aanlevering kan zijn.",
    "web.media_type": "Dit soort bestand ({media_type}) kan niet worden gecontroleerd.",
    "web.no_file": "Er is geen bestand meegestuurd. Kies eerst een bestand.",
    "web.timeout": "De controle duurde langer dan {seconds} seconden en is afgebroken.",
    "web.busy": "De server is nu te druk. Probeer het over een minuut opnieuw.",
    "web.failed": "De controle liep vast op een interne fout. Probeer het later opnieuw.",
    "web.not_found": "Deze pagina bestaat niet.",
    "web.rules_title": "De regels",
    "web.rules_intro": "Elke regel waarop een bestedingsplan wordt gecontroleerd.",
    "web.rule": "Regel",
    "web.title": "Omschrijving",
    "web.severity": "Ernst",
    "web.scheme": "Regeling",
    "web.structural": "Controle bij het inlezen van de aanlevering",
    "web.types": "Schoolsoorten",
    "web.period": "Periode",
    "web.from_to": "{first} tot en met {last}",
    "web.from_on": "vanaf {first}",
    "web.judged_when": "Beoordeeld als",
    "web.always": "altijd",
    "web.fires": "Bevinding als",
    "web.explanation": "Uitleg",
    "web.message": "Zo luidt de melding",
    "web.message_example": "Zo luidt de melding, bijvoorbeeld bij het gedocumenteerde geval",
    "web.message_template": "De melding zoals de regel haar schrijft, met haar invulvelden",
    "web.since": "vanaf {day}",
    "web.parameters": "Grenswaarden per schooljaar",
    "web.parameter": "Grenswaarde",
    "web.provenance": "Herkomst",
    "web.period_provenance": "Herkomst van de periode",
    "web.reference": "Referentiegegevens",
    "web.show_interventions": "De {count} interventies",
    "web.code": "Code",
    "web.intervention": "Interventie",
    "web.doelgebied": "Doelgebied",
    "web.school_year": "Schooljaar",
    "web.source": "Bron",
    "web.examples": "Voorbeelden uit de gedocumenteerde gevallen",
    "web.example_fires": "bevinding",
    "web.example_fires_n": "{n} bevindingen",
    "web.example_quiet": "geen bevinding",
    "web.example_lines": "bevinding op interventieregel {lines}",
    "web.example_facts": "Gegevens",
    "web.school_type": "schoolsoort {type}",
    "web.no_advice": (
        "Pas het gegeven in uw administratie aan of leg de afwijking uit in uw "
        "verantwoording, en maak daarna een nieuw bestand."
    ),
    "web.footer": "Voor softwareleveranciers: de API is beschreven in",
}

_EN = {
    "value.missing": "not reported",
    "value.nil": "empty (nil)",
    "value.empty": "(empty)",
    "value.yes": "yes",
    "value.no": "no",
    "value.hours": "{value} hours",
    "value.days": "{value} days",
    "value.amount": "€{value}",
    "number.thousands": ",",
    "number.decimal": ".",
    "date.format": "%Y-%m-%d",
    "severity.error": "error",
    "severity.violation": "violation",
    "severity.warning": "warning",
    "count.error": "{n|error|errors}",
    "count.violation": "{n|violation|violations}",
    "count.warning": "{n|warning|warnings}",
    "count.finding": "{n|finding|findings}",
    "count.filing": "{n|filing|filings}",
    "count.case": "{n|case|cases}",
    # -- the system's reasons for a failed file operation (say, of an OSError value) -------
    "os.ENOENT": "no such file or folder",
    "os.EACCES": "permission denied",
    "os.EPERM": "permission denied",
    "os.EISDIR": "is a folder, not a file",
    "os.ENOTDIR": "a part of the path is not a folder",
    "os.ENOSPC": "no space left on the disk",
    "os.EDQUOT": "disk quota exceeded",
    "os.EROFS": "read-only file system",
    "os.ELOOP": "too many symbolic links in a row",
    "os.ENAMETOOLONG": "the name is too long",
    "os.EBUSY": "the file is in use",
    "os.EEXIST": "a file of that name is in the way",
    "os.EIO": "input/output error of the device",
    "os.EADDRINUSE": "that port is in use already (is the page running?)",
    "os.EADDRNOTAVAIL": "that address is not this computer's",
    "os.EFBIG": "the file grows too large",
    "read.at_line": "line {line}: {reason}",
    "read.empty": "empty file",
    "read.cannot_read": "cannot read the file: {detail}",
    "read.not_found": "no such file",
    "read.no_permission": "no permission to read this file",
    "read.is_folder": "this is a folder, not a file; `compliance batch` checks a folder",
    "read.not_regular": "not a regular file (a pipe, a device or the like)",
    "read.too_large": "too large: {size} bytes, the limit is {limit} (--max-bytes)",
    "read.not_xml": "not well-formed XML: {detail}",
    # libxml2's reasons (read/xml_errors.py), in libxml2's own words
    "xml.gt_required": "expected '>'",
    "xml.start_unfinished": "Couldn't find end of Start Tag {tag} line {at}",
    "xml.attribute_name": "error parsing attribute name",
    "xml.attributes": "attributes construct error",
    "xml.lt_in_attribute": "Unescaped '<' not allowed in attributes values",
    "xml.lone_ampersand": "xmlParseEntityRef: no name",
    "xml.entity_semicolon": "EntityRef: expecting ';'",
    "xml.element_name": "StartTag: invalid element name",
    "xml.qname": "Failed to parse QName '{name}'",
    "xml.attribute_quote": "AttValue: \" or ' expected",
    "xml.attribute_unclosed": "AttValue: ' expected",
    "xml.attribute_value": "Specification mandates value for attribute {name}",
    "xml.attribute_twice": "Attribute {name} redefined",
    "xml.tag_mismatch": "Opening and ending tag mismatch: {opened} line {at} and {closed}",
    "xml.premature_end": "Premature end of data in tag {tag} line {at}",
    "xml.extra_content": "Extra content at the end of the document",
    "xml.start_expected": "Start tag expected, '<' not found",
    "xml.entity_undefined": "Entity '{name}' not defined",
    "xml.invalid_char": "PCDATA invalid Char value {code}",
    "xml.invalid_reference": "xmlParseCharRef: invalid xmlChar value {code}",
    "xml.invalid_bytes": "Invalid bytes in character encoding",
    "xml.prefix_undefined": "Namespace prefix {prefix} on {element} is not defined",
    "xml.namespace_uri": "xmlns:{prefix}: '{uri}' is not a valid URI",
    "xml.char_out_of_range": "Invalid character: Char {char} out of allowed range",
    "xml.invalid_char_in_attribute": "invalid character in attribute value",
    "xml.reference_out_of_bounds": "xmlParseCharRef: character reference out of bounds",
    "xml.declaration_late": "XML declaration allowed only at the start of the document",
    "xml.cdata_end_in_text": "Sequence ']]>' not allowed in content",
    "xml.pi_without_name": "xmlParsePI : no target name",
    "xml.attribute_prefix_undefined": (
        "Namespace prefix {prefix} for {attribute} on {element} is not defined"
    ),
    "xml.comment_open": "Comment not terminated",
    "xml.cdata_open": "CData section not finished",
    "xml.declaration_quote": "String not started expecting ' or \"",
    "xml.declaration_value_open": "String not closed expecting \" or '",
    "xml.declaration_version": "Malformed declaration expecting version",
    "xml.declaration_open": "parsing XML declaration: '?>' expected",
    "xml.declaration_blank": "Blank needed here",
    "xml.declaration_equals": "expected '='",
    "xml.declaration_standalone": "standalone accepts only 'yes' or 'no'",
    "xml.decimal_reference": "CharRef: invalid decimal value",
    "xml.hexadecimal_reference": "CharRef: invalid hexadecimal value",
    "xml.pi_space": "ParsePI: PI {name} space expected",
    "xml.pi_open": "ParsePI: PI {name} never end ...",
    "xml.pi_colon": "colons are forbidden from PI names '{name}'",
    "xml.namespace_empty": "xmlns:{prefix}: Empty XML namespace is not allowed",
    "xml.encoding_unknown": "Unsupported encoding: {encoding}",
    "read.unsafe_doctype": (
        "refused as unsafe: a document type declaration (DOCTYPE or ENTITY) is not allowed "
        "in a filing"
    ),
    "read.unsafe_encoding": (
        "refused as unsafe: the declared encoding {encoding} can hide markup; use UTF-8 or UTF-16"
    ),
    "read.encoding_switch": (
        "refused as unsafe: the XML declaration names encoding {encoding}, but the file starts "
        'in UTF-8 or ASCII: put encoding="UTF-8" in the declaration, or save the file in '
        "{encoding}"
    ),
    "read.unsafe_xinclude": "refused as unsafe: XInclude is not allowed",
    "read.too_deep": "refused as unsafe: elements nested deeper than {limit} levels",
    "read.too_many_tags": (
        "too big a structure: more than {limit} tags (elements); a filing has a few hundred "
        "thousand at most"
    ),
    "read.too_many_contexts": "too many contexts: {count}, the limit is {limit}",
    "read.too_many_facts": "too many facts: {count}, the limit is {limit}",
    "read.value_too_long": "value too long: more than {limit} characters in one value or attribute",
    "read.format_pdf": "this is a PDF document, not an XBRL filing",
    "read.format_docx": "this is a Word document (.docx, a zip), not an XBRL filing",
    "read.format_doc": "this is an old Word document (.doc), not an XBRL filing",
    "read.format_xlsx": "this is an Excel workbook (.xlsx, a zip), not an XBRL filing",
    "read.format_xls": "this is an old Excel workbook (.xls), not an XBRL filing",
    "read.format_pptx": "this is a PowerPoint presentation (.pptx, a zip), not an XBRL filing",
    "read.format_ole": (
        "this is an old Office document (Word, Excel or PowerPoint 97-2003), not an XBRL filing"
    ),
    "read.format_odt": "this is an OpenDocument text (.odt), not an XBRL filing",
    "read.format_ods": "this is an OpenDocument spreadsheet (.ods), not an XBRL filing",
    "read.format_rtf": "this is an RTF document, not an XBRL filing",
    "read.format_zip": "this is a zip archive, not an XBRL filing; unpack it first",
    "read.format_gzip": "this is a gzip file, not an XBRL filing; unpack it first",
    "read.format_image": "this is an image, not an XBRL filing",
    "read.not_xbrl": (
        "not an XBRL instance: the root element is {root}, expected xbrl in "
        "http://www.xbrl.org/2003/instance"
    ),
    "read.root_in_namespace": "{name} in {namespace}",
    "read.root_without_namespace": "{name} (no namespace)",
    "read.no_facts": (
        "nothing to judge: the XBRL instance holds no facts at all (no board, school or "
        "intervention data); is this the right file?"
    ),
    "read.only_unknown_facts": (
        "nothing to judge: the XBRL instance holds only facts of concepts the taxonomy does "
        "not have (such as {concept}); is this the right file, and the right taxonomy?"
    ),
    "text.unreadable": "UNREADABLE",
    "text.failed": "NOT CHECKED",
    "text.compliant": "complies: no findings",
    "text.board": "board",
    "text.findings": "{count}: {parts}",
    "text.whole_filing": "Whole filing",
    "text.school": "School {school}",
    "text.year": "school year {year}",
    "text.fact": "fact",
    "text.not_reported": "{concept}: not reported",
    "text.at": "context {context}, line {line}",
    "text.line": "intervention line {line}",
    "text.not_judged": "not judged: {rule}: {reason}",
    "text.reference": "reference data: {names}",
    "text.tool": "compliance {version}, rule set {rule_set}",
    "text.waived": "{n} waived, not counted",
    "text.waiver": "waived: {reason} ({by}, until {expires}); not counted",
    "text.expired_waivers": "Expired waivers (no longer applied):",
    "text.unused_waivers": "Waivers that cover no finding:",
    "text.waiver_entry": "no. {entry}",
    "text.waiver_school": "school {school}",
    "text.until": "until {expires}",
    "not_judged.no_allowance_list": (
        "no list of schools with the labour-market allowance given (--reference-dir with "
        "arbeidsmarkttoelage.csv)"
    ),
    "reference.missing_file": (
        "{path}: no {name} in this folder (--reference-dir must hold at least {name})"
    ),
    "reference.bad_header": "{path}: line 1: the header must be 'school_year,brin'",
    "reference.columns": "{path}: line {line}: expected 2 columns",
    "reference.not_csv": (
        "{path}: line {line}: not a CSV line (a cell too long, or a quote left open)"
    ),
    "reference.not_a_year": "{path}: line {line}: {value!r} is not a school year",
    "reference.not_a_brin": "{path}: line {line}: {value!r} is not a BRIN",
    "reference.field_missing": "{path}: field '{field}' is missing",
    "reference.doelgebied_missing": (
        "{path}: doelgebied {doelgebied} is missing, but {rule} reads it"
    ),
    "reference.menukaart_shape": (
        "{path}: not shaped as a menukaart (doelgebieden, versions, interventions and"
        " ineffective, as in rules/reference/menukaart.yaml)"
    ),
    "reference.unknown_version": "{path}: field '{field}': {value!r} is not under versions",
    "reference.doelgebied_name": (
        "{path}: field 'doelgebieden': {value!r} is not a name for a doelgebied (letters and"
        " digits, as A)"
    ),
    "reference.unknown_doelgebied": "{path}: field '{field}': unknown doelgebied",
    "reference.not_a_date": "{path}: field '{field}': {value!r} is not a date (YYYY-MM-DD)",
    "reference.menukaart_gap": (
        "{path}: no menukaart version is in force on {day}, the first day of school year "
        "{year}, which {rule} judges; give a version with in_force_from on or before that day"
    ),
    "rules.scheme": "Scheme",
    "rules.types": "School types",
    "rules.period": "Period",
    "rules.open": "…",
    "rules.judged_when": "Judged when",
    "rules.always": "always",
    "rules.fires": "Finding when",
    "rules.severity": "Severity",
    "rules.from": "from",
    "rules.parameters": "Parameters",
    "rules.in_force": "in force in",
    "rules.message": "Message",
    "rules.source": "Source",
    "rules.fields": "Fields",
    "rules.cases": "Documented cases",
    "rules.structural": "Checked while reading the filing",
    "rules.not_in_year": "This rule does not apply in school year {year} (it applies {period}).",
    "rules.no_value": "no value in {year}",
    "rules.and": "and",
    "rules.or": "or",
    "rules.reported": "{field} is reported",
    "rules.not_reported": "{field} is not reported",
    "rules.holds": "{field}",
    "rules.holds_not": "not: {field}",
    "rules.op_eq": "{field} is {value}",
    "rules.op_ne": "{field} is not {value}",
    "rules.op_lt": "{field} is less than {value}",
    "rules.op_le": "{field} is at most {value}",
    "rules.op_gt": "{field} is more than {value}",
    "rules.op_ge": "{field} is at least {value}",
    "rules.source_of": "{title} ({file})",
    "rules.provenance": "provenance: {source}",
    "rules.no_provenance": "not stated in the file",
    "rules.reference": "Reference data",
    "rules.menukaart": "menukaart ({file})",
    "rules.menukaart_version": "version {name}, from {day}: {count} interventions",
    "rules.ineffective": "proven ineffective ({file}): {codes}",
    "rules.allowance_given": (
        "{file} from --reference-dir: {count|school and year|schools and years}"
    ),
    "rules.allowance_missing": "{file}: not given (--reference-dir), so this rule is not judged",
    "rules.allowance_provenance": "DUO's list, given by the user; the tool ships none",
    "batch.timeout": "checking took longer than {seconds} s and was stopped (--timeout)",
    "batch.died": "the worker process died ({how}) while checking this filing",
    "batch.raised": "the check failed with an internal error: {error}",
    "batch.exit_code": "exit code {code}",
    "batch.signal": "signal {name}",
    "batch.counts": (
        "{filings}: {compliant} compliant, {findings} with findings, "
        "{unreadable} unreadable, {error|error|errors}"
    ),
    "batch.reused": "{reused} unchanged, taken over from the previous run (--resume)",
    "batch.interrupted": "interrupted: {missing} not checked; --resume carries on",
    "batch.written": "outputs in {out}",
    "batch.out_busy": (
        "another batch is writing to this folder; wait for it to finish or choose another --out"
    ),
    "batch.out_unchanged": "the previous run's outputs are unchanged",
    "batch.interrupted_early": (
        "interrupted before anything was checked; the outputs in {out} are unchanged"
    ),
    "batch.progress": "{done}/{total} {percent}%",
    "batch.progress_rate": "{rate}/s",
    "batch.progress_eta": "{eta} left",
    "batch.progress_findings": "{findings|finding|findings}",
    "batch.progress_unreadable": "{unreadable} unreadable",
    "batch.no_inputs": "no *.xbrl or *.xml filings in {paths}",
    "batch.no_such_path": "{path}: no such file or folder",
    "batch.folder_not_permitted": (
        "{folder}: no permission to read this folder; the batch did not start"
    ),
    "csv.waiver": "waiver",
    "csv.fingerprint": "fingerprint",
    "batch.waived": (
        "{waived|finding|findings} waived (not counted); "
        "{expired|waiver|waivers} expired, {unused} covering no finding (see summary.json)"
    ),
    "batch.baseline": (
        "against the earlier run: {new} new, {resolved} resolved, {unchanged} unchanged; "
        "{boards_missing|board|boards} no longer in this run"
    ),
    "waivers.top": "{path}: expected one key, 'waivers:', holding a list of waivers",
    "waivers.not_a_list": "{path}: 'waivers:' must be a list (each waiver starting with -)",
    "waivers.entry": "{path}: entry {entry} (line {line}): {problem}",
    "waivers.field": "{path}: entry {entry} (line {line}), field '{field}': {problem}",
    "waivers.not_a_mapping": "expected fields (board, reason, granted_by, expires, ...)",
    "waivers.unknown_field": "unknown field; the fields are {fields}",
    "waivers.twice": "given twice",
    "waivers.not_single": "expected a single value",
    "waivers.required": "required",
    "waivers.board": '{value!r} is not a board number (bestuursnummer), such as "41234"',
    "waivers.school": "{value!r} is not a school (BRIN), such as 12AB",
    "waivers.school_year": "{value!r} is not a school year such as 2022-2023",
    "waivers.rule": "{value!r} is no rule, nor a pattern such as NPO-* matching one",
    "waivers.line": "{value!r} is not an intervention line number (1, 2, ...)",
    "waivers.expires": "{value!r} is not a date (YYYY-MM-DD), the last day it applies",
    # -- a file a user names that cannot be read or parsed (toml_errors.py, yaml_errors.py) -
    # any file a user names (a config, waivers, baseline or reference file)
    "file.cannot_read": "{path}: cannot read: {detail}",
    "file.waiting_for_pipe": (
        "{path} is a pipe nothing has come through yet: waiting for something to be written"
        " to it (Ctrl-C stops)"
    ),
    "file.not_utf8": "{path}: not UTF-8 text (save the file as UTF-8)",
    "file.too_deep": (
        "{path}: nested too deep: more lists or tables inside each other than such a file needs"
    ),
    "yaml.syntax": "{path}: line {line}: not valid YAML: {detail}",
    "yaml.syntax_anywhere": "{path}: not valid YAML: {detail}",
    # the same mistake in a config or a YAML file
    "file.quote_open": (
        "a quoted text is not closed: end it with the quote it starts with (\" or ')"
    ),
    "file.control_character": "the invisible character {char} is not allowed here: remove it",
    "file.list_unclosed": "a list [ ] is not closed, or a ',' is missing between two values",
    "file.backslash": (
        "a \\ in a double-quoted text: write \\\\, or use single quotes ('C:\\duo')"
    ),
    # tomllib's reasons (toml_errors.py), for whoever edits compliance.toml
    "toml.at": "line {line}, column {column}",
    "toml.at_end": "at the end of the file",
    "toml.equals_expected": "a key must be followed by '=' (key = value)",
    "toml.key_twice": "this key was given before, in the file or in the same [table]",
    "toml.table_twice": "the table [{table}] appears twice in the file: merge the two",
    "toml.line_continues": (
        "something follows the value on this line: put text in quotes, and comments after a #"
    ),
    "toml.invalid_value": (
        "this value is not text, a number, a date or a list: put text in straight quotes"
        ' (lang = "en", not “en”)'
    ),
    "toml.table_unclosed": "a table name is closed with ']', as in [batch]",
    "toml.table_array_unclosed": "an [[array of tables]] is closed with ']]'",
    "toml.inline_table_unclosed": (
        "an inline table {{ }} is not closed on its line, or a ',' is missing"
    ),
    "toml.invalid_statement": "this line is neither 'key = value' nor a [table]",
    "toml.key_start": "a key is made of letters, digits, '-' and '_', or is quoted",
    "toml.invalid_date": "this date does not exist, or is not written YYYY-MM-DD",
    # PyYAML's reasons (yaml_errors.py), for whoever types a waivers file or a menukaart
    "yaml.indentation": (
        "this line is indented otherwise than the ones above: line up the keys of one level"
        " exactly, and every '-' of one list equally far"
    ),
    "yaml.colon_missing": (
        "a key must be followed by ':' (key: value); a value that goes on to the next line"
        " needs quotes"
    ),
    "yaml.tab": "a tab: indent with spaces, not tabs",
    "yaml.special_start": (
        "a value starting with a character that means something in YAML (&, *, !, %, @, ` or ?)"
        " must be quoted"
    ),
    "yaml.colon_in_value": (
        "a ': ' inside a value: put the value in quotes, or fix the line's indentation"
    ),
    "yaml.dash_in_value": (
        "a '-' where no list can start: quote a value that starts with '-', or fix the line's"
        " indentation"
    ),
    "yaml.after_document": (
        "the file goes on after what YAML reads as the whole document: does the first key end"
        " in ':', with the lines below it indented?"
    ),
    "yaml.flow_gap": "a list [ ] or mapping {{ }} with a gap: a value is missing",
    "yaml.flow_unclosed": "a list [ ] or mapping {{ }} is not closed: the file ends inside it",
    "yaml.mapping_unclosed": (
        "a mapping {{ }} is not closed, or a ',' is missing between two values"
    ),
    "yaml.block_text": "after '|' or '>', the text starts on the next line",
    "yaml.two_documents": "this line --- starts a second document: such a file is one",
    "yaml.complex_key": "a key that is a list or mapping: a key is a text",
    "yaml.value_start": "a value cannot start with {found}: put it in quotes",
    "diff.against": "Compared with {previous}",
    "diff.board": "board {board}: {new} new, {resolved} resolved, {unchanged} unchanged",
    "diff.first": " (not in the earlier run)",
    "diff.new": "new",
    "diff.resolved": "resolved",
    "diff.school": "school {school}",
    "diff.waived": "waived",
    "diff.recurring": "found before too, in another school year",
    "diff.other_rules": (
        "Note: the earlier run used another rule set; findings may be new or resolved "
        "because of that"
    ),
    "diff.missing": (
        "board {board}: not in this run (or unreadable); {findings|finding|findings} before"
    ),
    "diff.totals": (
        "{boards|board|boards} with findings: {new} new ({recurring} of them found before in "
        "another school year), {resolved} resolved, "
        "{unchanged} unchanged; {boards_missing|board|boards} not in this run"
    ),
    "baseline.hint": "; give the --out folder of an earlier batch",
    "baseline.not_a_result": "{path}: line {line}: not a result of `compliance batch`",
    "cli.no_rule": "no rule {rule}; `compliance rules list` shows them all",
    "cli.not_a_year": "--year {value!r} is not a school year such as 2022-2023",
    "cli.case_ok": "ok    {rule}  {case}",
    "cli.case_failed": "FAIL  {rule}  {case}: expected {expected}, got {got}",
    "cli.cases_pass": "{passed} of {total} cases pass",
    "cases.no_finding": "no finding",
    "cases.on_line": "finding on intervention line {lines}",
    "cases.on_lines": "findings on intervention lines {lines}",
    "cases.with_severity": "{what}, severity {severity}",
    "cases.unreadable": "unreadable filing: {error}",
    "cli.usage": "Usage",
    "cli.options": "[OPTIONS]",
    "cli.try_help": "Try '{command}' for help.",
    "cli.extra_argument": "unexpected extra argument {name}",
    "cli.aborted": "Aborted!",
    "cli.error": "Error",
    "cli.missing_argument": "missing argument {name}",
    "cli.missing_option": "missing option {name}",
    "cli.no_such_option": "no such option {name}",
    "cli.no_such_command": "no such command {name}",
    "cli.missing_command": "a command is missing: {commands}",
    "cli.bad_value": "invalid value for {name}: {value!r}",
    "cli.bad_choice": "invalid value for {name}: {value!r} is not one of {choices}",
    "cli.path_missing": "invalid value for {name}: {path} does not exist",
    "cli.path_is_file": "invalid value for {name}: {path} is a file, not a folder",
    "cli.path_is_folder": "invalid value for {name}: {path} is a folder, not a file",
    "cli.path_not_readable": "invalid value for {name}: {path} is not readable",
    "cli.path_not_writable": "invalid value for {name}: {path} is not writable",
    "cli.out_of_range": "invalid value for {name}: {value} is not in the range {range}",
    "cli.not_whole_number": "invalid value for {name}: {value!r} is not a whole number",
    "cli.not_number": "invalid value for {name}: {value!r} is not a number",
    "cli.not_date": "invalid value for {name}: {value!r} is not a date (YYYY-MM-DD)",
    "cli.needs_value": "option {name} requires a value",
    "cli.config_unreadable": "{path}: cannot read the config file: {detail}",
    "cli.config_unknown": "{path}: unknown key {key!r} (known: {known})",
    "cli.config_not_toml": "{path}: {where}: not valid TOML: {reason}",
    "cli.config_bad": "{path}: key {key!r}: {detail}",
    "engine.rule_refused": (
        "{path}: durable-rules cannot hold the condition of {rule} (error code {code}: too "
        "many all/any groups or comparisons, nested or side by side); simplify the condition, "
        "or use --engine python, which judges it"
    ),
    "engine.too_many_rules": (
        "{count} rules on {kind} facts in one rule book: durable-rules hangs on more than "
        "{limit}; use --engine python, which judges them"
    ),
    "engine.unavailable": (
        "the durable-rules engine is not available here ({detail}); use --engine python, "
        "which judges identically"
    ),
    "engine.rules_refused": (
        "durable-rules cannot hold the rules of one rule book together (error code {code}); "
        "use --engine python, which judges them"
    ),
    "config.want_texts": 'expected a text or a list of texts (["NPO-007", "WDM-*"])',
    "config.want_flag": "expected true or false",
    "config.want_path": "expected a path, as text in quotes",
    "config.want_one_value": "expected one text or number",
    "cli.fail_on": "--fail-on {value!r}: choose error, violation, warning or never",
    "cli.pattern_matches_nothing": "--{option} {pattern}: no rule has that name",
    "cli.output_unwritable": "{path}: cannot write: {detail}",
    "cli.cannot_listen": "cannot serve the page on {host}, port {port}: {detail}",
    "cli.serving": "The self-check page is on {url} (Ctrl+C stops it)",
    "cli.host_unknown": "cannot serve the page on {host}: no such name or address",
    "cli.stdout_unwritable": "cannot write to standard output: {detail}",
    "cli.failed": "{name}: {reason}",
    # -- the batch's findings.csv, findings.xlsx and report.html (batch/writers/) -------------
    "csv.board": "board",
    "csv.board_name": "board_name",
    "csv.school": "school",
    "csv.school_type": "school_type",
    "csv.school_year": "school_year",
    "csv.rule": "rule",
    "csv.title": "title",
    "csv.severity": "severity",
    "csv.line": "intervention_line",
    "csv.amount": "amount",
    "csv.ratio": "ratio",
    "csv.message": "message",
    "csv.file": "file",
    "report.title": "Batch check of spending plans",
    "report.break_points": "professional-isation",
    "report.run": "About this run",
    "report.run_date": "Date of the run",
    "report.tool_version": "Tool version",
    "report.rule_set": "Rule set",
    "report.reference_file": "Reference data",
    "report.reference_unknown": "not stated in the results",
    "report.reference_value": "{name} (SHA-256 {sha256})",
    "report.not_judged_value": "{rule}: {reason} ({filings})",
    "report.not_judged": "Not judged",
    "report.not_judged_notice": (
        "Note: {rule} was not judged in {filings}: {reason} Give the real list with "
        "--reference-dir; a sample list does not count."
    ),
    "report.what": "What",
    "report.value": "Value",
    "status.compliant": "compliant",
    "status.findings": "with findings",
    "status.unreadable": "unreadable",
    "status.error": "check failed",
    "status.not_checked": "not checked",
    "report.blocking_filings": "with an error or violation",
    "report.outcomes": "Outcome per filing",
    "report.outcome": "Outcome",
    "report.count": "Count",
    "report.share": "Share",
    "report.school_year": "School year",
    "report.school_type": "School type",
    "report.rule": "Rule",
    "report.rule_title": "Description",
    "report.plans": "Plans",
    "report.complying": "Complying",
    "report.process": "Compliance with process agreements per school year",
    "report.process_intro": (
        "Share of the plans judged that comply with the agreement, all school types together."
    ),
    "report.boards": "Boards",
    "report.published": "Published",
    "report.source": "Source; year; population",
    "report.batch": "This batch",
    "report.board_shares": "Boards that keep the process agreements (as the ministry counts)",
    "report.board_shares_intro": (
        "Share of boards all of whose judged workload plans comply in that school year, beside "
        "the published figure."
    ),
    "report.sector": "Sector",
    "report.schools": "Schools",
    "report.sector_shares": "Council consent per sector (as the ministry counts)",
    "report.sector_shares_intro": (
        "Share of schools whose NPO plan complies with {rule} ({title}), per sector: po = BAO + "
        "SBO, vo = VO, (v)so = SO + VSO."
    ),
    "report.personnel": "Personnel",
    "report.other": "Other",
    "report.personnel_share": "Personnel share",
    "report.personnel_split": "Workload funds: personnel against the rest",
    "report.personnel_intro": (
        "Workload funds spent: personnel against materials, professionalisation and other together."
    ),
    "report.funds_in_batch": "Received in this batch",
    "report.national_amount": "National amount",
    "report.share_of_national": "Part of national",
    "report.funds_received": "Workload funds received per school year",
    "report.funds_intro": (
        "Sum of the workload funds received by the plans judged, beside the national amount."
    ),
    "report.total_spent": "Total spent",
    "report.spending": "Spending of workload funds per category",
    "report.spending_intro": (
        "How the workload funds spent divide over the four categories, per school year and "
        "school type."
    ),
    "report.signal": "Signal value",
    "report.under_signal": "Under it",
    "report.external": "External hiring, NP Onderwijs",
    "report.external_intro": (
        "Share of NPO plans whose external part of the intervention spending is under the signal "
        "value (plans without spending are left out)."
    ),
    "report.findings": "Findings",
    "report.filings": "Filings",
    "report.per_rule": "Findings per rule",
    "report.sheet_summary": "Summary",
    "report.sheet_findings": "Findings",
    "report.sheet_boards": "Boards",
    "boards.board": "board",
    "boards.board_name": "board_name",
    "boards.file": "file",
    "boards.outcome": "outcome",
    "boards.schools": "schools",
    "boards.errors": "errors",
    "boards.violations": "violations",
    "boards.warnings": "warnings",
    "boards.findings": "findings",
    "boards.waived": "waived",
    "page.inputs": "filings",
    "page.incomplete": (
        "Interrupted: {n|filing was|filings were} not checked. Run again with --resume to add them."
    ),
    "page.contents": "Contents",
    "page.ministry": "As the ministry counts",
    "page.ministry_intro": (
        "This batch's figures beside the published ones, with source, year and population. "
        "Published figures come from surveys and the annual reports of all boards; a batch is a "
        "part of those."
    ),
    "page.explorer": "Findings per board",
    "page.explorer_intro": (
        "One row per filing with its findings per severity. Choose filters, search by board "
        "number or name, sort with the column headers and open a board for its findings and the "
        "facts behind them."
    ),
    "page.filters": "Filters",
    "page.filter_rule": "Rule",
    "page.filter_severity": "Severity",
    "page.filter_year": "School year",
    "page.filter_type": "School type",
    "page.all_rule": "all rules",
    "page.all_severity": "all",
    "page.all_year": "all",
    "page.all_type": "all",
    "page.search": "Find a board",
    "page.search_hint": "number or name",
    "page.reset": "Clear filters",
    "page.board_number": "Number",
    "page.board_name": "Name",
    "page.shown": "{boards} of {all} boards · {findings}",
    "page.finding_one": "1 finding",
    "page.finding_many": "{n} findings",
    "page.page": "page {page} of {pages}",
    "page.previous": "Previous",
    "page.next": "Next",
    "page.open": "Show the findings of board {board}",
    "page.none_found": "No board matches these filters.",
    "page.no_findings": "No findings.",
    "page.school": "school",
    "page.line": "intervention line",
    "page.file": "File",
    "page.facts": "Facts",
    "page.source_line": "source line",
    "page.not_reported": "not reported",
    "page.nil": "empty (nil)",
    "page.noscript": (
        "The explorer needs JavaScript; the tables below and findings.xlsx hold the same findings."
    ),
    "page.show_boards": "show the boards with findings for {rule}",
    "page.problems": "Unreadable or not checked",
    "page.source_short": "Source",
    "page.more_boards": "and {n|board|boards} more: see findings.xlsx or summary.json",
    "report.waived": "Waived",
    "report.waived_filings": "findings waived (do not count)",
    "report.waivers": "Waivers",
    "report.waivers_intro": (
        "Findings a waiver covers are shown but do not count. Expired waivers no longer apply; "
        "waivers without a finding covered nothing in this batch."
    ),
    "report.waivers_file": "Waivers file",
    "report.waivers_today": "In force on",
    "report.waivers_entries": "Waivers in the file",
    "report.expired": "expired",
    "report.unused": "without a finding",
    "report.waiver_entry": "Waiver {entry}",
    "report.baseline": "Compared with the previous run",
    "report.baseline_intro": (
        "Per board the findings that are new, resolved or unchanged against the previous run, by "
        "fingerprint."
    ),
    "report.previous": "Previous run",
    "report.new": "New",
    "report.resolved": "Resolved",
    "report.unchanged": "Unchanged",
    "report.boards_missing": "Boards no longer in this run",
    "report.board": "Board",
    "page.waived_col": "Waived",
    "page.waived_by": "waiver",
    "page.new_col": "New",
    "page.new_tag": "new",
    "page.filter_change": "Previous run",
    "page.all_change": "all",
    "page.change_new": "new",
    "page.change_unchanged": "unchanged",
    "page.problems_none": "Every filing was read and checked.",
    "page.reason": "Reason",
    "page.no_rows": "Nothing to show in this batch.",
    "page.axis_share": "share",
    "page.markers": "Dots: this batch.",
    "page.markers_published": "Dots: this batch; open squares, dashed: published.",
    "page.axis_zoom": (
        "The axis starts at {low}, not at 0%: it runs from just below the lowest figure to "
        "100%, so that differences show."
    ),
    "report.locale": "en-GB",
    # -- the web server's pages and API (web/) ---------------------------------------------
    "web.site": "Spending-plan self-check",
    "web.skip": "Skip to content",
    "web.nav": "Main menu",
    "web.nav_check": "Check a file",
    "web.nav_rules": "Rules",
    "web.switch": "Nederlands",
    "web.switch_label": "Naar Nederlands",
    "web.upload_title": "Check your spending plan before you submit it",
    "web.upload_intro": (
        "Choose the XBRL file with your board's spending plans. You see at once, per "
        "school and school year, what is wrong and what you can do about it."
    ),
    "web.file_label": "XBRL file (.xbrl or .xml)",
    "web.drop_hint": "You can also drag the file here",
    "web.chosen": "Chosen file: {name}",
    "web.submit": "Check",
    "web.privacy": (
        "Your file is used for this check only: it is not stored and its content is not logged."
    ),
    "web.limit": "At most {size}.",
    "web.result_title": "Result of the check",
    "web.file": "File",
    "web.board": "Board",
    "web.checked": "Checked with rule set {rule_set}",
    "web.compliant": "Complies: there are no findings.",
    "web.summary": "{count}: {parts}.",
    "web.severity_error": "Error",
    "web.severity_violation": "Violation",
    "web.severity_warning": "Warning",
    "web.whole_filing": "Whole filing",
    "web.school": "School {school}",
    "web.year": "school year {year}",
    "web.line": "intervention line {line}",
    "web.what_wrong": "What is wrong",
    "web.what_do": "What you can do",
    "web.facts": "Data in your file",
    "web.concept": "Item",
    "web.value": "Value",
    "web.where": "Where",
    "web.at": "context {context}, line {line}",
    "web.not_reported": "not reported",
    "web.nil": "empty (nil)",
    "web.rule_link": "About rule {rule}: {title}",
    "web.again": "Check another file",
    "web.print": "Print this page or save it as PDF from your browser's print menu.",
    "web.unreadable_title": "The file could not be read",
    "web.unreadable_what": "What you can do",
    "web.unreadable_do": (
        "Check that you chose the XBRL file from your administration software (not a PDF "
        "or Word file) and that it is complete. Ask your vendor for a new file if need "
        "be."
    ),
    "web.refused_title": "The file was not checked",
    "web.too_large": "The file is larger than {size}, more than a filing can be.",
    "web.media_type": "This kind of file ({media_type}) cannot be checked.",
    "web.no_file": "No file was sent. Choose a file first.",
    "web.timeout": "The check took longer than {seconds} seconds and was stopped.",
    "web.busy": "The server is too busy right now. Try again in a minute.",
    "web.failed": "The check failed with an internal error. Try again later.",
    "web.not_found": "This page does not exist.",
    "web.rules_title": "The rules",
    "web.rules_intro": "Every rule a spending plan is checked against.",
    "web.rule": "Rule",
    "web.title": "Description",
    "web.severity": "Severity",
    "web.scheme": "Scheme",
    "web.structural": "Checked while reading the filing",
    "web.types": "School types",
    "web.period": "Period",
    "web.from_to": "{first} to {last}",
    "web.from_on": "from {first}",
    "web.judged_when": "Judged when",
    "web.always": "always",
    "web.fires": "Finding when",
    "web.explanation": "Explanation",
    "web.message": "The message reads",
    "web.message_example": "The message reads, for instance for the documented case",
    "web.message_template": "The message as the rule writes it, with its placeholders",
    "web.since": "from {day}",
    "web.parameters": "Thresholds per school year",
    "web.parameter": "Threshold",
    "web.provenance": "Provenance",
    "web.period_provenance": "Where the period comes from",
    "web.reference": "Reference data",
    "web.show_interventions": "The {count} interventions",
    "web.code": "Code",
    "web.intervention": "Intervention",
    "web.doelgebied": "Doelgebied (goal area)",
    "web.school_year": "School year",
    "web.source": "Source",
    "web.examples": "Examples from the documented cases",
    "web.example_fires": "finding",
    "web.example_fires_n": "{n} findings",
    "web.example_quiet": "no finding",
    "web.example_lines": "finding on intervention line {lines}",
    "web.example_facts": "Data",
    "web.school_type": "school type {type}",
    "web.no_advice": (
        "Correct the item in your administration or explain the difference in your "
        "accounts, then make a new file."
    ),
    "web.footer": "For software vendors: the API is described in",
}

WORDS: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}

_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def say(key: str, lang: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` with ``values`` filled in; ints grouped the reader's
    way, ``{name|one|many}`` as the count with its noun."""
    template = WORDS[lang][key]

    def plural(match: re.Match[str]) -> str:
        count = values[match.group(1)]
        noun = match.group(2) if count == 1 else match.group(3)
        return f"{number(count, lang)} {noun}"

    template = _PLURAL.sub(plural, template)
    shown = {name: _shown(value, lang) for name, value in values.items()}
    return template.format(**shown)


def count(n: int, noun: str, lang: str) -> str:
    """``n`` with its noun (finding, filing, error, violation, warning, case): "1 bevinding",
    "22 bevindingen"."""
    return say(f"count.{noun}", lang, n=n)


def number(value: int, lang: str) -> str:
    """An integer with thousands grouped: 12.345 (nl), 12,345 (en)."""
    return f"{value:,}".replace(",", WORDS[lang]["number.thousands"])


def placeholders(template: str) -> set[str]:
    """The names a template fills in (for the completeness test)."""
    import string  # only here: 0.5 ms of every start otherwise

    names = {match.group(1) for match in _PLURAL.finditer(template)}
    rest = _PLURAL.sub("", template)
    names |= {field for _, field, _, _ in string.Formatter().parse(rest) if field}
    return names


def _shown(value: object, lang: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang)
    if isinstance(value, OSError):
        return os_reason(value, lang)
    return value


def os_reason(error: OSError, lang: str) -> str:
    """Why a file operation failed, in ``lang``: the usual reasons from the table
    (``os.<errno name>``), any other as the system words it."""
    key = f"os.{errno.errorcode.get(error.errno or 0, '')}"
    return WORDS[lang].get(key) or error.strerror or str(error)
