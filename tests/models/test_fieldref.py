"""The Contribute page's field reference: generated from the models, complete and valid Markdown."""

from __future__ import annotations

import re

import markdown
import pytest
from pydantic import BaseModel

from generator.models.config import RegisterConfig
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.models.reference import escape_cell, field_reference, field_rows
from generator.models.schema import json_schema

MODELS: list[tuple[type[BaseModel], str, str]] = [
    (Offer, "offer.schema.json", "## Offer file (`offers/<provider>/<id>.yaml`)"),
    (Provider, "provider.schema.json", "## Provider file (`providers/<id>.yaml`)"),
    (RegisterConfig, "register.schema.json", "## Register configuration (`register.yml`)"),
]

_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else None]


def _rows(section: str) -> dict[str, list[str]]:
    """The table rows of a section by field path, each as its Type, Required, Description cells."""
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in _CELL_SEPARATOR.split(line)[1:-1]]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


@pytest.fixture(scope="module")
def reference() -> str:
    return field_reference()


@pytest.mark.parametrize(("model", "name", "heading"), MODELS)
def test_every_top_level_field_appears_in_order(
    reference: str, model: type[BaseModel], name: str, heading: str
) -> None:
    rows = _rows(_section(reference, heading))
    top_level = [path for path in rows if "." not in path]
    assert top_level == list(model.model_fields)


@pytest.mark.parametrize(
    ("heading", "path"),
    [
        (MODELS[0][2], "workload.ects"),
        (MODELS[0][2], "level.eqf"),
        (MODELS[0][2], "editions[].start"),
        (MODELS[0][2], "learning_outcomes[].statement"),
        (MODELS[0][2], "integration.towards_credentials[].title"),
        (MODELS[1][2], "identifiers.pic"),
        (MODELS[1][2], "recognition_policy.recognises_external"),
        (MODELS[1][2], "quality_assurance.external[].framework"),
        (MODELS[2][2], "publisher.name"),
    ],
)
def test_nested_paths_appear(reference: str, heading: str, path: str) -> None:
    assert path in _rows(_section(reference, heading))


def test_descriptions_come_from_the_schema(reference: str) -> None:
    schema = json_schema(Offer, "offer.schema.json")
    offer = _rows(_section(reference, MODELS[0][2]))
    assert offer["title"][2] == schema["properties"]["title"]["description"]
    ects = schema["$defs"]["Workload"]["properties"]["ects"]["description"]
    assert offer["workload.ects"][2] == ects
    by_path = {row.path: row for row in field_rows(Offer, "offer.schema.json")}
    assert by_path["title"].description == Offer.model_fields["title"].description


def test_required_and_optional_fields_are_marked(reference: str) -> None:
    offer = _rows(_section(reference, MODELS[0][2]))
    assert offer["title"][1] == "required"
    assert offer["description"][1] == "optional"
    assert offer["editions[].start"][1] == "required"
    assert offer["editions[].end"][1] == "optional"
    config = _rows(_section(reference, MODELS[2][2]))
    assert config["staff_development"][1] == "optional, default `refuse`"


def test_types_are_described_in_words(reference: str) -> None:
    offer = _rows(_section(reference, MODELS[0][2]))
    assert offer["title"][0] == "multilingual text"
    assert offer["description"][0] == "multilingual Markdown"
    assert offer["editions"][0] == "list of objects (at most 100)"
    assert offer["target_groups"][0] == "list of multilingual texts (at most 20)"
    assert offer["editions[].start"][0].startswith("date")
    assert offer["editions[].capacity"][0].startswith("whole number")
    assert offer["workload.ects"][0].startswith("number")
    assert offer["fee.free"][0] == "yes/no"
    assert offer["level.eqf"][0] == "whole number (1 to 8) or `not-applicable`"


def test_vocabulary_codes_are_listed_with_labels(reference: str) -> None:
    mode = _rows(_section(reference, MODELS[0][2]))["participation.mode"][0]
    assert mode.startswith("one of ")
    for code in ("online", "onsite", "blended"):
        assert f"`{code}` (" in mode
    assert "`online` (Online)" in mode


def test_long_vocabularies_point_to_a_code_list(reference: str) -> None:
    field = _rows(_section(reference, MODELS[0][2]))["field"][0]
    assert "#codes-isced-f" in field
    assert "`0613`" not in field
    codes = _section(reference, "## Code lists")
    assert "{#codes-isced-f}" in codes
    assert "| `0613` | Software and applications development and analysis |" in codes


def test_pipes_are_escaped() -> None:
    assert escape_cell("a | b") == "a \\| b"
    assert escape_cell("`x|y` and\nmore") == "`x\\|y` and more"
    row = "| " + " | ".join(escape_cell(c) for c in ("`f`", "text", "optional", "a | b")) + " |"
    assert _CELL_SEPARATOR.split(row)[1:-1] == [" `f` ", " text ", " optional ", " a \\| b "]


def test_output_is_deterministic() -> None:
    assert field_reference() == field_reference()


def test_renders_as_tables(reference: str) -> None:
    html = markdown.markdown(reference, extensions=["tables"])
    assert html.count("<table>") >= len(MODELS)
    assert "<code>workload.ects</code>" in html
    assert "<code>offers/&lt;provider&gt;/&lt;id&gt;.yaml</code>" in html
