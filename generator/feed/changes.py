"""The changes list, `api/v1/changes.json`: what a harvester polls to fetch only what changed.

One entry per offer, withdrawn ones included as tombstones with their withdrawal date:
its id, status, `last_modified` (the same date-time as the record's), and the addresses
of its page and its document, newest change first (ties in id order). A harvester keeps
the highest `last_modified` it has processed and, at its next visit, fetches the
documents of the entries above that mark, stopping at the first entry at or below it.
"""

from __future__ import annotations

from typing import Any

from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.schemas import schema_url
from generator.urls import API_VERSION


def change_entry(record: dict[str, Any]) -> dict[str, Any]:
    """An offer record's entry in the changes list (a new dict: records are read-only)."""
    entry = {
        "id": record["id"],
        "status": record["status"],
        "last_modified": record["last_modified"],
        "url": record["url"],
        "api_url": record["api_url"],
    }
    withdrawal = record.get("withdrawal")
    if record["status"] == "withdrawn" and withdrawal:
        entry["withdrawn"] = withdrawal["date"]
    return entry


def change_entries(data: Catalogue) -> list[dict[str, Any]]:
    """Every offer's entry, newest `last_modified` first, ties in id order."""
    entries = [change_entry(record) for record in data.offer_records.values()]  # id order
    return sorted(entries, key=lambda entry: entry["last_modified"], reverse=True)


def changes_file(data: Catalogue) -> bytes:
    """`api/v1/changes.json`."""
    entries = change_entries(data)
    document = {
        "$schema": schema_url(data.register.config.site_url, "changes.schema.json"),
        "api_version": API_VERSION,
        "generated": data.generated,
        "total": len(entries),
        "changes": entries,
    }
    return dump_json(document)
