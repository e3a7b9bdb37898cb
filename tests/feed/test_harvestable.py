"""End to end: a synthetic register passes every aggregator's validator, as the sample does.

`register synth` writes a register modelled on the sample; its outputs are run
through the same official files as the sample's (LOQ shapes, `loq.xsd`, the
QualityLink manifest schema, the DCAT-AP 3.0.1 shapes, a CSVW processor and
schema.org's domains), at a size the suite can afford. Each reference file is
read where the module testing that output reads it, and the test skips with
that module's reason when one is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.catalogue import Catalogue
from generator.contrib.synth import write_synthetic_register
from generator.feed.elm import elm_files
from generator.feed.index import machine_readable_files
from generator.feed.qdr import qdr_files
from generator.feed.written import collected
from generator.register import load_register
from generator.site.structured_data import course
from generator.urls import QDR_REGISTER_PATH, QUALITY_LINK_MANIFEST, offer_url

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
OFFERS, PROVIDERS = 80, 9


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    root = tmp_path_factory.mktemp("synthetic") / "register"
    write_synthetic_register(root, offers=OFFERS, providers=PROVIDERS, seed=15)
    result = load_register(root)
    assert result.is_valid
    # Every national level of the synthetic offers maps to the QDR's list.
    assert not [p for p in result.problems.items if p.code == "national-level-unmapped"]
    return Catalogue(result.register)


@pytest.fixture(scope="module")
def files(data: Catalogue) -> dict[str, bytes]:
    from datetime import date

    return machine_readable_files(data, date(2026, 11, 23))


def test_the_synthetic_register_exercises_the_new_outputs(data: Catalogue, files: dict) -> None:
    register = data.register
    schac = [p for p in register.providers.values() if p.identifiers.schac]
    assert schac, "some synthetic providers need a SCHAC code (course ids, manifest meta)"
    assert any(o.is_withdrawn for o in register.offers.values()) or OFFERS < 50
    assert any(o.level.national for o in register.offers.values())
    assert sum(path.endswith(QUALITY_LINK_MANIFEST) for path in files) == PROVIDERS + 1


def test_elm_conforms_to_both_loq_shape_files(data: Catalogue) -> None:
    test_elm = pytest.importorskip("tests.feed.test_elm")
    import rdflib

    text = (test_elm.REFERENCE / "LOQ-constraints.ttl").read_text(encoding="utf-8")
    for java, python in test_elm.JAVA_TO_PYTHON_REGEX:
        text = text.replace(java, python)
    shape_files = [
        rdflib.Graph().parse(data=text, format="turtle"),
        rdflib.Graph().parse(test_elm.REFERENCE / "LOQ-constraints-mdr.ttl", format="turtle"),
    ]
    context = json.loads((test_elm.REFERENCE / "edc-ap-context.jsonld").read_text())

    def loader(url: str, options: object = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": url, "document": context}

    documents = {p: json.loads(c) for p, c in collected(elm_files(data)).items() if "/elm/" in p}
    assert len(documents) == OFFERS
    for path, document in documents.items():
        graph = test_elm.graph_of(document, loader)
        for shapes in shape_files:
            conforms, _, report = test_elm.pyshacl.validate(graph, shacl_graph=shapes)
            assert conforms, f"{path}\n{report}"


def test_qdr_datasets_are_valid_against_loq_xsd(data: Catalogue) -> None:
    test_qdr = pytest.importorskip("tests.feed.test_qdr")
    schema = test_qdr.etree.XMLSchema(test_qdr.etree.parse(str(test_qdr.LOQ_XSD)))
    datasets = collected(qdr_files(data))
    assert len(datasets) == PROVIDERS + 1
    held = 0
    for path, content in datasets.items():
        document = test_qdr.etree.fromstring(content)
        assert schema.validate(document), f"{path}: {schema.error_log}"
        if path != QDR_REGISTER_PATH:
            held += len(test_qdr.opportunities(document))
    assert held == OFFERS


def test_quality_link_manifests_are_valid(data: Catalogue, files: dict) -> None:
    test_qualitylink = pytest.importorskip("tests.feed.test_qualitylink")
    schema = test_qualitylink.official_schema.__wrapped__()
    validator = jsonschema.Draft202012Validator(schema)
    for path, content in files.items():
        if path.endswith(QUALITY_LINK_MANIFEST):
            assert list(validator.iter_errors(json.loads(content))) == [], path


def test_dcat_has_no_violation_and_only_the_warnings_without_data(data: Catalogue) -> None:
    test_dcat = pytest.importorskip("tests.feed.test_dcat")
    import rdflib

    from generator.feed.dcat import dcat_document

    graph = rdflib.Graph().parse(data=json.dumps(dcat_document(data)), format="json-ld")
    assert test_dcat.shape_results(graph, "shapes.ttl") == []
    assert test_dcat.shape_results(graph, "range.ttl") == []
    warnings = Counter(
        path.rsplit("#", 1)[1]
        for _, path, _ in test_dcat.shape_results(graph, "shapes_recommended.ttl")
    )
    countries = len({p.country for p in data.register.providers.values()})
    assert warnings == {"bbox": countries, "centroid": countries}


def test_the_csv_reads_back_with_its_csvw_types(data: Catalogue, tmp_path: Path) -> None:
    test_csvw = pytest.importorskip("tests.feed.test_csvw")
    table = test_csvw.csvw.Table.from_file(test_csvw.written(tmp_path, data))
    rows = list(table.iterdicts(strict=True))
    assert len(rows) == OFFERS
    assert all(isinstance(row["field"], str) and len(row["field"]) == 4 for row in rows)


def test_schema_org_markup_is_within_its_domains(data: Catalogue) -> None:
    from tests.site.test_structured_data import domain_errors

    register = data.register
    for offer in register.offers.values():
        markup = course(
            offer, register.providers[offer.provider], data.absolute(offer_url(offer.id)), "en"
        )
        assert domain_errors(markup) == [], offer.id
