"""The Content-Security-Policy in Chromium: the page's own scripts run, injected ones do not.

Every other browser test also runs under the policy: a violation is a console
error, which fails them (search with Pagefind's WebAssembly included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def test_injected_inline_script_is_refused_and_material_still_runs(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto(f"{base_url}offers/trivium-summer-school-ai-ethics/")
    # Material's hashed inline scripts ran: they define __md_scope before the bundle loads.
    assert page.evaluate("typeof __md_scope") == "object"
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true";
            document.head.append(script);
            const div = document.createElement("div");
            div.innerHTML = '<img src="x" onerror="window.__handler = true">';
            document.body.append(div);
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__injected === undefined && window.__handler === undefined")
    # One report for the script element, one for the event handler.
    assert len(violations) == 2, violations
    assert all("violates the following Content Security Policy" in t for t in violations)
    context.close()
