"""A build that fails, however it fails, leaves the previously published site exactly as it was.

Each test builds the sample once, then breaks a second build: invalid data, a
write refused by the system (full disk, file-size limit), SIGINT or SIGTERM in
the middle of writing. The old site must be byte-identical afterwards, and no
half-written staging folder may be left next to it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import mkdocs.utils
import pytest

from generator.contrib.synth import write_synthetic_register
from generator.mkdocs.build import BuildError, build_site
from tests.support.registers import CliRun, RegisterDir, replace

pytestmark = pytest.mark.slow


def _digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture
def published(sample_copy: RegisterDir, tmp_path: Path) -> tuple[RegisterDir, Path, dict[str, str]]:
    """The sample register with its site built once, and the digest of every file of that site."""
    site = build_site(sample_copy.root, tmp_path / "public" / "site", search=False)
    return sample_copy, site, _digest(site)


def _spawn_build(root: Path, site: Path, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(root), "--site-dir", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def test_invalid_data_leaves_the_site_intact(
    published: tuple[RegisterDir, Path, dict[str, str]], cli: Callable[..., CliRun]
) -> None:
    register, site, before = published
    path = next((register.root / "offers").glob("*/*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(replace(text, "status:", "status: [broken]\nformer_status:"), encoding="utf-8")
    run = cli("build", register.root, "--site-dir", site)
    assert run.code == 1
    assert f"{path.relative_to(register.root).as_posix()}:" in run.err
    assert "Traceback" not in run.err
    assert _digest(site) == before
    assert _leftovers(site) == []


def test_a_full_disk_leaves_the_site_intact(
    published: tuple[RegisterDir, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, site, before = published
    real_write = mkdocs.utils.write_file
    written: list[str] = []

    def write_until_full(content: bytes, output_path: str) -> None:
        if len(written) >= 10:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        written.append(output_path)
        real_write(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", write_until_full)
    with pytest.raises(BuildError, match="could not be written: No space left on device"):
        build_site(register.root, site, search=False)
    assert len(written) == 10  # the build did start writing before the disk filled up
    assert _digest(site) == before
    assert _leftovers(site) == []


def test_a_write_refused_by_the_system_leaves_the_site_intact(
    published: tuple[RegisterDir, Path, dict[str, str]],
) -> None:
    """A real failing write(2): the process may write no file larger than 8 KB (EFBIG)."""
    register, site, before = published

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (8_000, 8_000))

    process = _spawn_build(register.root, site, preexec_fn=limit_file_size)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, out + err
    assert "register: build failed" in err and "File too large" in err
    assert "Traceback" not in err
    assert _digest(site) == before
    assert _leftovers(site) == []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_an_interrupted_build_leaves_the_site_intact(
    published: tuple[RegisterDir, Path, dict[str, str]], stop: signal.Signals
) -> None:
    register, site, before = published
    for _attempt in range(3):
        process, out, err = _interrupted_build(register.root, site, stop)
        # Under load a build can end before the signal lands (open question in the
        # stretch's note: an interrupt may be lost): try again, at most three times.
        if process.returncode != 0:
            break
    assert process.returncode == 130, out + err
    assert "build interrupted" in err
    assert "Traceback" not in err
    assert _digest(site) == before
    assert _leftovers(site) == []


def _interrupted_build(
    root: Path, site: Path, stop: signal.Signals, staged_files: str = "api/v1/*", count: int = 5
) -> tuple[subprocess.Popen[str], str, str]:
    """Start a build and stop it once `count` files matching `staged_files` are staged.

    By default, the data files: they come first, before MkDocs renders any page, so
    interrupted there the build is in its middle (the sample's fact sheets, last, take
    too little time to catch).
    """
    process = _spawn_build(root, site)
    deadline = time.monotonic() + 120
    staged: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None:
        staged = list(site.parent.glob(f".{site.name}.building-*/{staged_files}"))
        if len(staged) >= count:
            break
        time.sleep(0.005)
    assert len(staged) >= count, "the build ended before it could be interrupted"
    process.send_signal(stop)
    out, err = process.communicate(timeout=60)
    return process, out, err


def test_a_build_interrupted_while_its_pages_are_written_and_indexed_stops_cleanly(
    tmp_path: Path,
) -> None:
    """300 offers: the fact sheets are written by forked processes while Pagefind indexes."""
    root = tmp_path / "synth"
    write_synthetic_register(root, 300, 12, 5)
    site = build_site(root, tmp_path / "public" / "site", search=False)
    before = _digest(site)
    process, out, err = _interrupted_build(root, site, signal.SIGINT, "offers/*/index.html", 30)
    assert process.returncode == 130, out + err
    assert "Traceback" not in err
    assert _digest(site) == before
    assert _leftovers(site) == []
    assert not [p for p in site.parent.rglob("*") if p.name.startswith(".pagefind")]


def test_a_complete_build_replaces_the_site_and_cleans_up(
    published: tuple[RegisterDir, Path, dict[str, str]],
) -> None:
    register, site, before = published
    offer = next(register.root.glob("offers/*/*.yaml"))
    text = offer.read_text(encoding="utf-8")
    revised = re.sub(r"\nlast_reviewed: \S+", "\nlast_reviewed: 2026-11-22", text)
    assert revised != text
    offer.write_text(revised, encoding="utf-8")
    build_site(register.root, site, search=False)
    after = _digest(site)
    assert after != before and set(after) == set(before)
    assert _leftovers(site) == []
