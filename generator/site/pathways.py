"""Pathways: offers in the register that stack towards a larger one (`integration.towards_offers`).

A pathway is an offer that others stack towards, with those offers. Each is shown as a
diagram drawn at build time (SVG, no script) and, as its text equivalent, an ordered list:
first the offers that stack, then what they count towards. The pathways page lists every
one; the fact sheet of each offer involved shows its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.catalogue import Catalogue
from generator.models.offer import Offer
from generator.site.charts import label_lines

VIEW_WIDTH = 360
LINE_HEIGHT = 16
PADDING = 8
GAP = 10
ARROW = 28


@dataclass(frozen=True)
class Pathway:
    """An offer others stack towards (`target`) and those offers (`parts`, by title)."""

    target: Offer
    parts: tuple[Offer, ...]

    @property
    def anchor(self) -> str:
        """Its id on the pathways page."""
        return f"pathway-{self.target.id}"


def pathway_to(data: Catalogue, target: Offer) -> Pathway | None:
    """The pathway towards `target`, if any published offer stacks towards it."""
    parts = data.stacks_from.get(target.id, [])
    if target.is_withdrawn or not parts:
        return None
    return Pathway(target, tuple(parts))


def pathways(data: Catalogue) -> list[Pathway]:
    """Every pathway of the register, by the title of what it leads to."""
    found = (pathway_to(data, offer) for offer in data.offers_by_title)
    return [pathway for pathway in found if pathway is not None]


def pathways_of(data: Catalogue, offer: Offer) -> list[Pathway]:
    """The pathways an offer is part of or leads to: its own first, then those it stacks into."""
    targets = [offer.id] + (list(offer.integration.towards_offers) if offer.integration else [])
    result = []
    for target_id in dict.fromkeys(targets):
        target = data.register.offers.get(target_id)
        pathway = pathway_to(data, target) if target else None
        if pathway is not None:
            result.append(pathway)
    return result


def _box(top: int, title: str, strong: bool) -> tuple[str, int]:
    lines = label_lines(title)
    height = len(lines) * LINE_HEIGHT + 2 * PADDING
    weight = ' font-weight="700"' if strong else ""
    spans = "".join(
        f'<tspan x="{PADDING * 2}" y="{top + PADDING + (i + 1) * LINE_HEIGHT - 4}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    stroke = 2 if strong else 1
    svg = (
        f'<rect x="1" y="{top}" width="{VIEW_WIDTH - 2}" height="{height}" rx="6" '
        f'fill="none" stroke="currentColor" stroke-width="{stroke}"/>'
        f'<text fill="currentColor" font-size="13"{weight}>{spans}</text>'
    )
    return svg, height


def diagram(pathway: Pathway) -> Markup:
    """The pathway drawn top to bottom: the stacking offers, an arrow, what they lead to.

    The SVG is named by its title and described by its list (the ordered list beside it
    says the same, with links), so it needs no script and scales to a phone's width.
    """
    parts, top = [], 0
    for offer in pathway.parts:
        svg, height = _box(top, offer.title.default, strong=False)
        parts.append(svg)
        top += height + GAP
    middle = VIEW_WIDTH // 2
    parts.append(
        f'<path d="M{middle} {top} v{ARROW - 8}" stroke="currentColor" stroke-width="2"/>'
        f'<path d="M{middle - 6} {top + ARROW - 10} l6 8 l6 -8 z" fill="currentColor"/>'
    )
    top += ARROW + 2
    svg, height = _box(top, pathway.target.title.default, strong=True)
    parts.append(svg)
    top += height + 2
    title_id = f"{pathway.anchor}-title"
    names = "; ".join(offer.title.default for offer in pathway.parts)
    title = f"{names}: stack towards {pathway.target.title.default}"
    return Markup(
        f'<svg class="register-pathway__diagram" viewBox="0 0 {VIEW_WIDTH} {top}" '
        f'role="img" aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<g aria-hidden="true">{"".join(parts)}</g></svg>'
    )
