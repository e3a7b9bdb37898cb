"""The catalogue described for open-data portals: DCAT-AP in JSON-LD (`api/v1/dcat.jsonld`).

One `dcat:Catalog` holding one `dcat:Dataset` (the register's offers and
providers) with a `dcat:Distribution` per published format: the JSON
catalogue, the JSON API, the CSV table (described by its CSVW metadata), the
ELM documents, the Atom feed, the iCalendar file and the Europass QDR dataset.
It conforms to DCAT-AP 3.0.1: every value a range shape constrains states its
class, and each recommended property the register has data for is given. Portals that harvest DCAT-AP (data.europa.eu and the
national portals) can list the register without an adapter. The context is
inline, so the document needs nothing from the network to be read as RDF.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from generator import vocabularies as vocab
from generator.catalogue import Catalogue, iso_time
from generator.feed.api import dump_json
from generator.feed.schemas import schema_url
from generator.models.text import LocalizedText
from generator.urls import (
    API_DIR,
    API_VERSION,
    CATALOGUE_PATH,
    CSV_PATH,
    CSVW_PATH,
    DCAT_PATH,
    ELM_DIR,
    FEED_PATH,
    OFFERS_BULK_PATH,
    OPENAPI_PATH,
    QDR_DIR,
    QDR_REGISTER_PATH,
    REGISTER_CALENDAR,
    compressed_path,
)

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
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
    "compressFormat": {"@id": "dcat:compressFormat", "@type": "@id"},
    "format": {"@id": "dct:format", "@type": "@id"},
    "conformsTo": {"@id": "dct:conformsTo", "@type": "@id"},
    "dcatap": "http://data.europa.eu/r5r/",
    "availability": {"@id": "dcatap:availability", "@type": "@id"},
    "issued": {"@id": "dct:issued", "@type": "xsd:dateTime"},
    "themeTaxonomy": {"@id": "dcat:themeTaxonomy", "@type": "@id"},
    "temporal": {"@id": "dct:temporal", "@type": "@id"},
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:date"},
    "dctType": {"@id": "dct:type", "@type": "@id"},
    "page": {"@id": "foaf:page", "@type": "@id"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
}

IANA = "http://www.iana.org/assignments/media-types"
FILE_TYPE = f"{vocab.AUTHORITY}/file-type"
DATA_THEMES = f"{vocab.AUTHORITY}/data-theme"
EDUCATION_THEME = f"{DATA_THEMES}/EDUC"
IRREGULAR = f"{vocab.AUTHORITY}/frequency/IRREG"
STABLE = f"{vocab.AUTHORITY}/planned-availability/STABLE"
"""The versioning policy keeps every v1 file published: their availability is stable."""
QDR_XSD = "http://data.europa.eu/snb/model/ap/loq-constraints/"
CSVW = "http://www.w3.org/ns/csvw"
ELM_MODEL = "http://data.europa.eu/snb/model/elm"
ATOM_RFC = "https://www.rfc-editor.org/rfc/rfc4287"
ICALENDAR_RFC = "https://www.rfc-editor.org/rfc/rfc5545"
CSV_RFC = "https://www.rfc-editor.org/rfc/rfc4180"


def _texts(text: LocalizedText | None) -> dict[str, str]:
    return dict(text.texts) if text else {}


def _concept(uri: str, label: str) -> dict[str, Any]:
    """A `skos:Concept` with its English label (DCAT-AP wants one on every concept)."""
    return {"id": uri, "type": "skos:Concept", "prefLabel": {"en": label}}


def _typed(uri: str, kind: str) -> dict[str, str]:
    """A value with its class stated, as the range shapes want it without the vocabularies.

    The official validator imports the EU vocabularies (languages, countries,
    file types …) that type these values; media types, licences, standards and
    documents are typed by no vocabulary at all, so the document types them all.
    """
    return {"id": uri, "type": kind}


def _distribution(
    data: Catalogue,
    key: str,
    title: str,
    description: str,
    access: str,
    media_type: str,
    *,
    download: str | None = None,
    file_type: str | None = None,
    conforms_to: list[str] | None = None,
    documentation: list[str] | None = None,
    compressed_only: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A distribution; one whose file is published only gzip-compressed (`compressed_only`,
    `generator.feed.large_files`) is that file, with the `compressFormat` DCAT has for it."""
    compressed = download in compressed_only
    if compressed:
        access = download = compressed_path(access)
        description += " Compressed with gzip: too large to publish uncompressed."
    distribution: dict[str, Any] = {
        "id": f"{data.absolute(DCAT_PATH)}#{key}",
        "type": "dcat:Distribution",
        "title": {"en": title},
        "description": {"en": description},
        "accessURL": data.absolute(access),
    }
    if download:
        distribution["downloadURL"] = data.absolute(download)
    distribution["mediaType"] = _typed(f"{IANA}/{media_type}", "dct:MediaType")
    if compressed:
        distribution["compressFormat"] = _typed(f"{IANA}/application/gzip", "dct:MediaType")
    if file_type:
        distribution["format"] = _typed(f"{FILE_TYPE}/{file_type}", "dct:MediaTypeOrExtent")
    if conforms_to:
        distribution["conformsTo"] = [_typed(uri, "dct:Standard") for uri in conforms_to]
    if documentation:
        distribution["page"] = [
            _typed(data.absolute(path), "foaf:Document") for path in documentation
        ]
    distribution["availability"] = _concept(STABLE, "Stable")
    license_url = data.register.config.data_license
    if license_url:
        distribution["license"] = licence(license_url)
    return distribution


def distributions(
    data: Catalogue, *, calendar: bool = True, compressed_only: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """One distribution per published format of the register (the calendar if it is published;
    a file in `compressed_only` as its gzip copy)."""
    site_url = data.register.config.site_url
    openapi = data.absolute(OPENAPI_PATH)
    index = f"{API_DIR}/index.json"
    published = [
        _distribution(
            data,
            "catalogue-json",
            "Catalogue (JSON)",
            "Every provider and offer in one document, texts as language maps.",
            CATALOGUE_PATH,
            "application/json",
            download=CATALOGUE_PATH,
            compressed_only=compressed_only,
            file_type="JSON",
            conforms_to=[schema_url(site_url, "catalogue.schema.json"), openapi],
        ),
        _distribution(
            data,
            "offers-bulk",
            "Every offer in bulk (newline-delimited JSON, gzip)",
            "Every offer record, one JSON document a line, compressed with gzip; each line "
            "is valid against the offer schema.",
            OFFERS_BULK_PATH,
            "application/gzip",
            download=OFFERS_BULK_PATH,
            file_type="GZIP",
            conforms_to=[schema_url(site_url, "offer.schema.json"), openapi],
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
            conforms_to=[CSV_RFC, data.absolute(CSVW_PATH)],
            documentation=[CSVW_PATH],
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
            file_type="ATOM",
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
            file_type="ICS",
            conforms_to=[ICALENDAR_RFC],
        ),
        _distribution(
            data,
            "qdr",
            "Offers as a Europass QDR dataset (LOQ XML)",
            "Every offer with learning outcomes in the Learning Opportunities and Qualifications "
            "XML that the Europass Qualification Dataset Register imports; each provider's "
            f"offers also at {data.absolute(QDR_DIR)}/<provider-id>.xml.",
            QDR_REGISTER_PATH,
            "application/xml",
            download=QDR_REGISTER_PATH,
            compressed_only=compressed_only,
            file_type="XML",
            conforms_to=[QDR_XSD, ELM_MODEL],
        ),
    ]
    return [d for d in published if calendar or not d["id"].endswith("#calendar")]


def dcat_document(
    data: Catalogue, *, calendar: bool = True, compressed_only: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The DCAT-AP description of the register as a catalogue holding one dataset."""
    config = data.register.config
    base = data.absolute(DCAT_PATH)
    modified = data.generated
    publisher: dict[str, Any] = {
        "id": config.publisher.url or f"{base}#publisher",
        "type": "foaf:Agent",
        "name": _texts(config.publisher.name),
    }
    publisher_type = vocab.PUBLISHER_TYPES.get(config.publisher.type or "")
    if publisher_type is not None and publisher_type.uri:
        publisher["dctType"] = _concept(publisher_type.uri, publisher_type.label)
    languages = [
        _typed(uri, "dct:LinguisticSystem")
        for uri in (vocab.language_uri(code) for code in config.languages)
        if uri
    ]
    countries = [
        _typed(uri, "dct:Location")
        for uri in sorted(
            {vocab.country_uri(p.country) or "" for p in data.register.providers.values()} - {""}
        )
    ]
    dataset: dict[str, Any] = {
        "id": f"{base}#dataset",
        "type": "dcat:Dataset",
        "title": _texts(config.name),
        "description": _texts(config.description)
        or {"en": "Learning offers leading to micro-credentials, and their providers."},
        "identifier": config.site_url,
        "version": API_VERSION,
        "publisher": publisher,
        "landingPage": _typed(config.site_url, "foaf:Document"),
        "theme": _concept(EDUCATION_THEME, "Education, culture and sport"),
        "keyword": {"en": ["micro-credentials", "lifelong learning", "learning opportunities"]},
        "language": languages,
        "spatial": countries,
        "accrualPeriodicity": _typed(IRREGULAR, "dct:Frequency"),
        "modified": modified,
    }
    period = _editions_period(data, f"{base}#temporal")
    if period:
        dataset["temporal"] = period
    if config.publisher.email:
        dataset["contactPoint"] = {
            "id": f"{base}#contact",
            # vcard:Organization is a vcard:Kind, which the range shape asks for; without
            # the vCard ontology loaded, only the stated class counts.
            "type": ["vcard:Organization", "vcard:Kind"],
            "fn": config.publisher.name.default,
            "hasEmail": f"mailto:{config.publisher.email}",
        }
    if config.data_license:
        dataset["license"] = licence(config.data_license)
    dataset["distribution"] = distributions(
        data, calendar=calendar, compressed_only=compressed_only
    )
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base}#catalog",
        "type": "dcat:Catalog",
        "title": _texts(config.name),
        "description": dataset["description"],
        "publisher": publisher,
        "homepage": _typed(config.site_url, "foaf:Document"),
        "language": dataset["language"],
        "spatial": countries,
        "themeTaxonomy": {
            "id": DATA_THEMES,
            "type": "skos:ConceptScheme",
            "title": {"en": "Data theme"},
        },
        "issued": first_published(data),
        "modified": modified,
    }
    if config.data_license:
        catalog["license"] = licence(config.data_license)
    catalog["dataset"] = [dataset]
    return catalog


def licence(url: str) -> dict[str, Any]:
    """The data licence as a `dct:LicenseDocument`, with its ADMS licence types where known."""
    document: dict[str, Any] = _typed(url, "dct:LicenseDocument")
    types = vocab.licence_types(url)
    if types:
        document["dctType"] = [_concept(uri, label) for uri, label in types]
    return document


def first_published(data: Catalogue) -> str:
    """When the register's first record was published: its oldest first commit (from git)."""
    firsts = [dates.first_published for dates in data.dates.values()]
    if firsts:
        return iso_time(min(firsts))
    reviewed = [offer.last_reviewed for offer in data.register.offers.values()]
    if not reviewed:
        return data.generated
    return iso_time(datetime.combine(min(reviewed), time(), UTC))


def _editions_period(data: Catalogue, node_id: str) -> dict[str, Any] | None:
    """The time the dataset covers: from the first edition's start to the last one's end."""
    editions = [e for offer in data.register.offers.values() for e in offer.editions]
    if not editions:
        return None
    return {
        "id": node_id,
        "type": "dct:PeriodOfTime",
        "startDate": min(e.start for e in editions).isoformat(),
        "endDate": max(e.end or e.start for e in editions).isoformat(),
    }


def dcat_file(
    data: Catalogue, *, calendar: bool = True, compressed_only: frozenset[str] = frozenset()
) -> bytes:
    """The DCAT-AP document's bytes."""
    return dump_json(
        dcat_document(data, calendar=calendar, compressed_only=compressed_only), pretty=True
    )
