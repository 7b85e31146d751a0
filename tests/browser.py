"""A real browser for the tests: Debian's headless chromium driven by Selenium through
Debian's chromedriver, with axe-core (from npm) injected to audit accessibility.

Shared by every test that looks at a page (the web server's, the batch's HTML report).
Use the ``browser`` fixture (re-exported by conftest.py)::

    def test_page(browser):
        browser.open(url)                      # http://127.0.0.1:... or file://...
        assert browser.axe_violations() == []
        browser.screenshots("report")          # desktop and phone width, in .cache/screenshots

Nothing is downloaded at run time: the browser and driver come from apt, axe-core from
``npm install`` (see .ci/run). Under CI (``CI=true``) a missing browser or axe-core fails
the test; on a developer's machine it skips with the reason and the command that fixes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / ".cache" / "screenshots"
AXE_PLACES = (
    REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js",
    REPO / "node_modules" / "axe-core" / "axe.min.js",
)
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVERS = ("/usr/bin/chromedriver",)
# Flags that work in this sandbox and keep chromium from reaching for the network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--lang=nl-NL",
)
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
DESKTOP, PHONE = (1280, 900), (390, 844)
INSTALL_HINT = (
    "apt-get install -y chromium chromium-driver && "
    "npm install --no-save --prefix .cache/npm axe-core@4"
)


def unavailable(reason: str) -> None:
    """Fail under CI (a browser test that cannot run there is a broken CI), else skip."""
    message = f"{reason} (install: {INSTALL_HINT})"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


def _first(paths: tuple[str | Path, ...], what: str) -> Path:
    for path in paths:
        if Path(path).exists():
            return Path(path)
    found = shutil.which(Path(paths[0]).name)
    if found:
        return Path(found)
    unavailable(f"no {what} found at {', '.join(map(str, paths))}")
    raise AssertionError  # unreachable: unavailable() skips or fails


# Where in the page each amount's currency sign and the first digit after it are drawn:
# the tops of the boxes of "€", the space and that digit (one top: on one line).
_AMOUNT_LINES = """
const tops = [];
const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (let at = node.data.indexOf('\u20ac'); at >= 0; at = node.data.indexOf('\u20ac', at + 1)) {
    if (at + 3 > node.data.length) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 3);
    tops.push([node.data.substr(at, 12), [...range.getClientRects()].map(r => Math.round(r.top))]);
  }
}
return tops;
"""


class Browser:
    """One chromium session; the methods a test of a page needs, nothing more."""

    def __init__(self, driver, axe_source: str) -> None:
        self.driver = driver
        self._axe = axe_source

    def open(self, url: str) -> None:
        self.driver.get(url)

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str = "body") -> str:
        return self.find(css).text

    def axe_violations(self, tags: tuple[str, ...] = WCAG_AA) -> list[str]:
        """axe-core's violations of the page as shown, one line each (rule: nodes)."""
        self.driver.execute_script(self._axe)
        self.driver.set_script_timeout(60)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' - ' +"
            " v.nodes.map(n => n.target.join(' ')).join(', '))))"
            ".catch(e => done(['axe failed: ' + e]));",
            list(tags),
        )
        return list(result)

    def screenshots(self, name: str) -> list[Path]:
        """The page at desktop and phone width, full height, as PNGs; the window is put
        back to desktop width afterwards."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        written = []
        for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
            self.driver.set_window_size(width, height)
            full = self.driver.execute_script(
                "return Math.max(document.documentElement.scrollHeight, arguments[0]);", height
            )
            self.driver.set_window_size(width, min(int(full) + 120, 6000))
            path = SCREENSHOTS / f"{name}-{label}.png"
            self.driver.save_screenshot(str(path))
            written.append(path)
        self.driver.set_window_size(*DESKTOP)
        return written

    def amounts_broken(self, widths: range) -> tuple[list[str], int]:
        """At each window width, the amounts (from their euro sign on) drawn over two
        lines, as "width: text"; and how many amounts were looked at in all. The window is
        put back to desktop width afterwards."""
        broken, seen = [], 0
        try:
            for width in widths:
                self.driver.set_window_size(width, DESKTOP[1])
                for amount, tops in self.driver.execute_script(_AMOUNT_LINES):
                    seen += 1
                    if len(set(tops)) > 1:
                        broken.append(f"{width}px: {amount}")
        finally:
            self.driver.set_window_size(*DESKTOP)
        return broken, seen

    def press_tab_until(self, css: str, limit: int = 40):
        """Tab through the page until the element matching ``css`` has focus, as a
        keyboard user would; fails when it is never reached."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        target = self.find(css)
        for _ in range(limit):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            if self.driver.switch_to.active_element == target:
                return target
        raise AssertionError(f"{css} never got the keyboard focus in {limit} tabs")


def start_browser(profile: Path) -> Browser:
    """A fresh headless chromium with its own profile folder; skips or fails when the
    browser, its driver, Selenium or axe-core is missing."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed")
    binary = _first(BROWSERS, "chromium")
    driver_path = _first(DRIVERS, "chromedriver")
    axe = next((path for path in AXE_PLACES if path.exists()), None)
    if axe is None:
        unavailable(f"no axe-core at {AXE_PLACES[0]}")
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(driver_path)))
    driver.set_page_load_timeout(60)
    return Browser(driver, axe.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One browser for the whole test session (starting chromium takes a second or two)."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    session = start_browser(profile)
    try:
        yield session
    finally:
        session.driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
