"""The DCAT-AP description: a catalogue, its dataset and a distribution per published format.

The SEMIC DCAT-AP 3.0.1 shapes are read from `../shared/dcat-ap/` (or the
folder named by `REGISTER_DCAT_REFERENCE`); without them those tests skip and
say why. The document is checked alone, as the official validator would check
it after importing the EU vocabularies: every value a range shape constrains
states its class in the document.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from generator.catalogue import Catalogue
from generator.feed.dcat import DCAT_PATH, dcat_document
from generator.feed.index import machine_readable_files
from generator.register import load_register
from tests.support.registers import REPO

rdflib = pytest.importorskip("rdflib")
from rdflib.namespace import DCAT, DCTERMS, RDF, SH  # noqa: E402

SITE_URL = "https://register.trivium-alliance.eu/"
REFERENCE = Path(os.environ.get("REGISTER_DCAT_REFERENCE", REPO.parent / "shared" / "dcat-ap"))


def shape_results(graph: object, name: str) -> list[tuple[str, str, str]]:
    """(severity, path, focus node) of each result of one SEMIC shape file on the graph."""
    pyshacl = pytest.importorskip("pyshacl")
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"the DCAT-AP 3.0.1 shapes are not in {REFERENCE}: set REGISTER_DCAT_REFERENCE")
    shapes = rdflib.Graph().parse(path, format="turtle")
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes)
    return [
        (
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
            str(report.value(result, SH.resultPath)),
            str(report.value(result, SH.focusNode)),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    ]


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def graph(data: Catalogue) -> object:
    document = json.dumps(dcat_document(data))
    # The context is inline: parsing needs nothing from the network.
    return rdflib.Graph().parse(data=document, format="json-ld")


def test_catalogue_has_the_mandatory_dcat_ap_properties(graph: object, data: Catalogue) -> None:
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
    assert modified.isoformat().replace("+00:00", "Z") == data.generated
    assert str(graph.value(dataset, DCAT.theme)).endswith("/data-theme/EDUC")
    countries = {str(c).rsplit("/", 1)[1] for c in graph.objects(dataset, DCTERMS.spatial)}
    assert countries == {"AUT", "BEL", "DEU", "ESP", "FIN", "IRL", "ITA", "POL", "PRT", "EST"}


def test_every_distribution_points_at_a_file_the_build_writes(
    graph: object, data: Catalogue
) -> None:
    written = set(machine_readable_files(data, date(2026, 11, 23)))
    assert DCAT_PATH in written
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 8
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
    assert media_types == {"json", "csv", "ld+json", "atom+xml", "calendar", "xml", "gzip"}


def test_without_a_licence_none_is_claimed(data: Catalogue) -> None:
    config = data.register.config.model_copy(update={"data_license": None})
    unlicensed = Catalogue(dataclasses.replace(data.register, config=config))
    document = dcat_document(unlicensed)
    assert "license" not in document
    assert all("license" not in d for d in document["dataset"][0]["distribution"])


@pytest.mark.parametrize("name", ["shapes.ttl", "range.ttl"])
def test_no_violation_of_the_mandatory_and_range_shapes(graph: object, name: str) -> None:
    assert shape_results(graph, name) == []


def test_every_recommended_property_with_data_is_given(graph: object, data: Catalogue) -> None:
    warnings = Counter(
        path.rsplit("#", 1)[1] for _, path, _ in shape_results(graph, "shapes_recommended.ttl")
    )
    # Only what the register has no data for: the bounding box and centre of each country.
    countries = len({provider.country for provider in data.register.providers.values()})
    assert warnings == {"bbox": countries, "centroid": countries}


def test_the_shapes_catch_an_untyped_value(data: Catalogue) -> None:
    document = dcat_document(data)
    # An IRI typed nowhere in the document (the real licence is typed on the distributions).
    document["license"] = "https://example.org/licence"
    del document["dataset"][0]["temporal"]
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert [path for _, path, _ in shape_results(graph, "range.ttl")] == [str(DCTERMS.license)]
    recommended = [path for _, path, _ in shape_results(graph, "shapes_recommended.ttl")]
    assert str(DCTERMS.temporal) in recommended


def test_the_csv_distribution_links_its_csvw_description(graph: object, data: Catalogue) -> None:
    csv = rdflib.URIRef(f"{data.absolute(DCAT_PATH)}#catalogue-csv")
    metadata = rdflib.URIRef(data.absolute("api/v1/catalogue.csv-metadata.json"))
    assert metadata in set(graph.objects(csv, DCTERMS.conformsTo))
    assert metadata in set(graph.objects(csv, rdflib.URIRef("http://xmlns.com/foaf/0.1/page")))


def test_catalogue_dates_and_coverage_come_from_the_data(graph: object, data: Catalogue) -> None:
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    issued = graph.value(catalog, DCTERMS.issued).toPython()
    first_review = min(offer.last_reviewed for offer in data.register.offers.values())
    assert issued.date() == first_review
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    period = graph.value(dataset, DCTERMS.temporal)
    starts = [e.start for offer in data.register.offers.values() for e in offer.editions]
    assert graph.value(period, DCAT.startDate).toPython() == min(starts)
