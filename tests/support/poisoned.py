"""The sample register with a script/HTML payload in every text field, every web address
and every email address, built into a site as if validation had let it all through.

Validation refuses HTML, images and `javascript:` links (tests/adversarial); this
proves the second line of defence: whatever a record holds, the pages show it as
text and nothing in it runs. The register is poisoned after it is loaded, so the
payloads reach the templates, the Markdown renderer, the JSON-LD and the search
index unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import generator.mkdocs.plugin
from generator.mkdocs.build import build_site
from generator.models.text import LocalizedText
from generator.register import LoadResult, RecordCache, load_register

MARK = "__pwned"
"""Every payload sets `window.__pwned` or carries `data-pwned`: finding either is a failure."""

PAYLOAD = (
    f"<script>window.{MARK}='script'</script>"
    f"<img src=x onerror=\"window.{MARK}='img'\" data-pwned>"
    f'"><svg onload="window.{MARK}=\'svg\'" data-pwned>'
    f"'><a href=\"javascript:window.{MARK}='a'\" data-pwned>a</a>"
    "</textarea></title></script></style><b data-pwned>b</b>"
    f"[link](javascript:window.{MARK}='md') ![image](https://tracker.example/pixel.png) "
    "<https://tracker.example/auto> {{ 7*7 }} {% raw %} &lt;i&gt; \u202e reversed"
)
"""HTML, event handlers, quote breaking, closing tags, Markdown links and images, Jinja."""

URL_PAYLOAD = f"javascript:window.{MARK}='url'"
EMAIL_PAYLOAD = f'x@example.org"><script>window.{MARK}="mail"</script>'

REPO = Path(__file__).resolve().parents[2]


def _poison(value: Any, name: str = "") -> Any:
    if isinstance(value, LocalizedText):
        return LocalizedText({language: PAYLOAD for language in value.texts})
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={
                field: _poison(getattr(value, field), field) for field in type(value).model_fields
            }
        )
    if isinstance(value, list):
        return [_poison(item, name) for item in value]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return URL_PAYLOAD
    if isinstance(value, str) and "@" in value and name in {"contact", "email"}:
        return EMAIL_PAYLOAD
    return value  # ids, codes, dates and numbers: the pages look them up, they are no text


def _poisoned_load(root: Path, cache: RecordCache | None = None) -> LoadResult:
    result = load_register(root, cache)
    register = result.register
    register.providers = {pid: _poison(p) for pid, p in register.providers.items()}
    register.offers = {oid: _poison(o) for oid, o in register.offers.items()}
    return result


def build_poisoned_site(work: Path, site: Path, *, search: bool) -> Path:
    """Copy the sample register into `work` and build its poisoned site into `site`."""
    for name in ("register.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, work / name)
    for folder in ("providers", "offers", "docs", "theme_overrides"):
        shutil.copytree(REPO / folder, work / folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.mkdocs.plugin, "load_register", _poisoned_load)
        return build_site(work, site, search=search)
