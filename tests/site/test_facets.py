"""Start-date and fee filters: which values an offer gets, from the build day."""

from __future__ import annotations

from datetime import date

from generator.register import load_register
from generator.site import facets
from tests.support.registers import REPO

TODAY = date(2026, 11, 30)


def _offer(**changes):
    register = load_register(REPO).register
    offer = register.offers["trivium-summer-school-ai-ethics"]
    return offer.model_copy(update=changes)


def test_start_windows_nest_and_count_from_the_build_day() -> None:
    offer = _offer()
    start = facets.next_start(offer, TODAY)
    assert start is not None
    values = facets.start_facets(offer, TODAY)
    months = [m for m in facets.START_WINDOWS if facets.start_window(m) in values]
    # Once inside a window, inside every larger one.
    assert months == list(facets.START_WINDOWS[len(facets.START_WINDOWS) - len(months) :])
    # The day after the last start, nothing is upcoming.
    later = max(e.start for e in offer.editions)
    assert not [
        v for v in facets.start_facets(offer, later.replace(year=later.year + 1)) if "Within" in v
    ]


def test_month_arithmetic_keeps_to_the_month_end() -> None:
    assert facets._months_later(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert facets._months_later(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert facets._months_later(date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_fee_limits_nest_and_other_currencies_are_named() -> None:
    fee = _offer().fee
    assert facets.fee_facets(_offer(fee=fee.model_copy(update={"free": True}))) == [
        facets.FREE,
        *(facets.fee_limit(limit) for limit in facets.FEE_LIMITS),
    ]
    priced = fee.model_copy(update={"free": False, "amount": 450.0, "currency": "EUR"})
    assert facets.fee_facets(_offer(fee=priced)) == ["Up to 500 EUR", "Up to 1,000 EUR"]
    dear = priced.model_copy(update={"amount": 2500.0})
    assert facets.fee_facets(_offer(fee=dear)) == ["Over 1,000 EUR"]
    zloty = priced.model_copy(update={"currency": "PLN"})
    assert facets.fee_facets(_offer(fee=zloty)) == ["Fee in PLN"]
    assert facets.fee_facets(_offer(fee=None)) == [facets.FEE_NOT_STATED]


def test_applications_open_needs_an_open_status_and_a_deadline_still_to_come() -> None:
    offer = _offer(status="open")
    deadlines = [e.application_deadline for e in offer.editions if e.application_deadline]
    if deadlines:
        after = max(deadlines).replace(year=max(deadlines).year + 1)
        assert not facets.applications_open(offer, after)
    assert not facets.applications_open(_offer(status="announced"), TODAY)
    assert facets.applications_open(_offer(status="open", editions=[]), TODAY)
