"""Charts: structure, scaling, escaping, link safety and ECTS bands."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.site.charts import BAR_MAX_WIDTH, ECTS_BANDS, VIEW_WIDTH, Bar, bar_chart, ects_band

SVG = "{http://www.w3.org/2000/svg}"
EQF = [Bar("EQF 5", 3), Bar("EQF 6", 12), Bar("EQF 7", 6)]


def parse(markup: str) -> ET.Element:
    """Parse the whole figure as XML, which also proves it is well-formed."""
    return ET.fromstring(str(markup))


def bar_widths(figure: ET.Element) -> list[float]:
    return [float(rect.get("width", "")) for rect in figure.iter(f"{SVG}rect")]


def test_figure_caption_svg_and_table() -> None:
    figure = parse(bar_chart("by-eqf", "Offers by EQF level", EQF))
    assert figure.tag == "figure"
    assert figure.get("class") == "register-chart"
    assert figure.get("id") == "by-eqf"
    assert figure.findtext("figcaption") == "Offers by EQF level"

    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "by-eqf-title by-eqf-desc"
    assert svg.get("viewBox") == f"0 0 {VIEW_WIDTH} 110"  # 3 rows of 40, less one gap
    assert svg.get("width") == "100%"
    assert svg.get("preserveAspectRatio")
    assert svg.find(f"{SVG}title").get("id") == "by-eqf-title"
    assert svg.findtext(f"{SVG}title") == "Offers by EQF level"
    assert svg.find(f"{SVG}desc").get("id") == "by-eqf-desc"
    assert svg.findtext(f"{SVG}desc") == "EQF 5: 3 offers; EQF 6: 12 offers; EQF 7: 6 offers."

    wrapper = figure.find("div")
    assert wrapper is not None and wrapper.get("class") == "register-sr-only"
    table = wrapper.find("table")
    assert table is not None
    assert table.findtext("caption") == "Offers by EQF level"
    assert [th.text for th in table.iter("th") if th.get("scope") == "col"] == [
        "Category",
        "Number of offers",
    ]
    rows = [(tr.findtext("th"), tr.findtext("td")) for tr in table.find("tbody")]
    assert rows == [("EQF 5", "3"), ("EQF 6", "12"), ("EQF 7", "6")]


def test_ids_are_unique_within_a_chart() -> None:
    html = str(bar_chart("by-eqf", "Offers", EQF))
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 3


def test_bars_scale_to_the_largest_value() -> None:
    figure = parse(bar_chart("scale", "Scale", [Bar("all", 10), Bar("half", 5)]))
    assert bar_widths(figure) == [BAR_MAX_WIDTH, BAR_MAX_WIDTH / 2]


def test_value_is_written_after_the_bar() -> None:
    figure = parse(bar_chart("scale", "Scale", [Bar("all", 10), Bar("half", 5)]))
    rect = next(figure.iter(f"{SVG}rect"))
    values = [t for t in figure.iter(f"{SVG}text") if t.get("class") == "register-chart__value"]
    end = float(rect.get("x", "")) + float(rect.get("width", ""))
    assert float(values[0].get("x", "")) > end
    assert [t.text for t in values] == ["10", "5"]


def test_coordinates_have_no_float_noise() -> None:
    html = str(bar_chart("thirds", "Thirds", [Bar("a", 3), Bar("b", 1), Bar("c", 2)]))
    numbers = re.findall(r'(?:x|y|width)="([0-9.]+)"', html)
    assert numbers
    assert all(re.fullmatch(r"\d+(\.\d)?", n) for n in numbers), numbers


def test_zero_draws_no_bar_but_shows_its_number() -> None:
    figure = parse(bar_chart("zero", "Zero", [Bar("some", 4), Bar("none", 0)]))
    assert len(bar_widths(figure)) == 1
    values = [
        t.text for t in figure.iter(f"{SVG}text") if t.get("class") == "register-chart__value"
    ]
    assert values == ["4", "0"]


def test_all_zero_does_not_divide_by_zero() -> None:
    figure = parse(bar_chart("zero", "Zero", [Bar("a", 0), Bar("b", 0)]))
    assert bar_widths(figure) == []


def test_empty_chart_says_so_instead_of_drawing() -> None:
    html = str(bar_chart("empty", "Offers by country", []))
    figure = parse(html)
    assert figure.findtext("figcaption") == "Offers by country"
    assert figure.findtext("p") == "No offers yet."
    assert "<svg" not in html
    assert "<table" not in html


def test_user_text_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    html = str(bar_chart("evil", f"Title {evil}", [Bar(evil, 1, href='offers/?q="x"&a=<b>')]))
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    figure = parse(html)
    assert figure.findtext("figcaption") == f"Title {evil}"
    link = figure.find(f".//{SVG}a")
    assert link.get("href") == 'offers/?q="x"&a=<b>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<b>",
        "vbscript:x",
        "//evil.example/",
        "\\\\evil.example/",
        "",
    ],
)
def test_unsafe_hrefs_are_rejected(href: str) -> None:
    with pytest.raises(ValueError):
        bar_chart("links", "Links", [Bar("x", 1, href=href)])


@pytest.mark.parametrize(
    "href",
    ["offers/?eqf=6", "../offers/", "/offers/de/", "#top", "?eqf=6", "https://europa.eu/x:y"],
)
def test_relative_and_http_hrefs_are_kept(href: str) -> None:
    figure = parse(bar_chart("links", "Links", [Bar("x", 1, href=href)]))
    assert figure.find(f".//{SVG}a").get("href") == href


def test_links_make_the_svg_a_group_not_an_image() -> None:
    # role="img" hides its children, so a focusable link inside it would be unreachable.
    figure = parse(bar_chart("links", "Links", [Bar("x", 1, href="offers/"), Bar("y", 2)]))
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "links-title"
    assert svg.get("aria-describedby") == "links-desc"
    links = list(svg.iter(f"{SVG}a"))
    assert len(links) == 1
    # The title is the link's own child, so it names the link.
    assert links[0].findtext(f"{SVG}title") == "x: 1 offer"
    assert [g.findtext(f"{SVG}title") for g in svg.iter(f"{SVG}g")] == ["y: 2 offers"]


@pytest.mark.parametrize("chart_id", ["", "1abc", "By-eqf", "a b", 'a"onload="x', "a\n", "-a"])
def test_invalid_chart_id_is_rejected(chart_id: str) -> None:
    with pytest.raises(ValueError):
        bar_chart(chart_id, "Title", EQF)


def test_empty_title_is_rejected() -> None:
    with pytest.raises(ValueError):
        bar_chart("x", "  ", EQF)


@pytest.mark.parametrize("value", [-1, 1.5, True])
def test_bad_values_are_rejected(value: object) -> None:
    with pytest.raises(ValueError):
        Bar("x", value)  # type: ignore[arg-type]


def label_lines(figure: ET.Element) -> list[list[str]]:
    """The lines of each drawn label."""
    return [
        [span.text or "" for span in text.iter(f"{SVG}tspan")]
        for text in figure.iter(f"{SVG}text")
        if text.get("class") == "register-chart__label"
    ]


def test_labels_stand_whole_above_their_bars() -> None:
    label = "Engineering, manufacturing and construction"
    figure = parse(bar_chart("fields", "Fields", [Bar(label, 7)]))
    assert label_lines(figure) == [[label]]
    spans = list(figure.iter(f"{SVG}tspan"))
    rect = next(figure.iter(f"{SVG}rect"))
    assert float(spans[0].get("y", "")) < float(rect.get("y", "")), "the label is above the bar"
    assert rect.get("x") == spans[0].get("x") == "0"


def test_long_labels_wrap_onto_a_second_line() -> None:
    label = "Information and Communication Technologies (ICTs) and related programmes"
    figure = parse(bar_chart("fields", "Fields", [Bar(label, 7)]))
    (lines,) = label_lines(figure)
    assert len(lines) == 2
    assert " ".join(lines) == label
    svg = figure.find(f"{SVG}svg")
    assert svg.get("viewBox") == f"0 0 {VIEW_WIDTH} 46"  # two lines of 16 and a bar of 14


def test_labels_too_long_for_two_lines_are_cut_but_kept_whole_for_readers() -> None:
    label = " ".join(["Interdisciplinary"] * 8)
    figure = parse(bar_chart("fields", "Fields", [Bar(label, 7)]))
    (lines,) = label_lines(figure)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert label.startswith(" ".join(lines)[:-1])
    assert figure.find(f".//{SVG}g").findtext(f"{SVG}title") == f"{label}: 7 offers"
    assert figure.find("div/table/tbody/tr/th").text == label
    assert label in figure.findtext(f".//{SVG}desc")


def test_short_labels_are_not_cut() -> None:
    figure = parse(bar_chart("c", "C", [Bar("Germany", 2)]))
    assert label_lines(figure) == [["Germany"]]


def test_height_grows_with_the_number_of_bars() -> None:
    bars = [Bar(f"Country {n}", n) for n in range(10)]
    svg = parse(bar_chart("c", "C", bars)).find(f"{SVG}svg")
    assert svg.get("viewBox") == f"0 0 {VIEW_WIDTH} 390"


def test_unit_is_used_in_text() -> None:
    html = str(bar_chart("p", "Providers", [Bar("DE", 2)], unit="providers"))
    assert "DE: 2 providers." in html
    assert str(bar_chart("p", "Providers", [], unit="providers")).count("No providers yet.") == 1


def test_output_is_deterministic() -> None:
    bars = [Bar("EQF 5", 3, "offers/?eqf=5"), Bar("Information and Communication Technologies", 7)]
    first = bar_chart("det", "Deterministic", bars)
    second = bar_chart("det", "Deterministic", list(bars))
    assert str(first) == str(second)


def test_no_scripts_or_external_requests() -> None:
    html = str(bar_chart("c", "C", EQF))
    assert "<script" not in html
    assert "<style" not in html
    assert not re.search(r"(src|xlink:href)=", html)


@pytest.mark.parametrize(
    ("ects", "band"),
    [
        (0, "under 1 ECTS"),
        (0.5, "under 1 ECTS"),
        (1, "1–2 ECTS"),
        (2.9, "1–2 ECTS"),
        (3, "3–5 ECTS"),
        (5.99, "3–5 ECTS"),
        (6, "6–10 ECTS"),
        (10, "6–10 ECTS"),
        (10.5, "11–15 ECTS"),
        (15, "11–15 ECTS"),
        (15.5, "over 15 ECTS"),
        (None, "not stated"),
    ],
)
def test_ects_band_boundaries(ects: float | None, band: str) -> None:
    assert ects_band(ects) == band
    assert band in ECTS_BANDS


def test_offers_stated_in_hours_only_are_not_called_not_stated() -> None:
    assert ects_band(None, 40) == "no ECTS (hours only)"
    assert ects_band(None, None) == "not stated"
    assert ects_band(5, 125) == "3–5 ECTS"


def test_ects_bands_are_stable() -> None:
    # The labels are a search facet; renaming one breaks saved searches (add, never rename).
    assert ECTS_BANDS == (
        "under 1 ECTS",
        "1–2 ECTS",
        "3–5 ECTS",
        "6–10 ECTS",
        "11–15 ECTS",
        "over 15 ECTS",
        "no ECTS (hours only)",
        "not stated",
    )
