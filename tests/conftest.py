"""Shared fixtures: a small valid register to break in each test, the sample site built once
per run, CLI runners, and how many examples the fuzz tests draw."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from generator.cli import main
from tests.support.registers import (
    BROWSER_TESTS,
    CONFIG,
    FUZZ_SCALE,
    PROVIDER,
    REPO,
    CliRun,
    RegisterDir,
)


def pytest_configure(config: pytest.Config) -> None:
    """Refuse an unknown REGISTER_FUZZ before any test runs, not at the first fuzz test."""
    fuzz = os.environ.get("REGISTER_FUZZ", "ci")
    if fuzz not in FUZZ_SCALE:
        raise pytest.UsageError(f"REGISTER_FUZZ={fuzz}: use one of {', '.join(FUZZ_SCALE)}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive Chromium, so that `-m "not browser"` leaves them out."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def reg(tmp_path: Path) -> RegisterDir:
    """A valid register with one provider and one offer, in a temporary folder."""
    register = RegisterDir(tmp_path / "register")
    register.write("register.yml", CONFIG)
    register.write("providers/rhine-university.yaml", PROVIDER)
    register.offer()
    return register


@pytest.fixture
def sample_copy(tmp_path: Path) -> RegisterDir:
    """A copy of the shipped sample register, with what it takes to build its site."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("register.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("providers", "offers", "schemas", "docs", "theme_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    return RegisterDir(root)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample register built once per run by `register build`, search included.

    Every test that asks for it reads the same folder, so none may change it: a test that
    changes the register or the site builds its own from `sample_copy`. It is built from the
    repository itself, not a copy, so that its dates come from git as on the published site.
    """
    # Under pytest-xdist each worker has a session of its own: the first worker to take the
    # lock builds into the folder they all share, the others wait for it and reuse the build.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    site = shared / "sample-site"
    with FileLock(shared / "sample-site.lock"):
        # `register build` publishes the folder only once it is complete.
        if not site.is_dir():
            build = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--root", REPO, "--site-dir", site],
                capture_output=True,
                text=True,
                cwd=REPO,
                timeout=300,
            )
            assert build.returncode == 0, f"register build failed:\n{build.stdout}{build.stderr}"
    return site


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `register …` in-process and capture its output."""

    def run(*args: str | Path) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
