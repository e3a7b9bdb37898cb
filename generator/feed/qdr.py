"""Datasets for the Europass Qualification Dataset Register (QDR): LOQ XML under `api/v1/qdr/`.

The QDR takes learning opportunities as XML valid against the Learning
Opportunities and Qualifications schema (`loq.xsd`, root `<Courses>`,
`xsdVersion` 3.1.0), and only from the organisation that owns the data. So
each provider has its own file, `api/v1/qdr/<provider-id>.xml`, with every
offer it publishes, and the register has one with all offers,
`api/v1/qdr.xml`, for a National Coordination Point that uploads on the
providers' behalf. A National Coordination Point points the QDR at these
addresses ("hosted on your server, automatic update").

Each file is the ELM documents of its offers (`generator.feed.elm`) written in the
XML form: the same identifiers (the fact sheet's URL for the learning
opportunity, fragments of the ELM document's URL for its parts), the same
values and the same Annex I notes. Where the JSON-LD nests, the XML refers: a
learning opportunity names its specification, provider and outcomes by
`idref`, and each of those appears once in its `…References` container.
Elements follow the schema's sequences, and restricted vocabulary elements
(language, mode, EQF level …) carry only their `uri`, as the schema wants.

Every offer is in two datasets, its provider's and the register's, so its elements are
made and written once (`OfferPieces`) and each dataset is put together from the written
pieces: only the `publisher` reference differs between the two, and is filled in as the
pieces are joined.

Withdrawn offers stay in the dataset with `status` `withdrawn` and the
withdrawal note, so that a harvest updates them instead of losing them. An
offer without learning outcomes has no ELM document and is left out: the
profile requires at least one outcome.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.catalogue import Catalogue
from generator.feed.elm import elm_document, has_elm_document
from generator.feed.written import Files
from generator.feed.xml_output import xml_document_pieces, xml_fragment, xml_fragments
from generator.models.offer import Offer
from generator.urls import QDR_REGISTER_PATH, provider_url, qdr_path

XSD_VERSION = "3.1.0"

LOQ = "http://data.europa.eu/snb/model/ap/loq-constraints/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DC = "http://purl.org/dc/terms/"


def _loq(tag: str) -> str:
    return f"{{{LOQ}}}{tag}"


def _skos(tag: str) -> str:
    return f"{{{SKOS}}}{tag}"


def _dc(tag: str) -> str:
    return f"{{{DC}}}{tag}"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class _Dataset:
    """One `<Courses>` document: its containers, filled as offers are added."""

    def __init__(self, data: Catalogue, publisher: str | None) -> None:
        self.data = data
        self.publisher = publisher
        self.opportunities: list[ET.Element] = []
        self.specifications: list[ET.Element] = []
        self.outcomes: list[ET.Element] = []
        self.assessments: list[ET.Element] = []
        self.grading: list[ET.Element] = []
        self.organisations: dict[str, ET.Element] = {}
        self.locations: dict[str, ET.Element] = {}

    # --- values ---

    @staticmethod
    def texts(parent: ET.Element, tag: str, texts: dict[str, str] | None) -> None:
        for language, text in (texts or {}).items():
            ET.SubElement(parent, tag, {"language": language}).text = text

    @staticmethod
    def text(parent: ET.Element, tag: str, value: str | None) -> None:
        if value is not None:
            ET.SubElement(parent, tag).text = value

    @staticmethod
    def restricted(parent: ET.Element, tag: str, concepts: Any) -> None:
        """Vocabulary elements whose schema type allows only the concept's `uri`."""
        for concept in _as_list(concepts):
            ET.SubElement(parent, tag, {"uri": concept["id"]})

    def concept(self, parent: ET.Element, tag: str, concepts: Any) -> None:
        """Concepts with their labels and scheme (`skos:ConceptType`)."""
        for concept in _as_list(concepts):
            element = ET.SubElement(parent, tag, {"uri": concept["id"]})
            self.texts(element, _skos("prefLabel"), concept.get("prefLabel"))
            scheme = concept.get("inScheme")
            if scheme:
                ET.SubElement(element, _skos("inScheme")).text = scheme["id"]

    def notes(self, parent: ET.Element, tag: str, notes: Any) -> None:
        for note in _as_list(notes):
            element = ET.SubElement(parent, tag)
            if note.get("subject"):
                self.concept(element, _dc("subject"), note["subject"])
            self.texts(element, _loq("noteLiteral"), note["noteLiteral"])

    @staticmethod
    def web_resources(parent: ET.Element, tag: str, resources: Any) -> None:
        for resource in _as_list(resources):
            ET.SubElement(ET.SubElement(parent, tag), _loq("contentUrl")).text = resource[
                "contentURL"
            ]

    @staticmethod
    def identifiers(parent: ET.Element, tag: str, identifiers: Any) -> None:
        for identifier in _as_list(identifiers):
            element = ET.SubElement(parent, tag)
            ET.SubElement(element, _skos("notation")).text = identifier["notation"]
            ET.SubElement(element, _loq("schemeName")).text = identifier["schemeName"]

    @staticmethod
    def refs(parent: ET.Element, tag: str, nodes: Iterable[dict[str, Any]]) -> None:
        for node in nodes:
            ET.SubElement(parent, tag, {"idref": node["id"]})

    # --- classes ---

    def organisation(self, node: dict[str, Any]) -> None:
        if node["id"] in self.organisations:
            return
        element = ET.Element(_loq("organisation"), {"id": node["id"]})
        self.texts(element, _skos("altLabel"), node.get("altLabel"))
        self.texts(element, _loq("legalName"), node["legalName"])
        self.identifiers(element, _loq("identifier"), node.get("identifier"))
        registration = node.get("registration")
        if registration:
            legal = ET.SubElement(element, _loq("registration"))
            ET.SubElement(legal, _skos("notation")).text = registration["notation"]
            ET.SubElement(legal, _loq("schemeName")).text = registration["schemeName"]
            self.restricted(legal, _loq("spatial"), registration["spatial"])
        self.web_resources(element, _loq("homepage"), node.get("homepage"))
        location = node["location"]
        self.refs(element, _loq("location"), [location])
        contact = ET.SubElement(element, _loq("contactPoint"))
        self.text(contact, _loq("emailAddress"), node["contactPoint"]["emailAddress"]["id"])
        self.organisations[node["id"]] = element
        if location["id"] not in self.locations:
            place = ET.Element(_loq("location"), {"id": location["id"]})
            address = ET.SubElement(place, _loq("address"))
            self.restricted(address, _loq("countryCode"), location["address"]["countryCode"])
            self.locations[location["id"]] = place

    def assessment(self, node: dict[str, Any]) -> None:
        element = ET.Element(_loq("learningAssessmentSpecification"), {"id": node["id"]})
        self.texts(element, _loq("title"), node["title"])
        self.texts(element, _loq("description"), node.get("description"))
        self.notes(element, _loq("additionalNote"), node.get("additionalNote"))
        self.publisher_ref(element)
        self.restricted(element, _loq("type"), node.get("dcType"))
        grading = node.get("gradingScheme")
        if grading:
            self.refs(element, _loq("gradingScheme"), [grading])
            scheme = ET.Element(_loq("gradingScheme"), {"id": grading["id"]})
            self.texts(scheme, _loq("title"), grading["title"])
            self.texts(scheme, _loq("description"), grading.get("description"))
            self.grading.append(scheme)
        self.assessments.append(element)

    def outcome(self, node: dict[str, Any]) -> None:
        element = ET.Element(_loq("learningOutcome"), {"id": node["id"]})
        self.texts(element, _loq("title"), node["title"])
        self.concept(element, _loq("relatedESCOSkill"), node.get("relatedESCOSkill"))
        self.outcomes.append(element)

    def specification(self, node: dict[str, Any], status: str, modified: str) -> None:
        qualification = node["type"] == "Qualification"
        tag = "qualification" if qualification else "learningAchievementSpecification"
        element = ET.Element(_loq(tag), {"id": node["id"]})
        self.identifiers(element, _loq("identifier"), node.get("identifier"))
        self.texts(element, _loq("title"), node["title"])
        self.texts(element, _loq("description"), node.get("description"))
        self.notes(element, _loq("additionalNote"), node.get("additionalNote"))
        self.web_resources(element, _loq("homepage"), node.get("homepage"))
        self.text(element, _loq("status"), status)
        self.text(element, _loq("modified"), modified)
        self.publisher_ref(element)
        self.restricted(element, _loq("ISCEDFCode"), node["thematicArea"])
        self.text(element, _loq("volumeOfLearning"), node.get("volumeOfLearning"))
        for credit in _as_list(node.get("creditPoint")):
            point = ET.SubElement(element, _loq("creditPoint"))
            self.restricted(point, _loq("framework"), credit["framework"])
            self.text(point, _loq("point"), credit["point"])
        self.concept(element, _loq("educationLevel"), node.get("educationLevel"))
        self.restricted(element, _loq("language"), node["language"])
        self.restricted(element, _loq("mode"), node.get("mode"))
        self.restricted(element, _loq("learningSetting"), node.get("learningSetting"))
        if node.get("entryRequirement"):
            self.notes(element, _loq("entryRequirement"), node["entryRequirement"])
        outcomes = _as_list(node["learningOutcome"])
        self.refs(element, _loq("learningOutcome"), outcomes)
        assessments = _as_list(node.get("provenBy"))
        self.refs(element, _loq("provenBy"), assessments)
        for awarding in _as_list(node.get("awardingOpportunity")):
            opportunity = ET.SubElement(element, _loq("awardingOpportunity"))
            self.refs(opportunity, _loq("awardingBody"), awarding["awardingBody"])
            self.refs(opportunity, _loq("learningAchievementSpecification"), [node])
            for body in awarding["awardingBody"]:
                self.organisation(body)
        if qualification:
            self.restricted(element, _loq("EQFLevel"), node["eqfLevel"])
            self.restricted(element, _loq("NQFLevel"), node["nqfLevel"])
        for outcome in outcomes:
            self.outcome(outcome)
        for assessment in assessments:
            self.assessment(assessment)
        self.specifications.append(element)

    def publisher_ref(self, element: ET.Element) -> None:
        if self.publisher:
            ET.SubElement(element, _loq("publisher"), {"idref": self.publisher})

    def add(self, offer: Offer) -> None:
        """One offer: its learning opportunity and everything the opportunity refers to."""
        node = elm_document(self.data, offer)
        element = ET.Element(_loq("learningOpportunity"), {"id": node["id"]})
        self.texts(element, _loq("title"), node["title"])
        self.texts(element, _loq("description"), node.get("description"))
        self.restricted(element, _loq("type"), node.get("dcType"))
        self.notes(element, _loq("additionalNote"), node.get("additionalNote"))
        self.web_resources(element, _loq("homepage"), node["homepage"])
        period = node.get("temporal")
        if period:
            temporal = ET.SubElement(element, _loq("temporal"))
            self.text(temporal, _loq("startDate"), period.get("startDate"))
            self.text(temporal, _loq("endDate"), period.get("endDate"))
        self.restricted(element, _loq("mode"), node.get("mode"))
        self.restricted(element, _loq("learningSchedule"), node.get("learningSchedule"))
        if node.get("scheduleInformation"):
            self.notes(element, _loq("scheduleInformation"), node["scheduleInformation"])
        for deadline in _as_list(node.get("applicationDeadline")):
            self.text(element, _loq("applicationDeadline"), deadline)
        for price in _as_list(node.get("priceDetail")):
            detail = ET.SubElement(element, _loq("priceDetail"))
            amount = price.get("amount")
            if amount:
                value = ET.SubElement(detail, _loq("amount"))
                self.restricted(value, _loq("unit"), amount["unit"])
                self.text(value, _loq("value"), amount["amountValue"])
            self.texts(detail, _skos("prefLabel"), price.get("prefLabel"))
            self.texts(detail, _loq("description"), price.get("description"))
        self.refs(element, _loq("providedBy"), node["providedBy"])
        specification = node["learningAchievementSpecification"]
        self.refs(element, _loq("learningAchievementSpecification"), [specification])
        self.restricted(element, _loq("defaultLanguage"), node["defaultLanguage"])
        self.text(element, _loq("status"), node["status"])
        self.text(element, _loq("modified"), node["modified"])
        self.publisher_ref(element)
        for organisation in node["providedBy"]:
            self.organisation(organisation)
        self.specification(specification, node["status"], node["modified"])
        self.opportunities.append(element)

    def pieces(self, written: dict[str, bytes]) -> OfferPieces:
        """What `add` made, written (the publisher a placeholder); `written` holds the
        organisations and locations written before, by id, and gains those written now."""

        def once(key: str, element: ET.Element) -> bytes:
            if key not in written:
                written[key] = xml_fragment(element, LOQ, PREFIXES)
            return written[key]

        return OfferPieces(
            containers={
                name: xml_fragments(elements, LOQ, PREFIXES)
                for name, elements in (
                    ("learningOpportunityReferences", self.opportunities),
                    ("learningAchievementSpecificationReferences", self.specifications),
                    ("learningOutcomeReferences", self.outcomes),
                    ("learningAssessmentSpecificationReferences", self.assessments),
                    ("gradingSchemeReferences", self.grading),
                )
            },
            organisations={key: once(key, element) for key, element in self.organisations.items()},
            locations={key: once(key, element) for key, element in self.locations.items()},
        )


PREFIXES = {"skos": SKOS, "dc": DC}

_PUBLISHER = "#publisher"
"""The `publisher` of the pieces, replaced as a dataset is put together: no identifier
of the register is a bare fragment, and no text holds a raw `<`."""

CONTAINERS = (
    "learningOpportunityReferences",
    "learningAchievementSpecificationReferences",
    "learningOutcomeReferences",
    "learningAssessmentSpecificationReferences",
    "agentReferences",
    "gradingSchemeReferences",
    "locationReferences",
)
"""The containers of `<Courses>`, in the schema's order."""


@dataclass(frozen=True)
class OfferPieces:
    """One offer's written elements, by container; organisations and locations by id, as
    datasets that share them hold each once."""

    containers: dict[str, bytes]
    organisations: dict[str, bytes]
    locations: dict[str, bytes]


def offer_pieces(data: Catalogue, offer: Offer, written: dict[str, bytes]) -> OfferPieces:
    """The elements of `offer`'s learning opportunity and of all it refers to, written.

    `written`: the organisations and locations written for other offers, by id.
    """
    builder = _Dataset(data, _PUBLISHER)
    builder.add(offer)
    return builder.pieces(written)


def _document(pieces: Iterable[OfferPieces], publisher: str | None) -> Iterator[bytes]:
    """The `<Courses>` document of these offers' pieces, with `publisher` in each reference,
    in pieces (the register's dataset is hundreds of MB)."""
    parts: dict[str, list[bytes]] = {name: [] for name in CONTAINERS}
    organisations: dict[str, bytes] = {}
    locations: dict[str, bytes] = {}
    for piece in pieces:
        for name, content in piece.containers.items():
            if content:
                parts[name].append(content)
        organisations.update(piece.organisations)
        locations.update(piece.locations)
    parts["agentReferences"] = [organisations[key] for key in sorted(organisations)]
    parts["locationReferences"] = [locations[key] for key in sorted(locations)]
    placeholder = xml_fragment(ET.Element(_loq("publisher"), {"idref": _PUBLISHER}), LOQ, {})
    reference = (
        b""
        if publisher is None
        else xml_fragment(ET.Element(_loq("publisher"), {"idref": publisher}), LOQ, {})
    )
    # Each piece is whole elements, so the placeholder never falls across two of them.
    body = [
        [content.replace(placeholder, reference) for content in parts[name]] for name in CONTAINERS
    ]
    # Not indented: the datasets are for machines (indentation was 6 % of their bytes;
    # `xmllint --format` shows one to a person).
    yield from xml_document_pieces(
        "Courses",
        {"xsdVersion": XSD_VERSION},
        _containers(body),
        LOQ,
        PREFIXES,
    )


def _containers(body: list[list[bytes]]) -> list[bytes]:
    """The containers that hold something, each as its opening tag, its elements and its
    closing tag."""
    written: list[bytes] = []
    for name, content in zip(CONTAINERS, body, strict=True):
        if content:
            written += [f"<{name}>".encode(), *content, f"</{name}>".encode()]
    return written


def dataset(data: Catalogue, offers: Iterable[Offer], publisher: str | None) -> bytes:
    """A QDR dataset of these offers (those with an ELM document), sorted by id.

    `publisher` is the `id` of the organisation that publishes the data (the
    provider's page URL in its own dataset), or None in the register's, which
    gathers the data of every provider.
    """
    published = sorted((o for o in offers if has_elm_document(o)), key=lambda o: o.id)
    written: dict[str, bytes] = {}
    return b"".join(
        _document((offer_pieces(data, offer, written) for offer in published), publisher)
    )


def qdr_files(data: Catalogue) -> Files:
    """Every QDR dataset by site-relative path: one per provider and one for the register
    (in pieces)."""
    register = data.register
    published = sorted(
        (o for o in register.offers.values() if has_elm_document(o)), key=lambda o: o.id
    )
    written: dict[str, bytes] = {}
    pieces = {offer.id: offer_pieces(data, offer, written) for offer in published}
    own: dict[str, list[OfferPieces]] = {provider_id: [] for provider_id in register.providers}
    for offer in published:
        own.setdefault(offer.provider, []).append(pieces[offer.id])
    for provider_id in sorted(register.providers):
        publisher = data.absolute(provider_url(provider_id))
        yield qdr_path(provider_id), b"".join(_document(own[provider_id], publisher))
    yield QDR_REGISTER_PATH, _document(pieces.values(), None)
