"""When each record file was first published and last changed, from git history.

One `git log` over the whole register answers for every file at once: a log per
file would cost one process per offer. Outside a git checkout (a downloaded
archive, a test folder) the dates are simply unknown and callers fall back to
the record's own `last_reviewed` date, so the output stays reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.git import GitError, run_git


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
    out = _git(root, "log", "-1", "--format=%ct")
    if out is None or not out.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(out.strip()), UTC)


def _git(root: Path, *args: str) -> str | None:
    """Standard output of a git command in `root`, or None when git or the repository is absent."""
    try:
        return run_git(root, *args).decode("utf-8", "replace")
    except GitError:
        return None


def _git_log(root: Path) -> str | None:
    # --no-renames keeps a renamed file's history from claiming the new name.
    log = _git(root, "log", "--format=@%ct", "--name-only", "--no-renames", "--", ".")
    if log is None:
        return None
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    if not prefix:
        return log
    # git prints paths relative to the repository top; the register may sit in a subfolder.
    return "\n".join(
        line[len(prefix) :] if line.startswith(prefix) else line for line in log.splitlines()
    )
