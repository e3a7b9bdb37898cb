"""The field reference of the Contribute page, generated from the models' JSON Schemas.

The models are the single source of truth: every field's type, whether it is
required and its description come from the same JSON Schema that editors use
for autocompletion (`generator.models.schema`), so the reference can never drift from
what the validator accepts. Fields appear in model declaration order, which for
offers is Annex I order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator import vocabularies as vocab
from generator.models.config import CONFIG_FILE, RegisterConfig
from generator.models.fields import SLUG_PATTERN
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.models.schema import json_schema

MAX_LISTED_CODES = 12
"""Vocabularies longer than this are listed once, in a code list at the end."""

SECTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("Offer file (`offers/<provider>/<id>.yaml`)", Offer, "offer.schema.json"),
    ("Provider file (`providers/<id>.yaml`)", Provider, "provider.schema.json"),
    (f"Register configuration (`{CONFIG_FILE}`)", RegisterConfig, "register.schema.json"),
)

_INTRO = (
    "Generated from the data models, like the JSON Schemas that editors use for "
    "autocompletion. Nested fields are written as dotted paths; `[]` marks the items of "
    "a list. A nested field marked *required* is required whenever the object that "
    "holds it is given. Text fields marked *multilingual* take a plain text in the "
    "register's default language, or a map of ISO 639-1 codes to texts (`{en: …, de: …}`)."
)

_LANGUAGE_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
"""How `generator.models.text` serialises a multilingual text, as the feed's documents hold it."""
_ANNOTATIONS = ("title", "description", "default", "examples")

_PLURALS = {
    "text": "texts",
    "multilingual text": "multilingual texts",
    "multilingual Markdown": "multilingual Markdown texts",
    "language map": "language maps",
    "id": "ids",
    "web address": "web addresses",
    "email address": "email addresses",
    "date": "dates",
    "number": "numbers",
    "whole number": "whole numbers",
    "object": "objects",
    "yes/no": "yes/no values",
}


@dataclass(frozen=True)
class FieldRow:
    """One row of a field table: a field's dotted path and what the schema says about it."""

    path: str
    type: str
    required: str
    description: str
    codes: tuple[str, ...] = ()
    """The values allowed, where the schema lists them (of the field, or of its list's items)."""
    text: bool = False
    """Whether the field holds a text (or a list of texts) that partners write in words."""


@dataclass
class _Walk:
    """One walk through a model's schema: its definitions, the rows found, the long code lists met."""

    defs: dict[str, Any]
    rows: list[FieldRow] = field(default_factory=list)
    long_vocabularies: dict[str, vocab.Vocabulary] = field(default_factory=dict)
    links: bool = True
    """Whether a long vocabulary is named as a Markdown link to its code list (on the page)."""


def field_reference() -> str:
    """The Markdown field reference for offer files, provider files and `register.yml`."""
    sections = [(title, json_schema(model, name)) for title, model, name in SECTIONS]
    return _INTRO + "\n\n" + schema_reference(sections) + "\n"


def schema_reference(sections: Sequence[tuple[str, dict[str, Any]]], level: int = 2) -> str:
    """Markdown field tables for JSON Schemas given as (heading, schema), then their code lists.

    Headings are at `level` (2 for `##`). Used for the register files here and for
    the feed's documents on the API page, whose schemas are not the models' own.
    """
    hashes = "#" * level
    parts: list[str] = []
    long_vocabularies: dict[str, vocab.Vocabulary] = {}
    for title, schema in sections:
        walk = _walk_schema(schema)
        long_vocabularies.update(walk.long_vocabularies)
        parts.append(f"{hashes} {title}\n\n{_table(walk.rows)}")
    if long_vocabularies:
        parts.append(
            f"{hashes} Code lists\n\n"
            f"Fields with more than {MAX_LISTED_CODES} allowed codes point here."
        )
        parts.extend(_code_list(vocabulary, level + 1) for vocabulary in long_vocabularies.values())
    return "\n\n".join(parts)


def field_rows(model: type[BaseModel], name: str, *, links: bool = True) -> list[FieldRow]:
    """Every field of `model`, nested fields included, in declaration order.

    Without `links`, a long vocabulary is named in plain words (for messages outside the site).
    """
    return _walk_schema(json_schema(model, name), links=links).rows


def _walk_schema(schema: dict[str, Any], *, links: bool = True) -> _Walk:
    walk = _Walk(defs=schema.get("$defs", {}), links=links)
    walk.rows = _object_rows(schema, "", walk, ())
    return walk


def escape_cell(text: str) -> str:
    """Make `text` safe inside a Markdown table cell: pipes escaped, one line."""
    return " ".join(text.replace("|", "\\|").split("\n"))


def _table(rows: list[FieldRow]) -> str:
    lines = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    lines.extend(
        "| "
        + " | ".join(
            escape_cell(cell) for cell in (f"`{row.path}`", row.type, row.required, row.description)
        )
        + " |"
        for row in rows
    )
    return "\n".join(lines)


def _code_list(vocabulary: vocab.Vocabulary, level: int = 3) -> str:
    lines = [
        f"{'#' * level} {vocabulary.label} {{#{_anchor(vocabulary)}}}",
        "",
        "| Code | Label |",
        "|---|---|",
    ]
    lines.extend(f"| `{term.code}` | {escape_cell(term.label)} |" for term in vocabulary)
    return "\n".join(lines)


def _anchor(vocabulary: vocab.Vocabulary) -> str:
    return f"codes-{vocabulary.name}"


def _object_rows(
    schema: dict[str, Any], prefix: str, walk: _Walk, seen: tuple[str, ...]
) -> list[FieldRow]:
    required = set(schema.get("required", []))
    rows: list[FieldRow] = []
    for key, prop in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        rows.append(
            FieldRow(
                path=path,
                type=_type_words(prop, walk),
                required=_required_words(key in required, prop),
                description=prop.get("description", ""),
                codes=_allowed_values(prop),
                text=any("x-text-format" in value for value in _values(prop)),
            )
        )
        rows.extend(_nested_rows(prop, path, walk, seen))
    return rows


def _values(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas of the values a property holds: its alternatives, or its list's items."""
    values: list[dict[str, Any]] = []
    for alternative in _alternatives(prop):
        if alternative.get("type") == "array":
            values.extend(_alternatives(alternative.get("items", {})))
        else:
            values.append(alternative)
    return values


def _allowed_values(prop: dict[str, Any]) -> tuple[str, ...]:
    values = _values(prop)
    if values and all(value.get("type") == "boolean" for value in values):
        return ("true", "false")
    if values and all("enum" in value for value in values):
        return tuple(str(code) for value in values for code in value["enum"])
    return ()


def _nested_rows(
    prop: dict[str, Any], path: str, walk: _Walk, seen: tuple[str, ...]
) -> list[FieldRow]:
    """Rows of the objects a property holds, directly or as list items."""
    rows: list[FieldRow] = []
    for alternative in _alternatives(prop):
        if alternative.get("type") == "array" and "items" in alternative:
            for item in _alternatives(alternative["items"]):
                rows.extend(_ref_rows(item, f"{path}[].", walk, seen))
        else:
            rows.extend(_ref_rows(alternative, f"{path}.", walk, seen))
    return rows


def _ref_rows(
    schema: dict[str, Any], prefix: str, walk: _Walk, seen: tuple[str, ...]
) -> list[FieldRow]:
    name = _ref_name(schema)
    if name is None or name in seen:  # `seen` guards against recursive models
        return []
    return _object_rows(walk.defs[name], prefix, walk, (*seen, name))


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _alternatives(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of a schema, with nested `anyOf`s flattened.

    Multilingual texts are kept whole: their own `anyOf` (text or language map)
    is one kind of value for a contributor.
    """
    if "anyOf" in schema and "x-text-format" not in schema:
        flat: list[dict[str, Any]] = []
        for option in schema["anyOf"]:
            flat.extend(_alternatives(option))
        return flat
    if schema.get("type") == "null":
        return []
    return [schema]


def _required_words(required: bool, prop: dict[str, Any]) -> str:
    if required:
        return "required"
    default = prop.get("default")
    if default is None or default == [] or default == {}:
        return "optional"
    return f"optional, default `{_yaml_value(default)}`"


def _yaml_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    return json.dumps(value)


def _type_words(schema: dict[str, Any], walk: _Walk) -> str:
    words = [_kind(alternative, walk, plural=False) for alternative in _alternatives(schema)]
    return " or ".join(dict.fromkeys(words)) or "any value"


def _kind(schema: dict[str, Any], walk: _Walk, *, plural: bool) -> str:
    """A schema's type in words, e.g. `number (more than 0, at most 240)`."""
    if "x-text-format" in schema:
        noun = (
            "multilingual Markdown"
            if "Markdown" in schema["x-text-format"]
            else ("multilingual text")
        )
        return _noun(noun, plural)
    if "enum" in schema:
        return _codes(schema["enum"], walk, plural=plural)
    if "const" in schema:
        return f"`{_yaml_value(schema['const'])}`"
    if "$ref" in schema:
        return _noun("object", plural)
    if {key: value for key, value in schema.items() if key not in _ANNOTATIONS} == _LANGUAGE_MAP:
        return _noun("language map", plural)
    kind = schema.get("type")
    if kind == "array":
        items = _alternatives(schema.get("items", {}))
        item_words = " or ".join(dict.fromkeys(_kind(item, walk, plural=True) for item in items))
        most = schema.get("maxItems")
        return "list of " + (item_words or "values") + (f" (at most {most})" if most else "")
    if kind == "boolean":
        return _noun("yes/no", plural)
    if kind in ("integer", "number"):
        noun = _noun("whole number" if kind == "integer" else "number", plural)
        limits = _limits(schema)
        return f"{noun} ({limits})" if limits else noun
    if kind == "string":
        return _string_kind(schema, plural)
    if kind == "object":
        return _noun("object", plural)
    return "any value"


def _string_kind(schema: dict[str, Any], plural: bool) -> str:
    string_format = schema.get("format")
    if string_format == "date":
        return _noun("date", plural) + " (YYYY-MM-DD)"
    if string_format == "uri":
        return _noun("web address", plural)
    if string_format == "email":
        return _noun("email address", plural)
    if schema.get("pattern") == SLUG_PATTERN:
        return _noun("id", plural)
    examples = schema.get("examples")
    if examples:
        return _noun("text", plural) + f", e.g. `{examples[0]}`"
    return _noun("text", plural)


def _noun(singular: str, plural: bool) -> str:
    return _PLURALS.get(singular, singular) if plural else singular


def _limits(schema: dict[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    above = schema.get("exclusiveMinimum")
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}"
    parts = []
    if above is not None:
        parts.append(f"more than {_number(above)}")
    if low is not None:
        parts.append(f"at least {_number(low)}")
    if high is not None:
        parts.append(f"at most {_number(high)}")
    return ", ".join(parts)


def _number(value: float) -> str:
    return f"{value:,}".replace(",", "\u202f") if abs(value) >= 10_000 else str(value)


def _codes(codes: list[Any], walk: _Walk, *, plural: bool) -> str:
    """Allowed codes with their labels; long vocabularies point to a code list instead."""
    vocabulary = _vocabulary_of(codes)
    if vocabulary is not None and len(codes) > MAX_LISTED_CODES:
        walk.long_vocabularies.setdefault(vocabulary.name, vocabulary)
        link = (
            f"[{vocabulary.label}](#{_anchor(vocabulary)})"
            if walk.links
            else f"the code list {vocabulary.label} in the field reference"
        )
        lead = "codes from" if plural else "one of"
        return f"{lead} {len(codes)} codes, see {link}"
    listed = ", ".join(
        f"`{code}` ({vocabulary.label_of(code)})" if vocabulary else f"`{code}`" for code in codes
    )
    return f"codes, each one of {listed}" if plural else f"one of {listed}"


def _vocabulary_of(codes: list[Any]) -> vocab.Vocabulary | None:
    for vocabulary in vocab.ALL:
        if vocabulary.codes == codes:
            return vocabulary
    return None
