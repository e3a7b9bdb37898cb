"""A pull request as git sees it: its base, its head commit, the files it changes.

The pull-request checks (`ownership`: who may change a file; `changes`: no published
offer deleted, moved or reused) compare the pull request's *head* commit with the
*merge base* of the target branch and that head, the commit the pull request started
from. Changes made on the target branch since then are not the pull request's. Judging
by the base also means a pull request cannot vouch for itself: the maintainers and
editors that count are those already merged, not those the pull request adds.

Both sides are read from git objects only (`snapshot`), never from the work tree: in
GitHub Actions the work tree holds the base branch, whose code runs the checks, and
the pull request's commit is fetched as data (see `.github/workflows/judge.yml`). A
change that is not committed is not judged. To see each side as the site would, the
base branch's loader reads each side's register from a private copy of its regular
files (`base_register`, `head_register`).

Paths are kept relative to the repository's top folder, as GitHub annotations need
them; the register may sit in a subfolder (`prefix`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.contrib.snapshot import Snapshot
from generator.git import GitError, run_git
from generator.load.reading import load_yaml_bytes
from generator.models.config import CONFIG_FILE
from generator.problems import ProblemList
from generator.register import LoadResult, load_config, load_register

STATUS_WORDS = {
    "A": "added",
    "C": "copied",
    "D": "deleted",
    "M": "modified",
    "R": "renamed",
    "T": "changed type",
}


@dataclass(frozen=True)
class Change:
    """One file changed by the pull request (`git diff --name-status`).

    `path` is where the file is now (where it was, for a deletion); `old_path` is
    set for a rename or copy. Both are relative to the repository's top folder.
    """

    status: str
    path: str
    old_path: str | None = None

    @property
    def description(self) -> str:
        """What happened to the file, in words: `modified`, `renamed from a.yaml` …"""
        word = STATUS_WORDS.get(self.status, "changed")
        if self.old_path is not None:
            return f"{word} from {self.old_path}"
        return word


class PullRequest:
    """The changes of the commit `head_ref` since the merge base of `base_ref` and it."""

    def __init__(self, root: Path, base_ref: str, head_ref: str = "HEAD") -> None:
        """Open the repository around the register folder `root` (raises `GitError`)."""
        self.root = root.resolve()
        self.base_ref = base_ref
        self.head_ref = head_ref
        try:
            self.top = Path(run_git(self.root, "rev-parse", "--show-toplevel").decode().strip())
        except GitError as error:
            raise GitError(f"{self.root} is not in a git repository ({error})") from None
        self.prefix = run_git(self.root, "rev-parse", "--show-prefix").decode().strip()
        try:
            run_git(self.top, "rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}")
        except GitError:
            raise GitError(
                f"`{base_ref}` is not a branch or commit of this repository; fetch it first "
                "(e.g. `git fetch origin main`; in GitHub Actions check out with "
                "`fetch-depth: 0`)"
            ) from None
        try:
            self.head = (
                run_git(self.top, "rev-parse", "--verify", "--quiet", f"{head_ref}^{{commit}}")
                .decode()
                .strip()
            )
        except GitError:
            raise GitError(
                f"`{head_ref}` is not a commit of this repository; fetch the pull request's "
                "commit first (e.g. `git fetch origin pull/<number>/head`)"
            ) from None
        try:
            self.base = run_git(self.top, "merge-base", base_ref, self.head).decode().strip()
        except GitError:
            raise GitError(
                f"`{base_ref}` and `{head_ref}` have no commit in common: is the clone "
                "shallow? Fetch the whole history (`git fetch --unshallow`, or "
                "`fetch-depth: 0` in GitHub Actions)"
            ) from None
        self.base_tree = Snapshot(self.top, self.base)
        self.head_tree = Snapshot(self.top, self.head)

    # --- paths ---------------------------------------------------------------------

    def in_register(self, path: str) -> str | None:
        """`path` (from the repository top) relative to the register folder, or None outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix) :]

    def from_register(self, relative: str) -> str:
        """A path relative to the register folder, as a path from the repository top."""
        return f"{self.prefix}{relative}"

    # --- what changed ----------------------------------------------------------------

    def changes(self) -> list[Change]:
        """Every file changed from the merge base to the head commit, renames detected."""
        out = run_git(
            self.top,
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--no-ext-diff",
            "--no-textconv",
            self.base,
            self.head,
            "--",
        )
        fields = out.decode("utf-8", "surrogateescape").split("\0")
        changes: list[Change] = []
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index][0]
            if status in "RC":
                changes.append(Change(status, fields[index + 2], old_path=fields[index + 1]))
                index += 3
            else:
                changes.append(Change(status, fields[index + 1]))
                index += 2
        return changes

    def uncommitted(self) -> int:
        """How many tracked files of the work tree differ from HEAD (not judged: not committed)."""
        out = run_git(self.top, "status", "--porcelain", "-z", "--untracked-files=no")
        return sum(1 for item in out.split(b"\0") if item[:2].strip())

    # --- the two sides ---------------------------------------------------------------

    def base_bytes(self, path: str) -> bytes | None:
        """A regular file's content at the merge base, or None (absent, a link, a submodule)."""
        return self.base_tree.read(path)

    def head_bytes(self, path: str) -> bytes | None:
        """A regular file's content in the head commit, or None (absent, a link, a submodule)."""
        return self.head_tree.read(path)

    def base_data(self, path: str) -> Any:
        """The YAML data of a file at the merge base; None when absent or unreadable."""
        return _data(self.base_bytes(path), path)

    def head_data(self, path: str) -> Any:
        """The YAML data of a file in the head commit; None when absent or unreadable."""
        return _data(self.head_bytes(path), path)

    @cached_property
    def base_register(self) -> LoadResult:
        """The register at the merge base, as `register validate` sees it there."""
        return self._load(self.base_tree)

    @cached_property
    def head_register(self) -> LoadResult:
        """The register in the head commit, as `register validate` (of this code) sees it."""
        return self._load(self.head_tree)

    def _load(self, snapshot: Snapshot) -> LoadResult:
        """Load one side's register from a private copy of its regular files."""
        with tempfile.TemporaryDirectory(prefix="register-side-") as folder:
            copy = Path(folder)
            snapshot.materialize(self.prefix, [CONFIG_FILE], copy)
            config = load_config(copy, ProblemList())
            snapshot.materialize(self.prefix, [config.offers_dir, config.providers_dir], copy)
            return load_register(copy)

    # --- the register at the base -------------------------------------------------------

    @cached_property
    def base_config(self) -> dict[str, Any]:
        """`register.yml` as merged on the base branch (empty when absent or unreadable)."""
        data = self.base_data(self.from_register(CONFIG_FILE))
        return data if isinstance(data, dict) else {}

    @property
    def offers_dir(self) -> str:
        """The offers folder (register-relative) named by the base configuration."""
        value = self.base_config.get("offers_dir")
        return value.strip("/") if isinstance(value, str) and value else "offers"

    @property
    def providers_dir(self) -> str:
        """The providers folder (register-relative) named by the base configuration."""
        value = self.base_config.get("providers_dir")
        return value.strip("/") if isinstance(value, str) and value else "providers"

    @property
    def editors(self) -> list[str]:
        """The register editors merged on the base branch, as written there."""
        return logins(self.base_config.get("editors"))


def _data(raw: bytes | None, path: str) -> Any:
    if raw is None:
        return None
    document, _ = load_yaml_bytes(raw, path)
    return None if document is None else document.data


def logins(value: object) -> list[str]:
    """GitHub user names from a YAML list, without a leading `@` (other entries are skipped)."""
    if not isinstance(value, list):
        return []
    return [item.strip().removeprefix("@") for item in value if isinstance(item, str) and item]


def same_login(a: str, b: str) -> bool:
    """Whether two GitHub user names are the same account (GitHub ignores case and `@`)."""
    return a.removeprefix("@").casefold() == b.removeprefix("@").casefold()
