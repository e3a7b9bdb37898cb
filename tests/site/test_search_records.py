"""Search records: one per offer page, with the words, result, filters and sort keys."""

from __future__ import annotations

from datetime import date

import pytest

from generator.catalogue import Catalogue
from generator.register import Register, load_register
from generator.site import search_records as sr
from generator.site.pages import card_facts
from tests.support.registers import REPO

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(REPO).register


@pytest.fixture(scope="module")
def records(register: Register) -> dict[str, sr.SearchRecord]:
    made = sr.search_records(Catalogue(register, dates={}), TODAY)
    return {record.url: record for record in made}


def test_every_offer_page_has_one_record_withdrawn_ones_too(
    register: Register, records: dict[str, sr.SearchRecord]
) -> None:
    assert sorted(records) == sorted(f"offers/{offer_id}/" for offer_id in register.offers)
    tombstone = records["offers/forklift-safe-operation/"]
    assert tombstone.filters["status"] == ["Withdrawn"]


def test_a_result_shows_what_the_card_in_the_static_list_shows(
    register: Register, records: dict[str, sr.SearchRecord]
) -> None:
    offer = register.offers["medication-safety-home-care"]
    record = records["offers/medication-safety-home-care/"]
    assert record.meta == {
        "title": offer.title.default,
        "facts": " · ".join(card_facts(offer, register, TODAY)),
        "summary": offer.summary.default,
    }
    assert record.meta["facts"].startswith("Järvimaa University of Applied Sciences · EQF 6")


def test_filters_are_the_offers_facet_values_grouped_by_facet(
    records: dict[str, sr.SearchRecord],
) -> None:
    record = records["offers/medication-safety-home-care/"]
    assert record.filters["eqf"] == ["EQF 6"]
    assert record.filters["provider"] == ["Järvimaa University of Applied Sciences"]
    # Nested values stay together, in order: free is within every "up to" limit.
    free = next(r for r in records.values() if "Free of charge" in r.filters["fee"])
    assert free.filters["fee"] == [
        "Free of charge",
        "Up to 100 EUR",
        "Up to 500 EUR",
        "Up to 1,000 EUR",
    ]


def test_sort_keys_are_the_lower_case_title_and_the_next_start(
    register: Register, records: dict[str, sr.SearchRecord]
) -> None:
    for offer in register.offers.values():
        record = records[f"offers/{offer.id}/"]
        assert record.sort["title"] == offer.title.default.lower()
        upcoming = sorted(e.start for e in offer.editions if e.start >= TODAY)
        expected = upcoming[0].isoformat() if upcoming else sr.NO_START
        assert record.sort["start"] == expected
    assert any(r.sort["start"] == sr.NO_START for r in records.values())
    assert any(r.sort["start"] != sr.NO_START for r in records.values())


def test_the_words_are_in_every_language_the_offer_has(
    register: Register, records: dict[str, sr.SearchRecord]
) -> None:
    offer = register.offers["trivium-summer-school-ai-ethics"]
    content = records["offers/trivium-summer-school-ai-ethics/"].content
    assert "TRIVIUM-Sommerschule: Ethik der Künstlichen Intelligenz" in content
    for language in offer.title.languages:
        assert offer.title.texts[language] in content
        assert offer.summary.texts[language] in content


def test_the_words_are_the_offers_own_not_the_pages_frame(
    register: Register, records: dict[str, sr.SearchRecord]
) -> None:
    offer = register.offers["medication-safety-home-care"]
    lines = records["offers/medication-safety-home-care/"].content.split("\n")
    assert lines[0] == offer.title.default
    assert offer.summary.default in lines
    assert "Järvimaa University of Applied Sciences" in lines
    assert "Nursing and midwifery" in lines  # the field of education, as the fact sheet names it
    assert all(o.statement.default in lines for o in offer.learning_outcomes)
    for chrome in ("Key facts", "Annex I", "Workload", "Last updated", "ECTS"):
        assert chrome not in "\n".join(lines)
    assert len(lines) == len(set(lines)), "each text once"


def test_markdown_becomes_the_words_a_reader_sees() -> None:
    text = "## Aims\n\nSee [the *module* page](https://example.org/secret-path) **now**.\n\n- one\n- two"
    assert sr.markdown_text(text) == "Aims See the module page now. one two"
    assert sr.markdown_text("Fish &amp; chips < 5 EUR, `<b>`") == "Fish & chips < 5 EUR, <b>"
