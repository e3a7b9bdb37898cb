"""A document put together from written pieces is the bytes ElementTree writes for the whole."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from generator.feed.xml_output import (
    xml_bytes,
    xml_document_pieces,
    xml_fragment,
    xml_fragments,
)

MAIN = "http://example.org/main/"
PREFIXES = {"skos": "http://www.w3.org/2004/02/skos/core#", "dc": "http://purl.org/dc/terms/"}


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _children(kinds: list[str]) -> list[ET.Element]:
    children = []
    for number, kind in enumerate(kinds):
        child = ET.Element(_q(MAIN, "item"), {"id": f'https://x.example/{number}?a=1&b="2"'})
        child.text = 'a < b & "c" <dc:not-a-tag>'
        if kind in PREFIXES:
            ET.SubElement(child, _q(PREFIXES[kind], "label"), {"language": "en"}).text = kind
        ET.SubElement(child, _q(MAIN, "empty"))
        children.append(child)
    return children


@pytest.mark.parametrize(
    "kinds", [[], ["plain"], ["skos"], ["dc", "plain"], ["skos", "dc", "skos"]], ids=str
)
def test_pieces_joined_are_the_whole_document(kinds: list[str]) -> None:
    attributes = {"version": '3 & "1"'}
    root = ET.Element(_q(MAIN, "Courses"), attributes)
    container = None
    if kinds:
        container = ET.SubElement(root, _q(MAIN, "things"))
        container.extend(_children(kinds))
    whole = xml_bytes(root, MAIN, PREFIXES)
    body: list[bytes] = []
    if container is not None:
        pieces = [xml_fragment(child, MAIN, PREFIXES) for child in _children(kinds)]
        assert xml_fragments(_children(kinds), MAIN, PREFIXES) == b"".join(pieces)
        body = [b"<things>", *pieces, b"</things>"]
    written = xml_document_pieces("Courses", attributes, body, MAIN, PREFIXES)
    assert b"".join(written) == whole


def test_a_fragment_declares_no_namespace() -> None:
    (child,) = _children(["skos"])
    written = xml_fragment(child, MAIN, PREFIXES)
    assert b"xmlns" not in written
    assert written.startswith(b'<item id="https://x.example/0?a=1&amp;b=&quot;2&quot;">')
    assert b"<skos:label" in written
