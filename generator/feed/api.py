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
from datetime import UTC, date, datetime, time
from typing import Any

from generator.feed.schemas import (
    PROVIDER_EXCLUDED,
    REGISTER_EXCLUDED,
    schema_files,
    schema_url,
)
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.site.pages import SiteData, offer_url, provider_url

API_DIR = "api/v1"
API_VERSION = "1.1.0"
"""Version of the documents' format: additive changes raise the minor number."""
OPENAPI_PATH = f"{API_DIR}/openapi.yaml"
"""The OpenAPI description of the API (`generator.feed.openapi`)."""
DCAT_PATH = f"{API_DIR}/dcat.jsonld"
"""The DCAT-AP description of the catalogue (`generator.feed.dcat`)."""


@dataclass(frozen=True)
class FeedFile:
    """One file of the feed: its path inside the site and its bytes."""

    path: str
    content: bytes


def offer_api_path(offer_id: str) -> str:
    """Site-relative path of an offer's JSON document."""
    return f"{API_DIR}/offers/{offer_id}.json"


def provider_api_path(provider_id: str) -> str:
    """Site-relative path of a provider's JSON document."""
    return f"{API_DIR}/providers/{provider_id}.json"


def iso_time(moment: datetime) -> str:
    """A moment as every output writes it: ISO 8601 in UTC, to the second (`…T…Z`)."""
    # isoformat, not strftime: glibc's %Y does not pad years before 1000 to four digits.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def record_dates(data: SiteData, key: str, fallback: date | None) -> dict[str, str]:
    """`first_published`/`last_modified` of a record, as ISO 8601 UTC date-times.

    They come from git; outside git (a downloaded archive) from the `fallback` day, at
    midnight UTC, so that the type is the same either way; no fallback, no dates.
    """
    dates = data.dates.get(data.register.files.get(key, ""))
    if dates is None:
        if fallback is None:
            return {}
        moment = iso_time(datetime.combine(fallback, time(), UTC))
        return {"first_published": moment, "last_modified": moment}
    return {
        "first_published": iso_time(dates.first_published),
        "last_modified": iso_time(dates.last_modified),
    }


def offer_record(data: SiteData, offer: Offer) -> dict[str, Any]:
    """An offer as the feed publishes it: the validated record plus links and dates."""
    record: dict[str, Any] = offer.model_dump(mode="json", exclude_none=True)
    record["url"] = data.absolute(offer_url(offer.id))
    record["api_url"] = data.absolute(offer_api_path(offer.id))
    record["provider_url"] = data.absolute(provider_api_path(offer.provider))
    record.update(record_dates(data, f"offer:{offer.id}", offer.last_reviewed))
    return record


def provider_record(data: SiteData, provider: Provider) -> dict[str, Any]:
    """A provider as the feed publishes it, without its maintainers' GitHub accounts."""
    record: dict[str, Any] = provider.model_dump(
        mode="json", exclude_none=True, exclude=set(PROVIDER_EXCLUDED)
    )
    record["url"] = data.absolute(provider_url(provider.id))
    record["api_url"] = data.absolute(provider_api_path(provider.id))
    record["offers"] = [offer.id for offer in data.offers_by_provider.get(provider.id, [])]
    record.update(record_dates(data, f"provider:{provider.id}", None))
    return record


def generated_at(data: SiteData) -> str:
    """The catalogue's time: the newest change to any record, so equal input gives equal output."""
    latest = [dates.last_modified for dates in data.dates.values()]
    if latest:
        return iso_time(max(latest))
    reviewed = [offer.last_reviewed for offer in data.register.offers.values()]
    return iso_time(datetime.combine(max(reviewed, default=date(1970, 1, 1)), time(), UTC))


def dump_json(document: Any, *, pretty: bool = False) -> bytes:
    """A JSON document as published: UTF-8, one line unless `pretty` (for small documents
    people read), ending with a newline. Compact output uses the C encoder, ten times faster."""
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=1)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def feed_files(data: SiteData) -> list[FeedFile]:
    """Every file of the JSON API v1, in a stable order."""
    register = data.register
    providers = sorted(register.providers.values(), key=lambda p: p.id)
    offers = sorted(register.offers.values(), key=lambda o: o.id)
    provider_records = [provider_record(data, provider) for provider in providers]
    offer_records = [offer_record(data, offer) for offer in offers]
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
        "generated": generated_at(data),
        "register": config,
        "providers": provider_records,
        "offers": offer_records,
    }
    files.append(FeedFile(f"{API_DIR}/catalogue.json", dump_json(catalogue)))
    files += [FeedFile(path, content) for path, content in schema_files(site_url).items()]
    # Imported here: the CSV module builds on this one's records.
    from generator.feed.catalogue_csv import CSV_PATH, catalogue_csv

    files.append(FeedFile(CSV_PATH, catalogue_csv(data)))
    return files
