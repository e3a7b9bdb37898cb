"""The Annex I fact sheet of an offer: which elements, in which order, under which labels.

The Council Recommendation's Annex I names eleven mandatory and five optional
standard elements. Above them, every fact sheet starts with the key facts a
learner decides on (`key_facts`). The labels here are Annex I's own words, in Annex I's order;
the page template lays them out and this module says which of them an offer
states, so the completeness statement on every page is computed, not written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator import vocabularies as vocab
from generator.models.offer import Edition, Fee, Offer


@dataclass(frozen=True)
class Element:
    """One Annex I standard element: the anchor id on the page and Annex I's label."""

    key: str
    label: str


MANDATORY: tuple[Element, ...] = (
    Element("learner-identification", "Identification of the learner"),
    Element("title", "Title of the micro-credential"),
    Element("country-region", "Country/Region of the issuer"),
    Element("awarding-body", "Awarding body"),
    Element("date-of-issuing", "Date of issuing"),
    Element("learning-outcomes", "Learning outcomes"),
    Element(
        "workload",
        "Notional workload needed to achieve the learning outcomes "
        "(in ECTS credits, wherever possible)",
    ),
    Element(
        "level",
        "Level (and cycle, if applicable) of the learning experience leading to the "
        "micro-credential (EQF, QF-EHEA), if applicable",
    ),
    Element("assessment", "Type of assessment"),
    Element("participation", "Form of participation in the learning activity"),
    Element("quality-assurance", "Type of quality assurance used to underpin the micro-credential"),
)
"""Annex I, "Mandatory elements", in Annex I's order."""

OPTIONAL: tuple[Element, ...] = (
    Element("prerequisites", "Prerequisites needed to enrol in the learning activity"),
    Element("supervision", "Supervision and identity verification during assessment"),
    Element("grade", "Grade achieved"),
    Element("integration", "Integration/stackability options"),
    Element("further-information", "Further information"),
)
"""Annex I, "Optional elements, where relevant", in Annex I's order."""


@dataclass(frozen=True)
class Completeness:
    """How many of Annex I's mandatory elements an offer states, and which are missing."""

    stated: int
    total: int
    missing: tuple[Element, ...]

    @property
    def is_complete(self) -> bool:
        """True when every mandatory element is stated."""
        return not self.missing

    @property
    def statement(self) -> str:
        """The sentence shown on the fact sheet, e.g. "11 of 11 Annex I mandatory elements stated"."""
        return f"{self.stated} of {self.total} Annex I mandatory elements stated"


def mandatory_stated(offer: Offer) -> dict[str, bool]:
    """For each mandatory element, whether the offer states it.

    Title, issuer country, awarding body (the publishing provider by default),
    workload, level and form of participation are required by the model, so
    they are always stated; the level counts as stated when it says "not
    applicable", as Annex I asks for it only "if applicable".
    """
    return {
        "learner-identification": offer.learner_identification is not None,
        "title": True,
        "country-region": True,
        "awarding-body": True,
        "date-of-issuing": offer.issuance is not None,
        "learning-outcomes": bool(offer.learning_outcomes),
        "workload": True,
        "level": True,
        "assessment": offer.assessment is not None,
        "participation": True,
        "quality-assurance": offer.quality_assurance is not None,
    }


def optional_stated(offer: Offer) -> dict[str, bool]:
    """For each optional element, whether the offer states it."""
    return {
        "prerequisites": offer.prerequisites is not None,
        "supervision": offer.supervision is not None,
        "grade": offer.grading_scheme is not None,
        "integration": offer.integration is not None,
        "further-information": offer.further_information is not None,
    }


def completeness(offer: Offer) -> Completeness:
    """The completeness statement of an offer's fact sheet."""
    stated = mandatory_stated(offer)
    missing = tuple(element for element in MANDATORY if not stated[element.key])
    return Completeness(len(MANDATORY) - len(missing), len(MANDATORY), missing)


@dataclass(frozen=True)
class KeyFacts:
    """What a learner decides on, shown above Annex I: workload, level, mode, dates, fee."""

    ects: float | None
    hours: float | None
    eqf: str
    """E.g. "EQF level 6", or "Not levelled in the EQF"."""
    mode: str
    languages: tuple[str, ...]
    """Language codes of instruction."""
    fee: str
    """E.g. "Free of charge", "450 EUR", "See the note", or "Not stated"."""
    next_edition: Edition | None
    """The first edition starting on or after the build date."""
    apply_url: str | None


def key_facts(offer: Offer, today: date) -> KeyFacts:
    """The key facts of an offer's fact sheet on `today` (the build date)."""
    upcoming = sorted((e for e in offer.editions if e.start >= today), key=lambda e: e.start)
    eqf = offer.level.eqf
    return KeyFacts(
        ects=offer.workload.ects,
        hours=offer.workload.hours,
        eqf="Not levelled in the EQF" if eqf == "not-applicable" else f"EQF level {eqf}",
        mode=vocab.PARTICIPATION_MODES.label_of(offer.participation.mode),
        languages=tuple(offer.languages),
        fee=fee_text(offer.fee),
        next_edition=upcoming[0] if upcoming else None,
        apply_url=str(offer.url) if offer.url else None,
    )


def fee_text(fee: Fee | None) -> str:
    """The fee in a few words; its note, if any, is shown beside it."""
    if fee is None:
        return "Not stated"
    if fee.free:
        return "Free of charge"
    if fee.amount is not None:
        amount = int(fee.amount) if float(fee.amount).is_integer() else fee.amount
        return f"{amount} {fee.currency or ''}".strip()
    return "See the note"
