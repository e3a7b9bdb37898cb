"""Loading in worker processes gives exactly what loading in-process gives, in the same order."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.load import parallel as parallel_loading
from generator.load.parallel import Loaded, load_yaml_files, worker_count
from generator.register import LoadResult
from tests.support.registers import ADVERSARIAL, OFFER, RegisterDir, replace

CASES = ADVERSARIAL / "cases"


@pytest.fixture
def mixed(reg: RegisterDir) -> RegisterDir:
    """The small register plus every corpus case's record files and valid offers between them."""
    for case in sorted(CASES.iterdir()):
        for path in sorted(case.glob("offers/*/*.yaml")):
            reg.write_bytes(f"offers/rhine-university/{case.name}.yaml", path.read_bytes())
        for path in sorted(case.glob("providers/*.yaml")):
            reg.write_bytes(f"providers/{case.name}.yaml", path.read_bytes())
    for number in range(40):
        offer_id = f"copy-{number:02}"
        reg.offer(replace(OFFER, "id: data-literacy-basics", f"id: {offer_id}"), offer_id)
    return reg


def _files(root: Path) -> list[Path]:
    return sorted(root.glob("providers/*.yaml")) + sorted(root.glob("offers/*/*.yaml"))


def _comparable(loaded: list[Loaded]) -> list[object]:
    return [
        (None, problems)
        if document is None
        else (document.file, document.data, document.value_positions, problems)
        for document, problems in loaded
    ]


def _comparable_result(result: LoadResult) -> tuple[object, ...]:
    register = result.register
    return result.problems.items, register.providers, register.offers, register.files


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers and small chunks, whatever the machine and the number of files."""
    monkeypatch.setattr(parallel_loading, "worker_count", lambda files: 2)
    monkeypatch.setattr(parallel_loading, "CHUNK_FILES", 7)


def test_the_mixed_register_has_problems_of_every_kind(mixed: RegisterDir) -> None:
    result = mixed.load()
    assert len(_files(mixed.root)) > 150
    assert len({p.code for p in result.problems.items}) > 40


def test_files_load_the_same_in_workers(mixed: RegisterDir, in_workers: None) -> None:
    files = _files(mixed.root)
    in_process = [parallel_loading._load(mixed.root, path) for path in files]
    assert _comparable(list(load_yaml_files(mixed.root, files))) == _comparable(in_process)


def test_the_register_loads_the_same_in_workers(
    mixed: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _comparable_result(mixed.load())
    monkeypatch.setattr(parallel_loading, "worker_count", lambda files: 2)
    monkeypatch.setattr(parallel_loading, "CHUNK_FILES", 7)
    assert _comparable_result(mixed.load()) == serial


CALLING_PROCESS = os.getpid()
LOAD_CHUNK = parallel_loading._load_chunk
READ_HERE: list[int] = []


def slow_in_workers(root: Path, files: list[Path]) -> list[Loaded]:
    """Reads a chunk slowly in a worker (the workers find it by name, so it is not local)."""
    if os.getpid() == CALLING_PROCESS:
        READ_HERE.append(len(files))
    else:
        time.sleep(0.05)
    return LOAD_CHUNK(root, files)


def test_the_calling_process_reads_when_the_workers_are_slow(
    mixed: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _comparable_result(mixed.load())
    READ_HERE.clear()
    monkeypatch.setattr(parallel_loading, "_load_chunk", slow_in_workers)
    monkeypatch.setattr(parallel_loading, "worker_count", lambda files: 1)
    monkeypatch.setattr(parallel_loading, "CHUNK_FILES", 5)
    assert _comparable_result(mixed.load()) == serial
    assert READ_HERE  # some chunks were read here, and the order still held


def dying_in_workers(root: Path, files: list[Path]) -> list[Loaded]:
    """Kills the worker that reads it (the workers find it by name, so it is not local)."""
    if os.getpid() != CALLING_PROCESS:
        os._exit(1)
    return LOAD_CHUNK(root, files)


def failing_in_workers(root: Path, files: list[Path]) -> list[Loaded]:
    """Fails in a worker as an unexpected error would, and reads normally here."""
    if os.getpid() != CALLING_PROCESS:
        raise RuntimeError("unexpected")
    return LOAD_CHUNK(root, files)


@pytest.mark.parametrize("worker_chunk", [dying_in_workers, failing_in_workers])
def test_chunks_the_workers_do_not_deliver_are_read_here(
    mixed: RegisterDir, monkeypatch: pytest.MonkeyPatch, worker_chunk: object
) -> None:
    serial = _comparable_result(mixed.load())
    monkeypatch.setattr(parallel_loading, "_load_chunk", worker_chunk)
    monkeypatch.setattr(parallel_loading, "worker_count", lambda files: 2)
    monkeypatch.setattr(parallel_loading, "CHUNK_FILES", 7)
    assert _comparable_result(mixed.load()) == serial


def test_stopping_early_stops_the_workers(mixed: RegisterDir, in_workers: None) -> None:
    loaded = load_yaml_files(mixed.root, _files(mixed.root))
    next(loaded)
    started = time.perf_counter()
    loaded.close()
    assert time.perf_counter() - started < 5


def test_workers_only_for_many_files_and_without_other_threads() -> None:
    assert worker_count(10) == 0
    assert worker_count(100_000) <= parallel_loading.MAX_WORKERS
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert worker_count(100_000) == 0  # forking a threaded process is unsafe
    finally:
        stop.set()
        thread.join()
