"""Work done in shares by forked processes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from generator import shares


def test_each_share_does_its_items_and_the_results_come_back_in_order() -> None:
    items = list(range(10))

    def work(number: int, count: int) -> tuple[int, list[int]]:
        return os.getpid(), items[number::count]

    results = shares.in_shares(work, 3)
    assert [done for _, done in results] == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]
    assert results[0][0] == os.getpid()
    assert len({pid for pid, _ in results}) == 3


def test_a_failing_share_fails_the_whole_with_its_traceback() -> None:
    def work(number: int, count: int) -> int:
        if number == 1:
            raise KeyError("offer-that-broke")
        return number

    failure = "(?s)share 1 of 2 failed.*KeyError.*offer-that-broke"
    with pytest.raises(shares.ShareError, match=failure):
        shares.in_shares(work, 2)


def test_a_share_that_dies_without_answering_fails_the_whole() -> None:
    def work(number: int, count: int) -> int:
        if number == 1:
            os._exit(3)
        return number

    with pytest.raises(shares.ShareError, match="ended without an answer"):
        shares.in_shares(work, 2)


def test_small_jobs_are_done_by_the_calling_process_alone() -> None:
    assert shares.share_count(shares.MIN_ITEMS - 1) == 1
    assert shares.in_shares(lambda number, count: (number, count), 1) == [(0, 1)]


def test_claimed_chunks_go_to_one_share_each_and_a_busy_share_takes_fewer() -> None:
    claims = shares.Claims(total=1000, chunk=10)

    def work(number: int, count: int) -> list[int]:
        if number == 0:
            time.sleep(0.5)  # other work first
        taken = []
        for chunk in claims:
            taken.extend(chunk)
            time.sleep(0.005)
        return taken

    first, second = shares.in_shares(work, 2)
    assert sorted(first + second) == list(range(1000))
    assert len(first) < len(second)


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def parent_pid() -> int:
    return os.getppid()


def module_names() -> set[str]:
    return set(sys.modules)


def raise_value_error(message: str) -> None:
    raise ValueError(message)


def raise_local_error() -> None:
    class Local(Exception):  # not picklable: defined in a function
        pass

    raise Local("a local error")


def write_after(seconds: float, path: Path) -> None:
    time.sleep(seconds)
    path.write_text("written after the stop")


def test_work_alongside_runs_in_a_process_of_its_own_while_this_one_goes_on() -> None:
    started = time.monotonic()
    alongside = shares.Alongside(pid_after, 0.3)
    assert time.monotonic() - started < 0.3  # this process did not wait
    assert shares.in_shares(lambda number, count: number, 2) == [0, 1]
    pid = alongside.result()
    assert pid != os.getpid()
    assert not alongside.process.is_alive()


def test_work_alongside_is_a_new_process_not_a_copy_of_this_one() -> None:
    """A fork would keep this process's memory (the register) for as long as it runs."""
    assert shares.Alongside(parent_pid).result() == os.getpid()
    imported_here = "generator.mkdocs.plugin"
    __import__(imported_here)
    assert imported_here not in shares.Alongside(module_names).result()


def test_what_the_work_alongside_raises_is_raised_as_it_was() -> None:
    with pytest.raises(ValueError, match="the indexer stopped"):
        shares.Alongside(raise_value_error, "the indexer stopped").result()


def test_an_error_that_cannot_travel_comes_back_as_its_traceback() -> None:
    with pytest.raises(shares.ShareError, match="a local error"):
        shares.Alongside(raise_local_error).result()


def test_stopped_work_alongside_writes_nothing_more(tmp_path: Path) -> None:
    done = tmp_path / "indexed"
    alongside = shares.Alongside(write_after, 1.5, done)
    alongside.stop()
    assert not alongside.process.is_alive()
    time.sleep(2)
    assert not done.exists()


def test_when_a_share_fails_the_other_shares_are_stopped(tmp_path: Path) -> None:
    done = tmp_path / "written"

    def work(number: int, count: int) -> int:
        if number == 0:
            raise RuntimeError("the disk is full")
        time.sleep(1)
        done.write_text("written after the failure")
        return number

    with pytest.raises(RuntimeError, match="the disk is full"):
        shares.in_shares(work, 2)
    time.sleep(1.5)
    assert not done.exists()
