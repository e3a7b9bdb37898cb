"""A temporary git repository around a test register: a base branch and a pull request."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Tests must not depend on the developer's git configuration (signing, hooks, templates).
_CONFIG = [
    "-c",
    "user.name=Test Author",
    "-c",
    "user.email=author@example.org",
    "-c",
    "init.defaultBranch=main",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.hooksPath=/dev/null",
]


@dataclass
class GitRepo:
    """A git repository whose `main` branch is the base of a pull request branch `pr`."""

    top: Path

    def git(self, *args: str) -> str:
        """Run git in the repository; fail the test with git's message if it fails."""
        result = subprocess.run(
            ["git", *_CONFIG, "-C", str(self.top), *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull},
        )
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    def commit(self, message: str) -> None:
        """Commit every change in the working tree."""
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)

    @classmethod
    def around(cls, top: Path) -> GitRepo:
        """Make `top` a repository with everything in it committed on `main`, on branch `pr`."""
        repo = cls(top)
        repo.git("init", "--quiet")
        repo.commit("the register as published")
        repo.git("checkout", "--quiet", "-b", "pr")
        return repo

    def on_main(self, message: str, edit: object = None) -> None:
        """Commit on `main` after the pull request branched off (then return to `pr`)."""
        self.git("checkout", "--quiet", "main")
        if callable(edit):
            edit()
        self.commit(message)
        self.git("checkout", "--quiet", "pr")

    def move(self, old: str, new: str) -> None:
        """`git mv`, creating the target folder."""
        (self.top / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def delete(self, path: str) -> None:
        """`git rm` a file."""
        self.git("rm", "--quiet", path)

    def commit_index(self, message: str) -> None:
        """Commit what is staged, as it is (for entries the work tree cannot show, e.g. gitlinks)."""
        self.git("commit", "--quiet", "-m", message)

    def replace_by_gitlink(self, path: str) -> None:
        """Stage a submodule entry (gitlink) where `path` was, as an empty folder in the work tree.

        That is how a clone without `git submodule update` looks: an empty folder.
        """
        commit = self.git("rev-parse", "HEAD").strip()
        self.git("rm", "--quiet", "-r", "--cached", path)
        target = self.top / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        target.mkdir()
        self.git("update-index", "--add", "--cacheinfo", f"160000,{commit},{path}")

    def replace_by_symlink(self, path: str, target: str) -> None:
        """Replace a file by a symbolic link to `target` and stage it."""
        (self.top / path).unlink()
        os.symlink(target, self.top / path)
        self.git("add", path)
