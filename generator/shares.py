"""Work cut into shares, done at once by forked copies of this process.

A build renders and writes tens of thousands of pages from a register already in
memory. Forked processes start with that memory as it is (nothing is pickled to
them), each does its share (every n-th item, or the chunks of `Claims` it takes),
and only what each returns, small by design, travels back through a pipe. The
calling process does share 0 itself.

Forking copies only the calling thread, so a process that runs other threads
(`mkdocs serve`'s server) does all the shares itself, as do small jobs, single-core
machines and systems other than Linux.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

Result = TypeVar("Result")

MIN_ITEMS = 200
"""Below this many items, a second process costs more than it saves."""
MAX_SHARES = 8


class ShareError(RuntimeError):
    """A forked share failed; the message holds its traceback."""


class Claims:
    """Items handed out a chunk at a time to whichever share asks first.

    Made before the shares are forked, it is shared by all of them, so a share that
    had other work to do first simply takes fewer chunks.
    """

    def __init__(self, total: int, chunk: int) -> None:
        self.total = total
        self.chunk = chunk
        self._next = multiprocessing.get_context("fork").Value("q", 0)

    def __iter__(self) -> Iterator[range]:
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = start + self.chunk
            if start >= self.total:
                return
            yield range(start, min(start + self.chunk, self.total))


def share_count(items: int) -> int:
    """How many processes should do `items` items between them (1: this one alone)."""
    if items < MIN_ITEMS or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_SHARES))


def in_shares(
    work: Callable[[int, int], Result],
    shares: int,
    alongside: Callable[[], None] | None = None,
) -> list[Result]:
    """`[work(0, shares), …, work(shares - 1, shares)]`, share 0 here and the others forked.

    `alongside` is other work that waits mostly on another program (the search indexer):
    it runs in a thread of this process, started once the shares are forked (a fork
    copies only the calling thread), and must end before this returns; what it raises
    is raised here. When a share fails or Ctrl+C stops the work, this still waits for
    it, so that nothing writes into a folder the caller is about to remove (from a
    terminal, Ctrl+C stops the indexer too: it is in the same process group).
    """
    if shares <= 1:
        results = [work(0, 1)]
        if alongside is not None:
            alongside()
        return results
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the forked copies do not touch (and so copy) the objects made until now
    children = []
    helper: _Alongside | None = None
    try:
        for share in range(1, shares):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(work, share, shares, sender))
            process.start()
            sender.close()
            children.append((process, receiver))
        if alongside is not None:
            helper = _Alongside(alongside)
        results = [work(0, shares)]
        for process, receiver in children:
            try:
                status, value = pickle.loads(receiver.recv_bytes())
            except EOFError:
                status, value = "error", "the process ended without an answer"
            process.join()
            if status == "error":
                raise ShareError(f"share {len(results)} of {shares} failed:\n{value}")
            results.append(value)
        if helper is not None:
            helper.finish()
        return results
    finally:
        gc.unfreeze()
        for process, receiver in children:
            receiver.close()
            if process.is_alive():
                process.kill()
                process.join()
        if helper is not None:
            helper.thread.join()


class _Alongside:
    """Work in a thread of its own; `finish` waits for it and raises what it raised."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.error: BaseException | None = None

        def run() -> None:
            try:
                work()
            except BaseException as error:  # raised again in the calling thread
                self.error = error

        self.thread = threading.Thread(target=run, name="alongside")
        self.thread.start()

    def finish(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def _child(work: Callable[[int, int], object], share: int, shares: int, sender) -> None:
    try:
        answer: tuple[str, object] = ("done", work(share, shares))
    except BaseException:  # everything goes back to the caller
        answer = ("error", traceback.format_exc())
    sender.send_bytes(pickle.dumps(answer))
    sender.close()
