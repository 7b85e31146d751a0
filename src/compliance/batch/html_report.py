"""``report.html``: the summary for a reviewer, as tables with a chart beside each.

One self-contained file: styles inline, charts as inline SVG (``svg.py``), no script, and
no reference to anything outside the file, so it opens the same from a USB stick, a mail
attachment or an archive in ten years. Dutch first (reviewers are Dutch); ``--lang en``
gives English. Every chart repeats figures that are also in a table, for readers (and
screen readers) who want the numbers.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from compliance.batch.monitoring import Monitoring
from compliance.batch.summary import Problem
from compliance.batch.svg import PALETTE, Bar, Segment, bar_chart, stacked_chart
from compliance.report.formatting import format_amount, format_number, format_percentage
from compliance.report.messages import render_title
from compliance.rules.catalogue import Catalogue
from compliance.words import say

LABELS = {
    "nl": {
        "title": "Batchcontrole bestedingsplannen",
        "intro": "Regelset {rule_set} · {inputs} aanleveringen gecontroleerd.",
        "incomplete": "Onderbroken: {n} aanleveringen zijn niet gecontroleerd. "
        "Draai opnieuw met --resume om ze toe te voegen.",
        "outcomes": "Uitkomst per aanlevering",
        "outcome": "Uitkomst",
        "count": "Aantal",
        "share": "Aandeel",
        "compliant": "voldoet",
        "findings": "met bevindingen",
        "unreadable": "niet leesbaar",
        "error": "fout bij controle",
        "not_checked": "niet gecontroleerd",
        "blocking": "Aanleveringen met een fout of overtreding: {n}.",
        "process": "Naleving procesafspraken",
        "process_intro": "Aandeel plannen dat aan de afspraak voldoet, per schooljaar en "
        "schoolsoort. Tussen haakjes: het aantal beoordeelde plannen.",
        "school_type": "Schoolsoort",
        "none": "–",
        "spending": "Besteding werkdrukmiddelen",
        "spending_intro": "Verdeling van de bestede werkdrukmiddelen over de vier "
        "categorieën, per schooljaar en schoolsoort.",
        "plans": "Plannen",
        "total": "Totaal besteed",
        "external": "Externe inhuur NP Onderwijs",
        "external_intro": "Aandeel NPO-plannen waarvan minder dan {signal} van de uitgaven "
        "aan interventies naar externe partijen gaat.",
        "under": "Onder {signal}",
        "year_type": "Schooljaar en schoolsoort",
        "rules": "Bevindingen per regel",
        "rule": "Regel",
        "rule_title": "Omschrijving",
        "severity": "Ernst",
        "finding_count": "Bevindingen",
        "filing_count": "Aanleveringen",
        "problems": "Niet leesbaar of niet gecontroleerd",
        "problems_none": "Alle aanleveringen zijn gelezen en gecontroleerd.",
        "file": "Bestand",
        "reason": "Reden",
        "no_plans": "Geen plannen in deze batch.",
    },
    "en": {
        "title": "Batch check of spending plans",
        "intro": "Rule set {rule_set} · {inputs} filings checked.",
        "incomplete": "Interrupted: {n} filings were not checked. "
        "Run again with --resume to add them.",
        "outcomes": "Outcome per filing",
        "outcome": "Outcome",
        "count": "Count",
        "share": "Share",
        "compliant": "compliant",
        "findings": "with findings",
        "unreadable": "unreadable",
        "error": "check failed",
        "not_checked": "not checked",
        "blocking": "Filings with an error or violation: {n}.",
        "process": "Compliance with process agreements",
        "process_intro": "Share of plans that comply with the agreement, per school year and "
        "school type. In brackets: the number of plans judged.",
        "school_type": "School type",
        "none": "–",
        "spending": "Spending of workload funds",
        "spending_intro": "How the workload funds spent divide over the four categories, per "
        "school year and school type.",
        "plans": "Plans",
        "total": "Total spent",
        "external": "External hiring, NP Onderwijs",
        "external_intro": "Share of NPO plans that spend less than {signal} of their "
        "intervention spending on external parties.",
        "under": "Under {signal}",
        "year_type": "School year and type",
        "rules": "Findings per rule",
        "rule": "Rule",
        "rule_title": "Description",
        "severity": "Severity",
        "finding_count": "Findings",
        "filing_count": "Filings",
        "problems": "Unreadable or not checked",
        "problems_none": "Every filing was read and checked.",
        "file": "File",
        "reason": "Reason",
        "no_plans": "No plans in this batch.",
    },
}
STATUS_COLOURS = {
    "compliant": PALETTE[2],
    "findings": PALETTE[1],
    "unreadable": PALETTE[6],
    "error": PALETTE[5],
    "not_checked": "#dddddd",
}
STYLE = """
body { font-family: sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f2f2f2; }
.note { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6em; }
svg { display: block; margin: 0.5em 0 1.5em; }
"""


def render_html(
    summary: dict,
    problems: list[Problem],
    catalogue: Catalogue,
    monitoring: Monitoring,
    lang: str,
) -> str:
    """The whole report; ``problems`` are the filings not read or not checked, by path."""
    page = _Page(catalogue, monitoring, lang)
    body = [
        f"<h1>{page.text(page.words['title'])}</h1>",
        page.intro(summary),
        page.outcomes(summary["counts"]),
        page.process(summary["monitoring"]),
        page.spending(summary["monitoring"]),
        page.external(summary["monitoring"]),
        page.rules(summary["findings_per_rule"]),
        page.problems(problems),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{page.text(page.words['title'])}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


class _Page:
    def __init__(self, catalogue: Catalogue, monitoring: Monitoring, lang: str) -> None:
        self.catalogue = catalogue
        self.monitoring = monitoring
        self.lang = lang
        self.words = LABELS[lang]

    # -- sections ----------------------------------------------------------------------------

    def intro(self, summary: dict) -> str:
        counts = summary["counts"]
        checked = counts["inputs"] - counts["not_checked"]
        intro = self.words["intro"].format(rule_set=summary["rule_set"], inputs=checked)
        parts = [f"<p>{self.text(intro)}</p>"]
        if counts["not_checked"]:
            note = self.words["incomplete"].format(n=counts["not_checked"])
            parts.append(f'<p class="note">{self.text(note)}</p>')
        return "\n".join(parts)

    def outcomes(self, counts: dict) -> str:
        statuses = ["compliant", "findings", "unreadable", "error"]
        if counts["not_checked"]:
            statuses.append("not_checked")
        total = counts["inputs"]
        rows = [
            [self.words[s], self.number(counts[s]), self.percent(counts[s], total)]
            for s in statuses
        ]
        bars = [
            Bar(
                self.words[s],
                counts[s],
                f"{counts[s]} ({self.percent(counts[s], total)})",
                STATUS_COLOURS[s],
            )
            for s in statuses
        ]
        blocking = self.words["blocking"].format(n=counts["blocking"])
        return "\n".join(
            [
                self.heading(2, self.words["outcomes"]),
                self.table(
                    [self.words["outcome"], self.words["count"], self.words["share"]],
                    rows,
                    numeric_from=1,
                ),
                f"<p>{self.text(blocking)}</p>",
                bar_chart(self.words["outcomes"], bars),
            ]
        )

    def process(self, rows: list[dict]) -> str:
        parts = [
            self.heading(2, self.words["process"]),
            f"<p>{self.text(self.words['process_intro'])}</p>",
        ]
        rules = list(self.monitoring.process_rules)
        header = [self.words["school_type"], *(f"{rule} {self.title(rule)}" for rule in rules)]
        for year, year_rows in _by_year(rows):
            table_rows, bars = [], []
            for row in year_rows:
                cells = [self.school_type(row["school_type"])]
                for entry in row["process_rules"]:
                    cells.append(self.share_with_count(entry["share"], entry["plans"]))
                    if entry["plans"]:
                        label = f"{row['school_type']} · {entry['rule']}"
                        colour = PALETTE[rules.index(entry["rule"]) % len(PALETTE)]
                        bars.append(Bar(label, entry["share"], self.ratio(entry["share"]), colour))
                table_rows.append(cells)
            parts += [
                self.heading(3, year),
                self.table(header, table_rows, numeric_from=1),
                bar_chart(f"{self.words['process']} {year}", bars, maximum=1.0),
            ]
        return "\n".join(parts) if rows else "\n".join([*parts, self.no_plans()])

    def spending(self, rows: list[dict]) -> str:
        names = list(self.monitoring.categories)
        labels = [self.monitoring.categories[name].in_language(self.lang) for name in names]
        parts = [
            self.heading(2, self.words["spending"]),
            f"<p>{self.text(self.words['spending_intro'])}</p>",
        ]
        header = [self.words["year_type"], self.words["plans"], self.words["total"], *labels]
        table_rows, chart_rows = [], []
        for row in rows:
            spending = row["workload_spending"]
            if not spending["plans"]:
                continue
            label = f"{row['school_year']} {row['school_type']}"
            shares = [category["share"] for category in spending["categories"]]
            table_rows.append(
                [label, self.number(spending["plans"]), self.amount(spending["total"])]
                + [self.ratio(value) for value in shares]
            )
            chart_rows.append(
                (label, [Segment(value or 0.0, self.ratio(value)) for value in shares])
            )
        if not table_rows:
            return "\n".join([*parts, self.no_plans()])
        return "\n".join(
            [
                *parts,
                self.table(header, table_rows, numeric_from=1),
                stacked_chart(self.words["spending"], chart_rows, labels),
            ]
        )

    def external(self, rows: list[dict]) -> str:
        used = [row for row in rows if row["npo_external_share"]["plans"]]
        signals = sorted({row["npo_external_share"]["signal"] for row in used})
        signal = " / ".join(self.ratio(value) for value in signals) or self.words["none"]
        parts = [
            self.heading(2, self.words["external"]),
            f"<p>{self.text(self.words['external_intro'].format(signal=signal))}</p>",
        ]
        if not used:
            return "\n".join([*parts, self.no_plans()])
        header = [
            self.words["year_type"],
            self.words["plans"],
            self.words["under"].format(signal=signal),
            self.words["share"],
        ]
        table_rows, bars = [], []
        for row in used:
            external = row["npo_external_share"]
            label = f"{row['school_year']} {row['school_type']}"
            table_rows.append(
                [
                    label,
                    self.number(external["plans"]),
                    self.number(external["under_signal"]),
                    self.ratio(external["share"]),
                ]
            )
            bars.append(Bar(label, external["share"], self.ratio(external["share"])))
        return "\n".join(
            [
                *parts,
                self.table(header, table_rows, numeric_from=1),
                bar_chart(self.words["external"], bars, maximum=1.0),
            ]
        )

    def rules(self, per_rule: list[dict]) -> str:
        header = [
            self.words["rule"],
            self.words["rule_title"],
            self.words["severity"],
            self.words["finding_count"],
            self.words["filing_count"],
        ]
        rows, bars = [], []
        for entry in per_rule:
            severities = ", ".join(
                f"{say(f'severity.{name}', self.lang)} {count}"
                for name, count in entry["by_severity"].items()
            )
            rows.append(
                [
                    entry["rule"],
                    self.title(entry["rule"]),
                    severities or self.words["none"],
                    self.number(entry["findings"]),
                    self.number(entry["filings"]),
                ]
            )
            if entry["findings"]:
                bars.append(Bar(entry["rule"], entry["findings"], self.number(entry["findings"])))
        return "\n".join(
            [
                self.heading(2, self.words["rules"]),
                self.table(header, rows, numeric_from=3),
                bar_chart(self.words["rules"], bars),
            ]
        )

    def problems(self, problems: list[Problem]) -> str:
        parts = [self.heading(2, self.words["problems"])]
        if not problems:
            return "\n".join([*parts, f"<p>{self.text(self.words['problems_none'])}</p>"])
        header = [self.words["file"], self.words["outcome"], self.words["reason"]]
        rows = [[problem.file, self.words[problem.status], problem.reason] for problem in problems]
        return "\n".join([*parts, self.table(header, rows)])

    # -- pieces ------------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """Escaped text. A namespace URI in a reason is an identifier, not a link: written
        with a zero-width space after ``:/`` it can never become one in any viewer."""
        return escape(value).replace("://", ":/&#8203;/")

    def heading(self, level: int, value: str) -> str:
        return f"<h{level}>{self.text(value)}</h{level}>"

    def table(
        self, header: list[str], rows: list[list[str]], numeric_from: int | None = None
    ) -> str:
        head = "".join(f"<th>{self.text(cell)}</th>" for cell in header)
        body = []
        for row in rows:
            cells = []
            for index, cell in enumerate(row):
                numeric = numeric_from is not None and index >= numeric_from
                cells.append(
                    f'<td class="n">{self.text(cell)}</td>'
                    if numeric
                    else f"<td>{self.text(cell)}</td>"
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table>\n<tr>{head}</tr>\n" + "\n".join(body) + "\n</table>"

    def title(self, rule: str) -> str:
        return render_title(rule, self.catalogue, self.lang) if rule in self.catalogue.rules else ""

    def school_type(self, code: str) -> str:
        names = self.catalogue.domain.school_types.get(code)
        return f"{code} ({names.in_language(self.lang)})" if names else code

    def number(self, value: int) -> str:
        return format_number(Decimal(value), self.lang)

    def amount(self, euros: float) -> str:
        return format_amount(Decimal(str(euros)), self.lang)

    def ratio(self, value: float | None) -> str:
        return (
            self.words["none"]
            if value is None
            else format_percentage(Decimal(str(value)), self.lang)
        )

    def percent(self, part: int, whole: int) -> str:
        return self.ratio(part / whole if whole else None)

    def share_with_count(self, value: float | None, plans: int) -> str:
        return self.words["none"] if not plans else f"{self.ratio(value)} ({self.number(plans)})"

    def no_plans(self) -> str:
        return f"<p>{self.text(self.words['no_plans'])}</p>"


def _by_year(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    years: dict[str, list[dict]] = {}
    for row in rows:
        years.setdefault(row["school_year"], []).append(row)
    return list(years.items())
