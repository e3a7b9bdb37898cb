"""Every address the register publishes: its pages, its files and the API, in one place.

All of them are site-relative (no leading slash), so that the site works from a domain
root and from a sub-path alike; `Catalogue.absolute` makes the canonical absolute URL of
any of them from `site_url`. Pages end with `/` (a folder with an `index.html`), files
with their extension. Aggregators rely on these addresses: they are part of the API and
change only with a new API version (`CHANGELOG_API.md`).
"""

from __future__ import annotations

import posixpath

# --- Pages ------------------------------------------------------------------------

HOME_URL = ""
BROWSE_URL = "browse/"
PROVIDERS_URL = "providers/"
RECOGNITION_URL = "recognition/"
ABOUT_URL = "about/"
COMPARE_URL = "compare/"
"""Offers side by side; the choice is in the query: `compare/?offers=a,b,c`."""
ACCESSIBILITY_URL = "accessibility/"
"""The accessibility statement (Implementing Decision (EU) 2018/1523)."""
PATHWAYS_URL = "pathways/"
"""Every pathway: offers that stack towards a larger one."""
"""Offers side by side; the choice is in the query: `compare/?offers=a,b,c`."""
FIELDS_URL = "contributing/fields/"
"""The field reference, generated from the models."""
API_PAGE_URL = "api/"
"""The API documentation page."""
QDR_PAGE_URL = "api/qdr/"
"""The guide for Europass National Coordination Points."""
QUALITY_LINK_PAGE_URL = "api/quality-link/"
"""The guide for providers publishing to QualityLink."""


def offer_url(offer_id: str) -> str:
    """An offer's fact sheet (also its tombstone once withdrawn)."""
    return f"offers/{offer_id}/"


def provider_url(provider_id: str) -> str:
    """A provider's page."""
    return f"providers/{provider_id}/"


def policy_url(provider_id: str) -> str:
    """A provider's recognition-policy page."""
    return f"recognition/{provider_id}/"


def browse_page_url(number: int) -> str:
    """Page `number` (1-based) of the static browse list."""
    return BROWSE_URL if number == 1 else f"{BROWSE_URL}{number}/"


def relative_link(target: str, page: str) -> str:
    """The link from the page at `page` to the site-relative `target`, kept relative.

    Both are site-relative addresses (`offers/x/`, `api/v1/catalogue.json`, `""` for the
    home page); a page's address is a folder. A target that is a folder keeps its final
    `/`, and its query and fragment are kept. The same as `posixpath.relpath` on the paths,
    without its cost (it makes both absolute against the working folder): every card of
    every list page links this way.
    """
    path, hash_mark, fragment = target.partition("#")
    path, question_mark, query = path.partition("?")
    if path == page:
        link = "./"
    else:
        to = [name for name in path.split("/") if name and name != "."]
        here = [name for name in page.split("/") if name and name != "."]
        if ".." in to or ".." in here:
            link = posixpath.relpath(path or ".", page or ".")
        else:
            common = len(posixpath.commonprefix([to, here]))  # names both paths begin with
            link = "/".join([".."] * (len(here) - common) + to[common:]) or "."
        if path.endswith("/") or path == "":
            link = link.rstrip("/") + "/" if link != "." else "./"
    return link + question_mark + query + hash_mark + fragment


# --- Feeds beside the pages -----------------------------------------------------------

FEED_PATH = "feed.xml"
"""The register's Atom feed of new, updated and withdrawn offers."""
REGISTER_CALENDAR = "calendar.ics"
"""The register's iCalendar file of upcoming editions and deadlines."""
SEARCH_BUNDLE_DIR = "pagefind"
"""The search index and Pagefind's own scripts."""


def search_part_dirs(records: int, part_size: int) -> list[str]:
    """The folder of each part of a search index of `records` records, in its bundle.

    An index of more than `part_size` records is made in parts of equal size, each a
    Pagefind bundle of its own (Pagefind's memory grows with the records it holds); the
    first is the bundle itself (""), the others `part-2/`, `part-3/` … inside it.
    """
    count = max(1, -(-records // part_size))
    return ["" if number == 1 else f"part-{number}/" for number in range(1, count + 1)]


def provider_feed_path(provider_id: str) -> str:
    """A provider's Atom feed, beside its page."""
    return f"{provider_url(provider_id)}feed.xml"


def offer_calendar_path(offer_id: str) -> str:
    """An offer's calendar, beside its fact sheet."""
    return f"{offer_url(offer_id)}calendar.ics"


# --- The API, version 1 ------------------------------------------------------------

API_DIR = "api/v1"


def compressed_path(path: str) -> str:
    """A register-wide file's gzip-compressed copy, beside it (`generator.feed.large_files`)."""
    return f"{path}.gz"


API_VERSION = "1.3.0"
"""Version of the documents' format: additive changes raise the minor number."""
INDEX_PATH = f"{API_DIR}/index.json"
"""Where an aggregator starts: the API version and every endpoint."""
CATALOGUE_PATH = f"{API_DIR}/catalogue.json"
CATALOGUE_GZIP_PATH = compressed_path(CATALOGUE_PATH)
"""The catalogue gzip-compressed (`generator.feed.large_files`)."""
SCHEMA_PATH = f"{API_DIR}/schema"
"""The JSON Schemas of the API's documents."""
OPENAPI_PATH = f"{API_DIR}/openapi.yaml"
DCAT_PATH = f"{API_DIR}/dcat.jsonld"
CSV_PATH = f"{API_DIR}/catalogue.csv"
CSVW_PATH = f"{CSV_PATH}-metadata.json"
"""The CSV on the Web description of the CSV."""
ELM_DIR = f"{API_DIR}/elm"
ANNEX_I_SCHEME_PATH = f"{API_DIR}/vocabulary/annex-i.jsonld"
"""Outside `elm/`, so that no offer id can collide with it."""
REGISTER_ELM_PATH = f"{API_DIR}/elm.jsonld"
"""Every offer's ELM document in one file (what QualityLink harvests)."""
REGISTER_ELM_GZIP_PATH = compressed_path(REGISTER_ELM_PATH)
QDR_DIR = f"{API_DIR}/qdr"
QDR_REGISTER_PATH = f"{API_DIR}/qdr.xml"
"""The register-wide QDR dataset; outside `qdr/`, so no provider id can collide with it."""
QDR_REGISTER_GZIP_PATH = compressed_path(QDR_REGISTER_PATH)
QUALITY_LINK_MANIFEST = "quality-link-manifest.json"
REGISTER_MANIFEST_PATH = f"{API_DIR}/{QUALITY_LINK_MANIFEST}"
CHANGES_PATH = f"{API_DIR}/changes.json"
"""Every offer's id, status and last change, newest first: what a harvester polls."""
OFFERS_BULK_PATH = f"{API_DIR}/offers.ndjson.gz"
"""Every offer record, one JSON document a line, gzip-compressed."""
PROVIDERS_BULK_PATH = f"{API_DIR}/providers.ndjson.gz"
"""Every provider record, one JSON document a line, gzip-compressed."""
PAGE_SIZE = 1000
"""Records in one page of the paged catalogue (the last page holds the rest)."""


def schema_path(name: str) -> str:
    """A published JSON Schema, e.g. `api/v1/schema/offer.schema.json`."""
    return f"{SCHEMA_PATH}/{name}"


def offer_api_path(offer_id: str) -> str:
    """An offer's JSON document."""
    return f"{API_DIR}/offers/{offer_id}.json"


def provider_api_path(provider_id: str) -> str:
    """A provider's JSON document."""
    return f"{API_DIR}/providers/{provider_id}.json"


def elm_path(offer_id: str) -> str:
    """An offer's ELM (European Learning Model) document."""
    return f"{ELM_DIR}/{offer_id}.jsonld"


def qdr_path(provider_id: str) -> str:
    """A provider's Europass QDR dataset (LOQ XML)."""
    return f"{QDR_DIR}/{provider_id}.xml"


def provider_elm_path(provider_id: str) -> str:
    """The ELM documents of a provider's offers in one file, beside its JSON document."""
    return f"{API_DIR}/providers/{provider_id}/elm.jsonld"


def provider_manifest_path(provider_id: str) -> str:
    """A provider's QualityLink manifest, beside its JSON document."""
    return f"{API_DIR}/providers/{provider_id}/{QUALITY_LINK_MANIFEST}"


def offer_page_path(number: int | str) -> str:
    """Page `number` (1-based) of every offer, in id order; `{page}` in the API description."""
    return f"{API_DIR}/catalogue/offers/{number}.json"


def provider_page_path(number: int | str) -> str:
    """Page `number` (1-based) of every provider, in id order."""
    return f"{API_DIR}/catalogue/providers/{number}.json"


def provider_catalogue_path(provider_id: str) -> str:
    """A provider's record with every offer it publishes or co-awards, beside its document."""
    return f"{API_DIR}/providers/{provider_id}/catalogue.json"
