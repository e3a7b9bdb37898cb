"""The search index: Pagefind run over the built site.

Only fact sheets and tombstones carry `data-pagefind-body`, so only offers are
indexed; their filters (facets) and sort keys are attributes in the page
(`generator/templates/site/_filters.html`). One index covers the whole site in
the register's default language: translations on a fact sheet are indexed
with it, so a search in German finds an offer described in German.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE_DIR = "pagefind"
"""Where the index and Pagefind's own scripts are written, inside the site."""

FACETS: tuple[tuple[str, str], ...] = (
    ("eqf", "EQF level"),
    ("ects", "Workload"),
    ("country", "Country"),
    ("provider", "Provider"),
    ("language", "Language"),
    ("participation", "Form of participation"),
    ("field", "Field of education"),
    ("recognition", "Recognition"),
    ("status", "Status"),
)
"""Search filters in the order the browse page shows them, with their headings."""


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path, language: str) -> int:
    """Index the built site in `site_dir`; returns the number of pages indexed."""
    try:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(_index(site_dir, language))
        # Called from inside an event loop (e.g. next to Playwright): index on a worker thread.
        with ThreadPoolExecutor(max_workers=1) as worker:
            return worker.submit(asyncio.run, _index(site_dir, language)).result()
    except SearchIndexError:
        raise
    except Exception as error:  # the Pagefind service reports failures as plain exceptions
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {error}") from error


async def _index(site_dir: Path, language: str) -> int:
    config = IndexConfig(force_language=language, output_path=str(site_dir / BUNDLE_DIR))
    async with PagefindIndex(config=config) as index:
        # Leaving the context writes the bundle to `output_path`.
        result = await index.add_directory(str(site_dir))
    return int(result["page_count"])
