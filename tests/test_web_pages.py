"""The self-check page as a school board's finance officer uses it, in a real browser:
upload each sample (file picker, keyboard, drag and drop), read the findings, switch to
English, open a rule's page, and get a clear page for a broken or hostile file. Every kind
of page passes axe-core's WCAG 2.1 AA audit; screenshots land in .cache/screenshots."""

from __future__ import annotations

import base64
import time

import pytest
import yaml
from web_server import REFERENCE, running_server

SAMPLES = REFERENCE.parent.parent / "samples"
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
HOSTILE = (
    '<?xml version="1.0"?><!DOCTYPE xbrli:xbrl [<!ENTITY lol "lol">]>'
    '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&lol;</xbrli:xbrl>'
)


@pytest.fixture(scope="module")
def site():
    with running_server() as url:
        yield url


def _upload(browser, site, path, lang="nl"):
    browser.open(f"{site}/?lang={lang}")
    browser.find("input[type=file]").send_keys(str(path))
    _submit_and_wait(browser, browser.find("form.upload button[type=submit]").click)


def _submit_and_wait(browser, action, limit=30.0):
    """Do ``action`` and wait until the next page has replaced this one. The old page is
    marked with a script variable rather than held by an element reference: asking chromedriver
    about an element while the document changes can fail with errors other than "stale"."""
    from selenium.common.exceptions import WebDriverException

    browser.driver.execute_script("window.__pageBeforeSubmit = true;")
    action()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            replaced = browser.driver.execute_script(
                "return !window.__pageBeforeSubmit && document.readyState === 'complete';"
            )
        except WebDriverException:  # the document is changing under the question: ask again
            replaced = False
        if replaced:
            _wait_for(browser, "main h1")
            return
        time.sleep(0.05)
    raise AssertionError("the page was not replaced")


def _wait_for(browser, css, limit=30.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if browser.find_all(css):
            return
        time.sleep(0.1)
    raise AssertionError(f"{css} never appeared")


def _assert_accessible(browser):
    assert browser.axe_violations() == []


def test_upload_page_is_dutch_accessible_and_switches_to_english(browser, site):
    browser.open(site)
    assert browser.driver.find_element("css selector", "html").get_attribute("lang") == "nl"
    assert "Controleer uw bestedingsplan" in browser.text("h1")
    _assert_accessible(browser)
    browser.screenshots("upload")
    _submit_and_wait(browser, browser.find("a.switch").click)
    _wait_for(browser, "html[lang=en]")
    assert "Check your spending plan" in browser.text("h1")
    _assert_accessible(browser)


@pytest.mark.parametrize(
    "name", ["compliant-one-school.xbrl", "multi-school-problems.xbrl", "structural-problems.xbrl"]
)
def test_each_sample_shows_its_findings_per_school_and_year(browser, site, name, catalogue):
    _upload(browser, site, SAMPLES / name)
    expected = EXPECTED[name]["findings"]
    findings = browser.find_all("article.finding")
    assert len(findings) == len(expected)
    shown = {(f.find_element("css selector", ".rule-id").text) for f in findings}
    assert shown == {line.split()[0] for line in expected}
    if not expected:
        assert "Voldoet" in browser.text(".status")
        return
    summary = browser.text(".status")
    assert f"{len(expected)} bevinding" in summary
    for finding in findings:  # each says what is wrong, what to do, and links its rule
        rule_id = finding.find_element("css selector", ".rule-id").text
        assert finding.find_element("css selector", ".message").text
        advice = finding.find_element("css selector", ".advice").text
        assert advice == catalogue.rules[rule_id].advice.nl
        link = finding.find_element("css selector", ".rule-link a")
        assert (
            link.get_attribute("href")
            .split("?")[0]
            .endswith("/rules/" + finding.find_element("css selector", ".rule-id").text)
        )


def test_result_with_findings_reads_the_dutch_way_and_is_accessible(browser, site):
    _upload(browser, site, SAMPLES / "multi-school-problems.xbrl")
    headings = [h.text for h in browser.find_all("section.group h2")]
    assert any(h.startswith("School 23CD") and "schooljaar 2022-2023" in h for h in headings)
    text = browser.text("main")
    assert "€ " in text and "," in text  # amounts as € 81.250,00
    assert "overtreding" in browser.text(".status")
    _assert_accessible(browser)
    browser.screenshots("result")


@pytest.mark.parametrize("page", ["result", "rule"])
def test_an_amount_never_breaks_after_its_euro_sign(browser, site, page):
    """On a phone a message wraps; "€" at the end of one line and "81.250,00" at the start
    of the next reads as two things. At every width from a small phone to a large one, each
    amount's sign and its number are drawn on one line: on a result page, and on the page
    of a rule whose condition and example cite amounts."""
    if page == "result":
        _upload(browser, site, SAMPLES / "multi-school-problems.xbrl")
    else:
        browser.open(f"{site}/rules/NPO-007?lang=nl")
    broken, seen = browser.amounts_broken(range(300, 481, 6))
    assert seen and broken == []  # the page does cite amounts, and none breaks


def test_result_in_english_after_switching(browser, site):
    _upload(browser, site, SAMPLES / "multi-school-problems.xbrl", lang="en")
    assert browser.text("h1") == "Result of the check"
    assert "finding" in browser.text(".status")
    assert any("school year" in h.text for h in browser.find_all("section.group h2"))


def test_rule_page_from_a_finding_shows_thresholds_provenance_and_examples(
    browser, site, catalogue
):
    _upload(browser, site, SAMPLES / "multi-school-problems.xbrl")
    link = next(
        a
        for a in browser.find_all(".rule-link a")
        if a.get_attribute("href").split("?")[0].endswith("NPO-007")
    )
    _submit_and_wait(browser, link.click)
    _wait_for(browser, "table.parameters")
    assert browser.text("h1").startswith("NPO-007")
    table = browser.text("table.parameters")
    assert "2022-2023" in table and "25%" in table and "50%" in table
    source = catalogue.parameters["npo.external_share.signal"].source
    assert source.nl in browser.text(".provenance")  # the page speaks Dutch
    assert source.en not in browser.text(".provenance")
    assert len(browser.find_all(".examples > li")) == len(catalogue.rules["NPO-007"].cases)
    example = browser.text("blockquote.example")  # the message as a filer would read it
    assert "(€ 10.000,01 van € 40.000,00) gaat naar externe partijen" in example
    assert "{" not in example
    _assert_accessible(browser)
    browser.screenshots("rule")


def test_a_rule_on_the_menukaart_lists_its_interventions_and_where_they_come_from(
    browser, site, catalogue
):
    """A board told that a code is not on the menukaart opens the rule and finds the
    menukaart itself: each version from its date, with every intervention (code, name,
    doelgebied) and where the version and the list come from."""
    browser.open(f"{site}/rules/NPO-004?lang=nl")
    _wait_for(browser, "section.reference")
    menukaart = catalogue.menukaart
    text = browser.text("main")
    assert menukaart.source.nl in text and menukaart.source.en not in text
    tables = browser.find_all("details.interventions")
    assert len(tables) == len(menukaart.versions.entries)
    for (_, version), details in zip(menukaart.versions.entries, tables, strict=True):
        assert version.source.nl in text
        details.find_element("css selector", "summary").click()
        rows = [
            [cell.text for cell in row.find_elements("css selector", "td")]
            for row in details.find_elements("css selector", "tbody tr")
        ]
        assert [row[0] for row in rows] == list(version.doelgebied_of)
        for code, name, doelgebied in rows:
            letter = version.doelgebied_of[code]
            assert name == version.names[code]
            assert doelgebied == f"{letter}: {menukaart.doelgebieden[letter].nl}"
    _assert_accessible(browser)
    browser.screenshots("rule-menukaart")
    browser.open(f"{site}/rules/NPO-009?lang=en")
    _wait_for(browser, "section.reference")
    allowance = browser.text("section.reference")  # the server was given the samples' list
    assert "arbeidsmarkttoelage.csv from --reference-dir" in allowance
    assert "DUO's list, given by the user" in allowance


def test_the_rule_page_names_its_examples_in_the_page_language(browser, site, catalogue):
    """A finance officer reading the Dutch page reads the documented cases under their Dutch
    names, in the example message's line too, and no longer marked as English text."""
    cases = catalogue.rules["NPO-007"].cases
    first = next(case for case in cases if case.spec["fires"])
    for lang in ("nl", "en"):
        browser.open(f"{site}/rules/NPO-007?lang={lang}")
        _wait_for(browser, ".examples")
        names = [
            summary.text.rsplit(":", 1)[0] for summary in browser.find_all(".examples > li summary")
        ]
        assert names == [case.name.in_language(lang) for case in cases]
        assert browser.text("q") == first.name.in_language(lang)
        assert not browser.find_all(".examples [lang], q[lang]")
    assert browser.text("q") == "just over 0.25"
    _assert_accessible(browser)


def test_every_rule_has_a_page(browser, site, catalogue):
    browser.open(f"{site}/rules")
    links = [a.get_attribute("href") for a in browser.find_all("table.rules a")]
    assert len(links) == len(catalogue.rules)
    _assert_accessible(browser)
    for href in links:
        browser.open(href)
        rule_id = href.split("/rules/")[1].split("?")[0]
        assert browser.text("h1").startswith(rule_id)
        assert catalogue.rules[rule_id].source["passage"].strip()[:40] in browser.text(".source")


def test_malformed_and_hostile_files_get_a_clear_page(browser, site, tmp_path):
    _upload(browser, site, SAMPLES / "malformed.xbrl")
    assert browser.text("h1") == "Het bestand kon niet worden gelezen"
    assert "geen geldige XML" in browser.text(".reason")
    _assert_accessible(browser)
    browser.screenshots("unreadable")
    hostile = tmp_path / "hostile.xbrl"
    hostile.write_text(HOSTILE, encoding="utf-8")
    _upload(browser, site, hostile)
    assert "geweigerd als onveilig" in browser.text(".reason")


def test_markup_in_a_filing_shows_as_text(browser, site, tmp_path, board_spec, filing):
    board_spec["schools"][0]["name"] = '<b id="injected">Vet</b><script>document.title="x"</script>'
    board_spec["schools"][0]["years"]["2022-2023"]["facts"]["WorkloadTeamConsultationHeld"] = False
    path = tmp_path / "markup.xbrl"
    path.write_bytes(filing(board_spec))
    _upload(browser, site, path)
    assert browser.find_all("#injected") == []
    assert '<b id="injected">Vet</b>' in browser.text("section.group h2")
    assert browser.driver.title != "x"


def test_the_whole_flow_works_with_the_keyboard_alone(browser, site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.open(site)
    picker = browser.press_tab_until("input[type=file]")
    picker.send_keys(str(SAMPLES / "multi-school-problems.xbrl"))  # what the file dialog does
    browser.press_tab_until("form.upload button[type=submit]")

    def enter():
        ActionChains(browser.driver).send_keys(Keys.ENTER).perform()

    _submit_and_wait(browser, enter)
    _wait_for(browser, "article.finding")
    browser.press_tab_until(".rule-link a")
    _submit_and_wait(browser, enter)
    _wait_for(browser, "blockquote.source")
    assert "/rules/" in browser.driver.current_url


def test_a_file_dropped_on_the_form_is_checked(browser, site):
    browser.open(site)
    content = base64.b64encode((SAMPLES / "compliant-one-school.xbrl").read_bytes()).decode()
    browser.driver.execute_script(
        """
        const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "dropped.xbrl", {type: "application/xml"}));
        const zone = document.querySelector("[data-drop]");
        zone.dispatchEvent(
          new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        """,
        content,
    )
    assert "dropped.xbrl" in browser.text("[data-chosen]")
    _submit_and_wait(browser, browser.find("form.upload button[type=submit]").click)
    _wait_for(browser, ".status")
    assert "Voldoet" in browser.text(".status")
    assert "dropped.xbrl" in browser.text(".summary")


def test_every_rule_says_what_a_board_can_do_in_both_languages(catalogue):
    """The result page's "what you can do" comes from the rule file, never a stock text."""
    for rule in catalogue.rules.values():
        assert rule.advice is not None, rule.id
        assert rule.advice.nl.strip() and rule.advice.en.strip(), rule.id
