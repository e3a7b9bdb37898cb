"""The search index: Pagefind run over the built site.

Only fact sheets and tombstones carry `data-pagefind-body`, so only offers are
indexed; their filters (facets) and sort keys are attributes in the page
(`generator/site/templates/_filters.html`). One index covers the whole site in
the register's default language: translations on a fact sheet are indexed
with it, so a search in German finds an offer described in German.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.urls import SEARCH_BUNDLE_DIR


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path, language: str) -> int:
    """Index the built site in `site_dir`; returns the number of pages indexed.

    Pagefind runs as its command-line program: it exits only once every file of
    the bundle is written. (Its Python API stops the indexing service right after
    asking it to write, which left a truncated `pagefind-entry.json` now and then.)
    """
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        SEARCH_BUNDLE_DIR,
        "--force-language",
        language,
        "--silent",
    ]
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not start: {error}") from error
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip()
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {detail}")
    return _page_count(site_dir / SEARCH_BUNDLE_DIR)


def _page_count(bundle: Path) -> int:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(index["page_count"]) for index in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(
            f"Pagefind wrote an incomplete bundle in {bundle}: {error}"
        ) from error
