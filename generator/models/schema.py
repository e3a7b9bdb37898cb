"""JSON Schemas of the register files, generated from the models.

Editors use them for autocompletion and inline checking (through the
`# yaml-language-server: $schema=…` line at the top of each file); the feed
publishes them. They are written by `register schema` and committed under
`schemas/`; a test fails when the committed files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.models import Offer, Provider, RegisterConfig

SCHEMA_DIR = "schemas"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, type[BaseModel]] = {
    "offer.schema.json": Offer,
    "provider.schema.json": Provider,
    "register.schema.json": RegisterConfig,
}


def json_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The JSON Schema of the YAML files that `model` validates."""
    schema = model.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, "$id": name, **schema}


def render_schemas() -> dict[str, str]:
    """Every schema file's name and its exact text."""
    return {
        name: json.dumps(json_schema(model, name), indent=2, ensure_ascii=False) + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write the schema files into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in `folder` that are missing or differ from the models."""
    stale = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
