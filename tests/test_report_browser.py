"""report.html in a real browser (headless chromium, tests/browser.py): it opens without a
console error, axe-core finds no WCAG 2.1 AA violation, nothing scrolls sideways at 800 px,
and the findings explorer filters, searches, sorts, pages and opens boards as a reviewer
uses it. Screenshots at 1400 and 800 px land in .cache/screenshots for a person to look at.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from browser import SCREENSHOTS
from conftest import COMPLIANT_YEAR

BOARDS = 60  # more than one page of the explorer (50 rows)


def _spec(index: int) -> dict:
    year = copy.deepcopy(COMPLIANT_YEAR)
    if index % 3 == 0:
        year["facts"]["WorkloadStaffCouncilConsent"] = False  # WDM-002
    if index % 4 == 0:
        year["facts"]["NpoCouncilConsent"] = False  # NPO-003
    school = {
        "brin": f"{10 + index % 90:02d}AB",
        "type": "BAO" if index % 2 else "SO",
        "name": f"School {index}",
        "years": {"2022-2023": year},
    }
    return {"board": f"{40000 + index}", "name": f"Stichting {index:02d}", "schools": [school]}


@pytest.fixture(scope="module")
def report(tmp_path_factory, taxonomy) -> tuple[Path, list[dict]]:
    from click.testing import CliRunner

    from compliance.authoring.instance_writer import write_instance
    from compliance.cli import main

    root = tmp_path_factory.mktemp("report")
    folder, out = root / "in", root / "out"
    folder.mkdir()
    for index in range(BOARDS):
        (folder / f"b{index:03d}.xbrl").write_bytes(write_instance(_spec(index), taxonomy))
    CliRunner().invoke(main, ["batch", str(folder), "--out", str(out)], catch_exceptions=False)
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    return out / "report.html", results


@pytest.fixture
def page(browser, report):
    path, _ = report
    browser.driver.set_window_size(1400, 1000)
    browser.open(path.as_uri())
    browser.driver.get_log("browser")  # start each test with an empty console
    return browser


def _rows(browser) -> list[list[str]]:
    rows = browser.find_all("#boards tbody tr:not(.detail)")
    return [[cell.text for cell in row.find_elements("css selector", "td")] for row in rows]


def _choose(browser, select: str, value: str) -> None:
    browser.driver.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];"
        "s.dispatchEvent(new Event('change'));",
        select,
        value,
    )


def _boards_with(results: list[dict], rule: str) -> list[str]:
    return sorted(r["board"] for r in results if any(f["rule"] == rule for f in r["findings"]))


# The headings that take more lines than they have words and soft hyphens (U+00AD).
_LINES_OVER_BREAKS = """
return [...document.querySelectorAll('th')].filter(th => {
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  const tops = [];
  for (let node; (node = walker.nextNode()); ) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
  }
  tops.sort((a, b) => a - b);
  const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
  const text = th.textContent.trim();
  return lines > text.split(/\\s+/).length + text.split('\\u00ad').length - 1;
}).map(th => th.textContent);
"""


def test_the_report_opens_clean_and_accessible_at_1400_and_800_px(page, report):
    driver = page.driver
    assert page.find("#shown").text  # the script ran to the end
    assert len(_rows(page)) == 50  # one page of boards
    assert page.axe_violations() == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1400, 800):
        driver.set_window_size(width, 1000)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"scrolls sideways at {width} px"
        # nor does any table need scrolling to be read whole
        hidden = driver.execute_script(
            "return [...document.querySelectorAll('div.table')]"
            ".filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.ariaLabel)"
        )
        assert hidden == [], f"tables cut off at {width} px"
        # and a heading word breaks only where Dutch hyphenates it, never inside a syllable:
        # a heading takes at most one line per word and soft hyphen
        broken = driver.execute_script(_LINES_OVER_BREAKS)
        assert broken == [], f"headings broken inside a word at {width} px"
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(int(full) + 100, 12000))
        driver.save_screenshot(str(SCREENSHOTS / f"report-{width}.png"))
    page.find("button.open").click()  # a board opened is readable too
    assert page.axe_violations() == []
    assert driver.get_log("browser") == []


def test_a_filter_by_rule_shows_exactly_the_boards_with_that_rule(page, report):
    _, results = report
    _choose(page, "#f-rule", "WDM-002")
    shown = sorted(row[0].lstrip("▸ ") for row in _rows(page))
    assert shown == _boards_with(results, "WDM-002")
    for row in _rows(page):
        assert row[5] == "1"  # the counts are the filtered findings: one WDM-002 each
    _choose(page, "#f-type", "BAO")
    expected = [b for b in _boards_with(results, "WDM-002") if int(b) % 2]
    assert sorted(row[0].lstrip("▸ ") for row in _rows(page)) == expected
    assert page.driver.get_log("browser") == []


def test_search_by_name_and_sort_by_number(page, report):
    box = page.find("#f-q")
    box.send_keys("stichting 07")
    assert [row[1] for row in _rows(page)] == ["Stichting 07"]
    box.clear()
    box.send_keys(" ")  # an input event with an empty query: every board again
    page.find('#boards th[data-key="number"] button').click()
    numbers = [row[0].lstrip("▸ ") for row in _rows(page)]
    assert numbers == sorted(numbers) and numbers[0] == "40000"
    page.find('#boards th[data-key="number"] button').click()
    assert _rows(page)[0][0].lstrip("▸ ") == f"{40000 + BOARDS - 1}"
    assert page.find('#boards th[data-key="number"]').get_attribute("aria-sort") == "descending"
    page.find("#next").click()
    assert len(_rows(page)) == BOARDS - 50


def test_a_board_opens_to_its_findings_and_the_facts_behind_them(page, report):
    _, results = report
    _choose(page, "#f-rule", "NPO-003")
    button = page.find("button.open")
    board = button.text.lstrip("▸ ")
    button.click()
    assert page.find("button.open").get_attribute("aria-expanded") == "true"
    detail = page.find("#boards tr.detail").text
    (result,) = [r for r in results if r["board"] == board]
    (finding,) = [f for f in result["findings"] if f["rule"] == "NPO-003"]
    assert finding["message"] in detail
    assert finding["facts"][0]["concept"] in detail
    assert result["file"] in detail


def test_a_rule_in_the_per_rule_table_links_to_its_boards(page, report):
    _, results = report
    page.find('#rules a[data-rule="NPO-003"]').click()
    assert page.find("#f-rule").get_attribute("value") == "NPO-003"
    shown = sorted(row[0].lstrip("▸ ") for row in _rows(page))
    assert shown == _boards_with(results, "NPO-003")


def test_an_amount_never_breaks_after_its_euro_sign(page, report):
    """A reviewer narrows the window beside a spreadsheet: each amount in the tables and in
    an opened board's messages keeps its euro sign on the line of its number."""
    _choose(page, "#f-rule", "NPO-003")
    page.find("button.open").click()
    broken, seen = page.amounts_broken(range(600, 1001, 20))
    assert seen and broken == []
