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


def test_work_alongside_runs_in_a_process_of_its_own_while_the_shares_work(
    tmp_path: Path,
) -> None:
    done = tmp_path / "indexed"

    def alongside() -> None:
        time.sleep(0.2)
        with done.open("a") as record:
            record.write(f"{os.getpid()}\n")

    def work(number: int, count: int) -> int:
        return number

    assert shares.in_shares(work, 2, alongside) == [0, 1]
    (forked,) = done.read_text().split()
    assert int(forked) != os.getpid()
    done.unlink()
    assert shares.in_shares(work, 1, alongside) == [0]  # one share: all in this process
    assert done.read_text().split() == [str(os.getpid())]


def test_what_fails_alongside_is_raised_as_it_was() -> None:
    def alongside() -> None:
        raise ValueError("the indexer stopped")

    with pytest.raises(ValueError, match="the indexer stopped"):
        shares.in_shares(lambda number, count: number, 2, alongside)


def test_when_a_share_fails_the_work_alongside_is_stopped(tmp_path: Path) -> None:
    done = tmp_path / "indexed"

    def alongside() -> None:
        time.sleep(2)
        done.write_text("written after the failure")

    def work(number: int, count: int) -> int:
        raise RuntimeError("the disk is full")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="the disk is full"):
        shares.in_shares(work, 2, alongside)
    assert time.monotonic() - started < 1.5
    time.sleep(2.5)
    assert not done.exists()
