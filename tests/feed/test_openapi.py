"""The API's descriptions: `openapi.yaml`, the API page and the API changelog.

The OpenAPI document must be valid OpenAPI 3.1 without the network, describe
exactly the files a build writes, and its response schemas must accept the
real documents. The API page must cover every endpoint, field and CSV column,
and its examples must run.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from email.message import Message
from typing import Any

import markdown
import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator.catalogue import Catalogue
from generator.feed.api import feed_files
from generator.feed.atom import atom_files
from generator.feed.catalogue_csv import COLUMNS, catalogue_csv
from generator.feed.catalogue_parts import catalogue_part_files
from generator.feed.changes import changes_file
from generator.feed.elm import elm_files
from generator.feed.index import machine_readable_files
from generator.feed.large_files import LARGE_FILES
from generator.feed.openapi import (
    DCAT_PATH,
    ENDPOINTS,
    OPENAPI_PATH,
    component_name,
    openapi_document,
)
from generator.feed.qualitylink import quality_link_files
from generator.feed.schemas import OFFER_FIELDS, PROVIDER_EXCLUDED, PROVIDER_FIELDS, feed_schemas
from generator.feed.written import collected
from generator.models.fields import SLUG_PATTERN
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.register import load_register
from generator.site.apidoc import api_documentation
from generator.urls import (
    API_DIR,
    API_VERSION,
    CHANGES_PATH,
    CSV_PATH,
    QDR_PAGE_URL,
    QUALITY_LINK_MANIFEST,
    QUALITY_LINK_PAGE_URL,
)
from tests.support.registers import REPO

INDEX_PATH = f"{API_DIR}/index.json"
"""Written next to the feed by `generator.feed.index`, not by `feed_files`."""
TODAY = date(2026, 11, 23)
CHANGELOG = REPO / "CHANGELOG_API.md"
REPOSITORY_URL = "https://github.com/trivium-alliance/microcredential-register"
SPEC_URI = "urn:register:openapi"

LARGE_PATHS = {large.path for large in LARGE_FILES}


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs without the network: a remote `$ref` would fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def text(data: Catalogue) -> str:
    config = data.register.config
    return openapi_document(config.site_url, config.name.default)


@pytest.fixture(scope="module")
def spec(text: str) -> dict[str, Any]:
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def feed(data: Catalogue) -> dict[str, bytes]:
    files = collected(feed_files(data))
    harvesting = {CHANGES_PATH: changes_file(data), **collected(catalogue_part_files(data))}
    return {**files, CSV_PATH: catalogue_csv(data), **harvesting}


@pytest.fixture(scope="module")
def page(data: Catalogue) -> str:
    config = data.register.config
    return api_documentation(config.site_url, config.name.default, REPOSITORY_URL)


# --- Matching documented paths to files --------------------------------------


def _pattern(path: str) -> re.Pattern[str]:
    """A documented path (`/api/v1/offers/{id}.json`) as a regex over site-relative paths."""
    regex = re.escape(path.lstrip("/"))
    regex = regex.replace(r"\{id\}", f"(?P<id>{SLUG_PATTERN.strip('^$')})")
    regex = regex.replace(r"\{name\}", "(?P<name>[^/]+)")
    regex = regex.replace(r"\{page\}", "(?P<page>[1-9][0-9]*)")
    return re.compile(f"^{regex}$")


def _documenting(spec: dict[str, Any], file_path: str) -> str | None:
    """The documented path that describes a file: a fixed path before a templated one."""
    matches = [path for path in spec["paths"] if _pattern(path).match(file_path)]
    matches.sort(key=lambda path: path.count("{"))
    return matches[0] if matches else None


def _media_type(spec: dict[str, Any], path: str) -> str:
    (media_type,) = spec["paths"][path]["get"]["responses"]["200"]["content"]
    return media_type


def _validator(spec: dict[str, Any], path: str) -> Draft202012Validator:
    """A validator for the JSON documents of `path`; `$ref`s resolve inside the OpenAPI document."""
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(spec))
    return Draft202012Validator({"$ref": SPEC_URI + schema["$ref"]}, registry=registry)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def _check_covers(spec: dict[str, Any], files: dict[str, bytes], data: Catalogue) -> None:
    """Every file is documented, and `{id}` in a documented path only stands for a real id."""
    register = data.register
    ids = {"OfferId": set(register.offers), "ProviderId": set(register.providers)}
    undocumented = [path for path in files if _documenting(spec, path) is None]
    assert not undocumented
    for path in files:
        documented = _documenting(spec, path)
        match = _pattern(documented).match(path)
        for parameter in spec["paths"][documented]["get"].get("parameters", []):
            kind = parameter["$ref"].rsplit("/", 1)[-1]
            if kind in ids:
                assert match["id"] in ids[kind], f"{path} is not a file of a known {kind}"


# --- The OpenAPI document -------------------------------------------------------


def test_the_document_is_valid_openapi_3_1_offline(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1.")
    validate(spec)  # the autouse fixture makes any network access fail


def test_the_validator_does_resolve_references(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    offer = broken["components"]["schemas"]["OfferDocument"]
    offer["properties"]["workload"]["$ref"] = "#/components/schemas/Nowhere"
    with pytest.raises(Exception, match="Nowhere"):
        validate(broken)


def test_every_reference_is_local_and_points_at_something(spec: dict[str, Any]) -> None:
    refs = _refs(spec)
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        node: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            assert part in node, ref
            node = node[part]


def test_info_version_is_the_api_version(spec: dict[str, Any], data: Catalogue) -> None:
    assert spec["info"]["version"] == API_VERSION
    assert data.register.config.name.default in spec["info"]["title"]
    description = spec["info"]["description"]
    assert "static" in description and "read-only" in description
    assert "/api/v2/" in description and "12 months" in description


def test_server_and_paths_give_the_published_urls(spec: dict[str, Any], data: Catalogue) -> None:
    (server,) = spec["servers"]
    assert server["url"] + "/api/v1/catalogue.json" == data.absolute("api/v1/catalogue.json")
    assert all(path.startswith("/") for path in spec["paths"])


def test_each_endpoint_is_one_get_with_its_media_type(spec: dict[str, Any]) -> None:
    assert list(spec["paths"]) == [f"/{endpoint.path}" for endpoint in ENDPOINTS]
    expected = {
        ".json": "application/json",
        ".csv": "text/csv",
        ".jsonld": "application/ld+json",
        ".xml": "application/atom+xml",
        ".ics": "text/calendar",
        ".yaml": "application/yaml",
        ".gz": "application/gzip",  # the bulk files and the compressed large files
        "}": "application/json",  # the schema files, `schema/{name}`
    }
    for path, item in spec["paths"].items():
        assert list(item) == ["get"], path
        suffix = next(end for end in expected if path.endswith(end))
        if path.startswith("/api/v1/qdr") and not path.endswith(".gz"):
            suffix = "qdr"  # the Europass QDR datasets are LOQ XML, not Atom
        if path.endswith(".csv-metadata.json"):
            suffix = "csvw"  # CSV on the Web has its own media type
        special = {"qdr": "application/xml", "csvw": "application/csvm+json"}
        assert _media_type(spec, path) == {**expected, **special}[suffix], path
    ids = [item["get"]["operationId"] for item in spec["paths"].values()]
    assert len(set(ids)) == len(ids)


def test_id_parameters_use_the_slug_pattern_and_unknown_ids_are_404(
    spec: dict[str, Any],
) -> None:
    parameters = spec["components"]["parameters"]
    templated = [path for path in spec["paths"] if "{" in path]
    assert "/api/v1/offers/{id}.json" in templated
    for path, item in spec["paths"].items():
        operation = item["get"]
        if path.lstrip("/") in LARGE_PATHS:
            # Present up to the size limit only (`generator.feed.large_files`).
            assert operation["responses"]["404"] == {"$ref": "#/components/responses/NotFound"}
            assert "parameters" not in operation and "omitted" in operation["description"]
            continue
        if path not in templated:
            assert "404" not in operation["responses"] and "parameters" not in operation
            continue
        assert operation["responses"]["404"] == {"$ref": "#/components/responses/NotFound"}
        (reference,) = operation["parameters"]
        parameter = parameters[reference["$ref"].rsplit("/", 1)[-1]]
        assert parameter["in"] == "path" and parameter["required"] is True
        assert f"{{{parameter['name']}}}" in path
        if parameter["name"] == "id":
            assert parameter["schema"]["pattern"] == SLUG_PATTERN


def test_json_and_csv_files_of_the_feed_are_documented(
    spec: dict[str, Any], feed: dict[str, bytes], data: Catalogue
) -> None:
    _check_covers(spec, feed, data)
    for path in feed:
        documented = _documenting(spec, path)
        media_type = "text/csv" if path.endswith(".csv") else "application/json"
        assert _media_type(spec, documented) == media_type, path


def test_documented_json_and_csv_paths_are_files_the_feed_writes(
    spec: dict[str, Any], feed: dict[str, bytes]
) -> None:
    documented = [
        path
        for path in spec["paths"]
        if _media_type(spec, path) in ("application/json", "text/csv")
        and path != f"/{INDEX_PATH}"
        and not path.endswith(
            QUALITY_LINK_MANIFEST
        )  # QualityLink's, not the feed's (test_qualitylink)
    ]
    # catalogue, offers, providers, schemas, CSV; changes, pages of offers and of providers,
    # provider catalogues
    assert len(documented) == 9
    for path in documented:
        assert any(_pattern(path).match(file) for file in feed), path


def test_atom_and_elm_paths_are_files_their_modules_write(
    spec: dict[str, Any], data: Catalogue
) -> None:
    written = {**atom_files(data), **collected(elm_files(data)), **quality_link_files(data)}
    _check_covers(spec, written, data)
    for path in spec["paths"]:
        if _media_type(spec, path) in ("application/atom+xml", "application/ld+json"):
            if path == f"/{DCAT_PATH}":
                continue  # checked against `generator.feed.dcat` below
            assert any(_pattern(path).match(file) for file in written), path


def test_the_documented_dcat_path_is_the_file_holding_the_dcat_catalogue(
    spec: dict[str, Any], data: Catalogue
) -> None:
    (documented,) = [
        path for path, item in spec["paths"].items() if item["get"]["operationId"] == "getDcat"
    ]
    path = documented.removeprefix("/")
    catalogue = json.loads(machine_readable_files(data, TODAY)[path])
    assert catalogue["type"] == "dcat:Catalog"
    # The catalogue names itself and its dataset by URLs at that address, so a portal that
    # harvests the documented URL finds the identifiers it reads there.
    assert catalogue["id"] == f"{data.absolute(path)}#catalog"
    assert catalogue["dataset"][0]["id"] == f"{data.absolute(path)}#dataset"


def test_the_build_writes_exactly_the_documented_files(
    spec: dict[str, Any], data: Catalogue
) -> None:
    built = machine_readable_files(data, TODAY)
    _check_covers(spec, built, data)
    for path in spec["paths"]:
        assert any(_pattern(path).match(file) for file in built), path
    for path, content in built.items():
        documented = _documenting(spec, path)
        if _media_type(spec, documented) == "application/json" and "{name}" not in documented:
            _validator(spec, documented).validate(json.loads(content))


def test_response_schemas_accept_the_real_documents(
    spec: dict[str, Any], feed: dict[str, bytes]
) -> None:
    checked = set()
    for path, content in feed.items():
        documented = _documenting(spec, path)
        if not path.endswith(".json") or "{name}" in documented:
            continue  # the schema files are JSON Schemas, not documents
        _validator(spec, documented).validate(json.loads(content))
        checked.add(documented)
    assert checked == {
        "/api/v1/catalogue.json",
        "/api/v1/offers/{id}.json",
        "/api/v1/providers/{id}.json",
        "/api/v1/changes.json",
        "/api/v1/catalogue/offers/{page}.json",
        "/api/v1/catalogue/providers/{page}.json",
        "/api/v1/providers/{id}/catalogue.json",
    }


@pytest.mark.parametrize(
    ("path", "file", "spoil"),
    [
        ("/api/v1/catalogue.json", "catalogue.json", lambda d: d["offers"][0].pop("id")),
        ("/api/v1/offers/{id}.json", "offers/heat-pump-installation.json", lambda d: d.pop("url")),
        (
            "/api/v1/providers/{id}.json",
            "providers/technikum-murtal.json",
            lambda d: d.update(maintainers=["someone"]),
        ),
        (
            "/api/v1/offers/{id}.json",
            "offers/heat-pump-installation.json",
            lambda d: d["workload"].update(ects="five"),
        ),
    ],
)
def test_response_schemas_refuse_a_spoilt_document(
    spec: dict[str, Any], feed: dict[str, bytes], path: str, file: str, spoil: Any
) -> None:
    document = json.loads(feed[f"{API_DIR}/{file}"])
    spoil(document)
    with pytest.raises(ValidationError):
        _validator(spec, path).validate(document)


def test_components_are_the_published_schemas(spec: dict[str, Any], data: Catalogue) -> None:
    components = spec["components"]["schemas"]
    for name, published in feed_schemas(data.register.config.site_url).items():
        as_text = json.dumps(published).replace('"#/$defs/', '"#/components/schemas/')
        moved = json.loads(as_text)
        for definition, schema in moved.pop("$defs", {}).items():
            assert components[definition] == schema, definition
        assert moved.pop("$id").endswith(f"/api/v1/schema/{name}")
        moved.pop("$schema")
        assert components[component_name(name)] == moved, name


def test_the_output_is_deterministic(text: str, data: Catalogue) -> None:
    config = data.register.config
    assert openapi_document(config.site_url, config.name.default) == text
    script = (
        "from generator.feed.openapi import openapi_document; import sys; "
        f"sys.stdout.write(openapi_document({config.site_url!r}, {config.name.default!r}))"
    )
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.stdout == text
    assert "&id" not in text and "*id" not in text  # no YAML anchors or aliases


def test_the_openapi_path() -> None:
    assert OPENAPI_PATH == "api/v1/openapi.yaml"


# --- The API changelog ------------------------------------------------------------

_RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_the_changelog_has_an_entry_for_the_current_api_version() -> None:
    releases = _RELEASE.findall(CHANGELOG.read_text(encoding="utf-8"))
    assert releases, "no release headings such as `## [1.0.0] - 2026-11-23`"
    newest, _ = releases[0]
    assert newest == API_VERSION, f"API_VERSION is {API_VERSION}; add it to {CHANGELOG.name}"
    versions = [tuple(int(n) for n in version.split(".")) for version, _ in releases]
    assert versions == sorted(versions, reverse=True)
    dates = [date.fromisoformat(day) for _, day in releases]
    assert dates == sorted(dates, reverse=True)


def test_the_changelog_states_the_policy() -> None:
    changelog = CHANGELOG.read_text(encoding="utf-8")
    assert "## [1.0.0] - 2026-11-23" in changelog
    for phrase in ("minor version", "patch version", "/api/v2/", "12 months", "`sunset`"):
        assert phrase in changelog.lower(), phrase


# --- The API page -----------------------------------------------------------------------


def _section(page: str, heading: str) -> str:
    start = page.index(f"\n## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def _table_names(section: str) -> list[str]:
    return re.findall(r"^\| `([^`]+)` \|", section, re.MULTILINE)


def test_the_page_lists_every_endpoint(page: str, spec: dict[str, Any]) -> None:
    endpoints = _section(page, "Endpoints")
    for path in spec["paths"]:
        relative = os.path.relpath(path.lstrip("/"), "api")
        assert f"`{relative}`" in endpoints, relative


def test_the_page_has_every_field_of_the_documents(page: str) -> None:
    fields = _section(page, "Fields")
    offer = fields[fields.index("### Offer documents") : fields.index("### Provider documents")]
    provider = fields[fields.index("### Provider documents") : fields.index("### Register")]
    offer_names, provider_names = _table_names(offer), _table_names(provider)
    for name in [*Offer.model_fields, *OFFER_FIELDS]:
        assert name in offer_names, name
    for name in [*Provider.model_fields, *PROVIDER_FIELDS]:
        assert (name in provider_names) == (name not in PROVIDER_EXCLUDED), name
    assert "workload.ects" in offer_names  # nested fields too
    assert "| `title` | language map | required |" in offer


def test_the_page_has_every_csv_column(page: str) -> None:
    assert _table_names(_section(page, "CSV columns")) == [name for name, _, _ in COLUMNS]


def test_the_page_states_the_policy_and_links_the_changelog(page: str, data: Catalogue) -> None:
    policy = _section(page, "Versioning and deprecation")
    assert "/api/v2/" in policy and "12 months" in policy
    assert f"({REPOSITORY_URL}/blob/HEAD/CHANGELOG_API.md)" in policy
    config = data.register.config
    unlinked = api_documentation(config.site_url, config.name.default)
    assert "blob/HEAD" not in unlinked and "CHANGELOG_API.md" in unlinked


def test_the_page_has_curl_and_python_examples(page: str, data: Catalogue) -> None:
    examples = _section(page, "Examples")
    shell = re.findall(r"```sh\n(.*?)```", examples, re.DOTALL)
    assert any("curl" in block and "--etag-compare" in block for block in shell)
    assert any("-z catalogue.json" in block for block in shell)  # If-Modified-Since
    assert data.absolute("api/v1/catalogue.json") in examples
    python = re.findall(r"```python\n(.*?)```", examples, re.DOTALL)
    assert any("urllib.request" in block and "If-None-Match" in block for block in python)
    assert any("jsonschema.validate" in block for block in python)


def test_urls_in_the_page_are_files_the_build_writes(
    page: str, data: Catalogue, feed: dict[str, bytes]
) -> None:
    written = {*feed, *machine_readable_files(data, TODAY)}
    # The guide pages the API page links to (pages, not files: checked in test_harvest_guides).
    written |= {QDR_PAGE_URL.rstrip("/"), QUALITY_LINK_PAGE_URL.rstrip("/")}
    site = data.absolute("")
    absolute = re.findall(re.escape(site) + r"[^\s\"'`)]*", page)
    assert absolute
    for url in absolute:
        path = url.removeprefix(site)
        if "{id}" in path or "$id" in path:
            continue  # a placeholder, not a file
        if path.endswith("/"):  # a base URL, e.g. `API = …/api/v1/`
            assert any(file.startswith(path) for file in written), url
        else:
            assert path in written, url
    relative = re.findall(r"\]\(((?!https?:|#)[^)]+)\)", page)
    assert "../feed.xml" in relative
    for link in relative:
        assert os.path.normpath(os.path.join("api", link)) in written, link


def test_the_page_renders_with_the_sites_markdown_extensions(page: str) -> None:
    html = markdown.markdown(
        page, extensions=["tables", "attr_list", "admonition", "toc", "fenced_code"]
    )
    assert html.count("<table>") >= 5
    assert 'class="admonition tip"' in html
    assert '<h2 id="endpoints">' in html
    # `{id}` survives: attr_list must not take it for attributes.
    assert html.count("{id}") == page.count("{id}")
    assert "<code>v1/offers/{id}.json</code>" in html


class _StaticHost:
    """The built files at their absolute URLs, answering like a static host: ETags, gzip, 304."""

    def __init__(self, data: Catalogue, files: dict[str, bytes]) -> None:
        self.files = {data.absolute(path): content for path, content in files.items()}
        self.answers: list[tuple[str, int]] = []

    def urlopen(self, request: urllib.request.Request | str, timeout: float = 0) -> io.BytesIO:
        if isinstance(request, str):  # urlopen takes a URL too
            request = urllib.request.Request(request)
        url = request.full_url
        content = self.files.get(url)
        if content is None:
            self.answers.append((url, 404))
            raise urllib.error.HTTPError(url, 404, "Not Found", Message(), None)
        etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
        if request.get_header("If-none-match") == etag:
            self.answers.append((url, 304))
            raise urllib.error.HTTPError(url, 304, "Not Modified", Message(), None)
        self.answers.append((url, 200))
        headers = Message()
        headers["ETag"] = etag
        if "gzip" in (request.get_header("Accept-encoding") or ""):
            content = gzip.compress(content)
            headers["Content-Encoding"] = "gzip"
        response = io.BytesIO(content)
        response.headers = headers  # type: ignore[attr-defined]
        return response


def test_the_python_examples_run(
    page: str,
    data: Catalogue,
    feed: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host = _StaticHost(data, feed)
    monkeypatch.setattr(urllib.request, "urlopen", host.urlopen)
    code = "\n".join(re.findall(r"```python\n(.*?)```", _section(page, "Examples"), re.DOTALL))
    exec(compile(code, "api-page-examples", "exec"), {"__name__": "example"})
    printed = capsys.readouterr().out
    assert "heat-pump-installation" in printed
    assert "No change since the last fetch" in printed
    assert "Both documents match their schemas" in printed
    catalogue = data.absolute("api/v1/catalogue.json")
    assert (catalogue, 200) in host.answers and (catalogue, 304) in host.answers
    assert all(status != 404 for _, status in host.answers)


def test_the_harvesting_example_runs(
    page: str,
    data: Catalogue,
    feed: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The first visit fetches every offer; a visit after it gets a 304 and fetches nothing."""
    host = _StaticHost(data, feed)
    monkeypatch.setattr(urllib.request, "urlopen", host.urlopen)
    (code,) = re.findall(r"```python\n(.*?)```", _section(page, "Harvesting at scale"), re.DOTALL)
    namespace: dict[str, Any] = {"__name__": "example"}
    exec(compile(code, "api-page-harvesting", "exec"), namespace)
    held: dict[str, str] = {}
    mark, etag = namespace["harvest"](held)
    printed = capsys.readouterr().out.splitlines()
    offers = data.register.offers
    assert len(printed) == len(offers) == len(held)
    withdrawn = [line for line in printed if line.startswith("withdrawn ")]
    assert len(withdrawn) == sum(offer.is_withdrawn for offer in offers.values())
    assert mark == max(record["last_modified"] for record in data.offer_records.values())
    assert namespace["harvest"](held, mark, etag) == (mark, etag)
    assert capsys.readouterr().out == ""
    assert host.answers[-1] == (data.absolute(CHANGES_PATH), 304)
    # Without the ETag: the entries within the margin are held already, the rest are older.
    assert namespace["harvest"](held, mark) == (mark, etag)
    assert capsys.readouterr().out == ""
    # A record whose copy is out of date, with a time within the margin, is fetched again.
    late = json.loads(feed[CHANGES_PATH])["changes"][1]
    held[late["id"]] = "1999-01-01T00:00:00Z"
    namespace["harvest"](held, mark)
    assert capsys.readouterr().out.split()[1] == late["id"]
