"""Search filters (facets): which filters the browse page offers, and each offer's values.

An offer's search record (`generator.site.search_records`) carries its values for the
index; the home charts count offers by the same values, so a chart's bar and the browse
filter it opens agree.
"""

from __future__ import annotations

import calendar
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
    ("start", "Start"),
    ("fee", "Fee"),
)
"""Search filters in the order the browse page shows them, with their headings."""


def eqf_facet(offer: Offer) -> str:
    """The EQF facet value, e.g. "EQF 6", or "Not levelled"."""
    return vocab.eqf_short_label(offer.level.eqf)


def field_facet(offer: Offer) -> str:
    """The broad ISCED-F field of an offer, e.g. "Health and welfare"."""
    broad = vocab.isced_broad_field(offer.field)
    return broad.label if broad else vocab.ISCED_F.label_of(offer.field)


START_WINDOWS: tuple[int, ...] = (3, 6, 12)
"""The "starts within N months" filters, counted from the build day."""
APPLICATIONS_OPEN = "Applications open now"
FEE_LIMITS: tuple[int, ...] = (100, 500, 1000)
"""The "up to N EUR" filters; the register's alliance charges in euros, others are named."""
FEE_CURRENCY = "EUR"


def start_window(months: int) -> str:
    """The filter value of a start window, e.g. "Within 3 months"."""
    return f"Within {months} months"


def fee_limit(amount: int) -> str:
    """The filter value of a fee limit, e.g. "Up to 500 EUR"."""
    return f"Up to {amount:,} {FEE_CURRENCY}"


FREE = "Free of charge"
FEE_OVER = f"Over {FEE_LIMITS[-1]:,} {FEE_CURRENCY}"
FEE_NOT_STATED = "Fee not stated"
START_ORDER: tuple[str, ...] = (APPLICATIONS_OPEN, *(start_window(m) for m in START_WINDOWS))
FEE_ORDER: tuple[str, ...] = (FREE, *(fee_limit(a) for a in FEE_LIMITS), FEE_OVER)


def _months_later(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 January → 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def applications_open(offer: Offer, today: date) -> bool:
    """Open, and either started at any time (no dates) or with an edition still to apply to."""
    if offer.status != "open":
        return False
    if not offer.editions:
        return True
    return any(
        edition.start >= today
        and (edition.application_deadline is None or edition.application_deadline >= today)
        for edition in offer.editions
    )


def start_facets(offer: Offer, today: date) -> list[str]:
    """When an offer can be started, relative to `today` (the build day): one value per
    window it falls in (the windows nest, so "within 6 months" includes "within 3")."""
    values = [APPLICATIONS_OPEN] if applications_open(offer, today) else []
    start = next_start(offer, today)
    if start is not None:
        values += [start_window(m) for m in START_WINDOWS if start < _months_later(today, m)]
    return values


def fee_facets(offer: Offer) -> list[str]:
    """What an offer costs: free, each "up to" limit it is within (they nest), or above them."""
    fee = offer.fee
    if fee is None or (not fee.free and fee.amount is None):
        return [FEE_NOT_STATED]
    if fee.free or fee.amount == 0:
        return [FREE, *(fee_limit(limit) for limit in FEE_LIMITS)]
    if fee.currency != FEE_CURRENCY:
        return [f"Fee in {fee.currency}"] if fee.currency else [FEE_NOT_STATED]
    assert fee.amount is not None
    within = [fee_limit(limit) for limit in FEE_LIMITS if fee.amount <= limit]
    return within or [FEE_OVER]


def offer_facets(offer: Offer, register: Register, today: date) -> list[tuple[str, str]]:
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
    pairs.extend(("start", value) for value in start_facets(offer, today))
    pairs.extend(("fee", value) for value in fee_facets(offer))
    return pairs


def _status_facet(status: str) -> str:
    return {"announced": "Announced", "open": "Open", "closed": "Closed"}.get(status, "Withdrawn")


def next_start(offer: Offer, today: date) -> date | None:
    """The first edition starting on or after `today`."""
    upcoming = [edition.start for edition in offer.editions if edition.start >= today]
    return min(upcoming) if upcoming else None
