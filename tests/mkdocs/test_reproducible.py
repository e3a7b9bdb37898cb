"""Two builds of the same commit publish the same bytes.

The one exception is Pagefind's: its filter chunks (and so the metadata file
and the entry file that name them by hash) come out in a different order from
run to run, with Pagefind 1.5; its word index and page fragments are stable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.mkdocs.build import build_site
from tests.support.registers import REPO

pytestmark = pytest.mark.slow

PAGEFIND_VARIES = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def _tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    first = _tree(sample_site)
    second = _tree(build_site(REPO, tmp_path / "again"))
    stable = {path for path in first if not path.startswith(PAGEFIND_VARIES)}
    assert stable == {path for path in second if not path.startswith(PAGEFIND_VARIES)}
    assert len([p for p in stable if p.endswith(".html")]) > 60
    assert any(p.startswith("pagefind/index/") for p in stable)
    assert any(p.startswith("pagefind/fragment/") for p in stable)
    assert sorted(path for path in stable if first[path] != second[path]) == []


def test_a_build_on_another_day_publishes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page dates (the sitemap's `lastmod`, its gzip time) come from the data, not the clock."""
    import mkdocs.structure.pages
    import mkdocs.utils

    first = _tree(build_site(REPO, tmp_path / "one", search=False, today="2026-11-20"))
    later = datetime(2031, 7, 1, tzinfo=UTC)
    monkeypatch.setattr(mkdocs.utils, "get_build_datetime", lambda: later)
    monkeypatch.setattr(mkdocs.structure.pages, "get_build_date", lambda: "2031-07-01")
    second = _tree(build_site(REPO, tmp_path / "two", search=False, today="2026-11-20"))
    assert first.keys() == second.keys()
    assert sorted(path for path in first if first[path] != second[path]) == []
    assert b"2031" not in second["sitemap.xml"]
