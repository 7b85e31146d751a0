"""Every word the product prints outside the rule files, in Dutch and English, in one table.

Why one table: a reader meets the same things (a finding, a filing, a school year) in the
text report, the JSON, the batch's lines and the web page; one table keeps them named alike,
lets a test prove both languages complete, and leaves no ``lang == "nl"`` choice in code.

Conventions (see docs/decisions.md): "regel" is always a rule; a line of the filing's XML is
a "bronregel" (English "line"); a line of an NPO plan is an "interventieregel". Numbers are
written the reader's way: ``say`` groups every ``int`` value (12.345 in Dutch, 12,345 in
English). A placeholder ``{name|one|many}`` writes the count and the noun in the right form:
``{n|bevinding|bevindingen}`` gives "1 bevinding" and "22 bevindingen".

This module is at the bottom of the layers (read, model, rules, engine, report and batch all
use it) and imports nothing of the package.
"""

from __future__ import annotations

import re
import string

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

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
    "read.unsafe_doctype": (
        "geweigerd als onveilig: een documenttypedeclaratie (DOCTYPE of ENTITY) is niet "
        "toegestaan in een aanlevering"
    ),
    "read.unsafe_encoding": (
        "geweigerd als onveilig: de opgegeven tekenset {encoding} kan opmaak verbergen; "
        "gebruik UTF-8 of UTF-16"
    ),
    "read.unsafe_xinclude": "geweigerd als onveilig: XInclude is niet toegestaan",
    "read.too_deep": "geweigerd als onveilig: elementen dieper genest dan {limit} niveaus",
    "read.not_xbrl": (
        "geen XBRL-instance: het hoofdelement is {root}, verwacht xbrl in "
        "http://www.xbrl.org/2003/instance"
    ),
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
        "{folder}: geen {name} in deze map (--reference-dir moet minstens {name} bevatten)"
    ),
    "reference.cannot_read": "{path}: kan niet lezen: {detail}",
    "reference.bad_header": "{path}: bronregel 1: de kop moet 'school_year,brin' zijn",
    "reference.columns": "{path}: bronregel {line}: 2 kolommen verwacht",
    "reference.not_a_year": "{path}: bronregel {line}: {value!r} is geen schooljaar",
    "reference.not_a_brin": "{path}: bronregel {line}: {value!r} is geen BRIN-nummer",
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
    "rules.not_in_year": (
        "Deze regel geldt niet in schooljaar {year} (de regel geldt {period})."
    ),
    "rules.no_value": "geen waarde in {year}",
    "rules.and": "en",
    "rules.or": "of",
    "rules.not": "niet",
    # -- the batch (batch/) -------------------------------------------------------------------
    "batch.timeout": "de controle duurde langer dan {seconds} s en is afgebroken (--timeout)",
    "batch.died": "het controleproces stopte onverwacht ({how}) tijdens deze aanlevering",
    "batch.raised": "de controle liep vast op een interne fout: {error}",
    "batch.exit_code": "exitcode {code}",
    "batch.signal": "signaal {name}",
    "batch.counts": (
        "{filings}: {compliant} voldoen, {findings} met bevindingen, "
        "{unreadable} niet leesbaar, {error} fout"
    ),
    "batch.reused": "{reused} ongewijzigd uit de vorige run overgenomen (--resume)",
    "batch.interrupted": "onderbroken: {missing} niet gecontroleerd; --resume gaat verder",
    "batch.written": "uitvoer in {out}",
    "batch.progress": "{done}/{total} {percent}%",
    "batch.progress_rate": "{rate}/s",
    "batch.progress_eta": "nog {eta}",
    "batch.progress_findings": "{findings|bevinding|bevindingen}",
    "batch.progress_unreadable": "{unreadable} onleesbaar",
    "batch.no_inputs": "geen *.xbrl- of *.xml-bestanden in {paths}",
    "batch.no_such_path": "{path}: bestaat niet",
    "csv.board": "bestuur",
    "csv.school": "school",
    "csv.school_year": "schooljaar",
    "csv.rule": "regel",
    "csv.severity": "ernst",
    "csv.message": "melding",
    "csv.file": "bestand",
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
    "waivers.cannot_read": "{path}: kan niet lezen: {detail}",
    "waivers.not_utf8": "{path}: geen UTF-8-tekst",
    "waivers.not_yaml": "{path}: bronregel {line}: geen geldige YAML: {detail}",
    "waivers.top": "{path}: verwacht één sleutel, 'waivers:', met een lijst ontheffingen",
    "waivers.not_a_list": "{path}: 'waivers:' moet een lijst zijn (elke ontheffing begint met -)",
    "waivers.entry": "{path}: ontheffing {entry} (bronregel {line}): {problem}",
    "waivers.field": "{path}: ontheffing {entry} (bronregel {line}), veld '{field}': {problem}",
    "waivers.not_a_mapping": "verwacht velden (board, reason, granted_by, expires, ...)",
    "waivers.unknown_field": "onbekend veld; de velden zijn {fields}",
    "waivers.twice": "twee keer opgegeven",
    "waivers.not_single": "verwacht één waarde",
    "waivers.required": "verplicht",
    "waivers.board": "{value!r} is geen bestuursnummer, zoals \"41234\"",
    "waivers.school": "{value!r} is geen BRIN-nummer, zoals 12AB",
    "waivers.school_year": "{value!r} is geen schooljaar zoals 2022-2023",
    "waivers.rule": "{value!r} is geen regel, en geen patroon zoals NPO-* dat een regel treft",
    "waivers.line": "{value!r} is geen interventieregelnummer (1, 2, ...)",
    "waivers.expires": "{value!r} is geen datum (JJJJ-MM-DD), de laatste dag dat ze geldt",
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
    "baseline.cannot_read": "{path}: kan niet lezen: {detail}",
    "baseline.hint": "; geef de --out-map van een eerdere batch",
    "baseline.not_utf8": "{path}: geen UTF-8-tekst",
    "baseline.not_a_result": "{path}: bronregel {line}: geen resultaat van `compliance batch`",
    # -- the command line (cli.py) -------------------------------------------------------------
    "cli.no_rule": "geen regel {rule}; `compliance rules list` toont ze allemaal",
    "cli.not_a_year": "--year {value!r} is geen schooljaar zoals 2022-2023",
    "cli.case_ok": "ok    {rule}  {case}",
    "cli.case_failed": "FOUT  {rule}  {case}: verwacht {expected}, gekregen {got}",
    "cli.cases_pass": "{passed} van {total} gevallen slagen",
    "cli.usage": "Gebruik",
    "cli.try_help": "Zie '{command} --help' voor hulp.",
    "cli.error": "Fout",
    "cli.missing_argument": "ontbrekend argument {name}",
    "cli.missing_option": "ontbrekende optie {name}",
    "cli.no_such_option": "onbekende optie {name}",
    "cli.no_such_command": "onbekende opdracht {name}",
    "cli.bad_value": "ongeldige waarde voor {name}: {value!r}",
    "cli.bad_choice": "ongeldige waarde voor {name}: {value!r} is niet een van {choices}",
    "cli.needs_value": "optie {name} heeft een waarde nodig",
    "cli.config_unreadable": "{path}: kan het configuratiebestand niet lezen: {detail}",
    "cli.config_unknown": "{path}: onbekende sleutel {key!r} (bekend: {known})",
    "cli.config_bad": "{path}: sleutel {key!r}: {detail}",
    "cli.fail_on": "--fail-on {value!r}: kies error, violation, warning of never",
    "cli.pattern_matches_nothing": "--{option} {pattern}: geen regel heet zo",
    "cli.output_unwritable": "{path}: kan niet schrijven: {detail}",
    "cli.failed": "{name}: {reason}",
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
    "read.at_line": "line {line}: {reason}",
    "read.empty": "empty file",
    "read.cannot_read": "cannot read the file: {detail}",
    "read.not_found": "no such file",
    "read.no_permission": "no permission to read this file",
    "read.is_folder": "this is a folder, not a file; `compliance batch` checks a folder",
    "read.not_regular": "not a regular file (a pipe, a device or the like)",
    "read.too_large": "too large: {size} bytes, the limit is {limit} (--max-bytes)",
    "read.not_xml": "not well-formed XML: {detail}",
    "read.unsafe_doctype": (
        "refused as unsafe: a document type declaration (DOCTYPE or ENTITY) is not allowed "
        "in a filing"
    ),
    "read.unsafe_encoding": (
        "refused as unsafe: the declared encoding {encoding} can hide markup; use UTF-8 or UTF-16"
    ),
    "read.unsafe_xinclude": "refused as unsafe: XInclude is not allowed",
    "read.too_deep": "refused as unsafe: elements nested deeper than {limit} levels",
    "read.not_xbrl": (
        "not an XBRL instance: the root element is {root}, expected xbrl in "
        "http://www.xbrl.org/2003/instance"
    ),
    "read.no_facts": (
        "nothing to judge: the XBRL instance holds no facts at all (no board, school or "
        "intervention data); is this the right file?"
    ),
    "read.only_unknown_facts": (
        "nothing to judge: the XBRL instance holds only facts of concepts the taxonomy does "
        "not have (such as {concept}); is this the right file, and the right taxonomy?"
    ),
    "text.unreadable": "UNREADABLE",
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
        "{folder}: no {name} in this folder (--reference-dir must hold at least {name})"
    ),
    "reference.cannot_read": "{path}: cannot read: {detail}",
    "reference.bad_header": "{path}: line 1: the header must be 'school_year,brin'",
    "reference.columns": "{path}: line {line}: expected 2 columns",
    "reference.not_a_year": "{path}: line {line}: {value!r} is not a school year",
    "reference.not_a_brin": "{path}: line {line}: {value!r} is not a BRIN",
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
    "rules.not": "not",
    "batch.timeout": "checking took longer than {seconds} s and was stopped (--timeout)",
    "batch.died": "the worker process died ({how}) while checking this filing",
    "batch.raised": "the check failed with an internal error: {error}",
    "batch.exit_code": "exit code {code}",
    "batch.signal": "signal {name}",
    "batch.counts": (
        "{filings}: {compliant} compliant, {findings} with findings, "
        "{unreadable} unreadable, {error} error"
    ),
    "batch.reused": "{reused} unchanged, taken over from the previous run (--resume)",
    "batch.interrupted": "interrupted: {missing} not checked; --resume carries on",
    "batch.written": "outputs in {out}",
    "batch.progress": "{done}/{total} {percent}%",
    "batch.progress_rate": "{rate}/s",
    "batch.progress_eta": "{eta} left",
    "batch.progress_findings": "{findings|finding|findings}",
    "batch.progress_unreadable": "{unreadable} unreadable",
    "batch.no_inputs": "no *.xbrl or *.xml filings in {paths}",
    "batch.no_such_path": "{path}: no such file or folder",
    "csv.board": "board",
    "csv.school": "school",
    "csv.school_year": "school_year",
    "csv.rule": "rule",
    "csv.severity": "severity",
    "csv.message": "message",
    "csv.file": "file",
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
    "waivers.cannot_read": "{path}: cannot read: {detail}",
    "waivers.not_utf8": "{path}: not UTF-8 text",
    "waivers.not_yaml": "{path}: line {line}: not valid YAML: {detail}",
    "waivers.top": "{path}: expected one key, 'waivers:', holding a list of waivers",
    "waivers.not_a_list": "{path}: 'waivers:' must be a list (each waiver starting with -)",
    "waivers.entry": "{path}: entry {entry} (line {line}): {problem}",
    "waivers.field": "{path}: entry {entry} (line {line}), field '{field}': {problem}",
    "waivers.not_a_mapping": "expected fields (board, reason, granted_by, expires, ...)",
    "waivers.unknown_field": "unknown field; the fields are {fields}",
    "waivers.twice": "given twice",
    "waivers.not_single": "expected a single value",
    "waivers.required": "required",
    "waivers.board": "{value!r} is not a board number (bestuursnummer), such as \"41234\"",
    "waivers.school": "{value!r} is not a school (BRIN), such as 12AB",
    "waivers.school_year": "{value!r} is not a school year such as 2022-2023",
    "waivers.rule": "{value!r} is no rule, nor a pattern such as NPO-* matching one",
    "waivers.line": "{value!r} is not an intervention line number (1, 2, ...)",
    "waivers.expires": "{value!r} is not a date (YYYY-MM-DD), the last day it applies",
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
    "baseline.cannot_read": "{path}: cannot read: {detail}",
    "baseline.hint": "; give the --out folder of an earlier batch",
    "baseline.not_utf8": "{path}: not UTF-8 text",
    "baseline.not_a_result": "{path}: line {line}: not a result of `compliance batch`",
    "cli.no_rule": "no rule {rule}; `compliance rules list` shows them all",
    "cli.not_a_year": "--year {value!r} is not a school year such as 2022-2023",
    "cli.case_ok": "ok    {rule}  {case}",
    "cli.case_failed": "FAIL  {rule}  {case}: expected {expected}, got {got}",
    "cli.cases_pass": "{passed} of {total} cases pass",
    "cli.usage": "Usage",
    "cli.try_help": "Try '{command} --help' for help.",
    "cli.error": "Error",
    "cli.missing_argument": "missing argument {name}",
    "cli.missing_option": "missing option {name}",
    "cli.no_such_option": "no such option {name}",
    "cli.no_such_command": "no such command {name}",
    "cli.bad_value": "invalid value for {name}: {value!r}",
    "cli.bad_choice": "invalid value for {name}: {value!r} is not one of {choices}",
    "cli.needs_value": "option {name} requires a value",
    "cli.config_unreadable": "{path}: cannot read the config file: {detail}",
    "cli.config_unknown": "{path}: unknown key {key!r} (known: {known})",
    "cli.config_bad": "{path}: key {key!r}: {detail}",
    "cli.fail_on": "--fail-on {value!r}: choose error, violation, warning or never",
    "cli.pattern_matches_nothing": "--{option} {pattern}: no rule has that name",
    "cli.output_unwritable": "{path}: cannot write: {detail}",
    "cli.failed": "{name}: {reason}",
}

WORDS: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}

_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def say(key: str, lang: str, **values: object) -> str:
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
    names = {match.group(1) for match in _PLURAL.finditer(template)}
    rest = _PLURAL.sub("", template)
    names |= {field for _, field, _, _ in string.Formatter().parse(rest) if field}
    return names


def _shown(value: object, lang: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang)
    return value
