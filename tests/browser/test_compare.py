"""The compare page (issue 17): choose offers by keyboard, compare, remove one, reload.

Rows come from the Annex I table (`generator.models.annex`); each cell must hold what
the offer's own fact sheet says under that element.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.models import annex

from .test_search import PHONE, offer_title, tab_to, update

if TYPE_CHECKING:
    from playwright.sync_api import Page

DESKTOP = {"width": 1280, "height": 900}
BY_FACT_SHEET = ("trivium-summer-school-ai-ethics", "bim-for-site-supervisors")
BY_SEARCH = ("technikum-murtal", "heat-pump-installation")
TICK = "input[data-compare-id='{}']"


def tick_by_keyboard(page: Page, selector: str) -> None:
    tab_to(page, selector, limit=300)
    page.keyboard.press("Space")
    assert page.locator(selector).is_checked()


def columns(page: Page) -> list[str]:
    return page.locator(".register-compare-table thead th[scope=col] > a").all_inner_texts()


def wait_compared(page: Page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.register-compare-table thead th[scope=col]').length"
        " === n && /Comparing|Removed/.test(document.getElementById('register-compare-status')"
        ".textContent)",
        arg=count,
    )


def words(text: str) -> str:
    return " ".join(text.split())


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_choose_three_compare_remove_one_and_reload_by_keyboard(
    page: Page, base_url: str, viewport: dict[str, int], screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size(viewport)
    for offer_id in BY_FACT_SHEET:
        page.goto(f"{base_url}offers/{offer_id}/")
        tick_by_keyboard(page, TICK.format(offer_id))
    provider, offer_id = BY_SEARCH
    title = offer_title(provider, offer_id)
    page.goto(f"{base_url}browse/")
    page.wait_for_selector("#register-search:not([hidden])")
    tab_to(page, "#register-search-input")
    update(page, lambda: page.keyboard.type(title))
    tick_by_keyboard(page, f"#register-search-results {TICK.format(offer_id)}")
    chosen = [*BY_FACT_SHEET, offer_id]
    tray = page.locator(".register-compare-tray__status").first
    assert tray.inner_text() == "3 offers chosen to compare."

    tab_to(page, ".register-compare-tray__open", limit=300)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/\?offers="))
    assert page.url.endswith("compare/?offers=" + ",".join(chosen))
    wait_compared(page, 3)

    assert page.locator(".register-compare-table caption").inner_text().startswith("3 offers")
    rows = page.locator(".register-compare-table tbody tr[data-element]")
    assert rows.evaluate_all("rows => rows.map(row => row.dataset.element)") == [
        element.key for element in annex.ELEMENTS
    ]
    sheets = {}
    for offer in chosen:
        other = page.context.new_page()
        other.goto(f"{base_url}offers/{offer}/")
        sheets[offer] = {
            element.key: other.locator(f"section[id='{element.key}']").evaluate(
                "s => [...s.children].filter(c => c.tagName !== 'H3')"
                ".map(c => c.innerText).join('\\n').trim()"
            )
            for element in annex.ELEMENTS
        }
        other.close()
    for element in annex.ELEMENTS:
        row = page.locator(f".register-compare-table tr[data-element='{element.key}']")
        header = row.locator("th[scope=row]").inner_text()
        assert element.short_label in header
        if element.mandatory:
            assert header.startswith(f"{element.number}.")
        cells = row.locator("td").all()
        assert len(cells) == 3
        for offer, cell in zip(chosen, cells, strict=True):
            assert words(cell.inner_text()) == words(sheets[offer][element.key]), (element, offer)
    assert no_sideways_scroll(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "compare.png" if viewport == DESKTOP else "compare-390.png")

    # Remove the second offer by keyboard; the focus stays on a Remove button.
    removed = BY_FACT_SHEET[1]
    tab_to(page, f".register-compare__remove[data-offer='{removed}']", limit=300)
    page.keyboard.press("Enter")
    wait_compared(page, 2)
    left = [offer for offer in chosen if offer != removed]
    assert page.url.endswith("compare/?offers=" + ",".join(left))
    assert page.evaluate("document.activeElement.classList.contains('register-compare__remove')")
    assert "Removed" in page.locator("#register-compare-status").inner_text()

    page.reload()
    wait_compared(page, 2)
    assert len(columns(page)) == 2
    assert (
        page.locator(".register-compare__remove").evaluate_all(
            "buttons => buttons.map(b => b.dataset.offer)"
        )
        == left
    )
    assert no_sideways_scroll(page)


def test_the_compare_page_prints_without_its_controls(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}compare/?offers={','.join(BY_FACT_SHEET)}")
    wait_compared(page, 2)
    page.emulate_media(media="print")
    assert not page.locator(".register-compare__remove").first.is_visible()
    assert page.locator(".register-compare-table").is_visible()


def test_without_javascript_the_page_says_how_to_compare(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}compare/?offers={','.join(BY_FACT_SHEET)}")
        note = page.locator("#register-compare-nojs")
        assert note.is_visible()
        assert "fact sheets" in note.inner_text()
        assert note.locator("a[href$='browse/']").is_visible()
        assert not page.locator("#register-compare").is_visible()
        page.goto(f"{base_url}offers/{BY_FACT_SHEET[0]}/")
        assert not page.locator(".register-compare-toggle").is_visible()
    finally:
        context.close()


def test_an_empty_choice_says_how_to_choose(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}compare/")
    assert page.locator("#register-compare-empty").is_visible()
    assert not page.locator("#register-compare-view").is_visible()
