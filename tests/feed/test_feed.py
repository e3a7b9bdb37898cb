"""The JSON API v1: documents for every record, language maps, absolute URLs, tombstones."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.catalogue import Catalogue
from generator.feed.api import dump_json, feed_files, json_pieces
from generator.feed.index import index_document, machine_readable_files
from generator.feed.written import collected
from generator.load.history import FileDates
from generator.mkdocs.build import build_site
from generator.register import load_register, offer_key
from generator.urls import API_VERSION, offer_api_path
from tests.support.registers import REPO

SITE_URL = "https://register.trivium-alliance.eu/"


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def documents(data: Catalogue) -> dict[str, dict]:
    files = machine_readable_files(data, date(2026, 11, 23))
    return {path: json.loads(content) for path, content in files.items() if path.endswith(".json")}


def test_a_document_for_every_record_and_the_catalogue(data: Catalogue, documents: dict) -> None:
    register = data.register
    for offer_id in register.offers:
        assert f"api/v1/offers/{offer_id}.json" in documents
    for provider_id in register.providers:
        assert f"api/v1/providers/{provider_id}.json" in documents
    catalogue = documents["api/v1/catalogue.json"]
    assert catalogue["api_version"] == API_VERSION
    assert len(catalogue["offers"]) == len(register.offers) == 36
    assert len(catalogue["providers"]) == len(register.providers) == 10
    index = index_document(data)
    assert index["api_version"] == API_VERSION
    assert index["endpoints"]["catalogue"] == f"{SITE_URL}api/v1/catalogue.json"
    assert index["endpoints"]["elm_offer"] == f"{SITE_URL}api/v1/elm/{{id}}.jsonld"
    assert index["offers"] == 36


def test_withdrawn_offers_stay_as_tombstones(documents: dict) -> None:
    record = documents["api/v1/offers/forklift-safe-operation.json"]
    assert record["status"] == "withdrawn"
    assert record["withdrawal"]["date"] == "2026-06-30"
    assert "en" in record["withdrawal"]["reason"]


def test_texts_are_language_maps(documents: dict) -> None:
    record = documents["api/v1/offers/trivium-summer-school-ai-ethics.json"]
    assert set(record["title"]) == {"en", "de", "nl", "fi"}
    assert record["prerequisites"].keys() == {"en"}  # written as a plain string in the YAML
    for outcome in record["learning_outcomes"]:
        assert isinstance(outcome["statement"], dict)


def test_records_carry_stable_absolute_urls(documents: dict) -> None:
    record = documents["api/v1/offers/heat-pump-installation.json"]
    assert record["url"] == f"{SITE_URL}offers/heat-pump-installation/"
    assert record["api_url"] == f"{SITE_URL}api/v1/offers/heat-pump-installation.json"
    assert record["provider_url"] == f"{SITE_URL}api/v1/providers/technikum-murtal.json"
    provider = documents["api/v1/providers/technikum-murtal.json"]
    assert "heat-pump-installation" in provider["offers"]
    assert "maintainers" not in provider  # GitHub accounts are not published


def test_dates_come_from_history_else_from_the_review_date() -> None:
    register = load_register(REPO).register
    path = register.files[offer_key("heat-pump-installation")]
    dates = {
        path: FileDates(datetime(2025, 1, 2, 10, tzinfo=UTC), datetime(2025, 6, 30, 12, tzinfo=UTC))
    }
    with_git = {
        path: json.loads(content)
        for path, content in collected(feed_files(Catalogue(register, dates=dates))).items()
        if path.endswith(".json")
    }
    record = with_git[offer_api_path("heat-pump-installation")]
    assert record["first_published"] == "2025-01-02T10:00:00Z"
    assert record["last_modified"] == "2025-06-30T12:00:00Z"
    assert with_git["api/v1/catalogue.json"]["generated"] == "2025-06-30T12:00:00Z"

    without = {
        path: json.loads(content)
        for path, content in collected(feed_files(Catalogue(register))).items()
        if path.endswith(".json")
    }
    offer = register.offers["heat-pump-installation"]
    assert without[offer_api_path(offer.id)]["last_modified"] == (
        f"{offer.last_reviewed.isoformat()}T00:00:00Z"
    )


def test_output_is_deterministic(data: Catalogue) -> None:
    assert collected(feed_files(data)) == collected(
        feed_files(Catalogue(load_register(REPO).register))
    )


def test_fact_sheet_links_to_its_json(sample_site: Path) -> None:
    html = (sample_site / "offers" / "heat-pump-installation" / "index.html").read_text()
    assert 'href="../../api/v1/offers/heat-pump-installation.json"' in html
    assert (sample_site / "api" / "v1" / "offers" / "heat-pump-installation.json").is_file()


CSVW_SUFFIX = ".csv-metadata.json"
"""The CSV's CSV on the Web description follows the W3C vocabulary (tests/test_csvw.py)."""


def test_every_document_validates_against_its_published_schema(documents: dict) -> None:
    from jsonschema import Draft202012Validator

    schemas = {path: doc for path, doc in documents.items() if path.startswith("api/v1/schema/")}
    assert set(schemas) == {
        "api/v1/schema/offer.schema.json",
        "api/v1/schema/provider.schema.json",
        "api/v1/schema/catalogue.schema.json",
        "api/v1/schema/index.schema.json",
        "api/v1/schema/quality-link-manifest.schema.json",
        "api/v1/schema/offer-page.schema.json",
        "api/v1/schema/provider-page.schema.json",
        "api/v1/schema/provider-catalogue.schema.json",
        "api/v1/schema/changes.schema.json",
    }
    # Each schema once: checking one against the meta-schema takes longer than 40 documents.
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    by_id = {schema["$id"]: schema for schema in schemas.values()}
    checked = 0
    for path, document in documents.items():
        if path.startswith("api/v1/schema/") or path.endswith(CSVW_SUFFIX):
            continue
        errors = list(Draft202012Validator(by_id[document["$schema"]]).iter_errors(document))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"
        checked += 1
    # offers, providers, catalogue, index, QualityLink manifests (one per provider, the register's),
    # changes, a page of offers and one of providers, provider catalogues
    assert checked == 36 + 10 + 1 + 1 + 10 + 1 + 1 + 2 + 10


def test_schema_refuses_a_document_missing_its_url(documents: dict) -> None:
    from jsonschema import Draft202012Validator

    schema = documents["api/v1/schema/offer.schema.json"]
    record = dict(documents["api/v1/offers/heat-pump-installation.json"])
    del record["url"]
    assert any(
        "'url' is a required property" in e.message
        for e in Draft202012Validator(schema).iter_errors(record)
    )


def test_csv_has_a_documented_header_and_a_row_per_offer(data: Catalogue) -> None:
    import csv
    import io

    from generator.feed.catalogue_csv import COLUMNS, catalogue_csv

    text = catalogue_csv(data).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [name for name, _, _ in COLUMNS]
    assert all(description for _, description, _ in COLUMNS)
    assert len(rows) == 36
    row = next(r for r in rows if r["id"] == "heat-pump-installation")
    assert row["eqf"] == "4" and row["mode"] == "blended" and row["country"] == "AT"
    assert row["url"] == f"{SITE_URL}offers/heat-pump-installation/"
    assert row["fee"] == "1490 EUR"
    assert next(r for r in rows if r["id"] == "forklift-safe-operation")["withdrawn_on"]


def test_csv_cells_never_start_a_formula() -> None:
    from generator.feed.catalogue_csv import _text

    assert _text('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _text("@SUM(A1)") == "'@SUM(A1)"
    assert _text("Data literacy") == "Data literacy"


def test_atom_feeds_list_changes_newest_first() -> None:
    import xml.etree.ElementTree as ET

    from generator.feed.atom import ATOM, atom_files

    register = load_register(REPO).register
    files = register.files
    dates = {
        files[offer_key("heat-pump-installation")]: FileDates(
            datetime(2025, 1, 2, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC)
        ),
        files[offer_key("forklift-safe-operation")]: FileDates(
            datetime(2024, 5, 1, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC)
        ),
        files[offer_key("circular-product-design")]: FileDates(
            datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 3, 1, tzinfo=UTC)
        ),
    }
    feeds = atom_files(Catalogue(register, dates=dates))
    assert "feed.xml" in feeds and "providers/technikum-murtal/feed.xml" in feeds
    root = ET.fromstring(feeds["feed.xml"])
    ns = {"a": ATOM}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    updated = [e.findtext("a:updated", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True)
    assert titles[0].startswith("Withdrawn: ")  # forklift, changed last
    assert "New: Installing and Commissioning Air-to-Water Heat Pumps" in titles
    assert "Updated: Circular Product Design" in titles
    own = ET.fromstring(feeds["providers/technikum-murtal/feed.xml"])
    ids = [e.findtext("a:id", namespaces=ns) for e in own.findall("a:entry", ns)]
    assert ids and all(i.startswith(SITE_URL + "offers/") for i in ids)
    assert f"{SITE_URL}offers/heat-pump-installation/" in ids
    assert len(ids) == 4


def test_two_builds_of_one_commit_publish_byte_identical_files(
    sample_site: Path, tmp_path: Path
) -> None:
    """The feed's times come from git, never from the clock; nothing else varies either."""

    def tree(site: Path) -> dict[str, bytes]:
        published = [
            *site.joinpath("api").rglob("*"),
            *site.rglob("*.ics"),
            *site.rglob("feed.xml"),
        ]
        return {str(p.relative_to(site)): p.read_bytes() for p in published if p.is_file()}

    first = tree(sample_site)
    second = tree(build_site(REPO, tmp_path / "again", search=False))
    assert len(first) > 36 * 3
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.parametrize("where", ["in-git", "outside-git"])
def test_every_json_document_of_a_build_validates_against_its_schema(
    request: pytest.FixtureRequest, tmp_path: Path, where: str
) -> None:
    """Formats included: the dates are date-times in git and outside it (a downloaded archive)."""
    from jsonschema import Draft202012Validator

    if where == "in-git":
        site = request.getfixturevalue("sample_site")
    else:
        site = build_site(
            request.getfixturevalue("sample_copy").root, tmp_path / "site", search=False
        )
    api = site / "api" / "v1"
    schemas = {}
    for path in (api / "schema").glob("*.json"):
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        schemas[schema["$id"]] = schema
    checked = 0
    for path in api.rglob("*.json"):
        if path.parent.name == "schema" or path.name.endswith(CSVW_SUFFIX):
            continue
        document = json.loads(path.read_text())
        validator = Draft202012Validator(
            schemas[document["$schema"]], format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        errors = list(validator.iter_errors(document))
        assert not errors, f"{path}: {errors[0].message}"
        checked += 1
    assert checked == 36 + 10 + 2 + 10 + 1 + 1 + 2 + 10


@pytest.mark.parametrize(
    "document",
    [
        {"offers": []},
        {"offers": [{"id": "a"}]},
        {"a": 1, "providers": [], "offers": [{"id": n, "t": "é"} for n in range(1203)]},
        {"register": {"name": "ünï"}, "providers": [{"id": "p"}], "offers": []},
    ],
    ids=["only-empty-list", "one-item", "many-items", "empty-last-list"],
)
def test_json_in_pieces_is_the_whole_document(document: dict[str, object]) -> None:
    listed = tuple(key for key in ("providers", "offers") if key in document)
    written = list(json_pieces(document, listed=listed))
    assert b"".join(written) == dump_json(document)
    if len(document.get("offers", [])) > 1000:  # type: ignore[arg-type]
        assert len(written) > 3  # hundreds of items a piece, not the whole list at once
