"""The "API for aggregators" page (served at `/api/`): how to use the static API.

Everything that can drift is generated: the endpoint table comes from
`generator.openapi.ENDPOINTS` (the same list as `openapi.yaml`), the field
tables from the feed's JSON Schemas through `generator.models.reference`, the CSV
columns from `generator.catalogue_csv.COLUMNS` and the versioning policy from
`generator.openapi.VERSIONING_POLICY`. Links are relative to the page, so the
site can move; the examples use the absolute `site_url` a client would call.
"""

from __future__ import annotations

import posixpath
from typing import Any

from generator import vocabularies as vocab
from generator.feed.atom import MAX_ENTRIES
from generator.feed.catalogue_csv import COLUMNS
from generator.feed.csvw import DATATYPES
from generator.feed.large_files import LARGE_FILES, PLAIN_LIMIT
from generator.feed.openapi import (
    ENDPOINTS,
    OPENAPI_PATH,
    VERSIONING_POLICY,
    Endpoint,
)
from generator.feed.qualitylink import WELL_KNOWN_PATH
from generator.feed.schemas import feed_schemas
from generator.models import annex
from generator.models.fields import SLUG_MAX, SLUG_PATTERN
from generator.models.reference import escape_cell, schema_reference
from generator.site.markdown import literal_markdown
from generator.urls import (
    API_DIR,
    API_PAGE_URL,
    API_VERSION,
    CATALOGUE_PATH,
    CHANGES_PATH,
    CSV_PATH,
    CSVW_PATH,
    DCAT_PATH,
    OFFERS_BULK_PATH,
    PAGE_SIZE,
    PROVIDERS_BULK_PATH,
    QDR_PAGE_URL,
    QDR_REGISTER_PATH,
    QUALITY_LINK_PAGE_URL,
    REGISTER_CALENDAR,
    elm_path,
    offer_api_path,
    offer_page_path,
    offer_url,
    provider_api_path,
    provider_catalogue_path,
    provider_manifest_path,
    provider_page_path,
    provider_url,
    qdr_path,
    schema_path,
)

CHANGELOG_FILE = "CHANGELOG_API.md"


def _link(path: str) -> str:
    """A site-relative path as a link relative to the API page."""
    return posixpath.relpath(path, API_PAGE_URL.rstrip("/"))


def _large_link(path: str) -> str:
    """A register-wide file that may be published compressed only: named, its copy linked.

    The page is made before the files, so it cannot know whether the plain one is there.
    """
    large = next(large for large in LARGE_FILES if large.path == path)
    compressed = _link(large.compressed_path)
    return f"`{_link(path)}` ([`{compressed}`]({compressed}))"


_LARGE_PATHS = frozenset(large.path for large in LARGE_FILES)


def _path_cell(endpoint: Endpoint, schema_names: list[str]) -> str:
    relative = _link(endpoint.path)
    if endpoint.path in _LARGE_PATHS:
        return _large_link(endpoint.path)
    if endpoint.parameter == "schema":
        files = ", ".join(f"[`{name}`]({_link(schema_path(name))})" for name in schema_names)
        return f"`{relative}`: {files}"
    if endpoint.parameter is not None:
        return f"`{relative}`"
    return f"[`{relative}`]({relative})"


def _endpoint_table(schema_names: list[str]) -> str:
    lines = ["| Path | Format | What it holds |", "|---|---|---|"]
    lines.extend(
        f"| {_path_cell(endpoint, schema_names)} "
        f"| {endpoint.format}, `{endpoint.media_type}` "
        f"| {escape_cell(endpoint.description)} |"
        for endpoint in ENDPOINTS
    )
    return "\n".join(lines)


def _datatype(name: str) -> str:
    datatype = DATATYPES[name]["datatype"]
    base = datatype if isinstance(datatype, str) else datatype["base"]
    return f"{base}, list" if "separator" in DATATYPES[name] else base


def _csv_table() -> str:
    lines = ["| Column | Datatype | Content |", "|---|---|---|"]
    lines.extend(
        f"| `{name}` | {_datatype(name)} | {escape_cell(description)} |"
        for name, description, _ in COLUMNS
    )
    return "\n".join(lines)


FORMATS = ("JSON", "CSV", "ELM JSON-LD", "QDR XML", "schema.org")
"""The formats the coverage table compares, in its column order."""
_LEFT_OUT = "—"
ANNEX_I_COVERAGE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("learner-identification", ("✓", _LEFT_OUT, "note", "note", _LEFT_OUT)),
    ("title", ("✓", "`title`", "`title`", "`title`", "`name`")),
    ("country-region", ("✓", "`country`", "address", "address", "`address`")),
    (
        "awarding-body",
        ("✓", "`awarding_bodies`", "`awardingBody`", "`awardingBody`", "publisher only"),
    ),
    ("date-of-issuing", ("✓", _LEFT_OUT, "note", "note", _LEFT_OUT)),
    (
        "learning-outcomes",
        ("✓", _LEFT_OUT, "`learningOutcome`", "`learningOutcome`", "`teaches`"),
    ),
    (
        "workload",
        (
            "✓",
            "`ects`, `hours`",
            "`creditPoint`, `volumeOfLearning`",
            "`creditPoint`, `volumeOfLearning`",
            "`numberOfCredits`, `courseWorkload`",
        ),
    ),
    (
        "level",
        (
            "✓",
            "`eqf`",
            "`EQFLevel`, `NQFLevel`¹",
            "`EQFLevel`, `NQFLevel`¹",
            "`educationalLevel` (EQF)",
        ),
    ),
    ("assessment", ("✓", _LEFT_OUT, "`provenBy`", "`provenBy`", _LEFT_OUT)),
    (
        "participation",
        ("✓", "`mode`", "`mode`, `learningSchedule`", "`mode`, `learningSchedule`", "`courseMode`"),
    ),
    ("quality-assurance", ("✓", _LEFT_OUT, "note", "note", _LEFT_OUT)),
    (
        "prerequisites",
        ("✓", _LEFT_OUT, "`entryRequirement`", "`entryRequirement`", "`coursePrerequisites`"),
    ),
    (
        "supervision",
        ("✓", _LEFT_OUT, "note on the assessment", "note on the assessment", _LEFT_OUT),
    ),
    ("grade", ("✓", _LEFT_OUT, "`gradingScheme`", "`gradingScheme`", _LEFT_OUT)),
    ("integration", ("✓", _LEFT_OUT, "note", "note", _LEFT_OUT)),
    ("further-information", ("✓", _LEFT_OUT, "note", "note", _LEFT_OUT)),
)
"""For each Annex I element (by its key in `generator.models.annex`), where each format puts
it; `—` where the format has no place."""


def _coverage_table() -> str:
    lines = ["| Annex I element | " + " | ".join(FORMATS) + " |", "|---|" + "---|" * len(FORMATS)]
    for key, cells in ANNEX_I_COVERAGE:
        element = annex.BY_KEY[key]
        name = (
            f"{element.number} {element.short_label}" if element.mandatory else element.short_label
        )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


COVERAGE_NOTES = (
    "✓: the element's own field (see [Fields](#fields)). *note*: an ELM `Note` whose "
    "subject names the element, from the concept scheme "
    "`v1/vocabulary/annex-i.jsonld`, because ELM has no property for it. —: left out, "
    "because the format has no place for it (the CSV holds one row of flat columns per "
    "offer; schema.org's `Course` has no property for these elements).\n\n"
    "¹ A national level is an `NQFLevel` only as a concept of the Europass QDR's NQF list; "
    "otherwise the specification is not a `Qualification`, the EQF level is an "
    "`educationLevel`, and the national level is a note. Offers without learning outcomes "
    "have no ELM document and are not in the QDR datasets: both formats require an "
    "outcome."
)


def _with_defs(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "$defs": defs}


def _fields(schemas: dict[str, dict[str, Any]]) -> str:
    catalogue = schemas["catalogue.schema.json"]
    defs = catalogue["$defs"]
    sections = [
        (
            f"Offer documents (`{_link(offer_api_path('{id}'))}`, items of `offers`)",
            schemas["offer.schema.json"],
        ),
        (
            f"Provider documents (`{_link(provider_api_path('{id}'))}`, items of `providers`)",
            schemas["provider.schema.json"],
        ),
        ("Register settings (`register` in the catalogue)", _with_defs(defs["Register"], defs)),
    ]
    top_level = ", ".join(f"`{name}`" for name in catalogue["properties"])
    intro = (
        "Generated from the register's data models, like the JSON Schemas that the "
        "documents name in `$schema`. Nested fields "
        "are written as dotted paths; `[]` marks the items of a list. A *required* field is "
        "always present (a nested one whenever the object holding it is); an optional "
        "field without a value is left out, never `null`. Offer and provider documents "
        "start with `$schema` and `api_version`; inside the catalogue the same records "
        "come without them.\n\n"
        f"The catalogue (`v1/catalogue.json`) holds {top_level}: `register` is the "
        "register's public settings, `providers` and `offers` are the records below."
    )
    return intro + "\n\n" + schema_reference(sections, level=3)


def _changelog(repository_url: str | None) -> str:
    if repository_url:
        url = f"{repository_url.rstrip('/')}/blob/HEAD/{CHANGELOG_FILE}"
        return f"[API changelog]({url})"
    return f"API changelog (`{CHANGELOG_FILE}` in the register's repository)"


def _examples(site_url: str) -> str:
    site = site_url.rstrip("/")
    api = f"{site}/{API_DIR}/"
    catalogue = f"{api}catalogue.json"
    curl = f"""\
```sh
# Where to start: the API version, every endpoint, how many records
curl -sS --compressed {api}index.json

# The whole catalogue, compressed in transit where the host supports it
curl -sS --compressed -o catalogue.json {catalogue}

# One offer, by its id (from the catalogue, or the last part of its page's address)
id=your-offer-id
curl -sS --compressed "{api}offers/$id.json"

# See what the host sends: ETag, Last-Modified, Content-Encoding, CORS headers
curl -sS -I --compressed {catalogue}
```

Fetch again only when something changed. Most static hosts answer a conditional
request with `304 Not Modified` and no body:

```sh
# By ETag: keep the tag the host sends, send it back next time
curl -sS --compressed --etag-save catalogue.etag -o catalogue.json {catalogue}
curl -sS --compressed --etag-compare catalogue.etag --etag-save catalogue.etag \\
  -o catalogue.new -w '%{{http_code}}\\n' {catalogue}

# By date: -z sends If-Modified-Since with the local file's time, -R keeps the host's time
curl -sS --compressed -R -z catalogue.json -o catalogue.new -w '%{{http_code}}\\n' {catalogue}

# 200: use catalogue.new; 304: catalogue.json is still current
```"""
    python = f'''\
```python
import gzip
import json
import urllib.error
import urllib.request

API = "{api}"


def fetch(url, etag=None):
    """A JSON document and its ETag; the document is None when unchanged since `etag`."""
    request = urllib.request.Request(url, headers={{"Accept-Encoding": "gzip"}})
    if etag:
        request.add_header("If-None-Match", etag)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return json.loads(body), response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        if error.code == 304:  # Not Modified
            return None, etag
        raise


catalogue, etag = fetch(API + "catalogue.json")
language = catalogue["register"]["default_language"]
for record in catalogue["offers"]:
    if record["status"] != "withdrawn":
        print(record["id"], record["title"][language], record["last_modified"])

offer, _ = fetch(catalogue["offers"][0]["api_url"])
print(offer["title"], offer["url"])

# Later, e.g. once a day: download again only if something changed
changed, etag = fetch(API + "catalogue.json", etag)
if changed is None:
    print("No change since the last fetch")
```

To check documents against their JSON Schema (each names it in `$schema`), with
the [`jsonschema`](https://pypi.org/project/jsonschema/) package:

```python
import jsonschema  # pip install jsonschema

schema, _ = fetch(catalogue["$schema"])
jsonschema.validate(catalogue, schema, cls=jsonschema.Draft202012Validator)

offer_schema, _ = fetch(offer["$schema"])
jsonschema.validate(offer, offer_schema, cls=jsonschema.Draft202012Validator)
print("Both documents match their schemas")
```'''
    return (
        f"### With curl\n\n{curl}\n\n### With Python\n\n"
        f"Standard library only, apart from the schema check.\n\n{python}"
    )


def _large_files() -> str:
    """The register-wide files published compressed, and the size above which only so."""
    pairs = ", ".join(
        f"[`{_link(large.compressed_path)}`]({_link(large.compressed_path)}) "
        f"(`{large.compressed_endpoint}` in `index.json`)"
        for large in LARGE_FILES
    )
    plain = ", ".join(f"`{_link(large.path)}`" for large in LARGE_FILES)
    return (
        f"{pairs} are the register-wide files, byte for byte, compressed with gzip. A "
        f"register-wide file ({plain}) larger than {PLAIN_LIMIT // 1_000_000} MB is "
        "published compressed only: `index.json` then lists it under `omitted` (its "
        "`url`, its `size`, the `limit` and, in `instead`, the endpoint of its compressed "
        "copy) instead of among its `endpoints`, and the register's QualityLink manifest "
        "points at each provider's ELM file. Every record stays published plain in the "
        "smaller files above."
    )


def _harvesting(site_url: str) -> str:
    """How a harvester of a large register fetches everything once, then only what changed."""
    api = f"{site_url.rstrip('/')}/{API_DIR}/"
    changes = f"{api}changes.json"
    python = f'''\
```python
import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta

CHANGES = "{changes}"
# A pull request merged days after its last commit keeps that commit's time: look back.
MARGIN = timedelta(days=7)


def harvest(held, mark=None, etag=None):
    """Update `held` (id → `last_modified` of your copy) with what changed since `mark`.

    Returns the new mark and the ETag to send next time.
    """
    request = urllib.request.Request(CHANGES)
    if etag:
        request.add_header("If-None-Match", etag)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            changes, etag = json.load(response), response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        if error.code == 304:  # nothing changed since the last visit
            return mark, etag
        raise
    stop = None
    if mark:
        since = datetime.fromisoformat(mark.replace("Z", "+00:00")) - MARGIN
        stop = since.strftime("%Y-%m-%dT%H:%M:%SZ")
    for entry in changes["changes"]:  # newest first
        if stop and entry["last_modified"] < stop:
            break
        if held.get(entry["id"]) == entry["last_modified"]:
            continue  # your copy is current
        if entry["status"] == "withdrawn":
            print("withdrawn", entry["id"], entry["withdrawn"])  # keep it as a tombstone
        else:
            with urllib.request.urlopen(entry["api_url"], timeout=30) as response:
                offer = json.load(response)
            print("changed", offer["id"], offer["last_modified"])
        held[entry["id"]] = entry["last_modified"]
    newest = [entry["last_modified"] for entry in changes["changes"][:1]]
    return max([mark, *newest], key=lambda time: time or ""), etag
```'''
    return (
        "For registers of thousands of offers, the same records come in smaller parts, "
        "so that a harvester need not download the whole catalogue at each visit:\n\n"
        f"- **Pages**: [`{_link(offer_page_path(1))}`]({_link(offer_page_path(1))}) is the "
        f"first page of offers (at most {PAGE_SIZE:,} records a page, in id order, withdrawn "
        "ones included); each page states the `total`, its `page` number and the number of "
        "`pages`, and links the `first`, `prev`, `next` and `last` pages. The providers "
        f"likewise from [`{_link(provider_page_path(1))}`]({_link(provider_page_path(1))}).\n"
        f"- **Per provider**: `{_link(provider_catalogue_path('{id}'))}` holds a provider's "
        "record and every offer it publishes or co-awards.\n"
        f"- **In bulk**: [`{_link(OFFERS_BULK_PATH)}`]({_link(OFFERS_BULK_PATH)}) and "
        f"[`{_link(PROVIDERS_BULK_PATH)}`]({_link(PROVIDERS_BULK_PATH)}) hold every record, "
        "one JSON document a line (newline-delimited JSON, UTF-8, in id order), compressed "
        "with gzip: each line is valid against `schema/offer.schema.json` "
        "(`schema/provider.schema.json`). For the first visit, or a full refresh.\n"
        f"- **Changes**: [`{_link(CHANGES_PATH)}`]({_link(CHANGES_PATH)}) lists every "
        "offer's `id`, `status`, `last_modified`, `url` and `api_url`, newest change "
        "first; a withdrawn offer stays in it as a tombstone with `status: withdrawn` and "
        "the date of its withdrawal in `withdrawn`.\n"
        f"- **Compressed**: {_large_files()}\n\n"
        "Every part is rebuilt from the data and is byte-identical while the data is "
        "unchanged, so hosts answer conditional requests for it with `304 Not Modified`.\n\n"
        "**Harvesting only what changed.** Load everything once (the bulk file or the "
        "pages) and keep each record's `last_modified` and the highest of them: your "
        "high-water mark. At each visit, fetch `changes.json` with `If-None-Match` (the "
        "`ETag` of your last fetch) or `If-Modified-Since` (the time of your last fetch): a "
        "`304` means nothing changed. Otherwise read the entries from the top and fetch the "
        "`api_url` of each whose `last_modified` differs from your copy's (a withdrawn one: "
        "mark it withdrawn), until the entries are older than your mark, then keep the first "
        "entry's `last_modified` as the new mark. The times are the git commit times of the "
        "record files, and a change merged some days after its commit keeps its commit's "
        "time: read on a few days past the mark, as below. The times are ISO 8601 in UTC in "
        "one format, so they compare as strings.\n\n" + python
    )


def api_documentation(site_url: str, register_name: str, repository_url: str | None = None) -> str:
    """The Markdown of the "API for aggregators" page, served at `/api/`.

    `repository_url` (the register's GitHub repository) gives the link to the API
    changelog; without it the changelog is named but not linked.
    """
    schemas = feed_schemas(site_url)
    schema_names = sorted(schemas)
    site = site_url.rstrip("/")
    statuses = ", ".join(f"`{code}`" for code in vocab.OFFER_STATUSES.codes)
    parts = [
        f"{literal_markdown(register_name)} publishes every offer and provider as static files for "
        "aggregators, search engines and open-data portals. This page describes them; "
        f"[`v1/openapi.yaml`]({_link(OPENAPI_PATH)}) describes them for machines "
        f"(OpenAPI 3.1). Current version: **{API_VERSION}**.",
        "## Overview",
        "- **Static files.** The API is a set of files, regenerated at each build of the "
        "site from the same data as its pages. Every request is a plain `GET` of a file: "
        "there are no query parameters, no search and no write access.\n"
        "- **No key.** There is no registration or authentication, and no limits beyond "
        "the host's.\n"
        "- **CORS** depends on the host that serves the site: check the "
        "`Access-Control-Allow-Origin` header before fetching from a browser.\n"
        "- **Compression.** Most hosts send gzip when asked (`Accept-Encoding: gzip`); the "
        "catalogue compresses well.\n"
        "- **Caching.** Most hosts send `ETag` and `Last-Modified` and answer conditional "
        "requests with `304 Not Modified` (see [Examples](#examples)).",
        f'!!! tip "Where to start"\n\n'
        f"    Fetch [`v1/index.json`]({_link(f'{API_DIR}/index.json')}): it gives the API "
        "version, the time of the newest change and the address of every endpoint. Then "
        f"fetch {_large_link(CATALOGUE_PATH)} for everything "
        "at once, or single records.",
        "## Endpoints",
        "Paths are relative to this page; `{id}` stands for an offer's or a provider's "
        "id. A path with an id that was never published answers `404 Not Found`.",
        _endpoint_table(schema_names),
        "## Identifiers and URLs",
        "- Every offer and provider has an **id**: lowercase ASCII words joined by single "
        f"hyphens (`{SLUG_PATTERN}`), at most {SLUG_MAX} characters. Offer ids are unique "
        "across the whole register, not only within a provider.\n"
        "- Ids are **stable and never reused**: an id is not changed once published, and "
        "a withdrawn offer's id is not given to another offer.\n"
        "- Records carry **absolute URLs**: `url` (the page for people, e.g. "
        f"`{site}/{offer_url('{id}')}`), `api_url` (the JSON document) and, for offers, "
        "`provider_url` (the provider's document; the provider's page is "
        f"`{site}/{provider_url('{id}')}`).\n"
        f"- `status` is one of {statuses}. A **withdrawn offer stays** as a tombstone: "
        "its page, its JSON document and its rows in the catalogue and the CSV remain, "
        "with `status: withdrawn` and `withdrawal.date` and `withdrawal.reason` (why it "
        "was withdrawn); the Atom feeds announce it as withdrawn. Keep showing it as "
        "withdrawn, or remove it from your listing, but do not expect it to disappear "
        "from the register.",
        "## Language maps",
        "Every text that can be translated is a **language map**: an object whose keys "
        "are ISO 639-1 language codes and whose values are the texts. The register's "
        "default language (`register.default_language` in the catalogue) always comes "
        "first and is always present; other languages appear when a provider has "
        "translated that text, so they may differ from field to field. Fields described "
        "as Markdown hold Markdown text.",
        '```json\n"title": {\n  "en": "Data literacy for public servants",\n'
        '  "de": "Datenkompetenz für den öffentlichen Dienst"\n}\n```',
        "Pick a reader's language with a fallback to the default language; the CSV file "
        "holds the default language only.",
        "## Change information",
        "- `first_published` and `last_modified` on each record come from the register's "
        "git history: the first and the last commit of the record's file (an offer "
        "outside git falls back to its `last_reviewed` date). Compare `last_modified` to "
        "fetch only what changed.\n"
        "- `generated` in `index.json` and `catalogue.json` is the newest change to any "
        "record, so it changes only when the data does: the same data gives "
        "byte-identical files.\n"
        f"- The Atom feed [`../feed.xml`]({_link('feed.xml')}) lists offers that are new, "
        "updated or withdrawn, newest change first (at most "
        f"{MAX_ENTRIES} entries); each provider has its own at "
        "`../providers/{id}/feed.xml`.\n"
        f"- The iCalendar file [`../{REGISTER_CALENDAR}`]({_link(REGISTER_CALENDAR)}) "
        "holds the upcoming editions of every offer and their application deadlines; each offer "
        "with upcoming dates has its own at `../offers/{id}/calendar.ics`, linked from its fact "
        "sheet (an iCalendar file must hold an event, so an offer between editions has none).",
        "## Harvesting at scale",
        _harvesting(site_url),
        "## Fields",
        _fields(schemas),
        "## CSV columns",
        f"[`{_link(CSV_PATH)}`]({_link(CSV_PATH)}) has one row per offer (withdrawn "
        "ones included), sorted by id: UTF-8, a header row, CRLF line ends (RFC 4180). "
        "Texts are in the register's default language; lists are separated by spaces; "
        "a text cell that a spreadsheet would run as a formula starts with `'`. "
        f"[`{_link(CSVW_PATH)}`]({_link(CSVW_PATH)}) describes it in the W3C's CSV on "
        "the Web vocabulary, with each column's datatype, so that tools read `field` "
        "as text (`0731`, not 731); CSVW processors find it beside the CSV by its name.",
        _csv_table(),
        "## For EU aggregators",
        "- **Europass**: each offer in the European Learning Model "
        f"(`{_link(elm_path('{id}'))}`), conforming to both shape files of the Learning "
        "Opportunities and Qualifications profile (structure and vocabularies); and "
        "datasets for the Europass Qualification Dataset Register, per provider "
        f"(`{_link(qdr_path('{id}'))}`) and for the register "
        f"({_large_link(QDR_REGISTER_PATH)}). "
        f"[For National Coordination Points]({_link(QDR_PAGE_URL)}/): what to point the QDR "
        "at, the identifiers, how updates appear.\n"
        "- **QualityLink**: a discovery manifest per provider "
        f"(`{_link(provider_manifest_path('{id}'))}`) and for the register, pointing at "
        f"static ELM files of their offers. [Exposing your manifest]({_link(QUALITY_LINK_PAGE_URL)}/) "
        f"at your own domain's `{WELL_KNOWN_PATH}`.\n"
        f"- **Open-data portals**: [`{_link(DCAT_PATH)}`]({_link(DCAT_PATH)}), DCAT-AP "
        "3.0.1 with no violation of the SEMIC shapes.\n"
        "- **Search engines**: schema.org `Course` markup on each fact sheet.",
        "### Annex I elements in each format",
        _coverage_table(),
        COVERAGE_NOTES,
        "## Versioning and deprecation",
        VERSIONING_POLICY,
        "The published schemas forbid fields they do not list, so validate a document "
        "against the schema its `$schema` names rather than a stored copy: a stored copy "
        "would refuse the new optional fields of a later minor version. Every change to "
        f"the API is listed in the {_changelog(repository_url)}, newest first.",
        "## Examples",
        _examples(site_url),
    ]
    return "\n\n".join(parts) + "\n"
