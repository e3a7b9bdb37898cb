"""The catalogue feed for aggregators: the JSON API v1 under `api/v1/`.

Every document is made from the same validated models as the pages. Texts are
language maps (ISO 639-1 keys), so translations reach aggregators; ids are
stable and every record carries absolute canonical URLs from `site_url`.
Withdrawn offers stay in the feed as tombstones. Output is deterministic: keys
in model order, times from git, never from the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from generator.catalogue import REGISTER_EXCLUDED, Catalogue
from generator.feed.schemas import (
    schema_files,
    schema_url,
)
from generator.feed.written import Files
from generator.urls import (
    API_VERSION,
    CATALOGUE_PATH,
    offer_api_path,
    provider_api_path,
)


def dump_json(document: Any, *, pretty: bool = False) -> bytes:
    """A JSON document as published: UTF-8, one line unless `pretty` (for small documents
    people read), ending with a newline. Compact output uses the C encoder, ten times faster."""
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=1)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def json_pieces(document: dict[str, Any], *, listed: tuple[str, ...]) -> Iterator[bytes]:
    """`dump_json(document)` in pieces: the lists under `listed`, its last keys in that
    order, come a few hundred items at a time (a register's catalogue is hundreds of MB)."""
    keys = list(document)
    assert keys[len(keys) - len(listed) :] == list(listed), "the listed keys come last"
    head = json.dumps(
        {key: document[key] for key in keys[: len(keys) - len(listed)]},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    opened = head != "{}"
    yield head[:-1].encode("utf-8")
    for key in listed:
        yield (("," if opened else "") + json.dumps(key, ensure_ascii=False) + ":[").encode()
        opened = True
        items = document[key]
        for start in range(0, len(items), _ITEMS_A_PIECE):
            batch = items[start : start + _ITEMS_A_PIECE]
            text = ",".join(
                json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in batch
            )
            yield (("," if start else "") + text).encode("utf-8")
        yield b"]"
    yield b"}\n"


_ITEMS_A_PIECE = 500


def feed_files(data: Catalogue) -> Files:
    """Every file of the JSON API v1, in a stable order; `catalogue.json` in pieces."""
    register = data.register
    provider_records = list(data.provider_records.values())
    offer_records = list(data.offer_records.values())
    site_url = register.config.site_url
    provider_schema = schema_url(site_url, "provider.schema.json")
    offer_schema = schema_url(site_url, "offer.schema.json")
    for record in provider_records:
        yield (
            provider_api_path(record["id"]),
            dump_json({"$schema": provider_schema, "api_version": API_VERSION, **record}),
        )
    for record in offer_records:
        yield (
            offer_api_path(record["id"]),
            dump_json({"$schema": offer_schema, "api_version": API_VERSION, **record}),
        )
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
    yield CATALOGUE_PATH, json_pieces(catalogue, listed=("providers", "offers"))
    yield from schema_files(site_url).items()
