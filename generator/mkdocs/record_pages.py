"""Writing the pages of single records (offers, providers, policies) into their theme frames.

MkDocs renders the few section and documentation pages itself. The pages of single
records, one or more per record, would each cost a full theme rendering; instead
each is rendered by the register's own templates and poured into its frame
(`generator.mkdocs.frames`), with its Content-Security-Policy, in several processes
at once (`generator.shares`). Each process renders the frames it needs once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from generator import shares
from generator.mkdocs.frames import Frame, FrameKey
from generator.site import csp
from generator.site.page import RecordPage, SitePage

CHUNK = 50
"""Pages a process takes at a time: few enough that the processes finish together."""

RenderFrame = Callable[[FrameKey], tuple[str, str]]
"""Renders the frame for a key through the theme: (its HTML, the slug it was given)."""


class RecordPageWriter:
    """Writes record pages under `site_dir`, each as the theme would have written it."""

    def __init__(self, render_frame: RenderFrame, site_dir: Path) -> None:
        self.render_frame = render_frame
        self.site_dir = site_dir
        self.frames: dict[FrameKey, Frame] = {}

    def html(self, page: SitePage) -> bytes:
        """The page's file: its frame filled, with its policy, encoded as MkDocs writes pages."""
        key = FrameKey.of(page)
        frame = self.frames.get(key)
        if frame is None:
            html, slug = self.render_frame(key)
            frame = self.frames[key] = Frame.parse(html, key, slug)
        return csp.with_policy(frame.fill(page)).encode("utf-8", errors="xmlcharrefreplace")

    def path(self, url: str) -> Path:
        """Where the page at `url` is written."""
        return self.site_dir / url / "index.html"

    def write(self, page: SitePage) -> bool:
        """Write the page unless the file already holds it; True if it was written."""
        content = self.html(page)
        target = self.path(page.url)
        try:
            if target.read_bytes() == content:
                return False
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return True

    def write_all(self, pages: Sequence[RecordPage]) -> int:
        """Render and write every page, in as many processes as pay; returns how many."""
        claims = shares.Claims(len(pages), CHUNK)

        def share(number: int, count: int) -> int:
            written = 0
            for chunk in claims:
                for index in chunk:
                    page = pages[index].make()
                    target = self.path(page.url)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(self.html(page))
                    written += 1
            return written

        return sum(shares.in_shares(share, shares.share_count(len(pages))))
