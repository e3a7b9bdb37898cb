"""XML documents as published: UTF-8 with a declaration, the format's namespace as default.

ElementTree keeps namespace prefixes in one table for the whole process, and the Atom
feed and the QDR datasets each need their own namespace as the default one. So the
default is set just before each document is written, under a lock (the live preview
writes files from a background thread).

A large document can also be written in pieces (`xml_fragment`) and put together
(`xml_document_pieces`), byte for byte as ElementTree writes the whole: the QDR datasets share
every offer's elements, written once.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator

_lock = threading.Lock()

_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"

_NAMESPACE_ATTRIBUTE = re.compile(rb' xmlns(?::\w+)?="[^"]*"')
"""A namespace declaration; attribute values hold no raw `"`, so it cannot match in one."""


def xml_bytes(root: ET.Element, default_namespace: str, prefixes: dict[str, str]) -> bytes:
    """`root` written with `default_namespace` unprefixed and the other namespaces as
    `prefixes` (prefix → URI), ending with a newline."""
    with _lock:
        _register(default_namespace, prefixes)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def xml_fragment(element: ET.Element, default_namespace: str, prefixes: dict[str, str]) -> bytes:
    """`element` written as it is inside a document of `xml_document_pieces`: without the
    namespace declarations, which the document's root makes."""
    with _lock:
        _register(default_namespace, prefixes)
        written = ET.tostring(element, encoding="utf-8")
    head_end = written.index(b">")
    return _NAMESPACE_ATTRIBUTE.sub(b"", written[:head_end]) + written[head_end:]


def xml_fragments(
    elements: list[ET.Element], default_namespace: str, prefixes: dict[str, str]
) -> bytes:
    """`xml_fragment` of each of `elements`, one after the other, written at once."""
    if not elements:
        return b""
    wrapper = ET.Element(f"{{{default_namespace}}}fragments")
    wrapper.extend(elements)
    with _lock:
        _register(default_namespace, prefixes)
        written = ET.tostring(wrapper, encoding="utf-8")
    return written[written.index(b">") + 1 : -len(b"</fragments>")]


def xml_document_pieces(
    tag: str,
    attributes: dict[str, str],
    body: list[bytes],
    default_namespace: str,
    prefixes: dict[str, str],
) -> Iterator[bytes]:
    """A document whose root `tag` (in `default_namespace`) holds the pieces of `body`
    (fragments written by `xml_fragment`, or whole tags), in pieces: put together, the
    bytes `xml_bytes` writes for the same tree.

    As ElementTree does, the root declares the default namespace and, by prefix in
    alphabetical order, each of `prefixes` that an element of `body` uses.
    """
    declarations = [f' xmlns="{default_namespace}"'] + [
        f' xmlns:{prefix}="{uri}"'
        for prefix, uri in sorted(prefixes.items())
        if any(f"<{prefix}:".encode() in piece for piece in body)
    ]
    written = ET.tostring(ET.Element("root", attributes), encoding="unicode")
    head = f"<{tag}{''.join(declarations)}{written[len('<root') : -len(' />')]}"
    if not any(body):
        yield _DECLARATION + f"{head} />".encode() + b"\n"
        return
    yield _DECLARATION + head.encode() + b">"
    yield from body
    yield f"</{tag}>".encode() + b"\n"


def _register(default_namespace: str, prefixes: dict[str, str]) -> None:
    ET.register_namespace("", default_namespace)
    for prefix, uri in prefixes.items():
        ET.register_namespace(prefix, uri)
