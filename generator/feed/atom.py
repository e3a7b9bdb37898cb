"""Atom feeds of additions, changes and withdrawals: `feed.xml` and one per provider.

An entry is an offer in its latest state: "New" when its file has one commit,
"Withdrawn" once withdrawn, otherwise "Updated"; newest change first. Dates
come from git (or the review date outside git), so the same commit gives the
same feed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from generator.catalogue import Catalogue
from generator.feed.xml_output import xml_bytes
from generator.urls import FEED_PATH, provider_feed_path

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
"""Readers only need recent changes; the full history is in the catalogue and in git."""


def _kind(record: dict[str, Any]) -> str:
    if record["status"] == "withdrawn":
        return "Withdrawn"
    return "New" if record["first_published"] == record["last_modified"] else "Updated"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(data: Catalogue, path: str, title: str, records: list[dict[str, Any]]) -> bytes:
    """The Atom document at `path` for these offer records, newest change first."""
    register = data.register
    records = sorted(records, key=lambda r: (r["last_modified"], r["id"]), reverse=True)[
        :MAX_ENTRIES
    ]
    updated = records[0]["last_modified"] if records else "1970-01-01T00:00:00Z"

    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", data.absolute(path))
    _add(feed, "title", title)
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", type="application/atom+xml", href=data.absolute(path))
    _add(feed, "link", rel="alternate", type="text/html", href=data.absolute(""))
    author = _add(feed, "author")
    _add(author, "name", register.config.publisher.name.default)
    for record in records:
        entry = _add(feed, "entry")
        _add(entry, "id", record["url"])
        _add(entry, "title", f"{_kind(record)}: {record['title'][data.language]}")
        _add(entry, "updated", record["last_modified"])
        _add(entry, "published", record["first_published"])
        _add(entry, "link", rel="alternate", type="text/html", href=record["url"])
        _add(entry, "link", rel="alternate", type="application/json", href=record["api_url"])
        _add(entry, "category", term=record["status"])
        _add(entry, "summary", record["summary"][data.language])
    return xml_bytes(feed, ATOM, {})


def atom_files(data: Catalogue) -> dict[str, bytes]:
    """The register-wide feed and one feed per provider: site-relative path → bytes."""
    name = data.register.config.name.default
    # Each record is made once and shared by the register's feed and its providers' feeds.
    records = {
        offer_id: data.offer_record(offer) for offer_id, offer in data.register.offers.items()
    }
    files = {
        FEED_PATH: atom_feed(
            data, FEED_PATH, f"{name}: new, updated and withdrawn offers", list(records.values())
        )
    }
    for provider in sorted(data.register.providers.values(), key=lambda p: p.id):
        path = provider_feed_path(provider.id)
        own = [records[offer.id] for offer in data.offers_by_provider.get(provider.id, [])]
        files[path] = atom_feed(data, path, f"{provider.name.default}: offers", own)
    return files
