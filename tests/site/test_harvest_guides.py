"""The guide pages for the Europass QDR and QualityLink: addresses that exist, the required facts."""

from __future__ import annotations

import re
from datetime import date

import markdown
import pytest

from generator.catalogue import Catalogue
from generator.feed.index import machine_readable_files
from generator.register import load_register
from generator.site.harvest_guides import guide_pages, qdr_guide, quality_link_guide
from tests.support.registers import REPO


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.mark.parametrize("guide", [qdr_guide, quality_link_guide])
def test_every_address_on_the_page_is_a_file_the_build_writes(
    guide: object, data: Catalogue
) -> None:
    written = set(machine_readable_files(data, date(2026, 11, 23)))
    site = data.absolute("")
    text = guide(data)  # type: ignore[operator]
    addresses = re.findall(re.escape(site) + r"[^\s\"'`<>)|;]*", text)
    assert len(addresses) > len(data.register.providers)
    for url in addresses:
        path = url.removeprefix(site)
        if "{id}" in path or (path.startswith(("offers/", "providers/")) and path.endswith("/")):
            continue  # a pattern, or a page of the site
        assert path in written, url


def test_the_qdr_page_says_what_to_point_at_identifiers_and_updates(data: Catalogue) -> None:
    text = qdr_guide(data)
    assert "hosted on your server, automatic update" in text
    for heading in ("## What to point the QDR at", "## Identifiers", "## How updates appear"):
        assert heading in text
    assert "urn:schac:uniqueCourseId:<SCHAC code>:<offer id>" in text
    assert "`withdrawn`" in text
    for header in ("Last-Modified", "If-Modified-Since", "304 Not Modified"):
        assert header in text


def test_the_quality_link_page_tells_providers_how_to_expose_the_manifest(data: Catalogue) -> None:
    text = quality_link_guide(data)
    assert "/.well-known/quality-link-manifest.json" in text
    assert "v=qldiscover1; m=" in text
    assert "return 302" in text and "Redirect 302" in text
    for header in ("Last-Modified", "If-Modified-Since"):
        assert header in text


def test_the_pages_render(data: Catalogue) -> None:
    for page in guide_pages(data):
        html = markdown.markdown(page.markdown or "", extensions=["tables", "fenced_code"])
        assert "<table>" in html and "<h2" in html, page.url
