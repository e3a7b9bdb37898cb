"""Machine-readable files as they are made: one at a time, the largest in pieces.

At 50,000 offers the files for machines are about 3.5 GB, and the register-wide ones
(`catalogue.json`, `elm.jsonld`, `qdr.xml`) hundreds of MB each. So the output modules
give their files one after another (`Files`), and a file that gathers every offer as the
pieces it is made of (`Content`); whoever takes them writes each as it comes
(`FolderSink`) and keeps only its path. Nothing holds all of a part's files at once, nor
a large file's text and its bytes and its compressed copy together. Tests and the live
preview take the same files into memory (`collected`, `MemorySink`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

Content = bytes | Iterable[bytes]
"""A file's bytes, whole or as the pieces that, one after the other, make it."""

Files = Iterable[tuple[str, Content]]
"""Files by site-relative path, made one after another."""


def whole(content: Content) -> bytes:
    """The bytes of `content`, put together when it comes in pieces."""
    return content if isinstance(content, bytes) else b"".join(content)


def pieces(content: Content) -> Iterator[bytes]:
    """The pieces of `content`, one if it is whole."""
    if isinstance(content, bytes):
        yield content
    else:
        yield from content


def collected(files: Files) -> dict[str, bytes]:
    """`files` held at once, each put together, by path."""
    return {path: whole(content) for path, content in files}


class Sink(Protocol):
    """Where files are written: one at a time, each as the pieces arrive."""

    def open(self, path: str) -> BinaryIO:
        """A binary file to write `path` into; the file is in place once it is closed."""
        ...

    def remove(self, path: str) -> None:
        """Take back a file that was written."""
        ...


class FolderSink:
    """Writes files under a folder (a site being built)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: set[Path] = set()

    def open(self, path: str) -> BinaryIO:
        """See `Sink.open`; the file's folders are made as needed."""
        target = self.folder / path
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target.open("wb")

    def remove(self, path: str) -> None:
        """See `Sink.remove`."""
        (self.folder / path).unlink()


class MemorySink:
    """Holds the files written, by path, in the order they were opened."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def open(self, path: str) -> BinaryIO:
        """See `Sink.open`."""
        self.files[path] = b""
        return _Kept(self.files, path)

    def remove(self, path: str) -> None:
        """See `Sink.remove`."""
        del self.files[path]


class _Kept(io.BytesIO):
    """A file in memory that, once closed, is in the files it belongs to."""

    def __init__(self, files: dict[str, bytes], path: str) -> None:
        super().__init__()
        self._files, self._path = files, path

    def close(self) -> None:
        if not self.closed:
            self._files[self._path] = self.getvalue()
        super().close()
