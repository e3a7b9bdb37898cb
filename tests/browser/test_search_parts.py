"""A search index in parts answers as the same index in one piece.

A register of more than `search_part_size` offers is indexed in parts, each a Pagefind
index of its own, and the browse page merges what they answer. Here the sample register
is built twice from one copy: as it ships (one part) and with parts of 10 offers (four
parts). Browsing by filters and sorts must show the same offers in the same order with
the same counts. A search with words finds at least what the whole index finds, in the
same order where it is sorted: a part that lacks a word altogether lets Pagefind match a
near one ("data" finds the Dutch "dat" in a part without "data"), which at the default
part size of 10,000 offers, where every common word is in every part, stays rare.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from .conftest import REPO, SUB_PATH, serve_folder
from .test_search import RESULTS, STATUS, load_all_results, open_browse

if TYPE_CHECKING:
    from playwright.sync_api import Page

PART_SIZE = 10

BROWSING = ["?status=Withdrawn", "?sort=title", "?sort=start", "?eqf=EQF+6&sort=start"]
SEARCHES = ["?q=data", "?q=skills&sort=title", "?q=skills&sort=start"]


def build(root: Path, site: Path, part_size: int | None) -> None:
    config = root / "register.yml"
    text = (REPO / "register.yml").read_text("utf-8")
    if part_size is not None:
        text = text.replace(
            "staff_development:", f"search_part_size: {part_size}\nstaff_development:"
        )
    config.write_text(text, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", root, "--site-dir", site],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"register build failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The browse page's base URL of the sample in one part and in parts of `PART_SIZE`."""
    root = tmp_path_factory.mktemp("parts") / "sample"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("providers", "offers", "schemas", "docs", "theme_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    www = root.parent / "www"
    www.mkdir()
    build(root, www / "whole" / SUB_PATH, None)
    build(root, www / "parted" / SUB_PATH, PART_SIZE)
    bundle = www / "parted" / SUB_PATH / "pagefind"
    assert sorted(p.name for p in bundle.glob("part-*")) == ["part-2", "part-3", "part-4"]
    assert not (www / "whole" / SUB_PATH / "pagefind" / "part-2").exists()
    with serve_folder(www) as url:
        yield f"{url}whole/{SUB_PATH}/", f"{url}parted/{SUB_PATH}/"


def answer(page: Page, base_url: str, query: str) -> tuple[int, list[str], list[str]]:
    """What the browse page shows for `query`: the number found, the result links (site-
    relative, in order) and the filters with their counts."""
    found = open_browse(page, base_url, query)
    load_all_results(page)
    links = page.eval_on_selector_all(
        f"{RESULTS} > a", "links => links.map(link => link.getAttribute('href'))"
    )
    counts = page.locator(".register-facet__option").all_inner_texts()
    root = urlsplit(base_url).path
    return found, [link.removeprefix(root) for link in links], counts


@pytest.mark.parametrize("query", BROWSING)
def test_browsing_an_index_in_parts_shows_what_the_whole_index_shows(
    page: Page, sites: tuple[str, str], query: str
) -> None:
    whole, parted = sites
    found, links, counts = answer(page, whole, query)

    assert found > 1, f"{query} should find several sample offers"
    assert answer(page, parted, query) == (found, links, counts)


@pytest.mark.parametrize("query", SEARCHES)
def test_searching_an_index_in_parts_finds_what_the_whole_index_finds(
    page: Page, sites: tuple[str, str], query: str
) -> None:
    whole, parted = sites
    found, links, _counts = answer(page, whole, query)
    found_in_parts, links_in_parts, _ = answer(page, parted, query)

    assert found > 0, f"{query} should find something in the sample"
    assert found_in_parts == len(links_in_parts) >= found
    assert set(links) <= set(links_in_parts)
    if "sort=" in query:
        assert [link for link in links_in_parts if link in links] == links, "in the same order"


def test_the_idle_page_counts_every_part(page: Page, sites: tuple[str, str]) -> None:
    whole, parted = sites
    open_browse(page, whole)
    status = page.locator(STATUS).inner_text()
    open_browse(page, parted)
    assert page.locator(STATUS).inner_text() == status
