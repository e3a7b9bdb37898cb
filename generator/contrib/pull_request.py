"""A pull request as git sees it: its base, the files it changes, the register at the base.

The pull-request checks (`ownership`: who may change a file; `changes`: no published
offer deleted, moved or reused) compare the working tree with the *merge base* of the
target branch and HEAD, the commit the pull request started from. Changes made on the
target branch since then are not the pull request's. Judging by the base also means a
pull request cannot vouch for itself: the maintainers and editors that count are those
already merged, not those the pull request adds.

Paths are kept relative to the repository's top folder, as GitHub annotations need
them; the register may sit in a subfolder (`prefix`). The changes are those of
tracked files, committed or not (`git diff <merge-base>`); a new file counts once it
is added to git.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.git import GitError, run_git
from generator.load.reading import load_yaml_bytes
from generator.models.config import CONFIG_FILE

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
    """The changes of the working tree since the merge base of `base_ref` and HEAD."""

    def __init__(self, root: Path, base_ref: str) -> None:
        """Open the repository around the register folder `root` (raises `GitError`)."""
        self.root = root.resolve()
        self.base_ref = base_ref
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
            self.base = run_git(self.top, "merge-base", base_ref, "HEAD").decode().strip()
        except GitError:
            raise GitError(
                f"`{base_ref}` and HEAD have no commit in common: is the clone shallow? "
                "Fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in "
                "GitHub Actions)"
            ) from None

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
        """Every tracked file changed since the merge base, renames detected."""
        out = run_git(
            self.top, "diff", "--name-status", "-z", "-M", "--no-ext-diff", self.base, "--"
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

    # --- the two sides ---------------------------------------------------------------

    def base_bytes(self, path: str) -> bytes | None:
        """A file's content at the merge base, or None when it did not exist there."""
        try:
            return run_git(self.top, "cat-file", "blob", f"{self.base}:{path}")
        except GitError:
            return None

    def head_bytes(self, path: str) -> bytes | None:
        """A file's content in the working tree, or None when it does not exist."""
        file = self.top / path
        return file.read_bytes() if file.is_file() else None

    def base_files(self, folder: str) -> list[str]:
        """The files under `folder` (from the repository top) at the merge base."""
        out = run_git(self.top, "ls-tree", "-r", "-z", "--name-only", self.base, "--", f"{folder}/")
        return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]

    def base_data(self, path: str) -> Any:
        """The YAML data of a file at the merge base; None when absent or unreadable."""
        return _data(self.base_bytes(path), path)

    def head_data(self, path: str) -> Any:
        """The YAML data of a file in the working tree; None when absent or unreadable."""
        return _data(self.head_bytes(path), path)

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
