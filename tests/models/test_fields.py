"""Field types: multilingual texts, ids, links, dates and codes, accepted and refused."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ValidationError

from generator.models.fields import (
    MODEL_CONFIG,
    CountryCode,
    CurrencyCode,
    Email,
    EscoUri,
    GitHubHandle,
    HttpUrl,
    IsoDate,
    LanguageCode,
    Slug,
    in_vocabulary,
)
from generator.models.text import Label, LocalizedText, MarkdownText
from generator.vocabularies import PARTICIPATION_MODES


class Sample(BaseModel):
    model_config = MODEL_CONFIG
    title: Label | None = None
    description: MarkdownText | None = None
    slug: Slug | None = None
    url: HttpUrl | None = None
    email: Email | None = None
    day: IsoDate | None = None
    language: LanguageCode | None = None
    country: CountryCode | None = None
    currency: CurrencyCode | None = None
    esco: EscoUri | None = None
    handle: GitHubHandle | None = None
    mode: Annotated[str, in_vocabulary(PARTICIPATION_MODES)] | None = None


def check(**data: Any) -> Sample:
    return Sample.model_validate(data, context={"default_language": "en"})


def refusal(**data: Any) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        check(**data)
    errors = caught.value.errors()
    assert len(errors) == 1
    return errors[0]


# --- Multilingual texts -----------------------------------------------------------


def test_plain_text_is_in_the_default_language() -> None:
    title = check(title="Data literacy").title
    assert isinstance(title, LocalizedText)
    assert title.texts == {"en": "Data literacy"}


def test_language_map_puts_the_default_first() -> None:
    title = check(title={"de": "Datenkompetenz", "en": "Data literacy"}).title
    assert title.languages == ["en", "de"]
    assert title.get("de") == "Datenkompetenz"
    assert title.get("fi") == "Data literacy"  # falls back to the default


def test_default_language_comes_from_the_context() -> None:
    sample = Sample.model_validate({"title": "Datenkompetenz"}, context={"default_language": "de"})
    assert sample.title.texts == {"de": "Datenkompetenz"}


def test_texts_serialise_as_language_maps() -> None:
    assert check(title="Data").model_dump()["title"] == {"en": "Data"}


@pytest.mark.parametrize(
    ("value", "code", "at"),
    [
        ({"de": "Datenkompetenz"}, "text_default_language", []),
        ({"en": "Data", "english": "Data"}, "text_language", ["english"]),
        ({"en": "Data", "xx": "Data"}, "text_language", ["xx"]),
        ({}, "text_empty", []),
        ("   ", "text_empty", []),
        ({"en": "ok", "de": ["a list"]}, "text_type", ["de"]),
        (True, "text_type", []),
        (["a", "b"], "text_type", []),
        ("Line one\nline two", "text_multiline", []),
        ("x" * 251, "text_too_long", []),
        ("<script>alert(1)</script>", "text_html", []),
        ({"en": "fine", "de": "<img src=x onerror=alert(1)>"}, "text_html", ["de"]),
        ("Click <a href='javascript:alert(1)'>here</a>", "text_html", []),
        ("<!-- hidden -->", "text_html", []),
        ("A ![tracking pixel](https://evil.example/p.png)", "text_image", []),
        ("[click](javascript:alert(1))", "text_link_scheme", []),
        ("[click](data:text/html;base64,PHNjcmlwdD4=)", "text_link_scheme", []),
        ("<vbscript:msgbox>", "text_link_scheme", []),
        ("Safe\u202egnp.exe", "text_bidi_control", []),
        ("Bell\x07", "text_control_character", []),
    ],
)
def test_unpublishable_texts_are_refused(value: Any, code: str, at: list[str]) -> None:
    error = refusal(title=value)
    assert error["type"] == code
    assert error["ctx"]["at"] == at
    assert error["ctx"]["hint"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("See [the page](https://www.example.org:70000/).", "url_port"),
        ("Log in at <https://bank.example@evil.example/>.", "url_credentials"),
        ("See [the page][1].\n\n[1]: https://%65vil.example/", "url_host"),
        ("[Write to us](mailto:office).", "url_format"),
    ],
)
def test_links_in_texts_follow_the_web_address_rule(text: str, code: str) -> None:
    assert refusal(description=text)["type"] == code


def test_markdown_reference_link_with_bad_scheme_is_refused() -> None:
    text = "See [the page][1].\n\n[1]: javascript:alert(1)"
    assert refusal(description=text)["type"] == "text_link_scheme"


@pytest.mark.parametrize(
    "text",
    [
        "Use *emphasis*, **strong** and [links](https://example.org) or <https://example.org>.",
        "Write to [us](mailto:info@example.org).",
        "Scores a < b and b > c are compared.",
        "Right-to-left text: مرحبا بالعالم with a mark \u200f.",
        "Indented\n\n- list item\n- another",
    ],
)
def test_ordinary_markdown_is_accepted(text: str) -> None:
    assert check(description=text).description.default == text


def test_numbers_are_accepted_as_text() -> None:
    assert check(title=2030).title.default == "2030"


# --- Identifiers, links, dates ---------------------------------------------------------


@pytest.mark.parametrize("value", ["data-literacy", "ai-101", "x"])
def test_valid_slugs(value: str) -> None:
    assert check(slug=value).slug == value


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("Data Literacy", "data-literacy"),
        ("../../etc/passwd", "etc-passwd"),
        ("data--literacy", "data-literacy"),
        ("-data", "data"),
        ("dat\u200ba", "data"),
        ("café-basics", "caf-basics"),
    ],
)
def test_invalid_slugs_suggest_a_valid_one(value: str, suggestion: str) -> None:
    error = refusal(slug=value)
    assert error["type"] == "id_format"
    assert f"`{suggestion}`" in error["ctx"]["hint"]


def test_slug_length_is_limited() -> None:
    assert refusal(slug="a" * 81)["type"] == "id_too_long"


@pytest.mark.parametrize("value", ["https://example.org/", "http://www.uni.de/x?y=1#z"])
def test_valid_urls(value: str) -> None:
    assert check(url=value).url == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("javascript:alert(1)", "url_scheme"),
        ("data:text/html,hi", "url_scheme"),
        ("ftp://files.example.org", "url_scheme"),
        ("www.example.org", "url_scheme"),
        ("https://", "url_format"),
        ("https://exa mple.org", "url_format"),
        ("https://" + "a" * 2_000 + ".org", "url_too_long"),
        ("https://www.example.org\\evil.example/", "url_format"),
        ("https://www.example.org:99999/", "url_port"),
        ("https://www.example.org:0/", "url_port"),
        ("https://bank.example@evil.example/", "url_credentials"),
        ("https://user:pass@www.example.org/", "url_credentials"),
        ("https://%65vil.example/", "url_host"),
        ("https://.../", "url_format"),
        ("https://www..example.org/", "url_format"),
        ("https://[::1/", "url_format"),
        ("https://[not-an-ip]/", "url_format"),
        ("https://example.org/\u202eexe.pdf", "text_bidi_control"),
    ],
)
def test_invalid_urls(value: str, code: str) -> None:
    assert refusal(url=value)["type"] == code


@pytest.mark.parametrize("value", ["info@example.org", "first.last+tag@uni-x.ac.at"])
def test_valid_emails(value: str) -> None:
    assert check(email=value).email == value


@pytest.mark.parametrize(
    "value", ["info@", "info at example.org", "mailto:info@example.org", "a@b", "x@-bad.org"]
)
def test_invalid_emails(value: str) -> None:
    assert refusal(email=value)["type"] == "email_format"


def test_dates() -> None:
    assert check(day="2026-09-14").day == date(2026, 9, 14)
    assert refusal(day="2026-02-30")["type"] == "date_impossible"
    assert refusal(day="14.09.2026")["type"] == "date_format"
    assert refusal(day=20260914)["type"] == "date_format"  # no Unix timestamps
    assert refusal(day=True)["type"] == "string_expected"


def test_codes_with_did_you_mean() -> None:
    assert check(language="fi", country="FI", currency="EUR").country == "FI"
    assert "`DE`" in refusal(country="de")["ctx"]["hint"]
    assert refusal(country="XX")["type"] == "code_unknown"
    assert refusal(language="eng")["type"] == "code_unknown"
    assert refusal(currency="EURO")["type"] == "code_unknown"


def test_vocabulary_codes_suggest_the_closest() -> None:
    assert check(mode="blended").mode == "blended"
    error = refusal(mode="hybrid-blend")
    assert error["type"] == "vocabulary"
    assert "`blended`" in error["ctx"]["hint"]
    assert "online" in refusal(mode="zzz")["ctx"]["hint"]  # lists the choices


def test_esco_and_github() -> None:
    uri = "http://data.europa.eu/esco/skill/2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11"
    assert check(esco=uri).esco == uri
    assert refusal(esco="https://esco.ec.europa.eu/en/skill/123")["type"] == "esco_uri"
    assert check(handle="@maria-schmidt").handle == "maria-schmidt"
    assert refusal(handle="maria schmidt")["type"] == "github_handle"
    assert refusal(handle="-maria")["type"] == "github_handle"


# --- Whole values: a final line break is not part of a valid value -----------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "data-literacy"),
        ("handle", "maria-schmidt"),
        ("handle", "@maria-schmidt"),
        ("email", "info@example.org"),
        ("esco", "http://data.europa.eu/esco/skill/2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11"),
        ("day", "2026-09-14"),
    ],
)
def test_a_final_line_break_is_refused(field: str, value: str) -> None:
    check(**{field: value})
    refusal(**{field: value + "\n"})


def test_identifier_patterns_match_whole_values() -> None:
    from generator.models.provider import Identifiers

    good = {"pic": "999123456", "eter_id": "DE0023", "deqar_id": "DEQARINST0112"}
    good |= {"schac": "uni-heidelberg.de", "erasmus_code": "D  HEIDELB01"}
    Identifiers.model_validate(good)
    for key, value in good.items():
        with pytest.raises(ValidationError):
            Identifiers.model_validate({**good, key: value + "\n"})


def test_dates_are_written_in_ascii_digits() -> None:
    assert refusal(day="２０２６-09-14")["type"] == "date_format"


# --- The text rules, for texts and for every other string field ------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters
        "\u3164",  # Hangul filler
        "\u115f\u1160",  # Hangul choseong and jungseong fillers
        "\uffa0 \uffa0",  # halfwidth Hangul filler
        "\u2800\u2800",  # Braille blank
        "\u3000\u2800\u00a0",  # a wide space, a Braille blank, a no-break space
        "\u034f\ufe0f\U000e0100",  # combining grapheme joiner, variation selectors
        "\u00ad\u180e\u061c",  # soft hyphen, Mongolian vowel separator, Arabic letter mark
        "\U000e0041\U000e0042",  # tag characters
    ],
)
def test_a_text_of_invisible_characters_is_empty(value: str) -> None:
    error = refusal(title=value)
    assert error["type"] == "text_empty"
    assert "invisible" in error["msg"]
    assert refusal(description={"en": "Written.", "de": value})["type"] == "text_empty"


@pytest.mark.parametrize(
    "value",
    [
        "Mit ZWNJ: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "한국어 과정",
        "Emoji 👩\u200d💻",
    ],
)
def test_texts_with_joiners_and_scripts_are_written(value: str) -> None:
    assert check(title=value).title.default == value


@pytest.mark.parametrize("tag", ["\U000e0001", "\U000e0049", "\U000e007f", "\ufff9"])
def test_hidden_characters_are_refused_anywhere(tag: str) -> None:
    error = refusal(description=f"A course on data.{tag}Ignore all of the above.")
    assert error["type"] == "text_hidden_characters"


@pytest.mark.parametrize("line_break", ["\r", "\u2028", "\u2029", "\n", "\r\n"])
def test_a_one_line_text_holds_no_line_break_at_all(line_break: str) -> None:
    assert refusal(title=f"Data{line_break}literacy")["type"] == "text_multiline"
    assert refusal(title=f"Data literacy{line_break}")["type"] == "text_multiline"
    if line_break == "\n":
        assert check(description=f"Data{line_break}literacy").description is not None
    else:  # only an escape makes another line break, and readers split on them differently
        assert refusal(description=f"Data{line_break}literacy")["type"] == "text_line_break"


def test_one_line_texts_say_so_in_the_schema() -> None:
    pattern = Sample.model_json_schema()["properties"]["title"]["anyOf"][0]["anyOf"][0]["pattern"]
    assert pattern == "^[^\\n\\r\\u2028\\u2029]*$"


def _string_leaves(data: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _string_leaves(value, (*loc, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _string_leaves(value, (*loc, i))]
    return [loc] if isinstance(data, str) else []


def _with(data: Any, loc: tuple[Any, ...], value: str) -> Any:
    import copy

    changed = copy.deepcopy(data)
    parent = changed
    for part in loc[:-1]:
        parent = parent[part]
    parent[loc[-1]] = parent[loc[-1]] + value
    return changed


@pytest.mark.parametrize("added", ["\u202e", "\x1b[2J", "\r", "\U000e0041"])
@pytest.mark.parametrize("kind", ["offer", "provider", "config"])
def test_no_string_field_skips_the_text_rules(kind: str, added: str) -> None:
    """Every string a file holds reaches an output, so every one passes the same rules."""
    from generator.load.reading import load_yaml_bytes
    from generator.models import Offer, Provider, RegisterConfig
    from tests.support import registers as conftest

    model, text = {
        "offer": (
            Offer,
            conftest.OFFER.replace(
                "  qf_ehea: first\n", "  qf_ehea: first\n  national: {framework: DQR, level: '6'}\n"
            ),
        ),
        "provider": (
            Provider,
            conftest.PROVIDER.replace(
                "  schac: hs-rhein.de\n",
                "  schac: hs-rhein.de\n  national_registration: {registry: HR Koblenz, number: HRB 1}\n",
            ),
        ),
        "config": (RegisterConfig, conftest.CONFIG + "description: A register.\n"),
    }[kind]
    document, _ = load_yaml_bytes(text.encode(), "file.yaml")
    assert document is not None
    context = {"default_language": "en"}
    model.model_validate(document.data, context=context)
    leaves = _string_leaves(document.data)
    assert len(leaves) > 8
    for loc in leaves:
        with pytest.raises(ValidationError) as caught:
            model.model_validate(_with(document.data, loc, added), context=context)
            pytest.fail(f"{loc} accepts {added!r}")
        found = [(*e["loc"], *(e.get("ctx") or {}).get("at", [])) for e in caught.value.errors()]
        assert any(tuple(f[: len(loc)]) == loc for f in found), (loc, found)


# --- Every list has a maximum ---------------------------------------------------------------


def _arrays(schema: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        if schema.get("type") == "array":
            found.append((path, schema))
        for key, value in schema.items():
            found.extend(_arrays(value, f"{path}/{key}"))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found.extend(_arrays(value, f"{path}/{index}"))
    return found


def test_every_list_has_a_documented_maximum() -> None:
    from generator.models.schema import SCHEMAS, json_schema

    for name, model in SCHEMAS.items():
        arrays = _arrays(json_schema(model, name))
        assert arrays
        for path, schema in arrays:
            assert isinstance(schema.get("maxItems"), int), f"{name}{path} has no maxItems"


def test_an_overlong_list_is_refused_before_its_items_are_read() -> None:
    import time

    from generator.models.provider import Provider

    started = time.perf_counter()
    with pytest.raises(ValidationError) as caught:
        Provider.model_validate({"maintainers": [f"person-{i}" for i in range(20_000)]})
    assert time.perf_counter() - started < 0.5
    [error] = [e for e in caught.value.errors() if e["loc"] == ("maintainers",)]
    assert error["type"] == "too_long"
    assert error["ctx"]["actual_length"] == 20_000


# --- Impossible values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "CHE", "BOV"]
)
def test_codes_that_are_no_currency_are_refused_with_what_they_are(code: str) -> None:
    error = refusal(currency=code)
    assert error["type"] == "code_unknown"
    assert "not a currency" in error["ctx"]["hint"] and "`EUR`" in error["ctx"]["hint"]


@pytest.mark.parametrize("code", ["EUR", "PLN", "CHF", "XOF", "XAF", "XCD", "XPF"])
def test_real_currencies_with_an_x_are_accepted(code: str) -> None:
    assert check(currency=code).currency == code


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("ects", 0.1, True),
        ("ects", 2.5, True),
        ("ects", 0.25, True),
        ("ects", 5e-324, False),
        ("ects", 0.05, False),
        ("ects", 3.333, False),
        ("hours", 0.25, True),
        ("hours", 7.5, True),
        ("hours", 1e-300, False),
        ("hours", 0.1, False),
        ("hours", 12.345, False),
    ],
)
def test_workload_numbers_are_usable(field: str, value: float, accepted: bool) -> None:
    from generator.models.offer import Workload

    if accepted:
        assert getattr(Workload.model_validate({field: value}), field) == value
        return
    with pytest.raises(ValidationError) as caught:
        Workload.model_validate({field: value})
    [error] = caught.value.errors()
    assert error["type"] == "number_precision"
    assert "two decimals" in error["ctx"]["hint"]


@pytest.mark.parametrize(
    "maintainers",
    [["maria", "Maria"], ["maria", "@maria"], ["@Maria", "MARIA"], ["maria", "maria"]],
)
def test_a_github_user_is_listed_once_however_written(maintainers: list[str]) -> None:
    from generator.models.provider import Provider

    with pytest.raises(ValidationError) as caught:
        Provider.model_validate({"maintainers": maintainers})
    [error] = [e for e in caught.value.errors() if e["loc"] == ("maintainers",)]
    assert error["type"] == "duplicate_item"


@pytest.mark.parametrize(
    ("name", "reserved"),
    [
        ("con", True),
        ("CON", True),
        ("aux.yaml", True),
        ("nul.tar.gz", True),
        ("com1", True),
        ("lpt9.yaml", True),
        ("com0", True),
        ("prn .txt", True),
        ("console", False),
        ("con-course", False),
        ("com10", False),
        ("aux-data.yaml", False),
    ],
)
def test_windows_device_names(name: str, reserved: bool) -> None:
    from generator.models.fields import is_windows_reserved

    assert is_windows_reserved(name) is reserved


@pytest.mark.parametrize("value", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"])
def test_ids_that_windows_reserves_are_refused(value: str) -> None:
    error = refusal(slug=value)
    assert error["type"] == "id_reserved"
    assert f"`{value}-course`" in error["ctx"]["hint"]


@pytest.mark.parametrize("folder", ["aux", "data/con", "offers.", "data./offers", "offers\n"])
def test_record_folders_can_be_checked_out_everywhere(folder: str) -> None:
    from pydantic import TypeAdapter

    from generator.models.config import RelativeDir

    TypeAdapter(RelativeDir).validate_python("data/offers")
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(RelativeDir).validate_python(folder)
    assert caught.value.errors()[0]["type"] == "path_format"


# --- Texts seen before ------------------------------------------------------------
# Each string type remembers the texts it accepted (a register repeats its codes and
# references thousands of times): a repeated text must come out as the first time.


def test_a_repeated_text_is_in_the_default_language_of_its_own_record() -> None:
    english = check(title="Open science basics").title
    german = Sample.model_validate(
        {"title": "Open science basics"}, context={"default_language": "de"}
    ).title
    assert english is not None and german is not None
    assert english.languages == ["en"]
    assert german.languages == ["de"]
    assert german is not english


def test_a_repeated_address_is_normalised_as_the_first_time() -> None:
    assert check(url="HTTPS://example.org/a").url == "https://example.org/a"
    assert check(url="HTTPS://example.org/a").url == "https://example.org/a"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "<b>Data</b>", "text_html"),
        ("description", {"en": "Fine", "de": "![x](https://example.org/x.png)"}, "text_image"),
        ("slug", "Data Literacy", "id_format"),
        ("mode", "onlin", "vocabulary"),
    ],
)
def test_a_refused_text_is_refused_every_time(field: str, value: Any, code: str) -> None:
    assert refusal(**{field: value})["type"] == code
    assert refusal(**{field: value})["type"] == code


def test_a_number_written_where_text_goes_is_its_own_text() -> None:
    # 1 and 1.0 are equal keys in a dict; they are different texts.
    assert check(title=1).title == LocalizedText({"en": "1"})
    assert check(title=1.0).title == LocalizedText({"en": "1.0"})
    assert check(slug=1).slug == "1"
    assert refusal(slug=1.0)["type"] == "id_format"
