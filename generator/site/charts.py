"""Bar charts for the home page, drawn at build time as accessible inline SVG.

Each chart is a `<figure>` holding a visible caption, a horizontal bar chart in
SVG and a visually hidden data table. The page needs no JavaScript and makes
no request to draw it, and the same input always gives byte-identical output,
so rebuilding an unchanged register leaves the pages unchanged.

Accessibility pattern, the same for every chart:

- The SVG carries a `<title>` (the chart title) and a `<desc>` listing every
  bar. Without links it is `role="img"` named by both. With links it is
  `role="group"` instead, named by the title and described by the desc,
  because `img` makes its children presentational and a focusable link inside
  it would be hidden from screen readers (axe `nested-interactive`, ACT rule
  307n5z). Each link is then named by its bar's `<title>` ("Germany: 12 offers").
- The SVG's `<text>` is `aria-hidden`: a label wrapped over two lines (or, past
  that, cut) would be read out in pieces, and the title, desc and table already
  say everything.

Each label stands on its own line(s) above its bar, across the chart's whole
width, so labels such as "Engineering, manufacturing and construction" are
shown whole, and the viewBox is about as wide as a phone's column, so the 13-unit
text is drawn at about 13 px there (and larger on wider screens, up to the
stylesheet's cap).
- The table (class `register-sr-only`) lets screen-reader users move through
  the numbers cell by cell.

Colours and fonts come from CSS through the `register-chart__*` classes; the
presentation attributes written here are only defaults that keep the chart
readable without any stylesheet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# The bands are also a search facet, so changing a label breaks saved links:
# add a band rather than rename one.
ECTS_BANDS: tuple[str, ...] = (
    "under 1 ECTS",
    "1–2 ECTS",
    "3–5 ECTS",
    "6–10 ECTS",
    "11–15 ECTS",
    "over 15 ECTS",
    "no ECTS (hours only)",
    "not stated",
)

CHART_ID = re.compile(r"[a-z][a-z0-9-]*")

# Geometry in SVG user units; the viewBox keeps it and the browser scales it. A phone's
# content column is about 360 px wide, so there one unit is drawn as about one pixel.
VIEW_WIDTH = 360
FONT_SIZE = 13
LINE_HEIGHT = 16
BAR_HEIGHT = 14
ROW_GAP = 10
# Room kept after the longest bar for its number (six digits at FONT_SIZE).
VALUE_ROOM = 52
VALUE_GAP = 6
BAR_MAX_WIDTH = VIEW_WIDTH - VALUE_ROOM
# About what fits on one line of VIEW_WIDTH at FONT_SIZE in a proportional font.
LABEL_LINE_CHARS = 44
LABEL_MAX_LINES = 2

# Contrast 4.9:1 on white and 3.3:1 on the dark theme's #1e2129, above the
# 3:1 that WCAG 1.4.11 asks of graphical objects.
BAR_FILL = "#3f6ec6"

SAFE_SCHEMES = ("http://", "https://")


def _check_href(href: str) -> None:
    """Raise ValueError unless `href` is a relative path or an http(s) URL."""
    if not href:
        raise ValueError("href must not be empty; leave it None for a bar without a link")
    # Browsers drop tabs and newlines and treat "\" as "/" when parsing a URL,
    # so "java\tscript:" and "\\evil.example" would slip past the checks below.
    if any(ord(char) <= 0x20 or ord(char) == 0x7F or char == "\\" for char in href):
        raise ValueError(f"href {href!r} contains whitespace, a control character or '\\'")
    lowered = href.lower()
    if lowered.startswith(SAFE_SCHEMES):
        return
    if href.startswith("//"):
        raise ValueError(f"href {href!r} is protocol-relative; write it with https://")
    # A colon before the first "/", "?" or "#" makes the start a URL scheme.
    first_separator = min((i for i, c in enumerate(href) if c in "/?#"), default=len(href))
    if ":" in href[:first_separator]:
        raise ValueError(f"href {href!r} uses a scheme other than http or https")


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts, how many, and optionally where it links.

    `href` is a relative link (e.g. "offers/?eqf=6") or an http(s) URL; any
    other scheme, such as `javascript:`, raises ValueError.
    """

    label: str
    value: int
    href: str | None = None

    def __post_init__(self) -> None:
        """Reject negative or non-integer counts and unsafe links."""
        # bool is an int subclass, and True drawn as a bar of 1 would hide a bug.
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ValueError(f"value of {self.label!r} must be an int, not {self.value!r}")
        if self.value < 0:
            raise ValueError(f"value of {self.label!r} must be >= 0, not {self.value}")
        if self.href is not None:
            _check_href(self.href)


def ects_band(ects: float | None, hours: float | None = None) -> str:
    """Return the band of `ECTS_BANDS` that an offer's ECTS credits fall in.

    Boundaries, with x the credits:
    x < 1 → "under 1 ECTS"; 1 ≤ x < 3 → "1–2 ECTS"; 3 ≤ x < 6 → "3–5 ECTS";
    6 ≤ x ≤ 10 → "6–10 ECTS"; 10 < x ≤ 15 → "11–15 ECTS"; x > 15 → "over 15 ECTS";
    no credits but `hours` → "no ECTS (hours only)"; neither → "not stated".
    So 2.5 is in "1–2 ECTS" and 10.5 in "11–15 ECTS".
    """
    if ects is None:
        return ECTS_BANDS[6] if hours else ECTS_BANDS[7]
    if ects < 1:
        return ECTS_BANDS[0]
    if ects < 3:
        return ECTS_BANDS[1]
    if ects < 6:
        return ECTS_BANDS[2]
    if ects <= 10:
        return ECTS_BANDS[3]
    if ects <= 15:
        return ECTS_BANDS[4]
    return ECTS_BANDS[5]


def _number(value: float) -> str:
    """Format a coordinate to at most one decimal, without float noise or "-0"."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    if rounded == math.floor(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def label_lines(label: str) -> list[str]:
    """Break a label into lines at spaces; past `LABEL_MAX_LINES`, cut it and mark the cut "…"."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > LABEL_MAX_LINES or any(len(line) > LABEL_LINE_CHARS for line in lines):
        lines = lines[:LABEL_MAX_LINES]
        last = lines[-1][: LABEL_LINE_CHARS - 1].rstrip()
        lines[-1] = last + "…"
        lines = [line[:LABEL_LINE_CHARS] for line in lines]
    return lines


def _row_height(bar: Bar) -> int:
    """Height of one row: its label's lines, the bar, and the gap to the next row."""
    return len(label_lines(bar.label)) * LINE_HEIGHT + BAR_HEIGHT + ROW_GAP


def _bar_group(top: int, bar: Bar, largest: int, unit: str) -> str:
    """Draw one row at `top`: the label above, the bar (none for 0) and its count after it.

    The full label is in the row's `<title>`. A linked row is the `<a>` itself rather than
    a `<g>` inside one, so the `<title>` is the link's direct child and reliably becomes
    its name.
    """
    if bar.href is None:
        opening, closing = '<g class="register-chart__row">', "</g>"
    else:
        opening = f'<a class="register-chart__row register-chart__link" href="{escape(bar.href)}">'
        closing = "</a>"
    lines = label_lines(bar.label)
    # Baselines: the text's descenders stay clear of the bar below.
    spans = "".join(
        f'<tspan x="0" y="{top + (index + 1) * LINE_HEIGHT - 4}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    bar_top = top + len(lines) * LINE_HEIGHT
    middle = _number(bar_top + BAR_HEIGHT / 2)
    width = bar.value / largest * BAR_MAX_WIDTH if largest else 0.0
    parts = [
        f"{opening}<title>{escape(bar.label)}: {escape(_count(bar.value, unit))}</title>",
        f'<text class="register-chart__label" fill="currentColor" aria-hidden="true">{spans}</text>',
    ]
    if bar.value > 0:
        parts.append(
            f'<rect class="register-chart__bar" x="0" y="{bar_top}" width="{_number(width)}" '
            f'height="{BAR_HEIGHT}" fill="{BAR_FILL}"/>'
        )
    parts.append(
        f'<text class="register-chart__value" x="{_number(width + VALUE_GAP)}" '
        f'y="{middle}" dominant-baseline="central" fill="currentColor" '
        f'aria-hidden="true">{bar.value}</text>'
    )
    parts.append(closing)
    return "".join(parts)


def _count(value: int, unit: str) -> str:
    """A count with its unit, singular for one ("1 offer") when the unit is a plain plural."""
    if value == 1 and unit.endswith("s"):
        return f"1 {unit[:-1]}"
    return f"{value} {unit}"


def _summary(bars: Sequence[Bar], unit: str) -> str:
    """Spell out every bar, e.g. "EQF 5: 3 offers; EQF 6: 12 offers."."""
    return "; ".join(f"{bar.label}: {_count(bar.value, unit)}" for bar in bars) + "."


def _table(title: str, bars: Sequence[Bar], unit: str) -> str:
    """The chart's data as a table for screen readers, hidden visually by CSS."""
    rows = "".join(
        f'<tr><th scope="row">{escape(bar.label)}</th><td>{bar.value}</td></tr>' for bar in bars
    )
    return (
        # The wrapper hides the table (a table is never narrower than its content); the class
        # keeps Material from wrapping it in a scrollable box.
        f'<div class="register-sr-only"><table class="register-chart__table"><caption>{escape(title)}</caption>'
        f'<thead><tr><th scope="col">Category</th>'
        f'<th scope="col">Number of {escape(unit)}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, unit: str = "offers") -> Markup:
    """Render a horizontal bar chart as a `<figure>` with inline SVG and a data table.

    `chart_id` becomes the figure's id and prefixes the SVG's title and desc
    ids, so it must match `^[a-z][a-z0-9-]*$` and be unique on the page.
    Bars are scaled to the largest value and drawn in the order given; a bar
    of 0 shows only its number. With no bars the figure says "No {unit} yet."
    instead of drawing. `unit` is written after every count (singular for a count of one).

    Raises ValueError for an invalid `chart_id` or an empty `title`.
    """
    if not CHART_ID.fullmatch(chart_id):
        raise ValueError(f"chart_id {chart_id!r} must match ^[a-z][a-z0-9-]*$")
    if not title.strip():
        raise ValueError("title must not be empty: it is the chart's accessible name")

    caption = f"<figcaption>{escape(title)}</figcaption>"
    opening = f'<figure class="register-chart" id="{chart_id}">'
    if not bars:
        empty = f'<p class="register-chart__empty">No {escape(unit)} yet.</p>'
        return Markup(f"{opening}\n{caption}\n{empty}\n</figure>")

    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    if any(bar.href is not None for bar in bars):
        role = f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}"'
    else:
        role = f'role="img" aria-labelledby="{title_id} {desc_id}"'
    largest = max(bar.value for bar in bars)
    drawn, height = [], 0
    for bar in bars:
        drawn.append(_bar_group(height, bar, largest, unit))
        height += _row_height(bar)
    height -= ROW_GAP
    rows = "\n".join(drawn)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="register-chart__svg" {role} '
        f'viewBox="0 0 {VIEW_WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-size="{FONT_SIZE}">\n'
        f'<title id="{title_id}">{escape(title)}</title>\n'
        f'<desc id="{desc_id}">{escape(_summary(bars, unit))}</desc>\n'
        f"{rows}\n</svg>"
    )
    return Markup(f"{opening}\n{caption}\n{svg}\n{_table(title, bars, unit)}\n</figure>")
