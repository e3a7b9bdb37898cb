"""Broken and hostile registers through the whole CLI: exit 1, file and line named, fast, no traceback.

The corpus lives in `tests/adversarial/` (see its README); the cases git cannot
hold (a 20 MB file, symbolic links, a named pipe) are made here.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.support.registers import ADVERSARIAL, OFFER, CliRun, RegisterDir

OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"
EXPECTED = "expected.yaml"
TIME_LIMIT = 2.0  # seconds per case


@dataclass(frozen=True)
class Case:
    """A corpus case: the folder laid over `base/`, and the problem it must produce."""

    name: str
    folder: Path
    code: str
    file: str
    line: int
    delete: tuple[str, ...]

    @classmethod
    def read(cls, folder: Path) -> Case:
        expected = yaml.safe_load((folder / EXPECTED).read_text(encoding="utf-8"))
        return cls(
            folder.name,
            folder,
            expected["code"],
            expected["file"],
            int(expected["line"]),
            tuple(expected.get("delete", ())),
        )

    def lay_out(self, root: Path) -> Path:
        """Write the case's register into `root`: `base/`, the case's files, the deletions."""
        shutil.copytree(ADVERSARIAL / "base", root)
        for path in self.folder.rglob("*"):
            if path.is_file() and path.name != EXPECTED:
                target = root / path.relative_to(self.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        for relative in self.delete:
            (root / relative).unlink()
        return root


CASES = [Case.read(folder) for folder in sorted((ADVERSARIAL / "cases").iterdir())]


def _assert_reported(run: CliRun, elapsed: float, code: str, file: str, line: int) -> None:
    output = run.out + run.err
    assert run.code == 1, output
    assert "Traceback" not in output
    expected = f"{file}:{line}:"
    matching = [
        text for text in output.splitlines() if text.startswith(expected) and f"[{code}]" in text
    ]
    assert matching, f"no [{code}] at {expected}\n{output}"
    assert elapsed < TIME_LIMIT, f"took {elapsed:.2f} s"


def test_the_corpus_is_large_and_every_case_is_complete() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        files = [p for p in case.folder.rglob("*") if p.is_file() and p.name != EXPECTED]
        assert files or case.delete, f"{case.name} changes nothing"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_reports_the_case(tmp_path: Path, cli: Callable[..., CliRun], case: Case) -> None:
    root = case.lay_out(tmp_path / "register")
    started = time.perf_counter()
    run = cli("validate", root)
    _assert_reported(run, time.perf_counter() - started, case.code, case.file, case.line)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_build_refuses_the_case_and_publishes_nothing(
    tmp_path: Path, cli: Callable[..., CliRun], case: Case
) -> None:
    root = case.lay_out(tmp_path / "register")
    for name in ("mkdocs.yml", "docs", "theme_overrides"):
        source = ADVERSARIAL.parents[1] / name
        copy = shutil.copytree if source.is_dir() else shutil.copyfile
        copy(source, root / name)
    started = time.perf_counter()
    run = cli("build", root, "--no-search")
    _assert_reported(run, time.perf_counter() - started, case.code, case.file, case.line)
    assert not (root / "site").exists()


# --- cases git cannot hold ----------------------------------------------------------


def test_twenty_megabyte_file_is_refused_quickly(
    reg: RegisterDir, cli: Callable[..., CliRun]
) -> None:
    reg.write_bytes(OFFER_FILE, b"description: " + b"x" * 20_000_000 + b"\n")
    started = time.perf_counter()
    run = cli("validate", reg.root)
    _assert_reported(run, time.perf_counter() - started, "file-too-large", OFFER_FILE, 1)
    assert "the file is too large (20.0 MB" in run.out


def test_symbolic_link_to_a_file_outside_is_not_read(
    reg: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(OFFER.replace("id: data-literacy-basics", "id: secret-offer"))
    link = "offers/rhine-university/secret-offer.yaml"
    (reg.root / link).symlink_to(secret)
    started = time.perf_counter()
    run = cli("validate", reg.root)
    _assert_reported(run, time.perf_counter() - started, "file-symlink", link, 1)
    assert "secret-offer`" not in run.out  # the target was never loaded


def test_symbolic_link_to_a_folder_is_not_followed(
    reg: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "data-literacy-basics.yaml").write_text(OFFER)
    (reg.root / "offers" / "danube-college").symlink_to(outside, target_is_directory=True)
    started = time.perf_counter()
    run = cli("validate", reg.root)
    elapsed = time.perf_counter() - started
    _assert_reported(run, elapsed, "file-symlink", "offers/danube-college", 1)
    assert "offer-id-duplicate" not in run.out


def test_named_pipe_does_not_hang(reg: RegisterDir, cli: Callable[..., CliRun]) -> None:
    pipe = "offers/rhine-university/pipe.yaml"
    os.mkfifo(reg.root / pipe)
    started = time.perf_counter()
    run = cli("validate", reg.root)
    _assert_reported(run, time.perf_counter() - started, "file-not-regular", pipe, 1)


def test_a_broken_offer_is_reported_once_not_again_by_offers_naming_it(
    reg: RegisterDir, cli: Callable[..., CliRun]
) -> None:
    stacking = OFFER.replace(
        "  option: standalone", "  option: stackable\n  towards_offers: [chart-design]"
    )
    reg.offer(stacking)
    broken = OFFER.replace("id: data-literacy-basics", "id: chart-design")
    reg.offer(broken.replace("  ects: 3", "  ects: three"), offer_id="chart-design")
    run = cli("validate", reg.root)
    assert run.code == 1
    assert "chart-design.yaml" in run.out and "expected a number" in run.out
    assert "there is no offer with the id" not in run.out
    assert "invalid: 1 error" in run.out


# --- lists as long as the corpus that found them (too big to keep in git) --------------------


def _esco_skills(count: int) -> str:
    return "".join(
        f"      - http://data.europa.eu/esco/skill/{number:08x}-0000-4000-8000-000000000000\n"
        for number in range(count)
    )


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "line"),
    [
        (
            "100,000 target groups",
            OFFER_FILE,
            "languages: [en, de]\n",
            "languages: [en, de]\ntarget_groups: [" + ", ".join(["x"] * 100_000) + "]\n",
            40,
        ),
        (
            "9,000 ESCO links",
            OFFER_FILE,
            "    esco_skills: [http://data.europa.eu/esco/skill/2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11]\n",
            "    esco_skills:\n" + _esco_skills(9_000),
            18,
        ),
        (
            "20,000 maintainers",
            "providers/rhine-university.yaml",
            "maintainers: [katrin-weber]\n",
            "maintainers:\n" + "".join(f"  - person-{number}\n" for number in range(20_000)),
            31,
        ),
    ],
    ids=["target-groups", "esco-skills", "maintainers"],
)
def test_a_huge_list_is_refused_quickly(
    reg: RegisterDir,
    cli: Callable[..., CliRun],
    name: str,
    file: str,
    old: str,
    new: str,
    line: int,
) -> None:
    text = (reg.root / file).read_text(encoding="utf-8")
    assert old in text
    reg.write(file, text.replace(old, new))
    started = time.perf_counter()
    run = cli("validate", reg.root)
    _assert_reported(run, time.perf_counter() - started, "too-long", file, line)


# --- names that would break a checkout of the register (so git here holds none) ---------------


@pytest.mark.parametrize(
    ("reported", "written", "code"),
    [
        ("offers/rhine-university/con.yaml", "", "file-name-reserved"),
        ("offers/rhine-university/Com1.yaml", "", "file-name-reserved"),
        ("offers/rhine-university/nul.txt", "", "file-name-reserved"),
        ("offers/rhine-university/lpt0.draft.yaml", "", "file-name-reserved"),
        ("providers/prn.yaml", "", "file-name-reserved"),
        ("offers/aux", "/data-literacy-advanced.yaml", "file-name-reserved"),
        ("offers/rhine-university/data-literacy-advanced.yaml ", "", "file-name"),
        ("offers/rhine-university/data-literacy-advanced.yaml.", "", "file-name"),
        ("providers/rhine-institute.yaml ", "", "file-name"),
        ("offers/rhine-university/data:literacy.yaml", "", "file-name"),
        ("offers/rhine-university/data?literacy.yaml", "", "file-name"),
        ("offers/rhine-university/2026 ", "/data-literacy-advanced.yaml", "file-name"),
        ("offers/rhine-university.", "/data-literacy-advanced.yaml", "file-name"),
    ],
)
def test_a_file_that_cannot_be_checked_out_everywhere_is_reported(
    reg: RegisterDir, cli: Callable[..., CliRun], reported: str, written: str, code: str
) -> None:
    """Windows reserves device names and drops a final space or dot: such a file is reported.

    `written` is the file made inside `reported` when that is a folder.
    """
    path = reg.root / (reported + written)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OFFER.replace("id: data-literacy-basics", "id: data-literacy-advanced"))
    started = time.perf_counter()
    run = cli("validate", reg.root)
    _assert_reported(run, time.perf_counter() - started, code, reported, 1)
    assert "data-literacy-advanced`" not in run.out  # the file was not read


def test_a_file_that_is_no_yaml_file_is_reported_as_not_read(
    reg: RegisterDir, cli: Callable[..., CliRun]
) -> None:
    for name in ("data-literacy-advanced. yaml", "data-literacy-advanced.yaml.txt", "notes"):
        reg.write(f"offers/rhine-university/{name}", OFFER)
    run = cli("validate", reg.root)
    assert run.code == 0
    for name in ("data-literacy-advanced. yaml", "data-literacy-advanced.yaml.txt", "notes"):
        assert f"offers/rhine-university/{name}:1:1: warning: " in run.out
    assert run.out.count("[file-not-read]") == 3
