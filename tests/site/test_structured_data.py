"""schema.org markup: every property on a type within its domain, and the Course-info properties.

The schema.org vocabulary release is not available offline here, so the
domains and the type hierarchy below are transcribed from schema.org's
definitions (https://schema.org/<Term>, "Used on these types" and "More
specific Types"), for exactly the terms the register uses; a term the
register starts using without an entry here fails the test until its
definition is added.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.catalogue import Catalogue
from generator.register import load_register
from generator.site.structured_data import course, item_list
from generator.urls import offer_url
from tests.support.registers import REPO

PARENT: dict[str, str] = {
    "Thing": "",
    "CreativeWork": "Thing",
    "Course": "CreativeWork",
    "EducationalOccupationalCredential": "CreativeWork",
    "Event": "Thing",
    "CourseInstance": "Event",
    "Organization": "Thing",
    "EducationalOrganization": "Organization",
    "Place": "Thing",
    "Intangible": "Thing",
    "Offer": "Intangible",
    "StructuredValue": "Intangible",
    "QuantitativeValue": "StructuredValue",
    "ContactPoint": "StructuredValue",
    "PostalAddress": "ContactPoint",
    "DefinedTerm": "Intangible",
    "ItemList": "Intangible",
    "ListItem": "Intangible",
}
"""Each type the register uses and its parent type (schema.org "More specific Types")."""

DOMAINS: dict[str, set[str]] = {
    "name": {"Thing"},
    "description": {"Thing"},
    "url": {"Thing"},
    "courseCode": {"Course"},
    "coursePrerequisites": {"Course"},
    "hasCourseInstance": {"Course"},
    "numberOfCredits": {"Course", "EducationalOccupationalProgram"},
    "educationalCredentialAwarded": {"Course", "EducationalOccupationalProgram"},
    "availableLanguage": {
        "ContactPoint",
        "Course",
        "LodgingBusiness",
        "ServiceChannel",
        "TouristAttraction",
    },
    "provider": {
        "CreativeWork",
        "EducationalOccupationalProgram",
        "Invoice",
        "ParcelDelivery",
        "Reservation",
        "Service",
        "Trip",
    },
    "inLanguage": {
        "BroadcastService",
        "CommunicateAction",
        "CreativeWork",
        "Event",
        "LinkRole",
        "PronounceableText",
        "WriteAction",
    },
    "about": {"Certification", "CommunicateAction", "CreativeWork", "Event"},
    "dateModified": {"CreativeWork", "DataFeedItem"},
    "isAccessibleForFree": {"CreativeWork", "Event", "Place", "Offer"},
    "educationalLevel": {"CreativeWork", "EducationEvent", "EducationalOccupationalCredential"},
    "teaches": {"CreativeWork", "EducationEvent", "LearningResource"},
    "offers": {
        "AggregateOffer",
        "CreativeWork",
        "EducationalOccupationalProgram",
        "Event",
        "MenuItem",
        "Product",
        "Service",
        "Trip",
    },
    "credentialCategory": {"EducationalOccupationalCredential"},
    "courseMode": {"CourseInstance"},
    "courseWorkload": {"CourseInstance"},
    "startDate": {
        "CreativeWorkSeason",
        "CreativeWorkSeries",
        "DatedMoneySpecification",
        "EducationalOccupationalProgram",
        "Event",
        "Role",
        "Schedule",
    },
    "endDate": {
        "CreativeWorkSeason",
        "CreativeWorkSeries",
        "DatedMoneySpecification",
        "EducationalOccupationalProgram",
        "Event",
        "Role",
        "Schedule",
    },
    "location": {"Action", "Event", "InteractionCounter", "Organization"},
    "category": {
        "ActionAccessSpecification",
        "Invoice",
        "Offer",
        "PhysicalActivity",
        "Product",
        "Recommendation",
        "Service",
        "SpecialAnnouncement",
    },
    "price": {"Offer", "PriceSpecification", "TradeAction"},
    "priceCurrency": {"Offer", "PriceSpecification", "Reservation", "Ticket", "TradeAction"},
    "address": {"GeoCoordinates", "GeoShape", "Organization", "Person", "Place"},
    "addressCountry": {"DefinedRegion", "GeoCoordinates", "GeoShape", "PostalAddress"},
    "value": {"MonetaryAmount", "PropertyValue", "QuantitativeValue"},
    "unitText": {
        "PropertyValue",
        "QuantitativeValue",
        "TypeAndQuantityNode",
        "UnitPriceSpecification",
    },
    "termCode": {"DefinedTerm"},
    "inDefinedTermSet": {"DefinedTerm"},
    "itemListElement": {"ItemList"},
    "position": {"CreativeWork", "ListItem"},
}
"""Each property the register uses and the types it is defined on ("Used on these types")."""


def ancestors(kind: str) -> set[str]:
    """The type and every type above it."""
    assert kind in PARENT, f"`{kind}` is not a type this test knows: add its definition"
    found = set()
    while kind:
        found.add(kind)
        kind = PARENT[kind]
    return found


def domain_errors(node: Any, path: str = "") -> list[str]:
    """Each property used on a type outside the property's schema.org domain."""
    errors: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            errors += domain_errors(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        kinds = ancestors(node["@type"]) if "@type" in node else set()
        for key, value in node.items():
            if key.startswith("@"):
                continue
            assert key in DOMAINS, f"`{key}` is a property this test knows nothing of"
            if kinds and not DOMAINS[key] & kinds:
                errors.append(f"{path}.{key} on {node['@type']}")
            errors += domain_errors(value, f"{path}.{key}")
    return errors


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


def courses(data: Catalogue) -> dict[str, dict[str, Any]]:
    register = data.register
    return {
        offer.id: course(
            offer,
            register.providers[offer.provider],
            data.absolute(offer_url(offer.id)),
            data.language,
        )
        for offer in register.offers.values()
    }


def test_every_property_is_within_its_domain(data: Catalogue) -> None:
    for offer_id, markup in courses(data).items():
        assert domain_errors(markup) == [], offer_id
    assert domain_errors(item_list(["https://example.org/a/"], "Offers")) == []


def test_the_check_finds_a_property_outside_its_domain() -> None:
    wrong = {
        "@type": "Course",
        "numberOfCredits": {"@type": "StructuredValue", "value": 5, "unitText": "ECTS"},
    }
    assert domain_errors(wrong) == [
        ".numberOfCredits.value on StructuredValue",
        ".numberOfCredits.unitText on StructuredValue",
    ]


def test_course_info_properties_are_given_where_the_data_exists(data: Catalogue) -> None:
    markup = courses(data)
    for offer_id, item in markup.items():
        offer = data.register.offers[offer_id]
        for required in ("name", "description", "provider", "hasCourseInstance"):
            assert item[required], (offer_id, required)
        if offer.fee is not None:
            assert item["offers"][0]["category"] in {"Free", "Paid"}
        for instance in item["hasCourseInstance"]:
            assert instance["courseMode"] and instance["courseWorkload"]
    economy = markup["circular-economy-specialist"]
    assert economy["numberOfCredits"] == {
        "@type": "QuantitativeValue",
        "value": 20,
        "unitText": "ECTS",
    }
    assert economy["about"]["termCode"] == "0788"
    assert economy["isAccessibleForFree"] is False
    site_visit = markup["ria-formosa-nature-tourism-study-visit"]
    assert site_visit["hasCourseInstance"][0]["location"]["@type"] == "Place"
