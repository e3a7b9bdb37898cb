"""Placeholders: what `register new` leaves for the partner to write and to choose.

A skeleton's texts start with `TODO:` ("TODO: a learning outcome, starting with a
verb.") and each value the partner has to choose is written `TODO` (`eqf: TODO`).
Nothing in a skeleton is a working value: a file becomes publishable only once
every text is written and every value chosen. Until then each placeholder is an
error, for `register validate` (the pull-request check) and `register build` alike,
and the error says what the field takes (the allowed codes, the kind of value), from
the same model that validates the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from generator.load.reading import SourceDocument
from generator.models.reference import FieldRow, field_rows
from generator.problems import Loc, Problem

MARKER = "TODO"
"""How a placeholder starts: `TODO` alone for a value, `TODO: …` for a text."""

TEXT_CODE = "skeleton-text"
VALUE_CODE = "value-not-chosen"
CODES = (TEXT_CODE, VALUE_CODE)
MAX_LISTED_CHOICES = 20
"""Longer code lists are left to the field reference."""


def is_placeholder(value: object) -> bool:
    """True for a value that `register new` wrote for the partner to replace."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text == MARKER or text.startswith(MARKER + ":")


def placeholder_problems(model: type[BaseModel], document: SourceDocument) -> list[Problem]:
    """One error for each placeholder still in the document: texts to write, values to choose.

    Placeholders in fields that `model` does not have are left alone: the unknown
    field is the problem there.
    """
    # A value can only be a placeholder if the file's text holds the marker, unless a
    # backslash escape in double quotes spells it out: most files are passed over unwalked.
    if document.text and MARKER not in document.text and "\\" not in document.text:
        return []
    rows = _rows(model)
    problems: list[Problem] = []
    for loc in _placeholder_locs(document.data, ()):
        row = _row_at(rows, loc)
        if row is not None:
            problems.append(_problem(document, loc, row, _fields_of(rows, row)))
    return problems


def covers(placeholders: list[Problem], loc: Loc) -> bool:
    """Whether `loc` is at or inside a placeholder (its type error says nothing new)."""
    return any(tuple(loc[: len(p.loc)]) == p.loc for p in placeholders)


def _placeholder_locs(value: object, loc: Loc) -> Iterator[Loc]:
    # The document's own data, so that every location is one written in the file.
    if is_placeholder(value):
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholder_locs(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholder_locs(item, (*loc, index))


@cache
def _rows(model: type[BaseModel]) -> dict[str, FieldRow]:
    return {row.path: row for row in field_rows(model, model.__name__, links=False)}


def _row_at(rows: dict[str, FieldRow], loc: Loc) -> FieldRow | None:
    """The field a placeholder stands for: the nearest enclosing field the model has.

    Inside a text, that is the text field (`summary.en` is `summary`); a list item's
    field is the list (`languages[0]` is `languages`).
    """
    parts = list(loc)
    while parts:
        path = ""
        for index, part in enumerate(parts):
            if isinstance(part, int):
                path += "[]" if index + 1 < len(parts) else ""
            else:
                path += f".{part}" if path else str(part)
        if path in rows:
            return rows[path]
        parts.pop()
    return None


def _fields_of(rows: dict[str, FieldRow], row: FieldRow) -> list[str]:
    """The names of the fields directly inside the field of `row` (none unless it is a map)."""
    prefix = f"{row.path}."
    return [
        path.removeprefix(prefix)
        for path in rows
        if path.startswith(prefix) and "." not in path.removeprefix(prefix)
    ]


def _problem(document: SourceDocument, loc: Loc, row: FieldRow, fields: list[str]) -> Problem:
    description = _sentence(row.description)
    if row.text:
        hint = "replace the TODO text with your own" + (f": {description}" if description else "")
        return document.problem(
            loc, "still holds the skeleton text from `register new`", TEXT_CODE, hint
        )
    item = bool(loc) and isinstance(loc[-1], int)
    what = _what(row, item, fields)
    if row.codes and all(f"`{code}`" in description for code in row.codes):
        what = ""  # the description names the choices itself
    hint = f"replace `TODO` with {what}" if what else "replace `TODO`"
    if description:
        hint += f"{'.' if what else ':'} {description}"
    default = row.required.removeprefix("optional, default ")
    if default != row.required:
        hint += f" Without the line, it is {default}."
    elif row.required != "required":
        hint += " If it does not apply, delete the line."
    return document.problem(loc, "is not chosen yet (`TODO` from `register new`)", VALUE_CODE, hint)


def _what(row: FieldRow, item: bool, fields: list[str]) -> str:
    """What replaces the placeholder, in words: the choices, or the kind of value ("" if unsaid)."""
    codes = [f"`{code}`" for code in row.codes]
    if codes and len(codes) <= MAX_LISTED_CHOICES:
        return ("one or more of " if item else "one of " if len(codes) > 2 else "") + _either(codes)
    if fields and not item:
        return "its fields, " + _either([f"`{name}`" for name in fields])
    if item:
        return ""  # the list's description says what its items are
    kind = row.type
    if kind.startswith(("one of", "`")):
        return kind
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", ")")) else text + "."
