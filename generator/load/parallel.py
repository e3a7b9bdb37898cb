"""Loading many YAML files at once: in worker processes, while the caller validates.

Reading a file (parsing its YAML into data) costs about as much as validating
it against its model. A large register therefore loads in a pipeline: the files
are cut into chunks, worker processes read them in order, and the calling
process validates each file as soon as its chunk is read. Rather than wait for
a chunk a worker is still reading, the calling process reads the next chunk no
one has taken yet; it needs that one next, so nothing read waits long to be
used, and the two sides share the work in whatever proportion their speeds
allow. Each chunk is taken once, by one side, under a shared lock. The results
are those of `load_yaml_file`, in the order of the files, whoever read them, so
problems come out exactly as from a serial load.

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
from collections.abc import Generator, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, ForkProcess
from pathlib import Path

from generator.load.reading import SourceDocument, load_yaml_file
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


def load_yaml_files(root: Path, files: Sequence[Path]) -> Generator[Loaded, None, None]:
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
    """The chunks no one has taken yet, first come first served across the processes."""

    def __init__(self, context: ForkContext, chunks: int) -> None:
        self._range = context.Array("i", [0, chunks])  # [next to take, end], locked

    def take(self) -> int | None:
        """The first chunk no one has taken, now taken; None when all are."""
        with self._range.get_lock():
            first, end = self._range[0], self._range[1]
            if first >= end:
                return None
            self._range[0] = first + 1
            return first

    def close(self) -> None:
        """Let no more chunks be taken."""
        with self._range.get_lock():
            self._range[1] = self._range[0]


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
            yield from self._chunk(index)

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
            if self._receive(wait=0):
                continue
            untaken = self.claims.take()
            if untaken is not None:
                self.received[untaken] = _load_chunk(self.root, self.chunks[untaken])
            elif not self._receive(wait=0.1) and self.workers_gone:
                return _load_chunk(self.root, self.chunks[index])  # the workers died with it
        chunk = self.received.pop(index)
        # A chunk a worker failed on is read here, where its error is raised as in a serial load.
        return chunk if chunk is not None else _load_chunk(self.root, self.chunks[index])

    def _receive(self, wait: float) -> bool:
        """A chunk from the workers, if one comes within `wait` seconds; True if one came."""
        if self.workers_gone or not self.notices.poll(wait):
            return False
        try:
            notice = self.notices.recv_bytes()
        except EOFError:
            self.workers_gone = True
            return False
        worker, index, offset, size = _NOTICE.unpack(notice)
        self.received[index] = pickle.loads(_read_exactly(self.outputs[worker], offset, size))
        return True


def _work(
    root: Path,
    chunks: Sequence[Sequence[Path]],
    claims: _Claims,
    number: int,
    output: int,
    notices: Connection,
) -> None:
    """A worker: read the chunks no one has taken, one at a time, until none is left."""
    # Ctrl+C and SIGTERM are the calling process's to handle; it stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    calling_process = os.getppid()
    offset = 0
    while (index := claims.take()) is not None:
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
