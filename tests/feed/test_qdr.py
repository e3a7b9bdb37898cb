"""The Europass QDR datasets: LOQ XML per provider and for the register, valid against `loq.xsd`.

The schema is read from `../shared/elm/xsd/loq/` (or under
`REGISTER_ELM_REFERENCE`); lxml validates offline. Validity alone proves
little (an empty `<Courses/>` is valid), so the tests also look at what each
dataset holds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.catalogue import Catalogue
from generator.feed.elm import course_identifier
from generator.feed.qdr import qdr_files
from generator.feed.written import collected
from generator.register import load_register
from generator.urls import QDR_REGISTER_PATH, elm_path, offer_url, provider_url
from tests.support.registers import REPO

etree = pytest.importorskip("lxml.etree")

REFERENCE = Path(os.environ.get("REGISTER_ELM_REFERENCE", REPO.parent / "shared" / "elm"))
LOQ_XSD = REFERENCE / "xsd" / "loq" / "loq.xsd"
if not LOQ_XSD.is_file():
    pytest.skip(
        f"the QDR's XML Schema is not in {LOQ_XSD.parent}: put the ELM repository's xsd/loq/ "
        "folder there, or set REGISTER_ELM_REFERENCE",
        allow_module_level=True,
    )

NS = {
    "loq": "http://data.europa.eu/snb/model/ap/loq-constraints/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


@pytest.fixture(scope="module")
def schema() -> object:
    return etree.XMLSchema(etree.parse(str(LOQ_XSD)))


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def files(data: Catalogue) -> dict[str, bytes]:
    return collected(qdr_files(data))


def opportunities(document: object) -> list[str]:
    return document.xpath(
        "loq:learningOpportunityReferences/loq:learningOpportunity/@id", namespaces=NS
    )


def test_one_dataset_per_provider_and_one_for_the_register(data: Catalogue, files: dict) -> None:
    assert set(files) == {QDR_REGISTER_PATH} | {
        f"api/v1/qdr/{provider_id}.xml" for provider_id in data.register.providers
    }


@pytest.mark.parametrize(
    "path", sorted(collected(qdr_files(Catalogue(load_register(REPO).register))))
)
def test_every_dataset_is_valid_against_the_loq_schema(
    path: str, files: dict, schema: object
) -> None:
    document = etree.fromstring(files[path])
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    assert document.get("xsdVersion") == "3.1.0"


def test_each_provider_dataset_holds_exactly_its_offers(data: Catalogue, files: dict) -> None:
    for provider_id in data.register.providers:
        document = etree.fromstring(files[f"api/v1/qdr/{provider_id}.xml"])
        expected = {
            data.absolute(offer_url(offer.id))
            for offer in data.register.offers.values()
            if offer.provider == provider_id
        }
        assert set(opportunities(document)) == expected
        # The QDR accepts only data its owner publishes: every record names the provider.
        publishers = set(document.xpath("//loq:publisher/@idref", namespaces=NS))
        assert publishers == {data.absolute(provider_url(provider_id))}
    register = etree.fromstring(files[QDR_REGISTER_PATH])
    assert len(opportunities(register)) == len(data.register.offers) == 36


def test_an_offer_carries_its_annex_i_elements(data: Catalogue, files: dict) -> None:
    document = etree.fromstring(files["api/v1/qdr/jarvimaa-uas.xml"])
    base = data.absolute(elm_path("circular-economy-specialist"))
    [qualification] = document.xpath(
        f"//loq:qualification[@id='{base}#specification']", namespaces=NS
    )

    def values(path: str) -> list[str]:
        return qualification.xpath(path, namespaces=NS)

    assert values("loq:EQFLevel/@uri") == ["http://data.europa.eu/snb/eqf/6"]
    assert values("loq:NQFLevel/@uri") == ["http://data.europa.eu/snb/qdr/c_8a7da315"]
    assert values("loq:ISCEDFCode/@uri") == ["http://data.europa.eu/snb/isced-f/0788"]
    assert values("loq:creditPoint/loq:point/text()") == ["20"]
    assert values("loq:volumeOfLearning/text()") == ["PT540H"]
    provider = data.register.providers["jarvimaa-uas"]
    assert values("loq:identifier/skos:notation/text()") == [
        course_identifier(provider, "circular-economy-specialist")
    ]
    outcomes = values("loq:learningOutcome/@idref")
    assert len(outcomes) == len(
        data.register.offers["circular-economy-specialist"].learning_outcomes
    )
    for outcome in outcomes:
        assert document.xpath(f"//loq:learningOutcome[@id='{outcome}']/loq:title", namespaces=NS)
    topics = {
        uri.rsplit("#", 1)[1] for uri in values("loq:additionalNote/*[local-name()='subject']/@uri")
    }
    assert {"learner-identification", "issuance", "quality-assurance", "integration"} <= topics
    [assessment] = values("loq:provenBy/@idref")
    assert document.xpath(
        f"//loq:learningAssessmentSpecification[@id='{assessment}']/loq:gradingScheme",
        namespaces=NS,
    )


def test_a_withdrawn_offer_stays_with_its_status_and_reason(data: Catalogue, files: dict) -> None:
    document = etree.fromstring(files["api/v1/qdr/levante-logistica.xml"])
    page = data.absolute(offer_url("forklift-safe-operation"))
    [opportunity] = document.xpath(f"//loq:learningOpportunity[@id='{page}']", namespaces=NS)
    assert opportunity.xpath("loq:status/text()", namespaces=NS) == ["withdrawn"]
    notes = opportunity.xpath(
        "loq:additionalNote[*[local-name()='subject'][contains(@uri, '#withdrawal')]]"
        "/loq:noteLiteral/text()",
        namespaces=NS,
    )
    withdrawal = data.register.offers["forklift-safe-operation"].withdrawal
    assert notes and notes[0].startswith(withdrawal.date.isoformat())


def test_a_broken_dataset_is_refused(files: dict, schema: object) -> None:
    document = etree.fromstring(files["api/v1/qdr/labturis-sul.xml"])
    for name in document.xpath("//loq:organisation/loq:legalName", namespaces=NS):
        name.getparent().remove(name)
    assert not schema.validate(document)
    assert "legalName" in str(schema.error_log)


def test_the_datasets_are_byte_identical_for_the_same_data(data: Catalogue, files: dict) -> None:
    assert collected(qdr_files(data)) == files


def test_the_datasets_hold_no_indentation(files: dict) -> None:
    # The datasets are for machines: no whitespace-only text, only what the data states.
    for path, content in files.items():
        assert content.endswith(b"</Courses>\n"), path
        for element in etree.fromstring(content).iter():
            for space in (element.text, element.tail):
                assert space is None or space.strip(), (path, element.tag)
