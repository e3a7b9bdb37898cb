"""Search records: what the search index holds about each offer, made from the Catalogue.

One record per offer page (fact sheet, or tombstone once withdrawn): its address, the
words a visitor searches for, what a result shows (the same title, facts and summary as
the offer's card in the static list), its filter values (`facets.offer_facets`, the one
definition the home charts count by too) and its sort keys. The page's own frame (key
fact labels, Annex I headings, navigation) is not searched: "workload" or "annex" would
find every offer.

The searchable text is every language the offer states it in, so a search in German
finds an offer described in German. This module knows no search engine;
`generator/mkdocs/search.py` hands the records to Pagefind.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.models.offer import Offer
from generator.models.text import LocalizedText
from generator.register import Register
from generator.site.facets import next_start, offer_facets
from generator.site.markdown import render_markdown
from generator.site.pages import card_facts
from generator.urls import offer_url

NO_START = "9999-12-31"
"""The start sort key of an offer without an upcoming edition: after every dated one."""


@dataclass(frozen=True)
class SearchRecord:
    """One offer page as the search index holds it."""

    url: str
    """The page's site-relative URL, e.g. `offers/heat-pump-installation/`."""
    content: str
    """The words searched, one text per line."""
    meta: dict[str, str]
    """What a result shows: `title`, `facts` (as on the list's card) and `summary`."""
    filters: dict[str, list[str]]
    """Facet → the offer's values, in the order `offer_facets` gives them."""
    sort: dict[str, str]
    """Sort key → the offer's value: `title` (lower case) and `start` (ISO date)."""


def search_records(data: Catalogue, today: date) -> list[SearchRecord]:
    """A record for every offer page, withdrawn offers included, in title order."""
    return [search_record(offer, data.register, today) for offer in data.offers_by_title]


def search_record(offer: Offer, register: Register, today: date) -> SearchRecord:
    """The search record of one offer on `today` (the build day: start and fee filters)."""
    filters: dict[str, list[str]] = {}
    for facet, value in offer_facets(offer, register, today):
        filters.setdefault(facet, []).append(value)
    start = next_start(offer, today)
    return SearchRecord(
        url=offer_url(offer.id),
        content="\n".join(searchable_text(offer, register)),
        meta={
            "title": offer.title.default,
            "facts": " · ".join(card_facts(offer, register, today)),
            "summary": offer.summary.default,
        },
        filters=filters,
        sort={
            "title": offer.title.default.lower(),
            "start": start.isoformat() if start else NO_START,
        },
    )


def searchable_text(offer: Offer, register: Register) -> Iterator[str]:
    """What a visitor looks an offer up by, in every language it is stated in.

    What it is (title, summary, description, outcomes, field, target groups,
    prerequisites, what it stacks towards), who offers and awards it, and where it
    takes place. Each text once, even when several fields or languages repeat it.
    """
    seen: set[str] = set()
    for text in _texts_of(offer, register):
        if text and text not in seen:
            seen.add(text)
            yield text


def _texts_of(offer: Offer, register: Register) -> Iterator[str]:
    yield from _languages(offer.title)
    yield from _languages(offer.summary)
    for body_id in dict.fromkeys([offer.provider, *offer.awarding_body_ids]):
        body = register.providers.get(body_id)
        yield from _languages(body.name) if body else [body_id]
    yield vocab.ISCED_F.label_of(offer.field)
    if offer.description is not None:
        yield from (markdown_text(text) for text in _languages(offer.description))
    for outcome in offer.learning_outcomes:
        yield from _languages(outcome.statement)
    for group in offer.target_groups:
        yield from _languages(group)
    yield from _languages(offer.prerequisites)
    if offer.integration is not None:
        for target in offer.integration.towards_credentials:
            yield from _languages(target.title)
            yield from _languages(target.awarded_by)
    yield from _languages(offer.participation.location)
    for edition in offer.editions:
        yield from _languages(edition.place)


def _languages(value: LocalizedText | None) -> list[str]:
    return list(value.texts.values()) if value is not None else []


# The rendered HTML is cleaned against an allow-list, so a literal "<" is always "&lt;".
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|br|hr|blockquote|pre)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def markdown_text(text: str) -> str:
    """The words of a Markdown text as a reader sees them: no markup, no link targets."""
    words = _TAG.sub("", _BLOCK_TAG.sub(" ", render_markdown(text)))
    return _SPACE.sub(" ", html.unescape(words)).strip()
