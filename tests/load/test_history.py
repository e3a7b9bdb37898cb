"""Dates from git history: first published and last modified, per record file."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from generator.load.history import commit_time, file_dates


def git(root: Path, *args: str, when: str = "2025-01-01T00:00:00Z") -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_first_and_last_commit_of_each_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "offers").mkdir()
    (tmp_path / "offers" / "a.yaml").write_text("one\n")
    (tmp_path / "offers" / "b.yaml").write_text("one\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", when="2025-01-02T10:00:00Z")
    (tmp_path / "offers" / "a.yaml").write_text("two\n")
    git(tmp_path, "commit", "-qam", "second", when="2025-06-30T12:00:00Z")

    dates = file_dates(tmp_path, ["offers/a.yaml", "offers/b.yaml", "offers/new.yaml"])
    assert dates["offers/a.yaml"].first_published == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert dates["offers/a.yaml"].last_modified == datetime(2025, 6, 30, 12, tzinfo=UTC)
    assert dates["offers/b.yaml"].last_modified == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert "offers/new.yaml" not in dates  # never committed
    assert commit_time(tmp_path) == datetime(2025, 6, 30, 12, tzinfo=UTC)


def test_register_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    root = tmp_path / "register"
    (root / "offers").mkdir(parents=True)
    (root / "offers" / "a.yaml").write_text("one\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", when="2025-02-03T00:00:00Z")
    assert file_dates(root, ["offers/a.yaml"])["offers/a.yaml"].first_published.day == 3


def test_outside_git_nothing_is_known(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x\n")
    assert file_dates(tmp_path, ["a.yaml"]) == {}
    assert commit_time(tmp_path) is None
