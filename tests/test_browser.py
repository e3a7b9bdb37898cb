"""The site in a real browser: Debian's Chromium driven by Playwright, with axe-core.

The sample is built once and served from a sub-path (`/register/`), as a GitHub
Pages project site would be, so every test also proves that links and the
search bundle work away from the domain root. Without Chromium these tests
skip, except under CI=true, where a missing browser fails the run.
Screenshots go to `test-artifacts/screenshots/` (and to `docs/screenshots/`
with REGISTER_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from generator import factsheet
from generator.site_build import build_site

CHROMIUM = Path(os.environ.get("REGISTER_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SUB_PATH = "/register/"
ARTIFACTS = REPO / "test-artifacts" / "screenshots"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site, built and served under a sub-path on an ephemeral local port."""
    www = tmp_path_factory.mktemp("www")
    build_site(REPO, www / SUB_PATH.strip("/"))

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not installed at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(params=["light"])
def color_scheme(request: pytest.FixtureRequest) -> str:
    """The colour scheme the browser prefers; Material follows it (light or dark palette)."""
    return request.param


@pytest.fixture
def page(browser: Any, color_scheme: str) -> Iterator[Any]:
    """A fresh page that fails the test on script errors or requests to any other host."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=color_scheme
    )
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
            else outside.append(request.url)
        ),
    )
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"
    assert not outside, f"requests to other hosts: {outside}"


def screenshot(page: Any, name: str, *, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    if os.environ.get("REGISTER_UPDATE_SCREENSHOTS") == "1":
        (REPO / "docs" / "screenshots").mkdir(exist_ok=True)
        shutil.copy(path, REPO / "docs" / "screenshots" / name)


def open_browse(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}browse/{query}")
    page.wait_for_selector("#register-search-status:has-text('found')")


def result_count(page: Any) -> int:
    return int(page.inner_text("#register-search-status").split()[0])


def all_results(page: Any) -> list[str]:
    """Every result's text, after loading all pages of results."""
    while page.is_visible("#register-search-more"):
        before = page.locator("#register-search-results > li").count()
        page.click("#register-search-more")
        page.wait_for_function(
            f"document.querySelectorAll('#register-search-results > li').length > {before}"
        )
    return page.locator("#register-search-results > li").all_inner_texts()


def search_for(page: Any, text: str) -> None:
    before = page.inner_text("#register-search-status")
    page.fill("#register-search-input", text)
    page.wait_for_function(
        "before => document.querySelector('#register-search-status').textContent !== before",
        arg=before,
    )


# --- Search ----------------------------------------------------------------------


def test_search_finds_an_offer_by_its_title(page: Any, base_url: str) -> None:
    open_browse(page, base_url)
    search_for(page, "Air-to-Water Heat Pumps")
    link = page.locator("#register-search-results > li > a").first
    assert "Heat Pumps" in link.inner_text()
    link.click()
    page.wait_for_load_state()
    # The result URL keeps the sub-path the site is served from.
    assert page.url == f"{base_url}offers/heat-pump-installation/"


def test_eqf_facet_narrows_results_to_that_level(page: Any, base_url: str) -> None:
    open_browse(page, base_url)
    everything = result_count(page)
    page.check("input[name='eqf'][value='EQF 6']")
    page.wait_for_function(
        f"!document.querySelector('#register-search-status').textContent.startsWith('{everything} ')"
    )
    narrowed = all_results(page)
    assert 0 < len(narrowed) < everything
    assert len(narrowed) == result_count(page)
    assert all("EQF 6" in text for text in narrowed)
    assert "eqf=EQF+6" in page.url
    screenshot(page, "search-eqf-facet.png")


def test_search_in_another_language_finds_the_translated_offer(page: Any, base_url: str) -> None:
    open_browse(page, base_url)
    search_for(page, "Sommerschule")  # only in the German translation of the title
    assert "TRIVIUM Summer School" in page.inner_text("#register-search-results")


def test_withdrawn_offers_only_through_the_status_facet(page: Any, base_url: str) -> None:
    open_browse(page, base_url)
    search_for(page, "forklift")
    assert result_count(page) == 0
    page.check("input[name='status'][value='Withdrawn']")
    page.wait_for_function(
        "document.querySelector('#register-search-status').textContent.startsWith('1 ')"
    )
    assert "Forklift" in page.inner_text("#register-search-results")


def test_sort_by_title(page: Any, base_url: str) -> None:
    open_browse(page, base_url, "?sort=title")
    titles = [
        text.casefold()
        for text in page.locator("#register-search-results > li > a").all_inner_texts()
    ]
    assert len(titles) == 20
    assert titles == sorted(titles)


def test_sort_by_next_start_date(page: Any, base_url: str) -> None:
    from datetime import datetime

    open_browse(page, base_url, "?sort=start")
    facts = page.locator("#register-search-results .register-result__facts").all_inner_texts()
    starts = [
        datetime.strptime(match.group(1), "%d %B %Y")
        for text in facts
        if (match := re.search(r"starts (\d{1,2} \w+ \d{4})", text))
    ]
    assert len(starts) >= 10
    assert starts == sorted(starts)
    # Offers with a date come before those without one.
    dated = ["starts " in text for text in facts]
    assert dated == sorted(dated, reverse=True)


def test_home_search_box_and_chart_links_lead_to_browse(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.fill("#home-search", "nursing")
    page.press("#home-search", "Enter")
    page.wait_for_selector("#register-search-status:has-text('found')")
    assert page.input_value("#register-search-input") == "nursing"
    assert "Medication Safety" in page.inner_text("#register-search-results")

    page.goto(base_url)
    # Chart bars are links that the keyboard reaches like any other.
    page.locator("figure#chart-eqf a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#register-search-status:has-text('found')")
    assert page.is_checked("input[name='eqf'][value='EQF 1']")


def test_first_search_transfers_little(page: Any, base_url: str) -> None:
    """Bytes over the wire: page load with Material's assets, then one query."""
    raw: dict[str, int] = {"load": 0, "query": 0}
    compressed: dict[str, int] = {"load": 0, "query": 0}
    phase = {"name": "load"}

    def record(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests carry no body
            return
        raw[phase["name"]] += len(body)
        # What a compressing static host (GitHub Pages, any CDN) sends; the test server does not.
        compressed[phase["name"]] += len(gzip.compress(body, 6))

    page.on("response", record)
    open_browse(page, base_url)
    page.wait_for_load_state("networkidle")
    phase["name"] = "query"
    search_for(page, "logistics")
    page.wait_for_load_state("networkidle")
    print(
        f"\nsearch transfer, raw: page load {raw['load']} B + first query {raw['query']} B; "
        f"gzip: {compressed['load']} B + {compressed['query']} B"
    )
    assert raw["query"] <= 100_000
    assert compressed["load"] + compressed["query"] <= 400_000


# --- Pages -----------------------------------------------------------------------


def test_home_shows_counts_and_charts(page: Any, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator("figure.register-chart svg").count() == 4
    assert "providers" in page.inner_text(".register-counts")
    screenshot(page, "home.png", full_page=True)


def test_fact_sheet_renders_annex_i_in_order(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}offers/trivium-summer-school-ai-ethics/")
    headings = page.locator(".tabbed-block:visible .register-element h3").all_inner_texts()
    labels = [element.label for element in (*factsheet.MANDATORY, *factsheet.OPTIONAL)]
    assert [re.sub(r"^\d+\.\s*", "", text) for text in headings[:16]] == labels
    assert page.is_visible("text=11 of 11 Annex I mandatory elements stated")
    screenshot(page, "factsheet.png")

    page.click("label[for='lang-tab-de']")
    german = page.locator(".tabbed-block[lang='de']")
    assert german.is_visible()
    assert "Sommerschule" in german.inner_text()


def test_print_view_of_a_fact_sheet_has_no_navigation(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}offers/heat-pump-installation/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".register-links"):
        display = page.eval_on_selector(selector, "e => getComputedStyle(e).display")
        assert display == "none", selector
    screenshot(page, "factsheet-print.png", full_page=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "factsheet.pdf"), format="A4")
    assert (ARTIFACTS / "factsheet.pdf").stat().st_size > 10_000


def test_tombstone_and_provider_pages(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}offers/forklift-safe-operation/")
    assert page.is_visible("text=This offer has been withdrawn")
    page.goto(f"{base_url}providers/jarvimaa-uas/")
    assert "SF JARVIMA05" in page.inner_text("article")
    assert page.locator("a[href$='offers/circular-product-design/']").count() >= 1
    screenshot(page, "provider.png")


def test_keyboard_reaches_the_skip_link(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}offers/heat-pump-installation/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + ' ' + document.activeElement.href")
    assert "md-skip" in focused


# --- Accessibility ---------------------------------------------------------------

AXE_PAGES = [
    "",
    "browse/",
    "offers/trivium-summer-school-ai-ethics/",
    "offers/forklift-safe-operation/",
    "providers/jarvimaa-uas/",
    "recognition/",
    "recognition/jarvimaa-uas/",
    "about/",
    "contributing/fields/",
]


@pytest.mark.parametrize(
    ("path", "color_scheme"),
    [(path, "light") for path in AXE_PAGES]
    + [(path, "dark") for path in ("", "browse/", "offers/trivium-summer-school-ai-ethics/")],
    indirect=["color_scheme"],
)
def test_no_serious_accessibility_violations(
    page: Any, base_url: str, path: str, color_scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{base_url}{path}")
    if path == "browse/":
        page.wait_for_selector("#register-search-status:has-text('found')")
    scheme = page.get_attribute("body", "data-md-color-scheme")
    assert scheme == ("slate" if color_scheme == "dark" else "default")
    results = Axe().run(page)
    violations = results.response["violations"]
    summary = {}
    for violation in violations:
        summary[violation["impact"]] = summary.get(violation["impact"], 0) + 1
    print(f"\naxe /{path} ({color_scheme}): {summary or 'no violations'}")
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert not serious, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in serious
    )
