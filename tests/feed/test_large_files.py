"""Register-wide files at scale: a gzip copy always, the plain file only up to the size limit.

The sample register's files are far below 100 MB, so the rule is exercised with a lower
limit given to `machine_readable_files`: the same code path a register of 100,000 offers
takes. What is left out must be announced (index.json, DCAT-AP, the QualityLink manifest)
and nothing that points at a file may point at one that is not there.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from typing import Any

import jsonschema
import pytest

from generator.catalogue import Catalogue
from generator.feed import large_files
from generator.feed.bulk import deterministic_gzip
from generator.feed.index import machine_readable_files
from generator.feed.large_files import LARGE_FILES, PLAIN_LIMIT, Omission
from generator.feed.schemas import feed_schemas
from generator.feed.written import MemorySink
from generator.register import load_register
from generator.urls import (
    CATALOGUE_PATH,
    DCAT_PATH,
    INDEX_PATH,
    QDR_REGISTER_PATH,
    REGISTER_ELM_PATH,
    REGISTER_MANIFEST_PATH,
    provider_elm_path,
)
from tests.feed import test_dcat
from tests.support.registers import REPO

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def published(data: Catalogue) -> dict[str, bytes]:
    return machine_readable_files(data, TODAY)


@pytest.fixture(scope="module")
def limit(published: dict[str, bytes]) -> int:
    """A limit the sample's ELM file and QDR dataset exceed and its catalogue does not."""
    sizes = {path: len(published[path]) for path in (CATALOGUE_PATH, REGISTER_ELM_PATH)}
    assert sizes[CATALOGUE_PATH] < len(published[QDR_REGISTER_PATH]) < sizes[REGISTER_ELM_PATH]
    return sizes[CATALOGUE_PATH]


@pytest.fixture(scope="module")
def large(data: Catalogue, limit: int) -> dict[str, bytes]:
    return machine_readable_files(data, TODAY, plain_limit=limit)


def index_of(files: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(files[INDEX_PATH])


def urls_in(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(urls_in(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(urls_in(item) for item in node))
    return {node} if isinstance(node, str) and node.startswith("http") else set()


def test_each_large_file_has_a_gzip_copy_of_its_bytes(published: dict[str, bytes]) -> None:
    for file in LARGE_FILES:
        assert gzip.decompress(published[file.compressed_path]) == published[file.path]
        endpoints = index_of(published)["endpoints"]
        assert endpoints[file.compressed_endpoint].endswith(file.compressed_path)
        assert endpoints[file.endpoint].endswith(file.path)


def test_below_the_limit_everything_is_published_plain_and_nothing_omitted(
    published: dict[str, bytes],
) -> None:
    assert max(len(published[file.path]) for file in LARGE_FILES) < PLAIN_LIMIT
    assert "omitted" not in index_of(published)


def test_a_large_file_in_pieces_is_written_plain_and_compressed_in_one_pass() -> None:
    catalogue = next(file for file in LARGE_FILES if file.endpoint == "catalogue")
    whole = b'{"offers":[' + b",".join(b'{"id":"o-%d"}' % n for n in range(5000)) + b"]}\n"
    cut = [whole[start : start + 777] for start in range(0, len(whole), 777)]
    sink = MemorySink()
    paths, omitted = large_files.write(
        [("a.json", b"small"), (catalogue.path, iter(cut))], sink, limit=len(whole)
    )
    assert paths == ["a.json", catalogue.path, catalogue.compressed_path]
    assert omitted == {}
    assert sink.files == {
        "a.json": b"small",
        catalogue.path: whole,
        catalogue.compressed_path: deterministic_gzip(whole),
    }


def test_a_large_file_over_the_limit_keeps_only_its_compressed_copy() -> None:
    elm = next(file for file in LARGE_FILES if file.endpoint == "elm")
    whole = b"x" * 1001
    sink = MemorySink()
    paths, omitted = large_files.write([(elm.path, [whole[:500], whole[500:]])], sink, limit=1000)
    assert paths == [elm.compressed_path]
    assert omitted == {"elm": Omission(elm, 1001, 1000)}
    assert sink.files == {elm.compressed_path: deterministic_gzip(whole)}


def test_over_the_limit_only_the_plain_files_over_it_go(
    published: dict[str, bytes], large: dict[str, bytes], limit: int
) -> None:
    gone = {REGISTER_ELM_PATH, QDR_REGISTER_PATH}
    assert set(published) - set(large) == gone
    assert CATALOGUE_PATH in large
    for file in LARGE_FILES:
        assert gzip.decompress(large[file.compressed_path]) == published[file.path]
    # Every record stays plain in the smaller files.
    unchanged = set(large) - {INDEX_PATH, DCAT_PATH, REGISTER_MANIFEST_PATH}
    assert {path: large[path] for path in unchanged} == {
        path: published[path] for path in unchanged
    }


def test_index_announces_what_is_omitted_and_where_it_is(
    data: Catalogue, published: dict[str, bytes], large: dict[str, bytes], limit: int
) -> None:
    index = index_of(large)
    assert set(index["omitted"]) == {"elm", "qdr"}
    for name, omitted in index["omitted"].items():
        assert name not in index["endpoints"]
        assert omitted["url"] == index_of(published)["endpoints"][name]
        path = omitted["url"].removeprefix(data.absolute(""))
        assert omitted["size"] == len(published[path]) > omitted["limit"] == limit
        assert omitted["instead"] == f"{name}_gzip"
        assert omitted["instead"] in index["endpoints"]
    schema = feed_schemas(data.register.config.site_url)["index.schema.json"]
    jsonschema.validate(index, schema, cls=jsonschema.Draft202012Validator)


def test_the_index_schema_refuses_an_omission_without_its_replacement(
    data: Catalogue, large: dict[str, bytes]
) -> None:
    index = index_of(large)
    del index["omitted"]["elm"]["instead"]
    schema = feed_schemas(data.register.config.site_url)["index.schema.json"]
    with pytest.raises(jsonschema.ValidationError, match="instead"):
        jsonschema.validate(index, schema, cls=jsonschema.Draft202012Validator)


def test_nothing_points_at_a_file_that_is_not_published(
    data: Catalogue, large: dict[str, bytes]
) -> None:
    site = data.absolute("")
    published = {site + path for path in large}
    for path in (INDEX_PATH, DCAT_PATH, REGISTER_MANIFEST_PATH):
        document = json.loads(large[path])
        document.pop("omitted", None)
        pointed = {url for url in urls_in(document) if url.startswith(site + "api/v1/")}
        pointed = {url for url in pointed if "{" not in url and "#" not in url}
        assert pointed - published - {site + "api/v1/"} == set(), path


def test_the_register_manifest_points_at_every_providers_elm_file_instead(
    data: Catalogue, large: dict[str, bytes]
) -> None:
    manifest = json.loads(large[REGISTER_MANIFEST_PATH])
    sources = [source["path"] for source in manifest["sources"]]
    assert sources == [
        data.absolute(provider_elm_path(provider_id))
        for provider_id in sorted(data.register.providers)
    ]
    assert len({source["id"] for source in manifest["sources"]}) == len(sources)
    schema = feed_schemas(data.register.config.site_url)["quality-link-manifest.schema.json"]
    jsonschema.validate(manifest, schema, cls=jsonschema.Draft202012Validator)


def test_dcat_offers_the_compressed_dataset_and_stays_valid(
    data: Catalogue, large: dict[str, bytes]
) -> None:
    rdflib = pytest.importorskip("rdflib")
    document = json.loads(large[DCAT_PATH])
    by_key = {d["id"].rsplit("#", 1)[1]: d for d in document["dataset"][0]["distribution"]}
    qdr = by_key["qdr"]
    assert qdr["downloadURL"] == data.absolute(f"{QDR_REGISTER_PATH}.gz")
    assert (
        qdr["compressFormat"]["id"]
        == "http://www.iana.org/assignments/media-types/application/gzip"
    )
    assert "compressFormat" not in by_key["catalogue-json"]
    graph = rdflib.Graph().parse(data=large[DCAT_PATH], format="json-ld")
    assert test_dcat.shape_results(graph, "shapes.ttl") == []
    assert test_dcat.shape_results(graph, "range.ttl") == []
