"""Work cut into shares, done at once by forked copies of this process.

A build renders and writes tens of thousands of pages from a register already in
memory. Forked processes start with that memory as it is (nothing is pickled to
them), each does its share (every n-th item, or the chunks of `Claims` it takes),
and only what each returns, small by design, travels back through a pipe. The
calling process does share 0 itself.

Forking copies only the calling thread, so a process that runs other threads
(`mkdocs serve`'s server) does all the shares itself, as do small jobs, single-core
machines and systems other than Linux.

Work that goes on beside all this for the whole build (the search index) runs in a new
process instead (`Alongside`), given only what it needs.
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
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

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


def in_shares(work: Callable[[int, int], Result], shares: int) -> list[Result]:
    """`[work(0, shares), …, work(shares - 1, shares)]`, share 0 here and the others forked.

    When a share fails, or Ctrl+C stops the work, every forked share is stopped before
    this returns, so that none writes into a folder the caller is about to remove.
    """
    if shares <= 1:
        return [work(0, 1)]
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the forked copies do not touch (and so copy) the objects made until now
    children: list[tuple[BaseProcess, Connection]] = []
    try:
        for share in range(1, shares):
            children.append(_start(context, _child, (work, share, shares)))
        results = [work(0, shares)]
        for process, receiver in children:
            results.append(_answer(process, receiver, f"share {len(results)} of {shares}"))
        return results
    finally:
        gc.unfreeze()
        for process, receiver in children:
            _stop(process, receiver)


class Alongside(Generic[Result]):
    """`function(*args)` run in a new Python process, while this one goes on with other work.

    The search index, which Pagefind makes from records, while the build writes the data
    files and the pages: in a thread it would take the interpreter from them. Not in a
    fork: a forked process keeps the pages of memory it started with, and this process,
    working on, changes (and so copies) nearly every page that holds the register; a fork
    alive for the whole build would end up holding a whole copy. The new process holds only
    its arguments (pickled to it) and what it makes.

    `result` waits for the answer and raises what `function` raised; `stop` ends the
    process (a build that failed or was interrupted), so that it writes nothing more.
    """

    def __init__(self, function: Callable[..., Result], *args: Any) -> None:
        self.process, self.receiver = _start(
            multiprocessing.get_context("spawn"), _alongside, (function, args)
        )

    def result(self) -> Result:
        try:
            answer: Result = _answer(self.process, self.receiver, "the work alongside")
            return answer
        finally:
            self.stop()

    def stop(self) -> None:
        _stop(self.process, self.receiver)


def _stop(process: BaseProcess, receiver: Connection) -> None:
    receiver.close()
    if process.is_alive():
        process.kill()
        process.join()


def _start(
    context: Any, target: Callable[..., None], args: tuple[Any, ...]
) -> tuple[BaseProcess, Connection]:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, sender))
    process.start()
    sender.close()
    return process, receiver


def _answer(process: BaseProcess, receiver: Connection, what: str) -> Any:
    """What a forked process sent back; raises what it raised."""
    try:
        status, value = pickle.loads(receiver.recv_bytes())
    except EOFError:
        status, value = "error", "the process ended without an answer"
    process.join()
    if status == "raised":
        raise value
    if status == "error":
        raise ShareError(f"{what} failed:\n{value}")
    return value


def _alongside(function: Callable[..., object], args: tuple[Any, ...], sender: Connection) -> None:
    try:
        answer: tuple[str, object] = ("done", function(*args))
    except Exception as error:  # raised again in the caller, as it was
        answer = ("raised", error)
        try:
            pickle.dumps(error)
        except Exception:
            answer = ("error", traceback.format_exc())
    except BaseException:
        answer = ("error", traceback.format_exc())
    sender.send_bytes(pickle.dumps(answer))
    sender.close()


def _child(work: Callable[[int, int], object], share: int, shares: int, sender: Connection) -> None:
    try:
        answer: tuple[str, object] = ("done", work(share, shares))
    except BaseException:  # everything goes back to the caller
        answer = ("error", traceback.format_exc())
    sender.send_bytes(pickle.dumps(answer))
    sender.close()
