"""Multilingual text: a plain string in the default language, or a language map.

Partners write `title: Data literacy for public servants` (the register's default
language) or `title: {en: …, de: …}`. Either way the model holds a
`LocalizedText`, with the default language first, that pages and exports read.

Every text is untrusted input that ends up on a public website, so each one passes
the text rules (`generator.models.text_rules`), the same rules as every other string
field: no raw HTML, no Markdown images (they would make the site fetch external
content), no links other than http(s) and mailto, no control, direction-override or
hidden characters, and no text that only looks written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.models.fields import MAX_REMEMBERED, Rules, language_hint
from generator.models.text_rules import ONE_LINE_PATTERN, check_text_content
from generator.problems import did_you_mean
from generator.vocabularies import language_code_set, language_codes, language_name

DEFAULT_LANGUAGE = "en"


class LocalizedText:
    """A text in one or more languages; the register's default language comes first."""

    __slots__ = ("texts",)

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    @property
    def default(self) -> str:
        """The text in the register's default language."""
        return next(iter(self.texts.values()))

    @property
    def languages(self) -> list[str]:
        """The languages this text is available in, default first."""
        return list(self.texts)

    def get(self, language: str) -> str:
        """The text in `language`, falling back to the default language."""
        return self.texts.get(language, self.default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalizedText) and other.texts == self.texts

    def __hash__(self) -> int:
        return hash(tuple(self.texts.items()))

    def __repr__(self) -> str:
        return f"LocalizedText({self.texts!r})"

    def __str__(self) -> str:
        return self.default


def _fail(code: str, message: str, hint: str = "", at: list[str] | None = None, **ctx: Any) -> None:
    raise PydanticCustomError(code, message, {"hint": hint, "at": at or [], **ctx})


def _validate_text(
    value: Any,
    info: ValidationInfo,
    *,
    max_length: int,
    single_line: bool,
    accepted: set[str],
) -> LocalizedText:
    """`value` as a `LocalizedText`; `accepted` holds texts that passed the rules before."""
    default = (info.context or {}).get("default_language", DEFAULT_LANGUAGE)
    if value.__class__ is str and value in accepted:
        return LocalizedText({default: value})
    if isinstance(value, LocalizedText):
        return value
    if isinstance(value, bool) or value is None:
        _fail(
            "text_type",
            "expected a text, found {found}",
            "write the text after the colon, or a map of language codes to texts",
            found="nothing" if value is None else "true/false",
        )
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, str):
        _check_text(value, max_length, single_line, accepted)
        return LocalizedText({default: value})
    if not isinstance(value, dict):
        _fail(
            "text_type",
            "expected a text or a map of language codes to texts, found a list",
            f"write one text, or `{default}: …` lines with one text per language",
        )
    if not value:
        _fail("text_empty", "is an empty map", "write the text in the default language")
    texts: dict[str, str] = {}
    codes = language_code_set()
    for key, text in value.items():
        if not isinstance(key, str) or key not in codes:
            _unknown_language_key(key, text, value)
        if isinstance(text, int | float) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str):
            _fail(
                "text_type",
                "expected a text in this language",
                "write the translation as one text after the language code",
                at=[key],
            )
        _check_text(text, max_length, single_line, accepted, at=[key])
        texts[key] = text
    if default not in texts:
        _fail(
            "text_default_language",
            "has no text in the register's default language ({language})",
            f"add `{default}: …`; the other languages are translations of it",
            language=language_name(default),
        )
    ordered = {default: texts[default]}
    ordered.update((k, v) for k, v in texts.items() if k != default)
    return LocalizedText(ordered)


def _check_text(
    text: str, max_length: int, single_line: bool, accepted: set[str], at: list[str] | None = None
) -> None:
    """Refuse `text` if it breaks the text rules; remember it if it passes."""
    if text.__class__ is str and text in accepted:
        return
    problem = check_text_content(text, max_length=max_length, single_line=single_line)
    if problem:
        _fail(problem[0], problem[1], problem[2], at=at)
    if text.__class__ is str and len(accepted) < MAX_REMEMBERED:
        accepted.add(text)


_CODE_LIKE = re.compile(r"^[A-Za-z]{2}([-_][A-Za-z0-9]{2,4})?$")
"""What a partner writes when they mean a language code (`EN`, `en-GB`): not a word of text."""


def _unknown_language_key(key: object, text: object, texts: dict[Any, Any]) -> None:
    """Refuse a key of a language map that is not a language code, saying what was meant.

    YAML reads `- Note: recognise …` as a map from `Note` to `recognise …`: in a single-key
    map whose key is a word, the `: ` was most likely part of the text.
    """
    name = str(key)
    if len(texts) == 1 and isinstance(text, str) and not _CODE_LIKE.fullmatch(name):
        hint = language_hint(name)  # two letters close to a word are no help here
        quoted = json.dumps(f"{name}: {text}", ensure_ascii=False)
        if len(quoted) > 80:
            quoted = quoted[:78] + '…"'
        quote = f"put the whole text in quotes: {quoted}"
        _fail(
            "text_colon",
            "the text contains `: `, so YAML reads `{key}` as a field name",
            f"{hint} Or, if the colon is part of the text, {quote}" if hint else quote,
            at=[name],
            key=name,
        )
    _fail(
        "text_language",
        "`{key}` is not a two-letter ISO 639-1 language code",
        language_hint(name)
        or did_you_mean(name, language_codes())
        or "use codes such as `en`, `de`, `fr`",
        at=[name],
        key=name,
    )


def _text_schema(max_length: int, single_line: bool, markdown: bool) -> dict[str, Any]:
    kind = "Markdown text (no HTML, no images)" if markdown else "Plain text"
    string: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": max_length}
    if single_line:
        string["pattern"] = ONE_LINE_PATTERN
    return {
        "anyOf": [
            string,
            {
                "type": "object",
                "description": "Texts by ISO 639-1 language code; the default language is required.",
                "propertyNames": {"pattern": "^[a-z]{2}$"},
                "additionalProperties": string,
                "minProperties": 1,
            },
        ],
        "x-text-format": kind,
    }


def text_rules(max_length: int, *, single_line: bool = False, markdown: bool = False) -> Rules:
    """The rules of a multilingual text with a length limit: read, written and its schemas."""

    # Texts that passed, for the next record that repeats one (a provider's name, a note).
    accepted: set[str] = set()

    def validate(value: Any, info: ValidationInfo) -> LocalizedText:
        return _validate_text(
            value, info, max_length=max_length, single_line=single_line, accepted=accepted
        )

    return Rules(
        (
            PlainValidator(validate),
            PlainSerializer(lambda text: text.texts, return_type=dict[str, str]),
            WithJsonSchema(_text_schema(max_length, single_line, markdown), mode="validation"),
            WithJsonSchema(
                {"type": "object", "additionalProperties": {"type": "string"}},
                mode="serialization",
            ),
        )
    )


Label = Annotated[LocalizedText, text_rules(250, single_line=True)]
"""A short single-line text such as a title or a name."""

Text = Annotated[LocalizedText, text_rules(5_000)]
"""A paragraph of plain text."""

MarkdownText = Annotated[LocalizedText, text_rules(20_000, markdown=True)]
"""A longer text in restricted Markdown (no HTML, no images, http(s)/mailto links only)."""
