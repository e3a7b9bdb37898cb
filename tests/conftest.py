"""Shared fixtures: a small valid register to break in each test, the sample site built once
per run, CLI runners, and how many examples the fuzz tests draw."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from generator.cli import main
from generator.register import LoadResult, load_register

REPO = Path(__file__).resolve().parents[1]
BROWSER_TESTS = REPO / "tests" / "browser"

FUZZ_SCALE = {"ci": 1, "long": 20}
"""REGISTER_FUZZ's values: how many times its CI-sized number of examples a fuzz test draws."""

ADVERSARIAL = REPO / "tests" / "adversarial"
"""The adversarial corpus; its `base/` register is the small valid register every test breaks."""

CONFIG = (ADVERSARIAL / "base" / "register.yml").read_text(encoding="utf-8")
PROVIDER = (ADVERSARIAL / "base" / "providers" / "rhine-university.yaml").read_text(
    encoding="utf-8"
)
OFFER = (
    ADVERSARIAL / "base" / "offers" / "rhine-university" / "data-literacy-basics.yaml"
).read_text(encoding="utf-8")


def fuzz_examples(ci: int) -> int:
    """How many examples a Hypothesis test draws: `ci`, a number sized for every CI run.

    REGISTER_FUZZ=long draws 20 times as many (minutes, not seconds: run it before a
    release, or after changing a parser or a renderer); REGISTER_FUZZ_EXAMPLES=N draws
    exactly N in every fuzz test.
    """
    if "REGISTER_FUZZ_EXAMPLES" in os.environ:
        return int(os.environ["REGISTER_FUZZ_EXAMPLES"])
    return ci * FUZZ_SCALE[os.environ.get("REGISTER_FUZZ", "ci")]


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


@dataclass
class RegisterDir:
    """A temporary register on disk, with helpers to edit it and validate it."""

    root: Path

    def write(self, relative: str, text: str) -> Path:
        """Write a file (dedented) relative to the register root."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        """Write raw bytes relative to the register root."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def offer(
        self,
        text: str = OFFER,
        offer_id: str = "data-literacy-basics",
        provider: str = "rhine-university",
    ) -> Path:
        """Write an offer file at its canonical place."""
        return self.write(f"offers/{provider}/{offer_id}.yaml", text)

    def load(self) -> LoadResult:
        """Load and validate the register."""
        return load_register(self.root)


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


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` on which `fragment` first appears."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


def replace(text: str, old: str, new: str) -> str:
    """`text` with one exact occurrence of `old` replaced (fails loudly if absent)."""
    assert old in text, f"{old!r} not in text"
    return text.replace(old, new, 1)


@dataclass
class CliRun:
    """The outcome of running the command line in-process."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `register …` in-process and capture its output."""

    def run(*args: str | Path) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
