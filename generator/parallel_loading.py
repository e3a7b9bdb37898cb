"""Loading many YAML files at once: in worker processes, while the caller validates.

Reading a file (parsing its YAML into data) costs about as much as validating
it against its model. A large register therefore loads in a pipeline: the files
are cut into chunks, worker processes read chunks from the first on, and the
calling process validates each file as soon as its chunk is read. When the
workers fall behind, the calling process reads chunks itself, from the last,
as long as that does not leave it with more to do than the workers. Each chunk
is taken once, by one side, under a shared lock. The results are those of
`load_yaml_file`, in the order of the files, whoever read them, so problems come
out exactly as from a serial load.

The workers are forked, so they start at once with everything already imported,
and only the read data travels back (validated models would cost more to send
than to make). A worker writes each chunk it read, pickled, to a file in memory
of its own and sends a short notice through a pipe: unlike a queue, this never
makes a worker wait for the calling process, nor share its time with a sending
thread. A process that runs other threads (`mkdocs serve`) is never forked,
since a fork copies locks another thread may hold; small registers, single-core
machines and systems other than Linux load in the calling process. A chunk a
worker could not deliver (an unexpected error, a worker killed) is read again by
the calling process, where an error is raised as in a serial load.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import struct
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, ForkProcess
from pathlib import Path

from generator.loading import SourceDocument, load_yaml_file
from generator.problems import Problem

MIN_FILES = 500
"""Below this many files, starting workers costs more than it saves."""
CHUNK_FILES = 50
"""Files per chunk: enough to make sending cheap, few enough to balance the work finely."""
MAX_WORKERS = 2
"""The calling process validates files about as fast as one and a half workers read them."""

Loaded = tuple[SourceDocument | None, list[Problem]]

_NOTICE = struct.Struct("=iiqq")
"""A chunk is read: the worker, the chunk, and where its pickle is in the worker's file."""


def load_yaml_files(root: Path, files: Sequence[Path]) -> Iterator[Loaded]:
    """Load each file of the register at `root` as `load_yaml_file` does, yielding in order.

    Each is named by its path relative to `root`. Close the iterator when stopping early.
    """
    workers = worker_count(len(files))
    if not workers:
        for path in files:
            yield _load(root, path)
        return
    pipeline = _Pipeline(root, files, workers)
    try:
        yield from pipeline.results()
    finally:
        pipeline.stop()


def worker_count(files: int) -> int:
    """How many worker processes read `files` files: none when loading in-process is better."""
    if files < MIN_FILES or sys.platform != "linux" or not hasattr(os, "memfd_create"):
        return 0  # fork is safe on Linux; elsewhere it is unavailable or unreliable
    if threading.active_count() > 1:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # The calling process validates what the workers read: it needs a core of its own.
    return min(max((cores or 1) - 1, 0), MAX_WORKERS)


class _Claims:
    """The chunks not yet taken: workers take them from the front, the caller from the back."""

    def __init__(self, context: ForkContext, chunks: int) -> None:
        self._range = context.Array("i", [0, chunks])  # [next from the front, end], locked

    def from_front(self) -> int | None:
        with self._range.get_lock():
            first, end = self._range[0], self._range[1]
            if first >= end:
                return None
            self._range[0] = first + 1
            return first

    def from_back(self, after: int) -> int | None:
        """The last chunk, if no one has taken it and it comes after chunk `after`."""
        with self._range.get_lock():
            first, end = self._range[0], self._range[1]
            if end - 1 < max(first, after + 1):
                return None
            self._range[1] = end - 1
            return end - 1

    def taken_from_front(self) -> int:
        with self._range.get_lock():
            return int(self._range[0])

    def close(self) -> None:
        """Let no more chunks be taken from the front."""
        with self._range.get_lock():
            self._range[1] = self._range[0]


@dataclass
class _Rate:
    """Seconds spent per file on one kind of work, as measured so far."""

    seconds: float = 0.0
    files: int = 0

    def add(self, seconds: float, files: int) -> None:
        self.seconds += seconds
        self.files += files

    @property
    def per_file(self) -> float:
        return self.seconds / self.files if self.files else 0.0


class _Pipeline:
    """Worker processes reading chunks of files, and the calling process using them in order."""

    def __init__(self, root: Path, files: Sequence[Path], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        self.root = root
        self.chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
        self.claims = _Claims(context, len(self.chunks))
        self.outputs = [os.memfd_create("register-chunks") for _ in range(workers)]
        self.notices, notices = context.Pipe(duplex=False)
        self.workers_gone = False
        self.received: dict[int, list[Loaded] | None] = {}
        self.first_read_here = len(self.chunks)
        self.reading = _Rate()  # here, by the calling process
        self.receiving = _Rate()  # here, what the workers read
        self.using = _Rate()  # by the caller, between one result and the next
        self.started = time.perf_counter()
        self.workers: list[ForkProcess] = [
            context.Process(
                target=_work,
                args=(root, self.chunks, self.claims, number, output, notices),
                daemon=True,
            )
            for number, output in enumerate(self.outputs)
        ]
        for worker in self.workers:
            worker.start()
        notices.close()  # the workers hold it: when they are all gone, the notices end

    def results(self) -> Iterator[Loaded]:
        for index in range(len(self.chunks)):
            chunk = self._chunk(index)
            started = time.perf_counter()
            yield from chunk
            self.using.add(time.perf_counter() - started, len(chunk))

    def stop(self) -> None:
        self.claims.close()
        for worker in self.workers:
            worker.terminate()  # one may be reading a chunk no one will use
        for worker in self.workers:
            worker.join()
        self.notices.close()
        for output in self.outputs:
            os.close(output)

    def _chunk(self, index: int) -> list[Loaded]:
        """Chunk `index`, read: by a worker, or here."""
        while index not in self.received:
            if self._take_one(index):
                continue  # rather than wait, read a chunk from the back
            if not self._receive() and self.workers_gone:
                return self._read_here(index)  # the workers are gone without delivering it
        chunk = self.received.pop(index)
        return chunk if chunk is not None else self._read_here(index)

    def _receive(self) -> bool:
        """Wait a moment for a chunk from the workers; True if one came."""
        if self.workers_gone or not self.notices.poll(0.1):
            return False
        try:
            notice = self.notices.recv_bytes()
        except EOFError:
            self.workers_gone = True
            return False
        worker, index, offset, size = _NOTICE.unpack(notice)
        started = time.perf_counter()
        self.received[index] = pickle.loads(_read_exactly(self.outputs[worker], offset, size))
        self.receiving.add(time.perf_counter() - started, len(self.chunks[index]))
        return True

    def _take_one(self, waiting_for: int) -> bool:
        """Read the last chunk no one has taken, if that is worth it; True if read."""
        if not self._worth_reading_here(waiting_for):
            return False
        last = self.claims.from_back(after=waiting_for)
        if last is None:
            return False
        self.first_read_here = last
        self.received[last] = self._read_here(last)
        return True

    def _worth_reading_here(self, waiting_for: int) -> bool:
        """Whether the workers' work left, less a chunk, still outlasts the caller's, plus it."""
        # The workers have been reading all along, each a chunk at a time: the chunks they took
        # but one each are read, and tell their pace.
        first_unread = self.claims.taken_from_front()
        read_by_workers = (first_unread - len(self.workers)) * CHUNK_FILES
        if read_by_workers <= 0 or not self.using.files:
            return False  # nothing to tell the pace of the workers and the caller by yet
        workers_reading = (time.perf_counter() - self.started) / read_by_workers
        reading = self.reading.per_file or workers_reading * len(self.workers)
        unread = sum(len(chunk) for chunk in self.chunks[first_unread : self.first_read_here])
        unreceived = sum(len(chunk) for chunk in self.chunks[waiting_for : self.first_read_here])
        unused = sum(len(chunk) for chunk in self.chunks[waiting_for:])
        workers_left = (unread - CHUNK_FILES) * workers_reading
        left_here = (
            unused * self.using.per_file
            + (unreceived - CHUNK_FILES) * self.receiving.per_file
            + CHUNK_FILES * reading
        )
        return workers_left >= left_here

    def _read_here(self, index: int) -> list[Loaded]:
        started = time.perf_counter()
        chunk = _load_chunk(self.root, self.chunks[index])
        self.reading.add(time.perf_counter() - started, len(chunk))
        return chunk


def _work(
    root: Path,
    chunks: Sequence[Sequence[Path]],
    claims: _Claims,
    number: int,
    output: int,
    notices: Connection,
) -> None:
    """A worker: read chunks from the front until none is left."""
    # Ctrl+C and SIGTERM are the calling process's to handle; it stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    calling_process = os.getppid()
    offset = 0
    while (index := claims.from_front()) is not None:
        if os.getppid() != calling_process:
            return  # the calling process was killed: no one will use the chunks
        try:
            chunk: list[Loaded] | None = _load_chunk(root, chunks[index])
        except Exception:
            chunk = None  # the calling process reads it again, and sees the error
        data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        written = 0
        while written < len(data):
            written += os.write(output, data[written:])
        notices.send_bytes(_NOTICE.pack(number, index, offset, len(data)))
        offset += len(data)


def _read_exactly(file: int, offset: int, size: int) -> bytes:
    parts = []
    while size:
        part = os.pread(file, size, offset)
        if not part:
            raise EOFError("a worker's file ended early")
        parts.append(part)
        offset += len(part)
        size -= len(part)
    return b"".join(parts)


def _load_chunk(root: Path, files: Sequence[Path]) -> list[Loaded]:
    return [_load(root, path) for path in files]


def _load(root: Path, path: Path) -> Loaded:
    return load_yaml_file(path, path.relative_to(root).as_posix())
