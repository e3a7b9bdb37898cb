"""The accessibility statement (Implementing Decision (EU) 2018/1523) and its settings."""

from __future__ import annotations

from datetime import date

from generator.catalogue import Catalogue
from generator.site.pages import Renderer, accessibility_page
from tests.support.registers import CONFIG, RegisterDir

SECTIONS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
    "Feedback and contact information",
    "Enforcement procedure",
]


def _statement(reg: RegisterDir) -> str:
    result = reg.load()
    assert not result.problems.errors, result.problems.errors
    data = Catalogue(result.register)
    page = accessibility_page(data, Renderer(data, date(2026, 11, 20)))
    assert page.url == "accessibility/"
    return page.html or ""


def test_the_statement_has_the_model_sections_in_order(reg: RegisterDir) -> None:
    html = _statement(reg)
    places = [html.find(f">{title}</h2>") for title in SECTIONS]
    assert -1 not in places and places == sorted(places)
    assert "<strong>partially compliant</strong>" in html
    # Without settings it says who must name the enforcement body, and where.
    assert "accessibility.enforcement_url" in html
    assert "has not yet recorded a review date" in html


def test_enforcement_body_and_review_date_come_from_register_yml(reg: RegisterDir) -> None:
    reg.write(
        "register.yml",
        CONFIG
        + "accessibility:\n"
        + "  enforcement_body: Agency for Digital Italy (AgID)\n"
        + "  enforcement_url: https://www.agid.gov.it/\n"
        + "  reviewed: 2026-11-02\n",
    )
    html = _statement(reg)
    assert (
        '<a href="https://www.agid.gov.it/" rel="noopener">Agency for Digital Italy (AgID)</a>'
        in html
    )
    assert "2 November 2026" in html
    assert "accessibility.enforcement_url" not in html


def test_an_enforcement_url_must_be_a_web_address(reg: RegisterDir) -> None:
    reg.write(
        "register.yml",
        CONFIG + "accessibility:\n  enforcement_url: javascript:alert(1)\n  complaints: x\n",
    )
    problems = reg.load().problems.errors
    fields = {problem.field_path for problem in problems}
    assert any("enforcement_url" in field for field in fields), problems
    assert any("complaints" in field for field in fields), problems
