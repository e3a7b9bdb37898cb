"""QualityLink: manifests valid against the schema in `discovery.bs`, pointing at the ELM data.

The specifications are read from `../shared/quality-link/` (or the folder named
by `REGISTER_QUALITYLINK_REFERENCE`); the manifest's JSON Schema is the one
`discovery.bs` publishes in its "JSON Schema" section.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.catalogue import Catalogue
from generator.feed.index import machine_readable_files
from generator.feed.qualitylink import quality_link_files
from generator.feed.schemas import feed_schemas
from generator.register import load_register
from generator.urls import (
    REGISTER_ELM_PATH,
    REGISTER_MANIFEST_PATH,
    elm_path,
    offer_url,
    provider_elm_path,
    provider_manifest_path,
)
from tests.support.registers import REPO

REFERENCE = Path(
    os.environ.get("REGISTER_QUALITYLINK_REFERENCE", REPO.parent / "shared" / "quality-link")
)
COURSE_ID = re.compile(r"^urn:schac:uniqueCourseId:([a-z0-9.-]+):([^:\s]+)$")


@pytest.fixture(scope="module")
def official_schema() -> dict[str, Any]:
    path = REFERENCE / "discovery.bs"
    if not path.is_file():
        pytest.skip(
            f"QualityLink's discovery.bs is not in {REFERENCE}: set REGISTER_QUALITYLINK_REFERENCE"
        )
    text = path.read_text(encoding="utf-8")
    section = text[text.index("JSON Schema {#manifest-schema}") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block, "discovery.bs has no JSON Schema block any more"
    schema = json.loads(block.group(1))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def files(data: Catalogue) -> dict[str, bytes]:
    return quality_link_files(data)


def manifests(data: Catalogue, files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    paths = [REGISTER_MANIFEST_PATH, *(provider_manifest_path(p) for p in data.register.providers)]
    return {path: json.loads(files[path]) for path in paths}


def test_every_manifest_is_valid_against_quality_links_schema_and_ours(
    data: Catalogue, files: dict, official_schema: dict
) -> None:
    official = jsonschema.Draft202012Validator(
        official_schema, format_checker=jsonschema.FormatChecker()
    )
    ours = jsonschema.Draft202012Validator(
        feed_schemas(data.register.config.site_url)["quality-link-manifest.schema.json"]
    )
    found = manifests(data, files)
    assert len(found) == len(data.register.providers) + 1
    for path, document in found.items():
        assert list(official.iter_errors(document)) == [], path
        assert list(ours.iter_errors(document)) == [], path


def test_the_schemas_refuse_a_source_quality_link_does_not_know(
    data: Catalogue, files: dict, official_schema: dict
) -> None:
    document = json.loads(files[REGISTER_MANIFEST_PATH])
    document["sources"][0]["type"] = "loq-xml"
    assert list(jsonschema.Draft202012Validator(official_schema).iter_errors(document))


def test_each_manifest_points_at_an_elm_file_with_its_offers(data: Catalogue, files: dict) -> None:
    built = machine_readable_files(data, date(2026, 11, 23))
    register = data.register
    for provider_id, provider in register.providers.items():
        document = json.loads(files[provider_manifest_path(provider_id)])
        (source,) = document["sources"]
        assert source["type"] == "elm" and source["version"] == "3.1"
        assert source["path"] == data.absolute(provider_elm_path(provider_id))
        assert provider_elm_path(provider_id) in built
        graph = json.loads(files[provider_elm_path(provider_id)])
        expected = sorted(o.id for o in register.offers.values() if o.provider == provider_id)
        assert [node["id"] for node in graph["@graph"]] == [
            data.absolute(offer_url(offer_id)) for offer_id in expected
        ]
        identifiers = provider.identifiers
        meta = {
            "schac": identifiers.schac,
            "eterid": identifiers.eter_id,
            "deqarid": identifiers.deqar_id,
        }
        assert document.get("meta", {}) == {k: v for k, v in meta.items() if v}
    register_graph = json.loads(files[REGISTER_ELM_PATH])
    assert len(register_graph["@graph"]) == len(register.offers)


def test_the_elm_file_holds_the_same_nodes_as_the_offer_documents(
    data: Catalogue, files: dict
) -> None:
    built = machine_readable_files(data, date(2026, 11, 23))
    graph = json.loads(files[provider_elm_path("jarvimaa-uas")])
    for node in graph["@graph"]:
        offer_id = node["id"].rstrip("/").rsplit("/", 1)[1]
        single = json.loads(built[elm_path(offer_id)])
        assert {**node, "@context": graph["@context"]} == single


def test_course_identifiers_follow_the_schac_urn_where_there_is_a_schac_code(
    data: Catalogue, files: dict
) -> None:
    graph = json.loads(files[REGISTER_ELM_PATH])
    with_schac = 0
    for node in graph["@graph"]:
        spec = node["learningAchievementSpecification"]
        provider = data.register.providers[
            node["providedBy"][0]["id"].rstrip("/").rsplit("/", 1)[1]
        ]
        offer_id = node["id"].rstrip("/").rsplit("/", 1)[1]
        if provider.identifiers.schac is None:
            assert "identifier" not in spec
            continue
        (identifier,) = spec["identifier"]
        match = COURSE_ID.match(identifier["notation"])
        assert match and match.groups() == (provider.identifiers.schac, offer_id)
        with_schac += 1
    assert with_schac == 14  # Hogeschool Scheldeland, Järvimaa UAS, Mittelrhein University
