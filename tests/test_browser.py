"""The live page in a real browser (headless Chromium from Debian, driven by selenium): the map
draws country outlines and incident markers offline, the brief's key points render, a report
posted while the page is open shows up without a reload, and markup in a report is shown as
text. The server runs on a free loopback port over a store seeded with a few demo reports.

Runs whenever Chromium and its driver are installed, and must run in CI (CI=true): there a
missing browser is a failure, elsewhere a skip that says how to install it.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from livedesk.desk import Desk
from livedesk.models import Reading
from livedesk.serve import create_app
from livedesk.serve.assets import default_assets_dir, has_assets
from livedesk.serve.background import BackgroundServer
from livedesk.serve.ingest import ReportReader
from livedesk.settings import load_settings

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
IN_CI = os.environ.get("CI") == "true"
# Seconds to wait for the page to show something; the whole module takes a few seconds.
WAIT = 20
# Posting needs the server's API token; the page itself only reads, without one.
TOKEN = "browser-test-token-0123456789"
SEED_REPORTS = (
    "kep-0228-kharkiv-shelling",
    "nw-0228-kharkiv-shelling",
    "am-0301-kharkiv-grad",
    "kep-0301-freedom-square",
    "nw-0301-tv-tower",
    "rs-0226-refugees",
    "dl-0227-refugees-368k",
)
MYKOLAIV = {
    "id": "live-mykolaiv",
    "outlet": "Test Wire",
    "published": "2022-03-05T09:00:00Z",
    "title": "Missiles hit oil depot in Mykolaiv",
    "text": (
        "Missiles struck an oil depot in Mykolaiv on Saturday, killing three workers, "
        "the regional governor said.\n\nFirefighters fought the blaze for hours."
    ),
}
SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=2">'
MARKUP = {
    "id": "live-markup",
    "outlet": "Test Wire",
    "published": "2022-03-06T09:00:00Z",
    "title": f"Shelling in Sumy {SCRIPT}",
    "text": (
        f"Shelling killed four people in Sumy on Sunday {SCRIPT} and wounded {IMAGE} "
        "nine more, the regional governor said.\n\nRescue teams searched the rubble."
    ),
}


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _need(
        CHROMIUM.exists() and CHROMEDRIVER.exists(),
        f"no browser: {CHROMIUM} or {CHROMEDRIVER} is missing; install them with "
        "'apt-get install chromium chromium-driver'",
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: selenium never looks for (or downloads) a browser of its own.
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(reader, tmp_path_factory):
    from livedesk.demo_data import demo_documents, demo_outlets

    documents = [d for d in demo_documents() if d.id in SEED_REPORTS]
    readings = [r for r in reader.read_many(documents) if isinstance(r, Reading)]
    outlets = demo_outlets()
    path = tmp_path_factory.mktemp("browser") / "desk.sqlite"
    with Desk.open(path, clock=lambda: "2026-03-04T12:00:00Z") as desk:
        desk.add_readings(readings, outlet_of=lambda r: outlets.get(r.id))
        read = ReportReader(load_settings(environ={}), reader=reader)
        app = create_app(desk, read=read, assets_dir=default_assets_dir(), api_token=TOKEN)
        with BackgroundServer(app) as running:
            yield running


@pytest.fixture
def page(browser, server):
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(server.url)
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element("id", "status").get_attribute("data-state") == "live"
    )
    yield browser
    browser.get("about:blank")  # close the page's stream before the server stops


def _wait(driver, condition, message: str):
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message)


def _count(driver, selector: str) -> int:
    return int(driver.execute_script(f"return document.querySelectorAll('{selector}').length"))


def _post(server, report: dict) -> dict:
    response = httpx.post(
        server.url + "api/reports",
        json=report,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    response.raise_for_status()
    body: dict = response.json()
    return body


def test_map_draws_outlines_and_markers_and_key_points_render(page):
    _need(
        has_assets(default_assets_dir()),
        f"map assets missing in {default_assets_dir()}: run 'bash scripts/setup'",
    )
    _wait(page, lambda d: _count(d, "path.country") > 100, "no country outlines drawn")
    _wait(page, lambda d: _count(d, "path.incident-marker") > 0, "no incident markers drawn")
    _wait(page, lambda d: _count(d, "#points li") > 0, "no key points")
    _wait(page, lambda d: _count(d, "#quotes li.quote") > 0, "no quotes listed")
    assert page.find_element("css selector", "#quotes li.quote .speaker").text.strip(" —")
    assert page.find_element("id", "headline").text.strip()
    assert page.find_element("id", "map-note").text == ""  # no "install the assets" notice
    blocked = [
        entry["message"]
        for entry in page.get_log("browser")
        if entry["level"] == "SEVERE" and "Content Security Policy" in entry["message"]
    ]
    assert not blocked, blocked


def test_a_posted_report_appears_in_the_timeline_without_reload(page, server):
    page.execute_script("window.__sameDocument = true")
    assert _post(server, MYKOLAIV)["added"] == [MYKOLAIV["id"]]
    _wait(
        page,
        lambda d: "oil depot in Mykolaiv" in d.find_element("id", "timeline").text,
        "the posted report's incident did not appear in the timeline",
    )
    assert "Missiles hit oil depot in Mykolaiv" in page.find_element("id", "reports").text
    _wait(
        page,
        lambda d: "the regional governor" in d.find_element("id", "quotes").text,
        "the posted report's quote did not reach the quotes panel",
    )
    assert page.execute_script("return window.__sameDocument") is True


def test_markup_in_a_report_is_shown_as_text_and_never_runs(page, server):
    assert _post(server, MARKUP)["added"] == [MARKUP["id"]]
    _wait(
        page,
        lambda d: SCRIPT in d.find_element("id", "timeline").text,
        "the report's text (with its markup, as text) did not appear in the timeline",
    )
    assert SCRIPT in page.find_element("id", "reports").text
    page.find_element("css selector", f'#reports button[data-report="{MARKUP["id"]}"]').click()
    _wait(page, lambda d: IMAGE in d.find_element("id", "report-panel").text, "no report view")
    assert _count(page, 'img[src="x"]') == 0
    assert page.execute_script("return window.__xss === undefined") is True
