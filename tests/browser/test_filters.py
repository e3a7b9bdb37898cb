"""The start-date and fee filters (issue 17): values from the build day, all in the URL."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from generator.register import load_register
from generator.site import facets

from .conftest import REPO
from .test_search import open_browse

if TYPE_CHECKING:
    from playwright.sync_api import Page


def expected(**chosen: str) -> int:
    """How many public offers have every chosen filter value, as the build computed them."""
    register = load_register(REPO).register
    today = date.today()
    count = 0
    for offer in register.offers.values():
        if offer.is_withdrawn:
            continue
        values = set(facets.offer_facets(offer, register, today))
        count += all((facet, value) in values for facet, value in chosen.items())
    return count


@pytest.mark.parametrize(
    "chosen",
    [
        {"fee": facets.FREE},
        {"fee": facets.fee_limit(500)},
        {"start": facets.start_window(3)},
        {"start": facets.APPLICATIONS_OPEN},
        {"start": facets.start_window(6), "fee": facets.fee_limit(1000)},
    ],
    ids=["free", "up-to-500", "within-3-months", "applications-open", "6-months-and-1000"],
)
def test_a_filter_in_the_url_narrows_the_results(page: Page, base_url: str, chosen: dict) -> None:
    found = open_browse(page, base_url, "?" + urlencode(chosen))
    assert found == expected(**chosen) > 0
    for facet, value in chosen.items():
        assert page.locator(f"#register-facet-{facet}-options input[value='{value}']").is_checked()
    # The URL keeps every filter (shareable, and the back button returns to it).
    query = parse_qs(urlsplit(page.url).query)
    assert all(query[facet] == [value] for facet, value in chosen.items())


def test_windows_nest_and_say_from_which_day(page: Page, base_url: str) -> None:
    three = expected(start=facets.start_window(3))
    six = expected(start=facets.start_window(6))
    twelve = expected(start=facets.start_window(12))
    assert three <= six <= twelve
    open_browse(page, base_url)
    note = page.locator(".register-filters__note").inner_text()
    today = date.today()
    assert f"{today.day} {today:%B %Y}" in note
