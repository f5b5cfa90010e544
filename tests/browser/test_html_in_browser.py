"""The HTML report of the bundled example, opened in headless chromium.

Every number of the example article must be highlighted with the verdict the check
gave it, and a click (or a hover) must show where a claim's figure comes from.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import sourcecheck
from sourcecheck.cli import main
from sourcecheck.numbers import extract
from sourcecheck.sources.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
# Debian's chromium and its driver; CI installs both (apt-get install chromium
# chromium-driver). When they are missing these tests fail, they do not skip.
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    for program in (CHROMIUM, CHROMEDRIVER):
        if not Path(program).exists():
            pytest.fail(f"{program} is missing: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


ARTICLE = ROOT / "articles" / "russen-in-servie" / "article.nl.txt"
# What each verdict must look like: the background colours of html.css.
BACKGROUND = {"holds": "rgba(227, 243, 230, 1)", "fails": "rgba(251, 228, 225, 1)",
              "acknowledged": "rgba(253, 240, 207, 1)", "waived": "rgba(236, 235, 232, 1)",
              "unlinked": "rgba(239, 228, 248, 1)"}


@pytest.fixture(scope="module")
def checked():
    return sourcecheck.check(ROOT)


@pytest.fixture(scope="module")
def page(tmp_path_factory, browser):
    output = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["check", str(ROOT), "--format", "html", "--output", str(output)]) in (0, 1)
    browser.set_window_size(1280, 900)
    browser.get(output.as_uri())
    return browser


def expected_verdicts(report) -> dict[int, str]:
    """Mention start -> verdict, worked out from the check's claims and findings alone.

    A number several claims rest on shows the most pressing of their verdicts; a
    waiver counts only where no claim is.
    """
    text = ARTICLE.read_text(encoding="utf-8")
    pressing = ["fails", "acknowledged", "holds", "waived"]
    claims: dict[int, list[str]] = {}
    for claim in report.claims:
        data = claim.to_dict()
        if data["text"] is None:
            continue
        if any(f.fails for f in claim.findings):
            verdict = "fails"
        elif data["verdict"] == "waived":
            verdict = "waived"
        elif any(f.acknowledged for f in claim.findings):
            verdict = "acknowledged"
        else:
            verdict = "holds"
        claims.setdefault(data["text"]["start"], []).append(verdict)
    unlinked = {(f.line, f.column) for f in report.findings if f.code == "SC401"}
    verdicts = {}
    for mention in extract(text, "nl"):
        if mention.start in claims:
            verdicts[mention.start] = min(claims[mention.start], key=pressing.index)
        elif (mention.line, mention.column) in unlinked:
            verdicts[mention.start] = "unlinked"
        else:
            verdicts[mention.start] = "waived"  # a waiver, or a kind that needs no claim
    return verdicts


def test_every_number_is_highlighted_with_its_verdict(page, checked):
    text = ARTICLE.read_text(encoding="utf-8")
    expected = expected_verdicts(checked)
    marked = page.find_elements(By.CSS_SELECTOR, ".text a.num")
    shown = {}
    for element in marked:
        start, end = int(element.get_attribute("data-start")), int(element.get_attribute("data-end"))
        verdict = element.get_attribute("data-verdict")
        assert element.text == text[start:end]
        assert "v-" + verdict in element.get_attribute("class").split()
        assert element.value_of_css_property("background-color") == BACKGROUND[verdict], \
            f"{element.text!r} is not highlighted as {verdict}"
        shown[start] = verdict
    assert shown == expected
    coverage = checked.coverage
    assert len(marked) == coverage.total
    linked = sum(v in ("holds", "fails", "acknowledged") for v in shown.values())
    assert (linked, sum(v == "waived" for v in shown.values()),
            sum(v == "unlinked" for v in shown.values())) == \
        (coverage.linked, coverage.waived, coverage.unlinked)


def panel_text(page) -> str:
    panel = page.find_element(By.ID, "panel")
    WebDriverWait(page, 5).until(lambda _: panel.is_displayed())
    return panel.text


def provenance_of(claim_data) -> dict:
    package = load_catalog(ROOT).packages[claim_data["source"]["package"]]
    return package.provenance


def test_a_click_shows_the_claim_its_record_and_its_provenance(page, checked):
    claim = next(c for c in checked.claims if c.to_dict()["source"] and c.verdict != "waived")
    data = claim.to_dict()
    link = page.find_element(By.CSS_SELECTOR, f'.text a.num[data-claim~="{claim.id}"]')
    page.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    assert not page.find_element(By.ID, "panel").is_displayed()
    link.click()
    shown = panel_text(page)
    provenance = provenance_of(data)
    assert claim.id in shown
    assert f"{data['source']['package']}/{data['source']['resource']}" in shown
    assert provenance["publisher"].split()[0] in shown
    assert "fieldwork" in shown and "sample size" in shown and "comparison" in shown
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    WebDriverWait(page, 5).until(lambda _: not page.find_element(By.ID, "panel").is_displayed())


def test_pointing_at_a_number_shows_its_card(page, checked):
    claims = [c for c in checked.claims if c.to_dict()["source"] and c.verdict != "waived"]
    target = claims[-1]
    link = page.find_element(By.CSS_SELECTOR, f'.text a.num[data-claim~="{target.id}"]')
    page.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    ActionChains(page).move_to_element(link).perform()
    assert target.id in panel_text(page)
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)


def test_readable_on_a_phone(page):
    page.set_window_size(390, 844)
    try:
        overflow = page.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
        link = page.find_element(By.CSS_SELECTOR, ".text a.num[data-claim]")
        page.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        link.click()
        panel = page.find_element(By.ID, "panel")
        WebDriverWait(page, 5).until(lambda _: panel.is_displayed())
        assert panel.rect["width"] <= 390 and panel.rect["x"] >= 0
        page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    finally:
        page.set_window_size(1280, 900)


def test_printed_the_cards_show_and_the_panel_does_not(page):
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        cards = page.find_elements(By.CSS_SELECTOR, ".cards .card")
        assert cards and all(card.is_displayed() for card in cards)
        assert not page.find_element(By.ID, "panel").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
