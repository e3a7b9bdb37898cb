"""schema.org JSON-LD for search engines: a `Course` per fact sheet, an `ItemList` per listing.

Search engines show course rich results from this markup (Google's "Course
info" and "Course list" formats). Values come from the same models as the page;
URLs are absolute, from the register's `site_url`. Every property is used on a
type within its schema.org domain, and every value is within its range
(`tests/site/test_structured_data.py` checks both against the definitions).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator import vocabularies as vocab
from generator.models.offer import NOT_APPLICABLE, Edition, Offer
from generator.models.provider import Provider
from generator.models.text import LocalizedText

_COURSE_MODES = {"online": "Online", "onsite": "Onsite", "blended": "Blended"}
_HOURS_PER_ECTS = 25
"""Lower bound of "1 ECTS = 25–30 hours", used only when an offer states no hours."""


def script_tag(data: dict[str, Any]) -> Markup:
    """A `<script type="application/ld+json">` element that text in `data` cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a string would end the element early in HTML.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _text(value: LocalizedText | None, language: str) -> str | None:
    return value.get(language) if value is not None else None


def _organisation(provider: Provider, language: str) -> dict[str, Any]:
    return {
        "@type": "EducationalOrganization"
        if provider.type in {"higher-education-institution", "vet-provider"}
        else "Organization",
        "name": provider.name.get(language),
        "url": provider.website,
        "address": {"@type": "PostalAddress", "addressCountry": provider.country},
    }


def _workload(offer: Offer) -> str | None:
    hours = offer.workload.hours
    if hours is None and offer.workload.ects is not None:
        hours = offer.workload.ects * _HOURS_PER_ECTS
    return f"PT{round(hours)}H" if hours else None


def _place(offer: Offer, edition: Edition | None) -> dict[str, Any] | None:
    place = edition.place if edition and edition.place else offer.participation.location
    if place is None or offer.participation.mode == "online":
        return None
    return {"@type": "Place", "name": place.default}


def _instance(offer: Offer, edition: Edition | None) -> dict[str, Any]:
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": _COURSE_MODES[offer.participation.mode],
    }
    if edition is not None:
        instance["startDate"] = edition.start.isoformat()
        if edition.end:
            instance["endDate"] = edition.end.isoformat()
    workload = _workload(offer)
    if workload:
        instance["courseWorkload"] = workload
    place = _place(offer, edition)
    if place:
        instance["location"] = place
    return instance


def _offers(offer: Offer) -> list[dict[str, Any]]:
    fee = offer.fee
    if fee is None:
        return []
    if fee.free:
        # A free offer has no currency to state; search engines need only the category.
        return [{"@type": "Offer", "category": "Free"}]
    if fee.amount is None:
        return []
    item: dict[str, Any] = {"@type": "Offer", "category": "Paid", "price": fee.amount}
    if fee.currency:
        item["priceCurrency"] = fee.currency
    return [item]


def course(offer: Offer, provider: Provider, url: str, language: str) -> dict[str, Any]:
    """The schema.org `Course` describing an offer, with a `CourseInstance` per edition."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": f"{url}#course",
        "url": url,
        "courseCode": offer.id,
        "name": offer.title.get(language),
        "description": offer.summary.get(language),
        "provider": _organisation(provider, language),
        "inLanguage": offer.languages[0],
        "availableLanguage": [vocab.language_name(code) for code in offer.languages],
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "name": vocab.RECOGNITION_FORMS.label_of(offer.recognition),
            "credentialCategory": vocab.RECOGNITION_FORMS.label_of(offer.recognition),
        },
        "about": {
            "@type": "DefinedTerm",
            "name": vocab.ISCED_F.label_of(offer.field),
            "termCode": offer.field,
            "inDefinedTermSet": vocab.ISCED_F.scheme_uri,
        },
        "dateModified": offer.last_reviewed.isoformat(),
    }
    if offer.fee is not None:
        data["isAccessibleForFree"] = offer.fee.free
    if offer.workload.ects:
        # `value` and `unitText` belong to QuantitativeValue, a StructuredValue and so
        # within the range of `numberOfCredits` (credits need not be whole numbers).
        data["numberOfCredits"] = {
            "@type": "QuantitativeValue",
            "value": offer.workload.ects,
            "unitText": "ECTS",
        }
    if offer.level.eqf != NOT_APPLICABLE:
        data["educationalLevel"] = vocab.eqf_label(offer.level.eqf)
    if offer.learning_outcomes:
        data["teaches"] = [outcome.statement.get(language) for outcome in offer.learning_outcomes]
    prerequisites = _text(offer.prerequisites, language)
    if prerequisites:
        data["coursePrerequisites"] = prerequisites
    editions: list[Edition | None] = [*offer.editions] or [None]
    data["hasCourseInstance"] = [_instance(offer, edition) for edition in editions]
    offers = _offers(offer)
    if offers:
        data["offers"] = offers
    return data


def item_list(urls: list[str], name: str) -> dict[str, Any]:
    """A schema.org `ItemList` of course pages (summary-page format)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": url}
            for position, url in enumerate(urls, start=1)
        ],
    }
