"""The catalogue feed for aggregators: the JSON API v1 under `api/v1/`.

Every document is made from the same validated models as the pages. Texts are
language maps (ISO 639-1 keys), so translations reach aggregators; ids are
stable and every record carries absolute canonical URLs from `site_url`.
Withdrawn offers stay in the feed as tombstones. Output is deterministic: keys
in model order, times from git, never from the clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.catalogue import REGISTER_EXCLUDED, Catalogue
from generator.feed.schemas import (
    schema_files,
    schema_url,
)
from generator.urls import (
    API_VERSION,
    CATALOGUE_PATH,
    offer_api_path,
    provider_api_path,
)


@dataclass(frozen=True)
class FeedFile:
    """One file of the feed: its path inside the site and its bytes."""

    path: str
    content: bytes


def dump_json(document: Any, *, pretty: bool = False) -> bytes:
    """A JSON document as published: UTF-8, one line unless `pretty` (for small documents
    people read), ending with a newline. Compact output uses the C encoder, ten times faster."""
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=1)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def feed_files(data: Catalogue) -> list[FeedFile]:
    """Every file of the JSON API v1, in a stable order."""
    register = data.register
    provider_records = list(data.provider_records.values())
    offer_records = list(data.offer_records.values())
    site_url = register.config.site_url
    provider_schema = schema_url(site_url, "provider.schema.json")
    offer_schema = schema_url(site_url, "offer.schema.json")
    files = [
        FeedFile(
            provider_api_path(record["id"]),
            dump_json({"$schema": provider_schema, "api_version": API_VERSION, **record}),
        )
        for record in provider_records
    ]
    files += [
        FeedFile(
            offer_api_path(record["id"]),
            dump_json({"$schema": offer_schema, "api_version": API_VERSION, **record}),
        )
        for record in offer_records
    ]
    config = register.config.model_dump(
        mode="json", exclude_none=True, exclude=set(REGISTER_EXCLUDED)
    )
    catalogue = {
        "$schema": schema_url(site_url, "catalogue.schema.json"),
        "api_version": API_VERSION,
        "generated": data.generated,
        "register": config,
        "providers": provider_records,
        "offers": offer_records,
    }
    files.append(FeedFile(CATALOGUE_PATH, dump_json(catalogue)))
    files += [FeedFile(path, content) for path, content in schema_files(site_url).items()]
    return files
