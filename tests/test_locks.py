"""The dependency locks in `requirements/`: exact, hashed, and in step with `pyproject.toml`.

The README's commands, `.ci/run` and the workflows install from these files and then the
project without its dependencies, so a dependency added to `pyproject.toml` but not to the
locks would be missing from every fresh install. `requirements/refresh.sh` writes them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.support.registers import REPO

REQUIREMENTS = REPO / "requirements"
LOCKS = ("lock.txt", "test-lock.txt")
PIN = re.compile(r"^(?P<name>[a-z0-9-]+)==(?P<version>[^\s;]+)(?: ; (?P<marker>[^\\]+?))? \\$")
HASH = re.compile(r"^    --hash=sha256:[0-9a-f]{64}(?: \\)?$")


@dataclass(frozen=True)
class Pin:
    """One locked release: its version, the environments it is for, and its files' hashes."""

    version: str
    marker: str | None
    hashes: int


def pins(lock: str) -> dict[str, Pin]:
    """The pins of a lock file by package name, failing on any line it cannot read."""
    found: dict[str, Pin] = {}
    name = None
    for line in (REQUIREMENTS / lock).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := PIN.match(line):
            name = match["name"]
            assert name not in found, f"{lock}: {name} is pinned twice"
            found[name] = Pin(match["version"], match["marker"], 0)
        else:
            assert HASH.match(line) and name, f"{lock}: not a pin or a hash: {line!r}"
            pin = found[name]
            found[name] = Pin(pin.version, pin.marker, pin.hashes + 1)
    return found


def dependencies(*extras: str) -> list[Requirement]:
    """The project's requirements in `pyproject.toml`, with those of the given extras."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"]]
    for extra in extras:
        texts += project["optional-dependencies"][extra]
    return [Requirement(text) for text in texts]


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_is_exact_and_hashed(lock: str) -> None:
    locked = pins(lock)
    assert len(locked) > 30
    for name, pin in locked.items():
        assert pin.hashes, f"{lock}: {name} has no hash"
        Version(pin.version)  # an exact release, not a range


@pytest.mark.parametrize(("lock", "extras"), [("lock.txt", ()), ("test-lock.txt", ("test",))])
def test_every_dependency_is_locked_within_its_bounds(lock: str, extras: tuple[str, ...]) -> None:
    locked = pins(lock)
    for requirement in dependencies(*extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{lock} lacks {name}: run bash requirements/refresh.sh"
        assert requirement.specifier.contains(locked[name].version), (
            f"{lock} pins {name}=={locked[name].version}, outside {requirement}"
        )


def test_the_site_is_built_with_the_versions_the_tests_ran_with() -> None:
    runtime, test = pins("lock.txt"), pins("test-lock.txt")
    assert set(runtime) < set(test)
    for name, pin in runtime.items():
        assert (test[name].version, test[name].marker) == (pin.version, pin.marker), name
