"""The catalogue described for open-data portals: DCAT-AP in JSON-LD (`api/v1/dcat.jsonld`).

One `dcat:Catalog` holding one `dcat:Dataset` (the register's offers and
providers) with a `dcat:Distribution` per published format: the JSON
catalogue, the JSON API, the CSV table, the ELM documents, the Atom feed and
the iCalendar file. Portals that harvest DCAT-AP (data.europa.eu and the
national portals) can list the register without an adapter. The context is
inline, so the document needs nothing from the network to be read as RDF.
"""

from __future__ import annotations

from typing import Any

from generator import vocabularies as vocab
from generator.atom import FEED_PATH
from generator.calendar_ics import REGISTER_CALENDAR
from generator.catalogue_csv import CSV_PATH
from generator.elm import ELM_DIR
from generator.feed import (
    API_DIR,
    API_VERSION,
    DCAT_PATH,
    OPENAPI_PATH,
    dump_json,
    generated_at,
)
from generator.feed_schema import schema_url
from generator.models.text import LocalizedText
from generator.pages import SiteData

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id",
    "type": "@type",
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "name": {"@id": "foaf:name", "@container": "@language"},
    "keyword": {"@id": "dcat:keyword", "@container": "@language"},
    "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
    "identifier": {"@id": "dct:identifier"},
    "version": {"@id": "dcat:version"},
    "publisher": {"@id": "dct:publisher", "@type": "@id"},
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "language": {"@id": "dct:language", "@type": "@id"},
    "license": {"@id": "dct:license", "@type": "@id"},
    "theme": {"@id": "dcat:theme", "@type": "@id"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "accrualPeriodicity": {"@id": "dct:accrualPeriodicity", "@type": "@id"},
    "contactPoint": {"@id": "dcat:contactPoint", "@type": "@id"},
    "hasEmail": {"@id": "vcard:hasEmail", "@type": "@id"},
    "fn": {"@id": "vcard:fn"},
    "dataset": {"@id": "dcat:dataset", "@type": "@id"},
    "distribution": {"@id": "dcat:distribution", "@type": "@id"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "format": {"@id": "dct:format", "@type": "@id"},
    "conformsTo": {"@id": "dct:conformsTo", "@type": "@id"},
}

IANA = "http://www.iana.org/assignments/media-types"
FILE_TYPE = f"{vocab.AUTHORITY}/file-type"
EDUCATION_THEME = f"{vocab.AUTHORITY}/data-theme/EDUC"
IRREGULAR = f"{vocab.AUTHORITY}/frequency/IRREG"
ELM_MODEL = "http://data.europa.eu/snb/model/elm"
ATOM_RFC = "https://www.rfc-editor.org/rfc/rfc4287"
ICALENDAR_RFC = "https://www.rfc-editor.org/rfc/rfc5545"
CSV_RFC = "https://www.rfc-editor.org/rfc/rfc4180"


def _texts(text: LocalizedText | None) -> dict[str, str]:
    return dict(text.texts) if text else {}


def _distribution(
    data: SiteData,
    key: str,
    title: str,
    description: str,
    access: str,
    media_type: str,
    *,
    download: str | None = None,
    file_type: str | None = None,
    conforms_to: list[str] | None = None,
) -> dict[str, Any]:
    distribution: dict[str, Any] = {
        "id": f"{data.absolute(DCAT_PATH)}#{key}",
        "type": "dcat:Distribution",
        "title": {"en": title},
        "description": {"en": description},
        "accessURL": data.absolute(access),
    }
    if download:
        distribution["downloadURL"] = data.absolute(download)
    distribution["mediaType"] = f"{IANA}/{media_type}"
    if file_type:
        distribution["format"] = f"{FILE_TYPE}/{file_type}"
    if conforms_to:
        distribution["conformsTo"] = conforms_to
    license_url = data.register.config.data_license
    if license_url:
        distribution["license"] = license_url
    return distribution


def distributions(data: SiteData, *, calendar: bool = True) -> list[dict[str, Any]]:
    """One distribution per published format of the register (the calendar if it is published)."""
    site_url = data.register.config.site_url
    openapi = data.absolute(OPENAPI_PATH)
    index = f"{API_DIR}/index.json"
    published = [
        _distribution(
            data,
            "catalogue-json",
            "Catalogue (JSON)",
            "Every provider and offer in one document, texts as language maps.",
            f"{API_DIR}/catalogue.json",
            "application/json",
            download=f"{API_DIR}/catalogue.json",
            file_type="JSON",
            conforms_to=[schema_url(site_url, "catalogue.schema.json"), openapi],
        ),
        _distribution(
            data,
            "api",
            "JSON API v1",
            "One document per offer and per provider; the index lists the endpoints.",
            index,
            "application/json",
            file_type="JSON",
            conforms_to=[openapi],
        ),
        _distribution(
            data,
            "catalogue-csv",
            "Catalogue (CSV)",
            "One row per offer with documented columns, UTF-8 with a header row.",
            CSV_PATH,
            "text/csv",
            download=CSV_PATH,
            file_type="CSV",
            conforms_to=[CSV_RFC],
        ),
        _distribution(
            data,
            "elm",
            "Offers in the European Learning Model (JSON-LD)",
            f"Each offer as an ELM learning opportunity at {data.absolute(ELM_DIR)}/<id>.jsonld.",
            index,
            "application/ld+json",
            file_type="JSON_LD",
            conforms_to=[ELM_MODEL],
        ),
        _distribution(
            data,
            "atom",
            "Changes (Atom feed)",
            "New, updated and withdrawn offers, newest first.",
            FEED_PATH,
            "application/atom+xml",
            download=FEED_PATH,
            conforms_to=[ATOM_RFC],
        ),
        _distribution(
            data,
            "calendar",
            "Editions and application deadlines (iCalendar)",
            "Upcoming editions and application deadlines of every offer.",
            REGISTER_CALENDAR,
            "text/calendar",
            download=REGISTER_CALENDAR,
            conforms_to=[ICALENDAR_RFC],
        ),
    ]
    return [d for d in published if calendar or not d["id"].endswith("#calendar")]


def dcat_document(data: SiteData, *, calendar: bool = True) -> dict[str, Any]:
    """The DCAT-AP description of the register as a catalogue holding one dataset."""
    config = data.register.config
    base = data.absolute(DCAT_PATH)
    modified = generated_at(data)
    publisher: dict[str, Any] = {
        "id": config.publisher.url or f"{base}#publisher",
        "type": "foaf:Agent",
        "name": _texts(config.publisher.name),
    }
    languages = [vocab.language_uri(code) for code in config.languages]
    countries = sorted(
        {vocab.country_uri(provider.country) or "" for provider in data.register.providers.values()}
        - {""}
    )
    dataset: dict[str, Any] = {
        "id": f"{base}#dataset",
        "type": "dcat:Dataset",
        "title": _texts(config.name),
        "description": _texts(config.description)
        or {"en": "Learning offers leading to micro-credentials, and their providers."},
        "identifier": config.site_url,
        "version": API_VERSION,
        "publisher": publisher,
        "landingPage": config.site_url,
        "theme": EDUCATION_THEME,
        "keyword": {"en": ["micro-credentials", "lifelong learning", "learning opportunities"]},
        "language": [uri for uri in languages if uri],
        "spatial": countries,
        "accrualPeriodicity": IRREGULAR,
        "modified": modified,
    }
    if config.publisher.email:
        dataset["contactPoint"] = {
            "id": f"{base}#contact",
            "type": "vcard:Organization",
            "fn": config.publisher.name.default,
            "hasEmail": f"mailto:{config.publisher.email}",
        }
    if config.data_license:
        dataset["license"] = config.data_license
    dataset["distribution"] = distributions(data, calendar=calendar)
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base}#catalog",
        "type": "dcat:Catalog",
        "title": _texts(config.name),
        "description": dataset["description"],
        "publisher": publisher,
        "homepage": config.site_url,
        "language": dataset["language"],
        "modified": modified,
    }
    if config.data_license:
        catalog["license"] = config.data_license
    catalog["dataset"] = [dataset]
    return catalog


def dcat_file(data: SiteData, *, calendar: bool = True) -> bytes:
    """The DCAT-AP document's bytes."""
    return dump_json(dcat_document(data, calendar=calendar), pretty=True)
