"""Two builds of the same commit publish the same bytes.

The one exception is Pagefind's: its filter chunks (and so the metadata file
and the entry file that name them by hash) come out in a different order from
run to run, with Pagefind 1.5; its word index and page fragments are stable.
"""

from __future__ import annotations

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
