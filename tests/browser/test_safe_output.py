"""Safe output in Chromium: the poisoned register's pages run none of its payloads.

The sample register with a script/HTML payload in every text field, web address
and email address (tests/poisoned.py) is built with its search index and served.
On every kind of page, and in search results that show the payloads, nothing
may run (`window.__pwned` stays unset, no dialog opens), no element from the data
may exist (`[data-pwned]`), and nothing may be fetched from another host. The
`page` fixture also fails the test on any console error, so a script the
Content-Security-Policy had to block fails it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support.poisoned import MARK, build_poisoned_site

from .conftest import serve_folder
from .test_search import update

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def poisoned_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("poisoned")
    site = build_poisoned_site(work, work / "www", search=True)
    with serve_folder(site) as url:
        yield url


def _assert_inert(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate(f"typeof window.{MARK}") == "undefined", "a payload ran"
    assert page.locator("[data-pwned]").count() == 0, "an element from the data exists"
    assert not dialogs, f"dialogs opened: {dialogs}"


PAGES = [
    "",
    "offers/bim-for-site-supervisors/",
    "offers/forklift-safe-operation/",  # withdrawn: the tombstone
    "providers/",
    "providers/edilizia-adriatica/",
    "recognition/",
    "recognition/edilizia-adriatica/",
    "browse/",
]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_no_payload_runs_on_the_page(page: Page, poisoned_url: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(poisoned_url + path)
    assert response is not None and response.ok
    if path:  # the home page shows counts and charts, no record's text
        assert f"window.{MARK}" in page.inner_text("main")  # the payload is there, as text
    _assert_inert(page, dialogs)


def test_no_payload_runs_in_search_results(page: Page, poisoned_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(poisoned_url + "browse/")
    found = update(page, lambda: page.fill("#register-search-input", "pwned script"))
    assert found >= 30  # every offer carries the payload in its title and summary
    first = page.locator("#register-search-results > li").first
    assert f"window.{MARK}" in first.inner_text()  # shown as text in the result
    _assert_inert(page, dialogs)
