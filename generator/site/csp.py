"""A Content-Security-Policy for every page, as a `<meta>` tag (static hosts set no headers).

Scripts may come only from the site itself, plus the handful of small inline
scripts Material for MkDocs writes into each page, each allowed by its SHA-256
hash (they differ from page to page: they hold the page's relative root). So an
injected `<script>` or `on…=` handler does not run even if it ever got past the
escaping and the HTML cleaner. Pagefind compiles its WebAssembly search module,
which needs `'wasm-unsafe-eval'`; styles allow inline `style` attributes, which
Material's components set. Data blocks (`application/json`, JSON-LD) are not
scripts and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources (`'sha256-…'`) for the page's inline executable scripts, in page order."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attributes, body = match.group(1) or "", match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str) -> str:
    """The policy for this page."""
    hashes = "".join(f" {source}" for source in inline_script_hashes(html))
    return "; ".join(DIRECTIVES).format(hashes=hashes)


def with_policy(html: str) -> str:
    """The page with its policy as the first thing after `<meta charset>`, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        raise ValueError("the page has no <meta charset> to put the policy after")
    return html[: match.end()] + tag + html[match.end() :]
