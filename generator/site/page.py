"""The page model: what a generated page is, whatever engine puts it into a theme."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>')

Exports = dict[str, list[tuple[str, str]]]
"""Per offer id: (label, site-relative URL) of the machine-readable versions that exist."""


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it lives, its title, and its body (HTML or Markdown)."""

    url: str
    title: str
    html: str | None = None
    markdown: str | None = None
    head: str = ""
    description: str = ""
    hide: tuple[str, ...] = ()
    source: str | None = None
    """The record file the page is made from, relative to the register root (for live reload)."""

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(id, title HTML) of the body's h2 headings, for a table of contents.

        A fact sheet repeats its headings in every language block; only the
        first of each is listed.
        """
        seen: dict[str, str] = {}
        for anchor, title in _H2.findall(self.html or ""):
            seen.setdefault(title, anchor)
        return [(anchor, title) for title, anchor in seen.items()]

    @property
    def src_path(self) -> str:
        """The page's path as a Markdown source file, e.g. `offers/x/index.md`."""
        return f"{self.url}index.md"


@dataclass(frozen=True)
class RecordPage:
    """A page made from one record, rendered only when it is written.

    A large register's pages are never all held at once: whoever writes them calls
    `make` for each in turn (in parallel processes for a full build).
    """

    url: str
    source: str | None
    """As `SitePage.source`, known before the page is rendered (the sitemap needs it)."""
    make: Callable[[], SitePage]

    @property
    def src_path(self) -> str:
        """As `SitePage.src_path`."""
        return f"{self.url}index.md"


def rendered(page: SitePage | RecordPage) -> SitePage:
    """The page itself, rendering it if it is made on demand."""
    return page.make() if isinstance(page, RecordPage) else page
