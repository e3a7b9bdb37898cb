"""Addresses that are computed, not constant: the folders of a search index in parts."""

from __future__ import annotations

import pytest

from generator.urls import search_part_dirs


@pytest.mark.parametrize(
    ("records", "part_size", "folders"),
    [
        (0, 10, [""]),
        (36, 10_000, [""]),
        (10_000, 10_000, [""]),
        (10_001, 10_000, ["", "part-2/"]),
        (50_000, 10_000, ["", "part-2/", "part-3/", "part-4/", "part-5/"]),
        (36, 10, ["", "part-2/", "part-3/", "part-4/"]),
    ],
)
def test_an_index_is_in_as_few_parts_as_the_part_size_allows(
    records: int, part_size: int, folders: list[str]
) -> None:
    assert search_part_dirs(records, part_size) == folders
