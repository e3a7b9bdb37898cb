"""The generated pages as a reader sees them: charts, fact sheets, tombstones, print."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from .conftest import ARTIFACTS, REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Annex I of the Council Recommendation of 16 June 2022 (2022/C 243/02), "Mandatory
# elements", in its order and wording: written out here rather than imported, so that
# the test checks the site against the Recommendation, not against itself.
ANNEX_I_MANDATORY = [
    "Identification of the learner",
    "Title of the micro-credential",
    "Country/Region of the issuer",
    "Awarding body",
    "Date of issuing",
    "Learning outcomes",
    "Notional workload needed to achieve the learning outcomes "
    "(in ECTS credits, wherever possible)",
    "Level (and cycle, if applicable) of the learning experience leading to the "
    "micro-credential (EQF, QF-EHEA), if applicable",
    "Type of assessment",
    "Form of participation in the learning activity",
    "Type of quality assurance used to underpin the micro-credential",
]
FACT_SHEET = "offers/trivium-summer-school-ai-ethics/"


def sample_records(folder: str) -> list[dict]:
    """Every YAML record of the sample register under `folder` (offers or providers)."""
    return [
        yaml.safe_load(path.read_text("utf-8")) for path in sorted((REPO / folder).rglob("*.yaml"))
    ]


def test_home_shows_counts_and_charts(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(base_url)

    charts = page.locator("figure.register-chart")
    assert charts.count() == 4
    for chart in charts.all():
        assert chart.locator("svg").is_visible()
        assert chart.locator("svg a").count() > 0, "every chart should have bars"
    counts = dict(
        reversed(re.fullmatch(r"(\d+)\s+(.+)", item).groups())
        for item in page.locator(".register-counts > li").all_inner_texts()
    )
    offers = sample_records("offers")
    assert int(counts["offers"]) == sum(offer["status"] != "withdrawn" for offer in offers)
    assert int(counts["providers"]) == len(sample_records("providers"))
    screenshot(page, "home.png", full_page=True)


def test_fact_sheet_states_annex_i_in_order(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{base_url}{FACT_SHEET}")

    headings = page.locator(".tabbed-block:visible section[aria-labelledby^=mandatory] h3")
    texts = headings.all_inner_texts()
    numbers = [re.match(r"(\d+)\.\s*", text) for text in texts]
    assert [int(n.group(1)) if n else None for n in numbers] == list(range(1, 12))
    assert [re.sub(r"^\d+\.\s*", "", text) for text in texts] == ANNEX_I_MANDATORY
    assert all(heading.is_visible() for heading in headings.all())
    assert page.get_by_text("11 of 11 Annex I mandatory elements stated").is_visible()
    screenshot(page, "factsheet.png")


def test_language_tab_shows_the_german_description(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{FACT_SHEET}")
    labels = page.locator(".register-languages .tabbed-labels label").all_inner_texts()
    assert labels == ["English", "German", "Finnish", "Dutch"]
    german = page.locator(".tabbed-block[lang='de']")
    assert not german.is_visible()

    page.get_by_text("German", exact=True).click()

    assert german.is_visible()
    assert "Sommerschule" in german.inner_text()
    assert not page.locator(".tabbed-block[lang='en']").is_visible()


def test_withdrawn_offer_keeps_a_tombstone(page: Page, base_url: str) -> None:
    response = page.goto(f"{base_url}offers/forklift-safe-operation/")

    assert response is not None and response.status == 200
    notice = page.locator(".register-tombstone .admonition")
    assert notice.is_visible()
    assert "withdrawn" in notice.inner_text().lower()
    assert page.locator("h1").inner_text().startswith("Safe Forklift Operation")


def test_provider_page_lists_identifiers_and_offers(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    provider = yaml.safe_load((REPO / "providers" / "jarvimaa-uas.yaml").read_text("utf-8"))
    page.goto(f"{base_url}providers/jarvimaa-uas/")

    text = page.locator("article").inner_text()
    for scheme, value in provider["identifiers"].items():
        assert str(value) in text, f"identifier {scheme} missing"
    offer_links = page.eval_on_selector_all(
        ".register-offer-list a", "links => links.map(link => link.href)"
    )
    own = [
        offer["id"]
        for offer in sample_records("offers/jarvimaa-uas")
        if offer["status"] != "withdrawn"
    ]
    assert own
    for offer_id in own:
        assert f"{base_url}offers/{offer_id}/" in offer_links
    screenshot(page, "provider.png")


def test_keyboard_reaches_a_visible_skip_link_first(page: Page, base_url: str) -> None:
    page.goto(base_url)

    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    assert focused.count() == 1
    assert focused.evaluate("element => element.matches('a[href], button, input, select')")
    assert focused.evaluate("element => element.matches(':focus-visible')")
    assert "skip to content" in focused.inner_text().lower()
    # Material slides the skip link in with a transition; wait until it has settled.
    page.wait_for_function(
        "() => getComputedStyle(document.activeElement).opacity === '1'", timeout=2000
    )
    box = focused.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    assert 0 <= box["y"] < page.viewport_size["height"], "the focused link is off screen"
    outline = focused.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert outline[0] != "none" or outline[2] != "none", f"no focus indicator: {outline}"


def test_print_view_of_a_fact_sheet_has_no_navigation(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{base_url}{FACT_SHEET}")
    page.emulate_media(media="print")

    for selector in (".md-header", ".md-sidebar"):
        displays = page.eval_on_selector_all(
            selector, "elements => elements.map(e => getComputedStyle(e).display)"
        )
        assert displays, f"no {selector} on the page"
        assert set(displays) == {"none"}, f"{selector} is printed"
    assert page.locator("h1").is_visible()
    assert page.locator(".tabbed-block[lang='en'] #learning-outcomes").is_visible()

    screenshot(page, "factsheet-print.png", full_page=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "factsheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("", id="home"),
        pytest.param("browse/", id="browse"),
        pytest.param(FACT_SHEET, id="fact-sheet"),
        pytest.param("providers/jarvimaa-uas/", id="provider"),
        pytest.param("recognition/", id="recognition-overview"),
    ],
)
def test_pages_fit_a_phone_screen(page: Page, base_url: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}{path}")

    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5)
            .map(element => element.tagName.toLowerCase() + '.' + element.classList)"""
    )
    assert width <= 390, f"the page is {width} px wide on a 390 px screen; widest: {wide}"


def test_key_facts_and_the_apply_link_come_first_on_a_phone(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}{FACT_SHEET}")

    fee = page.locator(".register-keyfacts dt", has_text="Fee").bounding_box()
    annex = page.locator(".tabbed-block:visible #mandatory").bounding_box()
    apply = page.get_by_role("link", name="Details and application", exact=False).first
    assert fee is not None and annex is not None
    print(f"\nfee at y = {fee['y']:.0f} px; Annex I starts at y = {annex['y']:.0f} px")
    # Its first line, that is: the fee's note may run on below.
    assert fee["y"] + 24 <= 844, "the fee should be on the first screen"
    assert apply.bounding_box()["y"] < annex["y"]

    # Keyboard: Tab from the top reaches the apply link before anything inside Annex I.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.register-elements') !== null"):
            raise AssertionError("Tab reached Annex I before the apply link")
        if "Details and application" in page.evaluate("document.activeElement.textContent"):
            break
    else:
        raise AssertionError("Tab never reached the apply link")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_are_readable_and_whole(page: Page, base_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url)

    labels = page.eval_on_selector_all(
        ".register-chart__label",
        """labels => labels.map(label => {
            const svg = label.ownerSVGElement, box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const size = parseFloat(getComputedStyle(label).fontSize) * scale;
            const r = label.getBoundingClientRect();
            return {text: label.textContent, size,
                    inside: r.left >= box.left - 1 && r.right <= box.right + 1};
        })""",
    )
    assert labels
    small = [label for label in labels if label["size"] < 12]
    print(f"\nchart labels at {width} px: {min(label['size'] for label in labels):.1f} px or more")
    assert not small, f"labels drawn under 12 px: {small[:3]}"
    assert all(label["inside"] for label in labels), "a label runs out of its chart"
    assert not [label for label in labels if "…" in label["text"]], "a label is cut"
    texts = {label["text"] for label in labels}
    assert "Engineering, manufacturing and construction" in texts
    assert "no ECTS (hours only)" in texts and "not stated" not in texts
