"""Theme frames: the theme renders one page of each kind, and every record page is poured into it.

Every fact sheet (and provider and policy page) gets the same page frame from the
theme: header, navigation, tabs, footer, scripts. Only the title, description, head
additions, table of contents and body differ, and the page's own address. Rendering
the theme's template for each of 100,000 pages would redo the same navigation
100,000 times, so the theme renders a *frame* instead: a page whose varying parts
are marker words (`rgframetitle`, `rgframeanchor2` …). `Frame.parse` finds where
the theme put each marker and `Frame.fill` puts a page's own values there, exactly
as the theme would have written them: the title and description escaped as the
plugin hands them to the theme, the table of contents with one entry per section.

The frame's own markup loses the indentation the theme's templates leave between
tags (a line break stays wherever there was white space, so nothing renders
differently): about 4.5 KB of each 28 KB fact sheet, 45 MB of a 10,000-offer site.
The pages' own values are put in as they are.

A frame holds for every page that shares its `FrameKey`: the folder it lives in
(pages one level apart have different relative links) and which optional parts it
has (the theme writes different markup when a page has no description, no head
additions, no sections or no `<h1>` of its own). `tests/mkdocs/test_frames.py`
compares filled frames with pages the theme rendered itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from generator.site.page import SitePage

TITLE = "rgframetitle"
DESCRIPTION = "rgframedescription"
HEAD = "<!--rgframehead-->"
SLUG = "rgframeslug"
"""The frame's own last address segment; every page has its own in its place."""
ANCHORS = ("rgframeanchor1", "rgframeanchor2", "rgframeanchor3")
TOC_TITLES = ("rgframetoc1", "rgframetoc2", "rgframetoc3")
BODY_MARK = "rgframebody"

_MARKERS = re.compile(
    "|".join(re.escape(m) for m in (TITLE, DESCRIPTION, HEAD, *ANCHORS, *TOC_TITLES))
    + rf"|{SLUG}\d*"
)


class FrameError(ValueError):
    """The theme wrote a frame this module cannot read (a theme update changed its markup)."""


@dataclass(frozen=True)
class FrameKey:
    """What makes two pages share a frame."""

    folder: str
    """The address of the folder the page is in, e.g. `offers/`."""
    hide: tuple[str, ...]
    toc: bool
    description: bool
    head: bool
    h1: bool

    @classmethod
    def of(cls, page: SitePage) -> FrameKey:
        """The frame `page` is poured into."""
        folder = page.url.rstrip("/").rpartition("/")[0]
        return cls(
            folder=f"{folder}/" if folder else "",
            hide=page.hide,
            toc=bool(page.sections),
            description=bool(page.description),
            head=bool(page.head),
            h1="<h1" in (page.html or ""),
        )


def frame_page(key: FrameKey, slug: str) -> SitePage:
    """The page the theme renders as the frame for `key`, at `<folder><slug>/`."""
    body = f"<h1>{BODY_MARK}</h1>" if key.h1 else BODY_MARK
    if key.toc:
        body += "".join(
            f'<h2 id="{anchor}">{title}</h2>'
            for anchor, title in zip(ANCHORS, TOC_TITLES, strict=True)
        )
    return SitePage(
        url=f"{key.folder}{slug}/",
        title=TITLE,
        html=body,
        head=HEAD if key.head else "",
        description=DESCRIPTION if key.description else "",
        hide=key.hide,
    )


Part = str | tuple[str]
"""A literal piece of the frame, or a one-tuple naming the marker that stood there."""
_TOC_PARTS = {(marker,) for marker in (*ANCHORS, *TOC_TITLES)}


@dataclass(frozen=True)
class Frame:
    """A rendered frame, cut at its markers."""

    before_toc: tuple[Part, ...]
    """Up to the first section's title in the table of contents (the whole page without one)."""
    between_toc: tuple[Part, ...]
    """From one section's title to the next one's, with `ANCHORS[1]` for the next one's anchor."""
    after_toc: tuple[Part, ...]

    @classmethod
    def parse(cls, html: str, key: FrameKey, slug: str) -> Frame:
        """Cut the theme's rendering of `frame_page(key, slug)` at its markers."""
        page = frame_page(key, slug)
        pieces = html.split(page.html or "")
        if len(pieces) != 2:
            raise FrameError(f"the frame's body appears {len(pieces) - 1} times, not once")
        before, after = (_cut(piece, slug) for piece in pieces)
        parts = (*before, ("body",), *after)
        if not key.toc:
            if any(part in _TOC_PARTS for part in parts):
                raise FrameError("the theme wrote a table of contents in a frame without sections")
            return cls(parts, (), ())
        first, second, third = (_index(parts, title) for title in TOC_TITLES)
        between = parts[first + 1 : second + 1]
        if parts[second + 1 : third + 1] != _renamed(between, ANCHORS[1], ANCHORS[2]):
            raise FrameError("the table of contents does not repeat one entry per section")
        frame = cls(parts[: first + 1], between, parts[third + 1 :])
        for outside in (*frame.before_toc, *frame.after_toc):
            if outside in ((ANCHORS[1],), (ANCHORS[2],)):
                raise FrameError("a section's anchor appears outside the table of contents")
        return frame

    def fill(self, page: SitePage) -> str:
        """`page` written as the theme would have written it."""
        sections = page.sections
        slug = page.url.rstrip("/").rpartition("/")[2]
        values = {
            TITLE: str(escape(page.title)),
            DESCRIPTION: str(escape(page.description)),
            HEAD: page.head,
            SLUG: slug,
            "body": page.html or "",
            ANCHORS[0]: sections[0][0] if sections else "",
            TOC_TITLES[0]: str(escape(sections[0][1])) if sections else "",
        }
        out: list[str] = []
        _emit(out, self.before_toc, values)
        for anchor, heading in sections[1:]:
            values[ANCHORS[1]] = anchor
            values[TOC_TITLES[1]] = str(escape(heading))
            _emit(out, self.between_toc, values)
        _emit(out, self.after_toc, values)
        return "".join(out)


_INDENTATION = re.compile(r"\n\s+")
_PRESERVED = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def _unindented(literal: str) -> str:
    return literal if _PRESERVED.search(literal) else _INDENTATION.sub("\n", literal)


def _cut(text: str, slug: str) -> list[Part]:
    parts: list[Part] = []
    at = 0
    for match in _MARKERS.finditer(text):
        literal = _unindented(text[at : match.start()])
        if literal:
            parts.append(literal)
        marker = match.group(0)
        if marker.startswith(SLUG):
            if marker != slug:
                raise FrameError(f"the frame names another frame's address {marker!r}")
            marker = SLUG
        parts.append((marker,))
        at = match.end()
    if text[at:]:
        parts.append(_unindented(text[at:]))
    return parts


def _index(parts: tuple[Part, ...], marker: str) -> int:
    found = [i for i, part in enumerate(parts) if part == (marker,)]
    if len(found) != 1:
        raise FrameError(f"{marker} appears {len(found)} times in the frame, not once")
    return found[0]


def _renamed(parts: tuple[Part, ...], old: str, new: str) -> tuple[Part, ...]:
    """`parts` with marker `old` read as `new` (and the section title likewise)."""
    names = {(old,): (new,), (TOC_TITLES[1],): (TOC_TITLES[2],)}
    return tuple(names.get(part, part) if isinstance(part, tuple) else part for part in parts)


def _emit(out: list[str], parts: tuple[Part, ...], values: dict[str, str]) -> None:
    for part in parts:
        out.append(values[part[0]] if isinstance(part, tuple) else part)
