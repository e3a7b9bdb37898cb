"""The offer cards of the lists: those a live preview's renderer keeps are the ones it would make.

The live preview's renderer keeps each card it rendered (`Renderer(keep_cards=True)`), so
that an edited title, which shifts the whole browse list, re-renders only the pages around
the kept cards. A kept card is used only for the same offer with the same providers.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from generator.catalogue import Catalogue
from generator.models.text import LocalizedText
from generator.register import Register, load_register
from generator.site.pages import Renderer, browse_pages, provider_page
from tests.support.registers import REPO

TODAY = date(2026, 12, 1)


def list_pages(data: Catalogue, renderer: Renderer) -> list[str]:
    """Every page that lists offer cards: the browse pages and each provider's page."""
    return [page.html for page in browse_pages(data, renderer)] + [
        provider_page(data, renderer, provider).html
        for provider in data.register.providers.values()
    ]


def edited(register: Register, **changes: object) -> Register:
    return dataclasses.replace(register, **changes)  # type: ignore[arg-type]


def test_kept_cards_give_the_pages_a_new_renderer_gives_after_edits() -> None:
    register = load_register(REPO).register
    data = Catalogue(register)
    kept = Renderer(data, TODAY, keep_cards=True)
    assert list_pages(data, kept) == list_pages(data, Renderer(data, TODAY))

    offer = next(iter(register.offers.values()))
    retitled = offer.model_copy(update={"title": LocalizedText({"en": "A Revised Title"})})
    new = Catalogue(edited(register, offers={**register.offers, offer.id: retitled}))
    kept.use(new, {})
    pages = list_pages(new, kept)
    assert pages == list_pages(new, Renderer(new, TODAY))
    assert "A Revised Title" in "".join(pages)

    # A provider's name is on each of its offers' cards.
    provider = register.providers[offer.provider]
    renamed = provider.model_copy(update={"name": LocalizedText({"en": "Renamed Institute"})})
    newer = Catalogue(
        edited(new.register, providers={**new.register.providers, provider.id: renamed})
    )
    kept.use(newer, {})
    pages = list_pages(newer, kept)
    assert pages == list_pages(newer, Renderer(newer, TODAY))
    browse = "".join(page.html for page in browse_pages(newer, kept))
    assert "Renamed Institute" in browse
