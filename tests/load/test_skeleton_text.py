"""The placeholder check passes over files whose text cannot hold the marker, and only those."""

from __future__ import annotations

import pytest

from generator.load.placeholders import placeholder_problems
from generator.load.reading import SourceDocument, load_yaml_bytes
from generator.models import Offer


def placeholder_paths(raw: bytes) -> list[str]:
    document, problems = load_yaml_bytes(raw, "offers/p/o.yaml")
    assert problems == [] and document is not None
    # The check reads only the document and the model's fields, not a validated record.
    return [p.field_path for p in placeholder_problems(Offer, document)]


@pytest.mark.parametrize(
    "raw",
    [
        b"summary: 'TODO: write it'\n",
        b"summary:\n  en: |\n    TODO: write it\n",
        b'summary: "\\x54ODO: spelled with an escape"\n',
        b'summary: "TO\\\n  DO: joined by an escaped line break"\n',
        b'summary: "\\tTODO: after an escaped tab"\n',
        b"summary: TODO\n",
        b"workload:\n  ects: TODO   # a value still to choose\n",
        b"languages: [TODO]\n",
    ],
)
def test_the_marker_is_found_however_it_is_written(raw: bytes) -> None:
    assert len(placeholder_paths(raw)) == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"summary: All done\n",
        b"summary: 'TODO without a colon'\n",
        b"summary: 'The TODO: list'\n",
        b'summary: "a \\\\ backslash, and no marker"\n',
        b"no_such_field: TODO\n",  # the unknown field is the problem there
    ],
)
def test_texts_without_the_marker_pass(raw: bytes) -> None:
    assert placeholder_paths(raw) == []


def test_a_document_without_its_text_is_walked() -> None:
    document = SourceDocument("offers/p/o.yaml", {"summary": "TODO: write it"})
    found = placeholder_problems(Offer, document)
    assert [p.field_path for p in found] == ["summary"]
