"""The batch's own words, in Dutch and English: reasons for results that could not be
checked, the closing counts, the CSV header. (The rules' words live in the catalogue.)"""

from __future__ import annotations

WORDS = {
    "nl": {
        "timeout": "de controle duurde langer dan {seconds} s en is afgebroken (--timeout)",
        "died": "het controleproces stopte onverwacht ({how}) tijdens deze aanlevering",
        "raised": "de controle liep vast op een interne fout: {error}",
        "exit_code": "exitcode {code}",
        "signal": "signaal {name}",
        "counts": (
            "{inputs} aanleveringen: {compliant} voldoen, {findings} met bevindingen, "
            "{unreadable} niet leesbaar, {error} fout"
        ),
        "reused": "{reused} ongewijzigd uit de vorige run overgenomen (--resume)",
        "interrupted": (
            "onderbroken: {missing} aanleveringen niet gecontroleerd; --resume gaat verder"
        ),
        "written": "uitvoer in {out}",
        "progress": "{done}/{total} aanleveringen · {rate:.0f}/s · {findings} bevindingen",
        "csv_header": ("bestuur", "school", "schooljaar", "regel", "ernst", "melding", "bestand"),
    },
    "en": {
        "timeout": "checking took longer than {seconds} s and was stopped (--timeout)",
        "died": "the worker process died ({how}) while checking this filing",
        "raised": "the check failed with an internal error: {error}",
        "exit_code": "exit code {code}",
        "signal": "signal {name}",
        "counts": (
            "{inputs} filings: {compliant} compliant, {findings} with findings, "
            "{unreadable} unreadable, {error} error"
        ),
        "reused": "{reused} unchanged, taken over from the previous run (--resume)",
        "interrupted": "interrupted: {missing} filings not checked; --resume carries on",
        "written": "outputs in {out}",
        "progress": "{done}/{total} filings · {rate:.0f}/s · {findings} findings",
        "csv_header": ("board", "school", "school_year", "rule", "severity", "message", "file"),
    },
}
