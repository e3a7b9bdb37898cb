"""Field types shared by the models: identifiers, links, dates and coded values.

Each type validates with a message written for partners (what is wrong, and a
hint that fixes it) and publishes a JSON Schema that editors use for
autocompletion. Custom errors carry `hint` in their context; the validation
layer turns them into problems.

Each type is a module-level `Annotated` alias: the Python type first (what a type
checker and the code that reads a model see), then its rules (what pydantic checks
and writes into the schema), e.g. `Slug = Annotated[str, checked(_check_slug, …)]`.
A type of one model only is defined beside that model in the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from annotated_types import GroupedMetadata
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator import vocabularies as vocab
from generator.models.text_rules import ONE_LINE_PATTERN, check_text_content
from generator.models.urls import url_problem
from generator.problems import did_you_mean, list_choices

MODEL_CONFIG = ConfigDict(
    extra="forbid",
    frozen=True,
    coerce_numbers_to_str=True,
    allow_inf_nan=False,
)
"""Configuration every register model shares: unknown keys are errors."""


@dataclass(frozen=True, slots=True)
class Rules(GroupedMetadata):
    """Several pydantic annotations (validators, serializers, schemas) given as one.

    Pydantic unpacks it (annotated-types' `GroupedMetadata`), so a type reads
    `Annotated[str, checked(…)]` and a type checker still sees `str`.
    """

    annotations: tuple[Any, ...]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.annotations)


def _fail(code: str, message: str, hint: str = "", **ctx: Any) -> None:
    raise PydanticCustomError(code, message, {"hint": hint, **ctx})


def _require_string(value: Any, what: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        _fail(
            "string_expected", "expected {what}, found {found}", "", what=what, found=_kind(value)
        )
    return str(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map of fields"
    if isinstance(value, int | float):
        return "a number"
    return "a text"


def _not_true_false(value: Any) -> Any:
    # Pydantic reads `true` as 1; in a register, `ects: yes` is a mistake, not one credit.
    if isinstance(value, bool):
        _fail(
            "number_expected",
            "expected a number, found true/false",
            "write the number itself, e.g. `3`",
        )
    return value


# The refusal wraps the optional type as a whole: wrapped inside `… | None`, pydantic
# would write a field's bounds into the JSON Schema as `ge`/`le` instead of `minimum`.
Number = Annotated[float, BeforeValidator(_not_true_false)]
"""A number (e.g. credits); `true`/`false` are refused."""

OptionalNumber = Annotated[float | None, BeforeValidator(_not_true_false)]
"""A number that may be left out (e.g. credits)."""

_PRICE = re.compile(
    r"^\s*(?P<before>[^\d\s.,+-]*)\s*(?P<number>\d[\d.,' ]*?)\s*(?P<after>[^\d\s]*)\s*$"
)


def _no_currency_in_amount(value: Any) -> Any:
    # `amount: €450` is a price as people write it; the register keeps the currency apart.
    match = _PRICE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return value
    written = match["before"] or match["after"]
    if not written:
        return value
    codes = vocab.currency_codes_for(written)
    if not codes:
        return value
    currency = f"`currency: {codes[0]}`"
    if len(codes) > 1:
        currency += " (or " + ", ".join(f"`{code}`" for code in codes[1:]) + ")"
    _fail(
        "amount_with_currency",
        "`{value}` gives the currency in the amount",
        f"write the number alone, `amount: {_plain_number(match['number'])}`, and the "
        f"currency on a line of its own: {currency}",
        value=value[:40],
    )
    return value


def _plain_number(written: str) -> str:
    """A number as written in a price (`1.200,50`, `1 200`) with a decimal point only."""
    digits = re.sub(r"[ ']", "", written)
    last = max(digits.rfind("."), digits.rfind(","))
    # A separator followed by one or two digits is the decimal one; others group thousands.
    if last >= 0 and len(digits) - last - 1 in (1, 2):
        whole, fraction = digits[:last], digits[last + 1 :]
        return re.sub(r"[.,]", "", whole) + "." + fraction
    return re.sub(r"[.,]", "", digits)


def credits_precision(minimum: float, unit: str, example: str) -> BeforeValidator:
    """Refuse a number of credits or hours below `minimum` or with more than two decimals.

    `ects: 5e-324` is more than 0, and is no workload: the smallest real values are a
    tenth of a credit or a quarter of an hour, written with at most two decimals.
    """

    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        too_small = 0 < value < minimum
        if too_small or (math.isfinite(value) and abs(value * 100 - round(value * 100)) > 1e-6):
            _fail(
                "number_precision",
                "`{value}` is not a usable number of {unit}",
                f"write at least {minimum:g} {unit} with at most two decimals, e.g. `{example}`",
                value=str(value)[:40],
                unit=unit,
            )
        return value

    return BeforeValidator(check)


OptionalEcts = Annotated[
    float | None,
    credits_precision(0.1, "ECTS credits", "2.5"),
    BeforeValidator(_not_true_false),
]
"""ECTS credits that may be left out: at least 0.1, with at most two decimals."""

OptionalHours = Annotated[
    float | None,
    credits_precision(0.25, "hours", "7.5"),
    BeforeValidator(_not_true_false),
]
"""Hours that may be left out: at least a quarter of an hour, with at most two decimals."""

OptionalAmount = Annotated[
    float | None, BeforeValidator(_not_true_false), BeforeValidator(_no_currency_in_amount)
]
"""A sum of money that may be left out; its currency is another field."""

OptionalWholeNumber = Annotated[int | None, BeforeValidator(_not_true_false)]
"""A whole number that may be left out (e.g. days or places)."""


MAX_REMEMBERED = 100_000
"""How many accepted texts each string type remembers, so that a long `register serve`
session does not keep every text it ever saw."""


def checked(
    check: Callable[[str], str],
    schema: dict[str, Any],
    what: str,
    *,
    max_length: int = 2_000,
) -> Rules:
    """The rules of a string type: `check`, which returns the value or raises, and `schema`.

    Every string field is one of these, so every one also passes the text rules
    (`generator.models.text_rules`) after its own check: one line, nothing invisible,
    nothing that only looks written. `check` comes first, as its message is the more
    precise one (`"DE-RP\\n"` is no region code).
    """

    accepted: dict[str, str] = {}
    """Texts accepted before, each with the value it became: a register writes its codes,
    references and addresses thousands of times, and `check` and the text rules depend on
    the text alone."""

    def validate(value: Any) -> str:
        if value.__class__ is str:
            known = accepted.get(value)
            if known is not None:
                return known
        text = check(_require_string(value, what))
        problem = check_text_content(text, max_length=max_length, single_line=True)
        if problem:
            _fail(*problem)
        if value.__class__ is str and len(accepted) < MAX_REMEMBERED:
            accepted[value] = text
        return text

    return Rules((PlainValidator(validate), WithJsonSchema({"type": "string", **schema})))


def one_line(max_length: int) -> Rules:
    """The rules of a one-line text in no particular language, e.g. a registration number."""
    return checked(
        lambda value: value,
        {"minLength": 1, "maxLength": max_length, "pattern": ONE_LINE_PATTERN},
        "a text",
        max_length=max_length,
    )


# --- Identifiers --------------------------------------------------------------

# Every pattern is matched with `fullmatch`: `$` alone also matches before a final line
# break, so `"maria\n"` would pass as a GitHub handle and split the CODEOWNERS line it is
# written into. The patterns keep `^…$` for the JSON Schema, where `$` ends the text.

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
SLUG_MAX = 80


def suggest_slug(value: str) -> str:
    """A valid id close to what was written: lowercase ASCII words joined by hyphens."""
    ascii_only = value.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))[:SLUG_MAX]


WINDOWS_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{device}{number}" for device in ("com", "lpt") for number in range(10)]
)
"""Names Windows keeps for devices, with any extension (`con.yaml`, `nul.txt`): a file so
named cannot be checked out there, so git on a partner's laptop fails."""


def is_windows_reserved(name: str) -> bool:
    """True for a file or folder name that Windows reserves (`CON`, `aux.yaml`, `com1.x.y`)."""
    return name.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_RESERVED_NAMES


def _check_slug(value: str) -> str:
    if len(value) > SLUG_MAX:
        _fail("id_too_long", "the id is longer than {max} characters", "shorten it", max=SLUG_MAX)
    if not SLUG.fullmatch(value):
        suggestion = suggest_slug(value)
        hint = "use lowercase letters a–z, digits and single hyphens"
        if suggestion:
            hint += f", e.g. `{suggestion}`"
        _fail("id_format", "`{value}` is not a valid id", hint, value=value)
    if is_windows_reserved(value):
        # The id is a file name (`offers/<provider>/<id>.yaml`) and a folder name.
        _fail(
            "id_reserved",
            "`{value}` cannot be an id: Windows reserves it as a device name, so its file "
            "could not be checked out there",
            f"choose a longer id that says what it names, e.g. `{value}-course`",
            value=value,
        )
    return value


Slug = Annotated[
    str,
    checked(
        _check_slug,
        {
            "pattern": SLUG_PATTERN,
            "maxLength": SLUG_MAX,
            "description": "lowercase-words-with-hyphens",
        },
        "an id",
    ),
]
"""A stable identifier: lowercase ASCII words joined by single hyphens."""

_GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


def _check_github_handle(value: str) -> str:
    handle = value.removeprefix("@")
    if not _GITHUB_HANDLE.fullmatch(handle):
        _fail(
            "github_handle",
            "`{value}` is not a GitHub user name",
            "write the GitHub login, e.g. `maria-schmidt` (letters, digits, single hyphens)",
            value=value,
        )
    return handle


GitHubHandle = Annotated[
    str,
    checked(
        _check_github_handle,
        {"pattern": r"^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"},
        "a GitHub user name",
    ),
]
"""A GitHub login (a leading @ is accepted and dropped)."""


def matching(pattern: str, what: str, example: str, description: str = "") -> Rules:
    """The rules of a string that must match `pattern`; the error names `what`, shows `example`."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            _fail(
                "format",
                "`{value}` is not a valid {what}",
                f"write it like `{example}`",
                value=value,
                what=what,
            )
        return value

    schema: dict[str, Any] = {"pattern": pattern, "examples": [example]}
    if description:
        schema["description"] = description
    return checked(check, schema, f"a {what}")


# --- Links ------------------------------------------------------------------


def check_url(value: str) -> str:
    """`value` if it is an absolute http(s) address (scheme lower-cased), else a custom error.

    The rule is `generator.models.urls.url_problem`, the one the link checker applies too.
    """
    problem = url_problem(value)
    if problem:
        _fail(*problem)
    scheme = urlsplit(value).scheme
    # `HTTPS://` is the same address; written in lower case it fits the published schemas.
    return scheme.lower() + value[len(scheme) :]


HttpUrl = Annotated[
    str, checked(check_url, {"format": "uri", "pattern": "^https?://"}, "a web address")
]
"""An absolute http(s) URL, kept as written but for the scheme, which is lower-cased."""

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def _check_email(value: str) -> str:
    if value.lower().startswith("mailto:"):
        _fail(
            "email_format", "write the email address without `mailto:`", "e.g. `info@example.org`"
        )
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        _fail(
            "email_format",
            "`{value}` is not a valid email address",
            "write it like `lifelong-learning@example.org`",
            value=value[:80],
        )
    return value


Email = Annotated[str, checked(_check_email, {"format": "email"}, "an email address")]
"""An email address."""

_ESCO = re.compile(
    r"^http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


def _check_esco(value: str) -> str:
    if not _ESCO.fullmatch(value):
        _fail(
            "esco_uri",
            "`{value}` is not an ESCO skill URI",
            "copy the URI from the ESCO portal, e.g. "
            "http://data.europa.eu/esco/skill/5b0e2d6b-6c1d-4b4e-9f5f-2a6b8d1c3e7f",
            value=value[:100],
        )
    return value


EscoUri = Annotated[
    str,
    checked(
        _check_esco,
        {"pattern": _ESCO.pattern, "description": "ESCO skill or occupation URI"},
        "an ESCO URI",
    ),
]
"""An ESCO skill (or occupation) concept URI."""

# --- Dates ----------------------------------------------------------------------

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _validate_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = _require_string(value, "a date")
    if not _ISO_DATE.fullmatch(text):
        _fail(
            "date_format",
            "`{value}` is not a date in the form YYYY-MM-DD",
            "write the date as year-month-day, e.g. 2026-09-14",
            value=text[:40],
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(
            "date_impossible",
            "`{value}` is not a real calendar date",
            "check the day and month (e.g. there is no 31 April or 30 February)",
            value=text,
        )
    raise AssertionError("unreachable")


IsoDate = Annotated[
    date,
    PlainValidator(_validate_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
"""A calendar date written YYYY-MM-DD (other forms, e.g. timestamps, are refused)."""

# --- Coded values -----------------------------------------------------------


def code_from(
    codes: Callable[[], Sequence[str]],
    what: str,
    example: str,
    uppercase: bool = False,
    suggest: Callable[[str], str] | None = None,
) -> Rules:
    """The rules of a code from the list `codes` gives (e.g. ISO 639-1), with "did you mean".

    `suggest` gives a better hint first where it knows one (a language's code from its name).
    """

    def check(value: str) -> str:
        if value not in codes():
            hint = (
                (suggest(value) if suggest else "")
                or did_you_mean(value, codes())
                or f"write the {what}, e.g. `{example}`"
            )
            _fail(
                "code_unknown", "`{value}` is not a known {what}", hint, value=value[:60], what=what
            )
        return value

    pattern = "^[A-Z]+$" if uppercase else "^[a-z]+$"
    return checked(check, {"pattern": pattern, "examples": [example]}, f"a {what}")


def language_hint(written: str) -> str:
    """For a language written by its name, the hint with its code (`fi` for Finnish), or ""."""
    code = vocab.language_code_for_name(written)
    return f"did you mean `{code}` ({vocab.language_name(code)})?" if code else ""


LanguageCode = Annotated[
    str, code_from(vocab.language_codes, "ISO 639-1 language code", "en", suggest=language_hint)
]
"""A language: its ISO 639-1 code, e.g. `en`."""

CountryCode = Annotated[
    str, code_from(vocab.country_codes, "ISO 3166-1 country code", "DE", uppercase=True)
]
"""A country: its ISO 3166-1 alpha-2 code, e.g. `DE`."""


def _currency_hint(written: str) -> str:
    """For an ISO 4217 code that is no currency (`XXX`, `XAU`), what it is and what to write."""
    what = vocab.NON_CURRENCIES.get(written.upper())
    if what is None:
        return ""
    return (
        f"`{written.upper()}` is ISO 4217's code for {what}, not a currency: write the currency "
        "the fee is paid in, e.g. `EUR`, or `free: true` if there is no fee"
    )


CurrencyCode = Annotated[
    str,
    code_from(
        vocab.currency_codes,
        "ISO 4217 currency code",
        "EUR",
        uppercase=True,
        suggest=_currency_hint,
    ),
]
"""A currency: its ISO 4217 code, e.g. `EUR`."""


def in_vocabulary(vocabulary: vocab.Vocabulary) -> Rules:
    """The rules of a code from one of the register's vocabularies, its choices in the schema."""

    def check(value: str) -> str:
        if value not in vocabulary:
            hint = did_you_mean(value, vocabulary.codes) or "choose one of " + list_choices(
                vocabulary.codes
            )
            _fail(
                "vocabulary",
                "`{value}` is not a {what}",
                hint,
                value=value[:60],
                what=vocabulary.label.lower(),
            )
        return value

    schema = {
        "enum": vocabulary.codes,
        "markdownEnumDescriptions": [term.label for term in vocabulary],
    }
    return checked(check, schema, f"a {vocabulary.label.lower()}")


QualityFramework = Annotated[str, in_vocabulary(vocab.QUALITY_FRAMEWORKS)]
"""A quality-assurance framework (`esg`, `eqavet` …), of a provider's review or of an offer."""


def unique_list(item_name: str, same: Callable[[str], str] | None = None) -> BeforeValidator:
    """Refuse a list that names the same item twice.

    `same` says when two written items are one (GitHub user names: in any case, with or
    without `@`); by default only equal items are.
    """

    def check(value: Any) -> Any:
        if isinstance(value, list):
            seen: dict[Any, Any] = {}
            for item in value:
                if not isinstance(item, str | int):
                    continue
                key = same(item) if same and isinstance(item, str) else item
                if key in seen:
                    first = seen[key]
                    _fail(
                        "duplicate_item",
                        "lists `{item}` twice"
                        if first == item
                        else f"lists `{{item}}` twice (also as `{first}`)",
                        f"remove the repeated {item_name}",
                        item=str(item),
                    )
                seen[key] = item
        return value

    return BeforeValidator(check)


def same_github_user(handle: str) -> str:
    """One key for the ways a GitHub user name is written: GitHub ignores case, `@` is a prefix."""
    return handle.strip().removeprefix("@").casefold()
