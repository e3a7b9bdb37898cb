"""Fuzzing one offer end to end: load, validate and, when it validates, render everything.

`test_properties` only checks that validation reports problems instead of
raising. Here the generated offers are *mostly valid*, so that they reach the
pages and the machine-readable files: the offer of the base register with some
fields replaced by generated values of the right shape (hostile text, language
maps, numbers and dates in and out of range, editions, fees, stacking,
withdrawal). What validates must render without an exception; no element,
attribute, script or link on any page may come from the data (compared with
baseline renderings of hand-written offers); every JSON, JSON-LD, Atom, CSV and
iCalendar file must still parse as its format.

The number of examples is sized for CI; REGISTER_FUZZ=long draws many more (see
`fuzz_examples` in `tests/support/registers.py`).
"""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.models.offer import Offer
from generator.publication import publish
from generator.register import LoadResult, load_register
from generator.site.markdown import render_markdown
from generator.site.page import rendered
from generator.site.pages import SitePage
from generator.urls import CSVW_PATH, QDR_DIR, QDR_REGISTER_PATH
from tests.load.test_properties import mutated_documents
from tests.support.registers import CONFIG, OFFER, PROVIDER, RegisterDir, fuzz_examples, replace

SETTINGS = settings(
    max_examples=fuzz_examples(70),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

OFFER_ID = "data-literacy-basics"
COMPANION_ID = "data-literacy-advanced"
"""A second offer of the same provider, for the fuzzed offer to stack towards or replace."""
OFFER_FILE = f"offers/rhine-university/{OFFER_ID}.yaml"
COMPANION_FILE = f"offers/rhine-university/{COMPANION_ID}.yaml"
BASE: dict[str, Any] = yaml.safe_load(OFFER)
REMOVE = object()
"""Drawn instead of a value: leave the field out."""

# --- Strategies -------------------------------------------------------------------

# Pieces of text that validation lets through, each one trouble for some output:
# HTML, Jinja, Markdown, JSON-LD in <script>, XML, CSV, iCalendar, YAML, Unicode.
# fmt: off
PASSING_PIECES = [
    "<", ">", "&", '"', "'", "&amp;", "&lt;b&gt;", "&#60;script&#62;", "&#x6A;", "&nbsp;",
    "a < b", "x<y", "<3", "<-", "->", "< script>", "<a/href=x>", "<svg/onload=alert(1)>",
    "<https://example.org/x?a=1&b=2>", "<mailto:someone@example.org>",
    "{{ 7*7 }}", "{% raw %}", "{# c #}", "${x}",
    "[x](https://example.org/\"onmouseover=alert(1))", "[x](https://example.org/a_(b)*c)",
    "[x](https://example.org 'title')", "[mail](mailto:a@example.org)", "[r]",
    "\n\n[r]: https://example.org/r\n", "*em*", "**strong**", "_u_", "`code`", "``", "\\",
    "\n```\nfenced <b>\n```\n", "~~~", "\n", "\n\n", "  \n", "# Heading", "\n## H2\n",
    "\n- item\n- item\n", "\n1. one\n2. two\n", "\n7) seven\n", "\n> quote\n", "\n---\n",
    "|a|b|\n|-|-|", "    indented", "\t", "!", "]", "[", "(", ")", "*", "_",
    "😀", "👩🏽‍💻", "مرحبا بالعالم", "שלום", "\u200f", "\u200e", "\u200b", "\u200d", "\u00a0",
    "\ufeff", "\u2028", "\u2029", "\r", "\r\n", "\U0010ffff", "\ue000", "\ufdd0",
    "e\u0301", "ﬁ", "İ", "%", "%00", ";", ",", ":", "=1+1", "+", "@", "-", "null", "~",
    "yes", "- x", ": y", "? z", "&a", "*a", "!!str", "...", "'''", '"""', "\\n", "\\u003c",
    "END:VEVENT", "\nBEGIN:VEVENT\n", "]]>", "www.example.org", "a@example.org",
    "https://example.org/", "javascript", "data:", "TODO",
]
# Pieces that validation must refuse (or, if it does not, that must stay text).
REFUSED_PIECES = [
    "<script>alert(1)</script>", "</script>", "<!--", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>', "[x](javascript:alert(1))", "[x](JaVaScRiPt:x)",
    "[x](java&#115;cript:alert(1))", "[x](<javascript:alert(1)>)", "[x]( javascript:x)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "\n\n[r]: javascript:alert(1)\n",
    "<javascript:alert(1)>", "![img](https://tracker.example/x.png)", "![x][r]", "\x00",
    "\x1b", "\x85", "\u202e", "\u2066", "<b>", "<ScRiPt>", "<![CDATA[x]]>", "<?xml ?>",
    "[x](vbscript:x)", "[x](file:///etc/passwd)", "TODO: write this",
]
# fmt: on
PRINTABLE = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)


@st.composite
def texts(draw: st.DrawFn, single_line: bool = False) -> str:
    """A text of pieces: mostly ones validation accepts, sometimes arbitrary or refused."""
    pieces = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        # Hypothesis starts from (and shrinks towards) 0: the simplest choice is a valid one.
        kind = draw(st.integers(min_value=0, max_value=39))
        if kind <= 15:
            pieces.append(draw(PRINTABLE))
        elif kind <= 37:
            pieces.append(draw(st.sampled_from(PASSING_PIECES)))
        elif kind == 38:
            pieces.append(draw(st.text(max_size=12)))
        else:
            pieces.append(draw(st.sampled_from(REFUSED_PIECES)))
    text = "".join(pieces)
    if draw(st.integers(min_value=0, max_value=19)) == 19:
        text = "x" * draw(st.sampled_from([249, 250, 251, 599, 600, 601, 5_000, 5_001]))
    elif not draw(st.booleans()):
        text = "A " + text  # most real texts start with a word
    if single_line and draw(st.integers(min_value=0, max_value=19)) < 19:
        text = text.replace("\n", " ")
    return text


@st.composite
def localized(draw: st.DrawFn, single_line: bool = False) -> Any:
    """A text as partners write it: plain, or a map of languages (now and then a broken one)."""
    text = texts(single_line=single_line)
    kind = draw(st.integers(min_value=0, max_value=19))
    if kind <= 11:
        return draw(text)
    if kind <= 17:
        return draw(st.fixed_dictionaries({"en": text}, optional={"de": text, "ar": text}))
    if kind == 18:
        return draw(st.dictionaries(st.sampled_from(["de", "xx", "EN", "en-GB"]), text, max_size=2))
    return draw(st.sampled_from([None, True, 7, 2.5, [], {}, ["a list"]]))


LABELS = localized(single_line=True)
TEXTS = localized()


@st.composite
def mostly(draw: st.DrawFn, good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> Any:
    """A value from `good`, one time in eight from `bad` (so that most offers validate)."""
    return draw(bad if draw(st.integers(min_value=0, max_value=7)) == 7 else good)


def codes(vocabulary: Iterable[str], *wrong: Any) -> st.SearchStrategy[Any]:
    """A code from a vocabulary, now and then a wrong one."""
    return mostly(st.sampled_from(list(vocabulary)), st.sampled_from(list(wrong)))


def code_lists(vocabulary: Iterable[str], min_size: int = 0) -> st.SearchStrategy[Any]:
    """A list of distinct codes, now and then with a wrong or a repeated one."""
    known = list(vocabulary)
    return mostly(
        st.lists(st.sampled_from(known), min_size=min_size, max_size=4, unique=True),
        st.lists(st.sampled_from([*known, "unknown-code", "", 3]), max_size=4),
    )


NUMBERS = mostly(
    st.one_of(
        st.integers(min_value=-5, max_value=400),
        st.floats(min_value=-10, max_value=20_000),
        st.sampled_from([0, 0.1, 1e-300, 5e-324, 239.999, 240, 240.001, 10_000, 10_001]),
    ),
    st.sampled_from(
        [1e308, 10**30, float("inf"), float("nan"), "3", "3.5", "3,5", " 4 ", "", True, None]
    ),
)
WHOLE_NUMBERS = st.one_of(st.integers(min_value=-3, max_value=1_000_001), NUMBERS)


def dates(first: date = date.min, last: date = date.max) -> st.SearchStrategy[Any]:
    """Dates, mostly of these years, sometimes extreme, now and then not a date at all."""
    return mostly(
        st.one_of(
            st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
            st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
            st.dates(min_value=first, max_value=last),
            st.sampled_from([first, date(999, 12, 31), date(1000, 1, 1), last]).filter(
                lambda day: first <= day <= last
            ),
        ),
        st.sampled_from(
            ["2026-02-30", "2026-13-01", "2026-9-1", "20260901", "2026-09-01T10:00:00", "", "soon"]
        ),
    )


DATES = dates()
# Every date a register file can hold: years before 1000 once gave 7-digit DTSTART and
# DTSTAMP values, and an edition ending on 9999-12-31 made DTEND overflow (tests below).
EDITION_FIRST_DAY = date(1, 1, 1)
EDITION_LAST_DAY = date(9999, 12, 31)
EDITION_DATES = dates(EDITION_FIRST_DAY, EDITION_LAST_DAY)
REVIEW_DATES = dates(EDITION_FIRST_DAY)
URLS = mostly(
    st.one_of(
        st.sampled_from(
            [
                "https://example.org/",
                "https://example.org/a?b=1&c=<2>",
                'https://example.org/"onmouseover="alert(1)',
                "https://example.org/'><script>alert(1)</script>",
                "https://example.org/{{7*7}}",
                "https://exämple.org/ü",
                "http://localhost/x",
                "https://example.org/#</script>",
                "https://user:pw@example.org:8080/p;q?r#s",
                "https://EXAMPLE.ORG/%0a%00",
                "HTTPS://www.example.org/Upper",
            ]
        ),
        st.text(st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=20).map(
            lambda s: "https://example.org/" + s
        ),
    ),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JAVASCRIPT://example.org/%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//example.org/x",
            "https://",
            "https:/example.org",
            "https://[::1/",
            "https://example.org/a b",
        ]
    ),
)
EMAILS = mostly(
    st.sampled_from(
        [
            "someone@example.org",
            "o'brien@example.org",
            "a&b@example.org",
            "{{x}}@example.org",
            "a|b`c@example.org",
            "x+y=z@example.org",
            "=cmd|' /C calc'!A0@example.org",
            "x?bcc=spy%40evil.example&a=@example.org",
            "info#x@example.org",
        ]
    ),
    st.sampled_from(["mailto:x@example.org", "not an email", "<a@example.org>"]),
)
SLUGS = mostly(
    st.just(COMPANION_ID),
    st.one_of(
        st.sampled_from([OFFER_ID, "no-such-offer", "Not A Slug", ""]),
        st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z"),
    ),
)
ESCO = "http://data.europa.eu/esco/skill/2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11"


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, or (now and then) the field left out."""
    return mostly(strategy, st.just(REMOVE))


@st.composite
def block(
    draw: st.DrawFn,
    required: dict[str, st.SearchStrategy[Any]],
    optional_fields: dict[str, st.SearchStrategy[Any]],
) -> dict[str, Any]:
    """A nested object: required and optional fields, now and then an unknown key."""
    value = draw(st.fixed_dictionaries(required, optional=optional_fields))
    if draw(st.integers(0, 19)) == 19:
        value["unknown_key"] = "x"
    return value


@st.composite
def editions(draw: st.DrawFn) -> dict[str, Any]:
    """One edition, its dates mostly in order: deadline ≤ start ≤ end."""
    start = draw(EDITION_DATES)
    edition: dict[str, Any] = {"start": start}
    ending = draw(st.integers(0, 5))
    if isinstance(start, date) and ending >= 2:
        try:
            end = start + timedelta(days=draw(st.integers(-3, 400)))
        except OverflowError:
            end = start
        edition["end"] = min(end, EDITION_LAST_DAY)
    elif ending == 1:
        edition["end"] = draw(EDITION_DATES)
    if isinstance(start, date) and draw(st.booleans()):
        try:
            edition["application_deadline"] = start - timedelta(days=draw(st.integers(-2, 200)))
        except OverflowError:
            edition["application_deadline"] = start
    if draw(st.booleans()):
        edition["place"] = draw(LABELS)
    if draw(st.booleans()):
        edition["capacity"] = draw(WHOLE_NUMBERS)
    return edition


OUTCOMES = st.one_of(
    TEXTS,
    st.fixed_dictionaries(
        {"statement": TEXTS},
        optional={"esco_skills": st.lists(st.sampled_from([ESCO, "https://esco.x/1"]), max_size=2)},
    ),
)

FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "title": LABELS,
    "summary": TEXTS,
    "description": optional(TEXTS),
    "provision": codes(vocab.PROVISION_TYPES.codes, "public"),
    "recognition": codes(vocab.RECOGNITION_FORMS.codes, "diploma"),
    "learning_opportunity_type": optional(codes(vocab.LEARNING_OPPORTUNITY_TYPES.codes, "x")),
    "learning_setting": optional(codes(vocab.LEARNING_SETTINGS.codes, "informal")),
    "learner_identification": optional(
        block(
            {"identified_by": code_lists(vocab.LEARNER_IDENTIFIERS.codes, min_size=1)},
            {"verification": TEXTS},
        )
    ),
    "awarding_bodies": optional(
        mostly(
            st.sampled_from([[], ["rhine-university"]]),
            st.lists(st.sampled_from(["rhine-university", "no-such-provider"]), max_size=2),
        )
    ),
    "issuance": optional(block({"timing": TEXTS}, {"within_days": WHOLE_NUMBERS})),
    "learning_outcomes": optional(
        st.lists(OUTCOMES, max_size=4)
        | st.integers(39, 41).map(lambda n: [f"Outcome {i}." for i in range(n)])
    ),
    "workload": block(
        {},
        {
            "ects": st.one_of(st.integers(1, 59), NUMBERS),
            "hours": st.one_of(st.integers(1, 2_000), NUMBERS),
            "other_credits": block(
                {"system": codes(vocab.CREDIT_SYSTEMS.codes, "ucas"), "value": NUMBERS},
                {"note": LABELS},
            ),
        },
    ),
    "level": st.one_of(
        st.just({"eqf": 6, "qf_ehea": "first"}),
        block(
            {"eqf": st.one_of(st.integers(0, 9), st.sampled_from(["not-applicable", "6", "x"]))},
            {
                "national": block(
                    {"framework": LABELS, "level": st.one_of(st.text(max_size=25), NUMBERS)}, {}
                )
            },
        ),
    ),
    "assessment": optional(
        block(
            {"types": code_lists(vocab.ASSESSMENT_TYPES.codes, min_size=1)},
            {"description": TEXTS},
        )
    ),
    "participation": block(
        {"mode": codes(vocab.PARTICIPATION_MODES.codes, "hybrid")},
        {
            "timing": codes(vocab.PARTICIPATION_TIMINGS.codes, "x"),
            "schedule": codes(vocab.LEARNING_SCHEDULES.codes, "x"),
            "location": LABELS,
        },
    ),
    "quality_assurance": optional(
        block(
            {
                "types": code_lists(vocab.QUALITY_ASSURANCE_TYPES.codes, min_size=1),
                "description": TEXTS,
            },
            {"frameworks": code_lists(vocab.QUALITY_FRAMEWORKS.codes), "report_url": URLS},
        )
    ),
    "prerequisites": optional(TEXTS),
    "supervision": optional(codes(vocab.SUPERVISION.codes, "proctored")),
    "grading_scheme": optional(TEXTS),
    "integration": optional(
        block(
            {"option": codes(vocab.INTEGRATION_OPTIONS.codes, "x")},
            {
                "towards_offers": st.lists(SLUGS, max_size=2),
                "towards_credentials": st.lists(
                    block({"title": LABELS}, {"awarded_by": LABELS, "url": URLS}), max_size=2
                ),
                "description": TEXTS,
            },
        )
    ),
    "further_information": optional(TEXTS),
    "languages": mostly(
        st.lists(
            st.sampled_from(["en", "de", "fr", "ar", "he", "zh"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        st.lists(st.sampled_from([*vocab.language_codes(), "xx", "EN", 1]), max_size=3),
    ),
    "field": codes(vocab.ISCED_F.codes, "0613x", 613, "06"),
    "target_groups": optional(st.lists(LABELS, max_size=3)),
    "editions": optional(
        st.lists(editions(), max_size=4)
        | st.integers(99, 101).map(
            lambda n: [{"start": date(2026, 1, 1) + timedelta(days=i)} for i in range(n)]
        )
    ),
    "fee": optional(
        st.one_of(
            st.just({"free": True}),
            block({"amount": NUMBERS, "currency": codes(["EUR", "CHF"], "eur", "€")}, {}),
            block(
                {},
                {
                    "free": st.booleans(),
                    "amount": NUMBERS,
                    "currency": codes(vocab.currency_codes(), "XYZ"),
                    "note": TEXTS,
                },
            ),
        )
    ),
    "credential_formats": optional(code_lists(vocab.CREDENTIAL_FORMATS.codes)),
    "url": optional(URLS),
    "contact": optional(EMAILS),
    "replaces": optional(SLUGS),
    "replaced_by": optional(SLUGS),
    "last_reviewed": REVIEW_DATES,
}


@st.composite
def statuses(draw: st.DrawFn) -> dict[str, Any]:
    """The status, with a withdrawal block when withdrawn (and now and then when not)."""
    status = draw(st.sampled_from(["withdrawn", "withdrawn", "closed", "announced", "cancelled"]))
    result: dict[str, Any] = {"status": status}
    if (status == "withdrawn") != (draw(st.integers(0, 9)) == 9):
        result["withdrawal"] = draw(block({"date": DATES, "reason": TEXTS}, {}))
    return result


class _Dumper(yaml.SafeDumper):
    """Writes a value drawn twice (e.g. the same date) twice: the register refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass
class Case:
    """One generated register: the fuzzed offer's file, the companion's, and the build day."""

    document: str
    companion: str | None
    today: date
    changed: list[str] = field(default_factory=list)


COMPANIONS = [
    None,
    {"id": COMPANION_ID, "title": "Data literacy, advanced"},
    {
        "id": COMPANION_ID,
        "title": "Data literacy, advanced",
        "integration": {"option": "stackable", "towards_offers": [OFFER_ID]},
        "replaces": OFFER_ID,
    },
]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """The base offer with a few fields replaced, removed or (rarely) mutated at random."""
    data = copy.deepcopy(BASE)
    names = draw(st.lists(st.sampled_from(list(FIELDS)), min_size=1, max_size=5, unique=True))
    for name in names:
        value = draw(FIELDS[name])
        if value is REMOVE:
            data.pop(name, None)
        else:
            data[name] = value
    if draw(st.integers(0, 2)) == 2:
        data.update(draw(statuses()))
        names.append("status")
    document = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 19)) == 19:
        document = draw(mutated_documents(document))
    companion = draw(st.sampled_from(COMPANIONS))
    companion_text = (
        None if companion is None else yaml.safe_dump({**BASE, **companion}, sort_keys=False)
    )
    today = draw(st.dates(date(2020, 1, 1), date(2032, 12, 31)))
    return Case(document, companion_text, today, names)


# --- Building and reading what was built -----------------------------------------


@dataclass
class Built:
    """Every page and machine-readable file of a valid register."""

    pages: list[SitePage]
    files: dict[str, bytes]
    offer: Offer | None


def build(result: LoadResult, today: date) -> Built:
    """Render every page and every machine-readable file, as a site build does."""
    published = publish(Catalogue(result.register), today)
    pages = [rendered(page) for page in published.pages]
    return Built(pages, published.files, result.register.offers.get(OFFER_ID))


LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class PageReader(HTMLParser):
    """What a page is made of: its elements, attributes, scripts, links and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: set[tuple[str, str]] = set()
        """(tag, attribute) pairs; (tag, "") for the element itself."""
        self.links: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self.unbalanced: list[str] = []
        self._open: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def read(self, html: str) -> PageReader:
        """Feed a whole document or fragment."""
        self.feed(html)
        self.close()
        if self._open:
            self.unbalanced.append(f"never closed: {self._open}")
        return self

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.add((tag, ""))
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in LINK_ATTRIBUTES:
                self.links.append((tag, name, value or ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag == "script":
            self._script = dict(attrs)
            self._script_text = []
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.unbalanced.append(f"</{tag}> closes <{self._open[-1] if self._open else ''}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def read_page(page: SitePage) -> PageReader:
    """The page's body and head, read together."""
    return PageReader().read(page.head + (page.html or ""))


_CONTENT_LINE = re.compile(r"^([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=[^;:]*)*):(.*)$", re.DOTALL)
_DATE_VALUE = re.compile(r"^\d{8}$")
_DATE_TIME_VALUE = re.compile(r"^\d{8}T\d{6}Z$")


def calendar_properties(content: bytes) -> list[str]:
    """The property names of an iCalendar file (RFC 5545); checks lines, folding and dates."""
    assert content.endswith(b"\r\n")
    unfolded: list[bytes] = []
    for line in content[:-2].split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line, f"bare line break in {line!r}"
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        line.decode("utf-8")  # folding never splits a character
        if line.startswith(b" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    names = []
    for line in unfolded:
        match = _CONTENT_LINE.match(line.decode("utf-8"))
        assert match, f"not a content line: {line!r}"
        name, parameters, value = match.groups()
        if parameters == ";VALUE=DATE":
            assert _DATE_VALUE.match(value), f"{name}: `{value}` is not a DATE (YYYYMMDD)"
        if name == "DTSTAMP":
            assert _DATE_TIME_VALUE.match(value), f"{name}: `{value}` is not a UTC DATE-TIME"
        names.append(name)
    return names


@dataclass
class Shape:
    """What the templates produce by themselves: the allow-list a fuzzed build is held to."""

    markdown: set[tuple[str, str]] = field(default_factory=set)
    """What partner Markdown may become, on any page."""
    attributes: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """By kind of page (see `page_kind`): the elements and attributes its template makes."""
    resources: set[str] = field(default_factory=set)
    """Values of link attributes other than href (e.g. a script's src)."""
    calendar: set[str] = field(default_factory=set)


def page_kind(url: str) -> str:
    """Pages made from the same template: every fact sheet is `offers/*/`."""
    return re.sub(r"^offers/[^/]+/", "offers/*/", url)


def _markdown_shape() -> set[tuple[str, str]]:
    sample = (
        "# h\n\n## h\n\n### h\n\n#### h\n\n*em* **b** `c` [a](https://example.org) "
        "<mailto:a@example.org>  \nbreak\n\n- a\n\n3. b\n\n> q\n\n```\nc\n```\n\n---\n"
    )
    return PageReader().read(str(render_markdown(sample))).attributes


BASELINES: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
    ({}, None),
    (
        {
            "title": {"en": "Data literacy", "de": "Datenkompetenz"},
            "summary": {"en": "Read data.", "fr": "Lire des données."},
            "description": {"en": "Some *text* with a [link](https://example.org).", "de": "Text"},
            "learning_setting": "non-formal",
            "awarding_bodies": ["rhine-university"],
            "learning_outcomes": [
                {"statement": {"en": "Clean data.", "de": "Daten bereinigen."}},
                {"statement": "Chart data.", "esco_skills": [ESCO]},
            ],
            "workload": {
                "ects": 3,
                "hours": 80,
                "other_credits": {"system": "ecvet", "value": 2, "note": "Points"},
            },
            "level": {
                "eqf": 6,
                "qf_ehea": "first",
                "national": {"framework": "DQR", "level": "6"},
            },
            "quality_assurance": {
                "types": ["internal"],
                "description": "Reviewed.",
                "frameworks": ["esg", "other"],
                "report_url": "https://example.org/qa",
            },
            "prerequisites": "None.",
            "grading_scheme": {"en": "Pass or fail.", "de": "Bestanden."},
            "integration": {
                "option": "stackable",
                "towards_offers": [COMPANION_ID],
                "towards_credentials": [
                    {"title": "MSc", "awarded_by": "RUAS", "url": "https://example.org/msc"}
                ],
                "description": "Counts towards the MSc.",
            },
            "further_information": "Bring a laptop.",
            "target_groups": ["Public servants", "Nurses"],
            "editions": [
                {
                    "start": date(2026, 9, 1),
                    "end": date(2026, 11, 30),
                    "application_deadline": date(2026, 7, 15),
                    "place": "Koblenz",
                    "capacity": 25,
                },
                {"start": date(2025, 9, 1)},
                {"start": date(2027, 3, 1), "application_deadline": date(2027, 3, 1)},
            ],
            "fee": {"amount": 450.5, "currency": "EUR", "note": "Reductions."},
            "contact": "someone@example.org",
            "replaced_by": COMPANION_ID,
        },
        {"replaces": OFFER_ID},
    ),
    (
        {
            "status": "withdrawn",
            "withdrawal": {"date": date(2026, 5, 1), "reason": "Replaced."},
            "replaced_by": COMPANION_ID,
        },
        {"integration": {"option": "stackable", "towards_offers": [OFFER_ID]}},
    ),
    (
        {
            "recognition": "certificate-of-participation",
            "participation": {"mode": "online", "timing": "asynchronous"},
            "level": {"eqf": "not-applicable"},
            "workload": {"hours": 12},
            "fee": {"free": True},
            "editions": [],
            "languages": ["de"],
            "integration": {"option": "integrated"},
        },
        None,
    ),
]


@cache
def shape(tmp: Path) -> Shape:
    """The allow-list, from building registers of hand-written offers."""
    result = Shape(markdown=_markdown_shape())
    for number, (changes, companion) in enumerate(BASELINES):
        root = tmp / f"baseline-{number}"
        write_register(
            root,
            yaml.safe_dump({**BASE, **changes}, allow_unicode=True, sort_keys=False),
            None
            if companion is None
            else yaml.safe_dump(
                {**BASE, "id": COMPANION_ID, "title": "Advanced", **companion}, sort_keys=False
            ),
        )
        loaded = load_register(root)
        assert loaded.is_valid, [p.message for p in loaded.problems.errors]
        for today in (date(2026, 6, 1), date(2030, 1, 1)):
            built = build(loaded, today)
            for page in built.pages:
                reader = read_page(page)
                assert not reader.unbalanced, (page.url, reader.unbalanced)
                kind = page_kind(page.url)
                result.attributes[kind] = result.attributes.get(kind, set()) | reader.attributes
                result.resources |= {v for _, name, v in reader.links if name != "href"}
            for path, content in built.files.items():
                if path.endswith(".ics"):
                    result.calendar |= set(calendar_properties(content))
    return result


def write_register(root: Path, document: str | bytes, companion: str | None) -> None:
    """The base register with this offer (and maybe its companion) in it."""
    register = RegisterDir(root)
    register.write("register.yml", CONFIG)
    register.write("providers/rhine-university.yaml", PROVIDER)
    raw = document.encode("utf-8") if isinstance(document, str) else document
    register.write_bytes(OFFER_FILE, raw)  # no dedent: the bytes are the test
    companion_path = root / COMPANION_FILE
    if companion is None:
        companion_path.unlink(missing_ok=True)
    else:
        register.write_bytes(COMPANION_FILE, companion.encode("utf-8"))


# --- Checks ----------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(text.split())


def check_page(page: SitePage, allowed: Shape, offer: Offer | None) -> None:
    """Nothing on the page comes from the data but text; its JSON-LD parses."""
    reader = read_page(page)
    where = page.url or "(home)"
    assert not reader.unbalanced, (where, reader.unbalanced)
    unknown = reader.attributes - allowed.attributes[page_kind(page.url)] - allowed.markdown
    assert not unknown, f"{where}: elements or attributes from the data: {sorted(unknown)}"
    for tag, name in reader.attributes:
        assert not name.startswith("on"), f"{where}: <{tag} {name}>"
    for tag, name, value in reader.links:
        cleaned = "".join(ch for ch in value if ch > " ")
        scheme = _SCHEME.match(cleaned)
        if name == "href":
            assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}, (
                f'{where}: <{tag} href="{value[:60]}">'
            )
        else:
            assert value in allowed.resources, f'{where}: <{tag} {name}="{value[:60]}">'
    for attrs, text in reader.scripts:
        if attrs.get("type") == "application/ld+json":
            assert isinstance(json.loads(text), dict), where
        else:
            assert attrs.get("src") in allowed.resources and not text.strip(), (
                f"{where}: a script that is not the site's own: {attrs} {text[:60]!r}"
            )
    if offer is not None and page.url == f"offers/{OFFER_ID}/":
        assert _words(offer.title.default) in _words("".join(reader.text)), (
            f"{where}: the title is not shown as it was written"
        )
        if not offer.is_withdrawn:
            course = next(
                document
                for attrs, text in reader.scripts
                if attrs.get("type") == "application/ld+json"
                and (document := json.loads(text)).get("@type") == "Course"
            )
            assert course["name"] == offer.title.default
            check_contact_link(reader, offer)


def check_contact_link(reader: PageReader, offer: Offer) -> None:
    """The fact sheet's contact link writes to the contact address, and only to it."""
    if not offer.contact:
        return
    recipients = {
        unquote(urlsplit(value).path)
        for _, name, value in reader.links
        if name == "href" and value.lower().startswith("mailto:")
    }
    assert offer.contact in recipients, f"no link writes to {offer.contact}, only {recipients}"


def check_files(built: Built, allowed: Shape) -> None:
    """Every machine-readable file parses as its format, and JSON documents fit their schema."""
    from jsonschema import Draft202012Validator

    schemas = {}
    documents = {}
    lines: dict[str, list[Any]] = {}
    for path, content in built.files.items():
        if path.endswith(".ndjson.gz"):  # the bulk files: a record a line
            text = gzip.decompress(content).decode("utf-8")
            lines[path] = [json.loads(line) for line in text.splitlines()]
            continue
        if path.endswith(".gz"):  # a large file's compressed copy: the same bytes
            content = gzip.decompress(content)
            assert built.files.get(path.removesuffix(".gz"), content) == content, path
            path = path.removesuffix(".gz")
        text = content.decode("utf-8")
        if path.endswith((".json", ".jsonld")):
            document = json.loads(text)
            if path.startswith("api/v1/schema/"):
                schemas[document["$id"]] = document
            elif path.endswith(".json") and "$schema" in document:
                documents[path] = document
            elif path.endswith(".json"):
                # The CSV on the Web description is W3C JSON-LD, checked by tests/test_csvw.py.
                assert path == CSVW_PATH, f"{path}: a JSON document without its $schema"
        elif path.endswith(".xml"):
            root = ET.fromstring(content)
            expected = (
                "{http://data.europa.eu/snb/model/ap/loq-constraints/}Courses"
                if path.startswith((QDR_DIR, QDR_REGISTER_PATH))
                else "{http://www.w3.org/2005/Atom}feed"
            )
            assert root.tag == expected, path
        elif path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text, newline="")))
            header, body = rows[0], rows[1:]
            assert len(body) == len(json.loads(built.files["api/v1/catalogue.json"])["offers"])
            assert all(len(row) == len(header) for row in body), path
            for row in body:
                for name in ("title", "provider_name"):
                    cell = row[header.index(name)]
                    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (path, cell)
        elif path.endswith(".ics"):
            names = calendar_properties(content)
            assert names.count("BEGIN") == names.count("END"), path
            assert b"\r\nBEGIN:VEVENT\r\n" in content, f"{path}: no event (RFC 5545 §3.6)"
            unknown = set(names) - allowed.calendar
            assert not unknown, f"{path}: properties from the data: {unknown}"
            for component in icalendar.Calendar.from_ical(content).walk():
                assert not component.errors, (path, component.errors)
        elif path.endswith(".yaml"):
            yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        else:
            raise AssertionError(f"{path}: a file this test does not know how to read")
    for path, document in documents.items():
        schema = schemas[document["$schema"]]
        error = next(iter(Draft202012Validator(schema).iter_errors(document)), None)
        assert error is None, f"{path}: {error.message} at {list(error.absolute_path)}"
    for path, records in lines.items():
        kind = path.rsplit("/", 1)[-1].split("s.", 1)[0]  # `offers.ndjson.gz` → `offer`
        schema = next(s for url, s in schemas.items() if url.endswith(f"/{kind}.schema.json"))
        for record in records:
            error = next(iter(Draft202012Validator(schema).iter_errors(record)), None)
            assert error is None, f"{path}: {error.message} at {list(error.absolute_path)}"
    calendar_path = f"offers/{OFFER_ID}/calendar.ics"
    if built.offer is not None and calendar_path in built.files:
        calendar = icalendar.Calendar.from_ical(built.files[calendar_path].decode("utf-8"))
        assert calendar.walk("VEVENT"), f"{calendar_path} is published without an event"
        for event in calendar.walk("VEVENT"):
            assert _words(built.offer.title.default) in _words(str(event["SUMMARY"])), (
                "the calendar lost the title"
            )
        atom = ET.fromstring(built.files["feed.xml"])
        assert any(_words(built.offer.title.default) in _words(text) for text in atom.itertext()), (
            "the Atom feed lost the title"
        )


@pytest.mark.slow
@SETTINGS
@given(case=cases())
def test_a_fuzzed_offer_validates_or_renders_safely(
    tmp_path_factory: pytest.TempPathFactory, reg: RegisterDir, case: Case
) -> None:
    """Whatever the offer holds: problems with a place, or a build whose output is intact."""
    allowed = shape(tmp_path_factory.getbasetemp() / "fuzz-baselines")
    write_register(reg.root, case.document, case.companion)
    result = load_register(reg.root)  # must not raise
    for problem in result.problems.items:
        assert problem.file and problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem
    event("valid" if result.is_valid else "invalid")
    if not result.is_valid:
        return
    built = build(result, case.today)  # must not raise
    if built.offer is not None:
        event(f"rendered {built.offer.status}")
    for page in built.pages:
        check_page(page, allowed, built.offer)
    check_files(built, allowed)


# --- Failures this test found, now fixed ---------------------------------------------
# Each reproduces one finding with the smallest offer, so that it stays fixed.


def _build_offer(reg: RegisterDir, old: str, new: str) -> Built:
    reg.offer(replace(OFFER, old, new))
    result = reg.load()
    assert result.is_valid, [problem.message for problem in result.problems.errors]
    return build(result, date(2026, 6, 1))


def test_an_edition_ending_on_the_last_day_of_9999_builds(reg: RegisterDir) -> None:
    """`end: 9999-12-31` validates; its calendar event ends the day after, which does not exist."""
    _build_offer(reg, "end: 2026-11-30", "end: 9999-12-31")


def test_an_edition_starting_before_the_year_1000_has_a_valid_calendar(reg: RegisterDir) -> None:
    """`start: 0999-12-31` validates; DTSTART must still be eight digits (RFC 5545 DATE)."""
    built = _build_offer(
        reg,
        "start: 2026-09-01\n    end: 2026-11-30\n    application_deadline: 2026-07-15",
        "start: 0999-12-31\n    end: 2026-11-30",
    )
    calendar_properties(built.files[f"offers/{OFFER_ID}/calendar.ics"])


def test_an_offer_reviewed_before_the_year_1000_has_a_valid_calendar(reg: RegisterDir) -> None:
    """`last_reviewed: 0001-01-01` validates; it becomes DTSTAMP, which must be a DATE-TIME."""
    built = _build_offer(reg, "last_reviewed: 2026-06-01", "last_reviewed: 0001-01-01")
    calendar_properties(built.files["calendar.ics"])


def test_the_contact_link_writes_to_the_contact_address(reg: RegisterDir) -> None:
    """A `?` validates in an address; unencoded in `mailto:` it starts header fields (a Bcc)."""
    contact = "x?bcc=spy%40evil.example&a=@example.org"
    built = _build_offer(reg, "status: open", f"contact: '{contact}'\nstatus: open")
    page = next(page for page in built.pages if page.url == f"offers/{OFFER_ID}/")
    assert built.offer is not None
    check_contact_link(read_page(page), built.offer)


def test_an_upper_case_scheme_fits_the_published_schema(
    tmp_path_factory: pytest.TempPathFactory, reg: RegisterDir
) -> None:
    """`report_url: HTTPS://…` validates; the published offer must fit its published schema."""
    built = _build_offer(
        reg,
        "  description: Covered by",
        "  report_url: HTTPS://www.aqas.de/reports/hs-rhein\n  description: Covered by",
    )
    check_files(built, shape(tmp_path_factory.getbasetemp() / "fuzz-baselines"))


def test_a_title_with_a_noncharacter_is_refused(reg: RegisterDir) -> None:
    """`title: "A \\uFFFE"`: XML cannot hold U+FFFE (it broke the Atom feed), so it is refused."""
    reg.offer(
        replace(OFFER, "title: Data literacy for public servants", 'title: "Data literacy \\uFFFE"')
    )
    codes = [problem.code for problem in reg.load().problems.errors]
    assert codes == ["text-control-character"]
