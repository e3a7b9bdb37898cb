"""Browse and search: Pagefind's index queried through the site's own facet UI."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from .conftest import REPO, VIEWPORT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

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
    facts = page.locator(f"{RESULTS} .register-card__facts").all_inner_texts()
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
    facts = page.locator("#register-search-results .register-card__facts").all_inner_texts()
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


# --- Phone first, keyboard and targets (issue 17) ----------------------------------------

PHONE = {"width": 390, "height": 844}
CONTROLS = "#register-search :is(input, select, button, summary)"


def focused_id(page: Page) -> str:
    """The id of the focused element ("" for <body>)."""
    return page.evaluate("document.activeElement.id")


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def outline_px(page: Page) -> float:
    """The focused element's outline width in px, 0 when it has none."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    return 0.0 if style[0] == "none" else float(style[1].removesuffix("px"))


def test_on_a_phone_the_first_result_is_in_the_first_screen(
    page: Page, base_url: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size(PHONE)
    open_browse(page, base_url)

    assert update(page, lambda: page.fill("#register-search-input", "nursing")) >= 1

    assert not page.locator("#register-filters").evaluate("d => d.open"), "filters start closed"
    heading = page.locator(f"{RESULTS} > a").first.bounding_box()
    assert heading is not None
    print(f"\nfirst result at y = {heading['y']:.0f} px of a {PHONE['height']} px screen")
    assert heading["y"] + heading["height"] <= PHONE["height"]
    screenshot(page, "search-390.png")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_ticked_filter_keeps_the_keyboard_focus(page: Page, base_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    open_browse(page, base_url)
    page.focus("#register-search-input")
    box = "#register-search-facets input[value='EQF 6']"
    if width < 960:  # the drawer and its groups start closed on a phone: open them by keyboard
        tab_to(page, "#register-filters > summary")
        page.keyboard.press("Enter")
        tab_to(page, "#register-facet-eqf")
        page.keyboard.press("Enter")

    tab_to(page, box)
    assert outline_px(page) >= 2, "a focused checkbox must show its focus"
    ticked = focused_id(page)
    found = update(page, lambda: page.keyboard.press("Space"))

    assert found >= 1
    assert focused_id(page) == ticked, "focus left the checkbox just ticked"
    assert page.locator(box).is_checked()
    assert "eqf=EQF+6" in page.url
    page.keyboard.press("Tab")
    after = page.evaluate("document.activeElement.value")
    assert after not in {"EQF 1", None}, f"Tab went back to the start: {after!r}"
    assert page.evaluate("document.activeElement.matches('#register-search-facets input')")
    # Space again unticks it, and the focus still stays.
    page.keyboard.press("Shift+Tab")
    update(page, lambda: page.keyboard.press("Space"))
    assert focused_id(page) == ticked and not page.locator(box).is_checked()


@pytest.mark.parametrize("width", [390, 1280])
def test_every_control_shows_focus_and_is_at_least_24_px(
    page: Page, base_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    open_browse(page, base_url, "?q=data")
    # Everything open, so that every control can be measured.
    page.evaluate(
        """() => { document.getElementById('register-filters').open = true;
            document.querySelectorAll('.register-facet__toggle[aria-expanded=false]')
                .forEach(toggle => toggle.click()); }"""
    )
    sizes = page.eval_on_selector_all(
        CONTROLS,
        """controls => controls.filter(c => c.getClientRects().length)
            .map(c => { const r = c.getBoundingClientRect();
                        return [c.id || c.value || c.tagName, r.width, r.height]; })""",
    )
    assert len(sizes) > 20
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert not small, f"targets under 24 × 24 px: {small}"

    page.focus("#register-search-input")
    for _ in range(len(sizes)):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('#register-search')"):
            break
        assert outline_px(page) >= 2, f"no visible focus on #{focused_id(page)}"


def test_options_that_match_nothing_cannot_be_ticked(page: Page, base_url: str) -> None:
    open_browse(page, base_url)
    update(page, lambda: page.fill("#register-search-input", "nursing"))

    options = page.eval_on_selector_all(
        "#register-search-facets label",
        "labels => labels.map(l => [l.querySelector('.register-facet__count').textContent,"
        " l.querySelector('input').disabled])",
    )
    assert options
    assert all(disabled == (count == "(0)") for count, disabled in options), options
    # Tab skips them; a click does nothing.
    empty = page.locator("#register-search-facets input:disabled").first
    empty.click(force=True)
    assert not empty.is_checked()
    assert page.inner_text(STATUS) == "1 offer found"


def test_show_more_moves_the_focus_to_the_first_new_result(page: Page, base_url: str) -> None:
    found = open_browse(page, base_url, "?sort=title")
    assert found > PAGE_SIZE

    page.focus("#register-search-more")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll(s).length > n", arg=[RESULTS, PAGE_SIZE]
    )

    focused = page.evaluate(
        "document.activeElement.closest('li') === "
        f"document.querySelectorAll('{RESULTS}')[{PAGE_SIZE}]"
    )
    assert focused, "focus should move to the first result just shown"


def test_clear_filters_unticks_everything_and_keeps_focus(page: Page, base_url: str) -> None:
    everything = open_browse(page, base_url)
    update(page, lambda: page.check("#register-search-facets input[value='EQF 6']"))
    update(page, lambda: page.check("#register-search-facets input[name=status][value='Open']"))
    assert page.inner_text("#register-filters summary").endswith("(2 active)")

    page.focus("#register-filters-clear")
    found = update(page, lambda: page.keyboard.press("Enter"))

    assert found == everything
    assert focused_id(page) == "register-filters-clear"
    assert page.locator("#register-search-facets input:checked").count() == 0
    assert "eqf=" not in page.url and "status=" not in page.url
    assert page.inner_text("#register-filters summary").strip() == "Filters"


def test_filter_groups_collapse_and_the_drawer_opens_by_keyboard(page: Page, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_browse(page, base_url, "?q=data")
    drawer = page.locator("#register-filters")
    toggle = page.locator("#register-facet-eqf")
    options = page.locator("#register-facet-eqf-options")

    page.focus("#register-search-sort")
    tab_to(page, "#register-filters > summary")
    page.keyboard.press("Enter")
    assert drawer.evaluate("d => d.open")
    assert not options.is_visible(), "groups start closed on a phone"
    tab_to(page, "#register-facet-eqf")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and options.is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false" and not options.is_visible()


def test_the_address_keeps_the_query_and_the_filters(page: Page, base_url: str) -> None:
    found = open_browse(page, base_url, "?q=data&eqf=EQF+6")

    assert page.input_value("#register-search-input") == "data"
    assert page.locator("#register-search-facets input[value='EQF 6']").is_checked()
    assert page.inner_text("#register-filters summary").endswith("(1 active)")
    assert found >= 1
    page.reload()
    assert wait_for_results(page) == found


def search_hrefs(page: Page, query: str) -> set[str]:
    """Type `query` into the search box; return every result's URL."""
    update(page, lambda: page.fill("#register-search-input", query))
    load_all_results(page)
    return set(result_hrefs(page))


def test_a_query_finds_the_same_offers_whatever_was_searched_before(
    page: Page, base_url: str
) -> None:
    """Pagefind matches word prefixes only in the index chunks it has loaded ("data" found
    "database", in the next chunk, only once "heat pump" had loaded it)."""
    open_browse(page, base_url, "?q=data")
    load_all_results(page)
    fresh = set(result_hrefs(page))

    search_hrefs(page, "heat pump")
    again = search_hrefs(page, "data")

    assert again == fresh, f"only now: {again - fresh}; not any more: {fresh - again}"
    # "data" is the last word of the sample's first index chunk and "database" starts the
    # next one: the offers that mention only databases are found from the start.
    assert f"{base_url}offers/cybersecurity-analyst-bootcamp/" in fresh
    page.goto(f"{base_url}browse/?q=heat+pump")
    wait_for_results(page)
    assert search_hrefs(page, "data") == fresh


CARD = """item => ({
    classes: [...item.querySelectorAll('*')].map(e => e.className),
    title: item.querySelector('.register-card__title').textContent,
    href: item.querySelector('.register-card__title').href,
    facts: item.querySelector('.register-card__facts').textContent.trim(),
    summary: item.querySelector('.register-card__summary').textContent.trim()})"""


def test_a_search_result_is_the_same_card_as_in_the_list_without_javascript(
    page: Page, base_url: str, browser: Browser
) -> None:
    offer = f"{base_url}offers/medication-safety-home-care/"
    plain = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)
    try:
        static_page = plain.new_page()
        static_page.goto(f"{base_url}browse/")
        static = static_page.locator(
            "#register-browse-list li.register-card",
            has=static_page.locator("a[href$='offers/medication-safety-home-care/']"),
        ).evaluate(CARD)
    finally:
        plain.close()

    open_browse(page, base_url)
    update(page, lambda: page.fill("#register-search-input", "nursing"))
    result = page.locator(
        RESULTS, has=page.locator("a[href$='offers/medication-safety-home-care/']")
    ).evaluate(CARD)

    assert result == static
    assert static["href"] == offer
    assert static["facts"].startswith("Järvimaa University of Applied Sciences · EQF 6")
    assert re.search(r" · starts \d{1,2} \w+ \d{4}$", static["facts"])
