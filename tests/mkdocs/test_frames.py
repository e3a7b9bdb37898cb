"""Record pages poured into theme frames are the pages the theme renders itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.mkdocs import frames
from generator.mkdocs.build import build_site
from generator.mkdocs.frames import Frame, FrameError, FrameKey
from generator.site.page import SitePage
from tests.support.registers import RegisterDir, replace

pytestmark = pytest.mark.slow

TRICKY_TITLE = "Writing \"Fair\" Reports: Data & Ethics in O'Brien's Lab"


def _flat(page: bytes) -> bytes:
    return re.sub(rb"\n\s+", b"\n", page)


def _pages(site: Path) -> dict[str, bytes]:
    wanted = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".gz")]
    return {str(p.relative_to(site)): p.read_bytes() for p in wanted}


def test_every_page_is_the_same_framed_or_rendered_by_the_theme(
    sample_copy: RegisterDir, tmp_path: Path
) -> None:
    offer = (
        sample_copy.root / "offers/atlantic-skills-institute/cybersecurity-analyst-bootcamp.yaml"
    )
    text = offer.read_text(encoding="utf-8")
    quoted = TRICKY_TITLE.replace("'", "''")
    new = replace(text, "title: Cybersecurity Analyst Bootcamp", f"title: '{quoted}'")
    offer.write_text(new, encoding="utf-8")
    framed = _pages(build_site(sample_copy.root, tmp_path / "framed", search=False))
    themed = _pages(build_site(sample_copy.root, tmp_path / "themed", search=False, frames=False))
    assert framed.keys() == themed.keys()
    record_page = re.compile(r"^(offers|providers|recognition)/[^/]+/index\.html$")
    records = [path for path in framed if record_page.match(path)]
    assert len(records) > 50
    # Only the indentation of the frame's own markup differs; every other byte is the theme's.
    assert sorted(path for path in framed if _flat(framed[path]) != _flat(themed[path])) == []
    unchanged = [path for path in framed if path not in records]
    assert [path for path in unchanged if framed[path] != themed[path]] == []
    for path in records:
        assert len(framed[path]) < len(themed[path]) - 2000, path
    sheet = framed["offers/cybersecurity-analyst-bootcamp/index.html"].decode()
    assert "Writing &#34;Fair&#34; Reports: Data &amp; Ethics in O&#39;Brien&#39;s Lab" in sheet
    assert "rgframe" not in "".join(page.decode("utf-8", "replace") for page in framed.values())


KEY = FrameKey(folder="offers/", hide=(), toc=True, description=True, head=True, h1=True)
SLUG = f"{frames.SLUG}7"
BODY = frames.frame_page(KEY, SLUG).html


def _theme(key: FrameKey = KEY, slug: str = SLUG, toc_entry: str = "") -> str:
    """What a theme makes of a frame page: its parts wherever it likes, once each."""
    page = frames.frame_page(key, slug)
    entries = "".join(
        f'<li><a href="#{anchor}">{title}</a>{toc_entry if number == 2 else ""}</li>'
        for number, (anchor, title) in enumerate(
            zip(frames.ANCHORS, frames.TOC_TITLES, strict=True), 1
        )
    )
    skip, toc = (f"<a href=#{frames.ANCHORS[0]}>skip</a>", f"<nav><ul>{entries}</ul></nav>")
    return (
        f"<title>{frames.TITLE} - Site</title><link rel=canonical href=/{page.url}>"
        f"<meta content={frames.DESCRIPTION}>{frames.HEAD}{skip if key.toc else ''}"
        f"<h2>{frames.TITLE}</h2>{toc if key.toc else ''}<article>{page.html}</article>"
    )


def test_a_filled_frame_has_one_contents_entry_per_section() -> None:
    frame = Frame.parse(_theme(), KEY, SLUG)
    page = SitePage(
        url="offers/x-1/",
        title="A & B",
        description='Say "hi"',
        head="<script type=application/ld+json>{}</script>",
        html="<h1>A</h1>" + "".join(f'<h2 id="s{n}">Part {n}</h2>' for n in range(1, 5)),
    )
    assert FrameKey.of(page) == KEY
    assert frame.fill(page) == (
        "<title>A &amp; B - Site</title><link rel=canonical href=/offers/x-1/>"
        "<meta content=Say &#34;hi&#34;><script type=application/ld+json>{}</script>"
        "<a href=#s1>skip</a><h2>A &amp; B</h2><nav><ul>"
        + "".join(f'<li><a href="#s{n}">Part {n}</a></li>' for n in range(1, 5))
        + f"</ul></nav><article>{page.html}</article>"
    )


def test_the_frame_loses_its_indentation_and_the_page_keeps_its_own() -> None:
    frame = Frame.parse(_theme().replace("<nav>", "<nav>\n      \n    "), KEY, SLUG)
    page = SitePage(
        url="offers/x/",
        title="X",
        description="d",
        head="h",
        html='<h1>X</h1>\n    <h2 id="a">A</h2>\n    <pre>  keep\n    this</pre>',
    )
    filled = frame.fill(page)
    assert "<nav>\n<ul>" in filled
    assert page.html in filled


def test_a_page_without_sections_fills_a_frame_without_contents() -> None:
    key = FrameKey(folder="offers/", hide=(), toc=False, description=True, head=True, h1=True)
    page = SitePage(url="offers/y/", title="Y", description="d", head="h", html="<h1>Y</h1>")
    assert FrameKey.of(page) == key
    assert Frame.parse(_theme(key), key, SLUG).fill(page) == (
        "<title>Y - Site</title><link rel=canonical href=/offers/y/><meta content=d>h"
        "<h2>Y</h2><article><h1>Y</h1></article>"
    )
    with pytest.raises(FrameError, match="contents in a frame without sections"):
        Frame.parse(_theme(key) + f"<a href=#{frames.ANCHORS[0]}>", key, SLUG)


@pytest.mark.parametrize(
    ("theme", "reason"),
    [
        (_theme().replace("</article>", f"</article>{BODY}"), "body appears 2 times"),
        (_theme(toc_entry="<small>more</small>"), "does not repeat one entry per section"),
        (
            _theme().replace(f"href=/offers/{SLUG}/", f"href=/offers/{frames.SLUG}8/"),
            "another frame",
        ),
        (
            _theme().replace("skip</a>", f"skip</a><a href=#{frames.ANCHORS[2]}>"),
            "outside the table",
        ),
        (_theme().replace(f">{frames.TOC_TITLES[0]}<", "><"), "appears 0 times"),
    ],
)
def test_a_frame_the_theme_wrote_differently_is_refused(theme: str, reason: str) -> None:
    with pytest.raises(FrameError, match=reason):
        Frame.parse(theme, KEY, SLUG)
