"""XML documents as published: UTF-8 with a declaration, the format's namespace as default.

ElementTree keeps namespace prefixes in one table for the whole process, and the Atom
feed and the QDR datasets each need their own namespace as the default one. So the
default is set just before each document is written, under a lock (the live preview
writes files from a background thread).
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET

_lock = threading.Lock()


def xml_bytes(root: ET.Element, default_namespace: str, prefixes: dict[str, str]) -> bytes:
    """`root` written with `default_namespace` unprefixed and the other namespaces as
    `prefixes` (prefix → URI), ending with a newline."""
    with _lock:
        ET.register_namespace("", default_namespace)
        for prefix, uri in prefixes.items():
            ET.register_namespace(prefix, uri)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
