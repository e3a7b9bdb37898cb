"""Every machine-readable file a build publishes, gathered from the output modules.

Each format has its own module (`feed` for the JSON API and its schemas,
`catalogue_csv` with `csvw`, `elm`, `qdr`, `qualitylink`, `dcat`, `atom`, `calendar_ics`, `openapi`); this one
lists them all in `api/v1/index.json`, the entry point aggregators start
from, and tells each fact sheet which versions of its offer exist.
"""

from __future__ import annotations

from datetime import date

from generator.feed import api as feed
from generator.feed import atom, csvw, dcat, elm, openapi, qdr, qualitylink
from generator.feed import ics as calendar_ics
from generator.feed.catalogue_csv import CSV_PATH
from generator.feed.schemas import SCHEMA_PATH, ApiIndex, schema_url
from generator.site.pages import SiteData

INDEX_PATH = f"{feed.API_DIR}/index.json"


def index_document(data: SiteData, *, calendar: bool = True) -> dict[str, object]:
    """`api/v1/index.json`: the API version, its endpoints and what the register holds.

    The calendars are listed only when the register's has events (`calendar`).
    """
    register = data.register
    calendars = {
        "calendar": data.absolute(calendar_ics.REGISTER_CALENDAR),
        "calendar_offer": data.absolute(calendar_ics.offer_calendar_path("{id}")),
    }
    index = ApiIndex(
        schema_url=schema_url(register.config.site_url, "index.schema.json"),
        api_version=feed.API_VERSION,
        generated=feed.generated_at(data),
        endpoints={
            "catalogue": data.absolute(f"{feed.API_DIR}/catalogue.json"),
            "offer": data.absolute(feed.offer_api_path("{id}")),
            "provider": data.absolute(feed.provider_api_path("{id}")),
            "schema": data.absolute(f"{SCHEMA_PATH}/{{name}}"),
            "csv": data.absolute(CSV_PATH),
            "csv_metadata": data.absolute(csvw.CSVW_PATH),
            "elm_offer": data.absolute(elm.elm_path("{id}")),
            "qdr": data.absolute(qdr.REGISTER_PATH),
            "qdr_provider": data.absolute(qdr.provider_path("{id}")),
            "elm": data.absolute(qualitylink.REGISTER_ELM_PATH),
            "elm_provider": data.absolute(qualitylink.provider_elm_path("{id}")),
            "quality_link_manifest": data.absolute(qualitylink.REGISTER_MANIFEST_PATH),
            "quality_link_manifest_provider": data.absolute(
                qualitylink.provider_manifest_path("{id}")
            ),
            "dcat": data.absolute(feed.DCAT_PATH),
            "openapi": data.absolute(feed.OPENAPI_PATH),
            "atom": data.absolute(atom.FEED_PATH),
            "atom_provider": data.absolute(atom.provider_feed_path("{id}")),
            **(calendars if calendar else {}),
        },
        offers=len(register.offers),
        providers=len(register.providers),
    )
    return index.model_dump(by_alias=True)


def machine_readable_files(data: SiteData, today: date) -> dict[str, bytes]:
    """Every published file for machines, by site-relative path."""
    config = data.register.config
    files = {document.path: document.content for document in feed.feed_files(data)}
    calendars = calendar_ics.calendar_files(data, today)
    has_calendar = calendar_ics.REGISTER_CALENDAR in calendars
    files[INDEX_PATH] = feed.dump_json(index_document(data, calendar=has_calendar), pretty=True)
    files[feed.OPENAPI_PATH] = openapi.openapi_document(
        config.site_url, config.name.default
    ).encode("utf-8")
    files.update(elm.elm_files(data))
    files.update(qdr.qdr_files(data))
    files.update(qualitylink.quality_link_files(data))
    files[feed.DCAT_PATH] = dcat.dcat_file(data, calendar=has_calendar)
    files[csvw.CSVW_PATH] = csvw.csvw_file(data)
    files.update(atom.atom_files(data))
    files.update(calendars)
    return files


def exports(data: SiteData, today: date) -> dict[str, list[tuple[str, str]]]:
    """For each offer, the (label, site-relative URL) of the versions its fact sheet links to."""
    with_calendars = calendar_ics.offers_with_calendars(data, today)
    result: dict[str, list[tuple[str, str]]] = {}
    for offer_id, offer in data.register.offers.items():
        links = [("This offer as JSON (API v1)", feed.offer_api_path(offer_id))]
        if elm.has_elm_document(offer):
            links.append(("In the European Learning Model (JSON-LD)", elm.elm_path(offer_id)))
        if offer_id in with_calendars:
            links.append(
                ("Calendar of editions (iCalendar)", calendar_ics.offer_calendar_path(offer_id))
            )
        result[offer_id] = links
    return result
