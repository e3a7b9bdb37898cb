"""The DCAT-AP description: a catalogue, its dataset and a distribution per published format."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from conftest import REPO

from generator.dcat import DCAT_PATH, dcat_document
from generator.feed import generated_at
from generator.machine_readable import machine_readable_files
from generator.pages import SiteData
from generator.register import load_register

rdflib = pytest.importorskip("rdflib")
from rdflib.namespace import DCAT, DCTERMS, RDF  # noqa: E402

SITE_URL = "https://register.trivium-alliance.eu/"


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData(load_register(REPO).register)


@pytest.fixture(scope="module")
def graph(data: SiteData) -> object:
    document = json.dumps(dcat_document(data))
    # The context is inline: parsing needs nothing from the network.
    return rdflib.Graph().parse(data=document, format="json-ld")


def test_catalogue_has_the_mandatory_dcat_ap_properties(graph: object, data: SiteData) -> None:
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    assert str(graph.value(catalog, DCTERMS.title)) == data.register.config.name.default
    assert graph.value(catalog, DCTERMS.description) is not None
    assert graph.value(catalog, DCTERMS.publisher) is not None
    datasets = list(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, DCTERMS.title) is not None
    assert graph.value(dataset, DCTERMS.description) is not None
    assert str(graph.value(dataset, DCTERMS.license)) == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    assert modified.isoformat().replace("+00:00", "Z") == generated_at(data)
    assert str(graph.value(dataset, DCAT.theme)).endswith("/data-theme/EDUC")
    countries = {str(c).rsplit("/", 1)[1] for c in graph.objects(dataset, DCTERMS.spatial)}
    assert countries == {"AUT", "BEL", "DEU", "ESP", "FIN", "IRL", "ITA", "POL", "PRT", "EST"}


def test_every_distribution_points_at_a_file_the_build_writes(
    graph: object, data: SiteData
) -> None:
    written = set(machine_readable_files(data, date(2026, 11, 23)))
    assert DCAT_PATH in written
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 6
    media_types = set()
    for distribution in distributions:
        access = str(graph.value(distribution, DCAT.accessURL))
        assert access.startswith(SITE_URL)
        assert access.removeprefix(SITE_URL) in written, access
        download = graph.value(distribution, DCAT.downloadURL)
        if download is not None:
            assert str(download).removeprefix(SITE_URL) in written
        media_types.add(str(graph.value(distribution, DCAT.mediaType)).rsplit("/", 2)[-2:][1])
        assert graph.value(distribution, DCTERMS.license) is not None
    assert media_types == {"json", "csv", "ld+json", "atom+xml", "calendar"}


def test_without_a_licence_none_is_claimed(data: SiteData) -> None:
    config = data.register.config.model_copy(update={"data_license": None})
    unlicensed = SiteData(dataclasses.replace(data.register, config=config))
    document = dcat_document(unlicensed)
    assert "license" not in document
    assert all("license" not in d for d in document["dataset"][0]["distribution"])
