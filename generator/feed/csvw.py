"""The CSV's description for machines: `api/v1/catalogue.csv-metadata.json` (CSV on the Web).

Without a description, tools guess each column's type, and an ISCED-F code
such as `0731` becomes the number 731. The W3C "Metadata Vocabulary for
Tabular Data" states each column's name, title, description and datatype,
the dialect (UTF-8, a header row, CRLF line ends) and the key; the file sits
beside the CSV under the name CSVW processors look for first
(`<file>-metadata.json`). Names and descriptions come from
`generator.catalogue_csv.COLUMNS`; the datatypes are here, one per column.
"""

from __future__ import annotations

from typing import Any

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.catalogue_csv import COLUMNS
from generator.models.offer import NOT_APPLICABLE
from generator.urls import CSV_PATH, offer_url

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"

_SLUG = {"base": "string", "format": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
_TIME = {"base": "string", "format": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"}
"""A commit time in UTC, or the review date of a record outside git."""

DATATYPES: dict[str, dict[str, Any]] = {
    "id": {"datatype": _SLUG, "required": True},
    "status": {
        "datatype": {
            "base": "string",
            "format": "^(" + "|".join(vocab.OFFER_STATUSES.codes) + ")$",
        },
        "required": True,
    },
    "title": {"datatype": "string", "required": True},
    "provider": {"datatype": _SLUG, "required": True},
    "provider_name": {"datatype": "string", "required": True},
    "country": {"datatype": {"base": "string", "format": "^[A-Z]{2}$"}, "required": True},
    "awarding_bodies": {"datatype": _SLUG, "separator": " ", "required": True},
    "eqf": {
        "datatype": {"base": "string", "format": f"^([1-8]|{NOT_APPLICABLE})$"},
        "required": True,
    },
    "ects": {"datatype": {"base": "decimal", "minimum": 0}},
    "hours": {"datatype": {"base": "decimal", "minimum": 0}},
    "mode": {
        "datatype": {
            "base": "string",
            "format": "^(" + "|".join(vocab.PARTICIPATION_MODES.codes) + ")$",
        },
        "required": True,
    },
    "languages": {
        "datatype": {"base": "string", "format": "^[a-z]{2}$"},
        "separator": " ",
        "required": True,
    },
    # A string: ISCED-F codes keep their leading zero (`0731` is not 731).
    "field": {"datatype": {"base": "string", "format": r"^[0-9]{2,4}$"}, "required": True},
    "field_label": {"datatype": "string", "required": True},
    "recognition": {"datatype": "string", "required": True},
    "edition_starts": {"datatype": "date", "separator": " "},
    "fee": {"datatype": {"base": "string", "format": r"^(free|[0-9.]+ [A-Z]{3}|[0-9.]+)$"}},
    "url": {"datatype": "anyURI", "required": True},
    "api_url": {"datatype": "anyURI", "required": True},
    "first_published": {"datatype": _TIME, "required": True},
    "last_modified": {"datatype": _TIME, "required": True},
    "withdrawn_on": {"datatype": "date"},
}
"""The CSVW datatype (and cardinality) of each column of the CSV."""


def csvw_document(data: Catalogue) -> dict[str, Any]:
    """The CSVW metadata of `catalogue.csv`: its dialect, columns and key."""
    config = data.register.config
    columns = []
    for name, description, _ in COLUMNS:
        column: dict[str, Any] = {"name": name, "titles": name, "dc:description": description}
        column.update(DATATYPES[name])
        columns.append(column)
    return {
        "@context": [CSVW_CONTEXT, {"@language": "en"}],
        # Relative to this file, as CSVW resolves it: the CSV beside it.
        "url": CSV_PATH.rsplit("/", 1)[1],
        "dc:title": f"{config.name.default}: catalogue (CSV)",
        "dc:publisher": config.publisher.name.default,
        **({"dc:license": {"@id": config.data_license}} if config.data_license else {}),
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": columns,
            "primaryKey": "id",
            "aboutUrl": data.absolute(offer_url("{id}")),
        },
    }


def csvw_file(data: Catalogue) -> bytes:
    """The CSVW metadata's bytes."""
    return dump_json(csvw_document(data), pretty=True)
