"""Search filters (facets): which filters the browse page offers, and each offer's values.

The fact sheet carries an offer's values for Pagefind to index; the home charts count
offers by the same values, so a chart's bar and the browse filter it opens agree.
"""

from __future__ import annotations

from datetime import date

from generator import vocabularies as vocab
from generator.models.offer import Offer
from generator.register import Register
from generator.site import charts

FACETS: tuple[tuple[str, str], ...] = (
    ("eqf", "EQF level"),
    ("ects", "Workload"),
    ("country", "Country"),
    ("provider", "Provider"),
    ("language", "Language"),
    ("participation", "Form of participation"),
    ("field", "Field of education"),
    ("recognition", "Recognition"),
    ("status", "Status"),
)
"""Search filters in the order the browse page shows them, with their headings."""


def eqf_facet(offer: Offer) -> str:
    """The EQF facet value, e.g. "EQF 6", or "Not levelled"."""
    return vocab.eqf_short_label(offer.level.eqf)


def field_facet(offer: Offer) -> str:
    """The broad ISCED-F field of an offer, e.g. "Health and welfare"."""
    broad = vocab.isced_broad_field(offer.field)
    return broad.label if broad else vocab.ISCED_F.label_of(offer.field)


def offer_facets(offer: Offer, register: Register) -> list[tuple[str, str]]:
    """Search filters of an offer: (facet, value) pairs, each facet possibly several times."""
    provider = register.providers.get(offer.provider)
    pairs = [
        ("eqf", eqf_facet(offer)),
        ("ects", charts.ects_band(offer.workload.ects, offer.workload.hours)),
        ("country", vocab.country_name(provider.country) if provider else "Unknown"),
        ("provider", provider.name.default if provider else offer.provider),
        ("participation", vocab.PARTICIPATION_MODES.label_of(offer.participation.mode)),
        ("field", field_facet(offer)),
        ("recognition", vocab.RECOGNITION_FORMS.label_of(offer.recognition)),
        ("status", _status_facet(offer.status)),
    ]
    pairs.extend(("language", vocab.language_name(code)) for code in offer.languages)
    return pairs


def _status_facet(status: str) -> str:
    return {"announced": "Announced", "open": "Open", "closed": "Closed"}.get(status, "Withdrawn")


def next_start(offer: Offer, today: date) -> date | None:
    """The first edition starting on or after `today`."""
    upcoming = [edition.start for edition in offer.editions if edition.start >= today]
    return min(upcoming) if upcoming else None
