"""The register-wide files that grow with the register, at scale: each also gzip-compressed,
and the plain one left out above `PLAIN_LIMIT` bytes.

`catalogue.json`, the register's ELM file `elm.jsonld` and its QDR dataset `qdr.xml` hold
every offer (about 4.5, 12 and 9 KB an offer): at 100,000 offers they would take 2.6 GB
of a host that allows 1 GB for the whole site (GitHub Pages). So:

- each is also published gzip-compressed beside it (`catalogue.json.gz`, `elm.jsonld.gz`,
  `qdr.xml.gz`; a fifth to a tenth of the size), always, so that a harvester can move to
  the compressed file before it needs to;
- a plain file larger than `PLAIN_LIMIT` is not published. `index.json` then lists it
  under `omitted`, with its size and the endpoint of its compressed copy, instead of among
  its `endpoints`; the DCAT-AP description offers the compressed copy, and the register's
  QualityLink manifest points at every provider's ELM file instead.

The same documents stay available plain in parts: each offer's JSON and ELM document, each
provider's catalogue, ELM file and QDR dataset, and the pages of the catalogue. The limit
is where a single download stops being practical, and GitHub's limit for a file pushed to
a repository (a `gh-pages` branch); the first file to reach it, `elm.jsonld` at about
8,000 offers, does so where a site before API 1.3.0 reached GitHub Pages' 1 GB.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.feed.bulk import gzip_writer
from generator.feed.written import Files, Sink, pieces
from generator.urls import (
    CATALOGUE_GZIP_PATH,
    CATALOGUE_PATH,
    QDR_REGISTER_GZIP_PATH,
    QDR_REGISTER_PATH,
    REGISTER_ELM_GZIP_PATH,
    REGISTER_ELM_PATH,
)

PLAIN_LIMIT = 100_000_000
"""Bytes above which a register-wide file is published compressed only (100 MB)."""


RULE = (
    f"Above {PLAIN_LIMIT // 1_000_000} MB this file is published only gzip-compressed, "
    "beside it (`.gz`): `index.json` then lists it under `omitted`, with its size and the "
    "endpoint of the compressed copy, instead of among its `endpoints`."
)
"""The rule in words, for the OpenAPI description and the API page."""


@dataclass(frozen=True)
class LargeFile:
    """A register-wide file: its endpoint in `index.json`, its path, and those of its copy."""

    endpoint: str
    path: str
    compressed_endpoint: str
    compressed_path: str


LARGE_FILES: tuple[LargeFile, ...] = (
    LargeFile("catalogue", CATALOGUE_PATH, "catalogue_gzip", CATALOGUE_GZIP_PATH),
    LargeFile("elm", REGISTER_ELM_PATH, "elm_gzip", REGISTER_ELM_GZIP_PATH),
    LargeFile("qdr", QDR_REGISTER_PATH, "qdr_gzip", QDR_REGISTER_GZIP_PATH),
)


@dataclass(frozen=True)
class Omission:
    """A plain file left out: which, and how large it would have been."""

    file: LargeFile
    size: int
    limit: int


_BY_PATH = {large.path: large for large in LARGE_FILES}


def write(
    files: Files, sink: Sink, limit: int = PLAIN_LIMIT
) -> tuple[list[str], dict[str, Omission]]:
    """Write each of `files` into `sink` as it comes; a large file also gzip-compressed, in
    the same pass, and over `limit` bytes only so.

    Returns the paths written, in order, and the large files left out, by endpoint name.
    """
    paths: list[str] = []
    omitted: dict[str, Omission] = {}
    for path, content in files:
        large = _BY_PATH.get(path)
        if large is None:
            with sink.open(path) as plain:
                for piece in pieces(content):
                    plain.write(piece)
            paths.append(path)
            continue
        size = 0
        with (
            sink.open(path) as plain,
            sink.open(large.compressed_path) as raw,
            gzip_writer(raw) as compressed,
        ):
            for piece in pieces(content):
                plain.write(piece)
                compressed.write(piece)
                size += len(piece)
        if size > limit:
            sink.remove(path)
            omitted[large.endpoint] = Omission(large, size, limit)
            paths.append(large.compressed_path)
        else:
            paths += [path, large.compressed_path]
    return paths, omitted
