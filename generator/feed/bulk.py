"""The bulk files: `api/v1/offers.ndjson.gz` and `api/v1/providers.ndjson.gz`.

Every record in one download, for a harvester's first visit or a full refresh: one JSON
document a line (newline-delimited JSON), in id order, gzip-compressed. A line is the
record as `catalogue.json` holds it, so `offer.schema.json` (`provider.schema.json`)
validates each. The gzip header holds no file name and no time, so equal records give
byte-identical files.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from generator.catalogue import Catalogue
from generator.feed.written import Files
from generator.urls import OFFERS_BULK_PATH, PROVIDERS_BULK_PATH

COMPRESSION_LEVEL = 6
"""zlib's default: level 9 makes the file about 1 % smaller and takes twice as long."""


def ndjson(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Records as newline-delimited JSON, a line at a time: UTF-8, one compact document a
    line."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def deterministic_gzip(content: bytes) -> bytes:
    """`content` gzip-compressed with an empty file name and time 0 in the header."""
    buffer = io.BytesIO()
    with gzip_writer(buffer) as compressed:
        compressed.write(content)
    return buffer.getvalue()


def gzip_writer(raw: BinaryIO) -> gzip.GzipFile:
    """A writer that compresses into `raw` what `deterministic_gzip` would, whatever the
    pieces it is given (zlib's output does not depend on how its input is cut)."""
    return gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=COMPRESSION_LEVEL, mtime=0
    )


def gzipped(content: Iterable[bytes]) -> Iterator[bytes]:
    """`deterministic_gzip` of the pieces of `content` put together, in pieces."""
    buffer = io.BytesIO()
    with gzip_writer(buffer) as compressed:
        for piece in content:
            compressed.write(piece)
            if buffer.tell() >= _PIECE:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


_PIECE = 1 << 20


def bulk_files(data: Catalogue) -> Files:
    """Both bulk files by site-relative path, each compressed as it is written."""
    yield OFFERS_BULK_PATH, gzipped(ndjson(data.offer_records.values()))
    yield PROVIDERS_BULK_PATH, gzipped(ndjson(data.provider_records.values()))
