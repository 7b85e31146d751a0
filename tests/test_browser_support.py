"""The shared browser support finds what it is meant to find: an audit that always came
back empty would make every accessibility test pass for nothing."""

from __future__ import annotations


def test_axe_reports_an_image_without_text_and_passes_a_clean_page(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head>'
        '<body><main><h1>Kop</h1><img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    good = tmp_path / "good.html"
    good.write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head>'
        "<body><main><h1>Kop</h1><p>Tekst</p></main></body></html>",
        encoding="utf-8",
    )
    browser.open(bad.as_uri())
    assert any(line.startswith("image-alt") for line in browser.axe_violations())
    browser.open(good.as_uri())
    assert browser.axe_violations() == []
    desktop, phone = browser.screenshots("browser-support")
    assert desktop.stat().st_size > 0 and phone.stat().st_size > 0


def test_a_missing_browser_fails_under_ci_and_skips_elsewhere(monkeypatch):
    import pytest
    from browser import unavailable

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI: no chromium"):
        unavailable("no chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        unavailable("no chromium")
