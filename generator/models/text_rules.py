"""The text rules: what every text the register publishes must be, in one place.

Every value a partner writes reaches an output: the fact sheet, the JSON API, ELM,
the CSV, the feeds. Multilingual texts (`generator.models.text`) and every other
string field (ids, codes, identifiers, web addresses, a national level, a
registration number: `generator.models.fields.checked`) pass these rules, so no
field is a way round them. They refuse what must never be published: texts that are
empty or only look written, line breaks in one-line values, control characters,
direction overrides, hidden tag characters, raw HTML, Markdown images and links
other than http(s) and mailto.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from generator.models.urls import mailto_problem, url_problem

TextProblem = tuple[str, str, str]
"""Why a text may not be published: (code, message, hint)."""

# An HTML tag or comment; `<https://…>` autolinks and "a < b" are not tags.
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<\?")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\s*[\(\[]")
_MARKDOWN_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MARKDOWN_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_ALLOWED_LINK_SCHEMES = ("http://", "https://", "mailto:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Embedding, override and isolate controls can make text display differently
# from what it says ("Trojan Source"); marks such as U+200F stay allowed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TAGS = range(0xE0000, 0xE0080)
"""Tag characters: invisible, they carry hidden ASCII text along with the visible one."""
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""Control characters (Unicode category Cc) other than tab and line breaks, direction
overrides, tag and interlinear-annotation characters (hidden text), and the noncharacters
XML cannot hold."""
_LINE_BREAKS = re.compile("[\n\r\u2028\u2029]")
"""The characters that start a new line and are not control characters (those are refused
as such)."""
_OTHER_LINE_BREAKS = re.compile("[\r\u2028\u2029]")
_CLOSER_LOOK = re.compile(
    "[<\\[\\]\n\r\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufff9-\uffff\U000e0000-\U000e007f]"
)
"""Every character the rules after the length look for: HTML and links need `<`, `[` or `]`."""
ONE_LINE_PATTERN = "^[^\\n\\r\\u2028\\u2029]*$"
"""The JSON Schema's word for a one-line text (ECMAScript, where `$` ends the text)."""
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Co", "Cs"})
"""Characters that draw nothing alone: controls, formatting characters (zero-width space,
joiners, word joiner, byte-order mark), spaces, combining marks and variation selectors,
and private-use characters (no font of the site draws them). Characters unassigned in
Python's Unicode version are not among them: they may be newer letters or emoji."""
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u180b\u180c\u180d\ufffc")
"""Characters of visible categories that draw nothing: the Hangul fillers, the Braille
blank, the Khmer inherent vowels, Mongolian variation selectors, the object replacement."""


_VISIBLE_ASCII = re.compile("[!-~]")
"""ASCII letters, digits and punctuation: each draws something, so a text with one is not blank."""


def looks_blank(text: str) -> bool:
    """True when `text` shows nothing: only spaces and characters that draw nothing."""
    if _VISIBLE_ASCII.search(text):
        return False  # most texts: one search instead of a look at each character
    return not any(
        char not in _BLANK_LETTERS and unicodedata.category(char) not in _BLANK_CATEGORIES
        for char in text
    )


def check_text_content(text: str, *, max_length: int, single_line: bool) -> TextProblem | None:
    """Why a text may not be published, as (code, message, hint); None when it is fine."""
    if looks_blank(text):
        return (
            "text_empty",
            "is empty" if not text.strip() else "is empty: it holds only invisible characters",
            "write the text, or remove the field if it is optional",
        )
    if len(text) > max_length:
        return (
            "text_too_long",
            f"is too long ({len(text):,} characters; at most {max_length:,})",
            "shorten it; put details on the page the `url` field links to",
        )
    if not _CLOSER_LOOK.search(text):
        return None  # most texts: nothing below could find anything
    # YAML turns the line breaks of a file into `\n`; any other comes from an escape
    # (`"\r"`, `"\L"`), which CSV readers, browsers and JavaScript split on unlike the rest.
    line_break = (_LINE_BREAKS if single_line else _OTHER_LINE_BREAKS).search(text)
    if line_break:
        if single_line:
            return (
                "text_multiline",
                "must be a single line"
                + (
                    ""
                    if line_break.group(0) == "\n"
                    else f" (it holds U+{ord(line_break.group(0)):04X}, a line break)"
                ),
                "join the lines into one; after `>` or `|` a line break stays at the end, "
                "so write the text on the line of its field",
            )
        return (
            "text_line_break",
            f"contains U+{ord(line_break.group(0)):04X}, a line break other than a new line",
            "start new lines as new lines in the file (or with `\\n` in double quotes)",
        )
    invisible = _INVISIBLE.search(text)
    if invisible:
        return _invisible_problem(invisible.group(0))
    if "<" not in text and "[" not in text and "]" not in text:
        return None  # HTML, images and links all need one of these
    found = _HTML.search(text)
    if found:
        return (
            "text_html",
            f"contains HTML (`{found.group(0)[:40]}`), which is not allowed",
            "write plain text; in descriptions, use Markdown for emphasis (*word*) and links",
        )
    if _MARKDOWN_IMAGE.search(text):
        return (
            "text_image",
            "contains a Markdown image, which is not allowed",
            "remove the image: the register publishes no external images",
        )
    for target in _link_targets(text):
        if not _SCHEME.match(target):
            continue
        if not target.lower().startswith(_ALLOWED_LINK_SCHEMES):
            return (
                "text_link_scheme",
                f"links to `{target[:60]}`; only http(s) and mailto links are allowed",
                "link to a web page (https://…) or an email address (mailto:…)",
            )
        # The same rule as for the fields holding an address: the link checker applies it to
        # the published page before every deploy.
        refused = (
            mailto_problem(target) if target.lower().startswith("mailto:") else url_problem(target)
        )
        if refused:
            return (
                refused.code,
                f"has a link whose address is refused: {refused.message}",
                refused.hint,
            )
    return None


def _invisible_problem(char: str) -> TextProblem:
    code = ord(char)
    if char in _BIDI_CONTROLS:
        return (
            "text_bidi_control",
            f"contains the invisible direction-override character U+{code:04X}",
            "retype the text without copying invisible formatting characters",
        )
    if code in _TAGS or 0xFFF9 <= code <= 0xFFFB:
        return (
            "text_hidden_characters",
            f"contains the invisible character U+{code:04X}, which hides text from readers",
            "retype the text without copying invisible characters",
        )
    return (
        "text_control_character",
        f"contains the control character U+{code:04X}",
        "retype the text; control characters are invisible and not allowed",
    )


_URL_IGNORED = re.compile(r"[\t\n\r]")


def _link_targets(text: str) -> Iterator[str]:
    """Link targets as Markdown reads them: `&#106;avascript:` is `javascript:`."""
    for pattern in (_MARKDOWN_LINK_TARGET, _MARKDOWN_REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            # Browsers also drop tabs and line breaks inside a scheme (`java\tscript:`).
            yield _URL_IGNORED.sub("", html.unescape(match.group(1))).strip()
