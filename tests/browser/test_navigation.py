"""The site's navigation (mkdocs.yml `nav`) as a visitor uses it at 1280 px and 390 px.

Every section is one tab on a wide screen and one entry of the drawer on a phone; the
compare and pathways pages (issue 17) are sections like the others.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from .conftest import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page

NEW_SECTIONS = {"Compare": "compare/", "Pathways": "pathways/"}


def nav_titles() -> list[str]:
    """The top-level titles of mkdocs.yml's navigation, in order."""
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["nav"]
    return [next(iter(item)) for item in nav]


def test_every_section_is_a_tab_on_a_wide_screen(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(base_url)

    tabs = page.locator(".md-tabs__link")
    assert tabs.all_inner_texts() == nav_titles()
    assert all(tab.is_visible() for tab in tabs.all())
    fits = page.locator(".md-tabs__list").evaluate("list => list.scrollWidth <= list.clientWidth")
    assert fits, "the tabs do not fit in one line at 1280 px"
    for title, url in NEW_SECTIONS.items():
        page.get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(f"{base_url}{url}")
        assert page.locator(".md-tabs__item--active").inner_text() == title
    screenshot(page, "pathways.png")


def test_every_section_is_in_the_phone_drawer(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for title, url in NEW_SECTIONS.items():
        page.goto(base_url)
        assert not page.locator(".md-tabs").is_visible(), "tabs are for wide screens only"
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator("nav.md-nav--primary > .md-nav__list > .md-nav__item")
        drawer.last.wait_for(state="visible")

        titles = drawer.evaluate_all(
            "items => items.map(i => i.querySelector('.md-nav__link').innerText.trim())"
        )
        assert titles == nav_titles()
        for item in drawer.all():
            box = item.locator(".md-nav__link").first.bounding_box()
            assert box is not None and box["height"] >= 24, "a drawer entry is under 24 px"
            assert box["y"] + box["height"] <= 844, "the drawer needs scrolling to its end"
        drawer.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"{base_url}{url}")
    screenshot(page, "pathways-390.png")


@pytest.mark.parametrize("url", list(NEW_SECTIONS.values()))
def test_a_section_page_marks_itself_in_the_navigation(page: Page, base_url: str, url: str) -> None:
    page.goto(f"{base_url}{url}")

    active = page.locator("nav.md-nav--primary .md-nav__link--active")
    assert active.count() >= 1
    assert active.first.get_attribute("href") in {"./", "."}
