"""Running git: one place that starts the process, with a time limit and git's own message."""

from __future__ import annotations

import subprocess
from pathlib import Path

GIT_TIMEOUT_SECONDS = 120


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision cannot be found."""


def run_git(folder: Path, *args: str) -> bytes:
    """Standard output of `git -C folder ARGS`; a failure raises `GitError` with git's message."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on the PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {' '.join(args)}` took too long") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"`git {' '.join(args)}` failed")
    return result.stdout
