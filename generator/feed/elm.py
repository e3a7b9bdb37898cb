"""Each offer in the European Learning Model (ELM v3): `api/v1/elm/<id>.jsonld`.

The document is one `elm:LearningOpportunity` (the offer, identified by its
fact sheet's URL) provided by an `elm:Organisation` (the provider, identified
by its page's URL), with the `elm:LearningAchievementSpecification` it leads
to. Where an EQF level and a national level the Europass QDR lists are stated
(`generator.vocabularies.nqf`), the specification is an `elm:Qualification`, the only
specification that carries `EQFLevel` and `NQFLevel`, as in the Commission's
sample micro-credential; otherwise the levels it has are `educationLevel`s. It follows the Learning Opportunities and Qualifications
(LOQ) application profile, whose SHACL shapes are closed: only the properties
they list appear.

Where the provider has a SCHAC code, the specification carries the offer's
QualityLink course identifier (`course_identifier`).

Annex I elements with an ELM property use it (title, awarding body, learning
outcomes with ESCO skills, credit points, volume of learning, EQF level, mode,
learning setting, language, entry requirements, assessment and grading).
Those without one (learner identification, issuance, quality assurance,
stackability, supervision) are `elm:Note`s whose subject names the element,
from a small concept scheme the register publishes at
`api/v1/vocabulary/annex-i.jsonld`.

Controlled values use the official URIs carried by `generator.vocabularies`
(EU Vocabularies and Publications Office authority tables); a value with no
official URI is left out rather than invented.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.written import Files
from generator.models import annex
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.models.text import LocalizedText
from generator.numbers import decimal_amount, format_number
from generator.register import offer_key
from generator.urls import ANNEX_I_SCHEME_PATH, elm_path, offer_url, provider_url
from generator.vocabularies import nqf

EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
"""The Commission's JSON-LD context for ELM documents."""
LOCAL_CONTEXT: dict[str, Any] = {
    # A credential gets `id`/`type` from the W3C credentials context; a learning
    # opportunity is not a credential, so it maps them itself.
    "id": "@id",
    "type": "@type",
    # Properties of the LOQ profile that the EDC context has no term for.
    "defaultLanguage": {"@id": "elm:defaultLanguage", "@type": "@id"},
    "modified": {"@id": "dc:modified", "@type": "xsd:dateTime"},
    "amountValue": {"@id": "rdf:value", "@type": "xsd:decimal"},
}
CONTEXT: list[Any] = [EDC_CONTEXT, LOCAL_CONTEXT]

COURSE_ID_SCHEME = "QualityLink unique course identifier (urn:schac:uniqueCourseId)"


def _note_label(element: annex.Element) -> str:
    place = f"element {element.number}" if element.number is not None else "optional"
    return f"{element.label} (Annex I, {place})"


def _note_topics() -> dict[str, str]:
    topics: dict[str, str] = {}
    for element in annex.ELEMENTS:
        if element.elm_note:
            topics[element.elm_note] = _note_label(element)
        if element.key == "level":
            # Part of element 8, where the Europass QDR has no concept for the national level.
            topics["national-level"] = (
                "National qualifications framework level with no Europass QDR concept "
                f"(Annex I, element {element.number})"
            )
    return topics | {
        "target-groups": "Target groups",
        "location": "Where onsite sessions take place",
        "withdrawal": "Withdrawal of the offer",
    }


ANNEX_I_ELEMENTS: dict[str, str] = _note_topics()
"""Topics of the notes that carry what ELM has no property for: the Annex I elements
(`generator.models.annex`, `Element.elm_note`), then a few facts beyond Annex I."""


def has_elm_document(offer: Offer) -> bool:
    """An ELM specification needs at least one learning outcome and one language."""
    return bool(offer.learning_outcomes and offer.languages)


# --- Building blocks ---------------------------------------------------------


def _texts(text: LocalizedText) -> dict[str, str]:
    return dict(text.texts)


def _concept(uri: str, label: str, scheme: str | None) -> dict[str, Any]:
    concept: dict[str, Any] = {"id": uri, "type": "Concept"}
    if scheme:
        concept["inScheme"] = {"id": scheme, "type": "ConceptScheme"}
    concept["prefLabel"] = {"en": label}
    return concept


def _term(vocabulary: vocab.Vocabulary, code: str | None) -> dict[str, Any] | None:
    term = vocabulary.get(code) if code else None
    if term is None or not term.uri:
        return None
    return _concept(term.uri, term.label, vocabulary.scheme_uri)


def _language(code: str) -> dict[str, Any]:
    uri = vocab.language_uri(code) or f"{vocab.AUTHORITY}/language/MUL"
    return _concept(uri, vocab.language_name(code), f"{vocab.AUTHORITY}/language")


def _country(code: str) -> dict[str, Any]:
    uri = vocab.country_uri(code) or f"{vocab.AUTHORITY}/country/EUR"
    return _concept(uri, vocab.country_name(code), f"{vocab.AUTHORITY}/country")


def _web_resource(node_id: str, url: str) -> dict[str, Any]:
    return {"id": node_id, "type": "WebResource", "contentURL": url}


def _note(node_id: str, texts: dict[str, str], subject: dict[str, Any] | None) -> dict[str, Any]:
    note: dict[str, Any] = {"id": node_id, "type": "Note", "noteLiteral": texts}
    if subject is not None:
        note["subject"] = subject
    return note


def _hours(hours: float) -> str:
    """An xsd:duration of whole minutes (only seconds may have a fraction)."""
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H{rest}M" if rest else f"PT{whole}H"


def _day(day: date, end_of_day: bool = False) -> str:
    return f"{day.isoformat()}T{'23:59:59' if end_of_day else '00:00:00'}"


class _Document:
    """Builds one offer's ELM document; node ids are fragments of the document's URL."""

    def __init__(self, data: Catalogue, offer: Offer) -> None:
        self.data = data
        self.offer = offer
        self.base = data.absolute(elm_path(offer.id))
        self.scheme = data.absolute(ANNEX_I_SCHEME_PATH)
        self.notes = 0

    def node_id(self, name: str) -> str:
        return f"{self.base}#{name}"

    def element_note(self, key: str, texts: dict[str, str]) -> dict[str, Any]:
        """A note carrying the Annex I element `key` (`generator.models.annex`)."""
        topic = annex.BY_KEY[key].elm_note
        assert topic is not None, f"ELM has a property for {key}"
        return self.annex_note(topic, texts)

    def annex_note(self, topic: str, texts: dict[str, str]) -> dict[str, Any]:
        self.notes += 1
        subject = _concept(f"{self.scheme}#{topic}", ANNEX_I_ELEMENTS[topic], self.scheme)
        return _note(self.node_id(f"note-{self.notes}"), texts, subject)

    # --- organisations ---

    def organisation(self, provider: Provider) -> dict[str, Any]:
        page = self.data.absolute(provider_url(provider.id))
        organisation: dict[str, Any] = {
            "id": page,
            "type": "Organisation",
            "legalName": _texts(provider.name),
        }
        if provider.short_name:
            organisation["altLabel"] = _texts(provider.short_name)
        identifiers = _identifiers(provider, page)
        if identifiers:
            organisation["identifier"] = identifiers
        registration = provider.identifiers.national_registration
        if registration:
            organisation["registration"] = {
                "id": f"{page}#registration",
                "type": "LegalIdentifier",
                "notation": registration.number,
                "schemeName": registration.registry.default,
                "spatial": _country(provider.country),
            }
        organisation["homepage"] = [_web_resource(f"{page}#website", provider.website)]
        organisation["location"] = {
            "id": f"{page}#location",
            "type": "Location",
            "address": {
                "id": f"{page}#address",
                "type": "Address",
                "countryCode": _country(provider.country),
            },
        }
        organisation["contactPoint"] = {
            "id": f"{page}#contact",
            "type": "ContactPoint",
            "emailAddress": {"id": f"mailto:{provider.contact}", "type": "Mailbox"},
        }
        return organisation

    def awarding_body(self, provider_id: str) -> dict[str, Any]:
        """An awarding body; the provider, described under `providedBy`, by its id only."""
        if provider_id == self.offer.provider:
            return {"id": self.data.absolute(provider_url(provider_id))}
        return self.organisation(self.data.register.providers[provider_id])

    # --- the specification ---

    def specification(self) -> dict[str, Any]:
        offer = self.offer
        eqf_level = _term(vocab.EQF_LEVELS, str(offer.level.eqf))
        national = national_level(self.data, offer)
        nqf_level = _nqf_concept(national) if national else None
        # Only a qualification carries EQF and NQF levels, and the LOQ profile wants both;
        # without a QDR concept for the national level, the EQF level is an education level.
        qualification = eqf_level is not None and nqf_level is not None
        spec: dict[str, Any] = {
            "id": self.node_id("specification"),
            "type": "Qualification" if qualification else "LearningAchievementSpecification",
        }
        provider = self.data.register.providers.get(offer.provider)
        course_id = course_identifier(provider, offer.id) if provider else None
        if course_id:
            spec["identifier"] = [
                {
                    "id": self.node_id("course-identifier"),
                    "type": "Identifier",
                    "notation": course_id,
                    "schemeName": COURSE_ID_SCHEME,
                }
            ]
        spec["title"] = _texts(offer.title)
        spec["description"] = _texts(offer.summary)
        if offer.url:
            spec["homepage"] = [_web_resource(self.node_id("offer-website"), offer.url)]
        notes = self.specification_notes()
        if notes:
            spec["additionalNote"] = notes
        spec["thematicArea"] = [_term(vocab.ISCED_F, offer.field)]
        if offer.workload.hours:
            spec["volumeOfLearning"] = _hours(offer.workload.hours)
        credits = self.credit_points()
        if credits:
            spec["creditPoint"] = credits
        if not qualification and (eqf_level or nqf_level):
            spec["educationLevel"] = [level for level in (eqf_level, nqf_level) if level]
        spec["language"] = [_language(code) for code in offer.languages]
        spec["mode"] = [_term(vocab.PARTICIPATION_MODES, offer.participation.mode)]
        setting = _term(vocab.LEARNING_SETTINGS, offer.learning_setting)
        if setting:
            spec["learningSetting"] = setting
        if offer.prerequisites:
            spec["entryRequirement"] = _note(
                self.node_id("entry-requirement"), _texts(offer.prerequisites), None
            )
        spec["learningOutcome"] = [
            self.learning_outcome(number, outcome)
            for number, outcome in enumerate(offer.learning_outcomes, start=1)
        ]
        if offer.assessment:
            spec["provenBy"] = [self.assessment()]
        spec["awardingOpportunity"] = [
            {
                "id": self.node_id("awarding"),
                "type": "AwardingOpportunity",
                "awardingBody": [
                    self.awarding_body(provider_id)
                    for provider_id in offer.awarding_body_ids
                    if provider_id in self.data.register.providers
                ],
                "learningAchievementSpecification": {"id": self.node_id("specification")},
            }
        ]
        if qualification:
            spec["eqfLevel"] = eqf_level
            spec["nqfLevel"] = [nqf_level]
        return spec

    def credit_points(self) -> list[dict[str, Any]]:
        workload = self.offer.workload
        points: list[tuple[str, float]] = []
        if workload.ects:
            points.append(("ects", workload.ects))
        if workload.other_credits:
            points.append((workload.other_credits.system, workload.other_credits.value))
        result = []
        for system, value in points:
            framework = _term(vocab.CREDIT_SYSTEMS, system)
            if framework is None:
                continue
            result.append(
                {
                    "id": self.node_id(f"credits-{system}"),
                    "type": "CreditPoint",
                    "framework": framework,
                    "point": format_number(value),
                }
            )
        return result

    def learning_outcome(self, number: int, outcome: Any) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": self.node_id(f"outcome-{number}"),
            "type": "LearningOutcome",
            "title": _texts(outcome.statement),
        }
        if outcome.esco_skills:
            # No `inScheme`: the profile's vocabulary shape wants the scheme to match
            # `^https://ec.europa.eu/esco/skill/`, which ESCO's own scheme URI does not;
            # the skill's URI already places it in ESCO.
            node["relatedESCOSkill"] = [
                {"id": uri, "type": "Concept"} for uri in outcome.esco_skills
            ]
        return node

    def assessment(self) -> dict[str, Any]:
        offer = self.offer
        assessment = offer.assessment
        assert assessment is not None
        labels = ", ".join(vocab.ASSESSMENT_TYPES.label_of(code) for code in assessment.types)
        node: dict[str, Any] = {
            "id": self.node_id("assessment"),
            "type": "LearningAssessmentSpecification",
            "title": {"en": f"Assessment: {labels}"},
        }
        if assessment.description:
            node["description"] = _texts(assessment.description)
        types = [_term(vocab.ASSESSMENT_TYPES, code) for code in assessment.types]
        if any(types):
            node["dcType"] = [concept for concept in types if concept]
        if offer.supervision:
            supervision = _term(vocab.SUPERVISION, offer.supervision)
            label = vocab.SUPERVISION.label_of(offer.supervision)
            if supervision is not None:
                node["additionalNote"] = [
                    _note(self.node_id("supervision"), {"en": label}, supervision)
                ]
            else:
                node["additionalNote"] = [self.element_note("supervision", {"en": label})]
        if offer.grading_scheme:
            node["gradingScheme"] = {
                "id": self.node_id("grading"),
                "type": "GradingScheme",
                "title": {"en": "Grading scheme"},
                "description": _texts(offer.grading_scheme),
            }
        return node

    def specification_notes(self) -> list[dict[str, Any]]:
        offer = self.offer
        notes = []
        if offer.learner_identification:
            identification = offer.learner_identification
            identified = ", ".join(
                vocab.LEARNER_IDENTIFIERS.label_of(code) for code in identification.identified_by
            )
            texts = {"en": f"The credential states: {identified}."}
            if identification.verification:
                for language, text in identification.verification.texts.items():
                    texts[language] = (texts.get(language, "") + " " + text).strip()
            notes.append(self.element_note("learner-identification", texts))
        if offer.issuance:
            notes.append(self.element_note("date-of-issuing", _texts(offer.issuance.timing)))
        if offer.quality_assurance:
            qa = offer.quality_assurance
            kinds = " and ".join(vocab.QUALITY_ASSURANCE_TYPES.label_of(t) for t in qa.types)
            texts = {"en": f"{kinds}."}
            for language, text in qa.description.texts.items():
                texts[language] = (texts.get(language, "") + " " + text).strip()
            notes.append(self.element_note("quality-assurance", texts))
        if offer.integration:
            integration = offer.integration
            texts = {"en": vocab.INTEGRATION_OPTIONS.label_of(integration.option) + "."}
            if integration.description:
                for language, text in integration.description.texts.items():
                    texts[language] = (texts.get(language, "") + " " + text).strip()
            notes.append(self.element_note("integration", texts))
        stated = offer.level.national
        if stated is not None and national_level(self.data, offer) is None:
            text = f"{stated.framework.default}, level {stated.level}."
            notes.append(self.annex_note("national-level", {"en": text}))
        if offer.further_information:
            notes.append(
                self.element_note("further-information", _texts(offer.further_information))
            )
        if offer.target_groups:
            groups = "; ".join(group.default for group in offer.target_groups)
            notes.append(self.annex_note("target-groups", {"en": groups}))
        return notes

    # --- the learning opportunity ---

    def learning_opportunity(self) -> dict[str, Any]:
        data, offer = self.data, self.offer
        page = data.absolute(offer_url(offer.id))
        opportunity: dict[str, Any] = {
            "@context": CONTEXT,
            "id": page,
            "type": "LearningOpportunity",
            "title": _texts(offer.title),
        }
        opportunity["description"] = _texts(offer.summary)
        kind = _term(vocab.LEARNING_OPPORTUNITY_TYPES, offer.learning_opportunity_type)
        if kind:
            opportunity["dcType"] = [kind]
        notes = []
        if offer.participation.location:
            notes.append(self.annex_note("location", _texts(offer.participation.location)))
        if offer.withdrawal:
            withdrawn = offer.withdrawal
            texts = {
                language: f"{withdrawn.date.isoformat()}: {text}"
                for language, text in withdrawn.reason.texts.items()
            }
            notes.append(self.annex_note("withdrawal", texts))
        if notes:
            opportunity["additionalNote"] = notes
        homepages = [_web_resource(self.node_id("fact-sheet"), page)]
        if offer.url:
            homepages.append(_web_resource(self.node_id("offer-website"), offer.url))
        opportunity["homepage"] = homepages
        editions = sorted(offer.editions, key=lambda e: e.start)
        if len(editions) == 1:
            edition = editions[0]
            period: dict[str, Any] = {
                "id": self.node_id("period"),
                "type": "PeriodOfTime",
                "startDate": _day(edition.start),
            }
            if edition.end:
                period["endDate"] = _day(edition.end, end_of_day=True)
            opportunity["temporal"] = period
        opportunity["mode"] = [_term(vocab.PARTICIPATION_MODES, offer.participation.mode)]
        schedule = _term(vocab.LEARNING_SCHEDULES, offer.participation.schedule)
        if schedule:
            opportunity["learningSchedule"] = schedule
        if editions:
            opportunity["scheduleInformation"] = _note(
                self.node_id("editions"), {"en": _editions_text(editions)}, None
            )
        deadlines = sorted({e.application_deadline for e in editions if e.application_deadline})
        if deadlines:
            opportunity["applicationDeadline"] = [_day(d, end_of_day=True) for d in deadlines]
        price = self.price()
        if price:
            opportunity["priceDetail"] = [price]
        provider = data.register.providers[offer.provider]
        opportunity["providedBy"] = [self.organisation(provider)]
        opportunity["learningAchievementSpecification"] = self.specification()
        opportunity["defaultLanguage"] = _language(offer.languages[0])
        dates = data.record_dates(offer_key(offer.id), offer.last_reviewed)
        opportunity["modified"] = dates["last_modified"]
        opportunity["status"] = offer.status
        return opportunity

    def price(self) -> dict[str, Any] | None:
        fee = self.offer.fee
        if fee is None:
            return None
        price: dict[str, Any] = {"id": self.node_id("price"), "type": "PriceDetail"}
        if fee.free:
            price["prefLabel"] = {"en": "Free of charge"}
        elif fee.amount is not None and fee.currency:
            price["prefLabel"] = {"en": f"Fee: {format_number(fee.amount)} {fee.currency}"}
            price["amount"] = {
                "id": self.node_id("price-amount"),
                "type": "Amount",
                "unit": _concept(
                    vocab.currency_uri(fee.currency), fee.currency, f"{vocab.AUTHORITY}/currency"
                ),
                "amountValue": decimal_amount(fee.amount),
            }
        else:
            price["prefLabel"] = {"en": "Fee"}
        if fee.note:
            price["description"] = _texts(fee.note)
        return price


def course_identifier(provider: Provider, offer_id: str) -> str | None:
    """The QualityLink unique course identifier, where the provider has a SCHAC code.

    `urn:schac:uniqueCourseId:<SCHAC code>:<internal id>` (QualityLink course
    identifier specification); the offer's id is the internal id, unique in the
    register and never reused.
    """
    schac = provider.identifiers.schac
    return f"urn:schac:uniqueCourseId:{schac}:{offer_id}" if schac else None


def national_level(data: Catalogue, offer: Offer) -> nqf.NqfLevel | None:
    """The QDR concept of the offer's national level, if it states one the QDR lists."""
    stated = offer.level.national
    provider = data.register.providers.get(offer.provider)
    if stated is None or provider is None:
        return None
    return nqf.resolve(stated.framework.default, stated.level, provider.country).level


def _nqf_concept(level: nqf.NqfLevel) -> dict[str, Any]:
    return _concept(level.uri, level.label, nqf.SCHEME)


def _identifiers(provider: Provider, page: str) -> list[dict[str, Any]]:
    identifiers = provider.identifiers
    values = [
        ("erasmus", "Erasmus institutional code", identifiers.erasmus_code),
        ("pic", "EU Participant Identification Code (PIC)", identifiers.pic),
        ("schac", "SCHAC home organisation", identifiers.schac),
        ("eter", "ETER identifier", identifiers.eter_id),
        ("deqar", "DEQAR institution identifier", identifiers.deqar_id),
        ("ror", "Research Organization Registry (ROR)", identifiers.ror),
    ]
    return [
        {
            "id": f"{page}#id-{key}",
            "type": "Identifier",
            "notation": str(value),
            "schemeName": scheme,
        }
        for key, scheme, value in values
        if value
    ]


def _editions_text(editions: list[Any]) -> str:
    parts = []
    for edition in editions:
        text = edition.start.isoformat()
        if edition.end:
            text += f" to {edition.end.isoformat()}"
        if edition.place:
            text += f", {edition.place.default}"
        if edition.application_deadline:
            text += f" (apply by {edition.application_deadline.isoformat()})"
        parts.append(text)
    return "Editions: " + "; ".join(parts) + "."


def elm_document(data: Catalogue, offer: Offer) -> dict[str, Any]:
    """The offer as an ELM learning opportunity (a JSON-LD object)."""
    return _Document(data, offer).learning_opportunity()


def annex_i_scheme(data: Catalogue) -> dict[str, Any]:
    """The concept scheme of the Annex I topics that notes in ELM documents refer to."""
    scheme = data.absolute(ANNEX_I_SCHEME_PATH)
    return {
        "@context": CONTEXT,
        "id": scheme,
        "type": "ConceptScheme",
        "prefLabel": {"en": "Annex I elements carried as notes"},
        "skos:hasTopConcept": [
            _concept(f"{scheme}#{topic}", label, scheme)
            for topic, label in ANNEX_I_ELEMENTS.items()
        ],
    }


class ElmTexts:
    """Each offer's ELM document as compact JSON without its `@context`, made once.

    The offer's own file and the bundles that gather it (its provider's, the register's)
    hold the same object: it is written as JSON once and the files are put together
    from the text, exactly as `dump_json` writes them.
    """

    _CONTEXT = json.dumps(CONTEXT, ensure_ascii=False, separators=(",", ":"))

    def __init__(self, data: Catalogue) -> None:
        self.data = data
        self._texts: dict[str, str] = {}

    def node(self, offer: Offer) -> str:
        """The document of `offer` (which has one) without `@context`."""
        text = self._texts.get(offer.id)
        if text is None:
            document = elm_document(self.data, offer)
            del document["@context"]
            text = self._texts[offer.id] = json.dumps(
                document, ensure_ascii=False, separators=(",", ":")
            )
        return text

    def document(self, offer: Offer) -> bytes:
        """As `dump_json(elm_document(data, offer))`."""
        return f'{{"@context":{self._CONTEXT},{self.node(offer)[1:]}\n'.encode()

    def graph(self, offers: Iterable[Offer]) -> Iterator[bytes]:
        """The documents of `offers` (those that have one) as one JSON-LD graph, in id order,
        in pieces (a register's graph is hundreds of MB)."""
        yield f'{{"@context":{self._CONTEXT},"@graph":['.encode()
        first = True
        for offer in sorted(offers, key=lambda o: o.id):
            if has_elm_document(offer):
                yield (self.node(offer) if first else "," + self.node(offer)).encode()
                first = False
        yield b"]}\n"


def elm_files(data: Catalogue, texts: ElmTexts | None = None) -> Files:
    """Every ELM document of the register, plus the Annex I concept scheme, by path."""
    texts = texts or ElmTexts(data)
    yield ANNEX_I_SCHEME_PATH, dump_json(annex_i_scheme(data), pretty=True)
    for offer_id in sorted(data.register.offers):
        offer = data.register.offers[offer_id]
        if has_elm_document(offer):
            yield elm_path(offer_id), texts.document(offer)
