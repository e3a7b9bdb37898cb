"""The JSON Schemas: generated from the models, committed, current, and agreeing with the data."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.load.reading import load_yaml_bytes
from generator.models.schema import SCHEMA_DIR, render_schemas, stale_schemas
from tests.support.registers import OFFER, PROVIDER, REPO


def test_committed_schemas_are_current() -> None:
    stale = stale_schemas(REPO / SCHEMA_DIR)
    assert stale == [], f"run `register schema`: {stale} differ from the models"


@pytest.mark.parametrize("name", sorted(render_schemas()))
def test_schemas_are_valid_json_schema(name: str) -> None:
    schema = json.loads(render_schemas()[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(render_schemas()[name]))


def _data(path_or_text: str) -> object:
    document, problems = load_yaml_bytes(path_or_text.encode(), "x.yaml")
    assert problems == []
    return document.data


def test_schema_accepts_valid_files_and_rejects_unknown_keys() -> None:
    offers = _validator("offer.schema.json")
    assert list(offers.iter_errors(_data(OFFER))) == []
    assert list(offers.iter_errors(_data(OFFER + "titel: x\n")))
    assert list(_validator("provider.schema.json").iter_errors(_data(PROVIDER))) == []


def test_every_sample_file_matches_its_schema() -> None:
    offers, providers = _validator("offer.schema.json"), _validator("provider.schema.json")
    files = sorted((REPO / "offers").glob("*/*.yaml")) + sorted((REPO / "providers").glob("*.yaml"))
    assert files
    for path in files:
        validator = providers if path.parent.name == "providers" else offers
        errors = [e.message for e in validator.iter_errors(_data(path.read_text()))]
        assert errors == [], f"{path.relative_to(REPO)}: {errors}"


def test_field_descriptions_reach_the_schema() -> None:
    schema = json.loads(render_schemas()["offer.schema.json"])
    assert "Annex I (2)" in schema["properties"]["title"]["description"]
    supervision = schema["properties"]["supervision"]["anyOf"][0]
    assert supervision["enum"] == [
        "unsupervised-no-id-verification",
        "supervised-no-id-verification",
        "supervised-online",
        "onsite-id-verification",
    ]
