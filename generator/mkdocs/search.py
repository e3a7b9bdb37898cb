"""The search index: Pagefind run over the built site.

Only fact sheets and tombstones carry `data-pagefind-body`, so only offers are
indexed; their filters (facets) and sort keys are attributes in the page
(`generator/site/templates/_filters.html`). One index covers the whole site in
the register's default language: translations on a fact sheet are indexed
with it, so a search in German finds an offer described in German.

Pagefind matches every query word as a prefix ("data" finds "database"), but only
among the words of the index chunks it has loaded, and it loads one chunk per word:
the one whose range holds the word itself. Words that extend it across a chunk
boundary were found only once another search had loaded their chunk, so the same
query gave different results in one visit. `CHUNK_RANGES` lists the word range of
every chunk, read from Pagefind's metadata after indexing; the browse page loads
every chunk a query's words can extend into before it searches.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.urls import SEARCH_BUNDLE_DIR

CHUNK_RANGES = "register-chunks.json"
"""In the bundle: per language, the first and last word of each index chunk, in order."""


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path, language: str) -> int:
    """Index the built site in `site_dir`; returns the number of pages indexed.

    Pagefind runs as its command-line program: it exits only once every file of
    the bundle is written. (Its Python API stops the indexing service right after
    asking it to write, which left a truncated `pagefind-entry.json` now and then.)
    """
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        SEARCH_BUNDLE_DIR,
        "--force-language",
        language,
        "--silent",
    ]
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not start: {error}") from error
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip()
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {detail}")
    bundle = site_dir / SEARCH_BUNDLE_DIR
    write_chunk_ranges(bundle)
    return _page_count(bundle)


def write_chunk_ranges(bundle: Path) -> dict[str, list[list[str]]]:
    """Write `CHUNK_RANGES` into a Pagefind bundle; returns what it wrote.

    Each language's metadata file (`pagefind.<hash>.pf_meta`, named in
    `pagefind-entry.json`) is gzip-compressed CBOR after a 12-byte signature: an
    array of the Pagefind version, the pages, then the index chunks as
    [first word, last word, chunk hash].
    """
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        ranges = {}
        for language, index in sorted(entry["languages"].items()):
            raw = gzip.decompress((bundle / f"pagefind.{index['hash']}.pf_meta").read_bytes())
            if not raw.startswith(_SIGNATURE):
                raise ValueError("not a Pagefind metadata file")
            meta, _ = _cbor(raw, len(_SIGNATURE))
            ranges[language] = [[first, last] for first, last, _hash in meta[2]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError) as error:
        raise SearchIndexError(f"Pagefind's metadata in {bundle} is unreadable: {error}") from error
    text = json.dumps(ranges, ensure_ascii=False, separators=(",", ":"))
    (bundle / CHUNK_RANGES).write_text(text, encoding="utf-8")
    return ranges


_SIGNATURE = b"pagefind_dcd"


def _cbor(data: bytes, at: int) -> tuple[Any, int]:
    """Decode the CBOR item at `at`: the integers, strings and arrays Pagefind writes."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    elif info <= 27:
        width = 1 << (info - 24)
        value, at = int.from_bytes(data[at : at + width], "big"), at + width
    else:
        raise ValueError(f"unexpected CBOR length {info} at byte {at - 1}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        return (chunk.decode("utf-8") if major == 3 else chunk), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR type {major} at byte {at - 1}")


def _page_count(bundle: Path) -> int:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(index["page_count"]) for index in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(
            f"Pagefind wrote an incomplete bundle in {bundle}: {error}"
        ) from error
