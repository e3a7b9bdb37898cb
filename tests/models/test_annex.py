"""The one table of Annex I elements (`generator.models.annex`) and those who read it."""

from __future__ import annotations

import re

import pytest

from generator.feed.elm import ANNEX_I_ELEMENTS
from generator.models import annex
from generator.models.offer import Offer
from generator.numbers import decimal_amount, format_number
from generator.register import load_register
from generator.site.apidoc import ANNEX_I_COVERAGE
from tests.support.registers import REPO

SEED = REPO.parent / "shared" / "seeds" / "003_c6e6fc19eb519693.txt"
TEMPLATES = REPO / "generator" / "site" / "templates"


def _annex_i_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("ANNEX I\n")
    return text[start : text.index("These standard elements", start)]


@pytest.mark.skipif(not SEED.is_file(), reason="the Recommendation's text is not beside the repo")
def test_labels_are_annex_i_own_words_in_annex_i_order() -> None:
    text = _annex_i_text()
    mandatory, optional = text.split("Optional elements")
    for part, elements in ((mandatory, annex.MANDATORY), (optional, annex.OPTIONAL)):
        places = [part.find(element.label) for element in elements]
        assert -1 not in places, [e.label for e, p in zip(elements, places, strict=True) if p < 0]
        assert places == sorted(places)


def test_eleven_mandatory_then_five_optional_numbered_in_order() -> None:
    assert [e.number for e in annex.MANDATORY] == list(range(1, 12))
    assert [e.number for e in annex.OPTIONAL] == [None] * 5
    assert all(e.mandatory for e in annex.MANDATORY)
    assert not any(e.mandatory for e in annex.OPTIONAL)
    assert len(annex.BY_KEY) == 16
    for element in annex.ELEMENTS:
        assert element.label.startswith(element.short_label.split(" (")[0][:12])


def test_fields_exist_and_model_descriptions_cite_the_same_number() -> None:
    fields = Offer.model_fields
    for element in annex.ELEMENTS:
        for name in element.fields:
            assert name in fields, (element.key, name)
        description = fields[element.fields[0]].description or ""
        cited = re.match(r"Annex I \((\d+|optional)\)", description)
        if cited and element.key != "country-region":
            assert cited.group(1) == str(element.number or "optional"), element.key


def test_required_elements_are_required_by_the_model() -> None:
    for element in annex.ELEMENTS:
        if element.required and element.key not in {"country-region", "awarding-body"}:
            assert Offer.model_fields[element.fields[0]].is_required(), element.key


def test_what_is_stated_matches_the_sample() -> None:
    register = load_register(REPO).register
    for offer in register.offers.values():
        stated = annex.stated(offer)
        assert stated["title"] and stated["workload"] and stated["level"]
        assert stated["learning-outcomes"] == bool(offer.learning_outcomes)
        assert stated["grade"] == (offer.grading_scheme is not None)


def test_every_element_has_its_macro_and_the_sheet_lists_none() -> None:
    macros = set(re.findall(r"\{% macro (\w+)\(", (TEMPLATES / "_elements.html").read_text()))
    assert macros == {element.macro for element in annex.ELEMENTS}
    sheet = (TEMPLATES / "_sheet.html").read_text()
    assert "element.key ==" not in sheet
    assert not any(f'"{element.key}"' in sheet for element in annex.ELEMENTS)


def test_api_coverage_table_has_every_element_in_order() -> None:
    assert [key for key, _ in ANNEX_I_COVERAGE] == [e.key for e in annex.ELEMENTS]


def test_elm_note_topics_come_from_the_table() -> None:
    for element in annex.ELEMENTS:
        if element.elm_note:
            assert ANNEX_I_ELEMENTS[element.elm_note].startswith(element.label + " (Annex I, ")
    # The concept published for element 5 since API v1.0 keeps its URI.
    assert annex.BY_KEY["date-of-issuing"].elm_note == "issuance"


def test_checks_cite_elements_from_the_table() -> None:
    assert annex.BY_KEY["date-of-issuing"].reference == "Annex I (5) date of issuing"
    assert annex.BY_KEY["quality-assurance"].reference == "Annex I (11) type of quality assurance"


@pytest.mark.parametrize(
    ("value", "text"),
    [(5.0, "5"), (2.5, "2.5"), (1_000_000.0, "1000000"), (0.25, "0.25"), (7, "7"), (None, "")],
)
def test_numbers_read_as_written(value: float | None, text: str) -> None:
    assert format_number(value) == text


def test_amounts_are_decimals_with_two_places() -> None:
    assert decimal_amount(450.0) == "450.00"
    assert decimal_amount(12.5) == "12.50"


def test_no_output_spells_out_the_not_applicable_level() -> None:
    offenders = []
    for path in sorted((REPO / "generator").rglob("*")):
        if (
            path.suffix not in {".py", ".html"}
            or path == REPO / "generator" / "vocabularies" / "__init__.py"
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if '"not-applicable"' in code:
                offenders.append(f"{path.relative_to(REPO)}:{number}")
    assert offenders == [], offenders
