"""The search index: Pagefind fed one compact record per offer page.

The records (`generator.site.search_records`) carry the words a visitor searches for,
what a result shows, the filters (facets) and the sort keys; Pagefind reads no page.
One index covers every record in the register's default language: translations are
indexed with it, so a search in German finds an offer described in German.

Pagefind matches every query word as a prefix ("data" finds "database"), but only
among the words of the index chunks it has loaded, and it loads one chunk per word:
the one whose range holds the word itself. Words that extend it across a chunk
boundary were found only once another search had loaded their chunk, so the same
query gave different results in one visit. `CHUNK_RANGES` lists the word range of
every chunk, read from Pagefind's metadata after indexing; the browse page loads
every chunk a query's words can extend into before it searches.

Pagefind holds about 170 KB per record while it indexes, whatever the text, so a large
register is indexed in parts of at most `search_part_size` records (register.yml), one
after another, each a bundle of its own (`urls.search_part_dirs`): the memory the index
needs no longer grows with the register. The parts are consecutive slices of the records
in title order. The sort keys are given to Pagefind as ranks in the whole register, so
each part sorts its results in the register's order, and, when there is more than one
part, the ranks are in each result's metadata too (`sort-title`, `sort-start`): the
browse page merges the parts' sorted results by them.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import shutil
import threading
import time
import zlib
from collections.abc import Coroutine, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pagefind.service import PagefindService

from generator.catalogue import Catalogue
from generator.models.config import RegisterConfig
from generator.site.search_records import SearchRecord, search_records
from generator.urls import SEARCH_BUNDLE_DIR, search_part_dirs

CHUNK_RANGES = "register-chunks.json"
"""In the bundle: per language, the first and last word of each index chunk, in order."""

DEFAULT_PART_SIZE: int = RegisterConfig.model_fields["search_part_size"].default
"""Most records in one part of the index, unless register.yml sets `search_part_size`."""

SERVICE_EXIT_SECONDS = 60
"""How long Pagefind may take to exit once it has handed over its files."""


Result = TypeVar("Result")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


PART_FILES_LEFT_OUT = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's user interfaces: in the first part only; the others hold just the index."""

SORT_META = "sort-"
"""Prefix of the metadata that carries a record's rank for each sort key, in parts."""


def index_site(site_dir: Path, data: Catalogue, today: date) -> int:
    """Index every offer page of `data` on `today` into the site in `site_dir`.

    Returns the number of pages indexed.
    """
    config = data.register.config
    return index_records(
        site_dir,
        search_records(data, today),
        config.default_language,
        part_size=config.search_part_size,
    )


def ranked(records: Sequence[SearchRecord], *, in_meta: bool) -> list[SearchRecord]:
    """`records` with each sort value replaced by its rank among them (ties in the given
    order), zero-padded so that text and number order agree; with `in_meta`, the ranks
    are in the metadata as well (`SORT_META` + key)."""
    width = len(str(len(records)))
    ranks: list[dict[str, str]] = [{} for _ in records]
    for key in dict.fromkeys(key for record in records for key in record.sort):
        order = sorted(range(len(records)), key=lambda n: (records[n].sort.get(key, ""), n))
        for rank, number in enumerate(order):
            ranks[number][key] = str(rank).zfill(width)
    return [
        replace(
            record,
            sort=rank,
            meta={**record.meta, **{SORT_META + k: v for k, v in rank.items()}}
            if in_meta
            else record.meta,
        )
        for record, rank in zip(records, ranks, strict=True)
    ]


def _run(coroutine: Coroutine[Any, Any, Result]) -> Result:
    """Run `coroutine` to its end in a thread of its own, with its own event loop.

    Never in the calling thread: there `asyncio.run` would take over Ctrl+C while it ran
    (a SIGINT during indexing cancelled the indexer and the build went on as if nothing
    had happened), or fail where the caller already runs a loop (a build from a test
    that drives a browser). The thread is a daemon, so an interrupted build ends at once.
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(("done", asyncio.run(coroutine)))
        except BaseException as error:  # raised again in the caller's thread
            outcome.append(("error", error))

    thread = threading.Thread(target=run, name="pagefind", daemon=True)
    thread.start()
    thread.join()
    status, value = outcome[0]
    if status == "error":
        raise value
    return value


def index_records(
    site_dir: Path,
    records: Sequence[SearchRecord],
    language: str,
    *,
    part_size: int = DEFAULT_PART_SIZE,
) -> int:
    """Index `records` into the search bundle of the site in `site_dir`; returns their number.

    More than `part_size` records are indexed in parts (`urls.search_part_dirs`), one
    Pagefind service after another. The bundle is written beside the old one and
    replaces it only once every part is complete and checked (`check_bundle`): the live
    preview serves the old one meanwhile, and a failed run leaves no half-written
    bundle behind.
    """
    bundle = site_dir / SEARCH_BUNDLE_DIR
    staging = site_dir / f".{SEARCH_BUNDLE_DIR}-new"
    shutil.rmtree(staging, ignore_errors=True)
    folders = search_part_dirs(len(records), part_size)
    everything = ranked(records, in_meta=len(folders) > 1)
    bounds = [len(records) * number // len(folders) for number in range(len(folders) + 1)]
    try:
        count = 0
        for number, folder in enumerate(folders):
            part = everything[bounds[number] : bounds[number + 1]]
            files = _run(_bundle_files(part, language))
            if folder:
                files = [
                    (name, content) for name, content in files if name not in PART_FILES_LEFT_OUT
                ]
            _write_bundle(files, staging / folder)
            count += check_bundle(staging / folder, len(part), interface=not folder)
            write_chunk_ranges(staging / folder)
        old = site_dir / f".{SEARCH_BUNDLE_DIR}-old"
        shutil.rmtree(old, ignore_errors=True)
        if bundle.exists():
            bundle.rename(old)
        staging.rename(bundle)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def index_timed(
    site_dir: Path, records: Sequence[SearchRecord], language: str, part_size: int
) -> tuple[int, float]:
    """`index_records`, and how many seconds it took: the build runs it in a process of its
    own (`shares.Alongside`), which needs a function it can import."""
    started = time.perf_counter()
    count = index_records(site_dir, records, language, part_size=part_size)
    return count, time.perf_counter() - started


async def _bundle_files(records: Sequence[SearchRecord], language: str) -> list[tuple[str, bytes]]:
    """Pagefind's bundle for `records`: (path in the bundle, content) for every file.

    Pagefind's indexing service answers "written" before its last write to each file
    has landed (it never flushes them), and exits as soon as its input ends, or is
    stopped by Pagefind's Python API right after: that left a truncated
    `pagefind-entry.json`. So the service hands the files over instead, and
    `index_records` writes them itself.
    """
    try:
        service = _Service()
        await service.launch()
    except OSError as error:  # FileNotFoundError too: no Pagefind binary
        raise SearchIndexError(f"Pagefind could not start: {error}") from error
    try:
        index = await service.create_index({"force_language": language})
        await asyncio.gather(
            *(
                index.add_custom_record(
                    url=f"/{record.url}",
                    content=record.content,
                    language=language,
                    meta=record.meta,
                    filters=record.filters,
                    sort=record.sort,
                )
                for record in records
            )
        )
        files = await index.get_files()
    except Exception as error:
        await service.stop()
        raise SearchIndexError(f"Pagefind could not index the records: {error}") from error
    code = await service.finish()
    if code != 0:
        raise SearchIndexError(f"Pagefind's indexing service ended with exit code {code}")
    return [(file["path"], file["content"]) for file in files]


def _write_bundle(files: list[tuple[str, bytes]], bundle: Path) -> None:
    for name, content in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise SearchIndexError(f"Pagefind named a file outside its bundle: {name!r}")
        target = bundle.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


class _Service(PagefindService):
    """Pagefind's indexing service, reading each answer as soon as it comes.

    The library's own reader sleeps 0.1 s before each answer, one per record (ten
    records a second), and cannot read an answer over 2 MiB, such as the bundle's
    files. A service that dies fails the waiting calls instead of leaving them waiting.
    """

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        pending: list[bytes] = []  # the start of an answer not yet complete
        try:
            while chunk := await stdout.read(1 << 20):
                # Answers are base64, so a comma can only end one.
                *ends, rest = chunk.split(b",")
                for end in ends:
                    self._answer(b"".join([*pending, end]))
                    pending = []
                pending.append(rest)
            raise EOFError("its output ended")
        except (EOFError, ValueError, KeyError, TypeError) as error:
            ended = SearchIndexError(f"Pagefind's indexing service stopped answering: {error}")
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(ended)
            self._responses.clear()

    def _answer(self, message: bytes) -> None:
        response = json.loads(base64.b64decode(message))
        payload = response["payload"]
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.pop(message_id, None)
        if future is None or future.done():
            return
        if payload["type"] == "Error":
            future.set_exception(SearchIndexError(payload["message"]))
        else:
            future.set_result(payload)

    async def finish(self) -> int:
        """End the service's input and wait for it to exit; returns its exit code."""
        assert self._backend.stdin is not None
        self._backend.stdin.close()
        try:
            return await asyncio.wait_for(self._backend.wait(), SERVICE_EXIT_SECONDS)
        except TimeoutError:
            await self.stop()
            raise SearchIndexError(
                f"Pagefind did not exit within {SERVICE_EXIT_SECONDS} s"
            ) from None
        finally:
            self._poll_task.cancel()

    async def stop(self) -> None:
        """Stop the service now (after a failure: its files are not wanted)."""
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.kill()
            await self._backend.wait()


def check_bundle(bundle: Path, expected: int, *, interface: bool = True) -> int:
    """The number of pages in a written bundle; an error unless it is complete.

    Complete: the entry file parses and names one index holding `expected` pages; its
    metadata lists as many, and every fragment, word-index chunk and filter file it
    names is there and decompresses to its end; the search script is there (with
    `interface`: a part after the first holds the index alone).
    """
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        (index,) = entry["languages"].values()
        counted = int(index["page_count"])
        meta = _metadata(bundle, index["hash"])
        pages, chunks, filters = meta[1], meta[2], meta[3]
        parts = [
            *(f"fragment/{page_hash}.pf_fragment" for page_hash, _words in pages),
            *(f"index/{chunk[2]}.pf_index" for chunk in chunks),
            *(f"filter/{filter_hash}.pf_filter" for _name, filter_hash in filters),
        ]
        for part in parts:
            _check_part(bundle, part)
        if interface and not (bundle / "pagefind.js").stat().st_size:
            raise ValueError("pagefind.js is empty")
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zlib.error) as error:
        raise SearchIndexError(
            f"Pagefind wrote an incomplete bundle in {bundle}: {error}"
        ) from error
    if not counted == len(pages) == expected:
        raise SearchIndexError(
            f"Pagefind wrote an incomplete bundle in {bundle}: {expected} records, but "
            f"{counted} pages in its entry file and {len(pages)} in its metadata"
        )
    return counted


def _check_part(bundle: Path, part: str) -> None:
    try:
        content = gzip.decompress((bundle / part).read_bytes())
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise ValueError(f"{part}: {error}") from error
    if not content.startswith(_SIGNATURE):
        raise ValueError(f"{part} is not a Pagefind file")


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
            meta = _metadata(bundle, index["hash"])
            ranges[language] = [[first, last] for first, last, _hash in meta[2]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zlib.error) as error:
        raise SearchIndexError(f"Pagefind's metadata in {bundle} is unreadable: {error}") from error
    text = json.dumps(ranges, ensure_ascii=False, separators=(",", ":"))
    (bundle / CHUNK_RANGES).write_text(text, encoding="utf-8")
    return ranges


_SIGNATURE = b"pagefind_dcd"


def _metadata(bundle: Path, index_hash: str) -> list[Any]:
    """A language's decoded metadata: [version, pages, index chunks, filters, sorts]."""
    raw = gzip.decompress((bundle / f"pagefind.{index_hash}.pf_meta").read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind metadata file")
    meta, _ = _cbor(raw, len(_SIGNATURE))
    if not isinstance(meta, list):
        raise ValueError("Pagefind's metadata is not an array")
    return meta


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
