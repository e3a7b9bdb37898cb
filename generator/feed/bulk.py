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
from collections.abc import Iterable
from typing import Any

from generator.catalogue import Catalogue
from generator.urls import OFFERS_BULK_PATH, PROVIDERS_BULK_PATH

COMPRESSION_LEVEL = 6
"""zlib's default: level 9 makes the file about 1 % smaller and takes twice as long."""


def ndjson(records: Iterable[dict[str, Any]]) -> bytes:
    """Records as newline-delimited JSON: UTF-8, one compact document a line."""
    return b"".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        for record in records
    )


def deterministic_gzip(content: bytes) -> bytes:
    """`content` gzip-compressed with an empty file name and time 0 in the header."""
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, compresslevel=COMPRESSION_LEVEL, mtime=0
    ) as compressed:
        compressed.write(content)
    return buffer.getvalue()


def bulk_files(data: Catalogue) -> dict[str, bytes]:
    """Both bulk files by site-relative path."""
    return {
        OFFERS_BULK_PATH: deterministic_gzip(ndjson(data.offer_records.values())),
        PROVIDERS_BULK_PATH: deterministic_gzip(ndjson(data.provider_records.values())),
    }
