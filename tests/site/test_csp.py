"""The Content-Security-Policy: on every page, before any script, hashes only for inline code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.csp import inline_script_hashes, policy, with_policy

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<script>var a = 1;</script>
<script type="application/ld+json">{"@type": "Course"}</script>
<script id="__config" type="application/json">{"base": ".."}</script>
<script src="bundle.js"></script>
<script type="module">import "./x.js";</script>
</head><body><script>var a = 1;</script></body></html>"""


def test_only_inline_executable_scripts_are_hashed() -> None:
    # sha256 of "var a = 1;" and of 'import "./x.js";' (each once), not of the data blocks.
    assert inline_script_hashes(PAGE) == [
        "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='",
        "'sha256-ae9CWNm2AQn3diQUVNo7SPmzTz6WaKKxYFfjYE1/2aE='",
    ]


def test_the_policy_blocks_inline_code_but_lets_pagefind_run() -> None:
    text = policy(PAGE)
    script_src = next(d for d in text.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'wasm-unsafe-eval'" in script_src
    assert "object-src 'none'" in text and "base-uri 'self'" in text


def test_the_policy_comes_before_the_first_script() -> None:
    html = with_policy(PAGE)
    assert html.index("Content-Security-Policy") < html.index("<script")
    with pytest.raises(ValueError):
        with_policy("<html><head><script>x()</script></head></html>")


def test_every_built_page_has_a_policy_and_no_inline_handlers(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 60
    handler = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("<script")] if "<script" in html else html
        assert 'http-equiv="Content-Security-Policy"' in head, page
        assert not handler.search(html), page
