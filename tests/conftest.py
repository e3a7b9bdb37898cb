"""Shared fixtures: a small valid register to break in each test, and CLI runners."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.register import LoadResult, load_register

REPO = Path(__file__).resolve().parents[1]

ADVERSARIAL = REPO / "tests" / "adversarial"
"""The adversarial corpus; its `base/` register is the small valid register every test breaks."""

CONFIG = (ADVERSARIAL / "base" / "register.yml").read_text(encoding="utf-8")
PROVIDER = (ADVERSARIAL / "base" / "providers" / "rhine-university.yaml").read_text(
    encoding="utf-8"
)
OFFER = (
    ADVERSARIAL / "base" / "offers" / "rhine-university" / "data-literacy-basics.yaml"
).read_text(encoding="utf-8")


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
