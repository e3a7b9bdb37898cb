"""Work done in shares by forked processes."""

from __future__ import annotations

import os
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


def test_forked_work_runs_in_a_process_of_its_own_while_this_one_goes_on() -> None:
    def alongside() -> int:
        time.sleep(0.3)
        return os.getpid()

    started = time.monotonic()
    forked = shares.Forked(alongside)
    assert time.monotonic() - started < 0.3  # this process did not wait
    assert shares.in_shares(lambda number, count: number, 2) == [0, 1]
    pid = forked.result()
    assert pid != os.getpid()
    assert not forked.process.is_alive()


def test_what_the_forked_work_raises_is_raised_as_it_was() -> None:
    def alongside() -> None:
        raise ValueError("the indexer stopped")

    with pytest.raises(ValueError, match="the indexer stopped"):
        shares.Forked(alongside).result()


def test_an_error_that_cannot_travel_comes_back_as_its_traceback() -> None:
    class Local(Exception):  # not picklable: defined in a function
        pass

    def alongside() -> None:
        raise Local("a local error")

    with pytest.raises(shares.ShareError, match="a local error"):
        shares.Forked(alongside).result()


def test_stopped_forked_work_writes_nothing_more(tmp_path: Path) -> None:
    done = tmp_path / "indexed"

    def alongside() -> None:
        time.sleep(1)
        done.write_text("written after the stop")

    forked = shares.Forked(alongside)
    forked.stop()
    assert not forked.process.is_alive()
    time.sleep(1.5)
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
