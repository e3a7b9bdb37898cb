"""When each record file was first published and last changed, from git history.

One `git log` over the whole register answers for every file at once: a log per
file would cost one process per offer. Outside a git checkout (a downloaded
archive, a test folder) the dates are simply unknown and callers fall back to
the record's own `last_reviewed` date, so the output stays reproducible.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_GIT_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class FileDates:
    """First and last commit times of one file (UTC)."""

    first_published: datetime
    last_modified: datetime


def file_dates(root: Path, paths: list[str]) -> dict[str, FileDates]:
    """Commit dates of the given files (relative to `root`); files git does not know are left out."""
    wanted = set(paths)
    if not wanted:
        return {}
    log = _git_log(root)
    if log is None:
        return {}
    last: dict[str, datetime] = {}
    first: dict[str, datetime] = {}
    when: datetime | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(int(line[1:]), UTC)
        elif line and when is not None and line in wanted:
            # git log lists newest first: the first sighting is the last change.
            last.setdefault(line, when)
            first[line] = when
    return {path: FileDates(first[path], last[path]) for path in last}


def commit_time(root: Path) -> datetime | None:
    """Time of the checked-out commit, or None outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=_GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0 or not out.stdout.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(out.stdout.strip()), UTC)


def _git_log(root: Path) -> str | None:
    try:
        out = subprocess.run(
            # --no-renames keeps a renamed file's history from claiming the new name.
            [
                "git",
                "-C",
                str(root),
                "log",
                "--format=@%ct",
                "--name-only",
                "--no-renames",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            timeout=_GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    prefix = _repo_prefix(root)
    if not prefix:
        return out.stdout
    # git prints paths relative to the repository top; the register may sit in a subfolder.
    return "\n".join(
        line[len(prefix) :] if line.startswith(prefix) else line for line in out.stdout.splitlines()
    )


def _repo_prefix(root: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-prefix"],
        capture_output=True,
        text=True,
        timeout=_GIT_TIMEOUT_SECONDS,
        check=False,
    )
    return out.stdout.strip() if out.returncode == 0 else ""
