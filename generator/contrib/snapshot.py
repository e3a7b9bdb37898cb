"""One commit of the repository as git stores it: each path with its kind, files read as blobs.

The pull-request checks judge a pull request by its commits, never by a checked-out work
tree. A path in a pull request may be a symbolic link (to `/proc/self/mem`, to a file
outside the repository), a submodule entry (gitlink) or a folder where a file was; read
through the file system, a link is followed and a folder is skipped in silence. Here
every path has the kind git records, and only regular files are ever read, as blobs
(`git cat-file`), with no filter, driver or hook of the pull request involved.

`materialize` writes the regular files under some folders of the commit into a private
folder, so that the base branch's own loader reads the pull request as data: what it
finds there is what the pull request's site would publish.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from generator.git import GitError, run_git
from generator.load.reading import MAX_FILE_BYTES

REGULAR, EXECUTABLE, SYMLINK, GITLINK = "100644", "100755", "120000", "160000"
KINDS = {
    REGULAR: "a file",
    EXECUTABLE: "an executable file",
    SYMLINK: "a symbolic link",
    GITLINK: "a submodule entry (gitlink)",
}
FOLDER = "a folder"


@dataclass(frozen=True)
class Entry:
    """A path of the commit that is not a folder: its mode and object id."""

    mode: str
    oid: str

    @property
    def is_file(self) -> bool:
        """A regular file (executable or not): the only kind a record may be."""
        return self.mode in (REGULAR, EXECUTABLE)

    @property
    def kind(self) -> str:
        """What the path is, in words: `a file`, `a symbolic link` …"""
        return KINDS.get(self.mode, f"an entry of mode {self.mode}")


class Snapshot:
    """The files of one commit, read from git objects only."""

    def __init__(self, top: Path, commit: str) -> None:
        """`commit` is a full object id of the repository at `top`."""
        self.top = top
        self.commit = commit

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Every path of the commit that is not a folder, from the repository's top."""
        out = run_git(self.top, "ls-tree", "-r", "-z", "--full-tree", self.commit)
        entries: dict[str, Entry] = {}
        for line in out.decode("utf-8", "surrogateescape").split("\0"):
            if not line:
                continue
            meta, path = line.split("\t", 1)
            mode, _, oid = meta.split(" ")
            entries[path] = Entry(mode, oid)
        return entries

    @cached_property
    def folders(self) -> frozenset[str]:
        """Every folder of the commit (a path with entries below it)."""
        found: set[str] = set()
        for path in self.entries:
            parent = PurePosixPath(path).parent
            while str(parent) != "." and str(parent) not in found:
                found.add(str(parent))
                parent = parent.parent
        return frozenset(found)

    def kind(self, path: str) -> str | None:
        """What `path` is in the commit (`a file`, `a folder`, `a symbolic link` …), or None."""
        entry = self.entries.get(path)
        if entry is not None:
            return entry.kind
        return FOLDER if path in self.folders else None

    def blocked_by(self, path: str) -> tuple[str, str] | None:
        """The folder of `path` that is not a folder in the commit, and what it is instead."""
        parent = PurePosixPath(path).parent
        while str(parent) != ".":
            entry = self.entries.get(str(parent))
            if entry is not None:
                return str(parent), entry.kind
            parent = parent.parent
        return None

    def read(self, path: str) -> bytes | None:
        """A regular file's content; None for a path that is absent or not a regular file."""
        entry = self.entries.get(path)
        if entry is None or not entry.is_file:
            return None
        try:
            return run_git(self.top, "cat-file", "blob", entry.oid)
        except GitError:
            return None

    def materialize(self, prefix: str, names: list[str], dest: Path) -> int:
        """Write the regular files at or under `prefix + name` for each name into `dest`.

        Paths keep their place below `prefix` (the register folder). Links, submodule
        entries and names that could leave `dest` are never written. A file larger than
        the loader accepts is written cut at one byte more, so that the loader reports
        it as too large without the pull request filling the disk. Returns how many
        files were written.
        """
        wanted: list[tuple[str, Entry]] = []
        for path, entry in self.entries.items():
            if not entry.is_file or not path.startswith(prefix):
                continue
            relative = path[len(prefix) :]
            inside = any(relative == name or relative.startswith(f"{name}/") for name in names)
            if inside and _safe(relative):
                wanted.append((relative, entry))
        if not wanted:
            return 0
        with subprocess.Popen(
            ["git", "-C", str(self.top), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as git:
            assert git.stdin is not None and git.stdout is not None
            for relative, entry in wanted:
                git.stdin.write(f"{entry.oid}\n".encode())
                git.stdin.flush()
                header = git.stdout.readline().split()
                if len(header) != 3:
                    raise GitError(f"cannot read {prefix}{relative} from {self.commit}")
                size = int(header[2])
                target = dest / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("wb") as out:
                    left, kept = size, MAX_FILE_BYTES + 1
                    while left:
                        chunk = git.stdout.read(min(left, 1 << 16))
                        if not chunk:
                            raise GitError(f"cannot read {prefix}{relative} from {self.commit}")
                        if kept > 0:
                            out.write(chunk[:kept])
                            kept -= len(chunk)
                        left -= len(chunk)
                git.stdout.read(1)  # the newline after the content
            git.stdin.close()
        return len(wanted)


def _safe(relative: str) -> bool:
    """A relative path of plain names: nothing that climbs out of the folder it is written to."""
    parts = relative.split("/")
    return all(part not in ("", ".", "..", ".git") for part in parts)
