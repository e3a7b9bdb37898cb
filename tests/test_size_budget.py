"""The size budget: a site over `site_size_limit_mb` fails the build and names what takes the space.

Like the failed builds of tests/test_atomic_build.py, a site over budget leaves the
published one exactly as it was, with no staging folder left behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import size_budget
from generator.mkdocs.build import build_site
from generator.models.config import RegisterConfig
from tests.support.registers import CliRun, RegisterDir, replace


def _digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _set_limit(register: RegisterDir, value: str) -> None:
    path = register.root / "register.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        replace(text, "staff_development:", f"site_size_limit_mb: {value}\nstaff_development:"),
        encoding="utf-8",
    )


def _tree(root: Path, files: dict[str, int]) -> Path:
    for name, size in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    return root


def test_the_default_is_the_github_pages_limit() -> None:
    field = RegisterConfig.model_fields["site_size_limit_mb"]
    assert field.default == size_budget.DEFAULT_LIMIT_MB == 1000
    assert "GitHub Pages" in (field.description or "")


def test_sizes_add_up_by_folder_and_kind(tmp_path: Path) -> None:
    site = _tree(
        tmp_path / "site",
        {
            "index.html": 100,
            "offers/a/index.html": 3000,
            "offers/b/index.html": 3000,
            "api/v1/offers/a.json": 2000,
            "api/v1/catalogue.json": 1500,
            "api/v1/offers.ndjson.gz": 500,
            "CNAME": 10,
        },
    )
    size = size_budget.measure(site)
    assert (size.total, size.files) == (10110, 7)
    assert size.kinds[".html"] == (6100, 3) and size.kinds[".gz"] == (500, 1)
    assert size.kinds["(no extension)"] == (10, 1)
    folders = dict(size_budget.largest_folders(size))
    # `api/` is all `api/v1/`: said once, as the deeper folder.
    assert "api/" not in folders and folders["api/v1/"] == 4000
    assert folders["offers/"] == 6000
    assert next(iter(folders)) == "offers/"


def test_a_site_within_its_budget_passes(tmp_path: Path) -> None:
    site = _tree(tmp_path / "site", {"index.html": 999_999})
    assert size_budget.over_budget(site, 1) is None


def test_the_message_names_the_size_the_limit_and_the_largest_parts(tmp_path: Path) -> None:
    site = _tree(tmp_path / "site", {"offers/a/index.html": 1_500_000, "api/v1/x.json": 600_000})
    message = size_budget.over_budget(site, 1)
    assert message is not None
    assert "2.1 MB in 2 files" in message and "size limit of 1 MB" in message
    assert "site_size_limit_mb in register.yml" in message
    assert "largest folders: offers/ 1.5 MB, offers/a/ 1.5 MB" not in message  # said once
    assert "largest folders: offers/a/ 1.5 MB, api/v1/ 0.6 MB" in message
    assert "largest kinds of file: .html 1.5 MB (1 files), .json 0.6 MB (1 files)" in message


def test_a_site_over_budget_fails_the_build_and_leaves_the_site_in_place(
    sample_copy: RegisterDir, tmp_path: Path, cli: Callable[..., CliRun]
) -> None:
    site = tmp_path / "public" / "site"
    run = cli("build", sample_copy.root, "--site-dir", site, "--no-search")
    assert run.code == 0, run.err  # the default budget: the sample fits
    before = _digest(site)
    _set_limit(sample_copy, "1")
    run = cli("build", sample_copy.root, "--site-dir", site, "--no-search")
    assert run.code == 1
    assert "register: build failed" in run.err
    assert "over its size limit of 1 MB (site_size_limit_mb in register.yml)" in run.err
    assert "largest folders: api/v1/ " in run.err
    assert "largest kinds of file: .html " in run.err
    assert "Traceback" not in run.err
    assert _digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no staging left


def test_a_raised_limit_lets_the_build_through(sample_copy: RegisterDir, tmp_path: Path) -> None:
    _set_limit(sample_copy, "50")
    site = build_site(sample_copy.root, tmp_path / "site", search=False)
    assert (site / "index.html").is_file()


@pytest.mark.parametrize("value", ["0", "big", "2.5", "-3"])
def test_the_setting_is_validated(sample_copy: RegisterDir, value: str) -> None:
    _set_limit(sample_copy, value)
    result = sample_copy.load()
    assert not result.is_valid
    problems = [p for p in result.problems.items if p.field_path == "site_size_limit_mb"]
    assert problems, [str(p) for p in result.problems.items]
    assert problems[0].file.endswith("register.yml") and problems[0].line > 0
