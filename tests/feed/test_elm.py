"""The ELM export: every offer as a learning opportunity that conforms to both LOQ shape files.

The Commission's reference files are read from `../shared/elm/` (or the folder
named by `REGISTER_ELM_REFERENCE`); without them these tests skip and say why.
Both shape files run: `LOQ-constraints.ttl` (structure) and
`LOQ-constraints-mdr.ttl` (controlled vocabularies, e.g. the NQF level must be
a concept of the QDR's NQF scheme). Conformance alone proves little (a document whose keys the context does not
map yields untyped nodes no shape targets), so the tests also check that every
key maps to an IRI and that the graph holds the expected typed nodes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.elm import (
    CONTEXT,
    EDC_CONTEXT,
    LOCAL_CONTEXT,
    ElmTexts,
    elm_document,
    elm_files,
    has_elm_document,
    national_level,
)
from generator.feed.written import collected
from generator.register import load_register
from generator.urls import ANNEX_I_SCHEME_PATH, elm_path, offer_url, provider_url
from generator.vocabularies import nqf
from tests.support.registers import REPO

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pyld = pytest.importorskip("pyld")
pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")

from pyld import jsonld  # noqa: E402
from rdflib.namespace import RDF, SKOS  # noqa: E402

REFERENCE = Path(os.environ.get("REGISTER_ELM_REFERENCE", REPO.parent / "shared" / "elm"))
if not (REFERENCE / "LOQ-constraints.ttl").is_file():
    pytest.skip(
        f"ELM reference files not found in {REFERENCE}: put the Commission's LOQ-constraints.ttl "
        "and edc-ap-context.jsonld there, or set REGISTER_ELM_REFERENCE",
        allow_module_level=True,
    )

ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
ROV = rdflib.Namespace("http://www.w3.org/ns/regorg#")

# The shapes' URL patterns are written for Java's regex engine; these are the
# same character classes in Python's syntax (only the IPv6-literal branch differs).
JAVA_TO_PYTHON_REGEX = (
    (r"^(?i)", r"(?i)^"),
    (r"[%[\\p{L}\\p{Nl}\\p{Nd}]]*", r"[%\\w]*"),
    (r"[[A-Fa-f0-9]\\:\\.]*", r"[A-Fa-f0-9:.]*"),
)


@pytest.fixture(scope="module")
def shapes() -> Any:
    text = (REFERENCE / "LOQ-constraints.ttl").read_text(encoding="utf-8")
    for java, python in JAVA_TO_PYTHON_REGEX:
        assert java in text, f"the shapes changed: {java} no longer appears"
        text = text.replace(java, python)
    return rdflib.Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def vocabulary_shapes() -> Any:
    return rdflib.Graph().parse(REFERENCE / "LOQ-constraints-mdr.ttl", format="turtle")


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    return json.loads((REFERENCE / "edc-ap-context.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loader(context: dict[str, Any]) -> Any:
    def load(url: str, options: object = None) -> dict[str, Any]:
        if url.rstrip("/") == EDC_CONTEXT:
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise AssertionError(f"the ELM document asked the network for {url}")

    return load


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def documents(data: Catalogue) -> dict[str, dict[str, Any]]:
    return {path: json.loads(content) for path, content in collected(elm_files(data)).items()}


def graph_of(document: dict[str, Any], loader: Any) -> Any:
    quads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": loader})
    return rdflib.Graph().parse(data=quads, format="nquads")


def unmapped_keys(node: Any, terms: set[str], prefixes: set[str]) -> set[str]:
    """Keys that JSON-LD would drop silently: neither a keyword, a term nor a compact IRI."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= unmapped_keys(item, terms, prefixes)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            mapped = key.startswith("@") or key in terms or key.split(":", 1)[0] in prefixes
            # Values of language maps are keyed by language, not by term.
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                found |= set() if mapped else {key}
                continue
            if not mapped:
                found.add(key)
            found |= unmapped_keys(value, terms, prefixes)
    return found


def test_every_offer_with_outcomes_has_a_document(data: Catalogue, documents: dict) -> None:
    assert ANNEX_I_SCHEME_PATH in documents
    for offer_id in data.register.offers:
        assert elm_path(offer_id) in documents
    assert len(documents) == len(data.register.offers) + 1 == 37


def test_every_key_maps_to_an_iri(documents: dict, context: dict[str, Any]) -> None:
    edc = context["@context"]
    terms = set(edc) | set(LOCAL_CONTEXT)
    prefixes = {key for key, value in edc.items() if isinstance(value, str) and "://" in value}
    for path, document in documents.items():
        assert document["@context"] == CONTEXT
        assert unmapped_keys(document, terms, prefixes) == set(), path


def test_the_key_check_finds_a_key_the_context_does_not_map(context: dict[str, Any]) -> None:
    edc = context["@context"]
    document = {"id": "x", "type": "LearningOpportunity", "titel": {"en": "typo"}}
    assert unmapped_keys(document, set(edc) | set(LOCAL_CONTEXT), set()) == {"titel"}


@pytest.mark.parametrize("offer_id", sorted(load_register(REPO).register.offers))
def test_document_conforms_to_both_loq_shape_files_and_is_not_vacuous(
    offer_id: str,
    data: Catalogue,
    documents: dict,
    shapes: Any,
    vocabulary_shapes: Any,
    loader: Any,
) -> None:
    offer = data.register.offers[offer_id]
    graph = graph_of(documents[elm_path(offer_id)], loader)
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, report
    conforms, _, report = pyshacl.validate(graph, shacl_graph=vocabulary_shapes)
    assert conforms, report

    opportunity = rdflib.URIRef(data.absolute(offer_url(offer_id)))
    assert set(graph.subjects(RDF.type, ELM.LearningOpportunity)) == {opportunity}
    specification = graph.value(opportunity, ELM.learningAchievementSpecification)
    spec_class = ELM.LearningAchievementSpecification
    national = national_level(data, offer)
    if offer.level.eqf != "not-applicable":
        eqf = rdflib.URIRef(vocab.EQF_LEVELS.get(str(offer.level.eqf)).uri)
        if national is not None:
            spec_class = ELM.Qualification
            assert graph.value(specification, ELM.EQFLevel) == eqf
            assert graph.value(specification, ELM.NQFLevel) == rdflib.URIRef(national.uri)
            assert (rdflib.URIRef(national.uri), SKOS.inScheme, rdflib.URIRef(nqf.SCHEME)) in graph
        else:
            assert graph.value(specification, ELM.educationLevel) == eqf
    assert (specification, RDF.type, spec_class) in graph
    assert len(set(graph.objects(specification, ELM.learningOutcome))) == len(
        offer.learning_outcomes
    )
    provider = rdflib.URIRef(data.absolute(provider_url(offer.provider)))
    assert graph.value(opportunity, ELM.providedBy) == provider
    assert (provider, RDF.type, ELM.Organisation) in graph
    awarding = graph.value(specification, ELM.awardingOpportunity)
    bodies = set(graph.objects(awarding, ELM.awardingBody))
    assert bodies == {
        rdflib.URIRef(data.absolute(provider_url(pid))) for pid in offer.awarding_body_ids
    }
    for body in bodies:
        assert (body, RDF.type, ELM.Organisation) in graph
        assert graph.value(body, ROV.legalName) is not None


def test_a_broken_document_does_not_conform(data: Catalogue, shapes: Any, loader: Any) -> None:
    document = elm_document(data, data.register.offers["circular-economy-specialist"])
    document["learningAchievementSpecification"]["elm:madeUp"] = "not in the profile"
    for organisation in [
        document["providedBy"][0],
        *document["learningAchievementSpecification"]["awardingOpportunity"][0]["awardingBody"],
    ]:
        organisation.pop("legalName", None)
    conforms, _, report = pyshacl.validate(graph_of(document, loader), shacl_graph=shapes)
    assert not conforms
    assert "is closed" in report and "legalName" in report


def descriptions(node: Any, node_id: str) -> int:
    """How often `node` describes `node_id` (a node with more than its `id`)."""
    if isinstance(node, list):
        return sum(descriptions(item, node_id) for item in node)
    if not isinstance(node, dict):
        return 0
    here = int(node.get("id") == node_id and len(node) > 1)
    return here + sum(descriptions(value, node_id) for value in node.values())


def test_the_provider_is_described_once_where_it_also_awards(
    data: Catalogue, documents: dict
) -> None:
    awarding = [o for o in data.register.offers.values() if o.provider in o.awarding_body_ids]
    assert len(awarding) > 10
    for offer in awarding:
        document = documents[elm_path(offer.id)]
        provider = data.absolute(provider_url(offer.provider))
        assert descriptions(document, provider) == 1, offer.id
        spec = document["learningAchievementSpecification"]
        assert {"id": provider} in spec["awardingOpportunity"][0]["awardingBody"]


def test_annex_i_elements_use_elm_properties_and_official_uris(documents: dict) -> None:
    document = documents[elm_path("circular-economy-specialist")]
    spec = document["learningAchievementSpecification"]
    assert spec["type"] == "Qualification"
    assert spec["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/6"
    assert spec["nqfLevel"] == [
        {
            "id": "http://data.europa.eu/snb/qdr/c_8a7da315",
            "type": "Concept",
            "inScheme": {"id": nqf.SCHEME, "type": "ConceptScheme"},
            "prefLabel": {"en": "FiNQF Level 6"},
        }
    ]
    assert spec["thematicArea"][0]["id"] == "http://data.europa.eu/snb/isced-f/0788"
    assert spec["creditPoint"][0]["point"] == "20"
    assert spec["creditPoint"][0]["framework"]["id"].endswith("/education-credit/6fcec5c5af")
    assert spec["volumeOfLearning"] == "PT540H"
    assert [lang["id"] for lang in spec["language"]] == [
        "http://publications.europa.eu/resource/authority/language/ENG",
        "http://publications.europa.eu/resource/authority/language/FIN",
    ]
    assert spec["learningSetting"]["id"].endswith("/learning-setting/6fd4685715")
    assert spec["mode"][0]["id"].endswith("/learning-assessment/e92d221e4d")
    assert spec["entryRequirement"]["noteLiteral"]["en"].startswith("A bachelor's degree")
    outcome = spec["learningOutcome"][1]
    assert outcome["title"]["fi"].startswith("Yhdistää")
    assert outcome["relatedESCOSkill"][0]["id"].startswith("http://data.europa.eu/esco/skill/")
    topics = {note["subject"]["id"].rsplit("#", 1)[1] for note in spec["additionalNote"]}
    assert {"learner-identification", "issuance", "quality-assurance", "integration"} <= topics
    assessment = spec["provenBy"][0]
    assert assessment["gradingScheme"]["description"]["en"].startswith("Graded on the Finnish")
    assert document["applicationDeadline"] == ["2026-12-07T23:59:59"]
    assert document["priceDetail"][0]["amount"]["amountValue"] == "300.00"
    assert document["defaultLanguage"]["id"].endswith("/language/ENG")


def test_a_local_or_eqf_concept_as_nqf_level_breaks_the_vocabulary_shapes(
    data: Catalogue, vocabulary_shapes: Any, loader: Any
) -> None:
    document = elm_document(data, data.register.offers["circular-economy-specialist"])
    spec = document["learningAchievementSpecification"]
    for wrong in (
        spec["eqfLevel"],
        {"id": "https://example.org/#national-level", "type": "Concept"},
    ):
        spec["nqfLevel"] = [wrong]
        conforms, _, report = pyshacl.validate(
            graph_of(document, loader), shacl_graph=vocabulary_shapes
        )
        assert not conforms
        assert "NQF" in report


def test_a_national_level_the_qdr_does_not_list_leaves_nqf_out(
    data: Catalogue, shapes: Any, vocabulary_shapes: Any, loader: Any
) -> None:
    offer = data.register.offers["circular-economy-specialist"]
    level = offer.level.model_copy(
        update={"national": offer.level.national.model_copy(update={"level": "11"})}
    )
    unlisted = offer.model_copy(update={"level": level})
    document = elm_document(data, unlisted)
    spec = document["learningAchievementSpecification"]
    assert spec["type"] == "LearningAchievementSpecification"
    assert "nqfLevel" not in spec and "eqfLevel" not in spec
    assert [level["id"] for level in spec["educationLevel"]] == ["http://data.europa.eu/snb/eqf/6"]
    notes = {note["subject"]["id"].rsplit("#", 1)[1]: note for note in spec["additionalNote"]}
    assert notes["national-level"]["noteLiteral"] == {
        "en": "Finnish National Qualifications Framework, level 11."
    }
    graph = graph_of(document, loader)
    for shape_graph in (shapes, vocabulary_shapes):
        conforms, _, report = pyshacl.validate(graph, shacl_graph=shape_graph)
        assert conforms, report


def test_offer_without_eqf_level_is_a_plain_specification(data: Catalogue, documents: dict) -> None:
    levelled = [o for o in data.register.offers.values() if o.level.eqf == "not-applicable"]
    assert levelled, "the sample should have an offer that is not levelled"
    for offer in levelled:
        spec = documents[elm_path(offer.id)]["learningAchievementSpecification"]
        assert spec["type"] == "LearningAchievementSpecification"
        assert "eqfLevel" not in spec and "nqfLevel" not in spec


def test_withdrawn_offer_keeps_its_document_with_status_and_reason(documents: dict) -> None:
    document = documents[elm_path("forklift-safe-operation")]
    assert document["status"] == "withdrawn"
    topics = [note["subject"]["id"].rsplit("#", 1)[1] for note in document["additionalNote"]]
    assert "withdrawal" in topics


def test_annex_i_scheme_names_every_topic_the_notes_use(documents: dict, loader: Any) -> None:
    scheme = documents[ANNEX_I_SCHEME_PATH]
    defined = {concept["id"] for concept in scheme["skos:hasTopConcept"]}
    used = set()
    for path, document in documents.items():
        if path == ANNEX_I_SCHEME_PATH:
            continue
        text = json.dumps(document)
        used |= {part.split('"', 1)[0] for part in text.split(f"{scheme['id']}#")[1:]}
    assert {f"{scheme['id']}#{topic}" for topic in used} <= defined
    assert len(graph_of(scheme, loader)) > 3 * len(defined)


def test_files_put_together_from_texts_are_the_documents_written_whole(data: Catalogue) -> None:
    """An offer's file and the bundles hold each document as `dump_json` writes it."""
    offers = sorted(data.register.offers.values(), key=lambda o: o.id)
    texts = ElmTexts(data)
    with_documents = [offer for offer in offers if has_elm_document(offer)]
    assert len(with_documents) > 20
    for offer in with_documents:
        assert texts.document(offer) == dump_json(elm_document(data, offer))
    nodes = []
    for offer in with_documents:
        node = elm_document(data, offer)
        del node["@context"]
        nodes.append(node)
    graph = list(texts.graph(reversed(offers)))
    assert len(graph) == len(with_documents) + 2  # an offer a piece
    assert b"".join(graph) == dump_json({"@context": CONTEXT, "@graph": nodes})
    assert json.loads(b"".join(texts.graph([])))["@graph"] == []
