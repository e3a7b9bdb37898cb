"""Rendering partner texts: restricted Markdown and plain text become safe HTML fragments.

The renderer is the second fence behind validation, so the hostile cases here are
fed to it directly, as if validation had been skipped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.site.markdown import render_markdown, render_plain
from tests.support.registers import fuzz_examples

REL = 'rel="nofollow noopener"'
ALLOWED_TAGS = {
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


class _Tags(HTMLParser):
    """Collects every start tag of a fragment with its (unescaped) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def hrefs(html: str) -> list[str | None]:
    return [
        value
        for tag, attrs in tags_of(html)
        if tag == "a"
        for name, value in attrs
        if name == "href"
    ]


# --- Markdown ------------------------------------------------------------------


def test_emphasis() -> None:
    assert render_markdown("*a* and **b** and _c_") == Markup(
        "<p><em>a</em> and <strong>b</strong> and <em>c</em></p>\n"
    )


def test_nested_emphasis() -> None:
    html = render_markdown("**bold *and italic* text**")
    assert "<strong>bold <em>and italic</em> text</strong>" in html


def test_lists() -> None:
    assert render_markdown("- one\n- two") == Markup("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    assert render_markdown("3. three\n4. four") == Markup(
        '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n'
    )


@pytest.mark.parametrize(
    ("source", "tag"),
    [("# T", "h3"), ("## T", "h4"), ("### T", "h5"), ("#### T", "h6"), ("###### T", "h6")],
)
def test_headings_are_shifted_below_the_page_headings(source: str, tag: str) -> None:
    assert render_markdown(source) == Markup(f"<{tag}>T</{tag}>\n")


def test_setext_headings_are_shifted_too() -> None:
    assert render_markdown("Title\n=====\n\nSub\n---") == Markup("<h3>Title</h3>\n<h4>Sub</h4>\n")


def test_blockquote_code_block_and_rule_are_kept() -> None:
    html = render_markdown("> quoted\n\n---\n\n```python\nx = 1\n```")
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<hr>" in html
    assert "<pre><code>x = 1\n</code></pre>" in html  # no class: not on the allow-list


def test_https_link_is_kept_with_rel() -> None:
    assert render_markdown("[a](https://ok.example/)") == Markup(
        f'<p><a href="https://ok.example/" {REL}>a</a></p>\n'
    )


def test_http_autolink_and_reference_links_get_rel() -> None:
    html = render_markdown("<http://ok.example/x> and [ref]\n\n[ref]: https://ok.example/r 'T'")
    assert hrefs(html) == ["http://ok.example/x", "https://ok.example/r"]
    assert html.count(REL) == 2
    assert "target=" not in html
    assert "title=" not in html


def test_mailto_link_is_kept() -> None:
    assert render_markdown("[write](mailto:info@example.org)") == Markup(
        f'<p><a href="mailto:info@example.org" {REL}>write</a></p>\n'
    )


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "<data:text/html,x>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](/relative/path)",
        "[x](#fragment)",
        "[x](ftp://example.org/)",
        "[x]()",
    ],
)
def test_other_link_targets_are_not_links(source: str) -> None:
    html = render_markdown(source)
    assert "<a" not in html
    assert "href" not in html


@pytest.mark.parametrize("scheme", ["javascript:", "data:", "vbscript:"])
def test_dangerous_schemes_never_become_href(scheme: str) -> None:
    html = render_markdown(f"[x]({scheme}alert(1)) <{scheme}alert(1)>")
    assert "<a" not in html
    assert not any((href or "").lower().startswith(scheme) for href in hrefs(html))


def test_script_tag_is_escaped_text() -> None:
    assert render_markdown("<script>alert(1)</script>") == Markup(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_img_tag_is_escaped_text() -> None:
    html = render_markdown("<img src=x onerror=alert(1)>")
    assert html == Markup("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n")
    assert "<img" not in html
    assert all(not name.startswith("on") for _, attrs in tags_of(html) for name, _ in attrs)


def test_markdown_image_produces_no_img() -> None:
    html = render_markdown("![a](https://e.org/x.png)")
    assert "<img" not in html
    assert "src=" not in html


def test_html_comment_is_escaped_text() -> None:
    assert render_markdown("<!-- hidden -->") == Markup("<p>&lt;!-- hidden --&gt;</p>\n")


def test_code_span_is_escaped() -> None:
    assert render_markdown("use `<b>` here") == Markup("<p>use <code>&lt;b&gt;</code> here</p>\n")


def test_unicode_is_kept() -> None:
    text = "Ökonomie für Einsteiger – 日本語 😀 ελληνικά"
    assert render_markdown(text) == Markup(f"<p>{text}</p>\n")


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("") == Markup("")
    assert isinstance(render_markdown(""), Markup)


def test_output_is_deterministic() -> None:
    text = "# T\n\n*a* [b](https://ok.example/) <mailto:x@y.z>\n\n1. x\n2. y"
    assert len({str(render_markdown(text)) for _ in range(5)}) == 1


# --- Plain text ----------------------------------------------------------------


def test_plain_paragraphs_and_line_breaks() -> None:
    assert render_plain("one\ntwo\n\nthree") == Markup("<p>one<br>\ntwo</p>\n<p>three</p>")


def test_plain_normalises_windows_newlines_and_extra_blank_lines() -> None:
    assert render_plain("one\r\ntwo\r\n\r\n \r\n\r\nthree\r\n") == Markup(
        "<p>one<br>\ntwo</p>\n<p>three</p>"
    )


def test_plain_is_escaped() -> None:
    html = render_plain('<script>alert("x")</script> & *not markdown*')
    assert html == Markup(
        "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; *not markdown*</p>"
    )


def test_plain_empty_renders_nothing() -> None:
    assert render_plain("") == Markup("")
    assert render_plain("\n \n") == Markup("")


# --- Property ------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=https://e.org>",
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html,<b>)",
    "<javascript:alert(1)>",
    "<data:x>",
    "![a](https://e.org/x.png)",
    "[r]: javascript:alert(1)",
    "[r]",
    '"onmouseover=alert(1)',
    " onclick=",
    "&#106;",
    "[x](https://ok.example/",
    ")",
    "`",
    "*",
    "# ",
    "\n",
    "\n\n",
    "<!--",
    "-->",
]
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+=", re.IGNORECASE)
BAD_HREF = re.compile(r'href="\s*(javascript|data|vbscript):', re.IGNORECASE)


@settings(max_examples=fuzz_examples(200))
@given(st.lists(st.one_of(st.text(), st.sampled_from(HOSTILE)), max_size=12).map("".join))
def test_any_text_renders_to_safe_html(text: str) -> None:
    html = str(render_markdown(text))
    lowered = html.lower()
    # Text content always has `<` escaped, so these can only be real tags.
    for tag in ("<script", "<img", "<iframe", "<svg"):
        assert tag not in lowered
    # `on…=` or `href="javascript:` may appear as text; inside markup they must not.
    for markup in re.findall(r"<[^>]*>", html):
        assert not EVENT_ATTRIBUTE.search(markup), markup
        assert not BAD_HREF.search(markup), markup
    for tag, attrs in tags_of(html):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name == "href":
                assert re.match(r"(https?://|mailto:)", value or "", re.IGNORECASE), value


@settings(max_examples=fuzz_examples(200))
@given(st.text())
def test_plain_text_never_contains_markup_of_its_own(text: str) -> None:
    html = str(render_plain(text))
    assert {tag for tag, _ in tags_of(html)} <= {"p", "br"}
