"""What many tests share: the repository, the small register every test breaks, the fuzz
size, and helpers to edit registers and read the command line's output."""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from generator.register import LoadResult, load_register

REPO = Path(__file__).resolve().parents[2]
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
