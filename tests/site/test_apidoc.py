"""The API page links only to files that every build publishes."""

from __future__ import annotations

import re

from generator.feed.large_files import LARGE_FILES
from generator.site.apidoc import api_documentation


def test_the_page_links_the_compressed_copy_of_each_file_that_may_be_left_out() -> None:
    page = api_documentation("https://register.example.eu/", "Example register", None)
    targets = set(re.findall(r"\]\(([^)]+)\)", page))
    for large in LARGE_FILES:
        plain = large.path.removeprefix("api/")
        assert plain not in targets, f"{plain} may be left out above the size limit"
        assert large.compressed_path.removeprefix("api/") in targets
        assert f"`{plain}`" in page
