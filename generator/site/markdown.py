"""Partner-written texts as safe HTML fragments: restricted Markdown and plain text.

Validation (`generator.models.text`) already refuses raw HTML, images and links other
than http(s) and mailto. Rendering is a second fence and assumes nothing about its
input: the Markdown parser does not pass HTML through and only makes links of
http(s) and mailto targets, and its output is then cleaned against an allow-list
of tags, attributes and URL schemes.

Both the parser and the cleaner are built once, at import: they run for every offer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape

__all__ = ["literal_markdown", "render_markdown", "render_plain"]

# The page owns h1 and h2, so a partner's `#` heading becomes an h3.
_HEADING_SHIFT = 2
_DEEPEST_HEADING = 6

# Relative links are refused too: a partner text has no business pointing into the site.
_ALLOWED_LINK = re.compile(r"^(?:https?://|mailto:)\S", re.IGNORECASE)

_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "hr",
    }
)
# "*" is spelled out as empty: left out, nh3 would keep its default `lang` and `title` everywhere.
_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "*": set[str]()}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_LINK_REL = "nofollow noopener"


def _is_allowed_link(url: str) -> bool:
    return _ALLOWED_LINK.match(url.strip()) is not None


def _shift_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1:]) + _HEADING_SHIFT, _DEEPEST_HEADING)
            token.tag = f"h{level}"


def _drop_refused_links(state: StateCore) -> None:
    # `[text]()` still parses as a link, with the refused empty target; keep only its text.
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _without_refused_links(token.children)


def _without_refused_links(children: Sequence[Token]) -> list[Token]:
    kept: list[Token] = []
    refused: list[bool] = []  # one entry per open link: is it being dropped?
    for child in children:
        if child.type == "link_open":
            refused.append(not _is_allowed_link(str(child.attrGet("href") or "")))
            if refused[-1]:
                continue
        elif child.type == "link_close" and refused and refused.pop():
            continue
        kept.append(child)
    return kept


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")
    # markdown-it calls `validateLink` on the instance for links, autolinks and references.
    parser.validateLink = _is_allowed_link  # type: ignore[method-assign]
    parser.core.ruler.push("shift_headings", _shift_headings)
    parser.core.ruler.push("drop_refused_links", _drop_refused_links)
    return parser


_PARSER = _build_parser()
_CLEANER = nh3.Cleaner(
    tags=set(_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    strip_comments=True,
    link_rel=_LINK_REL,
    url_schemes=set(_URL_SCHEMES),
    url_relative="deny",
)

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def render_markdown(text: str) -> Markup:
    """Restricted Markdown → safe HTML fragment.

    CommonMark without raw HTML or images; headings shifted down two levels (`#` → h3,
    capped at h6); links only to http(s) and mailto targets, with
    `rel="nofollow noopener"` (anything else stays text). The HTML is then cleaned
    against an allow-list, so the result is safe even for unvalidated input.
    """
    return Markup(_CLEANER.clean(_PARSER.render(text)))


def render_plain(text: str) -> Markup:
    """Plain text → escaped HTML: paragraphs split on blank lines (<p>), single newlines → <br>."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(normalised):
        block = block.strip()
        if block:
            lines = "<br>\n".join(str(escape(line)) for line in block.split("\n"))
            paragraphs.append(f"<p>{lines}</p>")
    return Markup("\n".join(paragraphs))


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def literal_markdown(text: str) -> str:
    """`text` to put inside a page written in Markdown, so that it shows exactly as written.

    The site engine's Markdown passes HTML through, so a register's data (a provider's
    name, the register's) is HTML-escaped and every Markdown punctuation character
    backslash-escaped: `[x](javascript:…)` stays text, not a link. One line.
    """
    escaped = str(escape(" ".join(text.split())))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)
