"""Addresses that are computed, not constant: the folders of a search index in parts, links."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.urls import relative_link, search_part_dirs


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


def _relpath_link(target: str, page: str) -> str:
    """The link as `posixpath.relpath` makes it: what `relative_link` must give."""
    path, _, fragment = target.partition("#")
    path, _, query = path.partition("?")
    if path == page:
        link = "./"
    else:
        link = posixpath.relpath(path or ".", page or ".")
        if path.endswith("/") or path == "":
            link = link.rstrip("/") + "/" if link != "." else "./"
    return link + ("?" + query if query else "") + ("#" + fragment if fragment else "")


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("offers/a/", "offers/a/", "./"),
        ("offers/b/", "offers/a/", "../b/"),
        ("", "offers/a/", "../../"),
        ("", "", "./"),
        ("browse/2/", "", "browse/2/"),
        ("api/v1/catalogue.json", "api/", "v1/catalogue.json"),
        ("browse/?eqf=EQF+6#results", "offers/a/", "../../browse/?eqf=EQF+6#results"),
        ("offers/a/#start", "offers/a/", "./#start"),
        ("assets/register/search.js", "browse/3/", "../../assets/register/search.js"),
    ],
)
def test_a_link_is_relative_to_the_page(target: str, page: str, link: str) -> None:
    assert relative_link(target, page) == link


_SEGMENT = st.sampled_from(["offers", "a", "b", "api", "v1", "x.json", "browse", "2", ".", ".."])
_ADDRESS = st.builds(
    lambda names, folder: "/".join(names) + ("/" if folder and names else ""),
    st.lists(_SEGMENT, max_size=4),
    st.booleans(),
)


@given(
    target=st.builds(
        lambda address, query, fragment: address + query + fragment,
        _ADDRESS,
        st.sampled_from(["", "?q=1"]),
        st.sampled_from(["", "#top"]),
    ),
    page=_ADDRESS,
)
def test_a_link_is_the_one_relpath_makes(target: str, page: str) -> None:
    assert relative_link(target, page) == _relpath_link(target, page)
