"""``report.html``: the batch for a reviewer, built around the questions they ask.

How did the batch go and what did the run use (header, with a loud notice when a rule could
not be judged)? How does process compliance move over the school years, and how does it
compare with what the ministry published (trend charts on a scale that shows differences,
tables beside them)? Which boards have which findings, and why (the findings explorer: one
table of boards, filtered, searched, sorted, each opening to its findings and the facts
behind them)? Which boards break a given rule (every rule links to them)?

One self-contained file: styles and script inline, guarded by a Content-Security-Policy
that allows exactly those (by hash) and nothing fetched, so it opens the same from a USB
stick, a mail attachment or an archive in ten years. The boards travel as one JSON blob,
spooled to a temporary file while the batch runs (the parent never holds them) and copied
in at the end; the script renders one page of rows at a time, so 10,000 filings open and
filter at once. Every chart repeats figures that are also in a table beside it, for screen
readers and for print. Dutch first (reviewers are Dutch); ``--lang en`` gives English.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import shutil
import tempfile
from decimal import Decimal
from html import escape
from typing import ClassVar

from compliance.batch.writers.base import Batch, Filing, Targets, words_of
from compliance.batch.writers.columns import waiver_text
from compliance.batch.writers.overview import Table, process_by_year, statuses, tables
from compliance.batch.writers.report_page import SCRIPT, STYLE
from compliance.batch.writers.svg import PALETTE, Series, share_scale, trend_chart
from compliance.findings import SEVERITIES
from compliance.report.formatting import (
    amounts_kept_whole,
    format_amount,
    format_number,
    format_percentage,
)
from compliance.report.messages import render_title
from compliance.rules.catalogue import Catalogue
from compliance.words import count, say

FILE = "report.html"
_LISTED = 200  # boards listed in the report's comparison with the previous run
# json.dumps(..., ensure_ascii=False, separators=(",", ":")), without an encoder per filing
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_NUMERIC = ("count", "amount", "ratio")


class ReportHtml:
    files: ClassVar[tuple[str, ...]] = (FILE,)

    def __init__(self, targets: Targets, lang: str) -> None:
        self.handle = targets(FILE, "utf-8")
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.boards = 0

    @staticmethod
    def piece(filing: Filing, catalogue: Catalogue, lang: str) -> str:
        """The board as the explorer holds it: ``[number, name, file, status, findings]``,
        a finding ``[rule index, severity index, school, type, year, line, message,
        facts, waiver or null, fingerprint]``, a fact ``[concept, value, source line]``;
        JSON, safe inside a script."""
        result = filing.result
        rules = _rule_index(catalogue)
        findings = [
            [
                rules.get(f["rule"], -1),
                SEVERITIES.index(f["severity"]),
                f["school"],
                filing.school_type(f["school"]),
                f["school_year"],
                f["line"],
                amounts_kept_whole(f["message"], lang),
                [[c["concept"], c["value"], c["source_line"]] for c in f["facts"]],
                waiver_text(f.get("waiver")) or None,
                f.get("fingerprint"),
            ]
            for f in result["findings"]
        ]
        entry = [
            result["board"],
            filing.profile.board_name,
            result["file"],
            result["status"],
            findings,
        ]
        return _script_safe(_COMPACT(entry))

    def add(self, piece: str) -> None:
        self.spool.write("," if self.boards else "")
        self.spool.write(piece)
        self.boards += 1

    def finish(self, batch: Batch) -> None:
        page = _Page(batch)
        head, tail = page.render()
        self.handle.write(head)
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.handle)
        self.handle.write(tail)
        self.spool.close()


_RULE_INDEX: dict[int, dict[str, int]] = {}


def _rule_index(catalogue: Catalogue) -> dict[str, int]:
    """Rule id → its position in the sorted catalogue (the same in every worker)."""
    key = id(catalogue)
    if key not in _RULE_INDEX:
        _RULE_INDEX[key] = {rule: index for index, rule in enumerate(sorted(catalogue.rules))}
    return _RULE_INDEX[key]


def _script_safe(text: str) -> str:
    """JSON that cannot end the script element it sits in, nor start a comment."""
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _short(cell: str) -> str:
    """A short token (a rule id, a school year) is kept on one line; a long one (a sha256,
    alone or inside a text such as "menukaart.yaml (SHA-256 ...)") may break anywhere, or a
    narrow screen would have to scroll the table to show it. Words still wrap at spaces
    first: "anywhere" applies only to a token wider than the cell."""
    if max(map(len, cell.split(" "))) > 30:
        return ' class="any"'
    if " " in cell:
        return ""
    return ' class="nw"' if len(cell) <= 12 else ""


_WORD = re.compile(r"\w+")
_SOFT_HYPHEN = "&shy;"


def _break_points(listed: str) -> dict[str, tuple[int, ...]]:
    """``"over-tre-ding ..."`` (report.break_points) → each word, lower case, and where in it
    a soft hyphen goes: ``{"overtreding": (4, 7)}``."""
    points = {}
    for written in listed.split():
        parts = written.split("-")
        ends = [len("".join(parts[: i + 1])) for i in range(len(parts) - 1)]
        points["".join(parts)] = tuple(ends)
    return points


def _hyphenated(word: str, points: tuple[int, ...]) -> str:
    """``word`` (in whatever case) with a soft hyphen at each of ``points``."""
    cuts = (0, *points, len(word))
    return _SOFT_HYPHEN.join(word[start:end] for start, end in itertools.pairwise(cuts))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _Page:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.lang = batch.lang
        self.words = words_of(batch.lang, "report.")
        self.page = words_of(batch.lang, "page.")
        self.statuses = words_of(batch.lang, "status.")
        self.tables = {table.key: table for table in tables(batch)}
        self.breaks = _break_points(self.words["break_points"])

    def render(self) -> tuple[str, str]:
        """The page before and after the boards' JSON."""
        words, lang = self.words, self.lang
        csp = (
            f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        body = [
            self.header(),
            self.nav(),
            '<main id="main">',
            self.trend(),
            self.ministry(),
            self.explorer(),
            self.section("rules", self.rules_table()),
            *(
                self.section(key, self.table(self.changed_only(self.tables[key])))
                for key in ("waivers", "baseline")
                if key in self.tables
            ),
            self.section("spending", self.table(self.tables["spending"])),
            self.section("external", self.table(self.tables["external"])),
            self.problems(),
            self.section("run", self.table(self.tables["run"])),
            "</main>",
        ]
        head = (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            f"<title>{self.text(words['title'])}</title>\n<style>{STYLE}</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "\n"
            f'<script type="application/json" id="report-data">{self.data_head()}'
        )
        tail = f"]}}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
        return head, tail

    # -- sections ----------------------------------------------------------------------------

    def header(self) -> str:
        words, summary = self.words, self.batch.summary
        run, counts = summary.get("run", {}), summary["counts"]
        facts = [
            f"{words['run_date']}: {run.get('date', '').replace('T', ' ').replace('Z', ' UTC')}",
            f"{words['tool_version']}: {run.get('tool_version', '')}",
            f"{words['rule_set']}: {summary['rule_set']}",
        ]
        references = run.get("reference") or []
        used = ", ".join(entry.get("name", "") for entry in references)
        facts.append(f"{words['reference_file']}: {used or words['reference_unknown']}")
        parts = [
            '<header id="top">',
            f"<h1>{self.text(words['title'])}</h1>",
            '<p class="run">' + " · ".join(self.text(fact) for fact in facts) + "</p>",
            *self.notices(),
            self.tiles(counts),
            "</header>",
        ]
        return "\n".join(parts)

    def notices(self) -> list[str]:
        words, summary = self.words, self.batch.summary
        notes = []
        for entry in summary.get("run", {}).get("not_judged", []):
            filings = count(entry["filings"], "filing", self.lang)
            note = words["not_judged_notice"].format(
                rule=entry["rule"], filings=filings, reason=entry["reason"].rstrip(".") + "."
            )
            notes.append(f'<p class="notice" role="note"><strong>{self.text(note)}</strong></p>')
        missing = summary["counts"]["not_checked"]
        if missing:
            note = say("page.incomplete", self.lang, n=missing)
            notes.append(f'<p class="notice" role="note"><strong>{self.text(note)}</strong></p>')
        return notes

    def tiles(self, counts: dict) -> str:
        items = [(self.page["inputs"], counts["inputs"], "all")]
        items += [(self.statuses[s], counts[s], s) for s in statuses(counts)]
        if "not_checked" not in statuses(counts):
            items.append((self.statuses["not_checked"], 0, "not_checked"))
        if self.batch.summary.get("waivers"):
            items.append((self.words["waived_filings"], counts.get("waived", 0), "waived"))
        cells = "".join(
            f'<div class="tile t-{key}"><dt>{self.text(label)}</dt>'
            f"<dd>{self.number(value)}</dd></div>"
            for label, value, key in items
        )
        return f'<dl class="tiles">{cells}</dl>'

    def nav(self) -> str:
        page = self.page
        links = [
            ("trend", self.words["process"]),
            ("ministry", page["ministry"]),
            ("explorer", page["explorer"]),
            ("rules", self.words["per_rule"]),
            ("spending", self.words["spending"]),
            ("external", self.words["external"]),
            *(
                (key, self.tables[key].title)
                for key in ("waivers", "baseline")
                if key in self.tables
            ),
            ("problems", page["problems"]),
            ("run", self.words["run"]),
        ]
        items = "".join(f'<li><a href="#{key}">{self.text(label)}</a></li>' for key, label in links)
        return f'<nav aria-label="{self.text(page["contents"])}"><ul>{items}</ul></nav>'

    def trend(self) -> str:
        batch, words = self.batch, self.words
        years = sorted(process_by_year(batch))
        per_year = process_by_year(batch)
        series = []
        for number, rule in enumerate(batch.monitoring.process_rules):
            values = []
            for year in years:
                judged, complied = per_year[year].get(rule, (0, 0))
                values.append(complied / judged if judged else None)
            if any(value is not None for value in values):
                series.append(self.series(f"{rule} {self.title(rule)}", values, number))
        chart = self.chart(words["process"], years, series)
        return self.section("trend", chart + self.table(self.tables["process"]), words["process"])

    def ministry(self) -> str:
        batch, page = self.batch, self.page
        rows = batch.summary["ministry"]["board_shares"]
        years = sorted({row["school_year"] for row in rows})
        series = []
        for number, rule in enumerate(batch.monitoring.ministry.board_rules):
            mine = {r["school_year"]: r["share"] for r in rows if r["rule"] == rule}
            published = {
                r["school_year"]: r["published"]["value"]
                for r in rows
                if r["rule"] == rule and r["published"]
            }
            label = f"{rule} {self.title(rule)}"
            if any(value is not None for value in mine.values()):
                series.append(self.series(label, [mine.get(y) for y in years], number))
            if published:
                name = f"{label} ({self.words['published'].lower()})"
                values = [published.get(y) for y in years]
                series.append(self.series(name, values, number, published=True))
        chart = self.chart(self.words["board_shares"], years, series)
        parts = [
            f'<section id="ministry" aria-labelledby="h-ministry">'
            f'<h2 id="h-ministry">{self.text(page["ministry"])}</h2>',
            f"<p>{self.text(page['ministry_intro'])}</p>",
            self.subsection(self.tables["board_shares"], chart),
            self.subsection(self.tables["sector_shares"]),
            self.subsection(self.tables["personnel"]),
            self.subsection(self.tables["funds"]),
            "</section>",
        ]
        return "\n".join(parts)

    def explorer(self) -> str:
        page, words = self.page, self.words
        options = {
            "rule": [
                (rule, f"{rule} {self.title(rule)}") for rule in sorted(self.batch.catalogue.rules)
            ],
            "severity": [(s, self.severity(s)) for s in SEVERITIES],
            "year": [(y, y) for y in self.years()],
            "type": [(t, self.school_type(t)) for t in self.batch.catalogue.domain.school_types],
        }
        if self.batch.summary.get("baseline"):
            options["change"] = [(c, page[f"change_{c}"]) for c in ("new", "unchanged")]
        selects = []
        for name, choices in options.items():
            items = f'<option value="">{self.text(page["all_" + name])}</option>' + "".join(
                f'<option value="{escape(value)}">{self.text(label)}</option>'
                for value, label in choices
            )
            selects.append(
                f'<div class="field"><label for="f-{name}">{self.text(page["filter_" + name])}'
                f'</label><select id="f-{name}">{items}</select></div>'
            )
        search = (
            f'<div class="field wide"><label for="f-q">{self.text(page["search"])}</label>'
            f'<input id="f-q" type="search" autocomplete="off" '
            f'placeholder="{escape(page["search_hint"])}"></div>'
        )
        columns = [
            ("number", page["board_number"], ""),
            ("name", page["board_name"], ""),
            ("e", self.severity("error"), "n"),
            ("v", self.severity("violation"), "n"),
            ("w", self.severity("warning"), "n"),
            ("total", words["findings"], "n"),
            ("waived", page["waived_col"], "n"),
            *([("new", page["new_col"], "n")] if self.batch.summary.get("baseline") else []),
        ]
        head = "".join(
            f'<th scope="col" class="{css}" data-key="{key}" aria-sort="none">'
            f'<button type="button" class="sort">{self.heading(label)}</button></th>'
            for key, label, css in columns
        )
        return "\n".join(
            [
                '<section id="explorer" aria-labelledby="h-explorer">',
                f'<h2 id="h-explorer">{self.text(page["explorer"])}</h2>',
                f"<p>{self.text(page['explorer_intro'])}</p>",
                f'<form class="filters" role="search" aria-label="{self.text(page["filters"])}">'
                + "".join(selects)
                + search
                + f'<div class="field"><button type="reset" id="f-reset">'
                f"{self.text(page['reset'])}</button></div></form>",
                '<p id="shown" class="shown" aria-live="polite"></p>',
                '<table id="boards" class="boards">'
                f'<caption class="sr">{self.text(page["explorer"])}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody></tbody></table>",
                f"<noscript><p>{self.text(page['noscript'])}</p></noscript>",
                '<div class="pager"><button type="button" id="prev">'
                f'{self.text(page["previous"])}</button><span id="page"></span>'
                f'<button type="button" id="next">{self.text(page["next"])}</button></div>',
                "</section>",
            ]
        )

    def rules_table(self) -> str:
        """Findings per rule, each rule with findings linking to its boards in the explorer."""
        table = self.tables["rules"]
        page = self.page
        rows = []
        for row in table.rows:
            rule = row[0]
            cells = [self.cell(cell) for cell in row]
            found = row[2 + len(SEVERITIES)]
            total = found[0] if isinstance(found, tuple) else 0
            if total:
                cells[0] = (
                    f'<a href="#rule={escape(rule)}" data-rule="{escape(rule)}" '
                    f'aria-label="{escape(page["show_boards"].format(rule=rule))}">'
                    f"{escape(rule)}</a>"
                )
            rows.append(cells)
        return self.markup(table, rows)

    def problems(self) -> str:
        page = self.page
        problems = self.batch.problems
        header = (page["file"], self.words["outcome"], page["reason"])
        rows = [
            (
                problem.file,
                self.statuses.get(problem.status, problem.status),
                problem.reason,
            )
            for problem in problems
        ]
        table = Table("problems", page["problems"], "", header, rows)
        if not problems:
            body = f"<p>{self.text(page['problems_none'])}</p>"
            return self.section("problems", body, title=page["problems"])
        return self.section("problems", self.table(table), title=page["problems"])

    # -- pieces ------------------------------------------------------------------------------

    def data_head(self) -> str:
        """The start of the JSON blob: words, rules and severities; the boards follow."""
        catalogue, page = self.batch.catalogue, self.page
        data = {
            "words": {
                **page,
                "statuses": self.statuses,
                "severities": [self.severity(s) for s in SEVERITIES],
                "types": {
                    code: names.in_language(self.lang)
                    for code, names in catalogue.domain.school_types.items()
                },
                "locale": self.words["locale"],
            },
            "rules": [[rule, self.title(rule)] for rule in sorted(catalogue.rules)],
            "baseline": self.baseline_data(),
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return _script_safe(text[:-1]) + ',"boards":['

    def changed_only(self, table: Table) -> Table:
        """The baseline's boards with something new or resolved, at most ``_LISTED``: a
        board whose findings are all unchanged says nothing new, and 10,000 rows would
        make the page slow (the explorer counts what is new per board; the workbook and
        summary.json list every board)."""
        if table.key != "baseline":
            return table
        changed = [
            row for row in table.rows[1:] if row[1] != (0, "count") or row[2] != (0, "count")
        ]
        rows = [table.rows[0], *changed[:_LISTED]]
        if len(changed) > _LISTED:
            more = say("page.more_boards", self.lang, n=len(changed) - _LISTED)
            rows.append((more, None, None, None))
        return Table(table.key, table.title, table.intro, table.header, rows)

    def baseline_data(self) -> dict | None:
        """Per board, the fingerprints of its findings new since the previous run."""
        baseline = self.batch.summary.get("baseline")
        if not baseline:
            return None
        return {
            board["board"]: [finding["fingerprint"] for finding in board["new"]]
            for board in baseline["boards"]
        }

    def section(self, key: str, body: str, title: str | None = None) -> str:
        table = self.tables.get(key)
        heading = title or (table.title if table else key)
        intro = f"<p>{self.text(table.intro)}</p>" if table and table.intro else ""
        return (
            f'<section id="{key}" aria-labelledby="h-{key}"><h2 id="h-{key}">'
            f"{self.text(heading)}</h2>{intro}\n{body}\n</section>"
        )

    def subsection(self, table: Table, chart: str = "") -> str:
        intro = f"<p>{self.text(table.intro)}</p>" if table.intro else ""
        table, notes = self.sources_as_notes(table)
        return f"<h3>{self.text(table.title)}</h3>{intro}{chart}{self.table(table)}{notes}"

    def sources_as_notes(self, table: Table) -> tuple[Table, str]:
        """The last column, where each published figure's source is, as numbered notes
        under the table: the same long citation is written once, and the table fits."""
        if table.header[-1] != self.words["source"]:
            return table, ""
        sources: list[str] = []
        rows = []
        for row in table.rows:
            source = row[-1]
            if source and source not in sources:
                sources.append(source)
            rows.append((*row[:-1], f"[{sources.index(source) + 1}]" if source else None))
        header = (*table.header[:-1], self.page["source_short"])
        notes = "".join(f"<li>{self.text(source)}</li>" for source in sources)
        listed = f'<ol class="notes">{notes}</ol>' if sources else ""
        return Table(table.key, table.title, table.intro, header, rows), listed

    def table(self, table: Table) -> str:
        return self.markup(table, [[self.cell(cell) for cell in row] for row in table.rows])

    def markup(self, table: Table, rows: list[list[str]]) -> str:
        if not rows:
            return f'<p class="empty">{self.text(self.page["no_rows"])}</p>'
        numeric = [
            any(isinstance(row[i], tuple) for row in table.rows if i < len(row))
            for i in range(len(table.header))
        ]
        css = [' class="n"' if flag else "" for flag in numeric]
        head = "".join(
            f'<th scope="col"{css[i]}>{self.heading(name)}</th>'
            for i, name in enumerate(table.header)
        )
        body = "\n".join(
            "<tr>"
            + "".join(
                f"<td{(css[i] if i < len(css) else '') or _short(cell)}>{cell}</td>"
                for i, cell in enumerate(row)
            )
            + "</tr>"
            for row in rows
        )
        label = self.text(table.title)
        return (  # focusable, so that a keyboard can scroll it should it ever be too wide
            f'<div class="table" tabindex="0" role="region" aria-label="{label}"><table>'
            f"<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>"
        )

    def cell(self, cell: object) -> str:
        if cell is None:
            return "–"
        if isinstance(cell, tuple):
            value, unit = cell
            if value is None:
                return "–"
            if unit == "amount":
                amount = format_amount(Decimal(str(value)), self.lang)
                return self.text(amounts_kept_whole(amount, self.lang))
            if unit == "ratio":
                return self.text(self.percent(value))
            return self.text(self.number(value))
        return self.text(str(cell))

    def chart(self, title: str, years: list[str], series: list[Series]) -> str:
        if not series:
            return ""
        page = self.page
        svg = trend_chart(
            title, years, series, (self.words["school_year"], page["axis_share"]), self.tick
        )
        legend = "".join(
            f'<li><span class="key{" pub" if line.published else ""} c{self.colour_of(line)}"'
            f' aria-hidden="true"></span>{self.text(line.name)}</li>'
            for line in series
        )
        values = [value for line in series for value in line.values if value is not None]
        low = share_scale(values)[0]
        note = page["markers_published" if any(s.published for s in series) else "markers"]
        if low > 0:
            note = say("page.axis_zoom", self.lang, low=self.tick(low)) + " " + note
        note = self.text(note)
        return (
            f'<figure class="chart">{svg}<figcaption><ul class="legend">{legend}</ul>'
            f'<p class="axis-note">{note}</p></figcaption></figure>'
        )

    def series(
        self, name: str, values: list[float | None], number: int, published: bool = False
    ) -> Series:
        texts = tuple("–" if value is None else self.percent(value) for value in values)
        colour = PALETTE[number % len(PALETTE)]
        return Series(name, tuple(values), texts, colour, published)

    def colour_of(self, line: Series) -> int:
        return PALETTE.index(line.colour)

    def years(self) -> list[str]:
        return sorted({row["school_year"] for row in self.batch.summary["monitoring"]})

    def text(self, value: str) -> str:
        """Escaped text. A namespace URI in a reason is an identifier, not a link: written
        with a zero-width space after ``:/`` it can never become one in any viewer."""
        return escape(value).replace("://", ":/&#8203;/")

    def heading(self, value: str) -> str:
        """A column heading, its long words with soft hyphens where they may break: on a
        narrow screen a table of seven columns has no room for "waarschuwing" whole, and
        breaking it anywhere gives "waars / chuwi / ng"."""

        def soften(word: re.Match[str]) -> str:
            points = self.breaks.get(word[0].lower())
            return _hyphenated(word[0], points) if points else word[0]

        return _WORD.sub(soften, self.text(value))

    def title(self, rule: str) -> str:
        catalogue = self.batch.catalogue
        return render_title(rule, catalogue, self.lang) if rule in catalogue.rules else ""

    def severity(self, severity: str) -> str:
        return say(f"severity.{severity}", self.lang)

    def school_type(self, code: str) -> str:
        names = self.batch.catalogue.domain.school_types.get(code)
        return f"{code} ({names.in_language(self.lang)})" if names else code

    def number(self, value: int) -> str:
        return format_number(Decimal(value), self.lang)

    def percent(self, value: float) -> str:
        """A share as a percentage with one decimal; a figure given to four places (the
        ministry publishes 99,22%) keeps its second."""
        exact = Decimal(str(value))
        hundredths = exact * 100
        if exact.as_tuple().exponent >= -4 and hundredths != hundredths.quantize(Decimal("0.1")):
            return format_number(hundredths, self.lang) + "%"
        return format_percentage(exact, self.lang)

    def tick(self, value: float) -> str:
        return format_percentage(Decimal(str(round(value, 4))), self.lang).replace(",0%", "%")
