"""JSON Schemas of the feed's documents, generated from the same models as the records.

A feed document is a validated record as the model serialises it, plus the
fields the feed adds (links, dates, version); the schema is the model's
serialisation schema with those fields added, never written by hand. Each
document names its schema in `$schema`; the schemas are published under
`api/v1/schema/`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator import vocabularies as vocab
from generator.catalogue import PROVIDER_EXCLUDED, REGISTER_EXCLUDED
from generator.models import Offer, Provider, RegisterConfig
from generator.models.fields import SLUG_MAX, SLUG_PATTERN
from generator.models.schema import SCHEMA_DIALECT
from generator.urls import PAGE_SIZE, schema_path

_URL = {"type": "string", "format": "uri"}
_TIME = {"type": "string", "format": "date-time"}
_VERSION = {
    "type": "string",
    "pattern": r"^1\.\d+\.\d+$",
    "description": "Version of the API v1 document format.",
}

OFFER_FIELDS: dict[str, dict[str, Any]] = {
    "$schema": _URL | {"description": "The JSON Schema of this document."},
    "api_version": _VERSION,
    "url": _URL | {"description": "The offer's fact sheet (canonical, never reused)."},
    "api_url": _URL | {"description": "This document."},
    "provider_url": _URL | {"description": "The publishing provider's document."},
    "first_published": _TIME
    | {"description": "First commit of the offer's file (or its review date)."},
    "last_modified": _TIME
    | {"description": "Last commit of the offer's file (or its review date)."},
}
PROVIDER_FIELDS: dict[str, dict[str, Any]] = {
    "$schema": OFFER_FIELDS["$schema"],
    "api_version": _VERSION,
    "url": _URL | {"description": "The provider's page."},
    "api_url": _URL | {"description": "This document."},
    "offers": {"type": "array", "items": {"type": "string"}, "description": "Ids of its offers."},
    "first_published": _TIME | {"description": "First commit of the provider's file."},
    "last_modified": _TIME | {"description": "Last commit of the provider's file."},
}


class OmittedFile(BaseModel):
    """A register-wide file not published plain because it is too large: where its copy is."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="Where the plain file would be.")
    size: int = Field(ge=0, description="Its size in bytes, over the limit.")
    limit: int = Field(ge=0, description="Bytes above which a plain file is left out.")
    instead: str = Field(
        description="The endpoint (a key of `endpoints`) of the same document gzip-compressed."
    )


class ApiIndex(BaseModel):
    """`api/v1/index.json`: where an aggregator starts; the API version and every endpoint."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_url: str = Field(alias="$schema", description="The JSON Schema of this document.")
    api_version: str = Field(
        pattern=_VERSION["pattern"], description="Version of the API v1 document format."
    )
    generated: str = Field(description="Newest change to any record (from git), ISO 8601 UTC.")
    endpoints: dict[str, str] = Field(
        description="Endpoint name → absolute URL; `{id}` stands for an offer's or provider's id."
    )
    offers: int = Field(ge=0, description="Number of offers, withdrawn ones included.")
    providers: int = Field(ge=0, description="Number of providers.")
    omitted: dict[str, OmittedFile] | None = Field(
        default=None,
        description="Endpoint name → a register-wide file left out because its plain form "
        "is over the size limit; present only when one is.",
    )


class QualityLinkAuth(BaseModel):
    """How to access a data source: the register's files need no authorisation."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["none"] = Field(description="Access control strategy: `none`.")


class QualityLinkSource(BaseModel):
    """One data source in a QualityLink manifest: a static ELM file."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["elm"] = Field(description="Type of the data source (QualityLink data exchange).")
    path: str = Field(pattern=r"^https?://", description="Absolute URL of the ELM file (JSON-LD).")
    version: str = Field(description="The ELM version of the data, e.g. `3.1`.")
    id: str = Field(description="Identifier of the data source.")
    name: str = Field(description="What the data source holds, for people.")
    auth: QualityLinkAuth = Field(description="Authorisation: none.")


class QualityLinkMeta(BaseModel):
    """Identifiers of the institution the data sources cover, where the provider has them."""

    model_config = ConfigDict(extra="forbid")

    schac: str | None = Field(None, description="SCHAC code of the institution.")
    eterid: str | None = Field(None, description="ETER identifier (EHESO, OrgReg).")
    deqarid: str | None = Field(None, description="DEQAR institution identifier.")


class QualityLinkManifest(BaseModel):
    """A QualityLink discovery manifest (`quality-link-manifest.json`) pointing at ELM data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_url: str = Field(alias="$schema", description="The JSON Schema of this document.")
    meta: QualityLinkMeta | None = Field(
        None, description="Institutional identifiers (provider manifests only)."
    )
    sources: list[QualityLinkSource] = Field(min_length=1, description="The data sources.")


def _document_schema(
    model: type[BaseModel], added: dict[str, dict[str, Any]], excluded: tuple[str, ...]
) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    for name in excluded:
        schema["properties"].pop(name, None)
    schema["required"] = [name for name in schema.get("required", []) if name not in excluded]
    schema["properties"].update(added)
    # Records inside the catalogue carry no `$schema`/`api_version`; dates need a git history.
    optional = {"$schema", "api_version", "first_published", "last_modified"}
    schema["required"] += [name for name in added if name not in optional]
    _drop_unused_definitions(schema)
    return schema


def _drop_unused_definitions(schema: dict[str, Any]) -> None:
    """Leave out the `$defs` only an excluded field used (the feed does not publish them)."""
    definitions = schema.get("$defs", {})
    used: set[str] = set()
    pending: list[Any] = [{k: v for k, v in schema.items() if k != "$defs"}]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name not in used and name in definitions:
                    used.add(name)
                    pending.append(definitions[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    for name in set(definitions) - used:
        del definitions[name]


def _page_schema(title: str, key: str, item: str, defs: dict[str, Any]) -> dict[str, Any]:
    """A page of the paged catalogue holding `key`: a list of `item` documents."""
    link = _URL | {"description": "Absolute URL of a page of the same list."}
    return {
        "title": title,
        "description": f"At most {PAGE_SIZE} {key} of the register in id order, with links "
        "to the other pages (API v1).",
        "type": "object",
        "properties": {
            "$schema": OFFER_FIELDS["$schema"],
            "api_version": _VERSION,
            "generated": _TIME
            | {"description": "Newest change to a record on this page (from git)."},
            "total": {"type": "integer", "minimum": 0, "description": f"Number of {key}."},
            "page": {"type": "integer", "minimum": 1, "description": "This page's number."},
            "pages": {"type": "integer", "minimum": 1, "description": "Number of pages."},
            "first": link,
            "last": link,
            "prev": link | {"description": "The previous page (not on the first)."},
            "next": link | {"description": "The next page (not on the last)."},
            key: {"type": "array", "items": {"$ref": f"#/$defs/{item}"}, "maxItems": PAGE_SIZE},
        },
        "required": ["api_version", "generated", "total", "page", "pages", "first", "last", key],
        "additionalProperties": False,
        "$defs": defs,
    }


def _provider_catalogue_schema(defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "Provider catalogue",
        "description": "A provider with every offer it publishes or co-awards (API v1).",
        "type": "object",
        "properties": {
            "$schema": OFFER_FIELDS["$schema"],
            "api_version": _VERSION,
            "generated": _TIME
            | {"description": "Newest change to the provider or one of its offers (from git)."},
            "provider": {"$ref": "#/$defs/ProviderDocument"},
            "total": {"type": "integer", "minimum": 0, "description": "Number of offers."},
            "offers": {"type": "array", "items": {"$ref": "#/$defs/OfferDocument"}},
        },
        "required": ["api_version", "generated", "provider", "total", "offers"],
        "additionalProperties": False,
        "$defs": defs,
    }


CHANGE_FIELDS: dict[str, dict[str, Any]] = {
    "id": {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "maxLength": SLUG_MAX,
        "description": "The offer's id.",
    },
    "status": {
        "type": "string",
        "enum": list(vocab.OFFER_STATUSES.codes),
        "description": "The offer's status; `withdrawn` for a tombstone.",
    },
    "last_modified": _TIME
    | {"description": "The record's `last_modified`: last commit of its file (or review date)."},
    "url": OFFER_FIELDS["url"],
    "api_url": _URL | {"description": "The offer's JSON document."},
    "withdrawn": {
        "type": "string",
        "format": "date",
        "description": "Date of withdrawal (`withdrawal.date`), on tombstones only.",
    },
}


def _changes_schema() -> dict[str, Any]:
    return {
        "title": "Changes",
        "description": "Every offer's id, status and last change, newest change first, "
        "withdrawn offers as tombstones (API v1).",
        "type": "object",
        "properties": {
            "$schema": OFFER_FIELDS["$schema"],
            "api_version": _VERSION,
            "generated": _TIME | {"description": "Newest change to any record (from git)."},
            "total": {"type": "integer", "minimum": 0, "description": "Number of offers."},
            "changes": {"type": "array", "items": {"$ref": "#/$defs/Change"}},
        },
        "required": ["api_version", "generated", "total", "changes"],
        "additionalProperties": False,
        "$defs": {
            "Change": {
                "title": "Change",
                "description": "An offer's last change.",
                "type": "object",
                "properties": CHANGE_FIELDS,
                "required": ["id", "status", "last_modified", "url", "api_url"],
                "additionalProperties": False,
            }
        },
    }


def schema_url(site_url: str, name: str) -> str:
    """Absolute URL of a published schema, e.g. `…/api/v1/schema/offer.schema.json`."""
    return f"{site_url.rstrip('/')}/{schema_path(name)}"


def feed_schemas(site_url: str) -> dict[str, dict[str, Any]]:
    """Every document schema of the feed, by file name."""
    offer = _document_schema(Offer, OFFER_FIELDS, ())
    provider = _document_schema(Provider, PROVIDER_FIELDS, PROVIDER_EXCLUDED)
    register = _document_schema(RegisterConfig, {}, REGISTER_EXCLUDED)
    defs: dict[str, Any] = {}
    for part in (offer, provider, register):
        defs.update(part.pop("$defs", {}))
    catalogue = {
        "title": "Catalogue",
        "description": "Every provider and offer of the register (API v1).",
        "type": "object",
        "properties": {
            "$schema": OFFER_FIELDS["$schema"],
            "api_version": _VERSION,
            "generated": _TIME | {"description": "Newest change to any record (from git)."},
            "register": {"$ref": "#/$defs/Register"},
            "providers": {"type": "array", "items": {"$ref": "#/$defs/ProviderDocument"}},
            "offers": {"type": "array", "items": {"$ref": "#/$defs/OfferDocument"}},
        },
        "required": ["api_version", "generated", "register", "providers", "offers"],
        "additionalProperties": False,
        "$defs": {
            **defs,
            "Register": register,
            "ProviderDocument": provider,
            "OfferDocument": offer,
        },
    }
    documents = {**defs, "ProviderDocument": provider, "OfferDocument": offer}
    schemas = {
        "offer.schema.json": {**offer, "$defs": defs},
        "provider.schema.json": {**provider, "$defs": defs},
        "catalogue.schema.json": catalogue,
        "offer-page.schema.json": _page_schema(
            "Page of offers", "offers", "OfferDocument", documents
        ),
        "provider-page.schema.json": _page_schema(
            "Page of providers", "providers", "ProviderDocument", documents
        ),
        "provider-catalogue.schema.json": _provider_catalogue_schema(documents),
        "changes.schema.json": _changes_schema(),
        "index.schema.json": ApiIndex.model_json_schema(by_alias=True, mode="serialization"),
        "quality-link-manifest.schema.json": QualityLinkManifest.model_json_schema(
            by_alias=True, mode="serialization"
        ),
    }
    return {
        name: {"$schema": SCHEMA_DIALECT, "$id": schema_url(site_url, name), **schema}
        for name, schema in schemas.items()
    }


def schema_files(site_url: str) -> dict[str, bytes]:
    """The published schema files: site-relative path → bytes."""
    return {
        schema_path(name): (json.dumps(schema, indent=1, ensure_ascii=False) + "\n").encode()
        for name, schema in feed_schemas(site_url).items()
    }
