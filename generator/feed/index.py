"""Every machine-readable file a build publishes, gathered from the output modules.

Each format has its own module (`feed` for the JSON API and its schemas,
`catalogue_csv` with `csvw`, `elm`, `qdr`, `qualitylink`, `dcat`, `atom`, `calendar_ics`,
`openapi`; for harvesters at scale `changes`, `catalogue_parts`, `bulk` and `large_files`);
this one lists them all in `api/v1/index.json`, the entry point aggregators start
from, and tells each fact sheet which versions of its offer exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from generator import urls
from generator.catalogue import Catalogue
from generator.feed import api as feed
from generator.feed import (
    atom,
    bulk,
    catalogue_csv,
    catalogue_parts,
    changes,
    csvw,
    dcat,
    elm,
    large_files,
    openapi,
    qdr,
    qualitylink,
)
from generator.feed import ics as calendar_ics
from generator.feed.large_files import PLAIN_LIMIT, Omission
from generator.feed.schemas import ApiIndex, OmittedFile, schema_url
from generator.feed.written import Files, MemorySink, Sink
from generator.urls import CSV_PATH, INDEX_PATH, schema_path


def index_document(
    data: Catalogue, *, calendar: bool = True, omitted: dict[str, Omission] | None = None
) -> dict[str, object]:
    """`api/v1/index.json`: the API version, its endpoints and what the register holds.

    The calendars are listed only when the register's has events (`calendar`); a large
    file left out (`omitted`, `generator.feed.large_files`) is listed under `omitted`
    instead of among the endpoints.
    """
    omitted = omitted or {}
    register = data.register
    calendars = {
        "calendar": data.absolute(urls.REGISTER_CALENDAR),
        "calendar_offer": data.absolute(urls.offer_calendar_path("{id}")),
    }
    endpoints = {
        "catalogue": data.absolute(urls.CATALOGUE_PATH),
        "catalogue_gzip": data.absolute(urls.CATALOGUE_GZIP_PATH),
        "offer": data.absolute(urls.offer_api_path("{id}")),
        "provider": data.absolute(urls.provider_api_path("{id}")),
        "changes": data.absolute(urls.CHANGES_PATH),
        "offers_bulk": data.absolute(urls.OFFERS_BULK_PATH),
        "providers_bulk": data.absolute(urls.PROVIDERS_BULK_PATH),
        "offers_first_page": data.absolute(urls.offer_page_path(1)),
        "providers_first_page": data.absolute(urls.provider_page_path(1)),
        "provider_catalogue": data.absolute(urls.provider_catalogue_path("{id}")),
        "schema": data.absolute(schema_path("{name}")),
        "csv": data.absolute(CSV_PATH),
        "csv_metadata": data.absolute(urls.CSVW_PATH),
        "elm_offer": data.absolute(urls.elm_path("{id}")),
        "qdr": data.absolute(urls.QDR_REGISTER_PATH),
        "qdr_gzip": data.absolute(urls.QDR_REGISTER_GZIP_PATH),
        "qdr_provider": data.absolute(urls.qdr_path("{id}")),
        "elm": data.absolute(urls.REGISTER_ELM_PATH),
        "elm_gzip": data.absolute(urls.REGISTER_ELM_GZIP_PATH),
        "elm_provider": data.absolute(urls.provider_elm_path("{id}")),
        "quality_link_manifest": data.absolute(urls.REGISTER_MANIFEST_PATH),
        "quality_link_manifest_provider": data.absolute(urls.provider_manifest_path("{id}")),
        "dcat": data.absolute(urls.DCAT_PATH),
        "openapi": data.absolute(urls.OPENAPI_PATH),
        "atom": data.absolute(urls.FEED_PATH),
        "atom_provider": data.absolute(urls.provider_feed_path("{id}")),
        **(calendars if calendar else {}),
    }
    index = ApiIndex(
        schema_url=schema_url(register.config.site_url, "index.schema.json"),
        api_version=urls.API_VERSION,
        generated=data.generated,
        endpoints={name: url for name, url in endpoints.items() if name not in omitted},
        offers=len(register.offers),
        providers=len(register.providers),
        omitted={
            name: OmittedFile(
                url=endpoints[name],
                size=omission.size,
                limit=omission.limit,
                instead=omission.file.compressed_endpoint,
            )
            for name, omission in omitted.items()
        }
        or None,
    )
    return index.model_dump(by_alias=True, exclude_none=True)


FileMaker = Callable[[], Files]
"""Makes some of the machine-readable files, one after another."""

Omissions = dict[str, Omission]


@dataclass(frozen=True)
class MachineFiles:
    """What makes every published file for machines, in two steps.

    `parts` are independent of each other (each can run in a process of its own), the
    biggest first; `describe` makes, from what the parts left out, the files that
    describe the others (`index.json`, OpenAPI, DCAT-AP, the QualityLink manifests).
    """

    parts: list[FileMaker]
    describe: Callable[[Omissions], dict[str, bytes]]
    plain_limit: int

    def write(self, part: int, sink: Sink) -> tuple[list[str], Omissions]:
        """Write the files of one part into `sink` as they are made, with the gzip copies of
        its large files and without the plain ones over the limit
        (`generator.feed.large_files`); the paths written and what was left out."""
        return large_files.write(self.parts[part](), sink, self.plain_limit)

    def made(self, part: int) -> tuple[dict[str, bytes], Omissions]:
        """The files `write` writes for one part, held in memory, and what was left out."""
        sink = MemorySink()
        _, omitted = self.write(part, sink)
        return sink.files, omitted

    def everything(self) -> dict[str, bytes]:
        """Every file, by site-relative path, all held at once."""
        files: dict[str, bytes] = {}
        omitted: Omissions = {}
        for part in range(len(self.parts)):
            made, left_out = self.made(part)
            files.update(made)
            omitted.update(left_out)
        files.update(self.describe(omitted))
        return files


def machine_readable_parts(
    data: Catalogue, today: date, *, plain_limit: int = PLAIN_LIMIT
) -> MachineFiles:
    """How to make every published file for machines, part by part."""
    config = data.register.config
    has_calendar = bool(calendar_ics.offers_with_calendars(data, today))

    def elm_files() -> Files:
        texts = elm.ElmTexts(data)  # each document written once, for its file and the bundles
        yield from elm.elm_files(data, texts)
        yield from qualitylink.elm_bundle_files(data, texts)

    def register_files() -> dict[str, bytes]:
        return {
            CSV_PATH: catalogue_csv.catalogue_csv(data),
            urls.CHANGES_PATH: changes.changes_file(data),
            urls.CSVW_PATH: csvw.csvw_file(data),
        }

    def describe(omitted: Omissions) -> dict[str, bytes]:
        return {
            **qualitylink.manifest_files(data, register_elm="elm" not in omitted),
            INDEX_PATH: feed.dump_json(
                index_document(data, calendar=has_calendar, omitted=omitted), pretty=True
            ),
            urls.OPENAPI_PATH: openapi.openapi_document(
                config.site_url, config.name.default
            ).encode("utf-8"),
            urls.DCAT_PATH: dcat.dcat_file(
                data,
                calendar=has_calendar,
                compressed_only=frozenset(o.file.path for o in omitted.values()),
            ),
        }

    parts: list[FileMaker] = [
        elm_files,
        lambda: qdr.qdr_files(data),
        lambda: feed.feed_files(data),
        lambda: catalogue_parts.catalogue_part_files(data),
        lambda: calendar_ics.calendar_files(data, today).items(),
        lambda: atom.atom_files(data).items(),
        lambda: bulk.bulk_files(data),
        lambda: register_files().items(),
    ]
    return MachineFiles(parts, describe, plain_limit)


def machine_readable_files(
    data: Catalogue, today: date, *, plain_limit: int = PLAIN_LIMIT
) -> dict[str, bytes]:
    """Every published file for machines, by site-relative path, all at once.

    A register-wide file over `plain_limit` bytes is published compressed only
    (`generator.feed.large_files`); the files that describe it say so.
    """
    return machine_readable_parts(data, today, plain_limit=plain_limit).everything()


def exports(
    data: Catalogue, today: date, among: Iterable[str] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """For each offer (of `among`, or all), the (label, site-relative URL) of the versions its
    fact sheet links to."""
    with_calendars = calendar_ics.offers_with_calendars(data, today, among)
    offers = data.register.offers
    result: dict[str, list[tuple[str, str]]] = {}
    for offer_id, offer in offers.items() if among is None else ((i, offers[i]) for i in among):
        links = [("This offer as JSON (API v1)", urls.offer_api_path(offer_id))]
        if elm.has_elm_document(offer):
            links.append(("In the European Learning Model (JSON-LD)", urls.elm_path(offer_id)))
        if offer_id in with_calendars:
            links.append(("Calendar of editions (iCalendar)", urls.offer_calendar_path(offer_id)))
        result[offer_id] = links
    return result
