"""Every published file, byte for byte, against a manifest of SHA-256 sums kept in git.

A refactoring must leave the outputs as they were; a change to an output must show
which files it changes. The sample and a 1,000-offer synthetic register are built
outside git (dates from `last_reviewed`) on a fixed day, without the search index
(Pagefind's filter chunks vary from run to run). When an output changes on purpose,
refresh the manifests and review their diff with the change:

    REGISTER_GOLDEN=refresh .venv/bin/python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from generator.contrib.synth import write_synthetic_register
from generator.mkdocs.build import build_site
from tests.support.registers import REPO

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-20"
SITE_FILES = ("register.yml", "mkdocs.yml")
SITE_FOLDERS = ("providers", "offers", "docs", "theme_overrides")


def _manifest(site: Path) -> str:
    lines = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(site).as_posix()}")
    return "\n".join(lines) + "\n"


def _sample_outside_git(target: Path) -> Path:
    target.mkdir()
    for name in SITE_FILES:
        shutil.copy(REPO / name, target / name)
    for folder in SITE_FOLDERS:
        shutil.copytree(REPO / folder, target / folder)
    return target


def _check(name: str, root: Path, site: Path) -> None:
    manifest = _manifest(build_site(root, site, search=False, today=TODAY))
    golden = GOLDEN / f"{name}.sha256"
    if os.environ.get("REGISTER_GOLDEN") == "refresh":
        golden.write_text(manifest, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    found = manifest.splitlines()
    changed = sorted(set(expected) ^ set(found), key=lambda line: line[66:])
    assert not changed, (
        f"{len(changed)} lines of {golden.name} differ (first: {changed[:6]}); if the change "
        "is intended, refresh with REGISTER_GOLDEN=refresh and review the manifest's diff"
    )


def test_the_sample_publishes_the_same_bytes(tmp_path: Path) -> None:
    _check("sample", _sample_outside_git(tmp_path / "register"), tmp_path / "site")


def test_a_synthetic_register_of_1000_offers_publishes_the_same_bytes(tmp_path: Path) -> None:
    root = tmp_path / "synth"
    write_synthetic_register(root, 1000, 40, 3)
    _check("synth-1000", root, tmp_path / "site")
