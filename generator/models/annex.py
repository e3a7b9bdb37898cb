"""Annex I of the Council Recommendation: its standard elements, defined once.

Every part of the register that names an Annex I element reads this table: the
completeness check of micro-credentials (`generator.load.checks`), the fact sheet
and the compare page (`generator.site`), the notes of the ELM documents and their
concept scheme (`generator.feed.elm`) and the API page's coverage table. Each
element has the key that names it everywhere (the fact sheet's anchor, the compare
page's row), Annex I's own words for it, whether Annex I makes it mandatory, the
offer fields that state it, and how to tell that an offer states it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.models.offer import Offer


def _always(offer: Offer) -> bool:
    return True


@dataclass(frozen=True)
class Element:
    """One Annex I standard element."""

    key: str
    """Its name everywhere: the fact sheet's anchor and template macro, the compare row."""
    label: str
    """Annex I's own words, as the fact sheet's heading shows them."""
    short_label: str
    """A few of those words, for a table's row header and for messages."""
    mandatory: bool
    number: int | None
    """Its place among the mandatory elements (1–11); None for an optional one."""
    fields: tuple[str, ...]
    """The offer fields that state it (dotted paths of `generator.models.offer.Offer`)."""
    stated_by: Callable[[Offer], bool]
    """Whether an offer states it."""
    required: bool = False
    """True when the model requires it of every offer, so it is always stated."""
    elm_note: str | None = None
    """The concept (fragment of `api/v1/vocabulary/annex-i.jsonld`) of the ELM note that
    carries it, where ELM has no property for it; None where ELM has one."""

    @property
    def macro(self) -> str:
        """The name of the template macro that shows it (`templates/_elements.html`)."""
        return self.key.replace("-", "_")

    @property
    def reference(self) -> str:
        """How messages cite it: "Annex I (5) date of issuing", "Annex I (optional) …"."""
        place = self.number if self.number is not None else "optional"
        return f"Annex I ({place}) {self.short_label[0].lower()}{self.short_label[1:]}"

    def stated(self, offer: Offer) -> bool:
        """Whether `offer` states this element."""
        return self.stated_by(offer)


def _given(field: str) -> Callable[[Offer], bool]:
    def given(offer: Offer) -> bool:
        return bool(getattr(offer, field))

    given.__name__ = f"given_{field}"
    return given


def _mandatory(number: int, key: str, label: str, short: str, *fields: str, **more) -> Element:
    stated = _always if more.get("required") else _given(fields[0])
    return Element(key, label, short, True, number, fields, stated, **more)


def _optional(key: str, label: str, short: str, field: str, **more) -> Element:
    return Element(key, label, short, False, None, (field,), _given(field), **more)


MANDATORY: tuple[Element, ...] = (
    _mandatory(
        1,
        "learner-identification",
        "Identification of the learner",
        "Identification of the learner",
        "learner_identification",
        elm_note="learner-identification",
    ),
    _mandatory(
        2,
        "title",
        "Title of the micro-credential",
        "Title of the micro-credential",
        "title",
        required=True,
    ),
    # Stated by the country and region of each awarding body's provider record.
    _mandatory(
        3,
        "country-region",
        "Country/Region of the issuer",
        "Country/Region of the issuer",
        "awarding_bodies",
        required=True,
    ),
    # No `awarding_bodies` means the publishing provider awards it alone.
    _mandatory(
        4, "awarding-body", "Awarding body", "Awarding body", "awarding_bodies", required=True
    ),
    # Published as a note on `issuance` since API v1.0; the URI stays.
    _mandatory(
        5, "date-of-issuing", "Date of issuing", "Date of issuing", "issuance", elm_note="issuance"
    ),
    _mandatory(
        6, "learning-outcomes", "Learning outcomes", "Learning outcomes", "learning_outcomes"
    ),
    _mandatory(
        7,
        "workload",
        "Notional workload needed to achieve the learning outcomes "
        "(in ECTS credits, wherever possible)",
        "Notional workload",
        "workload",
        required=True,
    ),
    # "not-applicable" is a statement: Annex I asks for the level "if applicable".
    _mandatory(
        8,
        "level",
        "Level (and cycle, if applicable) of the learning experience leading to the "
        "micro-credential (EQF, QF-EHEA), if applicable",
        "Level (and cycle)",
        "level",
        required=True,
    ),
    _mandatory(9, "assessment", "Type of assessment", "Type of assessment", "assessment"),
    _mandatory(
        10,
        "participation",
        "Form of participation in the learning activity",
        "Form of participation",
        "participation",
        required=True,
    ),
    _mandatory(
        11,
        "quality-assurance",
        "Type of quality assurance used to underpin the micro-credential",
        "Type of quality assurance",
        "quality_assurance",
        elm_note="quality-assurance",
    ),
)
"""Annex I, "Mandatory elements", in Annex I's order."""

OPTIONAL: tuple[Element, ...] = (
    _optional(
        "prerequisites",
        "Prerequisites needed to enrol in the learning activity",
        "Prerequisites",
        "prerequisites",
    ),
    # ELM's note sits on the assessment, with ELM's own concept where there is one.
    _optional(
        "supervision",
        "Supervision and identity verification during assessment",
        "Supervision and identity verification",
        "supervision",
        elm_note="supervision",
    ),
    # The grade itself is on each issued credential; an offer states its grading scheme.
    _optional("grade", "Grade achieved", "Grade achieved", "grading_scheme"),
    _optional(
        "integration",
        "Integration/stackability options",
        "Integration/stackability options",
        "integration",
        elm_note="integration",
    ),
    _optional(
        "further-information",
        "Further information",
        "Further information",
        "further_information",
        elm_note="further-information",
    ),
)
"""Annex I, "Optional elements, where relevant", in Annex I's order."""

ELEMENTS: tuple[Element, ...] = MANDATORY + OPTIONAL
"""Every element, mandatory first, each in Annex I's order."""

BY_KEY: dict[str, Element] = {element.key: element for element in ELEMENTS}


def stated(offer: Offer, elements: tuple[Element, ...] = ELEMENTS) -> dict[str, bool]:
    """For each element (by key), whether `offer` states it."""
    return {element.key: element.stated(offer) for element in elements}
