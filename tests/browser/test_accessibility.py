"""axe-core on one page of each kind: no serious or critical violations.

Each page is checked in the light scheme; some also in the dark scheme and at a
phone's width (see VARIANTS).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

BLOCKING = {"serious", "critical"}

PAGES = {
    "home": "",
    "browse": "browse/",
    "browse-results": "browse/?sort=title",
    "fact-sheet": "offers/trivium-summer-school-ai-ethics/",
    "tombstone": "offers/forklift-safe-operation/",
    "provider": "providers/jarvimaa-uas/",
    "recognition-overview": "recognition/",
    "recognition-policy": "recognition/jarvimaa-uas/",
    "about": "about/",
    "field-reference": "contributing/fields/",
    "api-documentation": "api/",
    "accessibility-statement": "accessibility/",
    "pathways": "pathways/",
    "compare": "compare/?offers=trivium-summer-school-ai-ethics,bim-for-site-supervisors,"
    "heat-pump-installation",
}
PHONE = {"width": 390, "height": 844}

# Every page is checked in the default light scheme; the dark scheme and a phone's
# width only where they change what the page is made of (colours of links, buttons and
# code; tables and charts that must fit or scroll), to keep the suite fast.
VARIANTS = {
    "light": list(PAGES),
    "dark": ["home", "browse-results", "fact-sheet", "provider", "compare"],
    "phone": ["home", "browse", "fact-sheet", "recognition-overview", "compare", "pathways"],
}

# Site bugs this test found, reported and not yet fixed. Strict: once fixed, the
# unexpected pass fails the run, so the mark is removed and the page stays checked.
SITE_BUGS: dict[tuple[str, str], str] = {}


def cases() -> list[Any]:
    """The pages to check, each in its variants, with known site bugs marked."""
    params = []
    for variant, names in VARIANTS.items():
        for name in names:
            bug = SITE_BUGS.get((name, variant))
            xfail = pytest.mark.xfail(raises=AssertionError, strict=True, reason=f"site bug: {bug}")
            marks = [xfail] if bug else []
            params.append(pytest.param(PAGES[name], variant, id=f"{name}-{variant}", marks=marks))
    return params


def describe(violation: dict[str, Any]) -> str:
    """One line per violation: rule, impact, what it asks for and where it fails first."""
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"— {len(violation['nodes'])} node(s), first: {targets}"
    )


@pytest.mark.parametrize(("path", "variant"), cases())
def test_no_serious_accessibility_violations(
    page: Page, base_url: str, path: str, variant: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # Material follows prefers-color-scheme, so dark-mode readers get the slate palette.
    if variant == "dark":
        page.emulate_media(color_scheme="dark")
    elif variant == "phone":
        page.set_viewport_size(PHONE)
    page.goto(f"{base_url}{path}")
    if path.startswith("browse/"):
        # Check the search UI once it has rendered: the static list, or the results.
        page.wait_for_selector("#register-search-status:text-matches('offers? found$')")
        if "?" in path:
            page.wait_for_selector("#register-search-results > li")
    if path.startswith("compare/"):
        # Check the table once its columns are filled from the fact sheets.
        page.wait_for_selector("#register-compare-status:text-matches('^Comparing')")
    violations = Axe().run(page).response["violations"]

    by_impact = Counter(violation["impact"] for violation in violations)
    summary = ", ".join(f"{n} {impact}" for impact, n in sorted(by_impact.items())) or "none"
    print(f"\naxe /{path} ({variant}): {summary} [{', '.join(v['id'] for v in violations)}]")

    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"serious or critical violations on /{path} ({variant}):\n" + "\n".join(
        describe(v) for v in blocking
    )
