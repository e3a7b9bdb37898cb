"""What a fact sheet computes: the key facts above Annex I and the completeness statement.

The Annex I elements themselves (their order, labels and how to tell that an offer
states each) are `generator.models.annex`; the page template iterates over that
table, and this module counts what an offer states, so the completeness statement
on every page is computed, not written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator import vocabularies as vocab
from generator.models import annex
from generator.models.annex import Element
from generator.models.offer import Edition, Fee, Offer
from generator.numbers import format_number


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


def completeness(offer: Offer) -> Completeness:
    """The completeness statement of an offer's fact sheet."""
    missing = tuple(element for element in annex.MANDATORY if not element.stated(offer))
    return Completeness(len(annex.MANDATORY) - len(missing), len(annex.MANDATORY), missing)


KEY_FACTS: tuple[tuple[str, str], ...] = (
    ("provider", "Provider"),
    ("workload", "Workload"),
    ("level", "Level"),
    ("participation", "Form of participation"),
    ("languages", "Languages"),
    ("fee", "Fee"),
    ("next-start", "Next start"),
    ("apply-by", "Apply by"),
    ("status", "Status"),
)
"""The key facts a fact sheet marks (`data-fact`) and the compare page puts side by side."""


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
    return KeyFacts(
        ects=offer.workload.ects,
        hours=offer.workload.hours,
        eqf=vocab.eqf_label(offer.level.eqf),
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
        return f"{format_number(fee.amount)} {fee.currency or ''}".strip()
    return "See the note"
