"""The OpenAPI 3.1 description of the static API: `api/v1/openapi.yaml`.

The API is a set of files, so each endpoint is one path with a GET. The JSON
responses are described by the very schemas the feed publishes
(`generator.feed_schema.feed_schemas`), never by hand: their shared `$defs`
become `components/schemas` and their `#/$defs/…` references are rewritten to
point there. OpenAPI tools (and `openapi-spec-validator`) resolve references
against the OpenAPI document, not against a schema's `$id`, so embedding the
schemas as published would leave their references pointing nowhere, or at the
network. The endpoint list here is also what the API page (`generator.site.apidoc`)
shows, so the two descriptions cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.feed import large_files
from generator.feed.qualitylink import WELL_KNOWN_PATH
from generator.feed.schemas import feed_schemas, schema_url
from generator.models.fields import SLUG_MAX, SLUG_PATTERN
from generator.urls import (
    ANNEX_I_SCHEME_PATH,
    API_DIR,
    API_VERSION,
    CATALOGUE_GZIP_PATH,
    CATALOGUE_PATH,
    CHANGES_PATH,
    CSV_PATH,
    CSVW_PATH,
    DCAT_PATH,
    FEED_PATH,
    OFFERS_BULK_PATH,
    OPENAPI_PATH,
    PAGE_SIZE,
    PROVIDERS_BULK_PATH,
    QDR_REGISTER_GZIP_PATH,
    QDR_REGISTER_PATH,
    REGISTER_CALENDAR,
    REGISTER_ELM_GZIP_PATH,
    REGISTER_ELM_PATH,
    REGISTER_MANIFEST_PATH,
    elm_path,
    offer_api_path,
    offer_calendar_path,
    offer_page_path,
    provider_api_path,
    provider_catalogue_path,
    provider_elm_path,
    provider_feed_path,
    provider_manifest_path,
    provider_page_path,
    qdr_path,
    schema_path,
)

OPENAPI_VERSION = "3.1.0"


VERSIONING_POLICY = (
    "The version number (`api_version` in every JSON document, `info.version` in the "
    "OpenAPI description) is the version of the documents' format. Additive changes "
    "(new optional fields, new endpoints) raise the minor version and stay under "
    "`/api/v1/`; clients must ignore fields they do not know. Fixes to documentation or "
    "schemas that change no published document raise the patch version. A breaking "
    "change (removing or renaming a field, changing a field's type or meaning, changing "
    "the rules for ids or URLs) creates `/api/v2/`; v1 then stays published and updated "
    "for at least 12 months after v2 appears. Such a change is announced in the API "
    "changelog and in `index.json` (`deprecated` and `sunset` fields) when it happens."
)
"""The versioning and deprecation policy, shown in the OpenAPI document and on the API page."""


@dataclass(frozen=True)
class Endpoint:
    """One kind of file the site publishes for machines."""

    path: str
    """Site-relative path; `{id}` or `{name}` stands for the part that varies."""
    operation: str
    """The OpenAPI `operationId`."""
    format: str
    """The format in words, for people."""
    media_type: str
    summary: str
    description: str
    tag: str
    schema: str | None = None
    """For JSON documents: the file name of their schema in `feed_schemas()`."""
    parameter: str | None = None
    """What the path's variable names: `offer`, `provider`, `schema` or `page`."""


JSON, HARVESTING, LINKED_DATA, CHANGES, DESCRIPTIONS = (
    "JSON documents",
    "Harvesting at scale",
    "Linked data",
    "Changes and calendars",
    "Descriptions",
)
TAGS: dict[str, str] = {
    JSON: "The register's records as JSON (and CSV), with language maps and absolute URLs.",
    HARVESTING: "The same records in pages, per provider and in bulk, and the list of "
    "changes, so that a harvester of a large register fetches only what changed.",
    LINKED_DATA: "The catalogue in EU vocabularies, for Europass and open-data portals.",
    CHANGES: "What changed recently, and what is coming up.",
    DESCRIPTIONS: "Machine-readable descriptions of this API and its documents.",
}

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        f"{API_DIR}/index.json",
        "getIndex",
        "JSON",
        "application/json",
        "Entry point",
        "The API version, the time of the newest change, the absolute URL of every "
        "endpoint and the number of offers and providers. Start here.",
        JSON,
        schema="index.schema.json",
    ),
    Endpoint(
        CATALOGUE_PATH,
        "getCatalogue",
        "JSON",
        "application/json",
        "The whole catalogue",
        "Every provider and every offer (withdrawn ones included, as tombstones) in one "
        "document, with the register's public settings.",
        JSON,
        schema="catalogue.schema.json",
    ),
    Endpoint(
        CATALOGUE_GZIP_PATH,
        "getCatalogueGzip",
        "JSON, gzip",
        "application/gzip",
        "The whole catalogue, compressed",
        "The catalogue document, byte for byte, compressed with gzip (about a tenth of its "
        "size). Always published; above the size limit it is the only form of the catalogue.",
        JSON,
    ),
    Endpoint(
        offer_api_path("{id}"),
        "getOffer",
        "JSON",
        "application/json",
        "One offer",
        "An offer with every Annex I element, its links and its dates.",
        JSON,
        schema="offer.schema.json",
        parameter="offer",
    ),
    Endpoint(
        provider_api_path("{id}"),
        "getProvider",
        "JSON",
        "application/json",
        "One provider",
        "A provider with its quality assurance, recognition policy and the ids of its offers.",
        JSON,
        schema="provider.schema.json",
        parameter="provider",
    ),
    Endpoint(
        CSV_PATH,
        "getCatalogueCsv",
        "CSV",
        "text/csv",
        "The catalogue as CSV",
        "One row per offer for spreadsheets: UTF-8, a header row, CRLF line ends (RFC 4180); "
        "texts in the register's default language.",
        JSON,
    ),
    Endpoint(
        CSVW_PATH,
        "getCatalogueCsvMetadata",
        "JSON-LD (CSV on the Web)",
        "application/csvm+json",
        "The CSV's columns and their datatypes",
        "The W3C CSV on the Web (CSVW) description of the CSV: its dialect and each column's "
        "name, description and datatype (`field` is a string: ISCED-F codes keep their "
        "leading zero). CSVW processors find it beside the CSV by its name.",
        JSON,
    ),
    Endpoint(
        CHANGES_PATH,
        "getChanges",
        "JSON",
        "application/json",
        "What changed, newest first",
        "Every offer's `id`, `status`, `last_modified` (the record's date-time), `url` and "
        "`api_url`, newest change first; withdrawn offers stay as tombstones with the date "
        "of their withdrawal (`withdrawn`). Poll it with `If-None-Match` or "
        "`If-Modified-Since`; on a 200, fetch the documents of the entries whose "
        "`last_modified` is above the highest one you processed last time, and keep the new "
        "highest as your mark.",
        HARVESTING,
        schema="changes.schema.json",
    ),
    Endpoint(
        offer_page_path("{page}"),
        "getOfferPage",
        "JSON",
        "application/json",
        "The offers, a page at a time",
        f"At most {PAGE_SIZE} offer records a page, in id order, withdrawn ones included: "
        "`total` offers on `pages` pages, with the absolute URLs of the `first`, `prev`, "
        "`next` and `last` pages. Start at page 1 and follow `next`.",
        HARVESTING,
        schema="offer-page.schema.json",
        parameter="page",
    ),
    Endpoint(
        provider_page_path("{page}"),
        "getProviderPage",
        "JSON",
        "application/json",
        "The providers, a page at a time",
        f"At most {PAGE_SIZE} provider records a page, in id order, linked like the pages "
        "of offers.",
        HARVESTING,
        schema="provider-page.schema.json",
        parameter="page",
    ),
    Endpoint(
        provider_catalogue_path("{id}"),
        "getProviderCatalogue",
        "JSON",
        "application/json",
        "One provider with all its offers",
        "A provider's record and every offer it publishes or co-awards, in id order.",
        HARVESTING,
        schema="provider-catalogue.schema.json",
        parameter="provider",
    ),
    Endpoint(
        OFFERS_BULK_PATH,
        "getOffersBulk",
        "Newline-delimited JSON, gzip",
        "application/gzip",
        "Every offer in one download",
        "Every offer record, one JSON document a line (UTF-8, in id order), compressed with "
        "gzip: for a first harvest or a full refresh. Each line is valid against "
        "`schema/offer.schema.json`.",
        HARVESTING,
    ),
    Endpoint(
        PROVIDERS_BULK_PATH,
        "getProvidersBulk",
        "Newline-delimited JSON, gzip",
        "application/gzip",
        "Every provider in one download",
        "Every provider record, one JSON document a line (UTF-8, in id order), compressed "
        "with gzip. Each line is valid against `schema/provider.schema.json`.",
        HARVESTING,
    ),
    Endpoint(
        elm_path("{id}"),
        "getOfferElm",
        "JSON-LD (ELM v3)",
        "application/ld+json",
        "One offer in the European Learning Model",
        "The offer as an ELM v3 learning opportunity (Europass vocabulary). Offers without "
        "learning outcomes or languages have none.",
        LINKED_DATA,
        parameter="offer",
    ),
    Endpoint(
        QDR_REGISTER_PATH,
        "getQdrDataset",
        "XML (Europass QDR, LOQ 3.1.0)",
        "application/xml",
        "Every offer as a Europass QDR dataset",
        "All offers with learning outcomes as one dataset for the Europass Qualification "
        "Dataset Register: XML valid against the LOQ schema (`loq.xsd`, root `Courses`, "
        "`xsdVersion` 3.1.0), withdrawn offers with `status` `withdrawn`. For a National "
        "Coordination Point that uploads on the providers' behalf.",
        LINKED_DATA,
    ),
    Endpoint(
        QDR_REGISTER_GZIP_PATH,
        "getQdrDatasetGzip",
        "XML (Europass QDR, LOQ 3.1.0), gzip",
        "application/gzip",
        "Every offer as a Europass QDR dataset, compressed",
        "The register's QDR dataset, byte for byte, compressed with gzip. Always published; "
        "above the size limit it is the only form of the register's dataset (each provider's "
        "stays plain).",
        LINKED_DATA,
    ),
    Endpoint(
        qdr_path("{id}"),
        "getProviderQdrDataset",
        "XML (Europass QDR, LOQ 3.1.0)",
        "application/xml",
        "One provider's offers as a Europass QDR dataset",
        "The offers a provider publishes, as a QDR dataset that names the provider as "
        "publisher: the QDR accepts only data its owner publishes.",
        LINKED_DATA,
        parameter="provider",
    ),
    Endpoint(
        REGISTER_ELM_PATH,
        "getElm",
        "JSON-LD (ELM v3)",
        "application/ld+json",
        "Every offer in the European Learning Model, in one file",
        "The ELM documents of all offers with learning outcomes as one JSON-LD graph: the "
        "static ELM file the register's QualityLink manifest points at.",
        LINKED_DATA,
    ),
    Endpoint(
        REGISTER_ELM_GZIP_PATH,
        "getElmGzip",
        "JSON-LD (ELM v3), gzip",
        "application/gzip",
        "Every offer in the European Learning Model, compressed",
        "The register's ELM file, byte for byte, compressed with gzip. Always published; "
        "above the size limit it is the only form of the register's ELM file, and the "
        "register's QualityLink manifest points at every provider's ELM file instead.",
        LINKED_DATA,
    ),
    Endpoint(
        provider_elm_path("{id}"),
        "getProviderElm",
        "JSON-LD (ELM v3)",
        "application/ld+json",
        "One provider's offers in the European Learning Model",
        "The ELM documents of the offers a provider publishes as one JSON-LD graph: the static "
        "ELM file its QualityLink manifest points at.",
        LINKED_DATA,
        parameter="provider",
    ),
    Endpoint(
        REGISTER_MANIFEST_PATH,
        "getQualityLinkManifest",
        "JSON (QualityLink manifest)",
        "application/json",
        "QualityLink discovery manifest of the register",
        "A QualityLink manifest whose one source is the register's ELM file.",
        LINKED_DATA,
        schema="quality-link-manifest.schema.json",
    ),
    Endpoint(
        provider_manifest_path("{id}"),
        "getProviderQualityLinkManifest",
        "JSON (QualityLink manifest)",
        "application/json",
        "QualityLink discovery manifest of one provider",
        "A QualityLink manifest with the provider's SCHAC, ETER and DEQAR identifiers and its "
        "ELM file as source; the provider exposes it at its own domain's "
        f"`{WELL_KNOWN_PATH}`.",
        LINKED_DATA,
        schema="quality-link-manifest.schema.json",
        parameter="provider",
    ),
    Endpoint(
        ANNEX_I_SCHEME_PATH,
        "getElmAnnexIScheme",
        "JSON-LD (SKOS)",
        "application/ld+json",
        "Annex I topics of ELM notes",
        "The concept scheme of the Annex I elements that ELM documents carry as notes.",
        LINKED_DATA,
    ),
    Endpoint(
        DCAT_PATH,
        "getDcat",
        "JSON-LD (DCAT-AP)",
        "application/ld+json",
        "The catalogue described for open-data portals",
        "A DCAT-AP dataset with one distribution per format of this API.",
        LINKED_DATA,
    ),
    Endpoint(
        FEED_PATH,
        "getAtomFeed",
        "Atom",
        "application/atom+xml",
        "New, updated and withdrawn offers",
        "The register-wide Atom feed, newest change first.",
        CHANGES,
    ),
    Endpoint(
        provider_feed_path("{id}"),
        "getProviderAtomFeed",
        "Atom",
        "application/atom+xml",
        "One provider's offers",
        "The Atom feed of one provider's new, updated and withdrawn offers.",
        CHANGES,
        parameter="provider",
    ),
    Endpoint(
        REGISTER_CALENDAR,
        "getCalendar",
        "iCalendar",
        "text/calendar",
        "Upcoming editions and deadlines",
        "Upcoming editions of every offer and their application deadlines.",
        CHANGES,
    ),
    Endpoint(
        offer_calendar_path("{id}"),
        "getOfferCalendar",
        "iCalendar",
        "text/calendar",
        "One offer's editions and deadlines",
        "Upcoming editions of one offer and their application deadlines. A calendar is "
        "published only while it holds an event (RFC 5545 requires one): an offer between "
        "editions, or withdrawn, has none (404) until new dates are announced.",
        CHANGES,
        parameter="offer",
    ),
    Endpoint(
        schema_path("{name}"),
        "getSchema",
        "JSON Schema",
        "application/json",
        "A JSON Schema of the documents",
        "The JSON Schemas (draft 2020-12) that the JSON documents name in `$schema`, "
        "generated from the register's data models.",
        DESCRIPTIONS,
        parameter="schema",
    ),
    Endpoint(
        OPENAPI_PATH,
        "getOpenApi",
        "YAML (OpenAPI 3.1)",
        "application/yaml",
        "This description",
        "The OpenAPI 3.1 description of every endpoint, with the schemas of the JSON documents.",
        DESCRIPTIONS,
    ),
)
"""Every endpoint, in the order the documentation lists them."""

_PARAMETERS: dict[str, tuple[str, str]] = {
    "offer": ("OfferId", "The offer's id, as in `offers[].id` of the catalogue."),
    "provider": ("ProviderId", "The provider's id, as in `providers[].id` of the catalogue."),
    "schema": ("SchemaName", "The schema's file name."),
    "page": ("PageNumber", "The page's number, from 1 to the `pages` that every page states."),
}


def component_name(schema_file: str) -> str:
    """The name under `components/schemas` of a published schema, e.g. `OfferDocument`."""
    return schema_file.split(".", 1)[0].title() + "Document"


def _local_refs(node: Any, defs_prefix: str) -> Any:
    """`node` with each `#/$defs/X` reference pointing at `defs_prefix + X` instead."""
    if isinstance(node, list):
        return [_local_refs(item, defs_prefix) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            if not value.startswith("#/$defs/"):
                raise ValueError(f"unexpected reference {value!r} in a feed schema")
            result[key] = defs_prefix + value.removeprefix("#/$defs/")
        else:
            result[key] = _local_refs(value, defs_prefix)
    return result


def component_schemas(site_url: str) -> dict[str, dict[str, Any]]:
    """The feed's schemas as OpenAPI components: every `$defs` entry and every document.

    Each published schema loses `$schema` and `$id` (an `$id` would make its
    references resolve against the published URL) and its `$defs`, which join
    the shared components. The schemas share their definitions, so a name met
    twice must hold the same schema.
    """
    components: dict[str, dict[str, Any]] = {}

    def add(name: str, schema: dict[str, Any]) -> None:
        schema = _local_refs(schema, "#/components/schemas/")
        if name in components and components[name] != schema:
            raise ValueError(f"two different feed schemas are both called {name!r}")
        components[name] = schema

    for file_name, published in sorted(feed_schemas(site_url).items()):
        body = {
            key: value for key, value in published.items() if key not in ("$schema", "$id", "$defs")
        }
        for name, definition in published.get("$defs", {}).items():
            add(name, definition)
        add(component_name(file_name), body)
    return dict(sorted(components.items()))


def _parameter(kind: str, schema_names: list[str]) -> dict[str, Any]:
    _, description = _PARAMETERS[kind]
    if kind == "page":
        return {
            "name": "page",
            "in": "path",
            "required": True,
            "description": description,
            "schema": {"type": "integer", "minimum": 1},
        }
    if kind == "schema":
        return {
            "name": "name",
            "in": "path",
            "required": True,
            "description": description,
            "schema": {"type": "string", "enum": schema_names},
        }
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": description + " Lowercase words joined by single hyphens.",
        "schema": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX},
    }


_LARGE_PATHS = {large.path for large in large_files.LARGE_FILES}
"""The register-wide files that are left out above the size limit."""


def _operation(endpoint: Endpoint, site_url: str) -> dict[str, Any]:
    content: dict[str, Any] = {}
    description = endpoint.description
    if endpoint.schema is not None:
        content["schema"] = {"$ref": f"#/components/schemas/{component_name(endpoint.schema)}"}
        published = schema_url(site_url, endpoint.schema)
        description += f" Published schema: <{published}>."
    if endpoint.media_type == "text/csv":
        content["schema"] = {"type": "string"}
    responses: dict[str, Any] = {
        "200": {"description": endpoint.summary, "content": {endpoint.media_type: content}},
        "304": {"$ref": "#/components/responses/NotModified"},
    }
    operation: dict[str, Any] = {
        "operationId": endpoint.operation,
        "summary": endpoint.summary,
        "description": description,
        "tags": [endpoint.tag],
    }
    if endpoint.path in _LARGE_PATHS:
        operation["description"] += f" {large_files.RULE}"
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    if endpoint.parameter is not None:
        name, _ = _PARAMETERS[endpoint.parameter]
        operation["parameters"] = [{"$ref": f"#/components/parameters/{name}"}]
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    operation["responses"] = responses
    return operation


def openapi_data(site_url: str, register_name: str) -> dict[str, Any]:
    """The OpenAPI document as data, in the order it is written."""
    schemas = component_schemas(site_url)
    schema_names = sorted(feed_schemas(site_url))
    site = site_url.rstrip("/")
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"{register_name}: API for aggregators",
            "version": API_VERSION,
            "summary": "The register's offers and providers as static, read-only files.",
            "description": (
                f"{register_name} publishes its catalogue as static files, generated at "
                "each build of the site from the same data as its pages. The API is "
                "read-only: every endpoint is a file fetched with a plain GET, with no key, "
                "no query parameters and no rate limits beyond the host's. Files change only "
                "when the register's data changes; most hosts answer conditional requests "
                "(`If-None-Match`, `If-Modified-Since`) with 304 and compress with gzip on "
                "request. Whether cross-origin requests are allowed (CORS) depends on the "
                "host.\n\n"
                "Ids are stable and never reused. Withdrawn offers stay as tombstones with "
                "`status: withdrawn` and the date and reason of the withdrawal. Texts are "
                "language maps keyed by ISO 639-1 codes, the register's default language "
                "first.\n\n"
                f"Versioning: {VERSIONING_POLICY}"
            ),
        },
        "externalDocs": {"description": "API for aggregators", "url": f"{site}/api/"},
        "servers": [{"url": site, "description": "The register's site"}],
        "tags": [{"name": name, "description": text} for name, text in TAGS.items()],
        "paths": {
            f"/{endpoint.path}": {"get": _operation(endpoint, site_url)} for endpoint in ENDPOINTS
        },
        "components": {
            "schemas": schemas,
            "parameters": {
                name: _parameter(kind, schema_names) for kind, (name, _) in _PARAMETERS.items()
            },
            "responses": {
                "NotFound": {
                    "description": "No such file: the id was never published (ids are never "
                    "reused, and withdrawn offers keep their JSON document as a tombstone), "
                    "or the page is past the last; for a register-wide file, it is over the "
                    "size limit and published compressed only (see `omitted` in `index.json`)."
                },
                "NotModified": {
                    "description": "Unchanged since the `ETag` or date given in "
                    "`If-None-Match` or `If-Modified-Since` (where the host supports "
                    "conditional requests)."
                },
            },
        },
    }


class _Dumper(yaml.SafeDumper):
    """Writes a repeated object out in full: YAML anchors and aliases trip some OpenAPI tools."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # Texts with paragraphs read best as literal blocks.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def openapi_document(site_url: str, register_name: str) -> str:
    """The OpenAPI 3.1 description of the static API as YAML: equal input, equal text."""
    return yaml.dump(
        openapi_data(site_url, register_name),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
