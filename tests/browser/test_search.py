"""Browse and search: Pagefind's index queried through the site's own facet UI."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .conftest import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request

STATUS = "#register-search-status"
RESULTS = "#register-search-results > li"
PAGE_SIZE = 20  # search.js shows results in batches of this size

# Budgets for a first search, in bytes as a compressing host sends them.
QUERY_BUDGET = 100_000
FIRST_SEARCH_BUDGET = 400_000
# Content a static host (GitHub Pages, nginx, Netlify) serves gzip-encoded. Pagefind's
# index, fragments and wasm are gzip files already, so they travel as they are.
COMPRESSED_TYPES = re.compile(r"^(text/|application/(javascript|json|xml)|image/svg\+xml)")


def offer_title(provider: str, offer_id: str) -> str:
    """The English title of a sample offer, read from its YAML file."""
    data = yaml.safe_load((REPO / "offers" / provider / f"{offer_id}.yaml").read_text("utf-8"))
    title = data["title"]
    return title["en"] if isinstance(title, dict) else title


def mark_results_stale(page: Page) -> None:
    """Tag the results and blank the status line, so `wait_for_results` sees the next search.

    Without this, a search that ends as the previous one did (say 0 found, then 0
    again) would look finished before it has even started.
    """
    page.evaluate(
        """([status, results]) => {
            document.querySelectorAll(results).forEach(item => item.dataset.stale = '');
            document.querySelector(status).textContent = '';
        }""",
        [STATUS, RESULTS],
    )


def wait_for_results(page: Page) -> int:
    """Wait until the search UI has rendered its state; return the number of offers found.

    Done means: the status line reads "N offers found", none of the items tagged by
    `mark_results_stale` is left, and the list holds the first batch of the N results,
    or, while idle (no words, filter or sort), nothing: the static list stands in for it.
    """
    handle = page.wait_for_function(
        """([status, results, size]) => {
            const match = /^(\\d+) offers? found$/.exec(
                document.querySelector(status).textContent.trim());
            if (!match) return false;
            const items = [...document.querySelectorAll(results)];
            if (items.some(item => 'stale' in item.dataset)) return false;
            const found = Number(match[1]);
            const active = document.getElementById('register-search')
                .classList.contains('register-search--active');
            // An object, because a count of 0 would read as "not yet".
            return items.length === (active ? Math.min(found, size) : 0) && {found};
        }""",
        arg=[STATUS, RESULTS, PAGE_SIZE],
    )
    return int(handle.json_value()["found"])


def update(page: Page, action: Callable[[], object]) -> int:
    """Do something that re-runs the search, wait for the new results; return how many."""
    mark_results_stale(page)
    action()
    return wait_for_results(page)


def open_browse(page: Page, base_url: str, query: str = "") -> int:
    """Load the browse page (with an optional query string); return the number found."""
    page.goto(f"{base_url}browse/{query}")
    return wait_for_results(page)


def load_all_results(page: Page) -> None:
    """Press "Show more results" until every result is in the list."""
    more = page.locator("#register-search-more")
    while more.is_visible():
        before = page.locator(RESULTS).count()
        more.click()
        page.wait_for_function(
            "([selector, before]) => document.querySelectorAll(selector).length > before",
            arg=[RESULTS, before],
        )


def result_hrefs(page: Page) -> list[str]:
    """The absolute URLs the result links point to, as the browser resolves them."""
    return page.eval_on_selector_all(f"{RESULTS} > a", "links => links.map(link => link.href)")


def test_searching_an_offer_title_finds_it_under_the_sub_path(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    title = offer_title("technikum-murtal", "heat-pump-installation")
    open_browse(page, base_url)

    found = update(page, lambda: page.fill("#register-search-input", title))

    assert found >= 1
    expected = f"{base_url}offers/heat-pump-installation/"
    assert expected in result_hrefs(page)
    assert page.locator(f"{RESULTS} > a").first.inner_text() == title
    screenshot(page, "search.png")

    page.locator(f"{RESULTS} > a", has_text=title).click()
    page.wait_for_url(expected)
    assert page.locator("h1").inner_text() == title


def test_eqf_facet_narrows_results_to_that_level(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    everything = open_browse(page, base_url)
    box = page.locator("#register-search-facets input[type=checkbox][name=eqf][value='EQF 6']")

    narrowed = update(page, box.check)

    assert 0 < narrowed < everything
    assert box.is_checked()
    facet_count = box.locator("xpath=..").locator(".register-facet__count").inner_text()
    assert facet_count == f"({narrowed})", "the facet's count should match the results"
    assert "eqf=EQF+6" in page.url, "the chosen facet should be kept in the address"
    load_all_results(page)
    facts = page.locator(f"{RESULTS} .register-result__facts").all_inner_texts()
    assert len(facts) == narrowed
    assert all(re.search(r"\bEQF 6\b", text) for text in facts), facts
    screenshot(page, "search-eqf-facet.png")


def test_withdrawn_offers_are_found_only_through_the_status_facet(
    page: Page, base_url: str
) -> None:
    withdrawn = f"{base_url}offers/forklift-safe-operation/"
    open_browse(page, base_url)

    found = update(page, lambda: page.fill("#register-search-input", "forklift"))
    assert found == 0
    assert withdrawn not in result_hrefs(page)

    status = "#register-search-facets input[type=checkbox][name=status][value='Withdrawn']"
    found = update(page, lambda: page.check(status))
    assert found >= 1
    assert withdrawn in result_hrefs(page)
    title = offer_title("levante-logistica", "forklift-safe-operation")
    assert title in page.locator(f"{RESULTS} > a").all_inner_texts()


def test_sorting_by_title_lists_results_alphabetically(page: Page, base_url: str) -> None:
    everything = open_browse(page, base_url)

    found = update(page, lambda: page.select_option("#register-search-sort", "title"))

    assert found == everything
    assert "sort=title" in page.url
    load_all_results(page)
    titles = page.locator(f"{RESULTS} > a").all_inner_texts()
    assert len(titles) == everything
    assert titles == sorted(titles, key=str.casefold)


def test_home_search_box_opens_browse_with_the_query(page: Page, base_url: str) -> None:
    page.goto(base_url)
    box = page.locator("article form[role=search] input[name=q]")

    box.fill("nursing")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/register/browse/\?q=nursing$"))
    found = wait_for_results(page)

    assert page.input_value("#register-search-input") == "nursing"
    assert found >= 1
    assert f"{base_url}offers/medication-safety-home-care/" in result_hrefs(page)


def test_home_chart_bar_opens_browse_with_that_facet_checked(page: Page, base_url: str) -> None:
    page.goto(base_url)
    bar = page.locator("figure#chart-eqf a").first
    # Each bar's tooltip reads "<category>: <n> offer(s)".
    category, count = re.fullmatch(
        r"(.+): (\d+) offers?", bar.locator("title").text_content() or ""
    ).groups()

    bar.locator("rect").click()
    page.wait_for_url(re.compile(r"/register/browse/\?eqf="))
    found = wait_for_results(page)

    box = page.locator(f"#register-search-facets input[name=eqf][value='{category}']")
    assert box.is_checked()
    assert found == int(count), "the chart and the search should count the same offers"


def test_first_search_transfers_little(page: Page, base_url: str) -> None:
    """Bytes for the page with Material's assets and Pagefind, then for one query.

    The test server does not compress, so each response's wire size is estimated as a
    compressing static host would send it; the raw figures are printed alongside.
    """
    phases: dict[str, list[Request]] = {"load": [], "query": []}
    current = ["load"]
    page.on("requestfinished", lambda request: phases[current[0]].append(request))

    open_browse(page, base_url)
    page.wait_for_load_state("networkidle")
    current[0] = "query"
    update(page, lambda: page.fill("#register-search-input", "logistics"))
    page.wait_for_load_state("networkidle")

    def sizes(requests: list[Request]) -> tuple[int, int]:
        raw = wire = 0
        for response in (request.response() for request in requests):
            if response is None or not 200 <= response.status < 300:
                continue
            body = response.body()
            raw += len(body)
            compressible = COMPRESSED_TYPES.match(response.headers.get("content-type", ""))
            wire += len(gzip.compress(body, 6)) if compressible else len(body)
        return raw, wire

    (load_raw, load_wire), (query_raw, query_wire) = sizes(phases["load"]), sizes(phases["query"])
    print(
        f"\nfirst search: page load {load_wire:,} B gzip-served ({load_raw:,} B raw, "
        f"{len(phases['load'])} requests); query {query_wire:,} B gzip-served "
        f"({query_raw:,} B raw, {len(phases['query'])} requests); "
        f"total {load_wire + query_wire:,} B ({load_raw + query_raw:,} B raw)"
    )
    index_on_load = [r.url for r in phases["load"] if r.url.endswith(".pf_index")]
    assert not index_on_load, "the idle browse page should not download the word index"
    assert query_raw <= QUERY_BUDGET
    assert load_wire + query_wire <= FIRST_SEARCH_BUDGET


def test_search_in_another_language_finds_the_translated_offer(page: Page, base_url: str) -> None:
    open_browse(page, base_url)
    # "Sommerschule" is only in the German translation of the summer school's title.
    assert update(page, lambda: page.fill("#register-search-input", "Sommerschule")) >= 1
    assert "TRIVIUM Summer School" in page.inner_text("#register-search-results")


def test_sorting_by_next_start_date(page: Page, base_url: str) -> None:
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
    # Offers with an upcoming edition come before those without one.
    dated = ["starts " in text for text in facts]
    assert dated == sorted(dated, reverse=True)
