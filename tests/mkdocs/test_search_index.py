"""The search index: Pagefind over a small site, and the chunk ranges written beside it."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from generator import urls
from generator.mkdocs import search


def small_site(folder: Path, pages: int) -> Path:
    """A site of `pages` indexed pages, each with words of its own."""
    for number in range(pages):
        page = folder / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        words = " ".join(f"word{number}x{i} data{number}base" for i in range(200))
        page.write_text(
            f'<html lang="en"><body data-pagefind-body><h1>Page {number}</h1><p>{words}</p>'
            "</body></html>",
            encoding="utf-8",
        )
    return folder


def test_index_writes_the_word_range_of_every_chunk(tmp_path: Path) -> None:
    site = small_site(tmp_path, 40)

    assert search.index_site(site, "en") == 40

    bundle = site / urls.SEARCH_BUNDLE_DIR
    ranges = json.loads((bundle / search.CHUNK_RANGES).read_text("utf-8"))["en"]
    chunks = sorted((bundle / "index").glob("*.pf_index"))
    assert len(ranges) == len(chunks) > 1, "the test site should need several chunks"
    assert all(first <= last for first, last in ranges)
    assert all(a[1] < b[0] for a, b in pairwise(ranges)), "chunks in word order"


def test_unreadable_metadata_is_a_search_index_error(tmp_path: Path) -> None:
    site = small_site(tmp_path, 2)
    search.index_site(site, "en")
    bundle = site / urls.SEARCH_BUNDLE_DIR
    for meta in bundle.glob("*.pf_meta"):
        meta.write_bytes(b"not gzip")

    with pytest.raises(search.SearchIndexError, match="unreadable"):
        search.write_chunk_ranges(bundle)
