"""Safe output: payloads in every text field, web address and email address become text.

The site is built from the sample register poisoned after validation (see
tests/poisoned.py). On every built HTML page, nothing the data holds may turn
into markup: no element or attribute from a payload, no event handler, no
`javascript:` link, no script that carries a payload, and every JSON-LD block
still parses. The browser test (tests/browser/test_safe_output.py) loads the
same kind of site in Chromium.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.pages import web_url
from tests.support.poisoned import MARK, build_poisoned_site

LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}


class _Findings(HTMLParser):
    """What a page holds that could only have come from a payload."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []
        self.json_ld: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "data-pwned":
                self.unsafe.append(f"<{tag} data-pwned>: an element from the data")
            if name.startswith("on") and MARK in value:
                self.unsafe.append(f"<{tag} {name}>: an event handler from the data")
            if name in LINK_ATTRIBUTES and "".join(value.split()).lower().startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                self.unsafe.append(f'<{tag} {name}="{value[:40]}">: a script link')
            # Markdown links to web pages are allowed; nothing from text may be loaded.
            if name in LINK_ATTRIBUTES - {"href"} and "tracker.example" in value:
                self.unsafe.append(f'<{tag} {name}="{value[:40]}">: a resource from text')
        if tag == "script":
            self._script = dict(attrs)
            self._script_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        text = "".join(self._script_text)
        if self._script.get("type") == "application/ld+json":
            self.json_ld.append(text)
        elif MARK in text:
            self.unsafe.append("<script> holding a payload")
        self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("poisoned")
    return build_poisoned_site(work, work / "site", search=False)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_payloads_reach_the_pages_as_text(site: Path) -> None:
    """Not vacuous: the fact sheets, provider and policy pages do show the payloads."""
    carrying = [
        page.relative_to(site).as_posix()
        for page in _pages(site)
        if f"&lt;script&gt;window.{MARK}" in page.read_text(encoding="utf-8")
    ]
    assert sum(p.startswith("offers/") for p in carrying) >= 30
    assert sum(p.startswith("providers/") for p in carrying) >= 10
    assert sum(p.startswith("recognition/") for p in carrying) >= 10
    assert "browse/index.html" in carrying


def test_no_payload_becomes_markup_on_any_page(site: Path) -> None:
    found: list[str] = []
    for page in _pages(site):
        findings = _Findings()
        findings.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {what}" for what in findings.unsafe]
        for block in findings.json_ld:
            json.loads(block)  # a payload that closed the <script> would break the JSON
            assert "</" not in block, f"{page}: JSON-LD with a closing tag inside"
    assert not found, "\n".join(found[:20])


def test_payload_web_addresses_are_shown_but_not_linked(site: Path) -> None:
    """A `javascript:` address that got past validation is shown as text, never as a link."""
    sheet = next(site.glob("offers/*/index.html")).read_text(encoding="utf-8")
    assert f'<dd><a href="" rel="noopener">javascript:window.{MARK}=&#39;url&#39;</a></dd>' in sheet


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.hs-rhein.de/weiterbildung?kurs=1#a", True),
        ("http://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVa\tScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox", False),
        ("//evil.example/", False),
        ("", False),
    ],
)
def test_only_web_addresses_become_links(url: str, linked: bool) -> None:
    assert web_url(url) == (url if linked else "")
