"""What a reviewer opens after a batch: the workbook, the CSV, the ministry's figures in
summary.json and the report's words, and the registry that makes adding a format one
module and one line."""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest
import yaml
from conftest import COMPLIANT_YEAR, REPO

from compliance.batch import writers
from compliance.batch.monitoring import load_monitoring, monitoring_path
from compliance.batch.writers.base import Batch, Filing, Targets
from compliance.batch.writers.report_html import ReportHtml
from compliance.datafiles import DataFileError
from compliance.words import say

PUBLISHED = yaml.safe_load((REPO / "rules" / "monitoring.yaml").read_text())["published"]


def _year(**facts: object) -> dict:
    year = copy.deepcopy(COMPLIANT_YEAR)
    year["facts"].update(facts)
    return year


def _school(brin: str, school_type: str, years: dict) -> dict:
    return {"brin": brin, "type": school_type, "name": f"School {brin}", "years": years}


# Three boards over two school years: board 01234 has one of its two workload plans without
# the team consultation (so the board does not comply, though half its plans do).
BOARDS = {
    "01234": (
        "Stichting Nul",
        [
            _school("12AB", "BAO", {"2022-2023": _year(WorkloadTeamConsultationHeld=False)}),
            _school("13AB", "SBO", {"2022-2023": _year(), "2021-2022": _year()}),
        ],
    ),
    "41000": (
        "Stichting Een",
        [_school("14AB", "SO", {"2022-2023": _year(NpoCouncilConsent=False)})],
    ),
    "41001": ("Stichting Twee", [_school("15AB", "BAO", {"2022-2023": _year()})]),
}


@pytest.fixture
def batch_out(cli, tmp_path, filing) -> Path:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for number, (name, schools) in BOARDS.items():
        spec = {"board": number, "name": name, "schools": schools}
        (folder / f"b{number}.xbrl").write_bytes(filing(spec))
    cli("batch", folder, "--out", out)
    return out


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


def _results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


# -- the ministry's way of counting ---------------------------------------------------------


def test_board_shares_count_a_board_once_and_only_when_all_its_plans_comply(batch_out):
    shares = _summary(batch_out)["ministry"]["board_shares"]
    row = next(r for r in shares if r["school_year"] == "2022-2023" and r["rule"] == "WDM-001")
    assert (row["boards"], row["complying"]) == (3, 2)  # 01234 has one plan that fails
    plans = next(
        entry
        for r in _summary(batch_out)["monitoring"]
        if r["school_year"] == "2022-2023" and r["school_type"] == "BAO"
        for entry in r["process_rules"]
        if entry["rule"] == "WDM-001"
    )
    assert (plans["plans"], plans["complying"]) == (2, 1)  # plan level: 12AB fails, 15AB not


def test_published_figures_stand_beside_the_batch_with_source_year_and_population(batch_out):
    shares = _summary(batch_out)["ministry"]["board_shares"]
    for entry in PUBLISHED["board_shares"]:
        row = next(
            r
            for r in shares
            if r["school_year"] == entry["school_year"] and r["rule"] == entry["rule"]
        )
        assert row["published"]["value"] == entry["share"]
        assert row["published"]["source"] == PUBLISHED["sources"][entry["source"]]
        assert row["published"]["published_year"] == entry["published_year"]
        assert row["published"]["population"] == entry["population"]


def test_sector_shares_add_up_the_school_types_of_each_sector(batch_out):
    rows = _summary(batch_out)["ministry"]["sector_shares"]
    current = {r["sector"]: r for r in rows if r["school_year"] == "2022-2023"}
    assert (current["po"]["schools"], current["po"]["complying"]) == (3, 3)  # BAO + SBO
    assert (current["vso"]["schools"], current["vso"]["complying"]) == (1, 0)  # SO
    assert "vo" not in current  # no VO school in this batch, nothing published for the year
    published = {r["sector"]: r["published"]["value"] for r in rows if r["published"]}
    assert published == {e["sector"]: e["share"] for e in PUBLISHED["sector_shares"]}


def test_personnel_split_and_funds_received_per_year_beside_the_national_amount(batch_out):
    ministry = _summary(batch_out)["ministry"]
    facts = COMPLIANT_YEAR["facts"]
    personnel, materials = (
        float(facts["WorkloadSpendingPersonnel"]),
        float(facts["WorkloadSpendingMaterials"]),
    )
    split = next(r for r in ministry["personnel_split"] if r["school_year"] == "2022-2023")
    assert split["personnel"] == 4 * personnel
    assert split["other"] == 4 * materials
    assert split["personnel_share"] == round(personnel / (personnel + materials), 6)
    funds = {r["school_year"]: r for r in ministry["funds_received"]}
    assert funds["2022-2023"]["amount"] == 4 * float(facts["WorkloadFundsReceived"])
    assert funds["2021-2022"]["amount"] == float(facts["WorkloadFundsReceived"])
    national = {e["school_year"]: e["amount"] for e in PUBLISHED["funds_received"]}
    assert funds["2022-2023"]["national"] == national["2022-2023"]
    assert funds["2018-2019"]["plans"] == 0 and funds["2018-2019"]["amount"] is None


def test_a_published_figure_for_a_sector_the_definition_does_not_count_is_refused(
    tmp_path, catalogue
):
    text = monitoring_path(catalogue).read_text().replace("{sector: vo,", "{sector: mbo,")
    path = tmp_path / "monitoring.yaml"
    path.write_text(text)
    with pytest.raises(DataFileError, match="mbo"):
        load_monitoring(catalogue, path)


# -- the workbook and the CSV ---------------------------------------------------------------


def test_the_workbook_has_typed_findings_a_summary_and_boards(batch_out):
    book = openpyxl.load_workbook(batch_out / "findings.xlsx")
    assert book.sheetnames == [
        say(f"report.sheet_{s}", "nl") for s in ("summary", "findings", "boards")
    ]
    findings = book[say("report.sheet_findings", "nl")]
    header = [cell.value for cell in findings[1]]
    assert header[:4] == ["bestuursnummer", "bestuur", "school", "schoolsoort"]
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref.startswith("A1:")
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in findings.iter_rows(2)]
    expected = [(r["board"], f["rule"]) for r in _results(batch_out) for f in r["findings"]]
    assert [(row["bestuursnummer"], row["regel"]) for row in rows] == expected
    assert all(isinstance(row["bestuursnummer"], str) for row in rows)  # 01234 keeps its 0
    assert "01234" in {row["bestuursnummer"] for row in rows}

    boards = book[say("report.sheet_boards", "nl")]
    numbers = [row[0].value for row in boards.iter_rows(2)]
    assert numbers == [r["board"] for r in _results(batch_out)]

    summary = book[say("report.sheet_summary", "nl")]
    cells = [cell.value for row in summary.iter_rows() for cell in row if cell.value is not None]
    assert PUBLISHED["board_shares"][0]["share"] in cells  # the published figures are there
    assert PUBLISHED["funds_received"][-1]["amount"] in cells
    counts = _summary(batch_out)["counts"]
    assert counts["inputs"] in cells


def test_amounts_and_ratios_are_numbers_shown_the_dutch_way(cli, tmp_path, filing, board_spec):
    year = board_spec["schools"][0]["years"]["2022-2023"]
    year["lines"][0]["NpoInterventionExternalSpending"] = "10000.00"  # NPO-007: 37,5%
    year["lines"][1]["NpoInterventionExternalSpending"] = "20000.00"
    year["facts"]["LabourMarketAllowancePaid"] = "1234.50"  # NPO-009: no school is eligible
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.xbrl").write_bytes(filing(board_spec))
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "arbeidsmarkttoelage.csv").write_text("school_year,brin\n")
    cli("batch", tmp_path / "in", "--out", tmp_path / "out", "--reference-dir", reference)
    sheet = openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx").worksheets[1]
    header = [cell.value for cell in sheet[1]]
    rows = {row[header.index("regel")].value: row for row in sheet.iter_rows(2)}
    ratio = rows["NPO-007"][header.index("verhouding")]
    assert ratio.value == 30000 / 80000 and ratio.number_format == "0.0%"
    amount = rows["NPO-009"][header.index("bedrag")]
    assert amount.value == 1234.5 and "#,##0.00" in amount.number_format

    with open(tmp_path / "out" / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        csv_rows = {row["regel"]: row for row in csv.DictReader(handle, delimiter=";")}
    assert csv_rows["NPO-007"]["verhouding"] == "0,375"  # a Dutch decimal comma
    assert csv_rows["NPO-009"]["bedrag"] == "1234,5"


def test_the_csv_has_the_columns_and_rows_of_the_workbook(batch_out):
    sheet = openpyxl.load_workbook(batch_out / "findings.xlsx").worksheets[1]
    with open(batch_out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == [cell.value for cell in sheet[1]]
    text = [[str(c.value) if c.value is not None else "" for c in r] for r in sheet.iter_rows(2)]
    assert [row[:9] for row in rows[1:]] == [row[:9] for row in text]


# -- report.html ----------------------------------------------------------------------------


def _report(summary: dict, catalogue, tmp_path: Path) -> str:
    handle = open(tmp_path / "report.html", "w", encoding="utf-8")  # noqa: SIM115
    writer = ReportHtml(lambda name, encoding: handle, "nl")
    monitoring = load_monitoring(catalogue)
    writer.finish(Batch(summary, [], catalogue, monitoring, "nl"))
    handle.close()
    return (tmp_path / "report.html").read_text()


def test_the_report_says_loudly_which_rule_was_not_judged_and_why(batch_out, catalogue, tmp_path):
    summary = _summary(batch_out)
    reason = "er is geen lijst met scholen die de toelage mogen betalen gegeven."
    summary["run"]["not_judged"] = [{"rule": "NPO-009", "reason": reason, "filings": 3}]
    html = _report(summary, catalogue, tmp_path)
    notice = re.search(r'<p class="notice"[^>]*><strong>([^<]*)</strong>', html).group(1)
    assert "NPO-009" in notice and "3 aanleveringen" in notice and reason in notice


def test_the_report_names_the_run_and_its_reference_data(batch_out, catalogue, tmp_path):
    summary = _summary(batch_out)
    summary["run"]["reference"] = [{"name": "arbeidsmarkttoelage.csv", "sha256": "ab" * 32}]
    summary["run"]["not_judged"] = []  # as with a list given: every rule judged
    html = _report(summary, catalogue, tmp_path)
    header = html[html.index("<header") : html.index("</header>")]
    assert summary["run"]["tool_version"] in header
    assert summary["rule_set"] in header
    assert "arbeidsmarkttoelage.csv" in header
    assert 'class="notice"' not in header  # nothing to warn about


def test_each_line_about_the_run_is_a_what_and_its_value(batch_out, catalogue, tmp_path):
    """The run's table has two headings (what, value): a reference file with its hash, or a
    rule not judged with why and for how many filings, is one value under them, in the
    report and in the workbook's summary sheet alike, not cells trailing past the header."""
    summary = _summary(batch_out)
    summary["run"]["reference"] = [{"name": "arbeidsmarkttoelage.csv", "sha256": "ab" * 32}]
    reason = "er is geen lijst met scholen die de toelage mogen betalen gegeven."
    summary["run"]["not_judged"] = [{"rule": "NPO-009", "reason": reason, "filings": 3}]
    html = _report(summary, catalogue, tmp_path)
    section = html[html.index('<section id="run"') :]
    section = section[: section.index("</section>")]
    headings = re.findall(r"<th\b", section)
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)[1:]
    assert len(headings) == 2 and rows
    assert all(len(re.findall(r"<td\b", row)) == 2 for row in rows)
    cells = [re.sub(r"<[^>]+>|\u00ad|&#8203;", "", row) for row in rows]
    assert any("arbeidsmarkttoelage.csv" in c and "ab" * 32 in c for c in cells)
    assert any("NPO-009" in c and reason in c and "3 aanleveringen" in c for c in cells)
    sheet = openpyxl.load_workbook(batch_out / "findings.xlsx").worksheets[0]
    title = say("report.run", "nl")
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(values) if row[0] == title)
    for row in values[start + 2 :]:
        if row[0] is None:
            break
        assert all(cell is None for cell in row[2:]), row


def test_the_reports_script_and_style_are_the_only_ones_its_policy_allows(batch_out):
    html = (batch_out / "report.html").read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy


# -- the registry ---------------------------------------------------------------------------


class BoardList:
    """A toy format: one board number per line."""

    files: ClassVar[tuple[str, ...]] = ("boards.txt",)

    def __init__(self, targets: Targets, lang: str) -> None:
        self.handle = targets("boards.txt", "utf-8")

    @staticmethod
    def piece(filing: Filing, catalogue, lang: str) -> str:
        return filing.result["board"] or ""

    def add(self, piece: str) -> None:
        self.handle.write(piece + "\n")

    def finish(self, batch: Batch) -> None:
        self.handle.write(f"{batch.summary['counts']['inputs']}\n")


def test_a_new_output_format_is_one_class_and_one_registry_line(cli, tmp_path, filing, monkeypatch):
    monkeypatch.setattr(writers, "WRITERS", (*writers.WRITERS, BoardList))
    folder = tmp_path / "in"
    folder.mkdir()
    for number, (name, schools) in BOARDS.items():
        spec = {"board": number, "name": name, "schools": schools}
        (folder / f"b{number}.xbrl").write_bytes(filing(spec))
    cli("batch", folder, "--out", tmp_path / "out")
    assert (tmp_path / "out" / "boards.txt").read_text().split() == [*sorted(BOARDS), "3"]
    assert not list((tmp_path / "out").glob(".*.tmp"))  # committed like every other file


# -- waivers and last year, in the report and the workbook --------------------------------


def test_waived_findings_are_counted_apart_in_the_workbook_and_the_report(cli, tmp_path, batch_out):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        'waivers:\n  - board: "01234"\n    school: 12AB\n    rule: WDM-001\n'
        '    reason: "Toegelicht in de brief"\n    granted_by: j.jansen\n'
        "    expires: 2099-07-31\n"
        '  - board: "41001"\n    rule: NPO-*\n    reason: "Niets"\n    granted_by: j.jansen\n'
        "    expires: 2099-07-31\n"
    )
    out = tmp_path / "waived"
    cli("batch", tmp_path / "in", "--out", out, "--waivers", waivers)
    boards = openpyxl.load_workbook(out / "findings.xlsx").worksheets[2]
    header = [cell.value for cell in boards[1]]
    rows = {row[0].value: row for row in boards.iter_rows(2)}
    assert rows["01234"][header.index("met ontheffing")].value == 1
    (result,) = [r for r in _results(out) if r["board"] == "01234"]
    counting = [f for f in result["findings"] if not f["waiver"]]
    assert rows["01234"][header.index("bevindingen")].value == len(counting)
    assert len(counting) == len(result["findings"]) - 1

    html = (out / "report.html").read_text()
    assert 'id="waivers"' in html and "Toegelicht in de brief (j.jansen, 2099-07-31)" in html
    summary = _summary(out)
    assert summary["counts"]["waived"] == 1
    assert len(summary["waivers"]["unused"]) == 1
    cells = [
        c.value
        for row in openpyxl.load_workbook(out / "findings.xlsx").worksheets[0].iter_rows()
        for c in row
    ]
    assert say("report.waived_filings", "nl") in cells


def test_the_report_and_workbook_show_what_is_new_since_the_previous_run(
    cli, tmp_path, batch_out, filing
):
    name, schools = BOARDS["41001"]
    broken = copy.deepcopy(schools)
    broken[0]["years"]["2022-2023"]["facts"]["WorkloadStaffCouncilConsent"] = False
    (tmp_path / "in" / "b41001.xbrl").write_bytes(
        filing({"board": "41001", "name": name, "schools": broken})
    )
    out = tmp_path / "again"
    cli("batch", tmp_path / "in", "--out", out, "--baseline", batch_out)
    baseline = _summary(out)["baseline"]
    assert baseline["totals"]["new"] == 1

    html = (out / "report.html").read_text()
    assert 'id="baseline"' in html and 'id="f-change"' in html
    data = json.loads(
        re.search(r'id="report-data">(.*?)</script>', html, re.S).group(1).replace("\\u003c", "<")
    )
    (new,) = data["baseline"]["41001"]
    (board,) = [b for b in data["boards"] if b[0] == "41001"]
    assert [f[9] for f in board[4]] == [new]  # the explorer can mark it new
    cells = [
        c.value
        for row in openpyxl.load_workbook(out / "findings.xlsx").worksheets[0].iter_rows()
        for c in row
    ]
    assert say("report.baseline", "nl") in cells and "41001" in cells


@pytest.mark.parametrize(
    ("external", "under"),
    [
        ("25000000000000000", 0),  # exactly 0.25: not under (and no NPO-007 either)
        ("25000000000000001", 0),  # 0.25000000000000001: over, though a double says 0.25
        ("24999999999999999", 1),  # a hair under
    ],
)
def test_the_share_under_the_signal_is_exact_on_18_digit_amounts(
    cli, tmp_path, filing, board_spec, external, under
):
    year = board_spec["schools"][0]["years"]["2022-2023"]
    year["facts"]["NpoFundsReceived"] = "100000000000000000"
    year["lines"] = [
        {
            "NpoInterventionCode": "B3",
            "NpoInterventionSpending": "100000000000000000",
            "NpoInterventionExternalSpending": external,
        }
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.xbrl").write_bytes(filing(board_spec))
    cli("batch", tmp_path / "in", "--out", tmp_path / "out")
    (row,) = _summary(tmp_path / "out")["monitoring"]
    assert row["npo_external_share"]["plans"] == 1
    assert row["npo_external_share"]["under_signal"] == under
    rules = {f["rule"] for r in _results(tmp_path / "out") for f in r["findings"]}
    assert ("NPO-007" in rules) == (external > "25000000000000000")
