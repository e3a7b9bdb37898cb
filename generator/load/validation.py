"""Validating one loaded document against its model, with errors a partner can act on.

Pydantic reports errors as (type, loc, msg); this module turns each into a
`Problem` at the right line and column, names the field in the form partners
see it in their file, and adds a hint: the field's description for a missing
field, "did you mean …" for a misspelt key, the expected form for a wrong type.
A placeholder from `register new` is reported as such (`generator.load.placeholders`), and
the type error it causes is not reported a second time.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator.load.placeholders import covers, placeholder_problems
from generator.load.reading import MAX_PROBLEMS_PER_FILE, SourceDocument, cap_problems
from generator.problems import Loc, Problem, did_you_mean, format_loc, list_choices

M = TypeVar("M", bound=BaseModel)


def validate_document(
    model: type[M], document: SourceDocument, context: dict[str, Any]
) -> tuple[M | None, list[Problem]]:
    """Validate a document against `model`; returns the instance (or None) and problems.

    Placeholders are errors, but a record that holds nothing else wrong is still made, so
    that the checks across records see it.
    """
    data = document.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        return None, [
            document.problem(
                (),
                f"must be a map of fields (`field: value` lines), but it is {found}",
                "file-not-a-map",
                f"start the file with the fields of a {model.__name__.lower()}, e.g. `id: …`",
            )
        ]
    placeholders = placeholder_problems(model, document)
    try:
        return model.model_validate(data, context=context), placeholders
    except ValidationError as exc:
        # Describing an error costs a walk of the model; a hostile file can hold 50,000.
        errors = [
            error
            for error in exc.errors(include_url=False)
            if not covers(placeholders, _error_loc(error))
        ]
        problems = placeholders + [
            _problem_from_error(model, document, error) for error in errors[:MAX_PROBLEMS_PER_FILE]
        ]
        return None, cap_problems(problems, document.file, len(placeholders) + len(errors))


def _error_loc(error: Any) -> Loc:
    ctx = error.get("ctx") or {}
    return tuple(error["loc"]) + tuple(ctx.get("at") or ())


def _problem_from_error(model: type[BaseModel], document: SourceDocument, error: Any) -> Problem:
    ctx = error.get("ctx") or {}
    loc = _error_loc(error)
    kind = error["type"]
    if kind == "missing":
        return _missing(model, document, loc)
    if kind == "extra_forbidden":
        return _unknown_field(model, document, loc)
    message, hint = _describe(error, ctx)
    return document.problem(loc, message, kind.replace("_", "-"), hint)


def _missing(model: type[BaseModel], document: SourceDocument, loc: Loc) -> Problem:
    name = str(loc[-1])
    info = _field_at(model, loc)
    description = info.description if info and info.description else ""
    parent = format_loc(loc[:-1])
    where = f" under `{parent}`" if parent else ""
    hint = f"add `{name}:`{where}"
    if description:
        hint += f" ({description})"
    # The field is absent, so point at the map it belongs in.
    return Problem(
        document.file,
        document.position(loc[:-1]),
        "this required field is missing",
        "missing",
        loc,
        hint,
    )


def _unknown_field(model: type[BaseModel], document: SourceDocument, loc: Loc) -> Problem:
    name = str(loc[-1])
    allowed = _field_names(model, loc[:-1])
    hint = did_you_mean(name, allowed)
    if not hint:
        elsewhere = _paths_of_field(model, name)
        if name in model.model_fields and loc[:-1]:
            elsewhere.insert(0, "")
        if elsewhere:
            places = " or ".join(f"under `{p}`" if p else "at the top level" for p in elsewhere[:2])
            hint = f"`{name}` is not a field here; it belongs {places}"
        else:
            hint = "remove it, or use one of the fields allowed here: " + list_choices(allowed, 20)
    return document.problem(loc, f"`{name}` is not a known field", "unknown-field", hint, key=True)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the text `{shown}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map of fields"
    return type(value).__name__


_TYPE_MESSAGES = {
    "string_type": ("a text", "write the text after the colon"),
    "int_type": ("a whole number", "write digits only, e.g. 12"),
    "int_parsing": ("a whole number", "write digits only, e.g. 12"),
    "int_from_float": ("a whole number", "remove the decimal part"),
    "float_type": ("a number", "write a number such as 5 or 2.5 (with a decimal point)"),
    "float_parsing": ("a number", "write a number such as 5 or 2.5 (with a decimal point)"),
    "finite_number": ("a finite number", "write an ordinary number such as 5 or 2.5"),
    "bool_type": ("true or false", "write `true` or `false`"),
    "bool_parsing": ("true or false", "write `true` or `false`"),
    "list_type": ("a list", "write one item per line starting with `- `, or `[a, b]`"),
    "dict_type": ("a map of fields", "indent `field: value` lines under this one"),
    "model_type": ("a map of fields", "indent `field: value` lines under this one"),
    "model_attributes_type": ("a map of fields", "indent `field: value` lines under this one"),
}

_BOUNDS = {
    "greater_than": ("more than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}


def _describe(error: Any, ctx: dict[str, Any]) -> tuple[str, str]:
    kind = error["type"]
    value = error.get("input")
    if "hint" in ctx:  # our own field types explain themselves
        return error["msg"], str(ctx["hint"])
    if kind in _TYPE_MESSAGES:
        expected, hint = _TYPE_MESSAGES[kind]
        return f"expected {expected}, found {_kind(value)}", hint
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"must be {words} {ctx.get(key):g}; found {value}", "correct the number"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        items = "item" if minimum == 1 else "items"
        return f"needs at least {minimum} {items}", "add the missing entries to the list"
    if kind == "too_long":
        return (
            f"has {ctx.get('actual_length', 0):,} items; at most {ctx.get('max_length', 0):,} "
            "are allowed",
            "shorten the list; the field reference gives each list's maximum",
        )
    if kind == "string_too_short":
        return "is empty", "write a value, or remove the field if it is optional"
    if kind == "string_too_long":
        return (
            f"is too long (at most {ctx.get('max_length')} characters)",
            "shorten it",
        )
    if kind == "literal_error":
        parts = [e.strip(" '") for e in str(ctx.get("expected", "")).split(" or ")]
        choices = [e.strip("'") for part in parts for e in part.split(", ")]
        return (
            f"{_kind(value)} is not allowed here",
            did_you_mean(value, choices) or "choose one of " + list_choices(choices),
        )
    return error["msg"], ""


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional[...], list[...], Annotated[...] and unions."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple, set, frozenset):
        return [t for arg in get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _model_in(current.model_fields[part].annotation)
    return current


def _field_at(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return None
    return parent.model_fields.get(str(loc[-1]))


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    parent = _model_at(model, loc)
    return list(parent.model_fields) if parent else []


def _paths_of_field(model: type[BaseModel], name: str, prefix: str = "") -> list[str]:
    """Where else in the model tree a field called `name` exists (for misplaced fields)."""
    found: list[str] = []
    for field_name, info in model.model_fields.items():
        child = _model_in(info.annotation)
        if child is None:
            continue
        path = f"{prefix}.{field_name}" if prefix else field_name
        if name in child.model_fields:
            found.append(path)
        if child is not model:
            found.extend(_paths_of_field(child, name, path))
    return found
