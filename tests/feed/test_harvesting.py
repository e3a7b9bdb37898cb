"""The files for harvesters at scale: pages, provider catalogues, bulk files and the changes list.

Each is made from the Catalogue's records without changing them, validates against its
published schema with formats checked, and is byte-identical for equal input.
"""

from __future__ import annotations

import copy
import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.catalogue import Catalogue
from generator.feed import catalogue_parts
from generator.feed.bulk import bulk_files
from generator.feed.catalogue_parts import catalogue_part_files
from generator.feed.changes import changes_file
from generator.feed.schemas import feed_schemas
from generator.feed.written import collected
from generator.load.history import FileDates
from generator.register import load_register, offer_key
from generator.urls import (
    OFFERS_BULK_PATH,
    PROVIDERS_BULK_PATH,
    offer_page_path,
    provider_catalogue_path,
    provider_page_path,
)
from tests.support.registers import REPO


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def schemas(data: Catalogue) -> dict[str, dict[str, Any]]:
    return {s["$id"]: s for s in feed_schemas(data.register.config.site_url).values()}


def _valid(document: dict[str, Any], schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(document))
    assert not errors, f"{errors[0].message} at {list(errors[0].absolute_path)}"


def _by_name(schemas: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    return next(schema for url, schema in schemas.items() if url.endswith(f"/{name}"))


def test_pages_hold_every_record_once_in_id_order_and_link_each_other(
    data: Catalogue, schemas: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogue_parts, "PAGE_SIZE", 10)
    files = collected(catalogue_part_files(data))
    pages = [json.loads(files[offer_page_path(n)]) for n in range(1, 5)]
    assert offer_page_path(5) not in files
    assert [offer for page in pages for offer in page["offers"]] == list(
        data.offer_records.values()
    )
    assert [len(page["offers"]) for page in pages] == [10, 10, 10, 6]
    for number, page in enumerate(pages, start=1):
        assert (page["page"], page["pages"], page["total"]) == (number, 4, 36)
        assert page["first"] == data.absolute(offer_page_path(1))
        assert page["last"] == data.absolute(offer_page_path(4))
        assert page.get("prev") == (
            data.absolute(offer_page_path(number - 1)) if number > 1 else None
        )
        assert page.get("next") == (
            data.absolute(offer_page_path(number + 1)) if number < 4 else None
        )
        assert page["generated"] == max(offer["last_modified"] for offer in page["offers"])
        _valid(page, schemas[page["$schema"]])
    providers = json.loads(files[provider_page_path(1)])  # 10 providers: one full page
    assert provider_page_path(2) not in files
    assert (providers["total"], providers["pages"]) == (10, 1) and "next" not in providers
    assert providers["providers"] == list(data.provider_records.values())
    _valid(providers, schemas[providers["$schema"]])


def test_an_empty_list_is_one_empty_page(data: Catalogue) -> None:
    files = collected(
        catalogue_parts.pages(data, [], "offers", offer_page_path, "offer-page.schema.json")
    )
    (page,) = [json.loads(content) for content in files.values()]
    assert (page["total"], page["page"], page["pages"], page["offers"]) == (0, 1, 1, [])
    assert "next" not in page and "prev" not in page
    assert page["generated"] == data.generated


def test_a_provider_catalogue_holds_the_provider_and_its_offers(
    data: Catalogue, schemas: dict[str, dict[str, Any]]
) -> None:
    files = collected(catalogue_part_files(data))
    for provider_id, record in data.provider_records.items():
        document = json.loads(files[provider_catalogue_path(provider_id)])
        assert document["provider"] == record
        expected = sorted(o.id for o in data.offers_by_provider[provider_id])
        assert [offer["id"] for offer in document["offers"]] == expected
        assert document["total"] == len(expected)
        _valid(document, schemas[document["$schema"]])


def test_bulk_files_are_ndjson_of_the_records_in_a_deterministic_gzip(
    data: Catalogue, schemas: dict[str, dict[str, Any]]
) -> None:
    files = collected(bulk_files(data))
    for path, records, schema_name in (
        (OFFERS_BULK_PATH, data.offer_records, "offer.schema.json"),
        (PROVIDERS_BULK_PATH, data.provider_records, "provider.schema.json"),
    ):
        content = files[path]
        assert content[:3] == b"\x1f\x8b\x08"
        assert content[3] & 0x08 == 0, "a file name in the gzip header"
        assert content[4:8] == b"\0\0\0\0", "a time in the gzip header"
        text = gzip.decompress(content).decode("utf-8")
        assert text.endswith("}\n")
        lines = [json.loads(line) for line in text.splitlines()]
        assert lines == list(records.values())
        for line in lines:
            _valid(line, _by_name(schemas, schema_name))
    assert collected(bulk_files(Catalogue(load_register(REPO).register))) == files


def test_the_changes_list_has_every_offer_newest_first_with_tombstones(
    schemas: dict[str, dict[str, Any]],
) -> None:
    register = load_register(REPO).register
    # Two offers changed at the same moment, the newest of all: ties stay in id order.
    moment = FileDates(datetime(2025, 1, 2, tzinfo=UTC), datetime(2030, 6, 30, 12, tzinfo=UTC))
    tied = sorted(register.offers)[-2:]
    data = Catalogue(register, dates={register.files[offer_key(i)]: moment for i in tied})
    document = json.loads(changes_file(data))
    _valid(document, schemas[document["$schema"]])
    entries = document["changes"]
    assert document["total"] == len(entries) == len(register.offers)
    assert sorted(entry["id"] for entry in entries) == sorted(register.offers)
    assert [entry["id"] for entry in entries[:2]] == tied
    assert entries[0]["last_modified"] == "2030-06-30T12:00:00Z" == document["generated"]
    times = [entry["last_modified"] for entry in entries]
    assert times == sorted(times, reverse=True)
    for entry in entries:
        record = data.offer_records[entry["id"]]
        assert entry["last_modified"] == record["last_modified"]
        assert (entry["url"], entry["api_url"], entry["status"]) == (
            record["url"],
            record["api_url"],
            record["status"],
        )
        offer = register.offers[entry["id"]]
        if offer.is_withdrawn:
            assert entry["status"] == "withdrawn"
            assert entry["withdrawn"] == offer.withdrawal.date.isoformat()
        else:
            assert "withdrawn" not in entry
    assert any("withdrawn" in entry for entry in entries)


def test_the_records_are_left_as_they_were(data: Catalogue) -> None:
    before = copy.deepcopy((data.offer_records, data.provider_records))
    collected(catalogue_part_files(data))
    collected(bulk_files(data))
    changes_file(data)
    assert (data.offer_records, data.provider_records) == before


def test_equal_input_gives_byte_identical_files(data: Catalogue) -> None:
    again = Catalogue(load_register(REPO).register)
    assert collected(catalogue_part_files(again)) == collected(catalogue_part_files(data))
    assert changes_file(again) == changes_file(data)
