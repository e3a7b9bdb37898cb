"""The catalogue in parts, for harvesters of large registers: pages, and one file per provider.

- `api/v1/catalogue/offers/{page}.json` and `api/v1/catalogue/providers/{page}.json`:
  every offer and every provider, at most `PAGE_SIZE` records a page in id order, each
  page linking the `first`, `prev`, `next` and `last` pages and stating the `total`.
- `api/v1/providers/{id}/catalogue.json`: a provider's record with every offer it
  publishes or co-awards, in id order.

The records are the Catalogue's, as in `catalogue.json`. A document's `generated` is the
newest change to a record it holds (the register's when none has a date), so that a
part changes only when what it holds does, and a host's ETag stays valid until then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.schemas import schema_url
from generator.feed.written import Files
from generator.urls import (
    API_VERSION,
    PAGE_SIZE,
    offer_page_path,
    provider_catalogue_path,
    provider_page_path,
)


def newest_change(data: Catalogue, records: list[dict[str, Any]]) -> str:
    """The newest `last_modified` of `records` (ISO 8601 UTC strings sort as times do)."""
    return max(
        (r["last_modified"] for r in records if "last_modified" in r), default=data.generated
    )


def pages(
    data: Catalogue,
    records: list[dict[str, Any]],
    key: str,
    path_of: Callable[[int], str],
    schema_name: str,
) -> Files:
    """`records` cut into pages of at most `PAGE_SIZE` under `key`; an empty list is one page."""
    count = max(1, -(-len(records) // PAGE_SIZE))
    schema = schema_url(data.register.config.site_url, schema_name)
    for number in range(1, count + 1):
        held = records[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        links = {"first": data.absolute(path_of(1)), "last": data.absolute(path_of(count))}
        if number > 1:
            links["prev"] = data.absolute(path_of(number - 1))
        if number < count:
            links["next"] = data.absolute(path_of(number + 1))
        document = {
            "$schema": schema,
            "api_version": API_VERSION,
            "generated": newest_change(data, held),
            "total": len(records),
            "page": number,
            "pages": count,
            **links,
            key: held,
        }
        yield path_of(number), dump_json(document)


def provider_catalogue(data: Catalogue, provider_id: str) -> bytes:
    """`api/v1/providers/{id}/catalogue.json`: the provider and its offers, in id order."""
    provider = data.provider_records[provider_id]
    offers = [
        data.offer_records[offer_id]
        for offer_id in sorted(offer.id for offer in data.offers_by_provider.get(provider_id, []))
    ]
    document = {
        "$schema": schema_url(data.register.config.site_url, "provider-catalogue.schema.json"),
        "api_version": API_VERSION,
        "generated": newest_change(data, [provider, *offers]),
        "provider": provider,
        "total": len(offers),
        "offers": offers,
    }
    return dump_json(document)


def catalogue_part_files(data: Catalogue) -> Files:
    """Every page of offers and of providers, and every provider's catalogue."""
    yield from pages(
        data, list(data.offer_records.values()), "offers", offer_page_path, "offer-page.schema.json"
    )
    yield from pages(
        data,
        list(data.provider_records.values()),
        "providers",
        provider_page_path,
        "provider-page.schema.json",
    )
    for provider_id in data.provider_records:
        yield provider_catalogue_path(provider_id), provider_catalogue(data, provider_id)
